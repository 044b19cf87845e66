// The energy and latency report of a chip run (`axomesh report`): ChipSim's activity
// counts priced by the target's figures (targets/energy_model.hpp), every capacity's use
// per core (mapper::core_usage), and the same network as dense/sparse matrix-vector
// products on a conventional processor (targets/reference_model.hpp, a labelled model).
//
// The JSON ("axomesh-energy-report", version 1) holds every figure; the Markdown is
// rendered from that JSON alone, so the two always agree. Energies are in J, times in s,
// powers in W, utilizations as fractions 0..1.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "flows/formats/run_files.hpp"
#include "mapper/encode.hpp"
#include "model/base/activity_stats.hpp"
#include "model/chip/chip_image.hpp"
#include "model/network/network.hpp"
#include "targets/energy_model.hpp"
#include "targets/reference_model.hpp"
#include "targets/target.hpp"

namespace axomesh::flows {

// The files a report writes next to energy.json and energy.md (the Markdown links them).
constexpr const char* kEnergyHeatMapFile = run_files::kEnergyHeatMap;
constexpr const char* kUtilizationHeatMapFile = run_files::kUtilizationHeatMap;
constexpr const char* kEnergyBreakdownFile = run_files::kEnergyBreakdown;

struct EnergyReport {
  targets::ChipEstimate estimate;
  targets::ReferenceEstimate reference;
  std::vector<mapper::CoreUsage> usage;  // per core of the image
  nlohmann::json json;
  std::string markdown;
  std::string energy_heatmap_svg;       // energy per core (J)
  std::string utilization_heatmap_svg;  // the fullest capacity of each core (%)
  std::string breakdown_svg;            // energy by operation (J)
};

// `stats` has one unit per core of `image` (ChipSim::stats()) over at least one step;
// `samples` (>= 1) splits the run into equal samples for the energy per sample.
// Throws model::InputError (ENE-0001) when the target gives no synaptic-op energy.
EnergyReport make_energy_report(const model::Network& network, const model::ChipImage& image,
                                const targets::Target& target, const model::ActivityStats& stats, uint64_t samples);

// The Markdown of a report's JSON.
std::string energy_report_markdown(const nlohmann::json& report);

// A few lines for the terminal: the headline figures and the reference ratio.
std::string energy_report_summary(const nlohmann::json& report);

// Writes energy.json, energy.md and the three SVG charts into `dir`, each atomically,
// and lists them on `out`.
void save_energy_report(const EnergyReport& report, const std::string& dir, std::ostream& out);

}  // namespace axomesh::flows
