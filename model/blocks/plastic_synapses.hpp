// PlasticSynapses -- the learning state of one group of plastic synapses that share a rule
// (model/blocks/learning_rule.hpp): a projection in NetworkSim, a projection's part on one core
// in ChipSim. Holds the pre and post traces, each synapse's weight and its epoch sum or
// eligibility, and writes every changed weight back into the simulator's synapse memory
// in the form delivery adds (effective weight in accumulator units).
//
// Pre and post "slots" are the group's own indices: population indices in NetworkSim,
// input axons and core-local neurons in ChipSim. Each synapse evolves from its own pre
// arrivals, post spikes and the reward alone, so any grouping of the same synapses gives
// the same weights.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/blocks/learning_rule.hpp"
#include "model/blocks/loihi_weights.hpp"

namespace axomesh::model {

// How a learned weight is stored for delivery: the projection's resolved sign mode and
// weight bits, and the shift into the receiving accumulator's units (0..7).
struct PlasticWeightFormat {
  SignMode sign_mode = SignMode::Excitatory;
  int32_t num_weight_bits = 8;
  int32_t shift = 0;
  bool operator==(const PlasticWeightFormat& o) const {
    return sign_mode == o.sign_mode && num_weight_bits == o.num_weight_bits && shift == o.shift;
  }
  int16_t delivered(int32_t weight) const;
};

class PlasticSynapses {
 public:
  struct Synapse {
    uint32_t pre = 0, post = 0;  // slots
    int32_t weight = 0;          // initial weight, network units (saturated on entry)
    uint64_t store = 0;          // where the simulator keeps its delivered value
  };
  // Called with (store, delivered value) for every weight a learning step changes.
  using WeightWriter = std::function<void(uint64_t store, int16_t delivered)>;

  PlasticSynapses(const LearningRule& rule, PlasticWeightFormat format, uint32_t delay, uint32_t pre_slots,
                  uint32_t post_slots, std::vector<Synapse> synapses);

  const LearningRule& rule() const { return rule_; }
  const PlasticWeightFormat& format() const { return format_; }
  // The presynaptic spike of `pre`, delivered in `step` (sent in step - 1): x0 = 1 in
  // step + delay.
  void arrive(uint64_t step, uint32_t pre) { pending_[(step + delay_) % pending_.size()].push_back(pre); }
  // One learning step after the neuron updates of `step`: `posts` spiked in this step,
  // `reward` is r (reward_stdp; ignored by stdp). Returns the synaptic updates (weights
  // evaluated: stdp, synapses with a nonzero epoch sum at an epoch's end; reward_stdp,
  // synapses with nonzero eligibility in a rewarded step).
  uint64_t learn(uint64_t step, const std::vector<uint32_t>& posts, int32_t reward, const WeightWriter& write);

  std::size_t size() const { return synapses_.size(); }
  const Synapse& synapse(std::size_t k) const { return synapses_[k]; }
  int32_t weight(std::size_t k) const { return weights_[k]; }
  int32_t eligibility(std::size_t k) const { return eligibility_.empty() ? 0 : eligibility_[k]; }
  int32_t pre_trace(uint32_t pre) const { return pre_trace_[pre]; }
  int32_t post_trace(uint32_t post) const { return post_trace_[post]; }

 private:
  void accumulate(std::size_t k, int32_t term);
  uint64_t apply(std::size_t k, int64_t change, const WeightWriter& write);

  LearningRule rule_;
  PlasticWeightFormat format_;
  uint32_t delay_;
  std::vector<Synapse> synapses_;
  std::vector<int32_t> weights_;
  std::vector<int32_t> pre_trace_, post_trace_;
  std::vector<uint8_t> pre_arrived_, post_spiked_;
  std::vector<std::vector<uint32_t>> pending_;  // arrivals by step % (delay + 1)
  // Synapses by pre slot and by post slot: [begin[i], begin[i + 1]) of `index`.
  std::vector<uint32_t> by_pre_begin_, by_pre_, by_post_begin_, by_post_;
  std::vector<int32_t> epoch_sum_;     // stdp
  std::vector<uint32_t> touched_;      // stdp: synapses with a term in this epoch
  std::vector<uint8_t> touched_flag_;
  std::vector<int32_t> eligibility_;   // reward_stdp
};

}  // namespace axomesh::model
