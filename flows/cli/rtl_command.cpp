// `axomesh rtl`: options for the rtl stage (flows/stages/rtl_stage.cpp).
#include <iostream>
#include <optional>
#include <string>

#include <cxxopts.hpp>

#include "flows/formats/run_files.hpp"
#include "flows/cli/cli.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"

namespace axomesh::flows {

int rtl_command(int argc, char** argv) {
  cxxopts::Options options("axomesh rtl", stage_help(FlowStage::Rtl) +
                                               " OUT holds the target's top and the leaf modules under rtl/, and the "
                                               "memory files under mem/, which the top loads with $readmemh. The RTL "
                                               "is the same for every network mapped onto the target; only mem/ "
                                               "changes.");
  options.add_options()
    ("dir", "folder written by axomesh map", cxxopts::value<std::string>())
    ("o,out", "output folder (default: DIR/" + std::string(run_files::kRtlFolder) + ")", cxxopts::value<std::string>())
    ("t,target", "the target, a shipped name or a .json file (default: DIR/" + std::string(run_files::kTarget) + ")",
     cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"dir"});
  options.positional_help("DIR [--out OUT]");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("dir")) {
    std::cerr << "error: axomesh rtl needs the folder that axomesh map wrote\n\n" << options.help() << "\n";
    return 2;
  }
  const std::string dir = args["dir"].as<std::string>();
  run_rtl_stage(dir, args.count("out") ? std::optional<std::string>(args["out"].as<std::string>()) : std::nullopt,
                args.count("target") ? std::optional<std::string>(args["target"].as<std::string>()) : std::nullopt,
                std::cout);
  return 0;
}

}  // namespace axomesh::flows
