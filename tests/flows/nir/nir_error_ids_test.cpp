// NIR graphs the importer must refuse, one hand-made case per error: a node without a
// type, an edge to no node and data that cannot be read (.nir files written by
// tests/data/nir/make_fixtures.cpp), an Output that feeds a node and a time constant of 0
// (graphs built here), and a delay longer than the target's. Each names where it is.
#include <catch2/catch.hpp>

#include "flows/nir/nir_graph.hpp"
#include "flows/nir/nir_network.hpp"
#include "flows/nir/nir_to_network.hpp"
#include "model/base/diagnostic.hpp"
#include "nir_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

// The message of the error folding `g` gives.
std::string fold_error(const flows::NirGraph& g) {
  return test::input_error_message([&] { flows::fold_nir_graph(g, 1e-3); });
}

// An IF node with every parameter the reader fills in (v_reset too).
flows::NirNode if_node(const std::string& name) {
  return test::nir_node(name, "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})},
                                     {"v_reset", test::nir_array({1}, {0})}});
}

}  // namespace

TEST_CASE("a NIR node without a type, and an edge to no node, are refused where they are", "[flows][nir][errors]") {
  const model::Diagnostic untyped = test::nir_read_error(test::nir_test_file("untyped_node.nir"));
  CHECK(untyped.id == "NIR-0101");
  CHECK(untyped.path == "/node/nodes/mystery");
  CHECK(untyped.message == "expected a string dataset \"type\" naming the node's primitive, found none");
  const model::Diagnostic dangling = test::nir_read_error(test::nir_test_file("dangling_edge.nir"));
  CHECK(dangling.id == "NIR-0104");
  CHECK(dangling.path.find("/node/edges") == 0);
  CHECK(dangling.message == "edge endpoint \"readout\" names no node of this graph");
}

TEST_CASE("a NIR dataset whose data cannot be read is refused naming the dataset", "[flows][nir][errors]") {
  const model::Diagnostic damaged = test::nir_read_error(test::nir_test_file("damaged_chunk.nir"));
  CHECK(damaged.id == "NIR-0003");
  CHECK(damaged.path == "/node/nodes/lif/tau");
  CHECK(damaged.message.find("cannot read the float64 values") == 0);
}

TEST_CASE("a NIR Output that feeds another node is refused by name", "[flows][nir][errors]") {
  flows::NirGraph g;
  g.file = "output_feeds.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({1}, {2})}}));
  g.nodes.push_back(test::nir_node("early", "Output", {{"shape", test::nir_array({1}, {2})}}));
  g.nodes.push_back(if_node("if"));
  g.edges = {{"input", "early"}, {"early", "if"}};
  const std::string message = fold_error(g);
  CHECK_THAT(message, Catch::StartsWith("output_feeds.nir: ") && Catch::Contains("\"early\"") &&
                          Catch::Contains("an Output node cannot feed another node") && Catch::EndsWith("[NIR-0104]"));
}

TEST_CASE("a NIR time constant of 0 is refused naming the node and parameter", "[flows][nir][errors]") {
  flows::NirGraph g;
  g.file = "zero_tau.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({1}, {2})}}));
  g.nodes.push_back(test::nir_node("lif", "LIF", {{"tau", test::nir_array({2}, {0.02, 0})},
                                                  {"r", test::nir_array({1}, {1})},
                                                  {"v_leak", test::nir_array({1}, {0})},
                                                  {"v_threshold", test::nir_array({1}, {1})}}));
  g.nodes.push_back(test::nir_node("output", "Output", {{"shape", test::nir_array({1}, {2})}}));
  g.edges = {{"input", "lif"}, {"lif", "output"}};
  const std::string message = fold_error(g);
  CHECK_THAT(message, Catch::Contains("/node/nodes/lif/tau") && Catch::Contains("expected time constants > 0 s, found 0") &&
                          Catch::EndsWith("[NIR-0105]"));
}

TEST_CASE("a NIR delay longer than the target's is refused naming the projection", "[flows][nir][errors]") {
  flows::NirGraph g;
  g.file = "long_delay.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({1}, {2})}}));
  g.nodes.push_back(test::nir_node("w", "Linear", {{"weight", test::nir_array({2, 2}, {1, 0, 0, 1})}}));
  g.nodes.push_back(test::nir_node("delay", "Delay", {{"delay", test::nir_array({1}, {0.005})}}));  // 5 steps of 1 ms
  g.nodes.push_back(if_node("if"));
  g.nodes.push_back(test::nir_node("output", "Output", {{"shape", test::nir_array({1}, {2})}}));
  g.edges = {{"input", "w"}, {"w", "delay"}, {"delay", "if"}, {"if", "output"}};
  const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
  flows::QuantisationOptions options;
  options.max_delay = 5;
  CHECK_NOTHROW(flows::quantise_nir_network(net, options));
  options.max_delay = 4;
  const std::string message = test::input_error_message([&] { flows::quantise_nir_network(net, options); });
  CHECK_THAT(message, Catch::Contains("projection w-delay: expected synaptic delays of at most 4 steps (the target's), "
                                      "found 5 steps") &&
                          Catch::EndsWith("[NIR-0204]"));
}
