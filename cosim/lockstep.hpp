// cosim lockstep: the same ChipImage and the same off-chip spikes run in ChipSim and in
// the chip RTL, step by step; after every step every core's spikes and (optionally) every
// neuron's u and v must be identical. The first difference stops the run and is reported
// with its step, core, neuron, field, expected and actual value; a replay can then record
// the waveform of the last steps before it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cosim/rtl_chip.hpp"
#include "model/chip/chip_image.hpp"
#include "rtl_gen/rtl_geometry.hpp"

namespace axomesh::cosim {

struct Mismatch {
  uint64_t step = 0;
  uint32_t core = 0;
  uint32_t neuron = 0;
  std::string field;  // "spike", "u", "v", or "barrier" (the RTL did not finish the step)
  int64_t expected = 0;  // ChipSim's value (spike: 1 fired, 0 silent)
  int64_t actual = 0;    // the RTL's
  std::string network_neuron;  // "population[index]", or "" for an unused neuron
  std::string detail;          // barrier: what the RTL did not do
  std::string describe() const;
};

struct LockstepOptions {
  uint64_t steps = 100;
  bool compare = true;                 // false: run the RTL alone (to measure its speed)
  bool compare_state = true;           // u and v of every used neuron after every step
  bool load_through_config = true;     // false: the RTL loaded its memory files itself
  uint64_t max_cycles_per_step = 0;    // 0: a bound derived from the image
  std::function<void(uint64_t)> progress;  // steps done
};

struct LockstepResult {
  uint64_t steps = 0;            // steps compared
  uint64_t spikes = 0;           // spikes compared (and equal)
  uint64_t states = 0;           // (u, v) pairs compared
  uint64_t packets_in = 0;       // off-chip packets injected
  uint64_t rtl_cycles = 0;       // clock cycles of the stepped part
  double seconds = 0.0;          // wall time of the lockstep loop
  std::optional<Mismatch> mismatch;
};

// Writes the image into the chip's memories through the configuration port.
void load_image(RtlChip& chip, const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry);

LockstepResult run_lockstep(RtlChip& chip, const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry,
                            const LockstepOptions& options);

// Replays the run on a new chip from `make_chip` up to `mismatch_step` and records an FST
// waveform of its last `window` steps (the mismatching one included) into `path`.
void record_waveform(const std::function<std::unique_ptr<RtlChip>()>& make_chip, const model::ChipImage& image,
                     const rtl_gen::RtlGeometry& geometry, const LockstepOptions& options, uint64_t mismatch_step,
                     uint64_t window, const std::string& path);

}  // namespace axomesh::cosim
