// axomesh rtl and axomesh cosim at the command line: what the generator writes, that
// the RTL depends on the target only, the memory files' exact content, and the errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "model/base/diagnostic.hpp"
#include "network_builders.hpp"
#include "rtl_gen/rtl_geometry.hpp"
#include "test_support.hpp"

using namespace axomesh;
namespace fs = std::filesystem;

namespace {

// Maps a random network onto tiny-2x2 into DIR/mapped and generates DIR/mapped/rtl_out.
std::string map_and_generate(const std::string& dir, uint64_t seed, uint32_t size) {
  flows::save_network(test::random_network(seed, size, 0.06, 7), dir + "/net.json");
  const auto map = test::run_cli("map " + dir + "/net.json --target tiny-2x2 --out " + dir + "/mapped");
  INFO(map.output);
  REQUIRE(map.exit_code == 0);
  const auto rtl = test::run_cli("rtl " + dir + "/mapped");
  INFO(rtl.output);
  REQUIRE(rtl.exit_code == 0);
  return dir + "/mapped/rtl_out";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("axomesh rtl writes the same RTL for every network on a target, and their memory files",
          "[flows][cli][rtl]") {
  const std::string a = map_and_generate(test::temporary_folder("rtl-a"), 1, 30);
  const std::string b = map_and_generate(test::temporary_folder("rtl-b"), 2, 50);
  const std::vector<std::string> rtl = {"axomesh_chip.f",          "rtl/axomesh_chip.sv", "rtl/neuro_chip.sv",
                                        "rtl/neuro_tile.sv",          "rtl/neuro_core.sv",      "rtl/mesh_router.sv",
                                        "rtl/packet_fifo.sv",         "rtl/loihi_lif_datapath.sv"};
  for (const std::string& f : rtl) {
    INFO(f);
    REQUIRE(fs::is_regular_file(a + "/" + f));
    CHECK(test::read_file(a + "/" + f) == test::read_file(b + "/" + f));
  }
  const std::string list = test::read_file(a + "/axomesh_chip.f");
  for (const std::string& f : rtl)
    if (f != "axomesh_chip.f") CHECK(list.find(f + "\n") != std::string::npos);
  // The top fixes tiny-2x2's geometry (16 neurons, 64 axons, 8192 / 19 synapses, 1-bit x and y).
  const std::string top = test::read_file(a + "/rtl/axomesh_chip.sv");
  CHECK(top.find(".W(2), .H(2), .CORES_PER_TILE(1), .NEURONS(16), .AXONS(64), .SYNAPSES(431), .SLOTS(64), "
                 ".FANOUT(64), .XW(1), .YW(1), .LW(1)") != std::string::npos);
  // 4 cores x 15 memories (the accumulators have no file), and the networks' differ.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(a + "/mem")) files += entry.is_regular_file();
  CHECK(files == 60);
  CHECK(test::read_file(a + "/mem/c00000_syn_weight.memh") != test::read_file(b + "/mem/c00000_syn_weight.memh"));

  // Memory contents, checked against the chip image entry by entry.
  const model::ChipImage image = flows::load_chip_image(fs::path(a).parent_path().string() + "/chip_image.json");
  for (uint32_t c = 0; c < 4; ++c) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "/mem/c%05u_", c);
    const model::CoreImage& core = image.cores[c];
    const auto weights = lines(test::read_file(a + prefix + "syn_weight.memh"));
    const auto delays = lines(test::read_file(a + prefix + "syn_delay.memh"));
    REQUIRE(weights.size() == core.synapses.size());
    for (std::size_t s = 0; s < core.synapses.size(); ++s) {
      // 16-bit two's complement, 4 hex digits; delays 6 bits, 2 digits.
      CHECK(std::stoul(weights[s], nullptr, 16) == (uint32_t(core.synapses[s].weight) & 0xFFFFu));
      CHECK(weights[s].size() == 4);
      CHECK(std::stoul(delays[s], nullptr, 16) == core.synapses[s].delay);
    }
    const auto u = lines(test::read_file(a + prefix + "u.memh"));
    REQUIRE(u.size() == 16);  // every neuron of the core, used or not
    for (std::size_t n = core.neurons.size(); n < 16; ++n) CHECK(u[n] == "00000000");
    const auto dest = lines(test::read_file(a + prefix + "fanout_dest.memh"));
    REQUIRE(dest.size() == core.fanout.entries.size());
    for (std::size_t k = 0; k < dest.size(); ++k) {
      // {x (1 bit), y (1 bit), core in tile (1 bit), axon (6 bits)}
      const model::Destination& d = core.fanout.entries[k];
      CHECK(std::stoul(dest[k], nullptr, 16) == (image.x_of(d.core) << 8 | image.y_of(d.core) << 7 | d.axon));
    }
  }
}

TEST_CASE("axomesh rtl and cosim refuse what they cannot use", "[flows][cli][rtl][bad-input]") {
  const std::string dir = test::temporary_folder("rtl-bad");
  auto r = test::run_cli("rtl " + dir + "/nothing");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("[RPT-0001]") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/nothing"));

  map_and_generate(dir, 3, 20);
  r = test::run_cli("cosim " + dir + "/mapped --steps 0");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--steps: expected a count of at least 1, found 0 [COS-0001]") != std::string::npos);
  // tiny-2x2 has cores 0..3: refused before any chip is built.
  r = test::run_cli("cosim " + dir + "/mapped --systemc --systemc-core 4");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find(dir + "/mapped/chip_image.json: --systemc-core: expected a core of the chip image (0..3), found 4 "
                      "[COS-0002]") != std::string::npos);
  // A file list naming a file that is not there is refused before anything is built.
  {
    std::ofstream list(dir + "/mapped/rtl_out/axomesh_chip.f", std::ios::app);
    list << "rtl/missing_module.sv\n";
  }
  r = test::run_cli("cosim " + dir + "/mapped --steps 5 --cache " + dir + "/cache");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("[FLOW-0015]") != std::string::npos);
  CHECK(r.output.find("missing_module.sv") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/cache"));
  // So is one naming a folder.
  {
    std::ofstream list(dir + "/mapped/rtl_out/axomesh_chip.f");
    list << "rtl\n";
  }
  r = test::run_cli("cosim " + dir + "/mapped --steps 5 --cache " + dir + "/cache");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("rtl_out/rtl, found a directory [FLOW-0015]") != std::string::npos);
  // The image was mapped onto tiny-2x2; another target's chip cannot run it.
  r = test::run_cli("rtl " + dir + "/mapped --target loihi1 --out " + dir + "/other");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("[RPT-0003]") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/other"));
}

TEST_CASE("the RTL geometry follows the target and names what it cannot build", "[rtl_gen]") {
  targets::Target t = flows::resolve_target("loihi1");
  rtl_gen::RtlGeometry g = rtl_gen::rtl_geometry(t);
  CHECK(g.cores() == 128);
  CHECK(g.neurons == 1024);
  CHECK(g.synapses == 1048576u / uint32_t(t.synapse.bits_per_synapse()));
  CHECK(g.slots == 64);
  CHECK(g.packet_bits() == 3 + 2 + 2 + 12);  // 8 x 4 tiles of 4 cores, 4,096 axons

  t.core.input_axons = 1u << 30;  // a memory the generator does not build
  CHECK_THROWS_WITH(rtl_gen::rtl_geometry(t),
                    Catch::Contains("/core/input_axons: expected core memories of at most 16777216 entries, found "
                                    "1073741824 [RTL-0004]"));
  t.mesh_width = t.mesh_height = 64;
  t.cores_per_tile = 16;
  t.core.input_axons = 1u << 20;
  try {
    rtl_gen::rtl_geometry(t);
    FAIL("expected RTL-0003");
  } catch (const model::InputError& e) {
    CHECK(std::string(e.what()).find("found 36 bits (6 + 6 + 4 + 20) [RTL-0003]") != std::string::npos);
  }
  t = flows::resolve_target("tiny-2x2");
  t.max_delay = 100;
  CHECK_THROWS_WITH(rtl_gen::rtl_geometry(t), Catch::Contains("[RTL-0002]"));
  // 256 x 256 tiles of two cores: more than the 16-bit core select.
  t = flows::resolve_target("tiny-2x2");
  t.mesh_width = t.mesh_height = 256;
  t.cores_per_tile = 2;
  CHECK_THROWS_WITH(rtl_gen::rtl_geometry(t),
                    Catch::Equals("/mesh: expected at most 65,536 cores (the 16-bit core select of the chip's ports), "
                                  "found 131072 [RTL-0001]"));

  // An image with more synapses in a core than the RTL's memory holds.
  t = flows::resolve_target("tiny-2x2");
  model::ChipImage image;
  image.geometry = {2, 2, 1};
  image.cores.resize(4);
  image.cores[2].synapses.resize(440);
  CHECK_THROWS_WITH(rtl_gen::check_image_fits(image, rtl_gen::rtl_geometry(t)),
                    Catch::Contains("/cores/2: synapses: expected at most 431, found 440 (9 too many) [RTL-0102]"));
  // An image of another chip: its mesh, or its number of cores, is not the target's.
  image.cores[2].synapses.clear();
  image.geometry = {4, 1, 1};
  CHECK_THROWS_WITH(rtl_gen::check_image_fits(image, rtl_gen::rtl_geometry(t)),
                    Catch::Equals("/geometry: expected the target's mesh 2 x 2 x 1 cores per tile, found 4 x 1 x 1 "
                                  "[RTL-0101]"));
  image.geometry = {2, 2, 1};
  image.cores.resize(5);
  CHECK_THROWS_WITH(rtl_gen::check_image_fits(image, rtl_gen::rtl_geometry(t)),
                    Catch::Equals("/cores: expected 4 cores, found 5 [RTL-0101]"));
}
