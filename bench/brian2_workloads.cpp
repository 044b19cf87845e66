#include "bench/brian2_workloads.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

namespace axomesh::bench {
namespace {

// brian2_bench.py's model: dv/dt = (I - v)/tau_m, dI/dt = -I/tau_s, dt = 1 ms, v_th = 1.
constexpr double kTauM = 20.0, kTauS = 5.0, kDt = 1.0;

struct Connectivity {
  std::vector<int32_t> pre, post;
  std::vector<double> w;
};

template <class T>
std::vector<T> read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + path);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<T> out(bytes / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size() * sizeof(T)));
  return out;
}

Connectivity read_export(const std::string& dir, const std::string& prefix) {
  return {read_raw<int32_t>(dir + "/" + prefix + "pre.bin"), read_raw<int32_t>(dir + "/" + prefix + "post.bin"),
          read_raw<double>(dir + "/" + prefix + "w.bin")};
}

// Loihi constants of the float model. The current decays by (du+1)/4096 per step and the
// voltage by dv/4096 (Loihi's v integrates u every step). Voltage units: one unit of the
// float model's v is `scale` units of Loihi's v; `scale` is chosen so that a spike of
// integer weight `w` moves v by the same total (the integral of the PSP) in both models.
struct FixedPoint {
  int32_t du, dv, vth;
  double scale;
};

FixedPoint fixed_point(double float_weight, int32_t integer_weight, int weight_exp) {
  const double a_vv = std::exp(-kDt / kTauM), a_ii = std::exp(-kDt / kTauS);
  const double a_vi = kTauS / (kTauM - kTauS) * (a_vv - a_ii);
  FixedPoint f;
  f.du = static_cast<int32_t>(std::lround(4096 * (1 - a_ii))) - 1;
  f.dv = static_cast<int32_t>(std::lround(4096 * (1 - a_vv)));
  const double f_u = (4096.0 - f.du - 1) / 4096, f_v = (4096.0 - f.dv) / 4096;
  const double float_integral = float_weight * a_vi / ((1 - a_ii) * (1 - a_vv));
  const double fixed_integral = integer_weight * std::ldexp(64.0, weight_exp) / ((1 - f_u) * (1 - f_v));
  f.scale = fixed_integral / float_integral;
  f.vth = static_cast<int32_t>(std::lround(f.scale / 64.0));  // v_th = 1
  return f;
}

model::Population lif_population(const std::string& name, uint32_t size, const FixedPoint& f, std::mt19937_64& rng) {
  model::Population pop;
  pop.name = name;
  pop.size = size;
  pop.lif.du = f.du;
  pop.lif.dv = f.dv;
  pop.lif.vth = f.vth;
  // brian2_bench.py starts v uniform in [0, v_th).
  std::uniform_int_distribution<int32_t> v0(0, f.vth * 64 - 1);
  std::vector<int32_t> v(size);
  for (int32_t& x : v) x = v0(rng);
  pop.lif.v_init = model::PerNeuron<int32_t>(std::move(v));
  return pop;
}

model::Projection sparse(const std::string& name, const std::string& pre, const std::string& post) {
  model::Projection p;
  p.name = name;
  p.pre = pre;
  p.post = post;
  p.kind = model::ProjectionKind::Sparse;
  p.sign_mode = model::SignMode::Mixed;
  return p;
}

// Recurrent E/I network: excitatory weight J -> 20, inhibitory -g J -> -100, external
// w_ext -> 40 (mixed sign mode keeps even weights exactly).
Workload recurrent(const std::string& name, const std::string& export_dir, uint64_t seed) {
  const bool large = name == "lif-large";
  const uint32_t n = large ? 100000 : 10000;
  const uint32_t n_exc = n * 4 / 5;
  const double j = 0.1, g = 5.0, w_ext = 0.2, rate_ext_hz = 10.0;
  const uint32_t n_ext = 100;
  const int32_t w_int = 20;
  std::mt19937_64 rng(seed);
  Connectivity c;
  if (!export_dir.empty()) {
    c = read_export(export_dir, "");
  } else if (large) {  // fixed in-degree: 80 excitatory and 20 inhibitory inputs per neuron
    for (uint32_t post = 0; post < n; ++post)
      for (auto [lo, hi, k] : {std::tuple{0u, n_exc, 80u}, std::tuple{n_exc, n, 20u}}) {
        std::uniform_int_distribution<uint32_t> pick(lo, hi - 1);
        std::vector<uint32_t> chosen;
        while (chosen.size() < k) {
          const uint32_t pre = pick(rng);
          if (pre != post && std::find(chosen.begin(), chosen.end(), pre) == chosen.end()) chosen.push_back(pre);
        }
        for (uint32_t pre : chosen) {
          c.pre.push_back(static_cast<int32_t>(pre));
          c.post.push_back(static_cast<int32_t>(post));
        }
      }
  } else {  // Bernoulli(0.02) for every ordered pair
    std::bernoulli_distribution coin(0.02);
    for (uint32_t pre = 0; pre < n; ++pre)
      for (uint32_t post = 0; post < n; ++post)
        if (pre != post && coin(rng)) {
          c.pre.push_back(static_cast<int32_t>(pre));
          c.post.push_back(static_cast<int32_t>(post));
        }
  }
  const FixedPoint f = fixed_point(j, w_int, 0);
  Workload wl;
  wl.connectivity = export_dir.empty() ? "generated" : "brian2 export";
  wl.network.name = name;
  wl.network.populations.push_back(lif_population("neurons", n, f, rng));
  model::Projection rec = sparse("recurrent", "neurons", "neurons");
  rec.pre_index.assign(c.pre.begin(), c.pre.end());
  rec.post_index.assign(c.post.begin(), c.post.end());
  rec.weights.resize(c.pre.size());
  for (std::size_t k = 0; k < c.pre.size(); ++k)
    rec.weights[k] = static_cast<uint32_t>(c.pre[k]) < n_exc ? w_int : -static_cast<int32_t>(g * w_int);
  wl.network_synapses = rec.weights.size();
  wl.network.projections.push_back(std::move(rec));

  // Brian2's PoissonInput adds Binomial(N_ext, rate dt) events of w_ext to I each step;
  // the same law: N_ext Bernoulli sources per neuron, each with one synapse.
  model::SpikeSource drive;
  drive.name = "drive";
  drive.size = n * n_ext;
  drive.kind = model::SourceKind::Bernoulli;
  drive.p = rate_ext_hz * kDt * 1e-3;
  drive.seed = seed + 1;
  wl.network.sources.push_back(drive);
  model::Projection ext = sparse("drive_to_neurons", "drive", "neurons");
  ext.pre_index.resize(drive.size);
  ext.post_index.resize(drive.size);
  for (uint32_t k = 0; k < drive.size; ++k) {
    ext.pre_index[k] = k;
    ext.post_index[k] = k / n_ext;
  }
  ext.weights.assign(drive.size, static_cast<int32_t>(std::lround(w_int * w_ext / j)));
  wl.drive_synapses = drive.size;
  wl.network.projections.push_back(std::move(ext));
  return wl;
}

// Feed-forward 784-512-256-10, dense, w ~ Normal(mu, sigma) per layer, Poisson input 20 Hz.
// Each layer's weights are quantised to 8-bit mixed weights over that layer's largest
// magnitude; the layer's threshold follows from the same PSP-integral match.
Workload feed_forward(const std::string& export_dir, uint64_t seed) {
  const uint32_t sizes[] = {784, 512, 256, 10};
  const double mu[] = {0.013, 0.026, 0.045}, sigma[] = {0.05, 0.06, 0.08};
  std::mt19937_64 rng(seed);
  Workload wl;
  wl.connectivity = export_dir.empty() ? "generated" : "brian2 export";
  wl.counts_input_events = true;
  wl.network.name = "ff-layers";
  model::SpikeSource input;
  input.name = "input";
  input.size = sizes[0];
  input.kind = model::SourceKind::Bernoulli;
  input.p = 20.0 * kDt * 1e-3;
  input.seed = seed + 1;
  wl.network.sources.push_back(input);
  for (int l = 0; l < 3; ++l) {
    const uint32_t n_pre = sizes[l], n_post = sizes[l + 1];
    std::vector<double> w(std::size_t{n_pre} * n_post);  // [pre][post], Brian's export order
    if (!export_dir.empty()) {
      w = read_export(export_dir, "proj" + std::to_string(l) + "_").w;
    } else {
      std::normal_distribution<double> normal(mu[l], sigma[l]);
      for (double& x : w) x = normal(rng);
    }
    const double largest = *std::max_element(w.begin(), w.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
    const double unit = std::abs(largest) / 254.0;
    const FixedPoint f = fixed_point(unit, 1, 0);
    const std::string pre = l == 0 ? "input" : "layer" + std::to_string(l);
    const std::string post = "layer" + std::to_string(l + 1);
    wl.network.populations.push_back(lif_population(post, n_post, f, rng));
    wl.network.populations.back().lif.v_init = 0;  // brian2_bench.py starts ff layers at 0
    model::Projection p;
    p.name = pre + "_to_" + post;
    p.pre = pre;
    p.post = post;
    p.kind = model::ProjectionKind::Dense;
    p.sign_mode = model::SignMode::Mixed;
    p.weights.resize(w.size());
    for (uint32_t i = 0; i < n_pre; ++i)
      for (uint32_t j = 0; j < n_post; ++j)
        p.weights[std::size_t{j} * n_pre + i] = static_cast<int32_t>(std::lround(w[std::size_t{i} * n_post + j] / unit));
    wl.network_synapses += p.weights.size();
    wl.network.projections.push_back(std::move(p));
  }
  return wl;
}

}  // namespace

Workload make_workload(const std::string& name, const std::string& export_dir, uint64_t seed) {
  if (name == "lif-sparse" || name == "lif-large") return recurrent(name, export_dir, seed);
  if (name == "ff-layers") return feed_forward(export_dir, seed);
  throw std::runtime_error("unknown workload \"" + name + "\" (lif-sparse, lif-large, ff-layers)");
}

}  // namespace axomesh::bench
