// `axomesh report`: options for the report stage (flows/stages/report_stage.cpp).
#include <iostream>
#include <optional>
#include <string>

#include <cxxopts.hpp>

#include "flows/formats/run_files.hpp"
#include "flows/cli/cli.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"

namespace axomesh::flows {

int report_command(int argc, char** argv) {
  cxxopts::Options options("axomesh report", stage_help(FlowStage::Report) +
                                                  " The run is compared with a conventional processor (a model), and "
                                                  "the mesh's energy and utilization are drawn as SVG charts.");
  options.add_options()
    ("dir", "folder written by axomesh map",
     cxxopts::value<std::string>())
    ("n,steps", "timesteps to run", cxxopts::value<uint64_t>()->default_value("1000"))
    ("samples", "split the run into this many equal samples (inferences) for the energy per sample",
     cxxopts::value<uint64_t>()->default_value("1"))
    ("t,target", "the target, a shipped name or a .json file (default: DIR/" + std::string(run_files::kTarget) + ")",
     cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"dir"});
  options.positional_help("DIR [--steps N] [--samples K] [--target NAME|FILE]");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("dir")) {
    std::cerr << "error: axomesh report needs the folder that axomesh map wrote\n\n" << options.help() << "\n";
    return 2;
  }
  run_report_stage(args["dir"].as<std::string>(), args["steps"].as<uint64_t>(), args["samples"].as<uint64_t>(),
                   args.count("target") ? std::optional<std::string>(args["target"].as<std::string>()) : std::nullopt,
                   std::cout);
  return 0;
}

}  // namespace axomesh::flows
