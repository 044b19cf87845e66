// route: dimension-order (X then Y) routes between placed cores, and the expected load of
// every mesh link. XY routing on a mesh is deadlock-free, and a route is fixed by its end
// points, so the product is the link loads (measured on a chip image by map_network).
// The routes themselves are model/blocks/xy_route.hpp's, as ChipSim takes them.
#pragma once

#include <cstdint>
#include <vector>

#include "model/chip/chip_image.hpp"
#include "model/blocks/xy_route.hpp"

namespace axomesh::mapper {

using Direction = model::LinkDirection;
using model::kEast;
using model::kNorth;
using model::kSouth;
using model::kWest;

struct LinkLoads {
  // Expected packets per step leaving tile t in direction d: load[t * 4 + d].
  std::vector<double> load;
  double max_load = 0.0;
  uint32_t max_tile = 0;
  Direction max_direction = kEast;
};

// The direction of the link from a tile to its neighbour `next` (by their coordinates).
Direction direction_between(const model::ChipGeometry& geometry, uint32_t tile, uint32_t next);

// The tiles an XY route passes, in order, from the source tile to the destination tile.
std::vector<uint32_t> xy_route(const model::ChipGeometry& geometry, uint32_t from_tile, uint32_t to_tile);

// Link loads of a mesh, all zero.
LinkLoads empty_link_loads(const model::ChipGeometry& geometry);
// Adds `rate` packets per step to every link of the XY route from `from_tile` to
// `to_tile`; returns the route's hops.
uint32_t add_route(LinkLoads& loads, const model::ChipGeometry& geometry, uint32_t from_tile, uint32_t to_tile,
                   double rate);
// Sets max_load, max_tile and max_direction from the loads.
void find_max_link(LinkLoads& loads);

}  // namespace axomesh::mapper
