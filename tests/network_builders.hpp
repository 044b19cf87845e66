// Small networks built in code for the tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "model/network/network.hpp"

namespace axomesh::test {

// One raster source of `inputs` sources -> one population of `size` neurons.
inline model::Network one_layer(uint32_t inputs, uint32_t size, std::vector<std::vector<uint32_t>> spike_times) {
  model::Network net;
  net.name = "one-layer";
  model::SpikeSource src;
  src.name = "in";
  src.size = inputs;
  src.spike_times = std::move(spike_times);
  net.sources.push_back(src);
  model::Population pop;
  pop.name = "out";
  pop.size = size;
  pop.lif.vth = 131071;
  pop.lif.du = 4095;  // u = this step's input only: makes a_in visible in u
  net.populations.push_back(pop);
  return net;
}

inline model::Projection sparse_projection(const std::string& name, const std::string& pre, const std::string& post) {
  model::Projection p;
  p.name = name;
  p.pre = pre;
  p.post = post;
  p.kind = model::ProjectionKind::Sparse;
  return p;
}

// A seeded random recurrent network with Bernoulli input, mixed weights and delays.
inline model::Network random_network(uint64_t seed, uint32_t size, double density, uint32_t max_delay) {
  std::mt19937_64 rng(seed);
  model::Network net;
  net.name = "random-" + std::to_string(seed);
  model::SpikeSource src;
  src.name = "noise";
  src.size = 32;
  src.kind = model::SourceKind::Bernoulli;
  src.p = 0.2;
  src.seed = seed;
  net.sources.push_back(src);
  model::Population pop;
  pop.name = "net";
  pop.size = size;
  pop.lif.du = 600;
  pop.lif.dv = 300;
  pop.lif.vth = 80;
  pop.lif.bias_mant = 3;
  net.populations.push_back(pop);
  auto add = [&](const std::string& pre, uint32_t pre_size, int32_t w_lo, int32_t w_hi, int exp) {
    model::Projection p = sparse_projection(pre + "_to_net_" + std::to_string(exp), pre, "net");
    p.weight_exp = exp;
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::uniform_int_distribution<int32_t> weight(w_lo, w_hi);
    std::uniform_int_distribution<uint32_t> delay(0, max_delay);
    for (uint32_t i = 0; i < pre_size; ++i)
      for (uint32_t j = 0; j < size; ++j)
        if (coin(rng) < density) {
          p.pre_index.push_back(i);
          p.post_index.push_back(j);
          p.weights.push_back(weight(rng));
          p.delays.push_back(static_cast<uint8_t>(delay(rng)));
        }
    net.projections.push_back(p);
  };
  add("noise", src.size, 0, 255, 1);
  add("net", size, -200, 120, 0);
  add("net", size, -60, 60, -2);
  net.probes.push_back({"net", true, true, true, {}});
  return net;
}

}  // namespace axomesh::test
