// Truenorth networks on TrueNorth-class targets: the mapper's invariants with splitter
// neurons (every neuron placed once, capacities, one destination per neuron, every
// crossbar bit reachable exactly once through the routes and relay trees, with its type
// and its delay restored), and ChipSim == NetworkSim, spikes and V, every step --
// deterministic and stochastic neurons, several populations, recurrence.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"

using namespace axomesh;

namespace {

targets::Target test_target(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TEST_DATA) + "/targets/" + name + ".json");
}
targets::Target shipped_target(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

model::Population truenorth_population(const std::string& name, uint32_t size, bool stochastic, std::mt19937_64& rng) {
  auto pick = [&](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  auto per_neuron = [&](int32_t lo, int32_t hi) {
    std::vector<int32_t> v(size);
    for (int32_t& x : v) x = pick(lo, hi);
    return model::PerNeuron<int32_t>(v);
  };
  model::Population pop;
  pop.name = name;
  pop.size = size;
  pop.model = model::NeuronModel::TrueNorth;
  pop.seed = static_cast<uint64_t>(pick(0, 1 << 30));
  model::TrueNorthParams& tn = pop.tn;
  tn.weight = {per_neuron(2, 8), per_neuron(-5, -1), per_neuron(1, 6), per_neuron(-6, 6)};
  tn.leak = per_neuron(-2, 1);
  tn.leak_reversal = per_neuron(0, 1);
  tn.threshold = per_neuron(3, 10);
  tn.negative_threshold = per_neuron(0, 20);
  tn.reset_potential = per_neuron(-3, 3);
  tn.reset_mode = per_neuron(0, 2);
  tn.negative_saturate = per_neuron(0, 1);
  tn.v_init = per_neuron(-4, 4);
  if (stochastic) {
    tn.stochastic_weight = {per_neuron(0, 1), per_neuron(0, 1), model::PerNeuron<int32_t>(0), per_neuron(0, 1)};
    tn.stochastic_leak = per_neuron(0, 1);
    tn.threshold_mask_bits = per_neuron(0, 3);
  }
  return pop;
}

// Each presynaptic neuron reaches `per_pre` random postsynaptic neurons (with probability
// `coverage` per presynaptic neuron), with an axon type per presynaptic neuron and a delay
// per synapse from `delays`.
model::Projection random_crossbar(const std::string& pre, uint32_t pre_size, const std::string& post, uint32_t post_size,
                                  uint32_t per_pre, double coverage, const std::vector<uint8_t>& delays,
                                  std::mt19937_64& rng) {
  model::Projection p = test::sparse_projection(pre + "_to_" + post, pre, post);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<uint32_t> target(0, post_size - 1);
  std::uniform_int_distribution<std::size_t> delay(0, delays.size() - 1);
  std::uniform_int_distribution<int> type(0, 3);
  for (uint32_t i = 0; i < pre_size; ++i) {
    p.axon_types.push_back(static_cast<uint8_t>(type(rng)));
    if (coin(rng) >= coverage) continue;
    for (uint32_t k = 0; k < per_pre; ++k) {
      p.pre_index.push_back(i);
      p.post_index.push_back(target(rng));
      p.weights.push_back(1);
      p.delays.push_back(delays[delay(rng)]);
    }
  }
  return p;
}

// Input -> a (300 neurons: two blocks, the second partial) <-> b (40), with recurrence in
// both. Fan-in per 256-neuron block stays within 256 axons; many neurons of a and b reach
// several cores, so they need splitters.
model::Network random_truenorth_network(uint64_t seed, bool stochastic) {
  std::mt19937_64 rng(seed);
  model::Network net;
  net.name = "tn-random-" + std::to_string(seed);
  model::SpikeSource in;
  in.name = "in";
  in.size = 24;
  in.kind = model::SourceKind::Bernoulli;
  in.p = 0.3;
  in.seed = seed;
  net.sources.push_back(in);
  net.populations.push_back(truenorth_population("a", 300, stochastic, rng));
  net.populations.push_back(truenorth_population("b", 40, stochastic, rng));
  net.projections.push_back(random_crossbar("in", 24, "a", 300, 8, 1.0, {0, 1}, rng));
  net.projections.push_back(random_crossbar("in", 24, "b", 40, 2, 1.0, {0}, rng));
  net.projections.push_back(random_crossbar("a", 300, "b", 40, 1, 0.5, {2, 3}, rng));
  net.projections.push_back(random_crossbar("b", 40, "a", 300, 8, 1.0, {1, 2}, rng));
  model::Projection aa = random_crossbar("a", 100, "a", 300, 2, 1.0, {2}, rng);  // from a's first 100 neurons
  aa.axon_types.resize(300, 0);
  net.projections.push_back(aa);
  net.projections.push_back(random_crossbar("b", 40, "b", 40, 1, 1.0, {1}, rng));
  return net;
}

// (pre group, pre index, post population, post index, axon type, delay): one per crossbar bit.
using Bit = std::tuple<std::string, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t>;

std::multiset<Bit> network_bits(const model::Network& net) {
  std::multiset<Bit> out;
  for (const model::Projection& p : net.projections) {
    const auto post = static_cast<uint32_t>(*net.find_population(p.post));
    for (std::size_t k = 0; k < p.weights.size(); ++k)
      if (p.weights[k] != 0)
        out.insert({p.pre, p.pre_index[k], post, p.post_index[k], p.axon_type(p.pre_index[k]),
                    p.delays.empty() ? p.delay : p.delays[k]});
  }
  return out;
}

struct Decoded {
  std::multiset<Bit> bits;
  std::map<std::pair<uint32_t, uint32_t>, int> relay_visits;  // (core, neuron) of relays reached
};

// Every crossbar bit the image delivers, following relay trees: a relay adds one step.
Decoded image_bits(const model::ChipImage& image, const model::Network& net) {
  std::map<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, uint32_t>> owner;
  for (uint32_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i)
      owner[{image.population_addresses[p][i].core, image.population_addresses[p][i].neuron}] = {p, i};
  Decoded out;
  std::function<void(const std::string&, uint32_t, const model::FanoutTable&, uint32_t, uint32_t)> follow =
      [&](const std::string& pre, uint32_t index, const model::FanoutTable& table, uint32_t item, uint32_t steps) {
        for (uint32_t k = table.begin[item]; k < table.begin[item + 1]; ++k) {
          const model::Destination& d = table.entries[k];
          const model::CoreImage& core = image.cores[d.core];
          REQUIRE(core.model == model::NeuronModel::TrueNorth);
          const model::AxonEntry& axon = core.axons[d.axon];
          for (uint32_t s = axon.first; s < axon.first + axon.count; ++s) {
            const model::SynapseEntry& syn = core.synapses[s];
            REQUIRE(syn.weight == 1);
            const auto it = owner.find({d.core, syn.neuron});
            if (it == owner.end()) {  // a relay: it forwards one step later
              ++out.relay_visits[{d.core, syn.neuron}];
              REQUIRE(syn.delay == 0);
              follow(pre, index, core.fanout, syn.neuron, steps + 1);
              continue;
            }
            out.bits.insert({pre, index, it->second.first, it->second.second, core.truenorth.axon_types[d.axon],
                             syn.delay + steps});
          }
        }
      };
  for (uint32_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const auto& a = image.population_addresses[p][i];
      follow(net.populations[p].name, i, image.cores[a.core].fanout, a.neuron, 0);
    }
  for (std::size_t s = 0; s < net.sources.size(); ++s)
    for (uint32_t i = 0; i < net.sources[s].size; ++i) follow(net.sources[s].name, i, image.stimulus_fanout[s], i, 0);
  return out;
}

void check_invariants(const mapper::MappingResult& result, const model::Network& net, const targets::Target& target) {
  const model::ChipImage& image = result.image;
  std::set<std::pair<uint32_t, uint32_t>> used;
  uint64_t neurons = 0, slots = 0;
  for (const auto& addresses : image.population_addresses)
    for (const auto& a : addresses) {
      REQUIRE(a.core < image.cores.size());
      REQUIRE(a.neuron < image.cores[a.core].neuron_count());
      REQUIRE(used.insert({a.core, a.neuron}).second);
      ++neurons;
    }
  REQUIRE(neurons == net.neuron_count());
  for (const auto& core : image.cores) {
    slots += core.neuron_count();
    REQUIRE(core.neuron_count() <= target.core.neurons);
    REQUIRE(core.axons.size() <= target.core.input_axons);
    REQUIRE(core.truenorth.axon_types.size() == core.axons.size());
    for (uint32_t n = 0; n < core.neuron_count(); ++n)  // one destination per neuron
      REQUIRE(core.fanout.begin[n + 1] - core.fanout.begin[n] <= 1);
  }
  // The neurons no population owns are the splitters the metrics report, each in one tree.
  REQUIRE(slots == neurons + result.metrics.splitter_neurons);
  const Decoded decoded = image_bits(image, net);
  REQUIRE(decoded.relay_visits.size() == result.metrics.splitter_neurons);
  for (const auto& [relay, visits] : decoded.relay_visits) REQUIRE(visits == 1);
  REQUIRE(decoded.bits == network_bits(net));
}

// Spikes and V of every original neuron every step; the chip's activity counts equal
// those of NetworkSim running the network with its splitters.
void check_equivalence(const model::Network& net, const mapper::AtomNetwork& atoms, const model::ChipImage& image,
                       uint64_t steps) {
  model::NetworkSim reference(net);
  model::ChipSim chip(image);
  uint64_t spikes = 0;
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
      INFO("step " << t << " population " << net.populations[p].name);
      REQUIRE(chip.spiked(p) == reference.spiked(p));
      for (uint32_t n = 0; n < net.populations[p].size; ++n) REQUIRE(chip.v(p, n) == reference.v(p)[n]);
      spikes += reference.spiked(p).size();
    }
  }
  CHECK(spikes > steps);  // the network is active
  model::NetworkSim with_splitters(atoms.split_network ? *atoms.split_network : net);
  with_splitters.run(steps);
  uint64_t ops = 0;
  for (std::size_t c = 0; c < chip.stats().units(); ++c) ops += chip.stats().total(c).synaptic_ops;
  CHECK(ops == with_splitters.stats().total().synaptic_ops);
  CHECK(chip.stats().total().spikes == with_splitters.stats().total().spikes);
  CHECK(chip.stats().total().active_updates == with_splitters.stats().total().active_updates);
}

}  // namespace

TEST_CASE("random truenorth networks map with splitters, and ChipSim equals NetworkSim", "[mapper][truenorth][chipsim]") {
  int mapped = 0;
  for (const targets::Target& target : {test_target("truenorth-4x4"), shipped_target("truenorth")}) {
    for (uint64_t seed = 1; seed <= 3; ++seed)
      for (bool stochastic : {false, true}) {
        const model::Network net = random_truenorth_network(seed, stochastic);
        const mapper::AtomNetwork atoms = mapper::legalize(net, target);
        REQUIRE(atoms.split_network);
        for (auto strategy : {mapper::Strategy::Graph, mapper::Strategy::Baseline}) {
          INFO(target.name << " seed " << seed << (stochastic ? " stochastic" : " deterministic")
                           << (strategy == mapper::Strategy::Graph ? " graph" : " baseline"));
          const mapper::MappingResult result = mapper::map_network(net, target, atoms, strategy);
          CHECK(result.metrics.splitter_neurons > 0);
          CHECK(result.metrics.splitter_cores > 0);
          check_invariants(result, net, target);
          check_equivalence(net, atoms, result.image, 120);
          ++mapped;
        }
      }
  }
  CHECK(mapped == 24);
}

TEST_CASE("a stochastic population keeps each 256-neuron block whole on one core", "[mapper][truenorth]") {
  const model::Network net = random_truenorth_network(5, true);
  const targets::Target target = test_target("truenorth-4x4");
  const mapper::MappingResult result = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
  for (uint32_t p = 0; p < net.populations.size(); ++p)
    for (uint32_t n = 0; n < net.populations[p].size; ++n) {
      const auto& a = result.image.population_addresses[p][n];
      const auto& first = result.image.population_addresses[p][n - n % 256];
      REQUIRE(a.core == first.core);
      REQUIRE(a.neuron == n % 256);  // in order, from the core's first neuron
      // The core's LFSR is the block's generator.
      REQUIRE(result.image.cores[a.core].truenorth.lfsr_state ==
              model::Lfsr32::seeded_state(net.populations[p].seed, n / 256));
    }
}

TEST_CASE("a fan-out beyond a core's neurons takes a splitter tree two levels deep", "[mapper][truenorth]") {
  // One neuron "hub" reaches 64 neurons of "fan" on four 16-neuron cores with five delays:
  // 20 axons, more than the 16 relays a core of truenorth-tiny holds, so two levels.
  std::mt19937_64 rng(11);
  model::Network net;
  net.name = "tree";
  net.sources.push_back({"in", 1, model::SourceKind::Raster, {{0, 3, 4, 9, 20, 21, 22}}});
  net.populations.push_back(truenorth_population("hub", 1, false, rng));
  net.populations.push_back(truenorth_population("fan", 64, false, rng));
  net.populations[0].tn = model::TrueNorthParams{};  // fires on every input spike
  net.populations[0].tn.weight[0] = model::PerNeuron<int32_t>(1);
  model::Projection in = test::sparse_projection("in_to_hub", "in", "hub");
  in.pre_index = {0};
  in.post_index = {0};
  in.weights = {1};
  net.projections.push_back(in);
  model::Projection out = test::sparse_projection("hub_to_fan", "hub", "fan");
  for (uint32_t j = 0; j < 64; ++j) {
    out.pre_index.push_back(0);
    out.post_index.push_back(j);
    out.weights.push_back(1);
    out.delays.push_back(static_cast<uint8_t>(2 + j % 5));
  }
  net.projections.push_back(out);
  model::Projection back = test::sparse_projection("fan_to_hub", "fan", "hub");
  for (uint32_t j = 0; j < 64; j += 3) {
    back.pre_index.push_back(j);
    back.post_index.push_back(0);
    back.weights.push_back(1);
  }
  back.delay = 4;
  net.projections.push_back(back);
  const targets::Target tiny = test_target("truenorth-tiny");
  const mapper::AtomNetwork atoms = mapper::legalize(net, tiny);
  const mapper::MappingResult result = mapper::map_network(net, tiny, atoms, mapper::Strategy::Graph);
  // 20 leaves (one per core and delay) and 2 relays above them (16 + 4 leaves).
  CHECK(result.metrics.splitter_neurons == 22);
  check_invariants(result, net, tiny);
  check_equivalence(net, atoms, result.image, 60);

  // With delay 1 somewhere on the split edge, the two levels do not fit: the error names it.
  net.projections[1].delays[7] = 1;
  try {
    mapper::legalize(net, tiny);
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()) ==
          "/projections/1/delays: projection \"hub_to_fan\": neuron 0 of \"hub\" reaches 21 input axons, and a neuron "
          "of target truenorth-tiny has one destination, so its spikes pass 2 level(s) of splitter neurons of one step "
          "each; its synapses need delay >= 2, found 1 [MAP-0011]");
  }
}

TEST_CASE("a stochastic block larger than a core is refused by name", "[mapper][truenorth][errors]") {
  std::mt19937_64 rng(3);
  model::Network net = test::one_layer(1, 1, {{0}});
  net.populations[0] = truenorth_population("noisy", 20, true, rng);
  net.populations[0].tn.threshold_mask_bits = model::PerNeuron<int32_t>(2);
  try {
    mapper::legalize(net, test_target("truenorth-tiny"));
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()) ==
          "/populations/0: population \"noisy\" draws pseudo-random numbers, so each 256-neuron block must sit whole "
          "on one core (one LFSR per block); a core of truenorth-tiny holds 16 neurons, a block has 20 [MAP-0010]");
  }
  // Deterministic, the same population is cut into atoms that fit.
  net.populations[0] = truenorth_population("calm", 20, false, rng);
  CHECK_NOTHROW(mapper::legalize(net, test_target("truenorth-tiny")));
}

TEST_CASE("a given placement must keep each drawing block on one core, and a core to one model",
          "[mapper][truenorth][errors]") {
  std::mt19937_64 rng(8);
  model::Network net = test::one_layer(1, 3, {{0}});  // "out": 3 loihi_lif neurons
  net.populations.push_back(truenorth_population("noisy", 20, true, rng));
  net.populations[1].tn.threshold_mask_bits = model::PerNeuron<int32_t>(1);  // every neuron draws
  const targets::Target target = test_target("truenorth-4x4");
  auto error_of = [&](const std::vector<std::vector<uint32_t>>& cores) {
    try {
      mapper::map_given(net, target, cores);
    } catch (const model::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::vector<uint32_t> split(20, 2);
  for (uint32_t n = 10; n < 20; ++n) split[n] = 3;
  CHECK(error_of({{0, 0, 0}, split}) ==
        "/populations/1: neuron 10 of \"noisy\" (block 0) draws pseudo-random numbers on core 3, while the block's "
        "earlier neurons draw on core 2; every drawing neuron of a 256-neuron block must share one core, alone "
        "[MAP-0311]");
  CHECK(error_of({{0, 0, 2}, std::vector<uint32_t>(20, 2)}) ==
        "/populations/1: neuron 0 of truenorth population \"noisy\" is placed on core 2, which holds loihi_lif "
        "neurons; a core runs one neuron model [MAP-0310]");
}

TEST_CASE("an adaptive truenorth population sits whole on one core, and ChipSim equals NetworkSim",
          "[mapper][truenorth][chipsim][adaptive]") {
  int adapted = 0;
  for (uint64_t seed = 1; seed <= 3; ++seed)
    for (bool stochastic : {false, true}) {
      model::Network net = random_truenorth_network(seed, stochastic);
      // Strong gains either way, so that alpha (3..10) moves by whole units.
      model::AdaptiveThresholdParams adaptation;
      adaptation.gamma = seed % 2 ? 2048 : -2048;  // +-8.0 in Q8.8
      adaptation.target_rate = 6554;               // 0.1 spikes per neuron and step
      adaptation.initial_rate = adaptation.target_rate;
      adaptation.ema_shift = 2;
      net.populations[1].adaptive_threshold = adaptation;  // b, 40 neurons
      model::Network still = net;
      still.populations[1].adaptive_threshold.reset();
      model::NetworkSim with(net), without(still);
      with.run(120);
      without.run(120);
      if (with.stats().total().spikes != without.stats().total().spikes) ++adapted;

      const targets::Target target = test_target("truenorth-4x4");
      const mapper::AtomNetwork atoms = mapper::legalize(net, target);
      for (auto strategy : {mapper::Strategy::Graph, mapper::Strategy::Baseline}) {
        INFO("seed " << seed << (stochastic ? " stochastic" : " deterministic"));
        const mapper::MappingResult result = mapper::map_network(net, target, atoms, strategy);
        const model::NeuronAddress first = result.image.population_addresses[1][0];
        const model::CoreImage& core = result.image.cores[first.core];
        REQUIRE(core.model == model::NeuronModel::TrueNorth);
        REQUIRE(core.adaptive.size() == 1);
        CHECK(core.adaptive[0].first == first.neuron);
        CHECK(core.adaptive[0].count == 40);
        check_invariants(result, net, target);
        check_equivalence(net, atoms, result.image, 120);
      }
    }
  CHECK(adapted >= 4);  // the adaptation changes the spikes, so ChipSim must apply it
}

TEST_CASE("an adaptive truenorth population larger than a core is refused, naming the excess",
          "[mapper][truenorth][errors][adaptive]") {
  model::Network net = random_truenorth_network(1, false);
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{};  // a, 300 neurons
  const targets::Target target = test_target("truenorth-4x4");
  CHECK_THROWS_WITH(mapper::legalize(net, target),
                    Catch::Contains("/populations/0/adaptive_threshold: population \"a\" has an adaptive threshold, "
                                    "so its 300 neurons must sit on one core (the rate needs all their spikes); they "
                                    "need 300 neurons, a core of truenorth-4x4 has 256 (over by 44) [MAP-0006]"));
}
