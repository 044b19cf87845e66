// SynapseRows picks the smallest exact storage, and delivery from every form adds exactly
// what a plain per-synapse loop over the projection adds.
#include <catch2/catch.hpp>

#include <random>

#include "model/sim/synapse_delivery.hpp"
#include "model/sim/synapse_rows.hpp"

using namespace axomesh::model;

namespace {

Projection sparse(std::vector<uint32_t> pre, std::vector<uint32_t> post, std::vector<int32_t> w,
                  std::vector<uint8_t> delays = {}) {
  Projection p;
  p.name = "p";
  p.kind = ProjectionKind::Sparse;
  p.pre_index = std::move(pre);
  p.post_index = std::move(post);
  p.weights = std::move(w);
  p.delays = std::move(delays);
  p.sign_mode = SignMode::Mixed;
  return p;
}

// What delivering `spikes` through `proj` must add: accumulator[delay slot][post].
std::vector<int32_t> naive(const Projection& proj, uint32_t pre_size, uint32_t post_size,
                           const std::vector<uint32_t>& spikes, uint32_t slots) {
  std::vector<int32_t> acc(std::size_t{slots} * post_size, 0);
  for (uint32_t s : spikes)
    for (std::size_t k = 0; k < proj.weights.size(); ++k) {
      const bool dense = proj.kind == ProjectionKind::Dense;
      const uint32_t pre = dense ? static_cast<uint32_t>(k % pre_size) : proj.pre_index[k];
      const uint32_t post = dense ? static_cast<uint32_t>(k / pre_size) : proj.post_index[k];
      if (pre != s) continue;
      const uint32_t delay = proj.delays.empty() ? proj.delay : proj.delays[k];
      acc[std::size_t{delay} * post_size + post] += loihi::effective_weight(proj.weights[k], SignMode::Mixed, 8);
    }
  return acc;
}

std::vector<int32_t> delivered(const SynapseRows& rows, const std::vector<uint32_t>& spikes, uint32_t slots) {
  std::vector<int32_t> acc(std::size_t{slots} * rows.post_size, 0);
  std::vector<std::size_t> offset(64);
  for (uint32_t d = 0; d < 64; ++d) offset[d] = std::size_t{d % slots} * rows.post_size;
  const uint64_t ops = deliver_spikes(rows, spikes, acc.data(), offset.data());
  uint64_t expected_ops = 0;
  for (uint32_t s : spikes) expected_ops += rows.row_length(s);
  CHECK(ops == expected_ops);
  return acc;
}

}  // namespace

TEST_CASE("storage forms: CSR, equal rows, r-to-one, one weight, one delay", "[model][synapses]") {
  // Ragged rows, varied weights and delays: full CSR.
  Projection ragged = sparse({0, 0, 2, 1}, {1, 2, 0, 2}, {10, -20, 30, 40}, {0, 3, 1, 3});
  SynapseRows r = compile_synapse_rows(ragged, 3, 3, 0);
  CHECK(r.row_begin.size() == 4);
  CHECK(r.targets.size() == 4);
  CHECK(r.weights.size() == 4);
  CHECK(r.delays.size() == 4);
  CHECK(delivered(r, {0, 1, 2}, 4) == naive(ragged, 3, 3, {0, 1, 2}, 4));

  // Two synapses per row, one weight: no offsets, no weight array.
  Projection equal = sparse({0, 0, 1, 1, 2, 2}, {0, 1, 1, 2, 2, 0}, {8, 8, 8, 8, 8, 8});
  r = compile_synapse_rows(equal, 3, 3, 0);
  CHECK(r.row_begin.empty());
  CHECK(r.uniform_row_length == 2);
  CHECK(r.weights.empty());
  CHECK(r.uniform_weight == 8);
  CHECK(delivered(r, {0, 2}, 1) == naive(equal, 3, 3, {0, 2}, 1));

  // Source i -> neuron i / 4 (12 sources, 3 neurons), one delay for all: no targets.
  std::vector<uint32_t> pre, post;
  std::vector<int32_t> w;
  for (uint32_t i = 0; i < 12; ++i) {
    pre.push_back(11 - i);  // order in the projection does not matter
    post.push_back((11 - i) / 4);
    w.push_back(2 * int32_t(i) - 10);
  }
  Projection block = sparse(pre, post, w, std::vector<uint8_t>(12, 5));
  r = compile_synapse_rows(block, 12, 3, 0);
  CHECK(r.targets_per_block == 4);
  CHECK(r.targets.empty());
  CHECK(r.delays.empty());
  CHECK(r.uniform_delay == 5);
  CHECK(delivered(r, {0, 3, 4, 7, 11}, 6) == naive(block, 12, 3, {0, 3, 4, 7, 11}, 6));

  // A permutation is not one-to-one: targets stay.
  Projection shuffled = sparse({0, 1, 2}, {1, 0, 2}, {1, 2, 3});
  r = compile_synapse_rows(shuffled, 3, 3, 0);
  CHECK(r.targets_per_block == 0);
  CHECK(delivered(r, {0, 1}, 1) == naive(shuffled, 3, 3, {0, 1}, 1));

  // Dense with per-synapse delays, transposed to presynaptic rows.
  Projection dense;
  dense.kind = ProjectionKind::Dense;
  dense.sign_mode = SignMode::Mixed;
  dense.weights = {1, 2, 3, 4, 5, 6};  // 3 post x 2 pre
  dense.delays = {0, 1, 2, 3, 4, 5};
  r = compile_synapse_rows(dense, 2, 3, 0);
  CHECK(r.dense);
  CHECK(delivered(r, {0, 1}, 6) == naive(dense, 2, 3, {0, 1}, 6));
}

TEST_CASE("random sparse projections deliver exactly", "[model][synapses]") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 50; ++trial) {
    const uint32_t pre_size = 1 + uint32_t(rng() % 40), post_size = 1 + uint32_t(rng() % 40);
    const std::size_t n = rng() % 300;
    std::vector<uint32_t> pre(n), post(n);
    std::vector<int32_t> w(n);
    std::vector<uint8_t> d(n);
    for (std::size_t k = 0; k < n; ++k) {
      pre[k] = uint32_t(rng() % pre_size);
      post[k] = uint32_t(rng() % post_size);
      w[k] = int32_t(rng() % 512) - 256;
      d[k] = uint8_t(rng() % 5);
    }
    const Projection p = sparse(pre, post, w, d);
    std::vector<uint32_t> spikes;
    for (uint32_t i = 0; i < pre_size; ++i)
      if (rng() % 3 == 0) spikes.push_back(i);
    INFO("trial " << trial);
    CHECK(delivered(compile_synapse_rows(p, pre_size, post_size, 0), spikes, 5) == naive(p, pre_size, post_size, spikes, 5));
  }
}

TEST_CASE("r-to-one delivery divides exactly at the limits", "[model][synapses]") {
  // The largest source (2^24) onto neurons of every block size, spikes at the block edges.
  for (uint32_t r : {1u, 2u, 3u, 7u, 100u, 4095u, 65536u, 1u << 23, 1u << 24}) {
    const uint32_t pre_size = 1u << 24, post_size = pre_size / r;
    if (post_size == 0 || pre_size % r != 0) continue;
    SynapseRows rows;
    rows.pre_size = pre_size;
    rows.post_size = post_size;
    rows.targets_per_block = r;
    rows.uniform_row_length = 1;
    rows.uniform_weight = 1;
    rows.synapses = pre_size;
    std::vector<uint32_t> spikes;
    for (uint32_t block : {0u, 1u, post_size / 2, post_size - 1})
      for (uint32_t edge : {block * r, block * r + r - 1})
        if (edge < pre_size && (spikes.empty() || edge > spikes.back())) spikes.push_back(edge);
    std::vector<int32_t> acc(post_size, 0), expected(post_size, 0);
    std::size_t offset[1] = {0};
    deliver_spikes(rows, spikes, acc.data(), offset);
    for (uint32_t s : spikes) ++expected[s / r];
    INFO("r " << r);
    CHECK(acc == expected);
  }
}
