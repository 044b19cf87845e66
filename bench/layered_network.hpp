// A Loihi-2-scale layered network for the mapping benchmark: `layers` layers of `width`
// neurons, each neuron with `local` synapses from a window of the layer below (centred on
// its own position) and `long_range` from the hub neurons (every `hub_stride`-th) of the
// layer two below; layer 0 listens to a Bernoulli input of `width` sources the same way.
#pragma once

#include <cstdint>

#include "model/network/network.hpp"

namespace axomesh::bench {

struct LayeredShape {
  uint32_t layers = 10;
  uint32_t width = 100000;
  uint32_t local = 80;
  uint32_t long_range = 20;
  uint32_t hub_stride = 25;
};

model::Network layered_network(const LayeredShape& shape, uint64_t seed);

}  // namespace axomesh::bench
