// The stage table: every stage of axomesh declared once, in the order a flow runs them,
// with its name (the subcommand and the flow file's key), a one-line summary, the run
// folder's files it reads and the files it leaves there (flows/formats/run_files.hpp).
// The subcommands, the flow runner (`--from` reuse), the flow report and `--help` all
// read it; adding a stage means one row here and one stage function.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace axomesh::flows {

enum class FlowStage { Import, Map, Simulate, Report, Rtl, Lint, Cosim, Synth };
inline constexpr std::size_t kFlowStageCount = 8;

struct StageInfo {
  FlowStage stage;
  const char* name;
  const char* summary;
  std::vector<std::string> inputs;    // paths in the run folder it reads (besides the flow's network and target)
  std::vector<std::string> products;  // paths in the run folder it writes that later stages read
};

const std::array<StageInfo, kFlowStageCount>& stage_table();
const StageInfo& stage_info(FlowStage stage);
const char* stage_name(FlowStage stage);
// FLOW-0010 naming the choices when `name` is no stage.
FlowStage stage_from_name(const std::string& name, const std::string& place, const std::string& file = {});
// "import, map, ..." for help texts and errors.
std::string stage_names();
// The summary and products of a stage, as its subcommand's --help says them.
std::string stage_help(FlowStage stage);

}  // namespace axomesh::flows
