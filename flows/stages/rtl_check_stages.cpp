// The lint and synth stages: the generated chip checked by the external tools, exactly as
// docs/rtl-and-cosim.md runs them -- Verilator's lint with -Wall, and Yosys' synthesis
// with memories kept as memories and `check -assert` (no latches, no combinational
// loops). Each tool runs in the RTL folder, its output kept in a log file there.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cosim/program_run.hpp"
#include "flows/formats/run_files.hpp"
#include "flows/stages/generated_rtl.hpp"
#include "flows/stages/stages.hpp"
#include "model/base/diagnostic.hpp"
#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

void run_tool(const std::vector<std::string>& argv, const fs::path& log, const fs::path& dir, const std::string& what) {
  fs::remove(log);
  const int status = cosim::run_program(argv, log.string(), dir.string());
  if (status == 0) return;
  const std::string tail = cosim::log_tail(log.string(), 25);
  const std::string where = "; its log is " + log.string() + (tail.empty() ? ", empty" : ", ending:\n" + tail);
  if (status < 0) throw std::runtime_error(what + " failed (could not run " + argv[0] + ": is it installed?)" + where);
  throw CheckFailed(what + " failed (exit " + std::to_string(status) + ")" + where);
}

// "Number of cells: N" of the whole design: the last one yosys' stat prints.
std::string cell_count(const fs::path& stat_file) {
  std::ifstream in(stat_file);
  std::string count;
  for (std::string line; std::getline(in, line);) {
    const std::size_t at = line.find("Number of cells:");
    if (at == std::string::npos) continue;
    std::istringstream rest(line.substr(at + 16));
    rest >> count;
  }
  return count;
}

}  // namespace

std::string format_fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

StageOutcome run_lint_stage(const std::string& rtl_out_name, std::ostream& log) {
  const fs::path rtl_out = rtl_out_name;
  const std::vector<std::string> files = read_generated_rtl(rtl_out.string()).sources;
  const fs::path lint_log = rtl_out / run_files::kLintLog;
  run_tool({"verilator", "--lint-only", "-Wall", "-F", std::string(rtl_gen::kChipTop) + ".f"}, lint_log, rtl_out,
           "verilator --lint-only -Wall");
  log << "lint clean (verilator --lint-only -Wall): " << files.size() << " files; log " << lint_log.string() << "\n";
  StageOutcome outcome;
  outcome.key_figure = "clean with -Wall, " + std::to_string(files.size()) + " files";
  outcome.output = lint_log.string();
  return outcome;
}

StageOutcome run_synth_stage(const std::string& rtl_out_name, std::ostream& log) {
  const fs::path rtl_out = rtl_out_name;
  std::string reads = "read_verilog -sv";
  for (const std::string& f : read_generated_rtl(rtl_out.string()).sources) reads += " " + f;
  const fs::path stat_file = rtl_out / run_files::kSynthStat;
  const fs::path synth_log = rtl_out / run_files::kSynthLog;
  // Memories stay memories (SRAM macros on a real chip); everything else is mapped to
  // gates, and check -assert fails on latches, loops and undriven nets.
  const std::string script = reads + "; synth -top " + rtl_gen::kChipTop +
                             " -run :fine; memory -nomap; opt -fast; check -assert; tee -q -o " +
                             stat_file.filename().string() + " stat";
  fs::remove(stat_file);
  run_tool({"yosys", "-q", "-p", script}, synth_log, rtl_out, "yosys synthesis");
  const std::string cells = cell_count(stat_file);
  log << "synthesised " << rtl_gen::kChipTop << " with yosys (check -assert passed): " << cells
      << " cells; statistics " << stat_file.string() << "\n";
  StageOutcome outcome;
  outcome.key_figure = (cells.empty() ? std::string("?") : cells) + " cells, check -assert passed";
  outcome.output = stat_file.string();
  return outcome;
}

}  // namespace axomesh::flows
