#include "model/blocks/plastic_synapses.hpp"

#include "model/blocks/loihi_lif.hpp"

namespace axomesh::model {

const char* to_string(LearningKind kind) { return kind == LearningKind::RewardStdp ? "reward_stdp" : "stdp"; }

int16_t PlasticWeightFormat::delivered(int32_t weight) const {
  // |effective| <= 256 and shift <= 7: fits 16 bits, as for static weights.
  return static_cast<int16_t>(
      loihi::shift_by_exponent(loihi::effective_weight(weight, sign_mode, num_weight_bits), shift));
}

// Counting sort of synapse indices by one of their slots.
static void index_by(const std::vector<PlasticSynapses::Synapse>& synapses, uint32_t slots, bool by_pre,
                     std::vector<uint32_t>& begin, std::vector<uint32_t>& index) {
  begin.assign(std::size_t{slots} + 1, 0);
  for (const auto& s : synapses) ++begin[(by_pre ? s.pre : s.post) + 1];
  for (uint32_t i = 0; i < slots; ++i) begin[i + 1] += begin[i];
  std::vector<uint32_t> fill(begin.begin(), begin.end() - 1);
  index.resize(synapses.size());
  for (uint32_t k = 0; k < synapses.size(); ++k) index[fill[by_pre ? synapses[k].pre : synapses[k].post]++] = k;
}

PlasticSynapses::PlasticSynapses(const LearningRule& rule, PlasticWeightFormat format, uint32_t delay,
                                 uint32_t pre_slots, uint32_t post_slots, std::vector<Synapse> synapses)
    : rule_(rule), format_(format), delay_(delay), synapses_(std::move(synapses)) {
  weights_.reserve(synapses_.size());
  for (Synapse& s : synapses_) {
    s.weight = learning::saturate_weight(s.weight, format_.sign_mode);
    weights_.push_back(s.weight);
  }
  pre_trace_.assign(pre_slots, 0);
  post_trace_.assign(post_slots, 0);
  pre_arrived_.assign(pre_slots, 0);
  post_spiked_.assign(post_slots, 0);
  pending_.resize(std::size_t{delay} + 1);
  index_by(synapses_, pre_slots, true, by_pre_begin_, by_pre_);
  index_by(synapses_, post_slots, false, by_post_begin_, by_post_);
  if (rule_.kind == LearningKind::Stdp) {
    epoch_sum_.assign(synapses_.size(), 0);
    touched_flag_.assign(synapses_.size(), 0);
  } else {
    eligibility_.assign(synapses_.size(), 0);
  }
}

void PlasticSynapses::accumulate(std::size_t k, int32_t term) {
  if (rule_.kind == LearningKind::RewardStdp) {
    eligibility_[k] = learning::add_eligibility(eligibility_[k], term);
    return;
  }
  if (term == 0) return;
  // |term| <= 2 * (128 * 127 + 128) per step, times at most 256 steps: well inside 32 bits.
  epoch_sum_[k] += term;
  if (!touched_flag_[k]) {
    touched_flag_[k] = 1;
    touched_.push_back(static_cast<uint32_t>(k));
  }
}

uint64_t PlasticSynapses::apply(std::size_t k, int64_t change, const WeightWriter& write) {
  const int32_t updated = learning::saturate_weight(weights_[k] + learning::round_shift(change, rule_.shift),
                                                    format_.sign_mode);
  if (updated != weights_[k]) {
    weights_[k] = updated;
    write(synapses_[k].store, format_.delivered(updated));
  }
  return 1;
}

uint64_t PlasticSynapses::learn(uint64_t step, const std::vector<uint32_t>& posts, int32_t reward,
                                const WeightWriter& write) {
  // (1) Traces and eligibility decay.
  for (int32_t& x : pre_trace_)
    if (x != 0) x = learning::decay_trace(x, rule_.pre_decay);
  for (int32_t& y : post_trace_)
    if (y != 0) y = learning::decay_trace(y, rule_.post_decay);
  for (int32_t& e : eligibility_)
    if (e != 0) e = learning::decay_eligibility(e, rule_.eligibility_decay);

  // (2) This step's pre impulses; (3) the STDP term of every synapse with x0 or y0 set.
  std::vector<uint32_t>& arrivals = pending_[step % pending_.size()];
  for (uint32_t pre : arrivals) {
    pre_trace_[pre] = learning::add_impulse(pre_trace_[pre], rule_.pre_impulse);
    pre_arrived_[pre] = 1;
  }
  for (uint32_t post : posts) post_spiked_[post] = 1;
  for (uint32_t pre : arrivals)
    for (uint32_t i = by_pre_begin_[pre]; i < by_pre_begin_[pre + 1]; ++i) {
      const uint32_t k = by_pre_[i];
      const uint32_t post = synapses_[k].post;
      accumulate(k, learning::stdp_term(rule_, pre_trace_[pre], post_trace_[post], true, post_spiked_[post] != 0));
    }
  for (uint32_t post : posts)
    for (uint32_t i = by_post_begin_[post]; i < by_post_begin_[post + 1]; ++i) {
      const uint32_t k = by_post_[i];
      const uint32_t pre = synapses_[k].pre;
      if (pre_arrived_[pre]) continue;  // done above
      accumulate(k, learning::stdp_term(rule_, pre_trace_[pre], post_trace_[post], false, true));
    }

  // (4) This step's post impulses.
  for (uint32_t pre : arrivals) pre_arrived_[pre] = 0;
  for (uint32_t post : posts) {
    post_trace_[post] = learning::add_impulse(post_trace_[post], rule_.post_impulse);
    post_spiked_[post] = 0;
  }
  arrivals.clear();

  // (5) Weight changes.
  uint64_t updates = 0;
  if (rule_.kind == LearningKind::Stdp) {
    if ((step + 1) % static_cast<uint64_t>(rule_.epoch) != 0) return 0;
    for (uint32_t k : touched_) {
      touched_flag_[k] = 0;
      if (epoch_sum_[k] == 0) continue;
      updates += apply(k, epoch_sum_[k], write);
      epoch_sum_[k] = 0;
    }
    touched_.clear();
    return updates;
  }
  if (reward == 0) return 0;
  for (std::size_t k = 0; k < eligibility_.size(); ++k)
    if (eligibility_[k] != 0) updates += apply(k, int64_t{reward} * eligibility_[k], write);
  return updates;
}

}  // namespace axomesh::model
