// Impulse tests of the TrueNorth neuron kernel and its LFSR. Every expected value is
// derived by hand from the equations in docs/truenorth-neuron.md, the derivation in a
// comment. Stochastic modes use a scripted random source, so each draw is chosen by the
// test; the LFSR is tested on its own.
#include <catch2/catch.hpp>

#include <vector>

#include "model/blocks/lfsr.hpp"
#include "model/blocks/truenorth_neuron.hpp"

using namespace axomesh::model;
using truenorth::NeuronParams;
using truenorth::ResetMode;
using truenorth::TypeCounts;

namespace {

// Hands out the listed numbers in order and counts the draws.
struct ScriptedRandom {
  std::vector<uint32_t> values;
  std::size_t next = 0;
  uint32_t draw() {
    REQUIRE(next < values.size());
    return values[next++];
  }
};

// No draws allowed: deterministic modes must not touch the source.
struct NoRandom {
  uint32_t draw() {
    FAIL("a deterministic neuron drew a random number");
    return 0;
  }
};

// A neuron that never resets unless a test says so: far thresholds, no leak.
NeuronParams quiet() {
  NeuronParams p;
  p.threshold = truenorth::kThresholdMax;
  p.negative_threshold = truenorth::kThresholdMax;
  return p;
}

}  // namespace

TEST_CASE("LFSR: the documented shifts and draws", "[model][truenorth]") {
  // From state 1, one shift: out = 1, state = (1 >> 1) ^ 0x80200003 = 0x80200003.
  // Next: out = 1, 0x80200003 >> 1 = 0x40100001, ^ 0x80200003 = 0xC0300002.
  // Next: out = 0, 0xC0300002 >> 1 = 0x60180001 (no feedback).
  // Next: out = 1, 0x300C0000 ^ 0x80200003 = 0xB02C0003.
  Lfsr32 r(1);
  r.shift();
  CHECK(r.state() == 0x80200003u);
  r.shift();
  CHECK(r.state() == 0xC0300002u);
  r.shift();
  CHECK(r.state() == 0x60180001u);
  r.shift();
  CHECK(r.state() == 0xB02C0003u);
  // Continuing the same rule by hand (feedback whenever the bit shifted out is 1):
  //  5 0xD8360002   6 0x6C1B0001   7 0xB62D8003   8 0xDB36C002   9 0x6D9B6001
  // 10 0xB6EDB003  11 0xDB56D802  12 0x6DAB6C01  13 0xB6F5B603  14 0xDB5ADB02
  // 15 0x6DAD6D81  16 0xB6F6B6C3
  // so the first draw from state 1 (16 shifts, low 16 bits) is 0xB6C3.
  Lfsr32 d(1);
  CHECK(d.draw() == 0xB6C3u);
  CHECK(d.state() == 0xB6F6B6C3u);
  // Zero is never a state: it would be a fixed point.
  CHECK(Lfsr32(0).state() == 1u);
}

TEST_CASE("LFSR: seeding gives distinct non-zero streams; draws are near uniform", "[model][truenorth]") {
  // splitmix64 of seed + (stream + 1) * 0x9E3779B97F4A7C15 differs for every stream.
  CHECK(Lfsr32::seeded_state(7, 0) != Lfsr32::seeded_state(7, 1));
  CHECK(Lfsr32::seeded_state(7, 0) != Lfsr32::seeded_state(8, 0));
  CHECK(Lfsr32::seeded_state(7, 3) == Lfsr32::seeded_state(7, 3));
  // The comparison byte (rho & 255) of a maximal-length sequence is close to uniform:
  // its mean over 65,536 draws is near 127.5, and P(64 >= rho & 255) near 65/256.
  Lfsr32 r(Lfsr32::seeded_state(1, 0));
  uint64_t sum = 0, pass = 0;
  for (int k = 0; k < 65536; ++k) {
    const uint32_t rho = r.draw() & 0xFF;
    sum += rho;
    pass += 64 >= rho ? 1 : 0;
    REQUIRE(r.state() != 0);
  }
  CHECK(static_cast<double>(sum) / 65536.0 == Approx(127.5).epsilon(0.02));
  CHECK(static_cast<double>(pass) / 65536.0 == Approx(65.0 / 256.0).epsilon(0.05));
}

TEST_CASE("integration, deterministic: V += sum of A_G * s_G", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.weight = {3, -2, 100, -255};
  NoRandom none;
  // A = {2, 1, 0, 3}: V = 0 + 2*3 + 1*(-2) + 0*100 + 3*(-255) = 6 - 2 - 765 = -761.
  int32_t v = 0;
  CHECK_FALSE(truenorth::step(v, TypeCounts{2, 1, 0, 3}, p, none));
  CHECK(v == -761);
  // Next tick A = {0, 0, 1, 0}: -761 + 100 = -661.
  CHECK_FALSE(truenorth::step(v, TypeCounts{0, 0, 1, 0}, p, none));
  CHECK(v == -661);
  // Per-axon events give the same counts: axons 0..7 with types {0,1,2,3,0,1,2,3},
  // active {1,1,0,1,1,0,1,1} and crossbar bits {1,1,1,0,1,1,1,1}: the active and
  // connected axons are 0 (type 0), 1 (type 1), 4 (type 0), 6 (type 2), 7 (type 3),
  // so A = {2, 1, 1, 1}.
  const uint8_t active[] = {1, 1, 0, 1, 1, 0, 1, 1};
  const uint8_t crossbar[] = {1, 1, 1, 0, 1, 1, 1, 1};
  const uint8_t types[] = {0, 1, 2, 3, 0, 1, 2, 3};
  CHECK(truenorth::count_active_types(active, crossbar, types, 8) == TypeCounts{2, 1, 1, 1});
}

TEST_CASE("integration, stochastic: one draw per event, types in order 0..3", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.weight = {100, -7, 50, 0};
  p.stochastic_weight = {true, true, false, false};
  // Type 0 (s = 100, 3 events) takes the first three draws, type 1 (s = -7, 1 event) the
  // fourth; type 2 is deterministic. Draws compare |s| with rho & 255:
  //   100 >= 100: +1;  100 >= 101: no;  rho 0x1234 -> 0x34 = 52, 100 >= 52: +1;
  //   7 >= 7: -1 (sign of s).   Type 2: 2 * 50 = 100.   V = 0 + 2 - 1 + 100 = 101.
  // (Taking type 1 first would give 7 >= 100: no, then 100 >= 101, 52, 7: +2 -> 102.)
  ScriptedRandom r{{100, 101, 0x1234, 7}};
  int32_t v = 0;
  truenorth::step(v, TypeCounts{3, 1, 2, 0}, p, r);
  CHECK(v == 101);
  CHECK(r.next == 4);
  // s = 0 draws too, and never moves V (sgn 0 = 0): one event, one draw.
  p.weight = {0, 0, 0, 0};
  p.stochastic_weight = {true, false, false, false};
  ScriptedRandom zero{{0}};
  v = 5;
  truenorth::step(v, TypeCounts{1, 0, 0, 0}, p, zero);
  CHECK(v == 5);
  CHECK(zero.next == 1);
}

TEST_CASE("leak, mode (epsilon 0, c 0): V += lambda whatever the sign of V", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.leak = -5;
  NoRandom none;
  // From V = 12: 7, 2, -3, -8 (monotonic: crosses zero and goes on).
  int32_t v = 12;
  const int32_t expected[] = {7, 2, -3, -8};
  for (int32_t e : expected) {
    truenorth::step(v, TypeCounts{}, p, none);
    CHECK(v == e);
  }
}

TEST_CASE("leak, mode (epsilon 1, c 0): leak reversal, V += sgn(V) * lambda", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.leak_reversal = true;
  p.leak = -5;  // convergent: toward zero from both sides
  NoRandom none;
  // V = 12: sgn +1 -> 7 -> 2; then 2 - 5 = -3 (the leak may overshoot zero; the equation
  // has no clamp); then sgn -1: -3 + 5 = 2; and so on: 2, -3, 2.
  int32_t v = 12;
  const int32_t expected[] = {7, 2, -3, 2, -3};
  for (int32_t e : expected) {
    truenorth::step(v, TypeCounts{}, p, none);
    CHECK(v == e);
  }
  // From -12: sgn -1, -12 + 5 = -7. From 0: sgn 0, no leak.
  v = -12;
  truenorth::step(v, TypeCounts{}, p, none);
  CHECK(v == -7);
  v = 0;
  truenorth::step(v, TypeCounts{}, p, none);
  CHECK(v == 0);
  // Divergent (lambda = +5): away from zero: 12 -> 17, -12 -> -17.
  p.leak = 5;
  v = 12;
  truenorth::step(v, TypeCounts{}, p, none);
  CHECK(v == 17);
  v = -12;
  truenorth::step(v, TypeCounts{}, p, none);
  CHECK(v == -17);
}

TEST_CASE("leak, mode (epsilon 0, c 1): stochastic leak, V += sgn(lambda) when |lambda| >= rho", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.leak = -64;
  p.stochastic_leak = true;
  // rho 64: 64 >= 64, V -= 1;  rho 65: no change;  rho 0x1F40 -> 0x40 = 64: V -= 1.
  // From V = 10: 9, 9, 8; one draw a tick.
  ScriptedRandom r{{64, 65, 0x1F40}};
  int32_t v = 10;
  const int32_t expected[] = {9, 9, 8};
  for (int32_t e : expected) {
    truenorth::step(v, TypeCounts{}, p, r);
    CHECK(v == e);
  }
  CHECK(r.next == 3);
}

TEST_CASE("leak, mode (epsilon 1, c 1): stochastic leak reversal", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.leak = 64;  // divergent
  p.leak_reversal = true;
  p.stochastic_leak = true;
  // V = -10: Omega = -1; rho 0 passes: V = -10 + (-1)(+1) = -11. rho 200 fails: -11.
  // V = 0: Omega = 0; the draw (rho 0) is still made, V stays 0.
  ScriptedRandom r{{0, 200, 0}};
  int32_t v = -10;
  truenorth::step(v, TypeCounts{}, p, r);
  CHECK(v == -11);
  truenorth::step(v, TypeCounts{}, p, r);
  CHECK(v == -11);
  v = 0;
  truenorth::step(v, TypeCounts{}, p, r);
  CHECK(v == 0);
  CHECK(r.next == 3);
}

TEST_CASE("threshold, deterministic: V >= alpha fires", "[model][truenorth]") {
  NeuronParams p;
  p.weight = {4, 0, 0, 0};
  p.threshold = 10;
  p.negative_threshold = 100;
  NoRandom none;
  // One type-0 event a tick: V = 4, 8, 12 >= 10 -> spike, reset to R = 0; 4, 8, 12 spike.
  int32_t v = 0;
  const bool spikes[] = {false, false, true, false, false, true};
  for (bool s : spikes) CHECK(truenorth::step(v, TypeCounts{1, 0, 0, 0}, p, none) == s);
  // Exactly alpha fires (>=): V = 6 + 4 = 10.
  v = 6;
  CHECK(truenorth::step(v, TypeCounts{1, 0, 0, 0}, p, none));
}

TEST_CASE("threshold, stochastic: V >= alpha + (rho & M), M = 2^TM - 1", "[model][truenorth]") {
  NeuronParams p;
  p.threshold = 10;
  p.negative_threshold = 100;
  p.threshold_mask_bits = 4;  // M = 15
  // V = 16 throughout (no input, no leak, and no spike until the last tick).
  // rho 0x00F7: eta = 7, 16 < 17: no spike.  rho 0xFFF6: eta = 6, 16 >= 16: spike, V = R = 0.
  ScriptedRandom r{{0x00F7, 0xFFF6}};
  int32_t v = 16;
  CHECK_FALSE(truenorth::step(v, TypeCounts{}, p, r));
  CHECK(v == 16);
  CHECK(truenorth::step(v, TypeCounts{}, p, r));
  CHECK(v == 0);
  CHECK(r.next == 2);
  // The same eta widens the negative threshold when kappa = 0: beta = 5, eta = 3: -7 is
  // not below -8, so no negative reset; -9 is: V = -R = 0.
  p.threshold = 1000;
  p.negative_threshold = 5;
  ScriptedRandom n{{3, 3}};
  v = -7;
  truenorth::step(v, TypeCounts{}, p, n);
  CHECK(v == -7);
  v = -9;
  truenorth::step(v, TypeCounts{}, p, n);
  CHECK(v == 0);
  // With kappa = 1 the negative threshold is -beta alone: eta = 3 is drawn (the mask is
  // on) but -6 < -5 already saturates to -5.
  p.negative_saturate = true;
  ScriptedRandom k{{3}};
  v = -6;
  truenorth::step(v, TypeCounts{}, p, k);
  CHECK(v == -5);
  CHECK(k.next == 1);
}

// The six reset modes: alpha = 10, beta = 20, R = 3, no leak, eta = 0. A type-0 event of
// +15 from V = 0 gives V = 15 >= 10 (positive side); a type-1 event of -25 gives -25 < -20
// (negative side).
//   gamma kappa | positive (V = 15)        | negative (V = -25)
//   0     0     | R = 3                    | -R = -3
//   0     1     | R = 3                    | -beta = -20
//   1     0     | V - alpha = 5            | V + beta = -5
//   1     1     | V - alpha = 5            | -beta = -20
//   2     0     | V = 15                   | V = -25
//   2     1     | V = 15                   | -beta = -20
TEST_CASE("reset modes: gamma x kappa, positive and negative side", "[model][truenorth]") {
  struct Mode {
    ResetMode gamma;
    bool kappa;
    int32_t after_positive, after_negative;
  };
  const Mode modes[] = {{ResetMode::Reset, false, 3, -3},    {ResetMode::Reset, true, 3, -20},
                        {ResetMode::Subtract, false, 5, -5}, {ResetMode::Subtract, true, 5, -20},
                        {ResetMode::None, false, 15, -25},   {ResetMode::None, true, 15, -20}};
  NoRandom none;
  for (const Mode& m : modes) {
    INFO("gamma " << static_cast<int>(m.gamma) << ", kappa " << m.kappa);
    NeuronParams p;
    p.weight = {15, -25, 0, 0};
    p.threshold = 10;
    p.negative_threshold = 20;
    p.reset_potential = 3;
    p.reset_mode = m.gamma;
    p.negative_saturate = m.kappa;
    int32_t v = 0;
    CHECK(truenorth::step(v, TypeCounts{1, 0, 0, 0}, p, none));
    CHECK(v == m.after_positive);
    v = 0;
    CHECK_FALSE(truenorth::step(v, TypeCounts{0, 1, 0, 0}, p, none));
    CHECK(v == m.after_negative);
  }
}

TEST_CASE("reset, linear mode subtracts the drawn threshold on both sides", "[model][truenorth]") {
  NeuronParams p;
  p.threshold = 10;
  p.negative_threshold = 20;
  p.threshold_mask_bits = 2;  // M = 3
  p.reset_mode = ResetMode::Subtract;
  // eta = 0x0007 & 3 = 3. Positive: V = 15 >= 13: V = 15 - 13 = 2.
  // Negative: V = -25 < -(20 + 3) = -23: V = -25 + 23 = -2.
  ScriptedRandom r{{7, 7}};
  int32_t v = 15;
  CHECK(truenorth::step(v, TypeCounts{}, p, r));
  CHECK(v == 2);
  v = -25;
  CHECK_FALSE(truenorth::step(v, TypeCounts{}, p, r));
  CHECK(v == -2);
}

TEST_CASE("negative threshold saturate: V never goes below -beta", "[model][truenorth]") {
  NeuronParams p;
  p.threshold = 1000;
  p.negative_threshold = 20;
  p.negative_saturate = true;
  p.leak = -7;
  NoRandom none;
  // V = 0 - 7 = -7, -14, -21 < -20 -> -20, then -27 -> -20 again.
  int32_t v = 0;
  const int32_t expected[] = {-7, -14, -20, -20};
  for (int32_t e : expected) {
    truenorth::step(v, TypeCounts{}, p, none);
    CHECK(v == e);
  }
}

TEST_CASE("V saturates at 20 bits after integration and after leak", "[model][truenorth]") {
  NeuronParams p = quiet();
  p.weight = {255, -255, 0, 0};
  p.reset_mode = ResetMode::None;
  NoRandom none;
  // 524000 + 2 * 255 = 524510 > 2^19 - 1: V = 524287 >= alpha (262143) spikes; gamma 2 keeps V.
  int32_t v = 524000;
  CHECK(truenorth::step(v, TypeCounts{2, 0, 0, 0}, p, none));
  CHECK(v == 524287);
  // -524000 - 3 * 255 = -524765 < -2^19: V = -524288, below -beta: gamma 2 keeps it.
  v = -524000;
  truenorth::step(v, TypeCounts{0, 3, 0, 0}, p, none);
  CHECK(v == -524288);
  // The leak saturates too: -524288 + (-5) stays -524288.
  p.leak = -5;
  truenorth::step(v, TypeCounts{}, p, none);
  CHECK(v == -524288);
}

TEST_CASE("draw order with the LFSR: synapses by type, then leak, then threshold", "[model][truenorth]") {
  NeuronParams p;
  p.weight = {90, 0, -200, 0};
  p.stochastic_weight = {true, false, true, false};
  p.leak = 128;
  p.stochastic_leak = true;
  p.threshold = 3;
  p.negative_threshold = 1000;
  p.threshold_mask_bits = 3;
  Lfsr32 lfsr(Lfsr32::seeded_state(42, 0));
  Lfsr32 copy = lfsr;
  int32_t v = 0;
  const bool spiked = truenorth::step(v, TypeCounts{2, 0, 1, 0}, p, lfsr);
  // The documented order, drawn from an identical register: two type-0 draws, one
  // type-2 draw, the leak draw, the threshold draw.
  int32_t expected = 0;
  for (int k = 0; k < 2; ++k) expected += 90 >= static_cast<int32_t>(copy.draw() & 255) ? 1 : 0;
  expected -= 200 >= static_cast<int32_t>(copy.draw() & 255) ? 1 : 0;
  expected += 128 >= static_cast<int32_t>(copy.draw() & 255) ? 1 : 0;  // Omega = 1
  const int32_t eta = static_cast<int32_t>(copy.draw() & 7);
  const bool expected_spike = expected >= 3 + eta;
  CHECK(spiked == expected_spike);
  CHECK(v == (expected_spike ? 0 : expected));
  CHECK(lfsr.state() == copy.state());  // exactly five draws
}
