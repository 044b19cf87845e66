// Spikes per sample of the rate, TTFS and hybrid (NeuEdge Eq. 7) encoders at equal decodable
// error. A fixed set of uniform random inputs is encoded and decoded with each encoder over
// a grid of its parameters (window N; for hybrid also vth_base, at a few alpha); for each
// target RMS decoding error the cheapest configuration that reaches it is printed, and the
// hybrid/rate spike ratio is set beside the paper's claim (4.7x fewer spikes than rate).
//
//   bench_encoders [--inputs N] [--seed S]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "model/blocks/spike_encoders.hpp"
#include "model/sim/spike_source_generator.hpp"

using namespace axomesh::model;
using namespace axomesh::model::encoders;

namespace {

constexpr uint32_t kInputsPerSample = 64;
constexpr double kPaperRatio = 4.7;

struct Measure {
  EncoderParams params;
  double rms_error = 0;
  double spikes_per_input = 0;
};

std::vector<uint32_t> window_grid(uint32_t first, uint32_t last) {
  std::set<uint32_t> grid;  // 2^(k/4), rounded: includes every power of two
  for (int k = 0; k <= 60; ++k) {
    const auto n = static_cast<uint32_t>(std::lround(std::pow(2.0, k / 4.0)));
    if (n >= first && n <= last) grid.insert(n);
  }
  return {grid.begin(), grid.end()};
}

Measure measure(const EncoderParams& params, const std::vector<uint32_t>& inputs) {
  SpikeEncoder encoder(params, static_cast<uint32_t>(inputs.size()));
  const auto times = encoder.encode_sample(inputs);
  double squared = 0, spikes = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const double error = decode(times[i], params) - inputs[i] / static_cast<double>(kValueOne);
    squared += error * error;
    spikes += static_cast<double>(times[i].size());
  }
  const auto n = static_cast<double>(inputs.size());
  return {params, std::sqrt(squared / n), spikes / n};
}

std::string describe(const EncoderParams& p) {
  char text[96];
  switch (p.scheme) {
    case Scheme::Rate: std::snprintf(text, sizeof text, "rate   N=%u", p.steps); break;
    case Scheme::Ttfs: std::snprintf(text, sizeof text, "ttfs   N=%u", p.steps); break;
    case Scheme::Hybrid:
      std::snprintf(text, sizeof text, "hybrid N=%u vth_base=%.3g alpha=%.2f", p.steps, p.vth_base / 65536.0,
                    p.alpha / 65536.0);
      break;
  }
  return text;
}

// The configuration with the fewest spikes whose RMS error is at most `target`, if any.
const Measure* cheapest(const std::vector<Measure>& measures, double target) {
  const Measure* best = nullptr;
  for (const Measure& m : measures)
    if (m.rms_error <= target && (!best || m.spikes_per_input < best->spikes_per_input)) best = &m;
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t count = 4096;
  uint64_t seed = 2026;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--inputs" && i + 1 < argc) count = static_cast<uint32_t>(std::stoul(argv[++i]));
    else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
    else {
      std::printf("usage: %s [--inputs N] [--seed S]\n", argv[0]);
      return a == "--help" ? 0 : 2;
    }
  }
  Xoshiro256 random(seed);
  std::vector<uint32_t> inputs(count);
  for (uint32_t& x : inputs) x = static_cast<uint32_t>(random.next() % (kValueOne + 1));  // uniform in [0, 1]

  std::vector<Measure> rate, ttfs;
  std::vector<std::vector<Measure>> hybrid;
  const std::vector<double> alphas = {0.0, 0.5, 0.9};
  for (uint32_t n : window_grid(1, 4096)) {
    EncoderParams p;
    p.steps = n;
    p.seed = 1;
    p.scheme = Scheme::Rate;
    rate.push_back(measure(p, inputs));
    p.scheme = Scheme::Ttfs;
    if (n >= 2) ttfs.push_back(measure(p, inputs));
  }
  for (double alpha : alphas) {
    hybrid.emplace_back();
    EncoderParams p;
    p.scheme = Scheme::Hybrid;
    p.alpha = static_cast<uint32_t>(std::lround(alpha * kValueOne));
    const double vth_min = 1.0 / (1.0 - alpha);
    for (uint32_t n : window_grid(1, 4096))
      for (double vth = vth_min; vth <= std::min(256.0, 2.0 * n); vth *= 1.25) {
        p.steps = n;
        p.vth_base = static_cast<uint32_t>(std::ceil(vth * kValueOne));
        if (check(p).empty()) hybrid.back().push_back(measure(p, inputs));
      }
  }

  std::printf("%u inputs uniform in [0, 1] (seed %llu), %u inputs per sample; the cheapest configuration of each\n"
              "encoder whose RMS decoding error reaches the target, over windows N = 1..4096\n\n",
              count, static_cast<unsigned long long>(seed), kInputsPerSample);
  std::printf("%-7s %-38s %9s %13s %12s\n", "target", "encoder", "RMS error", "spikes/sample", "spikes/input");
  for (double target : {0.1, 0.05, 0.02, 0.01}) {
    std::vector<const Measure*> best = {cheapest(rate, target), cheapest(ttfs, target)};
    for (const auto& h : hybrid) best.push_back(cheapest(h, target));
    for (const Measure* m : best) {
      if (!m) continue;
      std::printf("%-7.3g %-38s %9.4f %13.1f %12.3f\n", target, describe(m->params).c_str(), m->rms_error,
                  m->spikes_per_input * kInputsPerSample, m->spikes_per_input);
    }
    const Measure* hybrid_half = best[3];  // alpha = 0.5
    if (best[0] && hybrid_half)
      std::printf("        rate / hybrid (alpha 0.5) spikes: %.1fx fewer for hybrid (paper: %.1fx)\n",
                  best[0]->spikes_per_input / hybrid_half->spikes_per_input, kPaperRatio);
    std::printf("\n");
  }

  // Equal latency: the same window for both, hybrid at least as accurate as rate.
  std::printf("same window N, hybrid (alpha 0.5) with the fewest spikes at no more RMS error than rate:\n");
  std::printf("%6s %10s %12s %10s %12s %8s\n", "N", "rate RMS", "rate sp/in", "hyb RMS", "hyb sp/in", "ratio");
  for (const Measure& r : rate) {
    if (r.params.steps < 16 || (r.params.steps & (r.params.steps - 1)) != 0) continue;
    const Measure* h = nullptr;
    for (const Measure& m : hybrid[1])
      if (m.params.steps == r.params.steps && m.rms_error <= r.rms_error &&
          (!h || m.spikes_per_input < h->spikes_per_input))
        h = &m;
    if (!h) continue;
    std::printf("%6u %10.4f %12.3f %10.4f %12.3f %7.1fx\n", r.params.steps, r.rms_error, r.spikes_per_input,
                h->rms_error, h->spikes_per_input, r.spikes_per_input / h->spikes_per_input);
  }
  return 0;
}
