// The chip image file format, version 1 (docs/chip-image-format.md): the exact memory
// contents of every core after mapping, written compactly (only non-empty cores, fixed
// tuples for neurons, axons, synapses and destinations) and read back with every index
// checked (IMG-xxxx), so that read(write(image)) == image exactly and a loaded image is
// always safe to execute.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/chip/chip_image.hpp"

namespace axomesh::flows {

// The largest chip a file may describe (mesh_width * mesh_height * cores_per_tile).
constexpr uint32_t kMaxImageCores = uint32_t{1} << 20;

nlohmann::json chip_image_to_json(const model::ChipImage& image);
// The file's text: the JSON above, one line per tuple.
std::string chip_image_to_text(const model::ChipImage& image);

// Reads and validates an image; throws model::InputError naming `file` and the JSON path.
model::ChipImage chip_image_from_json_text(const std::string& text, const std::string& file);
model::ChipImage load_chip_image(const std::string& path);

// Writes atomically: on failure no file (or the previous one) is left.
void save_chip_image(const model::ChipImage& image, const std::string& path);

}  // namespace axomesh::flows
