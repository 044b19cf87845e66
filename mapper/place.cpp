#include "mapper/place.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "model/blocks/xy_route.hpp"

namespace axomesh::mapper {
namespace {

// Position d along the Hilbert curve of an n x n grid (n a power of two) -> (x, y).
std::pair<uint32_t, uint32_t> hilbert_point(uint32_t n, uint64_t d) {
  uint32_t x = 0, y = 0;
  for (uint32_t s = 1; s < n; s *= 2) {
    const uint32_t rx = 1 & static_cast<uint32_t>(d / 2);
    const uint32_t ry = 1 & static_cast<uint32_t>(d ^ rx);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap(x, y);
    }
    x += s * rx;
    y += s * ry;
    d /= 4;
  }
  return {x, y};
}

// Tiles of a width x height mesh in Hilbert order (the curve of the enclosing power-of-two
// square, restricted to the mesh).
std::vector<uint32_t> hilbert_tiles(uint32_t width, uint32_t height) {
  uint32_t n = 1;
  while (n < width || n < height) n *= 2;
  std::vector<uint32_t> tiles;
  tiles.reserve(std::size_t{width} * height);
  for (uint64_t d = 0; d < uint64_t{n} * n; ++d) {
    const auto [x, y] = hilbert_point(n, d);
    if (x < width && y < height) tiles.push_back(y * width + x);
  }
  return tiles;
}

}  // namespace

CoreTraffic core_traffic(const AtomNetwork& net, const Partition& p) {
  std::map<std::pair<uint32_t, uint32_t>, double> pairs;
  const auto weight = boost::get(boost::edge_weight, net.graph);
  for (auto [e, end] = boost::edges(net.graph); e != end; ++e) {
    const uint32_t a = p.core_of_atom[boost::source(*e, net.graph)];
    const uint32_t b = p.core_of_atom[boost::target(*e, net.graph)];
    if (a != b) pairs[{std::min(a, b), std::max(a, b)}] += weight[*e];
  }
  CoreTraffic t;
  t.cores = p.cores;
  t.neighbours.resize(p.cores);
  for (const auto& [key, w] : pairs) {
    t.neighbours[key.first].emplace_back(key.second, w);
    t.neighbours[key.second].emplace_back(key.first, w);
  }
  return t;
}

uint32_t hop_distance(const model::ChipGeometry& g, uint32_t a, uint32_t b) {
  return model::xy_route_between_tiles(g.mesh_width, a / g.cores_per_tile, b / g.cores_per_tile).hops();
}

double hop_weighted_traffic(const CoreTraffic& t, const Placement& p, const model::ChipGeometry& g) {
  double cost = 0.0;
  for (uint32_t c = 0; c < t.cores; ++c)
    for (const auto& [d, w] : t.neighbours[c])
      if (c < d) cost += w * hop_distance(g, p.physical_core[c], p.physical_core[d]);
  return cost;
}

Placement baseline_place(uint32_t cores) {
  Placement p;
  p.physical_core.resize(cores);
  for (uint32_t c = 0; c < cores; ++c) p.physical_core[c] = c;
  return p;
}

Placement place(const CoreTraffic& t, const model::ChipGeometry& g, int refinement_passes) {
  const std::vector<uint32_t> tiles = hilbert_tiles(g.mesh_width, g.mesh_height);
  Placement p;
  p.physical_core.resize(t.cores);
  // occupant[physical] = logical core there, or UINT32_MAX.
  std::vector<uint32_t> occupant(g.core_count(), UINT32_MAX);
  for (uint32_t c = 0; c < t.cores; ++c) {
    const uint32_t physical = tiles[c / g.cores_per_tile] * g.cores_per_tile + c % g.cores_per_tile;
    p.physical_core[c] = physical;
    occupant[physical] = c;
  }
  // Cost of logical core c if it sat at `physical` (with `other` moved to c's place).
  auto cost_at = [&](uint32_t c, uint32_t physical, uint32_t other, uint32_t other_physical) {
    double cost = 0.0;
    for (const auto& [d, w] : t.neighbours[c]) {
      const uint32_t where = d == other ? other_physical : p.physical_core[d];
      cost += w * hop_distance(g, physical, where);
    }
    return cost;
  };
  // Swap refinement: try moving each core next to each of its partners (to any core of
  // the partner's tile or the tiles around it), swapping with whatever is there.
  for (int pass = 0; pass < refinement_passes; ++pass) {
    double improved = 0.0;
    for (uint32_t c = 0; c < t.cores; ++c) {
      for (const auto& [partner, w] : t.neighbours[c]) {
        (void)w;
        const uint32_t tile = p.physical_core[partner] / g.cores_per_tile;
        const int64_t tx = tile % g.mesh_width, ty = tile / g.mesh_width;
        for (const auto& [dx, dy] : {std::pair{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          const int64_t x = tx + dx, y = ty + dy;
          if (x < 0 || y < 0 || x >= g.mesh_width || y >= g.mesh_height) continue;
          for (uint32_t slot = 0; slot < g.cores_per_tile; ++slot) {
            const uint32_t target = static_cast<uint32_t>(y * g.mesh_width + x) * g.cores_per_tile + slot;
            const uint32_t here = p.physical_core[c];
            if (target == here) continue;
            const uint32_t other = occupant[target];
            double before = cost_at(c, here, UINT32_MAX, 0), after = cost_at(c, target, other, here);
            if (other != UINT32_MAX) {
              before += cost_at(other, target, UINT32_MAX, 0);
              after += cost_at(other, here, c, target);
              // The c-other edge is counted in both sums, before and after alike.
            }
            if (after + 1e-12 < before) {
              improved += before - after;
              occupant[here] = other;
              occupant[target] = c;
              p.physical_core[c] = target;
              if (other != UINT32_MAX) p.physical_core[other] = here;
            }
          }
        }
      }
    }
    if (improved <= 1e-9) break;
  }
  return p;
}

}  // namespace axomesh::mapper
