#include "model/blocks/loihi_weights.hpp"

#include <algorithm>

namespace axomesh::model {

std::string_view to_string(SignMode mode) {
  switch (mode) {
    case SignMode::Auto: return "auto";
    case SignMode::Excitatory: return "excitatory";
    case SignMode::Inhibitory: return "inhibitory";
    case SignMode::Mixed: return "mixed";
  }
  return "auto";
}

bool parse_sign_mode(std::string_view text, SignMode& mode) {
  for (SignMode m : {SignMode::Auto, SignMode::Excitatory, SignMode::Inhibitory, SignMode::Mixed}) {
    if (text == to_string(m)) {
      mode = m;
      return true;
    }
  }
  return false;
}

namespace loihi {

SignMode resolve_sign_mode(SignMode requested, const std::vector<int32_t>& weights) {
  if (requested != SignMode::Auto) return requested;
  if (weights.empty()) return SignMode::Excitatory;
  const auto [lo, hi] = std::minmax_element(weights.begin(), weights.end());
  if (*lo >= 0) return SignMode::Excitatory;
  if (*hi <= 0) return SignMode::Inhibitory;
  return SignMode::Mixed;
}

int32_t effective_weight(int32_t weight, SignMode mode, int num_weight_bits) {
  const int32_t max_magnitude = (1 << kMagnitudeBits) - 1;  // 255
  const int dropped = kMaxWeightBits - num_weight_bits + (mode == SignMode::Mixed ? 1 : 0);
  auto truncate = [dropped](int32_t w) { return (w >> dropped) * (1 << dropped); };
  switch (mode) {
    case SignMode::Mixed: return truncate(std::clamp(weight, -max_magnitude - 1, max_magnitude));
    case SignMode::Inhibitory: return -truncate(std::clamp(-weight, 0, max_magnitude));
    case SignMode::Excitatory:
    case SignMode::Auto: return truncate(std::clamp(weight, 0, max_magnitude));
  }
  return 0;
}

}  // namespace loihi
}  // namespace axomesh::model
