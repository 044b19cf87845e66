// The floating-point reference simulation of a folded NIR graph: NIR's ODEs discretised
// by forward Euler with step dt (docs/nir-import.md), in double precision, with the
// hardware's timing (a spike sent in step t reaches its targets in step t + 1 + delay).
// The bit-accurate Loihi model of the same graph is measured against it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "flows/nir/nir_network.hpp"

namespace axomesh::flows {

// Spike times of one input node: per input element, ascending steps.
using NirRaster = std::vector<std::vector<uint32_t>>;

// What one population did in a run (the reference, or the bit-accurate model decoded).
struct PopulationActivity {
  std::vector<uint64_t> spike_counts;                 // per neuron
  std::vector<std::pair<uint32_t, uint32_t>> spikes;  // (step, neuron), by step then neuron
  std::vector<double> v;                              // v[step * size + n], if recorded
};

// The fraction of the way to its target a state moves in one step: dt / tau, at most 1
// (forward Euler is unstable beyond; the report warns when it is capped).
double euler_fraction(double dt, double tau);

// Runs `steps` steps of `net` driven by one raster per input node; records v of every
// population (the spiking ones' too: when neither model spikes, v is what is compared).
std::vector<PopulationActivity> run_nir_reference(const NirNetwork& net, const std::vector<NirRaster>& inputs,
                                                  uint64_t steps);

}  // namespace axomesh::flows
