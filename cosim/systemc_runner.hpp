// cosim::SystemcRunner -- what the lockstep needs of a SystemC co-simulation: run a job on
// a chip inside the simulation, with one core of the mesh optionally replaced by the
// SystemC core model. Implemented by SystemcHarness<Top> (systemc_harness.hpp), in the
// test executables and in the shared object `axomesh cosim --systemc` builds per chip
// geometry; run_systemc_lockstep (systemc_lockstep.hpp) drives it without SystemC types,
// so this header is plain C++ and crosses that shared-object boundary.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "cosim/rtl_chip.hpp"
#include "model/chip/chip_image.hpp"

namespace axomesh::cosim {

constexpr uint32_t kNoSystemcCore = 0xFFFF;

class SystemcRunner {
 public:
  virtual ~SystemcRunner() = default;
  // Resets the chip and runs `job` from the simulation's controller thread, on a chip
  // whose operations take simulated time. With `external` a core of the chip (not
  // kNoSystemcCore), that core is the SystemC model, loaded with `core` and sending
  // packets[n] (packet words) for a spike of its neuron n.
  virtual void run(const std::function<void(RtlChip&)>& job, uint32_t external, const model::CoreImage* core,
                   const std::vector<std::vector<uint32_t>>& packets) = 0;
  // Steps the SystemC core model has run since it was last loaded.
  virtual uint64_t systemc_core_steps() const = 0;
  // Packets the SystemC core model has sent into the mesh since it was last loaded.
  virtual uint64_t systemc_core_packets() const = 0;
};

}  // namespace axomesh::cosim
