// Folding and quantising NIR graphs: convolutions and delays expanded by hand, the
// quantisation of Norse's LIF derived by hand, the bit-accurate model against the float
// reference on every NIR vector, the non-spiking rules, and `axomesh import`.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "flows/formats/network_json.hpp"
#include "flows/nir/nir_graph.hpp"
#include "flows/nir/nir_import_report.hpp"
#include "flows/nir/nir_network.hpp"
#include "flows/nir/nir_reference_sim.hpp"
#include "flows/nir/nir_to_network.hpp"
#include "model/base/diagnostic.hpp"
#include "nir_builders.hpp"
#include "model/sim/network_sim.hpp"
#include "test_support.hpp"

using namespace axomesh;
using flows::NirArray;

namespace {

struct Runs {
  std::vector<flows::PopulationActivity> reference, fixed;
  flows::NirImportReport report;
};

Runs run_both(const flows::NirNetwork& net, flows::NirQuantisation& q, const std::vector<flows::NirRaster>& input,
              uint64_t steps) {
  Runs r;
  for (std::size_t k = 0; k < input.size(); ++k) q.network.sources[k].spike_times = input[k];
  r.reference = flows::run_nir_reference(net, input, steps);
  // As the import stage runs it: v of every population probed, the spiking ones' too.
  model::Network compared = q.network;
  for (model::Probe& probe : compared.probes) probe.v = true;
  model::NetworkSim sim(compared);
  sim.run(steps);
  r.fixed = flows::decode_fixed_run(net, q, sim.trace());
  r.report = flows::compare_runs(net, r.reference, r.fixed, steps);
  return r;
}

// Element n of every input spikes in the steps where (7t + 3n) % period == 0.
std::vector<flows::NirRaster> periodic_input(const flows::NirNetwork& net, uint32_t period, uint32_t steps) {
  std::vector<flows::NirRaster> in;
  for (const flows::NirInput& input : net.inputs) {
    flows::NirRaster raster(input.size);
    for (uint32_t n = 0; n < input.size; ++n)
      for (uint32_t t = 0; t < steps; ++t)
        if ((7 * t + 3 * n) % period == 0) raster[n].push_back(t);
    in.push_back(raster);
  }
  return in;
}

}  // namespace

TEST_CASE("Conv2d, SumPool2d and Delay fold into one projection computed by hand", "[flows][nir]") {
  flows::NirGraph g;
  g.file = "hand.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({3}, {1, 3, 3})}}));
  // weight (1,1,2,2) = [[1,2],[3,4]], stride 1, no padding: (1,3,3) -> (1,2,2).
  g.nodes.push_back(test::nir_node("conv", "Conv2d", {{"weight", test::nir_array({1, 1, 2, 2}, {1, 2, 3, 4})},
                                                 {"bias", test::nir_array({1}, {0.5})}}));
  g.nodes.push_back(test::nir_node("pool", "SumPool2d", {{"kernel_size", test::nir_array({2}, {2, 2})}}));  // (1,2,2) -> (1,1,1)
  g.nodes.push_back(test::nir_node("delay", "Delay", {{"delay", test::nir_array({1}, {0.003})}}));
  g.nodes.push_back(test::nir_node("if", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
  g.nodes.push_back(test::nir_node("output", "Output", {{"shape", test::nir_array({1}, {1})}}));
  g.edges = {{"input", "conv"}, {"conv", "pool"}, {"pool", "delay"}, {"delay", "if"}, {"if", "output"}};
  const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
  CHECK(net.output_shape.at("conv") == std::vector<uint64_t>{1, 2, 2});
  CHECK(net.output_shape.at("pool") == std::vector<uint64_t>{1, 1, 1});
  REQUIRE(net.projections.size() == 1);
  // The pool sums the four conv outputs; input pixel (y, x) meets kernel tap (y-oy, x-ox)
  // for each output (oy, ox) in {0,1}^2 that covers it, so its weight is the sum of taps:
  // corner (0,0): 1; (0,1): 1+2; (1,1): 1+2+3+4 = 10; (2,2): 4; (1,0): 1+3.
  std::map<uint32_t, double> by_pixel;
  for (const flows::NirSynapse& s : net.projections[0].synapses) {
    CHECK(s.delay == 3);  // 0.003 s / 0.001 s
    by_pixel[s.pre] = s.weight;
  }
  CHECK(by_pixel.at(0) == 1);
  CHECK(by_pixel.at(1) == 3);
  CHECK(by_pixel.at(4) == 10);
  CHECK(by_pixel.at(8) == 4);
  CHECK(by_pixel.at(3) == 4);
  CHECK(net.populations[0].bias[0] == 2.0);  // the conv bias 0.5, summed by the pool
  CHECK(net.projections[0].name == "conv-pool-delay");
}

TEST_CASE("the graded output of a non-spiking node feeds only an Output", "[flows][nir]") {
  flows::NirGraph g;
  g.file = "li.nir";
  g.nodes.push_back(test::nir_node("input", "Input", {{"shape", test::nir_array({1}, {2})}}));
  g.nodes.push_back(test::nir_node("li", "LI", {{"tau", test::nir_array({2}, {0.01, 0.01})}, {"r", test::nir_array({1}, {1})},
                                           {"v_leak", test::nir_array({1}, {0})}}));
  g.nodes.push_back(test::nir_node("w", "Linear", {{"weight", test::nir_array({2, 2}, {1, 0, 0, 1})}}));
  g.nodes.push_back(test::nir_node("lif", "IF", {{"r", test::nir_array({1}, {1})}, {"v_threshold", test::nir_array({1}, {1})}}));
  g.edges = {{"input", "li"}, {"li", "w"}, {"w", "lif"}};
  try {
    flows::fold_nir_graph(g, 1e-3);
    FAIL("LI feeding a neuron was accepted");
  } catch (const model::InputError& e) {
    CHECK(e.diagnostics()[0].id == "NIR-0107");
    CHECK(std::string(e.what()).find("LI node \"li\"") != std::string::npos);
  }
  // LI straight into an Output is a probed population.
  g.nodes.erase(g.nodes.begin() + 2, g.nodes.end());
  g.nodes.push_back(test::nir_node("output", "Output", {{"shape", test::nir_array({1}, {2})}}));
  g.edges = {{"input", "li"}, {"li", "output"}};
  const flows::NirNetwork net = flows::fold_nir_graph(g, 1e-3);
  REQUIRE(net.populations.size() == 1);
  CHECK(net.populations[0].output);
}

TEST_CASE("Norse's LIF quantised by hand, and its spikes match the float reference exactly", "[flows][nir]") {
  const flows::NirNetwork net = flows::fold_nir_graph(flows::read_nir_graph(test::nir_test_file("lif_norse.nir")), 1e-3);
  flows::NirQuantisation q = flows::quantise_nir_network(net, {8, 62});
  const model::Population& pop = q.network.populations.at(0);
  // tau = 2.5 ms (float32), dt = 1 ms: Euler step a = dt / tau = 0.4, dv = round(4096 a) = 1638;
  // no synaptic current: du = 4095 (u holds this step's input only).
  CHECK(pop.lif.dv[0] == 1638);
  CHECK(pop.lif.du[0] == 4095);
  // One input spike (w = 1, r = 1) raises v by a = 0.4 > threshold 0.1, so the state range
  // is 0.4 and S = 2^20 / 0.4; the threshold 0.1 is S * 0.1 / 64 = 4096 (vth << 6 = v).
  CHECK(q.populations[0].scale == Approx(std::ldexp(1.0, 20) / 0.4).epsilon(1e-6));
  CHECK(pop.lif.vth[0] == 4096);
  // The synapse should add S * 0.4 * 1 / 64 = 2^14 to a_in: excitatory 8-bit mantissas
  // reach 255, so the exponent is ceil(log2(2^14 / 255)) = 7 and the mantissa 2^14 / 2^7 = 128.
  const model::Projection& proj = q.network.projections.at(0);
  CHECK(proj.weight_exp == 7);
  CHECK(proj.weights == std::vector<int32_t>{128});
  CHECK(q.projections[0].max_relative_error < 1e-6);

  const Runs r = run_both(net, q, periodic_input(net, 2, 100), 100);
  CHECK(r.report.populations[0].reference_spikes > 30);
  CHECK(r.fixed[0].spikes == r.reference[0].spikes);
}

TEST_CASE("on every NIR vector the bit-accurate model follows the float reference", "[flows][nir]") {
  std::vector<std::string> files;
  for (const std::string& expected : test::data_files("nir", ".expected.json"))
    files.push_back(expected.substr(0, expected.size() - std::string(".expected.json").size()) + ".nir");
  for (const char* name : {"braille_noDelay_bias_zero.nir", "cnn_sinabs.nir", "lif_norse.nir"}) {
    const std::string path = std::string(AXOMESH_SHARED_DIR) + "/vectors/nir/from_nir_project/" + name;
    if (std::filesystem::exists(path)) files.push_back(path);
  }
  uint64_t populations_with_spikes = 0;
  for (const std::string& file : files) {
    INFO(file);
    // The Braille network was exported for dt = 0.1 ms (tau_syn = 0.22 ms).
    const double dt = file.find("braille") != std::string::npos ? 1e-4 : 1e-3;
    const flows::NirNetwork net = flows::fold_nir_graph(flows::read_nir_graph(file), dt);
    flows::NirQuantisation q = flows::quantise_nir_network(net, {8, 62});
    for (const flows::ProjectionQuantisation& p : q.projections) {
      INFO("projection " << p.name);
      // Mixed-sign 8-bit weights keep 7 bits of magnitude: the largest error is half a
      // step of 2 in 254, about 0.4% of the largest weight, plus the sign mode's asymmetry.
      CHECK(p.max_relative_error < 0.01);
      CHECK(p.clipped == 0);
    }
    // One spike in 5 steps per input, about the generated input's default rate of 0.2.
    const Runs r = run_both(net, q, periodic_input(net, 5, 300), 300);
    for (const flows::PopulationAgreement& a : r.report.populations) {
      INFO("population " << a.name);
      if (flows::is_spiking(a.kind)) {
        if (a.reference_spikes < 20) continue;
        ++populations_with_spikes;
        UNSCOPED_INFO(a.name << ": " << a.reference_spikes << " / " << a.fixed_spikes << " spikes, correlation "
                              << a.count_correlation);
        CHECK(a.count_correlation > 0.9);
        CHECK(std::abs(double(a.fixed_spikes) - double(a.reference_spikes)) < 0.1 * double(a.reference_spikes));
      }
    }
  }
  CHECK(populations_with_spikes >= 3);
}

TEST_CASE("axomesh import reports the quantisation and writes the network", "[flows][nir][cli]") {
  const std::string dir = test::temporary_folder("nir-import");
  const auto ok = test::run_cli("import " + test::nir_test_file("if_threshold.nir") + " --target loihi2 --dt 1e-3 -n 50 --out " +
                                dir + "/net.json --report " + dir + "/report.json");
  INFO(ok.output);
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.output.find("weights per projection") != std::string::npos);
  CHECK(ok.output.find("count correlation") != std::string::npos);
  const model::Network net = flows::load_network(dir + "/net.json");
  CHECK(net.populations.size() == 2);
  CHECK(net.sources.at(0).name == "input");
  CHECK(nlohmann::json::parse(test::read_file(dir + "/report.json"))["projections"].size() == 2);

  const auto bad = test::run_cli("import " + test::nir_test_file("unsupported_node.nir") + " --out " + dir + "/bad.json");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("NIR-0102") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/bad.json"));
  const auto bad_dt = test::run_cli("import " + test::nir_test_file("lif_norse.nir") + " --dt 0");
  CHECK(bad_dt.exit_code == 2);
  CHECK(bad_dt.output.find("NIR-0201") != std::string::npos);
}

TEST_CASE("a bad --input raster is refused naming its file, place and ID", "[flows][nir][cli][bad-input]") {
  const std::string dir = test::temporary_folder("nir-bad-input");
  const std::string nir = test::nir_test_file("if_threshold.nir");  // one input node, "input", of 8 elements
  auto refused = [&](const std::string& name, const std::string& text) {
    const std::string file = dir + "/" + name;
    std::ofstream(file) << text;
    const auto r = test::run_cli("import " + nir + " -n 20 --input " + file + " --out " + dir + "/net.json");
    CHECK(r.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(dir + "/net.json"));
    return r.output;
  };
  CHECK(refused("short.json", "[[1, 2], [3]]") ==
        "error: " + dir + "/short.json: /: expected 8 spike lists (one per element of input \"input\"), found 2 "
        "[NIR-0301]\n");
  CHECK(refused("descending.json", "[[4, 1], [], [], [], [], [], [], []]") ==
        "error: " + dir + "/descending.json: /0/1: expected strictly ascending steps, found 1 after 4 [NIR-0301]\n");
  // The reader's own type and field checks, with the file and the raster's one ID (the
  // general type and field IDs are the NIR file's own HDF5 errors).
  CHECK_THAT(refused("typed.json", "[[1, \"two\"], [], [], [], [], [], [], []]"),
             Catch::StartsWith("error: " + dir + "/typed.json: /0/1: expected an integer") &&
                 Catch::EndsWith("found the string \"two\" [NIR-0301]\n"));
  CHECK_THAT(refused("named.json", "{\"in\": []}"),
             Catch::StartsWith("error: " + dir + "/named.json: /: missing field \"input\" [NIR-0301]"));
}

TEST_CASE("when neither model spikes, the import compares the potentials instead", "[flows][nir][cli]") {
  // At the default input this network's spiking populations stay below threshold in both
  // models: a spike comparison would be empty, and "correlation 1, 100% coinciding" says nothing.
  const std::string file = test::nir_test_file("ff_affine_lif_affine_cubalif.nir");
  const flows::NirNetwork net = flows::fold_nir_graph(flows::read_nir_graph(file), 1e-3);
  flows::NirQuantisation q = flows::quantise_nir_network(net, {8, 62});
  const Runs r = run_both(net, q, periodic_input(net, 5, 200), 200);
  std::size_t silent = 0;
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const flows::PopulationAgreement& a = r.report.populations[p];
    INFO("population " << a.name);
    REQUIRE(flows::is_spiking(a.kind));
    if (a.reference_spikes != 0 || a.fixed_spikes != 0) continue;
    ++silent;
    CHECK_FALSE(a.spikes_compared);
    // v of both models, in NIR units, one value per neuron and step.
    const std::vector<double>& ref = r.reference[p].v;
    const std::vector<double>& fix = r.fixed[p].v;
    REQUIRE(ref.size() == std::size_t{a.size} * 200);
    REQUIRE(fix.size() == ref.size());
    double largest = 0, max_difference = 0, sum = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
      largest = std::max(largest, std::abs(ref[i]));
      max_difference = std::max(max_difference, std::abs(fix[i] - ref[i]));
      sum += std::abs(fix[i] - ref[i]);
    }
    CHECK(largest > 0);  // the input moves v, so there is something to compare
    CHECK(a.v_max_abs_difference == Approx(max_difference));
    CHECK(a.v_mean_abs_difference == Approx(sum / static_cast<double>(ref.size())));
    // The fixed point follows the float model: on average within a few per cent of v's
    // range; single steps differ more where a rounding of the decay or weights accumulates.
    CHECK(a.v_mean_abs_difference < 0.05 * largest);
    CHECK(a.v_max_abs_difference < 0.25 * largest);
    CHECK(a.v_mean_abs_difference <= a.v_max_abs_difference);
  }
  CHECK(silent == net.populations.size());

  const std::string dir = test::temporary_folder("nir-silent");
  const auto cli = test::run_cli("import " + file + " --report " + dir + "/report.json");
  INFO(cli.output);
  REQUIRE(cli.exit_code == 0);
  CHECK_THAT(cli.output, !Catch::Contains("coinciding spikes 100.0%"));
  CHECK_THAT(cli.output, Catch::Contains("no spikes in either model: the spike comparison is empty"));
  CHECK_THAT(cli.output, Catch::Contains("v max |difference|"));
  const nlohmann::json report = nlohmann::json::parse(test::read_file(dir + "/report.json"));
  for (const nlohmann::json& p : report["populations"]) {
    INFO(p.dump());
    CHECK(p["spikes_compared"] == false);
    CHECK_FALSE(p.contains("count_correlation"));
    CHECK_FALSE(p.contains("coincidence"));
    CHECK(p["v_max_abs_difference"].get<double>() >= p["v_mean_abs_difference"].get<double>());
    CHECK(p["v_max_abs_difference"].get<double>() > 0);
  }
}
