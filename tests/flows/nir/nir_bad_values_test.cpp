// Values read from .nir files are range-checked before they are cast or allocated: shapes,
// integer parameters of convolution and pooling, delays, dataset sizes, and nested graphs
// that contain themselves. Each bad value gives an InputError naming the node and the
// parameter. Also: "same" padding of an even kernel, computed by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "flows/nir/hdf5_file.hpp"
#include "flows/nir/nir_graph.hpp"
#include "flows/nir/nir_network.hpp"
#include "model/base/diagnostic.hpp"
#include "nir_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using flows::NirArray;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The one diagnostic folding `g` gives: its ID, path and the whole message.
model::Diagnostic fold_error(const flows::NirGraph& g, double dt = 1e-3) {
  try {
    flows::fold_nir_graph(g, dt);
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.file() == g.file);
    return e.diagnostics()[0];
  }
  FAIL("no error");
  return {};
}

// input (shape) -> IF (one per element).
flows::NirGraph input_to_if(const std::vector<double>& shape) {
  flows::NirGraph g;
  g.file = "shape.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({shape.size()}, shape)}}));
  g.nodes.push_back(test::nir_node("if", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
  g.edges = {{"input", "if"}};
  return g;
}

// input (1, 3, 3) -> conv (1x1 kernel unless weight given) -> IF.
flows::NirGraph conv_graph(std::map<std::string, NirArray> extra, NirArray weight = test::nir_array({1, 1, 1, 1}, {2})) {
  flows::NirGraph g;
  g.file = "conv.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({3}, {1, 3, 3})}}));
  extra["weight"] = std::move(weight);
  extra["bias"] = test::nir_array({1}, {0});
  g.nodes.push_back(test::nir_node("conv", "Conv2d", std::move(extra)));
  g.nodes.push_back(test::nir_node("if", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
  g.edges = {{"input", "conv"}, {"conv", "if"}};
  return g;
}

}  // namespace

TEST_CASE("NIR shapes must be integers in 1..2^24 with a product in range", "[flows][nir]") {
  for (const std::vector<double>& bad : std::vector<std::vector<double>>{
           {-1}, {0}, {kNaN}, {2.5}, {1e20}, {16777217}, {4096, 4097}, {65536, 65536, 65536, 65536}}) {
    INFO("shape " << bad[0]);
    const model::Diagnostic d = fold_error(input_to_if(bad));
    CHECK(d.id == "NIR-0108");
    CHECK(d.path == "/node/nodes/input/shape");
    CHECK(d.message.find("Input node \"input\"") != std::string::npos);
    CHECK(d.message.find("16777216") != std::string::npos);
  }
  // A shape of integers in range is accepted.
  CHECK_NOTHROW(flows::fold_nir_graph(input_to_if({64, 64}), 1e-3));

  // An Output's shape and a convolution's input_shape go through the same check.
  flows::NirGraph g = input_to_if({2});
  g.nodes.push_back(test::nir_node("output", "Output", {{"shape", test::nir_array({1}, {-2})}}));
  g.edges.push_back({"if", "output"});
  const model::Diagnostic out = fold_error(g);
  CHECK(out.id == "NIR-0108");
  CHECK(out.path == "/node/nodes/output/shape");

  flows::NirGraph flat = conv_graph({{"input_shape", test::nir_array({2}, {3, 1e19})}});
  flat.nodes[0].params["shape"] = test::nir_array({1}, {9});  // a flat input reshaped by input_shape
  const model::Diagnostic reshape = fold_error(flat);
  CHECK(reshape.id == "NIR-0108");
  CHECK(reshape.path == "/node/nodes/conv/input_shape");
}

TEST_CASE("NIR convolution and pooling integers are range-checked before use", "[flows][nir]") {
  struct Case {
    const char* key;
    NirArray value;
  };
  const std::vector<Case> cases = {{"padding", test::nir_array({2}, {-1, 0})},     {"padding", test::nir_array({1}, {1e30})},
                                   {"stride", test::nir_array({2}, {0, 1})},       {"stride", test::nir_array({1}, {1e300})},
                                   {"dilation", test::nir_array({1}, {2.5})},      {"dilation", test::nir_array({1}, {-3})},
                                   {"groups", test::nir_array({}, {kNaN})},        {"groups", test::nir_array({}, {0})}};
  for (const Case& c : cases) {
    INFO(c.key << " = " << c.value.values[0]);
    const model::Diagnostic d = fold_error(conv_graph({{c.key, c.value}}));
    CHECK(d.id == "NIR-0108");
    CHECK(d.path == std::string("/node/nodes/conv/") + c.key);
    CHECK(d.message.find("Conv2d node \"conv\": expected integers in ") != std::string::npos);
  }

  // Padding that is in range but makes the output larger than a population: 1 + 2 * 2^24
  // per side.
  const model::Diagnostic wide = fold_error(conv_graph({{"padding", test::nir_array({1}, {16777216})}}));
  CHECK(wide.id == "NIR-0108");
  CHECK(wide.message.find("expected an output of at most 16777216 elements, found shape (1, 33554435, 33554435)") !=
        std::string::npos);
  // An output within a population's size whose expansion exceeds a projection's 2^32
  // weights: 17x17 taps, padding 2038 -> (3 + 4076 - 16)^2 = 4063^2 outputs of 289 terms.
  const model::Diagnostic terms =
      fold_error(conv_graph({{"padding", test::nir_array({1}, {2038})}}, test::nir_array({1, 1, 17, 17}, std::vector<double>(289, 1.0))));
  CHECK(terms.id == "NIR-0108");
  CHECK(terms.message.find("found an output of shape (1, 4063, 4063) with 289 inputs each") != std::string::npos);

  // Pooling: kernel and stride from 1, padding from 0.
  for (const auto& [key, value] : std::vector<std::pair<std::string, NirArray>>{
           {"kernel_size", test::nir_array({2}, {0, 1})}, {"kernel_size", test::nir_array({1}, {1e300})}, {"stride", test::nir_array({1}, {-1})},
           {"padding", test::nir_array({1}, {-1})}}) {
    INFO(key << " = " << value.values[0]);
    flows::NirGraph g;
    g.file = "pool.nir";
    g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({3}, {1, 2, 2})}}));
    std::map<std::string, NirArray> params{{"kernel_size", test::nir_array({1}, {2})}};
    params[key] = value;
    g.nodes.push_back(test::nir_node("pool", "SumPool2d", params));
    g.nodes.push_back(test::nir_node("if", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
    g.edges = {{"input", "pool"}, {"pool", "if"}};
    const model::Diagnostic d = fold_error(g);
    CHECK(d.id == "NIR-0108");
    CHECK(d.path == "/node/nodes/pool/" + key);
  }
}

TEST_CASE("NIR padding \"same\" pads an even kernel one more at the end", "[flows][nir]") {
  // Conv1d over 4 samples, kernel [1, 10], stride 1: "same" keeps 4 outputs. The total
  // padding d*(k-1) = 1 goes after the input (0 before), so out[x] = in[x] + 10 in[x+1],
  // with in[4] = 0.
  flows::NirGraph g;
  g.file = "same.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({2}, {1, 4})}}));
  flows::NirNode conv = test::nir_node("conv", "Conv1d", {{"weight", test::nir_array({1, 1, 2}, {1, 10})}, {"bias", test::nir_array({1}, {0})}});
  conv.text_params["padding"] = "same";
  g.nodes.push_back(conv);
  g.nodes.push_back(test::nir_node("if", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
  g.edges = {{"input", "conv"}, {"conv", "if"}};
  const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
  CHECK(net.output_shape.at("conv") == std::vector<uint64_t>{1, 4});
  REQUIRE(net.projections.size() == 1);
  std::set<std::tuple<uint32_t, uint32_t, double>> got;
  for (const flows::NirSynapse& s : net.projections[0].synapses) got.insert({s.pre, s.post, s.weight});
  const std::set<std::tuple<uint32_t, uint32_t, double>> expected = {{0, 0, 1}, {1, 0, 10}, {1, 1, 1}, {2, 1, 10},
                                                                     {2, 2, 1}, {3, 2, 10}, {3, 3, 1}};
  CHECK(got == expected);

  // Dilation 2 with the same kernel: total 2, one on each side: out[x] = in[x-1] + 10 in[x+1].
  g.nodes[1].params["dilation"] = test::nir_array({1}, {2});
  const flows::NirNetwork dilated = flows::fold_nir_graph(g, 1e-3);
  got.clear();
  for (const flows::NirSynapse& s : dilated.projections[0].synapses) got.insert({s.pre, s.post, s.weight});
  const std::set<std::tuple<uint32_t, uint32_t, double>> expected_dilated = {{1, 0, 10}, {0, 1, 1}, {2, 1, 10},
                                                                             {1, 2, 1}, {3, 2, 10}, {2, 3, 1}};
  CHECK(got == expected_dilated);
}

TEST_CASE("NIR delays beyond 65535 steps fail before they are cast", "[flows][nir]") {
  auto delay_graph = [](double seconds) {
    flows::NirGraph g = input_to_if({1});
    g.nodes.push_back(test::nir_node("delay", "Delay", {{"delay", test::nir_array({1}, {seconds})}}));
    g.edges = {{"input", "delay"}, {"delay", "if"}};
    return g;
  };
  // 65.535 s at 1 ms is the largest delay one node holds.
  const flows::NirNetwork net = flows::fold_nir_graph(delay_graph(65.535), 1e-3);
  REQUIRE(net.projections.size() == 1);
  CHECK(net.projections[0].synapses[0].delay == 65535);
  for (double seconds : {65.536, 4294967.296, 1e30}) {
    INFO(seconds << " s");
    const model::Diagnostic d = fold_error(delay_graph(seconds));
    CHECK(d.id == "NIR-0108");
    CHECK(d.path == "/node/nodes/delay/delay");
    CHECK(d.message.find("expected delays of at most 65535 steps") != std::string::npos);
  }
}

TEST_CASE("NIR datasets too large to hold, graphs that contain themselves or nest too deep, fail", "[flows][nir]") {
  // tests/data/nir/make_bad_size_fixtures.cpp writes these without data.
  const model::Diagnostic weight = test::nir_read_error(test::nir_test_file("huge_weight.nir"));
  CHECK(weight.id == "NIR-0004");
  CHECK(weight.path == "/node/nodes/fc/weight");
  CHECK(weight.message.find("found shape (1048576, 1048576)") != std::string::npos);
  const model::Diagnostic edges = test::nir_read_error(test::nir_test_file("huge_edges.nir"));
  CHECK(edges.id == "NIR-0004");
  CHECK(edges.path == "/node/edges");
  CHECK(edges.message.find("found 16384 strings of 1048576 bytes") != std::string::npos);
  const model::Diagnostic cycle = test::nir_read_error(test::nir_test_file("graph_link_cycle.nir"));
  CHECK(cycle.id == "NIR-0109");
  CHECK(cycle.path == "/node/nodes/again");
  CHECK(cycle.message.find("contains itself") != std::string::npos);
  // 65 levels, one more than the reader takes: refused before the innermost is read.
  const model::Diagnostic deep = test::nir_read_error(test::nir_test_file("graph_nested_65.nir"));
  CHECK(deep.id == "NIR-0110");
  std::string innermost = "/node";
  for (int level = 2; level <= 65; ++level) innermost += "/nodes/g";
  CHECK(deep.path == innermost);
  CHECK(deep.message == "expected graphs nested at most 64 levels deep, found deeper nesting");

  // Element counts saturate instead of wrapping.
  CHECK(flows::element_count({uint64_t{1} << 40, uint64_t{1} << 40}) == UINT64_MAX);
  CHECK(flows::element_count({uint64_t{1} << 63, 2, 0}) == 0);
  CHECK(flows::element_count({3, 5}) == 15);
}

TEST_CASE("A directory given as a .nir file or as its --input file is named as a directory", "[flows][nir]") {
  const std::string dir = test::temporary_folder("nir_directory");
  CHECK(test::input_error_message([&] { flows::read_nir_graph(dir); }) ==
        dir + ": expected a file, found a directory [IO-0001]");
  const test::CommandResult model = test::run_cli("import " + dir + " --target loihi2 --dt 1e-3 -n 5 --out " + dir + "/net.json");
  CHECK(model.exit_code == 2);
  CHECK(model.output.find("error: " + dir + ": expected a file, found a directory [IO-0001]") != std::string::npos);
  const test::CommandResult input = test::run_cli("import " + test::nir_test_file("if_threshold.nir") +
                                                  " --target loihi2 --dt 1e-3 -n 5 --input " + dir + " --out " + dir + "/net.json");
  CHECK(input.exit_code == 2);
  CHECK(input.output.find("error: " + dir + ": expected a file, found a directory [IO-0001]") != std::string::npos);
}
