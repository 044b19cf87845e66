// partition: atoms -> logical cores under every per-core capacity, minimising the spike
// traffic between cores. Atoms are ordered by a heaviest-edge-first traversal of the atom
// graph, filled into cores in that order, then refined with Fiduccia-Mattheyses-style
// passes that move an atom to the core it exchanges most spikes with whenever that
// lowers the cut and fits. The baseline fills cores with populations in network order.
// Truenorth atoms (Atom::alone) are cores of their own in both: never joined nor moved.
#pragma once

#include <cstdint>
#include <vector>

#include "mapper/atom_graph.hpp"
#include "targets/target.hpp"

namespace axomesh::mapper {

struct Partition {
  std::vector<uint32_t> core_of_atom;  // logical core of every atom
  uint32_t cores = 0;                  // logical cores used, numbered 0..cores-1
};

struct PartitionOptions {
  int refinement_passes = 8;
};

// Throws model::InputError (MAP-0103) when the network needs more cores than the target has.
Partition partition(const AtomNetwork& network, const targets::Target& target, const PartitionOptions& options = {});
Partition baseline_partition(const AtomNetwork& network, const targets::Target& target);

// Expected spikes per step between atoms on different cores (the quantity minimised).
double cut_traffic(const AtomNetwork& network, const Partition& partition);

}  // namespace axomesh::mapper
