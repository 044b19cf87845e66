#include "model/sim/trace_recorder.hpp"

#include <algorithm>
#include <numeric>

namespace axomesh::model {

TraceRecorder::TraceRecorder(const Network& network)
    : spike_channels_(network.populations.size()), state_channels_(network.populations.size()) {
  for (const Probe& probe : network.probes) {
    const std::size_t pop = *network.find_population(probe.target);
    const uint32_t size = network.populations[pop].size;
    std::vector<uint32_t> neurons = probe.neurons;
    if (probe.spikes) {
      SpikeChannel channel{trace_.spikes.size(), neurons};
      std::sort(channel.sorted_neurons.begin(), channel.sorted_neurons.end());
      trace_.spikes.push_back(SpikeRecord{probe.target, neurons, {0}, {}});
      spike_channels_[pop].push_back(std::move(channel));
    }
    if (neurons.empty()) {
      neurons.resize(size);
      std::iota(neurons.begin(), neurons.end(), 0u);
    }
    for (auto [wanted, field] : {std::pair{probe.u, StateField::U}, std::pair{probe.v, StateField::V}}) {
      if (!wanted) continue;
      state_channels_[pop].push_back({trace_.states.size(), field});
      trace_.states.push_back(StateRecord{probe.target, field, neurons, {}});
    }
  }
}

void TraceRecorder::record_spikes(std::size_t pop, const std::vector<uint32_t>& spiked) {
  for (const SpikeChannel& channel : spike_channels_[pop]) {
    auto& out = trace_.spikes[channel.record].neuron;
    const auto& only = channel.sorted_neurons;
    for (uint32_t n : spiked)
      if (only.empty() || std::binary_search(only.begin(), only.end(), n)) out.push_back(n);
  }
}

void TraceRecorder::record_state(std::size_t pop, const std::vector<int32_t>& u, const std::vector<int32_t>& v) {
  for (const StateChannel& channel : state_channels_[pop]) {
    StateRecord& record = trace_.states[channel.record];
    const std::vector<int32_t>& source = channel.field == StateField::U ? u : v;
    for (uint32_t n : record.neurons) record.values.push_back(source[n]);
  }
}

void TraceRecorder::end_step() {
  for (SpikeRecord& record : trace_.spikes) record.step_begin.push_back(record.neuron.size());
  ++trace_.steps;
}

}  // namespace axomesh::model
