// ChipObserver -- what a ChipSim run did, step by step, for reports that need more than
// ActivityStats (per-link packets, another simulator's counters) without stepping a
// simulator of their own. Observers only read: the hooks get values and a const chip.
// A ChipSim without observers pays one untaken branch per packet and per core update.
//
// The timing is ChipSim's (DESIGN.md): a neuron that spikes in step t sends its packets
// in step t + 1, where they are also delivered; so the packets of the last step's spikes
// are never seen by on_packet (ChipSim::packets_in_flight lists them).
#pragma once

#include <cstdint>

#include "model/chip/chip_image.hpp"
#include "model/blocks/xy_route.hpp"

namespace axomesh::model {

class ChipSim;

struct ChipPacket {
  bool from_stimulus = false;  // an off-chip spike source's packet entering the chip
  uint32_t from = 0;           // the sending core, or the stimulus group (from_stimulus)
  uint32_t item = 0;           // the sending neuron of that core, or the source in the group
  Destination to;              // the receiving core and its input axon
  XyRoute route;               // tile to tile; a stimulus packet's is the receiving tile alone
};

class ChipObserver {
 public:
  virtual ~ChipObserver() = default;
  // Read once when attached: an observer that needs no packets spares the chip a call per
  // packet (millions per run on big networks).
  virtual bool wants_packets() const { return true; }
  // A packet sent and delivered in `step`, in ChipSim's sending order.
  virtual void on_packet(uint64_t /*step*/, const ChipPacket& /*packet*/) {}
  // Neuron `neuron` of `core` spiked in `step` (ascending neurons per core, cores in order).
  virtual void on_spike(uint64_t /*step*/, uint32_t /*core*/, uint32_t /*neuron*/) {}
  // Every core has updated (and learned) in `step`: the chip's state after the step and
  // its stats, step included (chip.steps_done() == step + 1).
  virtual void on_step_end(uint64_t /*step*/, const ChipSim& /*chip*/) {}
};

}  // namespace axomesh::model
