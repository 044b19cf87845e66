// axomesh sanafe: runs a SANA-FE workload (architecture and mapped network YAML files)
// bit-accurately on the imported chip and prints every count and energy category.
#include <iostream>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/sanafe/sanafe_run.hpp"

namespace axomesh::flows {

int sanafe_command(int argc, char** argv) {
  cxxopts::Options options("axomesh sanafe",
                           "Run a SANA-FE workload: import its architecture (cost table) and its mapped network, "
                           "simulate bit-accurately in Loihi fixed point, and report synaptic events, messages, "
                           "spikes, neuron updates, hops, energy by category and simulated time "
                           "(docs/sanafe-import.md).");
  options.add_options()
    ("arch", "SANA-FE architecture YAML file", cxxopts::value<std::string>())
    ("network", "SANA-FE network YAML file (with mappings: for --placement given)", cxxopts::value<std::string>())
    ("steps", "steps to simulate", cxxopts::value<uint64_t>()->default_value("1000"))
    ("placement", "given (the file's mapping) or ours (axomesh's mapper)",
     cxxopts::value<std::string>()->default_value("given"))
    ("h,help", "show this help");
  options.parse_positional({"arch", "network"});
  options.positional_help("ARCH.yaml NET.yaml");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("arch") || !args.count("network")) {
    std::cerr << "error: axomesh sanafe needs an architecture file and a network file\n\n" << options.help() << "\n";
    return 2;
  }
  SanafeRunOptions run_options;
  run_options.steps = args["steps"].as<uint64_t>();
  const std::string placement = args["placement"].as<std::string>();
  if (placement == "ours") run_options.placement = SanafePlacement::Ours;
  else if (placement != "given") {
    std::cerr << "error: --placement: expected given or ours, found \"" << placement << "\"\n";
    return 2;
  }
  if (run_options.steps == 0 || run_options.steps > 100'000'000) {
    std::cerr << "error: --steps: expected 1..100000000\n";
    return 2;
  }
  const SanafeRun run = run_sanafe(args["arch"].as<std::string>(), args["network"].as<std::string>(), run_options);
  std::cout << sanafe_report_text(run);
  return 0;
}

}  // namespace axomesh::flows
