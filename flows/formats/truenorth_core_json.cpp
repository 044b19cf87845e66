#include "flows/formats/truenorth_core_json.hpp"

#include <array>
#include <string>

#include "model/network/network_limits.hpp"

namespace axomesh::flows {
namespace {

namespace limits = model::limits;

struct Field {
  const char* name;
  IntRange range;
};

// A truenorth neuron as one tuple, in the order of docs/truenorth-neuron.md's table.
constexpr Field kFields[] = {
    {"weight_0", limits::kTnWeight},  {"weight_1", limits::kTnWeight},
    {"weight_2", limits::kTnWeight},  {"weight_3", limits::kTnWeight},
    {"stochastic_weight_0", limits::kFlag}, {"stochastic_weight_1", limits::kFlag},
    {"stochastic_weight_2", limits::kFlag}, {"stochastic_weight_3", limits::kFlag},
    {"leak", limits::kTnLeak},        {"stochastic_leak", limits::kFlag},
    {"leak_reversal", limits::kFlag}, {"threshold", limits::kTnThreshold},
    {"negative_threshold", limits::kTnThreshold}, {"threshold_mask_bits", limits::kTnMaskBits},
    {"reset_potential", limits::kTnReset}, {"reset_mode", limits::kTnResetMode},
    {"negative_saturate", limits::kFlag}, {"v_init", limits::kTnPotential}};
constexpr std::size_t kFieldCount = sizeof(kFields) / sizeof(kFields[0]);
constexpr IntRange kLfsrState{1, UINT32_MAX};

std::array<int32_t, kFieldCount> fields_of(const model::TrueNorthNeuronEntry& n) {
  const model::truenorth::NeuronParams& p = n.params;
  return {p.weight[0], p.weight[1], p.weight[2], p.weight[3],
          p.stochastic_weight[0], p.stochastic_weight[1], p.stochastic_weight[2], p.stochastic_weight[3],
          p.leak, p.stochastic_leak, p.leak_reversal, p.threshold,
          p.negative_threshold, p.threshold_mask_bits, p.reset_potential, static_cast<int32_t>(p.reset_mode),
          p.negative_saturate, n.v_init};
}

model::TrueNorthNeuronEntry neuron_of(const JsonValue& v) {
  if (v.array_size() != kFieldCount) {
    std::string names;
    for (const Field& f : kFields) names += std::string(names.empty() ? "" : ", ") + f.name;
    v.fail("IMG-0103", "expected an array of " + std::to_string(kFieldCount) + " integers [" + names + "], found " +
                       std::to_string(v.array_size()) + " values");
  }
  std::array<int32_t, kFieldCount> x{};
  for (std::size_t i = 0; i < kFieldCount; ++i) x[i] = static_cast<int32_t>(v.element(i).as_int(kFields[i].range));
  model::TrueNorthNeuronEntry n;
  model::truenorth::NeuronParams& p = n.params;
  for (std::size_t g = 0; g < 4; ++g) {
    p.weight[g] = x[g];
    p.stochastic_weight[g] = x[4 + g] != 0;
  }
  p.leak = x[8];
  p.stochastic_leak = x[9] != 0;
  p.leak_reversal = x[10] != 0;
  p.threshold = x[11];
  p.negative_threshold = x[12];
  p.threshold_mask_bits = x[13];
  p.reset_potential = x[14];
  p.reset_mode = static_cast<model::truenorth::ResetMode>(x[15]);
  p.negative_saturate = x[16] != 0;
  n.v_init = x[17];
  return n;
}

}  // namespace

void truenorth_core_from_json(const JsonValue& v, model::CoreImage& core) {
  if (!v.has("model") && !v.has("truenorth")) return;
  const JsonValue model_value = v.field("model");
  if (model_value.as_choice({"loihi_lif", "truenorth"}) == 0) {
    if (v.has("truenorth")) v.field("truenorth").fail("IMG-0110", "expected no truenorth fields on a loihi_lif core");
    return;
  }
  core.model = model::NeuronModel::TrueNorth;
  if (!core.neurons.empty())
    v.field("neurons").fail("IMG-0110", "expected no loihi_lif neurons on a truenorth core, found " +
                                        std::to_string(core.neurons.size()));
  const JsonValue tn = v.field("truenorth");
  tn.allow_only({"neurons", "axon_types", "lfsr_state"});
  const JsonValue neurons = tn.field("neurons");
  for (std::size_t i = 0; i < neurons.array_size(); ++i) core.truenorth.neurons.push_back(neuron_of(neurons.element(i)));
  const JsonValue types = tn.field("axon_types");
  for (std::size_t i = 0; i < types.array_size(); ++i)
    core.truenorth.axon_types.push_back(static_cast<uint8_t>(types.element(i).as_int(limits::kAxonType)));
  const std::size_t axons = v.field("axons").array_size();
  if (core.truenorth.axon_types.size() != axons)
    types.fail("IMG-0103", "expected one axon type per input axon (" + std::to_string(axons) + "), found " +
                           std::to_string(core.truenorth.axon_types.size()));
  core.truenorth.lfsr_state = static_cast<uint32_t>(tn.field("lfsr_state").as_int(kLfsrState));
}

void truenorth_core_to_json(const model::CoreImage& core, nlohmann::json& core_json) {
  if (core.model != model::NeuronModel::TrueNorth) return;
  nlohmann::json neurons = nlohmann::json::array();
  for (const model::TrueNorthNeuronEntry& n : core.truenorth.neurons) neurons.push_back(fields_of(n));
  core_json["model"] = "truenorth";
  core_json["truenorth"] = {{"neurons", std::move(neurons)},
                            {"axon_types", core.truenorth.axon_types},
                            {"lfsr_state", core.truenorth.lfsr_state}};
}

}  // namespace axomesh::flows
