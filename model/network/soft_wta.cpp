#include "model/network/soft_wta.hpp"

namespace axomesh::model {

SoftWtaParams::SoftWtaParams() {
  excitatory.du = 1024;  // synaptic current decays to 3/4 each step
  excitatory.dv = 256;   // membrane leaks 1/16 each step
  excitatory.vth = 250;
  inhibitory.du = 2048;
  inhibitory.dv = 512;
  inhibitory.vth = 300;
}

namespace {

Projection projection(const std::string& name, const std::string& pre, const std::string& post, ProjectionKind kind) {
  Projection p;
  p.name = name;
  p.pre = pre;
  p.post = post;
  p.kind = kind;
  return p;
}

}  // namespace

Network build_soft_wta(const SoftWtaParams& s) {
  const auto channels = static_cast<uint32_t>(s.input_rates_hz.size());
  Network net;
  net.name = s.name;

  Population exc;
  exc.name = "exc";
  exc.size = channels * s.pool_size;
  exc.lif = s.excitatory;
  net.populations.push_back(exc);
  Population inh;
  inh.name = "inh";
  inh.size = s.inhibitory_size;
  inh.lif = s.inhibitory;
  net.populations.push_back(inh);

  for (uint32_t c = 0; c < channels; ++c) {
    SpikeSource src;
    src.name = "input" + std::to_string(c);
    src.size = s.pool_size;
    src.kind = SourceKind::Poisson;
    src.rate_hz = s.input_rates_hz[c];
    src.dt_ms = s.dt_ms;
    src.seed = s.input_seed + c;
    net.sources.push_back(src);
    Projection p = projection(src.name + "_to_exc", src.name, "exc", ProjectionKind::Sparse);
    for (uint32_t i = 0; i < s.pool_size; ++i)
      for (uint32_t k = 0; k < s.input_fanout; ++k) {
        p.pre_index.push_back(i);
        p.post_index.push_back(c * s.pool_size + (i + k) % s.pool_size);
        p.weights.push_back(s.input_weight);
        p.delays.push_back(static_cast<uint8_t>(k));
      }
    net.projections.push_back(p);
  }

  if (s.inhibition) {
    Projection e2i = projection("exc_to_inh", "exc", "inh", ProjectionKind::Dense);
    e2i.weights.assign(std::size_t{inh.size} * exc.size, s.excitation_weight);
    e2i.delay = s.excitation_delay;
    net.projections.push_back(e2i);
    Projection i2e = projection("inh_to_exc", "inh", "exc", ProjectionKind::Dense);
    i2e.weights.assign(std::size_t{exc.size} * inh.size, s.inhibition_weight);
    i2e.weight_exp = s.inhibition_weight_exp;
    net.projections.push_back(i2e);
  }

  if (s.recurrence) {
    Projection e2e = projection("exc_to_exc", "exc", "exc", ProjectionKind::Sparse);
    for (uint32_t c = 0; c < channels; ++c)
      for (uint32_t i = 0; i < s.pool_size; ++i)
        for (uint32_t j = 0; j < s.pool_size; ++j)
          if (i != j) {
            e2e.pre_index.push_back(c * s.pool_size + i);
            e2e.post_index.push_back(c * s.pool_size + j);
            e2e.weights.push_back(s.recurrent_weight);
          }
    e2e.delay = s.recurrent_delay;
    net.projections.push_back(e2e);
  }

  net.probes.push_back({"exc", true, false, false, {}});
  std::vector<uint32_t> first_of_pool;
  for (uint32_t c = 0; c < channels; ++c) first_of_pool.push_back(c * s.pool_size);
  net.probes.push_back({"exc", false, false, true, first_of_pool});
  net.probes.push_back({"inh", true, false, false, {}});
  return net;
}

}  // namespace axomesh::model
