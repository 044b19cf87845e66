// A flow file (docs/flows.md): which network, which target, one output folder, and the
// stages to run with their options. JSON, read through JsonValue so that every field is
// checked and every error (FLOW-xxxx) names the file, the place, what was expected and
// what was found.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"

namespace axomesh::flows {

struct FlowSpec {
  std::string name;     // shown in the progress display
  std::string network;  // network JSON or NIR file, relative paths resolved against the flow file
  std::string target;   // a shipped target's name or a target file
  std::string out;      // the one folder every stage writes into
  std::array<bool, kFlowStageCount> enabled{};

  ImportStageOptions import;
  uint64_t profile_steps = 0;  // 0: the mapper's default
  uint64_t simulate_steps = 1000;
  uint64_t report_steps = 1000;
  uint64_t report_samples = 1;
  CosimStageOptions cosim;

  bool runs(FlowStage s) const { return enabled[static_cast<std::size_t>(s)]; }
};

// Parses the flow in `text`; `file` names it in errors and anchors its relative paths.
FlowSpec parse_flow(const std::string& text, const std::string& file);
FlowSpec load_flow(const std::string& file);

}  // namespace axomesh::flows
