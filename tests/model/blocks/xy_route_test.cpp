// Dimension-order routes worked out by hand: X first in the sending row, then Y in the
// receiving column, in both directions of each axis, and routes of no hop at all.
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "mapper/route.hpp"
#include "model/blocks/xy_route.hpp"

using namespace axomesh;
using model::XyRoute;

namespace {

using Link = std::tuple<uint32_t, uint32_t, model::LinkDirection>;

std::vector<Link> links_of(const XyRoute& route) {
  std::vector<Link> links;
  model::for_each_link(route, [&](uint32_t x, uint32_t y, model::LinkDirection d) { links.emplace_back(x, y, d); });
  return links;
}

}  // namespace

TEST_CASE("XY route east then north", "[route][xy]") {
  const XyRoute r{0, 0, 2, 1};
  CHECK(r.east() == 2);
  CHECK(r.west() == 0);
  CHECK(r.north() == 1);
  CHECK(r.south() == 0);
  CHECK(r.hops_x() == 2);
  CHECK(r.hops_y() == 1);
  CHECK(r.hops() == 3);
  CHECK_FALSE(r.in_tile());
  // Along row 0 to x = 2, then up column 2.
  CHECK(links_of(r) == std::vector<Link>{{0, 0, model::kEast}, {1, 0, model::kEast}, {2, 0, model::kNorth}});
}

TEST_CASE("XY route west then south (negative directions)", "[route][xy]") {
  const XyRoute r{2, 1, 0, 0};
  CHECK(r.east() == 0);
  CHECK(r.west() == 2);
  CHECK(r.north() == 0);
  CHECK(r.south() == 1);
  CHECK(r.hops() == 3);
  // Not the reverse of the route above: X first again, so it leaves along row 1 and
  // turns down column 0.
  CHECK(links_of(r) == std::vector<Link>{{2, 1, model::kWest}, {1, 1, model::kWest}, {0, 1, model::kSouth}});

  const XyRoute down{3, 3, 3, 0};  // Y only
  CHECK(down.hops_x() == 0);
  CHECK(down.south() == 3);
  CHECK(links_of(down) == std::vector<Link>{{3, 3, model::kSouth}, {3, 2, model::kSouth}, {3, 1, model::kSouth}});
  const XyRoute left{5, 2, 4, 2};  // X only, one hop
  CHECK(left.west() == 1);
  CHECK(left.hops_y() == 0);
  CHECK(links_of(left) == std::vector<Link>{{5, 2, model::kWest}});
}

TEST_CASE("XY route of zero length crosses no link", "[route][xy]") {
  for (const XyRoute& r : {XyRoute{0, 0, 0, 0}, XyRoute{7, 3, 7, 3}}) {
    CHECK(r.in_tile());
    CHECK(r.hops() == 0);
    CHECK(r.east() + r.west() + r.north() + r.south() == 0);
    CHECK(links_of(r).empty());
  }
}

TEST_CASE("XY routes between tiles numbered row by row", "[route][xy]") {
  // Width 4: tile 6 is (2, 1), tile 9 is (1, 2): one hop west, then one north.
  const XyRoute r = model::xy_route_between_tiles(4, 6, 9);
  CHECK(r.x0 == 2);
  CHECK(r.y0 == 1);
  CHECK(r.x1 == 1);
  CHECK(r.y1 == 2);
  CHECK(links_of(r) == std::vector<Link>{{2, 1, model::kWest}, {1, 1, model::kNorth}});
  // The mapper's tile lists and link loads follow the same routes.
  CHECK(mapper::xy_route({4, 4, 1}, 15, 0) == std::vector<uint32_t>{15, 14, 13, 12, 8, 4, 0});
  CHECK(mapper::xy_route({4, 4, 1}, 6, 9) == std::vector<uint32_t>{6, 5, 9});
  CHECK(mapper::xy_route({4, 4, 1}, 5, 5) == std::vector<uint32_t>{5});
  mapper::LinkLoads loads = mapper::empty_link_loads({4, 4, 1});
  CHECK(mapper::add_route(loads, {4, 4, 1}, 6, 9, 0.5) == 2);
  CHECK(mapper::add_route(loads, {4, 4, 1}, 5, 5, 0.5) == 0);
  double total = 0;
  for (double l : loads.load) total += l;
  CHECK(total == 1.0);
  CHECK(loads.load[6 * 4 + mapper::kWest] == 0.5);
  CHECK(loads.load[5 * 4 + mapper::kNorth] == 0.5);
}
