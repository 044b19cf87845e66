#include "mapper/route.hpp"

#include <algorithm>
#include <unordered_map>

namespace axomesh::mapper {

Direction direction_between(const model::ChipGeometry& g, uint32_t tile, uint32_t next) {
  const uint32_t x = tile % g.mesh_width, next_x = next % g.mesh_width;
  if (next_x != x) return next_x > x ? kEast : kWest;
  return next / g.mesh_width > tile / g.mesh_width ? kNorth : kSouth;
}

std::vector<uint32_t> xy_route(const model::ChipGeometry& g, uint32_t from, uint32_t to) {
  std::vector<uint32_t> tiles{from};
  const model::XyRoute route = model::xy_route_between_tiles(g.mesh_width, from, to);
  model::for_each_link(route, [&](uint32_t x, uint32_t y, model::LinkDirection d) {
    const uint32_t tile = y * g.mesh_width + x;  // the link leaves `tile`; it reaches its neighbour
    tiles.push_back(d == kEast ? tile + 1 : d == kWest ? tile - 1 : d == kNorth ? tile + g.mesh_width : tile - g.mesh_width);
  });
  return tiles;
}

LinkLoads empty_link_loads(const model::ChipGeometry& g) {
  LinkLoads loads;
  loads.load.assign(std::size_t{g.mesh_width} * g.mesh_height * 4, 0.0);
  return loads;
}

uint32_t add_route(LinkLoads& loads, const model::ChipGeometry& g, uint32_t from_tile, uint32_t to_tile, double rate) {
  const model::XyRoute route = model::xy_route_between_tiles(g.mesh_width, from_tile, to_tile);
  model::for_each_link(route, [&](uint32_t x, uint32_t y, model::LinkDirection d) {
    loads.load[(std::size_t{y} * g.mesh_width + x) * 4 + d] += rate;
  });
  return route.hops();
}

void find_max_link(LinkLoads& loads) {
  for (std::size_t i = 0; i < loads.load.size(); ++i)
    if (loads.load[i] > loads.max_load) {
      loads.max_load = loads.load[i];
      loads.max_tile = static_cast<uint32_t>(i / 4);
      loads.max_direction = static_cast<Direction>(i % 4);
    }
}

std::vector<CoreRoute> core_routes(const model::ChipImage& image, const std::vector<std::vector<double>>& rates) {
  const model::ChipGeometry& g = image.geometry;
  std::unordered_map<uint64_t, std::size_t> index;  // from_core * cores + to_core -> route
  std::vector<CoreRoute> routes;
  for (std::size_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const model::NeuronAddress& a = image.population_addresses[p][i];
      const model::FanoutTable& table = image.cores[a.core].fanout;
      const double rate = p < rates.size() && i < rates[p].size() ? rates[p][i] : 0.0;
      uint32_t last_to = a.core;  // a neuron's entries are grouped by destination core
      for (uint32_t k = table.begin[a.neuron]; k < table.begin[a.neuron + 1]; ++k) {
        const uint32_t to = table.entries[k].core;
        if (to == a.core) continue;
        const uint64_t key = uint64_t{a.core} * g.core_count() + to;
        auto [at, fresh] = index.emplace(key, routes.size());
        if (fresh) {
          CoreRoute r;
          r.from_core = a.core;
          r.to_core = to;
          r.hops = static_cast<uint32_t>(xy_route(g, image.tile_of(a.core), image.tile_of(to)).size() - 1);
          routes.push_back(r);
        }
        CoreRoute& r = routes[at->second];
        if (to != last_to) ++r.neurons;
        last_to = to;
        ++r.entries;
        r.packets_per_step += rate;
      }
    }
  std::sort(routes.begin(), routes.end(), [](const CoreRoute& x, const CoreRoute& y) {
    return x.from_core != y.from_core ? x.from_core < y.from_core : x.to_core < y.to_core;
  });
  return routes;
}

}  // namespace axomesh::mapper
