// The adaptive thresholds and short-term depression of one chip core, as ChipSim runs
// them: each AdaptiveGroup of the core adapts its neurons' thresholds from its own A
// (model/blocks/adaptive_threshold.hpp), and each depressing input axon keeps one depression
// state (model/sim/depressed_delivery.hpp) -- the same arithmetic NetworkSim applies per
// population and per presynaptic neuron and projection.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "model/blocks/adaptive_threshold.hpp"
#include "model/chip/chip_image.hpp"
#include "model/blocks/loihi_lif.hpp"
#include "model/blocks/short_term_depression.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model {

// Recovery tables shared by every axon of equal (U, tau_rec); map nodes never move.
using DepressionBlocks = std::map<std::pair<uint32_t, uint32_t>, ShortTermDepression>;

class CoreDynamics {
 public:
  CoreDynamics() = default;
  CoreDynamics(const CoreImage& core, DepressionBlocks& blocks);

  // Sets this step's thresholds of the adaptive neurons (constants[n] of core neuron n).
  void adapt_thresholds(const CoreImage& core, std::vector<loihi::LifConstants>& constants) const;
  // The same on a truenorth core: alpha of params[n] from the neuron's configured alpha.
  void adapt_thresholds(const CoreImage& core, std::vector<truenorth::NeuronParams>& params) const;
  // After the step's update: `spiked` are the core's spiking neurons, ascending.
  void end_step(const std::vector<uint32_t>& spiked);

  bool depressed(uint32_t axon) const { return !axon_block_.empty() && axon_block_[axon] != nullptr; }
  // A spike arriving on a depressing axon in `step`: its released fraction (Q16), and A.
  uint32_t release(uint32_t axon, uint64_t step) { return axon_block_[axon]->on_spike(axon_state_[axon], step); }
  int32_t scale(uint32_t axon) const { return axon_scale_[axon]; }

  const std::vector<AdaptiveThresholdState>& adaptive() const { return adaptive_; }

 private:
  std::vector<AdaptiveGroup> groups_;
  std::vector<AdaptiveThresholdState> adaptive_;  // one per group
  std::vector<const ShortTermDepression*> axon_block_;
  std::vector<ShortTermDepression::State> axon_state_;
  std::vector<int32_t> axon_scale_;
};

}  // namespace axomesh::model
