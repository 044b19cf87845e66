#include "model/chip/chip_core_dynamics.hpp"

#include <algorithm>

#include "model/network/network_dynamics_validate.hpp"

namespace axomesh::model {

CoreDynamics::CoreDynamics(const CoreImage& core, DepressionBlocks& blocks) : groups_(core.adaptive) {
  for (const AdaptiveGroup& g : groups_) adaptive_.emplace_back(g.params, max_threshold_field(core.model));
  if (core.axon_depression.empty()) return;
  axon_block_.assign(core.axon_depression.size(), nullptr);
  axon_state_.resize(core.axon_depression.size());
  axon_scale_.assign(core.axon_depression.size(), 1);
  for (std::size_t a = 0; a < core.axon_depression.size(); ++a) {
    const DepressionParams& d = core.axon_depression[a];
    if (d.utilization == 0) continue;
    const auto key = std::make_pair(d.utilization, d.tau_rec);
    auto it = blocks.find(key);
    if (it == blocks.end())
      it = blocks.emplace(key, ShortTermDepression(d.utilization, static_cast<double>(d.tau_rec))).first;
    axon_block_[a] = &it->second;
    axon_scale_[a] = d.scale;
  }
}

void CoreDynamics::adapt_thresholds(const CoreImage& core, std::vector<loihi::LifConstants>& constants) const {
  for (std::size_t g = 0; g < groups_.size(); ++g)
    for (uint32_t n = groups_[g].first; n < groups_[g].first + groups_[g].count; ++n)
      constants[n].threshold = loihi::threshold(adaptive_[g].threshold(core.neurons[n].vth));
}

void CoreDynamics::adapt_thresholds(const CoreImage& core, std::vector<truenorth::NeuronParams>& params) const {
  for (std::size_t g = 0; g < groups_.size(); ++g)
    for (uint32_t n = groups_[g].first; n < groups_[g].first + groups_[g].count; ++n)
      params[n].threshold = adaptive_[g].threshold(core.truenorth.neurons[n].params.threshold);
}

void CoreDynamics::end_step(const std::vector<uint32_t>& spiked) {
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const auto first = std::lower_bound(spiked.begin(), spiked.end(), groups_[g].first);
    const auto last = std::lower_bound(first, spiked.end(), groups_[g].first + groups_[g].count);
    adaptive_[g].end_step(static_cast<uint64_t>(last - first), groups_[g].count);
  }
}

}  // namespace axomesh::model
