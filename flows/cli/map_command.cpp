// `axomesh map`: options for the map stage (flows/stages/map_stage.cpp).
#include <iostream>
#include <string>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"
#include "mapper/legalize.hpp"

namespace axomesh::flows {

int map_command(int argc, char** argv) {
  cxxopts::Options options("axomesh map", stage_help(FlowStage::Map) +
                                               " Our mapper and the baseline are reported side by side, and with "
                                               "--dump the mapper's products (docs/mapper-products.md); nothing is "
                                               "written when the network does not fit.");
  options.add_options()
    ("network", "network JSON file (docs/network-format.md)", cxxopts::value<std::string>())
    ("t,target", "a shipped target's name (" + [] {
        std::string list;
        for (const std::string& n : shipped_target_names()) list += (list.empty() ? "" : ", ") + n;
        return list;
      }() + ") or a target file ending in .json", cxxopts::value<std::string>())
    ("o,out", "output folder", cxxopts::value<std::string>())
    ("profile-steps", "NetworkSim steps that estimate the spike rates the mapper balances",
     cxxopts::value<uint64_t>()->default_value(std::to_string(mapper::LegalizeOptions{}.profile_steps)))
    ("dump", "also write the mapper's products of our mapping, comma-separated: partition, placement, routes, "
     "atoms (DIR/NAME.json each)", cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"network"});
  options.positional_help("NET.json --target NAME|FILE --out DIR");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("network") || !args.count("target") || !args.count("out")) {
    std::cerr << "error: axomesh map needs a network file, --target and --out\n\n" << options.help() << "\n";
    return 2;
  }
  const MapperDumps dumps = args.count("dump") ? parse_mapper_dumps(args["dump"].as<std::string>()) : MapperDumps{};
  run_map_stage(load_network(args["network"].as<std::string>()), resolve_target(args["target"].as<std::string>()),
                args["profile-steps"].as<uint64_t>(), args["out"].as<std::string>(), std::cout, dumps);
  return 0;
}

}  // namespace axomesh::flows
