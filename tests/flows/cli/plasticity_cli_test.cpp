// Plasticity through the command line: axomesh simulate writes the learned weights and
// counts synaptic updates, axomesh rtl and cosim refuse plastic synapses naming block and core,
// and the energy model prices synaptic updates with the target's figures.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "model/sim/network_sim.hpp"
#include "targets/energy_model.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

// random_network with its input projection made plastic (one delay for all synapses).
model::Network plastic_random_network() {
  model::Network net = test::random_network(4, 16, 0.2, 0);
  model::Projection& input = net.projections[0];
  input.delays.clear();
  input.delay = 1;
  model::LearningRule rule;
  rule.pre_impulse = 40;
  rule.pre_decay = 800;
  rule.post_impulse = 40;
  rule.post_decay = 800;
  rule.a_x1_y0 = 6;
  rule.a_y1_x0 = -5;
  rule.shift = 5;
  input.learning = rule;
  return net;
}

}  // namespace

TEST_CASE("axomesh simulate writes the learned weights and counts synaptic updates", "[flows][cli][plasticity]") {
  const std::string dir = test::temporary_folder("simulate-plastic");
  const model::Network net = plastic_random_network();
  flows::save_network(net, dir + "/net.json");
  const auto run = test::run_cli("simulate " + dir + "/net.json --steps 200 --weights " + dir + "/w.json --stats " +
                                 dir + "/stats.json");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  model::NetworkSim sim(net);
  sim.run(200);
  const auto weights = nlohmann::json::parse(test::read_file(dir + "/w.json"));
  CHECK(weights["format"] == "axomesh-weights");
  REQUIRE(weights["projections"].size() == 1);
  CHECK(weights["projections"][0]["name"] == net.projections[0].name);
  CHECK(weights["projections"][0]["weights"].get<std::vector<int32_t>>() == sim.learned_weights(0));
  CHECK(sim.learned_weights(0) != net.projections[0].weights);
  const auto stats = nlohmann::json::parse(test::read_file(dir + "/stats.json"));
  CHECK(stats["total"]["synaptic_updates"].get<uint64_t>() == sim.stats().total().synaptic_updates);
  CHECK(sim.stats().total().synaptic_updates > 0);
}

TEST_CASE("axomesh rtl and cosim refuse a mapped network with plastic synapses, naming block and core",
          "[flows][cli][rtl][cosim][plasticity]") {
  const std::string dir = test::temporary_folder("rtl-plastic");
  flows::save_network(plastic_random_network(), dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target tiny-2x2 --out " + dir + "/mapped");
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  const auto rtl = test::run_cli("rtl " + dir + "/mapped");
  CHECK(rtl.exit_code != 0);
  CHECK_THAT(rtl.output, Catch::Contains("core ") &&
                             Catch::Contains("uses the plasticity (STDP) block, which the generated RTL has no "
                                             "datapath for") &&
                             Catch::Contains("[RTL-0103]"));
  CHECK(!std::filesystem::exists(dir + "/mapped/rtl_out"));
  // cosim refuses it the same way, before any build: its cache folder is never made.
  const auto cosim = test::run_cli("cosim " + dir + "/mapped --steps 5 --cache " + dir + "/cache");
  INFO(cosim.output);
  CHECK(cosim.exit_code == 2);
  CHECK_THAT(cosim.output, Catch::Contains("chip_image.json: /cores/") &&
                               Catch::Contains("uses the plasticity (STDP) block, which the generated RTL has no "
                                               "datapath for") &&
                               Catch::Contains("[RTL-0103]"));
  CHECK(!std::filesystem::exists(dir + "/cache"));
  CHECK(!std::filesystem::exists(dir + "/mapped/cosim.json"));
}

TEST_CASE("synaptic updates cost the target's synaptic_update energy and time", "[targets][energy][plasticity]") {
  // Loihi 1 (Davies et al. 2018, Table 2): 120 pJ and 6.1 ns per synaptic update.
  const targets::Target loihi1 = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi1.json");
  model::ChipImage image;
  image.geometry = {8, 4, 4};
  image.cores.resize(image.geometry.core_count());
  image.cores[0].neurons.resize(1);
  model::ActivityStats stats(std::vector<std::string>(image.cores.size(), "core"));
  stats.begin_step();
  stats.current(0).synaptic_updates = 10;
  const auto e = targets::estimate(stats, image, loihi1);
  CHECK(e.total[targets::Operation::SynapticUpdate] == Approx(10 * 120e-12).epsilon(1e-12));
  CHECK(e.total.dynamic() == Approx(10 * 120e-12).epsilon(1e-12));
  CHECK(e.per_step[0].critical_core_seconds == Approx(10 * 6.1e-9).epsilon(1e-12));
}
