// ActivityStats -- what the hardware did, counted per unit (a population for NetworkSim,
// a core for ChipSim) and per step. The energy and latency models turn these into joules
// and seconds, so the definitions are exact:
//  - synaptic_ops: synapses read in this step (every stored synapse of a spike's row,
//    whatever its weight), counted at the receiving unit in the step the spike arrives;
//  - active_updates / idle_updates: neuron updates; a neuron is idle when its u, v,
//    bias and input are all zero (its state cannot change), active otherwise;
//  - spikes: spikes emitted by the unit in this step;
//  - packets: address-event packets the unit sent (one per spike and destination core;
//    ChipSim only), and the router hops they took per direction (X first, then Y), or
//    packets_in_tile when source and destination share a tile;
//  - offchip_inputs: stimulus packets that entered the chip to reach the unit;
//  - synaptic_updates: plastic synapses whose weight the learning rule evaluated in this
//    step, counted at the post-synaptic unit (model/blocks/plastic_synapses.hpp says which);
//  - longest_route_x, longest_route_y: the east-west and north-south hops of the unit's
//    longest route (most hops) in the step -- a maximum, not a sum, also over steps.
#pragma once

#include <algorithm>

#include <cstdint>
#include <string>
#include <vector>

namespace axomesh::model {

struct Activity {
  uint64_t synaptic_ops = 0;
  uint64_t active_updates = 0;
  uint64_t idle_updates = 0;
  uint64_t spikes = 0;
  uint64_t packets = 0;
  uint64_t packets_in_tile = 0;
  uint64_t hops_east = 0, hops_west = 0, hops_north = 0, hops_south = 0;
  uint64_t offchip_inputs = 0;
  uint64_t synaptic_updates = 0;
  uint32_t longest_route_x = 0, longest_route_y = 0;

  Activity& operator+=(const Activity& o) {
    synaptic_ops += o.synaptic_ops;
    active_updates += o.active_updates;
    idle_updates += o.idle_updates;
    spikes += o.spikes;
    packets += o.packets;
    packets_in_tile += o.packets_in_tile;
    hops_east += o.hops_east;
    hops_west += o.hops_west;
    hops_north += o.hops_north;
    hops_south += o.hops_south;
    offchip_inputs += o.offchip_inputs;
    synaptic_updates += o.synaptic_updates;
    if (o.longest_route_x + o.longest_route_y > longest_route_x + longest_route_y) {
      longest_route_x = o.longest_route_x;
      longest_route_y = o.longest_route_y;
    }
    return *this;
  }
  uint64_t hops() const { return hops_east + hops_west + hops_north + hops_south; }
  uint64_t neuron_updates() const { return active_updates + idle_updates; }
};

class ActivityStats {
 public:
  explicit ActivityStats(std::vector<std::string> unit_names = {}) : names_(std::move(unit_names)) {}

  void begin_step() { rows_.resize(rows_.size() + names_.size()); }
  // Room for `steps` more steps at once (a long run then never moves its rows).
  void reserve_steps(uint64_t steps) { rows_.reserve(rows_.size() + steps * names_.size()); }
  Activity& current(std::size_t unit) { return rows_[rows_.size() - names_.size() + unit]; }

  std::size_t units() const { return names_.size(); }
  const std::string& unit_name(std::size_t unit) const { return names_[unit]; }
  uint64_t steps() const { return names_.empty() ? 0 : rows_.size() / names_.size(); }
  const Activity& at(uint64_t step, std::size_t unit) const { return rows_[step * names_.size() + unit]; }

  Activity total(std::size_t unit) const {
    Activity sum;
    for (uint64_t s = 0; s < steps(); ++s) sum += at(s, unit);
    return sum;
  }
  Activity total() const {
    Activity sum;
    for (const Activity& a : rows_) sum += a;
    return sum;
  }

 private:
  std::vector<std::string> names_;
  std::vector<Activity> rows_;  // [step * units + unit]
};

}  // namespace axomesh::model
