// `axomesh wta`: writes a soft winner-take-all network (model/network/soft_wta.hpp) in the network
// format -- one pool per input rate, self-excitation inside pools, one shared inhibitory
// pool -- with the builder's defaults (the demo's parameters) unless options say otherwise.
#include <iostream>
#include <sstream>
#include <string>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/formats/network_json.hpp"
#include "model/base/diagnostic.hpp"
#include "model/network/network_validate.hpp"
#include "model/network/soft_wta.hpp"

namespace axomesh::flows {
namespace {

// "10,20,30": rates in Hz, each a finite number >= 0.
std::vector<double> parse_rates(const std::string& text) {
  std::vector<double> rates;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    std::size_t used = 0;
    double rate = -1;
    try {
      rate = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || !(rate >= 0.0 && rate < 1e9))
      throw model::InputError({{"CLI-0201", "--rates", "expected comma-separated rates in Hz (numbers >= 0), found \"" +
                                                         item + "\" in \"" + text + "\""}});
    rates.push_back(rate);
  }
  if (rates.empty()) throw model::InputError({{"CLI-0201", "--rates", "expected at least one rate, found none"}});
  return rates;
}

}  // namespace

int wta_command(int argc, char** argv) {
  model::SoftWtaParams params;
  cxxopts::Options options("axomesh wta",
                           "Write a soft winner-take-all network: one excitatory pool per input rate, each exciting "
                           "itself, and one inhibitory pool shared by all. Defaults are the demo's parameters.");
  options.add_options()
    ("o,out", "network file to write", cxxopts::value<std::string>())
    ("rates", "input rate of each pool in Hz, comma-separated", cxxopts::value<std::string>()->default_value("10,20,30,40"))
    ("pool", "excitatory neurons (and input sources) per pool", cxxopts::value<uint32_t>()->default_value("8"))
    ("inhibitory", "neurons of the shared inhibitory pool", cxxopts::value<uint32_t>()->default_value("8"))
    ("seed", "seed of the first input channel (channel c: seed + c)", cxxopts::value<uint64_t>()->default_value("1000"))
    ("no-recurrence", "leave out the self-excitation inside pools")
    ("no-inhibition", "leave out the shared inhibition")
    ("h,help", "show this help");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("out")) {
    std::cerr << "error: axomesh wta needs --out FILE\n\n" << options.help() << "\n";
    return 2;
  }
  params.input_rates_hz = parse_rates(args["rates"].as<std::string>());
  params.pool_size = args["pool"].as<uint32_t>();
  params.inhibitory_size = args["inhibitory"].as<uint32_t>();
  params.input_seed = args["seed"].as<uint64_t>();
  params.recurrence = !args.count("no-recurrence");
  params.inhibition = !args.count("no-inhibition");
  const model::Network net = model::build_soft_wta(params);
  model::require_valid(net);  // sizes of 0 and the like
  const std::string out = args["out"].as<std::string>();
  save_network(net, out);
  std::cout << "wrote " << out << ": " << params.input_rates_hz.size() << " pools of " << params.pool_size
            << " excitatory neurons, " << params.inhibitory_size << " inhibitory, " << net.synapse_count()
            << " synapses\n";
  return 0;
}

}  // namespace axomesh::flows
