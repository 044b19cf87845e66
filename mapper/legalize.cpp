#include "mapper/legalize.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "mapper/encode_dynamics.hpp"
#include "mapper/truenorth_layout.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "model/network/network_validate.hpp"
#include "model/sim/spike_source_generator.hpp"

namespace axomesh::mapper {
namespace {

constexpr std::size_t kMaxNeighbours = 64;  // strongest atom edges kept per atom

[[noreturn]] void fail(const char* id, const std::string& path, const std::string& message) {
  throw model::InputError({{id, path, message}});
}

void check_against_target(const model::Network& net, const targets::Target& target) {
  bool any_lif = false;
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const model::Population& pop = net.populations[p];
    const std::string model_name = model::to_string(pop.model);
    const std::string path = "/populations/" + std::to_string(p) + "/model";
    if (!target.supports(model_name))
      fail("MAP-0001", path,
           "target " + target.name + " has no " + model_name + " neurons; population \"" + pop.name + "\" needs them");
    if (pop.model == model::NeuronModel::LoihiLif) any_lif = true;
  }
  if (target.state_bits < model::loihi::kStateBits && any_lif)
    fail("MAP-0002", "", "target " + target.name + " holds " + std::to_string(target.state_bits) +
                             "-bit neuron state; loihi_lif needs 24-bit u and v");
  for (std::size_t k = 0; k < net.projections.size(); ++k) {
    const model::Projection& p = net.projections[k];
    const std::string path = "/projections/" + std::to_string(k);
    if (p.num_weight_bits > target.max_weight_bits)
      fail("MAP-0003", path + "/num_weight_bits",
           "expected at most " + std::to_string(target.max_weight_bits) + " (target " + target.name + "), found " +
               std::to_string(p.num_weight_bits));
    const uint32_t delay = p.delays.empty() ? p.delay : *std::max_element(p.delays.begin(), p.delays.end());
    if (delay > static_cast<uint32_t>(target.max_delay))
      fail("MAP-0004", path + (p.delays.empty() ? "/delay" : "/delays"),
           "expected delays of at most " + std::to_string(target.max_delay) + " (target " + target.name +
               "), found " + std::to_string(delay));
  }
}

// For every presynaptic group, its synapses as rows by presynaptic neuron: the post atom
// of each synapse (CSR).
struct Rows {
  std::vector<uint64_t> begin;
  std::vector<uint32_t> post_atom;
};

Rows rows_from(const model::Network& net, const std::string& pre, uint32_t pre_size, const AtomNetwork& an) {
  Rows rows;
  rows.begin.assign(std::size_t{pre_size} + 1, 0);
  for (const model::Projection& p : net.projections) {
    if (p.pre != pre) continue;
    if (p.kind == model::ProjectionKind::Dense) {
      const uint32_t post_size = static_cast<uint32_t>(p.weights.size() / pre_size);
      for (uint32_t i = 0; i < pre_size; ++i) rows.begin[i + 1] += post_size;
    } else {
      for (uint32_t i : p.pre_index) ++rows.begin[i + 1];
    }
  }
  std::partial_sum(rows.begin.begin(), rows.begin.end(), rows.begin.begin());
  rows.post_atom.resize(rows.begin.back());
  std::vector<uint64_t> fill(rows.begin.begin(), rows.begin.end() - 1);
  for (const model::Projection& p : net.projections) {
    if (p.pre != pre) continue;
    const uint32_t post = static_cast<uint32_t>(*net.find_population(p.post));
    if (p.kind == model::ProjectionKind::Dense) {
      const uint32_t post_size = static_cast<uint32_t>(p.weights.size() / pre_size);
      for (uint32_t i = 0; i < pre_size; ++i)
        for (uint32_t j = 0; j < post_size; ++j) rows.post_atom[fill[i]++] = an.atom_of(post, j);
    } else {
      for (std::size_t k = 0; k < p.pre_index.size(); ++k) rows.post_atom[fill[p.pre_index[k]]++] = an.atom_of(post, p.post_index[k]);
    }
  }
  return rows;
}

// Atom size of a loihi_lif population: at most a core, and small enough that the busiest
// neurons of the population fit one core together; an adaptive population is kept whole.
uint32_t lif_atom_size(const model::Network& net, const targets::Target& target, uint32_t p,
                       const std::vector<uint32_t>& fan_in, uint64_t bits_per_synapse, uint32_t coarse) {
  const model::Population& pop = net.populations[p];
  const uint32_t worst = fan_in.empty() ? 0 : *std::max_element(fan_in.begin(), fan_in.end());
  const uint64_t one_neuron_bits = worst * bits_per_synapse;
  const std::string where = "/populations/" + std::to_string(p);
  if (one_neuron_bits > target.core.synapse_memory_bits)
    fail("MAP-0101", where, "a neuron of \"" + pop.name + "\" has " + std::to_string(worst) + " synapses (" +
                                std::to_string(one_neuron_bits) + " bits); a core of " + target.name + " holds " +
                                std::to_string(target.core.synapse_memory_bits) + " bits (over by " +
                                std::to_string(one_neuron_bits - target.core.synapse_memory_bits) + ")");
  if (worst > target.core.input_axons)
    fail("MAP-0102", where, "a neuron of \"" + pop.name + "\" can receive from " + std::to_string(worst) +
                                " presynaptic neurons; a core of " + target.name + " has " +
                                std::to_string(target.core.input_axons) + " input axons (over by " +
                                std::to_string(worst - target.core.input_axons) + ")");
  if (pop.adaptive_threshold) return whole_population_atom(net, target, p);
  uint64_t size = std::min<uint64_t>(target.core.neurons, std::max<uint32_t>(coarse, 1));
  if (worst > 0) {
    size = std::min<uint64_t>(size, target.core.synapse_memory_bits / one_neuron_bits);
    size = std::min<uint64_t>(size, target.core.input_axons / worst);
  }
  return static_cast<uint32_t>(std::max<uint64_t>(size, 1));
}

}  // namespace

void estimate_rates(const model::Network& network, uint64_t steps, std::vector<std::vector<double>>& population_rates,
                    std::vector<std::vector<double>>& source_rates) {
  population_rates.assign(network.populations.size(), {});
  for (std::size_t p = 0; p < network.populations.size(); ++p) population_rates[p].assign(network.populations[p].size, 0.0);
  source_rates.assign(network.sources.size(), {});
  for (std::size_t s = 0; s < network.sources.size(); ++s) {
    const model::SpikeSource& src = network.sources[s];
    source_rates[s].assign(src.size, model::spike_probability(src));
    if (src.kind == model::SourceKind::Raster) {
      uint64_t horizon = 1;
      for (const auto& times : src.spike_times)
        if (!times.empty()) horizon = std::max<uint64_t>(horizon, times.back() + 1);
      for (uint32_t i = 0; i < src.size; ++i)
        source_rates[s][i] = static_cast<double>(src.spike_times[i].size()) / static_cast<double>(horizon);
    }
  }
  if (steps == 0 || network.populations.empty()) return;
  model::NetworkSim sim(network);
  for (uint64_t t = 0; t < steps; ++t) {
    sim.step();
    for (std::size_t p = 0; p < network.populations.size(); ++p)
      for (uint32_t n : sim.spiked(p)) population_rates[p][n] += 1.0;
  }
  for (auto& rates : population_rates)
    for (double& r : rates) r /= static_cast<double>(steps);
}

AtomNetwork legalize(const model::Network& input, const targets::Target& target, const LegalizeOptions& options) {
  model::require_valid(input);
  check_against_target(input, target);
  AtomNetwork an;
  // Truenorth populations: a core per atom, splitter neurons where needed.
  TrueNorthLayout layout = truenorth_layout(input, target);
  if (layout.split) an.split_network = std::make_shared<const model::Network>(std::move(layout.network));
  const model::Network& net = an.split_network ? *an.split_network : input;
  const uint64_t steps = std::max<uint64_t>(
      std::min<uint64_t>(options.profile_steps, 2'000'000'000ULL / std::max<uint64_t>(net.synapse_count(), 1)), 20);
  estimate_rates(net, steps, an.population_rates, an.source_rates);

  // Fan-in of every neuron bounds what one neuron needs on its own.
  std::vector<std::vector<uint32_t>> fan_in(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) fan_in[p].assign(net.populations[p].size, 0);
  for (const model::Projection& proj : net.projections) {
    const std::size_t post = *net.find_population(proj.post);
    const uint32_t pre_size = *net.size_of(proj.pre);
    for (std::size_t k = 0; k < proj.weights.size(); ++k)
      ++fan_in[post][proj.kind == model::ProjectionKind::Dense ? k / pre_size : proj.post_index[k]];
  }
  const uint64_t bits = static_cast<uint64_t>(target.synapse.bits_per_synapse());
  const uint64_t header = static_cast<uint64_t>(target.synapse.axon_header_bits);
  const uint64_t total_neurons = std::max<uint64_t>(net.neuron_count(), 1);
  const uint32_t coarse = static_cast<uint32_t>((total_neurons + options.max_atoms - 1) / options.max_atoms);

  // Atoms: runs of neurons of one population that the partitioner places as a unit.
  an.atom_begin.resize(net.populations.size());
  an.atom_size.resize(net.populations.size());
  for (uint32_t p = 0; p < net.populations.size(); ++p) {
    const uint32_t pop_size = net.populations[p].size;
    const bool truenorth_layout_atoms = layout.atom_size[p] > 0;  // sized and checked by truenorth_layout()
    an.atom_size[p] = truenorth_layout_atoms ? layout.atom_size[p]
                                             : lif_atom_size(net, target, p, fan_in[p], bits + header, coarse);
    an.atom_begin[p] = static_cast<uint32_t>(an.atoms.size());
    for (uint32_t first = 0; first < pop_size; first += an.atom_size[p]) {
      Atom a;
      a.population = p;
      a.first = first;
      a.size = std::min(an.atom_size[p], pop_size - first);
      a.alone = truenorth_layout_atoms;
      for (uint32_t n = first; n < first + a.size; ++n) {
        a.synapses += fan_in[p][n];
        a.out_rate += an.population_rates[p][n];
      }
      an.atoms.push_back(a);
    }
  }

  // Edges and the axon and fan-out bounds, one presynaptic group at a time.
  std::unordered_map<uint64_t, double> weights;  // (min atom, max atom) -> spikes per step
  std::vector<double> scratch(an.atoms.size(), 0.0);
  std::vector<uint32_t> touched;
  auto flush = [&](uint32_t from) {
    if (touched.size() > kMaxNeighbours) {
      std::nth_element(touched.begin(), touched.begin() + kMaxNeighbours, touched.end(),
                       [&](uint32_t a, uint32_t b) { return scratch[a] > scratch[b]; });
      for (std::size_t k = kMaxNeighbours; k < touched.size(); ++k) scratch[touched[k]] = 0.0;
      touched.resize(kMaxNeighbours);
    }
    for (uint32_t to : touched) {
      if (to != from && scratch[to] > 0.0)
        weights[uint64_t{std::min(from, to)} * an.atoms.size() + std::max(from, to)] += scratch[to];
      scratch[to] = 0.0;
    }
    touched.clear();
  };
  uint64_t input_entries = 0;
  for (const Atom& a : an.atoms) input_entries += a.synapses;  // distinct inputs are at most this
  const bool exact_inputs = input_entries <= options.max_exact_inputs;
  if (exact_inputs) an.atom_inputs.resize(an.atoms.size());
  uint32_t next_id = 0;  // presynaptic ids in visiting order
  auto visit_group = [&](const std::string& name, uint32_t size, const std::vector<double>& rates, bool on_chip,
                         uint32_t population) {
    const Rows rows = rows_from(net, name, size, an);
    const uint32_t first_id = next_id;
    next_id += size;
    std::vector<uint32_t> distinct;
    uint32_t current_atom = UINT32_MAX;
    for (uint32_t i = 0; i < size; ++i) {
      distinct.assign(rows.post_atom.begin() + static_cast<std::ptrdiff_t>(rows.begin[i]),
                      rows.post_atom.begin() + static_cast<std::ptrdiff_t>(rows.begin[i + 1]));
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      for (uint32_t a : distinct) {
        ++an.atoms[a].input_axons;
        if (exact_inputs) an.atom_inputs[a].push_back(first_id + i);
      }
      if (!on_chip) continue;
      const uint32_t atom = an.atom_of(population, i);
      if (atom != current_atom) {
        if (current_atom != UINT32_MAX) flush(current_atom);
        current_atom = atom;
      }
      // Atoms fill cores in order, so k target atoms lie on about k * atom / core + 1
      // cores (never more than k).
      const uint64_t spread = distinct.size() * an.atom_size[population] / target.core.neurons + 1;
      an.atoms[atom].fanout_entries += std::min<uint64_t>(distinct.size(), spread);
      for (uint32_t a : distinct) {
        if (scratch[a] == 0.0) touched.push_back(a);
        scratch[a] += std::max(rates[i], 1e-6);  // silent neurons still tie atoms together a little
      }
    }
    if (current_atom != UINT32_MAX) flush(current_atom);
  };
  for (uint32_t p = 0; p < net.populations.size(); ++p) {
    an.population_first_id.push_back(next_id);
    visit_group(net.populations[p].name, net.populations[p].size, an.population_rates[p], true, p);
  }
  for (uint32_t s = 0; s < net.sources.size(); ++s)
    visit_group(net.sources[s].name, net.sources[s].size, an.source_rates[s], false, 0);

  an.graph = AtomGraph(an.atoms.size());
  for (const auto& [key, w] : weights)
    boost::add_edge(static_cast<std::size_t>(key / an.atoms.size()), static_cast<std::size_t>(key % an.atoms.size()), w,
                    an.graph);
  return an;
}

}  // namespace axomesh::mapper
