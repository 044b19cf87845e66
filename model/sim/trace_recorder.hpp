// TraceRecorder -- records what a network's probes ask for, step by step, from any
// simulator that can show each population's spikes and state after a step.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network/network.hpp"
#include "model/base/spike_trace.hpp"

namespace axomesh::model {

class TraceRecorder {
 public:
  // Probes name populations of `network`; the network must be valid.
  explicit TraceRecorder(const Network& network);

  // After each step: the spiking neurons (ascending) and state of population `pop`.
  void record_spikes(std::size_t pop, const std::vector<uint32_t>& spiked);
  void record_state(std::size_t pop, const std::vector<int32_t>& u, const std::vector<int32_t>& v);
  void end_step();

  const SpikeTrace& trace() const { return trace_; }
  SpikeTrace take() { return std::move(trace_); }

 private:
  struct SpikeChannel {
    std::size_t record;
    std::vector<uint32_t> sorted_neurons;  // empty: all neurons
  };
  struct StateChannel {
    std::size_t record;
    StateField field;
  };
  std::vector<std::vector<SpikeChannel>> spike_channels_;  // per population
  std::vector<std::vector<StateChannel>> state_channels_;  // per population
  SpikeTrace trace_;
};

}  // namespace axomesh::model
