// The SystemC co-simulation harness (cosim/systemc_harness.hpp) on the tiny-2x2 chip,
// Verilated with --sc and EXTERNAL_PORT: every Lava reference network and a seeded random
// recurrent network run in lockstep with ChipSim, all in RTL and with one core of the mesh
// replaced by hls::SystemcCore (mixed-level); a SystemC core given a wrong weight must be
// reported. One SystemC elaboration serves every case (SystemC allows one per process).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "Vchip_tiny_sc.h"
#include "cosim/systemc_harness.hpp"
#include "cosim/systemc_lockstep.hpp"
#include "flows/formats/target_json.hpp"
#include "lava_case.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "network_builders.hpp"
#include "rtl_gen/rtl_geometry.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

targets::Target tiny_target() { return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json"); }

model::ChipImage map_onto(const model::Network& net, const targets::Target& target) {
  return mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
}

using Harness = cosim::SystemcHarness<Vchip_tiny_sc>;

// The one elaborated harness of this process, built on first use and kept to the end
// (SystemC modules cannot be destroyed and rebuilt within a process).
Harness& harness() {
  static Harness* built = [] {
    // Loihi 1's per-operation times (targets/loihi1.json): 3.5 ns, 8.4 ns, 5.3 ns.
    const hls::CoreTiming timing{sc_core::sc_time(3500, sc_core::SC_PS), sc_core::sc_time(8400, sc_core::SC_PS),
                                 sc_core::sc_time(5300, sc_core::SC_PS)};
    const rtl_gen::RtlGeometry g = rtl_gen::rtl_geometry(tiny_target());
    return new Harness(g.cores(), g.neuron_bits(), timing, sc_core::sc_time(10, sc_core::SC_NS));
  }();
  return *built;
}

struct CoreTraffic {
  uint64_t synaptic_ops = 0, spikes = 0, packets = 0;
};

// What core `core` did in ChipSim's run of the image: the synapses its received events
// walked and the spikes it sent.
CoreTraffic traffic(const model::ChipImage& image, uint32_t core, uint64_t steps) {
  model::ChipSim chip(image);
  chip.run(steps);
  const model::Activity a = chip.stats().total(core);
  return {a.synaptic_ops, a.spikes, a.packets};
}

// The core that walks the most synapses in ChipSim's run (it has neurons and receives
// packets), for the SystemC model to replace.
uint32_t busiest_core(const model::ChipImage& image, uint64_t steps) {
  uint32_t best = 0;
  uint64_t most = 0;
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const uint64_t ops = traffic(image, c, steps).synaptic_ops;
    if (ops > most) {
      most = ops;
      best = c;
    }
  }
  return best;
}

std::string outcome(const cosim::LockstepResult& r) { return r.mismatch ? r.mismatch->describe() : "identical"; }

}  // namespace

TEST_CASE("the SystemC harness runs every Lava network on the RTL chip as ChipSim", "[systemc][cosim][lava]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const auto files = test::data_files("lava", ".json");
  REQUIRE(files.size() >= 19);
  uint64_t spikes = 0, states = 0, mixed_spikes = 0;
  for (const std::string& file : files) {
    const nlohmann::json c = nlohmann::json::parse(test::read_file(file));
    const model::ChipImage image = map_onto(test::lava_case_network(c), tiny);
    cosim::LockstepOptions options;
    options.steps = c["num_steps"].get<uint64_t>();
    const cosim::LockstepResult rtl = cosim::run_systemc_lockstep(harness(), image, geometry, options);
    INFO(file << ", all RTL: " << outcome(rtl));
    REQUIRE_FALSE(rtl.mismatch);
    CHECK(rtl.steps == options.steps);
    spikes += rtl.spikes;
    states += rtl.states;
    // The core holding the LIF population, replaced by the SystemC model: the raster's
    // packets reach it through the mesh and its spikes are compared like any core's.
    const uint32_t k = busiest_core(image, options.steps);
    const cosim::LockstepResult mixed = cosim::run_systemc_lockstep(harness(), image, geometry, options, k);
    INFO(file << ", core " << k << " in SystemC: " << outcome(mixed));
    REQUIRE_FALSE(mixed.mismatch);
    CHECK(mixed.steps == options.steps);
    CHECK(mixed.spikes == rtl.spikes);
    CHECK(harness().systemc_core_steps() == options.steps);
    mixed_spikes += mixed.spikes;
  }
  CHECK(spikes > 100);  // real activity was compared
  CHECK(states > 1000);
  CHECK(mixed_spikes == spikes);
}

TEST_CASE("the SystemC harness runs a random recurrent network, all RTL and mixed-level", "[systemc][cosim][mixed]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const model::ChipImage image = map_onto(test::random_network(3, 50, 0.06, 9), tiny);
  constexpr uint64_t kSteps = 200;
  cosim::LockstepOptions options;
  options.steps = kSteps;
  const cosim::LockstepResult rtl = cosim::run_systemc_lockstep(harness(), image, geometry, options);
  INFO("all RTL: " << outcome(rtl));
  REQUIRE_FALSE(rtl.mismatch);
  CHECK(rtl.steps == kSteps);
  CHECK(rtl.spikes > 100);

  const uint32_t k = busiest_core(image, kSteps);
  const CoreTraffic replaced = traffic(image, k, kSteps);
  CHECK(replaced.synaptic_ops > 100);  // the replaced core receives packets ...
  CHECK(replaced.spikes > 10);         // ... and sends spikes into the mesh
  const cosim::LockstepResult mixed = cosim::run_systemc_lockstep(harness(), image, geometry, options, k);
  INFO("core " << k << " in SystemC: " << outcome(mixed));
  REQUIRE_FALSE(mixed.mismatch);
  CHECK(mixed.steps == kSteps);
  CHECK(mixed.spikes == rtl.spikes);
  CHECK(mixed.states == rtl.states);
  CHECK(harness().systemc_core_steps() == kSteps);
  // Its spikes went into the mesh: ChipSim counts a step's packets when it delivers them,
  // in the next step, so its first kSteps + 1 steps hold the packets of kSteps steps.
  CHECK(harness().systemc_core_packets() == traffic(image, k, kSteps + 1).packets);

  // Every other core in turn, so each tile's external port is exercised.
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    if (c == k || image.cores[c].neurons.empty()) continue;
    const cosim::LockstepResult other = cosim::run_systemc_lockstep(harness(), image, geometry, options, c);
    INFO("core " << c << " in SystemC: " << outcome(other));
    CHECK_FALSE(other.mismatch);
  }
}

TEST_CASE("the SystemC harness reports a SystemC core with a wrong weight", "[systemc][cosim][sensitivity]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const model::ChipImage image = map_onto(test::random_network(3, 50, 0.06, 9), tiny);
  constexpr uint64_t kSteps = 100;
  const uint32_t k = busiest_core(image, kSteps);
  // Every synapse of the replaced core made larger by 2^10 accumulator units: whatever
  // the input shift (0..8), a neuron's input differs as soon as one of them is walked, and
  // the core receives events (checked in the test above), so u (or a spike) must differ.
  model::CoreImage wrong = image.cores[k];
  REQUIRE_FALSE(wrong.synapses.empty());
  for (model::SynapseEntry& s : wrong.synapses) s.weight = static_cast<int16_t>(s.weight + (1 << 10));
  cosim::LockstepOptions options;
  options.steps = kSteps;
  const cosim::LockstepResult result = cosim::run_systemc_lockstep(harness(), image, geometry, options, k, &wrong);
  REQUIRE(result.mismatch);
  CHECK(result.mismatch->core == k);
  CHECK((result.mismatch->field == "u" || result.mismatch->field == "spike"));
  CHECK(result.steps < kSteps);

  // The same harness, given the right core again, agrees with ChipSim: the failed run
  // left nothing behind.
  const cosim::LockstepResult again = cosim::run_systemc_lockstep(harness(), image, geometry, options, k);
  INFO(outcome(again));
  CHECK_FALSE(again.mismatch);
}
