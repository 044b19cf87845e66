#include "model/network/network_dynamics_validate.hpp"

namespace axomesh::model {

int32_t max_threshold_field(NeuronModel model) {
  return static_cast<int32_t>(model == NeuronModel::TrueNorth ? limits::kTnThreshold.hi : limits::kThreshold.hi);
}

void validate_dynamics(const Network& net, std::vector<Diagnostic>& out) {
  auto check = [&](const std::string& path, int64_t value, const limits::IntRange& range) {
    if (!range.contains(value))
      out.push_back({"NET-0101", path, "expected " + range.describe() + ", found " + std::to_string(value)});
  };
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    if (!net.populations[p].adaptive_threshold) continue;
    const AdaptiveThresholdParams& a = *net.populations[p].adaptive_threshold;
    const std::string path = "/populations/" + std::to_string(p) + "/adaptive_threshold/";
    check(path + "gamma", a.gamma, limits::kAdaptiveGamma);
    check(path + "target_rate", a.target_rate, limits::kAdaptiveRate);
    check(path + "ema_shift", a.ema_shift, limits::kAdaptiveEmaShift);
    check(path + "initial_rate", a.initial_rate, limits::kAdaptiveRate);
  }
  for (std::size_t k = 0; k < net.projections.size(); ++k) {
    const Projection& proj = net.projections[k];
    if (!proj.short_term_depression) continue;
    const std::string path = "/projections/" + std::to_string(k) + "/short_term_depression";
    const auto post = net.find_population(proj.post);
    if (post && net.populations[*post].model == NeuronModel::TrueNorth)
      out.push_back({"NET-0110", path,
                     "expected no short_term_depression (\"" + proj.post +
                         "\" is a truenorth population, whose synapses are crossbar bits)"});
    const DepressionParams& d = *proj.short_term_depression;
    check(path + "/U", d.utilization, limits::kDepressionUtilization);
    check(path + "/tau_rec", d.tau_rec, limits::kDepressionTau);
    check(path + "/A", d.scale, limits::kDepressionScale);
  }
}

}  // namespace axomesh::model
