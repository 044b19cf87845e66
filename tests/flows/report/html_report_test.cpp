// The flow report (report.html, report.md, report.json): the page and every chart in it
// are well-formed XML with nothing external, each section a stage ran shows the figures
// that stage wrote (read here from the stage's own files), a stage that did not run gives
// its "not run" line, per-link packet counts add up to ChipSim's own hop counters, and the
// raster says when it bins and caps a big run. With verilator and yosys, the shipped
// example flow runs a NIR model from import to an identical co-simulation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "flows/stages/demo_network.hpp"
#include "flows/stages/flow_file.hpp"
#include "flows/stages/flow_runner.hpp"
#include "flows/stages/html_report.hpp"
#include "flows/report/link_load.hpp"
#include "flows/report/svg_charts.hpp"
#include "flows/report/svg_plots.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "test_support.hpp"
#include "xml_check.hpp"

using namespace axomesh;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

json read_json(const std::string& path) { return json::parse(test::read_file(path)); }

// Every <svg ...>...</svg> inside the page (charts are not nested in each other).
std::vector<std::string> inline_svgs(const std::string& page) {
  std::vector<std::string> svgs;
  for (std::size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) {
    const std::size_t end = page.find("</svg>", at);
    if (end == std::string::npos) break;
    svgs.push_back(page.substr(at, end + 6 - at));
  }
  return svgs;
}

// The page and each chart parse; nothing is loaded from elsewhere or run.
void check_self_contained(const std::string& page) {
  CHECK(test::xml_error(page, "html") == "");
  for (const std::string& svg : inline_svgs(page)) {
    INFO(svg.substr(0, 200));
    CHECK(test::xml_error(svg) == "");
  }
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("url(http") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  // Only the two namespace names and internal links: no address to fetch.
  std::size_t addresses = 0;
  for (std::size_t at = page.find("http"); at != std::string::npos; at = page.find("http", at + 1)) {
    const bool ns = page.compare(at, 26, "http://www.w3.org/2000/svg") == 0 ||
                    page.compare(at, 28, "http://www.w3.org/1999/xhtml") == 0;
    if (!ns) ++addresses;
  }
  CHECK(addresses == 0);
}

const std::string kSmallFlow = R"({"format": "axomesh-flow", "version": 1, "network": "net.json",
    "target": "tiny-2x2", "out": "run", "stages": {"map": {}, "simulate": {"steps": 60}, "report": {"steps": 50}}})";

// A folder with the small network and the flow above.
std::string small_flow_folder(const std::string& name) {
  const std::string dir = test::temporary_folder(name);
  fs::copy_file(std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json", dir + "/net.json");
  write(dir + "/flow.json", kSmallFlow);
  return dir;
}

flows::FlowResult run_quietly(const flows::FlowSpec& flow, const flows::FlowRunOptions& options = {}) {
  std::ostringstream progress;
  return flows::run_flow(flow, options, progress);
}

}  // namespace

TEST_CASE("the flow report shows what map, simulate and report wrote", "[flows][flow][report]") {
  const std::string dir = small_flow_folder("flow-report");
  const flows::FlowSpec flow = flows::load_flow(dir + "/flow.json");
  const flows::FlowResult result = run_quietly(flow);
  REQUIRE(result.passed);
  const std::string run = dir + "/run";
  CHECK(result.report_file == run + "/report.html");
  const std::string page = test::read_file(run + "/report.html");
  const std::string markdown = test::read_file(run + "/report.md");
  const json report = read_json(run + "/report.json");
  check_self_contained(page);
  CHECK(report["format"] == "axomesh-flow-report");

  // Summary: the three stages ran, in order.
  REQUIRE(report["stages"].size() == 3);
  CHECK(report["stages"][0]["stage"] == "map");
  CHECK(report["stages"][2]["status"] == "ok");
  CHECK(report["stages"][2]["key_figure"] == result.stages[2].outcome.key_figure);

  // Raster: the trace's own events, counted here.
  const json trace = read_json(run + "/trace.json");
  uint64_t spikes = 0;
  for (const json& record : trace["spikes"]) spikes += record["events"].size();
  REQUIRE(spikes > 0);
  const json& raster = report["sections"]["raster"];
  CHECK(raster["available"] == true);
  CHECK(raster["spikes"] == spikes);
  CHECK(raster["steps"] == 60);
  CHECK(raster["spikes_per_step"].size() == 60);
  CHECK(raster["step_bin"] == 1);  // 60 steps fit 760 px
  CHECK(page.find(std::to_string(spikes) + " spikes over 60 steps") != std::string::npos);

  // Energy and latency: the figures of energy.json.
  const json energy = read_json(run + "/energy.json");
  CHECK(report["sections"]["energy"]["total_j"] == energy["energy_j"]["total"]);
  CHECK(report["sections"]["latency"]["seconds_per_step"] == energy["per_step"]["seconds"]);
  CHECK(report["sections"]["latency"]["steps"] == 50);
  CHECK(page.find(flows::format_si(energy["energy_j"]["total"].get<double>(), "J")) != std::string::npos);

  // Mesh: ChipSim counted hops per direction at the sending core; the report's per-link
  // packets, counted from the spikes and routing tables, must add up to the same.
  const json& links = report["sections"]["mesh"]["links"];
  REQUIRE(links.is_object());
  uint64_t east_west = 0, north_south = 0;
  for (const json& l : links["links"])
    (l["direction"] == "east" || l["direction"] == "west" ? east_west : north_south) += l["packets"].get<uint64_t>();
  CHECK(east_west == energy["activity"]["hops_east_west"]);
  CHECK(north_south == energy["activity"]["hops_north_south"]);
  CHECK(east_west + north_south > 0);
  CHECK(report["sections"]["mesh"]["cores"].size() == energy["cores_used"]);

  // Stages this flow does not run: one line each, on the page and in the Markdown.
  for (const auto& [key, line] : std::map<std::string, std::string>{
           {"quantisation", "Not run: the import stage would produce the quantisation agreement."},
           {"synthesis", "Not run: the synth stage would produce the synthesis summary."},
           {"lint", "Not run: the lint stage would produce the lint result."},
           {"cosim", "Not run: the cosim stage would produce the co-simulation result."}}) {
    CHECK(report["sections"][key]["available"] == false);
    CHECK(report["sections"][key]["reason"] == line);
    CHECK(page.find(line) != std::string::npos);
    CHECK(markdown.find(line) != std::string::npos);
  }
  for (const char* id : {"summary", "raster", "mesh", "energy", "latency", "quantisation", "synthesis", "lint", "cosim"})
    CHECK(page.find(std::string("<section id=\"") + id + "\"") != std::string::npos);
}

TEST_CASE("a stage stopped by --until gives its not-run line; a resumed run reports the reused ones",
          "[flows][flow][report]") {
  const std::string dir = small_flow_folder("flow-report-resume");
  const flows::FlowSpec flow = flows::load_flow(dir + "/flow.json");
  flows::FlowRunOptions until;
  until.until = flows::FlowStage::Simulate;
  REQUIRE(run_quietly(flow, until).passed);
  json report = read_json(dir + "/run/report.json");
  CHECK(report["sections"]["raster"]["available"] == true);
  for (const char* key : {"mesh", "energy", "latency"}) CHECK(report["sections"][key]["available"] == false);
  CHECK(report["sections"]["energy"]["reason"] == "Not run: the report stage would produce the energy breakdown.");
  CHECK(test::read_file(dir + "/run/report.html").find("Not run: the report stage would produce the latency per step.") !=
        std::string::npos);
  const json simulate_row = report["stages"][1];

  // From report: map and simulate are reused, with their figures from the first run.
  flows::FlowRunOptions from;
  from.from = flows::FlowStage::Report;
  REQUIRE(run_quietly(flow, from).passed);
  report = read_json(dir + "/run/report.json");
  CHECK(report["stages"][1]["status"] == "reused");
  CHECK(report["stages"][1]["earlier_run"] == true);
  CHECK(report["stages"][1]["key_figure"] == simulate_row["key_figure"]);
  CHECK(report["sections"]["raster"]["available"] == true);
  CHECK(report["sections"]["latency"]["available"] == true);
  check_self_contained(test::read_file(dir + "/run/report.html"));
}

TEST_CASE("per-link packets add up to ChipSim's hops in every direction", "[flows][report]") {
  const model::Network net = flows::demo_network();
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi2-mini.json");
  const model::ChipImage image =
      mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
  model::ChipSim chip(image);
  const flows::LinkTraffic traffic = flows::run_counting_link_packets(chip, image, 300);
  const model::Activity total = chip.stats().total();
  double per_direction[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < traffic.packets.load.size(); ++i) per_direction[i % 4] += traffic.packets.load[i];
  CHECK(per_direction[mapper::kEast] == double(total.hops_east));
  CHECK(per_direction[mapper::kWest] == double(total.hops_west));
  CHECK(per_direction[mapper::kNorth] == double(total.hops_north));
  CHECK(per_direction[mapper::kSouth] == double(total.hops_south));
  CHECK(total.hops() > 0);
  // The JSON lists only links that carried packets, with the busiest one.
  const json j = flows::link_traffic_json(traffic, image.geometry);
  CHECK(j["total_hops"] == total.hops());
  for (const json& l : j["links"]) CHECK(l["packets"].get<uint64_t>() <= j["max"]["packets"].get<uint64_t>());
}

TEST_CASE("a big raster is binned and capped, and says so", "[flows][report][svg]") {
  // 1000 neurons over 5000 steps, every neuron spiking every 2nd step: 2.5M events.
  // Bins: ceil(5000 / 760) = 7 steps per column (715 columns), ceil(1000 / 420) = 3
  // neurons per row (334 rows); every cell holds a spike, so 715 x 334 = 238,810 marks,
  // drawn every ceil(238810 / 20000) = 12th: ceil(238810 / 12) = 19,901 marks.
  flows::RasterPopulation p;
  p.name = "big";
  p.neurons = 1000;
  for (uint64_t s = 0; s < 5000; s += 2)
    for (uint32_t n = 0; n < 1000; ++n) p.events.emplace_back(s, n);
  const flows::RasterChart chart = flows::spike_raster_svg({p}, 5000, "big raster");
  CHECK(chart.spikes == 2'500'000);
  CHECK(chart.step_bin == 7);
  CHECK(chart.neuron_bin == 3);
  CHECK(chart.marks == 238'810);
  CHECK(chart.marks_drawn == 19'901);
  CHECK(chart.svg.find("a mark is a bin of 7 step(s) x 3 neuron(s)") != std::string::npos);
  CHECK(chart.svg.find("showing 19901 of 238810 marks (every 12th)") != std::string::npos);
  CHECK(test::xml_error(chart.svg) == "");

  // A small one is drawn as it is: one mark per spike.
  flows::RasterPopulation small{"small", 4, {{0, 0}, {1, 3}, {1, 2}, {9, 1}}};
  const flows::RasterChart exact = flows::spike_raster_svg({small}, 10, "small raster");
  CHECK(exact.step_bin == 1);
  CHECK(exact.neuron_bin == 1);
  CHECK(exact.marks == 4);
  CHECK(exact.marks_drawn == 4);
  CHECK(exact.svg.find("showing") == std::string::npos);
  CHECK(test::xml_error(exact.svg) == "");
  CHECK(test::xml_error(flows::line_chart_svg({}, "empty", "s")) == "");
  CHECK(test::xml_error(flows::line_chart_svg(std::vector<double>(5000, 1e-6), "long", "s")) == "");
}

TEST_CASE("synthesis, lint and a co-simulation difference are reported from their files", "[flows][report]") {
  // The hardware stages' outputs written by hand, as a resumed run would find them.
  const std::string out = test::temporary_folder("flow-report-hardware");
  fs::create_directories(out + "/rtl_out");
  write(out + "/rtl_out/synth_stat.txt", R"(
=== neuro_core ===

   Number of cells:                 30
     $dffe                          20
     $mux                           10

=== design hierarchy ===

   Number of wires:                 99
   Number of cells:                 57
     $dffe                          40
     $mux                           12
     $mem_v2                         5

)");
  write(out + "/rtl_out/lint.log", "");
  write(out + "/cosim.json", R"({"identical": false, "target": "tiny-2x2", "steps_compared": 7, "spikes_compared": 12,
      "states_compared": 96, "rtl_cycles": 420, "seconds": 0.01,
      "mismatch": {"step": 6, "core": 2, "neuron": 3, "field": "v", "expected": 10, "actual": 11}})");
  flows::FlowSpec flow;
  flow.name = "hand-made";
  flow.network = "net.json";
  flow.target = "tiny-2x2";
  flow.out = out;
  flows::FlowResult result;
  result.passed = false;
  for (flows::FlowStage s : {flows::FlowStage::Lint, flows::FlowStage::Cosim, flows::FlowStage::Synth})
    result.stages.push_back({s, "reused", 0.0, {}, {}});
  result.stages[1].status = "MISMATCH";
  result.stages[2].status = "not run";
  flows::FlowReport report = flows::make_flow_report(flow, result);
  // Synthesis not run: its line, although the file is there.
  CHECK(report.json["sections"]["synthesis"]["available"] == false);

  result.stages[2].status = "reused";
  report = flows::make_flow_report(flow, result);
  const json& synthesis = report.json["sections"]["synthesis"];
  CHECK(synthesis["cells"] == 57);  // the design's total, not neuro_core's 30
  CHECK(synthesis["cells_by_type"] == json{{"$dffe", 40}, {"$mux", 12}, {"$mem_v2", 5}});
  CHECK(report.json["sections"]["lint"]["clean"] == true);
  const json& cosim = report.json["sections"]["cosim"];
  CHECK(cosim["identical"] == false);
  CHECK(cosim["mismatch"]["step"] == 6);
  check_self_contained(report.html);
  CHECK(report.html.find("57 cells in axomesh_chip") != std::string::npos);
  CHECK(report.html.find("<span class=\"bad\">MISMATCH</span>") != std::string::npos);
  CHECK(report.html.find("First difference at step 6, core 2, neuron 3.") != std::string::npos);
  CHECK(report.html.find("Not run: the simulate stage would produce the spike raster.") != std::string::npos);
  CHECK(report.markdown.find("MISMATCH over 7 steps (12 spikes).") != std::string::npos);
  CHECK(report.markdown.find("57 cells.") != std::string::npos);
}

#ifdef AXOMESH_CHIP_CACHE
// Hidden from the default run: CTest runs it as its own test (flow_example_nir_to_cosim).
TEST_CASE("the shipped example flow imports a NIR model and co-simulates it identically", "[.][example]") {
  const std::string out = test::temporary_folder("flow-example-nir");
  const auto r = test::run_cli("flow " + std::string(AXOMESH_SOURCE_DIR) + "/flows/examples/nir-ff-lif.json --out " +
                               out + " --cache " + AXOMESH_CHIP_CACHE + " --until cosim");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json cosim = read_json(out + "/cosim.json");
  CHECK(cosim["identical"] == true);
  CHECK(cosim["steps_compared"] == 100);

  const std::string page = test::read_file(out + "/report.html");
  const json report = read_json(out + "/report.json");
  check_self_contained(page);
  // Synthesis takes minutes: this test stops after cosim (the next case checks the section).
  for (const json& row : report["stages"]) CHECK(row["status"] == (row["stage"] == "synth" ? "not run" : "ok"));
  for (const auto& [key, section] : report["sections"].items()) {
    INFO(key);
    CHECK(section["available"] == (key != "synthesis"));
  }
  CHECK(report["sections"]["synthesis"]["reason"] == "Not run: the synth stage would produce the synthesis summary.");
  // Quantisation: import_report.json's projections and populations.
  const json imported = read_json(out + "/import_report.json");
  const json& q = report["sections"]["quantisation"];
  REQUIRE(q["projections"].size() == imported["projections"].size());
  REQUIRE(q["projections"].size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(q["projections"][i]["rms_relative_error"] == imported["projections"][i]["rms_relative_error"]);
    CHECK(page.find(imported["projections"][i]["name"].get<std::string>()) != std::string::npos);
  }
  CHECK(q["populations"] == imported["populations"]);
  CHECK(page.find("<span class=\"ok\">identical</span>") != std::string::npos);
  CHECK(report["sections"]["lint"]["clean"] == true);
}
#endif
