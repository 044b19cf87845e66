// NetworkSim behaviour beyond the Lava traces: delays, per-projection exponents,
// dense == sparse, activity counts, determinism and probes.
#include <catch2/catch.hpp>

#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"

using namespace axomesh;

TEST_CASE("a spike sent in step t with delay d is used in step t + 1 + d", "[model][sim]") {
  for (uint32_t delay : {0u, 1u, 5u, 62u}) {
    model::Network net = test::one_layer(1, 1, {{2}});
    model::Projection p = test::sparse_projection("p", "in", "out");
    p.pre_index = {0};
    p.post_index = {0};
    p.weights = {100};
    p.delay = delay;
    net.projections.push_back(p);
    model::NetworkSim sim(net);
    for (uint64_t t = 0; t < 70; ++t) {
      sim.step();
      INFO("delay " << delay << " step " << t);
      CHECK(sim.input(0, 0) == (t == 3 + delay ? 100 : 0));
    }
  }
}

TEST_CASE("a population sums at its finest weight exponent and floors once", "[model][sim]") {
  // Two projections of weight 3 and exponent -1 and one of weight 5 and exponent +2 into
  // one neuron, all firing in step 0. The accumulator counts halves: 3 + 3 + (5 << 3) = 46,
  // and a_in = floor(46 / 2) = 23. (Lava floors each Dense apart: 1 + 1 + 20 = 22.)
  model::Network net = test::one_layer(3, 1, {{0}, {0}, {0}});
  for (int k = 0; k < 3; ++k) {
    model::Projection p = test::sparse_projection("p" + std::to_string(k), "in", "out");
    p.pre_index = {static_cast<uint32_t>(k)};
    p.post_index = {0};
    p.weights = {k < 2 ? 3 : 5};
    p.sign_mode = model::SignMode::Excitatory;
    p.weight_exp = k < 2 ? -1 : 2;
    net.projections.push_back(p);
  }
  model::NetworkSim sim(net);
  sim.step();
  sim.step();
  CHECK(sim.input(0, 0) == 23);
  // A single projection with a negative exponent floors its own sum, as in Lava:
  // weights 3 and 3 with exponent -2 give floor(6 / 4) = 1.
  model::Network one = test::one_layer(2, 1, {{0}, {0}});
  model::Projection p = test::sparse_projection("p", "in", "out");
  p.pre_index = {0, 1};
  p.post_index = {0, 0};
  p.weights = {3, 3};
  p.sign_mode = model::SignMode::Excitatory;
  p.weight_exp = -2;
  one.projections.push_back(p);
  model::NetworkSim single(one);
  single.step();
  single.step();
  CHECK(single.input(0, 0) == 1);
}

TEST_CASE("per-synapse delays: each synapse's spike arrives after its own delay", "[model][sim]") {
  // Input 0 spikes in step 0. Sparse: three synapses onto neurons 0, 1, 2 with delays 0,
  // 3, 62 arrive in steps 1, 4, 63. Dense (rows are post neurons): neuron j's delay from
  // input 0 is delays[j][0] = 1, 4, 11 -> steps 2, 5, 12; weights 10, 20, 30.
  for (bool dense : {false, true}) {
    model::Network net = test::one_layer(1, 3, {{0}});
    model::Projection p = test::sparse_projection("p", "in", "out");
    if (dense) {
      p.kind = model::ProjectionKind::Dense;
      p.weights = {10, 20, 30};
      p.delays = {1, 4, 11};
    } else {
      p.pre_index = {0, 0, 0};
      p.post_index = {0, 1, 2};
      p.weights = {10, 20, 30};
      p.delays = {0, 3, 62};
    }
    net.projections.push_back(p);
    model::NetworkSim sim(net);
    const std::vector<uint64_t> arrival = dense ? std::vector<uint64_t>{2, 5, 12} : std::vector<uint64_t>{1, 4, 63};
    for (uint64_t t = 0; t < 70; ++t) {
      sim.step();
      for (uint32_t n = 0; n < 3; ++n) {
        INFO((dense ? "dense" : "sparse") << " step " << t << " neuron " << n);
        CHECK(sim.input(0, n) == (t == arrival[n] ? 10 * int32_t(n + 1) : 0));
      }
    }
  }
}

TEST_CASE("an explicit sign mode overrides the one the weights imply", "[model][sim]") {
  // Weights 6 and -6: automatically mixed (kept as 6 and -6 with 8 bits). Declared
  // excitatory, the negative one clips to 0; declared inhibitory, the positive one does.
  auto input_with = [](model::SignMode mode) {
    model::Network net = test::one_layer(2, 1, {{0}, {0}});
    model::Projection p = test::sparse_projection("p", "in", "out");
    p.pre_index = {0, 1};
    p.post_index = {0, 0};
    p.weights = {6, -6};
    p.sign_mode = mode;
    net.projections.push_back(p);
    model::NetworkSim sim(net);
    sim.step();
    sim.step();
    return sim.input(0, 0);
  };
  CHECK(input_with(model::SignMode::Auto) == 0);
  CHECK(input_with(model::SignMode::Excitatory) == 6);
  CHECK(input_with(model::SignMode::Inhibitory) == -6);
}

TEST_CASE("dense and sparse forms of one projection simulate identically", "[model][sim]") {
  model::Network sparse = test::random_network(7, 40, 0.3, 0);
  // Rewrite the recurrent exponent-0 projection as a dense matrix.
  model::Network dense = sparse;
  model::Projection& s = dense.projections[1];
  model::Projection d = s;
  d.kind = model::ProjectionKind::Dense;
  d.pre_index.clear();
  d.post_index.clear();
  d.delays.clear();
  d.weights.assign(40 * 40, 0);
  for (std::size_t k = 0; k < s.weights.size(); ++k) d.weights[s.post_index[k] * 40 + s.pre_index[k]] += s.weights[k];
  for (model::Network* net : {&sparse, &dense}) net->projections[1].delays.clear();
  // Re-derive the sparse side from the dense matrix so duplicates cannot differ.
  model::Projection& back = sparse.projections[1];
  back.pre_index.clear();
  back.post_index.clear();
  back.weights.clear();
  for (uint32_t post = 0; post < 40; ++post)
    for (uint32_t pre = 0; pre < 40; ++pre)
      if (d.weights[post * 40 + pre] != 0) {
        back.pre_index.push_back(pre);
        back.post_index.push_back(post);
        back.weights.push_back(d.weights[post * 40 + pre]);
      }
  dense.projections[1] = d;
  model::NetworkSim a(sparse), b(dense);
  uint64_t spikes = 0;
  for (int t = 0; t < 300; ++t) {
    a.step();
    b.step();
    REQUIRE(a.spiked(0) == b.spiked(0));
    REQUIRE(a.v(0) == b.v(0));
    spikes += a.spiked(0).size();
  }
  CHECK(spikes > 100);  // the comparison saw real activity
}

TEST_CASE("activity counts synaptic reads, active and idle updates, spikes", "[model][sim][stats]") {
  // Input 0 spikes in steps 0 and 1 and drives 3 of 4 neurons (row length 3).
  model::Network net = test::one_layer(1, 4, {{0, 1}});
  model::Projection p = test::sparse_projection("p", "in", "out");
  p.pre_index = {0, 0, 0};
  p.post_index = {0, 1, 2};
  p.weights = {10, 20, 0};
  net.projections.push_back(p);
  net.populations[0].lif.du = 0;
  model::NetworkSim sim(net);
  for (int t = 0; t < 3; ++t) sim.step();
  const auto& stats = sim.stats();
  REQUIRE(stats.steps() == 3);
  CHECK(stats.at(0, 0).synaptic_ops == 0);
  CHECK(stats.at(1, 0).synaptic_ops == 3);  // the zero weight is still read
  CHECK(stats.at(2, 0).synaptic_ops == 3);
  CHECK(stats.at(0, 0).idle_updates == 4);  // nothing anywhere yet
  CHECK(stats.at(1, 0).active_updates == 2);  // neurons 0 and 1 get input
  CHECK(stats.at(2, 0).active_updates == 2);  // and keep state (du = 0 decays slowly)
  CHECK(stats.at(2, 0).idle_updates == 2);
  CHECK(stats.total().spikes == 0);

  // A bias alone makes a neuron active even with no input and zero state.
  model::Network biased = test::one_layer(1, 2, {{}});
  biased.populations[0].lif.bias_mant = model::PerNeuron<int32_t>(std::vector<int32_t>{0, 1});
  model::NetworkSim b(biased);
  b.step();
  CHECK(b.stats().at(0, 0).active_updates == 1);
  CHECK(b.stats().at(0, 0).idle_updates == 1);
}

TEST_CASE("simulation is deterministic and seeds matter", "[model][sim]") {
  auto run = [](uint64_t seed) {
    model::NetworkSim sim(test::random_network(seed, 60, 0.1, 6));
    sim.run(200);
    return sim.take_trace();
  };
  const auto a = run(3), b = run(3), c = run(4);
  REQUIRE(a.spikes[0].count() > 50);
  CHECK(a.spikes[0].neuron == b.spikes[0].neuron);
  CHECK(a.spikes[0].step_begin == b.spikes[0].step_begin);
  CHECK(a.states[1].values == b.states[1].values);
  CHECK(a.spikes[0].neuron != c.spikes[0].neuron);
}

TEST_CASE("probes record the chosen neurons and fields only", "[model][sim][trace]") {
  model::Network net = test::random_network(11, 30, 0.2, 3);
  net.probes = {{"net", true, false, true, {4, 1}}, {"net", true, false, false, {}}};
  model::NetworkSim sim(net);
  std::vector<std::vector<uint32_t>> all_spikes;
  std::vector<std::vector<int32_t>> v_of_4_and_1;
  for (int t = 0; t < 100; ++t) {
    sim.step();
    all_spikes.push_back(sim.spiked(0));
    v_of_4_and_1.push_back({sim.v(0)[4], sim.v(0)[1]});
  }
  const model::SpikeTrace& trace = sim.trace();
  REQUIRE(trace.spikes.size() == 2);
  REQUIRE(trace.states.size() == 1);
  CHECK(trace.states[0].field == model::StateField::V);
  for (uint64_t t = 0; t < 100; ++t) {
    CHECK(trace.states[0].at(t, 0) == v_of_4_and_1[t][0]);
    CHECK(trace.states[0].at(t, 1) == v_of_4_and_1[t][1]);
    const auto& all = trace.spikes[1];
    CHECK(std::vector<uint32_t>(all.neuron.begin() + all.step_begin[t], all.neuron.begin() + all.step_begin[t + 1]) ==
          all_spikes[t]);
    const auto& some = trace.spikes[0];
    for (uint64_t k = some.step_begin[t]; k < some.step_begin[t + 1]; ++k)
      CHECK((some.neuron[k] == 4 || some.neuron[k] == 1));
  }
  CHECK(trace.spikes[1].count() > 0);
}

TEST_CASE("an invalid network is refused with every problem listed", "[model][sim]") {
  model::Network net = test::one_layer(2, 3, {{0}});  // one spike list for two sources
  net.populations[0].lif.du = 5000;
  try {
    model::NetworkSim sim(net);
    FAIL("no error");
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].path == "/populations/0/params/du");
    CHECK(e.diagnostics()[1].path == "/sources/0/spike_times");
  }
}
