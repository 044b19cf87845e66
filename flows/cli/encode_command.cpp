// `axomesh encode`: options for encode_values (flows/stages/encode_values.hpp).
#include <iostream>
#include <string>

#include <cxxopts.hpp>

#include "flows/cli/cli.hpp"
#include "flows/stages/encode_values.hpp"

namespace axomesh::flows {

int encode_command(int argc, char** argv) {
  cxxopts::Options options("axomesh encode",
                           "Encode input values (CSV: one sample per line, one input per column) into a spike-source "
                           "raster in the network format: sample r fills steps r*N .. r*N+N-1.");
  options.add_options()
    ("input", "CSV file of values in 0..--max", cxxopts::value<std::string>())
    ("s,scheme", "rate (Bernoulli from an LFSR), ttfs (time to first spike) or hybrid (NeuEdge Eq. 7)",
     cxxopts::value<std::string>())
    ("n,steps", "window length N, in steps, per sample", cxxopts::value<uint32_t>())
    ("seed", "rate: seed of the per-input LFSRs", cxxopts::value<uint64_t>()->default_value("0"))
    ("name", "name of the spike source", cxxopts::value<std::string>()->default_value("input"))
    ("max", "the input value that stands for 1.0 (e.g. 255 for 8-bit pixels)",
     cxxopts::value<double>()->default_value("1"))
    ("vth-base", "hybrid: base threshold, in input units (vth_i = vth_base (1 - alpha x_i))",
     cxxopts::value<double>()->default_value("2"))
    ("alpha", "hybrid: threshold modulation alpha, 0 <= alpha < 1", cxxopts::value<double>()->default_value("0.5"))
    ("o,out", "raster JSON file to write", cxxopts::value<std::string>())
    ("h,help", "show this help");
  options.parse_positional({"input"});
  options.positional_help("INPUT.csv --scheme rate|ttfs|hybrid --steps N --out RASTER.json");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("input") || !args.count("scheme") || !args.count("steps") || !args.count("out")) {
    std::cerr << "error: axomesh encode needs an input file, --scheme, --steps and --out\n\n" << options.help() << "\n";
    return 2;
  }
  EncodeOptions encode;
  encode.scheme = args["scheme"].as<std::string>();
  encode.steps = args["steps"].as<uint32_t>();
  encode.seed = args["seed"].as<uint64_t>();
  encode.name = args["name"].as<std::string>();
  encode.max = args["max"].as<double>();
  encode.vth_base = args["vth-base"].as<double>();
  encode.alpha = args["alpha"].as<double>();
  encode_values(args["input"].as<std::string>(), encode, args["out"].as<std::string>(), std::cout);
  return 0;
}

}  // namespace axomesh::flows
