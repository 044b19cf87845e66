// Co-simulation speed: the Verilated chip RTL of a target (built once into the cosim cache,
// as `axomesh cosim` builds it) against ChipSim, on the same mapped random network.
// Prints, per target: the RTL's clock cycles per step, RTL steps/s alone, the lockstep's
// steps/s (RTL + ChipSim + comparison of every spike and state) and ChipSim's steps/s.
//
//   bench_cosim [--steps N] [--cache DIR]
#include <chrono>
#include <cstdio>
#include <string>

#include "cosim/chip_library.hpp"
#include "cosim/lockstep.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "rtl_gen/rtl_writer.hpp"
#include "tests/network_builders.hpp"

using namespace axomesh;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t steps = 1000;
  std::string cache = cosim::default_cache_dir();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) steps = std::stoull(argv[++i]);
    else if (a == "--cache" && i + 1 < argc) cache = argv[++i];
    else {
      std::printf("usage: %s [--steps N] [--cache DIR]\n", argv[0]);
      return a == "--help" ? 0 : 2;
    }
  }
  std::printf("%-11s %6s %8s %10s %11s %13s %13s %13s\n", "target", "cores", "neurons", "build s", "cycles/step",
              "RTL steps/s", "lockstep/s", "ChipSim/s");
  for (const auto& [file, size] : {std::pair{std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json", 40u},
                                   std::pair{std::string(AXOMESH_TEST_DATA) + "/targets/mesh-4x4x2.json", 250u}}) {
    const targets::Target target = flows::load_target(file);
    const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(target);
    const model::Network net = test::random_network(7, size, 0.02, 7);
    const model::ChipImage image =
        mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
    const cosim::ChipLibrary library = cosim::ChipLibrary::open(rtl_gen::chip_rtl_files(geometry), cache);

    // The RTL alone: the stimulus and the steps, no reference and no comparison.
    cosim::LockstepOptions options;
    options.steps = steps;
    options.compare = false;
    const auto alone = cosim::run_lockstep(*library.make_chip(geometry.cores(), geometry.neuron_bits()), image,
                                           geometry, options);
    const double rtl_seconds = alone.seconds;
    const double cycles_per_step = double(alone.rtl_cycles) / double(steps);
    options.compare = true;
    const auto result = cosim::run_lockstep(*library.make_chip(geometry.cores(), geometry.neuron_bits()), image,
                                            geometry, options);
    const auto sim_start = std::chrono::steady_clock::now();
    model::ChipSim reference(image);
    reference.run(steps);
    const double sim_seconds = seconds_since(sim_start);
    std::printf("%-11s %6u %8u %10.1f %11.0f %13.0f %13.0f %13.0f%s\n", target.name.c_str(), geometry.cores(), size,
                library.build_seconds(), cycles_per_step, double(steps) / rtl_seconds,
                double(result.steps) / result.seconds, double(steps) / sim_seconds,
                result.mismatch ? ("  MISMATCH " + result.mismatch->describe()).c_str() : "");
  }
  return 0;
}
