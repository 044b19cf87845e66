// Loihi synaptic weight semantics (Lava PyDenseModelBitAcc): sign mode, clipping to the
// 8-bit magnitude, truncation to num_weight_bits, and the per-projection weight exponent.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace axomesh::model {

enum class SignMode { Auto, Excitatory, Inhibitory, Mixed };

std::string_view to_string(SignMode mode);
// Returns false when `text` names no sign mode.
bool parse_sign_mode(std::string_view text, SignMode& mode);

namespace loihi {

constexpr int kMagnitudeBits = 8;     // weights are 8-bit magnitudes (+ sign when mixed)
constexpr int kMaxWeightBits = 8;
constexpr int kMinWeightExp = -8;
constexpr int kMaxWeightExp = 7;

// Lava's rule when no sign mode is given: excitatory if no weight is negative, inhibitory
// if none is positive, mixed otherwise (an all-zero matrix is excitatory).
SignMode resolve_sign_mode(SignMode requested, const std::vector<int32_t>& weights);

// The weight as the synapse memory holds it: clipped to the sign mode's range, then the
// low 8 - num_weight_bits (+1 when mixed) bits dropped toward minus infinity (on the
// magnitude for inhibitory weights). `mode` must be resolved (not Auto).
int32_t effective_weight(int32_t weight, SignMode mode, int num_weight_bits);

}  // namespace loihi
}  // namespace axomesh::model
