// How well the bit-accurate model of an imported NIR graph follows the float reference:
// both run on the same input, and per population the spikes (count correlation over
// neurons, exactly coinciding spikes) or, for non-spiking populations and for spiking ones
// where neither model spiked, the potentials (relative RMS error and correlation; max and
// mean absolute difference in NIR units) are compared; with the quantisation's weight errors.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "flows/nir/nir_reference_sim.hpp"
#include "flows/nir/nir_to_network.hpp"
#include "model/base/spike_trace.hpp"

namespace axomesh::flows {

struct PopulationAgreement {
  std::string name;
  NirNeuron kind = NirNeuron::LIF;
  bool output = false;
  uint32_t size = 0;
  // Spiking populations.
  uint64_t reference_spikes = 0, fixed_spikes = 0;
  double count_correlation = 0;  // Pearson over neurons of the spike counts (1 if both constant and equal)
  double coincidence = 0;        // |same (step, neuron)| / |either|; meaningless when neither spikes
  // False when neither model spiked: the spike figures say nothing, v is compared instead.
  bool spikes_compared = true;
  // Spiking populations: |v_fixed - v_float| over neurons and steps, in NIR units.
  double v_max_abs_difference = 0, v_mean_abs_difference = 0;
  // Non-spiking populations (v decoded to NIR units).
  double v_relative_rms_error = 0;
  double v_correlation = 0;
};

struct NirImportReport {
  uint64_t steps = 0;
  std::vector<PopulationAgreement> populations;
};

// The fixed-point run's activity in NIR terms (spike lists, decoded v).
std::vector<PopulationActivity> decode_fixed_run(const NirNetwork& net, const NirQuantisation& q,
                                                 const model::SpikeTrace& trace);

NirImportReport compare_runs(const NirNetwork& net, const std::vector<PopulationActivity>& reference,
                             const std::vector<PopulationActivity>& fixed, uint64_t steps);

// Pearson correlation; 1 when both are constant and equal, 0 when one only is constant.
double correlation(const std::vector<double>& a, const std::vector<double>& b);

void print_import_report(std::ostream& out, const NirNetwork& net, const NirQuantisation& q,
                         const NirImportReport& report);
nlohmann::json import_report_to_json(const NirNetwork& net, const NirQuantisation& q, const NirImportReport& report);

}  // namespace axomesh::flows
