// The JSON network format: exact round trips, defaults, and the documented example.
#include <catch2/catch.hpp>

#include "flows/stages/demo_network.hpp"
#include "flows/formats/network_json.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

TEST_CASE("write then read gives the same network, field for field", "[flows][json]") {
  std::vector<model::Network> networks = {flows::demo_network(), test::random_network(5, 20, 0.3, 9)};
  // Every kind of source, per-neuron parameters, dense delays and explicit sign modes.
  model::Network varied = test::one_layer(2, 3, {{1, 7}, {}});
  varied.populations[0].lif.bias_mant = model::PerNeuron<int32_t>(std::vector<int32_t>{-4096, 0, 4095});
  varied.populations[0].lif.bias_exp = model::PerNeuron<int32_t>(std::vector<int32_t>{-12, 0, 7});
  varied.populations[0].lif.v_init = model::PerNeuron<int32_t>(std::vector<int32_t>{-8388607, 1, 8388607});
  varied.populations[0].lif.u_init = 8388608;
  model::SpikeSource b;
  b.name = "bern";
  b.size = 4;
  b.kind = model::SourceKind::Bernoulli;
  b.p = 0.1234567890123;
  b.seed = 18446744073709551ULL;
  varied.sources.push_back(b);
  model::SpikeSource p = b;
  p.name = "pois";
  p.kind = model::SourceKind::Poisson;
  p.p = 0;
  p.rate_hz = 12.5;
  p.dt_ms = 0.1;
  varied.sources.push_back(p);
  model::Projection d;
  d.name = "dense";
  d.pre = "bern";
  d.post = "out";
  d.kind = model::ProjectionKind::Dense;
  d.weights = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -300};
  d.delays = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 62};
  d.weight_exp = -8;
  d.num_weight_bits = 3;
  d.sign_mode = model::SignMode::Mixed;
  varied.projections.push_back(d);
  varied.probes.push_back({"out", false, true, true, {2, 0}});
  networks.push_back(varied);

  for (const model::Network& net : networks) {
    INFO(net.name);
    const std::string text = flows::network_to_json(net).dump(1);
    const model::Network back = flows::network_from_json_text(text, "roundtrip.json");
    CHECK(back == net);
    CHECK(flows::network_to_json(back).dump(1) == text);  // and byte-identical again
  }
}

TEST_CASE("omitted fields take their documented defaults", "[flows][json]") {
  const std::string text = R"({"format": "axomesh-network", "version": 1,
    "populations": [{"name": "a", "size": 2}],
    "sources": [{"name": "s", "size": 2, "kind": "raster", "spike_times": [[0], [1]]}],
    "projections": [{"pre": "s", "post": "a", "kind": "dense", "weights": [[1, 2], [3, 4]]}]})";
  const model::Network net = flows::network_from_json_text(text, "defaults.json");
  const model::Population& a = net.populations.at(0);
  CHECK(a.lif.du.values() == std::vector<int32_t>{0});
  CHECK(a.lif.dv.values() == std::vector<int32_t>{0});
  CHECK(a.lif.vth.values() == std::vector<int32_t>{10});
  CHECK(a.lif.bias_mant.values() == std::vector<int32_t>{0});
  const model::Projection& p = net.projections.at(0);
  CHECK(p.name == "s_to_a");
  CHECK(p.delay == 0);
  CHECK(p.weight_exp == 0);
  CHECK(p.num_weight_bits == 8);
  CHECK(p.sign_mode == model::SignMode::Auto);
  CHECK(p.weights == std::vector<int32_t>{1, 2, 3, 4});  // rows are post-synaptic neurons
  CHECK(net.probes.empty());
}

TEST_CASE("the complete example of docs/network-format.md loads", "[flows][json][docs]") {
  const std::string doc = test::read_file(std::string(AXOMESH_TEST_DATA) + "/../../docs/network-format.md");
  const std::string begin = "```json\n";
  const auto start = doc.find(begin);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + begin.size());
  const model::Network net = flows::network_from_json_text(doc.substr(start + begin.size(), end - start - begin.size()),
                                                           "docs/network-format.md");
  CHECK(net.populations.size() == 2);
  CHECK(net.sources.size() == 2);
  CHECK(net.projections.size() == 3);
  CHECK(net.probes.size() == 2);
}
