#include "model/sim/network_learning.hpp"

#include <algorithm>

#include "model/network/network_validate.hpp"

namespace axomesh::model {

RewardInput reward_input(const Network& network, const LearningRule& rule) {
  RewardInput input;
  if (rule.kind != LearningKind::RewardStdp) return input;
  input.value = rule.reward_value;
  if (auto pop = network.find_population(rule.reward)) {
    input.from = RewardInput::From::Population;
    input.index = *pop;
  } else if (auto source = network.find_source(rule.reward)) {
    input.from = RewardInput::From::Source;
    input.index = *source;
  }
  return input;
}

PlasticWeightFormat plastic_weight_format(const Network& network, const Projection& proj) {
  const std::size_t post = *network.find_population(proj.post);
  PlasticWeightFormat format;
  format.sign_mode = loihi::resolve_sign_mode(proj.sign_mode, proj.weights);
  format.num_weight_bits = proj.num_weight_bits;
  format.shift = proj.weight_exp - accumulator_exponent(network, post);
  return format;
}

void NetworkLearning::add(const Network& network, std::size_t projection, std::size_t delivery, SynapseRows& rows,
                          std::size_t post_population) {
  const Projection& proj = network.projections[projection];
  const uint32_t pre_size = *network.size_of(proj.pre);
  const uint32_t post_size = network.populations[post_population].size;
  if (rows.weights.empty()) rows.weights.assign(rows.synapses, rows.uniform_weight);  // each synapse its own weight
  // One synapse per network weight, in the network's order; `store` is its place in rows
  // (compile_synapse_rows: dense transposed, sparse counting-sorted by pre, stable).
  std::vector<PlasticSynapses::Synapse> synapses(proj.weights.size());
  if (proj.kind == ProjectionKind::Dense) {
    for (std::size_t k = 0; k < synapses.size(); ++k) {
      const auto pre = static_cast<uint32_t>(k % pre_size), post = static_cast<uint32_t>(k / pre_size);
      synapses[k] = {pre, post, proj.weights[k], uint64_t{pre} * post_size + post};
    }
  } else {
    std::vector<uint64_t> fill(std::size_t{pre_size} + 1, 0);
    for (uint32_t pre : proj.pre_index) ++fill[pre + 1];
    for (uint32_t i = 0; i < pre_size; ++i) fill[i + 1] += fill[i];
    for (std::size_t k = 0; k < synapses.size(); ++k)
      synapses[k] = {proj.pre_index[k], proj.post_index[k], proj.weights[k], fill[proj.pre_index[k]]++};
  }
  groups_.push_back({projection, delivery, post_population, reward_input(network, *proj.learning), 0,
                     PlasticSynapses(*proj.learning, plastic_weight_format(network, proj), proj.delay, pre_size,
                                     post_size, std::move(synapses))});
}

void NetworkLearning::on_delivery(std::size_t delivery, uint64_t step, const std::vector<uint32_t>& spikes) {
  for (Group& g : groups_)
    if (g.delivery == delivery)
      for (uint32_t pre : spikes) g.synapses.arrive(step, pre);
}

void NetworkLearning::take_rewards(const std::function<const std::vector<uint32_t>&(std::size_t)>& population_spikes,
                                   const std::vector<std::vector<uint32_t>>& source_spikes) {
  for (Group& g : groups_) {
    std::size_t count = 0;
    if (g.reward.from == RewardInput::From::Population) count = population_spikes(g.reward.index).size();
    if (g.reward.from == RewardInput::From::Source) count = source_spikes[g.reward.index].size();
    // Saturated to 24 bits: r * e then fits 40 bits.
    const int64_t r = int64_t{g.reward.value} * static_cast<int64_t>(count);
    g.pending_reward = static_cast<int32_t>(std::clamp<int64_t>(r, -(int64_t{1} << 23), (int64_t{1} << 23) - 1));
  }
}

void NetworkLearning::learn(uint64_t step,
                            const std::function<const std::vector<uint32_t>&(std::size_t)>& population_spikes,
                            const std::function<int16_t*(std::size_t)>& weights_of, ActivityStats& stats) {
  for (Group& g : groups_) {
    int16_t* weights = weights_of(g.delivery);
    const uint64_t updates = g.synapses.learn(step, population_spikes(g.post), g.pending_reward,
                                              [weights](uint64_t store, int16_t value) { weights[store] = value; });
    stats.current(g.post).synaptic_updates += updates;
  }
}

std::vector<int32_t> NetworkLearning::weights(std::size_t projection) const {
  std::vector<int32_t> out;
  if (const PlasticSynapses* s = synapses(projection))
    for (std::size_t k = 0; k < s->size(); ++k) out.push_back(s->weight(k));
  return out;
}

const PlasticSynapses* NetworkLearning::synapses(std::size_t projection) const {
  for (const Group& g : groups_)
    if (g.projection == projection) return &g.synapses;
  return nullptr;
}

}  // namespace axomesh::model
