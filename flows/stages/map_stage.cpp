// The map stage: legalize once, map with the graph mapper and the baseline, and write the
// network, our chip image, the mapping report and the target. Nothing is written unless
// every step succeeded.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "flows/formats/run_files.hpp"
#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "flows/report/mapping_report.hpp"
#include "flows/stages/stages.hpp"
#include "mapper/map_network.hpp"
#include "model/base/diagnostic.hpp"

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
  bool reads_back = false;
  try {
    reads_back = chip_image_from_json_text(image_text, run_files::kChipImage) == ours.image;
  } catch (const model::InputError& e) {
    throw std::logic_error(std::string("internal error: the chip image made from the mapping does not read back: ") +
                           e.what());
  }
  if (!reads_back) throw std::logic_error("internal error: the chip image does not read back as written");
  const std::string network_text = network_to_json(network).dump(1) + "\n";
  const std::string json_text = mapping_report_json(report).dump(1) + "\n";
  const std::string report_text = mapping_report_text(report);
  const std::string target_text = target_to_json(target).dump(1) + "\n";  // as save_target writes it
  const MappedNetwork mapped{atoms.split_network ? atoms.split_network.get() : &network, network.populations.size()};
  const auto dump_files =
      mapper_dump_files(dumps, {network.name, target.name, ours.metrics.strategy}, mapped, atoms, ours);
  if (target_from_json_text(target_text, run_files::kTarget) != target)
    throw std::logic_error("the target does not read back as written");

  log << report_text;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw std::runtime_error(dir.string() + ": cannot create the folder: " + error.message() + " [IO-0002]");
  log << "\n";
  std::vector<std::pair<std::string, const std::string*>> files = {
      {run_files::kNetwork, &network_text}, {run_files::kChipImage, &image_text}, {run_files::kMapping, &json_text},
      {run_files::kMappingText, &report_text}, {run_files::kTarget, &target_text}};
  for (const auto& [name, text] : dump_files) files.emplace_back(name, &text);
  write_files(dir.string(), files, log);
  StageOutcome outcome;
  outcome.key_figure = std::to_string(ours.metrics.cores_used) + " of " + std::to_string(target.core_count()) +
                       " cores, " + format_fixed(ours.metrics.inter_core_spikes, 1) + " inter-core spikes/step";
  outcome.output = (dir / run_files::kChipImage).string();
  return outcome;
}

}  // namespace axomesh::flows
