// `axomesh cosim` co-simulates the RTL folder `axomesh rtl` wrote, as it is: a leaf module
// edited there is what runs (and a wrong edit is caught), and its compiled chip is cached
// by the files' content, so a target that differs only in its name and energy figures
// reuses it. Needs verilator (built when the RTL tests are: AXOMESH_CHIP_CACHE).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "flows/formats/network_json.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

#ifdef AXOMESH_CHIP_CACHE
using namespace axomesh;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out);
}

// `net` mapped onto `target` into DIR/NAME, with its RTL in DIR/NAME/rtl_out.
std::string map_and_write_rtl(const model::Network& net, const std::string& target, const std::string& dir,
                              const std::string& name) {
  const std::string mapped = dir + "/" + name;
  flows::save_network(net, dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target " + target + " --out " + mapped);
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  const auto rtl = test::run_cli("rtl " + mapped);
  INFO(rtl.output);
  REQUIRE(rtl.exit_code == 0);
  return mapped;
}

test::CommandResult cosim(const std::string& mapped, const std::string& extra = "") {
  return test::run_cli("cosim " + mapped + " --steps 200 --cache " + std::string(AXOMESH_CHIP_CACHE) + extra);
}

// The network the RTL tests' wrong-rounding case uses (tests/rtl/chip_cosim_test.cpp): its
// u goes negative with non-exact decays within 200 steps on tiny-2x2.
model::Network negative_u_network() { return test::random_network(3, 40, 0.05, 5); }

}  // namespace

TEST_CASE("cosim runs the RTL folder as edited: u's decay rounded down instead of toward zero is caught",
          "[cosim][user-rtl]") {
  const std::string dir = test::temporary_folder("cosim-user-rtl");
  const std::string mapped = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "mapped");

  const auto good = cosim(mapped);
  INFO(good.output);
  REQUIRE(good.exit_code == 0);
  CHECK_THAT(good.output, Catch::Contains("identical: 200 steps"));
  CHECK(json::parse(test::read_file(mapped + "/cosim.json"))["identical"] == true);

  // The edit AXOMESH_WRONG_ROUNDING makes: without the bias of 4095 on a negative x, the
  // low product's shift rounds toward minus infinity, one below toward zero.
  const std::string datapath = mapped + "/rtl_out/rtl/loihi_lif_datapath.sv";
  write(datapath, test::replaced(test::read_file(datapath), " + (x[31] ? 32'sd4095 : 32'sd0);", ";"));
  const auto bad = cosim(mapped);
  INFO(bad.output);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.output, Catch::Contains("MISMATCH at step"));
  const json report = json::parse(test::read_file(mapped + "/cosim.json"));
  CHECK(report["identical"] == false);
  CHECK(report["mismatch"]["field"] == "u");
  CHECK(report["mismatch"]["expected"].get<int64_t>() < 0);
  CHECK(report["mismatch"]["expected"].get<int64_t>() - report["mismatch"]["actual"].get<int64_t>() == 1);
  CHECK(fs::exists(report["waveform"].get<std::string>()));

  // An RTL folder given with --rtl: the unedited copy of another folder is identical again.
  const std::string fresh = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "fresh");
  const auto again = cosim(mapped, " --rtl " + fresh + "/rtl_out");
  INFO(again.output);
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("reused the chip object"));
}

TEST_CASE("cosim --systemc runs the RTL folder as edited too", "[cosim][user-rtl][systemc]") {
  const std::string dir = test::temporary_folder("cosim-user-rtl-systemc");
  const std::string mapped = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "mapped");
  const auto good = cosim(mapped, " --systemc");
  INFO(good.output);
  REQUIRE(good.exit_code == 0);
  CHECK_THAT(good.output, Catch::Contains("identical: 200 steps"));

  // The same edit as above, in the neuro_chip that the SystemC harness Verilates.
  const std::string datapath = mapped + "/rtl_out/rtl/loihi_lif_datapath.sv";
  write(datapath, test::replaced(test::read_file(datapath), " + (x[31] ? 32'sd4095 : 32'sd0);", ";"));
  const auto bad = cosim(mapped, " --systemc");
  INFO(bad.output);
  CHECK(bad.exit_code == 1);
  const json report = json::parse(test::read_file(mapped + "/cosim.json"));
  CHECK(report["harness"] == "systemc");
  CHECK(report["mismatch"]["field"] == "u");
  CHECK(report["mismatch"]["expected"].get<int64_t>() - report["mismatch"]["actual"].get<int64_t>() == 1);
}

TEST_CASE("cosim without the RTL folder says to run axomesh rtl", "[cosim][user-rtl]") {
  const std::string dir = test::temporary_folder("cosim-no-rtl");
  const std::string mapped = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "mapped");
  fs::remove_all(mapped + "/rtl_out");
  const auto r = cosim(mapped);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(mapped + "/rtl_out: expected the RTL written by `axomesh rtl` (axomesh_chip.f), "
                                                "found no such file; run `axomesh rtl` (the rtl stage) first "
                                                "[FLOW-0013]"));
  CHECK(!fs::exists(mapped + "/cosim.json"));
}

TEST_CASE("cosim refuses an RTL folder written for another geometry", "[cosim][user-rtl]") {
  const std::string dir = test::temporary_folder("cosim-other-geometry");
  const std::string mapped = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "mapped");
  const std::string top = mapped + "/rtl_out/rtl/axomesh_chip.sv";
  write(top, test::replaced(test::read_file(top), ".NEURONS(16)", ".NEURONS(32)"));
  const auto r = cosim(mapped);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("rtl/axomesh_chip.sv: expected neuro_chip with the target's geometry (.W(2), "
                                       ".H(2), .CORES_PER_TILE(1), .NEURONS(16),") &&
                           Catch::Contains("run `axomesh rtl` again for this target [COS-0004]"));
  CHECK(!fs::exists(mapped + "/cosim.json"));
}

TEST_CASE("a renamed target with new energy figures reuses the cached chip object", "[cosim][cache]") {
  const std::string dir = test::temporary_folder("cosim-renamed-target");
  const std::string first = map_and_write_rtl(negative_u_network(), "tiny-2x2", dir, "first");
  const auto built = cosim(first);
  INFO(built.output);
  REQUIRE(built.exit_code == 0);

  // The same chip under another name, with another energy figure: not a word of the RTL
  // differs, so nothing is verilated again.
  json target = json::parse(test::read_file(std::string(AXOMESH_TARGETS_DIR) + "/tiny-2x2.json"));
  target["name"] = "tiny-2x2-renamed";
  target["energy_j"]["synaptic_op"]["value"] = 47.2e-12;
  write(dir + "/renamed.json", target.dump(1));
  const std::string second = map_and_write_rtl(negative_u_network(), dir + "/renamed.json", dir, "second");
  CHECK(test::read_file(second + "/rtl_out/rtl/axomesh_chip.sv") == test::read_file(first + "/rtl_out/rtl/axomesh_chip.sv"));
  const auto reused = cosim(second);
  INFO(reused.output);
  REQUIRE(reused.exit_code == 0);
  CHECK_THAT(reused.output, Catch::Contains("reused the chip object of target tiny-2x2-renamed"));
  const json a = json::parse(test::read_file(first + "/cosim.json")), b = json::parse(test::read_file(second + "/cosim.json"));
  CHECK(b["target"] == "tiny-2x2-renamed");
  CHECK(a["chip_object"] == b["chip_object"]);
}
#endif
