// The mapper's view of a network: atoms (contiguous slices of a population, the unit the
// partitioner moves) in a Boost.Graph whose edge weights are expected spikes per step
// from one atom to another, with each atom's resource needs. Built by legalize().
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "model/network/network.hpp"

namespace axomesh::mapper {

struct Atom {
  uint32_t population = 0;
  uint32_t first = 0;  // first neuron of the slice
  uint32_t size = 0;
  // Resources the atom needs on a core. Input axons: an upper bound (a presynaptic neuron
  // shared with another atom of the same core needs one axon). Fan-out entries: an
  // estimate (they depend on where the targets go; encode counts them exactly).
  uint64_t synapses = 0;       // synapses onto its neurons
  uint64_t input_axons = 0;    // distinct presynaptic neurons and sources feeding it
  uint64_t fanout_entries = 0; // sum over its neurons of the cores they are expected to feed
  double out_rate = 0;         // expected spikes per step of all its neurons
  bool alone = false;          // truenorth: the atom is a core of its own (truenorth_layout.hpp)
};

// Undirected: weight = expected spikes per step between the two atoms, both directions.
using AtomGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;

struct AtomNetwork {
  std::vector<Atom> atoms;
  AtomGraph graph;
  // Atom of every neuron: first atom of population p is atom_begin[p]; neuron i of p is
  // in atom atom_begin[p] + i / atom_size[p].
  std::vector<uint32_t> atom_begin;
  std::vector<uint32_t> atom_size;
  // The distinct presynaptic ids (population neurons numbered across the network, then
  // sources) feeding each atom, for exact input-axon counts; empty when the network is
  // too large for it (the bound in Atom::input_axons is used then).
  std::vector<std::vector<uint32_t>> atom_inputs;
  // Presynaptic id of neuron i of population p: population_first_id[p] + i.
  std::vector<uint32_t> population_first_id;
  // Spikes per step of every neuron and source, from profiling or given rates.
  std::vector<std::vector<double>> population_rates;
  std::vector<std::vector<double>> source_rates;
  // The network the atoms describe when legalize inserted splitter neurons: the input
  // network's populations first, then the splitters'. Null when the input is mapped as is.
  std::shared_ptr<const model::Network> split_network;
  uint32_t atom_of(uint32_t population, uint32_t neuron) const {
    return atom_begin[population] + neuron / atom_size[population];
  }
};

}  // namespace axomesh::mapper
