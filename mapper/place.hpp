// place: logical cores -> physical cores of the mesh, minimising the sum over core pairs
// of traffic x hop distance. Logical cores (in partition order, so neighbours in traffic
// are neighbours in number) are laid along a Hilbert curve over the tiles, then pairs of
// cores are swapped while that lowers the cost. The baseline places row-major.
#pragma once

#include <cstdint>
#include <vector>

#include "mapper/atom_graph.hpp"
#include "mapper/partition.hpp"
#include "model/chip/chip_image.hpp"

namespace axomesh::mapper {

// Expected spikes per step between logical cores (both directions), from the atom graph.
struct CoreTraffic {
  uint32_t cores = 0;
  std::vector<std::vector<std::pair<uint32_t, double>>> neighbours;  // per core
};

CoreTraffic core_traffic(const AtomNetwork& network, const Partition& partition);

struct Placement {
  std::vector<uint32_t> physical_core;  // of every logical core
};

Placement place(const CoreTraffic& traffic, const model::ChipGeometry& geometry, int refinement_passes = 6);
Placement baseline_place(uint32_t cores);

// Hops between the tiles of two physical cores (Manhattan distance on the mesh).
uint32_t hop_distance(const model::ChipGeometry& geometry, uint32_t core_a, uint32_t core_b);
// Sum over core pairs of traffic x hops.
double hop_weighted_traffic(const CoreTraffic& traffic, const Placement& placement, const model::ChipGeometry& geometry);

}  // namespace axomesh::mapper
