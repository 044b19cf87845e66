#include "model/chip/chip_learning.hpp"

#include <algorithm>

namespace axomesh::model {

ChipLearning::ChipLearning(const ChipImage& image) {
  axon_slots_.resize(image.cores.size());
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const CoreImage& core = image.cores[c];
    if (core.learning.empty()) continue;
    axon_slots_[c].resize(core.axons.size());
    for (const PlasticRuleEntry& entry : core.learning.rules) {
      std::vector<PlasticSynapses::Synapse> synapses;
      std::vector<uint64_t> network_index;
      const auto rule = static_cast<uint32_t>(&entry - core.learning.rules.data());
      for (const PlasticSynapseEntry& s : core.learning.synapses) {
        if (s.rule != rule) continue;
        synapses.push_back({s.pre, core.synapses[s.synapse].neuron, s.weight, s.synapse});
        network_index.push_back(s.network_index);
      }
      const auto group = static_cast<uint32_t>(groups_.size());
      for (uint32_t i = 0; i < entry.pre_axons.size(); ++i) axon_slots_[c][entry.pre_axons[i]].push_back({group, i});
      groups_.push_back({c, entry, std::move(network_index), 0,
                         PlasticSynapses(entry.rule, entry.format, entry.delay,
                                         static_cast<uint32_t>(entry.pre_axons.size()),
                                         static_cast<uint32_t>(core.neurons.size()), std::move(synapses))});
    }
  }
}

void ChipLearning::on_packet(uint32_t core, uint32_t axon, uint64_t step) {
  const auto& slots = axon_slots_[core];
  if (slots.empty()) return;
  for (const AxonSlot& s : slots[axon]) groups_[s.group].synapses.arrive(step, s.pre);
}

void ChipLearning::take_rewards(const std::function<std::size_t(std::size_t)>& population_spike_count,
                                const std::vector<std::vector<uint32_t>>& stimulus_spikes) {
  for (Group& g : groups_) {
    if (g.entry.rule.kind != LearningKind::RewardStdp) continue;
    std::size_t count = 0;
    if (g.entry.reward_population >= 0)
      count = population_spike_count(static_cast<std::size_t>(g.entry.reward_population));
    else if (g.entry.reward_stimulus >= 0)
      count = stimulus_spikes[static_cast<std::size_t>(g.entry.reward_stimulus)].size();
    // As NetworkLearning: saturated to 24 bits.
    const int64_t r = int64_t{g.entry.rule.reward_value} * static_cast<int64_t>(count);
    g.pending_reward = static_cast<int32_t>(std::clamp<int64_t>(r, -(int64_t{1} << 23), (int64_t{1} << 23) - 1));
  }
}

void ChipLearning::learn(uint64_t step, const std::function<const std::vector<uint32_t>&(uint32_t)>& core_spikes,
                         ChipImage& image, ActivityStats& stats) {
  for (Group& g : groups_) {
    SynapseEntry* memory = image.cores[g.core].synapses.data();
    const uint64_t updates = g.synapses.learn(step, core_spikes(g.core), g.pending_reward,
                                              [memory](uint64_t store, int16_t value) { memory[store].weight = value; });
    stats.current(g.core).synaptic_updates += updates;
  }
}

std::vector<int32_t> ChipLearning::weights(std::size_t projection) const {
  std::vector<int32_t> out;
  for (const Group& g : groups_) {
    if (g.entry.projection != projection) continue;
    for (std::size_t k = 0; k < g.network_index.size(); ++k) {
      if (g.network_index[k] >= out.size()) out.resize(g.network_index[k] + 1, 0);
      out[g.network_index[k]] = g.synapses.weight(k);
    }
  }
  return out;
}

}  // namespace axomesh::model
