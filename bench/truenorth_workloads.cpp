// Conversion of a loihi_lif workload to truenorth populations:
//
// 1. Every population becomes a truenorth population of the same name and size: s_0 = +2
//    on excitatory axons (type 0), s_1 = -10 on inhibitory ones (type 1; lif-sparse's
//    inhibition is 5x excitation), threshold 20, reset to 0, V floored at 0 (beta = 0,
//    kappa = 1). A population driven by a source with one synapse per presynaptic
//    neuron (Brian2's PoissonInput, lif-sparse's 100 per neuron) loses that source: its
//    drive becomes a stochastic positive leak (lambda = 63: V += 1 with probability 1/4
//    per step), which needs no axons. Other populations (ff-layers) get a deterministic
//    leak of -1.
// 2. Every projection keeps its pairs with crossbar bits: a presynaptic neuron's axon type
//    is the sign of the sum of its weights in the projection (0: excitatory, 1:
//    inhibitory); a synapse keeps its bit when its weight is non-zero with that sign.
// 3. Each 256-neuron block of a population takes at most `axons_per_core` input axons: the
//    (projection, presynaptic neuron) pairs with the most bits into the block, ties to the
//    lower projection and neuron; the other pairs lose their bits into that block.
// 4. Delays become at least 1 (TrueNorth axon delays are 1..15), which also leaves room
//    for one level of splitter neurons on every edge.
#include "bench/truenorth_workloads.hpp"

#include <algorithm>

namespace axomesh::bench {
namespace {

constexpr uint32_t kBlock = 256;

struct Bit {
  uint32_t pre, post;
};

bool is_drive(const model::Network& lif, const model::Projection& p) {
  if (!lif.find_source(p.pre) || p.kind != model::ProjectionKind::Sparse) return false;
  std::vector<uint32_t> seen(*lif.size_of(p.pre), 0);
  for (uint32_t i : p.pre_index)
    if (++seen[i] > 1) return false;
  return true;
}

}  // namespace

model::Network truenorth_workload(const model::Network& lif, uint32_t axons_per_core) {
  model::Network tn;
  tn.name = lif.name + "-truenorth";
  std::vector<bool> driven(lif.populations.size(), false);
  for (const model::Projection& p : lif.projections)
    if (is_drive(lif, p)) driven[*lif.find_population(p.post)] = true;
  for (std::size_t k = 0; k < lif.populations.size(); ++k) {
    const model::Population& from = lif.populations[k];
    model::Population pop;
    pop.name = from.name;
    pop.size = from.size;
    pop.model = model::NeuronModel::TrueNorth;
    pop.seed = k + 1;
    pop.tn.weight[0] = model::PerNeuron<int32_t>(2);
    pop.tn.weight[1] = model::PerNeuron<int32_t>(-10);
    pop.tn.threshold = model::PerNeuron<int32_t>(20);
    pop.tn.negative_saturate = model::PerNeuron<int32_t>(1);
    pop.tn.leak = model::PerNeuron<int32_t>(driven[k] ? 63 : -1);
    pop.tn.stochastic_leak = model::PerNeuron<int32_t>(driven[k] ? 1 : 0);
    tn.populations.push_back(pop);
  }
  for (const model::SpikeSource& s : lif.sources) {
    bool used = false;
    for (const model::Projection& p : lif.projections) used = used || (p.pre == s.name && !is_drive(lif, p));
    if (used) tn.sources.push_back(s);
  }
  // Bits and axon types of every kept projection.
  struct Converted {
    model::Projection proj;
    std::vector<Bit> bits;
  };
  std::vector<Converted> converted;
  for (const model::Projection& p : lif.projections) {
    if (is_drive(lif, p)) continue;
    const uint32_t pre_size = *lif.size_of(p.pre);
    const bool dense = p.kind == model::ProjectionKind::Dense;
    auto pre_of = [&](std::size_t k) { return dense ? static_cast<uint32_t>(k % pre_size) : p.pre_index[k]; };
    auto post_of = [&](std::size_t k) { return dense ? static_cast<uint32_t>(k / pre_size) : p.post_index[k]; };
    std::vector<int64_t> sum(pre_size, 0);
    for (std::size_t k = 0; k < p.weights.size(); ++k) sum[pre_of(k)] += p.weights[k];
    Converted c;
    c.proj.name = p.name;
    c.proj.pre = p.pre;
    c.proj.post = p.post;
    c.proj.kind = model::ProjectionKind::Sparse;
    c.proj.delay = std::max<uint32_t>(p.delay, 1);
    c.proj.axon_types.resize(pre_size);
    for (uint32_t i = 0; i < pre_size; ++i) c.proj.axon_types[i] = sum[i] >= 0 ? 0 : 1;
    for (std::size_t k = 0; k < p.weights.size(); ++k) {
      const int32_t w = p.weights[k];
      const uint32_t i = pre_of(k);
      if (w != 0 && (w > 0) == (c.proj.axon_types[i] == 0)) c.bits.push_back({i, post_of(k)});
    }
    converted.push_back(std::move(c));
  }
  // Per post block, the busiest (projection, presynaptic neuron) pairs keep their axons.
  // count[c][pre * blocks + b]: bits of pair (c, pre) into block b of the post population.
  std::vector<std::vector<uint32_t>> count(converted.size());
  std::vector<uint32_t> blocks_of(converted.size());
  for (std::size_t c = 0; c < converted.size(); ++c) {
    blocks_of[c] = (*tn.size_of(converted[c].proj.post) + kBlock - 1) / kBlock;
    count[c].assign(std::size_t{*lif.size_of(converted[c].proj.pre)} * blocks_of[c], 0);
    for (const Bit& bit : converted[c].bits) ++count[c][std::size_t{bit.pre} * blocks_of[c] + bit.post / kBlock];
  }
  for (const model::Population& post : tn.populations) {
    const uint32_t blocks = (post.size + kBlock - 1) / kBlock;
    for (uint32_t b = 0; b < blocks; ++b) {
      struct Pair {
        uint32_t bits;
        std::size_t c;
        uint32_t pre;
      };
      std::vector<Pair> ranked;
      for (std::size_t c = 0; c < converted.size(); ++c)
        if (converted[c].proj.post == post.name)
          for (uint32_t pre = 0; pre < count[c].size() / blocks; ++pre)
            if (count[c][std::size_t{pre} * blocks + b] > 0) ranked.push_back({count[c][std::size_t{pre} * blocks + b], c, pre});
      std::stable_sort(ranked.begin(), ranked.end(), [](const Pair& x, const Pair& y) { return x.bits > y.bits; });
      for (std::size_t r = axons_per_core; r < ranked.size(); ++r)
        count[ranked[r].c][std::size_t{ranked[r].pre} * blocks + b] = 0;  // dropped
    }
  }
  for (std::size_t c = 0; c < converted.size(); ++c) {
    auto& bits = converted[c].bits;
    bits.erase(std::remove_if(bits.begin(), bits.end(),
                              [&](const Bit& x) { return count[c][std::size_t{x.pre} * blocks_of[c] + x.post / kBlock] == 0; }),
               bits.end());
  }
  for (Converted& c : converted) {
    for (const Bit& bit : c.bits) {
      c.proj.pre_index.push_back(bit.pre);
      c.proj.post_index.push_back(bit.post);
      c.proj.weights.push_back(1);
    }
    tn.projections.push_back(std::move(c.proj));
  }
  return tn;
}

}  // namespace axomesh::bench
