// One simulation run as the CLI does it: NetworkSim over N steps, timed, with the trace,
// the activity totals, and a short human summary.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/base/activity_stats.hpp"
#include "model/network/network.hpp"
#include "model/base/spike_trace.hpp"

namespace axomesh::flows {

struct SimulationResult {
  model::SpikeTrace trace;
  model::ActivityStats stats;
  uint64_t steps = 0;
  uint64_t neurons = 0;
  uint64_t synapses = 0;
  double wall_seconds = 0.0;  // the step loop only
  // The final weights of each plastic projection (name, weights in the network's layout).
  std::vector<std::pair<std::string, std::vector<int32_t>>> learned_weights;
};

SimulationResult run_simulation(const model::Network& network, uint64_t steps,
                                const std::function<void(uint64_t)>& progress = {});

// Parses "POP", "POP:FIELDS" or "POP:FIELDS:NEURONS" (FIELDS like "spikes,v", NEURONS
// like "0,5,7"); throws model::InputError (CLI-0001) on a malformed one.
model::Probe parse_probe_option(const std::string& text);

void print_summary(std::ostream& out, const model::Network& network, const SimulationResult& result);
nlohmann::json stats_to_json(const model::ActivityStats& stats);

}  // namespace axomesh::flows
