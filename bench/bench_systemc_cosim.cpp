// Co-simulation speed of the SystemC harness against the C++ one, in the same run and on
// the same network (the tiny-2x2 network of bench_cosim): simulated steps per second of
//   - the SystemC harness, all RTL (tiny-2x2 Verilated with --sc, source, sink, controller),
//     alone and in lockstep with ChipSim;
//   - the same with core K replaced by hls::SystemcCore (mixed-level);
//   - the C++ harness (VerilatedChip lockstep; the chip object of the cosim cache);
//   - ChipSim alone.
//
//   bench_systemc_cosim [--steps N] [--cache DIR]
#include <chrono>
#include <cstdio>
#include <string>

#include <systemc>

#include "Vbench_chip_sc.h"
#include "cosim/chip_library.hpp"
#include "cosim/lockstep.hpp"
#include "cosim/systemc_harness.hpp"
#include "cosim/systemc_lockstep.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "rtl_gen/rtl_writer.hpp"
#include "tests/network_builders.hpp"

using namespace axomesh;

int sc_main(int, char*[]) { return 0; }  // libsystemc's main is not used (see main below)

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print(const char* what, const cosim::LockstepResult& r) {
  std::printf("%-34s %10.0f %12.0f%s\n", what, double(r.steps) / r.seconds,
              r.steps ? double(r.rtl_cycles) / double(r.steps) : 0.0,
              r.mismatch ? ("  MISMATCH " + r.mismatch->describe()).c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  setenv("SYSC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
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
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json");
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(target);
  const model::Network net = test::random_network(7, 40, 0.02, 7);
  const model::ChipImage image =
      mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;

  // The SystemC core replaces the core that walks the most synapses.
  uint32_t replaced = 0;
  {
    model::ChipSim probe(image);
    probe.run(steps);
    for (uint32_t c = 0; c < image.cores.size(); ++c)
      if (probe.stats().total(c).synaptic_ops > probe.stats().total(replaced).synaptic_ops) replaced = c;
  }

  std::printf("tiny-2x2, %u neurons, %llu steps; the SystemC core replaces core %u\n", net.populations[0].size,
              static_cast<unsigned long long>(steps), replaced);
  std::printf("%-34s %10s %12s\n", "harness", "steps/s", "cycles/step");
  const hls::CoreTiming timing{sc_core::sc_time(3500, sc_core::SC_PS), sc_core::sc_time(8400, sc_core::SC_PS),
                               sc_core::sc_time(5300, sc_core::SC_PS)};
  cosim::SystemcHarness<Vbench_chip_sc> harness(geometry.cores(), geometry.neuron_bits(), timing, sc_core::sc_time(10, sc_core::SC_NS));
  cosim::LockstepOptions options;
  options.steps = steps;
  options.compare = false;
  print("SystemC, all RTL, RTL alone", cosim::run_systemc_lockstep(harness, image, geometry, options));
  options.compare = true;
  print("SystemC, all RTL, lockstep", cosim::run_systemc_lockstep(harness, image, geometry, options));
  print("SystemC, mixed-level, lockstep", cosim::run_systemc_lockstep(harness, image, geometry, options, replaced));

  const cosim::ChipLibrary library = cosim::ChipLibrary::open(rtl_gen::chip_rtl_files(geometry), cache);
  options.compare = false;
  print("C++ (VerilatedChip), RTL alone",
        cosim::run_lockstep(*library.make_chip(geometry.cores(), geometry.neuron_bits()), image, geometry, options));
  options.compare = true;
  print("C++ (VerilatedChip), lockstep",
        cosim::run_lockstep(*library.make_chip(geometry.cores(), geometry.neuron_bits()), image, geometry, options));

  const auto start = std::chrono::steady_clock::now();
  model::ChipSim reference(image);
  reference.run(steps);
  std::printf("%-34s %10.0f %12s\n", "ChipSim", double(steps) / seconds_since(start), "-");
  return 0;
}
