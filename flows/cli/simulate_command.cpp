// `axomesh simulate`: options for the simulate stage (flows/stages/simulate_stage.cpp).
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/trace_io.hpp"
#include "flows/stages/simulation_run.hpp"
#include "flows/stages/stages.hpp"
#include "model/network/network_validate.hpp"

namespace axomesh::flows {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int simulate_command(int argc, char** argv) {
  cxxopts::Options options("axomesh simulate",
                           "Simulate a network bit-accurately (Loihi CUBA LIF fixed point) and write its trace.");
  options.add_options()
    ("network", "network JSON file (docs/network-format.md)", cxxopts::value<std::string>())
    ("n,steps", "number of timesteps", cxxopts::value<uint64_t>())
    ("p,probe", "record POP[:FIELDS[:NEURONS]], e.g. exc:spikes,v:0,1,2 (repeatable; adds to the file's probes)",
     cxxopts::value<std::vector<std::string>>())
    ("o,out", "trace file to write (JSON, or CSV when it ends in .csv); - writes the trace to standard output and "
              "the summary to standard error", cxxopts::value<std::string>())
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
                     out == "-" ? std::cerr : std::cout,  // stdout holds the trace alone
                     args.count("weights") ? std::optional<std::string>(args["weights"].as<std::string>()) : std::nullopt);
  return 0;
}

}  // namespace axomesh::flows
