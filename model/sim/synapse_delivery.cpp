#include "model/sim/synapse_delivery.hpp"

namespace axomesh::model {
namespace {

struct StoredWeights {
  const int16_t* w;
  int32_t operator[](uint64_t k) const { return w[k]; }
};
struct OneWeight {
  int32_t w;
  int32_t operator[](uint64_t) const { return w; }
};

template <class Weights>
uint64_t deliver_with(const SynapseRows& rows, const std::vector<uint32_t>& spikes, int32_t* ring,
                      const std::size_t* slot_offset, Weights w) {
  const uint32_t* targets = rows.targets.data();
  if (!rows.delays.empty()) {  // per-synapse delays: the general form
    uint64_t ops = 0;
    for (uint32_t pre : spikes) {
      const uint64_t begin = rows.row_start(pre), end = begin + rows.row_length(pre);
      for (uint64_t k = begin; k < end; ++k) ring[slot_offset[rows.delays[k]] + rows.target(k)] += w[k];
      ops += end - begin;
    }
    return ops;
  }
  int32_t* acc = ring + slot_offset[rows.uniform_delay];
  if (rows.dense) {
    for (uint32_t pre : spikes) {
      const uint64_t begin = uint64_t{pre} * rows.post_size;
      for (uint32_t j = 0; j < rows.post_size; ++j) acc[j] += w[begin + j];
    }
    return uint64_t{rows.post_size} * spikes.size();
  }
  if (rows.targets_per_block > 0) {
    // pre / r without a division: for pre, r < 2^24, (pre + 0.5) / r lies at least
    // 0.5 / r >= 2^-25 from an integer, far more than the double product's error (< 2^-28),
    // so truncating (pre + 0.5) * (1 / r) is exact.
    const double reciprocal = 1.0 / rows.targets_per_block;
    for (uint32_t pre : spikes) acc[static_cast<uint32_t>((pre + 0.5) * reciprocal)] += w[pre];
    return spikes.size();
  }
  if (rows.row_begin.empty()) {
    const uint64_t length = rows.uniform_row_length;
    for (uint32_t pre : spikes)
      for (uint64_t k = pre * length, end = k + length; k < end; ++k) acc[targets[k]] += w[k];
    return length * spikes.size();
  }
  uint64_t ops = 0;
  for (uint32_t pre : spikes) {
    const uint64_t begin = rows.row_begin[pre], end = rows.row_begin[pre + 1];
    for (uint64_t k = begin; k < end; ++k) acc[targets[k]] += w[k];
    ops += end - begin;
  }
  return ops;
}

}  // namespace

uint64_t deliver_spikes(const SynapseRows& rows, const std::vector<uint32_t>& spikes, int32_t* accumulators,
                        const std::size_t* slot_offset) {
  if (spikes.empty()) return 0;
  if (rows.weights.empty()) return deliver_with(rows, spikes, accumulators, slot_offset, OneWeight{rows.uniform_weight});
  return deliver_with(rows, spikes, accumulators, slot_offset, StoredWeights{rows.weights.data()});
}

}  // namespace axomesh::model
