// The flow report's figures, each section read from the files its stage wrote into the
// flow's folder, and the charts drawn from them. The page and the Markdown are rendered
// from this JSON (html_report_page.cpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

#include "flows/formats/run_files.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/stages/html_report.hpp"
#include "flows/report/svg_charts.hpp"
#include "flows/report/svg_plots.hpp"

namespace axomesh::flows {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using Charts = std::map<std::string, std::string>;

std::string in(const std::string& out, const std::string& name) { return (fs::path(out) / name).string(); }

json read_json(const std::string& path) { return json::parse(read_text_file(path)); }

const StageRecord* record_of(const FlowResult& result, FlowStage stage) {
  for (const StageRecord& r : result.stages)
    if (r.stage == stage) return &r;
  return nullptr;
}

// null when the stage ran or was reused and left `file`; else why the section is empty.
json missing(const FlowResult& result, const ReportSection& section, const std::string& file, const std::string& out) {
  const std::string stage = stage_name(section.stage);
  const std::string what = section.what;
  const StageRecord* r = record_of(result, section.stage);
  std::string reason;
  if (!r || r->status == "not run")
    reason = "Not run: the " + stage + " stage would produce the " + what + ".";
  else if (r->status == "FAILED")
    reason = "The " + stage + " stage failed: no " + what + ".";
  else if (!fs::exists(in(out, file)))
    reason = "The " + stage + " stage left no " + file + ": no " + what + ".";
  if (reason.empty()) return nullptr;
  return {{"available", false}, {"stage", stage}, {"reason", reason}};
}

json raster(const std::string& out, const std::string& on, Charts& charts) {
  const json trace = read_json(in(out, run_files::kTrace));
  std::map<std::string, uint32_t> sizes;  // from the mapped network, when there is one
  if (fs::exists(in(out, run_files::kNetwork)))
    for (const json& p : read_json(in(out, run_files::kNetwork)).value("populations", json::array()))
      if (p.contains("name") && p.contains("size")) sizes[p["name"].get<std::string>()] = p["size"].get<uint32_t>();
  const uint64_t steps = trace.value("steps", uint64_t{0});
  std::vector<RasterPopulation> populations;
  std::vector<uint64_t> per_step(steps, 0);
  json listed = json::array();
  for (const json& record : trace["spikes"]) {
    RasterPopulation p;
    p.name = record["population"].get<std::string>();
    uint32_t highest = 0;
    for (const json& event : record["events"]) {
      const auto step = event[0].get<uint64_t>();
      const auto neuron = event[1].get<uint32_t>();
      p.events.emplace_back(step, neuron);
      highest = std::max(highest, neuron + 1);
      if (step < steps) ++per_step[step];
    }
    p.neurons = std::max(sizes.count(p.name) ? sizes[p.name] : 0u, highest);
    listed.push_back({{"name", p.name}, {"neurons", p.neurons}, {"spikes", p.events.size()}});
    populations.push_back(std::move(p));
  }
  const RasterChart chart = spike_raster_svg(populations, steps, "Spike raster" + on);
  charts["raster"] = chart.svg;
  return {{"available", true},   {"source", run_files::kTrace},          {"steps", steps},
          {"spikes", chart.spikes}, {"populations", std::move(listed)}, {"spikes_per_step", per_step},
          {"step_bin", chart.step_bin}, {"neuron_bin", chart.neuron_bin}, {"marks", chart.marks},
          {"marks_drawn", chart.marks_drawn}};
}

model::ChipGeometry geometry_of(const json& energy) {
  const json& mesh = energy["target"]["mesh"];
  return {mesh["width"].get<uint32_t>(), mesh["height"].get<uint32_t>(), mesh["cores_per_tile"].get<uint32_t>()};
}

json mesh(const json& energy, const std::string& on, Charts& charts) {
  const model::ChipGeometry g = geometry_of(energy);
  std::vector<double> percent(g.core_count(), std::numeric_limits<double>::quiet_NaN());
  json cores = json::array();
  for (const json& row : energy["cores"]) {
    if (!row["used"].get<bool>() || row["utilization"].is_null()) continue;
    const auto c = row["core"].get<uint32_t>();
    const double fullest = row["utilization"]["fullest"].get<double>();
    if (c < percent.size()) percent[c] = 100.0 * fullest;
    cores.push_back({{"core", c}, {"x", row["tile"]["x"]}, {"y", row["tile"]["y"]}, {"utilization", fullest}});
  }
  std::vector<MeshLink> links;
  const json traffic = energy.value("links", json(nullptr));
  if (!traffic.is_null())
    for (const json& l : traffic["links"]) {
      static const std::map<std::string, uint32_t> kDirections = {{"east", 0}, {"west", 1}, {"north", 2}, {"south", 3}};
      links.push_back({l["x"].get<uint32_t>(), l["y"].get<uint32_t>(), kDirections.at(l["direction"].get<std::string>()),
                       l["packets"].get<double>()});
    }
  charts["mesh"] = mesh_links_svg(g, percent, links, "Core utilization and link load" + on);
  return {{"available", true},
          {"source", run_files::kEnergy},
          {"mesh", {{"width", g.mesh_width}, {"height", g.mesh_height}, {"cores_per_tile", g.cores_per_tile}}},
          {"cores", std::move(cores)},
          {"links", traffic}};
}

json energy_section(const json& energy, const std::string& on, Charts& charts) {
  const model::ChipGeometry g = geometry_of(energy);
  std::vector<std::pair<std::string, double>> bars;
  json by_operation = json::object();
  for (const auto& [operation, joules] : energy["energy_j"]["by_operation"].items())
    if (joules.get<double>() > 0) {
      bars.emplace_back(operation, joules.get<double>());
      by_operation[operation] = joules;
    }
  std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<double> per_core(g.core_count(), std::numeric_limits<double>::quiet_NaN());
  json cores = json::array();
  for (const json& row : energy["cores"]) {
    const auto c = row["core"].get<uint32_t>();
    const double joules = row["energy_j"]["total"].get<double>();
    if (c < per_core.size()) per_core[c] = joules;
    cores.push_back({{"core", c}, {"x", row["tile"]["x"]}, {"y", row["tile"]["y"]}, {"energy_j", joules}});
  }
  charts["energy_by_operation"] = bar_chart_svg(bars, "Energy by operation" + on, "J");
  charts["energy_per_core"] = mesh_heat_map_svg(g, per_core, "Energy per core" + on, "J");
  return {{"available", true},
          {"source", run_files::kEnergy},
          {"steps", energy["steps"]},
          {"total_j", energy["energy_j"]["total"]},
          {"dynamic_j", energy["energy_j"]["dynamic"]},
          {"static_j", energy["energy_j"]["static"]},
          {"energy_per_step_j", energy["energy_per_step_j"]},
          {"average_power_w", energy["average_power_w"]},
          {"by_operation", std::move(by_operation)},
          {"per_core", std::move(cores)}};
}

json latency(const json& energy, const std::string& on, Charts& charts) {
  const std::vector<double> seconds = energy["per_step"]["seconds"].get<std::vector<double>>();
  charts["latency"] = line_chart_svg(seconds, "Modelled time per step" + on, "s");
  const json& t = energy["time_s"];
  return {{"available", true},          {"source", run_files::kEnergy},
          {"steps", seconds.size()},    {"total_s", t["total"]},
          {"step_mean_s", t["step_mean"]}, {"step_max_s", t["step_max"]},
          {"route_mean_s", t["route_mean"]}, {"barrier_mean_s", t["barrier_mean"]},
          {"critical_core", energy["critical_core"]}, {"seconds_per_step", seconds}};
}

json quantisation(const std::string& out, Charts& charts) {
  const json report = read_json(in(out, run_files::kImportReport));
  std::vector<std::pair<std::string, double>> bars;
  for (const json& p : report["projections"])
    bars.emplace_back(p["name"].get<std::string>(), 100.0 * p["rms_relative_error"].get<double>());
  charts["weight_error"] = bar_chart_svg(bars, "RMS weight error per projection (relative to its largest weight)", "%");
  return {{"available", true},
          {"source", run_files::kImportReport},
          {"steps", report["steps"]},
          {"projections", report["projections"]},
          {"populations", report["populations"]},
          {"warnings", report.value("warnings", json::array())}};
}

// Yosys's `stat`: the last "Number of cells:" is the whole design's, followed by one
// "type count" line per cell type.
json synthesis(const std::string& out, Charts& charts) {
  const std::string text = read_text_file(in(out, "rtl_out/synth_stat.txt"));
  const std::size_t at = text.rfind("Number of cells:");
  json by_type = json::object();
  uint64_t cells = 0;
  if (at != std::string::npos) {
    std::istringstream lines(text.substr(at));
    std::string line, label;
    std::getline(lines, line);
    cells = std::stoull(line.substr(line.find(':') + 1));
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::string type;
      uint64_t count = 0;
      if (!(words >> type >> count)) break;
      by_type[type] = count;
    }
  }
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& [type, count] : by_type.items()) bars.emplace_back(type, count.get<double>());
  std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (bars.size() > 12) {  // the rest as one bar
    double rest = 0;
    for (std::size_t i = 11; i < bars.size(); ++i) rest += bars[i].second;
    bars.resize(11);
    bars.emplace_back("other", rest);
  }
  charts["cells"] = bar_chart_svg(bars, "Cells by type (yosys, memories kept)", "");
  return {{"available", true}, {"source", "rtl_out/synth_stat.txt"}, {"cells", cells}, {"cells_by_type", by_type}};
}

json lint(const std::string& out) {
  const std::string log = read_text_file(in(out, "rtl_out/lint.log"));
  const auto lines = static_cast<uint64_t>(std::count(log.begin(), log.end(), '\n'));
  return {{"available", true}, {"source", "rtl_out/lint.log"}, {"clean", true}, {"log_lines", lines},
          {"command", "verilator --lint-only -Wall -F rtl_out/axomesh_chip.f"}};
}

json cosim(const std::string& out) {
  json c = read_json(in(out, run_files::kCosim));
  json section = {{"available", true}, {"source", run_files::kCosim}};
  for (const char* key : {"identical", "target", "steps_compared", "spikes_compared", "states_compared",
                          "offchip_packets", "rtl_cycles", "seconds", "mismatch", "waveform"})
    if (c.contains(key)) section[key] = c[key];
  return section;
}

// Stage rows; a reused stage takes its time and figure from the run that made it.
json stage_rows(const FlowResult& result, const json& earlier) {
  json rows = json::array();
  for (const StageRecord& r : result.stages) {
    const bool ran = r.status == "ok" || r.status == "MISMATCH" || r.status == "FAILED";
    json row = {{"stage", stage_name(r.stage)},   {"status", r.status},
                {"seconds", ran ? json(r.seconds) : json(nullptr)},
                {"key_figure", r.outcome.key_figure}, {"output", r.outcome.output}, {"earlier_run", false}};
    if (!r.error.empty()) row["error"] = r.error;
    if (r.status == "reused" && earlier.is_object())
      for (const json& old : earlier.value("stages", json::array()))
        if (old.value("stage", "") == stage_name(r.stage) && (old.value("status", "") == "ok" || old.value("earlier_run", false))) {
          row["seconds"] = old["seconds"];
          row["key_figure"] = old["key_figure"];
          row["earlier_run"] = true;
        }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

FlowReport make_flow_report(const FlowSpec& flow, const FlowResult& result) {
  FlowReport report;
  json earlier;
  if (fs::exists(in(flow.out, run_files::kReportJson))) {
    try {
      earlier = read_json(in(flow.out, run_files::kReportJson));
    } catch (const std::exception&) {
      earlier = nullptr;  // an unreadable earlier report only loses the reused stages' figures
    }
  }
  json& j = report.json;
  j["format"] = "axomesh-flow-report";
  j["version"] = 1;
  j["flow"] = {{"name", flow.name}, {"network", flow.network}, {"target", flow.target}, {"out", flow.out}};
  j["passed"] = result.passed;
  j["stages"] = stage_rows(result, earlier);

  const std::string on = " (" + flow.name + " on " + flow.target + ")";
  const auto section_file = [](const std::string& key) -> std::string {
    if (key == "raster") return run_files::kTrace;
    if (key == "quantisation") return run_files::kImportReport;
    if (key == "synthesis") return "rtl_out/synth_stat.txt";
    if (key == "lint") return "rtl_out/lint.log";
    if (key == "cosim") return run_files::kCosim;
    return run_files::kEnergy;
  };
  json energy;
  for (const ReportSection& s : kReportSections) {
    const std::string key = s.key;
    json section = missing(result, s, section_file(key), flow.out);
    if (section.is_null()) {
      if (s.stage == FlowStage::Report && energy.is_null()) energy = read_json(in(flow.out, run_files::kEnergy));
      if (key == "raster") section = raster(flow.out, on, report.charts);
      else if (key == "mesh") section = mesh(energy, on, report.charts);
      else if (key == "energy") section = energy_section(energy, on, report.charts);
      else if (key == "latency") section = latency(energy, on, report.charts);
      else if (key == "quantisation") section = quantisation(flow.out, report.charts);
      else if (key == "synthesis") section = synthesis(flow.out, report.charts);
      else if (key == "lint") section = lint(flow.out);
      else section = cosim(flow.out);
    }
    j["sections"][key] = std::move(section);
  }
  report.html = flow_report_html(j, report.charts);
  report.markdown = flow_report_markdown(j);
  return report;
}

std::string write_flow_report(const FlowSpec& flow, const FlowResult& result, std::ostream& log) {
  const FlowReport report = make_flow_report(flow, result);
  const std::string json_text = report.json.dump(1) + "\n";
  write_files(flow.out, {{run_files::kReportHtml, &report.html}, {run_files::kReportMarkdown, &report.markdown}, {run_files::kReportJson, &json_text}},
              log);
  return in(flow.out, run_files::kReportHtml);
}

}  // namespace axomesh::flows
