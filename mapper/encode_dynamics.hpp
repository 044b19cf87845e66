// encode, for the options whose state spans several neurons: adaptive-threshold groups
// (a population's rate needs all its spikes, so it sits whole on one core) and the
// per-axon short-term depression of depressing projections (an axon carries one
// presynaptic neuron of one projection, whose synapses share one depression state).
#pragma once

#include <cstdint>

#include "mapper/atom_graph.hpp"
#include "model/chip_image.hpp"
#include "model/network.hpp"
#include "targets/target.hpp"

namespace spikeforge::mapper {

// For legalize: the atom of an adaptive population is the whole population, which must be
// loihi_lif (MAP-0007: the chip's truenorth cores have no adaptation; NetworkSim simulates
// it) and fit one core on its own (MAP-0006 names the population, the capacity, the need
// and the excess). Returns the population's size.
uint32_t whole_population_atom(const model::Network& network, const targets::Target& target, std::size_t population);

// Adds an AdaptiveGroup to the core of every adaptive population; throws model::InputError
// (MAP-0303) naming the population and its cores when it is not whole on one core.
void encode_adaptive_groups(const model::Network& network, model::ChipImage& image);

// Marks input axon `axon` of `core` as depressing with `params`.
void set_axon_depression(model::CoreImage& core, uint32_t axon, const model::DepressionParams& params);

// Gives every core with a depressing axon one entry per axon (utilization 0: static).
void complete_axon_depression(model::ChipImage& image);

}  // namespace spikeforge::mapper
