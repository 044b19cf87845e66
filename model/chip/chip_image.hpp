// model::ChipImage -- the exact content of every core's memories and routing tables after
// mapping: the hand-off point. ChipSim executes it, rtl_gen writes it as memory files,
// cosim loads it into both. Values are stored as the hardware holds them: weights already
// effective (sign mode, clip, truncation) and aligned to the receiving neuron's
// accumulator unit, so a core only adds and shifts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/chip/learning_image.hpp"
#include "model/network/network.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model {

struct ChipGeometry {
  uint32_t mesh_width = 1;
  uint32_t mesh_height = 1;
  uint32_t cores_per_tile = 1;
  uint32_t core_count() const { return mesh_width * mesh_height * cores_per_tile; }
  bool operator==(const ChipGeometry& o) const {
    return mesh_width == o.mesh_width && mesh_height == o.mesh_height && cores_per_tile == o.cores_per_tile;
  }
};

// One neuron (compartment) of a core: Loihi LIF parameters and initial state.
struct NeuronEntry {
  int32_t du = 0, dv = 0, vth = 0, bias_mant = 0, bias_exp = 0;
  int32_t u_init = 0, v_init = 0;
  int32_t input_shift = 0;  // a_in = accumulator >> input_shift (0..8)
  bool operator==(const NeuronEntry& o) const {
    return du == o.du && dv == o.dv && vth == o.vth && bias_mant == o.bias_mant && bias_exp == o.bias_exp &&
           u_init == o.u_init && v_init == o.v_init && input_shift == o.input_shift;
  }
};

struct SynapseEntry {
  uint32_t neuron = 0;  // core-local target neuron
  int16_t weight = 0;   // in the target neuron's accumulator units
  uint8_t delay = 0;    // 0..62
  bool operator==(const SynapseEntry& o) const { return neuron == o.neuron && weight == o.weight && delay == o.delay; }
};

// An input axon: the synapse list [first, first + count) that one incoming spike drives.
struct AxonEntry {
  uint32_t first = 0;
  uint32_t count = 0;
  bool operator==(const AxonEntry& o) const { return first == o.first && count == o.count; }
};

// A routing-table entry: the spike goes to input axon `axon` of core `core`.
struct Destination {
  uint32_t core = 0;
  uint32_t axon = 0;
  bool operator==(const Destination& o) const { return core == o.core && axon == o.axon; }
};

// Fan-out lists: the destinations of item i are entries[begin[i] .. begin[i+1]).
struct FanoutTable {
  std::vector<uint32_t> begin{0};
  std::vector<Destination> entries;
  std::size_t items() const { return begin.size() - 1; }
  bool operator==(const FanoutTable& o) const { return begin == o.begin && entries == o.entries; }
};

// One neuron of a truenorth core: its configuration and initial V (docs/truenorth-neuron.md).
struct TrueNorthNeuronEntry {
  truenorth::NeuronParams params;
  int32_t v_init = 0;
  bool operator==(const TrueNorthNeuronEntry& o) const { return params == o.params && v_init == o.v_init; }
};

// A core runs one neuron model. A loihi_lif core keeps its neurons in `neurons`; a
// truenorth core (TrueNorthCore below) keeps them in `truenorth.neurons`, and its synapse
// lists are crossbar rows: every entry has weight 1 (the bit is set) and its axon's delay;
// the weight added is the target neuron's s_G for the axon's type.
struct TrueNorthCore {
  std::vector<TrueNorthNeuronEntry> neurons;
  std::vector<uint8_t> axon_types;  // 0..3, one per input axon
  uint32_t lfsr_state = 1;          // the core's one LFSR (a 256-neuron block's generator)
  bool operator==(const TrueNorthCore& o) const {
    return neurons == o.neurons && axon_types == o.axon_types && lfsr_state == o.lfsr_state;
  }
};

struct CoreImage {
  NeuronModel model = NeuronModel::LoihiLif;
  TrueNorthCore truenorth;  // truenorth cores only
  std::size_t neuron_count() const { return model == NeuronModel::TrueNorth ? truenorth.neurons.size() : neurons.size(); }
  std::vector<NeuronEntry> neurons;
  std::vector<AxonEntry> axons;
  std::vector<SynapseEntry> synapses;
  FanoutTable fanout;  // per neuron
  // Neuron runs with an adaptive threshold, and per input axon its short-term depression
  // (empty when no axon of the core has any; utilization 0 marks a static axon).
  std::vector<AdaptiveGroup> adaptive;
  std::vector<DepressionParams> axon_depression;
  CoreLearning learning;  // plastic synapses (model/chip/learning_image.hpp); empty when none
  bool operator==(const CoreImage& o) const {
    return model == o.model && truenorth == o.truenorth && neurons == o.neurons && axons == o.axons &&
           synapses == o.synapses && fanout == o.fanout &&
           adaptive == o.adaptive && axon_depression == o.axon_depression &&
           learning == o.learning;
  }
};

// Where a network neuron lives on the chip.
struct NeuronAddress {
  uint32_t core = 0;
  uint32_t neuron = 0;
  bool operator==(const NeuronAddress& o) const { return core == o.core && neuron == o.neuron; }
};

struct ChipImage {
  ChipGeometry geometry;
  // Core c sits on tile (c / cores_per_tile); tile t at x = t % mesh_width,
  // y = t / mesh_width. Unused cores are empty.
  std::vector<CoreImage> cores;
  // Off-chip stimulus: the network's spike sources, and per source group the fan-out of
  // each of its sources into the chip.
  std::vector<SpikeSource> stimulus;
  std::vector<FanoutTable> stimulus_fanout;
  // For reading results back: each population's neurons, in network order.
  std::vector<std::string> population_names;
  std::vector<std::vector<NeuronAddress>> population_addresses;

  bool operator==(const ChipImage& o) const {
    return geometry == o.geometry && cores == o.cores && stimulus == o.stimulus && stimulus_fanout == o.stimulus_fanout &&
           population_names == o.population_names && population_addresses == o.population_addresses;
  }
  uint32_t tile_of(uint32_t core) const { return core / geometry.cores_per_tile; }
  uint32_t x_of(uint32_t core) const { return tile_of(core) % geometry.mesh_width; }
  uint32_t y_of(uint32_t core) const { return tile_of(core) / geometry.mesh_width; }
};

}  // namespace axomesh::model
