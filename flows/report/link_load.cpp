#include "flows/report/link_load.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace axomesh::flows {

LinkPacketCounter::LinkPacketCounter(const model::ChipGeometry& geometry)
    : geometry_(geometry), packets_(std::size_t{geometry.mesh_width} * geometry.mesh_height * 4, 0) {}

void LinkPacketCounter::on_packet(uint64_t /*step*/, const model::ChipPacket& packet) {
  if (packet.from_stimulus) return;  // enters the chip at its core's router: no mesh link
  model::for_each_link(packet.route, [this](uint32_t x, uint32_t y, model::LinkDirection d) {
    ++packets_[(std::size_t{y} * geometry_.mesh_width + x) * 4 + d];
  });
}

LinkTraffic LinkPacketCounter::traffic() const {
  LinkTraffic traffic;
  traffic.steps = steps_;
  traffic.packets = mapper::empty_link_loads(geometry_);
  for (std::size_t i = 0; i < packets_.size(); ++i) traffic.packets.load[i] = double(packets_[i]);
  mapper::find_max_link(traffic.packets);
  return traffic;
}

LinkTraffic run_counting_link_packets(model::ChipSim& chip, const model::ChipImage& image, uint64_t steps,
                                      const std::function<void(uint64_t)>& progress) {
  LinkPacketCounter counter(image.geometry);
  const model::ObservingScope observing(chip, counter);
  chip.run(steps, progress);
  return counter.traffic();
}

const char* link_direction_name(mapper::Direction direction) {
  switch (direction) {
    case mapper::kEast: return "east";
    case mapper::kWest: return "west";
    case mapper::kNorth: return "north";
    case mapper::kSouth: return "south";
  }
  return "?";
}

nlohmann::json link_traffic_json(const LinkTraffic& traffic, const model::ChipGeometry& geometry) {
  using nlohmann::json;
  const uint32_t width = std::max<uint32_t>(1, geometry.mesh_width);
  const double steps = double(std::max<uint64_t>(1, traffic.steps));
  json links = json::array();
  double total = 0.0;
  for (std::size_t i = 0; i < traffic.packets.load.size(); ++i) {
    const double packets = traffic.packets.load[i];
    if (packets <= 0.0) continue;
    total += packets;
    const auto tile = static_cast<uint32_t>(i / 4);
    links.push_back({{"x", tile % width},
                     {"y", tile / width},
                     {"direction", link_direction_name(static_cast<mapper::Direction>(i % 4))},
                     {"packets", static_cast<uint64_t>(std::llround(packets))},
                     {"packets_per_step", packets / steps}});
  }
  json max = nullptr;
  if (traffic.packets.max_load > 0.0)
    max = {{"x", traffic.packets.max_tile % width},
           {"y", traffic.packets.max_tile / width},
           {"direction", link_direction_name(traffic.packets.max_direction)},
           {"packets", static_cast<uint64_t>(std::llround(traffic.packets.max_load))}};
  return {{"steps", traffic.steps},
          {"total_hops", static_cast<uint64_t>(std::llround(total))},
          {"max", std::move(max)},
          {"links", std::move(links)}};
}

}  // namespace axomesh::flows
