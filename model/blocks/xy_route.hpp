// xy_route -- dimension-order (X then Y) routing on the 2-D mesh, written once for the
// mapper's expected link loads, ChipSim's hop counters and the reports' per-link counts.
// A packet from tile (x0, y0) to tile (x1, y1) first moves along X in row y0 (east:
// x + 1, west: x - 1) until x = x1, then along Y in column x1 (north: y + 1, south:
// y - 1) until y = y1. The route is fixed by its end points and deadlock-free on a mesh;
// the RTL routers (rtl_gen) route the same way.
#pragma once

#include <cstdint>

namespace axomesh::model {

// The link leaving a tile towards one of its neighbours; also the index of the link in
// per-link arrays (load[tile * 4 + direction]).
enum LinkDirection : uint32_t { kEast = 0, kWest = 1, kNorth = 2, kSouth = 3 };

struct XyRoute {
  uint32_t x0 = 0, y0 = 0;  // the sending tile
  uint32_t x1 = 0, y1 = 0;  // the receiving tile

  // Hops per direction: at most one of east/west and one of north/south is nonzero.
  uint32_t east() const { return x1 > x0 ? x1 - x0 : 0; }
  uint32_t west() const { return x0 > x1 ? x0 - x1 : 0; }
  uint32_t north() const { return y1 > y0 ? y1 - y0 : 0; }
  uint32_t south() const { return y0 > y1 ? y0 - y1 : 0; }
  uint32_t hops_x() const { return east() + west(); }
  uint32_t hops_y() const { return north() + south(); }
  uint32_t hops() const { return hops_x() + hops_y(); }
  bool in_tile() const { return x0 == x1 && y0 == y1; }  // no link crossed
};

// The route between two tiles numbered row by row (tile t at x = t % width, y = t / width).
inline XyRoute xy_route_between_tiles(uint32_t mesh_width, uint32_t from_tile, uint32_t to_tile) {
  return {from_tile % mesh_width, from_tile / mesh_width, to_tile % mesh_width, to_tile / mesh_width};
}

// Calls link(x, y, direction) for every link the route crosses, in order: the tile the
// packet leaves and the direction it leaves in. A route within one tile crosses none.
template <class LinkVisitor>
void for_each_link(const XyRoute& route, LinkVisitor&& link) {
  for (uint32_t x = route.x0; x != route.x1;) {
    const bool east = x < route.x1;
    link(x, route.y0, east ? kEast : kWest);
    x = east ? x + 1 : x - 1;
  }
  for (uint32_t y = route.y0; y != route.y1;) {
    const bool north = y < route.y1;
    link(route.x1, y, north ? kNorth : kSouth);
    y = north ? y + 1 : y - 1;
  }
}

}  // namespace axomesh::model
