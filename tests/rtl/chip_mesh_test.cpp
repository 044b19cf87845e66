// Co-simulation of a 4 x 4 mesh with two cores per tile (tests/data/targets/mesh-4x4x2.json):
// networks spread over 32 cores, so packets share tiles' local ports, queue at routers
// and cross the mesh in every direction.
#include <catch2/catch.hpp>

#include "Vchip_mesh.h"
#include "cosim/lockstep.hpp"
#include "cosim/verilated_chip.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "network_builders.hpp"

using namespace axomesh;

namespace {

targets::Target mesh_target() {
  return flows::load_target(std::string(AXOMESH_TEST_DATA) + "/targets/mesh-4x4x2.json");
}

struct Traffic {
  uint64_t crossing = 0, hops = 0;
  uint32_t longest_x = 0, longest_y = 0;
};

Traffic traffic(const model::ChipImage& image, uint64_t steps) {
  model::ChipSim chip(image);
  chip.run(steps);
  const auto total = chip.stats().total();
  return {total.packets - total.packets_in_tile, total.hops_east + total.hops_west + total.hops_north + total.hops_south,
          total.longest_route_x, total.longest_route_y};
}

void check_identical(const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry, uint64_t steps,
                     uint64_t min_spikes) {
  cosim::LockstepOptions options;
  options.steps = steps;
  cosim::VerilatedChip<Vchip_mesh> chip(geometry.cores(), geometry.neuron_bits());
  const auto result = cosim::run_lockstep(chip, image, geometry, options);
  INFO((result.mismatch ? result.mismatch->describe() : "identical"));
  REQUIRE_FALSE(result.mismatch);
  CHECK(result.steps == steps);
  CHECK(result.spikes > min_spikes);
}

}  // namespace

TEST_CASE("the verilated mesh is the generator's chip for the 4x4x2 test target", "[rtl][chip][mesh]") {
  CHECK(rtl_gen::rtl_geometry(mesh_target()).verilog_parameters() == AXOMESH_MESH_VERILOG_PARAMETERS);
}

TEST_CASE("a 4x4 mesh of two-core tiles runs recurrent networks as ChipSim", "[rtl][cosim][chip][mesh]") {
  const targets::Target mesh = mesh_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(mesh);
  for (uint64_t seed = 11; seed <= 12; ++seed) {
    const model::Network net = test::random_network(seed, 300, 0.02, 20);
    const model::ChipImage image = mapper::map_network(net, mesh, mapper::legalize(net, mesh), mapper::Strategy::Graph).image;
    const Traffic t = traffic(image, 150);
    CHECK(t.crossing > 2000);
    INFO("seed " << seed);
    check_identical(image, geometry, 150, 1000);
  }
}

TEST_CASE("cross-traffic over the whole 4x4 mesh runs as ChipSim", "[rtl][cosim][chip][mesh]") {
  // The baseline mapper places cores row-major without regard to traffic, and a dense
  // random network makes every core talk to nearly every other: packets go corner to
  // corner in both dimensions and meet at the routers.
  const targets::Target mesh = mesh_target();
  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(mesh);
  const model::Network net = test::random_network(21, 400, 0.015, 3);
  const model::ChipImage image =
      mapper::map_network(net, mesh, mapper::legalize(net, mesh), mapper::Strategy::Baseline).image;
  const Traffic t = traffic(image, 100);
  CHECK(t.longest_x == 3);  // corner to corner
  CHECK(t.longest_y == 3);
  CHECK(t.hops > 20000);
  check_identical(image, geometry, 100, 1000);
}
