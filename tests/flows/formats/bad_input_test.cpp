// Golden diagnostics for malformed networks: each gives exit code 2, a message naming the
// file, the JSON path, what was expected and what was found, and no output file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace {

struct BadCase {
  const char* name;
  std::string text;
  std::string expected;  // must appear in the output, after "FILE: "
};

// A valid network with placeholders: $POP (population fields), $PROJ (projection).
std::string network(const std::string& population_extra, const std::string& projection) {
  return R"({"format": "axomesh-network", "version": 1, "name": "bad",
  "populations": [{"name": "a", "size": 3, "params": {"du": 10)" + population_extra + R"(}}],
  "sources": [{"name": "s", "size": 2, "kind": "raster", "spike_times": [[0, 3], [1]]}],
  "projections": [)" + projection + R"(]})";
}

const std::string kDense = R"({"pre": "s", "post": "a", "kind": "dense", "weights": [[1, 2], [3, 4], [5, 6]]})";

std::string accumulator_overflow() {
  // 70,000 synapses of weight 255 << 7 onto one neuron: 2.28e9 > 2^31 - 1.
  std::string pre, post, weights;
  for (int k = 0; k < 70000; ++k) {
    pre += (k ? ",0" : "0");
    post += (k ? ",0" : "0");
    weights += (k ? ",255" : "255");
  }
  return network("", R"({"pre": "s", "post": "a", "kind": "sparse", "weight_exp": 7, "pre_index": [)" + pre +
                         R"(], "post_index": [)" + post + R"(], "weights": [)" + weights + "]}");
}

// 512 empty rows from a 2^24-neuron source: 2^33 synapses declared by a 2 KB file; it must
// be refused before anything of that size is allocated.
std::string dense_too_large() {
  std::string rows;
  for (int r = 0; r < 512; ++r) rows += r ? ",[]" : "[]";
  return R"({"format": "axomesh-network", "version": 1,
    "populations": [{"name": "a", "size": 512}],
    "sources": [{"name": "s", "size": 16777216, "kind": "bernoulli", "p": 0.1, "seed": 1}],
    "projections": [{"pre": "s", "post": "a", "kind": "dense", "weights": [)" + rows + "]}]}";
}

}  // namespace

TEST_CASE("malformed networks give precise errors, exit code 2 and no output", "[flows][bad-input]") {
  const std::vector<BadCase> cases = {
      {"syntax", R"({"format": "axomesh-network", "version": 1,)" "\n" R"(  "populations": [})",
       "line 2, column 19: expected valid JSON, found syntax error"},
      {"root-type", "[1, 2]", "/: expected an object, found an array of 2 elements [NET-0002]"},
      {"format-name", R"({"format": "lava", "version": 1})", "/format: expected the string \"axomesh-network\", found the string \"lava\""},
      {"version", R"({"format": "axomesh-network", "version": 2})", "/version: expected format version 1, found 2 [NET-0005]"},
      {"missing-field", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a"}]})",
       "/populations/0: missing field \"size\" [NET-0003]"},
      {"wrong-type", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": "ten"}]})",
       "/populations/0/size: expected an integer in 1..16777216, found the string \"ten\""},
      {"huge-size", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": 1000000000000}]})",
       "/populations/0/size: expected an integer in 1..16777216, found 1000000000000 [NET-0101]"},
      {"du-range", network(R"(, "dv": 4096)", kDense), "/populations/0/params/dv: expected an integer in 0..4095, found 4096"},
      {"float-for-int", network(R"(, "vth": 1.5)", kDense), "/populations/0/params/vth: expected an integer in 0..131071, found 1.5"},
      {"per-neuron-length", network(R"(, "bias_mant": [1, 2])", kDense),
       "/populations/0/params/bias_mant: expected one value or one per neuron (3), found 2 values [NET-0105]"},
      {"unknown-field", network(R"(, "treshold": 5)", kDense),
       "/populations/0/params/treshold: unknown field \"treshold\"; expected one of: du, dv, vth"},
      {"dense-rows", network("", R"({"pre": "s", "post": "a", "kind": "dense", "weights": [[1, 2], [3, 4]]})"),
       "/projections/0/weights: expected 3 rows (one per post-synaptic neuron), found 2"},
      {"dense-columns", network("", R"({"pre": "s", "post": "a", "kind": "dense", "weights": [[1, 2], [3], [5, 6]]})"),
       "/projections/0/weights/1: expected 2 columns (one per pre-synaptic neuron), found 1"},
      {"weight-range", network("", R"({"pre": "s", "post": "a", "kind": "dense", "weights": [[1, 2], [3, 4], [5, 40000]]})"),
       "/projections/0/weights/2/1: expected an integer in -32768..32767, found 40000"},
      {"dangling-pre", network("", R"({"pre": "nope", "post": "a", "kind": "dense", "weights": []})"),
       "/projections/0/pre: expected the name of a population or source, found \"nope\" [NET-0104]"},
      {"post-is-source", network("", R"({"pre": "a", "post": "s", "kind": "dense", "weights": []})"),
       "/projections/0/post: expected the name of a population, found \"s\""},
      {"sparse-index", network("", R"({"pre": "s", "post": "a", "kind": "sparse", "pre_index": [0, 1], "post_index": [2, 3], "weights": [1, 1]})"),
       "/projections/0/post_index/1: expected an index below 3 (size of \"a\"), found 3"},
      {"sparse-lengths", network("", R"({"pre": "s", "post": "a", "kind": "sparse", "pre_index": [0, 1], "post_index": [2], "weights": [1, 1]})"),
       "/projections/0: expected pre_index, post_index and weights of equal length, found 2, 1 and 2"},
      {"delay-range", network("", R"({"pre": "s", "post": "a", "kind": "dense", "delay": 63, "weights": [[1, 2], [3, 4], [5, 6]]})"),
       "/projections/0/delay: expected an integer in 0..62, found 63"},
      {"sign-mode", network("", R"({"pre": "s", "post": "a", "kind": "dense", "sign_mode": "positive", "weights": [[1, 2], [3, 4], [5, 6]]})"),
       "/projections/0/sign_mode: expected \"auto\" or \"excitatory\" or \"inhibitory\" or \"mixed\", found the string \"positive\""},
      {"bad-name", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "two words", "size": 1}]})",
       "/populations/0/name: expected a name of 1-128 letters, digits, '_', '-' or '.', found \"two words\" [NET-0102]"},
      {"duplicate-name", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": 1}],
         "sources": [{"name": "a", "size": 1, "kind": "bernoulli", "p": 0.1, "seed": 1}]})",
       "/sources/0/name: duplicate name \"a\", first used at /populations/0 [NET-0103]"},
      {"spike-order", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "raster", "spike_times": [[4, 2]]}]})",
       "/sources/0/spike_times/0/1: expected a step after 4 (strictly ascending), found 2 [NET-0107]"},
      {"probability", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "bernoulli", "p": 1.5, "seed": 1}]})",
       "/sources/0/p: expected a probability in 0..1, found 1.500000"},
      {"probe-target", network("", kDense).substr(0, network("", kDense).size() - 1) + R"(, "probes": [{"target": "s"}]})",
       "/probes/0/target: expected the name of a population, found \"s\""},
      {"accumulator", accumulator_overflow(),
       "/populations/0: neuron 0 of \"a\" can receive a summed input of 2284800000 (in units of 2^0) in one step; "
       "expected at most 2147483647 (32-bit accumulator) [NET-0108]"},
      {"duplicate-key", R"({"format": "axomesh-network", "version": 1, "populations": [{"name": "a", "size": 2, "size": 3}]})",
       "/populations/0/size: duplicate key; expected every key of an object once [NET-0006]"},
      {"number-overflow", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "poisson", "rate_hz": 1e999, "seed": 1}]})",
       "/sources/0/rate_hz: expected valid JSON values, found: "},
      {"exponent-span", network("", R"({"pre": "s", "post": "a", "kind": "dense", "weight_exp": -4, "weights": [[1, 2], [3, 4], [5, 6]]},
         {"name": "again", "pre": "s", "post": "a", "kind": "dense", "weight_exp": 4, "weights": [[1, 2], [3, 4], [5, 6]]})"),
       "/projections/1/weight_exp: expected at most 3 (projections into \"a\" may span 7 in weight_exp, and one of them has -4), found 4 [NET-0109]"},
      {"equal-spike-times", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "raster", "spike_times": [[2, 2]]}]})",
       "/sources/0/spike_times/0/1: expected a step after 2 (strictly ascending), found 2"},
      {"negative-rate", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "poisson", "rate_hz": -5, "seed": 1}]})",
       "/sources/0/rate_hz: expected a finite rate >= 0, found -5.000000"},
      {"seed-range", R"({"format": "axomesh-network", "version": 1,
         "sources": [{"name": "s", "size": 1, "kind": "bernoulli", "p": 0.5, "seed": 9223372036854775808}]})",
       "/sources/0/seed: expected an integer in 0..9223372036854775807, found 9223372036854775808"},
      {"dense-too-large", dense_too_large(),
       "/projections/0/weights: expected at most 4294967296 synapses, found a dense 512 x 16777216 projection [NET-0106]"},
  };
  REQUIRE(cases.size() >= 15);
  const std::string dir = axomesh::test::temporary_folder("bad-input");
  for (const BadCase& c : cases) {
    const std::string file = dir + "/" + c.name + ".json";
    const std::string out = dir + "/" + c.name + ".trace.json";
    std::ofstream(file) << c.text;
    const auto result = axomesh::test::run_cli("simulate " + file + " --steps 5 --out " + out);
    INFO(c.name << ":\n" << result.output);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("error: " + file + ": ") != std::string::npos);
    CHECK(result.output.find(c.expected) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

TEST_CASE("a missing file and bad options are input errors too", "[flows][bad-input]") {
  auto r = axomesh::test::run_cli("simulate /nonexistent/net.json --steps 3");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("/nonexistent/net.json: cannot open for reading") != std::string::npos);
  r = axomesh::test::run_cli("simulate net.json --steps many");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("many") != std::string::npos);
  r = axomesh::test::run_cli("simulate");
  CHECK(r.exit_code == 2);
  r = axomesh::test::run_cli("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("unknown command \"frobnicate\"") != std::string::npos);
}
