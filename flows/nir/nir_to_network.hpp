// Quantisation of a folded NIR graph into axomesh's fixed point (model::Network of
// Loihi CUBA LIF neurons): time constants become 12-bit decays, each population gets one
// scale S (fixed-point units of v per NIR unit of v) chosen to use the 24-bit state
// without overflow, and each projection's weights become 8-bit mantissas with one
// exponent chosen to use the available bits. docs/nir-import.md gives every formula.
// What is lost is measured and returned: per projection the weight error, per population
// the decay and threshold error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/nir/nir_network.hpp"
#include "model/network/network.hpp"

namespace axomesh::flows {

struct QuantisationOptions {
  int num_weight_bits = 8;  // the target's max_weight_bits
  int max_delay = 62;       // the target's, in steps
};

struct ProjectionQuantisation {
  std::string name, pre, post;
  uint64_t synapses = 0;
  int weight_exp = 0;
  double max_relative_error = 0;  // max |w_q - w| / max |w|
  double rms_relative_error = 0;  // sqrt(sum (w_q - w)^2 / sum w^2)
  uint64_t clipped = 0;           // weights beyond the largest mantissa
  uint64_t flushed = 0;           // non-zero weights that became 0
};

struct PopulationQuantisation {
  std::string name;
  NirNeuron kind = NirNeuron::LIF;
  double scale = 1;                 // S: fixed units of v per NIR unit of v
  double max_tau_mem_error = 0;     // relative error of the effective time constants
  double max_tau_syn_error = 0;
  double max_threshold_error = 0;   // relative
  uint64_t capped_decays = 0;       // neurons whose tau < dt (Euler step capped at 1)
  std::vector<double> offset;       // per neuron: NIR v = fixed v / S + offset
};

struct NirQuantisation {
  model::Network network;  // populations and sources in the order of the NirNetwork
  std::vector<PopulationQuantisation> populations;
  std::vector<ProjectionQuantisation> projections;
  std::vector<std::string> warnings;
};

// Throws InputError (NIR-02xx) for what the target cannot hold (delays beyond max_delay).
// The network's sources are rasters without spikes, named after the Input nodes; every
// population is probed for spikes, non-spiking ones for v too.
NirQuantisation quantise_nir_network(const NirNetwork& net, const QuantisationOptions& options);

// A decoded v in NIR units: v_fixed / S + the offset the quantisation shifted it by.
double decode_voltage(const NirPopulation& pop, const PopulationQuantisation& q, uint32_t neuron, int32_t v_fixed);

}  // namespace axomesh::flows
