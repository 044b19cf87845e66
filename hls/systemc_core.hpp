// SystemcCore -- one neuromorphic core as a SystemC module, built on the HLS kernel
// (lif_core_kernel.hpp) so that it computes exactly what ChipSim computes for a core, with
// cycle-approximate timing: every synaptic operation and every neuron update takes the
// target's time for that operation.
//
// Ports and protocol (one timestep):
//   axon_in    AER input: core-local axon numbers, written before the step is started
//              (the channel must hold one step's events; the core reads them at the step);
//   step_start a rising edge starts the step: done falls, the queued axon events are
//              delivered (count x synaptic_op each), every neuron is updated (active or
//              idle update time each), the step's spikes are written to spike_out in
//              ascending neuron order, and done rises;
//   spike_out  AER output: core-local neuron numbers (the channel must hold one step's
//              spikes: NEURONS at most);
//   done       high from the end of a step until the next step starts.
#pragma once

#include <cstdint>
#include <memory>

#include <systemc>

#include "hls/lif_core_kernel.hpp"
#include "model/chip/chip_image.hpp"

namespace axomesh::hls {

// The core's capacity: Loihi 1's 1,024 compartments and 4,096 input axons would make the
// module heavy to instantiate many times; this size holds every network the tests map
// onto one core and is a parameter of the kernel, not of the arithmetic.
using SystemcCoreKernel = LifCoreKernel<256, 1024, 16384, 64>;

// Time of each operation (a target's "time" figures: synaptic_op, neuron_update_active,
// neuron_update_idle).
struct CoreTiming {
  sc_core::sc_time synaptic_op;
  sc_core::sc_time neuron_update_active;
  sc_core::sc_time neuron_update_idle;
};

// What the last step did (read after done rises).
struct StepRecord {
  uint64_t synaptic_ops = 0;
  UpdateCounts updates;
  sc_core::sc_time started;
  sc_core::sc_time finished;
};

class SystemcCore : public sc_core::sc_module {
 public:
  sc_core::sc_fifo_in<uint32_t> axon_in;
  sc_core::sc_fifo_out<uint32_t> spike_out;
  sc_core::sc_in<bool> step_start;
  sc_core::sc_out<bool> done;

  SC_HAS_PROCESS(SystemcCore);
  // Throws model::InputError when the image does not fit the kernel (HLS-0001 ..).
  SystemcCore(const sc_core::sc_module_name& name, const model::CoreImage& image, const CoreTiming& timing);

  // Replaces the core's memories and state by another image's (between runs, while no
  // step is under way); throws model::InputError as the constructor does.
  void reload(const model::CoreImage& image);

  const StepRecord& last_step() const { return last_step_; }
  uint64_t steps_done() const { return steps_done_; }
  int32_t u(uint32_t neuron) const { return kernel_->u(neuron); }
  int32_t v(uint32_t neuron) const { return kernel_->v(neuron); }

 private:
  void run_steps();

  // The kernel's static arrays are large: kept off the simulation thread's small stack.
  std::unique_ptr<SystemcCoreKernel> kernel_;
  CoreTiming timing_;
  StepRecord last_step_;
  uint64_t steps_done_ = 0;
};

}  // namespace axomesh::hls
