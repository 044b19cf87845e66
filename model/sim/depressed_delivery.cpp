#include "model/sim/depressed_delivery.hpp"

namespace axomesh::model {

DepressedSynapses::DepressedSynapses(const DepressionParams& params, uint32_t pre_size)
    : block(params.utilization, static_cast<double>(params.tau_rec)), scale(params.scale), pre(pre_size) {}

uint64_t deliver_depressed_spikes(const SynapseRows& rows, const std::vector<uint32_t>& spikes, int32_t* accumulators,
                                  const std::size_t* slot_offset, DepressedSynapses& depression, uint64_t step) {
  uint64_t ops = 0;
  for (uint32_t pre : spikes) {
    const uint32_t released = depression.block.on_spike(depression.pre[pre], step);
    const uint64_t begin = rows.row_start(pre), end = begin + rows.row_length(pre);
    for (uint64_t k = begin; k < end; ++k)
      accumulators[slot_offset[rows.delay(k)] + rows.target(k)] += depressed_input(depression.scale, rows.weight(k), released);
    ops += end - begin;
  }
  return ops;
}

}  // namespace axomesh::model
