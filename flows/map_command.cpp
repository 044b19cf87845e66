// axomesh map: maps a network onto a target with axomesh's graph mapper and with the
// baseline (one legalization shared by both), and writes the network, our chip image and
// the mapping report, and the target (so that `axomesh report` knows the chip). Nothing
// is written unless every step succeeded.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <cxxopts.hpp>

#include "flows/chip_image_json.hpp"
#include "flows/cli.hpp"
#include "flows/file_io.hpp"
#include "flows/mapping_report.hpp"
#include "flows/network_json.hpp"
#include "flows/stages.hpp"
#include "flows/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/diagnostic.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;

StageOutcome run_map_stage(const model::Network& network, const targets::Target& target, uint64_t profile_steps,
                           const std::string& dir_name, std::ostream& log, const MapperDumps& dumps) {
  const fs::path dir = dir_name;
  mapper::LegalizeOptions legalize_options;
  legalize_options.profile_steps = profile_steps;
  const auto start = std::chrono::steady_clock::now();
  const mapper::AtomNetwork atoms = mapper::legalize(network, target, legalize_options);
  MappingReport report;
  report.legalize_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.network = network.name;
  report.neurons = network.neuron_count();
  report.synapses = network.synapse_count();
  report.target = target;
  report.profile_steps = legalize_options.profile_steps;

  // Ours must fit (its error is the command's); the baseline is only compared against.
  const mapper::MappingResult ours = mapper::map_network(network, target, atoms, mapper::Strategy::Graph);
  report.strategies.push_back(ours.metrics);
  try {
    report.strategies.push_back(mapper::map_network(network, target, atoms, mapper::Strategy::Baseline).metrics);
  } catch (const model::InputError& e) {
    report.failures.push_back({"baseline", e.what()});
  }

  // Every output is made, and the image checked to read back exactly, before any is written.
  const std::string image_text = chip_image_to_text(ours.image);
  if (!(chip_image_from_json_text(image_text, "chip_image.json") == ours.image))
    throw std::logic_error("the chip image does not read back as written");
  const std::string network_text = network_to_json(network).dump(1) + "\n";
  const std::string json_text = mapping_report_json(report).dump(1) + "\n";
  const std::string report_text = mapping_report_text(report);
  const std::string target_text = target_to_json(target).dump(1) + "\n";  // as save_target writes it
  const MappedNetwork mapped{atoms.split_network ? atoms.split_network.get() : &network, network.populations.size()};
  const auto dump_files =
      mapper_dump_files(dumps, {network.name, target.name, ours.metrics.strategy}, mapped, atoms, ours);
  if (target_from_json_text(target_text, "target.json") != target)
    throw std::logic_error("the target does not read back as written");

  log << report_text;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw std::runtime_error(dir.string() + ": cannot create the folder: " + error.message() + " [IO-0002]");
  log << "\n";
  write_files(dir.string(), {{"network.json", &network_text}, {"chip_image.json", &image_text}, {"mapping.json", &json_text},
                             {"mapping.txt", &report_text}, {"target.json", &target_text}},
              log);
  if (!dump_files.empty()) write_files(dir.string(), dump_files, log);
  StageOutcome outcome;
  outcome.key_figure = std::to_string(ours.metrics.cores_used) + " of " + std::to_string(target.core_count()) +
                       " cores, " + format_fixed(ours.metrics.inter_core_spikes, 1) + " inter-core spikes/step";
  outcome.output = (dir / "chip_image.json").string();
  return outcome;
}

int map_command(int argc, char** argv) {
  cxxopts::Options options("axomesh map",
                           "Map a network onto a chip's cores (partition, place, route, encode) with axomesh's "
                           "graph mapper and with the baseline, and report utilization and traffic side by side. "
                           "Writes DIR/network.json, DIR/chip_image.json (our mapping, docs/chip-image-format.md), "
                           "DIR/mapping.json, DIR/mapping.txt and DIR/target.json (the target, for `axomesh report`), "
                           "and with --dump the mapper's products (docs/mapper-products.md); nothing when the network "
                           "does not fit.");
  options.add_options()
    ("network", "network JSON file (docs/network-format.md)", cxxopts::value<std::string>())
    ("t,target", "a shipped target's name (" + [] {
        std::string list;
        for (const std::string& n : shipped_target_names()) list += (list.empty() ? "" : ", ") + n;
        return list;
      }() + ") or a target file ending in .json", cxxopts::value<std::string>())
    ("o,out", "output folder", cxxopts::value<std::string>())
    ("profile-steps", "NetworkSim steps that estimate the spike rates the mapper balances",
     cxxopts::value<uint64_t>()->default_value(std::to_string(mapper::LegalizeOptions{}.profile_steps)))
    ("dump", "also write the mapper's products of our mapping, comma-separated: partition, placement, routes, "
     "atoms (DIR/NAME.json each)", cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"network"});
  options.positional_help("NET.json --target NAME|FILE --out DIR");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("network") || !args.count("target") || !args.count("out")) {
    std::cerr << "error: axomesh map needs a network file, --target and --out\n\n" << options.help() << "\n";
    return 2;
  }
  const MapperDumps dumps = args.count("dump") ? parse_mapper_dumps(args["dump"].as<std::string>()) : MapperDumps{};
  run_map_stage(load_network(args["network"].as<std::string>()), resolve_target(args["target"].as<std::string>()),
                args["profile-steps"].as<uint64_t>(), args["out"].as<std::string>(), std::cout, dumps);
  return 0;
}

}  // namespace axomesh::flows
