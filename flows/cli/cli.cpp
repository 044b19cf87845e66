#include "flows/cli/cli.hpp"

#include <iostream>

#include <cxxopts.hpp>

#include "flows/formats/network_json.hpp"
#include "flows/stages/stage_table.hpp"
#include "flows/stages/stages.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

struct Subcommand {
  const char* name;
  const char* summary;  // nullptr: a stage, summarised in the stage table
  int (*run)(int, char**);
};

const Subcommand kSubcommands[] = {
    {"demo", "run the embedded demo flow: a soft winner-take-all mapped onto loihi2-mini, simulated, reported, turned into RTL, linted, co-simulated, synthesised", demo_command},
    {"flow", "run a flow file's stages (import, map, simulate, report, rtl, lint, cosim, synth) into one folder", flow_command},
    {"simulate", nullptr, simulate_command},
    {"validate", "check a network file and print what it holds", validate_command},
    {"map", nullptr, map_command},
    {"report", nullptr, report_command},
    {"import", nullptr, import_command},
    {"sanafe", "run a SANA-FE workload (architecture + mapped network YAML) and report counts and energy", sanafe_command},
    {"rtl", nullptr, rtl_command},
    {"cosim", nullptr, cosim_command},
    {"encode", "encode CSV input values into a spike-source raster (rate, ttfs or hybrid code)", encode_command},
    {"wta", "write a soft winner-take-all network (pools, self-excitation, shared inhibition)", wta_command},
};

void print_usage(std::ostream& out) {
  out << "axomesh -- design, map and verify neuromorphic hardware\n\n"
         "usage: axomesh <command> [options]   (axomesh <command> --help for details)\n\ncommands:\n";
  for (const Subcommand& s : kSubcommands) {
    out << "  " << s.name;
    for (std::size_t i = std::char_traits<char>::length(s.name); i < 10; ++i) out << ' ';
    out << (s.summary ? s.summary : stage_info(stage_from_name(s.name, "")).summary) << "\n";
  }
  out << "\n" << kExitCodes << "\n";
}

}  // namespace

int validate_command(int argc, char** argv) {
  cxxopts::Options options("axomesh validate", "Check a network file: every field, range, shape and reference.");
  options.add_options()("network", "network JSON file", cxxopts::value<std::string>())("h,help", "show this help");
  options.parse_positional({"network"});
  options.positional_help("NET.json");
  const auto args = options.parse(argc, argv);
  if (args.count("help") || !args.count("network")) {
    std::cout << options.help() << "\n";
    return args.count("help") ? 0 : 2;
  }
  const model::Network net = load_network(args["network"].as<std::string>());
  std::cout << args["network"].as<std::string>() << ": valid network \"" << net.name << "\": "
            << net.populations.size() << " populations, " << net.neuron_count() << " neurons, " << net.sources.size()
            << " sources, " << net.projections.size() << " projections, " << net.synapse_count() << " synapses\n";
  return 0;
}

int run_cli(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  if (name == "--version") {
    std::cout << "axomesh 0.1.0\n";
    return 0;
  }
  for (const Subcommand& s : kSubcommands) {
    if (name != s.name) continue;
    try {
      return s.run(argc - 1, argv + 1);
    } catch (const CheckFailed& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitCheckFailed;
    } catch (const model::InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitBadInput;
    } catch (const cxxopts::exceptions::exception& e) {
      std::cerr << "error: axomesh " << name << ": " << e.what() << " (see --help)\n";
      return kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitInternal;
    }
  }
  std::cerr << "error: unknown command \"" << name << "\"\n\n";
  print_usage(std::cerr);
  return 2;
}

}  // namespace axomesh::flows
