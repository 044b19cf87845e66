// Runs a flow's stages in order into its one output folder: one progress line per stage
// with its time and key figure, each stage's own output appended to OUT/flow.log, and a
// final summary table. Resumable: stages before `from` are not run, their outputs in OUT
// are checked to exist and reused (FLOW-0011 names what is missing).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "flows/stages/flow_file.hpp"

namespace axomesh::flows {

struct FlowRunOptions {
  std::optional<FlowStage> from;   // first stage to run (default: the first)
  std::optional<FlowStage> until;  // last stage to run (default: the last)
  bool echo_stage_output = false;  // also print each stage's own output, not only the log
};

struct StageRecord {
  FlowStage stage;
  std::string status;  // "ok", "reused", "MISMATCH", "FAILED", "not run"
  double seconds = 0.0;
  StageOutcome outcome;
  std::string error;  // a FAILED stage's message, with its ID (also in flow.log and the report)
};

struct FlowResult {
  std::vector<StageRecord> stages;
  bool passed = true;
  std::string log_file;
  std::string report_file;  // OUT/report.html (html_report.hpp); empty if it could not be written
};

// The files a stage leaves in `out` that later stages read (what --from checks).
std::vector<std::string> stage_outputs(FlowStage stage, const std::string& out);

// Runs `flow`; progress and the summary go to `progress`, then the run's report is written
// (OUT/report.html, .md, .json). A stage's exception is rethrown after the summary and the
// report, its message written into OUT/flow.log and the report first; a cosim difference
// stops the flow with passed = false.
FlowResult run_flow(const FlowSpec& flow, const FlowRunOptions& options, std::ostream& progress);

void print_flow_summary(std::ostream& out, const FlowResult& result);

}  // namespace axomesh::flows
