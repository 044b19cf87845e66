// truenorth populations and projections in the JSON network format: exact round trips,
// documented defaults, the documented example, and a precise error for every bad field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "flows/formats/network_json.hpp"
#include "model/base/diagnostic.hpp"
#include "model/network/network_validate.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

// A raster source "s" (2) into a truenorth population "tn" (3), plus a loihi_lif "lif" (2).
model::Network truenorth_network() {
  model::Network net;
  net.name = "tn";
  model::SpikeSource src;
  src.name = "s";
  src.size = 2;
  src.spike_times = {{0, 4}, {1}};
  net.sources.push_back(src);
  model::Population tn;
  tn.name = "tn";
  tn.size = 3;
  tn.model = model::NeuronModel::TrueNorth;
  tn.seed = 123456789012345ULL;
  tn.tn.weight = {model::PerNeuron<int32_t>(std::vector<int32_t>{-255, 0, 255}), 7, -3, 0};
  tn.tn.stochastic_weight = {0, 1, 0, model::PerNeuron<int32_t>(std::vector<int32_t>{1, 0, 1})};
  tn.tn.leak = -255;
  tn.tn.stochastic_leak = 1;
  tn.tn.leak_reversal = model::PerNeuron<int32_t>(std::vector<int32_t>{0, 1, 1});
  tn.tn.threshold = 262143;
  tn.tn.negative_threshold = model::PerNeuron<int32_t>(std::vector<int32_t>{0, 5, 262143});
  tn.tn.threshold_mask_bits = 16;
  tn.tn.reset_potential = model::PerNeuron<int32_t>(std::vector<int32_t>{-131072, 0, 131071});
  tn.tn.reset_mode = model::PerNeuron<int32_t>(std::vector<int32_t>{0, 1, 2});
  tn.tn.negative_saturate = 1;
  tn.tn.v_init = model::PerNeuron<int32_t>(std::vector<int32_t>{-524288, 0, 524287});
  net.populations.push_back(tn);
  model::Population lif;
  lif.name = "lif";
  lif.size = 2;
  net.populations.push_back(lif);
  model::Projection dense;
  dense.name = "dense";
  dense.pre = "s";
  dense.post = "tn";
  dense.kind = model::ProjectionKind::Dense;
  dense.weights = {1, 0, 0, 1, 1, 1};
  dense.delays = {0, 1, 2, 3, 4, 15};
  dense.axon_types = {2, 3};
  net.projections.push_back(dense);
  model::Projection sparse;
  sparse.name = "sparse";
  sparse.pre = "tn";
  sparse.post = "tn";
  sparse.kind = model::ProjectionKind::Sparse;
  sparse.pre_index = {0, 2};
  sparse.post_index = {1, 1};
  sparse.weights = {1, 0};
  sparse.delay = 3;
  sparse.axon_types = {1};
  net.projections.push_back(sparse);
  model::Projection out;  // truenorth spikes into a loihi_lif population: ordinary weights
  out.name = "out";
  out.pre = "tn";
  out.post = "lif";
  out.kind = model::ProjectionKind::Dense;
  out.weights = {10, -10, 0, 5, 5, 5};
  net.projections.push_back(out);
  net.probes.push_back({"tn", true, false, true, {2, 0}});
  return net;
}

}  // namespace

TEST_CASE("truenorth: write then read gives the same network, field for field", "[flows][json][truenorth]") {
  const model::Network net = truenorth_network();
  const std::string text = flows::network_to_json(net).dump(1);
  const model::Network back = flows::network_from_json_text(text, "truenorth.json");
  CHECK(back == net);
  CHECK(flows::network_to_json(back).dump(1) == text);
  // Crossbar bits 0 are no synapse: 4 + 1 set bits into "tn", 6 Loihi weights into "lif".
  CHECK(net.synapse_count() == 4 + 1 + 6);
  // The loihi_lif population and its projection are written exactly as before.
  const auto doc = flows::network_to_json(net);
  CHECK(doc["populations"][1]["model"] == "loihi_lif");
  CHECK_FALSE(doc["populations"][1].contains("seed"));
  CHECK(doc["projections"][2]["sign_mode"] == "auto");
  CHECK_FALSE(doc["projections"][2].contains("axon_type"));
  CHECK_FALSE(doc["projections"][0].contains("weight_exp"));
}

TEST_CASE("truenorth: omitted fields take their documented defaults", "[flows][json][truenorth]") {
  const std::string text = R"({"format": "axomesh-network", "version": 1,
    "populations": [{"name": "a", "size": 2, "model": "truenorth"}],
    "sources": [{"name": "s", "size": 2, "kind": "raster", "spike_times": [[0], [1]]}],
    "projections": [{"pre": "s", "post": "a", "kind": "sparse", "pre_index": [0, 1], "post_index": [1, 1]}]})";
  const model::Network net = flows::network_from_json_text(text, "defaults.json");
  const model::Population& a = net.populations.at(0);
  CHECK(a.model == model::NeuronModel::TrueNorth);
  CHECK(a.seed == 0);
  CHECK(a.tn == model::TrueNorthParams{});
  CHECK(a.tn.threshold.values() == std::vector<int32_t>{1});
  CHECK(a.tn.weight[3].values() == std::vector<int32_t>{0});
  const model::Projection& p = net.projections.at(0);
  CHECK(p.weights == std::vector<int32_t>{1, 1});  // every listed pair is a synapse
  CHECK(p.axon_types.empty());
  CHECK(p.axon_type(1) == 0);
}

TEST_CASE("the truenorth example of docs/network-format.md loads", "[flows][json][docs][truenorth]") {
  const std::string doc = test::read_file(std::string(AXOMESH_TEST_DATA) + "/../../docs/network-format.md");
  const std::string begin = "```json truenorth\n";
  const auto start = doc.find(begin);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + begin.size());
  const model::Network net = flows::network_from_json_text(doc.substr(start + begin.size(), end - start - begin.size()),
                                                           "docs/network-format.md");
  REQUIRE(net.populations.size() == 1);
  CHECK(net.populations[0].model == model::NeuronModel::TrueNorth);
  CHECK(net.projections.size() == 2);
}

namespace {

struct BadCase {
  const char* name;
  std::string text;
  std::string expected;
};

// Placeholders: extra fields of the truenorth population's params, of the population, the
// projection into it, and extra top-level entries.
std::string network(const std::string& params, const std::string& population, const std::string& projection,
                    const std::string& extra = "") {
  return R"({"format": "axomesh-network", "version": 1, "name": "bad",
  "populations": [{"name": "tn", "size": 3, "model": "truenorth", "params": {"threshold": 4)" + params + "}" +
         population + R"(}, {"name": "lif", "size": 2}],
  "sources": [{"name": "s", "size": 2, "kind": "raster", "spike_times": [[0, 3], [1]]}],
  "projections": [{"pre": "s", "post": "tn", "kind": "dense", "weights": [[1, 0], [0, 1], [1, 1]])" +
         projection + "}" + extra + "]}";
}

}  // namespace

TEST_CASE("malformed truenorth networks give precise errors, exit code 2 and no output", "[flows][bad-input][truenorth]") {
  const std::vector<BadCase> cases = {
      {"model-name", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": 1, "model": "izhikevich"}]})",
       "/populations/0/model: expected \"loihi_lif\" or \"truenorth\", found the string \"izhikevich\""},
      {"weight-range", network(R"(, "weight_2": 256)", "", ""),
       "/populations/0/params/weight_2: expected an integer in -255..255, found 256 [NET-0101]"},
      {"flag-range", network(R"(, "leak_reversal": 2)", "", ""),
       "/populations/0/params/leak_reversal: expected an integer in 0..1, found 2 [NET-0101]"},
      {"reset-mode", network(R"(, "reset_mode": [0, 1, 3])", "", ""),
       "/populations/0/params/reset_mode/2: expected an integer in 0..2, found 3"},
      {"mask-bits", network(R"(, "threshold_mask_bits": 17)", "", ""),
       "/populations/0/params/threshold_mask_bits: expected an integer in 0..16, found 17"},
      {"threshold", network(R"(, "negative_threshold": 262144)", "", ""),
       "/populations/0/params/negative_threshold: expected an integer in 0..262143, found 262144"},
      {"reset-potential", network(R"(, "reset_potential": -131073)", "", ""),
       "/populations/0/params/reset_potential: expected an integer in -131072..131071, found -131073"},
      {"v-init", network(R"(, "v_init": 524288)", "", ""),
       "/populations/0/params/v_init: expected an integer in -524288..524287, found 524288"},
      {"leak-range", network(R"(, "leak": -256)", "", ""),
       "/populations/0/params/leak: expected an integer in -255..255, found -256"},
      {"per-neuron-length", network(R"(, "leak": [1, 2])", "", ""),
       "/populations/0/params/leak: expected one value or one per neuron (3), found 2 values [NET-0105]"},
      {"lif-param", network(R"(, "vth": 5)", "", ""),
       "/populations/0/params/vth: unknown field \"vth\"; expected one of: weight_0, weight_1"},
      {"seed-on-lif", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": 1, "seed": 3}]})",
       "/populations/0/seed: expected no \"seed\" (it applies to truenorth populations only) [NET-0110]"},
      {"seed-range", network("", R"(, "seed": -1)", ""),
       "/populations/0/seed: expected an integer in 0..9223372036854775807, found -1"},
      {"crossbar-bit", test::replaced(network("", "", ""), "[[1, 0], [0, 1], [1, 1]]", "[[1, 0], [2, 1], [1, 1]]"),
       "/projections/0/weights/1/0: expected an integer in 0..1, found 2 [NET-0101]"},
      {"weight-exp", network("", "", R"(, "weight_exp": 1)"),
       "/projections/0/weight_exp: expected no \"weight_exp\" (\"tn\" is a truenorth population: its weights come "
       "from the neurons' per-type weights) [NET-0110]"},
      {"sign-mode", network("", "", R"(, "sign_mode": "mixed")"), "/projections/0/sign_mode: expected no \"sign_mode\""},
      {"axon-type-range", network("", "", R"(, "axon_type": 4)"),
       "/projections/0/axon_type: expected an integer in 0..3, found 4 [NET-0101]"},
      {"axon-type-length", network("", "", R"(, "axon_type": [0, 1, 2])"),
       "/projections/0/axon_type: expected one axon type or one per presynaptic neuron (2), found 3 values [NET-0105]"},
      {"axon-type-into-lif", network("", "", "", R"(, {"pre": "s", "post": "lif", "kind": "dense", "weights": [[1, 2], [3, 4]], "axon_type": 1})"),
       "/projections/1/axon_type: expected no \"axon_type\" (it applies to projections into truenorth populations only) [NET-0110]"},
      {"sparse-bit", network("", "", "", R"(, {"name": "sp", "pre": "tn", "post": "tn", "kind": "sparse", "pre_index": [0], "post_index": [1], "weights": [5]})"),
       "/projections/1/weights/0: expected an integer in 0..1, found 5"},
      {"probe-u", network("", "", "").substr(0, network("", "", "").size() - 1) + R"(, "probes": [{"target": "tn", "fields": ["spikes", "u"]}]})",
       "/probes/0/fields: expected \"spikes\" or \"v\" (\"tn\" is a truenorth population, which has no u), found \"u\" [NET-0110]"},
  };
  const std::string dir = test::temporary_folder("bad-truenorth");
  for (const BadCase& c : cases) {
    const std::string file = dir + "/" + c.name + ".json";
    const std::string out = dir + "/" + c.name + ".trace.json";
    std::ofstream(file) << c.text;
    const auto result = test::run_cli("simulate " + file + " --steps 5 --out " + out);
    INFO(c.name << ":\n" << result.output);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("error: " + file + ": ") != std::string::npos);
    CHECK(result.output.find(c.expected) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

TEST_CASE("the validator checks truenorth rules on networks built in code", "[model][truenorth]") {
  // A loihi_lif population must not carry truenorth parameters, nor a truenorth one Loihi
  // weights' settings; each gives NET-0110 at the right path.
  model::Network net = truenorth_network();
  net.populations[1].tn.leak = 3;
  net.projections[0].num_weight_bits = 4;
  net.populations[0].lif.vth = 7;
  const auto diagnostics = model::validate(net);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].path == "/populations/0/params");
  CHECK(diagnostics[0].id == "NET-0110");
  CHECK(diagnostics[1].path == "/populations/1/params");
  CHECK(diagnostics[2].path == "/projections/0");
  CHECK(diagnostics[2].id == "NET-0110");
}
