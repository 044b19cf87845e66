// cosim::RtlChip -- what the lockstep harness needs of a simulated chip RTL (ports of
// rtl_gen/rtl/neuro_chip.sv): configuration writes, off-chip packets, barrier steps with
// each core's spikes, debug read-out of neuron state, and waveform dumping. It is
// implemented over any Verilated top by VerilatedChip (verilated_chip.hpp), in the test
// executables and in the shared objects `axomesh cosim` builds per chip geometry.
// Plain C++ only: this header is compiled on both sides of that shared-object boundary.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace axomesh::cosim {

class RtlChip {
 public:
  virtual ~RtlChip() = default;
  // One write of the configuration port (memory numbers as in neuro_core).
  virtual void write_config(uint32_t core, uint32_t memory, uint32_t address, uint32_t data) = 0;
  // One off-chip packet {x, y, core in tile, axon}, waiting while the chip is not ready;
  // throws std::runtime_error if it is not taken within `max_cycles`.
  virtual void inject(uint32_t packet, uint64_t max_cycles) = 0;
  // Delivers the injected packets, then runs one barrier step; fills each core's spikes
  // (neuron indices in the order the core emitted them). Throws std::runtime_error if the
  // chip does not finish the step within `max_cycles` clock cycles.
  virtual void step(std::vector<std::vector<uint32_t>>& spikes_per_core, uint64_t max_cycles) = 0;
  // u and v of a neuron, through the debug read-out.
  virtual std::pair<int32_t, int32_t> state(uint32_t core, uint32_t neuron) = 0;
  // Waveform dumping (FST) from now on, until stop_trace.
  virtual void start_trace(const std::string& path) = 0;
  virtual void stop_trace() = 0;
  // Clock cycles simulated so far.
  virtual uint64_t cycles() const = 0;
};

}  // namespace axomesh::cosim
