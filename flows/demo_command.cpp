#include <filesystem>
#include <iostream>

#include <cxxopts.hpp>

#include "flows/cli.hpp"
#include "flows/demo_network.hpp"
#include "flows/file_io.hpp"
#include "flows/network_json.hpp"
#include "flows/simulation_run.hpp"
#include "flows/trace_io.hpp"

namespace spikeforge::flows {

int demo_command(int argc, char** argv) {
  cxxopts::Options options("spikeforge demo",
                           "Run the default flow on the embedded demo network (a soft winner-take-all with "
                           "Poisson inputs): write the network, simulate it bit-accurately, write trace and activity.");
  options.add_options()
    ("o,out", "output folder", cxxopts::value<std::string>()->default_value("spikeforge-demo"))
    ("n,steps", "number of timesteps", cxxopts::value<uint64_t>()->default_value("1000"))
    ("h,help", "show this help");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  const std::filesystem::path dir = args["out"].as<std::string>();
  const uint64_t steps = args["steps"].as<uint64_t>();
  std::filesystem::create_directories(dir);

  const model::Network network = demo_network();
  const std::string network_file = (dir / "network.json").string();
  save_network(network, network_file);
  std::cout << "[1/3] network   " << network_file << "\n";

  std::cout << "[2/3] simulate  " << steps << " steps, Loihi CUBA LIF fixed point\n";
  const SimulationResult result = run_simulation(load_network(network_file), steps, progress_bar(steps));
  print_summary(std::cout, network, result);

  // Spikes per input pool: the channel with the highest rate should win.
  const model::SpikeRecord& exc = result.trace.spikes.at(0);
  uint64_t per_pool[4] = {0, 0, 0, 0};
  for (uint32_t n : exc.neuron) per_pool[n / 16] += 1;
  std::cout << "winner-take-all: exc spikes per pool (inputs at 10/20/30/40 Hz): ";
  for (uint64_t c : per_pool) std::cout << c << " ";
  std::cout << "\n";

  const std::string trace_file = (dir / "trace.json").string();
  const std::string stats_file = (dir / "activity.json").string();
  save_trace(result.trace, network.name, trace_file, TraceFormat::Json);
  write_text_file_atomically(stats_file, stats_to_json(result.stats).dump() + "\n");
  std::cout << "[3/3] outputs   " << trace_file << ", " << stats_file << "\n";
  return 0;
}

}  // namespace spikeforge::flows
