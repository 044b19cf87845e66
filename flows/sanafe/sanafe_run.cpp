#include "flows/sanafe/sanafe_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include <time.h>

#include "flows/sanafe/sanafe_counters.hpp"
#include "mapper/legalize.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// CPU time of this thread: the loop's own work, whatever else shares the machine.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

[[noreturn]] void fail(const std::string& id, const std::string& file, const std::string& message) {
  throw model::InputError({{id, "", message}}, file);
}

// The soma unit every group uses (one for the whole network), checked against the architecture.
std::string soma_unit_of(const SanafeNetwork& net, const SanafeArchitecture& arch, const std::string& file) {
  std::string soma;
  for (const SanafeGroup& g : net.groups) {
    if (g.soma_hw.empty()) continue;
    const auto it = arch.units.find(g.soma_hw);
    if (it == arch.units.end() || it->second.model != "leaky_integrate_fire")
      fail("SFE-0501", file, "group \"" + g.name + "\": soma_hw_name \"" + g.soma_hw +
                                 "\" is not a leaky_integrate_fire soma unit of the architecture");
    if (!soma.empty() && soma != g.soma_hw)
      fail("SFE-0502", file, "groups use soma units \"" + soma + "\" and \"" + g.soma_hw + "\"; one LIF unit per network is supported");
    soma = g.soma_hw;
  }
  return soma;
}

}  // namespace

SanafeRun run_sanafe(const std::string& arch_path, const std::string& network_path, const SanafeRunOptions& options) {
  SanafeRun run;
  run.steps = options.steps;
  auto t = Clock::now();
  run.arch = read_sanafe_architecture(arch_path);
  run.network = read_sanafe_network(network_path);
  run.read_seconds = since(t);

  t = Clock::now();
  const SanafeNetwork& net = run.network;
  run.target = sanafe_target(run.arch, soma_unit_of(net, run.arch, network_path), run.unmodelled);
  // Synapse classes: the synapse units the edges use, each priced at synaptic_op.<unit>.
  std::vector<uint32_t> class_of_edge;
  for (const SanafeEdge& e : net.edges) {
    const std::string unit = e.synapse_hw.empty() ? run.arch.synapse_units.front() : e.synapse_hw;
    if (std::find(run.arch.synapse_units.begin(), run.arch.synapse_units.end(), unit) == run.arch.synapse_units.end())
      fail("SFE-0503", network_path, "edge " + e.label + ": synapse unit \"" + unit + "\" is not in the architecture");
    auto it = std::find(run.classes.begin(), run.classes.end(), unit);
    if (it == run.classes.end()) it = run.classes.insert(run.classes.end(), unit);
    class_of_edge.push_back(static_cast<uint32_t>(it - run.classes.begin()));
  }
  if (options.placement == SanafePlacement::Given) {
    if (net.mapping.empty()) fail("SFE-0504", network_path, "--placement given needs a mappings: section in the network file");
    std::vector<std::vector<uint32_t>> cores(net.mapping.size());
    for (std::size_t p = 0; p < net.mapping.size(); ++p)
      for (const SanafeCore& c : net.mapping[p]) cores[p].push_back(physical_core(run.arch, c));
    run.mapping = mapper::map_given(net.network, run.target, cores);
    run.placement = "given";
  } else {
    const mapper::AtomNetwork atoms = mapper::legalize(net.network, run.target);
    run.mapping = mapper::map_network(net.network, run.target, atoms, mapper::Strategy::Graph);
    run.placement = "ours";
  }
  const model::ChipImage& image = run.mapping.image;
  // The chip (ChipSim's own copy of the image) and the counters' tables are built here
  // too: as SANA-FE's "building the chip", apart from the simulation loop.
  model::ChipSim chip(image);
  chip.reserve_steps(options.steps);
  SanafeCounters counters(net, image, class_of_edge, run.classes, options.steps, options.sanafe_updates);
  run.build_seconds = since(t);

  // The run, with SANA-FE's counters watching it step by step.
  t = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  {
    const model::ObservingScope observing(chip, counters);
    for (uint64_t s = 0; s < options.steps; ++s) chip.step();
  }
  // Packets of the last step's spikes reach their cores after the run; SANA-FE delivers a
  // message in the step it is sent, so it counts them: counted here apart.
  counters.count_in_flight(chip);
  run.sanafe_updates = counters.sanafe_updates();
  run.sanafe_updates_exact = counters.sanafe_updates_exact();
  run.leak_ties = counters.leak_ties();
  run.in_flight = counters.in_flight();
  run.population_spikes = counters.population_spikes();
  run.simulate_seconds = since(t);
  run.simulate_cpu_seconds = thread_cpu_seconds() - cpu_start;

  t = Clock::now();
  run.total = chip.stats().total();
  const targets::SynapseClassOps& class_ops = counters.class_ops();
  const std::size_t classes = run.classes.size();
  run.class_ops.assign(classes, 0);
  for (std::size_t k = 0; k < class_ops.ops.size(); ++k) run.class_ops[k % classes] += class_ops.ops[k];
  run.estimate = targets::estimate(chip.stats(), image, run.target, &class_ops);
  run.tiles_used = run.estimate.tiles_used;
  run.cores_used = run.mapping.metrics.cores_used;
  using Op = targets::Operation;
  const targets::EnergyBreakdown& e = run.estimate.total;
  run.synapse_energy = e[Op::SynapticOp];
  run.soma_energy = e[Op::NeuronUpdateActive] + e[Op::NeuronUpdateIdle] + e[Op::SpikeOut];
  run.network_energy = e[Op::SpikeInTile] + e[Op::HopEastWest] + e[Op::HopNorthSouth] + e[Op::SpikeOffchip];
  run.total_energy = e.total();
  run.estimate_seconds = since(t);
  return run;
}

std::string sanafe_report_text(const SanafeRun& r, const SanafeReference* ref) {
  std::ostringstream out;
  char line[256];
  out << "network \"" << r.network.network.name << "\": " << r.network.groups.size() << " groups, "
      << r.network.network.neuron_count() << " neurons, " << r.network.synapses << " synapses ("
      << r.network.network.projections.size() << " projections)\n";
  out << "target \"" << r.target.name << "\": " << r.target.mesh_width << "x" << r.target.mesh_height << " tiles x "
      << r.target.cores_per_tile << " cores, " << r.target.core.neurons << " neurons per core\n";
  out << "placement " << r.placement << ": " << r.cores_used << " cores on " << r.tiles_used << " tiles; " << r.steps
      << " steps\n";
  for (const std::string& note : r.network.conversion_notes) out << "  conversion: " << note << "\n";
  for (const std::string& note : r.unmodelled) out << "  cost table: " << note << "\n";

  const bool with_ref = ref != nullptr;
  std::snprintf(line, sizeof line, "\n%-34s %16s%s\n", "quantity", "axomesh",
                with_ref ? "           SANA-FE      diff" : "");
  out << line;
  auto row = [&](const char* name, double ours, double theirs, const char* format) {
    char a[40], b[40];
    std::snprintf(a, sizeof a, format, ours);
    if (!with_ref || theirs < 0) {
      std::snprintf(line, sizeof line, "%-34s %16s\n", name, a);
    } else {
      std::snprintf(b, sizeof b, format, theirs);
      const double diff = theirs != 0 ? 100.0 * (ours - theirs) / theirs : 0.0;
      std::snprintf(line, sizeof line, "%-34s %16s  %16s  %+7.3f%%\n", name, a, b, diff);
    }
    out << line;
  };
  const model::Activity& a = r.total;
  const model::Activity& f = r.in_flight;
  const double none = -1;
  // Counted as SANA-FE counts: the messages sent in the last step are included.
  row("synaptic events", double(a.synaptic_ops + f.synaptic_ops), with_ref ? ref->synaptic_events : none, "%.0f");
  row("  delivered in the run (ChipSim)", double(a.synaptic_ops), none, "%.0f");
  row("  sent in the last step", double(f.synaptic_ops), none, "%.0f");
  for (std::size_t k = 0; k < r.classes.size(); ++k) {
    const std::string name = "  delivered, " + r.classes[k];
    row(name.c_str(), double(r.class_ops[k]), none, "%.0f");
  }
  row("messages (packets sent)", double(a.packets + f.packets), with_ref ? ref->messages : none, "%.0f");
  row("  sent in the last step", double(f.packets), none, "%.0f");
  row("  within a tile", double(a.packets_in_tile + f.packets_in_tile), none, "%.0f");
  row("spikes (neurons fired)", double(a.spikes), with_ref ? ref->spikes : none, "%.0f");
  for (std::size_t p = 0; p < r.population_spikes.size(); ++p) {
    const std::string name = "  group " + r.network.groups[p].name;
    row(name.c_str(), double(r.population_spikes[p]), none, "%.0f");
  }
  if (r.sanafe_updates_exact >= 0) {
    row("neurons updated (SANA-FE's rule)", double(r.sanafe_updates_exact), with_ref ? ref->neurons_updated : none, "%.0f");
    row("  of which inputs summing to 0", double(r.sanafe_updates_exact) - double(r.sanafe_updates), none, "%.0f");
    row("leak ties (v a multiple of 4096)", double(r.leak_ties), none, "%.0f");
  } else if (r.sanafe_updates >= 0) {
    row("neurons updated (SANA-FE's rule)", double(r.sanafe_updates), with_ref ? ref->neurons_updated : none, "%.0f");
  }
  row("neuron updates, active (ours)", double(a.active_updates), none, "%.0f");
  row("neuron updates, idle (ours)", double(a.idle_updates), none, "%.0f");
  row("hops", double(a.hops() + f.hops()), with_ref ? ref->hops : none, "%.0f");
  row("  sent in the last step", double(f.hops()), none, "%.0f");
  row("  east-west", double(a.hops_east + a.hops_west + f.hops_east + f.hops_west), none, "%.0f");
  row("  north-south", double(a.hops_north + a.hops_south + f.hops_north + f.hops_south), none, "%.0f");
  row("simulated time (s)", r.estimate.seconds, with_ref ? ref->sim_time : none, "%.6e");
  row("energy: synapse (J)", r.synapse_energy, with_ref ? ref->synapse_energy : none, "%.6e");
  row("energy: dendrite (J)", 0.0, with_ref ? ref->dendrite_energy : none, "%.6e");
  row("energy: soma (J)", r.soma_energy, with_ref ? ref->soma_energy : none, "%.6e");
  row("energy: network (J)", r.network_energy, with_ref ? ref->network_energy : none, "%.6e");
  row("energy: total (J)", r.total_energy, with_ref ? ref->total_energy : none, "%.6e");
  const double theirs_power = with_ref && ref->total_energy > 0 && ref->sim_time > 0 ? ref->total_energy / ref->sim_time : none;
  row("average power (W)", r.estimate.average_power(), theirs_power, "%.4f");
  std::snprintf(line, sizeof line,
                "\nwall time: read %.3f s, build %.3f s, simulate %.3f s (%.0f steps/s; CPU %.3f s), estimate %.3f s\n",
                r.read_seconds, r.build_seconds, r.simulate_seconds,
                r.simulate_seconds > 0 ? double(r.steps) / r.simulate_seconds : 0.0, r.simulate_cpu_seconds,
                r.estimate_seconds);
  out << line;
  return out.str();
}

}  // namespace axomesh::flows
