#include "targets/energy_model.hpp"

#include <algorithm>
#include <cstdlib>

#include "model/base/diagnostic.hpp"

namespace axomesh::targets {
namespace {

constexpr const char* kNames[kOperationCount] = {
    "synaptic_op",     "synaptic_update", "neuron_update_active", "neuron_update_idle", "spike_in_tile",
    "hop_east_west",   "hop_north_south", "barrier_sync",         "spike_offchip",      "spike_out",
    "static"};

// A figure of the target, or 0 (noted in `missing`) when the target does not give it.
class Figures {
 public:
  Figures(const Target& target, std::vector<std::string>& missing) : target_(target), missing_(missing) {}
  double energy(const char* name) const { return get(target_.energy, "energy_j.", name); }
  double time(const char* name) const { return get(target_.time, "time_s.", name); }
  double power(const char* name) const { return get(target_.power, "static_power_w.", name); }
  // An optional figure: `fallback` when the target does not give it (not noted as missing).
  double optional(const std::map<std::string, Figure>& figures, const std::string& name, double fallback) const {
    const auto it = figures.find(name);
    return it == figures.end() ? fallback : it->second.value;
  }

 private:
  double get(const std::map<std::string, Figure>& figures, const char* section, const char* name) const {
    const auto it = figures.find(name);
    if (it != figures.end()) return it->second.value;
    const std::string key = std::string(section) + name;
    if (std::find(missing_.begin(), missing_.end(), key) == missing_.end()) missing_.push_back(key);
    return 0.0;
  }
  const Target& target_;
  std::vector<std::string>& missing_;
};

}  // namespace

const char* operation_name(Operation op) { return kNames[static_cast<std::size_t>(op)]; }

double EnergyBreakdown::total() const {
  double sum = 0.0;
  for (double j : joules) sum += j;
  return sum;
}

double EnergyBreakdown::dynamic() const { return total() - (*this)[Operation::Static]; }

EnergyBreakdown& EnergyBreakdown::operator+=(const EnergyBreakdown& o) {
  for (std::size_t i = 0; i < kOperationCount; ++i) joules[i] += o.joules[i];
  return *this;
}

// The barrier of a step over `tiles` tiles from a barrier_sync_tiles_<N> table, if the
// figures hold one: the entry of the largest N <= tiles, else of the smallest N.
bool barrier_from_table(const std::map<std::string, Figure>& figures, uint32_t tiles, double& value) {
  const std::string prefix = "barrier_sync_tiles_";
  bool found = false;
  long best = -1, smallest = -1;
  double best_value = 0, smallest_value = 0;
  for (const auto& [name, figure] : figures) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const long n = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    found = true;
    if (n <= long(tiles) && n > best) best = n, best_value = figure.value;
    if (smallest < 0 || n < smallest) smallest = n, smallest_value = figure.value;
  }
  if (found) value = best >= 0 ? best_value : smallest_value;
  return found;
}

ChipEstimate estimate(const model::ActivityStats& stats, const model::ChipImage& image, const Target& target,
                      const SynapseClassOps* class_ops) {
  if (target.energy.count("synaptic_op") == 0)
    throw model::InputError({{"ENE-0001", "/energy_j/synaptic_op",
                              "target " + target.name + " gives no energy per synaptic operation; the energy model "
                                                        "needs at least that figure"}});
  ChipEstimate e;
  Figures f(target, e.missing);
  using Op = Operation;
  const double e_syn = f.energy("synaptic_op"), e_upd = f.energy("synaptic_update");
  const double e_act = f.energy("neuron_update_active"), e_idle = f.energy("neuron_update_idle");
  const double e_tile = f.energy("spike_in_tile"), e_ew = f.energy("hop_east_west"), e_ns = f.energy("hop_north_south");
  const double e_off = f.energy("spike_offchip"), e_barrier_base = f.energy("barrier_sync_base");
  const double e_barrier_tile = f.energy("barrier_sync_per_tile");
  const double t_syn = f.time("synaptic_op"), t_act = f.time("neuron_update_active"), t_idle = f.time("neuron_update_idle");
  const double t_tile = f.time("spike_in_tile"), t_ew = f.time("hop_east_west"), t_ns = f.time("hop_north_south");
  const double t_barrier_base = f.time("barrier_sync_base"), t_barrier_tile = f.time("barrier_sync_per_tile");
  const double static_power = f.power("chip");
  const double e_out = f.optional(target.energy, "spike_out", 0.0), t_out = f.optional(target.time, "spike_out", 0.0);
  // Per class: the difference to the default synaptic_op figure, so that class ops are
  // repriced without counting them twice.
  std::vector<double> class_e, class_t;
  const std::size_t classes = class_ops != nullptr ? class_ops->classes.size() : 0;
  for (std::size_t k = 0; k < classes; ++k) {
    const std::string name = "synaptic_op." + class_ops->classes[k];
    class_e.push_back(f.optional(target.energy, name, e_syn) - e_syn);
    class_t.push_back(f.optional(target.time, name, t_syn) - t_syn);
  }
  // Learning is priced only when a run made synaptic updates (a target without the time
  // figure is then noted as missing it).
  const double t_upd = stats.total().synaptic_updates > 0 ? f.time("synaptic_update") : 0.0;

  const std::size_t cores = stats.units();
  e.per_core.resize(cores);
  e.per_core_seconds.assign(cores, 0.0);
  e.steps = stats.steps();
  // Tiles in use: those holding at least one neuron.
  std::vector<bool> tile_used(image.geometry.mesh_width * image.geometry.mesh_height, false);
  for (uint32_t c = 0; c < image.cores.size(); ++c)
    if (!image.cores[c].neurons.empty()) tile_used[image.tile_of(c)] = true;
  e.tiles_used = static_cast<uint32_t>(std::count(tile_used.begin(), tile_used.end(), true));
  double barrier_seconds = 0.0;
  if (!barrier_from_table(target.time, e.tiles_used, barrier_seconds))
    barrier_seconds = t_barrier_base + t_barrier_tile * e.tiles_used;
  const double barrier_joules = e_barrier_base + e_barrier_tile * e.tiles_used;
  // Barrier and static energy are the chip's; they are shared evenly by the cores in use.
  const double used = std::max(1.0, double(std::count_if(image.cores.begin(), image.cores.end(),
                                                         [](const auto& core) { return !core.neurons.empty(); })));

  for (uint64_t s = 0; s < e.steps; ++s) {
    StepEstimate step;
    uint32_t route_x = 0, route_y = 0;
    for (uint32_t c = 0; c < cores; ++c) {
      const model::Activity& a = stats.at(s, c);
      EnergyBreakdown& b = e.per_core[c];
      const double syn = e_syn * double(a.synaptic_ops), act = e_act * double(a.active_updates);
      const double idle = e_idle * double(a.idle_updates), tile = e_tile * double(a.packets);
      const double ew = e_ew * double(a.hops_east + a.hops_west), ns = e_ns * double(a.hops_north + a.hops_south);
      const double off = e_off * double(a.offchip_inputs), out = e_out * double(a.spikes);
      const double upd = e_upd * double(a.synaptic_updates);
      double class_syn = 0.0, class_busy = 0.0;
      for (std::size_t k = 0; k < classes; ++k) {
        const double ops = double(class_ops->ops[(s * cores + c) * classes + k]);
        class_syn += class_e[k] * ops;
        class_busy += class_t[k] * ops;
      }
      b[Op::SynapticOp] += syn + class_syn;
      b[Op::SynapticUpdate] += upd;
      b[Op::NeuronUpdateActive] += act;
      b[Op::NeuronUpdateIdle] += idle;
      b[Op::SpikeInTile] += tile;
      b[Op::HopEastWest] += ew;
      b[Op::HopNorthSouth] += ns;
      b[Op::SpikeOffchip] += off;
      b[Op::SpikeOut] += out;
      step.energy += syn + class_syn + act + idle + tile + ew + ns + off + out + upd;
      e.synaptic_ops += a.synaptic_ops;
      const double busy = t_syn * double(a.synaptic_ops) + t_act * double(a.active_updates) +
                          t_idle * double(a.idle_updates) + t_tile * double(a.packets) + t_out * double(a.spikes) +
                          class_busy + t_upd * double(a.synaptic_updates);
      e.per_core_seconds[c] += busy;
      if (busy > step.critical_core_seconds) {
        step.critical_core_seconds = busy;
        step.critical_core = c;
      }
      if (a.longest_route_x + a.longest_route_y > route_x + route_y) {
        route_x = a.longest_route_x;
        route_y = a.longest_route_y;
      }
    }
    step.route_seconds = t_ew * route_x + t_ns * route_y;
    step.barrier_seconds = barrier_seconds;
    step.seconds = step.critical_core_seconds + step.route_seconds + step.barrier_seconds;
    const double step_static = static_power * step.seconds;
    step.energy += barrier_joules + step_static;
    e.seconds += step.seconds;
    e.per_step.push_back(step);
    for (uint32_t c = 0; c < cores; ++c) {
      if (image.cores[c].neurons.empty()) continue;
      e.per_core[c][Op::BarrierSync] += barrier_joules / used;
      e.per_core[c][Op::Static] += step_static / used;
    }
  }
  for (const EnergyBreakdown& b : e.per_core) e.total += b;
  return e;
}

}  // namespace axomesh::targets
