// The soft winner-take-all builder: selective amplification, judged against the same
// network with its recurrence or its inhibition switched off.
#include <catch2/catch.hpp>

#include <array>

#include "flows/stages/demo_network.hpp"
#include "model/sim/network_sim.hpp"
#include "model/network/soft_wta.hpp"

using namespace axomesh;

namespace {

// Spikes of each pool of "exc" over `steps` steps.
std::vector<uint64_t> pool_spikes(const model::SoftWtaParams& params, uint64_t steps) {
  model::NetworkSim sim(model::build_soft_wta(params));
  std::vector<uint64_t> pools(params.input_rates_hz.size(), 0);
  for (uint64_t t = 0; t < steps; ++t) {
    sim.step();
    for (uint32_t n : sim.spiked(0)) ++pools[n / params.pool_size];
  }
  return pools;
}

}  // namespace

TEST_CASE("the soft WTA builder makes pools, self-excitation and one shared inhibitory pool", "[model][wta]") {
  model::SoftWtaParams params;
  params.input_rates_hz = {5.0, 50.0};
  params.pool_size = 3;
  params.inhibitory_size = 2;
  const model::Network net = model::build_soft_wta(params);
  REQUIRE(net.populations.size() == 2);
  CHECK(net.populations[0].size == 6);
  CHECK(net.populations[1].size == 2);
  REQUIRE(net.sources.size() == 2);
  CHECK(net.sources[1].rate_hz == 50.0);
  CHECK(net.sources[1].seed == 1001u);
  // input0, input1, exc_to_inh (2 x 6 dense), inh_to_exc (6 x 2 dense), exc_to_exc.
  REQUIRE(net.projections.size() == 5);
  CHECK(net.projections[2].weights.size() == 12u);
  CHECK(net.projections[3].weights.size() == 12u);
  // Self-excitation stays inside a pool: 2 pools x 3 x 2 ordered pairs, no self-synapse.
  const model::Projection& e2e = net.projections[4];
  CHECK(e2e.weights.size() == 12u);
  for (std::size_t k = 0; k < e2e.weights.size(); ++k) {
    CHECK(e2e.pre_index[k] / 3 == e2e.post_index[k] / 3);
    CHECK(e2e.pre_index[k] != e2e.post_index[k]);
  }
  params.inhibition = false;
  params.recurrence = false;
  CHECK(model::build_soft_wta(params).projections.size() == 2u);
}

TEST_CASE("the soft WTA amplifies the strongest input and suppresses the others", "[model][wta]") {
  constexpr uint64_t kSteps = 2000;
  model::SoftWtaParams params;  // the demo's: pools at 10, 20, 30 and 40 Hz
  const std::vector<uint64_t> full = pool_spikes(params, kSteps);
  model::SoftWtaParams no_recurrence = params;
  no_recurrence.recurrence = false;
  const std::vector<uint64_t> open_loop = pool_spikes(no_recurrence, kSteps);
  model::SoftWtaParams no_inhibition = params;
  no_inhibition.inhibition = false;
  const std::vector<uint64_t> uninhibited = pool_spikes(no_inhibition, kSteps);
  INFO("full " << full[0] << " " << full[1] << " " << full[2] << " " << full[3] << "; without recurrence "
               << open_loop[0] << " " << open_loop[1] << " " << open_loop[2] << " " << open_loop[3]
               << "; without inhibition " << uninhibited[0] << " " << uninhibited[1] << " " << uninhibited[2] << " "
               << uninhibited[3]);
  // The strongest input's pool wins...
  for (std::size_t c = 0; c < 3; ++c) CHECK(full[3] > full[c]);
  // ...and fires more than without its self-excitation (amplification)...
  CHECK(full[3] > open_loop[3]);
  // ...while the others fire less than without the shared inhibition (suppression).
  for (std::size_t c = 0; c < 3; ++c) CHECK(full[c] <= uninhibited[c]);
  CHECK(full[0] + full[1] + full[2] < uninhibited[0] + uninhibited[1] + uninhibited[2]);
}

TEST_CASE("the demo, built by the soft WTA builder, keeps its published pool counts", "[model][wta][demo]") {
  // README and `axomesh demo`: pools at 10/20/30/40 Hz fire 0, 7, 47 and 111 spikes in
  // 1000 steps.
  model::NetworkSim sim(flows::demo_network());
  std::array<uint64_t, 4> pools{};
  for (int t = 0; t < 1000; ++t) {
    sim.step();
    for (uint32_t n : sim.spiked(0)) ++pools[n / 8];
  }
  CHECK(pools == std::array<uint64_t, 4>{0, 7, 47, 111});
}
