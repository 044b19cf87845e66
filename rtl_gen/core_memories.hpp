// The memories of rtl_gen/rtl/neuro_core.sv and their content for one core of a
// model::ChipImage. One table serves the memory files (rtl_writer) and run-time loading
// through the configuration port (cosim), so the two cannot disagree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/chip/chip_image.hpp"
#include "rtl_gen/rtl_geometry.hpp"

namespace axomesh::rtl_gen {

// In the order of neuro_core's cfg_mem numbers.
enum class CoreMemory : uint32_t {
  CurrentFactor, VoltageFactor, Bias, Threshold, InputShift, U, V, AxonFirst, AxonCount, SynapseNeuron,
  SynapseWeight, SynapseDelay, Accumulators, FanoutFirst, FanoutCount, FanoutDestination,
};
constexpr uint32_t kCoreMemoryCount = 16;

struct MemoryShape {
  const char* name;  // as in the RTL and the memory file names
  uint32_t width;    // bits per entry
  uint32_t depth;    // entries
};
MemoryShape memory_shape(CoreMemory memory, const RtlGeometry& geometry);

// The content of every memory of core `core`, indexed by CoreMemory. Memories are as deep
// as the content needs (neuron memories: every neuron of the geometry, unused ones all zero
// so they never spike); the accumulators are empty (all zero at start).
std::vector<std::vector<uint32_t>> core_memory_words(const model::ChipImage& image, uint32_t core,
                                                     const RtlGeometry& geometry);

// The packet {x, y, core in tile, axon} that carries a spike to `destination`.
uint32_t packet_word(const model::ChipImage& image, const model::Destination& destination, const RtlGeometry& geometry);

// A memory file for $readmemh: one hex word per line, `width` bits each.
std::string memh_text(const std::vector<uint32_t>& words, uint32_t width);

}  // namespace axomesh::rtl_gen
