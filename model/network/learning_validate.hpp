// The network rules of a projection's `learning` rule (model/blocks/learning_rule.hpp). Ranges
// are stated once here (the JSON reader checks the same); network_validate.cpp calls this.
#pragma once

#include <vector>

#include "model/base/diagnostic.hpp"
#include "model/network/network.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::model {

namespace limits {
constexpr IntRange kTraceImpulse{0, learning::kTraceMax};
constexpr IntRange kTraceDecay{0, learning::kDecayOne};
constexpr IntRange kLearningCoefficient{learning::kCoefficientMin, learning::kCoefficientMax};
constexpr IntRange kLearningShift{0, learning::kMaxShift};
constexpr IntRange kLearningEpoch{1, learning::kMaxEpoch};
constexpr IntRange kRewardValue{learning::kCoefficientMin, learning::kCoefficientMax};
constexpr uint64_t kMaxPlasticSynapses = uint64_t{1} << 31;  // per projection
}  // namespace limits

// Appends a diagnostic for every bad learning field: NET-0101 out of range, NET-0104 a
// reward that names nothing, NET-0301 a rule that does not apply to the projection
// (post population not loihi_lif, per-synapse delays, short-term depression, too many
// synapses), NET-0302 a field that does not apply to the rule.
void validate_learning(const Network& network, std::vector<Diagnostic>& out);

}  // namespace axomesh::model
