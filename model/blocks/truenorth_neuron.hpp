// TrueNorth neuron (Cassidy et al., IJCNN 2013): the bit-accurate integer datapath,
// written once. docs/truenorth-neuron.md gives the equations, the widths and the order of
// the pseudo-random draws; this file is their only implementation. Header-only, no
// dynamic memory, fixed-width integers only, like loihi_lif.hpp.
//
// One tick of neuron j, with A_G the number of active axons of type G whose crossbar bit
// to j is set (G = 0..3):
//   1. integrate: for G = 0..3, deterministic (b_G = 0): V += A_G * s_G; stochastic
//      (b_G = 1): A_G draws, each adding sgn(s_G) when |s_G| >= (rho & 255);
//      then V saturates to 20 bits.
//   2. leak: Omega = 1 (epsilon = 0) or sgn(V) (epsilon = 1, leak reversal);
//      deterministic (c = 0): V += Omega * lambda; stochastic (c = 1): one draw,
//      V += Omega * sgn(lambda) when |lambda| >= (rho & 255); then V saturates to 20 bits.
//   3. threshold: eta = rho & (2^TM - 1) from one draw when TM > 0, else 0.
//      V >= alpha + eta: spike, and V <- R (gamma 0), V - (alpha + eta) (gamma 1), V (gamma 2).
//      Else V < -beta (kappa 1) or V < -(beta + eta) (kappa 0): V <- -beta (kappa 1), or
//      -R (gamma 0), V + (beta + eta) (gamma 1), V (gamma 2).
// Every result of step 3 lies within 20 bits when the parameters lie within their widths.
#pragma once

#include <array>
#include <cstdint>

#include "model/blocks/lfsr.hpp"

namespace axomesh::model::truenorth {

constexpr int kAxonTypes = 4;
constexpr int kCoreNeurons = 256;                  // a core: 256 axons x 256 neurons
constexpr int kCoreAxons = 256;
constexpr int kPotentialBits = 20;                 // V: 20-bit signed, saturating
constexpr int32_t kPotentialMax = (1 << (kPotentialBits - 1)) - 1;   //  524287
constexpr int32_t kPotentialMin = -(1 << (kPotentialBits - 1));      // -524288
constexpr int32_t kWeightMax = 255;                // s_G, lambda: 9-bit sign-magnitude, -255..255
constexpr int32_t kLeakMax = 255;
constexpr int32_t kThresholdMax = (1 << 18) - 1;   // alpha, beta: 18-bit unsigned
constexpr int32_t kResetMax = (1 << 17) - 1;       // R: 18-bit signed, -131072..131071
constexpr int32_t kResetMin = -(1 << 17);
constexpr int kMaxThresholdMaskBits = 16;          // TM: eta = rho & (2^TM - 1) <= 65535
constexpr uint32_t kComparisonMask = 0xFF;         // stochastic synapse and leak compare to rho & 255

enum class ResetMode : int32_t { Reset = 0, Subtract = 1, None = 2 };  // gamma

// The configuration of one neuron.
struct NeuronParams {
  std::array<int32_t, kAxonTypes> weight{};            // s_G, -255..255
  std::array<bool, kAxonTypes> stochastic_weight{};    // b_G
  int32_t leak = 0;                                    // lambda, -255..255
  bool stochastic_leak = false;                        // c
  bool leak_reversal = false;                          // epsilon
  int32_t threshold = 1;                               // alpha, 0..2^18-1
  int32_t negative_threshold = 0;                      // beta, 0..2^18-1
  int32_t threshold_mask_bits = 0;                     // TM, 0..16
  int32_t reset_potential = 0;                         // R, -2^17..2^17-1
  ResetMode reset_mode = ResetMode::Reset;             // gamma
  bool negative_saturate = false;                      // kappa
  bool operator==(const NeuronParams& o) const {
    return weight == o.weight && stochastic_weight == o.stochastic_weight && leak == o.leak &&
           stochastic_leak == o.stochastic_leak && leak_reversal == o.leak_reversal && threshold == o.threshold &&
           negative_threshold == o.negative_threshold && threshold_mask_bits == o.threshold_mask_bits &&
           reset_potential == o.reset_potential && reset_mode == o.reset_mode &&
           negative_saturate == o.negative_saturate;
  }
  // Whether a tick of this neuron draws pseudo-random numbers at all.
  bool uses_random() const {
    return stochastic_weight[0] || stochastic_weight[1] || stochastic_weight[2] || stochastic_weight[3] ||
           stochastic_leak || threshold_mask_bits > 0;
  }
};

// Active axons per type that reach the neuron in this tick (A_G above).
using TypeCounts = std::array<uint32_t, kAxonTypes>;

inline int32_t sign(int32_t x) { return (x > 0) - (x < 0); }
inline int32_t magnitude(int32_t x) { return x < 0 ? -x : x; }

inline int32_t saturate_potential(int64_t v) {
  return v > kPotentialMax ? kPotentialMax : (v < kPotentialMin ? kPotentialMin : static_cast<int32_t>(v));
}

// F(s, rho) of the paper: an event of magnitude |s| <= 255 passes when |s| >= rho & 255,
// i.e. with probability (|s| + 1) / 256 for a uniform rho.
inline bool stochastic_pass(int32_t s, uint32_t rho) {
  return static_cast<uint32_t>(magnitude(s)) >= (rho & kComparisonMask);
}

// Counts the active axons per type on one crossbar column: `axon_active[i]` and
// `crossbar[i]` (the synapse of axon i onto this neuron) for i < axons, `axon_type[i]` in
// 0..3. Per-axon events and per-type counts give the same tick (see step()).
inline TypeCounts count_active_types(const uint8_t* axon_active, const uint8_t* crossbar, const uint8_t* axon_type,
                                     int axons) {
  TypeCounts counts{};
  for (int i = 0; i < axons; ++i)
    if (axon_active[i] && crossbar[i]) ++counts[axon_type[i] & 3];
  return counts;
}

// One tick of one neuron: updates `v` (within 20 bits) and returns true on a spike.
// `random` is any source with `uint32_t draw()` (Lfsr32 in every simulator; a scripted
// sequence in tests); it is drawn exactly as the header comment orders. Within a type,
// every event has the same weight, so the result depends only on the counts, never on the
// order in which axons arrive.
template <class Random>
bool step(int32_t& v, const TypeCounts& active, const NeuronParams& p, Random& random) {
  // 1. Synaptic integration: at most 4 * (2^32 - 1) * 255 in magnitude, exact in 64 bits.
  int64_t potential = v;
  for (int g = 0; g < kAxonTypes; ++g) {
    const int32_t s = p.weight[static_cast<std::size_t>(g)];
    const uint32_t events = active[static_cast<std::size_t>(g)];
    if (!p.stochastic_weight[static_cast<std::size_t>(g)]) {
      potential += int64_t{events} * s;
      continue;
    }
    for (uint32_t k = 0; k < events; ++k)
      if (stochastic_pass(s, random.draw())) potential += sign(s);
  }
  int32_t vj = saturate_potential(potential);

  // 2. Leak, its direction fixed by the integrated V when leak reversal is on.
  const int32_t omega = p.leak_reversal ? sign(vj) : 1;
  int32_t leak = p.leak;
  if (p.stochastic_leak) leak = stochastic_pass(p.leak, random.draw()) ? sign(p.leak) : 0;
  vj = saturate_potential(int64_t{vj} + int64_t{omega} * leak);

  // 3. Threshold, fire, reset.
  const int32_t eta =
      p.threshold_mask_bits > 0 ? static_cast<int32_t>(random.draw() & ((1u << p.threshold_mask_bits) - 1u)) : 0;
  const int32_t positive = p.threshold + eta;
  if (vj >= positive) {
    switch (p.reset_mode) {
      case ResetMode::Reset: vj = p.reset_potential; break;
      case ResetMode::Subtract: vj -= positive; break;
      case ResetMode::None: break;
    }
    v = vj;
    return true;
  }
  const int32_t negative = p.negative_saturate ? p.negative_threshold : p.negative_threshold + eta;
  if (vj < -negative) {
    if (p.negative_saturate) {
      vj = -p.negative_threshold;
    } else {
      switch (p.reset_mode) {
        case ResetMode::Reset: vj = -p.reset_potential; break;
        case ResetMode::Subtract: vj += negative; break;
        case ResetMode::None: break;
      }
    }
  }
  v = vj;
  return false;
}

}  // namespace axomesh::model::truenorth
