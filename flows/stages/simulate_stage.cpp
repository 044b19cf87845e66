// The simulate stage: NetworkSim for a number of steps, the trace, the activity and the
// learned weights written when asked for.
#include <iostream>

#include "flows/formats/file_io.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/trace_io.hpp"
#include "flows/stages/progress.hpp"
#include "flows/stages/simulation_run.hpp"
#include "flows/stages/stages.hpp"
#include "model/network/network_validate.hpp"

namespace axomesh::flows {

StageOutcome run_simulate_stage(const model::Network& network, uint64_t steps,
                                const std::optional<std::string>& trace_file, TraceFormat format, const std::optional<std::string>& stats_file, std::ostream& log,
                                const std::optional<std::string>& weights_file) {
  // A network without probes records every population's spikes.
  model::Network probed = network;
  if (probed.probes.empty())
    for (const model::Population& p : probed.populations) probed.probes.push_back({p.name, true, false, false, {}});
  const SimulationResult result = run_simulation(probed, steps, progress_bar(steps));
  print_summary(log, probed, result);
  if (trace_file) {
    save_trace(result.trace, network.name, *trace_file, format);
    log << "trace written to " << (*trace_file == "-" ? "standard output" : *trace_file) << "\n";
  }
  if (stats_file) {
    write_text_file_atomically(*stats_file, stats_to_json(result.stats).dump() + "\n");
    log << "activity written to " << *stats_file << "\n";
  }
  if (weights_file) {
    nlohmann::json projections = nlohmann::json::array();
    for (const auto& [name, weights] : result.learned_weights)
      projections.push_back({{"name", name}, {"weights", weights}});
    write_text_file_atomically(*weights_file, nlohmann::json{{"format", "axomesh-weights"},
                                                             {"version", 1},
                                                             {"steps", steps},
                                                             {"projections", std::move(projections)}}
                                                      .dump() +
                                                  "\n");
    log << "learned weights written to " << *weights_file << "\n";
  }
  uint64_t spikes = 0;
  for (const model::SpikeRecord& r : result.trace.spikes) spikes += r.neuron.size();
  StageOutcome outcome;
  outcome.key_figure = std::to_string(spikes) + " spikes recorded in " + std::to_string(steps) + " steps";
  outcome.output = trace_file ? *trace_file : std::string();
  return outcome;
}

}  // namespace axomesh::flows
