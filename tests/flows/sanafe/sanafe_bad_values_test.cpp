// Numbers read from SANA-FE files are checked before they are cast: neuron ids of sparse
// edges, tile and core addresses, the decays once converted to Loihi's 12 bits, the
// architecture's unit ranges, mesh size and barrier table. Each bad value names the file
// and its line.
#include <fstream>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_arch.hpp"
#include "flows/sanafe/sanafe_network.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::string write_yaml(const std::string& name, const std::string& text) {
  const std::string path = test::temporary_folder("sanafe_bad_values") + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// "FILE: line N: MESSAGE [ID]" of the error reading `text`, or "no error".
template <typename Read>
std::string error_of(Read read, const std::string& name, const std::string& text) {
  try {
    read(write_yaml(name, text));
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return std::string(e.what());
  }
  return "no error";
}

std::string network_error(const std::string& name, const std::string& text) {
  return error_of([](const std::string& p) { flows::read_sanafe_network(p); }, name, text);
}
std::string arch_error(const std::string& name, const std::string& text) {
  return error_of([](const std::string& p) { flows::read_sanafe_architecture(p); }, name, text);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Lines 1-11; group a (line 4) takes ATTRS.
std::string groups(const std::string& attrs = "threshold: 10, reset: 0") {
  return "network:\n"
         "  name: hand\n"
         "  groups:\n"
         "  - name: a\n"
         "    attributes: {" + attrs + "}\n"
         "    neurons:\n"
         "    - 0..3: {}\n"
         "  - name: b\n"
         "    attributes: {threshold: 10, reset: 0}\n"
         "    neurons:\n"
         "    - 0..1: {}\n";
}

// Lines 1-9 (the core name on line 7); ATTRS go into architecture.attributes.
std::string architecture(const std::string& attrs, const std::string& tiles = "tile[0..1]",
                         const std::string& cores = "core[0..3]") {
  return "architecture:\n"
         "  name: t\n"
         "  attributes: {" + attrs + "}\n"
         "  tile:\n"
         "  - name: " + tiles + "\n"
         "    core:\n"
         "    - name: " + cores + "\n"
         "      synapse: [{name: s}]\n"
         "      soma: [{name: m}]\n"
         "      axon_out: [{name: o}]\n";
}

}  // namespace

TEST_CASE("SANA-FE sparse pairs must be exact neuron ids", "[sanafe]") {
  auto sparse = [](const std::string& pair) {
    return groups() + "  edges:\n  - a -> b:\n      type: sparse\n      source_target_pairs:\n      - [1, 0]\n      - " + pair +
           "\n      weight: [1, 2]\n";
  };
  CHECK(network_error("good.yaml", sparse("[3, 1]")) == "no error");
  // A fraction would be cut to a neuron the file does not name; 1e300 does not fit 64 bits.
  for (const char* bad : {"[0.5, 1]", "[1, 1.25]", "[1e300, 0]", "[9007199254740992, 0]"}) {
    INFO(bad);
    const std::string e = network_error("pairs.yaml", sparse(bad));
    CHECK(has(e, "[SFE-0406]"));
    CHECK(has(e, "pairs.yaml: line 17:"));  // the pair's own line
    CHECK(has(e, "expected [source, target] pairs of neuron ids (integers >= 0)"));
  }
  // Integers in range for a double but outside the groups fail at the edge.
  const std::string outside = network_error("outside.yaml", sparse("[4, 0]"));
  CHECK(has(outside, "[SFE-0406]"));
  CHECK(has(outside, "pair 1 names a neuron outside the groups"));
}

TEST_CASE("SANA-FE tile and core addresses stay below the unmapped marker", "[sanafe]") {
  auto mapped = [](const std::string& core) {
    return groups() + "mappings:\n- {a: {core: '0.0'}}\n- {b: {core: '" + core + "'}}\n";
  };
  CHECK(network_error("good.yaml", mapped("4294967294.4294967294")) == "no error");
  for (const char* bad : {"4294967295.0", "0.4294967295", "999999999999.1"}) {
    INFO(bad);
    const std::string e = network_error("tile.yaml", mapped(bad));
    CHECK(has(e, "[SFE-0305]"));
    CHECK(has(e, "tile.yaml: line 14:"));
    CHECK(has(e, std::string("found \"") + bad + "\""));
  }
}

TEST_CASE("SANA-FE decays that round outside Loihi's 12 bits fail at the group", "[sanafe]") {
  // 4096 * (1 - 0.0002) = 4095.18 -> dv 4095; 4096 * (1 - 0.0001) = 4095.59 -> 4096.
  CHECK(network_error("good.yaml", groups("threshold: 10, reset: 0, leak_decay: 0.0002")) == "no error");
  const std::string dv = network_error("dv.yaml", groups("threshold: 10, reset: 0, leak_decay: 0.0001"));
  CHECK(has(dv, "dv.yaml: line 4:"));
  CHECK(has(dv, "[SFE-0205]"));
  CHECK(has(dv, "give dv 4096 and du 4095; expected both in 0..4095"));
  // du = 4095 - round(4096 * 0.99995) = 4095 - round(4095.795) = -1.
  const std::string du = network_error("du.yaml", groups("threshold: 10, reset: 0, input_decay: 0.99995"));
  CHECK(has(du, "[SFE-0205]"));
  CHECK(has(du, "give dv 0 and du -1"));
}

TEST_CASE("SANA-FE architecture ranges, mesh size and barrier keys are checked", "[sanafe]") {
  const std::string mesh = "topology: mesh, width: 2, height: 1";
  CHECK(arch_error("good.yaml", architecture(mesh)) == "no error");
  // A name range that does not parse used to count as 1 or 0 units.
  for (const auto& [tiles, cores, line] : std::vector<std::tuple<std::string, std::string, int>>{
           {"tile[0..x1]", "core[0..3]", 5}, {"tile[5..2]", "core[0..3]", 5}, {"tile[0..99999999999]", "core[0..3]", 5},
           {"tile[0..1]", "core[a..3]", 7},  {"tile[0..1]", "core[-1..3]", 7}}) {
    INFO(tiles << " " << cores);
    const std::string e = arch_error("range.yaml", architecture(mesh, tiles, cores));
    CHECK(has(e, "[SFA-0111]"));
    CHECK(has(e, "range.yaml: line " + std::to_string(line) + ":"));
  }
  // 65536 x 65536 tiles is 2^32: more than 32 bits hold, still room for two tiles.
  const flows::SanafeArchitecture big =
      flows::read_sanafe_architecture(write_yaml("big.yaml", architecture("width: 65536, height: 65536")));
  CHECK(big.tiles == 2);
  // Barrier table keys are tile counts: integers in 0..2^32-1.
  const std::string table = mesh + ", sync_model: table, latency_sync: ";
  const flows::SanafeArchitecture synced =
      flows::read_sanafe_architecture(write_yaml("sync.yaml", architecture(table + "{4: 2.0e-9, 4294967295: 1.0e-9}")));
  CHECK(synced.sync_table.at(4) == 2.0e-9);
  CHECK(synced.sync_table.at(4294967295u) == 1.0e-9);
  for (const char* key : {"1.5", "4294967296", "1e300"}) {
    INFO(key);
    const std::string e = arch_error("sync.yaml", architecture(table + "{" + key + ": 1.0e-9}"));
    CHECK(has(e, "[SFA-0106]"));
    CHECK(has(e, "sync.yaml: line 3:"));
    CHECK(has(e, std::string("found \"") + key + "\""));
  }
}
