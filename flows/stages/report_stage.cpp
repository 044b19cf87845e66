// The report stage: runs the chip image a mapping left (ChipSim), prices its activity with
// the target's figures, and writes the energy and latency report and its charts. Every
// output is made before any is written, each written atomically.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "flows/formats/run_files.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/formats/mapped_dir.hpp"
#include "flows/report/energy_report.hpp"
#include "flows/report/link_load.hpp"
#include "flows/report/svg_charts.hpp"
#include "flows/stages/progress.hpp"
#include "flows/stages/stages.hpp"
#include "model/base/diagnostic.hpp"
#include "model/chip/chip_sim.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

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
        {{"RPT-0002", steps == 0 ? "--steps" : "--samples", "expected a count of at least 1, found 0"}});
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
  outcome.output = (fs::path(dir) / run_files::kEnergyText).string();
  outcome.key_figure = format_si(report.json["energy_j"]["total"].get<double>(), "J") + " in " +
                       std::to_string(steps) + " steps";
  return outcome;
}

}  // namespace axomesh::flows
