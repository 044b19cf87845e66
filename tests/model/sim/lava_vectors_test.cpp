// Every value of every Lava reference trace (../shared/vectors/lava, copies in
// tests/data/lava): spikes, u, v and the Dense output received by the LIF, at every step
// of every neuron, and the effective weights after Lava's clip and truncate.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "model/sim/network_sim.hpp"
#include "lava_case.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

TEST_CASE("NetworkSim reproduces every Lava reference trace exactly", "[model][lava]") {
  const auto files = test::data_files("lava", ".json");
  REQUIRE(files.size() >= 19);
  for (const std::string& file : files) {
    const json c = json::parse(test::read_file(file));
    INFO("case " << c["case"].get<std::string>());
    const model::Network net = test::lava_case_network(c);
    model::NetworkSim sim(net);
    const auto steps = c["num_steps"].get<uint64_t>();
    const json& spikes = c["spikes"];
    const json& u = c["u"];
    const json& v = c["v"];
    const bool has_input = c.contains("a_in_received_by_lif") && !c["a_in_received_by_lif"].is_null();
    const uint32_t size = net.populations[0].size;
    REQUIRE(spikes.size() == steps);
    for (uint64_t t = 0; t < steps; ++t) {
      sim.step();
      std::vector<int> spiked(size, 0);
      for (uint32_t n : sim.spiked(0)) spiked[n] = 1;
      for (uint32_t n = 0; n < size; ++n) {
        INFO("step " << t << " neuron " << n);
        REQUIRE(sim.u(0)[n] == u[t][n].get<int64_t>());
        REQUIRE(sim.v(0)[n] == v[t][n].get<int64_t>());
        REQUIRE(spiked[n] == spikes[t][n].get<int>());
        if (has_input) REQUIRE(sim.input(0, n) == c["a_in_received_by_lif"][t][n].get<int64_t>());
      }
    }
    // The recorded trace agrees with the per-step state read above.
    const model::SpikeTrace& trace = sim.trace();
    REQUIRE(trace.steps == steps);
    uint64_t expected_spikes = 0;
    for (const json& row : spikes)
      for (const json& s : row) expected_spikes += s.get<uint64_t>();
    REQUIRE(trace.spikes.at(0).count() == expected_spikes);
    REQUIRE(sim.stats().total().spikes == expected_spikes);
  }
}

TEST_CASE("Effective weights match Lava's clip and truncate", "[model][lava]") {
  int checked = 0;
  for (const std::string& file : test::data_files("lava", ".json")) {
    const json c = json::parse(test::read_file(file));
    if (c["dense_params_as_passed"].is_null()) continue;
    INFO("case " << c["case"].get<std::string>());
    const json& dense = c["dense_params_as_passed"];
    std::vector<int32_t> raw;
    for (const json& row : dense["weights"])
      for (const json& w : row) raw.push_back(w.get<int32_t>());
    const auto mode = model::loihi::resolve_sign_mode(model::SignMode::Auto, raw);
    const int bits = dense.value("num_weight_bits", 8);
    std::size_t k = 0;
    for (const json& row : c["dense_weights_after_lava_clip_truncate"])
      for (const json& w : row) REQUIRE(model::loihi::effective_weight(raw[k++], mode, bits) == w.get<int32_t>());
    ++checked;
  }
  REQUIRE(checked >= 8);
}
