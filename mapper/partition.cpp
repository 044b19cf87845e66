#include "mapper/partition.hpp"

#include <algorithm>
#include <queue>
#include <unordered_map>

#include "model/diagnostic.hpp"

namespace spikeforge::mapper {
namespace {

// What a core holds, against what it can hold. Neurons and synapses add up exactly;
// input axons are counted exactly (by the distinct presynaptic ids of the core's atoms)
// when the atoms carry their inputs, else bounded by the atoms' sums; fan-out entries are
// bounded by the atoms' sums (they depend on where the targets go).
struct CoreLoad {
  uint64_t neurons = 0, synapses = 0, input_axons = 0, fanout_entries = 0;
  std::unordered_map<uint32_t, uint32_t> inputs;  // presynaptic id -> atoms of the core using it
};

class Capacity {
 public:
  Capacity(const AtomNetwork& net, const targets::Target& t)
      : net_(net),
        core_(t.core),
        bits_(static_cast<uint64_t>(t.synapse.bits_per_synapse())),
        header_(static_cast<uint64_t>(t.synapse.axon_header_bits)) {}

  bool fits(const CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    const uint64_t axons = core.input_axons + new_inputs(core, atom);
    return core.neurons + a.size <= core_.neurons && axons <= core_.input_axons &&
           (core.synapses + a.synapses) * bits_ + axons * header_ <= core_.synapse_memory_bits &&
           core.fanout_entries + a.fanout_entries <= core_.fanout_entries;
  }
  void add(CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    core.input_axons += new_inputs(core, atom);
    if (exact()) for (uint32_t id : net_.atom_inputs[atom]) ++core.inputs[id];
    core.neurons += a.size;
    core.synapses += a.synapses;
    core.fanout_entries += a.fanout_entries;
  }
  void remove(CoreLoad& core, uint32_t atom) const {
    const Atom& a = net_.atoms[atom];
    if (exact()) {
      for (uint32_t id : net_.atom_inputs[atom]) {
        auto it = core.inputs.find(id);
        if (--it->second == 0) {
          core.inputs.erase(it);
          --core.input_axons;
        }
      }
    } else {
      core.input_axons -= a.input_axons;
    }
    core.neurons -= a.size;
    core.synapses -= a.synapses;
    core.fanout_entries -= a.fanout_entries;
  }

 private:
  bool exact() const { return !net_.atom_inputs.empty(); }
  uint64_t new_inputs(const CoreLoad& core, uint32_t atom) const {
    if (!exact()) return net_.atoms[atom].input_axons;
    uint64_t fresh = 0;
    for (uint32_t id : net_.atom_inputs[atom]) fresh += core.inputs.count(id) == 0 ? 1 : 0;
    return fresh;
  }

  const AtomNetwork& net_;
  targets::CoreCapacity core_;
  uint64_t bits_, header_;
};

// Cores in `order`, each filled until the next atom does not fit.
Partition fill(const AtomNetwork& net, const targets::Target& target, const std::vector<uint32_t>& order,
               std::vector<CoreLoad>& loads) {
  const Capacity capacity(net, target);
  Partition p;
  p.core_of_atom.assign(net.atoms.size(), 0);
  loads.clear();
  for (uint32_t a : order) {
    if (loads.empty() || !capacity.fits(loads.back(), a)) loads.emplace_back();
    capacity.add(loads.back(), a);
    p.core_of_atom[a] = static_cast<uint32_t>(loads.size() - 1);
  }
  p.cores = static_cast<uint32_t>(loads.size());
  if (p.cores > target.core_count())
    throw model::InputError({{"MAP-0103", "",
                              "the network needs " + std::to_string(p.cores) + " cores; target " + target.name + " has " +
                                  std::to_string(target.core_count()) + " (over by " +
                                  std::to_string(p.cores - target.core_count()) + ")"}});
  return p;
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
            int passes) {
  const Capacity capacity(net, target);
  const auto weight = boost::get(boost::edge_weight, net.graph);
  std::vector<double> link(p.cores, 0.0);
  std::vector<uint32_t> touched;
  for (int pass = 0; pass < passes; ++pass) {
    double gained = 0.0;
    for (uint32_t a = 0; a < net.atoms.size(); ++a) {
      const uint32_t from = p.core_of_atom[a];
      for (auto [e, end] = boost::out_edges(a, net.graph); e != end; ++e) {
        const uint32_t core = p.core_of_atom[boost::target(*e, net.graph)];
        if (link[core] == 0.0) touched.push_back(core);
        link[core] += weight[*e];
      }
      uint32_t best = from;
      double best_gain = 0.0;
      for (uint32_t core : touched) {
        const double gain = link[core] - link[from];
        if (core != from && gain > best_gain && capacity.fits(loads[core], a)) {
          best = core;
          best_gain = gain;
        }
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

}  // namespace

Partition partition(const AtomNetwork& net, const targets::Target& target, const PartitionOptions& options) {
  std::vector<CoreLoad> loads;
  Partition p = fill(net, target, traversal_order(net), loads);
  refine(net, target, p, loads, options.refinement_passes);
  return p;
}

Partition baseline_partition(const AtomNetwork& net, const targets::Target& target) {
  std::vector<uint32_t> order(net.atoms.size());
  for (uint32_t a = 0; a < order.size(); ++a) order[a] = a;  // atoms are in population order
  std::vector<CoreLoad> loads;
  return fill(net, target, order, loads);
}

double cut_traffic(const AtomNetwork& net, const Partition& p) {
  const auto weight = boost::get(boost::edge_weight, net.graph);
  double cut = 0.0;
  for (auto [e, end] = boost::edges(net.graph); e != end; ++e)
    if (p.core_of_atom[boost::source(*e, net.graph)] != p.core_of_atom[boost::target(*e, net.graph)]) cut += weight[*e];
  return cut;
}

}  // namespace spikeforge::mapper
