// Plasticity: the trace arithmetic, the STDP window, weight saturation, reward-modulated
// learning and synaptic update counts, with every expected value derived by hand from the
// equations in model/blocks/learning_rule.hpp.
#include <catch2/catch.hpp>

#include <string>

#include "model/blocks/learning_rule.hpp"
#include "model/sim/network_sim.hpp"
#include "model/network/network_validate.hpp"

using namespace axomesh;
using model::LearningKind;
using model::LearningRule;

namespace {

model::SpikeSource raster(const std::string& name, std::vector<std::vector<uint32_t>> times) {
  model::SpikeSource s;
  s.name = name;
  s.size = static_cast<uint32_t>(times.size());
  s.spike_times = std::move(times);
  return s;
}

model::Projection one_to_one(const std::string& name, const std::string& pre, const std::string& post,
                             int32_t weight) {
  model::Projection p;
  p.name = name;
  p.pre = pre;
  p.post = post;
  p.kind = model::ProjectionKind::Sparse;
  p.pre_index = {0};
  p.post_index = {0};
  p.weights = {weight};
  return p;
}

// A post neuron that fires exactly in the steps a "force" spike reaches it: u and v keep
// no memory (du = dv = 4095), threshold 100 << 6 = 6400; the force weight 255 gives
// u = 255 << 6 = 16320 > 6400, a plastic weight of at most 99 alone stays below it.
model::Population forced_neuron(const std::string& name) {
  model::Population pop;
  pop.name = name;
  pop.size = 1;
  pop.lif.du = 4095;
  pop.lif.dv = 4095;
  pop.lif.vth = 100;
  return pop;
}

// The window rule of the tests: impulses 64, decay 1024/4096 per step, +4 x1 y0, -4 y1 x0,
// shift 4.
LearningRule window_rule() {
  LearningRule r;
  r.pre_impulse = 64;
  r.pre_decay = 1024;
  r.post_impulse = 64;
  r.post_decay = 1024;
  r.a_x1_y0 = 4;
  r.a_y1_x0 = -4;
  r.shift = 4;
  return r;
}

// pre fires (reaches post) at step pre_arrival, post fires at post_step; returns the final
// plastic weight from w0 = 50.
int32_t weight_after_pair(uint32_t pre_arrival, uint32_t post_step, const LearningRule& rule) {
  model::Network net;
  net.name = "pair";
  // A source spike sent in step t reaches its target in step t + 1 (delay 0).
  net.sources.push_back(raster("pre", {{pre_arrival - 1}}));
  net.sources.push_back(raster("force", {{post_step - 1}}));
  net.populations.push_back(forced_neuron("post"));
  net.projections.push_back(one_to_one("force", "force", "post", 255));
  model::Projection plastic = one_to_one("plastic", "pre", "post", 50);
  plastic.learning = rule;
  net.projections.push_back(plastic);
  model::NetworkSim sim(net);
  uint32_t post_spikes = 0;
  for (int t = 0; t < 40; ++t) {
    sim.step();
    post_spikes += static_cast<uint32_t>(sim.spiked(0).size());
  }
  REQUIRE(post_spikes == 1);  // the plastic synapse never makes post fire by itself
  return sim.learned_weights(1).at(0);
}

}  // namespace

TEST_CASE("trace decay, impulse saturation, rounding shift and eligibility decay", "[model][plasticity]") {
  using namespace model::learning;
  // x - ((x * 1024 + 2048) >> 12) = x - floor((x + 2) / 4): 64 - 16 = 48, 48 - 12 = 36,
  // 36 - 9 = 27, 27 - 7 = 20, 20 - 5 = 15.
  int32_t x = 64;
  for (int32_t expected : {48, 36, 27, 20, 15}) {
    x = decay_trace(x, 1024);
    CHECK(x == expected);
  }
  CHECK(decay_trace(1, 2048) == 0);   // 1 - ((2048 + 2048) >> 12) = 1 - 1: half rounds up
  CHECK(decay_trace(1, 2047) == 1);   // 1 - (4095 >> 12) = 1
  CHECK(decay_trace(127, 4096) == 0);
  CHECK(decay_trace(127, 0) == 127);
  CHECK(add_impulse(100, 64) == 127);  // saturates at 7 bits
  CHECK(add_impulse(10, 64) == 74);
  CHECK(round_shift(192, 4) == 12);    // (192 + 8) >> 4 = 200 >> 4 = 12
  CHECK(round_shift(-192, 4) == -12);  // (-192 + 8) >> 4 = floor(-184 / 16) = floor(-11.5)
  CHECK(round_shift(8, 4) == 1);       // half rounds up
  CHECK(round_shift(-8, 4) == 0);      // half rounds up, also below zero
  CHECK(round_shift(7, 0) == 7);
  // Eligibility decays symmetrically: |e| - ((|e| * 2048 + 2048) >> 12).
  CHECK(decay_eligibility(256, 2048) == 128);
  CHECK(decay_eligibility(-256, 2048) == -128);
  CHECK(decay_eligibility(-3, 2048) == -1);  // 3 - ((6144 + 2048) >> 12) = 3 - 2
  CHECK(add_eligibility(32000, 1000) == 32767);
  CHECK(add_eligibility(-32000, -1000) == -32767);
  CHECK(saturate_weight(300, model::SignMode::Excitatory) == 255);
  CHECK(saturate_weight(-5, model::SignMode::Excitatory) == 0);
  CHECK(saturate_weight(-300, model::SignMode::Mixed) == -256);
  CHECK(saturate_weight(10, model::SignMode::Inhibitory) == 0);
}

TEST_CASE("the STDP window: potentiation for pre before post, depression after, decaying with |dt|",
          "[model][plasticity]") {
  // Pre arrives at step a, post fires at step a + dt; w0 = 50.
  // dt >= 0: at the post step x1 = 64 decayed dt times (64, 48, 36, 27, 20, 15 -- see the
  //   trace test), dw = round_shift(4 x1, 4) = (4 x1 + 8) >> 4: 264 >> 4 = 16, 200 >> 4 = 12,
  //   152 >> 4 = 9, 116 >> 4 = 7, 88 >> 4 = 5, 68 >> 4 = 4.
  // dt < 0: at the pre arrival y1 = 64 decayed |dt| times, dw = (-4 y1 + 8) >> 4 (a floor):
  //   dt = -1: -184 >> 4 = -12; -2: -136 >> 4 = -9; -3: -100 >> 4 = -7; -4: -72 >> 4 = -5;
  //   -5: -52 >> 4 = -4.
  const LearningRule rule = window_rule();
  const int32_t potentiation[] = {16, 12, 9, 7, 5, 4};
  for (uint32_t dt = 0; dt < 6; ++dt) {
    INFO("dt = +" << dt);
    CHECK(weight_after_pair(10, 10 + dt, rule) == 50 + potentiation[dt]);
  }
  const int32_t depression[] = {-12, -9, -7, -5, -4};
  for (uint32_t k = 1; k <= 5; ++k) {
    INFO("dt = -" << k);
    CHECK(weight_after_pair(10 + k, 10, rule) == 50 + depression[k - 1]);
  }
  // Far apart the traces have decayed to 1 (64, 48, 36, 27, 20, 15, 11, 8, 6, 4, 3, 2, 1,
  // and 1 - ((1024 + 2048) >> 12) = 1 stays): dw = (+-4 + 8) >> 4 = 0.
  CHECK(weight_after_pair(2, 30, rule) == 50);
  CHECK(weight_after_pair(30, 2, rule) == 50);
}

TEST_CASE("the per-pre and per-post terms, and an epoch sums before shifting", "[model][plasticity]") {
  LearningRule rule = window_rule();
  rule.a_x1_y0 = 0;
  rule.a_y1_x0 = 0;
  rule.a_x0 = 6;  // each pre arrival: 6
  rule.a_y0 = -2; // each post spike: -2
  rule.shift = 2;
  // Separate steps, epoch 1: (6 + 2) >> 2 = 2, then (-2 + 2) >> 2 = 0: w = 52.
  CHECK(weight_after_pair(5, 9, rule) == 52);
  // One epoch of 16 steps holding both (steps 0..15): (6 - 2 + 2) >> 2 = 1: w = 51.
  rule.epoch = 16;
  CHECK(weight_after_pair(5, 9, rule) == 51);
}

TEST_CASE("plastic weights saturate at the sign mode's range and deliver their top bits", "[model][plasticity]") {
  // Pre arrives and post is forced in the same steps, 0 apart: +16 per pair (see the
  // window test) from w0 = 240: 256 saturates at 255.
  model::Network net;
  net.name = "saturate";
  std::vector<uint32_t> times;
  for (uint32_t t = 0; t < 10; ++t) times.push_back(3 * t);
  net.sources.push_back(raster("pre", {times}));
  net.sources.push_back(raster("force", {times}));
  model::Population post = forced_neuron("post");
  post.lif.vth = 1000;  // 1000 << 6 = 64000: force (16320) + plastic (<= 255 << 6 = 16320) never fire
  net.populations.push_back(post);
  model::Projection plastic = one_to_one("plastic", "pre", "post", 230);
  plastic.learning = window_rule();
  plastic.num_weight_bits = 4;  // delivered: the top 4 bits, (w >> 4) << 4
  net.projections.push_back(one_to_one("force", "force", "post", 255));
  net.projections.push_back(plastic);
  {
    // No post spikes: only pre arrivals, no terms (a_x0 = 0): the weight stays 230.
    model::NetworkSim sim(net);
    sim.run(40);
    CHECK(sim.learned_weights(1) == std::vector<int32_t>{230});
    CHECK(sim.stats().total().synaptic_updates == 0);
  }
  net.populations[0].lif.vth = 300;  // force + plastic >= (255 + 224) << 6 > 19200: post fires on each pair
  model::NetworkSim sim(net);
  sim.run(2);
  // Step 1: delivered (230 >> 4) << 4 = 224, a_in = 255 + 224; dw = +16 (dt = 0): 246.
  CHECK(sim.input(0, 0) == 479);
  CHECK(sim.learned_weights(1) == std::vector<int32_t>{246});
  sim.run(3);
  // Step 4: delivered (246 >> 4) << 4 = 240; x1 = 27 + 64 = 91, y1 = 27 (three decays of
  // 64): s = 4 * 91 - 4 * 27 = 256, dw = (256 + 8) >> 4 = 16: 262 saturates at 255.
  CHECK(sim.input(0, 0) == 495);
  CHECK(sim.learned_weights(1) == std::vector<int32_t>{255});

  // Depression saturates at 0 for an excitatory projection: post fires in steps 1, 11, 21,
  // pre arrives 1 later. Step 2: y1 = 48, dw = (-192 + 8) >> 4 = -12: 20 -> 8. Step 11:
  // x1 = 64 decayed 9 times = 4, dw = (16 + 8) >> 4 = +1: 9. Step 12: y1 = (3 + 64)
  // decayed once = 50, dw = (-200 + 8) >> 4 = -12: -3 saturates at 0; likewise 21, 22.
  model::Network down;
  down.name = "saturate-down";
  down.sources.push_back(raster("pre", {{1, 11, 21}}));
  down.sources.push_back(raster("force", {{0, 10, 20}}));
  down.populations.push_back(forced_neuron("post"));
  model::Projection weak = one_to_one("plastic", "pre", "post", 20);
  weak.learning = window_rule();
  down.projections.push_back(one_to_one("force", "force", "post", 255));
  down.projections.push_back(weak);
  model::NetworkSim sim_down(down);
  sim_down.run(5);
  CHECK(sim_down.learned_weights(1) == std::vector<int32_t>{8});
  sim_down.run(25);
  CHECK(sim_down.learned_weights(1) == std::vector<int32_t>{0});
}

TEST_CASE("reward-modulated STDP: the rewarded pathway grows, the other does not", "[model][plasticity]") {
  // Two pathways in -> post with plastic weight 100; 100 << 6 = 6400 > 50 << 6, so each
  // post neuron fires in the step its input arrives. A's inputs arrive in steps 1, 41, ...,
  // B's 20 steps later. The reward is postA's spikes: r = 1 in the step after postA fires.
  model::Network net;
  net.name = "reward";
  std::vector<uint32_t> a_times, b_times;
  for (uint32_t k = 0; k < 10; ++k) {
    a_times.push_back(40 * k);
    b_times.push_back(40 * k + 20);
  }
  net.sources.push_back(raster("inA", {a_times}));
  net.sources.push_back(raster("inB", {b_times}));
  for (const char* name : {"postA", "postB"}) {
    model::Population pop = forced_neuron(name);
    pop.lif.vth = 50;
    net.populations.push_back(pop);
  }
  LearningRule rule = window_rule();
  rule.kind = LearningKind::RewardStdp;
  rule.eligibility_decay = 2048;
  rule.reward = "postA";
  rule.reward_value = 1;
  for (const char* path : {"A", "B"}) {
    model::Projection p = one_to_one(std::string("plastic") + path, std::string("in") + path,
                                     std::string("post") + path, 100);
    p.learning = rule;
    net.projections.push_back(p);
  }
  // Each pairing (dt = 0): x1 = 64 the first time, then 1 + 64 = 65 (the trace rests at 1,
  // see the window test), y1 = 0 then 1: s = 4 * 64 = 256, later 4 * 65 - 4 * 1 = 256.
  // e = 256. Next step e decays first, 256 - ((256 * 2048 + 2048) >> 12) = 128, and the
  // reward applies dw = (1 * 128 + 8) >> 4 = 8. B's e decays 256, 128, 64, 32, 16, 8, 4,
  // 2, 1, 0 -- zero 9 steps after its pairing, long before A's next reward.
  model::NetworkSim sim(net);
  uint64_t a_spikes = 0, b_spikes = 0;
  for (int t = 0; t < 400; ++t) {
    sim.step();
    a_spikes += sim.spiked(0).size();
    b_spikes += sim.spiked(1).size();
  }
  CHECK(a_spikes == 10);
  CHECK(b_spikes == 10);
  CHECK(sim.learned_weights(0) == std::vector<int32_t>{100 + 10 * 8});
  CHECK(sim.learned_weights(1) == std::vector<int32_t>{100});
  // One synaptic update per rewarded step (A's synapse; B's eligibility is 0 then),
  // counted at postA.
  CHECK(sim.stats().total(0).synaptic_updates == 10);
  CHECK(sim.stats().total(1).synaptic_updates == 0);
}

TEST_CASE("bad learning parameters are refused with the place and the expectation", "[model][plasticity][errors]") {
  auto base = [] {
    model::Network net;
    net.name = "bad";
    net.sources.push_back(raster("pre", {{1}}));
    net.populations.push_back(forced_neuron("post"));
    model::Projection p = one_to_one("plastic", "pre", "post", 50);
    p.learning = window_rule();
    net.projections.push_back(p);
    return net;
  };
  auto first_error = [](const model::Network& net) {
    const auto diagnostics = model::validate(net);
    REQUIRE(!diagnostics.empty());
    return diagnostics.front().id + " " + diagnostics.front().path + ": " + diagnostics.front().message;
  };
  CHECK(model::validate(base()).empty());
  model::Network net = base();
  net.projections[0].learning->pre_impulse = 128;
  CHECK(first_error(net) == "NET-0101 /projections/0/learning/pre_impulse: expected an integer in 0..127, found 128");
  net = base();
  net.projections[0].learning->a_y1_x0 = -129;
  CHECK(first_error(net) ==
        "NET-0101 /projections/0/learning/coefficients/y1_x0: expected an integer in -128..127, found -129");
  net = base();
  net.projections[0].learning->post_decay = 4097;
  CHECK(first_error(net) == "NET-0101 /projections/0/learning/post_decay: expected an integer in 0..4096, found 4097");
  net = base();
  net.projections[0].learning->epoch = 0;
  CHECK(first_error(net) == "NET-0101 /projections/0/learning/epoch: expected an integer in 1..256, found 0");
  net = base();
  net.projections[0].learning->reward = "pre";
  CHECK(first_error(net) == "NET-0302 /projections/0/learning/reward: expected no reward (rule \"stdp\" has no "
                            "third factor; use \"reward_stdp\"), found \"pre\"");
  net = base();
  net.projections[0].learning->kind = LearningKind::RewardStdp;
  CHECK(first_error(net) == "NET-0104 /projections/0/learning/reward: expected the name of a population or source "
                            "whose spikes are the reward, found none");
  net.projections[0].learning->reward = "dopamine";
  CHECK(first_error(net) ==
        "NET-0104 /projections/0/learning/reward: expected the name of a population or source, found \"dopamine\"");
  net = base();
  net.projections[0].delays = {3};
  CHECK(first_error(net) == "NET-0301 /projections/0/delays: expected one delay for all synapses of a plastic "
                            "projection (its pre traces see a spike when it arrives), found 1 per-synapse delays");
  // The accumulator bound assumes plastic weights can reach their range's end.
  net = base();
  CHECK(model::worst_case_accumulator(net, 0) == std::vector<int64_t>{255});
  CHECK_THROWS_AS(model::NetworkSim(
                      [] {
                        model::Network n;
                        n.name = "x";
                        n.populations.push_back(forced_neuron("post"));
                        model::Projection p = one_to_one("plastic", "post", "post", 50);
                        p.learning = window_rule();
                        p.learning->shift = 16;
                        n.projections.push_back(p);
                        return n;
                      }()),
                  model::InputError);
}
