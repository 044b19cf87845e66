#include "flows/stages/stage_table.hpp"

#include <cctype>

#include "flows/formats/run_files.hpp"
#include "model/base/diagnostic.hpp"
#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::flows {
namespace {

using namespace run_files;

std::string rtl(const char* name) { return std::string(kRtlFolder) + "/" + name; }
std::string file_list() { return rtl((std::string(rtl_gen::kChipTop) + ".f").c_str()); }

}  // namespace

const std::array<StageInfo, kFlowStageCount>& stage_table() {
  static const std::array<StageInfo, kFlowStageCount> table = {{
      {FlowStage::Import, "import", "quantise a NIR graph to the target's fixed point and compare it with its float model",
       {}, {kImportedNetwork, kImportReport}},
      {FlowStage::Map, "map", "legalize, partition, place, route and encode the network onto the target's cores",
       {}, {kChipImage, kNetwork, kTarget, kMapping, kMappingText}},
      {FlowStage::Simulate, "simulate", "run the network bit-accurately with NetworkSim", {}, {kTrace, kActivity}},
      {FlowStage::Report, "report", "run the chip image with ChipSim and price its energy, latency and traffic",
       {kNetwork, kChipImage, kTarget}, {kEnergy, kEnergyText}},
      {FlowStage::Rtl, "rtl", "write the target's chip RTL, its file list and the image's memory files",
       {kNetwork, kChipImage, kTarget}, {file_list()}},
      {FlowStage::Lint, "lint", "lint the generated RTL with verilator --lint-only -Wall", {file_list()},
       {rtl(kLintLog)}},
      {FlowStage::Cosim, "cosim", "co-simulate the generated RTL against ChipSim, every spike and state of every step",
       {kNetwork, kChipImage, kTarget, file_list()}, {kCosim}},
      {FlowStage::Synth, "synth", "synthesise the generated RTL with Yosys (check -assert)", {file_list()},
       {rtl(kSynthStat)}},
  }};
  return table;
}

const StageInfo& stage_info(FlowStage stage) { return stage_table()[static_cast<std::size_t>(stage)]; }

const char* stage_name(FlowStage stage) { return stage_info(stage).name; }

std::string stage_names() {
  std::string list;
  for (const StageInfo& s : stage_table()) list += (list.empty() ? "" : ", ") + std::string(s.name);
  return list;
}

std::string stage_help(FlowStage stage) {
  const StageInfo& s = stage_info(stage);
  std::string text = std::string(s.summary) + ".";
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  const auto list = [](const std::vector<std::string>& files) {
    std::string out;
    for (const std::string& f : files) out += (out.empty() ? "DIR/" : ", DIR/") + f;
    return out;
  };
  if (!s.inputs.empty()) text += " Reads " + list(s.inputs) + ".";
  if (!s.products.empty()) text += " Writes " + list(s.products) + ".";
  return text;
}

FlowStage stage_from_name(const std::string& name, const std::string& place, const std::string& file) {
  for (const StageInfo& s : stage_table())
    if (name == s.name) return s.stage;
  throw model::InputError({{"FLOW-0010", place, "expected a stage (" + stage_names() + "), found \"" + name + "\""}},
                          file);
}

}  // namespace axomesh::flows
