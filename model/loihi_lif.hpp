// Loihi CUBA LIF neuron: the bit-accurate integer datapath, written once.
//
// This is the arithmetic of Lava's PyLifModelBitAcc as observed in the reference traces
// (../shared/vectors/lava/README.txt). Everything else -- NetworkSim, ChipSim, the HLS
// kernels and, by construction, the RTL -- computes exactly this. Header-only, no dynamic
// memory, fixed-width integers only, so HLS-style code can instantiate it unchanged.
#pragma once

#include <cstdint>

namespace spikeforge::model::loihi {

constexpr int kDecayBits = 12;                          // du, dv are 12-bit fractions of 4096
constexpr int32_t kDecayOne = 1 << kDecayBits;          // 4096
constexpr int kStateBits = 24;                          // u and v are 24-bit registers
constexpr int32_t kStateHalf = 1 << (kStateBits - 1);   // 2^23
constexpr int32_t kVMax = kStateHalf - 1;               // v saturates at +-(2^23 - 1)
constexpr int kThresholdShift = 6;                      // vth and a_in are MSB-aligned by 6 bits
constexpr int kInputShift = 6;

// x * factor / 4096, rounded toward zero (Loihi's decay multiplier). Adding 4095 to a
// negative product before the floor shift turns the floor into a ceiling, i.e. toward
// zero, without a branch.
inline int64_t decay_toward_zero(int64_t x, int32_t factor) {
  const int64_t product = x * factor;
  const int64_t toward_zero = (product >> 63) & ((int64_t{1} << kDecayBits) - 1);
  return (product + toward_zero) >> kDecayBits;
}

// Shift by a signed exponent: left for exp >= 0, arithmetic (floor) right otherwise.
inline int64_t shift_by_exponent(int64_t x, int exp) {
  return exp >= 0 ? x * (int64_t{1} << exp) : (x >> (-exp));
}

// The single, asymmetric 24-bit wrap of u: +2^23 is kept, -2^23 becomes +2^23.
inline int64_t wrap_current_once(int64_t u) {
  if (u > kStateHalf) return u - (int64_t{1} << kStateBits);
  if (u <= -kStateHalf) return u + (int64_t{1} << kStateBits);
  return u;
}

inline int64_t saturate_voltage(int64_t v) {
  return v > kVMax ? kVMax : (v < -kVMax ? -kVMax : v);
}

// Bias in the units of v: mantissa shifted by its exponent (floor for negative exponents).
inline int32_t bias(int32_t bias_mant, int32_t bias_exp) {
  return static_cast<int32_t>(shift_by_exponent(bias_mant, bias_exp));
}

inline int64_t threshold(int32_t vth) { return int64_t{vth} << kThresholdShift; }

// Per-neuron constants after decoding the parameters once.
struct LifConstants {
  int32_t current_factor;  // 4096 - (du + 1): u's decay uses du + 1
  int32_t voltage_factor;  // 4096 - dv
  int32_t bias;            // bias_mant << bias_exp
  int64_t threshold;       // vth << 6
};

inline LifConstants make_constants(int32_t du, int32_t dv, int32_t vth, int32_t bias_mant,
                                   int32_t bias_exp) {
  return LifConstants{kDecayOne - (du + 1), kDecayOne - dv, bias(bias_mant, bias_exp),
                      threshold(vth)};
}

// One timestep of one neuron. `a_in` is the summed synaptic input of this step (already
// shifted by the projections' weight exponents). Updates u and v in place and returns
// whether the neuron spikes; on a spike v resets to 0 and u is kept.
inline bool step(int32_t& u, int32_t& v, int64_t a_in, const LifConstants& c) {
  int64_t u1 = decay_toward_zero(u, c.current_factor);
  u1 = wrap_current_once(u1 + a_in * (int64_t{1} << kInputShift));
  int64_t v1 = decay_toward_zero(v, c.voltage_factor) + u1 + c.bias;
  v1 = saturate_voltage(v1);
  u = static_cast<int32_t>(u1);
  const bool spike = v1 > c.threshold;
  v = spike ? 0 : static_cast<int32_t>(v1);
  return spike;
}

// ---------------------------------------------------------------------------------------
// The same step in 32-bit arithmetic only, so that a loop of neurons vectorises. Exact
// (equal to step() for every state it can meet) when |a_in| <= kNarrowInputMax:
//  - x * f / 4096 toward zero, with x = xh * 4096 + xl (xh = x >> 12, 0 <= xl < 4096):
//    = xh * f + floor((xl * f + (x < 0 ? 4095 : 0)) / 4096), because xh * f * 4096 is a
//    multiple of 4096; |xh * f| <= 2^23 and xl * f + 4095 < 2^25 fit in 32 bits;
//  - |decayed u| <= 2^23 and |a_in << 6| <= 2^30, so u1 fits before the wrap;
//  - |decayed v| + |u| + |bias| < 2^25, so v1 fits before the clip.
constexpr int32_t kNarrowInputMax = 1 << 24;

inline int32_t decay_toward_zero_narrow(int32_t x, int32_t factor) {
  const int32_t high = x >> kDecayBits;
  const int32_t low = x & (kDecayOne - 1);
  const int32_t round = (x >> 31) & (kDecayOne - 1);
  return high * factor + ((low * factor + round) >> kDecayBits);
}

// Returns 1 on a spike, else 0; same contract as step().
inline int32_t step_narrow(int32_t& u, int32_t& v, int32_t a_in, int32_t current_factor, int32_t voltage_factor,
                           int32_t bias, int32_t threshold) {
  int32_t u1 = decay_toward_zero_narrow(u, current_factor) + a_in * (1 << kInputShift);
  u1 = u1 > kStateHalf ? u1 - (1 << kStateBits) : u1;
  u1 = u1 <= -kStateHalf ? u1 + (1 << kStateBits) : u1;
  int32_t v1 = decay_toward_zero_narrow(v, voltage_factor) + u1 + bias;
  v1 = v1 > kVMax ? kVMax : v1;
  v1 = v1 < -kVMax ? -kVMax : v1;
  u = u1;
  const int32_t spike = v1 > threshold ? 1 : 0;
  v = spike ? 0 : v1;
  return spike;
}

}  // namespace spikeforge::model::loihi
