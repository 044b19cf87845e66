// Mapper invariants over every target file, and the central equivalence: ChipSim running
// the mapped image spikes exactly like NetworkSim, step for step.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "flows/stages/demo_network.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/sim/network_sim.hpp"
#include "model/network/network_validate.hpp"
#include "model/sim/synapse_rows.hpp"
#include "lava_case.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::vector<targets::Target> all_targets() {
  std::vector<targets::Target> out;
  for (const auto& entry : std::filesystem::directory_iterator(AXOMESH_TARGETS_DIR))
    if (entry.path().extension() == ".json") out.push_back(flows::load_target(entry.path().string()));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

// (pre group, pre index, post population, post index, weight, delay): one per synapse.
using SynapseKey = std::tuple<std::string, uint32_t, uint32_t, uint32_t, int32_t, uint32_t>;

std::multiset<SynapseKey> network_synapses(const model::Network& net) {
  std::multiset<SynapseKey> out;
  for (const model::Projection& proj : net.projections) {
    const uint32_t post = static_cast<uint32_t>(*net.find_population(proj.post));
    const uint32_t pre_size = *net.size_of(proj.pre);
    const auto rows = model::compile_synapse_rows(proj, pre_size, net.populations[post].size,
                                                  model::accumulator_exponent(net, post));
    for (uint32_t i = 0; i < pre_size; ++i)
      for (uint64_t k = rows.row_start(i); k < rows.row_start(i) + rows.row_length(i); ++k)
        out.insert({proj.pre, i, post, rows.target(k), rows.weight(k), rows.delay(k)});
  }
  return out;
}

// Every synapse the image can deliver, decoded back into network terms.
std::multiset<SynapseKey> image_synapses(const model::ChipImage& image, const model::Network& net) {
  std::map<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, uint32_t>> owner;  // (core, local) -> (pop, index)
  for (uint32_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const auto& a = image.population_addresses[p][i];
      owner[{a.core, a.neuron}] = {p, i};
    }
  std::multiset<SynapseKey> out;
  auto follow = [&](const std::string& pre, uint32_t index, const model::FanoutTable& table, uint32_t item) {
    for (uint32_t k = table.begin[item]; k < table.begin[item + 1]; ++k) {
      const auto& d = table.entries[k];
      const auto& core = image.cores[d.core];
      const auto& axon = core.axons[d.axon];
      for (uint32_t s = axon.first; s < axon.first + axon.count; ++s) {
        const auto [pop, post] = owner.at({d.core, core.synapses[s].neuron});
        out.insert({pre, index, pop, post, core.synapses[s].weight, core.synapses[s].delay});
      }
    }
  };
  for (uint32_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const auto& a = image.population_addresses[p][i];
      follow(net.populations[p].name, i, image.cores[a.core].fanout, a.neuron);
    }
  for (std::size_t s = 0; s < net.sources.size(); ++s)
    for (uint32_t i = 0; i < net.sources[s].size; ++i) follow(net.sources[s].name, i, image.stimulus_fanout[s], i);
  return out;
}

void check_invariants(const model::ChipImage& image, const model::Network& net, const targets::Target& target) {
  // Every neuron placed exactly once, and every core entry owned by one neuron.
  std::set<std::pair<uint32_t, uint32_t>> used;
  uint64_t neurons = 0;
  for (const auto& addresses : image.population_addresses)
    for (const auto& a : addresses) {
      REQUIRE(a.core < image.cores.size());
      REQUIRE(a.neuron < image.cores[a.core].neurons.size());
      REQUIRE(used.insert({a.core, a.neuron}).second);
      ++neurons;
    }
  uint64_t slots = 0;
  for (const auto& core : image.cores) slots += core.neurons.size();
  REQUIRE(neurons == slots);
  REQUIRE(neurons == net.neuron_count());
  // No capacity exceeded, counted from the image.
  for (const auto& core : image.cores) {
    REQUIRE(core.neurons.size() <= target.core.neurons);
    REQUIRE(core.axons.size() <= target.core.input_axons);
    REQUIRE(core.fanout.entries.size() <= target.core.fanout_entries);
    REQUIRE(core.synapses.size() * uint64_t(target.synapse.bits_per_synapse()) +
                core.axons.size() * uint64_t(target.synapse.axon_header_bits) <=
            target.core.synapse_memory_bits);
  }
  // Every synapse reachable through the routing tables exactly once, weight and delay intact.
  REQUIRE(image_synapses(image, net) == network_synapses(net));
}

// Runs both simulators and requires identical spikes (and u, v) at every step.
void check_equivalence(const model::Network& net, const model::ChipImage& image, uint64_t steps) {
  model::NetworkSim reference(net);
  model::ChipSim chip(image);
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
      INFO("step " << t << " population " << net.populations[p].name);
      REQUIRE(chip.spiked(p) == reference.spiked(p));
      for (uint32_t n = 0; n < net.populations[p].size; ++n) {
        REQUIRE(chip.u(p, n) == reference.u(p)[n]);
        REQUIRE(chip.v(p, n) == reference.v(p)[n]);
      }
    }
  }
  uint64_t ops = 0;
  for (std::size_t c = 0; c < chip.stats().units(); ++c) ops += chip.stats().total(c).synaptic_ops;
  CHECK(ops == reference.stats().total().synaptic_ops);
  CHECK(chip.stats().total().spikes == reference.stats().total().spikes);
}

}  // namespace

TEST_CASE("random networks map onto every target they fit, and ChipSim equals NetworkSim", "[mapper][chipsim]") {
  const auto targets = all_targets();
  REQUIRE(targets.size() >= 5);
  int mapped = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const uint32_t size = 10 + static_cast<uint32_t>(seed * 3);
    const model::Network net = test::random_network(seed, size, 0.04 + 0.01 * double(seed % 4), uint32_t(seed % 7) * 9);
    for (const targets::Target& target : targets) {
      if (!target.supports("loihi_lif")) continue;
      for (auto strategy : {mapper::Strategy::Graph, mapper::Strategy::Baseline}) {
        INFO("seed " << seed << " target " << target.name << (strategy == mapper::Strategy::Graph ? " graph" : " baseline"));
        mapper::MappingResult result;
        try {
          result = mapper::map_network(net, target, mapper::legalize(net, target), strategy);
        } catch (const model::InputError& e) {
          // Only the tiny target may be too small, or a target's delays too short; the
          // error says which.
          const std::string what = e.what();
          INFO(what);
          if (what.find("MAP-0004") != std::string::npos) {
            CHECK(target.max_delay < 62);
            continue;
          }
          REQUIRE(target.name == "tiny-2x2");
          CHECK(what.find("MAP-0") != std::string::npos);
          continue;
        }
        check_invariants(result.image, net, target);
        check_equivalence(net, result.image, 150);
        ++mapped;
      }
    }
  }
  CHECK(mapped >= 60);
}

TEST_CASE("a network spread over all four tiny cores still matches, delays and all", "[mapper][chipsim]") {
  const targets::Target tiny = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json");
  model::Network net = test::random_network(99, 56, 0.03, 20);
  const auto atoms = mapper::legalize(net, tiny);
  const auto result = mapper::map_network(net, tiny, atoms, mapper::Strategy::Graph);
  uint32_t cores_with_neurons = 0;
  for (const auto& core : result.image.cores) cores_with_neurons += core.neurons.empty() ? 0 : 1;
  REQUIRE(cores_with_neurons == 4);
  check_invariants(result.image, net, tiny);
  check_equivalence(net, result.image, 300);
  // Spikes crossed the mesh: the hop counters saw them.
  model::ChipSim chip(result.image);
  chip.run(300);
  const auto total = chip.stats().total();
  CHECK(total.packets > total.packets_in_tile);
  CHECK(total.hops() > 0);
}

TEST_CASE("Lava vector networks and the demo map and match on loihi targets", "[mapper][chipsim][lava]") {
  for (const char* name : {"loihi1", "loihi2"}) {
    const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
    std::vector<model::Network> nets = {flows::demo_network()};
    for (const std::string& file : test::data_files("lava", ".json"))
      nets.push_back(test::lava_case_network(nlohmann::json::parse(test::read_file(file))));
    REQUIRE(nets.size() >= 20);
    for (const model::Network& net : nets) {
      INFO(name << " " << net.name);
      const auto result = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
      check_invariants(result.image, net, target);
      check_equivalence(net, result.image, 100);
    }
  }
}

TEST_CASE("networks that do not fit say which capacity, where and by how much", "[mapper][errors]") {
  const targets::Target tiny = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json");
  // 100 neurons: four cores of 16 hold 64.
  model::Network big = test::one_layer(1, 100, {{0}});
  try {
    mapper::map_network(big, tiny, mapper::legalize(big, tiny), mapper::Strategy::Graph);
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()) == "the network needs 7 cores; target tiny-2x2 has 4 (over by 3) [MAP-0103]");
  }
  // One neuron fed by 100 sources: a core has 64 input axons.
  model::Network wide = test::one_layer(100, 1, std::vector<std::vector<uint32_t>>(100));
  model::Projection p = test::sparse_projection("p", "in", "out");
  for (uint32_t i = 0; i < 100; ++i) {
    p.pre_index.push_back(i);
    p.post_index.push_back(0);
    p.weights.push_back(1);
  }
  wide.projections.push_back(p);
  try {
    mapper::legalize(wide, tiny);
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()).find("/populations/0: a neuron of \"out\" can receive from 100 presynaptic neurons; a "
                                     "core of tiny-2x2 has 64 input axons (over by 36) [MAP-0102]") != std::string::npos);
  }
  // TrueNorth cores have no Loihi LIF neurons.
  const targets::Target tn = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/truenorth.json");
  try {
    mapper::legalize(test::one_layer(1, 2, {{0}}), tn);
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()).find("[MAP-0001]") != std::string::npos);
  }
  // Delays beyond the target's.
  targets::Target short_delays = tiny;
  short_delays.max_delay = 3;
  model::Network delayed = test::random_network(3, 10, 0.2, 9);
  try {
    mapper::legalize(delayed, short_delays);
    FAIL("no error");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()).find("expected delays of at most 3 (target tiny-2x2)") != std::string::npos);
  }
}

TEST_CASE("link directions follow coordinates, also on a mesh one tile wide", "[mapper][route]") {
  // 1 x 8: tile 1 is north of tile 0 (not east); 8 x 1: tile 1 is east of tile 0.
  CHECK(mapper::direction_between({1, 8, 1}, 0, 1) == mapper::kNorth);
  CHECK(mapper::direction_between({1, 8, 1}, 2, 1) == mapper::kSouth);
  CHECK(mapper::direction_between({8, 1, 1}, 0, 1) == mapper::kEast);
  CHECK(mapper::direction_between({8, 1, 1}, 3, 2) == mapper::kWest);
  CHECK(mapper::direction_between({4, 4, 1}, 5, 9) == mapper::kNorth);
  CHECK(mapper::xy_route({4, 4, 1}, 0, 15) == std::vector<uint32_t>{0, 1, 2, 3, 7, 11, 15});
}

TEST_CASE("a target with one destination per neuron refuses neurons with several", "[mapper][errors]") {
  targets::Target one_destination = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json");
  one_destination.one_destination_per_neuron = true;
  // The 56-neuron network spread over all four cores: some neuron reaches two of them.
  const model::Network net = test::random_network(99, 56, 0.03, 20);
  try {
    mapper::map_network(net, one_destination, mapper::legalize(net, one_destination), mapper::Strategy::Baseline);
    FAIL("no error");
  } catch (const model::InputError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find("a neuron of target tiny-2x2 has one destination") != std::string::npos);
    CHECK(std::string(e.what()).find("[MAP-0205]") != std::string::npos);
  }
}
