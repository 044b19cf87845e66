#include "flows/formats/run_files.hpp"
#include "flows/formats/mapper_json.hpp"

#include <algorithm>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "mapper/route.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

using nlohmann::json;

// Strings escaped and numbers in their shortest exact form, as nlohmann writes them.
std::string quoted(const std::string& s) { return json(s).dump(); }
std::string number(double x) { return json(x).dump(); }

void write_header(std::ostream& out, const char* format, const MapperProductsHeader& h) {
  out << "{\n \"format\": " << quoted(format) << ",\n \"version\": 1,\n \"network\": " << quoted(h.network)
      << ",\n \"target\": " << quoted(h.target) << ",\n \"strategy\": " << quoted(h.strategy) << ",\n";
}

void write_mesh(std::ostream& out, const model::ChipGeometry& g) {
  out << " \"mesh\": {\"width\": " << g.mesh_width << ", \"height\": " << g.mesh_height
      << ", \"cores_per_tile\": " << g.cores_per_tile << "},\n";
}

void write_fields(std::ostream& out, const char* key, std::initializer_list<const char*> names) {
  out << " \"" << key << "\": [";
  const char* separator = "";
  for (const char* n : names) {
    out << separator << quoted(n);
    separator = ", ";
  }
  out << "],\n";
}

// `count` lines, each one tuple written by `line(i)`, as the value of `key`.
template <class Line>
void write_tuples(std::ostream& out, const char* key, std::size_t count, Line&& line, bool last) {
  out << " \"" << key << "\": [";
  for (std::size_t i = 0; i < count; ++i) {
    out << (i == 0 ? "\n  " : ",\n  ");
    line(i);
  }
  out << (count == 0 ? "]" : "\n ]") << (last ? "\n" : ",\n");
}

void write_populations(std::ostream& out, const MappedNetwork& network, const mapper::AtomNetwork* atoms) {
  const std::vector<model::Population>& pops = network.mapped->populations;
  out << " \"populations\": [";
  for (std::size_t p = 0; p < pops.size(); ++p) {
    out << (p == 0 ? "\n  " : ",\n  ") << "{\"name\": " << quoted(pops[p].name) << ", \"size\": " << pops[p].size;
    if (atoms) out << ", \"atom_size\": " << atoms->atom_size[p] << ", \"first_atom\": " << atoms->atom_begin[p];
    out << ", \"splitter\": " << (p >= network.own_populations ? "true" : "false") << "}";
  }
  out << (pops.empty() ? "],\n" : "\n ],\n");
}

}  // namespace

void write_atoms_json(std::ostream& out, const MapperProductsHeader& header, const MappedNetwork& network,
                      const mapper::AtomNetwork& atoms) {
  write_header(out, "axomesh-atoms", header);
  write_populations(out, network, &atoms);
  write_fields(out, "atom_fields",
               {"population", "first", "size", "synapses", "input_axons", "fanout_entries", "spikes_per_step",
                "alone"});
  write_tuples(out, "atoms", atoms.atoms.size(), [&](std::size_t i) {
    const mapper::Atom& a = atoms.atoms[i];
    out << "[" << a.population << ", " << a.first << ", " << a.size << ", " << a.synapses << ", " << a.input_axons
        << ", " << a.fanout_entries << ", " << number(a.out_rate) << ", " << (a.alone ? 1 : 0) << "]";
  }, false);
  // Boost keeps edges in insertion order, which follows a hash map: sorted, the file is stable.
  std::vector<std::tuple<uint32_t, uint32_t, double>> edges;
  edges.reserve(boost::num_edges(atoms.graph));
  const auto weight = boost::get(boost::edge_weight, atoms.graph);
  for (auto [e, end] = boost::edges(atoms.graph); e != end; ++e) {
    const auto s = static_cast<uint32_t>(boost::source(*e, atoms.graph));
    const auto t = static_cast<uint32_t>(boost::target(*e, atoms.graph));
    edges.emplace_back(std::min(s, t), std::max(s, t), weight[*e]);
  }
  std::sort(edges.begin(), edges.end());
  write_fields(out, "edge_fields", {"atom", "other_atom", "spikes_per_step"});
  write_tuples(out, "edges", edges.size(), [&](std::size_t i) {
    out << "[" << std::get<0>(edges[i]) << ", " << std::get<1>(edges[i]) << ", " << number(std::get<2>(edges[i]))
        << "]";
  }, true);
  out << "}\n";
}

void write_partition_json(std::ostream& out, const MapperProductsHeader& header, const MappedNetwork& network,
                          const mapper::AtomNetwork& atoms, const mapper::Partition& partition) {
  // Atoms are slices in network order: a core's atoms in index order merge into runs.
  struct Slice {
    uint32_t population, first, count;
  };
  std::vector<std::vector<Slice>> slices(partition.cores);
  std::vector<uint64_t> neurons(partition.cores, 0);
  for (uint32_t a = 0; a < atoms.atoms.size(); ++a) {
    const mapper::Atom& atom = atoms.atoms[a];
    const uint32_t core = partition.core_of_atom[a];
    neurons[core] += atom.size;
    std::vector<Slice>& runs = slices[core];
    if (!runs.empty() && runs.back().population == atom.population &&
        runs.back().first + runs.back().count == atom.first)
      runs.back().count += atom.size;
    else
      runs.push_back({atom.population, atom.first, atom.size});
  }
  write_header(out, "axomesh-partition", header);
  write_populations(out, network, nullptr);
  out << " \"logical_cores\": " << partition.cores << ",\n";
  write_fields(out, "core_fields", {"core", "neurons", "slices"});
  write_fields(out, "slice_fields", {"population", "first", "count"});
  write_tuples(out, "cores", partition.cores, [&](std::size_t c) {
    out << "[" << c << ", " << neurons[c] << ", [";
    for (std::size_t k = 0; k < slices[c].size(); ++k)
      out << (k ? ", [" : "[") << slices[c][k].population << ", " << slices[c][k].first << ", " << slices[c][k].count
          << "]";
    out << "]]";
  }, true);
  out << "}\n";
}

void write_placement_json(std::ostream& out, const MapperProductsHeader& header, const model::ChipGeometry& g,
                          const mapper::Placement& placement) {
  write_header(out, "axomesh-placement", header);
  write_mesh(out, g);
  write_fields(out, "core_fields", {"logical_core", "physical_core", "tile", "x", "y"});
  write_tuples(out, "cores", placement.physical_core.size(), [&](std::size_t c) {
    const uint32_t physical = placement.physical_core[c], tile = physical / g.cores_per_tile;
    out << "[" << c << ", " << physical << ", " << tile << ", " << tile % g.mesh_width << ", " << tile / g.mesh_width
        << "]";
  }, true);
  out << "}\n";
}

void write_routes_json(std::ostream& out, const MapperProductsHeader& header, const model::ChipGeometry& g,
                       const std::vector<mapper::CoreRoute>& routes) {
  double packets = 0.0, hop_packets = 0.0;
  uint64_t hops = 0;
  for (const mapper::CoreRoute& r : routes) {
    packets += r.packets_per_step;
    hop_packets += r.packets_per_step * r.hops;
    hops += r.hops;
  }
  write_header(out, "axomesh-routes", header);
  write_mesh(out, g);
  out << " \"routing\": \"xy\",\n \"totals\": {\"routes\": " << routes.size() << ", \"hops\": " << hops
      << ", \"packets_per_step\": " << number(packets) << ", \"hop_packets_per_step\": " << number(hop_packets)
      << "},\n";
  write_fields(out, "route_fields",
               {"from_core", "to_core", "hops", "neurons", "entries", "packets_per_step", "tiles"});
  write_tuples(out, "routes", routes.size(), [&](std::size_t i) {
    const mapper::CoreRoute& r = routes[i];
    out << "[" << r.from_core << ", " << r.to_core << ", " << r.hops << ", " << r.neurons << ", " << r.entries << ", "
        << number(r.packets_per_step) << ", [";
    const std::vector<uint32_t> tiles =
        mapper::xy_route(g, r.from_core / g.cores_per_tile, r.to_core / g.cores_per_tile);
    for (std::size_t k = 0; k < tiles.size(); ++k) out << (k ? ", " : "") << tiles[k];
    out << "]]";
  }, true);
  out << "}\n";
}

std::vector<std::pair<std::string, std::string>> mapper_dump_files(const MapperDumps& dumps,
                                                                   const MapperProductsHeader& header,
                                                                   const MappedNetwork& network,
                                                                   const mapper::AtomNetwork& atoms,
                                                                   const mapper::MappingResult& result) {
  std::vector<std::pair<std::string, std::string>> files;
  auto add = [&](const char* name, auto&& write) {
    std::ostringstream text;
    write(text);
    files.emplace_back(name, text.str());
  };
  const model::ChipGeometry& g = result.image.geometry;
  if (dumps.atoms) add(run_files::kAtoms, [&](std::ostream& o) { write_atoms_json(o, header, network, atoms); });
  if (dumps.partition)
    add(run_files::kPartition, [&](std::ostream& o) { write_partition_json(o, header, network, atoms, result.partition); });
  if (dumps.placement)
    add(run_files::kPlacement, [&](std::ostream& o) { write_placement_json(o, header, g, result.placement); });
  if (dumps.routes) add(run_files::kRoutes, [&](std::ostream& o) { write_routes_json(o, header, g, result.routes); });
  return files;
}

const std::vector<std::string>& mapper_dump_names() {
  static const std::vector<std::string> names = {"atoms", "partition", "placement", "routes"};
  return names;
}

MapperDumps parse_mapper_dumps(const std::string& list, const std::string& option) {
  MapperDumps dumps;
  std::size_t start = 0;
  for (int index = 0;; ++index) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    if (name == "atoms") dumps.atoms = true;
    else if (name == "partition") dumps.partition = true;
    else if (name == "placement") dumps.placement = true;
    else if (name == "routes") dumps.routes = true;
    else {
      std::string valid;
      for (const std::string& n : mapper_dump_names()) valid += (valid.empty() ? "" : ", ") + n;
      throw model::InputError({{"CLI-0101", option + " " + list,
                                "entry " + std::to_string(index + 1) + ": expected one of " + valid +
                                    " (comma-separated), found " + (name.empty() ? "an empty name" : quoted(name))}});
    }
    if (comma == list.size()) break;
    start = comma + 1;
  }
  return dumps;
}

}  // namespace axomesh::flows
