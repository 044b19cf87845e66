// map_network: legalize -> partition -> place -> route -> encode, and the figures of the
// result, measured on the image itself with the profiled spike rates: cores used,
// utilization of every capacity, inter-core spikes, hop-weighted traffic, link loads.
// The same for the baseline mapper, for comparison.
#pragma once

#include <string>
#include <vector>

#include "mapper/encode.hpp"
#include "mapper/legalize.hpp"
#include "mapper/route.hpp"

namespace axomesh::mapper {

enum class Strategy { Graph, Baseline };

struct MappingMetrics {
  std::string strategy;
  uint32_t cores_used = 0;
  double mean_utilization = 0.0;       // over used cores, of each core's fullest capacity
  double mean_neuron_utilization = 0.0;
  std::vector<CoreUsage> usage;        // per physical core
  double inter_core_spikes = 0.0;      // expected packets per step between different cores
  double hop_traffic = 0.0;            // expected hops per step (packets x hops)
  LinkLoads links;                     // expected packets per step on every link
  double seconds = 0.0;                // partition + place + route + encode
  uint64_t splitter_neurons = 0;       // truenorth relays legalize inserted (in cores_used)
  uint32_t splitter_cores = 0;         // cores holding them
};

struct MappingResult {
  model::ChipImage image;
  MappingMetrics metrics;
  // The stages' products, for printing them (flows/formats/mapper_json.hpp). Partition and
  // placement are empty for a given placement; routes include the splitters' packets.
  Partition partition;
  Placement placement;
  std::vector<CoreRoute> routes;
};

MappingResult map_network(const model::Network& network, const targets::Target& target, const AtomNetwork& atoms,
                          Strategy strategy);

// The given placement (strategy "given"): an explicit physical core for every neuron
// (core_of_neuron[population][i]), e.g. the mapping a network file fixes. It is encoded and
// checked against the target's capacities like any mapping; `population_rates` (spikes per
// step of every neuron, may be empty) only feed the traffic figures. A core_of_neuron that
// does not give every neuron one core of the target is a caller's error (std::logic_error).
MappingResult map_given(const model::Network& network, const targets::Target& target,
                        const std::vector<std::vector<uint32_t>>& core_of_neuron,
                        const std::vector<std::vector<double>>& population_rates = {});

// Drops the splitter populations (those after the network's own) from an image's population
// lists, counting their neurons and cores into the metrics; the relays stay on their cores.
void drop_splitter_populations(MappingResult& result, std::size_t network_populations);

// Figures of an image, given the spike rates of its neurons (spikes per step).
MappingMetrics measure(const model::ChipImage& image, const targets::Target& target,
                       const std::vector<std::vector<double>>& population_rates);

}  // namespace axomesh::mapper
