// The energy and latency model against published figures, and its bookkeeping.
#include <catch2/catch.hpp>

#include "flows/formats/target_json.hpp"
#include "model/base/activity_stats.hpp"
#include "targets/energy_model.hpp"
#include "targets/reference_model.hpp"
#include "network_builders.hpp"

using namespace axomesh;
using targets::Operation;

namespace {

targets::Target target_named(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

// An image of `geometry` whose first `used` cores hold `neurons` neurons each.
model::ChipImage image_with(const model::ChipGeometry& geometry, uint32_t used, uint32_t neurons) {
  model::ChipImage image;
  image.geometry = geometry;
  image.cores.resize(geometry.core_count());
  for (uint32_t c = 0; c < used; ++c) image.cores[c].neurons.resize(neurons);
  return image;
}

model::ActivityStats one_step(std::size_t cores, const model::Activity& core0) {
  model::ActivityStats stats(std::vector<std::string>(cores, "core"));
  stats.begin_step();
  stats.current(0) = core0;
  return stats;
}

}  // namespace

TEST_CASE("Loihi 1: one operation at a time costs exactly Davies et al. 2018, Table 2", "[targets][energy]") {
  const targets::Target loihi1 = target_named("loihi1");
  const model::ChipImage image = image_with({8, 4, 4}, 1, 1);
  struct Case {
    model::Activity activity;
    Operation op;
    double joules, core_seconds, route_seconds;
  };
  model::Activity syn, active, idle, in_tile, east, north;
  syn.synaptic_ops = 1;
  active.active_updates = 1;
  idle.idle_updates = 1;
  in_tile.packets = in_tile.packets_in_tile = 1;
  east.hops_east = 1;  // one east-west hop (the packet's injection is counted apart)
  east.longest_route_x = 1;
  north.hops_north = 1;
  north.longest_route_y = 1;
  const std::vector<Case> cases = {
      {syn, Operation::SynapticOp, 23.6e-12, 3.5e-9, 0},         {active, Operation::NeuronUpdateActive, 81e-12, 8.4e-9, 0},
      {idle, Operation::NeuronUpdateIdle, 52e-12, 5.3e-9, 0},    {in_tile, Operation::SpikeInTile, 1.7e-12, 2.1e-9, 0},
      {east, Operation::HopEastWest, 3.0e-12, 0, 4.1e-9},        {north, Operation::HopNorthSouth, 4.0e-12, 0, 6.5e-9},
  };
  for (const Case& c : cases) {
    INFO(targets::operation_name(c.op));
    const auto e = targets::estimate(one_step(image.cores.size(), c.activity), image, loihi1);
    CHECK(e.total[c.op] == c.joules);  // the figure itself, not a rounding of it
    CHECK(e.total.dynamic() == c.joules);
    CHECK(e.per_step[0].critical_core_seconds == c.core_seconds);
    CHECK(e.per_step[0].route_seconds == c.route_seconds);
  }
  // Barrier sync: Table 2 gives 113 ns for 1 tile and 465 ns for 32; the target's line
  // through them is rounded to 0.01 ns, so allow 0.02 ns.
  const auto one_tile = targets::estimate(one_step(128, {}), image, loihi1);
  CHECK(one_tile.per_step[0].barrier_seconds == Approx(113e-9).margin(0.02e-9));
  const auto all_tiles = targets::estimate(one_step(128, {}), image_with({8, 4, 4}, 128, 1), loihi1);
  CHECK(all_tiles.tiles_used == 32);
  CHECK(all_tiles.per_step[0].barrier_seconds == Approx(465e-9).margin(0.02e-9));
}

TEST_CASE("TrueNorth: a chip-sized workload at 20 Hz, 128 synapses a spike, is near 72 mW and 26 pJ/event",
          "[targets][energy]") {
  // 4096 cores x 256 neurons, each firing at 20 Hz over 100 ticks of 1 ms: 2 spikes per
  // neuron, 512 per core, sent as 5 or 6 a tick (12 ticks with 6); every spike reaches 128
  // synapses and travels one hop east to a neighbouring core (local connectivity).
  const targets::Target tn = target_named("truenorth");
  const model::ChipImage image = image_with({64, 64, 1}, 4096, 256);
  model::ActivityStats stats(std::vector<std::string>(4096, "core"));
  const int ticks = 100;
  for (int t = 0; t < ticks; ++t) {
    stats.begin_step();
    const uint64_t spikes = t < 12 ? 6 : 5;
    for (uint32_t c = 0; c < 4096; ++c) {
      model::Activity& a = stats.current(c);
      a.spikes = a.packets = spikes;
      a.synaptic_ops = spikes * 128;
      a.hops_east = spikes;
      a.longest_route_x = 1;
      a.idle_updates = 256;  // counted; TrueNorth's all-in figure includes them
    }
  }
  const auto e = targets::estimate(stats, image, tn);
  // 20 Hz x 1,048,576 neurons x 128 synapses = 2.684e9 events/s at 26 pJ = 69.8 mW, plus
  // 20 Hz x 1,048,576 hops at 2.3 pJ = 0.05 mW. Merolla et al. (Science 2014) quote 26 pJ
  // per synaptic event all-in and 72 mW for this workload: the two published numbers
  // themselves differ by 3% (26 pJ is rounded and measured over a range of rates), and our
  // model has no separate leakage term; 10% covers both, and the event energy, which the
  // model takes from the same paper, must match to 1%.
  CHECK(e.seconds == Approx(0.1).epsilon(1e-9));  // one 1 ms tick per step
  CHECK(e.average_power() == Approx(72e-3).epsilon(0.10));
  CHECK(e.energy_per_synaptic_op() == Approx(26e-12).epsilon(0.01));
  CHECK(e.synaptic_ops == uint64_t(4096) * 512 * 128);
}

TEST_CASE("energy bookkeeping: per-core and per-step sums equal the totals; a figure scales its term",
          "[targets][energy]") {
  targets::Target t = target_named("loihi1");
  const model::ChipImage image = image_with({8, 4, 4}, 3, 10);
  model::ActivityStats stats(std::vector<std::string>(128, "core"));
  for (int s = 0; s < 4; ++s) {
    stats.begin_step();
    for (uint32_t c = 0; c < 3; ++c) {
      model::Activity& a = stats.current(c);
      a.synaptic_ops = 10u * (c + 1) + uint64_t(s);
      a.active_updates = 4;
      a.idle_updates = 6;
      a.packets = 2;
      a.packets_in_tile = 1;
      a.hops_east = 1 + c;
      a.hops_north = c;
      a.longest_route_x = 1 + c;
      a.longest_route_y = c;
    }
  }
  const auto e = targets::estimate(stats, image, t);
  double per_core = 0, per_step = 0;
  for (const auto& b : e.per_core) per_core += b.total();
  for (const auto& s : e.per_step) per_step += s.energy;
  CHECK(per_core == Approx(e.total.total()).epsilon(1e-12));
  CHECK(per_step == Approx(e.total.total()).epsilon(1e-12));
  CHECK(e.per_step[0].critical_core == 2);  // the busiest core
  // Doubling the synaptic-op energy adds exactly the synaptic term once more.
  t.energy["synaptic_op"].value *= 2;
  const auto doubled = targets::estimate(stats, image, t);
  CHECK(doubled.total.total() == Approx(e.total.total() + e.total[Operation::SynapticOp]).epsilon(1e-12));
  // A target without the synaptic-op energy is refused; missing optional ones are listed.
  t.energy.erase("synaptic_op");
  CHECK_THROWS_WITH(targets::estimate(stats, image, t), Catch::Contains("ENE-0001"));
  CHECK(std::find(e.missing.begin(), e.missing.end(), "static_power_w.chip") != e.missing.end());
}

TEST_CASE("reference model: dense and sparse projections priced per Horowitz 2014", "[targets][reference]") {
  // A dense 3x2 projection and a sparse one of 4 synapses, over 10 steps: 10 x (6 + 4) MACs
  // at 4.6 pJ, and 10 x (6 + 8) word reads at 50 pJ = 460 pJ + 7000 pJ.
  model::Network net = test::one_layer(2, 3, {{0}, {1}});
  model::Projection dense = test::sparse_projection("d", "in", "out");
  dense.kind = model::ProjectionKind::Dense;
  dense.weights = {1, 2, 3, 4, 5, 6};
  model::Projection sparse = test::sparse_projection("s", "in", "out");
  sparse.pre_index = {0, 1, 1, 0};
  sparse.post_index = {0, 1, 2, 2};
  sparse.weights = {1, 1, 1, 1};
  net.projections = {dense, sparse};
  const auto r = targets::reference_estimate(net, 10);
  CHECK(r.macs == 100);
  CHECK(r.word_reads == 140);
  CHECK(r.joules == Approx(460e-12 + 7000e-12).epsilon(1e-12));
  CHECK(r.description.find("Horowitz") != std::string::npos);
}
