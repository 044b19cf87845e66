// The packets every mesh link carried in a ChipSim run, counted by watching the run
// (model/chip/chip_observer.hpp): each packet ChipSim sends adds one to every link of its XY
// route (model/blocks/xy_route.hpp, as ChipSim and the RTL route). ChipSim's own counters only
// give hops per sending core and direction; the report's mesh drawing needs them per
// link. Their sum equals ChipSim's hop count, which the tests check.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "mapper/route.hpp"
#include "model/chip/chip_image.hpp"
#include "model/chip/chip_observer.hpp"
#include "model/chip/chip_sim.hpp"

namespace axomesh::flows {

struct LinkTraffic {
  mapper::LinkLoads packets;  // packets over the run on every link, load[tile * 4 + direction]
  uint64_t steps = 0;         // steps run
};

// Counts the packets of the chip (not the stimulus entering it) on every link, for as
// long as it observes a ChipSim.
class LinkPacketCounter : public model::ChipObserver {
 public:
  explicit LinkPacketCounter(const model::ChipGeometry& geometry);
  void on_packet(uint64_t step, const model::ChipPacket& packet) override;
  void on_step_end(uint64_t /*step*/, const model::ChipSim& /*chip*/) override { ++steps_; }
  // The counts so far, with the busiest link.
  LinkTraffic traffic() const;

 private:
  model::ChipGeometry geometry_;
  std::vector<uint64_t> packets_;  // packets_[tile * 4 + direction]
  uint64_t steps_ = 0;
};

// Runs `chip` (built from `image`) for `steps` more steps, calling `progress` after each,
// and counts the packets each link carried in those steps. The spikes of the last step are
// sent in the step after it, so they are not counted, exactly as ChipSim's hop counters.
LinkTraffic run_counting_link_packets(model::ChipSim& chip, const model::ChipImage& image, uint64_t steps,
                                      const std::function<void(uint64_t)>& progress = {});

// {"steps", "total_hops", "max": {"x", "y", "direction", "packets"} or null, "links": [every
// link that carried a packet: {"x", "y", "direction" (east/west/north/south: the
// neighbour it leads to), "packets", "packets_per_step"}]}.
nlohmann::json link_traffic_json(const LinkTraffic& traffic, const model::ChipGeometry& geometry);

// "east", "west", "north" (y + 1) or "south".
const char* link_direction_name(mapper::Direction direction);

}  // namespace axomesh::flows
