#include "flows/demo_network.hpp"

#include <string>

namespace spikeforge::flows {

model::Network demo_network() {
  constexpr uint32_t kChannels = 4;
  constexpr uint32_t kPool = 8;  // excitatory neurons per channel
  constexpr uint32_t kInhibitory = 8;
  const double rates_hz[kChannels] = {10.0, 20.0, 30.0, 40.0};

  model::Network net;
  net.name = "demo-soft-wta";

  model::Population exc;
  exc.name = "exc";
  exc.size = kChannels * kPool;
  exc.lif.du = 1024;  // synaptic current decays to 3/4 each step
  exc.lif.dv = 256;   // membrane leaks 1/16 each step
  exc.lif.vth = 250;
  net.populations.push_back(exc);

  model::Population inh;
  inh.name = "inh";
  inh.size = kInhibitory;
  inh.lif.du = 2048;
  inh.lif.dv = 512;
  inh.lif.vth = 300;
  net.populations.push_back(inh);

  for (uint32_t c = 0; c < kChannels; ++c) {
    model::SpikeSource src;
    src.name = "input" + std::to_string(c);
    src.size = kPool;
    src.kind = model::SourceKind::Poisson;
    src.rate_hz = rates_hz[c];
    src.dt_ms = 1.0;
    src.seed = 1000 + c;
    net.sources.push_back(src);

    // Each input drives four neurons of its pool, with delays 0..3 steps.
    model::Projection p;
    p.name = "input" + std::to_string(c) + "_to_exc";
    p.pre = src.name;
    p.post = "exc";
    p.kind = model::ProjectionKind::Sparse;
    for (uint32_t i = 0; i < kPool; ++i)
      for (uint32_t k = 0; k < 4; ++k) {
        p.pre_index.push_back(i);
        p.post_index.push_back(c * kPool + (i + k) % kPool);
        p.weights.push_back(100);
        p.delays.push_back(static_cast<uint8_t>(k));
      }
    net.projections.push_back(p);
  }

  // Every excitatory neuron excites every inhibitory one (dense, one step of delay)...
  model::Projection e2i;
  e2i.name = "exc_to_inh";
  e2i.pre = "exc";
  e2i.post = "inh";
  e2i.kind = model::ProjectionKind::Dense;
  e2i.weights.assign(std::size_t{kInhibitory} * exc.size, 80);
  e2i.delay = 1;
  net.projections.push_back(e2i);

  // ...and every inhibitory neuron inhibits every excitatory one.
  model::Projection i2e;
  i2e.name = "inh_to_exc";
  i2e.pre = "inh";
  i2e.post = "exc";
  i2e.kind = model::ProjectionKind::Dense;
  i2e.weights.assign(std::size_t{exc.size} * kInhibitory, -120);
  i2e.weight_exp = 1;
  net.projections.push_back(i2e);

  // Recurrent self-excitation inside each pool keeps the winner going.
  model::Projection e2e;
  e2e.name = "exc_to_exc";
  e2e.pre = "exc";
  e2e.post = "exc";
  e2e.kind = model::ProjectionKind::Sparse;
  for (uint32_t c = 0; c < kChannels; ++c)
    for (uint32_t i = 0; i < kPool; ++i)
      for (uint32_t j = 0; j < kPool; ++j)
        if (i != j) {
          e2e.pre_index.push_back(c * kPool + i);
          e2e.post_index.push_back(c * kPool + j);
          e2e.weights.push_back(24);
        }
  e2e.delay = 2;
  net.projections.push_back(e2e);

  net.probes.push_back({"exc", true, false, false, {}});
  net.probes.push_back({"exc", false, false, true, {0, kPool, 2 * kPool, 3 * kPool}});
  net.probes.push_back({"inh", true, false, false, {}});
  return net;
}

}  // namespace spikeforge::flows
