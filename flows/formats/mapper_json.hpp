// The mapper's intermediate products as JSON (docs/mapper-products.md), for reading what
// each stage decided: the atoms and their graph (legalize), the logical cores (partition),
// where each core sits on the mesh (place) and the XY routes between cores (route). Keys
// come in a fixed order; arrays of records are written as one tuple per line with their
// field names beside them, so that a file grows with the atoms, cores or routes and never
// with the neurons or synapses. Write-only: nothing reads them back.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "mapper/map_network.hpp"
#include "model/network/network.hpp"

namespace axomesh::flows {

// Who made the products; written at the top of every file.
struct MapperProductsHeader {
  std::string network;   // the network's name
  std::string target;    // the target's name
  std::string strategy;  // "axomesh" (the graph mapper) or "baseline"
};

// What the mapped network holds: `mapped` is the network the atoms describe (the input,
// or the input with the splitter populations legalize added after its `own_populations`).
struct MappedNetwork {
  const model::Network* mapped = nullptr;
  std::size_t own_populations = 0;
};

// atoms.json: every population's atom size and first atom, every atom's slice and
// resources, and every edge of the atom graph (expected spikes per step), sorted.
void write_atoms_json(std::ostream& out, const MapperProductsHeader& header, const MappedNetwork& network,
                      const mapper::AtomNetwork& atoms);
// partition.json: every logical core with its neurons as slices [population, first, count].
void write_partition_json(std::ostream& out, const MapperProductsHeader& header, const MappedNetwork& network,
                          const mapper::AtomNetwork& atoms, const mapper::Partition& partition);
// placement.json: every logical core's physical core, tile and mesh coordinates.
void write_placement_json(std::ostream& out, const MapperProductsHeader& header, const model::ChipGeometry& geometry,
                          const mapper::Placement& placement);
// routes.json: every route between physical cores with its XY path of tiles.
void write_routes_json(std::ostream& out, const MapperProductsHeader& header, const model::ChipGeometry& geometry,
                       const std::vector<mapper::CoreRoute>& routes);

// The products `axomesh map --dump` can write, by name.
struct MapperDumps {
  bool atoms = false, partition = false, placement = false, routes = false;
  bool any() const { return atoms || partition || placement || routes; }
};

// The files asked for, each (file name, text), made from our mapping: `result` is what
// map_network returned for `atoms`.
std::vector<std::pair<std::string, std::string>> mapper_dump_files(const MapperDumps& dumps,
                                                                   const MapperProductsHeader& header,
                                                                   const MappedNetwork& network,
                                                                   const mapper::AtomNetwork& atoms,
                                                                   const mapper::MappingResult& result);

// The names, in the order the files are written.
const std::vector<std::string>& mapper_dump_names();

// "partition,placement,routes[,atoms]" in any order; throws model::InputError (CLI-0101)
// at `option` naming the valid names when an entry is empty or unknown.
MapperDumps parse_mapper_dumps(const std::string& list, const std::string& option = "--dump");

}  // namespace axomesh::flows
