// Adaptive thresholds and short-term depression through the whole chain: NetworkSim's
// depressing delivery against the Tsodyks-Markram recursion computed here, the chip image
// (adaptive groups, per-axon depression), ChipSim == NetworkSim on random networks using
// both, and the mapper's refusals.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"

using namespace axomesh;

namespace {

targets::Target target_named(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

// Spikes and u, v equal at every step; synaptic operations and spikes equal in total.
void require_equal_runs(const model::Network& net, const model::ChipImage& image, uint64_t steps) {
  model::NetworkSim reference(net);
  model::ChipSim chip(image);
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
      INFO("step " << t << " population " << net.populations[p].name);
      REQUIRE(chip.spiked(p) == reference.spiked(p));
      for (uint32_t n = 0; n < net.populations[p].size; ++n) {
        REQUIRE(chip.u(p, n) == reference.u(p)[n]);
        REQUIRE(chip.v(p, n) == reference.v(p)[n]);
      }
    }
  }
  uint64_t ops = 0;
  for (std::size_t c = 0; c < chip.stats().units(); ++c) ops += chip.stats().total(c).synaptic_ops;
  CHECK(ops == reference.stats().total().synaptic_ops);
  CHECK(chip.stats().total().spikes == reference.stats().total().spikes);
}

// The Tsodyks-Markram recursion of docs/network-format.md, written out again: Q16
// resources R, table E[dt] = round(65536 e^{-dt/tau}), rounding half up everywhere.
struct DepressionByHand {
  double u, tau;
  int64_t resources = 65536;
  int64_t last = -1;
  int64_t release(int64_t step) {
    if (last >= 0) {
      const auto e = static_cast<int64_t>(std::lround(65536.0 * std::exp(-double(step - last) / tau)));
      resources = 65536 - (((65536 - resources) * e + 32768) >> 16);
    }
    const auto q16 = static_cast<int64_t>(std::lround(u * 65536.0));
    const int64_t released = (resources * q16 + 32768) >> 16;
    resources -= released;
    last = step;
    return released;
  }
};

// A random recurrent network (tests/network_builders.hpp) whose population adapts its
// threshold and whose input and first recurrent projection depress.
model::Network dynamic_network(uint64_t seed) {
  const uint32_t size = 10 + static_cast<uint32_t>(seed % 5) * 4;
  model::Network net = test::random_network(seed, size, 0.08, uint32_t(seed % 3) * 5);
  std::mt19937_64 rng(seed * 7919);
  auto pick = [&](int64_t lo, int64_t hi) { return static_cast<int32_t>(std::uniform_int_distribution<int64_t>(lo, hi)(rng)); };
  net.populations[0].adaptive_threshold =
      model::AdaptiveThresholdParams{pick(-768, 768), pick(0, 20000), pick(0, 6), pick(0, 30000)};
  net.projections[0].short_term_depression =
      model::DepressionParams{static_cast<uint32_t>(pick(3000, 65536)), static_cast<uint32_t>(pick(1, 40)), pick(1, 4)};
  net.projections[1].short_term_depression =
      model::DepressionParams{static_cast<uint32_t>(pick(3000, 65536)), static_cast<uint32_t>(pick(1, 40)), 1};
  return net;
}

}  // namespace

TEST_CASE("a depressing projection delivers A w U R, with R recovering between spikes", "[model][depression]") {
  // One source spiking at steps 0, 1, 2, 5 and 30 into two neurons with weights 100 and
  // 60; U = 0.5, tau_rec = 4 steps, A = 3. A spike at step s arrives in step s + 1.
  model::Network net = test::one_layer(1, 2, {{0, 1, 2, 5, 30}});
  model::Projection p = test::sparse_projection("p", "in", "out");
  p.pre_index = {0, 0};
  p.post_index = {0, 1};
  p.weights = {100, 60};
  p.short_term_depression = model::DepressionParams{32768, 4, 3};
  net.projections.push_back(p);
  model::NetworkSim sim(net);
  DepressionByHand by_hand{0.5, 4.0};
  const std::vector<int64_t> arrivals{1, 2, 3, 6, 31};
  std::size_t next = 0;
  std::vector<int64_t> released;
  for (int64_t t = 0; t < 40; ++t) {
    sim.step();
    INFO("step " << t);
    if (next < arrivals.size() && arrivals[next] == t) {
      const int64_t r = by_hand.release(t);
      released.push_back(r);
      CHECK(sim.input(0, 0) == (3 * 100 * r + 32768) >> 16);
      CHECK(sim.input(0, 1) == (3 * 60 * r + 32768) >> 16);
      ++next;
    } else {
      CHECK(sim.input(0, 0) == 0);
      CHECK(sim.input(0, 1) == 0);
    }
  }
  // The recursion itself, by hand: R = 1 releases 0.5 (32768); one step later R =
  // 1 - 0.5 * e^{-1/4} = 0.6106 releases 0.3053 (20008 in Q16); after the long pause
  // release is back near U.
  CHECK(released[0] == 32768);
  CHECK(std::abs(released[1] - 20008) <= 1);
  CHECK(released[4] >= 32700);
}

TEST_CASE("adaptive and depressing networks map and ChipSim equals NetworkSim", "[mapper][chipsim][adaptive][depression]") {
  int mapped = 0, adapted = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const model::Network net = dynamic_network(seed);
    // The adaptation must matter: without it the spikes differ.
    model::Network still = net;
    still.populations[0].adaptive_threshold.reset();
    model::NetworkSim with(net), without(still);
    with.run(150);
    without.run(150);
    if (with.stats().total().spikes != without.stats().total().spikes) ++adapted;
    for (const char* name : {"loihi1", "loihi2-mini", "tiny-2x2"}) {
      const targets::Target target = target_named(name);
      for (auto strategy : {mapper::Strategy::Graph, mapper::Strategy::Baseline}) {
        INFO("seed " << seed << " target " << name);
        mapper::MappingResult result;
        try {
          result = mapper::map_network(net, target, mapper::legalize(net, target), strategy);
        } catch (const model::InputError& e) {
          // Only the tiny target may be too small, and then it says why.
          REQUIRE(std::string(name) == "tiny-2x2");
          CHECK(std::string(e.what()).find("MAP-0") != std::string::npos);
          continue;
        }
        // The population's neurons form one adaptive group on one core.
        const auto& addresses = result.image.population_addresses[0];
        const model::CoreImage& core = result.image.cores[addresses[0].core];
        REQUIRE(core.adaptive.size() == 1);
        CHECK(core.adaptive[0].count == net.populations[0].size);
        CHECK(core.adaptive[0].params == *net.populations[0].adaptive_threshold);
        std::size_t depressing = 0;
        for (const model::CoreImage& c : result.image.cores)
          for (const model::DepressionParams& d : c.axon_depression) depressing += d.utilization != 0;
        CHECK(depressing > 0);
        require_equal_runs(net, result.image, 150);
        ++mapped;
      }
    }
  }
  CHECK(mapped >= 32);
  CHECK(adapted >= 6);
}

TEST_CASE("an adaptive population larger than a core is refused, naming it and the excess", "[mapper][errors][adaptive]") {
  model::Network net = test::random_network(3, 20, 0.05, 0);  // tiny-2x2 cores hold 16 neurons
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{256, 1000, 2, 1000};
  const targets::Target tiny = target_named("tiny-2x2");
  CHECK_THROWS_WITH(mapper::legalize(net, tiny),
                    Catch::Contains("/populations/0/adaptive_threshold: population \"net\" has an adaptive threshold, "
                                    "so its 20 neurons must sit on one core") &&
                        Catch::Contains("they need 20 neurons, a core of tiny-2x2 has 16 (over by 4) [MAP-0006]"));
  // A given mapping that splits it is refused by encode.
  net = test::random_network(3, 12, 0.05, 0);
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{256, 1000, 2, 1000};
  std::vector<std::vector<uint32_t>> cores{std::vector<uint32_t>(12, 0)};
  cores[0][11] = 3;
  CHECK_THROWS_WITH(mapper::map_given(net, tiny, cores),
                    Catch::Contains("must sit on one core (the rate needs all their spikes); the mapping places them "
                                    "on cores 0, 3 [MAP-0303]"));
  cores[0][11] = 0;
  CHECK_NOTHROW(mapper::map_given(net, tiny, cores));
}

TEST_CASE("a depressing projection into a truenorth population is refused", "[model][errors][depression]") {
  model::Network net;
  model::SpikeSource src;
  src.name = "in";
  src.size = 1;
  src.spike_times = {{0}};
  net.sources.push_back(src);
  model::Population pop;
  pop.name = "tn";
  pop.size = 1;
  pop.model = model::NeuronModel::TrueNorth;
  net.populations.push_back(pop);
  model::Projection p = test::sparse_projection("p", "in", "tn");
  p.pre_index = {0};
  p.post_index = {0};
  p.weights = {1};
  p.short_term_depression = model::DepressionParams{0, 0, 300};
  net.projections.push_back(p);
  CHECK_THROWS_WITH(model::NetworkSim(net),
                    Catch::Contains("/projections/0/short_term_depression: expected no short_term_depression (\"tn\" is "
                                    "a truenorth population, whose synapses are crossbar bits) [NET-0110]") &&
                        Catch::Contains("/projections/0/short_term_depression/U: expected an integer in 1..65536, found 0") &&
                        Catch::Contains("/projections/0/short_term_depression/tau_rec: expected an integer in 1..4096, found 0") &&
                        Catch::Contains("/projections/0/short_term_depression/A: expected an integer in 1..255, found 300"));
}
