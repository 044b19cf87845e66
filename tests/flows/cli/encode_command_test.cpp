// `axomesh encode` end to end: rasters derived by hand for TTFS and hybrid coding, the rate
// code equal to the model's encoder, the raster accepted by `validate` inside a network, and
// golden diagnostics (file, line, column, expected, found) with no output for bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "model/blocks/spike_encoders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

namespace {

std::string write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("encode --scheme ttfs writes the raster derived by hand", "[flows][encode]") {
  const std::string dir = test::temporary_folder("encode-ttfs");
  const std::string csv = write(dir, "in.csv", "# two samples of three inputs\n0.5, 1, 0\n\n0.25,0,1\n");
  const auto r = test::run_cli("encode " + csv + " --scheme ttfs --steps 11 --name pixels --out " + dir + "/r.json");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  // t = round((1 - x) * 10), sample 1 shifted by 11 steps: 0.5 -> 5, 1 -> 0, 0 -> none;
  // 0.25 -> 7.5 rounds up to 8 -> 19, 0 -> none, 1 -> 0 -> 11.
  const json raster = json::parse(test::read_file(dir + "/r.json"));
  CHECK(raster == json::parse(R"({"name": "pixels", "size": 3, "kind": "raster",
                                  "spike_times": [[5, 19], [0], [11]]})"));
  CHECK(r.output.find("4 spikes, 2 per sample") != std::string::npos);

  // The raster is a source of the network format: validate accepts it in a network.
  const std::string net = write(dir, "net.json",
                                R"({"format": "axomesh-network", "version": 1, "name": "encoded",
      "populations": [{"name": "out", "size": 2}], "sources": [)" + raster.dump() + R"(],
      "projections": [{"pre": "pixels", "post": "out", "kind": "dense", "weights": [[10, 20, 30], [1, 2, 3]]}]})");
  const auto v = test::run_cli("validate " + net);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  CHECK(v.output.find("1 sources") != std::string::npos);
}

TEST_CASE("encode --scheme hybrid follows vth_i = vth_base (1 - alpha x_i)", "[flows][encode]") {
  const std::string dir = test::temporary_folder("encode-hybrid");
  // --max 10: 5 -> x = 0.5, 2.5 -> 0.25. vth = 2 (1 - x/2): 1.5 and 1.75. x = 0.5 reaches 1.5
  // after 3 steps: spikes at 2, 5, 8; x = 0.25 reaches 1.75 after 7 steps: at 6 (13 is past 9).
  const std::string csv = write(dir, "in.csv", "5,2.5\n");
  const auto r = test::run_cli("encode " + csv + " --scheme hybrid --steps 10 --vth-base 2 --alpha 0.5 --max 10 -o " +
                               dir + "/r.json");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json raster = json::parse(test::read_file(dir + "/r.json"));
  CHECK(raster["name"] == "input");
  CHECK(raster["spike_times"] == json::parse("[[2, 5, 8], [6]]"));
}

TEST_CASE("encode --scheme rate is the model's rate encoder, reproducible by seed", "[flows][encode]") {
  const std::string dir = test::temporary_folder("encode-rate");
  const std::string csv = write(dir, "in.csv", "0,0.3,1\n0.7,0.3,0\n");
  const auto a = test::run_cli("encode " + csv + " --scheme rate --steps 40 --seed 5 --out " + dir + "/a.json");
  const auto b = test::run_cli("encode " + csv + " --scheme rate --steps 40 --seed 5 --out " + dir + "/b.json");
  const auto c = test::run_cli("encode " + csv + " --scheme rate --steps 40 --seed 6 --out " + dir + "/c.json");
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  REQUIRE(c.exit_code == 0);
  const json raster = json::parse(test::read_file(dir + "/a.json"));
  CHECK(raster == json::parse(test::read_file(dir + "/b.json")));
  CHECK(raster != json::parse(test::read_file(dir + "/c.json")));

  // Per input an LFSR seeded Lfsr32::seeded_state(5, input) runs on through both windows.
  namespace enc = model::encoders;
  const uint32_t values[2][3] = {{0, 19661, 65536}, {45875, 19661, 0}};  // round(x * 65536)
  for (uint32_t input = 0; input < 3; ++input) {
    model::Lfsr32 lfsr(model::Lfsr32::seeded_state(5, input));
    std::vector<uint32_t> expected = enc::encode_rate(values[0][input], 40, lfsr);
    for (uint32_t t : enc::encode_rate(values[1][input], 40, lfsr)) expected.push_back(40 + t);
    INFO("input " << input);
    CHECK(raster["spike_times"][input] == json(expected));
  }
  CHECK(raster["spike_times"][0].size() > 0);  // 0.7 in the second window
  CHECK(raster["spike_times"][2].size() == 40);  // 1.0: every step of the first window
}

TEST_CASE("encode reports malformed input by file, line and column and writes nothing", "[flows][encode]") {
  const std::string dir = test::temporary_folder("encode-bad");
  struct Case {
    std::string csv;
    std::string options;
    std::string expected;  // must appear in the output
  };
  const Case cases[] = {
      {"0.5,abc\n", "", "bad.csv: line 1, column 2: expected a finite decimal number, found \"abc\" [ENC-0001]"},
      {"0.5, ,0.1\n", "", "bad.csv: line 1, column 2: expected a number, found an empty field [ENC-0001]"},
      {"0.1\nnan\n", "", "bad.csv: line 2, column 1: expected a finite decimal number, found \"nan\" [ENC-0001]"},
      {"0.1,0.2\n\n0.3\n", "", "bad.csv: line 3: expected 2 values as on line 1, found 1 [ENC-0003]"},
      {"0.2\n1.5\n", "", "bad.csv: line 2, column 1: expected a number in 0..1 (--max), found 1.5 [ENC-0002]"},
      {"-3\n", "", "bad.csv: line 1, column 1: expected a number in 0..1 (--max), found -3 [ENC-0002]"},
      {"# nothing\n\n", "", "bad.csv: expected at least one line of values, found none [ENC-0004]"},
      {"0.5\n", " --scheme morse", "--scheme: expected rate, ttfs or hybrid, found \"morse\" [ENC-0100]"},
      {"0.5\n", " --steps 0", "--steps: expected a window of 1..16777216 steps, found 0 [ENC-0101]"},
      {"0.5\n", " --scheme hybrid --vth-base 1.5", "--vth-base: expected vth_base * (1 - alpha) >= 1"},
      {"0.5\n", " --scheme hybrid --alpha 1", "--alpha: expected 0 <= alpha < 1, found 1 [ENC-0103]"},
      {"0.5\n", " --name 'two words'", "--name: expected 1-128 letters, digits, '_', '-' or '.', found \"two words\""},
      {"0.5\n", " --max 0", "--max: expected a number > 0, found 0 [ENC-0106]"},
  };
  for (const Case& c : cases) {
    const std::string csv = write(dir, "bad.csv", c.csv);
    const std::string out = dir + "/r.json";
    // Later options win: the defaults come first so that a case can override them.
    const auto r = test::run_cli("encode " + csv + " --scheme ttfs --steps 8 --out " + out + c.options);
    INFO(c.csv << c.options << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find(c.expected) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  }
  const auto missing = test::run_cli("encode " + dir + "/none.csv --scheme rate --steps 8 --out " + dir + "/r.json");
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("[IO-0001]") != std::string::npos);
  const auto incomplete = test::run_cli("encode " + dir + "/bad.csv --steps 8 --out " + dir + "/r.json");
  CHECK(incomplete.exit_code == 2);
  CHECK(incomplete.output.find("needs an input file, --scheme, --steps and --out") != std::string::npos);
  const auto help = test::run_cli("encode --help");
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("Usage:") != std::string::npos);
}

TEST_CASE("encode refuses more steps or values than the network format holds", "[flows][encode]") {
  const std::string dir = test::temporary_folder("encode-limits");
  const std::string out = dir + "/r.json";
  // 257 samples of a 2^24-step window: spike steps past 2^32 - 1.
  std::string samples;
  for (int line = 0; line < 257; ++line) samples += "0.5\n";
  const std::string many = write(dir, "many.csv", samples);
  auto r = test::run_cli("encode " + many + " --scheme ttfs --steps 16777216 --out " + out);
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("many.csv: expected samples x --steps <= 2^32 so that every spike step fits the format, found "
                      "257 x 16777216 [ENC-0005]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  // One value more on a line than a source group may have neurons.
  std::string wide(std::size_t{2} << 24, ',');
  for (std::size_t k = 0; k < wide.size(); k += 2) wide[k] = '0';
  wide += "0\n";
  const std::string wide_file = write(dir, "wide.csv", wide);
  r = test::run_cli("encode " + wide_file + " --scheme ttfs --steps 8 --out " + out);
  std::filesystem::remove(wide_file);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("wide.csv: line 1: expected at most 16777216 values per line, found 16777217 [ENC-0006]") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}
