// The reference the literature compares neuromorphic chips with: the same network run
// every step as matrix-vector products on a conventional processor, priced with the
// per-operation energies of Horowitz, "Computing's energy problem", ISSCC 2014 (45 nm,
// 0.9 V). A model, labelled as one: a dense projection is a dense product (every weight,
// every step); a sparse one a CSR product (one MAC, a weight and an index read per stored
// synapse, every step). Weights and indices are read from a 1 MB on-chip SRAM.
#pragma once

#include <cstdint>
#include <string>

#include "model/network/network.hpp"

namespace axomesh::targets {

struct ReferenceFigures {
  double fp32_multiply = 3.7e-12;       // Horowitz 2014: 32-bit float multiply
  double fp32_add = 0.9e-12;            // Horowitz 2014: 32-bit float add
  double sram_read_64bit_1mb = 100e-12;  // Horowitz 2014: 64-bit read from a 1 MB SRAM
};

struct ReferenceEstimate {
  double joules = 0.0;
  uint64_t macs = 0;
  uint64_t word_reads = 0;  // 32-bit weights and indices
  std::string description;
};

ReferenceEstimate reference_estimate(const model::Network& network, uint64_t steps, const ReferenceFigures& f = {});

}  // namespace axomesh::targets
