// route: dimension-order (X then Y) routes between placed cores, and the expected load of
// every mesh link. XY routing on a mesh is deadlock-free, and a route is fixed by its end
// points, so the products are the routes between cores that exchange packets and the link
// loads (both measured on a chip image by map_network). The routes themselves are
// model/blocks/xy_route.hpp's, as ChipSim takes them.
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

// The packets of one physical core to another (never itself) in an image: every fan-out
// entry of a neuron of `from_core` that points at `to_core` sends one packet per spike.
// The tiles passed are xy_route(tile_of(from_core), tile_of(to_core)); they are not kept,
// since on a large mesh they would outweigh everything else.
struct CoreRoute {
  uint32_t from_core = 0, to_core = 0;
  uint32_t hops = 0;              // Manhattan distance between the two tiles
  uint32_t neurons = 0;           // neurons of from_core with an entry to to_core
  uint64_t entries = 0;           // their fan-out entries to to_core (one packet each per spike)
  double packets_per_step = 0.0;  // expected packets per step: entries weighted by spike rates
};

// Every route of an image, ordered by (from_core, to_core); `population_rates` are the
// spikes per step of the image's population neurons (as for the link loads). Stimulus
// fan-out enters from outside the mesh and is not a route between cores.
std::vector<CoreRoute> core_routes(const model::ChipImage& image,
                                   const std::vector<std::vector<double>>& population_rates);

}  // namespace axomesh::mapper
