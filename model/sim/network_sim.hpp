// NetworkSim -- the bit-accurate reference simulation of a Network.
//
// Barrier-synchronous steps (DESIGN.md "Timestep semantics"): in step t each population
// (1) takes the spikes sent in step t-1-d by synapses of delay d and adds their weights
// into per-neuron accumulators, (2) updates every neuron once with its model's kernel
// (Loihi LIF, or TrueNorth), (3) sends its spikes; sources send theirs in step t too.
// A truenorth population counts arriving events per neuron and axon type instead of
// summing weights, and draws its pseudo-random numbers from one Lfsr32 per block of 256
// neurons (a core's worth), seeded with Lfsr32::seeded_state(population seed, block).
// Work per step is proportional to spikes x fan-out plus neurons. Results never depend on
// the order of arrival: accumulation is integer addition into 32-bit accumulators whose
// worst case the validator bounds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/base/activity_stats.hpp"
#include "model/blocks/adaptive_threshold.hpp"
#include "model/sim/depressed_delivery.hpp"
#include "model/blocks/loihi_lif.hpp"
#include "model/network/network.hpp"
#include "model/sim/network_learning.hpp"
#include "model/sim/spike_source_generator.hpp"
#include "model/base/spike_trace.hpp"
#include "model/sim/synapse_rows.hpp"
#include "model/sim/trace_recorder.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model {

// Where a run's time went, by phase, with the synaptic reads of each delivery phase.
struct SimProfile {
  double recurrent_delivery_seconds = 0;  // spikes of populations
  double input_delivery_seconds = 0;      // spikes of sources
  double neuron_update_seconds = 0;       // includes recording probes
  double source_seconds = 0;              // generating source spikes
  uint64_t recurrent_ops = 0;
  uint64_t input_ops = 0;
};

class NetworkSim {
 public:
  // Validates the network (throws InputError) and compiles it; the network may be
  // destroyed afterwards.
  explicit NetworkSim(const Network& network);
  NetworkSim(const NetworkSim&) = delete;  // generators point into sources_
  NetworkSim& operator=(const NetworkSim&) = delete;

  void step();
  // Runs `steps` steps; `progress` (if any) is called with the number of steps done.
  void run(uint64_t steps, const std::function<void(uint64_t)>& progress = {});

  uint64_t steps_done() const { return step_; }
  std::size_t population_count() const { return pops_.size(); }

  // State of a population after the last step (u is 0 for truenorth neurons).
  const std::vector<int32_t>& u(std::size_t pop) const { return pops_[pop].u; }
  const std::vector<int32_t>& v(std::size_t pop) const { return pops_[pop].v; }
  // The summed synaptic input (a_in) a loihi_lif neuron used in the last step.
  int32_t input(std::size_t pop, uint32_t neuron) const {
    return pops_[pop].last_input[neuron] >> pops_[pop].input_shift;
  }
  // The active axons of `type` (0..3) a truenorth neuron counted in the last step.
  int32_t active_axons(std::size_t pop, uint32_t neuron, int type) const {
    return pops_[pop].last_input[std::size_t(type) * pops_[pop].size + neuron];
  }
  // Neurons that spiked in the last step, ascending.
  const std::vector<uint32_t>& spiked(std::size_t pop) const { return pops_[pop].spiked; }
  // A population's adaptive threshold after the last step (null when it has none).
  const AdaptiveThresholdState* adaptive_threshold(std::size_t pop) const {
    return pops_[pop].adaptive ? &*pops_[pop].adaptive : nullptr;
  }

  const ActivityStats& stats() const { return stats_; }
  const SimProfile& profile() const { return profile_; }
  const SpikeTrace& trace() const { return recorder_.trace(); }
  // A plastic projection's weights after the last step, in the network's layout (dense
  // [post][pre], sparse entry order); empty for a static projection.
  std::vector<int32_t> learned_weights(std::size_t projection) const { return learning_.weights(projection); }
  const NetworkLearning& learning() const { return learning_; }
  SpikeTrace take_trace() { return recorder_.take(); }

  uint64_t synapse_count() const;
  std::size_t synapse_memory_bytes() const;

 private:
  struct PopulationState {
    NeuronModel model = NeuronModel::LoihiLif;
    uint32_t size = 0;
    std::vector<int32_t> u, v;
    std::vector<loihi::LifConstants> constants;
    bool shared_constants = false;  // every neuron has the same constants (or truenorth parameters)
    std::vector<truenorth::NeuronParams> tn_params;
    std::vector<Lfsr32> lfsrs;      // truenorth: one per block of 256 neurons
    // loihi_lif: one accumulator per neuron and delay slot, in units of 2^-input_shift:
    // ring[slot * size + neuron], slot = step % slots, slots = max incoming delay + 1.
    // truenorth: one event counter per axon type and neuron: ring[slot * 4 * size +
    // type * size + neuron]. slot_width is size or 4 * size.
    std::vector<int32_t> ring;
    uint32_t slot_width = 0;
    uint32_t slots = 1;
    int input_shift = 0;
    const int32_t* last_input = nullptr;  // the slot read in the last step
    std::vector<uint32_t> spiked;
    std::vector<uint8_t> spike_flags;
    // Adaptive threshold: its state and the base threshold of each constants entry.
    std::optional<AdaptiveThresholdState> adaptive;
    std::vector<int32_t> base_threshold;
  };
  struct Delivery {
    SynapseRows rows;
    std::size_t post = 0;  // population
    std::optional<DepressedSynapses> depression;
  };
  struct Sender {
    std::vector<std::size_t> deliveries;
  };

  // Returns the number of synapses read.
  uint64_t deliver(const std::vector<uint32_t>& spikes, const Sender& sender);
  void update(std::size_t pop);
  static void adapt_thresholds(PopulationState& pop);
  uint64_t update_truenorth(PopulationState& pop, const int32_t* counts);
  void clear_last_input(std::size_t pop);

  std::vector<PopulationState> pops_;
  std::vector<SpikeSource> sources_;  // the generators point into this
  std::vector<SpikeSourceGenerator> generators_;
  std::vector<std::vector<uint32_t>> source_spikes_;  // sent in the last step
  std::vector<Delivery> deliveries_;
  std::vector<Sender> pop_senders_, source_senders_;
  ActivityStats stats_;
  SimProfile profile_;
  TraceRecorder recorder_;
  NetworkLearning learning_;
  uint64_t step_ = 0;
};

}  // namespace axomesh::model
