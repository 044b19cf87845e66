// The JSON target format: every target file loads and round-trips, its numbers are the
// published ones of DESIGN.md "Targets", the documented example loads, and malformed
// targets give golden diagnostics (TGT-xxxx) naming the file, path, expectation and finding.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "flows/formats/target_json.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

namespace {

const std::string kTargetsDir = AXOMESH_TARGETS_DIR;

targets::Target target_file(const std::string& name) { return flows::load_target(kTargetsDir + "/" + name + ".json"); }

std::vector<std::string> target_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kTargetsDir))
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// Every figure of a target, by a path-like name.
std::vector<std::pair<std::string, targets::Figure>> all_figures(const targets::Target& t) {
  std::vector<std::pair<std::string, targets::Figure>> out;
  for (const auto& [n, f] : t.capacity_sources) out.emplace_back("capacity/" + n, f);
  for (const auto& [n, f] : t.energy) out.emplace_back("energy_j/" + n, f);
  for (const auto& [n, f] : t.time) out.emplace_back("time_s/" + n, f);
  for (const auto& [n, f] : t.power) out.emplace_back("static_power_w/" + n, f);
  return out;
}

}  // namespace

TEST_CASE("every target file loads and round-trips field for field", "[flows][target]") {
  const std::vector<std::string> files = target_files();
  for (const char* name : {"loihi1", "loihi2", "loihi2-mini", "truenorth", "tiny-2x2", "custom-example"})
    CHECK(std::find(files.begin(), files.end(), kTargetsDir + "/" + name + ".json") != files.end());
  for (const std::string& file : files) {
    INFO(file);
    const targets::Target t = flows::load_target(file);
    CHECK(std::filesystem::path(file).stem().string() == t.name);
    const std::string text = flows::target_to_json(t).dump(1);
    const targets::Target back = flows::target_from_json_text(text, "roundtrip.json");
    CHECK(back == t);
    CHECK(flows::target_to_json(back).dump(1) == text);
    // Sources everywhere; a figure not marked as an estimate quotes a source of DESIGN.md.
    for (const char* key : {"neurons", "input_axons", "synapse_memory_bits", "fanout_entries", "synapse_encoding"})
      CHECK(t.capacity_sources.count(key) == 1);
    for (const auto& [where, f] : all_figures(t)) {
      INFO(where << ": " << f.source);
      CHECK_FALSE(f.source.empty());
      if (!f.estimate)
        CHECK((f.source.find("Davies et al., IEEE Micro 2018") != std::string::npos ||
               f.source.find("Merolla et al., Science 2014") != std::string::npos));
    }
  }
}

TEST_CASE("a hand-built target round-trips exactly", "[flows][target]") {
  targets::Target t;
  t.name = "hand";
  t.description = "unicode \u00b5 and \"quotes\"";
  t.mesh_width = 4096;  // the largest mesh side, at the 65,536-core limit
  t.mesh_height = 2;
  t.cores_per_tile = 8;
  t.core = {2147483647u, 1u, uint64_t{1} << 53, 7u};
  t.synapse = {32, 32, 32, 64};
  t.neuron_models = {"truenorth", "loihi_lif"};
  t.state_bits = 1;
  t.max_weight_bits = 1;
  t.max_delay = 0;
  t.one_destination_per_neuron = true;
  for (const char* key : {"neurons", "input_axons", "synapse_memory_bits", "fanout_entries"})
    t.capacity_sources[key] = {0, std::string("src ") + key, key[0] == 'n'};
  t.capacity_sources["neurons"].value = 2147483647.0;
  t.capacity_sources["input_axons"].value = 1.0;
  t.capacity_sources["synapse_memory_bits"].value = 9007199254740992.0;
  t.capacity_sources["fanout_entries"].value = 7.0;
  t.capacity_sources["synapse_encoding"] = {0, "enc", true};
  t.energy["synaptic_op"] = {0.1 + 0.2, "sum", true};
  t.energy["spike_offchip"] = {1e-300, "tiny", false};
  t.time["barrier_sync_per_tile"] = {0.0, "zero", false};
  t.power["chip"] = {123.456789012345678, "p", true};
  const targets::Target back = flows::target_from_json_text(flows::target_to_json(t).dump(), "hand.json");
  CHECK(back == t);
}

TEST_CASE("target files hold the published numbers of DESIGN.md", "[flows][target]") {
  SECTION("Loihi 1: Davies et al., IEEE Micro 2018, Table 2") {
    const targets::Target t = target_file("loihi1");
    CHECK(t.core_count() == 128);
    CHECK(t.cores_per_tile == 4);
    CHECK(t.core.neurons == 1024);
    CHECK(t.core.input_axons == 4096);
    CHECK(t.core.synapse_memory_bits == 128u * 1024u * 8u);
    CHECK(t.core.fanout_entries == 4096);
    CHECK(t.synapse.weight_bits == 9);
    CHECK(t.supports("loihi_lif"));
    CHECK(t.energy.at("synaptic_op").value == 23.6e-12);
    CHECK(t.energy.at("synaptic_update").value == 120e-12);
    CHECK(t.energy.at("neuron_update_active").value == 81e-12);
    CHECK(t.energy.at("neuron_update_idle").value == 52e-12);
    CHECK(t.energy.at("spike_in_tile").value == 1.7e-12);
    CHECK(t.energy.at("hop_east_west").value == 3.0e-12);
    CHECK(t.energy.at("hop_north_south").value == 4.0e-12);
    CHECK(t.time.at("synaptic_op").value == 3.5e-9);
    CHECK(t.time.at("synaptic_update").value == 6.1e-9);
    CHECK(t.time.at("neuron_update_active").value == 8.4e-9);
    CHECK(t.time.at("neuron_update_idle").value == 5.3e-9);
    CHECK(t.time.at("spike_in_tile").value == 2.1e-9);
    CHECK(t.time.at("hop_east_west").value == 4.1e-9);
    CHECK(t.time.at("hop_north_south").value == 6.5e-9);
    const double base = t.time.at("barrier_sync_base").value, per_tile = t.time.at("barrier_sync_per_tile").value;
    CHECK(base + 1 * per_tile == Approx(113e-9).epsilon(1e-3));
    CHECK(base + 32 * per_tile == Approx(465e-9).epsilon(1e-3));
    CHECK(t.time.at("barrier_sync_base").estimate);
    CHECK_FALSE(t.energy.at("synaptic_op").estimate);
    CHECK_FALSE(t.capacity_sources.at("neurons").estimate);
  }
  SECTION("Loihi 2: derived from the Intel brief's totals, every operation figure an estimate") {
    const targets::Target t = target_file("loihi2");
    CHECK(t.core_count() == 128);
    CHECK(uint64_t{t.core.neurons} * t.core_count() == 1u << 20);
    const double synapses = double(t.core.synapse_memory_bits) / t.synapse.bits_per_synapse() * t.core_count();
    CHECK(synapses == Approx(120e6).epsilon(1e-3));
    CHECK(t.energy.size() >= 5);
    for (const auto* figures : {&t.energy, &t.time})
      for (const auto& [name, f] : *figures) {
        INFO(name);
        CHECK(f.estimate);
        CHECK(f.source.find("Estimate") != std::string::npos);
      }
    CHECK(t.energy.at("synaptic_op").value < 23.6e-12);
  }
  SECTION("TrueNorth: Merolla et al., Science 2014; Cassidy et al. 2013") {
    const targets::Target t = target_file("truenorth");
    CHECK(t.mesh_width == 64);
    CHECK(t.mesh_height == 64);
    CHECK(t.core_count() == 4096);
    CHECK(t.core.neurons == 256);
    CHECK(t.core.input_axons == 256);
    CHECK(t.core.synapse_memory_bits == 256u * 256u);
    CHECK(t.core.fanout_entries == 256);
    CHECK(t.one_destination_per_neuron);
    CHECK(t.neuron_models == std::vector<std::string>{"truenorth"});
    CHECK(t.state_bits == 20);
    CHECK(t.synapse == targets::SynapseEncoding{1, 4, 8, 0});
    CHECK(t.capacity_sources.at("synapse_encoding").estimate);
    CHECK(t.energy.at("synaptic_op").value == 26e-12);
    CHECK(t.energy.at("hop_east_west").value == 2.3e-12);
    CHECK(t.time.at("barrier_sync_base").value == 1e-3);
  }
  SECTION("tiny-2x2: a small test chip with Loihi 1's figures") {
    const targets::Target t = target_file("tiny-2x2");
    const targets::Target loihi1 = target_file("loihi1");
    CHECK(t.core_count() == 4);
    CHECK(t.core == targets::CoreCapacity{16, 64, 8192, 64});
    CHECK(t.neuron_models == std::vector<std::string>{"loihi_lif"});
    for (const auto& [name, f] : loihi1.energy) CHECK(t.energy.at(name).value == f.value);
    for (const auto& [name, f] : loihi1.time) CHECK(t.time.at(name).value == f.value);
    for (const auto& [name, f] : t.energy) CHECK(f.source.find("loihi1.json") != std::string::npos);
  }
  SECTION("custom-example: every figure is an estimate") {
    const targets::Target t = target_file("custom-example");
    CHECK(t.core_count() == 32);
    CHECK(t.core.neurons == 512);
    for (const auto& [where, f] : all_figures(t)) {
      INFO(where);
      CHECK(f.estimate);
    }
    CHECK(t.power.count("chip") == 1);
  }
}

TEST_CASE("the complete example of docs/target-format.md loads and is tiny-2x2.json", "[flows][target][docs]") {
  const std::string doc = test::read_file(kTargetsDir + "/../docs/target-format.md");
  const std::string begin = "```json\n";
  const auto start = doc.find(begin);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + begin.size());
  REQUIRE(end != std::string::npos);
  const std::string example = doc.substr(start + begin.size(), end - start - begin.size());
  const targets::Target t = flows::target_from_json_text(example, "docs/target-format.md");
  CHECK(t == target_file("tiny-2x2"));
  CHECK(example == test::read_file(kTargetsDir + "/tiny-2x2.json"));
}

namespace {

struct BadTarget {
  const char* name;
  std::string text;
  std::string expected;  // must appear in the message, after "bad.json: "
};

// tiny-2x2.json with one change applied.
std::string tiny_with(const std::function<void(json&)>& change) {
  json j = json::parse(test::read_file(kTargetsDir + "/tiny-2x2.json"));
  change(j);
  return j.dump(1);
}

}  // namespace

TEST_CASE("malformed targets give precise errors", "[flows][target][bad-input]") {
  const std::vector<BadTarget> cases = {
      {"syntax", "{\"format\": \"axomesh-target\",\n  \"version\": 1,,}",
       "line 2, column 16: expected valid JSON, found syntax error while parsing object key - unexpected ','; expected string literal [TGT-0001]"},
      {"root-type", "[1]", "/: expected an object, found an array of 1 elements [TGT-0002]"},
      {"format-name", tiny_with([](json& j) { j["format"] = "axomesh-network"; }),
       "/format: expected the string \"axomesh-target\", found the string \"axomesh-network\" [TGT-0002]"},
      {"version", tiny_with([](json& j) { j["version"] = 2; }), "/version: expected format version 1, found 2 [TGT-0005]"},
      {"missing-mesh", tiny_with([](json& j) { j.erase("mesh"); }), "/: missing field \"mesh\" [TGT-0003]"},
      {"string-for-number", tiny_with([](json& j) { j["mesh"]["width"] = "8"; }),
       "/mesh/width: expected an integer in 1..4096, found the string \"8\" [TGT-0002]"},
      {"mesh-too-wide", tiny_with([](json& j) { j["mesh"]["height"] = 4097; }),
       "/mesh/height: expected an integer in 1..4096, found 4097 [TGT-0101]"},
      {"cores-per-tile", tiny_with([](json& j) { j["mesh"]["cores_per_tile"] = 65; }),
       "/mesh/cores_per_tile: expected an integer in 1..64, found 65 [TGT-0101]"},
      {"unknown-field", tiny_with([](json& j) { j["mesh"]["widht"] = 2; }),
       "/mesh/widht: unknown field \"widht\"; expected one of: width, height, cores_per_tile [TGT-0004]"},
      {"neurons-too-many", tiny_with([](json& j) { j["core"]["neurons"]["value"] = 2147483648LL; }),
       "/core/neurons/value: expected an integer in 1..2147483647, found 2147483648 [TGT-0101]"},
      {"fractional-capacity", tiny_with([](json& j) { j["core"]["input_axons"]["value"] = 16.5; }),
       "/core/input_axons/value: expected an integer in 1..2147483647, found 16.5 [TGT-0002]"},
      {"no-synapse-memory", tiny_with([](json& j) { j["core"]["synapse_memory_bits"]["value"] = 0; }),
       "/core/synapse_memory_bits/value: expected an integer in 1..9007199254740992, found 0 [TGT-0101]"},
      {"capacity-without-source", tiny_with([](json& j) { j["core"]["fanout_entries"].erase("source"); }),
       "/core/fanout_entries: missing field \"source\" [TGT-0003]"},
      {"weight-bits", tiny_with([](json& j) { j["synapse_encoding"]["weight_bits"] = 33; }),
       "/synapse_encoding/weight_bits: expected an integer in 1..32, found 33 [TGT-0101]"},
      {"header-bits", tiny_with([](json& j) { j["synapse_encoding"]["axon_header_bits"] = -1; }),
       "/synapse_encoding/axon_header_bits: expected an integer in 0..64, found -1 [TGT-0101]"},
      {"index-too-small", tiny_with([](json& j) { j["synapse_encoding"]["index_bits"] = 3; }),
       "/synapse_encoding/index_bits: expected at least 4 index bits to address the 16 neurons of /core/neurons, "
       "found 3 (2^3 = 8) [TGT-0105]"},
      {"delay-too-small", tiny_with([](json& j) { j["synapse_encoding"]["delay_bits"] = 5; }),
       "/synapse_encoding/delay_bits: expected at least 6 delay bits to hold max_delay 62, found 5 (delays 0..31) [TGT-0106]"},
      {"unknown-model", tiny_with([](json& j) { j["neuron_models"] = {"loihi_lif", "izhikevich"}; }),
       "/neuron_models/1: unknown neuron model; expected \"loihi_lif\" or \"truenorth\", found the string \"izhikevich\" [TGT-0104]"},
      {"no-models", tiny_with([](json& j) { j["neuron_models"] = json::array(); }),
       "/neuron_models: expected a non-empty list of neuron models (\"loihi_lif\" or \"truenorth\"), found an empty array [TGT-0104]"},
      {"model-twice", tiny_with([](json& j) { j["neuron_models"] = {"loihi_lif", "loihi_lif"}; }),
       "/neuron_models/1: expected each neuron model once, found \"loihi_lif\" again [TGT-0104]"},
      {"state-bits", tiny_with([](json& j) { j["state_bits"] = 0; }), "/state_bits: expected an integer in 1..32, found 0 [TGT-0101]"},
      {"max-weight-bits", tiny_with([](json& j) { j["max_weight_bits"] = 9; }),
       "/max_weight_bits: expected an integer in 1..8, found 9 [TGT-0101]"},
      {"max-delay", tiny_with([](json& j) { j["max_delay"] = 63; }), "/max_delay: expected an integer in 0..62, found 63 [TGT-0101]"},
      {"bool", tiny_with([](json& j) { j["one_destination_per_neuron"] = 1; }),
       "/one_destination_per_neuron: expected true or false, found 1 [TGT-0002]"},
      {"negative-energy", tiny_with([](json& j) { j["energy_j"]["synaptic_op"]["value"] = -2.5e-12; }),
       "/energy_j/synaptic_op/value: expected a finite number >= 0, found -2.5e-12 [TGT-0101]"},
      {"figure-without-source", tiny_with([](json& j) { j["time_s"]["hop_east_west"].erase("source"); }),
       "/time_s/hop_east_west: missing field \"source\" [TGT-0003]"},
      {"empty-source", tiny_with([](json& j) { j["energy_j"]["spike_in_tile"]["source"] = ""; }),
       "/energy_j/spike_in_tile/source: expected a non-empty string, found the string \"\" [TGT-0102]"},
      {"figure-not-object", tiny_with([](json& j) { j["energy_j"]["synaptic_op"] = 23.6e-12; }),
       "/energy_j/synaptic_op: expected an object, found 2.36e-11 [TGT-0002]"},
      {"figure-value-string", tiny_with([](json& j) { j["time_s"]["synaptic_op"]["value"] = "3.5 ns"; }),
       "/time_s/synaptic_op/value: expected a number, found the string \"3.5 ns\" [TGT-0002]"},
      {"estimate-not-bool", tiny_with([](json& j) { j["energy_j"]["synaptic_op"]["estimate"] = "yes"; }),
       "/energy_j/synaptic_op/estimate: expected true or false, found the string \"yes\" [TGT-0002]"},
      {"unknown-figure", tiny_with([](json& j) { j["energy_j"]["synaptic_opp"] = j["energy_j"]["synaptic_op"]; }),
       "/energy_j/synaptic_opp: unknown figure name \"synaptic_opp\"; expected one of: synaptic_op, synaptic_update, "
       "neuron_update_active, neuron_update_idle, spike_in_tile, hop_east_west, hop_north_south, barrier_sync_base, "
       "barrier_sync_per_tile, spike_offchip [TGT-0103]"},
      {"unknown-power", tiny_with([](json& j) { j["static_power_w"]["idle"] = {{"value", 0.1}, {"source", "x"}}; }),
       "/static_power_w/idle: unknown figure name \"idle\"; expected one of: chip [TGT-0103]"},
      {"figure-field", tiny_with([](json& j) { j["time_s"]["synaptic_op"]["unit"] = "s"; }),
       "/time_s/synaptic_op/unit: unknown field \"unit\"; expected one of: value, source, estimate [TGT-0004]"},
      {"empty-name", tiny_with([](json& j) { j["name"] = ""; }), "/name: expected a non-empty string, found the string \"\" [TGT-0102]"},
      {"duplicate-key", R"({"format": "axomesh-target", "version": 1, "mesh": {"width": 2, "width": 3}})",
       "/mesh/width: duplicate key; expected every key of an object once [TGT-0006]"},
      {"number-overflow", tiny_with([](json&) {}).replace(0, 1, "{\"x\": 1e999, "),
       "expected valid JSON values, found: "},
  };
  REQUIRE(cases.size() >= 10);
  for (const BadTarget& c : cases) {
    INFO(c.name);
    try {
      flows::target_from_json_text(c.text, "bad.json");
      FAIL_CHECK("no error for " << c.name);
    } catch (const model::InputError& e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.rfind("bad.json: ", 0) == 0);
      CHECK(message.find(c.expected) != std::string::npos);
      CHECK(message.find("[TGT-") != std::string::npos);
    }
  }
}

TEST_CASE("a missing target file is an input error", "[flows][target][bad-input]") {
  CHECK_THROWS_WITH(flows::load_target("/nonexistent/chip.json"), Catch::Contains("/nonexistent/chip.json") && Catch::Contains("IO-0001"));
}

TEST_CASE("a target of more than 65,536 cores is refused", "[flows][target]") {
  std::string text = axomesh::test::read_file(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json");
  const std::string mesh = "\"mesh\": {\"width\": 2, \"height\": 2, \"cores_per_tile\": 1}";
  const auto at = text.find(mesh);
  REQUIRE(at != std::string::npos);
  text.replace(at, mesh.size(), "\"mesh\": {\"width\": 4096, \"height\": 4096, \"cores_per_tile\": 1}");
  CHECK_THROWS_WITH(axomesh::flows::target_from_json_text(text, "huge.json"),
                    Catch::Contains("/mesh: expected at most 65536 cores (width x height x cores_per_tile), found "
                                    "16777216 [TGT-0101]"));
}
