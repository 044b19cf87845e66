// What SANA-FE counts where its definitions differ from ChipSim's, gathered by watching
// one ChipSim run (model/chip/chip_observer.hpp) instead of stepping a chip of its own:
//  - spikes per group, and the synaptic operations per synapse unit (SANA-FE prices each
//    unit apart), attributed to the step and core where ChipSim delivers them;
//  - SANA-FE's "neurons updated": a neuron counts when v != 0 before the step, it has a
//    bias, or it receives input -- seen from the state (u != 0 after the step), or
//    exactly (it received at least one synaptic event, even events summing to zero);
//  - the packets of the last step's spikes: SANA-FE delivers a message in the step it is
//    sent, ChipSim one step later, after the run.
// Stimulus packets are not counted: SANA-FE's networks have no off-chip sources.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/sanafe/sanafe_network.hpp"
#include "flows/sanafe/sanafe_run.hpp"
#include "model/base/activity_stats.hpp"
#include "model/chip/chip_image.hpp"
#include "model/chip/chip_observer.hpp"
#include "model/chip/chip_sim.hpp"
#include "targets/energy_model.hpp"

namespace axomesh::flows {

class SanafeCounters : public model::ChipObserver {
 public:
  // `image` maps `net`; edge k of the network file uses synapse unit class_of_edge[k] of
  // `classes`. The run is `steps` steps long, from the chip's initial state.
  SanafeCounters(const SanafeNetwork& net, const model::ChipImage& image, const std::vector<uint32_t>& class_of_edge,
                 const std::vector<std::string>& classes, uint64_t steps, SanafeRunOptions::SanafeUpdates updates);

  bool wants_packets() const override { return !received_.empty(); }  // Exact only
  void on_packet(uint64_t step, const model::ChipPacket& packet) override;
  void on_spike(uint64_t step, uint32_t core, uint32_t neuron) override;
  void on_step_end(uint64_t step, const model::ChipSim& chip) override;
  // After the last step: counts the packets its spikes send (ChipSim::packets_in_flight).
  void count_in_flight(const model::ChipSim& chip);

  const std::vector<uint64_t>& population_spikes() const { return population_spikes_; }
  const targets::SynapseClassOps& class_ops() const { return class_ops_; }
  int64_t sanafe_updates() const;        // -1 when not counted (SanafeUpdates::None)
  int64_t sanafe_updates_exact() const;  // -1 unless SanafeUpdates::Exact
  uint64_t leak_ties() const { return leak_ties_; }
  const model::Activity& in_flight() const { return in_flight_; }  // packets, synaptic_ops, hops

 private:
  // Per presynaptic neuron (numbered across populations), its synapses per destination
  // core and synapse unit: what its spike costs one step later, by class.
  struct ClassEntry {
    uint32_t core;
    uint32_t cls;
    uint64_t synapses;
  };

  const model::ChipImage& image_;
  uint64_t steps_;
  SanafeRunOptions::SanafeUpdates updates_;
  std::vector<std::vector<ClassEntry>> class_fanout_;  // per network neuron
  std::vector<std::vector<uint32_t>> network_id_;      // per core and local neuron
  std::vector<uint32_t> population_of_;                // per network neuron
  std::vector<std::vector<int32_t>> v_before_;         // per core and neuron: v before the step
  std::vector<std::vector<uint8_t>> has_bias_;
  std::vector<std::vector<uint8_t>> received_;         // (Exact) got a synaptic event this step

  std::vector<uint64_t> population_spikes_;
  targets::SynapseClassOps class_ops_;
  uint64_t from_state_ = 0, exact_ = 0, leak_ties_ = 0;
  model::Activity in_flight_;
};

}  // namespace axomesh::flows
