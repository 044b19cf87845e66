#include "flows/nir/nir_to_network.hpp"

#include <algorithm>
#include <cmath>

#include "flows/nir/nir_reference_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/blocks/loihi_lif.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::flows {
namespace {

namespace loihi = model::loihi;
constexpr double kStateTarget = 1 << 20;  // the largest |state| a population is scaled to
constexpr int32_t kMaxVth = static_cast<int32_t>(model::limits::kThreshold.hi);
constexpr int32_t kMaxDecay = loihi::kDecayOne - 1;

int32_t to_decay(double fraction) {
  return static_cast<int32_t>(std::clamp<long long>(std::llround(fraction * loihi::kDecayOne), 0, kMaxDecay));
}

// One neuron's discretisation, in NIR units of v (before the population's scale S).
struct NeuronPlan {
  int32_t du = kMaxDecay, dv = kMaxDecay;
  double gain = 1;       // u's increment per unit of input x
  double bias = 0;       // v's increment per step (leak target and the chains' biases)
  double threshold = 0;  // relative to the offset; < 0: never spikes
  double offset = 0;     // NIR v = shifted v + offset (so that v resets to 0)
  double accumulation = 1;  // how many steps of input u can hold (1 / u's decay fraction)
  double settle = 1;        // how many steps of u v can hold (non-spiking kinds)
  bool capped = false;
};

NeuronPlan plan_neuron(const NirPopulation& pop, uint32_t n, double dt) {
  NeuronPlan p;
  const double b = pop.bias[n];
  auto membrane = [&](bool spikes) {
    const double am = euler_fraction(dt, pop.tau_mem[n]);
    p.capped = p.capped || dt > pop.tau_mem[n];
    p.dv = to_decay(am);
    p.offset = spikes ? pop.v_reset[n] : 0.0;
    p.threshold = spikes ? pop.v_threshold[n] - pop.v_reset[n] : -1;
    p.settle = spikes ? 1 : 1 / std::max(am, 1.0 / loihi::kDecayOne);
    return am;
  };
  switch (pop.kind) {
    case NirNeuron::LIF:
    case NirNeuron::LI: {
      const double am = membrane(pop.kind == NirNeuron::LIF);
      p.gain = am * pop.r[n];
      p.bias = am * (pop.v_leak[n] - p.offset + pop.r[n] * b);
      break;
    }
    case NirNeuron::CubaLIF:
    case NirNeuron::CubaLI: {
      const double am = membrane(pop.kind == NirNeuron::CubaLIF);
      const double as = euler_fraction(dt, pop.tau_syn[n]);
      p.capped = p.capped || dt > pop.tau_syn[n];
      p.du = std::max(0, to_decay(as) - 1);  // u decays by (du + 1) / 4096
      p.gain = am * pop.r[n] * as * pop.w_in[n];
      // The bias enters v directly: the synaptic filter's steady state, without its rise.
      p.bias = am * (pop.v_leak[n] - p.offset + pop.r[n] * pop.w_in[n] * b);
      p.accumulation = double{loihi::kDecayOne} / (p.du + 1);
      break;
    }
    case NirNeuron::IF:
    case NirNeuron::I:
      p.dv = 0;
      p.gain = pop.r[n];
      p.bias = pop.r[n] * b;
      p.offset = pop.kind == NirNeuron::IF ? pop.v_reset[n] : 0.0;
      p.threshold = pop.kind == NirNeuron::IF ? pop.v_threshold[n] - pop.v_reset[n] : -1;
      p.settle = pop.kind == NirNeuron::IF ? 1 : 64;  // an integrator: room for 64 steps of input
      break;
    case NirNeuron::Threshold:  // v holds this step's input minus the threshold
      p.bias = b - pop.v_threshold[n];
      p.offset = pop.v_threshold[n];
      p.threshold = 0;
      break;
    case NirNeuron::Readout:
      p.bias = b;
      p.threshold = -1;
      break;
  }
  return p;
}

// The largest weight mantissa of a sign mode, and the step between mantissas.
struct MantissaRange {
  int32_t lo, hi, step;
};

MantissaRange mantissa_range(model::SignMode mode, int num_weight_bits) {
  const int dropped = loihi::kMaxWeightBits - num_weight_bits + (mode == model::SignMode::Mixed ? 1 : 0);
  const int32_t step = 1 << dropped;
  const int32_t top = (255 / step) * step;
  if (mode == model::SignMode::Mixed) return {-256, top, step};
  if (mode == model::SignMode::Inhibitory) return {-top, 0, step};
  return {0, top, step};
}

}  // namespace

double decode_voltage(const NirPopulation&, const PopulationQuantisation& q, uint32_t neuron, int32_t v_fixed) {
  return v_fixed / q.scale + q.offset[neuron];
}

NirQuantisation quantise_nir_network(const NirNetwork& net, const QuantisationOptions& options) {
  NirQuantisation out;
  out.network.name = net.name;
  const double dt = net.dt;
  std::vector<std::vector<NeuronPlan>> plans(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p)
    for (uint32_t n = 0; n < net.populations[p].size; ++n) plans[p].push_back(plan_neuron(net.populations[p], n, dt));

  // Per neuron, the largest input one step can bring (every synapse at once).
  std::vector<std::vector<double>> worst_input(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) worst_input[p].assign(net.populations[p].size, 0.0);
  for (const NirProjection& proj : net.projections)
    for (const NirSynapse& s : proj.synapses) worst_input[proj.post][s.post] += std::abs(s.weight);

  // The scale S of each population: its largest state magnitude maps to 2^20.
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const NirPopulation& pop = net.populations[p];
    PopulationQuantisation q;
    q.name = pop.name;
    q.kind = pop.kind;
    double range = 0;
    for (uint32_t n = 0; n < pop.size; ++n) {
      const NeuronPlan& plan = plans[p][n];
      const double u_max = worst_input[p][n] * std::abs(plan.gain) * plan.accumulation;
      range = std::max({range, plan.threshold, std::abs(plan.offset), (u_max + std::abs(plan.bias)) * plan.settle});
      q.offset.push_back(plan.offset);
      if (plan.capped) ++q.capped_decays;
    }
    q.scale = range > 0 ? kStateTarget / range : kStateTarget;
    model::Population mp;
    mp.name = pop.name;
    mp.size = pop.size;
    std::vector<int32_t> du, dv, vth, bias_mant, bias_exp, v_init;
    for (uint32_t n = 0; n < pop.size; ++n) {
      const NeuronPlan& plan = plans[p][n];
      du.push_back(plan.du);
      dv.push_back(plan.dv);
      const double threshold = plan.threshold * q.scale / (1 << loihi::kThresholdShift);
      vth.push_back(plan.threshold < 0 ? kMaxVth
                                       : static_cast<int32_t>(std::clamp<long long>(std::llround(threshold), 0, kMaxVth)));
      if (plan.threshold > 0)
        q.max_threshold_error = std::max(q.max_threshold_error, std::abs(vth.back() - threshold) / threshold);
      // bias = mantissa << exponent: the smallest exponent that fits 13 signed bits.
      const double bias = plan.bias * q.scale;
      int exp = 0;
      while (exp < model::limits::kBiasExp.hi && std::abs(bias) / std::ldexp(1.0, exp) > model::limits::kBiasMant.hi) ++exp;
      bias_exp.push_back(exp);
      bias_mant.push_back(static_cast<int32_t>(std::clamp<long long>(std::llround(std::ldexp(bias, -exp)),
                                                                     model::limits::kBiasMant.lo, model::limits::kBiasMant.hi)));
      v_init.push_back(static_cast<int32_t>(std::llround(-plan.offset * q.scale)));
      const double tau_mem = pop.tau_mem.empty() ? 0 : pop.tau_mem[n];
      if (tau_mem > 0 && !plan.capped && plan.dv > 0)
        q.max_tau_mem_error = std::max(q.max_tau_mem_error, std::abs(dt * loihi::kDecayOne / plan.dv - tau_mem) / tau_mem);
      if (!pop.tau_syn.empty() && !plan.capped)
        q.max_tau_syn_error = std::max(q.max_tau_syn_error,
                                       std::abs(dt * loihi::kDecayOne / (plan.du + 1) - pop.tau_syn[n]) / pop.tau_syn[n]);
    }
    mp.lif.du = model::PerNeuron<int32_t>(du);
    mp.lif.dv = model::PerNeuron<int32_t>(dv);
    mp.lif.vth = model::PerNeuron<int32_t>(vth);
    mp.lif.bias_mant = model::PerNeuron<int32_t>(bias_mant);
    mp.lif.bias_exp = model::PerNeuron<int32_t>(bias_exp);
    mp.lif.v_init = model::PerNeuron<int32_t>(v_init);
    out.network.populations.push_back(std::move(mp));
    out.network.probes.push_back({pop.name, true, false, !is_spiking(pop.kind), {}});
    if (q.capped_decays)
      out.warnings.push_back("population \"" + pop.name + "\": " + std::to_string(q.capped_decays) +
                             " neurons have a time constant shorter than dt = " + std::to_string(dt) +
                             " s; their Euler step is capped at 1 (a smaller --dt follows the ODE)");
    out.populations.push_back(std::move(q));
  }
  for (const NirInput& input : net.inputs) {
    model::SpikeSource source;
    source.name = input.name;
    source.size = input.size;
    source.spike_times.resize(input.size);
    out.network.sources.push_back(std::move(source));
  }

  // Weights: a_in units are 2^-6 of v's; A = S * gain * w / 64 is what each synapse should add.
  struct Planned {
    std::vector<double> target;
    model::SignMode mode;
    int exp;
  };
  std::vector<Planned> planned;
  for (const NirProjection& proj : net.projections) {
    Planned pl;
    double lo = 0, hi = 0, largest = 0;
    for (const NirSynapse& s : proj.synapses) {
      const double a = out.populations[proj.post].scale * plans[proj.post][s.post].gain * s.weight /
                       (1 << loihi::kInputShift);
      pl.target.push_back(a);
      lo = std::min(lo, a);
      hi = std::max(hi, a);
      largest = std::max(largest, std::abs(a));
      if (s.delay > static_cast<uint32_t>(options.max_delay))
        throw model::InputError({{"NIR-0204", "projection " + proj.name,
                                  "expected synaptic delays of at most " + std::to_string(options.max_delay) +
                                      " steps (the target's), found " + std::to_string(s.delay) +
                                      " steps; a larger --dt needs fewer steps"}},
                                net.name);
    }
    pl.mode = lo >= 0 ? model::SignMode::Excitatory : hi <= 0 ? model::SignMode::Inhibitory : model::SignMode::Mixed;
    const MantissaRange range = mantissa_range(pl.mode, options.num_weight_bits);
    const double top = std::max(range.hi, -range.lo == 256 ? range.hi : -range.lo);
    pl.exp = largest > 0 ? static_cast<int>(std::ceil(std::log2(largest / top))) : 0;
    pl.exp = std::clamp(pl.exp, loihi::kMinWeightExp, loihi::kMaxWeightExp);
    planned.push_back(std::move(pl));
  }
  // Projections into one population may span at most 7 in weight_exp (16-bit stored weights).
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    int top = loihi::kMinWeightExp;
    for (std::size_t k = 0; k < planned.size(); ++k)
      if (net.projections[k].post == p) top = std::max(top, planned[k].exp);
    for (std::size_t k = 0; k < planned.size(); ++k)
      if (net.projections[k].post == p) planned[k].exp = std::max(planned[k].exp, top - 7);
  }
  for (std::size_t k = 0; k < planned.size(); ++k) {
    const NirProjection& proj = net.projections[k];
    const Planned& pl = planned[k];
    const MantissaRange range = mantissa_range(pl.mode, options.num_weight_bits);
    model::Projection mp;
    mp.name = proj.name;
    mp.pre = proj.from_input ? net.inputs[proj.pre].name : net.populations[proj.pre].name;
    mp.post = net.populations[proj.post].name;
    mp.kind = model::ProjectionKind::Sparse;
    mp.weight_exp = pl.exp;
    mp.num_weight_bits = options.num_weight_bits;
    mp.sign_mode = pl.mode;
    ProjectionQuantisation q;
    q.name = proj.name;
    q.pre = mp.pre;
    q.post = mp.post;
    q.synapses = proj.synapses.size();
    q.weight_exp = pl.exp;
    double sum_error = 0, sum_weight = 0, largest = 0, max_error = 0;
    bool any_delay = false;
    for (std::size_t i = 0; i < proj.synapses.size(); ++i) {
      const NirSynapse& s = proj.synapses[i];
      const double mantissa = std::ldexp(pl.target[i], -pl.exp);
      const auto rounded = static_cast<int32_t>(std::llround(mantissa / range.step)) * range.step;
      const int32_t m = std::clamp(rounded, range.lo, range.hi);
      if (m != rounded) ++q.clipped;
      if (m == 0 && s.weight != 0) ++q.flushed;
      const double back = pl.target[i] == 0 ? 0 : s.weight * std::ldexp(m, pl.exp) / pl.target[i];
      sum_error += (back - s.weight) * (back - s.weight);
      sum_weight += s.weight * s.weight;
      largest = std::max(largest, std::abs(s.weight));
      max_error = std::max(max_error, std::abs(back - s.weight));
      mp.weights.push_back(m);
      mp.pre_index.push_back(s.pre);
      mp.post_index.push_back(s.post);
      mp.delays.push_back(static_cast<uint8_t>(s.delay));
      any_delay = any_delay || s.delay != 0;
    }
    if (!any_delay) mp.delays.clear();
    q.max_relative_error = largest > 0 ? max_error / largest : 0;
    q.rms_relative_error = sum_weight > 0 ? std::sqrt(sum_error / sum_weight) : 0;
    out.network.projections.push_back(std::move(mp));
    out.projections.push_back(q);
  }
  return out;
}

}  // namespace axomesh::flows
