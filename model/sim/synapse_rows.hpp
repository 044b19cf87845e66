// SynapseRows -- a projection compiled for delivery: for each presynaptic neuron, the row
// of (target, weight, delay) it drives. Weights are the effective Loihi weights in units
// of the receiving population's accumulator: 2^accumulator_exp (see accumulator_exponent),
// i.e. shifted left by weight_exp - accumulator_exp (0..7, so they fit 16 bits).
//
// Storage, smallest form that holds the projection exactly:
//  - dense: a [pre][post] weight matrix, no indices (2 bytes a synapse);
//  - sparse: CSR, a 4-byte target and a 2-byte weight a synapse, plus an 8-byte offset a
//    row unless all rows are equally long;
//  - r-to-one (one-to-one when r = 1): every presynaptic neuron i has one synapse, onto
//    i / r -- no targets stored;
//  - one weight for the whole projection when all weights are equal; one delay likewise.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network/network.hpp"

namespace axomesh::model {

struct SynapseRows {
  bool dense = false;
  uint32_t pre_size = 0;
  uint32_t post_size = 0;
  uint64_t synapses = 0;

  std::vector<int16_t> weights;   // dense: [pre * post_size + post]; sparse: row order
  int16_t uniform_weight = 0;     // used when `weights` is empty
  std::vector<uint8_t> delays;    // row order; empty when every synapse has uniform_delay
  uint32_t uniform_delay = 0;

  std::vector<uint64_t> row_begin;  // sparse: row of pre i is [row_begin[i], row_begin[i+1])
  uint64_t uniform_row_length = 0;  // sparse with row_begin empty: row i starts at i * length
  std::vector<uint32_t> targets;    // sparse, in row order
  uint32_t targets_per_block = 0;   // > 0: r-to-one, target of pre i is i / r, targets empty

  uint64_t row_start(uint32_t pre) const {
    return row_begin.empty() ? uint64_t{pre} * (dense ? post_size : uniform_row_length) : row_begin[pre];
  }
  uint64_t row_length(uint32_t pre) const {
    if (dense) return post_size;
    return row_begin.empty() ? uniform_row_length : row_begin[pre + 1] - row_begin[pre];
  }
  uint32_t target(uint64_t synapse) const {
    if (dense) return static_cast<uint32_t>(synapse % post_size);
    return targets_per_block > 0 ? static_cast<uint32_t>(synapse / targets_per_block)
                                 : targets[synapse];
  }
  int16_t weight(uint64_t synapse) const { return weights.empty() ? uniform_weight : weights[synapse]; }
  uint32_t delay(uint64_t synapse) const { return delays.empty() ? uniform_delay : delays[synapse]; }

  uint32_t max_delay() const;
  uint64_t synapse_count() const { return synapses; }
  std::size_t memory_bytes() const;
};

SynapseRows compile_synapse_rows(const Projection& projection, uint32_t pre_size, uint32_t post_size,
                                 int accumulator_exp);

}  // namespace axomesh::model
