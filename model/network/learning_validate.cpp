#include "model/network/learning_validate.hpp"

namespace axomesh::model {
namespace {

void check_range(std::vector<Diagnostic>& out, const std::string& path, int64_t value, const limits::IntRange& range) {
  if (!range.contains(value))
    out.push_back({"NET-0101", path, "expected " + range.describe() + ", found " + std::to_string(value)});
}

void check_rule(const Network& net, const Projection& proj, const std::string& path, std::vector<Diagnostic>& out) {
  const LearningRule& r = *proj.learning;
  check_range(out, path + "/pre_impulse", r.pre_impulse, limits::kTraceImpulse);
  check_range(out, path + "/pre_decay", r.pre_decay, limits::kTraceDecay);
  check_range(out, path + "/post_impulse", r.post_impulse, limits::kTraceImpulse);
  check_range(out, path + "/post_decay", r.post_decay, limits::kTraceDecay);
  check_range(out, path + "/coefficients/x1_y0", r.a_x1_y0, limits::kLearningCoefficient);
  check_range(out, path + "/coefficients/y1_x0", r.a_y1_x0, limits::kLearningCoefficient);
  check_range(out, path + "/coefficients/x0", r.a_x0, limits::kLearningCoefficient);
  check_range(out, path + "/coefficients/y0", r.a_y0, limits::kLearningCoefficient);
  check_range(out, path + "/shift", r.shift, limits::kLearningShift);
  check_range(out, path + "/epoch", r.epoch, limits::kLearningEpoch);
  check_range(out, path + "/eligibility_decay", r.eligibility_decay, limits::kTraceDecay);
  check_range(out, path + "/reward_value", r.reward_value, limits::kRewardValue);
  if (r.kind == LearningKind::Stdp) {
    if (!r.reward.empty())
      out.push_back({"NET-0302", path + "/reward",
                     "expected no reward (rule \"stdp\" has no third factor; use \"reward_stdp\"), found \"" +
                         r.reward + "\""});
    if (r.eligibility_decay != 0)
      out.push_back({"NET-0302", path + "/eligibility_decay",
                     "expected no eligibility_decay (rule \"stdp\" has no eligibility trace), found " +
                         std::to_string(r.eligibility_decay)});
    return;
  }
  if (r.epoch != 1)
    out.push_back({"NET-0302", path + "/epoch",
                   "expected no epoch (rule \"reward_stdp\" changes weights in rewarded steps), found " +
                       std::to_string(r.epoch)});
  if (r.reward.empty())
    out.push_back({"NET-0104", path + "/reward",
                   "expected the name of a population or source whose spikes are the reward, found none"});
  else if (!net.size_of(r.reward))
    out.push_back({"NET-0104", path + "/reward",
                   "expected the name of a population or source, found \"" + r.reward + "\""});
}

}  // namespace

void validate_learning(const Network& net, std::vector<Diagnostic>& out) {
  for (std::size_t i = 0; i < net.projections.size(); ++i) {
    const Projection& proj = net.projections[i];
    if (!proj.learning) continue;
    const std::string path = "/projections/" + std::to_string(i);
    check_rule(net, proj, path + "/learning", out);
    const auto post = net.find_population(proj.post);
    if (post && net.populations[*post].model != NeuronModel::LoihiLif)
      out.push_back({"NET-0301", path + "/learning",
                     "expected a projection into a loihi_lif population (plastic synapses hold Loihi weights), "
                     "found one into \"" + proj.post + "\" (" + to_string(net.populations[*post].model) + ")"});
    if (!proj.delays.empty())
      out.push_back({"NET-0301", path + "/delays",
                     "expected one delay for all synapses of a plastic projection (its pre traces see a spike "
                     "when it arrives), found " + std::to_string(proj.delays.size()) + " per-synapse delays"});
    if (proj.short_term_depression)
      out.push_back({"NET-0301", path + "/short_term_depression",
                     "expected either learning or short_term_depression on a projection, found both"});
    if (proj.weights.size() > limits::kMaxPlasticSynapses)
      out.push_back({"NET-0301", path + "/weights",
                     "expected at most " + std::to_string(limits::kMaxPlasticSynapses) +
                         " synapses in a plastic projection, found " + std::to_string(proj.weights.size())});
  }
}

}  // namespace axomesh::model
