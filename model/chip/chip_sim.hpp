// ChipSim -- executes a ChipImage core by core, with the timestep semantics of NetworkSim
// (DESIGN.md): in step t every core takes the packets sent in step t-1, adds each
// packet's synapse list into its accumulators at the synapses' delays, updates its
// neurons with the same Loihi kernel (or, on truenorth cores, the TrueNorth kernel and
// the core's LFSR), and sends a packet per spike and destination core, routed X first then Y
// (model/blocks/xy_route.hpp). Counts activity per core, hops per direction included, and shows
// every spike and packet to its observers (model/chip/chip_observer.hpp).
// For every mapped network, its spikes equal NetworkSim's at every step.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/base/activity_stats.hpp"
#include "model/chip/chip_core_dynamics.hpp"
#include "model/chip/chip_image.hpp"
#include "model/chip/chip_learning.hpp"
#include "model/chip/chip_observer.hpp"
#include "model/blocks/loihi_lif.hpp"
#include "model/sim/spike_source_generator.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model {

class ChipSim {
 public:
  explicit ChipSim(const ChipImage& image);
  ChipSim(const ChipSim&) = delete;  // generators point into the image copy
  ChipSim& operator=(const ChipSim&) = delete;

  void step();
  void reserve_steps(uint64_t steps) { stats_.reserve_steps(steps); }  // for callers of step()
  void run(uint64_t steps, const std::function<void(uint64_t)>& progress = {});
  uint64_t steps_done() const { return step_; }

  // Observers see every later step (model/chip/chip_observer.hpp); they must outlive the chip
  // or be removed first.
  void add_observer(ChipObserver& observer);
  void remove_observer(ChipObserver& observer);
  // The packets the next step will send first (the last step's spikes, then the stimulus
  // already drawn for it), in sending order: what is in flight when a run stops.
  void packets_in_flight(const std::function<void(const ChipPacket&)>& visit) const;

  // Results in network terms, after the last step.
  std::size_t population_count() const { return image_.population_names.size(); }
  std::vector<uint32_t> spiked(std::size_t pop) const;  // ascending population indices
  int32_t u(std::size_t pop, uint32_t neuron) const;
  int32_t v(std::size_t pop, uint32_t neuron) const;
  // Per core, as the hardware sees it.
  const std::vector<uint32_t>& core_spikes(uint32_t core) const { return cores_[core].spiked; }
  int32_t core_u(uint32_t core, uint32_t neuron) const { return cores_[core].u[neuron]; }
  int32_t core_v(uint32_t core, uint32_t neuron) const { return cores_[core].v[neuron]; }

  const ActivityStats& stats() const { return stats_; }  // one unit per core
  // A plastic projection's weights after the last step, in the network's layout.
  std::vector<int32_t> learned_weights(std::size_t projection) const { return learning_.weights(projection); }

 private:
  struct CoreState {
    std::vector<int32_t> u, v, input_shift;
    std::vector<loihi::LifConstants> constants;
    std::vector<int32_t> ring;  // [slot * neurons + neuron]
    uint32_t slots = 1;
    std::vector<uint32_t> spiked;
    CoreDynamics dynamics;  // adaptive thresholds, depressing axons (chip_core_dynamics.hpp)
    // truenorth cores (chip_sim_truenorth.cpp): the ring counts events per axon type and
    // neuron, ring[slot * 4 * neurons + type * neurons + neuron].
    bool truenorth = false;
    std::vector<truenorth::NeuronParams> tn_params;
    Lfsr32 lfsr;
  };

  void deliver(uint32_t core, uint32_t axon);
  void deliver_depressed(uint32_t core, uint32_t axon);
  void deliver_pending();
  void send(uint32_t from_core, const FanoutTable& table, uint32_t item, bool from_chip);
  XyRoute route(uint32_t from_core, uint32_t to_core) const {
    return {core_x_[from_core], core_y_[from_core], core_x_[to_core], core_y_[to_core]};
  }
  void notify_spikes();
  void update(uint32_t core);
  void init_truenorth(uint32_t core);
  void deliver_truenorth(uint32_t core, uint32_t axon);
  void update_truenorth(uint32_t core);

  ChipImage image_;
  DepressionBlocks depression_blocks_;
  std::vector<CoreState> cores_;
  std::vector<SpikeSourceGenerator> generators_;
  std::vector<std::vector<uint32_t>> stimulus_spikes_;
  std::vector<Destination> pending_;  // packets of the step, delivered together (prefetching)
  std::vector<uint32_t> core_x_, core_y_;  // mesh coordinates of every core's tile
  ActivityStats stats_;
  ChipLearning learning_;
  std::vector<ChipObserver*> observers_;
  std::vector<ChipObserver*> packet_observers_;  // those of observers_ that want packets
  uint64_t step_ = 0;
};

// Attaches an observer to a chip for the scope's lifetime, also when a run throws.
class ObservingScope {
 public:
  ObservingScope(ChipSim& chip, ChipObserver& observer) : chip_(chip), observer_(observer) { chip.add_observer(observer); }
  ~ObservingScope() { chip_.remove_observer(observer_); }
  ObservingScope(const ObservingScope&) = delete;
  ObservingScope& operator=(const ObservingScope&) = delete;

 private:
  ChipSim& chip_;
  ChipObserver& observer_;
};

}  // namespace axomesh::model
