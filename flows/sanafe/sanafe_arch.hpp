// Import of a SANA-FE architecture file (YAML): a mesh of identical tiles of identical
// cores, each core a pipeline of hardware units (axon in, synapse, dendrite, soma, axon
// out) with energy and latency per event, and the barrier sync table. It becomes a
// targets::Target whose figures carry the names our energy model reads
// (docs/sanafe-import.md lists the correspondence); figures our model has no place for
// are listed in `unmodelled`. Errors are model::InputError (SFA-xxxx) with file and line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "flows/sanafe/sanafe_network.hpp"
#include "targets/target.hpp"

namespace axomesh::flows {

struct SanafeUnitFigures {
  std::string model;
  std::map<std::string, double> figures;  // attribute name -> value, e.g. energy_spike_out
};

struct SanafeArchitecture {
  std::string name;
  uint32_t width = 1, height = 1, cores_per_tile = 1, tiles = 1;
  uint32_t neurons_per_core = 1024;
  std::map<std::string, double> tile_figures;     // energy_east_hop, latency_north_hop, ...
  std::map<std::string, SanafeUnitFigures> units;  // by unit name (ranges "x[0..3]" as "x")
  std::vector<std::string> synapse_units, soma_units, axon_in_units, axon_out_units, dendrite_units;  // file order
  std::map<uint32_t, double> sync_table;  // tiles -> barrier seconds (sync_model: table)
  double fixed_sync = 0.0;                // sync_model: fixed
};

SanafeArchitecture read_sanafe_architecture(const std::string& path);

// The Target for a network whose neurons use soma unit `soma_unit` ("" for the first LIF
// unit); `unmodelled` receives one line per figure of the file the target cannot hold.
targets::Target sanafe_target(const SanafeArchitecture& arch, const std::string& soma_unit,
                              std::vector<std::string>& unmodelled);

// Our physical core for a SANA-FE core: tile t sits at x = t / height, y = t % height in
// SANA-FE, and at index y * width + x in our mesh. Throws (SFA-0301) when out of range.
uint32_t physical_core(const SanafeArchitecture& arch, const SanafeCore& core);

}  // namespace axomesh::flows
