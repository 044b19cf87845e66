// Impulse tests of the Loihi CUBA LIF kernel. Expected values are derived by hand from
// the equations in ../shared/vectors/lava/README.txt; each derivation is in a comment.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "model/blocks/loihi_lif.hpp"
#include "model/blocks/loihi_weights.hpp"

using namespace axomesh::model;

TEST_CASE("current decay rounds toward zero and uses du + 1", "[model][lif]") {
  // du = 1000: factor 4096 - 1001 = 3095. -50001 * 3095 = -154753095;
  // 154753095 >> 12 = 37781 (4096 * 37781 = 154750976, remainder 2119), so u = -37781
  // (a floor would give -37782).
  int32_t u = -50001, v = 0;
  const auto c = loihi::make_constants(1000, 0, 100, 0, 0);
  loihi::step(u, v, 0, c);
  CHECK(u == -37781);
  CHECK(v == -37781);  // dv = 0: v = 0 + u
  // du = 0 still decays: 100000 * 4095 / 4096 = 99975.58 -> 99975.
  u = 100000, v = 0;
  loihi::step(u, v, 0, loihi::make_constants(0, 0, 131071, 0, 0));
  CHECK(u == 99975);
  // du = 4095 zeroes u before the input is added: u = a_in << 6 = 3 * 64.
  u = 100000, v = 0;
  loihi::step(u, v, 3, loihi::make_constants(4095, 0, 131071, 0, 0));
  CHECK(u == 192);
}

TEST_CASE("u wraps once at 24 bits, asymmetrically", "[model][lif]") {
  const auto c = loihi::make_constants(4095, 0, 131071, 0, 0);  // u = input only
  int32_t u = 0, v = 0;
  loihi::step(u, v, 131072, c);  // 131072 << 6 = 2^23: kept
  CHECK(u == 8388608);
  u = 0, v = 0;
  loihi::step(u, v, 131073, c);  // 8388672 > 2^23: minus 2^24 = -8388544
  CHECK(u == -8388544);
  u = 0, v = 0;
  loihi::step(u, v, -131072, c);  // -2^23 <= -2^23: plus 2^24 = +2^23
  CHECK(u == 8388608);
}

TEST_CASE("v saturates at +-(2^23 - 1), spikes strictly above threshold, resets to 0", "[model][lif]") {
  // dv = 0, bias = 32 per step, vth = 1 -> threshold 64: v = 32, 64 (equal: no spike), 96 -> spike.
  const auto c = loihi::make_constants(0, 0, 1, 32, 0);
  int32_t u = 0, v = 0;
  CHECK_FALSE(loihi::step(u, v, 0, c));
  CHECK(v == 32);
  CHECK_FALSE(loihi::step(u, v, 0, c));
  CHECK(v == 64);
  CHECK(loihi::step(u, v, 0, c));
  CHECK(v == 0);
  // Saturation: v = 8388000 + u (8388608 from input 131072) clips to 8388607; with the
  // top threshold 131071 << 6 = 8388544 it spikes, v resets to 0 and u is kept.
  const auto top = loihi::make_constants(4095, 0, 131071, 0, 0);
  u = 0, v = 8388000;
  CHECK(loihi::step(u, v, 131072, top));
  CHECK(v == 0);
  CHECK(u == 8388608);
  // Negative side: -8388607 is the floor.
  u = 0, v = -8388000;
  CHECK_FALSE(loihi::step(u, v, -131071, top));  // u = -8388544, v = -16776544 -> -8388607
  CHECK(v == -8388607);
}

TEST_CASE("voltage decay and bias", "[model][lif]") {
  // dv = 256: v = 1000 * 3840 / 4096 = 937.5 -> 937, plus bias 5 << 2 = 20 -> 957.
  int32_t u = 0, v = 1000;
  loihi::step(u, v, 0, loihi::make_constants(0, 256, 131071, 5, 2));
  CHECK(v == 957);
  // Negative voltage decays toward zero too: -1000 -> -937; bias -5 >> 1 = floor(-2.5) = -3.
  u = 0, v = -1000;
  loihi::step(u, v, 0, loihi::make_constants(0, 256, 131071, -5, -1));
  CHECK(v == -940);
  CHECK(loihi::bias(4095, -3) == 511);   // floor(511.875)
  CHECK(loihi::bias(-4096, -5) == -128);
  CHECK(loihi::bias(33, 7) == 4224);
}

TEST_CASE("weight clip and truncation by sign mode", "[model][weights]") {
  using loihi::effective_weight;
  // Mixed, 8 bits: clip to -256..255, drop 1 LSB toward -inf.
  CHECK(effective_weight(300, SignMode::Mixed, 8) == 254);
  CHECK(effective_weight(-300, SignMode::Mixed, 8) == -256);
  CHECK(effective_weight(3, SignMode::Mixed, 8) == 2);
  CHECK(effective_weight(-3, SignMode::Mixed, 8) == -4);
  // Mixed, 6 bits: multiples of 8 (floor).
  CHECK(effective_weight(23, SignMode::Mixed, 6) == 16);
  CHECK(effective_weight(-1, SignMode::Mixed, 6) == -8);
  // Excitatory, 8 bits: clip to 0..255, nothing dropped; negatives become 0.
  CHECK(effective_weight(255, SignMode::Excitatory, 8) == 255);
  CHECK(effective_weight(-7, SignMode::Excitatory, 8) == 0);
  // Inhibitory: truncation acts on the magnitude: -13 with 6 bits -> -(13 >> 2 << 2) = -12.
  CHECK(effective_weight(-13, SignMode::Inhibitory, 6) == -12);
  CHECK(effective_weight(-300, SignMode::Inhibitory, 8) == -255);
  CHECK(effective_weight(5, SignMode::Inhibitory, 8) == 0);
  // Lava's automatic sign mode.
  CHECK(loihi::resolve_sign_mode(SignMode::Auto, {0, 3, 0}) == SignMode::Excitatory);
  CHECK(loihi::resolve_sign_mode(SignMode::Auto, {0, -3}) == SignMode::Inhibitory);
  CHECK(loihi::resolve_sign_mode(SignMode::Auto, {-1, 1}) == SignMode::Mixed);
  CHECK(loihi::resolve_sign_mode(SignMode::Auto, {0, 0}) == SignMode::Excitatory);
}

namespace {

// Lava's PyLifModelBitAcc step exactly as ../shared/vectors/README.txt writes it, in
// 64-bit arithmetic with its single wrap: an independent formulation to test against.
struct LavaReference {
  int64_t u, v;
  bool step(int64_t a_in, int64_t du, int64_t dv, int64_t bias, int64_t vth) {
    auto toward_zero = [](int64_t p) { return p >= 0 ? p / 4096 : -((-p) / 4096); };
    int64_t u1 = toward_zero(u * (4096 - (du + 1))) + a_in * 64;
    if (u1 > (1 << 23)) u1 -= 1 << 24;
    else if (u1 <= -(1 << 23)) u1 += 1 << 24;
    int64_t v1 = toward_zero(v * (4096 - dv)) + u1 + bias;
    v1 = std::clamp<int64_t>(v1, -(1 << 23) + 1, (1 << 23) - 1);
    u = u1;
    const bool spike = v1 > vth * 64;
    v = spike ? 0 : v1;
    return spike;
  }
};

}  // namespace

TEST_CASE("the kernel equals Lava's formulas over random and edge states", "[model][lif]") {
  // Every reachable state: u in (-2^23, 2^23], v in [-(2^23-1), 2^23-1], and inputs for
  // which Lava's single wrap keeps u in 24 bits (|a_in << 6| <= 2^24); edges drawn often.
  std::mt19937_64 rng(2024);
  const int32_t half = loihi::kStateHalf, a_max = 1 << 18;
  const std::vector<int32_t> u_edges = {-half + 1, -half + 2, -4097, -4096, -4095, -1, 0, 1, 4095, 4096, half - 1, half};
  const std::vector<int32_t> v_edges = {-loihi::kVMax, -4096, -1, 0, 1, 4096, loihi::kVMax};
  const std::vector<int32_t> a_edges = {-a_max, -131073, -131072, -1, 0, 1, 131072, 131073, a_max};
  auto pick = [&](const std::vector<int32_t>& edges, int32_t lo, int32_t hi) {
    if (rng() % 4 == 0) return edges[rng() % edges.size()];
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
  };
  for (int i = 0; i < 2000000; ++i) {
    const int32_t du = pick({0, 1, 4094, 4095}, 0, 4095), dv = pick({0, 1, 4094, 4095}, 0, 4095);
    const int32_t vth = pick({0, 1, 131071}, 0, 131071);
    const int32_t bias_mant = pick({-4096, 0, 4095}, -4096, 4095), bias_exp = pick({-12, 0, 7}, -12, 7);
    const auto c = loihi::make_constants(du, dv, vth, bias_mant, bias_exp);
    int32_t u = pick(u_edges, -half + 1, half), v = pick(v_edges, -loihi::kVMax, loihi::kVMax);
    const int32_t a = pick(a_edges, -a_max, a_max);
    LavaReference lava{u, v};
    const bool lava_spike = lava.step(a, du, dv, c.bias, vth);
    const int32_t spike = loihi::step(u, v, a, c);
    if (u != lava.u || v != lava.v || spike != int32_t{lava_spike}) {
      INFO("du " << du << " dv " << dv << " vth " << vth << " bias " << c.bias << " a_in " << a);
      REQUIRE(u == lava.u);
      REQUIRE(v == lava.v);
      REQUIRE(spike == int32_t{lava_spike});
    }
  }
}

TEST_CASE("beyond Lava's single wrap, u wraps modulo 2^24 like a 24-bit register", "[model][lif]") {
  const auto c = loihi::make_constants(4095, 0, 131071, 0, 0);  // u = this step's input only
  // a_in = 3 * 2^18 + 5: a_in << 6 = 3 * 2^24 + 320. Modulo 2^24 that is 320 (Lava's single
  // wrap would leave 2^25 + 320, outside 24 bits).
  int32_t u = 0, v = 0;
  loihi::step(u, v, 3 * (1 << 18) + 5, c);
  CHECK(u == 320);
  CHECK(v == 320);
  // a_in = -(2^20) - 1: << 6 = -2^26 - 64 = -4 * 2^24 - 64 -> -64.
  u = 0, v = 0;
  loihi::step(u, v, -(1 << 20) - 1, c);
  CHECK(u == -64);
  // The largest input: 2^31 - 1 << 6 = 2^37 - 64 -> -64 modulo 2^24.
  u = 0, v = 0;
  loihi::step(u, v, INT32_MAX, c);
  CHECK(u == -64);
}
