#include "hls/systemc_core.hpp"

#include <memory>

namespace axomesh::hls {

SystemcCore::SystemcCore(const sc_core::sc_module_name& name, const model::CoreImage& image, const CoreTiming& timing)
    : sc_core::sc_module(name),
      axon_in("axon_in"),
      spike_out("spike_out"),
      step_start("step_start"),
      done("done"),
      kernel_(std::make_unique<SystemcCoreKernel>()),
      timing_(timing) {
  kernel_->load(image);
  SC_THREAD(run_steps);
}

void SystemcCore::reload(const model::CoreImage& image) {
  kernel_->load(image);
  last_step_ = StepRecord{};
  steps_done_ = 0;
}

void SystemcCore::run_steps() {
  uint8_t spikes[SystemcCoreKernel::kNeurons];
  done.write(false);
  for (;;) {
    sc_core::wait(step_start.posedge_event());
    last_step_ = StepRecord{};
    last_step_.started = sc_core::sc_time_stamp();
    done.write(false);
    sc_core::wait(sc_core::SC_ZERO_TIME);  // done is seen low before it rises again
    // (1) the events of the previous step reach the accumulators, one synapse list each.
    uint32_t axon = 0;
    while (axon_in.nb_read(axon)) {
      const uint32_t ops = kernel_->deliver_axon(axon);
      last_step_.synaptic_ops += ops;
      sc_core::wait(timing_.synaptic_op * static_cast<double>(ops));
    }
    // (2) every neuron is updated once.
    last_step_.updates = kernel_->update_all(spikes);
    sc_core::wait(timing_.neuron_update_active * static_cast<double>(last_step_.updates.active) +
                  timing_.neuron_update_idle * static_cast<double>(last_step_.updates.idle));
    // (3) the spikes leave as address events.
    for (uint32_t n = 0; n < SystemcCoreKernel::kNeurons; ++n)
      if (spikes[n]) spike_out.write(n);
    last_step_.finished = sc_core::sc_time_stamp();
    ++steps_done_;
    done.write(true);
  }
}

}  // namespace axomesh::hls
