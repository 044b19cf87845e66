// ChipLearning -- the plastic synapses of a ChipImage as ChipSim runs them: one
// PlasticSynapses per (core, rule entry), fed by the packets that reach the rule's input
// axons, the core's own spikes and the broadcast reward, writing learned weights into the
// core's synapse memory. Same calls and order as NetworkLearning in NetworkSim.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/base/activity_stats.hpp"
#include "model/chip/chip_image.hpp"
#include "model/blocks/plastic_synapses.hpp"

namespace axomesh::model {

class ChipLearning {
 public:
  ChipLearning() = default;
  explicit ChipLearning(const ChipImage& image);
  bool empty() const { return groups_.empty(); }

  // A packet delivered to (core, axon) in `step`.
  void on_packet(uint32_t core, uint32_t axon, uint64_t step);
  // Before the neuron updates: the number of spikes each population sent in the previous
  // step, and the stimulus spikes being delivered.
  void take_rewards(const std::function<std::size_t(std::size_t)>& population_spike_count,
                    const std::vector<std::vector<uint32_t>>& stimulus_spikes);
  // After the neuron updates: each core's spikes of this step; rewrites `image`'s weights.
  void learn(uint64_t step, const std::function<const std::vector<uint32_t>&(uint32_t)>& core_spikes, ChipImage& image,
             ActivityStats& stats);

  // A plastic projection's weights in the network's layout; empty when none is on the chip.
  std::vector<int32_t> weights(std::size_t projection) const;

 private:
  struct Group {
    uint32_t core = 0;
    PlasticRuleEntry entry;
    std::vector<uint64_t> network_index;  // per group synapse
    int32_t pending_reward = 0;
    PlasticSynapses synapses;
  };
  struct AxonSlot {
    uint32_t group, pre;
  };
  std::vector<Group> groups_;
  // Per core, per input axon: the pre traces it feeds ([core] empty without learning).
  std::vector<std::vector<std::vector<AxonSlot>>> axon_slots_;
};

}  // namespace axomesh::model
