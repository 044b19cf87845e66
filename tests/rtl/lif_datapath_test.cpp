// The RTL LIF datapath (rtl_gen/rtl/loihi_lif_datapath.sv, verilated) against the model's
// kernel (loihi::step): every output bit, on random and edge states and inputs.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "Vloihi_lif_datapath.h"
#include "Vloihi_lif_datapath_wrong_rounding.h"
#include "model/blocks/loihi_lif.hpp"

using namespace axomesh::model;

namespace {

// Drives `rtl` with random and edge states; returns the number of cases where any output
// differs from loihi::step (and counts the model's spikes).
template <class Rtl>
uint64_t mismatches(Rtl& rtl, int cases, uint64_t& spikes) {
  std::mt19937_64 rng(77);
  const int32_t half = loihi::kStateHalf;
  const std::vector<int32_t> u_edges = {-half + 1, -4097, -4096, -4095, -1, 0, 1, 4095, 4096, half - 1, half};
  const std::vector<int32_t> v_edges = {-loihi::kVMax, -4096, -1, 0, 1, 4096, loihi::kVMax};
  const std::vector<int32_t> a_edges = {INT32_MIN, -131073, -131072, -1, 0, 1, 131072, 131073, INT32_MAX};
  auto pick = [&](const std::vector<int32_t>& edges, int32_t lo, int32_t hi) {
    if (rng() % 4 == 0) return edges[rng() % edges.size()];
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
  };
  uint64_t wrong = 0;
  for (int i = 0; i < cases; ++i) {
    const auto c = loihi::make_constants(pick({0, 4095}, 0, 4095), pick({0, 4095}, 0, 4095), pick({0, 131071}, 0, 131071),
                                         pick({-4096, 4095}, -4096, 4095), pick({-12, 7}, -12, 7));
    int32_t u = pick(u_edges, -half + 1, half), v = pick(v_edges, -loihi::kVMax, loihi::kVMax);
    const int32_t a = pick(a_edges, -(1 << 20), 1 << 20);
    rtl.u = static_cast<uint32_t>(u);
    rtl.v = static_cast<uint32_t>(v);
    rtl.a_in = static_cast<uint32_t>(a);
    rtl.current_factor = static_cast<uint16_t>(c.current_factor);
    rtl.voltage_factor = static_cast<uint16_t>(c.voltage_factor);
    rtl.bias = static_cast<uint32_t>(c.bias);
    rtl.threshold = static_cast<uint32_t>(c.threshold);
    rtl.eval();
    const int32_t spike = loihi::step(u, v, a, c);
    spikes += static_cast<uint64_t>(spike);
    wrong += static_cast<int32_t>(rtl.u_next) != u || static_cast<int32_t>(rtl.v_next) != v || rtl.spike != spike;
  }
  return wrong;
}

}  // namespace

TEST_CASE("RTL LIF datapath equals loihi::step bit for bit", "[rtl][lif]") {
  Vloihi_lif_datapath rtl;
  uint64_t spikes = 0;
  CHECK(mismatches(rtl, 500000, spikes) == 0);
  CHECK(spikes > 1000);  // both branches of the reset were exercised
}

TEST_CASE("the comparison catches a datapath that rounds u's and v's decay the wrong way", "[rtl][lif][sensitivity]") {
  Vloihi_lif_datapath_wrong_rounding wrong;
  uint64_t spikes = 0;
  CHECK(mismatches(wrong, 20000, spikes) > 1000);
}
