#include "flows/formats/learning_json.hpp"

#include "model/network/learning_validate.hpp"

namespace axomesh::flows {
namespace limits = model::limits;

namespace {
int32_t int32(const JsonValue& v, const limits::IntRange& range) { return static_cast<int32_t>(v.as_int(range)); }
}  // namespace

model::LearningRule learning_from_json(const JsonValue& v) {
  v.allow_only({"rule", "pre_impulse", "pre_decay", "post_impulse", "post_decay", "coefficients", "shift", "epoch",
                "eligibility_decay", "reward", "reward_value"});
  model::LearningRule r;
  r.kind = static_cast<model::LearningKind>(v.field("rule").as_choice({"stdp", "reward_stdp"}));
  auto optional = [&](const char* key, int32_t& out, const limits::IntRange& range) {
    if (v.has(key)) out = int32(v.field(key), range);
  };
  optional("pre_impulse", r.pre_impulse, limits::kTraceImpulse);
  optional("pre_decay", r.pre_decay, limits::kTraceDecay);
  optional("post_impulse", r.post_impulse, limits::kTraceImpulse);
  optional("post_decay", r.post_decay, limits::kTraceDecay);
  optional("shift", r.shift, limits::kLearningShift);
  optional("epoch", r.epoch, limits::kLearningEpoch);
  optional("eligibility_decay", r.eligibility_decay, limits::kTraceDecay);
  optional("reward_value", r.reward_value, limits::kRewardValue);
  if (v.has("reward")) r.reward = v.field("reward").as_string();
  if (v.has("coefficients")) {
    const JsonValue c = v.field("coefficients");
    c.allow_only({"x1_y0", "y1_x0", "x0", "y0"});
    auto coefficient = [&](const char* key, int32_t& out) {
      if (c.has(key)) out = int32(c.field(key), limits::kLearningCoefficient);
    };
    coefficient("x1_y0", r.a_x1_y0);
    coefficient("y1_x0", r.a_y1_x0);
    coefficient("x0", r.a_x0);
    coefficient("y0", r.a_y0);
  }
  return r;
}

nlohmann::json learning_to_json(const model::LearningRule& r) {
  nlohmann::json j = {{"rule", model::to_string(r.kind)},
                      {"pre_impulse", r.pre_impulse},
                      {"pre_decay", r.pre_decay},
                      {"post_impulse", r.post_impulse},
                      {"post_decay", r.post_decay},
                      {"coefficients", {{"x1_y0", r.a_x1_y0}, {"y1_x0", r.a_y1_x0}, {"x0", r.a_x0}, {"y0", r.a_y0}}},
                      {"shift", r.shift}};
  if (r.kind == model::LearningKind::Stdp) {
    j["epoch"] = r.epoch;
  } else {
    j["eligibility_decay"] = r.eligibility_decay;
    j["reward"] = r.reward;
    j["reward_value"] = r.reward_value;
  }
  return j;
}

void core_learning_from_json(const JsonValue& v, model::CoreImage& core) {
  if (!v.has("learning")) return;
  const JsonValue l = v.field("learning");
  l.allow_only({"rules", "synapses"});
  const JsonValue rules = l.field("rules");
  for (std::size_t i = 0; i < rules.array_size(); ++i) {
    const JsonValue e = rules.element(i);
    e.allow_only({"rule", "sign_mode", "num_weight_bits", "weight_shift", "delay", "projection", "pre_axons",
                  "reward_population", "reward_stimulus"});
    model::PlasticRuleEntry entry;
    entry.rule = learning_from_json(e.field("rule"));
    entry.format.sign_mode = static_cast<model::SignMode>(
        e.field("sign_mode").as_choice({"auto", "excitatory", "inhibitory", "mixed"}));
    if (entry.format.sign_mode == model::SignMode::Auto) e.field("sign_mode").fail_expected("a resolved sign mode");
    entry.format.num_weight_bits = int32(e.field("num_weight_bits"), limits::kWeightBits);
    entry.format.shift = int32(e.field("weight_shift"), {0, 7});
    entry.delay = static_cast<uint32_t>(e.field("delay").as_int(limits::kDelay));
    entry.projection = static_cast<uint32_t>(e.field("projection").as_int({0, UINT32_MAX}));
    const JsonValue axons = e.field("pre_axons");
    for (std::size_t a = 0; a < axons.array_size(); ++a)
      entry.pre_axons.push_back(static_cast<uint32_t>(
          axons.element(a).as_int({0, static_cast<int64_t>(core.axons.size()) - 1})));
    entry.reward_population = int32(e.field("reward_population"), {-1, INT32_MAX});
    entry.reward_stimulus = int32(e.field("reward_stimulus"), {-1, INT32_MAX});
    core.learning.rules.push_back(std::move(entry));
  }
  // Synapses: [rule, synapse, pre, weight, network_index] each.
  const JsonValue synapses = l.field("synapses");
  for (std::size_t i = 0; i < synapses.array_size(); ++i) {
    const JsonValue e = synapses.element(i);
    if (e.array_size() != 5)
      e.fail("IMG-0103", "expected an array of 5 integers [rule, synapse, pre, weight, network_index], found " +
                         describe_json(e.raw()));
    model::PlasticSynapseEntry s;
    s.rule = static_cast<uint32_t>(e.element(0).as_int({0, static_cast<int64_t>(core.learning.rules.size()) - 1}));
    s.synapse = static_cast<uint32_t>(e.element(1).as_int({0, static_cast<int64_t>(core.synapses.size()) - 1}));
    s.pre = static_cast<uint32_t>(
        e.element(2).as_int({0, static_cast<int64_t>(core.learning.rules[s.rule].pre_axons.size()) - 1}));
    s.weight = int32(e.element(3), {-256, 255});
    s.network_index = static_cast<uint64_t>(e.element(4).as_int({0, INT64_MAX}));
    core.learning.synapses.push_back(s);
  }
}

void core_learning_to_json(const model::CoreImage& core, nlohmann::json& j) {
  if (core.learning.empty()) return;
  nlohmann::json rules = nlohmann::json::array(), synapses = nlohmann::json::array();
  for (const model::PlasticRuleEntry& e : core.learning.rules)
    rules.push_back({{"rule", learning_to_json(e.rule)},
                     {"sign_mode", std::string(model::to_string(e.format.sign_mode))},
                     {"num_weight_bits", e.format.num_weight_bits},
                     {"weight_shift", e.format.shift},
                     {"delay", e.delay},
                     {"projection", e.projection},
                     {"pre_axons", e.pre_axons},
                     {"reward_population", e.reward_population},
                     {"reward_stimulus", e.reward_stimulus}});
  for (const model::PlasticSynapseEntry& s : core.learning.synapses)
    synapses.push_back({s.rule, s.synapse, s.pre, s.weight, s.network_index});
  j["learning"] = {{"rules", std::move(rules)}, {"synapses", std::move(synapses)}};
}

}  // namespace axomesh::flows
