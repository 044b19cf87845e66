// Co-simulation of the whole chip: the verilated neuro_chip (2 x 2 tiles, the geometry of
// targets/tiny-2x2.json) runs mapped images in lockstep with ChipSim -- stimulus entering
// off chip, spikes crossing the mesh through the routers -- and every core must emit the
// same spikes at every step, and every neuron the same u and v (debug read-out).
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "Vneuro_chip.h"
#include "flows/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip_sim.hpp"
#include "network_builders.hpp"
#include "rtl/core_memories.hpp"

using namespace spikeforge;

namespace {

constexpr uint32_t kCores = 4, kNeurons = 16, kSlots = 64, kXBits = 4, kYBits = 4, kAxonBits = 6;

class ChipRtl {
 public:
  explicit ChipRtl(const model::ChipImage& image) {
    rtl_.rst = 1;
    tick();
    rtl_.rst = 0;
    for (uint32_t c = 0; c < kCores; ++c)
      test::load_core_memories(image, c, {kNeurons, kSlots, kXBits, kYBits, kAxonBits},
                               [&](uint32_t memory, uint32_t address, uint32_t data) {
                                 rtl_.cfg_we = 1;
                                 rtl_.cfg_core = static_cast<uint16_t>(c);
                                 rtl_.cfg_mem = static_cast<uint8_t>(memory);
                                 rtl_.cfg_addr = address;
                                 rtl_.cfg_data = data;
                                 tick();
                                 rtl_.cfg_we = 0;
                               });
  }

  // An off-chip packet to input axon `axon` of core `core`.
  void inject(const model::ChipImage& image, uint32_t core, uint32_t axon) {
    rtl_.ext_valid = 1;
    rtl_.ext_data = static_cast<uint16_t>(image.x_of(core) << (kYBits + kAxonBits) | image.y_of(core) << kAxonBits | axon);
    rtl_.eval();
    while (!rtl_.ext_ready) tick();
    tick();
    rtl_.ext_valid = 0;
  }

  // u and v of neuron n of core c, through the debug read-out.
  std::pair<int32_t, int32_t> state(uint32_t c, uint32_t n) {
    rtl_.dbg_core = static_cast<uint16_t>(c);
    rtl_.dbg_neuron = static_cast<uint8_t>(n);
    rtl_.eval();
    return {static_cast<int32_t>(rtl_.dbg_u), static_cast<int32_t>(rtl_.dbg_v)};
  }

  // One barrier step; returns each core's spikes.
  std::vector<std::vector<uint32_t>> step() {
    for (int guard = 0; !rtl_.quiet; ++guard) {  // off-chip packets delivered
      REQUIRE(guard < 100000);
      tick();
    }
    rtl_.step = 1;
    tick();
    rtl_.step = 0;
    std::vector<std::vector<uint32_t>> spikes(kCores);
    for (int guard = 0;; ++guard) {
      REQUIRE(guard < 100000);  // the barrier must come
      tick();
      for (uint32_t c = 0; c < kCores; ++c)
        if (rtl_.spike_valid >> c & 1u) spikes[c].push_back(rtl_.spike_neuron >> (c * 4) & 0xFu);
      if (rtl_.done) return spikes;
    }
  }

 private:
  void tick() { test::clock_cycle(rtl_); }
  Vneuro_chip rtl_;
};

}  // namespace

TEST_CASE("the RTL chip runs mapped images spike for spike with ChipSim", "[rtl][cosim][chip]") {
  const targets::Target tiny = flows::load_target(std::string(SPIKEFORGE_TARGETS_DIR) + "/tiny-2x2.json");
  uint64_t compared = 0, crossing = 0;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const model::Network net = test::random_network(seed, 40 + uint32_t(seed) * 3, 0.05, uint32_t(seed * 11));
    const auto image = mapper::map_network(net, tiny, mapper::legalize(net, tiny), mapper::Strategy::Graph).image;
    ChipRtl chip_rtl(image);
    model::ChipSim chip(image);
    std::vector<model::SpikeSourceGenerator> stimulus;
    for (const auto& source : image.stimulus) stimulus.emplace_back(source);
    std::vector<std::vector<uint32_t>> stimulus_spikes(stimulus.size());
    for (int t = 0; t < 200; ++t) {
      for (std::size_t s = 0; s < stimulus.size(); ++s)
        for (uint32_t i : stimulus_spikes[s]) {
          const auto& table = image.stimulus_fanout[s];
          for (uint32_t k = table.begin[i]; k < table.begin[i + 1]; ++k)
            chip_rtl.inject(image, table.entries[k].core, table.entries[k].axon);
        }
      const auto spikes = chip_rtl.step();
      chip.step();
      for (std::size_t s = 0; s < stimulus.size(); ++s) stimulus[s].emit_next_step(stimulus_spikes[s]);
      for (uint32_t c = 0; c < kCores; ++c) {
        INFO("seed " << seed << " step " << t << " core " << c);
        REQUIRE(spikes[c] == chip.core_spikes(c));
        compared += spikes[c].size();
        for (uint32_t n = 0; n < image.cores[c].neurons.size(); ++n) {
          INFO("neuron " << n);
          REQUIRE(chip_rtl.state(c, n) == std::make_pair(chip.core_u(c, n), chip.core_v(c, n)));
        }
      }
    }
    crossing += chip.stats().total().packets - chip.stats().total().packets_in_tile;
  }
  CHECK(compared > 500);  // real activity was compared
  CHECK(crossing > 500);  // and real traffic crossed the mesh
}
