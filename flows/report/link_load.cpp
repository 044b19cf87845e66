#include "flows/report/link_load.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace axomesh::flows {

LinkTraffic run_counting_link_packets(model::ChipSim& chip, const model::ChipImage& image, uint64_t steps,
                                      const std::function<void(uint64_t)>& progress) {
  // Spikes per core and neuron first, routes once at the end: a route per packet would
  // cost far more than the simulation on a big run.
  std::vector<std::vector<uint64_t>> sent(image.cores.size());
  for (std::size_t c = 0; c < image.cores.size(); ++c) sent[c].assign(image.cores[c].fanout.items(), 0);
  chip.reserve_steps(steps);
  for (uint64_t i = 0; i < steps; ++i) {
    chip.step();
    if (i + 1 < steps)
      for (uint32_t c = 0; c < image.cores.size(); ++c)
        for (uint32_t n : chip.core_spikes(c))
          if (n < sent[c].size()) ++sent[c][n];
    if (progress) progress(i + 1);
  }

  LinkTraffic traffic;
  traffic.steps = steps;
  traffic.packets = mapper::empty_link_loads(image.geometry);
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const model::FanoutTable& table = image.cores[c].fanout;
    for (uint32_t n = 0; n < sent[c].size(); ++n) {
      if (sent[c][n] == 0) continue;
      for (uint32_t k = table.begin[n]; k < table.begin[n + 1]; ++k)
        mapper::add_route(traffic.packets, image.geometry, image.tile_of(c), image.tile_of(table.entries[k].core),
                          double(sent[c][n]));
    }
  }
  mapper::find_max_link(traffic.packets);
  return traffic;
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
