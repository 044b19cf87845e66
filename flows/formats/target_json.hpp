// The JSON target format, version 1 (docs/target-format.md): a chip's mesh, core
// capacities, widths and sourced per-operation figures, read with precise errors
// (TGT-xxxx) and written so that read(write(t)) == t exactly.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "targets/target.hpp"

namespace axomesh::flows {

// The figure names allowed in "energy_j" and "time_s", and in "static_power_w".
const std::vector<std::string>& target_operation_figure_names();
const std::vector<std::string>& target_power_figure_names();
// The neuron models a target may list.
const std::vector<std::string>& target_neuron_model_names();

// Reads and validates a target; throws model::InputError naming `file` and the JSON path.
// Each capacity figure is also kept in Target::capacity_sources under its field name
// ("neurons", "input_axons", "synapse_memory_bits", "fanout_entries"; value, source and
// estimate), and the synapse encoding's source under "synapse_encoding" (value 0).
targets::Target target_from_json_text(const std::string& text, const std::string& file);
targets::Target load_target(const std::string& path);

nlohmann::json target_to_json(const targets::Target& target);
// Writes atomically: on failure no file (or the previous one) is left.
void save_target(const targets::Target& target, const std::string& path);

// The targets shipped in targets/ (by name), and a --target argument resolved: a path
// ending in .json is a target file, anything else a shipped target's name (CLI-0003 when
// there is none of that name, listing those there are).
std::vector<std::string> shipped_target_names();
targets::Target resolve_target(const std::string& spec);

}  // namespace axomesh::flows
