#include "bench/layered_network.hpp"

#include <random>
#include <string>

namespace axomesh::bench {

model::Network layered_network(const LayeredShape& s, uint64_t seed) {
  std::mt19937_64 rng(seed);
  model::Network net;
  net.name = "layered-" + std::to_string(s.layers) + "x" + std::to_string(s.width);
  model::SpikeSource input;
  input.name = "input";
  input.size = s.width;
  input.kind = model::SourceKind::Bernoulli;
  input.p = 0.02;
  input.seed = seed;
  net.sources.push_back(input);
  auto layer_name = [](uint32_t l) { return "layer" + std::to_string(l); };
  for (uint32_t l = 0; l < s.layers; ++l) {
    model::Population pop;
    pop.name = layer_name(l);
    pop.size = s.width;
    pop.lif.du = 1024;
    pop.lif.dv = 256;
    pop.lif.vth = 300;
    net.populations.push_back(pop);
  }
  std::uniform_int_distribution<uint32_t> hub(0, (s.width - 1) / s.hub_stride);
  std::uniform_int_distribution<int32_t> weight(20, 60);
  for (uint32_t l = 0; l < s.layers; ++l) {
    const std::string below = l == 0 ? "input" : layer_name(l - 1);
    const std::string far = l < 2 ? "input" : layer_name(l - 2);
    model::Projection local;
    local.name = layer_name(l) + "_local";
    local.pre = below;
    local.post = layer_name(l);
    local.kind = model::ProjectionKind::Sparse;
    local.sign_mode = model::SignMode::Mixed;
    local.delay = 1;
    model::Projection remote = local;
    remote.name = layer_name(l) + "_long_range";
    remote.pre = far;
    remote.delay = 0;
    local.pre_index.reserve(std::size_t{s.width} * s.local);
    local.post_index.reserve(std::size_t{s.width} * s.local);
    local.weights.reserve(std::size_t{s.width} * s.local);
    for (uint32_t j = 0; j < s.width; ++j) {
      for (uint32_t k = 0; k < s.local; ++k) {
        const int64_t pre = int64_t{j} + int64_t{k} - s.local / 2;
        local.pre_index.push_back(static_cast<uint32_t>((pre + s.width) % s.width));
        local.post_index.push_back(j);
        local.weights.push_back(k % 5 == 0 ? -2 * weight(rng) : weight(rng) / 4);
      }
      for (uint32_t k = 0; k < s.long_range; ++k) {
        remote.pre_index.push_back(hub(rng) * s.hub_stride);
        remote.post_index.push_back(j);
        remote.weights.push_back(weight(rng) / 2);
        remote.delays.push_back(static_cast<uint8_t>(1 + k % 3));
      }
    }
    net.projections.push_back(std::move(local));
    net.projections.push_back(std::move(remote));
  }
  return net;
}

}  // namespace axomesh::bench
