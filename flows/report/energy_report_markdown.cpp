// energy.md: the energy report's JSON (energy_report.cpp) rendered for reading. Kept apart
// from the JSON builder so that each stays one concern; it reads nothing but the JSON.
#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "flows/report/energy_report.hpp"
#include "flows/report/svg_charts.hpp"

namespace axomesh::flows {
namespace {

using nlohmann::json;

std::string si(const json& value, const std::string& unit) { return format_si(value.get<double>(), unit); }

std::string percent(double share) { return format_si(100.0 * share, "%"); }

// Markdown table cells may not hold '|' or line breaks.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string tile(const json& row) {
  return "(" + std::to_string(row["x"].get<uint32_t>()) + "," + std::to_string(row["y"].get<uint32_t>()) + ")";
}

std::string unit_of_figure(const std::string& figure) {
  if (figure.rfind("energy_j.", 0) == 0) return "J";
  if (figure.rfind("time_s.", 0) == 0) return "s";
  return "W";
}

void headline(std::ostringstream& out, const json& j) {
  const json& c = j["critical_core"];
  out << "| figure | value |\n|---|---|\n"
      << "| steps / samples | " << j["steps"].get<uint64_t>() << " / " << j["samples"].get<uint64_t>() << " |\n"
      << "| cores / tiles in use | " << j["cores_used"].get<uint32_t>() << " / " << j["tiles_used"].get<uint32_t>()
      << " |\n"
      << "| synaptic ops | " << j["activity"]["synaptic_ops"].get<uint64_t>() << " |\n"
      << "| total energy | " << si(j["energy_j"]["total"], "J") << " |\n"
      << "| dynamic / static energy | " << si(j["energy_j"]["dynamic"], "J") << " / "
      << si(j["energy_j"]["static"], "J") << " |\n"
      << "| modelled time | " << si(j["time_s"]["total"], "s") << " |\n"
      << "| step time, mean / max | " << si(j["time_s"]["step_mean"], "s") << " / " << si(j["time_s"]["step_max"], "s")
      << " |\n"
      << "| of which route / barrier sync (mean) | " << si(j["time_s"]["route_mean"], "s") << " / "
      << si(j["time_s"]["barrier_mean"], "s") << " |\n"
      << "| steps per second | " << si(j["steps_per_second"], "") << " |\n"
      << "| average power | " << si(j["average_power_w"], "W") << " |\n"
      << "| energy per step | " << si(j["energy_per_step_j"], "J") << " |\n"
      << "| energy per sample | " << si(j["energy_per_sample_j"], "J") << " |\n"
      << "| energy per synaptic op, all-in / dynamic | " << si(j["energy_per_synaptic_op_j"]["all_in"], "J") << " / "
      << si(j["energy_per_synaptic_op_j"]["dynamic"], "J") << " |\n"
      << "| GSOP/s/W | " << si(j["gsops_per_watt"], "") << " |\n"
      << "| critical core | core " << c["core"].get<uint32_t>() << " at tile " << tile(c) << ", slowest in "
      << percent(c["share_of_steps"].get<double>()) << " of steps (busy " << si(c["busy_s"], "s") << ") |\n"
      << "| reference model / this chip, energy | "
      << si(j["reference"]["ratio_reference_to_neuromorphic"], "") << "x |\n\n";
}

void operations(std::ostringstream& out, const json& j) {
  const double total = j["energy_j"]["total"].get<double>();
  out << "## Energy by operation\n\n| operation | energy | share |\n|---|---|---|\n";
  std::vector<std::pair<std::string, double>> rows;  // largest first
  for (const auto& [name, joules] : j["energy_j"]["by_operation"].items()) rows.emplace_back(name, joules.get<double>());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [name, v] : rows)
    out << "| " << name << " | " << format_si(v, "J") << " | " << percent(total > 0 ? v / total : 0.0) << " |\n";
  out << "\n";
}

void top_cores(std::ostringstream& out, const json& j) {
  out << "## Top cores\n\nBy energy:\n\n| core | tile | energy | share of chip |\n|---|---|---|---|\n";
  for (const json& row : j["top_cores_by_energy"])
    out << "| " << row["core"].get<uint32_t>() << " | " << tile(row) << " | " << si(row["energy_j"], "J") << " | "
        << percent(row["share"].get<double>()) << " |\n";
  out << "\nBy busy time (operation time over the run; the slowest core sets each step):\n\n"
         "| core | tile | busy time | share of all cores |\n|---|---|---|---|\n";
  for (const json& row : j["top_cores_by_time"])
    out << "| " << row["core"].get<uint32_t>() << " | " << tile(row) << " | " << si(row["busy_s"], "s") << " | "
        << percent(row["share"].get<double>()) << " |\n";
  out << "\n";
}

void reference(std::ostringstream& out, const json& j) {
  const json& r = j["reference"];
  out << "## Reference: a conventional processor (a model, not a measurement)\n\n"
      << "The same network as " << r["model"].get<std::string>() << ". Its description: \""
      << r["description"].get<std::string>() << "\".\n\n"
      << "| MACs | word reads | energy | reference / this chip |\n|---|---|---|---|\n"
      << "| " << r["macs"].get<uint64_t>() << " | " << r["word_reads"].get<uint64_t>() << " | " << si(r["joules"], "J")
      << " | " << si(r["ratio_reference_to_neuromorphic"], "") << "x |\n\n";
}

void estimates(std::ostringstream& out, const json& j) {
  const json& list = j["estimated_figures"];
  out << "## Figures marked estimate in the target file\n\n";
  if (list.empty()) {
    out << "None: every energy, time and power figure of " << j["target"]["name"].get<std::string>()
        << " is marked as published.\n\n";
  } else {
    out << list.size() << " energy, time and power figures in the target file of "
        << j["target"]["name"].get<std::string>()
        << " are marked `estimate` (not published for the chip); the figures above rest on those in use:\n\n"
           "| figure | value | source |\n|---|---|---|\n";
    for (const json& f : list) {
      const std::string name = f["figure"].get<std::string>();
      out << "| " << name << " | " << si(f["value"], unit_of_figure(name)) << " | "
          << cell(f["source"].get<std::string>()) << " |\n";
    }
    out << "\n";
  }
  if (!j["missing"].empty()) {
    out << "Figures the target does not give, counted as zero:";
    for (const json& m : j["missing"]) out << " `" << m.get<std::string>() << "`";
    out << ".\n\n";
  }
}

}  // namespace

std::string energy_report_markdown(const json& j) {
  std::ostringstream out;
  out << "# Energy report: " << j["network"]["name"].get<std::string>() << " on "
      << j["target"]["name"].get<std::string>() << "\n\n"
      << "Modelled, not measured: the chip-level simulation's activity counts over " << j["steps"].get<uint64_t>()
      << " steps, priced with the target's per-operation energy and time figures (static power x modelled "
         "time included). Every figure is also in `energy.json`.\n\n";
  headline(out, j);
  operations(out, j);
  top_cores(out, j);
  reference(out, j);
  estimates(out, j);
  out << "## Charts\n\n"
      << "![Energy per core](" << kEnergyHeatMapFile << ")\n\n"
      << "![Fullest capacity per core](" << kUtilizationHeatMapFile << ")\n\n"
      << "![Energy by operation](" << kEnergyBreakdownFile << ")\n";
  return out.str();
}

}  // namespace axomesh::flows
