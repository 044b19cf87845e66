// Truenorth cores in the chip image format: a mapped image survives write then read value
// for value (and runs the same), bad truenorth fields give precise errors, and axomesh
// rtl and cosim refuse an image with truenorth cores, naming the block and the first such core.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

// in (4 raster sources) -> a (300 neurons, stochastic thresholds) <-> b (10); the
// neurons of a reach both b and a's two cores, so a has splitters.
model::Network small_truenorth_network() {
  model::Network net = test::one_layer(4, 1, {{0, 2, 5}, {1, 7}, {3}, {0, 4, 9}});
  net.name = "tn-image";
  auto population = [](const std::string& name, uint32_t size) {
    model::Population p;
    p.name = name;
    p.size = size;
    p.model = model::NeuronModel::TrueNorth;
    p.seed = 77;
    p.tn.weight[0] = model::PerNeuron<int32_t>(3);
    p.tn.weight[1] = model::PerNeuron<int32_t>(-2);
    p.tn.threshold = model::PerNeuron<int32_t>(2);
    p.tn.threshold_mask_bits = model::PerNeuron<int32_t>(size > 100 ? 1 : 0);
    p.tn.leak = model::PerNeuron<int32_t>(-1);
    return p;
  };
  net.populations = {population("a", 300), population("b", 10)};
  auto add = [&](const std::string& name, const std::string& pre, const std::string& post, uint32_t pre_size,
                 uint32_t step, uint32_t post_size, uint32_t delay, uint8_t type) {
    model::Projection p = test::sparse_projection(name, pre, post);
    for (uint32_t i = 0; i < pre_size; ++i) {
      p.pre_index.push_back(i);
      p.post_index.push_back((i * step) % post_size);
      p.weights.push_back(1);
    }
    p.delay = delay;
    p.axon_types = {type};
    net.projections.push_back(p);
  };
  add("in_to_a", "in", "a", 4, 70, 300, 0, 0);
  add("a_to_b", "a", "b", 300, 1, 10, 2, 0);
  add("a_to_a", "a", "a", 100, 131, 300, 1, 0);  // from a's first 100 neurons
  add("b_to_a", "b", "a", 10, 29, 300, 3, 1);
  return net;
}

// small_truenorth_network with an adaptive threshold on b (10 neurons): MAP-0006 keeps it
// whole on one truenorth core, so b is fed by a's first 100 neurons only (one axon each;
// all 300 would not fit a core's 256 axons).
model::Network adaptive_truenorth_network() {
  model::Network net = small_truenorth_network();
  for (model::Projection& p : net.projections) {
    if (p.name != "a_to_b") continue;
    p.pre_index.resize(100);
    p.post_index.resize(100);
    p.weights.resize(100);
  }
  model::AdaptiveThresholdParams adaptation;
  adaptation.gamma = -2048;         // -8.0 in Q8.8: firing above the target lowers the threshold
  adaptation.target_rate = 6554;    // 0.1 spikes per neuron and step
  adaptation.initial_rate = 6554;
  adaptation.ema_shift = 2;
  net.populations[1].adaptive_threshold = adaptation;
  // A threshold that inputs of 3 must add up to reach: a lowered threshold fires earlier.
  net.populations[1].tn.threshold = model::PerNeuron<int32_t>(5);
  return net;
}

// ChipSim on `image` spikes exactly like NetworkSim on `net`, every step; returns the spikes.
uint64_t check_chip_equals_network(const model::Network& net, const model::ChipImage& image, uint64_t steps) {
  model::NetworkSim reference(net);
  model::ChipSim chip(image);
  uint64_t spikes = 0;
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
      INFO("step " << t << " population " << net.populations[p].name);
      REQUIRE(chip.spiked(p) == reference.spiked(p));
      spikes += reference.spiked(p).size();
    }
  }
  return spikes;
}

targets::Target truenorth_4x4() {
  return flows::load_target(std::string(AXOMESH_TEST_DATA) + "/targets/truenorth-4x4.json");
}

}  // namespace

TEST_CASE("a chip image with truenorth cores survives write then read", "[flows][json][truenorth]") {
  const model::Network net = small_truenorth_network();
  const targets::Target target = truenorth_4x4();
  const mapper::MappingResult mapped = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
  REQUIRE(mapped.metrics.splitter_neurons > 0);
  const std::string text = flows::chip_image_to_text(mapped.image);
  CHECK(text.find("\"model\": \"truenorth\"") != std::string::npos);
  const model::ChipImage back = flows::chip_image_from_json_text(text, "img.json");
  CHECK(back == mapped.image);
  CHECK(flows::chip_image_to_text(back) == text);
  // The image read back runs exactly as the one mapped.
  model::ChipSim a(mapped.image), b(back);
  for (int t = 0; t < 30; ++t) {
    a.step();
    b.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) REQUIRE(a.spiked(p) == b.spiked(p));
  }
}

TEST_CASE("bad truenorth fields of a chip image give precise errors", "[flows][json][truenorth][errors]") {
  const model::Network net = small_truenorth_network();
  const targets::Target target = truenorth_4x4();
  const model::ChipImage image =
      mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Baseline).image;
  const std::string text = flows::chip_image_to_text(image);
  auto error = [&](const std::string& from, const std::string& to) {
    return test::input_error_message(
        [&] { flows::chip_image_from_json_text(test::replaced(text, from, to), "img.json"); });
  };
  // Baseline: a's two blocks on cores 0 and 1. A weight of 3 becomes 300 (9-bit range).
  CHECK_THAT(error("[3,-2,0,0,", "[300,-2,0,0,"),
             Catch::Contains("/cores/0/truenorth/neurons/0/0: expected an integer in -255..255, found 300 [IMG-0101]"));
  CHECK_THAT(error("\"axon_types\": [", "\"axon_types\": [0,"),
             Catch::Contains("/cores/0/truenorth/axon_types: expected one axon type per input axon") &&
                 Catch::Contains("[IMG-0103]"));
  CHECK_THAT(error("\"lfsr_state\": " + std::to_string(image.cores[0].truenorth.lfsr_state), "\"lfsr_state\": 0"),
             Catch::Contains("/cores/0/truenorth/lfsr_state: expected an integer in 1..4294967295, found 0 [IMG-0101]"));
  CHECK_THAT(error("\"model\": \"truenorth\"", "\"model\": \"loihi_lif\""),
             Catch::Contains("/cores/0/truenorth: expected no truenorth fields on a loihi_lif core [IMG-0110]"));
}

TEST_CASE("an adaptive truenorth population's image survives write then read, and runs like NetworkSim",
          "[flows][json][truenorth][adaptive]") {
  const model::Network net = adaptive_truenorth_network();
  model::Network still = net;
  still.populations[1].adaptive_threshold.reset();
  model::NetworkSim with(net), without(still);
  with.run(60);
  without.run(60);
  REQUIRE(with.stats().total().spikes != without.stats().total().spikes);  // the adaptation matters

  const targets::Target target = truenorth_4x4();
  const mapper::MappingResult mapped = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
  const model::NeuronAddress first = mapped.image.population_addresses[1][0];
  REQUIRE(mapped.image.cores[first.core].model == model::NeuronModel::TrueNorth);
  REQUIRE(mapped.image.cores[first.core].adaptive.size() == 1);
  CHECK(mapped.image.cores[first.core].adaptive[0].count == 10);
  const std::string text = flows::chip_image_to_text(mapped.image);
  const model::ChipImage back = flows::chip_image_from_json_text(text, "img.json");
  CHECK(back == mapped.image);
  // Every step the same spikes, so the adapted ones, not those of the network without it.
  const uint64_t spikes = check_chip_equals_network(net, back, 60);
  CHECK(spikes == with.stats().total().spikes);
  CHECK(spikes != without.stats().total().spikes);
}

TEST_CASE("axomesh map maps an adaptive truenorth population, and its image runs like NetworkSim",
          "[flows][cli][truenorth][adaptive]") {
  const std::string dir = test::temporary_folder("map-truenorth-adaptive");
  const model::Network net = adaptive_truenorth_network();
  flows::save_network(net, dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target truenorth --out " + dir + "/mapped");
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  CHECK_THAT(map.output, !Catch::Contains("IMG-0121"));
  const model::ChipImage image = flows::load_chip_image(dir + "/mapped/chip_image.json");
  CHECK(check_chip_equals_network(net, image, 60) > 0);
}

TEST_CASE("axomesh rtl and cosim refuse an image with truenorth cores, naming the block and the first core",
          "[flows][cli][rtl][cosim][truenorth]") {
  const std::string dir = test::temporary_folder("rtl-truenorth");
  flows::save_network(small_truenorth_network(), dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target truenorth --out " + dir + "/mapped");
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  CHECK_THAT(map.output, Catch::Contains("splitter neurons"));
  const model::ChipImage image = flows::load_chip_image(dir + "/mapped/chip_image.json");
  uint32_t first = 0;
  while (image.cores[first].model != model::NeuronModel::TrueNorth) ++first;
  const std::string refusal = "/cores/" + std::to_string(first) + ": core " + std::to_string(first) +
                              " uses the truenorth neuron block, which the generated RTL has no datapath for";
  const auto rtl = test::run_cli("rtl " + dir + "/mapped");
  CHECK(rtl.exit_code == 2);
  CHECK_THAT(rtl.output, Catch::Contains(refusal) && Catch::Contains("[RTL-0103]"));
  // cosim refuses it the same way, before any build: its cache folder is never made.
  const auto cosim = test::run_cli("cosim " + dir + "/mapped --steps 5 --cache " + dir + "/cache");
  INFO(cosim.output);
  CHECK(cosim.exit_code == 2);
  CHECK_THAT(cosim.output, Catch::Contains(refusal) && Catch::Contains("[RTL-0103]"));
  CHECK(!std::filesystem::exists(dir + "/cache"));
}
