#include "mapper/map_network.hpp"

#include <algorithm>
#include <chrono>

namespace axomesh::mapper {

MappingResult map_network(const model::Network& network, const targets::Target& target, const AtomNetwork& atoms,
                          Strategy strategy) {
  const auto start = std::chrono::steady_clock::now();
  const model::ChipGeometry geometry = geometry_of(target);
  Partition partition;
  Placement placement;
  if (strategy == Strategy::Graph) {
    partition = mapper::partition(atoms, target);
    placement = place(core_traffic(atoms, partition), geometry);
  } else {
    partition = baseline_partition(atoms, target);
    placement = baseline_place(partition.cores);
  }
  MappingResult result;
  const model::Network& mapped = atoms.split_network ? *atoms.split_network : network;
  result.image = encode(mapped, atoms, partition, placement, target);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.metrics = measure(result.image, target, atoms.population_rates);
  result.routes = core_routes(result.image, atoms.population_rates);  // before the splitters are dropped
  result.partition = std::move(partition);
  result.placement = std::move(placement);
  drop_splitter_populations(result, network.populations.size());
  result.metrics.strategy = strategy == Strategy::Graph ? "axomesh" : "baseline";
  result.metrics.seconds = seconds;
  return result;
}

void drop_splitter_populations(MappingResult& result, std::size_t network_populations) {
  model::ChipImage& image = result.image;
  std::vector<bool> core_seen(image.cores.size(), false);
  for (std::size_t p = network_populations; p < image.population_addresses.size(); ++p)
    for (const model::NeuronAddress& a : image.population_addresses[p]) {
      ++result.metrics.splitter_neurons;
      if (!core_seen[a.core]) ++result.metrics.splitter_cores;
      core_seen[a.core] = true;
    }
  image.population_names.resize(network_populations);
  image.population_addresses.resize(network_populations);
}

MappingResult map_given(const model::Network& network, const targets::Target& target,
                        const std::vector<std::vector<uint32_t>>& core_of_neuron,
                        const std::vector<std::vector<double>>& population_rates) {
  const auto start = std::chrono::steady_clock::now();
  MappingResult result;
  result.image = encode_assignment(network, core_of_neuron, target);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::vector<double>> rates = population_rates;
  if (rates.empty())
    for (const model::Population& pop : network.populations) rates.emplace_back(pop.size, 0.0);
  result.metrics = measure(result.image, target, rates);
  result.routes = core_routes(result.image, rates);
  result.metrics.strategy = "given";
  result.metrics.seconds = seconds;
  return result;
}

MappingMetrics measure(const model::ChipImage& image, const targets::Target& target,
                       const std::vector<std::vector<double>>& rates) {
  MappingMetrics m;
  m.usage = core_usage(image, target);
  const targets::CoreCapacity& cap = target.core;
  for (const CoreUsage& u : m.usage) {
    if (u.neurons == 0) continue;
    ++m.cores_used;
    const double fullest = std::max({double(u.neurons) / cap.neurons, double(u.input_axons) / cap.input_axons,
                                     double(u.synapse_bits) / double(cap.synapse_memory_bits),
                                     double(u.fanout_entries) / cap.fanout_entries});
    m.mean_utilization += fullest;
    m.mean_neuron_utilization += double(u.neurons) / cap.neurons;
  }
  if (m.cores_used > 0) {
    m.mean_utilization /= m.cores_used;
    m.mean_neuron_utilization /= m.cores_used;
  }
  const model::ChipGeometry& g = image.geometry;
  m.links = empty_link_loads(g);
  for (std::size_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const model::NeuronAddress& a = image.population_addresses[p][i];
      const model::FanoutTable& table = image.cores[a.core].fanout;
      const double rate = rates[p][i];
      for (uint32_t k = table.begin[a.neuron]; k < table.begin[a.neuron + 1]; ++k) {
        const uint32_t to = table.entries[k].core;
        if (to == a.core) continue;
        m.inter_core_spikes += rate;
        m.hop_traffic += rate * add_route(m.links, g, image.tile_of(a.core), image.tile_of(to), rate);
      }
    }
  find_max_link(m.links);
  return m;
}

}  // namespace axomesh::mapper
