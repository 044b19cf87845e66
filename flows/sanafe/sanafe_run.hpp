// A SANA-FE workload run end to end: read the architecture and the network files, build the
// target and the chip image (with the file's own mapping, or with our mapper), execute the
// image with ChipSim bit-accurately, and estimate energy and time with the imported cost
// table. Also counts what SANA-FE counts where its definition differs from ours (neuron
// updates) and the synaptic operations per synapse unit, which SANA-FE prices apart, by
// watching the same ChipSim run (flows/sanafe/sanafe_counters.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/sanafe/sanafe_arch.hpp"
#include "flows/sanafe/sanafe_network.hpp"
#include "mapper/map_network.hpp"
#include "model/base/activity_stats.hpp"
#include "targets/energy_model.hpp"

namespace axomesh::flows {

enum class SanafePlacement { Given, Ours };

struct SanafeRunOptions {
  uint64_t steps = 1000;
  SanafePlacement placement = SanafePlacement::Given;
  // SANA-FE's "neurons updated" (not our definition): counted from the state after every
  // step (FromState, one more pass over the neurons), or Exact: also the neurons whose
  // received events summed to zero, which leave no trace in the state (walks every
  // delivered synapse once more). None leaves the steps to the simulation alone.
  enum class SanafeUpdates { None, FromState, Exact };
  SanafeUpdates sanafe_updates = SanafeUpdates::FromState;
};

struct SanafeRun {
  SanafeNetwork network;
  SanafeArchitecture arch;
  targets::Target target;
  std::vector<std::string> unmodelled;  // figures of the architecture our model has no place for
  mapper::MappingResult mapping;
  std::string placement;                // "given" or "ours"
  uint64_t steps = 0;

  model::Activity total;               // ChipSim's counts over the run, all cores
  int64_t sanafe_updates = -1;         // SANA-FE's "neurons updated" (v != 0 before the step,
                                       // nonzero input, or bias) from the state; -1: not counted
  int64_t sanafe_updates_exact = -1;   // with inputs that sum to zero (Exact), else -1
  uint64_t leak_ties = 0;              // (Exact) leaks of a v = k * 4096 != 0, where SANA-FE's
                                       // float 0.99975585937 rounds 1/64 lower
  model::Activity in_flight;           // packets of the last step's spikes (delivered after the
                                       // run): packets, synaptic_ops, hops
  std::vector<uint64_t> population_spikes;
  std::vector<uint64_t> class_ops;     // synaptic ops per synapse unit (target.synaptic_op.<unit>)
  std::vector<std::string> classes;
  uint32_t cores_used = 0, tiles_used = 0;
  targets::ChipEstimate estimate;

  // Energy in SANA-FE's categories (J).
  double synapse_energy = 0, soma_energy = 0, network_energy = 0, total_energy = 0;

  double read_seconds = 0, build_seconds = 0, simulate_seconds = 0, estimate_seconds = 0;
  double simulate_cpu_seconds = 0;  // CPU time of the loop (robust to a busy machine)
};

SanafeRun run_sanafe(const std::string& arch_path, const std::string& network_path, const SanafeRunOptions& options);

// What SANA-FE printed for the same run, to set beside ours (all optional: < 0 when unknown).
struct SanafeReference {
  std::string source;
  double synaptic_events = -1, messages = -1, spikes = -1, neurons_updated = -1, hops = -1, sim_time = -1;
  double synapse_energy = -1, dendrite_energy = -1, soma_energy = -1, network_energy = -1, total_energy = -1;
};

// The report: network, mapping, every count and energy category, and (when given) SANA-FE's
// figure and the difference beside each.
std::string sanafe_report_text(const SanafeRun& run, const SanafeReference* reference = nullptr);

}  // namespace axomesh::flows
