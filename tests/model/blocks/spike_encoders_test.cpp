// Spike encoders: the LFSR against hand-derived states and its period proved through the
// order of its state-transition matrix; exact TTFS and hybrid spike times derived by hand;
// the rate code's statistics against binomial bounds; encode -> decode error bounds.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "model/blocks/spike_encoders.hpp"

using namespace axomesh::model;
using namespace axomesh::model::encoders;

namespace {

// A 32x32 matrix over GF(2), stored by columns: column j is the image of basis vector e_j.
using Gf2Matrix = std::array<uint32_t, 32>;

uint32_t image_of(const Gf2Matrix& m, uint32_t v) {
  uint32_t out = 0;
  for (int j = 0; j < 32; ++j)
    if ((v >> j) & 1u) out ^= m[j];
  return out;
}

Gf2Matrix multiply(const Gf2Matrix& a, const Gf2Matrix& b) {
  Gf2Matrix out{};
  for (int j = 0; j < 32; ++j) out[j] = image_of(a, b[j]);
  return out;
}

Gf2Matrix identity() {
  Gf2Matrix m{};
  for (int j = 0; j < 32; ++j) m[j] = uint32_t{1} << j;
  return m;
}

Gf2Matrix power(Gf2Matrix base, uint64_t exponent) {
  Gf2Matrix result = identity();
  for (; exponent > 0; exponent >>= 1) {
    if (exponent & 1u) result = multiply(result, base);
    base = multiply(base, base);
  }
  return result;
}

double q16(double x) { return std::round(x * kValueOne); }

EncoderParams hybrid(double vth_base, double alpha, uint32_t steps) {
  EncoderParams p;
  p.scheme = Scheme::Hybrid;
  p.vth_base = static_cast<uint32_t>(q16(vth_base));
  p.alpha = static_cast<uint32_t>(q16(alpha));
  p.steps = steps;
  return p;
}

}  // namespace

TEST_CASE("the Galois LFSR steps as derived by hand", "[model][encoders]") {
  // From state 1, each clock shifts right and XORs 0x80200003 when the bit shifted out was 1:
  //   0x00000001 -out 1-> 0x00000000 ^ 0x80200003 = 0x80200003
  //   0x80200003 -out 1-> 0x40100001 ^ 0x80200003 = 0xC0300002
  //   0xC0300002 -out 0-> 0x60180001
  //   0x60180001 -out 1-> 0x300C0000 ^ 0x80200003 = 0xB02C0003
  //   0xB02C0003 -out 1-> 0x58160001 ^ 0x80200003 = 0xD8360002
  //   0xD8360002 -out 0-> 0x6C1B0001
  Lfsr32 lfsr(1);
  const uint32_t states[] = {0x80200003u, 0xC0300002u, 0x60180001u, 0xB02C0003u, 0xD8360002u, 0x6C1B0001u};
  const uint32_t outputs[] = {1, 1, 0, 1, 1, 0};
  for (int i = 0; i < 6; ++i) {
    CHECK(lfsr.shift() == outputs[i]);
    CHECK(lfsr.state() == states[i]);
  }
  // Continuing the same rule for 16 clocks from state 1 ends in 0xB6F6B6C3 (checked with
  // Python integers): the first draw is its low half.
  CHECK(Lfsr32(1).draw() == 0xB6C3u);
  // A zero seed would stay zero forever: it is replaced by 1.
  CHECK(Lfsr32(0).state() == 1u);
}

TEST_CASE("the LFSR has period 2^32 - 1 from every nonzero state", "[model][encoders]") {
  // The update is linear over GF(2): state' = T state. Column j of T is the update of e_j.
  Gf2Matrix t{};
  for (int j = 0; j < 32; ++j) {
    Lfsr32 lfsr(uint32_t{1} << j);
    lfsr.shift();
    t[j] = lfsr.state();
  }
  // If T^N = I for N = 2^32 - 1 and T^(N/q) != I for each prime q | N (3, 5, 17, 257, 65537),
  // T has order exactly N. For a companion-form T that means its characteristic polynomial
  // is primitive, so GF(2)[T] is the field of 2^32 elements with T a generator: T^k - I is
  // invertible for 0 < k < N and no nonzero state comes back before N steps.
  const uint64_t n = 0xFFFFFFFFull;
  CHECK(power(t, n) == identity());
  for (uint64_t q : {3ull, 5ull, 17ull, 257ull, 65537ull}) {
    INFO("q = " << q);
    CHECK(power(t, n / q) != identity());
  }
  // And the matrix is the LFSR: a random state advanced 1,000 clocks both ways agrees.
  Lfsr32 lfsr(0x12345678u);
  for (int i = 0; i < 1000; ++i) lfsr.shift();
  CHECK(lfsr.state() == image_of(power(t, 1000), 0x12345678u));
}

TEST_CASE("channel seeds follow the documented splitmix64 formula", "[model][encoders]") {
  // Computed independently with Python integers from the formula in spike_encoders.hpp.
  CHECK(Lfsr32::seeded_state(0, 0) == 0x7B1DCDAFu);
  CHECK(Lfsr32::seeded_state(7, 3) == 0x673E29CBu);
  CHECK(Lfsr32::seeded_state(7, 3) != Lfsr32::seeded_state(7, 4));
}

TEST_CASE("TTFS spike times derived by hand", "[model][encoders]") {
  // t = round((1 - x)(N - 1)), ties up.
  CHECK(encode_ttfs(32768, 11) == std::vector<uint32_t>{5});   // 0.5 * 10 = 5
  CHECK(encode_ttfs(65536, 11) == std::vector<uint32_t>{0});   // x = 1 fires at once
  CHECK(encode_ttfs(0, 11).empty());                          // x = 0 is silent
  CHECK(encode_ttfs(17039, 11) == std::vector<uint32_t>{7});   // (65536-17039)*10/65536 = 7.40
  CHECK(encode_ttfs(49152, 3) == std::vector<uint32_t>{1});    // 0.25 * 2 = 0.5 rounds up to 1
  CHECK(encode_ttfs(16384, 3) == std::vector<uint32_t>{2});    // 0.75 * 2 = 1.5 rounds up to 2
  CHECK(encode_ttfs(1, 11) == std::vector<uint32_t>{10});      // the smallest input, last step
  CHECK(encode_ttfs(65536, 1) == std::vector<uint32_t>{0});
  CHECK_THROWS_AS(encode_ttfs(65537, 11), std::out_of_range);
  CHECK(decode_ttfs({5}, 11) == Approx(0.5));
  CHECK(decode_ttfs({}, 11) == 0.0);
}

TEST_CASE("TTFS decodes within half a step of resolution", "[model][encoders]") {
  // |t - (1 - x)(N - 1)| <= 1/2, so |x_hat - x| <= 1 / (2 (N - 1)).
  for (uint32_t steps : {2u, 5u, 16u, 100u}) {
    const double bound = 0.5 / (steps - 1) + 1e-12;
    for (uint32_t x = 0; x <= kValueOne; x += 97) {
      const double error = std::abs(decode_ttfs(encode_ttfs(x, steps), steps) - x / 65536.0);
      REQUIRE(error <= bound);
    }
  }
}

TEST_CASE("hybrid thresholds and spike times derived by hand", "[model][encoders]") {
  // vth_base = 2.0, alpha = 0.5: vth(x) = 2 (1 - x/2) = 2 - x.
  const EncoderParams p = hybrid(2.0, 0.5, 10);
  CHECK(hybrid_threshold(32768, p.vth_base, p.alpha) == 98304u);   // x = 0.5  -> 1.5
  CHECK(hybrid_threshold(16384, p.vth_base, p.alpha) == 114688u);  // x = 0.25 -> 1.75
  CHECK(hybrid_threshold(65536, p.vth_base, p.alpha) == 65536u);   // x = 1    -> 1.0
  CHECK(hybrid_threshold(0, p.vth_base, p.alpha) == 131072u);      // x = 0    -> 2.0
  // Rounding and the clamp: vth_base = 3 LSB, alpha = 65535/65536, x = 1 removes
  // round(3 * 65535 * 65536 / 2^32) = round(2.99995) = 3 LSB, leaving 0: clamped to 1.
  CHECK(hybrid_threshold(65536, 3, 65535) == 1u);

  // x = 0.5: v = 0.5, 1.0, 1.5 >= 1.5 -> spike at step 2, v = 0; again at 5 and 8.
  CHECK(encode_hybrid(32768, p) == std::vector<uint32_t>({2, 5, 8}));
  // x = 0.25, vth 1.75: 7 steps of 0.25 reach 1.75 -> spike at step 6; the next at 13.
  CHECK(encode_hybrid(16384, p) == std::vector<uint32_t>({6}));
  // x = 1, vth 1: a spike every step.
  CHECK(encode_hybrid(65536, p) == std::vector<uint32_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  CHECK(encode_hybrid(0, p).empty());

  // Decoding, with g = x / vth(x) and x = 2g / (1 + g):
  // {2,5,8}: count 3 -> g in [0.3, 0.4); first spike at 2 -> g in [1/3, 1/2);
  //   g in [1/3, 0.4) -> x in [0.5, 0.8/1.4) -> middle (0.5 + 4/7) / 2 = 0.535714...
  CHECK(decode_hybrid({2, 5, 8}, p) == Approx((0.5 + 4.0 / 7.0) / 2));
  // {6}: count 1 -> g in [0.1, 0.2); first at 6 -> g in [1/7, 1/6) -> x in [0.25, 2/7).
  CHECK(decode_hybrid({6}, p) == Approx((0.25 + 2.0 / 7.0) / 2));
  // No spike: g < 0.1 -> x in [0, 0.2/1.1).
  CHECK(decode_hybrid({}, p) == Approx(0.1 / 1.1));
  // Ten spikes from step 0: g in [1, 1.1) -> x in [1, 1] once clipped.
  CHECK(decode_hybrid({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, p) == Approx(1.0));
}

TEST_CASE("hybrid spike times equal a step-by-step integrate-and-fire", "[model][encoders]") {
  Lfsr32 random(99);
  for (int trial = 0; trial < 300; ++trial) {
    const double vth_base = 1.0 + (random.draw() % 2000) / 100.0;   // 1.0 .. 21.0
    const double alpha = (random.draw() % 1000) / 1000.0;            // 0 .. 0.999
    EncoderParams p = hybrid(vth_base / (1.0 - alpha), alpha, 1 + random.draw() % 300);
    if (!check(p).empty()) continue;
    const uint32_t x = random.draw() + (random.draw() & 1u);  // 0 .. 65536
    // The rule of spike_encoders.hpp, one step at a time.
    const uint64_t vth = hybrid_threshold(x, p.vth_base, p.alpha);
    std::vector<uint32_t> expected;
    uint64_t v = 0;
    for (uint32_t t = 0; t < p.steps; ++t) {
      v += x;
      if (v >= vth) {
        expected.push_back(t);
        v -= vth;
      }
      REQUIRE(v < vth);  // at most one spike a step
    }
    INFO("vth_base " << p.vth_base << " alpha " << p.alpha << " steps " << p.steps << " x " << x);
    REQUIRE(encode_hybrid(x, p) == expected);
  }
}

TEST_CASE("hybrid: larger inputs fire earlier and more often, and decode within vth_base / 2N",
          "[model][encoders]") {
  for (const EncoderParams& p : {hybrid(2.0, 0.5, 10), hybrid(4.0, 0.75, 64), hybrid(1.0, 0.0, 200)}) {
    // The count fixes g = x / vth(x) to an interval of width 1/N; x(g) = g vb / (1 + alpha g vb)
    // has slope at most vb, so the middle of any sub-interval is within vb / (2N) of x. The
    // threshold's rounding moves g by under 2^-16 relative: 1e-4 covers it.
    const double bound = p.vth_base / 65536.0 / (2.0 * p.steps) + 1e-4;
    std::size_t previous_count = 0;
    uint32_t previous_first = UINT32_MAX;
    for (uint32_t x = 0; x <= kValueOne; x += 61) {
      const std::vector<uint32_t> times = encode_hybrid(x, p);
      REQUIRE(times.size() >= previous_count);
      if (!times.empty()) {
        REQUIRE(times.front() <= previous_first);
        previous_first = times.front();
      }
      previous_count = times.size();
      REQUIRE(std::abs(decode_hybrid(times, p) - x / 65536.0) <= bound);
    }
  }
}

TEST_CASE("hybrid parameters are checked", "[model][encoders]") {
  CHECK(check(hybrid(2.0, 0.5, 10)).empty());
  // vth_base (1 - alpha) = 0.9 < 1: an input of 1 would need more than one spike a step.
  const auto low = check(hybrid(1.8, 0.5, 10));
  REQUIRE(low.size() == 1);
  CHECK(low[0].id == "ENC-0104");
  EncoderParams bad = hybrid(2.0, 0.5, 0);
  bad.alpha = kValueOne;
  bad.vth_base = 0;
  const auto problems = check(bad);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].id == "ENC-0101");
  CHECK(problems[1].id == "ENC-0102");
  CHECK(problems[2].id == "ENC-0103");
  CHECK_THROWS_AS(SpikeEncoder(bad, 4), InputError);
}

TEST_CASE("rate code: exact edges and the LFSR comparison", "[model][encoders]") {
  Lfsr32 zero(5), one(5);
  CHECK(encode_rate(0, 500, zero).empty());
  CHECK(encode_rate(kValueOne, 500, one).size() == 500);
  // From state 1 the first draw is 0xB6C3 (see above): it spikes iff 0xB6C3 < x.
  Lfsr32 a(1), b(1);
  CHECK(encode_rate(0xB6C4, 1, a) == std::vector<uint32_t>{0});
  CHECK(encode_rate(0xB6C3, 1, b).empty());
}

TEST_CASE("rate code: mean rate within the binomial bound, independent steps", "[model][encoders]") {
  // Draws are 16-bit LFSR numbers: each step spikes with p = x_q / 65536, close to
  // independently. Count ~ Binomial(N, p): |count - Np| < 5 sqrt(Np(1-p)). Two consecutive
  // steps both spike with p^2: the N - 1 pairs give a count within 5 sigma of (N - 1) p^2.
  const uint32_t steps = 20000;
  for (double x : {0.01, 0.1, 0.3, 0.5, 0.9}) {
    const auto value = static_cast<uint32_t>(q16(x));
    const double p = value / 65536.0;
    for (uint32_t channel = 0; channel < 4; ++channel) {
      Lfsr32 lfsr(Lfsr32::seeded_state(42, channel));
      const std::vector<uint32_t> times = encode_rate(value, steps, lfsr);
      const double n = steps, sigma = std::sqrt(n * p * (1 - p));
      INFO("x = " << x << ", channel " << channel);
      CHECK(std::abs(double(times.size()) - n * p) < 5 * sigma);
      uint64_t both = 0;
      for (std::size_t k = 1; k < times.size(); ++k) both += times[k] == times[k - 1] + 1;
      const double pairs = n - 1, q = p * p;
      CHECK(std::abs(double(both) - pairs * q) < 5 * std::sqrt(pairs * q * (1 - q)) + 1);
      REQUIRE(std::abs(decode_rate(times, steps) - x) < 5 * sigma / n + 1.0 / 65536);
    }
  }
}

TEST_CASE("the encoder keeps one LFSR per channel across samples", "[model][encoders]") {
  EncoderParams p;
  p.scheme = Scheme::Rate;
  p.steps = 50;
  p.seed = 9;
  SpikeEncoder encoder(p, 3);
  const std::vector<uint32_t> values = {10000, 30000, 65536};
  const auto first = encoder.encode_sample(values);
  const auto second = encoder.encode_sample(values);
  for (uint32_t c = 0; c < 3; ++c) {
    Lfsr32 lfsr(Lfsr32::seeded_state(9, c));
    CHECK(first[c] == encode_rate(values[c], 50, lfsr));
    CHECK(second[c] == encode_rate(values[c], 50, lfsr));
  }
  CHECK(first[0] != second[0]);  // the second window draws new numbers
  CHECK(first[2].size() == 50);
}
