// encode, for the options whose state spans several neurons: adaptive-threshold groups
// (a population's rate needs all its spikes, so it sits whole on one core) and the
// per-axon short-term depression of depressing projections (an axon carries one
// presynaptic neuron of one projection, whose synapses share one depression state).
#pragma once

#include <cstdint>
#include <string>

#include "mapper/atom_graph.hpp"
#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::mapper {

// For legalize: the atom of an adaptive loihi_lif population is the whole population, which
// must fit one core on its own (MAP-0006). Returns the population's size. (truenorth_layout
// keeps adaptive truenorth populations whole in the same way.)
uint32_t whole_population_atom(const model::Network& network, const targets::Target& target, std::size_t population);

// MAP-0006: adaptive population `population` needs `amount` of `capacity_name` on its one
// core, which has `capacity`.
[[noreturn]] void refuse_adaptive_population(const model::Network& network, std::size_t population,
                                             const targets::Target& target, const std::string& capacity_name,
                                             uint64_t amount, uint64_t capacity);

// Adds an AdaptiveGroup to the core of every adaptive population; throws model::InputError
// (MAP-0303) naming the population and its cores when it is not whole on one core.
void encode_adaptive_groups(const model::Network& network, model::ChipImage& image);

// Marks input axon `axon` of `core` as depressing with `params`.
void set_axon_depression(model::CoreImage& core, uint32_t axon, const model::DepressionParams& params);

// Gives every core with a depressing axon one entry per axon (utilization 0: static).
void complete_axon_depression(model::ChipImage& image);

}  // namespace axomesh::mapper
