// Soft winner-take-all network builder: pools of excitatory loihi_lif neurons, each driven
// by its own Poisson input channel and exciting itself, and one shared inhibitory pool
// that every excitatory neuron excites and that inhibits every excitatory neuron back --
// the recurrent excitation + global inhibition circuit of mixed-signal neuromorphic
// processors (Indiveri et al.). The pool with the strongest input is amplified by its
// self-excitation and, through the shared inhibition, silences the others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network/network.hpp"

namespace axomesh::model {

struct SoftWtaParams {
  std::string name = "soft-wta";
  std::vector<double> input_rates_hz{10.0, 20.0, 30.0, 40.0};  // one pool per input channel
  uint32_t pool_size = 8;         // excitatory neurons per pool (and Poisson sources per channel)
  uint32_t inhibitory_size = 8;
  double dt_ms = 1.0;             // step of the Poisson inputs
  uint64_t input_seed = 1000;     // channel c is seeded input_seed + c
  // Input: source i of a channel drives neurons (i + k) % pool_size of its pool, k <
  // input_fanout, with delay k.
  uint32_t input_fanout = 4;
  int32_t input_weight = 100;
  LoihiLifParams excitatory;      // defaults below: du 1024, dv 256, vth 250
  LoihiLifParams inhibitory;      // du 2048, dv 512, vth 300
  // Every excitatory neuron -> every inhibitory neuron (dense, with a delay).
  int32_t excitation_weight = 80;
  uint32_t excitation_delay = 1;
  // Every inhibitory neuron -> every excitatory neuron (dense).
  int32_t inhibition_weight = -120;
  int inhibition_weight_exp = 1;
  // Within a pool, every neuron -> every other neuron (sparse, with a delay).
  int32_t recurrent_weight = 24;
  uint32_t recurrent_delay = 2;
  // Switches for comparisons: without inhibition the exc<->inh projections are left out
  // (the inhibitory pool stays, silent); without recurrence the pool self-excitation is.
  bool inhibition = true;
  bool recurrence = true;

  SoftWtaParams();
};

// Populations "exc" (pool c is neurons c * pool_size ..) and "inh"; sources "input<c>";
// probes: exc spikes, v of each pool's first neuron, inh spikes.
Network build_soft_wta(const SoftWtaParams& params);

}  // namespace axomesh::model
