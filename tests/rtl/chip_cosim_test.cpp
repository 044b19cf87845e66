// Co-simulation of the whole chip RTL of tiny-2x2 (2 x 2 tiles, one core each) against
// ChipSim through the cosim library: seeded random recurrent networks with delays, every
// Lava reference network mapped onto the chip, the chip started from the generator's
// memory files ($readmemh) instead of the configuration port, and a deliberately wrong
// datapath that the co-simulation must catch and show in a waveform.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "Vchip_tiny.h"
#include "Vchip_tiny_memh.h"
#include "Vchip_tiny_wrong_rounding.h"
#include "cosim/lockstep.hpp"
#include "cosim/verilated_chip.hpp"
#include "flows/formats/target_json.hpp"
#include "lava_case.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "network_builders.hpp"
#include "rtl_gen/rtl_writer.hpp"
#include "test_support.hpp"

using namespace axomesh;
namespace fs = std::filesystem;

namespace {

targets::Target tiny_target() { return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json"); }

model::ChipImage map_onto(const model::Network& net, const targets::Target& target) {
  return mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
}

template <class Top>
std::unique_ptr<cosim::RtlChip> make_chip(const rtl_gen::RtlGeometry& g) {
  return std::make_unique<cosim::VerilatedChip<Top>>(g.cores(), g.neuron_bits());
}

// Packets that crossed at least one router link in ChipSim's run of the image.
uint64_t crossing_packets(const model::ChipImage& image, uint64_t steps) {
  model::ChipSim chip(image);
  chip.run(steps);
  const auto total = chip.stats().total();
  return total.packets - total.packets_in_tile;
}

}  // namespace

TEST_CASE("the verilated tiny chip is the generator's chip for tiny-2x2", "[rtl][chip]") {
  CHECK(rtl_gen::rtl_geometry(tiny_target()).verilog_parameters() == AXOMESH_TINY_VERILOG_PARAMETERS);
}

TEST_CASE("the RTL chip runs random recurrent networks spike for spike with ChipSim", "[rtl][cosim][chip]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  uint64_t spikes = 0, states = 0, crossing = 0;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const model::ChipImage image = map_onto(test::random_network(seed, 40 + uint32_t(seed) * 3, 0.05, uint32_t(seed * 11)), tiny);
    cosim::LockstepOptions options;
    options.steps = 200;
    const auto result = cosim::run_lockstep(*make_chip<Vchip_tiny>(geometry), image, geometry, options);
    INFO("seed " << seed << ": " << (result.mismatch ? result.mismatch->describe() : "identical"));
    REQUIRE_FALSE(result.mismatch);
    CHECK(result.steps == 200);
    spikes += result.spikes;
    states += result.states;
    crossing += crossing_packets(image, 200);
  }
  CHECK(spikes > 500);    // real activity was compared
  CHECK(states > 40000);  // every neuron's state, every step
  CHECK(crossing > 500);  // and real traffic crossed the mesh
}

TEST_CASE("every Lava reference network runs on the RTL chip as in ChipSim", "[rtl][cosim][chip][lava]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const auto files = test::data_files("lava", ".json");
  REQUIRE(files.size() >= 19);
  uint64_t spikes = 0;
  for (const std::string& file : files) {
    const nlohmann::json c = nlohmann::json::parse(test::read_file(file));
    const model::ChipImage image = map_onto(test::lava_case_network(c), tiny);
    cosim::LockstepOptions options;
    options.steps = c["num_steps"].get<uint64_t>();
    const auto result = cosim::run_lockstep(*make_chip<Vchip_tiny>(geometry), image, geometry, options);
    INFO(file << ": " << (result.mismatch ? result.mismatch->describe() : "identical"));
    REQUIRE_FALSE(result.mismatch);
    CHECK(result.steps == options.steps);
    spikes += result.spikes;
  }
  CHECK(spikes > 100);
}

TEST_CASE("the RTL chip started from the generated memory files runs as ChipSim", "[rtl][cosim][chip][memh]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const model::ChipImage image = map_onto(test::random_network(7, 50, 0.06, 9), tiny);
  // The verilated model reads AXOMESH_CHIP_MEMH_DIR when it is constructed.
  fs::remove_all(AXOMESH_CHIP_MEMH_DIR);
  for (const rtl_gen::GeneratedFile& f : rtl_gen::memory_files(image, geometry)) {
    const fs::path path = fs::path(AXOMESH_CHIP_MEMH_DIR) / fs::path(f.path).filename();
    fs::create_directories(path.parent_path());
    std::ofstream(path) << f.text;
  }
  cosim::LockstepOptions options;
  options.steps = 200;
  options.load_through_config = false;
  const auto result = cosim::run_lockstep(*make_chip<Vchip_tiny_memh>(geometry), image, geometry, options);
  INFO((result.mismatch ? result.mismatch->describe() : "identical"));
  REQUIRE_FALSE(result.mismatch);
  CHECK(result.spikes > 100);
  CHECK(crossing_packets(image, 200) > 100);
}

TEST_CASE("co-simulation catches a wrong datapath and records its waveform", "[rtl][cosim][chip][sensitivity]") {
  // AXOMESH_WRONG_ROUNDING rounds u's decay toward minus infinity instead of toward
  // zero: the first negative, non-exact decay of u must show as a u mismatch.
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const model::ChipImage image = map_onto(test::random_network(3, 40, 0.05, 5), tiny);
  cosim::LockstepOptions options;
  options.steps = 200;
  const auto make_faulty = [&] { return make_chip<Vchip_tiny_wrong_rounding>(geometry); };
  const auto result = cosim::run_lockstep(*make_faulty(), image, geometry, options);
  REQUIRE(result.mismatch);
  const cosim::Mismatch& m = *result.mismatch;
  CHECK(m.field == "u");
  CHECK(m.expected - m.actual == 1);  // floor is one below toward-zero on a negative value
  CHECK(m.expected < 0);
  CHECK(result.steps == m.step);  // the steps before it were identical
  CHECK(m.network_neuron.rfind("net[", 0) == 0);
  // The same run on the correct chip is identical over those steps and beyond.
  CHECK_FALSE(cosim::run_lockstep(*make_chip<Vchip_tiny>(geometry), image, geometry, options).mismatch);

  const std::string wave = test::temporary_folder("cosim_wave") + "/mismatch.fst";
  cosim::record_waveform(make_faulty, image, geometry, options, m.step, 2, wave);
  REQUIRE(fs::exists(wave));
  CHECK(fs::file_size(wave) > 1000);
}

namespace {

// The tiny chip, except that its step `hang_at` never ends: as an RTL that misses its
// barrier would behave.
class HangingChip : public cosim::RtlChip {
 public:
  HangingChip(const rtl_gen::RtlGeometry& g, uint64_t hang_at) : inner_(g.cores(), g.neuron_bits()), hang_at_(hang_at) {}
  void write_config(uint32_t core, uint32_t memory, uint32_t address, uint32_t data) override {
    inner_.write_config(core, memory, address, data);
  }
  void inject(uint32_t packet, uint64_t max_cycles) override { inner_.inject(packet, max_cycles); }
  void step(std::vector<std::vector<uint32_t>>& spikes, uint64_t max_cycles) override {
    if (steps_++ == hang_at_) throw std::runtime_error("the chip did not reach the end of the step (no `done`)");
    inner_.step(spikes, max_cycles);
  }
  std::pair<int32_t, int32_t> state(uint32_t core, uint32_t neuron) override { return inner_.state(core, neuron); }
  void start_trace(const std::string& path) override { inner_.start_trace(path); }
  void stop_trace() override { inner_.stop_trace(); }
  uint64_t cycles() const override { return inner_.cycles(); }

 private:
  cosim::VerilatedChip<Vchip_tiny> inner_;
  uint64_t hang_at_, steps_ = 0;
};

}  // namespace

TEST_CASE("an RTL that misses its barrier is reported at its step, not waited for", "[rtl][cosim][chip]") {
  const targets::Target tiny = tiny_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(tiny);
  const model::ChipImage image = map_onto(test::random_network(4, 30, 0.05, 5), tiny);
  HangingChip chip(geometry, 12);
  cosim::LockstepOptions options;
  options.steps = 50;
  const auto result = cosim::run_lockstep(chip, image, geometry, options);
  REQUIRE(result.mismatch);
  CHECK(result.mismatch->field == "barrier");
  CHECK(result.mismatch->step == 12);
  CHECK(result.steps == 12);
  CHECK(result.mismatch->describe() == "step 12: the chip did not reach the end of the step (no `done`) (RTL hung)");
}
