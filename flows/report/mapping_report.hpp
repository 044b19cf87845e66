// The mapping report: the figures of one or more mappings of a network onto a target, side
// by side (axomesh's graph mapper first, then the baseline), as JSON for tools and as a
// readable text table with the ratio ours/baseline and the fullest cores of our mapping.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mapper/map_network.hpp"
#include "targets/target.hpp"

namespace axomesh::flows {

// A strategy that could not map the network, with its error message.
struct StrategyFailure {
  std::string strategy;
  std::string message;
};

struct MappingReport {
  std::string network;  // the network's name
  uint64_t neurons = 0;
  uint64_t synapses = 0;
  targets::Target target;
  uint64_t profile_steps = 0;     // NetworkSim steps that estimated the spike rates
  double legalize_seconds = 0.0;  // shared by all strategies
  std::vector<mapper::MappingMetrics> strategies;  // ours first; ratios are first / second
  std::vector<StrategyFailure> failures;
};

// {"format": "axomesh-mapping-report", "version": 1, ..., "strategies": [{"strategy",
// "cores_used", "mean_utilization", "mean_neuron_utilization", "inter_core_spikes_per_step",
// "hop_traffic_per_step", "max_link_load": {"packets_per_step", "tile", "x", "y",
// "direction"}, "mapping_seconds", "cores": [per used core: counts and "fraction"s]}]}
nlohmann::json mapping_report_json(const MappingReport& report);

// The headline figures side by side, then the ten fullest cores of the first strategy.
std::string mapping_report_text(const MappingReport& report);

}  // namespace axomesh::flows
