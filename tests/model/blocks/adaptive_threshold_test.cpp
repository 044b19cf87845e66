// The adaptive threshold (model/blocks/adaptive_threshold.hpp): its integer pieces, and impulse
// traces of NetworkSim populations whose expected A[t], vth[t] and spikes are worked out
// by hand below from the documented formulas.
#include <catch2/catch.hpp>

#include <vector>

#include "model/blocks/adaptive_threshold.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "model/network/network_validate.hpp"

using namespace axomesh;
using model::AdaptiveThresholdParams;
namespace adaptive = model::adaptive;

TEST_CASE("adaptive threshold pieces round and clip as documented", "[model][adaptive]") {
  // rate = floor(S * 65536 / N): 1 of 3 neurons is 21845.33 -> 21845.
  CHECK(adaptive::population_rate(1, 3) == 21845);
  CHECK(adaptive::population_rate(3, 3) == 65536);
  CHECK(adaptive::population_rate(0, 7) == 0);
  // A += (rate - A) >> k with a floor shift: a fall of 100 >> 4 is -6.25 -> -7; a rise of
  // 15 >> 4 is 0.9375 -> 0 (A stays); a rise of 16 >> 4 is 1.
  CHECK(adaptive::next_average(100, 0, 4) == 93);
  CHECK(adaptive::next_average(0, 15, 4) == 0);
  CHECK(adaptive::next_average(0, 16, 4) == 1);
  CHECK(adaptive::next_average(65536, 65536, 0) == 65536);
  // scale = 2^24 + gamma * (A_target - A): gamma 1.0 (256), target 0.5, A 0.25 -> 1.25.
  const AdaptiveThresholdParams p{256, 32768, 4, 0};
  CHECK(adaptive::threshold_scale(p, 16384) == 16777216 + 256 * 16384);
  // 10 * 1.25 = 12.5 rounds half up to 13; 10 * 1.225 = 12.25 rounds to 12.
  CHECK(adaptive::adapted_threshold(10, 20971520, 131071) == 13);
  CHECK(adaptive::adapted_threshold(10, 20552090, 131071) == 12);
  // Clipped to 1..max: a negative scale, a zero base, and an overflowing product.
  CHECK(adaptive::adapted_threshold(10, -(int64_t{1} << 30), 131071) == 1);
  CHECK(adaptive::adapted_threshold(0, int64_t{1} << 24, 131071) == 1);
  CHECK(adaptive::adapted_threshold(131071, int64_t{1} << 31, 131071) == 131071);
  // Extremes stay within 64 bits: gamma -32768, target 0, A 1.0 -> scale 1 + 2^31 / 2^24 = 129.
  const AdaptiveThresholdParams extreme{-32768, 0, 0, 65536};
  CHECK(adaptive::threshold_scale(extreme, 65536) == (int64_t{1} << 24) + (int64_t{1} << 31));
  CHECK(adaptive::adapted_threshold(1000, adaptive::threshold_scale(extreme, 65536), 131071) == 129000);
}

namespace {

// Four loihi_lif neurons driven by bias alone: du = dv = 4095 make u = 0 and leave v at
// most v / 4096 (0 for |v| < 4096) of the last step, so every step v = bias, and a neuron
// spikes exactly when its bias exceeds vth << 6.
model::Network bias_ladder(const AdaptiveThresholdParams& params) {
  model::Network net;
  model::Population pop;
  pop.name = "ladder";
  pop.size = 4;
  pop.lif.du = 4095;
  pop.lif.dv = 4095;
  pop.lif.vth = 10;  // 640
  pop.lif.bias_mant = model::PerNeuron<int32_t>(std::vector<int32_t>{600, 700, 800, 900});
  pop.adaptive_threshold = params;
  net.populations.push_back(pop);
  return net;
}

}  // namespace

TEST_CASE("a homeostatic loihi_lif population follows the hand-derived trace", "[model][adaptive]") {
  // gamma = -1.0 (Q8.8 -256), A_target = 0.25 (16384), k = 1, A[0] = A_target.
  //  t  A[t]   scale = 1 - (0.25 - A)   10*scale+0.5 -> vth  thr   spikes (bias > thr)  rate   A[t+1] = A + (rate-A)>>1
  //  0  16384  1                        10.5    -> 10   640   700,800,900 (1,2,3)  49152  32768
  //  1  32768  1.25                     13.0    -> 13   832   900 (3)              16384  24576
  //  2  24576  1.125                    11.75   -> 11   704   800,900 (2,3)        32768  28672
  //  3  28672  1.1875                   12.375  -> 12   768   800,900 (2,3)        32768  30720
  //  4  30720  1.21875                  12.6875 -> 12   768   800,900 (2,3)        32768  31744
  const model::Network net = bias_ladder({-256, 16384, 1, 16384});
  model::NetworkSim sim(net);
  const std::vector<int32_t> average_before{16384, 32768, 24576, 28672, 30720};
  const std::vector<int32_t> vth{10, 13, 11, 12, 12};
  const std::vector<std::vector<uint32_t>> spikes{{1, 2, 3}, {3}, {2, 3}, {2, 3}, {2, 3}};
  const std::vector<int32_t> average_after{32768, 24576, 28672, 30720, 31744};
  for (std::size_t t = 0; t < spikes.size(); ++t) {
    INFO("step " << t);
    const model::AdaptiveThresholdState* state = sim.adaptive_threshold(0);
    REQUIRE(state != nullptr);
    CHECK(state->average() == average_before[t]);
    CHECK(state->threshold(10) == vth[t]);
    sim.step();
    CHECK(sim.spiked(0) == spikes[t]);
    CHECK(sim.adaptive_threshold(0)->average() == average_after[t]);
  }
}

TEST_CASE("gamma 0 leaves the threshold at its base, and a population without the option has no state",
          "[model][adaptive]") {
  model::NetworkSim adaptive_sim(bias_ladder({0, 0, 3, 65536}));
  model::Network plain_net = bias_ladder({});
  plain_net.populations[0].adaptive_threshold.reset();
  model::NetworkSim plain(plain_net);
  CHECK(plain.adaptive_threshold(0) == nullptr);
  for (int t = 0; t < 6; ++t) {
    adaptive_sim.step();
    plain.step();
    CHECK(adaptive_sim.spiked(0) == std::vector<uint32_t>{1, 2, 3});
    CHECK(plain.spiked(0) == adaptive_sim.spiked(0));
  }
}

TEST_CASE("a truenorth population adapts its threshold alpha in NetworkSim", "[model][adaptive][truenorth]") {
  // One neuron, leak +5 a tick, alpha 10, reset to 0; V = 5, 10, ... until a spike.
  // gamma = -1.0, A_target = 0, k = 1, A[0] = 0: vth = 10 * (1 + A), rounded half up.
  //  t  A[t]   vth               V after leak  spike  rate   A[t+1]
  //  0  0      10                5             no     0      0
  //  1  0      10                10            yes    65536  32768
  //  2  32768  15                5             no     0      16384
  //  3  16384  12.5+0.5 -> 13    10            no     0      8192
  //  4  8192   11.25+0.5 -> 11   15            yes    65536  36864
  //  5  36864  15.625+0.5 -> 16  5             no     0      18432
  //  6  18432  12.8125+.5 -> 13  10            no     0      9216
  //  7  9216   11.40625+.5 -> 11 15            yes    65536  37376
  // Without adaptation it spikes every second tick (1, 3, 5, 7).
  model::Network net;
  model::Population pop;
  pop.name = "tn";
  pop.size = 1;
  pop.model = model::NeuronModel::TrueNorth;
  pop.tn.leak = 5;
  pop.tn.threshold = 10;
  pop.seed = 1;
  pop.adaptive_threshold = AdaptiveThresholdParams{-256, 0, 1, 0};
  net.populations.push_back(pop);
  model::NetworkSim sim(net);
  const std::vector<bool> spiked{false, true, false, false, true, false, false, true};
  const std::vector<int32_t> average_after{0, 32768, 16384, 8192, 36864, 18432, 9216, 37376};
  for (std::size_t t = 0; t < spiked.size(); ++t) {
    INFO("tick " << t);
    sim.step();
    CHECK(sim.spiked(0).size() == (spiked[t] ? 1u : 0u));
    CHECK(sim.adaptive_threshold(0)->average() == average_after[t]);
  }
}

TEST_CASE("bad adaptive threshold parameters name the field", "[model][adaptive][errors]") {
  model::Network net = bias_ladder({40000, 70000, 17, -1});
  const std::vector<model::Diagnostic> d = model::validate(net);
  REQUIRE(d.size() == 4);
  CHECK(d[0].id == "NET-0101");
  CHECK(d[0].path == "/populations/0/adaptive_threshold/gamma");
  CHECK(d[0].message == "expected an integer in -32768..32767, found 40000");
  CHECK(d[1].path == "/populations/0/adaptive_threshold/target_rate");
  CHECK(d[1].message == "expected an integer in 0..65536, found 70000");
  CHECK(d[2].path == "/populations/0/adaptive_threshold/ema_shift");
  CHECK(d[3].path == "/populations/0/adaptive_threshold/initial_rate");
  CHECK_THROWS_AS(model::NetworkSim(net), model::InputError);
}
