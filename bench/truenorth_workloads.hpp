// The Brian2 workloads (lif-sparse, ff-layers) converted to truenorth populations, for
// mapping onto TrueNorth-class chips. A TrueNorth core has 256 input axons, so the
// conversion keeps each core's busiest inputs; the rules are in truenorth_workloads.cpp.
#pragma once

#include <cstdint>

#include "model/network/network.hpp"

namespace axomesh::bench {

// `lif` is make_workload(name, ...).network; `axons_per_core` the target's input axons.
model::Network truenorth_workload(const model::Network& lif, uint32_t axons_per_core);

}  // namespace axomesh::bench
