// truenorth_layout: how truenorth populations sit on TrueNorth-class cores, decided before
// partitioning (docs/truenorth-mapping.md).
//
// - A core is one atom. A population that draws pseudo-random numbers keeps each aligned
//   256-neuron block whole on one core, in order, so the core's one LFSR makes exactly the
//   draws of the block's generator in NetworkSim. A deterministic population may use
//   smaller atoms (halved until every atom's input axons fit a core).
// - An input axon of a core is one (presynaptic neuron, axon type, delay): the crossbar
//   row of that neuron's spikes. Since every core is one known atom, the axons a neuron
//   reaches are known here, before placement.
// - On targets with one destination per neuron, a truenorth neuron that reaches several
//   axons gets a tree of splitter neurons: relays (deterministic, s_0 = 1 on type-0 axons,
//   threshold 1, reset to 0, no leak) that fire in the step they receive a spike and each
//   forward to one axon. A tree of L levels delays a spike by L steps, taken from the
//   synaptic delay of the edges it serves: the relays' own edges have delay 0 and the last
//   one d - L, so the original neurons spike exactly as in NetworkSim. Edges that need a
//   split must have delay >= L (MAP-0011 names the projection otherwise).
//
// Splitter populations (one per relay core) are appended after the network's own, with
// projections from their source populations and into the original targets.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::mapper {

struct TrueNorthLayout {
  // Neurons per atom (= per core) of every population of the mapped network; 0 for
  // loihi_lif populations, which legalize sizes.
  std::vector<uint32_t> atom_size;
  bool split = false;        // splitter populations were inserted: map `network`
  model::Network network;    // the input network plus its splitters, when split
  uint64_t splitter_neurons = 0;
  uint32_t splitter_levels = 0;  // the deepest tree
};

// Throws model::InputError: MAP-0010 (a 256-neuron block of a stochastic population needs
// more than a core), MAP-0102 (one neuron needs more input axons than a core has),
// MAP-0011 (a split edge's delay is shorter than its splitter tree).
TrueNorthLayout truenorth_layout(const model::Network& net, const targets::Target& target);

// Whether a neuron of the population makes pseudo-random draws.
bool draws_random(const model::Population& pop);

}  // namespace axomesh::mapper
