// The report of a flow run, written by run_flow after its last stage: OUT/report.html, one
// self-contained page (inline CSS and SVG, no script, no external reference, well-formed
// XML so that one checker reads the page and each of its charts), OUT/report.md and
// OUT/report.json (the run's stages and the figures behind every chart).
//
// Every section is read from the files its stage wrote into OUT (docs/flows.md lists
// them), so a resumed run reports the reused stages too. A section whose stage did not run
// and was not reused is one line naming the stage that would produce it (its "reason" in
// the JSON, e.g. "Not run: the simulate stage would produce the spike raster.").
#pragma once

#include <map>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "flows/stages/flow_file.hpp"
#include "flows/stages/flow_runner.hpp"

namespace axomesh::flows {

// The sections, in page order, and the stage each comes from.
struct ReportSection {
  const char* key;    // in report.json, and the id of the page's section
  const char* title;  // its heading
  const char* what;   // what it shows, for the line saying it is missing
  FlowStage stage;    // the stage whose outputs it shows
};
constexpr ReportSection kReportSections[] = {
    {"raster", "Spike raster", "spike raster", FlowStage::Simulate},
    {"mesh", "Mesh: core utilization and link load", "mesh with its core utilization and link load", FlowStage::Report},
    {"energy", "Energy breakdown", "energy breakdown", FlowStage::Report},
    {"latency", "Latency per step", "latency per step", FlowStage::Report},
    {"quantisation", "Quantisation agreement", "quantisation agreement", FlowStage::Import},
    {"synthesis", "Synthesis summary", "synthesis summary", FlowStage::Synth},
    {"lint", "Lint", "lint result", FlowStage::Lint},
    {"cosim", "Co-simulation", "co-simulation result", FlowStage::Cosim},
};

struct FlowReport {
  nlohmann::json json;                        // "axomesh-flow-report", version 1
  std::map<std::string, std::string> charts;  // chart name -> SVG document
  std::string html;
  std::string markdown;
};

// Reads the outputs in flow.out of the stages `result` ran or reused. A reused stage's
// time and key figure come from the report.json of the run that made it, when present.
FlowReport make_flow_report(const FlowSpec& flow, const FlowResult& result);

// The page and the Markdown, from the report's JSON (and its charts, for the page).
std::string flow_report_html(const nlohmann::json& report, const std::map<std::string, std::string>& charts);
std::string flow_report_markdown(const nlohmann::json& report);

// Makes the report and writes report.html, report.md and report.json into flow.out, each
// atomically; returns the page's path.
std::string write_flow_report(const FlowSpec& flow, const FlowResult& result, std::ostream& log);

}  // namespace axomesh::flows
