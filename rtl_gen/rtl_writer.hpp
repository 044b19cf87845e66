// The generator: for a target, the chip's RTL (the hand-written leaf modules and a top
// fixing the geometry) and a file list; for a mapped ChipImage, the memory files the top
// loads with $readmemh. The RTL depends on the target's geometry only, so a new network changes
// only the memory files -- as on a real chip.
//
// Output layout (paths relative to the output directory):
//   rtl/<leaf>.sv, rtl/axomesh_chip.sv   the design; top module axomesh_chip
//   axomesh_chip.f                       the file list, relative to its own folder
//                                           (verilator -F DIR/axomesh_chip.f)
//   mem/cNNNNN_<memory>.memh                core NNNNN's memories (see core_memories.hpp)
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/chip/chip_image.hpp"
#include "rtl_gen/rtl_geometry.hpp"

namespace axomesh::rtl_gen {

constexpr const char* kChipTop = "axomesh_chip";

struct GeneratedFile {
  std::string path;  // relative to the output directory
  std::string text;
};

// The leaf modules, as built into the program: {file name, text}.
std::vector<std::pair<std::string, std::string>> rtl_leaf_sources();

// rtl/*.sv and the file list (rtl_geometry() of a target). Identical for every network
// mapped onto any target of that geometry: nothing else of the target (its name, its
// energy figures) is in the text.
std::vector<GeneratedFile> chip_rtl_files(const RtlGeometry& geometry);

// The top module's text alone.
std::string chip_top_text(const RtlGeometry& geometry);

// mem/*.memh for every core of `image` (checked against the geometry first).
std::vector<GeneratedFile> memory_files(const model::ChipImage& image, const RtlGeometry& geometry);

// The memory file name of `memory` of core `core`, relative to the memory folder.
std::string memory_file_name(uint32_t core, const char* memory);

}  // namespace axomesh::rtl_gen
