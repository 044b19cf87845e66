// The cosim stage: co-simulates the chip RTL of a mapped run against ChipSim, step by step.
// The RTL is exactly the files that the rtl stage wrote and its file list names
// (OUT/axomesh_chip.f, by default DIR/rtl_out), as they are now: Verilated and compiled once
// into a shared object cached by their content; the chip image is loaded through its
// configuration port. Every core's spikes and every neuron's u and v are compared after
// every step; the first difference stops the run, is reported, and the last steps before it
// are replayed into an FST waveform. The SystemC harness (cosim/systemc_harness.hpp) can
// run instead, optionally with one core as its SystemC model; it records no waveform.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cosim/chip_library.hpp"
#include "cosim/lockstep.hpp"
#include "cosim/systemc_lockstep.hpp"
#include "flows/formats/run_files.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/stages/generated_rtl.hpp"
#include "flows/formats/mapped_dir.hpp"
#include "flows/stages/progress.hpp"
#include "flows/stages/stages.hpp"
#include "model/base/diagnostic.hpp"
#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

nlohmann::json result_json(const cosim::LockstepResult& r, const std::string& target, const cosim::ChipLibrary& lib,
                           const CosimStageOptions& options, const std::string& rtl_file_list) {
  nlohmann::json j = {{"target", target},          {"steps_compared", r.steps},     {"spikes_compared", r.spikes},
                      {"states_compared", r.states}, {"offchip_packets", r.packets_in}, {"rtl_cycles", r.rtl_cycles},
                      {"seconds", r.seconds},        {"chip_object", lib.path()},      {"identical", !r.mismatch},
                      {"harness", options.systemc ? "systemc" : "c++"}, {"rtl", rtl_file_list}};
  if (options.systemc_core) j["systemc_core"] = *options.systemc_core;
  if (r.mismatch) {
    const cosim::Mismatch& m = *r.mismatch;
    j["mismatch"] = {{"step", m.step},         {"core", m.core},         {"neuron", m.neuron},
                     {"field", m.field},       {"expected", m.expected}, {"actual", m.actual},
                     {"network_neuron", m.network_neuron}};
  }
  return j;
}

// The SystemC core's per-operation times: the target's, where it gives them.
cosim::SystemcTimes systemc_times(const targets::Target& target) {
  cosim::SystemcTimes times;
  const auto figure = [&](const char* name, double& value) {
    if (auto it = target.time.find(name); it != target.time.end() && it->second.value > 0) value = it->second.value;
  };
  figure("synaptic_op", times.synaptic_op);
  figure("neuron_update_active", times.neuron_update_active);
  figure("neuron_update_idle", times.neuron_update_idle);
  return times;
}

// The harness drives the chip with the target's geometry: an RTL folder written for
// another one (a stale rtl_out) would be compared port for port against the wrong chip.
void check_top_geometry(const GeneratedRtl& rtl, const rtl_gen::RtlGeometry& geometry) {
  const std::string top = std::string("rtl/") + rtl_gen::kChipTop + ".sv";
  for (const rtl_gen::GeneratedFile& f : rtl.files)
    if (f.path == top && f.text.find("neuro_chip #(" + geometry.verilog_parameters()) == std::string::npos)
      throw model::InputError({{"COS-0004", top,
                                "expected neuro_chip with the target's geometry (" + geometry.verilog_parameters() +
                                    "), found other parameters; run `axomesh rtl` again for this target"}},
                              fs::path(rtl.file_list).parent_path().string());
}

}  // namespace

StageOutcome run_cosim_stage(const std::string& dir_name, const CosimStageOptions& options, std::ostream& log) {
  const fs::path dir = dir_name;
  if (options.steps == 0 || options.wave_steps == 0)
    throw model::InputError({{"COS-0001", options.steps == 0 ? "--steps" : "--wave-steps",
                              "expected a count of at least 1, found 0"}});
  if (options.systemc_core && !options.systemc)
    throw model::InputError({{"COS-0003", "--systemc-core", "expected --systemc with it, found it alone"}});
  const MappedDir run = load_mapped_dir(dir.string(), options.target);
  // Refused before anything is built: the blocks the RTL has no datapath for.
  rtl_gen::check_rtl_supports(run.image, (dir / run_files::kChipImage).string());
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(run.target);
  rtl_gen::check_image_fits(run.image, geometry);

  if (options.systemc_core && *options.systemc_core >= run.image.cores.size())
    throw model::InputError({{"COS-0002", "--systemc-core",
                              "expected a core of the chip image (0.." + std::to_string(run.image.cores.size() - 1) +
                                  "), found " + std::to_string(*options.systemc_core)}},
                            (dir / run_files::kChipImage).string());
  const std::string cache = options.cache_dir ? *options.cache_dir : cosim::default_cache_dir();
  const auto stage_log = [&log](const std::string& stage) { log << stage << "...\n" << std::flush; };
  // The user's RTL, not the one built into the program: a hand-edited leaf is what runs.
  const GeneratedRtl rtl = read_generated_rtl(options.rtl_dir ? *options.rtl_dir : (dir / run_files::kRtlFolder).string());
  check_top_geometry(rtl, geometry);
  log << "co-simulating the RTL of " << rtl.file_list << " (" << rtl.sources.size() << " files)\n";
  const cosim::ChipLibrary library = options.systemc
                                         ? cosim::ChipLibrary::open_systemc(rtl.files, geometry, cache, stage_log)
                                         : cosim::ChipLibrary::open(rtl.files, cache, stage_log);
  if (library.was_built())
    log << "built the chip object of target " << run.target.name << " in " << format_fixed(library.build_seconds(), 1)
        << " s: " << library.path() << "\n";
  else
    log << "reused the chip object of target " << run.target.name << ": " << library.path() << "\n";

  cosim::LockstepOptions lockstep;
  lockstep.steps = options.steps;
  lockstep.compare_state = options.compare_state;
  lockstep.progress = progress_bar(lockstep.steps);
  auto make_chip = [&] { return library.make_chip(geometry.cores(), geometry.neuron_bits()); };
  const cosim::LockstepResult result =
      options.systemc ? cosim::run_systemc_lockstep(
                            library.systemc_runner(geometry.cores(), geometry.neuron_bits(), systemc_times(run.target)),
                            run.image, geometry, lockstep, options.systemc_core)
                      : cosim::run_lockstep(*make_chip(), run.image, geometry, lockstep);

  nlohmann::json report = result_json(result, run.target.name, library, options, rtl.file_list);
  StageOutcome outcome;
  if (result.mismatch && options.systemc) {
    log << "MISMATCH at " << result.mismatch->describe() << "\n"
        << "(the SystemC harness records no waveform: rerun without --systemc for one)\n";
    outcome.passed = false;
    outcome.key_figure = "MISMATCH at step " + std::to_string(result.mismatch->step);
  } else if (result.mismatch) {
    const std::string wave = options.wave_file ? *options.wave_file : (dir / run_files::kCosimWave).string();
    lockstep.progress = {};
    cosim::record_waveform(make_chip, run.image, geometry, lockstep, result.mismatch->step, options.wave_steps, wave);
    report["waveform"] = wave;
    log << "MISMATCH at " << result.mismatch->describe() << "\n"
        << "waveform of the last " << options.wave_steps << " step(s): " << wave << "\n";
    outcome.passed = false;
    outcome.key_figure = "MISMATCH at step " + std::to_string(result.mismatch->step);
  } else {
    log << "identical: " << result.steps << " steps, " << result.spikes << " spikes and " << result.states
        << " neuron states compared, " << result.packets_in << " off-chip packets\n";
    outcome.key_figure = "identical: " + std::to_string(result.steps) + " steps, " + std::to_string(result.spikes) +
                         " spikes";
  }
  const double steps = static_cast<double>(std::max<uint64_t>(result.steps, 1));
  log << "RTL: " << result.rtl_cycles << " clock cycles ("
      << format_fixed(static_cast<double>(result.rtl_cycles) / steps, 1) << " per step), " << format_fixed(result.seconds, 2) << " s ("
      << format_fixed(static_cast<double>(result.steps) / std::max(result.seconds, 1e-9), 0) << " steps/s)\n";
  const std::string report_text = report.dump(1) + "\n";
  write_files(dir.string(), {{run_files::kCosim, &report_text}}, log);
  outcome.output = (dir / run_files::kCosim).string();
  return outcome;
}

}  // namespace axomesh::flows
