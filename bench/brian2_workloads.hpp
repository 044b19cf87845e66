// The workloads of ../shared/bench/brian2/brian2_bench.py (lif-sparse, lif-large,
// ff-layers) as Loihi fixed-point networks: the same sizes, connectivity, input rates and
// external drive, with the float model's constants turned into Loihi parameters.
#pragma once

#include <cstdint>
#include <string>

#include "model/network/network.hpp"

namespace axomesh::bench {

struct Workload {
  model::Network network;
  uint64_t network_synapses = 0;  // the synapses Brian2 counts (no external drive)
  uint64_t drive_synapses = 0;    // our equivalent of Brian2's PoissonInput
  bool counts_input_events = false;  // ff-layers: Brian2 counts input-layer spikes' events
  std::string connectivity;          // "brian2 export" or "generated"
};

// Reads the network Brian2 exported (brian2_bench.py --export DIR), or, when `export_dir`
// is empty, generates one with the same statistics from `seed`.
Workload make_workload(const std::string& name, const std::string& export_dir, uint64_t seed);

}  // namespace axomesh::bench
