// Spike delivery: adds the weights of the rows of a step's spikes into the accumulator
// slots their delays select. The hot loop of every simulator, one loop per storage form
// of SynapseRows so that no per-synapse branch remains.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/sim/synapse_rows.hpp"

namespace axomesh::model {

// `slot_offset[d]` is the offset in `accumulators` of the slot a synapse of delay d adds
// into (an array of max_delay() + 1 entries). Returns the number of synapses read.
uint64_t deliver_spikes(const SynapseRows& rows, const std::vector<uint32_t>& spikes, int32_t* accumulators,
                        const std::size_t* slot_offset);

}  // namespace axomesh::model
