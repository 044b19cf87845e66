// The axon events that core 0 of a one-core ChipImage receives in each step, in the order
// ChipSim delivers them: the previous step's spikes through the core's fan-out, then the
// stimulus spikes through the stimulus fan-out (DESIGN.md, timestep semantics). Lets a
// kernel or module that models one core be driven exactly as ChipSim drives its core.
#pragma once

#include <cstdint>
#include <vector>

#include "model/chip/chip_image.hpp"
#include "model/sim/spike_source_generator.hpp"
#include "targets/target.hpp"

namespace axomesh::test {

class OneCoreEvents {
 public:
  // `image` must outlive this object (the generators read its stimulus).
  explicit OneCoreEvents(const model::ChipImage& image) : image_(image) {
    for (const model::SpikeSource& source : image_.stimulus) generators_.emplace_back(source);
    stimulus_spikes_.resize(generators_.size());
  }

  // This step's events, given the core-local neurons that spiked in the previous step.
  std::vector<uint32_t> next(const std::vector<uint32_t>& previous_spikes) {
    std::vector<uint32_t> axons;
    const auto add = [&axons](const model::FanoutTable& table, uint32_t item) {
      for (uint32_t k = table.begin[item]; k < table.begin[item + 1]; ++k) axons.push_back(table.entries[k].axon);
    };
    for (uint32_t n : previous_spikes) add(image_.cores[0].fanout, n);
    for (std::size_t s = 0; s < generators_.size(); ++s)
      for (uint32_t i : stimulus_spikes_[s]) add(image_.stimulus_fanout[s], i);
    for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(stimulus_spikes_[s]);
    return axons;
  }

 private:
  const model::ChipImage& image_;
  std::vector<model::SpikeSourceGenerator> generators_;
  std::vector<std::vector<uint32_t>> stimulus_spikes_;
};

// A target of exactly one core, large enough for the tests' networks.
inline targets::Target one_core_target(uint32_t neurons, uint32_t axons, uint32_t synapses) {
  targets::Target t;
  t.name = "one-core";
  t.core = {neurons, axons, uint64_t{synapses} * 24, axons};
  t.synapse = {9, 6, 9, 0};
  t.neuron_models = {"loihi_lif"};
  t.energy["synaptic_op"] = {1e-12, "test", true};
  return t;
}

}  // namespace axomesh::test
