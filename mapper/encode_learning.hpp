// encode_learning: the learning part of every core's image (model/chip/learning_image.hpp) --
// for each plastic projection, the rule entry on each core its synapses reach, the pre
// trace of each input axon that carries one of its presynaptic neurons, and each plastic
// synapse's place in the core's synapse memory.
#pragma once

#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"

namespace axomesh::mapper {

// Runs after encode has written the axons, synapse lists and fan-out tables. It finds
// each plastic synapse where encode put it: a presynaptic neuron's synapses on a core
// share the core's first axon of that neuron, in projection order, then row order. Throws
// std::logic_error (an internal error) if the image does not hold a synapse where that order says.
void encode_learning(const model::Network& network, model::ChipImage& image);

}  // namespace axomesh::mapper
