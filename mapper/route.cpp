#include "mapper/route.hpp"

namespace axomesh::mapper {

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

LinkLoads empty_link_loads(const model::ChipGeometry& g) {
  LinkLoads loads;
  loads.load.assign(std::size_t{g.mesh_width} * g.mesh_height * 4, 0.0);
  return loads;
}

uint32_t add_route(LinkLoads& loads, const model::ChipGeometry& g, uint32_t from_tile, uint32_t to_tile, double rate) {
  const std::vector<uint32_t> path = xy_route(g, from_tile, to_tile);
  for (std::size_t k = 0; k + 1 < path.size(); ++k)
    loads.load[std::size_t{path[k]} * 4 + direction_between(g, path[k], path[k + 1])] += rate;
  return static_cast<uint32_t>(path.size() - 1);
}

void find_max_link(LinkLoads& loads) {
  for (std::size_t i = 0; i < loads.load.size(); ++i)
    if (loads.load[i] > loads.max_load) {
      loads.max_load = loads.load[i];
      loads.max_tile = static_cast<uint32_t>(i / 4);
      loads.max_direction = static_cast<Direction>(i % 4);
    }
}

}  // namespace axomesh::mapper
