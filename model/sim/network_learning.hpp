// NetworkLearning -- the plastic projections of a NetworkSim: one PlasticSynapses per
// projection with a `learning` rule, its reward input, and the link to the delivery
// weights it rewrites. NetworkSim calls it at three points of a step: when a delivery
// sends spikes (arrivals), before the neuron updates (the rewards: spikes sent in the
// previous step) and after them (learning).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/base/activity_stats.hpp"
#include "model/network/network.hpp"
#include "model/blocks/plastic_synapses.hpp"
#include "model/sim/synapse_rows.hpp"

namespace axomesh::model {

// Where a reward input's spikes come from: population or source `index`, or none.
struct RewardInput {
  enum class From { None, Population, Source } from = From::None;
  std::size_t index = 0;
  int32_t value = 0;  // reward per spike
};

// The reward input of a rule in `network` (references must be valid).
RewardInput reward_input(const Network& network, const LearningRule& rule);

// The delivery form of a plastic projection's weights.
PlasticWeightFormat plastic_weight_format(const Network& network, const Projection& projection);

class NetworkLearning {
 public:
  // Registers projection `projection` (which has a rule) compiled as delivery `delivery`
  // into `rows`, whose weights it expands to one per synapse.
  void add(const Network& network, std::size_t projection, std::size_t delivery, SynapseRows& rows,
           std::size_t post_population);
  bool empty() const { return groups_.empty(); }

  void on_delivery(std::size_t delivery, uint64_t step, const std::vector<uint32_t>& spikes);
  // Before the neuron updates of a step: the spikes each population and source sent in
  // the previous step.
  void take_rewards(const std::function<const std::vector<uint32_t>&(std::size_t)>& population_spikes,
                    const std::vector<std::vector<uint32_t>>& source_spikes);
  // After the neuron updates: `population_spikes` of this step, `weights_of(delivery)`
  // the delivery weights to rewrite; counts synaptic updates at the post population.
  void learn(uint64_t step, const std::function<const std::vector<uint32_t>&(std::size_t)>& population_spikes,
             const std::function<int16_t*(std::size_t)>& weights_of, ActivityStats& stats);

  // The weights of projection `projection` in the network's layout (dense: [post][pre];
  // sparse: entry order), or empty when it is not plastic.
  std::vector<int32_t> weights(std::size_t projection) const;
  const PlasticSynapses* synapses(std::size_t projection) const;

 private:
  struct Group {
    std::size_t projection = 0, delivery = 0, post = 0;
    RewardInput reward;
    int32_t pending_reward = 0;
    PlasticSynapses synapses;
  };
  std::vector<Group> groups_;
};

}  // namespace axomesh::model
