// rtl_gen::RtlGeometry -- the parameters of the generated chip for one target: mesh, cores
// per tile, memory depths and the bit widths of addresses and packets. Every network mapped
// onto the target gets the same RTL; only the memory contents differ.
#pragma once

#include <cstdint>
#include <string>

#include "model/chip/chip_image.hpp"
#include "targets/target.hpp"

namespace axomesh::rtl_gen {

struct RtlGeometry {
  uint32_t mesh_width = 1, mesh_height = 1, cores_per_tile = 1;
  uint32_t neurons = 2;   // per core, a power of two
  uint32_t axons = 2;     // input axons per core
  uint32_t synapses = 2;  // synapse memory entries per core
  uint32_t slots = 64;    // delay-ring slots, a power of two above the largest delay + 1
  uint32_t fanout = 2;    // fan-out table entries per core
  uint32_t x_bits = 1, y_bits = 1, local_bits = 1;  // packet fields {x, y, core in tile, axon}

  uint32_t cores() const { return mesh_width * mesh_height * cores_per_tile; }
  uint32_t neuron_bits() const;
  uint32_t axon_bits() const;
  uint32_t synapse_bits() const;  // of a synapse index
  uint32_t slot_bits() const;
  uint32_t fanout_bits() const;   // of a fan-out table index
  uint32_t packet_bits() const { return x_bits + y_bits + local_bits + axon_bits(); }
  // The Verilog parameter list of neuro_chip for this geometry: "W(2), .H(2), ...".
  std::string verilog_parameters() const;
  bool operator==(const RtlGeometry& o) const;
};

// The deepest memory the generated core may have (entries; the accumulator ring counts
// neurons x slots): deeper ones belong in SRAM macros the generator does not model.
constexpr uint64_t kMaxMemoryDepth = uint64_t{1} << 24;

// Bits to index n entries (at least 1).
uint32_t index_bits(uint64_t n);

// The geometry of `target`'s chip. Throws InputError (RTL-00xx) when the target's chip
// cannot be built by our RTL: more than 65,536 cores (RTL-0001), delays beyond the 64-slot
// ring (RTL-0002), packets wider than the 32-bit configuration word (RTL-0003), or a core
// memory deeper than kMaxMemoryDepth (RTL-0004).
RtlGeometry rtl_geometry(const targets::Target& target);

// Checks that the RTL implements every block `image` uses: its cores have no datapath for
// truenorth neurons, adaptive thresholds, short-term depression or plastic synapses.
// Throws InputError (RTL-0103, located in `file`) naming the block and the first core
// that uses it. The one check of this kind: `axomesh rtl` and `axomesh cosim` both call it
// before anything else, and check_image_fits() calls it too.
void check_rtl_supports(const model::ChipImage& image, const std::string& file = {});

// Checks that `image` fits `geometry` entry by entry (it may come from a file): throws
// InputError (RTL-01xx) naming the core, the memory and by how much it does not fit, or
// the block the RTL has no datapath for (RTL-0103, check_rtl_supports()).
void check_image_fits(const model::ChipImage& image, const RtlGeometry& geometry);

}  // namespace axomesh::rtl_gen
