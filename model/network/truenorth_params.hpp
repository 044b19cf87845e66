// A truenorth population's per-neuron fields (model::TrueNorthParams, shared or per neuron)
// as the configuration of one neuron of the block (flags are 0 or 1). One decoding for
// NetworkSim and the HLS kernel.
#pragma once

#include <cstdint>

#include "model/network/network.hpp"
#include "model/blocks/truenorth_neuron.hpp"

namespace axomesh::model {

inline truenorth::NeuronParams truenorth_neuron_params(const TrueNorthParams& tn, uint32_t n) {
  truenorth::NeuronParams p;
  for (std::size_t g = 0; g < p.weight.size(); ++g) {
    p.weight[g] = tn.weight[g][n];
    p.stochastic_weight[g] = tn.stochastic_weight[g][n] != 0;
  }
  p.leak = tn.leak[n];
  p.stochastic_leak = tn.stochastic_leak[n] != 0;
  p.leak_reversal = tn.leak_reversal[n] != 0;
  p.threshold = tn.threshold[n];
  p.negative_threshold = tn.negative_threshold[n];
  p.threshold_mask_bits = tn.threshold_mask_bits[n];
  p.reset_potential = tn.reset_potential[n];
  p.reset_mode = static_cast<truenorth::ResetMode>(tn.reset_mode[n]);
  p.negative_saturate = tn.negative_saturate[n] != 0;
  return p;
}

}  // namespace axomesh::model
