#include "mapper/partition.hpp"

#include <algorithm>
#include <functional>
#include <queue>

#include "mapper/flat_counter.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::mapper {
namespace {

// What a core holds, against what it can hold. Neurons and synapses add up exactly;
// input axons are counted exactly (by the distinct presynaptic ids of the core's atoms)
// when the atoms carry their inputs, else bounded by the atoms' sums; fan-out entries are
// bounded by the atoms' sums (they depend on where the targets go).
struct CoreLoad {
  uint64_t neurons = 0, synapses = 0, input_axons = 0, fanout_entries = 0;
  FlatCounter inputs;  // presynaptic id -> atoms of the core using it
};

class Capacity {
 public:
  Capacity(const AtomNetwork& net, const targets::Target& t, const std::vector<uint64_t>& fanout)
      : net_(net),
        fanout_(fanout),
        core_(t.core),
        bits_(static_cast<uint64_t>(t.synapse.bits_per_synapse())),
        header_(static_cast<uint64_t>(t.synapse.axon_header_bits)) {}

  bool fits(const CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    // The counts that add up first; the input axons (a lookup per input) last.
    if (core.neurons + a.size > core_.neurons || core.fanout_entries + fanout_of(atom) > core_.fanout_entries ||
        (core.synapses + a.synapses) * bits_ + core.input_axons * header_ > core_.synapse_memory_bits)
      return false;
    const uint64_t axons = core.input_axons + new_inputs(core, atom);
    return axons <= core_.input_axons && (core.synapses + a.synapses) * bits_ + axons * header_ <= core_.synapse_memory_bits;
  }
  void add(CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    if (exact()) {
      for (uint32_t id : net_.atom_inputs[atom])
        if (core.inputs.increment(id)) ++core.input_axons;
    } else {
      core.input_axons += a.input_axons;
    }
    core.neurons += a.size;
    core.synapses += a.synapses;
    core.fanout_entries += fanout_of(atom);
  }
  void remove(CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    if (exact()) {
      for (uint32_t id : net_.atom_inputs[atom])
        if (core.inputs.decrement(id)) --core.input_axons;
    } else {
      core.input_axons -= a.input_axons;
    }
    core.neurons -= a.size;
    core.synapses -= a.synapses;
    core.fanout_entries -= fanout_of(atom);
  }

 private:
  bool exact() const { return !net_.atom_inputs.empty(); }
  uint64_t fanout_of(uint32_t atom) const { return fanout_[atom]; }
  uint64_t new_inputs(const CoreLoad& core, uint32_t atom) const {
    if (!exact()) return net_.atoms[atom].input_axons;
    uint64_t fresh = 0;
    for (uint32_t id : net_.atom_inputs[atom]) fresh += core.inputs.count(id) == 0 ? 1 : 0;
    return fresh;
  }

  const AtomNetwork& net_;
  const std::vector<uint64_t>& fanout_;  // fan-out entries of every atom (estimated)
  targets::CoreCapacity core_;
  uint64_t bits_, header_;
};

// Cores in `order`, each filled until the next atom does not fit.
Partition fill(const AtomNetwork& net, const targets::Target& target, const std::vector<uint32_t>& order,
               std::vector<CoreLoad>& loads, const std::vector<uint64_t>& fanout) {
  const Capacity capacity(net, target, fanout);
  Partition p;
  p.core_of_atom.assign(net.atoms.size(), 0);
  loads.clear();
  bool last_alone = false;  // truenorth atoms are cores of their own
  for (uint32_t a : order) {
    const bool alone = net.atoms[a].alone;
    if (loads.empty() || alone || last_alone || !capacity.fits(loads.back(), a)) loads.emplace_back();
    last_alone = alone;
    capacity.add(loads.back(), a);
    p.core_of_atom[a] = static_cast<uint32_t>(loads.size() - 1);
  }
  p.cores = static_cast<uint32_t>(loads.size());
  return p;
}

void require_cores(uint32_t cores, const targets::Target& target) {
  if (cores > target.core_count())
    throw model::InputError({{"MAP-0103", "",
                              "the network needs " + std::to_string(cores) + " cores; target " + target.name + " has " +
                                  std::to_string(target.core_count()) + " (over by " +
                                  std::to_string(cores - target.core_count()) + ")"}});
}

// Heaviest edge first from each unvisited atom (in index order), so that atoms that
// exchange many spikes end up next to each other in the fill order.
std::vector<uint32_t> traversal_order(const AtomNetwork& net) {
  const std::size_t n = net.atoms.size();
  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<bool> seen(n, false);
  const auto weight = boost::get(boost::edge_weight, net.graph);
  for (uint32_t start = 0; start < n; ++start) {
    if (seen[start]) continue;
    std::priority_queue<std::pair<double, uint32_t>> frontier;  // (link to the visited set, atom)
    frontier.emplace(0.0, start);
    while (!frontier.empty()) {
      const uint32_t a = frontier.top().second;
      frontier.pop();
      if (seen[a]) continue;
      seen[a] = true;
      order.push_back(a);
      for (auto [e, end] = boost::out_edges(a, net.graph); e != end; ++e) {
        const auto b = static_cast<uint32_t>(boost::target(*e, net.graph));
        if (!seen[b]) frontier.emplace(weight[*e], b);
      }
    }
  }
  return order;
}

void refine(const AtomNetwork& net, const targets::Target& target, Partition& p, std::vector<CoreLoad>& loads,
            int passes, const std::vector<uint64_t>& fanout) {
  const Capacity capacity(net, target, fanout);
  const auto weight = boost::get(boost::edge_weight, net.graph);
  std::vector<double> link(p.cores, 0.0);
  std::vector<uint32_t> touched;
  std::vector<std::pair<double, uint32_t>> candidates;
  std::vector<bool> alone_core(p.cores, false);
  for (uint32_t a = 0; a < net.atoms.size(); ++a)
    if (net.atoms[a].alone) alone_core[p.core_of_atom[a]] = true;
  for (int pass = 0; pass < passes; ++pass) {
    double gained = 0.0;
    for (uint32_t a = 0; a < net.atoms.size(); ++a) {
      const uint32_t from = p.core_of_atom[a];
      if (net.atoms[a].alone) continue;  // never moved, never joined
      for (auto [e, end] = boost::out_edges(a, net.graph); e != end; ++e) {
        const uint32_t core = p.core_of_atom[boost::target(*e, net.graph)];
        if (link[core] == 0.0) touched.push_back(core);
        link[core] += weight[*e];
      }
      // Candidate cores by falling gain; the first that fits wins.
      candidates.clear();
      for (uint32_t core : touched)
        if (core != from && link[core] > link[from] && !alone_core[core])
          candidates.emplace_back(link[core] - link[from], core);
      std::sort(candidates.begin(), candidates.end(), std::greater<>());
      uint32_t best = from;
      double best_gain = 0.0;
      for (const auto& [gain, core] : candidates)
        if (capacity.fits(loads[core], a)) {
          best = core;
          best_gain = gain;
          break;
        }
      for (uint32_t core : touched) link[core] = 0.0;
      touched.clear();
      if (best == from) continue;
      capacity.remove(loads[from], a);
      capacity.add(loads[best], a);
      p.core_of_atom[a] = best;
      gained += best_gain;
    }
    if (gained <= 1e-9) break;
  }
  // Renumber the cores still used, in order of first use.
  std::vector<uint32_t> renumber(p.cores, UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t& core : p.core_of_atom) {
    if (renumber[core] == UINT32_MAX) renumber[core] = next++;
    core = renumber[core];
  }
  p.cores = next;
}

// A partition judged exactly: the fan-out entries of every atom (a neuron needs one per
// distinct core its targets are on; the atoms' input lists are the transpose of the
// fan-out), and the expected spikes per step that leave their core.
struct Exact {
  std::vector<uint64_t> atom_fanout;
  double inter_core_spikes = 0.0;
  bool fanout_fits = true;
};

Exact judge(const AtomNetwork& net, const Partition& p, const targets::Target& target) {
  std::vector<std::vector<uint32_t>> atoms_of_core(p.cores);
  for (uint32_t a = 0; a < net.atoms.size(); ++a) atoms_of_core[p.core_of_atom[a]].push_back(a);
  const uint32_t population_ids = net.population_first_id.back() + net.atoms.back().first + net.atoms.back().size;
  // Home core and rate of every presynaptic neuron.
  std::vector<uint32_t> home(population_ids);
  std::vector<double> rate(population_ids);
  for (uint32_t a = 0; a < net.atoms.size(); ++a) {
    const Atom& atom = net.atoms[a];
    const uint32_t first = net.population_first_id[atom.population];
    for (uint32_t n = atom.first; n < atom.first + atom.size; ++n) {
      home[first + n] = p.core_of_atom[a];
      rate[first + n] = net.population_rates[atom.population][n];
    }
  }
  std::vector<uint32_t> cores_reached(population_ids, 0), last_core(population_ids, UINT32_MAX);
  Exact e;
  for (uint32_t c = 0; c < p.cores; ++c)
    for (uint32_t a : atoms_of_core[c])
      for (uint32_t id : net.atom_inputs[a])
        if (id < population_ids && last_core[id] != c) {
          last_core[id] = c;
          ++cores_reached[id];
          if (home[id] != c) e.inter_core_spikes += rate[id];
        }
  e.atom_fanout.assign(net.atoms.size(), 0);
  std::vector<uint64_t> per_core(p.cores, 0);
  for (uint32_t a = 0; a < net.atoms.size(); ++a) {
    const uint32_t first = net.population_first_id[net.atoms[a].population];
    for (uint32_t n = net.atoms[a].first; n < net.atoms[a].first + net.atoms[a].size; ++n)
      e.atom_fanout[a] += cores_reached[first + n];
    per_core[p.core_of_atom[a]] += e.atom_fanout[a];
  }
  for (uint64_t f : per_core) e.fanout_fits = e.fanout_fits && f <= target.core.fanout_entries;
  return e;
}

}  // namespace

Partition partition(const AtomNetwork& net, const targets::Target& target, const PartitionOptions& options) {
  // The atoms' fan-out starts as an estimate. When the exact count of a partition
  // overflows a core, every atom takes its exact fan-out under that partition (with a
  // margin) as its new estimate, and the cores are filled again.
  std::vector<uint64_t> fanout(net.atoms.size());
  for (uint32_t a = 0; a < net.atoms.size(); ++a) fanout[a] = net.atoms[a].fanout_entries;
  // Two seeds, each refined: the heaviest-edge traversal, and network order (often near
  // optimal already for layered, locally connected networks); the lower cut wins.
  std::vector<uint32_t> network_order(net.atoms.size());
  for (uint32_t a = 0; a < network_order.size(); ++a) network_order[a] = a;
  const std::vector<std::vector<uint32_t>> orders = {traversal_order(net), network_order};
  // Without the atoms' inputs (huge networks) the graph's cut is the only measure.
  const bool exact = !net.atom_inputs.empty();
  Partition best;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<Partition> candidates;
    uint32_t fewest = UINT32_MAX;
    for (const auto& order : orders) {
      std::vector<CoreLoad> loads;
      Partition filled = fill(net, target, order, loads, fanout);
      fewest = std::min(fewest, filled.cores);
      if (filled.cores > target.core_count()) continue;
      Partition refined = filled;
      refine(net, target, refined, loads, options.refinement_passes, fanout);
      candidates.push_back(std::move(filled));
      candidates.push_back(std::move(refined));
    }
    if (candidates.empty()) {
      if (!best.core_of_atom.empty()) return best;  // encode names the core that overflows
      require_cores(fewest, target);
    }
    // The lowest exact inter-core traffic among the candidates whose fan-out fits.
    double best_spikes = 0.0;
    bool found = false;
    std::vector<uint64_t> worst_fanout(net.atoms.size(), 0);
    for (Partition& c : candidates) {
      if (!exact) {
        const double cut = cut_traffic(net, c);
        if (!found || cut < best_spikes) best = c, best_spikes = cut, found = true;
        continue;
      }
      const Exact e = judge(net, c, target);
      for (uint32_t a = 0; a < net.atoms.size(); ++a) worst_fanout[a] = std::max(worst_fanout[a], e.atom_fanout[a]);
      if (e.fanout_fits && (!found || e.inter_core_spikes < best_spikes)) {
        best = c;
        best_spikes = e.inter_core_spikes;
        found = true;
      }
    }
    if (found) return best;
    if (best.core_of_atom.empty()) best = candidates.front();
    // No candidate's fan-out fits: estimate each atom's from what was seen, and refill.
    for (uint32_t a = 0; a < net.atoms.size(); ++a) fanout[a] = std::max(fanout[a], worst_fanout[a] + worst_fanout[a] / 20);
  }
  return best;
}

Partition baseline_partition(const AtomNetwork& net, const targets::Target& target) {
  std::vector<uint32_t> order(net.atoms.size());
  std::vector<uint64_t> fanout(net.atoms.size());
  for (uint32_t a = 0; a < order.size(); ++a) {
    order[a] = a;  // atoms are in population order
    fanout[a] = net.atoms[a].fanout_entries;
  }
  std::vector<CoreLoad> loads;
  Partition p = fill(net, target, order, loads, fanout);
  require_cores(p.cores, target);
  return p;
}

double cut_traffic(const AtomNetwork& net, const Partition& p) {
  const auto weight = boost::get(boost::edge_weight, net.graph);
  double cut = 0.0;
  for (auto [e, end] = boost::edges(net.graph); e != end; ++e)
    if (p.core_of_atom[boost::source(*e, net.graph)] != p.core_of_atom[boost::target(*e, net.graph)]) cut += weight[*e];
  return cut;
}

}  // namespace axomesh::mapper
