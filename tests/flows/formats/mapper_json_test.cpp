// `axomesh map --dump`: the mapper's products as JSON (docs/mapper-products.md). A golden
// case worked out by hand from the mapper's rules, the invariants every mapping must keep,
// and the error for an unknown product.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "flows/formats/network_json.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kData = AXOMESH_TEST_DATA;

test::CommandResult map_with_dumps(const std::string& network, const std::string& target, const std::string& out,
                                   const std::string& dumps) {
  return test::run_cli("map " + network + " --target " + target + " --out " + out + " --dump " + dumps);
}

}  // namespace

// tests/data/networks/three-groups.json on tiny-2x2 (4 cores of 16 neurons on a 2 x 2 mesh).
// Every weight is 0, so each neuron's rate is its own bias over threshold vth << 6 = 640:
// a, c, e (bias 641) spike every step (rate 1); b0 and d0 (bias 321: v = 321, 642, 0, ...)
// every second step (rate 0.5); the other b, d and f neurons never (rate 0).
// legalize: 48 neurons need no coarsening, so every neuron is an atom of its own, and an
// atom pair's edge weight is the presynaptic rate (at least 1e-6): a-b, c-d and e-f weigh
// 1.0 per pair, b0-c0 and d0-e1 0.5, b1-e0 1e-6.
// partition: the heaviest-edge traversal from atom a0 visits the 16 atoms of {a, b} through
// their 1.0 edges, leaves by the heaviest way out (b0-c0, 0.5, not b1-e0) into {c, d}, then
// by d0-e1 into {e, f}; filling cores of 16 neurons in that order gives logical cores
// 0 = {a, b}, 1 = {c, d}, 2 = {e, f} (each fits: at most 62 synapses, 12 input axons). No
// candidate does better: every core is full, so refinement moves nothing, and network
// order fills the same cores. Any group split across cores would send 1 spike per step
// more per a, c or e neuron cut off.
// place: logical cores go along the Hilbert curve of the 2 x 2 mesh, tiles (0,0), (0,1),
// (1,1), (1,0), i.e. physical cores 0, 2, 3. Three cores on a 2 x 2 mesh always leave one
// pair diagonal (2 hops); here it is {a, b}-{e, f}, the pair with the least traffic (1e-6),
// so no swap lowers the cost and the placement stays.
// route: b0 -> c0 is core 0 -> core 2 (tile 0 -> 2, 1 hop, 0.5 packets/step); b1 -> e0 is
// core 0 -> 3, X first: tile 0 -> 1 -> 3 (2 hops, 0 packets/step), not through tile 2;
// d0 -> e1 is core 2 -> 3 (tile 2 -> 3, 1 hop, 0.5). a -> b, c -> d and e -> f stay in
// their cores and are no routes.
TEST_CASE("map --dump writes the partition, placement and routes worked out by hand", "[flows][cli][map][dump]") {
  const std::string out = test::temporary_folder("map-dump-golden") + "/out";
  const auto r = map_with_dumps(kData + "/networks/three-groups.json", "tiny-2x2", out, "partition,placement,routes");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  for (const char* product : {"partition", "placement", "routes"}) {
    INFO(product);
    CHECK(test::read_file(out + "/" + product + ".json") ==
          test::read_file(kData + "/mapper/three-groups-" + product + ".json"));
  }
  CHECK_FALSE(fs::exists(out + "/atoms.json"));  // not asked for
  CHECK(fs::is_regular_file(out + "/chip_image.json"));

  // The routes' packets are the mapping report's inter-core spikes: 0.5 + 0 + 0.5.
  const json report = json::parse(test::read_file(out + "/mapping.json"));
  CHECK(report["strategies"][0]["inter_core_spikes_per_step"].get<double>() == Approx(1.0));
  CHECK(report["strategies"][0]["hop_traffic_per_step"].get<double>() == Approx(1.0));
}

TEST_CASE("the documented example is the golden case", "[flows][dump]") {
  const std::string doc = test::read_file(kData + "/../../docs/mapper-products.md");
  std::size_t at = doc.find("## Example");
  REQUIRE(at != std::string::npos);
  for (const char* product : {"partition", "placement", "routes"}) {
    INFO(product);
    const std::size_t begin = doc.find("```json\n", at);
    REQUIRE(begin != std::string::npos);
    const std::size_t end = doc.find("```", begin + 8);
    CHECK(doc.substr(begin + 8, end - begin - 8) ==
          test::read_file(kData + "/mapper/three-groups-" + product + ".json"));
    at = end + 3;
  }
}

TEST_CASE("map --dump atoms writes every atom and the atom graph", "[flows][cli][map][dump]") {
  const std::string out = test::temporary_folder("map-dump-atoms") + "/out";
  const auto r = map_with_dumps(kData + "/networks/three-groups.json", "tiny-2x2", out, "atoms");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  for (const char* product : {"partition", "placement", "routes"})
    CHECK_FALSE(fs::exists(out + "/" + product + ".json"));
  const json atoms = json::parse(test::read_file(out + "/atoms.json"));
  CHECK(atoms["format"] == "axomesh-atoms");
  // One atom per neuron (see above), in network order.
  REQUIRE(atoms["atoms"].size() == 48);
  CHECK(atoms["atoms"][10] == json::parse("[1, 0, 1, 10, 10, 1, 0.5, 0]"));  // b0: 10 synapses from a, rate 0.5
  CHECK(atoms["populations"][1]["first_atom"] == 10);
  CHECK(atoms["populations"][1]["atom_size"] == 1);
  // 3 x 60 all-to-all pairs of weight 1, and b0-c0, b1-e0, d0-e1.
  REQUIRE(atoms["edges"].size() == 183);
  std::map<double, int> weights;
  for (const json& e : atoms["edges"]) {
    CHECK(e[0].get<uint32_t>() < e[1].get<uint32_t>());
    ++weights[e[2].get<double>()];
  }
  CHECK(weights == std::map<double, int>{{1e-6, 1}, {0.5, 2}, {1.0, 180}});
  CHECK(atoms["edges"][0] == json::parse("[0, 10, 1.0]"));  // a0-b0, the first after sorting
}

TEST_CASE("map --dump rejects unknown product names and writes nothing", "[flows][cli][map][dump][bad-input]") {
  const std::string dir = test::temporary_folder("map-dump-bad");
  for (const auto& [list, found] : std::vector<std::pair<std::string, std::string>>{
           {"partition,plcement", "entry 2: expected one of atoms, partition, placement, routes (comma-separated), "
                                  "found \"plcement\""},
           {"routes,", "entry 2: expected one of atoms, partition, placement, routes (comma-separated), found an "
                       "empty name"}}) {
    const auto r = map_with_dumps(kData + "/networks/three-groups.json", "tiny-2x2", dir + "/out", list);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("error: --dump " + list + ": " + found + " [CLI-0101]") != std::string::npos);
    CHECK_FALSE(fs::exists(dir + "/out"));
  }
}

// Whatever the mapper decides, its products agree with each other and with the mesh.
TEST_CASE("dumped partitions, placements and routes keep their invariants", "[flows][cli][map][dump]") {
  const std::string dir = test::temporary_folder("map-dump-invariants");
  struct Case {
    model::Network network;
    std::string target;
  };
  const std::vector<Case> cases = {{test::random_network(99, 56, 0.03, 20), "tiny-2x2"},
                                   {test::random_network(3, 300, 0.02, 5), kData + "/targets/mesh-4x4x2.json"}};
  int n = 0;
  for (const Case& c : cases) {
    const std::string net_file = dir + "/net" + std::to_string(n) + ".json", out = dir + "/out" + std::to_string(n);
    ++n;
    flows::save_network(c.network, net_file);
    const auto r = map_with_dumps(net_file, c.target, out, "routes,placement,partition");
    INFO(c.target << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
    const json partition = json::parse(test::read_file(out + "/partition.json"));
    const json placement = json::parse(test::read_file(out + "/placement.json"));
    const json routes = json::parse(test::read_file(out + "/routes.json"));
    const json report = json::parse(test::read_file(out + "/mapping.json"));

    // Every neuron in exactly one logical core, and each core's count is its neurons.
    const uint32_t cores = partition["logical_cores"];
    REQUIRE(partition["cores"].size() == cores);
    std::vector<std::vector<int>> seen;
    for (const json& p : partition["populations"]) seen.emplace_back(p["size"].get<uint32_t>(), 0);
    for (uint32_t k = 0; k < cores; ++k) {
      const json& core = partition["cores"][k];
      CHECK(core[0] == k);
      uint64_t neurons = 0;
      for (const json& s : core[2]) {
        const uint32_t pop = s[0], first = s[1], count = s[2];
        REQUIRE(pop < seen.size());
        REQUIRE(first + count <= seen[pop].size());
        for (uint32_t i = first; i < first + count; ++i) ++seen[pop][i];
        neurons += count;
      }
      CHECK(core[1] == neurons);
      CHECK(neurons <= 16);  // both targets have cores of 16 neurons
    }
    for (const auto& pop : seen)
      for (int times : pop) CHECK(times == 1);
    CHECK(report["strategies"][0]["cores_used"] == cores);

    // Every logical core placed once, on its own physical core of the mesh.
    const uint32_t width = placement["mesh"]["width"], height = placement["mesh"]["height"],
                   per_tile = placement["mesh"]["cores_per_tile"];
    REQUIRE(placement["cores"].size() == cores);
    std::set<uint32_t> physical;
    std::map<uint32_t, std::pair<int, int>> xy;  // physical core -> tile coordinates
    for (uint32_t k = 0; k < cores; ++k) {
      const json& p = placement["cores"][k];
      CHECK(p[0] == k);
      const uint32_t core = p[1], tile = p[2], x = p[3], y = p[4];
      CHECK(core < width * height * per_tile);
      CHECK(physical.insert(core).second);
      CHECK(tile == core / per_tile);
      CHECK(x == tile % width);
      CHECK(y == tile / width);
      xy[core] = {int(x), int(y)};
    }

    // Every route joins two placed cores; its hops are their Manhattan distance, and its
    // tiles step one link at a time, X first, then Y.
    double packets = 0.0, hop_packets = 0.0;
    CHECK(!routes["routes"].empty());
    for (const json& route : routes["routes"]) {
      const uint32_t from = route[0], to = route[1], hops = route[2];
      INFO(route.dump());
      CHECK(from != to);
      REQUIRE(xy.count(from) == 1);
      REQUIRE(xy.count(to) == 1);
      CHECK(hops == uint32_t(std::abs(xy[from].first - xy[to].first) + std::abs(xy[from].second - xy[to].second)));
      const json& tiles = route[6];
      REQUIRE(tiles.size() == hops + 1);
      CHECK(tiles.front() == from / per_tile);
      CHECK(tiles.back() == to / per_tile);
      bool turned = false;  // moved along Y already
      for (std::size_t k = 0; k + 1 < tiles.size(); ++k) {
        const int a = tiles[k], b = tiles[k + 1];
        const int dx = b % int(width) - a % int(width), dy = b / int(width) - a / int(width);
        CHECK(std::abs(dx) + std::abs(dy) == 1);
        if (dy != 0) turned = true;
        if (dx != 0) CHECK_FALSE(turned);
      }
      CHECK(route[3].get<uint32_t>() >= 1);
      CHECK(route[4].get<uint64_t>() >= route[3].get<uint64_t>());
      packets += route[5].get<double>();
      hop_packets += route[5].get<double>() * hops;
    }
    // The same packets the mapping report measures on the chip image.
    CHECK(packets == Approx(report["strategies"][0]["inter_core_spikes_per_step"].get<double>()));
    CHECK(hop_packets == Approx(report["strategies"][0]["hop_traffic_per_step"].get<double>()));
    CHECK(routes["totals"]["routes"] == routes["routes"].size());
  }
}
