// report.html and report.md, rendered from the flow report's JSON alone (and its charts,
// for the page), so the three files always agree. The page is HTML5 written so that it is
// also well-formed XML (XHTML namespace, every element closed, entities only where
// XML has them) and its CSS holds no '<', '>' or '&': one XML checker reads the page.
#include <sstream>

#include "flows/stages/html_report.hpp"
#include "flows/report/svg_charts.hpp"

namespace axomesh::flows {
namespace {

using nlohmann::json;

constexpr const char* kStyle = R"(
body { font-family: sans-serif; margin: 0; background: #f4f5f7; color: #212121; }
header { background: #263238; color: #ffffff; padding: 14px 32px; }
header h1 { margin: 0 0 4px 0; font-size: 22px; }
header p { margin: 0; color: #cfd8dc; }
nav { background: #37474f; padding: 6px 32px; }
nav a { color: #eceff1; margin-right: 14px; text-decoration: none; font-size: 14px; }
main { max-width: 1120px; margin: 0 auto; padding: 4px 20px 24px 20px; }
section { background: #ffffff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15); margin: 14px 0; padding: 6px 20px 14px 20px; }
h2 { font-size: 18px; border-bottom: 1px solid #e0e0e0; padding-bottom: 6px; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 10px 0; }
th, td { padding: 4px 12px 4px 0; border-bottom: 1px solid #eeeeee; text-align: left; vertical-align: top; }
th { color: #546e7a; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #2e7d32; font-weight: bold; }
.reused { color: #1565c0; font-weight: bold; }
.bad { color: #c62828; font-weight: bold; }
.notrun { color: #757575; }
.missing { color: #757575; font-style: italic; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 6px 0; overflow-x: auto; }
svg { max-width: 100%; height: auto; }
footer { color: #757575; font-size: 12px; text-align: center; padding: 12px; }
)";

std::string esc(const std::string& s) { return xml_escape(s); }
std::string si(const json& v, const std::string& unit) { return v.is_number() ? format_si(v.get<double>(), unit) : "-"; }
std::string pct(const json& v) { return v.is_number() ? format_si(100.0 * v.get<double>(), "%") : "-"; }
std::string integer(const json& v) { return v.is_number() ? std::to_string(v.get<uint64_t>()) : "-"; }

// A chart inside the page: the SVG without its XML declaration.
std::string inline_svg(const std::map<std::string, std::string>& charts, const std::string& name) {
  const auto found = charts.find(name);
  if (found == charts.end()) return "";
  std::string svg = found->second;
  if (svg.compare(0, 5, "<?xml") == 0) svg.erase(0, svg.find("?>") + 2);
  return "<figure>" + svg + "</figure>\n";
}

const char* status_class(const std::string& status) {
  if (status == "ok") return "ok";
  if (status == "reused") return "reused";
  if (status == "not run") return "notrun";
  return "bad";
}

// A table from rows of cells; cells starting with '\t' are numbers (right-aligned).
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream out;
  out << "<table>\n<tr>";
  for (const std::string& h : header) out << "<th>" << esc(h) << "</th>";
  out << "</tr>\n";
  for (const auto& row : rows) {
    out << "<tr>";
    for (const std::string& c : row)
      out << (!c.empty() && c[0] == '\t' ? "<td class=\"num\">" + esc(c.substr(1)) : "<td>" + esc(c)) << "</td>";
    out << "</tr>\n";
  }
  out << "</table>\n";
  return out.str();
}
std::string n(const std::string& s) { return "\t" + s; }

std::string stage_time(const json& row) {
  if (row["seconds"].is_null()) return "-";
  return format_fixed(row["seconds"].get<double>(), 1) + " s" + (row.value("earlier_run", false) ? " (earlier run)" : "");
}

std::string summary_html(const json& report) {
  std::vector<std::vector<std::string>> rows;
  std::ostringstream out;
  out << "<table>\n<tr><th>stage</th><th>status</th><th>time</th><th>key figure</th></tr>\n";
  for (const json& row : report["stages"]) {
    const std::string status = row["status"].get<std::string>();
    out << "<tr><td>" << esc(row["stage"].get<std::string>()) << "</td><td class=\"" << status_class(status) << "\">"
        << esc(status) << "</td><td class=\"num\">" << esc(stage_time(row)) << "</td><td>"
        << esc(row["key_figure"].get<std::string>().empty() ? "-" : row["key_figure"].get<std::string>())
        << "</td></tr>\n";
  }
  out << "</table>\n";
  for (const json& row : report["stages"])
    if (row.contains("error"))
      out << "<p class=\"bad\">" << esc("The " + row["stage"].get<std::string>() + " stage failed:") << "</p>\n<pre>"
          << esc(row["error"].get<std::string>()) << "</pre>\n";
  return out.str();
}

std::string raster_html(const json& s, const std::map<std::string, std::string>& charts) {
  std::vector<std::vector<std::string>> rows;
  const double steps = std::max(1.0, s["steps"].get<double>());
  for (const json& p : s["populations"])
    rows.push_back({p["name"].get<std::string>(), n(integer(p["neurons"])), n(integer(p["spikes"])),
                    n(format_si(p["spikes"].get<double>() / std::max(1.0, p["neurons"].get<double>()) / steps, ""))});
  return "<p>" + esc(integer(s["spikes"]) + " spikes over " + integer(s["steps"]) + " steps (trace.json).") + "</p>\n" +
         table({"population", "neurons", "spikes", "spikes per neuron and step"}, rows) + inline_svg(charts, "raster");
}

std::string mesh_html(const json& s, const std::map<std::string, std::string>& charts) {
  std::string text = std::to_string(s["cores"].size()) + " cores in use.";
  const json& links = s["links"];
  if (links.is_null()) {
    text += " This report stage recorded no link loads (run the report stage again).";
  } else {
    text += " " + integer(links["total_hops"]) + " packet hops over " + integer(links["steps"]) + " steps";
    if (!links["max"].is_null())
      text += "; the busiest link leaves tile (" + integer(links["max"]["x"]) + "," + integer(links["max"]["y"]) +
              ") " + links["max"]["direction"].get<std::string>() + " with " + integer(links["max"]["packets"]) +
              " packets";
    text += ".";
  }
  return "<p>" + esc(text) + "</p>\n" + inline_svg(charts, "mesh");
}

std::string energy_html(const json& s, const std::map<std::string, std::string>& charts) {
  return table({"figure", "value"}, {{"total energy (" + integer(s["steps"]) + " steps)", n(si(s["total_j"], "J"))},
                                     {"dynamic / static", n(si(s["dynamic_j"], "J") + " / " + si(s["static_j"], "J"))},
                                     {"energy per step", n(si(s["energy_per_step_j"], "J"))},
                                     {"average power", n(si(s["average_power_w"], "W"))}}) +
         "<div class=\"charts\">\n" + inline_svg(charts, "energy_by_operation") +
         inline_svg(charts, "energy_per_core") + "</div>\n";
}

std::string latency_html(const json& s, const std::map<std::string, std::string>& charts) {
  const json& c = s["critical_core"];
  return table({"figure", "value"},
               {{"modelled time", n(si(s["total_s"], "s"))},
                {"step time, mean / max", n(si(s["step_mean_s"], "s") + " / " + si(s["step_max_s"], "s"))},
                {"of which route / barrier sync (mean)", n(si(s["route_mean_s"], "s") + " / " + si(s["barrier_mean_s"], "s"))},
                {"critical core", "core " + integer(c["core"]) + " at tile (" + integer(c["x"]) + "," +
                                      integer(c["y"]) + "), slowest in " + pct(c["share_of_steps"]) + " of steps"}}) +
         inline_svg(charts, "latency");
}

std::string quantisation_html(const json& s, const std::map<std::string, std::string>& charts) {
  std::vector<std::vector<std::string>> projections, populations;
  for (const json& p : s["projections"])
    projections.push_back({p["name"].get<std::string>(), p["pre"].get<std::string>() + " -> " + p["post"].get<std::string>(),
                           n(integer(p["synapses"])), n(pct(p["max_relative_error"])), n(pct(p["rms_relative_error"])),
                           n(integer(p["clipped"])), n(integer(p["zeroed"]))});
  for (const json& p : s["populations"]) {
    const bool spiking = p.contains("count_correlation");
    const bool silent = p.contains("spikes_compared") && !p["spikes_compared"].get<bool>();
    populations.push_back({p["name"].get<std::string>(), p["kind"].get<std::string>(), n(integer(p["neurons"])),
                           n(spiking || silent ? integer(p["reference_spikes"]) + " / " + integer(p["fixed_spikes"]) : "-"),
                           n(spiking ? format_fixed(p["count_correlation"].get<double>(), 3)
                             : silent ? "no spikes: v max abs difference " + format_si(p["v_max_abs_difference"].get<double>(), "")
                                      : "v " + format_fixed(p["v_correlation"].get<double>(), 3)),
                           n(spiking ? pct(p["coincidence"])
                             : silent ? "v mean abs difference " + format_si(p["v_mean_abs_difference"].get<double>(), "")
                                      : "v error " + pct(p["v_relative_rms_error"]))});
  }
  std::string warnings;
  for (const json& w : s["warnings"]) warnings += "<li>" + esc(w.get<std::string>()) + "</li>\n";
  return "<p>" + esc("The fixed-point network against the NIR model's float reference, on the same input for " +
                     integer(s["steps"]) + " steps (import_report.json).") + "</p>\n" +
         table({"projection", "pre -> post", "synapses", "max weight error", "RMS weight error", "clipped", "zeroed"},
               projections) +
         table({"population", "kind", "neurons", "spikes float / fixed", "count correlation over neurons",
                "coinciding spikes"},
               populations) +
         (warnings.empty() ? "" : "<ul>\n" + warnings + "</ul>\n") + inline_svg(charts, "weight_error");
}

std::string hardware_html(const std::string& key, const json& s, const std::map<std::string, std::string>& charts) {
  if (key == "synthesis")
    return "<p>" + esc(integer(s["cells"]) + " cells in axomesh_chip (rtl_out/synth_stat.txt).") + "</p>\n" +
           inline_svg(charts, "cells");
  if (key == "lint")
    return "<p><span class=\"ok\">clean</span>: " + esc(s["command"].get<std::string>()) + " reported nothing.</p>\n";
  const bool identical = s.value("identical", false);
  std::string text = identical ? "identical" : "MISMATCH";
  std::string detail = ": the RTL and ChipSim over " + integer(s["steps_compared"]) + " steps, " +
                       integer(s["spikes_compared"]) + " spikes and " + integer(s["states_compared"]) +
                       " neuron states compared, " + integer(s["rtl_cycles"]) + " RTL cycles.";
  if (s.contains("mismatch")) {
    const json& m = s["mismatch"];
    detail += " First difference at step " + integer(m["step"]) + ", core " + integer(m["core"]) + ", neuron " +
              integer(m["neuron"]) + ".";
  }
  return "<p><span class=\"" + std::string(identical ? "ok" : "bad") + "\">" + text + "</span>" + esc(detail) + "</p>\n";
}

}  // namespace

std::string flow_report_html(const json& report, const std::map<std::string, std::string>& charts) {
  const json& flow = report["flow"];
  const std::string name = flow["name"].get<std::string>();
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      << "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      << "<title>" << esc("axomesh flow report: " + name) << "</title>\n<style>" << kStyle << "</style>\n</head>\n"
      << "<body>\n<header>\n<h1>" << esc("Flow " + name) << " <span class=\""
      << (report["passed"].get<bool>() ? "ok" : "bad") << "\">" << (report["passed"].get<bool>() ? "passed" : "FAILED")
      << "</span></h1>\n<p>"
      << esc(flow["network"].get<std::string>() + " on " + flow["target"].get<std::string>() + ", outputs in " +
             flow["out"].get<std::string>())
      << "</p>\n</header>\n<nav><a href=\"#summary\">summary</a>";
  for (const ReportSection& s : kReportSections) out << "<a href=\"#" << s.key << "\">" << esc(s.title) << "</a>";
  out << "</nav>\n<main>\n<section id=\"summary\">\n<h2>Flow summary</h2>\n" << summary_html(report) << "</section>\n";
  for (const ReportSection& s : kReportSections) {
    const std::string key = s.key;
    const json& section = report["sections"][key];
    out << "<section id=\"" << key << "\">\n<h2>" << esc(s.title) << "</h2>\n";
    if (!section.value("available", false)) out << "<p class=\"missing\">" << esc(section["reason"].get<std::string>()) << "</p>\n";
    else if (key == "raster") out << raster_html(section, charts);
    else if (key == "mesh") out << mesh_html(section, charts);
    else if (key == "energy") out << energy_html(section, charts);
    else if (key == "latency") out << latency_html(section, charts);
    else if (key == "quantisation") out << quantisation_html(section, charts);
    else out << hardware_html(key, section, charts);
    out << "</section>\n";
  }
  out << "</main>\n<footer>axomesh flow report; every figure is in report.json beside this page.</footer>\n"
      << "</body>\n</html>\n";
  return out.str();
}

std::string flow_report_markdown(const json& report) {
  const json& flow = report["flow"];
  std::ostringstream out;
  out << "# Flow " << flow["name"].get<std::string>() << ": " << (report["passed"].get<bool>() ? "passed" : "FAILED")
      << "\n\n" << flow["network"].get<std::string>() << " on " << flow["target"].get<std::string>() << ", outputs in "
      << flow["out"].get<std::string>() << ". The charts are in report.html.\n\n"
      << "| stage | status | time | key figure |\n|---|---|---|---|\n";
  for (const json& row : report["stages"])
    out << "| " << row["stage"].get<std::string>() << " | " << row["status"].get<std::string>() << " | "
        << stage_time(row) << " | " << (row["key_figure"].get<std::string>().empty() ? "-" : row["key_figure"].get<std::string>())
        << " |\n";
  for (const json& row : report["stages"])
    if (row.contains("error"))
      out << "\nThe " << row["stage"].get<std::string>() << " stage failed:\n\n```\n"
          << row["error"].get<std::string>() << "\n```\n";
  for (const ReportSection& s : kReportSections) {
    const json& section = report["sections"][s.key];
    out << "\n## " << s.title << "\n\n";
    if (!section.value("available", false)) {
      out << section["reason"].get<std::string>() << "\n";
      continue;
    }
    const std::string key = s.key;
    if (key == "raster") {
      out << integer(section["spikes"]) << " spikes over " << integer(section["steps"]) << " steps:";
      for (const json& p : section["populations"])
        out << " " << p["name"].get<std::string>() << " " << integer(p["spikes"]) << ";";
      out << "\n";
    } else if (key == "mesh") {
      out << section["cores"].size() << " cores in use";
      if (!section["links"].is_null()) out << ", " << integer(section["links"]["total_hops"]) << " packet hops";
      out << ".\n";
    } else if (key == "energy") {
      out << "Total " << si(section["total_j"], "J") << " (dynamic " << si(section["dynamic_j"], "J") << ", static "
          << si(section["static_j"], "J") << ").\n\n| operation | energy |\n|---|---|\n";
      for (const auto& [operation, joules] : section["by_operation"].items())
        out << "| " << operation << " | " << si(joules, "J") << " |\n";
    } else if (key == "latency") {
      out << "Step time mean " << si(section["step_mean_s"], "s") << ", max " << si(section["step_max_s"], "s")
          << "; modelled time " << si(section["total_s"], "s") << ".\n";
    } else if (key == "quantisation") {
      out << "| projection | RMS weight error | max weight error |\n|---|---|---|\n";
      for (const json& p : section["projections"])
        out << "| " << p["name"].get<std::string>() << " | " << pct(p["rms_relative_error"]) << " | "
            << pct(p["max_relative_error"]) << " |\n";
      out << "\n| population | count correlation |\n|---|---|\n";
      for (const json& p : section["populations"])
        out << "| " << p["name"].get<std::string>() << " | "
            << (p.contains("count_correlation") ? format_fixed(p["count_correlation"].get<double>(), 3)
                : p.contains("v_max_abs_difference")
                    ? "no spikes in either model; v max abs difference " + format_si(p["v_max_abs_difference"].get<double>(), "")
                    : "-")
            << " |\n";
    } else if (key == "synthesis") {
      out << integer(section["cells"]) << " cells.\n";
    } else if (key == "lint") {
      out << "clean.\n";
    } else {
      out << (section.value("identical", false) ? "identical" : "MISMATCH") << " over "
          << integer(section["steps_compared"]) << " steps (" << integer(section["spikes_compared"]) << " spikes).\n";
    }
  }
  return out.str();
}

}  // namespace axomesh::flows
