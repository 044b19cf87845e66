// Delivery through a depressing projection (Tsodyks-Markram, model/blocks/short_term_depression.hpp):
// each presynaptic neuron keeps one depression state per projection, since every synapse
// of its row sees the same spike train. A spike first updates that state (recovery since
// the last spike, then release), then adds epsc(A * w, released) for every synapse w of
// its row. NetworkSim delivers depressing projections with this; ChipSim applies the same
// per input axon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/blocks/short_term_depression.hpp"
#include "model/sim/synapse_rows.hpp"

namespace axomesh::model {

struct DepressedSynapses {
  DepressedSynapses(const DepressionParams& params, uint32_t pre_size);

  ShortTermDepression block;
  int32_t scale;                                // A
  std::vector<ShortTermDepression::State> pre;  // one per presynaptic neuron
};

// The input one synapse of weight `weight` (accumulator units) adds for a release.
inline int32_t depressed_input(int32_t scale, int32_t weight, uint32_t released) {
  return ShortTermDepression::epsc(scale * weight, released);
}

// As deliver_spikes (model/sim/synapse_delivery.hpp), for spikes arriving in step `step`.
uint64_t deliver_depressed_spikes(const SynapseRows& rows, const std::vector<uint32_t>& spikes, int32_t* accumulators,
                                  const std::size_t* slot_offset, DepressedSynapses& depression, uint64_t step);

}  // namespace axomesh::model
