// encode: the ChipImage of a mapped network -- every core's neuron memory, input axons
// with their synapse lists, and fan-out tables, plus the stimulus fan-out -- and the
// exact use of every capacity. Throws model::InputError (MAP-0201..0204) naming the core,
// the capacity, the need and the excess when a core overflows.
#pragma once

#include <cstdint>
#include <vector>

#include "mapper/atom_graph.hpp"
#include "mapper/partition.hpp"
#include "mapper/place.hpp"
#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::mapper {

struct CoreUsage {
  uint64_t neurons = 0, input_axons = 0, synapses = 0, synapse_bits = 0, fanout_entries = 0;
};

model::ChipGeometry geometry_of(const targets::Target& target);

model::ChipImage encode(const model::Network& network, const AtomNetwork& atoms, const Partition& partition,
                        const Placement& placement, const targets::Target& target);

// The same from an explicit physical core for every neuron (core_of_neuron[population][i]);
// each core holds its neurons in network order. encode() above is this with the cores its
// atoms were placed on.
model::ChipImage encode_assignment(const model::Network& network, const std::vector<std::vector<uint32_t>>& core_of_neuron,
                                   const targets::Target& target);

// What each core of an image uses, counted from the image itself.
std::vector<CoreUsage> core_usage(const model::ChipImage& image, const targets::Target& target);

// Throws when a core's usage exceeds the target's capacity.
void check_capacity(const std::vector<CoreUsage>& usage, const targets::Target& target);

}  // namespace axomesh::mapper
