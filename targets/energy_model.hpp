// Energy and latency of a chip run, from its per-core activity and the target's figures.
//
// Energy = sum over operation kinds of count x energy per operation (target "energy_j"),
// plus static power (target "static_power_w": "chip") x the modelled time. A packet pays
// spike_in_tile once (injection into its tile's router) and a hop energy per tile hop it
// takes; a stimulus packet entering from off chip pays spike_offchip.
//
// Time of a step = the slowest core's operation time (its counts x the target's "time_s")
// + the longest route of the step (its east-west hops x hop_east_west time + north-south
// hops x hop_north_south time) + barrier sync (barrier_sync_base + barrier_sync_per_tile x
// tiles in use). Figures a target does not give count as zero and are listed in
// `missing`; a target without an energy for synaptic_op is refused (ENE-0001).
//
// Optional figures (docs/target-format.md), used only when the target gives them:
//  - spike_out: per spike a neuron emits (energy and time of its core);
//  - synaptic_op.<class>: per synaptic operation of a named synapse class, for the ops the
//    caller attributes to that class (SynapseClassOps); the rest pay synaptic_op;
//  - barrier_sync_tiles_<N>: a barrier table; a step over n tiles in use takes the figure
//    of the largest N <= n (the smallest N when none is <= n), instead of base + per tile.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/base/activity_stats.hpp"
#include "model/chip/chip_image.hpp"
#include "targets/target.hpp"

namespace axomesh::targets {

enum class Operation : std::size_t {
  SynapticOp,
  SynapticUpdate,
  NeuronUpdateActive,
  NeuronUpdateIdle,
  SpikeInTile,
  HopEastWest,
  HopNorthSouth,
  BarrierSync,
  SpikeOffchip,
  SpikeOut,
  Static,
};
constexpr std::size_t kOperationCount = 11;
const char* operation_name(Operation op);  // "synaptic_op", ..., "static"

struct EnergyBreakdown {
  std::array<double, kOperationCount> joules{};
  double& operator[](Operation op) { return joules[static_cast<std::size_t>(op)]; }
  double operator[](Operation op) const { return joules[static_cast<std::size_t>(op)]; }
  double total() const;
  double dynamic() const;  // all but static
  EnergyBreakdown& operator+=(const EnergyBreakdown& o);
};

struct StepEstimate {
  double energy = 0.0;          // J, all cores, static included
  double seconds = 0.0;         // modelled duration of the step
  double critical_core_seconds = 0.0;
  uint32_t critical_core = 0;
  double route_seconds = 0.0;
  double barrier_seconds = 0.0;
};

struct ChipEstimate {
  std::vector<EnergyBreakdown> per_core;  // over the whole run (static shared out by core count)
  std::vector<double> per_core_seconds;   // busy time over the run
  std::vector<StepEstimate> per_step;
  EnergyBreakdown total;
  double seconds = 0.0;                   // modelled time of the run
  uint64_t steps = 0;
  uint64_t synaptic_ops = 0;
  uint32_t tiles_used = 0;
  std::vector<std::string> missing;       // "energy_j.neuron_update_idle", ...

  double average_power() const { return seconds > 0 ? total.total() / seconds : 0.0; }
  double energy_per_step() const { return steps > 0 ? total.total() / double(steps) : 0.0; }
  double steps_per_second() const { return seconds > 0 ? double(steps) / seconds : 0.0; }
  // Synaptic ops per second per watt, in GSOP/s/W (= synaptic ops per nJ).
  double gsops_per_watt() const { return total.total() > 0 ? double(synaptic_ops) / total.total() * 1e-9 : 0.0; }
  double energy_per_synaptic_op() const { return synaptic_ops > 0 ? total.total() / double(synaptic_ops) : 0.0; }
  double dynamic_energy_per_synaptic_op() const {
    return synaptic_ops > 0 ? total.dynamic() / double(synaptic_ops) : 0.0;
  }
  // Energy per inference when the run is split into `samples` equal samples.
  double energy_per_sample(uint64_t samples) const { return samples > 0 ? total.total() / double(samples) : 0.0; }
};

// Synaptic operations by named class, per step and core (as `stats` is laid out): ops
// [(step * cores + core) * classes.size() + k] of class k, priced at the target's
// "synaptic_op.<classes[k]>" when it gives one. They are part of Activity::synaptic_ops.
struct SynapseClassOps {
  std::vector<std::string> classes;
  std::vector<uint64_t> ops;
};

// `stats` has one unit per core of `image` (as ChipSim counts).
ChipEstimate estimate(const model::ActivityStats& stats, const model::ChipImage& image, const Target& target,
                      const SynapseClassOps* class_ops = nullptr);

}  // namespace axomesh::targets
