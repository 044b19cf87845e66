// SynapseRows -- a projection compiled for delivery: for each presynaptic neuron, the row
// of (target, weight, delay) it drives. Weights are the effective Loihi weights, already
// shifted by a non-negative weight exponent (so they sum exactly like the shifted sum).
// Dense projections keep a [pre][post] matrix (no indices: 2 bytes a synapse); sparse ones
// are CSR (4-byte target + 2-byte weight, + 1 byte when delays differ, + an 8-byte
// offset a row unless all rows are equally long).
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"

namespace spikeforge::model {

struct SynapseRows {
  bool dense = false;
  uint32_t pre_size = 0;
  uint32_t post_size = 0;
  int accumulator_exp = 0;        // 0, or the projection's negative weight exponent
  uint32_t uniform_delay = 0;     // used when `delays` is empty
  std::vector<int16_t> weights;   // dense: [pre * post_size + post]; sparse: CSR order
  // Sparse: the row of pre i is [row_begin[i], row_begin[i+1]); when every row has the
  // same length, row_begin is empty and row i starts at i * uniform_row_length.
  std::vector<uint64_t> row_begin;
  uint64_t uniform_row_length = 0;
  std::vector<uint32_t> targets;    // sparse
  std::vector<uint8_t> delays;      // empty when every synapse has uniform_delay

  uint32_t max_delay() const;
  uint64_t synapse_count() const { return weights.size(); }
  uint64_t row_start(uint32_t pre) const {
    return row_begin.empty() ? uint64_t{pre} * (dense ? post_size : uniform_row_length) : row_begin[pre];
  }
  uint64_t row_length(uint32_t pre) const {
    if (dense) return post_size;
    return row_begin.empty() ? uniform_row_length : row_begin[pre + 1] - row_begin[pre];
  }
  std::size_t memory_bytes() const;
};

SynapseRows compile_synapse_rows(const Projection& projection, uint32_t pre_size, uint32_t post_size);

}  // namespace spikeforge::model
