// legalize: checks a network against a target (neuron models, weight bits, delays, a
// neuron's needs against one core) and cuts it into atoms -- slices of populations no
// larger than a core -- with the graph the partitioner works on. Errors (MAP-00xx) name
// the population, the capacity, the need and the excess.
#pragma once

#include "mapper/atom_graph.hpp"
#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::mapper {

struct LegalizeOptions {
  uint64_t profile_steps = 200;  // NetworkSim steps to estimate spike rates (fewer for
                                 // networks of over 10M synapses: 2e9 synapse-steps at most)
  uint32_t max_atoms = 32768;    // atoms are made coarser beyond this
  uint64_t max_exact_inputs = 150'000'000;  // atom-input entries kept for exact axon counts
};

AtomNetwork legalize(const model::Network& network, const targets::Target& target, const LegalizeOptions& options = {});

// Spikes per step of every neuron (by population) and source, from a profiling run.
void estimate_rates(const model::Network& network, uint64_t steps, std::vector<std::vector<double>>& population_rates,
                    std::vector<std::vector<double>>& source_rates);

}  // namespace axomesh::mapper
