// NetworkSim with truenorth populations: a small network whose spikes and potentials are
// derived by hand, and the documented seeding and draw order of the per-block LFSRs.
#include <catch2/catch.hpp>

#include <vector>

#include "model/blocks/lfsr.hpp"
#include "model/sim/network_sim.hpp"

using namespace axomesh;
using model::PerNeuron;

namespace {

model::Population truenorth_population(const std::string& name, uint32_t size) {
  model::Population pop;
  pop.name = name;
  pop.size = size;
  pop.model = model::NeuronModel::TrueNorth;
  return pop;
}

}  // namespace

TEST_CASE("NetworkSim: a small truenorth network, spikes derived by hand", "[model][truenorth][sim]") {
  // Source "in" (3): in0 spikes at steps 0 and 3, in1 at 0 and 1, in2 at 2.
  // "tn" (2): s_0 = 5 (neuron 0) and 2 (neuron 1), s_1 = -3, s_2 = 10; alpha = 8, R = 0.
  // in -> tn, dense, delay 0: crossbar rows n0 = [1, 1, 1], n1 = [1, 0, 1]; axon types
  //   in0: 0, in1: 1, in2: 2.
  // tn -> tn, sparse, one synapse tn0 -> tn1 of axon type 2, delay 1.
  // A spike sent in step t through delay d is integrated in step t + 1 + d:
  //   step 0: nothing arrives.                               V = [0, 0]
  //   step 1: in0, in1 (sent 0): n0 = 5 - 3 = 2; n1 = 2.     V = [2, 2]
  //   step 2: in1 (sent 1): n0 = 2 - 3 = -1; n1 has no bit.  V = [-1, 2]
  //   step 3: in2 (sent 2): n0 = -1 + 10 = 9 >= 8, n1 = 12 >= 8: both spike, reset to 0.
  //   step 4: in0 (sent 3): n0 = 5, n1 = 2. (tn0's spike of step 3 waits for step 5.)
  //   step 5: tn0 -> tn1 (type 2): n1 = 2 + 10 = 12: spike, V = 0.   V = [5, 0]
  //   step 6: tn1's spike goes nowhere.                      V = [5, 0]
  model::Network net;
  model::SpikeSource in;
  in.name = "in";
  in.size = 3;
  in.spike_times = {{0, 3}, {0, 1}, {2}};
  net.sources.push_back(in);
  model::Population tn = truenorth_population("tn", 2);
  tn.tn.weight = {PerNeuron<int32_t>(std::vector<int32_t>{5, 2}), -3, 10, 0};
  tn.tn.threshold = 8;
  tn.tn.negative_threshold = 100;
  net.populations.push_back(tn);
  model::Projection feed;
  feed.name = "feed";
  feed.pre = "in";
  feed.post = "tn";
  feed.kind = model::ProjectionKind::Dense;
  feed.weights = {1, 1, 1, 1, 0, 1};
  feed.axon_types = {0, 1, 2};
  net.projections.push_back(feed);
  model::Projection loop;
  loop.name = "loop";
  loop.pre = "tn";
  loop.post = "tn";
  loop.kind = model::ProjectionKind::Sparse;
  loop.pre_index = {0};
  loop.post_index = {1};
  loop.weights = {1};
  loop.delay = 1;
  loop.axon_types = {2};
  net.projections.push_back(loop);

  model::NetworkSim sim(net);
  const std::vector<std::vector<int32_t>> v = {{0, 0}, {2, 2}, {-1, 2}, {0, 0}, {5, 2}, {5, 0}, {5, 0}};
  const std::vector<std::vector<uint32_t>> spikes = {{}, {}, {}, {0, 1}, {}, {1}, {}};
  for (std::size_t t = 0; t < v.size(); ++t) {
    INFO("step " << t);
    sim.step();
    CHECK(sim.v(0) == v[t]);
    CHECK(sim.spiked(0) == spikes[t]);
    if (t == 1) {
      CHECK(sim.active_axons(0, 0, 0) == 1);  // in0
      CHECK(sim.active_axons(0, 0, 1) == 1);  // in1
      CHECK(sim.active_axons(0, 1, 1) == 0);  // no crossbar bit
    }
  }
  CHECK(sim.stats().total().spikes == 3);
  CHECK(sim.synapse_count() == 5 + 1);  // crossbar bits set
}

TEST_CASE("NetworkSim: one LFSR per 256-neuron block, neurons draw in ascending order", "[model][truenorth][sim]") {
  // Every neuron has a stochastic leak (lambda = +128, c = 1) and nothing else that draws,
  // so each tick each neuron draws once: in tick t, neuron n of block b = n / 256 takes
  // draw number t * 256 + (n % 256) of its block's stream (the last block has 300 - 256 =
  // 44 neurons, so there it is t * 44 + n % 256). A pass adds sgn(128) = +1: V counts the
  // draws with rho & 255 <= 128.
  const uint64_t seed = 2024;
  model::Network net;
  model::Population tn = truenorth_population("tn", 300);
  tn.seed = seed;
  tn.tn.leak = 128;
  tn.tn.stochastic_leak = 1;
  tn.tn.threshold = 262143;
  net.populations.push_back(tn);
  model::NetworkSim sim(net);
  const int ticks = 3;
  sim.run(ticks);

  auto expected_v = [&](uint32_t n) {
    const uint32_t block = n / 256, in_block = n % 256, block_size = block == 0 ? 256 : 44;
    model::Lfsr32 stream(model::Lfsr32::seeded_state(seed, block));
    int32_t v = 0;
    for (uint32_t k = 0; k < ticks * block_size; ++k) {
      const uint32_t rho = stream.draw() & 255;
      if (k % block_size == in_block && 128 >= rho) ++v;
    }
    return v;
  };
  for (uint32_t n : {0u, 1u, 200u, 255u, 256u, 257u, 299u}) {
    INFO("neuron " << n);
    CHECK(sim.v(0)[n] == expected_v(n));
  }
  // The same network runs the same; another seed draws other numbers.
  model::NetworkSim again(net);
  again.run(ticks);
  CHECK(again.v(0) == sim.v(0));
  net.populations[0].seed = seed + 1;
  model::NetworkSim other(net);
  other.run(ticks);
  CHECK(other.v(0) != sim.v(0));
}

TEST_CASE("NetworkSim: truenorth spikes drive a loihi_lif population unchanged", "[model][truenorth][sim]") {
  // tn fires every tick (alpha = 0, V = 0 >= 0); its spikes reach "lif" one step later with
  // weight 100: a_in = 100 from step 1 on, exactly as from any other presynaptic group.
  model::Network net;
  model::Population tn = truenorth_population("tn", 1);
  tn.tn.threshold = 0;
  net.populations.push_back(tn);
  model::Population lif;
  lif.name = "lif";
  lif.size = 1;
  lif.lif.vth = 131071;
  lif.lif.du = 4095;
  net.populations.push_back(lif);
  model::Projection p;
  p.name = "p";
  p.pre = "tn";
  p.post = "lif";
  p.kind = model::ProjectionKind::Dense;
  p.weights = {100};
  net.projections.push_back(p);
  model::NetworkSim sim(net);
  for (int t = 0; t < 4; ++t) {
    sim.step();
    CHECK(sim.spiked(0) == std::vector<uint32_t>{0});
    CHECK(sim.input(1, 0) == (t == 0 ? 0 : 100));
  }
}
