// spikeforge report: runs the chip image that `spikeforge map` wrote for N steps (ChipSim),
// prices its activity with the target's figures, and writes the energy and latency report
// (energy.json, energy.md) and its charts (three SVGs) into the same folder. Every output
// is made before any is written, each written atomically.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "flows/chip_image_json.hpp"
#include "flows/cli.hpp"
#include "flows/energy_report.hpp"
#include "flows/file_io.hpp"
#include "flows/network_json.hpp"
#include "flows/target_json.hpp"
#include "mapper/encode.hpp"
#include "model/chip_sim.hpp"
#include "model/diagnostic.hpp"

namespace spikeforge::flows {
namespace fs = std::filesystem;
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return s;
}

// DIR must hold what `spikeforge map` writes (RPT-0001 names every file missing).
void require_map_output(const fs::path& dir, bool need_target) {
  std::vector<std::string> wanted = {"network.json", "chip_image.json"};
  if (need_target) wanted.push_back("target.json");
  std::vector<std::string> missing;
  for (const std::string& name : wanted)
    if (!fs::is_regular_file(dir / name)) missing.push_back(name);
  if (missing.empty()) return;
  const std::string found = !fs::is_directory(dir) ? "no such folder" : "no " + joined(missing);
  throw model::InputError({{"RPT-0001", "",
                            "expected a folder written by `spikeforge map NET.json --target NAME --out " +
                                dir.string() + "` (" + joined(wanted) + "), found " + found}},
                          dir.string());
}

uint64_t positive(const cxxopts::ParseResult& args, const char* name) {
  const uint64_t value = args[name].as<uint64_t>();
  if (value == 0)
    throw model::InputError({{"RPT-0002", std::string("--") + name, "expected a count of at least 1, found 0"}});
  return value;
}

// The image must be the network's, mapped onto this target's geometry.
void check_consistent(const model::Network& network, const model::ChipImage& image, const targets::Target& target,
                      const std::string& image_file) {
  const model::ChipGeometry g = mapper::geometry_of(target);
  if (!(g == image.geometry))
    throw model::InputError(
        {{"RPT-0003", "/geometry",
          "expected the geometry of target " + target.name + " (" + std::to_string(g.mesh_width) + " x " +
              std::to_string(g.mesh_height) + " tiles x " + std::to_string(g.cores_per_tile) + " cores), found " +
              std::to_string(image.geometry.mesh_width) + " x " + std::to_string(image.geometry.mesh_height) +
              " tiles x " + std::to_string(image.geometry.cores_per_tile) + " cores; map the network onto this "
              "target, or pass the target it was mapped onto with --target"}},
        image_file);
  std::vector<std::string> names;
  for (const model::Population& p : network.populations) names.push_back(p.name);
  if (names != image.population_names)
    throw model::InputError({{"RPT-0004", "/populations",
                              "expected the populations of network \"" + network.name + "\" (" + joined(names) +
                                  "), found " + (image.population_names.empty() ? std::string("none")
                                                                                 : joined(image.population_names)) +
                                  "; network.json and chip_image.json come from different runs of spikeforge map"}},
                            image_file);
  for (std::size_t p = 0; p < network.populations.size(); ++p)
    if (image.population_addresses[p].size() != network.populations[p].size)
      throw model::InputError({{"RPT-0004", "/populations/" + std::to_string(p),
                                "expected " + std::to_string(network.populations[p].size) + " neuron addresses for \"" +
                                    network.populations[p].name + "\", found " +
                                    std::to_string(image.population_addresses[p].size()) +
                                    "; network.json and chip_image.json come from different runs of spikeforge map"}},
                              image_file);
  if (!(image.stimulus == network.sources))
    throw model::InputError({{"RPT-0004", "/stimulus",
                              "expected the spike sources of network \"" + network.name +
                                  "\"; network.json and chip_image.json come from different runs of spikeforge map"}},
                            image_file);
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

int report_command(int argc, char** argv) {
  cxxopts::Options options(
      "spikeforge report",
      "Run the chip image in DIR (written by `spikeforge map`) for N steps, estimate its energy and latency with the "
      "target's per-operation figures, compare with a conventional processor (a model), and write DIR/energy.json, "
      "DIR/energy.md, DIR/energy_heatmap.svg, DIR/utilization_heatmap.svg and DIR/energy_breakdown.svg.");
  options.add_options()
    ("dir", "folder written by spikeforge map (network.json, chip_image.json, target.json)",
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
    std::cerr << "error: spikeforge report needs the folder that spikeforge map wrote\n\n" << options.help() << "\n";
    return 2;
  }
  const fs::path dir = args["dir"].as<std::string>();
  const uint64_t steps = positive(args, "steps"), samples = positive(args, "samples");
  const bool own_target = args.count("target") > 0;
  require_map_output(dir, !own_target);

  const model::Network network = load_network((dir / "network.json").string());
  const std::string image_file = (dir / "chip_image.json").string();
  const model::ChipImage image = load_chip_image(image_file);
  const targets::Target target =
      own_target ? resolve_target(args["target"].as<std::string>()) : load_target((dir / "target.json").string());
  check_consistent(network, image, target, image_file);
  check_run_size(steps, image.cores.size());

  model::ChipSim chip(image);
  chip.run(steps, progress_bar(steps));
  const EnergyReport report = make_energy_report(network, image, target, chip.stats(), samples);

  std::cout << energy_report_summary(report.json);
  save_energy_report(report, dir.string(), std::cout);
  return 0;
}

}  // namespace spikeforge::flows
