#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <cxxopts.hpp>

#include "flows/cli.hpp"
#include "flows/demo_network.hpp"
#include "flows/energy_report.hpp"
#include "flows/file_io.hpp"
#include "flows/network_json.hpp"
#include "flows/simulation_run.hpp"
#include "flows/chip_image_json.hpp"
#include "flows/target_json.hpp"
#include "flows/trace_io.hpp"
#include "mapper/map_network.hpp"
#include "model/chip_sim.hpp"
#include "model/network_sim.hpp"

namespace spikeforge::flows {

int demo_command(int argc, char** argv) {
  cxxopts::Options options("spikeforge demo",
                           "Run the default flow on the embedded demo network (a soft winner-take-all with "
                           "Poisson inputs): write the network, simulate it bit-accurately, map it onto a chip, "
                           "and check the chip-level simulation against the network simulation spike for spike.");
  options.add_options()
    ("o,out", "output folder", cxxopts::value<std::string>()->default_value("spikeforge-demo"))
    ("n,steps", "number of timesteps", cxxopts::value<uint64_t>()->default_value("1000"))
    ("t,target", "chip to map onto: a shipped target's name or a target file", cxxopts::value<std::string>()->default_value("loihi2"))
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
  std::cout << "[1/5] network   " << network_file << "\n";

  std::cout << "[2/5] simulate  " << steps << " steps, Loihi CUBA LIF fixed point\n";
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
  std::cout << "        wrote   " << trace_file << ", " << stats_file << "\n";

  // Map onto a Loihi-2-class chip and check the invariant: the chip-level simulation of
  // the mapped image spikes exactly like the network simulation.
  const targets::Target target = resolve_target(args["target"].as<std::string>());
  const mapper::AtomNetwork atoms = mapper::legalize(network, target);
  const mapper::MappingResult mapped = mapper::map_network(network, target, atoms, mapper::Strategy::Graph);
  const std::string image_file = (dir / "chip_image.json").string();
  save_chip_image(mapped.image, image_file);
  std::cout << "[3/5] map       onto " << target.name << ": " << mapped.metrics.cores_used << " core(s), "
            << mapped.metrics.inter_core_spikes << " inter-core spikes/step; wrote " << image_file << "\n";

  model::NetworkSim reference(network);
  model::ChipSim chip(mapped.image);
  uint64_t compared = 0;
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    for (std::size_t p = 0; p < network.populations.size(); ++p) {
      if (chip.spiked(p) != reference.spiked(p))
        throw std::runtime_error("chip simulation differs from the network simulation at step " + std::to_string(t) +
                                 ", population " + network.populations[p].name);
      compared += reference.spiked(p).size();
    }
  }
  std::cout << "[4/5] chip sim  " << steps << " steps on the mapped image: all " << compared
            << " spikes identical to the network simulation\n";

  // What that run costs on the chip, by the target's per-operation figures.
  const EnergyReport report = make_energy_report(network, mapped.image, target, chip.stats(), 1);
  std::cout << "[5/5] energy    " << energy_report_summary(report.json);
  save_energy_report(report, dir.string(), std::cout);
  return 0;
}

}  // namespace spikeforge::flows
