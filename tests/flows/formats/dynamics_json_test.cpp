// The adaptive_threshold and short_term_depression options in the network format and the
// chip image: round trips, defaults, precise errors, and the refusal of axomesh rtl and cosim.
#include <catch2/catch.hpp>

#include <filesystem>

#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/network_json.hpp"
#include "model/base/diagnostic.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

model::Network dynamic_network() {
  model::Network net = test::random_network(5, 12, 0.1, 3);
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{-300, 4000, 3, 2000};
  net.projections[0].short_term_depression = model::DepressionParams{20000, 12, 2};
  return net;
}

std::string error_of(const std::string& text) {
  try {
    flows::network_from_json_text(text, "net.json");
  } catch (const model::InputError& e) {
    return e.what();
  }
  return "no error";
}

const char* const kHeader = R"({"format": "axomesh-network", "version": 1, )";

}  // namespace

TEST_CASE("adaptive threshold and depression survive write then read", "[flows][json][adaptive][depression]") {
  const model::Network net = dynamic_network();
  const model::Network back = flows::network_from_json_text(flows::network_to_json(net).dump(), "net.json");
  CHECK(back == net);
  REQUIRE(back.populations[0].adaptive_threshold);
  CHECK(back.populations[0].adaptive_threshold->gamma == -300);
  REQUIRE(back.projections[0].short_term_depression);
  CHECK(back.projections[0].short_term_depression->tau_rec == 12u);
  CHECK(!back.projections[1].short_term_depression);
}

TEST_CASE("omitted adaptive and depression fields take their documented defaults", "[flows][json][adaptive]") {
  const model::Network net = flows::network_from_json_text(
      std::string(kHeader) + R"("populations": [{"name": "p", "size": 2, "adaptive_threshold": {"gamma": 128, "target_rate": 900}}],
          "sources": [{"name": "s", "size": 1, "kind": "raster", "spike_times": [[0]]}],
          "projections": [{"pre": "s", "post": "p", "kind": "dense", "weights": [[5], [6]],
                           "short_term_depression": {"U": 30000, "tau_rec": 7}}]})",
      "net.json");
  // ema_shift 4, initial_rate = target_rate; A = 1.
  CHECK(*net.populations[0].adaptive_threshold == model::AdaptiveThresholdParams{128, 900, 4, 900});
  CHECK(*net.projections[0].short_term_depression == model::DepressionParams{30000, 7, 1});
}

TEST_CASE("bad adaptive and depression fields give precise errors", "[flows][json][errors]") {
  const std::string pop = R"("populations": [{"name": "p", "size": 2, "adaptive_threshold": )";
  CHECK(error_of(std::string(kHeader) + pop + R"({"gamma": 40000, "target_rate": 1}}]})") ==
        "net.json: /populations/0/adaptive_threshold/gamma: expected an integer in -32768..32767, found 40000 [NET-0101]");
  CHECK_THAT(error_of(std::string(kHeader) + pop + R"({"gamma": 1, "target_rate": 1, "ema": 2}}]})"),
             Catch::Contains("/populations/0/adaptive_threshold") && Catch::Contains("ema") &&
                 Catch::Contains("[NET-0004]"));
  CHECK_THAT(error_of(std::string(kHeader) + pop + R"({"target_rate": 1}}]})"),
             Catch::Contains("/populations/0/adaptive_threshold") && Catch::Contains("gamma") &&
                 Catch::Contains("[NET-0003]"));
  const std::string projection = R"("populations": [{"name": "p", "size": 1}],
      "sources": [{"name": "s", "size": 1, "kind": "raster", "spike_times": [[0]]}],
      "projections": [{"pre": "s", "post": "p", "kind": "dense", "weights": [[5]], "short_term_depression": )";
  CHECK(error_of(std::string(kHeader) + projection + R"({"U": 100, "tau_rec": 5000}}]})") ==
        "net.json: /projections/0/short_term_depression/tau_rec: expected an integer in 1..4096, found 5000 [NET-0101]");
  CHECK(error_of(std::string(kHeader) + projection + R"({"U": 0, "tau_rec": 5}}]})") ==
        "net.json: /projections/0/short_term_depression/U: expected an integer in 1..65536, found 0 [NET-0101]");
  CHECK(error_of(std::string(kHeader) + projection + R"({"U": 10, "tau_rec": 5, "A": 256}}]})") ==
        "net.json: /projections/0/short_term_depression/A: expected an integer in 1..255, found 256 [NET-0101]");
  const std::string truenorth = R"("populations": [{"name": "p", "size": 1, "model": "truenorth"}],
      "sources": [{"name": "s", "size": 1, "kind": "raster", "spike_times": [[0]]}],
      "projections": [{"pre": "s", "post": "p", "kind": "dense", "weights": [[1]], "short_term_depression": )";
  CHECK_THAT(error_of(std::string(kHeader) + truenorth + R"({"U": 10, "tau_rec": 5}}]})"),
             Catch::Contains("/projections/0/short_term_depression: expected no \"short_term_depression\" (\"p\" is a "
                             "truenorth population, whose synapses are crossbar bits) [NET-0110]"));
}

TEST_CASE("a chip image with adaptive groups and depressing axons round-trips and is checked",
          "[flows][chip_image][adaptive][depression]") {
  model::ChipImage image;
  image.cores.resize(1);
  model::CoreImage& core = image.cores[0];
  core.neurons.resize(3);
  core.synapses = {{0, 5, 0}, {1, 6, 0}};
  core.axons = {{0, 1}, {1, 1}};
  core.fanout.begin = {0, 0, 0, 0};
  core.adaptive = {{1, 2, {-256, 100, 2, 50}}};
  model::DepressionParams none;
  none.utilization = 0;
  core.axon_depression = {none, {30000, 9, 4}};
  image.population_names = {"p"};
  image.population_addresses = {{{0, 0}, {0, 1}, {0, 2}}};
  const std::string text = flows::chip_image_to_text(image);
  CHECK(flows::chip_image_from_json_text(text, "img.json") == image);

  auto error = [&](const std::string& from, const std::string& to) {
    return test::input_error_message(
        [&] { flows::chip_image_from_json_text(test::replaced(text, from, to), "img.json"); });
  };
  CHECK_THAT(error("\"first\": 1", "\"first\": 2"),
             Catch::Contains("/cores/0/adaptive/0: expected a run of neurons inside the core's 3 neurons, after neuron 0 "
                             "(groups ascend, apart), found 2..3 [IMG-0121]"));
  CHECK_THAT(error("[30000,9,4]", "[30000,0,4]"), Catch::Contains("/cores/0/axon_depression/1/1") &&
                                                      Catch::Contains("[IMG-0101]"));
  CHECK_THAT(error("[0,1,1],", ""), Catch::Contains("/cores/0/axon_depression: expected one entry per input axon (2), "
                                                    "found 1 [IMG-0103]"));
}

namespace {

// `net` mapped onto tiny-2x2 by the CLI: rtl and cosim must both refuse it with RTL-0103
// naming `block`, and cosim before any build (its cache folder is never made).
void check_rtl_and_cosim_refuse(const model::Network& net, const std::string& dir, const std::string& block) {
  flows::save_network(net, dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target tiny-2x2 --out " + dir + "/mapped");
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  const std::string refusal = "uses the " + block + " block, which the generated RTL has no datapath for";
  const auto rtl = test::run_cli("rtl " + dir + "/mapped");
  CHECK(rtl.exit_code == 2);
  CHECK_THAT(rtl.output, Catch::Contains(refusal) && Catch::Contains("[RTL-0103]"));
  CHECK(!std::filesystem::exists(dir + "/mapped/rtl_out"));
  const auto cosim = test::run_cli("cosim " + dir + "/mapped --steps 5 --cache " + dir + "/cache");
  INFO(cosim.output);
  CHECK(cosim.exit_code == 2);
  CHECK_THAT(cosim.output, Catch::Contains("chip_image.json: /cores/") && Catch::Contains(refusal) &&
                               Catch::Contains("[RTL-0103]"));
  CHECK(!std::filesystem::exists(dir + "/cache"));
  CHECK(!std::filesystem::exists(dir + "/mapped/cosim.json"));
}

}  // namespace

TEST_CASE("axomesh rtl and cosim refuse a mapped network with an adaptive threshold, naming block and core",
          "[flows][cli][rtl][cosim][adaptive]") {
  model::Network net = test::random_network(4, 10, 0.1, 0);
  net.populations[0].adaptive_threshold = model::AdaptiveThresholdParams{256, 3000, 2, 3000};
  check_rtl_and_cosim_refuse(net, test::temporary_folder("rtl-adaptive"), "adaptive threshold");
}

TEST_CASE("axomesh rtl and cosim refuse a mapped network with short-term depression, naming block and core",
          "[flows][cli][rtl][cosim][depression]") {
  model::Network net = test::random_network(4, 10, 0.1, 0);
  net.projections[0].short_term_depression = model::DepressionParams{32768, 20, 2};
  check_rtl_and_cosim_refuse(net, test::temporary_folder("rtl-depression"), "short-term depression");
}

TEST_CASE("axomesh wta writes the soft winner-take-all network, and checks its rates", "[flows][cli][wta]") {
  const std::string dir = test::temporary_folder("wta");
  const auto ok = test::run_cli("wta --rates 5,50 --pool 4 --inhibitory 3 --no-recurrence --out " + dir + "/wta.json");
  INFO(ok.output);
  REQUIRE(ok.exit_code == 0);
  const model::Network net = flows::load_network(dir + "/wta.json");
  REQUIRE(net.populations.size() == 2);
  CHECK(net.populations[0].size == 8u);
  CHECK(net.populations[1].size == 3u);
  CHECK(net.sources.size() == 2u);
  CHECK(net.projections.size() == 4u);  // two inputs, exc_to_inh, inh_to_exc: no recurrence
  const auto bad = test::run_cli("wta --rates 5,x --out " + dir + "/bad.json");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("--rates: expected comma-separated rates in Hz (numbers >= 0), found \"x\" in "
                                         "\"5,x\" [CLI-0201]"));
  CHECK(!std::filesystem::exists(dir + "/bad.json"));
}
