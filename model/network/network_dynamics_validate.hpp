// The network rules of the rate- and spike-history-dependent options: a population's
// adaptive threshold and a projection's short-term depression. Ranges are stated once
// here (the JSON reader checks the same); network_validate.cpp calls this.
#pragma once

#include <vector>

#include "model/base/diagnostic.hpp"
#include "model/network/network.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::model {

namespace limits {
constexpr IntRange kAdaptiveGamma{adaptive::kGammaMin, adaptive::kGammaMax};  // Q8.8
constexpr IntRange kAdaptiveRate{0, adaptive::kRateOne};                      // Q0.16
constexpr IntRange kAdaptiveEmaShift{0, adaptive::kMaxEmaShift};
constexpr IntRange kDepressionUtilization{1, ShortTermDepression::kOne};      // U, Q16
constexpr IntRange kDepressionTau{1, static_cast<int64_t>(ShortTermDepression::kMaxTauSteps)};  // steps
constexpr IntRange kDepressionScale{1, 255};                                  // A
}  // namespace limits

// Appends a diagnostic (NET-0101 out of range, NET-0110 not applicable) for every bad
// adaptive_threshold and short_term_depression field.
void validate_dynamics(const Network& network, std::vector<Diagnostic>& out);

// The largest threshold field of a population's model: loihi_lif vth, truenorth alpha.
int32_t max_threshold_field(NeuronModel model);

}  // namespace axomesh::model
