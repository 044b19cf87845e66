// A flow that fails: the reason (with its ID) lands in flow.log and in the flow report,
// not on stderr alone; and the CLI's exit codes follow one scheme (README, docs/flows.md):
// 0 success, 1 a check or tool found a defect (lint, synthesis, cosim difference), 2 bad
// input or a refused request, 3 an internal or I/O error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cosim/program_run.hpp"
#include "flows/formats/network_json.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// The text of `log` after its "=== STAGE ===" header, up to the next header.
std::string stage_section(const std::string& log, const std::string& stage) {
  const std::string header = "=== " + stage + " ===\n";
  const std::size_t at = log.find(header);
  if (at == std::string::npos) return "(no " + stage + " section)";
  const std::size_t from = at + header.size();
  return log.substr(from, log.find("=== ", from) - from);
}

const json* stage_row(const json& report, const std::string& stage) {
  for (const json& row : report["stages"])
    if (row["stage"] == stage) return &row;
  return nullptr;
}

}  // namespace

TEST_CASE("a refused stage's message is in flow.log and in report.json, .md and .html", "[flows][flow][cli]") {
  const std::string dir = test::temporary_folder("flow-refused");
  model::Network net = test::random_network(4, 10, 0.1, 0);
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{256, 3000, 2, 3000};
  flows::save_network(net, dir + "/net.json");
  write(dir + "/flow.json", R"({"format": "axomesh-flow", "version": 1, "network": "net.json",
      "target": "tiny-2x2", "out": "run", "stages": {"map": {}, "rtl": {}, "lint": {}}})");
  const std::string run = dir + "/run";
  const auto r = test::run_cli("flow " + dir + "/flow.json");
  INFO(r.output);
  // The RTL has no adaptive datapath: a refused request, exit 2, with the message on stderr.
  CHECK(r.exit_code == 2);
  const std::string message = "uses the adaptive threshold block, which the generated RTL has no datapath for";
  CHECK_THAT(r.output, Catch::Contains(message) && Catch::Contains("[RTL-0103]"));

  const std::string log = test::read_file(run + "/flow.log");
  INFO(log);
  CHECK_THAT(stage_section(log, "rtl"), Catch::Contains(message) && Catch::Contains("[RTL-0103]"));

  const json report = json::parse(test::read_file(run + "/report.json"));
  CHECK(report["passed"] == false);
  const json* rtl = stage_row(report, "rtl");
  REQUIRE(rtl != nullptr);
  CHECK((*rtl)["status"] == "FAILED");
  REQUIRE((*rtl).contains("error"));
  CHECK_THAT((*rtl)["error"].get<std::string>(), Catch::Contains(message) && Catch::Contains("[RTL-0103]"));
  // The stages that ran fine and those never reached carry no error.
  CHECK_FALSE(stage_row(report, "map")->contains("error"));
  CHECK_FALSE(stage_row(report, "lint")->contains("error"));

  CHECK_THAT(test::read_file(run + "/report.md"), Catch::Contains(message) && Catch::Contains("[RTL-0103]"));
  CHECK_THAT(test::read_file(run + "/report.html"), Catch::Contains(message) && Catch::Contains("[RTL-0103]"));
}

TEST_CASE("exit codes: a bad request 2, an output that cannot be written 3", "[flows][cli]") {
  const std::string dir = test::temporary_folder("exit-codes");
  const auto bad = test::run_cli("wta --rates 5,x --out " + dir + "/wta.json");
  CHECK(bad.exit_code == 2);
  // A folder that is a file: the input is fine, writing fails (an I/O error, IO-0002).
  write(dir + "/file", "not a folder\n");
  const auto unwritable = test::run_cli("wta --rates 5,10 --out " + dir + "/file/wta.json");
  INFO(unwritable.output);
  CHECK(unwritable.exit_code == 3);
  CHECK_THAT(unwritable.output, Catch::Contains(dir + "/file/wta.json") && Catch::Contains("[IO-0002]"));
}

TEST_CASE("log_tail gives a log's last lines, all of a shorter log", "[flows][cli]") {
  const std::string dir = test::temporary_folder("log-tail");
  const std::string log = dir + "/tool.log";
  write(log, "one\ntwo\nthree\n");
  // Every count at or above the log's 3 lines gives all of it, whatever its remainder.
  for (std::size_t lines : {3, 4, 5, 6, 7, 25, 26})
    CHECK(cosim::log_tail(log, lines) == "one\ntwo\nthree\n");
  CHECK(cosim::log_tail(log, 2) == "two\nthree\n");
  CHECK(cosim::log_tail(log, 1) == "three\n");
  write(log, "first\nlast, unterminated");
  CHECK(cosim::log_tail(log, 1) == "last, unterminated");
  CHECK(cosim::log_tail(log, 25) == "first\nlast, unterminated");
  CHECK(cosim::log_tail(dir + "/no-such.log", 5).empty());
}

#ifdef AXOMESH_CHIP_CACHE
TEST_CASE("a lint warning fails the lint stage with exit 1 and shows the end of its log", "[flows][flow][cli][rtl]") {
  const std::string dir = test::temporary_folder("flow-lint-warning");
  fs::copy_file(std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json", dir + "/net.json");
  write(dir + "/flow.json", R"({"format": "axomesh-flow", "version": 1, "network": "net.json",
      "target": "tiny-2x2", "out": "run", "stages": {"map": {}, "rtl": {}, "lint": {}}})");
  const std::string run = dir + "/run";
  auto r = test::run_cli("flow " + dir + "/flow.json --until rtl");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);

  // One more file in the list, declaring a signal it never uses: -Wall warns (UNUSED).
  write(run + "/rtl_out/lint_probe.sv",
        "module lint_probe (input logic a, output logic y);\n  logic never_read;\n  assign y = a;\nendmodule\n");
  std::ofstream(run + "/rtl_out/axomesh_chip.f", std::ios::app) << "lint_probe.sv\n";
  r = test::run_cli("flow " + dir + "/flow.json --from lint");
  INFO(r.output);
  CHECK(r.exit_code == 1);  // the input was usable; the tool found a defect
  const std::size_t at = r.output.find("ending:\n");
  REQUIRE(at != std::string::npos);
  // The lines after "ending:" are the log's own last lines: verilator's warning, naming the
  // file and the signal.
  const std::string tail = r.output.substr(at + 8);
  CHECK_THAT(tail, Catch::Contains("%Warning-UNUSED") && Catch::Contains("lint_probe.sv") &&
                       Catch::Contains("never_read"));
  const std::string lint_log = test::read_file(run + "/rtl_out/lint.log");
  CHECK_THAT(lint_log, Catch::Contains("never_read"));
  // The failure is in flow.log and the report too.
  CHECK_THAT(stage_section(test::read_file(run + "/flow.log"), "lint"),
             Catch::Contains("verilator --lint-only -Wall failed") && Catch::Contains("never_read"));
  const json report = json::parse(test::read_file(run + "/report.json"));
  CHECK_THAT((*stage_row(report, "lint"))["error"].get<std::string>(), Catch::Contains("never_read"));
}
#endif
