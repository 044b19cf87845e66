// JSON of plasticity: the "learning" object of a projection in the network format
// (docs/network-format.md) and the per-core "learning" field of the chip image
// (docs/chip-image-format.md). Readers check every range.
#pragma once

#include <nlohmann/json.hpp>

#include "flows/formats/json_reader.hpp"
#include "model/chip/chip_image.hpp"
#include "model/blocks/learning_rule.hpp"

namespace axomesh::flows {

model::LearningRule learning_from_json(const JsonValue& value);
nlohmann::json learning_to_json(const model::LearningRule& rule);

// Chip image: a core's optional "learning" field, read after its axons and synapses
// (axons and synapses it names must exist). Writing leaves it out when empty.
void core_learning_from_json(const JsonValue& core_value, model::CoreImage& core);
void core_learning_to_json(const model::CoreImage& core, nlohmann::json& core_json);

}  // namespace axomesh::flows
