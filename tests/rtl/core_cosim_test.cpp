// Co-simulation of one core: the verilated neuro_core (rtl_gen/rtl/neuro_core.sv) runs
// core 0 of a mapped image in lockstep with ChipSim, fed the same axon events (the
// previous step's spikes through the image's fan-out, and the stimulus), and must emit
// the same spikes at every step, and every neuron the same u and v.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "Vneuro_core.h"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "network_builders.hpp"
#include "rtl/clock.hpp"
#include "rtl_gen/core_memories.hpp"

using namespace axomesh;

namespace {

constexpr uint32_t kNeurons = 16, kAxons = 64, kSynapses = 512, kSlots = 64;  // the RTL's parameters

targets::Target one_core_target() {
  targets::Target t;
  t.name = "one-core";
  t.core = {kNeurons, kAxons, kSynapses * 24, kAxons};
  t.synapse = {9, 6, 9, 0};
  t.neuron_models = {"loihi_lif"};
  t.energy["synaptic_op"] = {1e-12, "test", true};
  return t;
}

class CoreRtl {
 public:
  CoreRtl(const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry) {
    rtl_.rst = 1;
    tick();
    rtl_.rst = 0;
    const auto words = rtl_gen::core_memory_words(image, 0, geometry);
    for (uint32_t m = 0; m < words.size(); ++m)
      for (uint32_t a = 0; a < words[m].size(); ++a) write(m, a, words[m][a]);
  }

  void axon_event(uint32_t axon) {
    rtl_.in_valid = 1;
    rtl_.in_axon = static_cast<uint8_t>(axon);
    rtl_.eval();
    while (!rtl_.in_ready) tick();
    tick();  // accepted on this edge
    rtl_.in_valid = 0;
  }

  // u and v of neuron n, through the debug read-out.
  std::pair<int32_t, int32_t> state(uint32_t n) {
    rtl_.dbg_neuron = static_cast<uint8_t>(n);
    rtl_.eval();
    return {static_cast<int32_t>(rtl_.dbg_u), static_cast<int32_t>(rtl_.dbg_v)};
  }

  // Runs the step; returns the spiking neurons in order.
  std::vector<uint32_t> step() {
    while (!rtl_.in_ready) tick();  // the last synapse walk has finished
    rtl_.step = 1;
    tick();
    rtl_.step = 0;
    std::vector<uint32_t> spikes;
    for (int cycles = 0; cycles < 4 * int(kNeurons); ++cycles) {
      tick();
      if (rtl_.out_valid) spikes.push_back(rtl_.out_neuron);
      if (rtl_.done) return spikes;
    }
    FAIL("the core never finished its step");
    return spikes;
  }

 private:
  void write(uint32_t memory, uint32_t address, uint32_t data) {
    rtl_.cfg_we = 1;
    rtl_.cfg_mem = static_cast<uint8_t>(memory);
    rtl_.cfg_addr = address;
    rtl_.cfg_data = data;
    tick();
    rtl_.cfg_we = 0;
  }
  void tick() { test::clock_cycle(rtl_); }
  Vneuro_core rtl_;
};

}  // namespace

TEST_CASE("one RTL core runs a mapped image spike for spike with ChipSim", "[rtl][cosim]") {
  const targets::Target target = one_core_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(target);
  // The verilated core's parameters are the geometry's (its packets are not looked at).
  REQUIRE(geometry.neurons == kNeurons);
  REQUIRE(geometry.axons == kAxons);
  REQUIRE(geometry.synapses == kSynapses);
  REQUIRE(geometry.slots == kSlots);
  uint64_t compared = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const model::Network net = test::random_network(seed, 16, 0.25, uint32_t(seed * 10));
    const auto image = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
    REQUIRE(image.cores.size() == 1);
    REQUIRE(image.cores[0].synapses.size() <= kSynapses);
    CoreRtl core(image, geometry);
    model::ChipSim chip(image);
    std::vector<model::SpikeSourceGenerator> stimulus;
    for (const auto& source : image.stimulus) stimulus.emplace_back(source);
    std::vector<std::vector<uint32_t>> stimulus_spikes(stimulus.size());
    std::vector<uint32_t> previous;
    for (int t = 0; t < 300; ++t) {
      // The packets sent in the previous step, as ChipSim delivers them.
      for (uint32_t n : previous) {
        const auto& table = image.cores[0].fanout;
        for (uint32_t k = table.begin[n]; k < table.begin[n + 1]; ++k) core.axon_event(table.entries[k].axon);
      }
      for (std::size_t s = 0; s < stimulus.size(); ++s)
        for (uint32_t i : stimulus_spikes[s]) {
          const auto& table = image.stimulus_fanout[s];
          for (uint32_t k = table.begin[i]; k < table.begin[i + 1]; ++k) core.axon_event(table.entries[k].axon);
        }
      previous = core.step();
      chip.step();
      for (std::size_t s = 0; s < stimulus.size(); ++s) stimulus[s].emit_next_step(stimulus_spikes[s]);
      INFO("seed " << seed << " step " << t);
      REQUIRE(previous == chip.core_spikes(0));
      compared += previous.size();
      for (uint32_t n = 0; n < image.cores[0].neurons.size(); ++n)
        REQUIRE(core.state(n) == std::make_pair(chip.core_u(0, n), chip.core_v(0, n)));
    }
  }
  CHECK(compared > 500);  // the comparison saw real activity
}
