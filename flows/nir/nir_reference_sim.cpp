#include "flows/nir/nir_reference_sim.hpp"

#include <algorithm>

namespace axomesh::flows {

double euler_fraction(double dt, double tau) { return std::min(1.0, dt / tau); }

namespace {

struct PopulationState {
  std::vector<double> v, current;  // membrane potential, synaptic current (Cuba only)
  std::vector<double> alpha_mem, alpha_syn;
  std::vector<uint32_t> spiked;  // this step's
};

// Per-step spike lists of the inputs, so a delayed delivery can look back.
std::vector<std::vector<std::vector<uint32_t>>> input_spikes_by_step(const NirNetwork& net,
                                                                    const std::vector<NirRaster>& inputs,
                                                                    uint64_t steps) {
  std::vector<std::vector<std::vector<uint32_t>>> by_step(net.inputs.size(),
                                                          std::vector<std::vector<uint32_t>>(steps));
  for (std::size_t k = 0; k < inputs.size() && k < net.inputs.size(); ++k)
    for (uint32_t n = 0; n < inputs[k].size(); ++n)
      for (uint32_t t : inputs[k][n])
        if (t < steps) by_step[k][t].push_back(n);
  return by_step;
}

// A projection's synapses grouped by presynaptic neuron, and the delays it uses.
struct FanOut {
  std::vector<uint32_t> begin;  // synapses of pre n: synapses[begin[n] .. begin[n+1])
  std::vector<NirSynapse> synapses;
  std::vector<uint32_t> delays;
};

FanOut make_fan_out(const NirProjection& proj, uint32_t pre_size) {
  FanOut out;
  out.synapses = proj.synapses;
  std::stable_sort(out.synapses.begin(), out.synapses.end(),
                   [](const NirSynapse& a, const NirSynapse& b) { return a.pre < b.pre; });
  out.begin.assign(pre_size + 1, 0);
  for (const NirSynapse& s : out.synapses) ++out.begin[s.pre + 1];
  for (uint32_t n = 0; n < pre_size; ++n) out.begin[n + 1] += out.begin[n];
  for (const NirSynapse& s : out.synapses) out.delays.push_back(s.delay);
  std::sort(out.delays.begin(), out.delays.end());
  out.delays.erase(std::unique(out.delays.begin(), out.delays.end()), out.delays.end());
  return out;
}

}  // namespace

std::vector<PopulationActivity> run_nir_reference(const NirNetwork& net, const std::vector<NirRaster>& inputs,
                                                  uint64_t steps) {
  const std::size_t pops = net.populations.size();
  std::vector<PopulationState> state(pops);
  std::vector<PopulationActivity> activity(pops);
  for (std::size_t p = 0; p < pops; ++p) {
    const NirPopulation& pop = net.populations[p];
    state[p].v.assign(pop.size, 0.0);
    state[p].current.assign(pop.size, 0.0);
    for (uint32_t n = 0; n < pop.size; ++n) {
      state[p].alpha_mem.push_back(pop.tau_mem.empty() ? 1.0 : euler_fraction(net.dt, pop.tau_mem[n]));
      state[p].alpha_syn.push_back(pop.tau_syn.empty() ? 1.0 : euler_fraction(net.dt, pop.tau_syn[n]));
    }
    activity[p].spike_counts.assign(pop.size, 0);
  }
  const auto input_by_step = input_spikes_by_step(net, inputs, steps);
  // spike_history[p][t]: the neurons of population p that spiked in step t.
  std::vector<std::vector<std::vector<uint32_t>>> spike_history(pops);

  std::vector<FanOut> fan_out;
  for (const NirProjection& proj : net.projections)
    fan_out.push_back(make_fan_out(proj, proj.from_input ? net.inputs[proj.pre].size : net.populations[proj.pre].size));
  std::vector<std::vector<double>> x(pops);
  for (uint64_t t = 0; t < steps; ++t) {
    // (1) spikes sent in step t - 1 - delay arrive.
    for (std::size_t p = 0; p < pops; ++p) x[p].assign(net.populations[p].size, 0.0);
    for (std::size_t k = 0; k < net.projections.size(); ++k) {
      const NirProjection& proj = net.projections[k];
      const FanOut& out = fan_out[k];
      for (uint32_t delay : out.delays) {
        if (t < 1 + uint64_t{delay}) continue;
        const uint64_t sent = t - 1 - delay;
        const std::vector<uint32_t>& spikes =
            proj.from_input ? input_by_step[proj.pre][sent] : spike_history[proj.pre][sent];
        for (uint32_t pre : spikes)
          for (uint32_t i = out.begin[pre]; i < out.begin[pre + 1]; ++i)
            if (out.synapses[i].delay == delay) x[proj.post][out.synapses[i].post] += out.synapses[i].weight;
      }
    }
    // (2) every neuron updates once, (3) and sends its spikes.
    for (std::size_t p = 0; p < pops; ++p) {
      const NirPopulation& pop = net.populations[p];
      PopulationState& st = state[p];
      std::vector<uint32_t> spiked;
      for (uint32_t n = 0; n < pop.size; ++n) {
        const double in = x[p][n] + pop.bias[n];
        double& v = st.v[n];
        const double am = st.alpha_mem[n];
        bool fires = false;
        switch (pop.kind) {
          case NirNeuron::LIF:
          case NirNeuron::LI:
            v += am * (pop.v_leak[n] - v + pop.r[n] * in);
            break;
          case NirNeuron::CubaLIF:
          case NirNeuron::CubaLI: {
            double& i = st.current[n];
            i += st.alpha_syn[n] * (pop.w_in[n] * in - i);
            v += am * (pop.v_leak[n] - v + pop.r[n] * i);
            break;
          }
          case NirNeuron::IF:
          case NirNeuron::I:
            v += pop.r[n] * in;
            break;
          case NirNeuron::Threshold:
            v = in;
            fires = v > pop.v_threshold[n];
            break;
          case NirNeuron::Readout:
            v = in;
            break;
        }
        if (pop.kind == NirNeuron::LIF || pop.kind == NirNeuron::CubaLIF || pop.kind == NirNeuron::IF) {
          fires = v > pop.v_threshold[n];
          if (fires) v = pop.v_reset[n];
        }
        if (fires) {
          spiked.push_back(n);
          ++activity[p].spike_counts[n];
          activity[p].spikes.emplace_back(static_cast<uint32_t>(t), n);
        }
      }
      activity[p].v.insert(activity[p].v.end(), st.v.begin(), st.v.end());
      spike_history[p].push_back(std::move(spiked));
    }
  }
  return activity;
}

}  // namespace axomesh::flows
