// The chip image format (exact round trip, golden diagnostics, the documented example)
// and `axomesh map` end to end: its files, its report, and its errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "flows/formats/chip_image_json.hpp"
#include "flows/stages/demo_network.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

targets::Target shipped(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

// Same spikes, u and v in every population at every step.
void check_same_run(const model::ChipImage& a, const model::ChipImage& b, uint64_t steps) {
  model::ChipSim x(a), y(b);
  uint64_t spikes = 0;
  for (uint64_t t = 0; t < steps; ++t) {
    x.step();
    y.step();
    for (std::size_t p = 0; p < x.population_count(); ++p) {
      INFO("step " << t << " population " << p);
      REQUIRE(x.spiked(p) == y.spiked(p));
      spikes += x.spiked(p).size();
      for (uint32_t n = 0; n < a.population_addresses[p].size(); ++n) {
        REQUIRE(x.u(p, n) == y.u(p, n));
        REQUIRE(x.v(p, n) == y.v(p, n));
      }
    }
  }
  CHECK(spikes > 0);  // the comparison saw activity
}

// The image of the documented example, compact (see docs/chip-image-format.md).
const std::string kImage = R"({"format": "axomesh-chip-image", "version": 1,
 "geometry": {"mesh_width": 2, "mesh_height": 1, "cores_per_tile": 1},
 "cores": [
  {"index": 0,
   "neurons": [[410,205,120,0,0,0,0,0], [410,205,120,100,2,0,500,0]],
   "axons": [[0,2], [2,1], [3,2]],
   "synapses": [[0,120,1], [1,90,1], [1,60,1], [0,-64,0], [1,-64,0]],
   "fanout": {"begin": [0,1,2], "entries": [[1,0], [1,1]]}},
  {"index": 1,
   "neurons": [[2048,512,60,0,0,0,0,0]],
   "axons": [[0,1], [1,1]],
   "synapses": [[0,50,0], [0,50,0]],
   "fanout": {"begin": [0,1], "entries": [[0,2]]}}],
 "stimulus": [{"source": {"name": "pixels", "size": 2, "kind": "raster", "spike_times": [[0,5,9], [3]]},
               "fanout": {"begin": [0,1,2], "entries": [[0,0], [0,1]]}}],
 "populations": [{"name": "exc", "addresses": [[0,0], [0,1]]}, {"name": "inh", "addresses": [[1,0]]}]})";

// kImage with one exact piece of text replaced.
std::string image_with(const std::string& from, const std::string& to) {
  const std::size_t at = kImage.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(kImage.find(from, at + 1) == std::string::npos);
  return kImage.substr(0, at) + to + kImage.substr(at + from.size());
}

std::string error_of(const std::string& text) {
  try {
    flows::chip_image_from_json_text(text, "bad.json");
  } catch (const model::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("chip images round-trip exactly and run the same", "[flows][chip-image]") {
  const std::string dir = test::temporary_folder("chip-image-roundtrip");
  const targets::Target tiny = shipped("tiny-2x2"), loihi2 = shipped("loihi2");
  struct Case {
    model::Network network;
    const targets::Target* target;
  };
  const std::vector<Case> cases = {{flows::demo_network(), &loihi2},
                                   {test::random_network(99, 56, 0.03, 20), &tiny},
                                   {test::random_network(99, 56, 0.03, 20), &loihi2},
                                   {test::random_network(7, 40, 0.08, 9), &tiny}};
  int n = 0;
  for (const Case& c : cases) {
    const auto atoms = mapper::legalize(c.network, *c.target);
    for (auto strategy : {mapper::Strategy::Graph, mapper::Strategy::Baseline}) {
      INFO(c.network.name << " on " << c.target->name << " strategy " << int(strategy));
      mapper::MappingResult result;
      try {
        result = mapper::map_network(c.network, *c.target, atoms, strategy);
      } catch (const model::InputError& e) {
        // Only the baseline may fail to fit the tiny chip.
        INFO(e.what());
        REQUIRE(strategy == mapper::Strategy::Baseline);
        REQUIRE(c.target == &tiny);
        continue;
      }
      const std::string file = dir + "/image" + std::to_string(n++) + ".json";
      flows::save_chip_image(result.image, file);
      const model::ChipImage loaded = flows::load_chip_image(file);
      REQUIRE(loaded == result.image);
      CHECK(flows::chip_image_to_text(loaded) == test::read_file(file));
      check_same_run(result.image, loaded, 100);
    }
  }
  CHECK(n >= 6);
  // 80 neurons are too many for the tiny chip's 4 cores of 16.
  const model::Network large = test::random_network(5, 80, 0.02, 2);
  CHECK_THROWS_WITH(mapper::map_network(large, tiny, mapper::legalize(large, tiny), mapper::Strategy::Graph),
                    Catch::Contains("[MAP-0103]"));
}

TEST_CASE("the documented chip image example reads, runs and round-trips", "[flows][chip-image]") {
  const std::string doc = test::read_file(std::string(AXOMESH_TEST_DATA) + "/../../docs/chip-image-format.md");
  const std::size_t begin = doc.find("```json\n");
  REQUIRE(begin != std::string::npos);
  const std::size_t end = doc.find("```", begin + 8);
  const model::ChipImage documented = flows::chip_image_from_json_text(doc.substr(begin + 8, end - begin - 8), "doc");
  const model::ChipImage image = flows::chip_image_from_json_text(kImage, "test");
  REQUIRE(documented == image);
  REQUIRE(image.cores.size() == 2);
  CHECK(image.cores[0].synapses[3] == model::SynapseEntry{0, -64, 0});
  CHECK(flows::chip_image_from_json_text(flows::chip_image_to_text(image), "again") == image);
  // Pixel 0 spikes in step 0; its synapses (delay 1) reach neuron 0 in step 2.
  model::ChipSim chip(image);
  chip.run(2);
  CHECK(chip.u(0, 0) == 0);
  chip.step();
  CHECK(chip.u(0, 0) == 120 * 64);
}

TEST_CASE("malformed chip images give precise errors", "[flows][chip-image][bad-input]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {image_with(R"("version": 1)", R"("version": 2)"), "bad.json: /version: expected format version 1, found 2 [IMG-0005]"},
      {image_with(R"("index": 1,)", R"("index": 1, "index": 1,)"),
       "bad.json: /cores/1/index: duplicate key; expected every key of an object once [IMG-0006]"},
      {image_with(R"([1,-64,0]])", "[1,-64,0]], \"weights\": []"),
       "bad.json: /cores/0/weights: unknown field \"weights\"; expected one of: index, neurons, axons, synapses, fanout, "
       "adaptive, axon_depression, learning, model, truenorth [IMG-0004]"},
      {image_with("[0,120,1]", "[0,40000,1]"),
       "bad.json: /cores/0/synapses/0/1: expected weight (an integer in -32768..32767), found 40000 [IMG-0101]"},
      {image_with("[1,-64,0]", "[1,-64,63]"),
       "bad.json: /cores/0/synapses/4/2: expected delay (an integer in 0..62), found 63 [IMG-0101]"},
      {image_with("[410,205,120,0,0,0,0,0]", "[410,205,120,0,0,0,0,9]"),
       "bad.json: /cores/0/neurons/0/7: expected input_shift (an integer in 0..8), found 9 [IMG-0101]"},
      {image_with("[410,205,120,0,0,0,0,0]", "[410,205,120,0,0,0,0]"),
       "bad.json: /cores/0/neurons/0: expected an array of 8 integers [du, dv, vth, bias_mant, bias_exp, u_init, "
       "v_init, input_shift], found an array of 7 elements [IMG-0103]"},
      {image_with("[410,205,120,100,2,0,500,0]", R"([410,205,"120",100,2,0,500,0])"),
       "bad.json: /cores/0/neurons/1/2: expected vth (an integer in 0..131071), found the string \"120\" [IMG-0002]"},
      {image_with("[3,2]]", "[3,3]]"),
       "bad.json: /cores/0/axons/2: expected a synapse list inside the core's 5 synapses, found synapses 3..5 [IMG-0104]"},
      {image_with("[1,90,1]", "[2,90,1]"),
       "bad.json: /cores/0/synapses/1/0: expected a neuron of this core (0..1), found 2 [IMG-0105]"},
      {image_with(R"("begin": [0,1,2], "entries": [[1,0], [1,1]])", R"("begin": [0,2,1], "entries": [[1,0], [1,1]])"),
       "bad.json: /cores/0/fanout/begin/2: expected an offset of at least 2 (offsets ascend), found 1 [IMG-0106]"},
      {image_with(R"("begin": [0,1,2], "entries": [[1,0], [1,1]])", R"("begin": [0,1,1], "entries": [[1,0], [1,1]])"),
       "bad.json: /cores/0/fanout/begin/2: expected 2 (the number of entries), found 1 [IMG-0106]"},
      {image_with(R"("begin": [0,1], "entries": [[0,2]])", R"("begin": [1], "entries": [[0,2]])"),
       "bad.json: /cores/1/fanout/begin: expected 2 offsets (one per neuron, then the end), found 1 [IMG-0103]"},
      {image_with("[[1,0], [1,1]]", "[[1,0], [2,1]]"),
       "bad.json: /cores/0/fanout/entries/1/0: expected a core of the chip (0..1), found 2 [IMG-0107]"},
      {image_with("[[1,0], [1,1]]", "[[1,0], [1,5]]"),
       "bad.json: /cores/0/fanout/entries/1/1: expected an input axon of core 1 (0..1), found 5 [IMG-0107]"},
      {image_with(R"("entries": [[0,0], [0,1]])", R"("entries": [[0,0], [0,3]])"),
       "bad.json: /stimulus/0/fanout/entries/1/1: expected an input axon of core 0 (0..2), found 3 [IMG-0107]"},
      {image_with(R"("index": 1,)", R"("index": 2,)"), "bad.json: /cores/1/index: expected an integer in 0..1, found 2 [IMG-0101]"},
      {image_with(R"("index": 1,)", R"("index": 0,)"),
       "bad.json: /cores/1/index: expected a core index above 0 (cores ascend, each listed once), found 0 [IMG-0102]"},
      {image_with(R"("addresses": [[1,0]])", R"("addresses": [[1,1]])"),
       "bad.json: /populations/1/addresses/0/1: expected a neuron of core 1 (0..0), found 1 [IMG-0108]"},
      {image_with(R"("addresses": [[1,0]])", R"("addresses": [[0,1]])"),
       "bad.json: /populations/1/addresses/0: expected an address used once, found core 0 neuron 1, already used at "
       "/populations/0/addresses/1 [IMG-0109]"},
      {image_with("[[0,5,9], [3]]", "[[0,9,5], [3]]"),
       "bad.json: /stimulus/0/source/spike_times/0/2: expected a step after 9 (strictly ascending), found 5 [IMG-0110]"},
      {image_with("[[0,5,9], [3]]", "[[0,5,9]]"),
       "bad.json: /stimulus/0/source/spike_times: expected one list per source (2), found 1 [IMG-0103]"},
      {image_with(R"("mesh_width": 2, "mesh_height": 1)", R"("mesh_width": 4096, "mesh_height": 4096)"),
       "bad.json: /geometry: expected a chip of at most 1048576 cores, found 4096 x 4096 tiles x 1 cores [IMG-0101]"},
      {image_with(R"("name": "pixels", )", ""), "bad.json: /stimulus/0/source: missing field \"name\" [IMG-0003]"},
      {image_with("[[2048,512,60,0,0,0,0,0]]", R"("x")"),
       "bad.json: /cores/1/neurons: expected an array, found the string \"x\" [IMG-0002]"},
      {image_with(R"("populations": [)", R"("populations": [,)"),
       "bad.json: line 16, column 18: expected valid JSON, found syntax error while parsing value - unexpected ','; "
       "expected '[', '{', or a literal [IMG-0001]"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(error_of(text) == expected);
  }
}

TEST_CASE("axomesh map writes the network, our image and the report of both strategies", "[flows][cli][map]") {
  const std::string dir = test::temporary_folder("cli-map");
  const model::Network net = test::random_network(99, 56, 0.03, 20);
  flows::save_network(net, dir + "/net.json");
  for (const std::string& target : {std::string("loihi2"), std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json"}) {
    INFO(target);
    const std::string out = dir + "/out-" + fs::path(target).stem().string();
    const auto r = test::run_cli("map " + dir + "/net.json --target " + target + " --out " + out);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    for (const char* file : {"network.json", "chip_image.json", "mapping.json", "mapping.txt"})
      CHECK(fs::is_regular_file(out + "/" + file));
    CHECK(flows::load_network(out + "/network.json") == net);

    // The image is what the API makes of the same inputs.
    const targets::Target t = flows::load_target(target.find('/') == std::string::npos
                                                     ? std::string(AXOMESH_TARGETS_DIR) + "/" + target + ".json"
                                                     : target);
    const auto atoms = mapper::legalize(net, t);
    const auto ours = mapper::map_network(net, t, atoms, mapper::Strategy::Graph);
    CHECK(flows::load_chip_image(out + "/chip_image.json") == ours.image);

    const json report = json::parse(test::read_file(out + "/mapping.json"));
    CHECK(report["target"]["name"] == t.name);
    CHECK(report["network"]["neurons"] == 56);
    const json& strategies = report["strategies"];
    const std::size_t mapped = strategies.size() + report["failures"].size();
    REQUIRE(mapped == 2);
    REQUIRE(strategies[0]["strategy"] == "axomesh");
    CHECK(strategies[0]["cores_used"] == ours.metrics.cores_used);
    CHECK(strategies[0]["hop_traffic_per_step"].get<double>() == Approx(ours.metrics.hop_traffic));
    CHECK(strategies[0]["cores"].size() == ours.metrics.cores_used);
    for (const json& core : strategies[0]["cores"])
      for (const char* key : {"neurons", "input_axons", "synapses", "synapse_bits", "fanout_entries"}) {
        CHECK(core["fraction"][key].get<double>() >= 0.0);
        CHECK(core["fraction"][key].get<double>() <= 1.0);
      }
    for (const char* key : {"cores_used", "mean_utilization", "mean_neuron_utilization", "inter_core_spikes_per_step",
                            "hop_traffic_per_step", "max_link_load", "mapping_seconds", "cores"})
      CHECK(strategies[0].contains(key));
    if (t.name == "loihi2") {
      REQUIRE(strategies.size() == 2);
      CHECK(strategies[1]["strategy"] == "baseline");
    }
    // The printed report is the text file.
    const std::string text = test::read_file(out + "/mapping.txt");
    CHECK(r.output.find(text) != std::string::npos);
    CHECK(text.find("fullest cores of the axomesh mapping") != std::string::npos);
    if (strategies.size() == 2) CHECK(text.find("axomesh/baseline") != std::string::npos);
  }
}

TEST_CASE("axomesh map writes nothing when the network does not fit", "[flows][cli][map]") {
  const std::string dir = test::temporary_folder("cli-map-too-large");
  flows::save_network(test::one_layer(1, 100, {{0}}), dir + "/big.json");
  fs::create_directories(dir + "/existing");
  for (const std::string& out : {dir + "/out", dir + "/existing"}) {
    const auto r = test::run_cli("map " + dir + "/big.json --target tiny-2x2 --out " + out);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output == "error: the network needs 7 cores; target tiny-2x2 has 4 (over by 3) [MAP-0103]\n");
    CHECK((!fs::exists(out) || fs::is_empty(out)));
  }
}

TEST_CASE("axomesh map names the available targets and explains its options", "[flows][cli][map]") {
  const std::string dir = test::temporary_folder("cli-map-target");
  flows::save_network(flows::demo_network(), dir + "/demo.json");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(AXOMESH_TARGETS_DIR))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  REQUIRE(list.find("loihi2") != std::string::npos);

  auto r = test::run_cli("map " + dir + "/demo.json --target loihi3 --out " + dir + "/out");
  CHECK(r.exit_code == 2);
  CHECK(r.output == "error: --target: expected a target name (one of: " + list +
                        ") or a target file ending in .json, found \"loihi3\" [CLI-0003]\n");
  CHECK(!fs::exists(dir + "/out"));

  r = test::run_cli("map " + dir + "/demo.json --target " + dir + "/missing.json --out " + dir + "/out");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("missing.json: cannot open for reading") != std::string::npos);

  r = test::run_cli("map --help");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("--profile-steps") != std::string::npos);
  CHECK(r.output.find("loihi2") != std::string::npos);
  r = test::run_cli("map " + dir + "/demo.json");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("needs a network file, --target and --out") != std::string::npos);
  CHECK(test::run_cli("--help").output.find("map ") != std::string::npos);
}
