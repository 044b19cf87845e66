#include "mapper/encode_dynamics.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "model/base/diagnostic.hpp"

namespace axomesh::mapper {

void refuse_adaptive_population(const model::Network& net, std::size_t p, const targets::Target& target,
                                const std::string& capacity_name, uint64_t amount, uint64_t capacity) {
  const model::Population& pop = net.populations[p];
  throw model::InputError({{"MAP-0006", "/populations/" + std::to_string(p) + "/adaptive_threshold",
                            "population \"" + pop.name + "\" has an adaptive threshold, so its " +
                                std::to_string(pop.size) + " neurons must sit on one core (the rate needs all their "
                                "spikes); they need " + std::to_string(amount) + " " + capacity_name + ", a core of " +
                                target.name + " has " + std::to_string(capacity) + " (over by " +
                                std::to_string(amount - capacity) + ")"}});
}

uint32_t whole_population_atom(const model::Network& net, const targets::Target& target, std::size_t p) {
  const model::Population& pop = net.populations[p];
  // What the population alone needs on a core, counted as encode counts it: a synapse per
  // synapse, an input axon per presynaptic neuron and depressing projection.
  uint64_t synapses = 0;
  std::set<std::tuple<std::string, uint32_t, int64_t>> inputs;
  for (std::size_t k = 0; k < net.projections.size(); ++k) {
    const model::Projection& proj = net.projections[k];
    if (proj.post != pop.name) continue;
    const uint32_t pre_size = *net.size_of(proj.pre);
    const int64_t axon_kind = proj.short_term_depression ? static_cast<int64_t>(k) : -1;
    for (std::size_t i = 0; i < proj.weights.size(); ++i) {
      ++synapses;
      const uint32_t pre = proj.kind == model::ProjectionKind::Dense ? static_cast<uint32_t>(i % pre_size) : proj.pre_index[i];
      inputs.emplace(proj.pre, pre, axon_kind);
    }
  }
  const uint64_t bits = synapses * static_cast<uint64_t>(target.synapse.bits_per_synapse()) +
                        inputs.size() * static_cast<uint64_t>(target.synapse.axon_header_bits);
  auto refuse = [&](const std::string& need, uint64_t amount, uint64_t capacity) {
    refuse_adaptive_population(net, p, target, need, amount, capacity);
  };
  if (pop.size > target.core.neurons) refuse("neurons", pop.size, target.core.neurons);
  if (inputs.size() > target.core.input_axons) refuse("input axons", inputs.size(), target.core.input_axons);
  if (bits > target.core.synapse_memory_bits) refuse("synapse memory bits", bits, target.core.synapse_memory_bits);
  return pop.size;
}

void encode_adaptive_groups(const model::Network& net, model::ChipImage& image) {
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const model::Population& pop = net.populations[p];
    if (!pop.adaptive_threshold) continue;
    const auto& addresses = image.population_addresses[p];
    std::set<uint32_t> cores;
    for (const model::NeuronAddress& a : addresses) cores.insert(a.core);
    if (cores.size() > 1) {
      std::string list;
      for (uint32_t c : cores) list += (list.empty() ? "" : ", ") + std::to_string(c);
      throw model::InputError({{"MAP-0303", "/populations/" + std::to_string(p) + "/adaptive_threshold",
                                "population \"" + pop.name + "\" has an adaptive threshold, so its " +
                                    std::to_string(pop.size) +
                                    " neurons must sit on one core (the rate needs all their spikes); the mapping "
                                    "places them on cores " + list}});
    }
    // encode appends a population's neurons to a core in network order, one after another.
    model::CoreImage& core = image.cores[addresses[0].core];
    core.adaptive.push_back({addresses[0].neuron, pop.size, *pop.adaptive_threshold});
  }
}

void set_axon_depression(model::CoreImage& core, uint32_t axon, const model::DepressionParams& params) {
  model::DepressionParams none;
  none.utilization = 0;
  if (core.axon_depression.size() <= axon) core.axon_depression.resize(std::size_t{axon} + 1, none);
  core.axon_depression[axon] = params;
}

void complete_axon_depression(model::ChipImage& image) {
  model::DepressionParams none;
  none.utilization = 0;
  for (model::CoreImage& core : image.cores)
    if (!core.axon_depression.empty()) core.axon_depression.resize(core.axons.size(), none);
}

}  // namespace axomesh::mapper
