// targets::Target -- one chip: its mesh, its cores' capacities and widths, and (for the
// energy and latency models) its per-operation figures, each with its source. Loaded
// from targets/*.json (docs/target-format.md) by target_json.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace axomesh::targets {

// A number from a target file with where it comes from. `estimate` marks figures that are
// not published for the chip; `source` then says how they were derived.
struct Figure {
  double value = 0.0;
  std::string source;
  bool estimate = false;
  bool operator==(const Figure& o) const { return value == o.value && source == o.source && estimate == o.estimate; }
  bool operator!=(const Figure& o) const { return !(*this == o); }
};

// How synapse memory is counted: each synapse takes weight + delay + index bits, and each
// input axon's synapse list a header of `axon_header_bits` (e.g. its start and length).
struct SynapseEncoding {
  int weight_bits = 8;
  int delay_bits = 6;
  int index_bits = 10;  // enough for neurons_per_core
  int axon_header_bits = 0;
  int bits_per_synapse() const { return weight_bits + delay_bits + index_bits; }
  bool operator==(const SynapseEncoding& o) const {
    return weight_bits == o.weight_bits && delay_bits == o.delay_bits && index_bits == o.index_bits &&
           axon_header_bits == o.axon_header_bits;
  }
  bool operator!=(const SynapseEncoding& o) const { return !(*this == o); }
};

struct CoreCapacity {
  uint32_t neurons = 0;              // neurons (compartments) per core
  uint32_t input_axons = 0;          // distinct presynaptic sources a core can receive from
  uint64_t synapse_memory_bits = 0;  // synaptic memory per core
  uint32_t fanout_entries = 0;       // output routing-table entries per core (one per
                                     // neuron and destination core)
  bool operator==(const CoreCapacity& o) const {
    return neurons == o.neurons && input_axons == o.input_axons && synapse_memory_bits == o.synapse_memory_bits &&
           fanout_entries == o.fanout_entries;
  }
  bool operator!=(const CoreCapacity& o) const { return !(*this == o); }
};

struct Target {
  std::string name;
  std::string description;
  // The mesh is of tiles; each tile holds `cores_per_tile` cores sharing one router.
  uint32_t mesh_width = 1;
  uint32_t mesh_height = 1;
  uint32_t cores_per_tile = 1;
  CoreCapacity core;
  SynapseEncoding synapse;
  std::vector<std::string> neuron_models;  // e.g. {"loihi_lif"}
  int state_bits = 24;         // width of u and v
  int max_weight_bits = 8;     // largest num_weight_bits supported
  int max_delay = 62;          // largest synaptic delay in steps
  bool one_destination_per_neuron = false;  // TrueNorth: fan-out needs splitter neurons
  // Per-operation energy (J), time (s) and static power (W) figures, by operation name
  // ("synaptic_op", "neuron_update_active", "hop_east_west", ...); the energy and latency
  // models define which names they read.
  std::map<std::string, Figure> energy;
  std::map<std::string, Figure> time;
  std::map<std::string, Figure> power;
  // Capacity figures' sources, by field name ("neurons", "input_axons", ...).
  std::map<std::string, Figure> capacity_sources;

  uint32_t tile_count() const { return mesh_width * mesh_height; }
  uint32_t core_count() const { return tile_count() * cores_per_tile; }
  bool supports(const std::string& neuron_model) const;
  bool operator==(const Target& o) const {
    return name == o.name && description == o.description && mesh_width == o.mesh_width &&
           mesh_height == o.mesh_height && cores_per_tile == o.cores_per_tile && core == o.core &&
           synapse == o.synapse && neuron_models == o.neuron_models && state_bits == o.state_bits &&
           max_weight_bits == o.max_weight_bits && max_delay == o.max_delay &&
           one_destination_per_neuron == o.one_destination_per_neuron && energy == o.energy && time == o.time &&
           power == o.power && capacity_sources == o.capacity_sources;
  }
  bool operator!=(const Target& o) const { return !(*this == o); }
};

}  // namespace axomesh::targets
