#include "rtl_gen/rtl_geometry.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

#include "model/base/diagnostic.hpp"

namespace axomesh::rtl_gen {
namespace {

uint64_t power_of_two_at_least(uint64_t n) {
  uint64_t p = 2;
  while (p < n) p *= 2;
  return p;
}

[[noreturn]] void fail(const std::string& id, const std::string& path, const std::string& message) {
  throw model::InputError({{id, path, message}});
}

}  // namespace

uint32_t index_bits(uint64_t n) {
  uint32_t bits = 1;
  while ((uint64_t{1} << bits) < n) ++bits;
  return bits;
}

uint32_t RtlGeometry::neuron_bits() const { return index_bits(neurons); }
uint32_t RtlGeometry::axon_bits() const { return index_bits(axons); }
uint32_t RtlGeometry::synapse_bits() const { return index_bits(synapses); }
uint32_t RtlGeometry::slot_bits() const { return index_bits(slots); }
uint32_t RtlGeometry::fanout_bits() const { return index_bits(fanout); }

bool RtlGeometry::operator==(const RtlGeometry& o) const {
  return mesh_width == o.mesh_width && mesh_height == o.mesh_height && cores_per_tile == o.cores_per_tile &&
         neurons == o.neurons && axons == o.axons && synapses == o.synapses && slots == o.slots &&
         fanout == o.fanout && x_bits == o.x_bits && y_bits == o.y_bits && local_bits == o.local_bits;
}

std::string RtlGeometry::verilog_parameters() const {
  std::ostringstream out;
  out << ".W(" << mesh_width << "), .H(" << mesh_height << "), .CORES_PER_TILE(" << cores_per_tile << "), .NEURONS("
      << neurons << "), .AXONS(" << axons << "), .SYNAPSES(" << synapses << "), .SLOTS(" << slots << "), .FANOUT("
      << fanout << "), .XW(" << x_bits << "), .YW(" << y_bits << "), .LW(" << local_bits << ")";
  return out.str();
}

RtlGeometry rtl_geometry(const targets::Target& target) {
  RtlGeometry g;
  g.mesh_width = target.mesh_width;
  g.mesh_height = target.mesh_height;
  g.cores_per_tile = target.cores_per_tile;
  if (uint64_t{g.mesh_width} * g.mesh_height * g.cores_per_tile > 65536)
    fail("RTL-0001", "/mesh", "expected at most 65,536 cores (the 16-bit core select of the chip's ports), found " +
                                  std::to_string(uint64_t{g.mesh_width} * g.mesh_height * g.cores_per_tile));
  // Memory depths in 64 bits first: a target may declare more than the RTL can address.
  const uint64_t neurons = power_of_two_at_least(target.core.neurons);
  const uint64_t synapses = std::max<uint64_t>(2, target.core.synapse_memory_bits / uint64_t(target.synapse.bits_per_synapse()));
  // A spike sent in step t lands in slot t + 1 + delay, read in that later step: the ring
  // must hold max_delay + 2 slots.
  const uint64_t slots = power_of_two_at_least(uint64_t(target.max_delay) + 2);
  if (slots > 64)
    fail("RTL-0002", "/max_delay",
         "expected a largest delay of at most 62 steps (the core's 64-slot ring), found " +
             std::to_string(target.max_delay));
  const std::pair<const char*, uint64_t> depths[] = {{"/core/neurons", neurons * slots},
                                                     {"/core/input_axons", target.core.input_axons},
                                                     {"/core/synapse_memory_bits", synapses},
                                                     {"/core/fanout_entries", target.core.fanout_entries}};
  for (const auto& [path, depth] : depths)
    if (depth > kMaxMemoryDepth)
      fail("RTL-0004", path,
           "expected core memories of at most " + std::to_string(kMaxMemoryDepth) + " entries, found " +
               std::to_string(depth) + (std::string(path) == "/core/neurons" ? " (neurons x delay slots)" : ""));
  g.neurons = static_cast<uint32_t>(neurons);
  g.axons = std::max<uint32_t>(2, target.core.input_axons);
  g.synapses = static_cast<uint32_t>(synapses);
  g.slots = static_cast<uint32_t>(slots);
  g.fanout = std::max<uint32_t>(2, target.core.fanout_entries);
  g.x_bits = index_bits(g.mesh_width);
  g.y_bits = index_bits(g.mesh_height);
  g.local_bits = index_bits(g.cores_per_tile);
  if (g.packet_bits() > 32)
    fail("RTL-0003", "/core/input_axons",
         "expected packets {x, y, core in tile, axon} of at most 32 bits (the configuration word), found " +
             std::to_string(g.packet_bits()) + " bits (" + std::to_string(g.x_bits) + " + " +
             std::to_string(g.y_bits) + " + " + std::to_string(g.local_bits) + " + " + std::to_string(g.axon_bits()) +
             ")");
  return g;
}

void check_rtl_supports(const model::ChipImage& image, const std::string& file) {
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const model::CoreImage& core = image.cores[c];
    // An axon's depression is off while its utilization U is 0 (the mapper's default).
    const bool depression = std::any_of(core.axon_depression.begin(), core.axon_depression.end(),
                                        [](const model::DepressionParams& d) { return d.utilization != 0; });
    const char* block = core.model == model::NeuronModel::TrueNorth ? "truenorth neuron"
                        : !core.adaptive.empty()                       ? "adaptive threshold"
                        : depression                                   ? "short-term depression"
                        : !core.learning.empty()                       ? "plasticity (STDP)"
                                                                       : nullptr;
    if (block)
      throw model::InputError({{"RTL-0103", "/cores/" + std::to_string(c),
                                "core " + std::to_string(c) + " uses the " + block +
                                    " block, which the generated RTL has no datapath for (ChipSim and NetworkSim "
                                    "simulate it)"}},
                              file);
  }
}

void check_image_fits(const model::ChipImage& image, const RtlGeometry& g) {
  check_rtl_supports(image);
  const model::ChipGeometry& ig = image.geometry;
  if (ig.mesh_width != g.mesh_width || ig.mesh_height != g.mesh_height || ig.cores_per_tile != g.cores_per_tile)
    fail("RTL-0101", "/geometry",
         "expected the target's mesh " + std::to_string(g.mesh_width) + " x " + std::to_string(g.mesh_height) + " x " +
             std::to_string(g.cores_per_tile) + " cores per tile, found " + std::to_string(ig.mesh_width) + " x " +
             std::to_string(ig.mesh_height) + " x " + std::to_string(ig.cores_per_tile));
  if (image.cores.size() != g.cores())
    fail("RTL-0101", "/cores",
         "expected " + std::to_string(g.cores()) + " cores, found " + std::to_string(image.cores.size()));
  auto over = [](const char* what, uint32_t core, uint64_t found, uint64_t limit) {
    fail("RTL-0102", "/cores/" + std::to_string(core),
         std::string(what) + ": expected at most " + std::to_string(limit) + ", found " + std::to_string(found) +
             " (" + std::to_string(found - limit) + " too many)");
  };
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const model::CoreImage& core = image.cores[c];
    if (core.neurons.size() > g.neurons) over("neurons", c, core.neurons.size(), g.neurons);
    if (core.axons.size() > g.axons) over("input axons", c, core.axons.size(), g.axons);
    if (core.synapses.size() > g.synapses) over("synapses", c, core.synapses.size(), g.synapses);
    if (core.fanout.entries.size() > g.fanout) over("fan-out entries", c, core.fanout.entries.size(), g.fanout);
    for (const model::SynapseEntry& s : core.synapses)
      if (s.delay + 2u > g.slots) over("synaptic delay", c, s.delay, g.slots - 2);
    for (const model::NeuronEntry& n : core.neurons)
      if (n.input_shift < 0 || n.input_shift > 15) over("input shift", c, uint64_t(n.input_shift), 15);
  }
}

}  // namespace axomesh::rtl_gen
