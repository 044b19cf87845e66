// Every value of every Lava reference trace (../shared/vectors/lava, copies in
// tests/data/lava): spikes, u, v and the Dense output received by the LIF, at every step
// of every neuron, and the effective weights after Lava's clip and truncate.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "model/network_sim.hpp"
#include "test_support.hpp"

using namespace spikeforge;
using nlohmann::json;

namespace {

model::PerNeuron<int32_t> lava_param(const json& params, const char* key, int32_t fallback) {
  if (!params.contains(key)) return model::PerNeuron<int32_t>(fallback);
  const json& v = params[key];
  if (v.is_array()) return model::PerNeuron<int32_t>(v.get<std::vector<int32_t>>());
  return model::PerNeuron<int32_t>(v.get<int32_t>());
}

// The Lava case as a Network: RingBuffer raster -> Dense -> LIF, probing everything.
model::Network network_of_case(const json& c) {
  const json& lif = c["lif_params_as_passed"];
  model::Network net;
  net.name = c["case"].get<std::string>();
  model::Population pop;
  pop.name = "lif";
  pop.size = lif["shape"][0].get<uint32_t>();
  pop.lif.du = lava_param(lif, "du", 0);
  pop.lif.dv = lava_param(lif, "dv", 0);
  pop.lif.vth = lava_param(lif, "vth", 10);
  pop.lif.bias_mant = lava_param(lif, "bias_mant", 0);
  pop.lif.bias_exp = lava_param(lif, "bias_exp", 0);
  pop.lif.u_init = lava_param(lif, "u", 0);
  pop.lif.v_init = lava_param(lif, "v", 0);
  net.populations.push_back(pop);

  if (!c["input_raster"].is_null()) {
    // Raster column k is sent by the RingBuffer in (0-based) step k.
    const json& raster = c["input_raster"];
    model::SpikeSource src;
    src.name = "input";
    src.size = static_cast<uint32_t>(raster.size());
    src.kind = model::SourceKind::Raster;
    for (const json& row : raster) {
      std::vector<uint32_t> times;
      for (uint32_t k = 0; k < row.size(); ++k)
        if (row[k].get<int>() != 0) times.push_back(k);
      src.spike_times.push_back(times);
    }
    net.sources.push_back(src);

    const json& dense = c["dense_params_as_passed"];
    model::Projection proj;
    proj.name = "dense";
    proj.pre = "input";
    proj.post = "lif";
    proj.kind = model::ProjectionKind::Dense;
    for (const json& row : dense["weights"])
      for (const json& w : row) proj.weights.push_back(w.get<int32_t>());
    proj.weight_exp = dense.value("weight_exp", 0);
    proj.num_weight_bits = dense.value("num_weight_bits", 8);
    net.projections.push_back(proj);
  }
  net.probes.push_back({"lif", true, true, true, {}});
  return net;
}

}  // namespace

TEST_CASE("NetworkSim reproduces every Lava reference trace exactly", "[model][lava]") {
  const auto files = test::data_files("lava", ".json");
  REQUIRE(files.size() >= 19);
  for (const std::string& file : files) {
    const json c = json::parse(test::read_file(file));
    INFO("case " << c["case"].get<std::string>());
    const model::Network net = network_of_case(c);
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
