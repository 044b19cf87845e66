// The JSON network format, version 1 (docs/network-format.md): reading with precise
// errors, and writing so that read(write(n)) == n exactly.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/network/network.hpp"

namespace axomesh::flows {

// Reads and validates a network; throws model::InputError naming `file` and the JSON path.
model::Network network_from_json_text(const std::string& text, const std::string& file);
model::Network load_network(const std::string& path);

nlohmann::json network_to_json(const model::Network& network);

// One spike source, as in the network format (also used by the chip image format).
class JsonValue;
model::SpikeSource source_from_json(const JsonValue& value);
nlohmann::json source_to_json(const model::SpikeSource& source);
// Writes atomically: on failure no file (or the previous one) is left.
void save_network(const model::Network& network, const std::string& path);

}  // namespace axomesh::flows
