#include "model/sim/synapse_rows.hpp"

#include <algorithm>

#include "model/blocks/loihi_lif.hpp"

namespace axomesh::model {

uint32_t SynapseRows::max_delay() const {
  if (delays.empty()) return uniform_delay;
  return *std::max_element(delays.begin(), delays.end());
}

std::size_t SynapseRows::memory_bytes() const {
  return weights.size() * sizeof(int16_t) + row_begin.size() * sizeof(uint64_t) +
         targets.size() * sizeof(uint32_t) + delays.size() * sizeof(uint8_t);
}

template <class T>
static bool all_equal(const std::vector<T>& values) {
  return std::all_of(values.begin(), values.end(), [&](const T& x) { return x == values.front(); });
}

// Drops what one value or a formula can stand for.
static void compress(SynapseRows& rows) {
  if (!rows.weights.empty() && all_equal(rows.weights)) {
    rows.uniform_weight = rows.weights.front();
    rows.weights = {};
  }
  if (!rows.delays.empty() && all_equal(rows.delays)) {
    rows.uniform_delay = rows.delays.front();
    rows.delays = {};
  }
  if (rows.dense) return;
  const uint64_t first_length = rows.row_begin[1];
  bool equal_rows = true;
  for (uint32_t i = 0; i < rows.pre_size && equal_rows; ++i)
    equal_rows = rows.row_begin[i + 1] - rows.row_begin[i] == first_length;
  if (!equal_rows) return;
  rows.uniform_row_length = first_length;
  rows.row_begin = {};
  if (first_length != 1 || rows.pre_size % rows.post_size != 0) return;
  const uint32_t r = rows.pre_size / rows.post_size;
  for (uint32_t i = 0; i < rows.pre_size; ++i)
    if (rows.targets[i] != i / r) return;
  rows.targets_per_block = r;
  rows.targets = {};
}

SynapseRows compile_synapse_rows(const Projection& proj, uint32_t pre_size, uint32_t post_size,
                                 int accumulator_exp) {
  SynapseRows rows;
  rows.dense = proj.kind == ProjectionKind::Dense;
  rows.pre_size = pre_size;
  rows.post_size = post_size;
  rows.synapses = proj.weights.size();
  rows.uniform_delay = proj.delay;
  const int pre_shift = proj.weight_exp - accumulator_exp;
  const SignMode mode = loihi::resolve_sign_mode(proj.sign_mode, proj.weights);
  auto stored_weight = [&](int32_t raw) {
    // Fits int16: |effective| <= 256 and a shift of at most 7 (the validator's exponent
    // span) gives at most 2^15 in magnitude, and only -256 << 7 = -32768 reaches it.
    return static_cast<int16_t>(loihi::shift_by_exponent(loihi::effective_weight(raw, mode, proj.num_weight_bits),
                                                         pre_shift));
  };
  const std::size_t n = proj.weights.size();
  const bool per_synapse_delays = !proj.delays.empty();
  rows.weights.resize(n);
  if (per_synapse_delays) rows.delays.resize(n);

  if (rows.dense) {
    // IR is [post][pre] (Lava's layout); delivery walks a presynaptic row: transpose.
    for (uint32_t post = 0; post < post_size; ++post)
      for (uint32_t pre = 0; pre < pre_size; ++pre) {
        const std::size_t from = std::size_t{post} * pre_size + pre;
        const std::size_t to = std::size_t{pre} * post_size + post;
        rows.weights[to] = stored_weight(proj.weights[from]);
        if (per_synapse_delays) rows.delays[to] = proj.delays[from];
      }
  } else {
    // Counting sort by presynaptic neuron, stable within a row.
    rows.row_begin.assign(std::size_t{pre_size} + 1, 0);
    for (uint32_t pre : proj.pre_index) ++rows.row_begin[pre + 1];
    for (uint32_t i = 0; i < pre_size; ++i) rows.row_begin[i + 1] += rows.row_begin[i];
    std::vector<uint64_t> fill(rows.row_begin.begin(), rows.row_begin.end() - 1);
    rows.targets.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const uint64_t at = fill[proj.pre_index[k]]++;
      rows.targets[at] = proj.post_index[k];
      rows.weights[at] = stored_weight(proj.weights[k]);
      if (per_synapse_delays) rows.delays[at] = proj.delays[k];
    }
  }
  compress(rows);
  return rows;
}

}  // namespace axomesh::model
