// Classic behaviours of the TrueNorth neuron (Cassidy et al., IJCNN 2013, Sec. IV: the
// model reproduces Izhikevich's neuro-computational behaviours with its leak modes,
// reset modes and thresholds). Each parameter set below uses the mechanism the paper names
// for the behaviour; the numbers are chosen here and the expected behaviour is derived by
// hand in the comments, then checked by its observable property.
#include <catch2/catch.hpp>

#include <vector>

#include "model/blocks/truenorth_neuron.hpp"

using namespace axomesh::model;
using truenorth::NeuronParams;
using truenorth::ResetMode;
using truenorth::TypeCounts;

namespace {

struct NoRandom {
  uint32_t draw() {
    FAIL("a deterministic neuron drew a random number");
    return 0;
  }
};

// Runs `ticks` ticks with the per-tick input `input(t)`; returns the spike ticks.
template <class Input>
std::vector<int> run(const NeuronParams& p, int ticks, Input input, int32_t v = 0) {
  NoRandom none;
  std::vector<int> spikes;
  for (int t = 0; t < ticks; ++t)
    if (truenorth::step(v, input(t), p, none)) spikes.push_back(t);
  return spikes;
}

TypeCounts excite(bool on) { return TypeCounts{on ? 1u : 0u, 0, 0, 0}; }

}  // namespace

TEST_CASE("tonic spiking: a step input gives a regular inter-spike interval", "[model][truenorth][behaviour]") {
  // Integrate-and-fire with reset to R = 0 (gamma 0): one type-0 event of s = 3 per tick
  // from t = 10 on, alpha = 10: V = 3, 6, 9, 12 -> spike every ceil(10 / 3) = 4 ticks,
  // first at t = 13.
  NeuronParams p;
  p.weight = {3, 0, 0, 0};
  p.threshold = 10;
  const std::vector<int> spikes = run(p, 100, [](int t) { return excite(t >= 10); });
  REQUIRE(spikes.size() == 22);  // t = 13, 17, ..., 97
  CHECK(spikes.front() == 13);
  for (std::size_t k = 1; k < spikes.size(); ++k) CHECK(spikes[k] - spikes[k - 1] == 4);
  // Without input, a positive leak alone drives it (a self-timed oscillator): lambda = 2,
  // alpha = 10: V = 2, 4, ..., 10 -> spike every 5 ticks.
  NeuronParams leak_driven;
  leak_driven.leak = 2;
  leak_driven.threshold = 10;
  const std::vector<int> clock = run(leak_driven, 50, [](int) { return TypeCounts{}; });
  REQUIRE(clock.size() == 10);
  for (std::size_t k = 0; k < clock.size(); ++k) CHECK(clock[k] == 4 + 5 * static_cast<int>(k));
}

TEST_CASE("phasic spiking: exactly one spike at the onset of a step input", "[model][truenorth][behaviour]") {
  // Divergent leak reversal (epsilon 1, lambda +4) makes V = 0 a watershed; reset below it
  // (R = -10) with a floor at -beta (kappa 1, beta 50).
  //   onset t = 5: V = 0 + 2 = 2, leak +4 -> 6 >= 5: spike, V = R = -10;
  //   then V = -10 + 2 = -8, leak -4 -> -12; each tick -2 more, until below -50: -50.
  //   At -50: -50 + 2 - 4 = -52 -> -50. The input (2) never beats the leak (4) below zero.
  NeuronParams p;
  p.weight = {2, 0, 0, 0};
  p.leak = 4;
  p.leak_reversal = true;
  p.threshold = 5;
  p.reset_potential = -10;
  p.negative_threshold = 50;
  p.negative_saturate = true;
  const std::vector<int> spikes = run(p, 200, [](int t) { return excite(t >= 5 && t < 150); });
  REQUIRE(spikes.size() == 1);
  CHECK(spikes[0] == 5);
}

TEST_CASE("bursting: linear reset turns one strong input into a burst", "[model][truenorth][behaviour]") {
  // Linear reset (gamma 1) keeps the excess over alpha: one event of s = 255, alpha = 60:
  // V = 255 spike -> 195 spike -> 135 spike -> 75 spike -> 15: 4 spikes on consecutive
  // ticks, then silence. Pulses every 20 ticks give a burst of 4 each (tonic bursting):
  // the 15 left over plus the next 255 is 270: spikes at 270, 210, 150, 90 -> 30; then the
  // next pulse, 285: 285, 225, 165, 105 -> 45; then 300: 300, 240, 180, 120, 60 -> 0,
  // a burst of 5 (the remainder grows by 15 a burst until a fifth spike fits).
  NeuronParams p;
  p.weight = {255, 0, 0, 0};
  p.threshold = 60;
  p.reset_mode = ResetMode::Subtract;
  const std::vector<int> spikes = run(p, 80, [](int t) { return excite(t % 20 == 0); });
  const std::vector<int> expected = {0, 1, 2, 3, 20, 21, 22, 23, 40, 41, 42, 43, 60, 61, 62, 63, 64};
  CHECK(spikes == expected);
}

TEST_CASE("integrator: coincident inputs fire, distant ones leak away", "[model][truenorth][behaviour]") {
  // Convergent leak (epsilon 1, lambda -1), alpha = 17, s = 10 per pulse.
  //   pulse at t: V = 10 -> leak 9.  k ticks later without input: 9 - k.
  //   second pulse d ticks after the first: V = 9 - (d - 1) + 10 - 1 = 19 - d >= 17 iff d <= 2.
  NeuronParams p;
  p.weight = {10, 0, 0, 0};
  p.leak = -1;
  p.leak_reversal = true;
  p.threshold = 17;
  for (int d = 1; d <= 5; ++d) {
    INFO("pulses " << d << " ticks apart");
    const std::vector<int> spikes = run(p, 40, [d](int t) { return excite(t == 10 || t == 10 + d); });
    if (d <= 2) {
      REQUIRE(spikes.size() == 1);
      CHECK(spikes[0] == 10 + d);
    } else {
      CHECK(spikes.empty());
    }
  }
}

TEST_CASE("rebound spike: release from inhibition fires once", "[model][truenorth][behaviour]") {
  // Negative reset to -R (gamma 0, kappa 0) with a negative R turns a dip below -beta into
  // a jump above zero. alpha = 4, beta = 5, R = -5, convergent leak lambda -1.
  //   inhibitory pulse (type 1, s = -8) at t = 10: V = -8, leak +1 -> -7 < -5: V = -R = 5.
  //   t = 11: V = 5, leak -1 -> 4 >= 4: spike, V = R = -5.
  //   t = 12..16: -5 -> -4 (not below -5), -3, -2, -1, 0: back at rest, no more spikes.
  // A weaker pulse (s = -4): V = -4 -> -3, not below -5: it decays back, no spike.
  NeuronParams p;
  p.weight = {0, -8, 0, 0};
  p.leak = -1;
  p.leak_reversal = true;
  p.threshold = 4;
  p.negative_threshold = 5;
  p.reset_potential = -5;
  auto inhibit = [](int t) { return TypeCounts{0, t == 10 ? 1u : 0u, 0, 0}; };
  const std::vector<int> spikes = run(p, 40, inhibit);
  REQUIRE(spikes.size() == 1);
  CHECK(spikes[0] == 11);
  p.weight = {0, -4, 0, 0};
  CHECK(run(p, 40, inhibit).empty());
}
