// Loihi CUBA LIF neuron: the bit-accurate integer datapath, written once.
//
// This is the arithmetic of Lava's PyLifModelBitAcc as observed in the reference traces
// (../shared/vectors/lava/README.txt). Everything else -- NetworkSim, ChipSim, the HLS
// kernels and, by construction, the RTL -- computes exactly this. Header-only, no dynamic
// memory, fixed-width integers only, so HLS-style code can instantiate it unchanged.
#pragma once

#include <cstdint>

namespace axomesh::model::loihi {

constexpr int kDecayBits = 12;                          // du, dv are 12-bit fractions of 4096
constexpr int32_t kDecayOne = 1 << kDecayBits;          // 4096
constexpr int kStateBits = 24;                          // u and v are 24-bit registers
constexpr int32_t kStateHalf = 1 << (kStateBits - 1);   // 2^23
constexpr int32_t kVMax = kStateHalf - 1;               // v saturates at +-(2^23 - 1)
constexpr int kThresholdShift = 6;                      // vth and a_in are MSB-aligned by 6 bits
constexpr int kInputShift = 6;

// Shift by a signed exponent: left for exp >= 0, arithmetic (floor) right otherwise.
inline int64_t shift_by_exponent(int64_t x, int exp) {
  return exp >= 0 ? x * (int64_t{1} << exp) : (x >> (-exp));
}

// x * factor / 4096 rounded toward zero, for |x| <= 2^23 and 0 <= factor <= 4096, in
// 32-bit arithmetic: with x = high * 4096 + low (high = x >> 12, 0 <= low < 4096),
// x * factor / 4096 = high * factor + low * factor / 4096, and high * factor * 4096 is a
// multiple of 4096, so only the second term needs rounding; adding 4095 before the floor
// shift rounds a negative x toward zero. |high * factor| <= 2^23, low * factor < 2^24.
inline int32_t decay_toward_zero(int32_t x, int32_t factor) {
  const int32_t high = x >> kDecayBits;
  const int32_t low = x & (kDecayOne - 1);
  const int32_t round = (x >> 31) & (kDecayOne - 1);
  return high * factor + ((low * factor + round) >> kDecayBits);
}

// u's 24-bit wrap into (-2^23, 2^23] -- Lava's range: +2^23 is kept, -2^23 becomes +2^23.
// Lava wraps once (u > 2^23: -2^24; u <= -2^23: +2^24), which is this modulo whenever the
// step's input satisfies |a_in << 6| <= 2^24; beyond that, Lava leaves u outside 24 bits
// while a 24-bit register (and this) wraps modulo 2^24. Only the low 24 bits of the sum
// matter, so it is computed in unsigned 32-bit arithmetic, exact for every int32 input.
inline int32_t wrap_current(int32_t decayed_u, int32_t a_in) {
  const uint32_t sum = static_cast<uint32_t>(decayed_u) + (static_cast<uint32_t>(a_in) << kInputShift);
  const uint32_t offset = (sum + (uint32_t{1} << (kStateBits - 1)) - 1) & ((uint32_t{1} << kStateBits) - 1);
  return static_cast<int32_t>(offset) - kStateHalf + 1;
}

inline int32_t saturate_voltage(int32_t v) { return v > kVMax ? kVMax : (v < -kVMax ? -kVMax : v); }

// Bias in the units of v: mantissa shifted by its exponent (floor for negative exponents).
inline int32_t bias(int32_t bias_mant, int32_t bias_exp) {
  return static_cast<int32_t>(shift_by_exponent(bias_mant, bias_exp));
}

inline int32_t threshold(int32_t vth) { return vth * (1 << kThresholdShift); }

// Per-neuron constants after decoding the parameters once.
struct LifConstants {
  int32_t current_factor;  // 4096 - (du + 1): u's decay uses du + 1
  int32_t voltage_factor;  // 4096 - dv
  int32_t bias;            // bias_mant << bias_exp, |bias| <= 4096 << 7
  int32_t threshold;       // vth << 6, <= 2^23 - 64
  bool operator==(const LifConstants& o) const {
    return current_factor == o.current_factor && voltage_factor == o.voltage_factor && bias == o.bias &&
           threshold == o.threshold;
  }
};

inline LifConstants make_constants(int32_t du, int32_t dv, int32_t vth, int32_t bias_mant, int32_t bias_exp) {
  return LifConstants{kDecayOne - (du + 1), kDecayOne - dv, bias(bias_mant, bias_exp), threshold(vth)};
}

// One timestep of one neuron, for u in (-2^23, 2^23], v in [-(2^23-1), 2^23-1] and any
// summed synaptic input `a_in` of the step (already shifted by the weight exponents).
// Updates u and v in place; returns 1 on a spike (v resets to 0, u is kept), else 0.
// Every intermediate fits 32 bits: |decayed v| + |u| + |bias| < 2^25.
inline int32_t step(int32_t& u, int32_t& v, int32_t a_in, const LifConstants& c) {
  const int32_t u1 = wrap_current(decay_toward_zero(u, c.current_factor), a_in);
  const int32_t v1 = saturate_voltage(decay_toward_zero(v, c.voltage_factor) + u1 + c.bias);
  u = u1;
  const int32_t spike = v1 > c.threshold ? 1 : 0;
  v = spike ? 0 : v1;
  return spike;
}

}  // namespace axomesh::model::loihi
