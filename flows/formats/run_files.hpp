// The names of the files the stages leave in a run folder, spelled here and nowhere else:
// the stage table (flows/stages/stage_table.hpp) lists them as each stage's products, and
// every reader and writer takes them from here.
#pragma once

#include <filesystem>
#include <string>

namespace axomesh::flows::run_files {

// import
inline constexpr const char* kImportedNetwork = "imported_network.json";
inline constexpr const char* kImportReport = "import_report.json";
// map
inline constexpr const char* kNetwork = "network.json";
inline constexpr const char* kChipImage = "chip_image.json";
inline constexpr const char* kMapping = "mapping.json";
inline constexpr const char* kMappingText = "mapping.txt";
inline constexpr const char* kTarget = "target.json";
// map --dump: the mapper's products (docs/mapper-products.md)
inline constexpr const char* kAtoms = "atoms.json";
inline constexpr const char* kPartition = "partition.json";
inline constexpr const char* kPlacement = "placement.json";
inline constexpr const char* kRoutes = "routes.json";
// simulate
inline constexpr const char* kTrace = "trace.json";
inline constexpr const char* kActivity = "activity.json";
// report
inline constexpr const char* kEnergy = "energy.json";
inline constexpr const char* kEnergyText = "energy.md";
inline constexpr const char* kEnergyHeatMap = "energy_heatmap.svg";
inline constexpr const char* kUtilizationHeatMap = "utilization_heatmap.svg";
inline constexpr const char* kEnergyBreakdown = "energy_breakdown.svg";
// rtl: a folder of its own; its file list is rtl_gen::kChipTop + ".f"
inline constexpr const char* kRtlFolder = "rtl_out";
// lint and synth, inside the RTL folder
inline constexpr const char* kLintLog = "lint.log";
inline constexpr const char* kSynthStat = "synth_stat.txt";
inline constexpr const char* kSynthLog = "synth.log";
// cosim
inline constexpr const char* kCosim = "cosim.json";
inline constexpr const char* kCosimWave = "cosim_mismatch.fst";
// the flow
inline constexpr const char* kFlowLog = "flow.log";
inline constexpr const char* kReportHtml = "report.html";
inline constexpr const char* kReportMarkdown = "report.md";
inline constexpr const char* kReportJson = "report.json";

// `dir`/`name` as a string.
inline std::string in(const std::string& dir, const char* name) { return (std::filesystem::path(dir) / name).string(); }

}  // namespace axomesh::flows::run_files
