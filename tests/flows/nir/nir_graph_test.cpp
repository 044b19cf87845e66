// Reading .nir files: every vector written by the NIR library is compared with the graph
// NIR's own reader gave (the .expected.json beside it: node types, every parameter's
// dtype, shape and values, the edges, and every node's inferred input/output shape);
// the files committed in the NIR project load with the structure NIR_LAYOUT.txt lists;
// nested graphs flatten; bad files fail with the node, its type and what is missing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "flows/nir/nir_graph.hpp"
#include "flows/nir/nir_network.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

namespace {

void flatten_json(const json& j, std::vector<double>& out) {
  if (j.is_array())
    for (const json& e : j) flatten_json(e, out);
  else
    out.push_back(j.get<double>());
}

std::vector<uint64_t> json_shape(const json& j) {
  // NIR's type inference gives either {dtype, shape, data} or a bare list.
  const json& data = j.is_object() ? j.at("data") : j;
  return data.get<std::vector<uint64_t>>();
}

std::string nir_path_for(const std::string& expected_path) {
  return expected_path.substr(0, expected_path.size() - std::string(".expected.json").size()) + ".nir";
}

std::string shared_project_file(const std::string& name) {
  const std::string path = std::string(AXOMESH_SHARED_DIR) + "/vectors/nir/from_nir_project/" + name;
  return std::filesystem::exists(path) ? path : std::string();
}

std::string local_file(const std::string& name) { return std::string(AXOMESH_TEST_DATA) + "/nir/" + name; }

}  // namespace

TEST_CASE("every NIR vector loads as the graph NIR's own reader gives", "[flows][nir]") {
  const std::vector<std::string> files = test::data_files("nir", ".expected.json");
  REQUIRE(files.size() >= 2);  // the copies in tests/data/nir at least
  for (const std::string& expected_path : files) {
    INFO(expected_path);
    const json expected = json::parse(test::read_file(expected_path));
    const flows::NirGraph g = flows::read_nir_graph(nir_path_for(expected_path));
    const json& graph = expected.at("graph_as_read_back_to_dict");
    CHECK(g.version == expected.at("nir_version_string_written"));
    REQUIRE(g.nodes.size() == graph.at("nodes").size());
    for (const auto& [name, node] : graph.at("nodes").items()) {
      INFO("node " << name);
      const flows::NirNode* n = g.find(name);
      REQUIRE(n != nullptr);
      CHECK(n->type == node.at("type"));
      std::size_t compared = 0;
      for (const auto& [key, value] : node.items()) {
        if (key == "type" || key == "metadata") continue;
        INFO("parameter " << key);
        const flows::NirArray* a = n->param(key);
        REQUIRE(a != nullptr);
        ++compared;
        std::vector<double> data;
        if (value.is_object()) {
          CHECK(a->dtype == value.at("dtype"));
          CHECK(a->shape == value.at("shape").get<std::vector<uint64_t>>());
          flatten_json(value.at("data"), data);
        } else {  // Python ints (groups, Flatten's dims) are scalars
          CHECK(a->shape.empty());
          data.push_back(value.get<double>());
        }
        CHECK(a->values == data);  // float32 -> double is exact, and so is JSON's double
      }
      CHECK(compared == n->params.size());  // nothing read that NIR does not have
    }
    std::vector<flows::NirEdge> edges;
    for (const json& e : graph.at("edges")) edges.push_back({e.at(0), e.at(1)});
    CHECK(g.edges == edges);

    const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
    for (const auto& [name, io] : expected.at("node_io_types_after_type_inference").items()) {
      INFO("shapes of " << name);
      CHECK(net.input_shape.at(name) == json_shape(io.at("input_type").at("input")));
      CHECK(net.output_shape.at(name) == json_shape(io.at("output_type").at("output")));
    }
  }
}

TEST_CASE("the files committed in the NIR project load with their structure", "[flows][nir]") {
  // lif_norse (0.1.1) is also in tests/data; the others only in the shared folder.
  const flows::NirGraph norse = flows::read_nir_graph(local_file("lif_norse.nir"));
  CHECK(norse.version == "0.1.1");
  REQUIRE(norse.nodes.size() == 4);
  const flows::NirNode* lif = norse.find("1");
  REQUIRE(lif != nullptr);
  CHECK(lif->type == "LIF");
  CHECK(lif->param("tau")->values == std::vector<double>{static_cast<float>(0.0025)});
  // 0.1.1 has no v_reset: filled with zeros as nir.read does.
  CHECK(lif->defaulted == std::vector<std::string>{"v_reset"});
  CHECK(lif->param("v_reset")->values == std::vector<double>{0.0});
  CHECK(norse.edges == std::vector<flows::NirEdge>{{"input", "0"}, {"0", "1"}, {"1", "output"}});

  const std::string cnn_path = shared_project_file("cnn_sinabs.nir");
  const std::string braille_path = shared_project_file("braille_noDelay_bias_zero.nir");
  if (cnn_path.empty() || braille_path.empty()) {
    WARN("shared NIR vectors not found: the Sinabs and Braille files are not checked");
    return;
  }
  const flows::NirGraph cnn = flows::read_nir_graph(cnn_path);
  CHECK(cnn.nodes.size() == 15);
  CHECK(cnn.edges.size() == 14);
  const flows::NirNetwork cnn_net = flows::fold_nir_graph(cnn, 1e-3);
  // NIR_LAYOUT.txt: Conv2d 0 (16,2,5,5) stride 2 pad 1 on (2,34,34) -> (16,16,16), as IF 1's
  // parameters say; pool 7 halves IF 6's (8,8,8); Flatten 8 gives 128 = Affine 9's input.
  CHECK(cnn_net.output_shape.at("0") == std::vector<uint64_t>{16, 16, 16});
  CHECK(cnn_net.output_shape.at("7") == std::vector<uint64_t>{8, 4, 4});
  CHECK(cnn_net.output_shape.at("8") == std::vector<uint64_t>{128});
  CHECK(cnn_net.populations.size() == 5);  // IF 1, 3, 6, 10, 12

  const flows::NirGraph braille = flows::read_nir_graph(braille_path);
  const flows::NirNode* cuba = braille.find("lif1.lif");
  REQUIRE(cuba != nullptr);
  CHECK(cuba->type == "CubaLIF");
  CHECK(cuba->param("tau_mem")->dtype == "float64");
  CHECK(braille.find("lif1.w_rec")->param("weight")->dtype == "float32");
  CHECK(braille.edges.size() == 7);
}

TEST_CASE("a nested graph is flattened with prefixed names", "[flows][nir]") {
  // tests/data/nir/make_fixtures.cpp: input(3) -> fc -> rnn{input -> lif <-> w_rec, lif ->
  // output} -> readout -> output(2).
  const flows::NirGraph g = flows::read_nir_graph(local_file("nested_graph.nir"));
  std::vector<std::string> names;
  for (const flows::NirNode& n : g.nodes) names.push_back(n.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"fc", "input", "output", "readout", "rnn.input", "rnn.lif", "rnn.output",
                                          "rnn.w_rec"});
  CHECK(g.find("rnn.lif")->subgraph == "rnn");
  CHECK(g.find("rnn.input")->is_pass_through());
  CHECK_FALSE(g.find("input")->is_pass_through());
  const std::vector<flows::NirEdge> expected = {
      {"rnn.input", "rnn.lif"}, {"rnn.lif", "rnn.w_rec"}, {"rnn.w_rec", "rnn.lif"}, {"rnn.lif", "rnn.output"},
      {"input", "fc"},          {"fc", "rnn.input"},      {"rnn.output", "readout"}, {"readout", "output"}};
  CHECK(g.edges == expected);

  const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
  REQUIRE(net.populations.size() == 2);
  CHECK(net.populations[0].name == "rnn.lif");
  CHECK(net.populations[1].name == "output");  // the Linear readout ends in a Readout population
  CHECK(net.populations[1].kind == flows::NirNeuron::Readout);
  REQUIRE(net.projections.size() == 3);
  // fc's weight[o][i] = 0.5 * ((3o + i) % 5 - 1.5): row 0 is -0.75, -0.25, 0.25.
  const flows::NirProjection& fc = net.projections[0];
  CHECK(fc.name == "fc");
  CHECK(fc.from_input);
  REQUIRE(fc.synapses.size() == 12);
  CHECK(fc.synapses[0].weight == -0.75);
  CHECK(fc.synapses[1].weight == -0.25);
  CHECK(fc.synapses[2].pre == 2);
  CHECK(fc.synapses[2].weight == 0.25);
}

TEST_CASE("unreadable or unsupported NIR files name the node, its type and what is wrong", "[flows][nir]") {
  auto message_of = [](const std::string& file, const std::string& id) {
    try {
      flows::fold_nir_graph(flows::read_nir_graph(file), 1e-3);
    } catch (const model::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].id == id);
      return std::string(e.what());
    }
    FAIL("no error for " << file);
    return std::string();
  };
  const std::string unsupported = message_of(local_file("unsupported_node.nir"), "NIR-0102");
  CHECK(unsupported.find("/node/nodes/spiky/type") != std::string::npos);
  CHECK(unsupported.find("\"AdEx\"") != std::string::npos);
  const std::string missing = message_of(local_file("missing_tau.nir"), "NIR-0103");
  CHECK(missing.find("LIF node \"lif\": expected the numeric parameter \"tau\", found none") != std::string::npos);
  const std::string cycle = message_of(local_file("linear_cycle.nir"), "NIR-0106");
  CHECK(cycle.find("cycle of stateless nodes") != std::string::npos);
  const std::string not_hdf5 = message_of(local_file("if_threshold.expected.json"), "NIR-0001");
  CHECK(not_hdf5.find("expected an HDF5 file") != std::string::npos);
  message_of(local_file("no_such_file.nir"), "NIR-0001");
}
