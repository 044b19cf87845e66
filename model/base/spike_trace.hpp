// SpikeTrace -- what a simulation recorded: the spikes and state series the network's
// probes ask for, step by step. Produced by NetworkSim (and ChipSim), compared by tests
// and co-simulation, written by flows/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace axomesh::model {

struct SpikeRecord {
  std::string population;
  std::vector<uint32_t> neurons;        // the recorded neurons; empty means all
  std::vector<uint64_t> step_begin{0};  // spikes of step s: neuron[step_begin[s] .. step_begin[s+1])
  std::vector<uint32_t> neuron;

  uint64_t steps() const { return step_begin.size() - 1; }
  uint64_t count() const { return neuron.size(); }
};

enum class StateField { U, V };

struct StateRecord {
  std::string population;
  StateField field = StateField::V;
  std::vector<uint32_t> neurons;  // the recorded neurons, in probe order
  std::vector<int32_t> values;    // values[step * neurons.size() + k]

  int32_t at(uint64_t step, std::size_t k) const { return values[step * neurons.size() + k]; }
};

struct SpikeTrace {
  uint64_t steps = 0;
  std::vector<SpikeRecord> spikes;
  std::vector<StateRecord> states;
};

}  // namespace axomesh::model
