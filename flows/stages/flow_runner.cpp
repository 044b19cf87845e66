#include "flows/formats/run_files.hpp"
#include "flows/stages/flow_runner.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "flows/stages/html_report.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

std::string in(const std::string& out, const std::string& name) { return (fs::path(out) / name).string(); }
std::string rtl_out(const std::string& out) { return in(out, run_files::kRtlFolder); }
std::string imported_network(const std::string& out) { return in(out, run_files::kImportedNetwork); }

// The network the stages after import read.
std::string network_file(const FlowSpec& flow) {
  return flow.runs(FlowStage::Import) ? imported_network(flow.out) : flow.network;
}

StageOutcome run_stage(FlowStage stage, const FlowSpec& flow, std::ostream& log) {
  switch (stage) {
    case FlowStage::Import:
      return run_import_stage(flow.network, resolve_target(flow.target), flow.import, imported_network(flow.out),
                              in(flow.out, run_files::kImportReport), log);
    case FlowStage::Map: {
      uint64_t profile_steps = flow.profile_steps;
      if (profile_steps == 0) profile_steps = mapper::LegalizeOptions{}.profile_steps;
      return run_map_stage(load_network(network_file(flow)), resolve_target(flow.target), profile_steps, flow.out, log);
    }
    case FlowStage::Simulate:
      return run_simulate_stage(load_network(network_file(flow)), flow.simulate_steps, in(flow.out, run_files::kTrace),
                                TraceFormat::Json, in(flow.out, run_files::kActivity), log);
    case FlowStage::Report:
      return run_report_stage(flow.out, flow.report_steps, flow.report_samples, std::nullopt, log);
    case FlowStage::Rtl:
      return run_rtl_stage(flow.out, rtl_out(flow.out), std::nullopt, log);
    case FlowStage::Lint:
      return run_lint_stage(rtl_out(flow.out), log);
    case FlowStage::Cosim:
      return run_cosim_stage(flow.out, flow.cosim, log);
    case FlowStage::Synth:
      return run_synth_stage(rtl_out(flow.out), log);
  }
  return {};
}

void check_reusable(FlowStage stage, const std::string& out, FlowStage from) {
  for (const std::string& file : stage_outputs(stage, out))
    if (!fs::exists(file))
      throw model::InputError(
          {{"FLOW-0011", std::string("--from ") + stage_name(from),
            "expected " + file + " from the " + stage_name(stage) + " stage of an earlier run, found no such file; run "
            "the flow from the " + stage_name(stage) + " stage (or from the start)"}});
}

void append_to_log(const std::string& log_file, FlowStage stage, const std::string& text) {
  std::ofstream log(log_file, std::ios::app);
  log << "=== " << stage_name(stage) << " ===\n" << text << (text.empty() || text.back() == '\n' ? "" : "\n");
}

// A report that cannot be made is said, not fatal: the stages' own outputs stand.
void write_report(const FlowSpec& flow, FlowResult& result, std::ostream& progress) {
  std::ostringstream written;
  try {
    result.report_file = write_flow_report(flow, result, written);
    progress << "report: " << result.report_file << "\n";
  } catch (const std::exception& e) {
    progress << "report not written: " << e.what() << "\n";
  }
}

// The message of the exception being handled, as the CLI prints it after "error: ".
std::string current_exception_message() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

std::string pad(const std::string& s, std::size_t width) {
  return s + std::string(width > s.size() ? width - s.size() : 0, ' ');
}

}  // namespace

std::vector<std::string> stage_outputs(FlowStage stage, const std::string& out) {
  std::vector<std::string> files;
  for (const std::string& product : stage_info(stage).products) files.push_back(in(out, product));
  return files;
}

FlowResult run_flow(const FlowSpec& flow, const FlowRunOptions& options, std::ostream& progress) {
  std::vector<FlowStage> stages;
  for (std::size_t i = 0; i < kFlowStageCount; ++i)
    if (flow.enabled[i]) stages.push_back(static_cast<FlowStage>(i));
  for (const auto& [bound, flag] : {std::pair{options.from, "--from"}, std::pair{options.until, "--until"}})
    if (bound && std::find(stages.begin(), stages.end(), *bound) == stages.end())
      throw model::InputError({{"FLOW-0012", flag,
                                std::string("expected a stage of flow \"") + flow.name + "\", found \"" +
                                    stage_name(*bound) + "\", which it does not run"}});
  if (options.from && options.until && *options.until < *options.from)
    throw model::InputError({{"FLOW-0012", "--until", std::string("expected a stage at or after --from ") +
                                                          stage_name(*options.from) + ", found " +
                                                          stage_name(*options.until)}});

  FlowResult result;
  result.log_file = in(flow.out, run_files::kFlowLog);
  for (FlowStage s : stages)
    if (options.from && s < *options.from) check_reusable(s, flow.out, *options.from);
  std::error_code error;
  fs::create_directories(flow.out, error);
  if (error) throw std::runtime_error(flow.out + ": cannot create the folder: " + error.message() + " [IO-0002]");
  // A resumed run adds to the log of the run whose outputs it reuses.
  std::ofstream(result.log_file, options.from ? std::ios::app : std::ios::trunc) << "flow " << flow.name << ": " << flow.network << " on "
                                                  << flow.target << " into " << flow.out << "\n";

  progress << "flow " << flow.name << ": " << flow.network << " on " << flow.target << " -> " << flow.out << "\n";
  bool stopped = false;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    StageRecord record{stages[i], "not run", 0.0, {}, {}};
    const bool before = options.from && stages[i] < *options.from;
    const bool after = options.until && stages[i] > *options.until;
    if (before) {
      record.status = "reused";
      record.outcome.output = stage_outputs(stages[i], flow.out).front();
    }
    if (before || after || stopped) {
      result.stages.push_back(record);
      continue;
    }
    progress << "[" << i + 1 << "/" << stages.size() << "] " << pad(stage_name(stages[i]), 9) << std::flush;
    std::ostringstream stage_log;
    const auto start = std::chrono::steady_clock::now();
    try {
      record.outcome = run_stage(stages[i], flow, options.echo_stage_output ? progress : stage_log);
    } catch (...) {
      record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      record.status = "FAILED";
      record.error = current_exception_message();
      progress << "FAILED after " << format_fixed(record.seconds, 1) << " s\n";
      // The reason stays with the run, not only on stderr.
      append_to_log(result.log_file, stages[i], stage_log.str() + "error: " + record.error + "\n");
      result.stages.push_back(record);
      result.passed = false;
      for (std::size_t k = i + 1; k < stages.size(); ++k) result.stages.push_back({stages[k], "not run", 0.0, {}, {}});
      progress << "\n";
      print_flow_summary(progress, result);
      write_report(flow, result, progress);
      throw;
    }
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    record.status = record.outcome.passed ? "ok" : "MISMATCH";
    append_to_log(result.log_file, stages[i], stage_log.str());
    progress << pad(format_fixed(record.seconds, 1) + " s", 9) << record.outcome.key_figure << "\n";
    if (!record.outcome.passed) {
      result.passed = false;
      stopped = true;
    }
    result.stages.push_back(record);
  }
  progress << "\n";
  print_flow_summary(progress, result);
  write_report(flow, result, progress);
  return result;
}

void print_flow_summary(std::ostream& out, const FlowResult& result) {
  const std::vector<std::string> header = {"stage", "status", "time", "key figure", "output"};
  std::vector<std::vector<std::string>> rows;
  for (const StageRecord& r : result.stages) {
    const bool ran = r.status == "ok" || r.status == "MISMATCH" || r.status == "FAILED";
    rows.push_back({stage_name(r.stage), r.status, ran ? format_fixed(r.seconds, 1) + " s" : "-",
                    r.outcome.key_figure.empty() ? "-" : r.outcome.key_figure,
                    r.outcome.output.empty() ? "-" : r.outcome.output});
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) out << (c + 1 == row.size() ? row[c] : pad(row[c], width[c] + 2));
    out << "\n";
  };
  print_row(header);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : rows) print_row(row);
  out << (result.passed ? "flow passed" : "flow FAILED") << "; every stage's own output is in " << result.log_file
      << "\n";
}

}  // namespace axomesh::flows
