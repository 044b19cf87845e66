// C-simulation of the TrueNorth HLS core kernel (hls/truenorth_core_kernel.hpp): a seeded
// random truenorth population with every neuron mode (stochastic synapses and leak, leak
// reversal, masked thresholds, all reset modes), random crossbars, axon types and delays,
// fed the same spikes as NetworkSim, must give NetworkSim's spikes, V and active-update
// counts at every step.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <vector>

#include "hls/truenorth_core_kernel.hpp"
#include "model/sim/network_sim.hpp"
#include "model/sim/spike_source_generator.hpp"

using namespace axomesh;
using model::PerNeuron;

namespace {

using Kernel = hls::TrueNorthCoreKernel<1024, 128, 64>;

model::Network random_truenorth_network(uint64_t seed, uint32_t size) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&rng](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  const auto per_neuron = [&](int32_t lo, int32_t hi) {
    std::vector<int32_t> values(size);
    for (int32_t& x : values) x = uniform(lo, hi);
    return PerNeuron<int32_t>(values);
  };
  model::Network net;
  net.name = "truenorth-random-" + std::to_string(seed);
  model::SpikeSource in;
  in.name = "in";
  in.size = 32;
  in.kind = model::SourceKind::Bernoulli;
  in.p = 0.25;
  in.seed = seed;
  net.sources.push_back(in);
  model::Population pop;
  pop.name = "tn";
  pop.size = size;
  pop.model = model::NeuronModel::TrueNorth;
  pop.seed = seed * 7;
  for (std::size_t g = 0; g < 4; ++g) {
    pop.tn.weight[g] = per_neuron(g == 3 ? -60 : -20, 60);
    pop.tn.stochastic_weight[g] = per_neuron(0, 1);
  }
  pop.tn.leak = per_neuron(-8, 4);
  pop.tn.stochastic_leak = per_neuron(0, 1);
  pop.tn.leak_reversal = per_neuron(0, 1);
  pop.tn.threshold = per_neuron(20, 200);
  pop.tn.negative_threshold = per_neuron(0, 150);
  pop.tn.threshold_mask_bits = per_neuron(0, 5);
  pop.tn.reset_potential = per_neuron(-10, 10);
  pop.tn.reset_mode = per_neuron(0, 2);
  pop.tn.negative_saturate = per_neuron(0, 1);
  pop.tn.v_init = per_neuron(-50, 50);
  net.populations.push_back(pop);
  const auto add = [&](const std::string& pre, uint32_t pre_size, double density) {
    model::Projection p;
    p.name = pre + "_to_tn";
    p.pre = pre;
    p.post = "tn";
    p.kind = model::ProjectionKind::Sparse;
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    for (uint32_t i = 0; i < pre_size; ++i) {
      p.axon_types.push_back(static_cast<uint8_t>(uniform(0, 3)));
      for (uint32_t j = 0; j < size; ++j)
        if (coin(rng) < density) {
          p.pre_index.push_back(i);
          p.post_index.push_back(j);
          p.weights.push_back(1);
          p.delays.push_back(static_cast<uint8_t>(uniform(0, 3)));
        }
    }
    net.projections.push_back(p);
  };
  add("in", 32, 0.3);
  add("tn", size, 0.04);
  return net;
}

}  // namespace

TEST_CASE("the TrueNorth HLS core kernel matches NetworkSim on random networks", "[hls][truenorth]") {
  uint64_t compared_spikes = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const model::Network net = random_truenorth_network(seed, 120);
    const auto kernel = std::make_unique<Kernel>();
    const hls::TrueNorthCoreInputs inputs = kernel->load(net, 0);
    REQUIRE(inputs.senders.size() == 2);
    model::NetworkSim sim(net);
    model::SpikeSourceGenerator source(net.sources[0]);
    std::vector<uint32_t> source_spikes, previous;
    for (uint64_t t = 0; t < 300; ++t) {
      // The spikes of the previous step, each through its sender's axons.
      for (const auto& sender : inputs.senders)
        for (uint32_t pre : sender.pre == "in" ? source_spikes : previous)
          for (uint32_t axon : sender.axons_of[pre]) kernel->deliver_axon(axon);
      uint8_t spikes[Kernel::kNeurons];
      const hls::TrueNorthUpdateCounts counts = kernel->update_all(spikes);
      previous.clear();
      for (uint32_t n = 0; n < Kernel::kNeurons; ++n)
        if (spikes[n]) previous.push_back(n);
      source.emit_next_step(source_spikes);
      sim.step();
      INFO("seed " << seed << " step " << t);
      REQUIRE(previous == sim.spiked(0));
      for (uint32_t n = 0; n < 120; ++n) {
        INFO("neuron " << n);
        REQUIRE(kernel->v(n) == sim.v(0)[n]);
      }
      REQUIRE(counts.spikes == sim.stats().at(t, 0).spikes);
      REQUIRE(counts.active == sim.stats().at(t, 0).active_updates);
      compared_spikes += previous.size();
    }
  }
  CHECK(compared_spikes > 1000);
}

TEST_CASE("the TrueNorth HLS core kernel refuses a population larger than a core", "[hls][truenorth][errors]") {
  model::Network net = random_truenorth_network(1, 129);
  const auto kernel = std::make_unique<Kernel>();
  try {
    kernel->load(net, 0);
    FAIL("expected an InputError");
  } catch (const model::InputError& e) {
    CHECK(e.diagnostics()[0].id == "HLS-0102");
    CHECK(e.diagnostics()[0].message == "expected at most 128 neurons (the kernel's capacity), found 129");
  }
}

TEST_CASE("the TrueNorth HLS core kernel refuses other neurons and delays beyond its ring", "[hls][truenorth][errors]") {
  const auto kernel = std::make_unique<Kernel>();
  model::Network lif = random_truenorth_network(2, 16);
  lif.populations[0].model = model::NeuronModel::LoihiLif;
  try {
    kernel->load(lif, 0);
    FAIL("expected an InputError");
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "HLS-0101");
    CHECK(std::string(e.what()) ==
          "/populations/0/model: expected a truenorth population, found another neuron model [HLS-0101]");
  }
  // The first synapse of projection 1 waits 64 steps: a ring of 64 slots reaches 63.
  model::Network late = random_truenorth_network(2, 16);
  REQUIRE(!late.projections[1].delays.empty());
  late.projections[1].delays[0] = 64;
  try {
    kernel->load(late, 0);
    FAIL("expected an InputError");
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "HLS-0103");
    CHECK(e.diagnostics()[0].path == "/projections/1");
    CHECK_THAT(e.what(), Catch::Contains("axons with delays below 64") && Catch::Contains("with delay 64 [HLS-0103]"));
  }
}
