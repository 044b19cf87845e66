#include "flows/formats/dynamics_json.hpp"

#include "model/network/network_dynamics_validate.hpp"

namespace axomesh::flows {
namespace limits = model::limits;

model::AdaptiveThresholdParams adaptive_threshold_from_json(const JsonValue& v) {
  v.allow_only({"gamma", "target_rate", "ema_shift", "initial_rate"});
  model::AdaptiveThresholdParams p;
  p.gamma = static_cast<int32_t>(v.field("gamma").as_int(limits::kAdaptiveGamma));
  p.target_rate = static_cast<int32_t>(v.field("target_rate").as_int(limits::kAdaptiveRate));
  if (v.has("ema_shift")) p.ema_shift = static_cast<int32_t>(v.field("ema_shift").as_int(limits::kAdaptiveEmaShift));
  p.initial_rate = v.has("initial_rate") ? static_cast<int32_t>(v.field("initial_rate").as_int(limits::kAdaptiveRate))
                                         : p.target_rate;
  return p;
}

nlohmann::json adaptive_threshold_to_json(const model::AdaptiveThresholdParams& p) {
  return {{"gamma", p.gamma}, {"target_rate", p.target_rate}, {"ema_shift", p.ema_shift}, {"initial_rate", p.initial_rate}};
}

model::DepressionParams depression_from_json(const JsonValue& v) {
  v.allow_only({"U", "tau_rec", "A"});
  model::DepressionParams d;
  d.utilization = static_cast<uint32_t>(v.field("U").as_int(limits::kDepressionUtilization));
  d.tau_rec = static_cast<uint32_t>(v.field("tau_rec").as_int(limits::kDepressionTau));
  if (v.has("A")) d.scale = static_cast<int32_t>(v.field("A").as_int(limits::kDepressionScale));
  return d;
}

nlohmann::json depression_to_json(const model::DepressionParams& d) {
  return {{"U", d.utilization}, {"tau_rec", d.tau_rec}, {"A", d.scale}};
}

void core_dynamics_from_json(const JsonValue& v, model::CoreImage& core) {
  if (v.has("adaptive")) {
    const JsonValue groups = v.field("adaptive");
    uint64_t free_from = 0;  // groups ascend and do not overlap
    for (std::size_t g = 0; g < groups.array_size(); ++g) {
      const JsonValue e = groups.element(g);
      e.allow_only({"first", "count", "gamma", "target_rate", "ema_shift", "initial_rate"});
      model::AdaptiveGroup group;
      group.first = static_cast<uint32_t>(e.field("first").as_int({0, UINT32_MAX}));
      group.count = static_cast<uint32_t>(e.field("count").as_int({1, UINT32_MAX}));
      group.params.gamma = static_cast<int32_t>(e.field("gamma").as_int(limits::kAdaptiveGamma));
      group.params.target_rate = static_cast<int32_t>(e.field("target_rate").as_int(limits::kAdaptiveRate));
      group.params.ema_shift = static_cast<int32_t>(e.field("ema_shift").as_int(limits::kAdaptiveEmaShift));
      group.params.initial_rate = static_cast<int32_t>(e.field("initial_rate").as_int(limits::kAdaptiveRate));
      const uint64_t end = uint64_t{group.first} + group.count;
      // neuron_count(): a truenorth core's neurons are not in core.neurons.
      if (group.first < free_from || end > core.neuron_count())
        e.fail("IMG-0121", "expected a run of neurons inside the core's " + std::to_string(core.neuron_count()) +
                           " neurons, after neuron " + std::to_string(free_from) + " (groups ascend, apart), found " +
                           std::to_string(group.first) + ".." + std::to_string(end - 1));
      free_from = end;
      core.adaptive.push_back(group);
    }
  }
  if (v.has("axon_depression")) {
    const JsonValue list = v.field("axon_depression");
    if (list.array_size() != core.axons.size())
      list.fail("IMG-0103", "expected one entry per input axon (" + std::to_string(core.axons.size()) + "), found " +
                            std::to_string(list.array_size()));
    for (std::size_t a = 0; a < core.axons.size(); ++a) {
      const JsonValue e = list.element(a);
      if (e.array_size() != 3)
        e.fail("IMG-0103", "expected an array of 3 integers [U, tau_rec, A], found " + describe_json(e.raw()));
      model::DepressionParams d;
      d.utilization = static_cast<uint32_t>(e.element(0).as_int({0, limits::kDepressionUtilization.hi}));
      if (d.utilization != 0) {
        d.tau_rec = static_cast<uint32_t>(e.element(1).as_int(limits::kDepressionTau));
        d.scale = static_cast<int32_t>(e.element(2).as_int(limits::kDepressionScale));
      } else {
        d.tau_rec = static_cast<uint32_t>(e.element(1).as_int({1, 1}));
        d.scale = static_cast<int32_t>(e.element(2).as_int({1, 1}));
      }
      core.axon_depression.push_back(d);
    }
  }
}

void core_dynamics_to_json(const model::CoreImage& core, nlohmann::json& j) {
  if (!core.adaptive.empty()) {
    nlohmann::json groups = nlohmann::json::array();
    for (const model::AdaptiveGroup& g : core.adaptive) {
      nlohmann::json e = adaptive_threshold_to_json(g.params);
      e["first"] = g.first;
      e["count"] = g.count;
      groups.push_back(std::move(e));
    }
    j["adaptive"] = std::move(groups);
  }
  if (!core.axon_depression.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const model::DepressionParams& d : core.axon_depression)
      list.push_back(nlohmann::json::array({d.utilization, d.tau_rec, d.scale}));
    j["axon_depression"] = std::move(list);
  }
}

}  // namespace axomesh::flows
