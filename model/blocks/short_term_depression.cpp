#include "model/blocks/short_term_depression.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace axomesh::model {

std::vector<uint32_t> depression_recovery_table(double tau_rec_steps) {
  std::vector<uint32_t> table;
  for (uint64_t dt = 0;; ++dt) {
    // IEEE double exp and round-half-away: an entry could differ between C libraries only
    // if 65536 e^{-dt/tau} fell within a few ulps of a half, which the table would store.
    const double scaled = static_cast<double>(ShortTermDepression::kOne) * std::exp(-static_cast<double>(dt) / tau_rec_steps);
    const auto entry = static_cast<uint32_t>(std::lround(scaled));
    if (entry == 0) break;
    table.push_back(entry);
  }
  return table;
}

ShortTermDepression::ShortTermDepression(uint32_t utilization, double tau_rec_steps) : utilization_(utilization) {
  if (utilization < 1 || utilization > kOne)
    throw std::invalid_argument("short-term depression: expected U as Q16 in 1..65536, found " +
                                std::to_string(utilization));
  if (!(tau_rec_steps >= 1.0 && tau_rec_steps <= kMaxTauSteps))
    throw std::invalid_argument("short-term depression: expected tau_rec in 1..4096 steps, found " +
                                std::to_string(tau_rec_steps));
  table_ = depression_recovery_table(tau_rec_steps);
}

uint32_t ShortTermDepression::on_spike(State& state, uint64_t step) const {
  constexpr uint64_t kHalf = uint64_t{1} << (kFractionBits - 1);
  uint64_t resources = state.resources;
  if (state.spiked) {
    const uint64_t deficit = kOne - resources;
    resources = kOne - ((deficit * recovery_factor(step - state.last_spike) + kHalf) >> kFractionBits);
  }
  const auto released = static_cast<uint32_t>((resources * utilization_ + kHalf) >> kFractionBits);
  state.resources = static_cast<uint32_t>(resources) - released;
  state.last_spike = step;
  state.spiked = true;
  return released;
}

}  // namespace axomesh::model
