// A NIR graph folded into populations and projections, still in NIR's continuous-time
// float parameters: every chain of stateless nodes (Affine, Conv2d, pooling, Flatten,
// Delay, ...) between two neuron nodes becomes one sparse projection with per-synapse
// delays, and the chains' biases become constant input currents of the population they
// feed. Shapes are inferred from the Input nodes and the neuron parameters. This is what
// both the float reference simulation and the quantisation start from.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "flows/nir/nir_graph.hpp"

namespace axomesh::flows {

enum class NirNeuron {
  LIF, CubaLIF, IF, LI, CubaLI, I,
  Threshold,  // stateless: spikes when this step's input exceeds the threshold
  Readout,    // added for an Output fed by a stateless chain: holds this step's input
};
const char* to_string(NirNeuron kind);
bool is_spiking(NirNeuron kind);

struct NirPopulation {
  std::string name;  // the NIR node (for a Readout: the Output node)
  NirNeuron kind = NirNeuron::LIF;
  std::vector<uint64_t> shape;
  uint32_t size = 0;
  // Per neuron, NIR's parameters broadcast to the population (unused ones stay empty):
  // tau_mem is LIF's / LI's tau too; Threshold's threshold is held in v_threshold.
  std::vector<double> tau_mem, tau_syn, r, v_leak, v_threshold, v_reset, w_in;
  std::vector<double> bias;  // constant input per step from the chains' biases
  bool output = false;       // an Output node shows it: probed by the import report
};

struct NirSynapse {
  uint32_t pre = 0;
  uint32_t post = 0;
  uint32_t delay = 0;  // steps (from Delay nodes), on top of the one-step transmission
  double weight = 0.0;
};

struct NirProjection {
  std::string name;      // the folded nodes ("fc1", "4-5"), or "PRE-to-POST" when none
  bool from_input = false;
  std::size_t pre = 0;   // index into inputs (from_input) or populations
  std::size_t post = 0;  // index into populations
  std::vector<NirSynapse> synapses;
};

struct NirInput {
  std::string name;
  std::vector<uint64_t> shape;
  uint32_t size = 0;
};

struct NirNetwork {
  std::string name;
  double dt = 1e-3;
  std::vector<NirInput> inputs;
  std::vector<NirPopulation> populations;
  std::vector<NirProjection> projections;
  // Every node's inferred input and output shape (as NIR's type inference gives them).
  std::map<std::string, std::vector<uint64_t>> input_shape, output_shape;
};

// Folds `graph` for time step `dt` (s). Throws InputError naming the node for what cannot
// be represented: shapes that do not fit, a cycle through stateless nodes only, or the
// graded output of a non-spiking node (LI, CubaLI, I) feeding anything but an Output.
NirNetwork fold_nir_graph(const NirGraph& graph, double dt);

}  // namespace axomesh::flows
