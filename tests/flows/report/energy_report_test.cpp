// The energy report: its SVGs are well-formed XML (checked by the small checker of
// xml_check.hpp, itself shown here to fail on broken SVG), its JSON totals are the sums of its per-core table
// and of its steps, a target's energy figure moves the report by exactly what it should,
// and `axomesh map` then `axomesh report` end to end, with its errors.
#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "flows/stages/demo_network.hpp"
#include "flows/report/energy_report.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/report/svg_charts.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "test_support.hpp"
#include "xml_check.hpp"

using namespace axomesh;
using nlohmann::json;
using test::xml_error;
namespace fs = std::filesystem;

namespace {

targets::Target shipped(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

// loihi1 with `edit` applied to its JSON, read back as a target file is.
targets::Target edited_loihi1(const std::function<void(json&)>& edit) {
  json doc = json::parse(test::read_file(std::string(AXOMESH_TARGETS_DIR) + "/loihi1.json"));
  edit(doc);
  return flows::target_from_json_text(doc.dump(1), "loihi1-edited.json");
}

model::ChipImage mapped(const model::Network& net, const targets::Target& t) {
  return mapper::map_network(net, t, mapper::legalize(net, t), mapper::Strategy::Graph).image;
}

double sum(const json& values) {
  double s = 0.0;
  for (const json& v : values) s += v.get<double>();
  return s;
}

}  // namespace

TEST_CASE("the XML checker accepts our SVGs and rejects broken ones", "[flows][report][svg]") {
  const model::ChipGeometry geometries[] = {{8, 4, 4}, {64, 64, 1}, {2, 2, 1}, {4, 4, 2}, {3, 1, 3}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const model::ChipGeometry& g : geometries) {
    std::vector<double> values(g.core_count(), nan);
    for (uint32_t c = 0; c < g.core_count(); c += 3) values[c] = 1e-9 * c;
    const std::string svg = flows::mesh_heat_map_svg(g, values, "a <title> & \"quotes\" 'too'", "J");
    INFO(g.mesh_width << "x" << g.mesh_height << "x" << g.cores_per_tile);
    CHECK(xml_error(svg) == "");
    CHECK(svg.find("unused core") != std::string::npos);
    CHECK(svg.find("&lt;title&gt; &amp; &quot;quotes&quot; &apos;too&apos;") != std::string::npos);
    CHECK(xml_error(flows::mesh_heat_map_svg(g, {}, "empty", "%")) == "");
  }
  const std::string bars = flows::bar_chart_svg({{"synaptic_op", 2.5e-6}, {"a<b & c", 3e-12}, {"zero", 0}}, "x & y", "J");
  CHECK(xml_error(bars) == "");
  CHECK(bars.find("2.50 uJ") != std::string::npos);
  CHECK(bars.find("3.00 pJ") != std::string::npos);
  CHECK(bars.find("a&lt;b &amp; c") != std::string::npos);
  CHECK(xml_error(flows::bar_chart_svg({}, "none", "J")) == "");

  const std::string ok = R"(<svg xmlns="http://www.w3.org/2000/svg" version="1.1"><g><text x="1">a &amp; b</text></g></svg>)";
  CHECK(xml_error(ok) == "");
  const std::vector<std::pair<std::string, std::string>> broken = {
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><g></svg>)", "</svg> closes <g>"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><g>)", "<g> never closed"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><rect x=1/></svg>)", "unquoted attribute x of <rect>"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>)", "raw '&' at"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><text>a < b</text></svg>)", "bad tag name at"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><text>a &foo; b</text></svg>)", "bad entity &foo;"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><rect x="1" x="2"/></svg>)", "attribute x twice in <rect>"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><text t="a<b"/></svg>)", "raw '<' in attribute t"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"/><svg xmlns="http://www.w3.org/2000/svg"/>)", "second root"},
      {R"(<svg version="1.1"></svg>)", "root is not an SVG element"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>)", "script element"},
  };
  for (const auto& [text, error] : broken) {
    INFO(text);
    CHECK_THAT(xml_error(text), Catch::StartsWith(error));
  }
  CHECK(flows::format_si(999.96e-9, "J") == "1.00 uJ");
  CHECK(flows::format_si(0.0123, "W") == "12.3 mW");
  CHECK(flows::format_si(0, "J") == "0 J");
  CHECK(flows::format_si(42.123, "%") == "42.1 %");
  CHECK(flows::format_si(-4.5e-3, "s") == "-4.50 ms");
  CHECK(flows::format_si(9.996, "") == "10.0");
  CHECK(flows::format_si(1e-16, "J") == "0.100 fJ");
}

TEST_CASE("the energy report's totals are the sums of its cores and of its steps", "[flows][report]") {
  // loihi1 with 6-neuron cores and a static power, so the demo (40 neurons) spans at least
  // 7 cores and several tiles.
  const targets::Target target = edited_loihi1([](json& t) {
    t["name"] = "loihi1-small";
    t["core"]["neurons"]["value"] = 6;
    t["synapse_encoding"]["index_bits"] = 4;
    t["static_power_w"] = {{"chip", {{"value", 0.02}, {"source", "test figure <&>"}, {"estimate", true}}}};
  });
  const model::Network net = flows::demo_network();
  const model::ChipImage image = mapped(net, target);
  model::ChipSim chip(image);
  chip.run(250);
  const flows::EnergyReport report = flows::make_energy_report(net, image, target, chip.stats(), 5);
  const json& j = report.json;

  CHECK(j["format"] == "axomesh-energy-report");
  CHECK(j["version"] == 1);
  CHECK(j["steps"] == 250);
  CHECK(j["cores"].size() >= 7);
  CHECK(j["cores_used"] == j["cores"].size());
  const double total = j["energy_j"]["total"].get<double>();
  REQUIRE(total > 0);
  CHECK(j["energy_j"]["static"].get<double>() > 0);
  CHECK(j["energy_j"]["dynamic"].get<double>() + j["energy_j"]["static"].get<double>() == Approx(total).epsilon(1e-12));
  CHECK(sum(j["energy_j"]["by_operation"]) == Approx(total).epsilon(1e-12));
  for (const auto& [op, joules] : j["energy_j"]["by_operation"].items()) {
    double cores = 0.0;
    for (const json& core : j["cores"]) cores += core["energy_j"]["by_operation"][op].get<double>();
    INFO(op);
    CHECK(cores == Approx(joules.get<double>()).epsilon(1e-12).margin(1e-30));
  }
  double cores_total = 0.0;
  for (const json& core : j["cores"]) {
    CHECK(core["energy_j"]["total"].get<double>() == Approx(sum(core["energy_j"]["by_operation"])).epsilon(1e-12));
    cores_total += core["energy_j"]["total"].get<double>();
    for (const char* key : {"neurons", "input_axons", "synapses", "synapse_bits", "fanout_entries", "fullest"})
      CHECK(core["utilization"][key].get<double>() >= 0.0);
    CHECK(core["utilization"]["neurons"].get<double>() <= 1.0);
  }
  CHECK(cores_total == Approx(total).epsilon(1e-12));
  REQUIRE(j["per_step"]["energy_j"].size() == 250);
  CHECK(sum(j["per_step"]["energy_j"]) == Approx(total).epsilon(1e-12));
  CHECK(sum(j["per_step"]["seconds"]) == Approx(j["time_s"]["total"].get<double>()).epsilon(1e-12));
  CHECK(j["energy_per_sample_j"].get<double>() == Approx(total / 5));
  CHECK(j["average_power_w"].get<double>() == Approx(total / j["time_s"]["total"].get<double>()));

  // Top cores: at most five, largest first, and the critical core's share is a fraction.
  REQUIRE(j["top_cores_by_energy"].size() == 5);
  for (std::size_t i = 1; i < 5; ++i)
    CHECK(j["top_cores_by_energy"][i - 1]["energy_j"].get<double>() >= j["top_cores_by_energy"][i]["energy_j"].get<double>());
  CHECK(j["critical_core"]["share_of_steps"].get<double>() > 0.0);
  CHECK(j["critical_core"]["share_of_steps"].get<double>() <= 1.0);
  CHECK(j["reference"]["joules"].get<double>() > 0);
  CHECK(j["reference"]["ratio_reference_to_neuromorphic"].get<double>() ==
        Approx(j["reference"]["joules"].get<double>() / total));
  std::size_t estimates = 0;
  for (const auto* figures : {&target.energy, &target.time, &target.power})
    for (const auto& [name, figure] : *figures) estimates += figure.estimate ? 1 : 0;
  CHECK(j["estimated_figures"].size() == estimates);  // the static power figure among them

  // The Markdown says the same, with the note on estimates and links to the charts.
  CHECK(report.markdown.find("# Energy report: demo-soft-wta on loihi1-small") == 0);
  CHECK(report.markdown.find("static_power_w.chip | 20.0 mW | test figure <&>") != std::string::npos);
  CHECK(report.markdown.find("a model, not a measurement") != std::string::npos);
  for (const char* file : {flows::kEnergyHeatMapFile, flows::kUtilizationHeatMapFile, flows::kEnergyBreakdownFile})
    CHECK(report.markdown.find(std::string("](") + file + ")") != std::string::npos);
  for (const std::string* svg : {&report.energy_heatmap_svg, &report.utilization_heatmap_svg, &report.breakdown_svg})
    CHECK(xml_error(*svg) == "");
}

TEST_CASE("doubling a target's synaptic-op energy moves the report by exactly that", "[flows][report]") {
  const targets::Target loihi1 = shipped("loihi1");
  const targets::Target doubled = edited_loihi1([](json& t) {
    t["energy_j"]["synaptic_op"]["value"] = 2 * t["energy_j"]["synaptic_op"]["value"].get<double>();
  });
  REQUIRE(doubled.energy.at("synaptic_op").value == 2 * 23.6e-12);
  const model::Network net = flows::demo_network();
  const model::ChipImage image = mapped(net, loihi1);
  model::ChipSim chip(image);
  chip.run(300);
  const json a = flows::make_energy_report(net, image, loihi1, chip.stats(), 1).json;
  const json b = flows::make_energy_report(net, image, doubled, chip.stats(), 1).json;

  const uint64_t ops = a["activity"]["synaptic_ops"].get<uint64_t>();
  REQUIRE(ops > 0);
  const double expected = double(ops) * 23.6e-12;
  const double before = a["energy_j"]["by_operation"]["synaptic_op"].get<double>();
  const double after = b["energy_j"]["by_operation"]["synaptic_op"].get<double>();
  CHECK(before == Approx(expected).epsilon(1e-12));
  CHECK(after == 2 * before);  // scaling every term by 2 is exact in binary
  CHECK(after - before == Approx(expected).epsilon(1e-12));
  CHECK(b["energy_j"]["total"].get<double>() - a["energy_j"]["total"].get<double>() == Approx(expected).epsilon(1e-9));
  for (const auto& [op, joules] : a["energy_j"]["by_operation"].items())
    if (op != "synaptic_op") CHECK(b["energy_j"]["by_operation"][op] == joules);
  CHECK(b["energy_per_synaptic_op_j"]["dynamic"].get<double>() - a["energy_per_synaptic_op_j"]["dynamic"].get<double>() ==
        Approx(23.6e-12).epsilon(1e-9));
  CHECK(b["time_s"] == a["time_s"]);  // time figures untouched
}

TEST_CASE("axomesh map then axomesh report write the five report files", "[flows][cli][report]") {
  const std::string dir = test::temporary_folder("cli-report");
  flows::save_network(flows::demo_network(), dir + "/demo.json");
  const std::string out = dir + "/mapped";
  auto r = test::run_cli("map " + dir + "/demo.json --target loihi2 --out " + out);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  REQUIRE(flows::load_target(out + "/target.json") == shipped("loihi2"));

  r = test::run_cli("report " + out + " --steps 200 --samples 4");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("energy of demo-soft-wta on loihi2, 200 steps") != std::string::npos);
  CHECK(r.output.find("reference model") != std::string::npos);
  const json j = json::parse(test::read_file(out + "/energy.json"));
  CHECK(j["steps"] == 200);
  CHECK(j["samples"] == 4);
  CHECK(j["target"]["name"] == "loihi2");
  CHECK(j["estimated_figures"].size() >= 7);  // Loihi 2's per-operation figures are all estimates
  CHECK(test::read_file(out + "/energy.md").find("marked `estimate`") != std::string::npos);
  for (const char* svg : {"energy_heatmap.svg", "utilization_heatmap.svg", "energy_breakdown.svg"}) {
    INFO(svg);
    REQUIRE(fs::is_regular_file(out + "/" + svg));
    CHECK(xml_error(test::read_file(out + "/" + svg)) == "");
  }
  // Another target of another geometry is refused; the same geometry is taken.
  r = test::run_cli("report " + out + " --steps 10 --target tiny-2x2");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("expected the geometry of target tiny-2x2") && Catch::Contains("[RPT-0003]"));
  r = test::run_cli("report " + out + " --steps 0");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--steps: expected a count of at least 1, found 0 [RPT-0002]"));
  // Activity is kept per core and step: 128 cores for 10^6 steps would not fit.
  r = test::run_cli("report " + out + " --steps 1000000");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--steps: expected at most 156250 steps on a chip of 128 cores") &&
                           Catch::Contains("found 1000000 [RPT-0005]"));

  // A folder without the chip image: exit 2, the missing file named, nothing written.
  const std::string partial = dir + "/partial";
  fs::create_directories(partial);
  fs::copy_file(out + "/network.json", partial + "/network.json");
  fs::copy_file(out + "/target.json", partial + "/target.json");
  r = test::run_cli("report " + partial);
  CHECK(r.exit_code == 2);
  CHECK(r.output == "error: " + partial + ": expected a folder written by `axomesh map NET.json --target NAME --out " +
                        partial + "` (network.json, chip_image.json and target.json), found no chip_image.json "
                        "[RPT-0001]\n");
  CHECK(!fs::exists(partial + "/energy.json"));
  r = test::run_cli("report " + dir + "/nowhere");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("found no such folder [RPT-0001]"));
  CHECK(test::run_cli("--help").output.find("report ") != std::string::npos);
}

TEST_CASE("report refuses a network that is not the image's, and runs too large to keep", "[flows][report]") {
  const std::string dir = axomesh::test::temporary_folder("report-mismatch");
  axomesh::flows::save_network(axomesh::flows::demo_network(), dir + "/net.json");
  REQUIRE(axomesh::test::run_cli("map " + dir + "/net.json --target loihi1 --out " + dir + "/m").exit_code == 0);
  // Too many steps for the activity of a 128-core chip.
  auto r = axomesh::test::run_cli("report " + dir + "/m --steps 1000000");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--steps: expected at most 156250 steps on a chip of 128 cores") != std::string::npos);
  // The network file of another network with the same population names (the demo's "inh"
  // has 8 neurons, its "exc" 32).
  axomesh::model::Network other = axomesh::flows::demo_network();
  other.populations[1].size = 5;
  for (auto& p : other.projections)
    if (p.kind == axomesh::model::ProjectionKind::Dense && (p.post == "inh" || p.pre == "inh"))
      p.weights.assign(p.post == "inh" ? 5 * 32 : 32 * 5, p.post == "inh" ? 80 : -120);
  axomesh::flows::save_network(other, dir + "/m/network.json");
  r = axomesh::test::run_cli("report " + dir + "/m --steps 10");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("/populations/1: expected 5 neuron addresses for \"inh\", found 8") != std::string::npos);
  CHECK(r.output.find("[RPT-0004]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/m/energy.json"));
}
