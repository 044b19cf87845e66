#include <iostream>

#include <cxxopts.hpp>

#include "flows/cli.hpp"
#include "flows/file_io.hpp"
#include "flows/network_json.hpp"
#include "flows/simulation_run.hpp"
#include "flows/stages.hpp"
#include "flows/trace_io.hpp"
#include "model/network_validate.hpp"

namespace axomesh::flows {

static bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

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
    log << "trace written to " << *trace_file << "\n";
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

int simulate_command(int argc, char** argv) {
  cxxopts::Options options("axomesh simulate",
                           "Simulate a network bit-accurately (Loihi CUBA LIF fixed point) and write its trace.");
  options.add_options()
    ("network", "network JSON file (docs/network-format.md)", cxxopts::value<std::string>())
    ("n,steps", "number of timesteps", cxxopts::value<uint64_t>())
    ("p,probe", "record POP[:FIELDS[:NEURONS]], e.g. exc:spikes,v:0,1,2 (repeatable; adds to the file's probes)",
     cxxopts::value<std::vector<std::string>>())
    ("o,out", "trace file to write (JSON, or CSV when it ends in .csv)", cxxopts::value<std::string>())
    ("format", "trace format: json or csv (default: from --out)", cxxopts::value<std::string>())
    ("stats", "write activity counts per population and step as JSON to this file", cxxopts::value<std::string>())
    ("weights", "write the final weights of the plastic projections as JSON to this file", cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"network"});
  options.positional_help("NET.json --steps N");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("network") || !args.count("steps")) {
    std::cerr << "error: axomesh simulate needs a network file and --steps N\n\n" << options.help() << "\n";
    return 2;
  }
  const uint64_t steps = args["steps"].as<uint64_t>();
  const std::string out = args.count("out") ? args["out"].as<std::string>() : "";
  TraceFormat format = ends_with(out, ".csv") ? TraceFormat::Csv : TraceFormat::Json;
  if (args.count("format")) {
    const std::string f = args["format"].as<std::string>();
    if (f != "json" && f != "csv")
      throw model::InputError({{"CLI-0002", "--format", "expected json or csv, found \"" + f + "\""}});
    format = f == "csv" ? TraceFormat::Csv : TraceFormat::Json;
  }

  model::Network network = load_network(args["network"].as<std::string>());
  if (args.count("probe"))
    for (const std::string& spec : args["probe"].as<std::vector<std::string>>())
      network.probes.push_back(parse_probe_option(spec));
  model::require_valid(network, "--probe");

  run_simulate_stage(network, steps, out.empty() ? std::nullopt : std::optional<std::string>(out), format,
                     args.count("stats") ? std::optional<std::string>(args["stats"].as<std::string>()) : std::nullopt,
                     std::cout,
                     args.count("weights") ? std::optional<std::string>(args["weights"].as<std::string>()) : std::nullopt);
  return 0;
}

}  // namespace axomesh::flows
