// The embedded demo: a soft winner-take-all. Four Poisson input channels of rising rate
// each drive a pool of 8 excitatory neurons through sparse synapses with delays; a pool
// of inhibitory neurons listens to all excitatory neurons and inhibits them all back, so
// the pool with the strongest input wins and the others fall nearly silent.
#pragma once

#include "model/network/network.hpp"

namespace axomesh::flows {

model::Network demo_network();

}  // namespace axomesh::flows
