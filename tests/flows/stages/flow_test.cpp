// Flow files and `axomesh flow`: parsing, golden diagnostics for bad flow files,
// resuming from a stage, and (with verilator and yosys) one flow through every stage.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "flows/stages/flow_file.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// The message parse_flow throws for `text`, or "" when it parses.
std::string parse_error(const std::string& text) {
  try {
    flows::parse_flow(text, "/flows/f.json");
  } catch (const model::InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kHead = R"({"format": "axomesh-flow", "version": 1, "network": "net.json", "target": "tiny-2x2", )";

}  // namespace

TEST_CASE("a flow file names its network, target, folder and stages", "[flows][flow]") {
  const flows::FlowSpec flow = flows::parse_flow(
      kHead + R"("out": "run", "stages": {"map": {"profile_steps": 50}, "simulate": {"steps": 30},
                "report": {"steps": 40, "samples": 2}, "cosim": {"steps": 7, "state": false, "cache": "cc"},
                "synth": {}}})",
      "/flows/f.json");
  // Relative paths are taken from the flow file's folder; a shipped target stays a name.
  CHECK(flow.network == "/flows/net.json");
  CHECK(flow.out == "/flows/run");
  CHECK(flow.target == "tiny-2x2");
  CHECK(flow.name == "net");
  using S = flows::FlowStage;
  CHECK(flow.runs(S::Map));
  CHECK(flow.runs(S::Simulate));
  CHECK(flow.runs(S::Report));
  CHECK(flow.runs(S::Cosim));
  CHECK(flow.runs(S::Synth));
  CHECK_FALSE(flow.runs(S::Import));
  CHECK_FALSE(flow.runs(S::Rtl));
  CHECK_FALSE(flow.runs(S::Lint));
  CHECK(flow.profile_steps == 50);
  CHECK(flow.simulate_steps == 30);
  CHECK(flow.report_steps == 40);
  CHECK(flow.report_samples == 2);
  CHECK(flow.cosim.steps == 7);
  CHECK_FALSE(flow.cosim.compare_state);
  CHECK(flow.cosim.cache_dir == std::optional<std::string>("/flows/cc"));
}

TEST_CASE("bad flow files are refused with golden messages", "[flows][flow][bad-input]") {
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"synthesis": {}}})") ==
        "/flows/f.json: /stages/synthesis: expected a stage (import, map, simulate, report, rtl, lint, cosim, synth), "
        "found \"synthesis\" [FLOW-0010]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"simulate": {"steps": "many"}}})") ==
        "/flows/f.json: /stages/simulate/steps: expected an integer in 1..100000000, found the string \"many\" "
        "[FLOW-0002]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"simulate": {"steps": 0}}})") ==
        "/flows/f.json: /stages/simulate/steps: expected an integer in 1..100000000, found 0 [FLOW-0101]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"cosim": {"step": 10}}})") ==
        "/flows/f.json: /stages/cosim/step: unknown field \"step\"; expected one of: steps, state, cache [FLOW-0004]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"lint": {"wall": true}}})") ==
        "/flows/f.json: /stages/lint/wall: unknown field \"wall\"; the lint stage takes no options ({}) [FLOW-0004]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"cosim": {"state": 1}}})") ==
        "/flows/f.json: /stages/cosim/state: expected true or false, found 1 [FLOW-0002]");
  CHECK(parse_error(kHead + R"("stages": {"map": {}}})") == "/flows/f.json: /: missing field \"out\" [FLOW-0003]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {}})") ==
        "/flows/f.json: /stages: expected at least one stage, found none [FLOW-0003]");
  CHECK(parse_error(kHead + R"("out": "run", "stages": {"import": {}}})") ==
        "/flows/f.json: /stages/import: expected a NIR model (.nir) as \"network\" for the import stage, found "
        "\"/flows/net.json\" [FLOW-0014]");
  CHECK(parse_error(R"({"format": "axomesh-flow", "version": 1, "network": "m.nir", "target": "loihi2",
                        "out": "o", "stages": {"map": {}}})") ==
        "/flows/f.json: /network: expected a network JSON file, or a \"stages\" entry \"import\" for the NIR model "
        "\"/flows/m.nir\"; found no import stage [FLOW-0014]");
  CHECK(parse_error(R"({"format": "axomesh-flow", "version": 2})") ==
        "/flows/f.json: /version: expected format version 1, found 2 [FLOW-0005]");
}

TEST_CASE("a flow resumes from a stage, reusing the earlier stages' outputs", "[flows][flow][cli]") {
  const std::string dir = test::temporary_folder("flow-resume");
  fs::copy_file(std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json", dir + "/net.json");
  write(dir + "/flow.json", R"({"format": "axomesh-flow", "version": 1, "network": "net.json",
      "target": "tiny-2x2", "out": "run", "stages": {"map": {}, "simulate": {"steps": 50}, "report": {"steps": 60}}})");
  const std::string run = dir + "/run";

  // Nothing to reuse yet: the first missing output of the first earlier stage is named.
  auto r = test::run_cli("flow " + dir + "/flow.json --from report");
  CHECK(r.exit_code == 2);
  CHECK(r.output == "error: --from report: expected " + run + "/chip_image.json from the map stage of an earlier run, "
                    "found no such file; run the flow from the map stage (or from the start) [FLOW-0011]\n");
  r = test::run_cli("flow " + dir + "/flow.json --from rtl");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--from: expected a stage of flow \"net\", found \"rtl\", which it does not run "
                                       "[FLOW-0012]"));

  r = test::run_cli("flow " + dir + "/flow.json");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("flow passed"));
  for (const char* file : {"network.json", "chip_image.json", "target.json", "trace.json", "energy.json", "flow.log"})
    CHECK(fs::exists(run + "/" + file));
  CHECK(json::parse(test::read_file(run + "/energy.json"))["steps"] == 60);
  CHECK(json::parse(test::read_file(run + "/trace.json"))["steps"] == 50);

  // Resuming at report needs simulate's trace too.
  fs::remove(run + "/trace.json");
  r = test::run_cli("flow " + dir + "/flow.json --from report");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("expected " + run + "/trace.json from the simulate stage"));

  // From simulate: map's outputs are reused as they are, the rest is made again.
  const auto image_time = fs::last_write_time(run + "/chip_image.json");
  const std::string image = test::read_file(run + "/chip_image.json");
  fs::remove(run + "/energy.json");
  r = test::run_cli("flow " + dir + "/flow.json --from simulate");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("map       reused"));
  CHECK(fs::last_write_time(run + "/chip_image.json") == image_time);
  CHECK(test::read_file(run + "/chip_image.json") == image);
  CHECK(fs::exists(run + "/trace.json"));
  CHECK(fs::exists(run + "/energy.json"));
}

#ifdef AXOMESH_CHIP_CACHE
TEST_CASE("a flow runs every stage on tiny-2x2: map to synthesis", "[flows][flow][cli][rtl]") {
  const std::string dir = test::temporary_folder("flow-all");
  fs::copy_file(std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json", dir + "/net.json");
  write(dir + "/flow.json", std::string(R"({"format": "axomesh-flow", "version": 1, "network": "net.json",
      "target": "tiny-2x2", "out": "run", "stages": {"map": {}, "simulate": {"steps": 40}, "report": {"steps": 40},
      "rtl": {}, "lint": {}, "cosim": {"steps": 30, "cache": ")") + AXOMESH_CHIP_CACHE + R"("}, "synth": {}}})");
  const std::string run = dir + "/run";
  const auto r = test::run_cli("flow " + dir + "/flow.json");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("flow passed"));
  const json cosim = json::parse(test::read_file(run + "/cosim.json"));
  CHECK(cosim["identical"] == true);
  CHECK(cosim["steps_compared"] == 30);
  CHECK(cosim["target"] == "tiny-2x2");
  CHECK(fs::exists(run + "/rtl_out/axomesh_chip.f"));
  CHECK(fs::exists(run + "/rtl_out/lint.log"));
  CHECK_THAT(test::read_file(run + "/rtl_out/synth_stat.txt"), Catch::Contains("Number of cells"));
  // Seven stages, each "ok" in the summary table.
  std::size_t ok = 0;
  for (std::size_t at = r.output.find("  ok  "); at != std::string::npos; at = r.output.find("  ok  ", at + 1)) ++ok;
  CHECK(ok == 7);
}
#endif
