// JSON of the adaptive threshold and of short-term depression: the population and
// projection options of the network format (docs/network-format.md) and the per-core
// fields of the chip image (docs/chip-image-format.md). Readers check every range.
#pragma once

#include <nlohmann/json.hpp>

#include "flows/formats/json_reader.hpp"
#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"

namespace axomesh::flows {

// Network format: "adaptive_threshold" of a population, "short_term_depression" of a
// projection.
model::AdaptiveThresholdParams adaptive_threshold_from_json(const JsonValue& value);
nlohmann::json adaptive_threshold_to_json(const model::AdaptiveThresholdParams& params);
model::DepressionParams depression_from_json(const JsonValue& value);
nlohmann::json depression_to_json(const model::DepressionParams& params);

// Chip image: the optional "adaptive" and "axon_depression" fields of a core, read
// after its neurons and axons (a group must lie inside the core's neurons, IMG-0121;
// one depression entry per axon, IMG-0103). Writing leaves out empty fields.
void core_dynamics_from_json(const JsonValue& core_value, model::CoreImage& core);
void core_dynamics_to_json(const model::CoreImage& core, nlohmann::json& core_json);

}  // namespace axomesh::flows
