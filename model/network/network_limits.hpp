// The ranges every network value must lie in: the Loihi model's documented field widths,
// widened only where Lava's own arithmetic is defined beyond them (negative bias
// exponents, raw weights outside int8 that the sign mode clips), and the TrueNorth
// widths chosen in docs/truenorth-neuron.md. The JSON reader and the
// validator both check against these, so a limit is stated once.
#pragma once

#include <cstdint>
#include <string>

#include "model/blocks/loihi_lif.hpp"
#include "model/blocks/loihi_weights.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model::limits {

struct IntRange {
  int64_t lo;
  int64_t hi;
  bool contains(int64_t x) const { return lo <= x && x <= hi; }
  std::string describe() const;  // "an integer in LO..HI"
};

constexpr IntRange kDecay{0, loihi::kDecayOne - 1};                        // du, dv
constexpr IntRange kThreshold{0, (1 << 17) - 1};                           // vth, 17-bit
constexpr IntRange kBiasMant{-(1 << 12), (1 << 12) - 1};                   // 13-bit signed
constexpr IntRange kBiasExp{-12, 7};
constexpr IntRange kCurrent{-loihi::kStateHalf + 1, loihi::kStateHalf};   // after the wrap
constexpr IntRange kVoltage{-loihi::kVMax, loihi::kVMax};
constexpr IntRange kRawWeight{-32768, 32767};  // clipped by the sign mode to -256..255
constexpr IntRange kWeightExp{loihi::kMinWeightExp, loihi::kMaxWeightExp};
constexpr IntRange kWeightBits{1, loihi::kMaxWeightBits};
constexpr IntRange kDelay{0, 62};
constexpr IntRange kGroupSize{1, 1 << 24};     // neurons per population or source group
constexpr IntRange kSpikeStep{0, 0xFFFFFFFFLL};
constexpr IntRange kSeed{0, INT64_MAX};
constexpr uint64_t kMaxSynapses = uint64_t{1} << 32;  // per projection
// Summed synaptic input of one neuron in one step must fit the 32-bit accumulator.
constexpr int64_t kAccumulatorMax = INT32_MAX;

// TrueNorth fields (model/blocks/truenorth_neuron.hpp gives the widths).
constexpr IntRange kTnWeight{-truenorth::kWeightMax, truenorth::kWeightMax};  // s_G, 9-bit
constexpr IntRange kTnLeak{-truenorth::kLeakMax, truenorth::kLeakMax};        // lambda, 9-bit
constexpr IntRange kTnThreshold{0, truenorth::kThresholdMax};                 // alpha, beta: 18-bit
constexpr IntRange kTnMaskBits{0, truenorth::kMaxThresholdMaskBits};          // TM
constexpr IntRange kTnReset{truenorth::kResetMin, truenorth::kResetMax};      // R: 18-bit signed
constexpr IntRange kTnResetMode{0, 2};                                        // gamma
constexpr IntRange kTnPotential{truenorth::kPotentialMin, truenorth::kPotentialMax};  // V: 20-bit
constexpr IntRange kFlag{0, 1};
constexpr IntRange kCrossbarBit{0, 1};
constexpr IntRange kAxonType{0, truenorth::kAxonTypes - 1};

}  // namespace axomesh::model::limits
