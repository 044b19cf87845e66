#include "mapper/route.hpp"

namespace spikeforge::mapper {

Direction direction_between(const model::ChipGeometry& g, uint32_t tile, uint32_t next) {
  const uint32_t x = tile % g.mesh_width, next_x = next % g.mesh_width;
  if (next_x != x) return next_x > x ? kEast : kWest;
  return next / g.mesh_width > tile / g.mesh_width ? kNorth : kSouth;
}

std::vector<uint32_t> xy_route(const model::ChipGeometry& g, uint32_t from, uint32_t to) {
  std::vector<uint32_t> tiles{from};
  uint32_t x = from % g.mesh_width, y = from / g.mesh_width;
  const uint32_t tx = to % g.mesh_width, ty = to / g.mesh_width;
  while (x != tx) {
    x = x < tx ? x + 1 : x - 1;
    tiles.push_back(y * g.mesh_width + x);
  }
  while (y != ty) {
    y = y < ty ? y + 1 : y - 1;
    tiles.push_back(y * g.mesh_width + x);
  }
  return tiles;
}

LinkLoads route(const CoreTraffic& t, const Placement& p, const model::ChipGeometry& g) {
  LinkLoads loads;
  loads.load.assign(std::size_t{g.mesh_width} * g.mesh_height * 4, 0.0);
  // Traffic is symmetric (both directions summed): half goes each way.
  for (uint32_t c = 0; c < t.cores; ++c)
    for (const auto& [d, w] : t.neighbours[c]) {
      const std::vector<uint32_t> path =
          xy_route(g, p.physical_core[c] / g.cores_per_tile, p.physical_core[d] / g.cores_per_tile);
      for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        const uint32_t a = path[k], b = path[k + 1];
        const Direction dir = direction_between(g, a, b);
        loads.load[std::size_t{a} * 4 + dir] += w / 2;
      }
    }
  for (std::size_t i = 0; i < loads.load.size(); ++i)
    if (loads.load[i] > loads.max_load) {
      loads.max_load = loads.load[i];
      loads.max_tile = static_cast<uint32_t>(i / 4);
      loads.max_direction = static_cast<Direction>(i % 4);
    }
  return loads;
}

}  // namespace spikeforge::mapper
