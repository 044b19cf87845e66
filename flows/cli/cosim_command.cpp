// `axomesh cosim`: options for the cosim stage (flows/stages/cosim_stage.cpp).
#include <iostream>
#include <string>

#include <cxxopts.hpp>

#include "cosim/chip_library.hpp"
#include "flows/formats/run_files.hpp"
#include "flows/cli/cli.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"

namespace axomesh::flows {

int cosim_command(int argc, char** argv) {
  cxxopts::Options options("axomesh cosim", stage_help(FlowStage::Cosim) +
                                                 " The RTL is the files the file list names, as they are (edited by "
                                                 "hand or not); it is Verilated once per content and kept in the cache "
                                                 "folder; on a difference an FST waveform of the last steps is "
                                                 "written. Exit 0 when identical, 1 on a difference, 2 on bad "
                                                 "input or a refused image, 3 on an internal or I/O error (e.g. the "
                                                 "RTL cannot be built).");
  options.add_options()
    ("dir", "folder written by axomesh map", cxxopts::value<std::string>())
    ("n,steps", "timesteps to compare", cxxopts::value<uint64_t>()->default_value("100"))
    ("t,target", "the target, a shipped name or a .json file (default: DIR/" + std::string(run_files::kTarget) + ")",
     cxxopts::value<std::string>())
    ("rtl", "folder written by axomesh rtl --out OUT (default: DIR/" + std::string(run_files::kRtlFolder) + ")", cxxopts::value<std::string>())
    ("no-state", "compare spikes only, not u and v")
    ("wave", "waveform file written on a difference (default: DIR/" + std::string(run_files::kCosimWave) + ")", cxxopts::value<std::string>())
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
  CosimStageOptions cosim;
  cosim.steps = args["steps"].as<uint64_t>();
  cosim.compare_state = !args.count("no-state");
  if (args.count("wave")) cosim.wave_file = args["wave"].as<std::string>();
  cosim.wave_steps = args["wave-steps"].as<uint64_t>();
  if (args.count("cache")) cosim.cache_dir = args["cache"].as<std::string>();
  if (args.count("target")) cosim.target = args["target"].as<std::string>();
  if (args.count("rtl")) cosim.rtl_dir = args["rtl"].as<std::string>();
  cosim.systemc = args.count("systemc") > 0;
  if (args.count("systemc-core")) cosim.systemc_core = args["systemc-core"].as<uint32_t>();
  return run_cosim_stage(args["dir"].as<std::string>(), cosim, std::cout).passed ? 0 : 1;
}

}  // namespace axomesh::flows
