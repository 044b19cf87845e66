// axomesh cosim: co-simulates the chip RTL of a mapped run against ChipSim, step by
// step. The RTL is exactly the files that `axomesh rtl` wrote and its file list names
// (OUT/axomesh_chip.f, by default DIR/rtl_out), as they are now: Verilated and compiled once
// into a shared object cached by their content; the chip image is loaded through its
// configuration port. Every
// core's spikes and every neuron's u and v are compared after every step; the first
// difference stops the run, is reported, and the last steps before it are replayed into
// an FST waveform. With --systemc the SystemC harness runs instead (cosim/systemc_harness.hpp,
// built per geometry the same way), optionally with one core as its SystemC model
// (--systemc-core K); it records no waveform. Writes DIR/cosim.json. Exit 0: identical;
// 1: a difference.
#include <filesystem>
#include <iostream>
#include <string>

#include <cxxopts.hpp>
#include <nlohmann/json.hpp>

#include "cosim/chip_library.hpp"
#include "cosim/lockstep.hpp"
#include "cosim/systemc_lockstep.hpp"
#include "flows/cli.hpp"
#include "flows/file_io.hpp"
#include "flows/generated_rtl.hpp"
#include "flows/mapped_dir.hpp"
#include "flows/stages.hpp"
#include "model/diagnostic.hpp"
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
    throw model::InputError({{"COS-0001", options.steps == 0 ? "steps" : "wave steps",
                              "expected a count of at least 1, found 0"}});
  const MappedDir run = load_mapped_dir(dir.string(), options.target);
  // Refused before anything is built: the blocks the RTL has no datapath for.
  rtl_gen::check_rtl_supports(run.image, (dir / "chip_image.json").string());
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(run.target);
  rtl_gen::check_image_fits(run.image, geometry);

  if (options.systemc_core && *options.systemc_core >= run.image.cores.size())
    throw model::InputError({{"COS-0002", "--systemc-core",
                              "expected a core of the chip image (0.." + std::to_string(run.image.cores.size() - 1) +
                                  "), found " + std::to_string(*options.systemc_core)}},
                            (dir / "chip_image.json").string());
  const std::string cache = options.cache_dir ? *options.cache_dir : cosim::default_cache_dir();
  const auto stage_log = [&log](const std::string& stage) { log << stage << "...\n" << std::flush; };
  // The user's RTL, not the one built into the program: a hand-edited leaf is what runs.
  const GeneratedRtl rtl = read_generated_rtl(options.rtl_dir ? *options.rtl_dir : (dir / "rtl_out").string());
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
    const std::string wave = options.wave_file ? *options.wave_file : (dir / "cosim_mismatch.fst").string();
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
  write_files(dir.string(), {{"cosim.json", &report_text}}, log);
  outcome.output = (dir / "cosim.json").string();
  return outcome;
}

int cosim_command(int argc, char** argv) {
  cxxopts::Options options(
      "axomesh cosim",
      "Co-simulate the chip RTL that `axomesh rtl` wrote (Verilator) against ChipSim on DIR's chip image (`axomesh "
      "map`): every core's spikes and every neuron's u and v are compared after every step. The RTL is the files "
      "OUT/axomesh_chip.f names, as they are (edited by hand or not); it is Verilated once per content and kept in "
      "the cache folder. Writes DIR/cosim.json; on a difference, an FST waveform of the last steps. Exit 0 when "
      "identical, 1 on a difference.");
  options.add_options()
    ("dir", "folder written by axomesh map", cxxopts::value<std::string>())
    ("n,steps", "timesteps to compare", cxxopts::value<uint64_t>()->default_value("100"))
    ("t,target", "the target, a shipped name or a .json file (default: DIR/target.json)",
     cxxopts::value<std::string>())
    ("rtl", "folder written by axomesh rtl --out OUT (default: DIR/rtl_out)", cxxopts::value<std::string>())
    ("no-state", "compare spikes only, not u and v")
    ("wave", "waveform file written on a difference (default: DIR/cosim_mismatch.fst)", cxxopts::value<std::string>())
    ("wave-steps", "steps the waveform covers, up to the difference", cxxopts::value<uint64_t>()->default_value("3"))
    ("cache", "folder of the compiled chip objects (default: " + cosim::default_cache_dir() + ")",
     cxxopts::value<std::string>())
    ("systemc", "use the SystemC harness (the chip Verilated with --sc, AER source and sink modules); no waveform")
    ("systemc-core", "with --systemc: replace core K of the mesh by its SystemC model (mixed-level)",
     cxxopts::value<uint32_t>())
    ("h,help", "show this help");
  options.parse_positional({"dir"});
  options.positional_help("DIR [--steps N]");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("dir")) {
    std::cerr << "error: axomesh cosim needs the folder that axomesh map wrote\n\n" << options.help() << "\n";
    return 2;
  }
  for (const char* name : {"steps", "wave-steps"})
    if (args[name].as<uint64_t>() == 0)
      throw model::InputError({{"COS-0001", std::string("--") + name, "expected a count of at least 1, found 0"}});
  CosimStageOptions cosim;
  cosim.steps = args["steps"].as<uint64_t>();
  cosim.compare_state = !args.count("no-state");
  if (args.count("wave")) cosim.wave_file = args["wave"].as<std::string>();
  cosim.wave_steps = args["wave-steps"].as<uint64_t>();
  if (args.count("cache")) cosim.cache_dir = args["cache"].as<std::string>();
  if (args.count("target")) cosim.target = args["target"].as<std::string>();
  if (args.count("rtl")) cosim.rtl_dir = args["rtl"].as<std::string>();
  cosim.systemc = args.count("systemc") > 0;
  if (args.count("systemc-core")) {
    if (!cosim.systemc)
      throw model::InputError({{"COS-0003", "--systemc-core", "expected --systemc with it, found it alone"}});
    cosim.systemc_core = args["systemc-core"].as<uint32_t>();
  }
  return run_cosim_stage(args["dir"].as<std::string>(), cosim, std::cout).passed ? 0 : 1;
}

}  // namespace axomesh::flows
