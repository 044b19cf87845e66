// JSON of a chip image's truenorth cores (docs/chip-image-format.md): "model", and the
// "truenorth" object -- one tuple per neuron (its TrueNorth parameters and V init), the
// type of every input axon, and the core's LFSR state. Readers check every range.
#pragma once

#include <nlohmann/json.hpp>

#include "flows/formats/json_reader.hpp"
#include "model/chip/chip_image.hpp"

namespace axomesh::flows {

// Reads the optional "model" and "truenorth" fields of a core, before its synapses are
// checked against its neurons (IMG-0103 when the axon types do not match "axons").
void truenorth_core_from_json(const JsonValue& core_value, model::CoreImage& core);
// Writes them for truenorth cores only.
void truenorth_core_to_json(const model::CoreImage& core, nlohmann::json& core_json);

}  // namespace axomesh::flows
