#include "cosim/systemc_lockstep.hpp"

#include <string>
#include <vector>

#include "model/base/diagnostic.hpp"
#include "rtl_gen/core_memories.hpp"

namespace axomesh::cosim {
namespace {

// Packet words of each neuron of `core`, from its fan-out table (what the RTL core would
// read from its fanout_dest memory).
std::vector<std::vector<uint32_t>> packets_of(const model::ChipImage& image, uint32_t core,
                                              const rtl_gen::RtlGeometry& geometry) {
  const model::FanoutTable& table = image.cores[core].fanout;
  std::vector<std::vector<uint32_t>> packets(image.cores[core].neurons.size());
  for (uint32_t n = 0; n < packets.size() && n + 1 < table.begin.size(); ++n)
    for (uint32_t k = table.begin[n]; k < table.begin[n + 1]; ++k)
      packets[n].push_back(rtl_gen::packet_word(image, table.entries[k], geometry));
  return packets;
}

// The harness reuses one chip for run after run, and reset does not clear memories: the
// delay ring may still hold the last run's future inputs (load_image writes only what an
// image holds, and a new chip's ring starts at zero).
void clear_accumulators(RtlChip& chip, const rtl_gen::RtlGeometry& geometry) {
  const uint32_t depth = rtl_gen::memory_shape(rtl_gen::CoreMemory::Accumulators, geometry).depth;
  for (uint32_t c = 0; c < geometry.cores(); ++c)
    for (uint32_t a = 0; a < depth; ++a)
      chip.write_config(c, static_cast<uint32_t>(rtl_gen::CoreMemory::Accumulators), a, 0);
}

}  // namespace

LockstepResult run_systemc_lockstep(SystemcRunner& runner, const model::ChipImage& image,
                                    const rtl_gen::RtlGeometry& geometry, const LockstepOptions& options,
                                    std::optional<uint32_t> systemc_core, const model::CoreImage* systemc_image) {
  LockstepOptions opts = options;
  opts.load_through_config = true;
  uint32_t external = kNoSystemcCore;
  std::vector<std::vector<uint32_t>> packets;
  const model::CoreImage* core = nullptr;
  if (systemc_core) {
    if (*systemc_core >= image.cores.size())
      throw model::InputError({{"COS-0002", "systemc core",
                                "expected a core of the chip image (0.." + std::to_string(image.cores.size()) +
                                    " - 1), found " + std::to_string(*systemc_core)}});
    external = *systemc_core;
    packets = packets_of(image, external, geometry);
    core = systemc_image ? systemc_image : &image.cores[external];
  }
  LockstepResult result;
  runner.run(
      [&](RtlChip& chip) {
        clear_accumulators(chip, geometry);
        result = run_lockstep(chip, image, geometry, opts);
      },
      external, core, packets);
  return result;
}

}  // namespace axomesh::cosim
