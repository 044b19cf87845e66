// The folder `axomesh map` writes, read back for the commands that continue from it
// (report, rtl, cosim): the network, the chip image and the target, checked to belong
// together (RPT-0001, RPT-0003, RPT-0004).
#pragma once

#include <optional>
#include <string>

#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::flows {

struct MappedDir {
  model::Network network;
  model::ChipImage image;
  targets::Target target;
};

// `target` (a shipped name or a .json file), when given, replaces DIR/target.json.
MappedDir load_mapped_dir(const std::string& dir, const std::optional<std::string>& target = std::nullopt);

}  // namespace axomesh::flows
