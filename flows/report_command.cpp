// axomesh report: runs the chip image that `axomesh map` wrote for N steps (ChipSim),
// prices its activity with the target's figures, and writes the energy and latency report
// (energy.json, energy.md) and its charts (three SVGs) into the same folder. Every output
// is made before any is written, each written atomically.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "flows/cli.hpp"
#include "flows/energy_report.hpp"
#include "flows/file_io.hpp"
#include "flows/link_load.hpp"
#include "flows/mapped_dir.hpp"
#include "flows/stages.hpp"
#include "flows/svg_charts.hpp"
#include "model/chip_sim.hpp"
#include "model/diagnostic.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

uint64_t positive(const cxxopts::ParseResult& args, const char* name) {
  const uint64_t value = args[name].as<uint64_t>();
  if (value == 0)
    throw model::InputError({{"RPT-0002", std::string("--") + name, "expected a count of at least 1, found 0"}});
  return value;
}

// Activity is kept per core and step: refuse runs whose counts would not fit in memory.
void check_run_size(uint64_t steps, std::size_t cores) {
  constexpr uint64_t kMaxRows = 20'000'000;  // core-steps of activity, about 2 GB
  if (steps * cores > kMaxRows)
    throw model::InputError({{"RPT-0005", "--steps",
                              "expected at most " + std::to_string(kMaxRows / std::max<std::size_t>(cores, 1)) +
                                  " steps on a chip of " + std::to_string(cores) + " cores (activity is kept per core "
                                  "and step), found " + std::to_string(steps)}});
}

}  // namespace

StageOutcome run_report_stage(const std::string& dir, uint64_t steps, uint64_t samples,
                              const std::optional<std::string>& target_name, std::ostream& log) {
  if (steps == 0 || samples == 0)
    throw model::InputError(
        {{"RPT-0002", steps == 0 ? "steps" : "samples", "expected a count of at least 1, found 0"}});
  const MappedDir run = load_mapped_dir(dir, target_name);
  check_run_size(steps, run.image.cores.size());

  model::ChipSim chip(run.image);
  const LinkTraffic links = run_counting_link_packets(chip, run.image, steps, progress_bar(steps));
  EnergyReport report = make_energy_report(run.network, run.image, run.target, chip.stats(), samples);
  // Packets per mesh link, for the flow report's mesh drawing.
  report.json["links"] = link_traffic_json(links, run.image.geometry);

  log << energy_report_summary(report.json);
  save_energy_report(report, dir, log);
  StageOutcome outcome;
  outcome.output = (fs::path(dir) / "energy.md").string();
  outcome.key_figure = format_si(report.json["energy_j"]["total"].get<double>(), "J") + " in " +
                       std::to_string(steps) + " steps";
  return outcome;
}

int report_command(int argc, char** argv) {
  cxxopts::Options options(
      "axomesh report",
      "Run the chip image in DIR (written by `axomesh map`) for N steps, estimate its energy and latency with the "
      "target's per-operation figures, compare with a conventional processor (a model), and write DIR/energy.json, "
      "DIR/energy.md, DIR/energy_heatmap.svg, DIR/utilization_heatmap.svg and DIR/energy_breakdown.svg.");
  options.add_options()
    ("dir", "folder written by axomesh map (network.json, chip_image.json, target.json)",
     cxxopts::value<std::string>())
    ("n,steps", "timesteps to run", cxxopts::value<uint64_t>()->default_value("1000"))
    ("samples", "split the run into this many equal samples (inferences) for the energy per sample",
     cxxopts::value<uint64_t>()->default_value("1"))
    ("t,target", "the target, a shipped name or a .json file (default: DIR/target.json)",
     cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"dir"});
  options.positional_help("DIR [--steps N] [--samples K] [--target NAME|FILE]");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("dir")) {
    std::cerr << "error: axomesh report needs the folder that axomesh map wrote\n\n" << options.help() << "\n";
    return 2;
  }
  run_report_stage(args["dir"].as<std::string>(), positive(args, "steps"), positive(args, "samples"),
                   args.count("target") ? std::optional<std::string>(args["target"].as<std::string>()) : std::nullopt,
                   std::cout);
  return 0;
}

}  // namespace axomesh::flows
