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
