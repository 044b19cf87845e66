// Energy benchmark: the ff-layers and lif-sparse workloads mapped onto every target,
// run on ChipSim, and priced by the target's energy and latency model; beside them, the
// reference model (the same network as matrix-vector products on a conventional processor).
//
//   bench_energy [--steps N] [--targets DIR]
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/brian2_workloads.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "targets/energy_model.hpp"
#include "targets/reference_model.hpp"

using namespace axomesh;

int main(int argc, char** argv) {
  uint64_t steps = 200;
  std::string dir = AXOMESH_TARGETS_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) steps = std::stoull(argv[++i]);
    else if (a == "--targets" && i + 1 < argc) dir = argv[++i];
    else {
      std::printf("usage: %s [--steps N] [--targets DIR]\n", argv[0]);
      return a == "--help" ? 0 : 2;
    }
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  std::printf("%-11s %-15s %6s %12s %10s %10s %12s %12s %12s\n", "workload", "target", "cores", "energy/step", "power",
              "GSOP/s/W", "pJ/event", "steps/s", "ref. ratio");
  for (const char* workload : {"ff-layers", "lif-sparse"}) {
    const model::Network net = bench::make_workload(workload, "", 1234).network;
    const auto reference = targets::reference_estimate(net, steps);
    for (const std::string& name : names) {
      const targets::Target target = flows::load_target(dir + "/" + name + ".json");
      try {
        const auto mapped = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
        model::ChipSim chip(mapped.image);
        chip.run(steps);
        const auto e = targets::estimate(chip.stats(), mapped.image, target);
        std::printf("%-11s %-15s %6u %9.3f uJ %7.2f mW %10.1f %12.1f %12.0f %11.0fx\n", workload, name.c_str(),
                    mapped.metrics.cores_used, e.energy_per_step() * 1e6, e.average_power() * 1e3, e.gsops_per_watt(),
                    e.energy_per_synaptic_op() * 1e12, e.steps_per_second(), reference.joules / e.total.total());
      } catch (const model::InputError& error) {
        std::printf("%-11s %-15s not mappable: %s\n", workload, name.c_str(), error.what());
      }
    }
  }
  std::printf("reference: %s\n", targets::reference_estimate(model::Network{}, 1).description.c_str());
  return 0;
}
