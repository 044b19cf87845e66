// The stages of a flow, each one function called both by its own subcommand (`axomesh
// map`, `report`, `rtl`, `cosim`, ...) and by the flow runner (`axomesh flow`, `axomesh
// demo`). A stage reads its inputs from files, writes its outputs into its folder (each
// output made before any is written), prints what it did on `log`, and returns one key
// figure and its main output for the flow's summary.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

#include "flows/formats/mapper_json.hpp"
#include "flows/formats/trace_io.hpp"
#include "model/network/network.hpp"
#include "targets/target.hpp"

namespace axomesh::flows {

// Thrown when the inputs were usable but a check or an external tool found a defect
// (lint warnings, a failed synthesis check): exit code 1 (flows/cli/cli.hpp), where a bad or
// refused input (model::InputError) gives 2.
class CheckFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StageOutcome {
  std::string key_figure;  // one short line, e.g. "4 cores, 12 inter-core spikes/step"
  std::string output;      // the main file or folder written
  bool passed = true;      // false: the stage ran but its check failed (a cosim difference)
};

// `value` with `digits` digits after the point, for key figures.
std::string format_fixed(double value, int digits);

// import: a NIR graph quantised for `target`, compared with its float reference, written
// as a network file (with the input as raster sources) and optionally a JSON report.
struct ImportStageOptions {
  double dt_s = 1e-3;
  uint64_t steps = 200;
  std::optional<std::string> input_file;  // JSON raster; default: generated Bernoulli input
  double rate = 0.2;
  uint64_t seed = 1;
};
StageOutcome run_import_stage(const std::string& nir_file, const targets::Target& target,
                              const ImportStageOptions& options, const std::optional<std::string>& network_out,
                              const std::optional<std::string>& report_out, std::ostream& log);

// simulate: NetworkSim for `steps`; the trace and the activity written when asked for.
StageOutcome run_simulate_stage(const model::Network& network, uint64_t steps,
                                const std::optional<std::string>& trace_file, TraceFormat format,
                                const std::optional<std::string>& stats_file, std::ostream& log,
                                const std::optional<std::string>& weights_file = std::nullopt);

// map: legalize, then the graph mapper (and the baseline for comparison); writes into
// `dir` network.json, chip_image.json, mapping.json, mapping.txt and target.json, and the
// mapper's products `dumps` asks for (flows/formats/mapper_json.hpp).
StageOutcome run_map_stage(const model::Network& network, const targets::Target& target, uint64_t profile_steps,
                           const std::string& dir, std::ostream& log, const MapperDumps& dumps = {});

// report: ChipSim on the mapped image in `dir`, priced by the target; writes energy.json,
// energy.md and three SVG charts into `dir`. `target` replaces DIR/target.json.
StageOutcome run_report_stage(const std::string& dir, uint64_t steps, uint64_t samples,
                              const std::optional<std::string>& target, std::ostream& log);

// rtl: the chip's RTL, file list and the image's memory files, written under `out`
// (default DIR/rtl_out).
StageOutcome run_rtl_stage(const std::string& dir, const std::optional<std::string>& out,
                           const std::optional<std::string>& target, std::ostream& log);

// cosim: the chip RTL in `rtl_dir` (the files its axomesh_chip.f names), Verilated,
// against ChipSim for `steps`; writes DIR/cosim.json (and a waveform on a difference).
// `passed` is false on a difference. RTL-0103 (check_rtl_supports) and FLOW-0013 (no
// file list) come before any build.
struct CosimStageOptions {
  uint64_t steps = 100;
  bool compare_state = true;
  std::optional<std::string> wave_file;  // default DIR/cosim_mismatch.fst
  uint64_t wave_steps = 3;
  std::optional<std::string> cache_dir;  // default cosim::default_cache_dir()
  std::optional<std::string> target;
  std::optional<std::string> rtl_dir;    // default DIR/rtl_out, where the flow's rtl stage writes
  bool systemc = false;                  // the SystemC harness instead of the C++ one
  std::optional<uint32_t> systemc_core;  // with systemc: this core is the SystemC model
};
StageOutcome run_cosim_stage(const std::string& dir, const CosimStageOptions& options, std::ostream& log);

// lint: `verilator --lint-only -Wall -F RTL_OUT/axomesh_chip.f`, its output in
// RTL_OUT/lint.log. Throws CheckFailed with the log's end when it finds anything.
StageOutcome run_lint_stage(const std::string& rtl_out, std::ostream& log);

// synth: yosys reads the generated RTL and synthesises axomesh_chip (memories kept as
// memories) with `check -assert`; the cell statistics go to RTL_OUT/synth_stat.txt, the
// log to RTL_OUT/synth.log. Throws std::runtime_error when it fails.
StageOutcome run_synth_stage(const std::string& rtl_out, std::ostream& log);

}  // namespace axomesh::flows
