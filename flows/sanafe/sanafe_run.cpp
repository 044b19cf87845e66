#include "flows/sanafe/sanafe_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include <time.h>

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

// Per presynaptic neuron (numbered across populations), its synapses per destination core
// and synapse unit: what its spike costs one step later, by class.
struct ClassFanout {
  struct Entry {
    uint32_t core;
    uint32_t cls;
    uint64_t synapses;
  };
  std::vector<uint32_t> first_id;               // per population
  std::vector<std::vector<Entry>> of_neuron;
};

ClassFanout class_fanout(const SanafeNetwork& net, const model::ChipImage& image, const std::vector<uint32_t>& class_of_edge) {
  ClassFanout f;
  uint32_t next = 0;
  for (const model::Population& p : net.network.populations) {
    f.first_id.push_back(next);
    next += p.size;
  }
  f.of_neuron.resize(next);
  for (std::size_t k = 0; k < net.network.projections.size(); ++k) {
    const model::Projection& proj = net.network.projections[k];
    const std::size_t pre = *net.network.find_population(proj.pre), post = *net.network.find_population(proj.post);
    for (std::size_t s = 0; s < proj.pre_index.size(); ++s) {
      auto& entries = f.of_neuron[f.first_id[pre] + proj.pre_index[s]];
      const uint32_t core = image.population_addresses[post][proj.post_index[s]].core;
      auto it = std::find_if(entries.begin(), entries.end(),
                             [&](const ClassFanout::Entry& e) { return e.core == core && e.cls == class_of_edge[k]; });
      if (it == entries.end()) entries.push_back({core, class_of_edge[k], 1});
      else ++it->synapses;
    }
  }
  return f;
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
  // The chip (ChipSim's own copy of the image) and the tables the loop reads are built
  // here too: as SANA-FE's "building the chip", apart from the simulation loop.
  model::ChipSim chip(image);
  chip.reserve_steps(options.steps);
  const uint32_t cores = static_cast<uint32_t>(image.cores.size());
  const std::size_t classes = run.classes.size();
  targets::SynapseClassOps class_ops;
  class_ops.classes = run.classes;
  class_ops.ops.assign(options.steps * cores * classes, 0);
  const ClassFanout fanout = class_fanout(net, image, class_of_edge);
  std::vector<std::vector<uint32_t>> network_id(cores);  // per core and local neuron
  std::vector<uint32_t> population_of;                   // per network id
  for (std::size_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const model::NeuronAddress& a = image.population_addresses[p][i];
      if (network_id[a.core].size() <= a.neuron) network_id[a.core].resize(a.neuron + 1);
      network_id[a.core][a.neuron] = fanout.first_id[p] + i;
      population_of.push_back(static_cast<uint32_t>(p));
    }
  run.population_spikes.assign(image.population_addresses.size(), 0);
  std::vector<std::vector<int32_t>> v_before(cores);
  std::vector<std::vector<uint8_t>> has_bias(cores);
  for (uint32_t c = 0; c < cores; ++c) {
    v_before[c].assign(image.cores[c].neurons.size(), 0);
    for (const model::NeuronEntry& n : image.cores[c].neurons) has_bias[c].push_back(n.bias_mant != 0 ? 1 : 0);
  }
  // exact_updates: neurons that receive at least one synaptic event in the next step.
  using Updates = SanafeRunOptions::SanafeUpdates;
  const bool exact_updates = options.sanafe_updates == Updates::Exact;
  std::vector<std::vector<uint8_t>> received(exact_updates ? cores : 0);
  for (std::size_t c = 0; c < received.size(); ++c) received[c].assign(image.cores[c].neurons.size(), 0);
  uint64_t exact = 0, from_state = 0;
  run.build_seconds = since(t);

  // The run, with SANA-FE's update count and the ops per class gathered step by step.
  t = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (uint64_t s = 0; s < options.steps; ++s) {
    chip.step();
    for (uint32_t c = 0; c < cores && options.sanafe_updates != Updates::None; ++c) {
      int32_t* v = v_before[c].data();
      const uint8_t* bias = has_bias[c].data();
      uint64_t updated = 0;
      for (uint32_t n = 0, size = static_cast<uint32_t>(v_before[c].size()); n < size; ++n) {
        updated += (v[n] != 0 || chip.core_u(c, n) != 0 || bias[n] != 0) ? 1 : 0;
        if (exact_updates) {
          exact += (v[n] != 0 || received[c][n] != 0 || bias[n] != 0) ? 1 : 0;
          run.leak_ties += (v[n] != 0 && (v[n] & 4095) == 0) ? 1 : 0;
        }
        v[n] = chip.core_v(c, n);
      }
      from_state += updated;
    }
    if (exact_updates) {
      for (auto& flags : received) std::fill(flags.begin(), flags.end(), uint8_t{0});
      for (uint32_t c = 0; c < cores; ++c)
        for (uint32_t n : chip.core_spikes(c))
          for (uint32_t k = image.cores[c].fanout.begin[n]; k < image.cores[c].fanout.begin[n + 1]; ++k) {
            const model::Destination& d = image.cores[c].fanout.entries[k];
            const model::CoreImage& to = image.cores[d.core];
            const model::AxonEntry& axon = to.axons[d.axon];
            for (uint32_t j = axon.first; j < axon.first + axon.count; ++j) received[d.core][to.synapses[j].neuron] = 1;
          }
    }
    for (uint32_t c = 0; c < cores; ++c) {
      for (uint32_t n : chip.core_spikes(c)) {
        const uint32_t id = network_id[c][n];
        ++run.population_spikes[population_of[id]];
        if (s + 1 < options.steps)
          for (const ClassFanout::Entry& e : fanout.of_neuron[id])
            class_ops.ops[((s + 1) * cores + e.core) * classes + e.cls] += e.synapses;
      }
    }
  }
  // Packets of the last step's spikes reach their cores after the run; SANA-FE delivers a
  // message in the step it is sent, so it counts them: counted here apart.
  for (uint32_t c = 0; c < cores; ++c) {
    const model::FanoutTable& table = image.cores[c].fanout;
    for (uint32_t n : chip.core_spikes(c))
      for (uint32_t k = table.begin[n]; k < table.begin[n + 1]; ++k) {
        const model::Destination& d = table.entries[k];
        ++run.in_flight.packets;
        run.in_flight.synaptic_ops += image.cores[d.core].axons[d.axon].count;
        const int64_t dx = int64_t{image.x_of(d.core)} - image.x_of(c), dy = int64_t{image.y_of(d.core)} - image.y_of(c);
        (dx > 0 ? run.in_flight.hops_east : run.in_flight.hops_west) += static_cast<uint64_t>(dx > 0 ? dx : -dx);
        (dy > 0 ? run.in_flight.hops_north : run.in_flight.hops_south) += static_cast<uint64_t>(dy > 0 ? dy : -dy);
        if (dx == 0 && dy == 0) ++run.in_flight.packets_in_tile;
      }
  }
  if (options.sanafe_updates != Updates::None) run.sanafe_updates = static_cast<int64_t>(from_state);
  if (exact_updates) run.sanafe_updates_exact = static_cast<int64_t>(exact);
  run.simulate_seconds = since(t);
  run.simulate_cpu_seconds = thread_cpu_seconds() - cpu_start;

  t = Clock::now();
  run.total = chip.stats().total();
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
