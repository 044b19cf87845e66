// `axomesh import`: options for the import stage (flows/stages/import_stage.cpp).
#include <iostream>
#include <optional>
#include <string>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/formats/target_json.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"

namespace axomesh::flows {

int import_command(int argc, char** argv) {
  cxxopts::Options options("axomesh import", "Import a NIR graph (.nir): " +
                                                  std::string(stage_info(FlowStage::Import).summary) + ".");
  options.add_options()
    ("model", "NIR file", cxxopts::value<std::string>())
    ("t,target", "target name or target JSON file", cxxopts::value<std::string>()->default_value("loihi2"))
    ("dt", "time step in seconds (NIR time constants are in seconds)", cxxopts::value<double>()->default_value("1e-3"))
    ("n,steps", "steps to simulate for the comparison", cxxopts::value<uint64_t>()->default_value("200"))
    ("input", "input spikes: JSON {\"INPUT\": [[steps], ...]} (default: generated)", cxxopts::value<std::string>())
    ("rate", "generated input: spike probability per element and step", cxxopts::value<double>()->default_value("0.2"))
    ("seed", "generated input: seed", cxxopts::value<uint64_t>()->default_value("1"))
    ("o,out", "write the quantised network (with the input as raster sources) to this JSON file",
     cxxopts::value<std::string>())
    ("report", "write the report as JSON to this file", cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"model"});
  options.positional_help("MODEL.nir");
  const auto args = options.parse(argc, argv);
  if (args.count("help") || !args.count("model")) {
    std::cout << options.help() << "\n";
    return args.count("help") ? 0 : 2;
  }
  ImportStageOptions import;
  import.dt_s = args["dt"].as<double>();
  import.rate = args["rate"].as<double>();
  import.steps = args["steps"].as<uint64_t>();
  import.seed = args["seed"].as<uint64_t>();
  if (args.count("input")) import.input_file = args["input"].as<std::string>();
  auto optional_arg = [&](const char* name) {
    return args.count(name) ? std::optional<std::string>(args[name].as<std::string>()) : std::nullopt;
  };
  run_import_stage(args["model"].as<std::string>(), resolve_target(args["target"].as<std::string>()), import,
                   optional_arg("out"), optional_arg("report"), std::cout);
  return 0;
}

}  // namespace axomesh::flows
