// encode, for truenorth cores: a core's neurons (TrueNorth parameters, V init and the LFSR
// state of the block the core holds) and its crossbar -- one input axon per presynaptic
// neuron, axon type and delay, whose synapse list holds the neurons its row reaches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"

namespace axomesh::mapper {

// Appends neuron n of truenorth population `pop` to `core`, which becomes a truenorth
// core. Throws model::InputError (MAP-0310) when the core holds loihi_lif neurons.
void place_truenorth_neuron(model::CoreImage& core, uint32_t core_index, const model::Population& pop,
                            uint32_t population_index, uint32_t n);

// The input axons, on truenorth cores, of every neuron of presynaptic group `pre` (a
// population or a source), created on those cores; returns each neuron's destinations.
std::vector<std::vector<model::Destination>> connect_truenorth(const model::Network& net, const std::string& pre,
                                                               uint32_t pre_size, model::ChipImage& image);

// Every LFSR draw of a population block on one core, and no core drawing for two blocks:
// so each core's LFSR is its block's generator (MAP-0311 otherwise). Sets each truenorth
// core's LFSR state.
void seed_truenorth_cores(const model::Network& net, model::ChipImage& image);

}  // namespace axomesh::mapper
