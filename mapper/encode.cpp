#include "mapper/encode.hpp"

#include <algorithm>
#include <stdexcept>

#include "mapper/encode_dynamics.hpp"
#include "mapper/encode_learning.hpp"
#include "mapper/encode_truenorth.hpp"
#include "model/base/diagnostic.hpp"
#include "model/network/network_validate.hpp"
#include "model/sim/synapse_rows.hpp"

namespace axomesh::mapper {
namespace {

struct Reach {  // one synapse of a presynaptic neuron, on the chip
  uint32_t core, neuron;
  int16_t weight;
  uint8_t delay;
  int32_t depression;  // the depressing projection's index, -1 for static synapses
};

// For each neuron of one presynaptic group, its synapses on the chip (all projections from
// the group), with weights exactly as NetworkSim adds them.
std::vector<std::vector<Reach>> reaches_of(const model::Network& net, const std::string& pre, uint32_t pre_size,
                                           const model::ChipImage& image) {
  std::vector<std::vector<Reach>> reach(pre_size);
  for (std::size_t index = 0; index < net.projections.size(); ++index) {
    const model::Projection& proj = net.projections[index];
    if (proj.pre != pre || proj.weights.empty()) continue;
    const int32_t depression = proj.short_term_depression ? static_cast<int32_t>(index) : -1;
    const std::size_t post = *net.find_population(proj.post);
    if (net.populations[post].model == model::NeuronModel::TrueNorth) continue;  // connect_truenorth()
    const model::SynapseRows rows = model::compile_synapse_rows(
        proj, pre_size, net.populations[post].size, model::accumulator_exponent(net, post));
    const auto& addresses = image.population_addresses[post];
    for (uint32_t i = 0; i < pre_size; ++i) {
      const uint64_t begin = rows.row_start(i);
      for (uint64_t k = begin; k < begin + rows.row_length(i); ++k) {
        const model::NeuronAddress& a = addresses[rows.target(k)];
        reach[i].push_back({a.core, a.neuron, rows.weight(k), static_cast<uint8_t>(rows.delay(k)), depression});
      }
    }
  }
  return reach;
}

// Gives neuron `reach` an input axon on every core it reaches (one per depressing
// projection besides, since an axon has one depression state); returns its destinations.
std::vector<model::Destination> connect(std::vector<Reach>& reach, model::ChipImage& image, const model::Network& net) {
  std::stable_sort(reach.begin(), reach.end(), [](const Reach& a, const Reach& b) {
    return a.core < b.core || (a.core == b.core && a.depression < b.depression);
  });
  std::vector<model::Destination> destinations;
  for (std::size_t k = 0; k < reach.size();) {
    model::CoreImage& core = image.cores[reach[k].core];
    model::AxonEntry axon{static_cast<uint32_t>(core.synapses.size()), 0};
    const uint32_t c = reach[k].core;
    const int32_t depression = reach[k].depression;
    for (; k < reach.size() && reach[k].core == c && reach[k].depression == depression; ++k) {
      core.synapses.push_back({reach[k].neuron, reach[k].weight, reach[k].delay});
      ++axon.count;
    }
    if (depression >= 0)
      set_axon_depression(core, static_cast<uint32_t>(core.axons.size()),
                          *net.projections[static_cast<std::size_t>(depression)].short_term_depression);
    destinations.push_back({c, static_cast<uint32_t>(core.axons.size())});
    core.axons.push_back(axon);
  }
  return destinations;
}

}  // namespace

model::ChipGeometry geometry_of(const targets::Target& t) { return {t.mesh_width, t.mesh_height, t.cores_per_tile}; }

model::ChipImage encode(const model::Network& net, const AtomNetwork& atoms, const Partition& partition,
                        const Placement& placement, const targets::Target& target) {
  // Atoms are contiguous slices in network order, so neurons reach their cores in network order.
  std::vector<std::vector<uint32_t>> core_of_neuron(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) core_of_neuron[p].resize(net.populations[p].size);
  for (uint32_t a = 0; a < atoms.atoms.size(); ++a) {
    const Atom& atom = atoms.atoms[a];
    const uint32_t core = placement.physical_core[partition.core_of_atom[a]];
    for (uint32_t n = atom.first; n < atom.first + atom.size; ++n) core_of_neuron[atom.population][n] = core;
  }
  return encode_assignment(net, core_of_neuron, target);
}

model::ChipImage encode_assignment(const model::Network& net, const std::vector<std::vector<uint32_t>>& core_of_neuron,
                                   const targets::Target& target) {
  model::ChipImage image;
  image.geometry = geometry_of(target);
  image.cores.resize(image.geometry.core_count());
  image.stimulus = net.sources;

  // Neurons: atoms in network order, appended to their physical core.
  image.population_names.resize(net.populations.size());
  image.population_addresses.resize(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    image.population_names[p] = net.populations[p].name;
    image.population_addresses[p].resize(net.populations[p].size);
  }
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const model::Population& pop = net.populations[p];
    const int32_t shift = -model::accumulator_exponent(net, p);
    // A placement of the wrong shape is the caller's mistake, not bad input: the mapper's own
    // placements fit the target, and a SANA-FE mapping is checked before it gets here
    // (SFE-0306: every neuron placed once; SFA-0301: a core of the architecture).
    if (core_of_neuron[p].size() != pop.size)
      throw std::logic_error("internal error: /populations/" + std::to_string(p) + ": the placement gives " +
                             std::to_string(core_of_neuron[p].size()) + " cores for the " + std::to_string(pop.size) +
                             " neurons of \"" + pop.name + "\"");
    for (uint32_t n = 0; n < pop.size; ++n) {
      const uint32_t core = core_of_neuron[p][n];
      if (core >= image.cores.size())
        throw std::logic_error("internal error: /populations/" + std::to_string(p) + ": neuron " + std::to_string(n) +
                               " of \"" + pop.name + "\" is placed on core " + std::to_string(core) + "; target " +
                               target.name + " has " + std::to_string(image.cores.size()) + " cores");
      model::CoreImage& ci = image.cores[core];
      const model::LoihiLifParams& lif = pop.lif;
      image.population_addresses[p][n] = {core, static_cast<uint32_t>(ci.neuron_count())};
      if (pop.model == model::NeuronModel::TrueNorth) {
        place_truenorth_neuron(ci, core, pop, static_cast<uint32_t>(p), n);
        continue;
      }
      if (ci.model == model::NeuronModel::TrueNorth)
        throw model::InputError({{"MAP-0310", "/populations/" + std::to_string(p),
                                  "neuron " + std::to_string(n) + " of loihi_lif population \"" + pop.name +
                                      "\" is placed on core " + std::to_string(core) +
                                      ", which holds truenorth neurons; a core runs one neuron model"}});
      ci.neurons.push_back({lif.du[n], lif.dv[n], lif.vth[n], lif.bias_mant[n], lif.bias_exp[n], lif.u_init[n],
                            lif.v_init[n], shift});
    }
  }

  // Axons, synapse lists and fan-out: population neurons, then sources.
  std::vector<std::vector<std::vector<model::Destination>>> neuron_fanout(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    auto reach = reaches_of(net, net.populations[p].name, net.populations[p].size, image);
    neuron_fanout[p].resize(reach.size());
    for (uint32_t i = 0; i < reach.size(); ++i) neuron_fanout[p][i] = connect(reach[i], image, net);
    const auto crossbar = connect_truenorth(net, net.populations[p].name, net.populations[p].size, image);
    for (uint32_t i = 0; i < reach.size(); ++i)
      neuron_fanout[p][i].insert(neuron_fanout[p][i].end(), crossbar[i].begin(), crossbar[i].end());
  }
  for (const model::SpikeSource& src : net.sources) {
    auto reach = reaches_of(net, src.name, src.size, image);
    const auto crossbar = connect_truenorth(net, src.name, src.size, image);  // sources feed axons directly
    model::FanoutTable table;
    for (uint32_t i = 0; i < reach.size(); ++i) {
      for (const model::Destination& d : connect(reach[i], image, net)) table.entries.push_back(d);
      table.entries.insert(table.entries.end(), crossbar[i].begin(), crossbar[i].end());
      table.begin.push_back(static_cast<uint32_t>(table.entries.size()));
    }
    image.stimulus_fanout.push_back(std::move(table));
  }
  complete_axon_depression(image);
  encode_adaptive_groups(net, image);
  // Fan-out tables in each core's neuron order.
  std::vector<std::vector<const std::vector<model::Destination>*>> by_core(image.cores.size());
  seed_truenorth_cores(net, image);
  for (uint32_t c = 0; c < image.cores.size(); ++c) by_core[c].resize(image.cores[c].neuron_count());
  for (std::size_t p = 0; p < net.populations.size(); ++p)
    for (uint32_t i = 0; i < net.populations[p].size; ++i) {
      const model::NeuronAddress& a = image.population_addresses[p][i];
      by_core[a.core][a.neuron] = &neuron_fanout[p][i];
    }
  for (uint32_t c = 0; c < image.cores.size(); ++c)
    for (const auto* destinations : by_core[c]) {
      auto& table = image.cores[c].fanout;
      table.entries.insert(table.entries.end(), destinations->begin(), destinations->end());
      table.begin.push_back(static_cast<uint32_t>(table.entries.size()));
    }
  if (target.one_destination_per_neuron)
    for (std::size_t p = 0; p < net.populations.size(); ++p)
      for (uint32_t i = 0; i < net.populations[p].size; ++i)
        if (neuron_fanout[p][i].size() > 1)
          throw model::InputError({{"MAP-0205", "/populations/" + std::to_string(p),
                                    "neuron " + std::to_string(i) + " of \"" + net.populations[p].name + "\" reaches " +
                                        std::to_string(neuron_fanout[p][i].size()) + " cores; a neuron of target " +
                                        target.name + " has one destination (legalize inserts splitter neurons "
                                        "for truenorth neurons only)"}});
  encode_learning(net, image);
  check_capacity(core_usage(image, target), target);
  return image;
}

std::vector<CoreUsage> core_usage(const model::ChipImage& image, const targets::Target& target) {
  std::vector<CoreUsage> usage(image.cores.size());
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const model::CoreImage& core = image.cores[c];
    CoreUsage& u = usage[c];
    u.neurons = core.neuron_count();
    u.input_axons = core.axons.size();
    u.synapses = core.synapses.size();
    u.synapse_bits = u.synapses * static_cast<uint64_t>(target.synapse.bits_per_synapse()) +
                     u.input_axons * static_cast<uint64_t>(target.synapse.axon_header_bits);
    // A truenorth core's synapses are its crossbar: one row as wide as the core per axon.
    if (core.model == model::NeuronModel::TrueNorth) u.synapse_bits = u.input_axons * uint64_t{target.core.neurons};
    u.fanout_entries = core.fanout.entries.size();
  }
  return usage;
}

void check_capacity(const std::vector<CoreUsage>& usage, const targets::Target& t) {
  for (uint32_t c = 0; c < usage.size(); ++c) {
    const CoreUsage& u = usage[c];
    auto check = [&](const char* id, const char* what, uint64_t need, uint64_t capacity) {
      if (need > capacity)
        throw model::InputError({{id, "core " + std::to_string(c),
                                  std::string(what) + ": needs " + std::to_string(need) + ", a core of " + t.name +
                                      " has " + std::to_string(capacity) + " (over by " +
                                      std::to_string(need - capacity) + ")"}});
    };
    check("MAP-0201", "neurons", u.neurons, t.core.neurons);
    check("MAP-0202", "input axons", u.input_axons, t.core.input_axons);
    check("MAP-0203", "synapse memory bits", u.synapse_bits, t.core.synapse_memory_bits);
    check("MAP-0204", "fan-out entries", u.fanout_entries, t.core.fanout_entries);
  }
}

}  // namespace axomesh::mapper
