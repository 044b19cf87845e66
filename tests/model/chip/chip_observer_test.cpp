// ChipObserver: what an observer sees of a ChipSim run equals what the chip did -- its
// spikes, its packets and their routes -- on a chip built by hand (every route worked
// out below) and on the demo network mapped onto a mesh, against NetworkSim.
#include <map>
#include <vector>

#include <catch2/catch.hpp>

#include "flows/stages/demo_network.hpp"
#include "flows/report/link_load.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/legalize.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_observer.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/sim/network_sim.hpp"

using namespace axomesh;

namespace {

// Records every hook, and the packets per link (x, y, direction) along each route.
struct Recorder : model::ChipObserver {
  std::vector<std::vector<std::vector<uint32_t>>> spikes;  // [step][core]: neurons
  std::vector<uint64_t> ended;
  std::map<std::tuple<uint32_t, uint32_t, model::LinkDirection>, uint64_t> links;
  uint64_t chip_packets = 0, stimulus_packets = 0, in_tile = 0;
  uint32_t cores;
  explicit Recorder(uint32_t core_count) : cores(core_count) {}

  void on_packet(uint64_t step, const model::ChipPacket& p) override {
    CHECK(step == spikes.size());  // packets come before the step's spikes
    if (p.from_stimulus) {
      ++stimulus_packets;
      CHECK(p.route.in_tile());
      return;
    }
    ++chip_packets;
    in_tile += p.route.in_tile() ? 1 : 0;
    model::for_each_link(p.route, [&](uint32_t x, uint32_t y, model::LinkDirection d) { ++links[{x, y, d}]; });
  }
  void on_spike(uint64_t step, uint32_t core, uint32_t neuron) override {
    if (spikes.size() <= step) spikes.resize(step + 1, std::vector<std::vector<uint32_t>>(cores));
    spikes[step][core].push_back(neuron);
  }
  void on_step_end(uint64_t step, const model::ChipSim& chip) override {
    CHECK(chip.steps_done() == step + 1);
    if (spikes.size() <= step) spikes.resize(step + 1, std::vector<std::vector<uint32_t>>(cores));
    ended.push_back(step);
  }
};

struct NoPackets : Recorder {
  using Recorder::Recorder;
  bool wants_packets() const override { return false; }
};

model::NeuronEntry always_fires() {  // bias 1000 > threshold 10 << 6 = 640 in every step
  model::NeuronEntry n;
  n.du = 4095;
  n.vth = 10;
  n.bias_mant = 1000;
  return n;
}
model::NeuronEntry never_fires() {  // at most a few inputs of 1 against 100000 << 6
  model::NeuronEntry n;
  n.du = 4095;
  n.vth = 100000;
  return n;
}

// A 3 x 2 mesh, one core per tile (core c at x = c % 3, y = c / 3). Neuron A (core 0 at
// (0, 0)) sends to core 5 at (2, 1); neuron B (core 5) to cores 0, 3 at (0, 1) and 5.
model::ChipImage hand_built_chip() {
  model::ChipImage image;
  image.geometry = {3, 2, 1};
  image.cores.resize(6);
  model::CoreImage& c0 = image.cores[0];
  c0.neurons = {always_fires(), never_fires()};
  c0.axons = {{0, 1}};
  c0.synapses = {{1, 1, 0}};
  c0.fanout.begin = {0, 1, 1};
  c0.fanout.entries = {{5, 1}};
  model::CoreImage& c3 = image.cores[3];
  c3.neurons = {never_fires()};
  c3.axons = {{0, 1}};
  c3.synapses = {{0, 1, 0}};
  c3.fanout.begin = {0, 0};
  model::CoreImage& c5 = image.cores[5];
  c5.neurons = {always_fires(), never_fires()};
  c5.axons = {{0, 1}, {1, 1}};
  c5.synapses = {{1, 1, 0}, {1, 1, 0}};
  c5.fanout.begin = {0, 3, 3};
  c5.fanout.entries = {{0, 0}, {3, 0}, {5, 0}};
  image.population_names = {"a", "b", "r"};
  image.population_addresses = {{{0, 0}}, {{5, 0}}, {{0, 1}, {3, 0}, {5, 1}}};
  return image;
}

}  // namespace

TEST_CASE("an observer sees a hand-built chip's spikes and every link of their routes", "[chipsim][observer]") {
  const model::ChipImage image = hand_built_chip();
  model::ChipSim chip(image);
  Recorder seen(6);
  NoPackets spikes_only(6);
  chip.add_observer(seen);
  chip.add_observer(spikes_only);
  constexpr uint64_t kSteps = 12;
  std::vector<std::vector<std::vector<uint32_t>>> after_step;
  for (uint64_t s = 0; s < kSteps; ++s) {
    chip.step();
    after_step.emplace_back();
    for (uint32_t c = 0; c < 6; ++c) after_step.back().push_back(chip.core_spikes(c));
  }
  CHECK(seen.ended == std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  CHECK(seen.spikes == after_step);
  // A and B fire in every step; nothing else does.
  for (const auto& step : seen.spikes) CHECK(step == std::vector<std::vector<uint32_t>>{{0}, {}, {}, {}, {}, {0}});

  // The spikes of steps 0..10 are sent in steps 1..11: K = 11 rounds of 4 packets.
  // A (0,0) -> (2,1): east from (0,0) and (1,0), north from (2,0).
  // B (2,1) -> (0,0): west from (2,1) and (1,1), south from (0,1); B -> (0,1): west from
  // (2,1) and (1,1); B -> (2,1): no link.
  constexpr uint64_t K = kSteps - 1;
  using L = std::tuple<uint32_t, uint32_t, model::LinkDirection>;
  const std::map<L, uint64_t> expected{{{0, 0, model::kEast}, K}, {{1, 0, model::kEast}, K},
                                       {{2, 0, model::kNorth}, K}, {{2, 1, model::kWest}, 2 * K},
                                       {{1, 1, model::kWest}, 2 * K}, {{0, 1, model::kSouth}, K}};
  CHECK(seen.links == expected);
  CHECK(seen.chip_packets == 4 * K);
  CHECK(seen.in_tile == K);
  CHECK(seen.stimulus_packets == 0);
  CHECK(spikes_only.chip_packets == 0);  // it asked for none
  CHECK(spikes_only.spikes == seen.spikes);
  CHECK(spikes_only.ended == seen.ended);
  const model::Activity total = chip.stats().total();
  CHECK(total.packets == 4 * K);
  CHECK(total.packets_in_tile == K);
  CHECK(total.hops_east == 2 * K);
  CHECK(total.hops_west == 4 * K);
  CHECK(total.hops_north == K);
  CHECK(total.hops_south == K);
  CHECK(total.longest_route_x == 2);
  CHECK(total.longest_route_y == 1);

  // The last step's spikes are still in flight: A's packet first (cores send in order),
  // then B's three.
  std::vector<model::ChipPacket> in_flight;
  chip.packets_in_flight([&](const model::ChipPacket& p) { in_flight.push_back(p); });
  REQUIRE(in_flight.size() == 4);
  CHECK(in_flight[0].from == 0);
  CHECK(in_flight[0].to == model::Destination{5, 1});
  CHECK(in_flight[0].route.hops() == 3);
  CHECK(in_flight[1].from == 5);
  CHECK(in_flight[1].route.south() == 1);
  CHECK(in_flight[3].to == model::Destination{5, 0});
  CHECK(in_flight[3].route.in_tile());

  // Detached, it sees nothing more.
  chip.remove_observer(seen);
  chip.step();
  CHECK(seen.ended.size() == kSteps);
  CHECK(spikes_only.ended.size() == kSteps + 1);
  CHECK(seen.chip_packets == 4 * K);
}

TEST_CASE("observed spikes equal NetworkSim's and observed links add up to ChipSim's hops", "[chipsim][observer]") {
  const model::Network net = flows::demo_network();
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi2-mini.json");
  const model::ChipImage image =
      mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
  model::ChipSim chip(image);
  model::NetworkSim sim(net);
  Recorder seen(static_cast<uint32_t>(image.cores.size()));
  chip.add_observer(seen);
  constexpr uint64_t kSteps = 200;
  uint64_t spikes = 0;
  for (uint64_t s = 0; s < kSteps; ++s) {
    chip.step();
    sim.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
      // The observed spikes of the step, in network terms through the address map.
      std::vector<uint32_t> observed;
      const auto& addresses = image.population_addresses[p];
      for (uint32_t i = 0; i < addresses.size(); ++i) {
        const auto& core = seen.spikes[s][addresses[i].core];
        if (std::find(core.begin(), core.end(), addresses[i].neuron) != core.end()) observed.push_back(i);
      }
      INFO("step " << s << ", population " << net.populations[p].name);
      REQUIRE(observed == sim.spiked(p));
      spikes += observed.size();
    }
  }
  CHECK(spikes > 0);
  const model::Activity total = chip.stats().total();
  uint64_t per_direction[4] = {0, 0, 0, 0};
  for (const auto& [link, packets] : seen.links) per_direction[std::get<2>(link)] += packets;
  CHECK(per_direction[model::kEast] == total.hops_east);
  CHECK(per_direction[model::kWest] == total.hops_west);
  CHECK(per_direction[model::kNorth] == total.hops_north);
  CHECK(per_direction[model::kSouth] == total.hops_south);
  CHECK(total.hops() > 0);
  CHECK(seen.chip_packets == total.packets);
  CHECK(seen.in_tile == total.packets_in_tile);
  CHECK(seen.stimulus_packets == total.offchip_inputs);

  // The link-load observer of the reports counts the same links.
  model::ChipSim again(image);
  const flows::LinkTraffic traffic = flows::run_counting_link_packets(again, image, kSteps);
  for (const auto& [link, packets] : seen.links) {
    const uint32_t tile = std::get<1>(link) * image.geometry.mesh_width + std::get<0>(link);
    CHECK(traffic.packets.load[tile * 4 + std::get<2>(link)] == double(packets));
  }
}
