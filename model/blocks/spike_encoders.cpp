#include "model/blocks/spike_encoders.hpp"

#include <algorithm>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace axomesh::model::encoders {
namespace {

void require_value(uint32_t value) {
  if (value > kValueOne)
    throw std::out_of_range("encoder input " + std::to_string(value) + " is above kValueOne (65536)");
}

double to_real(uint32_t q16) { return static_cast<double>(q16) / kValueOne; }

std::string real_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace

std::vector<Diagnostic> check(const EncoderParams& p) {
  std::vector<Diagnostic> problems;
  if (p.steps < 1 || p.steps > kMaxSteps)
    problems.push_back({"ENC-0101", "steps",
                        "expected a window of 1.." + std::to_string(kMaxSteps) + " steps, found " + std::to_string(p.steps)});
  if (p.scheme != Scheme::Hybrid) return problems;
  if (p.vth_base < 1 || p.vth_base > kMaxThreshold)
    problems.push_back({"ENC-0102", "vth_base",
                        "expected a Q16 threshold in 1.." + std::to_string(kMaxThreshold) + " (up to 256.0), found " +
                            std::to_string(p.vth_base)});
  if (p.alpha >= kValueOne)
    problems.push_back({"ENC-0103", "alpha",
                        "expected a Q16 fraction in 0..65535 (alpha < 1), found " + std::to_string(p.alpha)});
  if (problems.empty() && hybrid_threshold(kValueOne, p.vth_base, p.alpha) < kValueOne)
    problems.push_back({"ENC-0104", "vth_base",
                        "expected vth_base * (1 - alpha) >= 1 so that an input of 1 spikes at most once a step, found " +
                            real_text(to_real(hybrid_threshold(kValueOne, p.vth_base, p.alpha)))});
  return problems;
}

uint32_t hybrid_threshold(uint32_t value, uint32_t vth_base, uint32_t alpha) {
  const uint64_t product = uint64_t{vth_base} * alpha * value;  // < 2^24 * 2^16 * (2^16 + 1) < 2^57
  const uint64_t reduction = (product + (uint64_t{1} << 31)) >> 32;
  const uint64_t threshold = vth_base > reduction ? vth_base - reduction : 0;
  return static_cast<uint32_t>(std::max<uint64_t>(threshold, 1));
}

std::vector<uint32_t> encode_ttfs(uint32_t value, uint32_t steps) {
  require_value(value);
  if (value == 0 || steps == 0) return {};
  const uint64_t scaled = uint64_t{kValueOne - value} * (steps - 1u) + (kValueOne / 2);
  return {static_cast<uint32_t>(scaled >> kValueBits)};
}

// The step rule (v += x; spike and v -= vth when v >= vth) gives spike k (k = 1, 2, ...) at
// the first step t with (t + 1) x >= k vth, that is t_k = ceil(k vth / x) - 1, because
// before it k - 1 thresholds were subtracted. vth >= x (check()) keeps t_k strictly
// increasing, one spike a step at most. Computing t_k directly costs one division a spike.
std::vector<uint32_t> encode_hybrid(uint32_t value, const EncoderParams& params) {
  require_value(value);
  std::vector<uint32_t> times;
  if (value == 0) return times;
  const uint64_t vth = hybrid_threshold(value, params.vth_base, params.alpha);
  for (uint64_t k = 1;; ++k) {
    const uint64_t t = (k * vth + value - 1) / value - 1;
    if (t >= params.steps) break;
    times.push_back(static_cast<uint32_t>(t));
  }
  return times;
}

std::vector<uint32_t> encode_rate(uint32_t value, uint32_t steps, Lfsr32& lfsr) {
  require_value(value);
  std::vector<uint32_t> times;
  for (uint32_t t = 0; t < steps; ++t)
    if (lfsr.draw() < value) times.push_back(t);
  return times;
}

SpikeEncoder::SpikeEncoder(const EncoderParams& params, uint32_t channels) : params_(params) {
  std::vector<Diagnostic> problems = check(params);
  if (!problems.empty()) throw InputError(std::move(problems));
  if (params.scheme == Scheme::Rate) {
    lfsrs_.reserve(channels);
    for (uint32_t c = 0; c < channels; ++c) lfsrs_.emplace_back(Lfsr32::seeded_state(params.seed, c));
  }
}

std::vector<std::vector<uint32_t>> SpikeEncoder::encode_sample(const std::vector<uint32_t>& values) {
  std::vector<std::vector<uint32_t>> times(values.size());
  for (std::size_t c = 0; c < values.size(); ++c) {
    switch (params_.scheme) {
      case Scheme::Rate: times[c] = encode_rate(values[c], params_.steps, lfsrs_.at(c)); break;
      case Scheme::Ttfs: times[c] = encode_ttfs(values[c], params_.steps); break;
      case Scheme::Hybrid: times[c] = encode_hybrid(values[c], params_); break;
    }
  }
  return times;
}

double decode_rate(const std::vector<uint32_t>& spike_times, uint32_t steps) {
  return steps == 0 ? 0.0 : static_cast<double>(spike_times.size()) / steps;
}

double decode_ttfs(const std::vector<uint32_t>& spike_times, uint32_t steps) {
  if (spike_times.empty()) return 0.0;
  if (steps <= 1) return 1.0;
  return 1.0 - static_cast<double>(spike_times.front()) / (steps - 1);
}

double decode_hybrid(const std::vector<uint32_t>& spike_times, const EncoderParams& params) {
  const double vth_base = to_real(params.vth_base), alpha = to_real(params.alpha);
  const double n = params.steps, count = static_cast<double>(spike_times.size());
  const double infinity = std::numeric_limits<double>::infinity();
  // x as a function of g = x / vth(x), clipped to [0, 1].
  auto value_of = [&](double g) {
    if (g == infinity) return 1.0;
    return std::min(1.0, g * vth_base / (1.0 + alpha * g * vth_base));
  };
  double lo = count / n, hi = (count + 1) / n;
  if (!spike_times.empty()) {
    const double t1 = spike_times.front();
    const double first_lo = 1.0 / (t1 + 1), first_hi = t1 == 0 ? infinity : 1.0 / t1;
    // The threshold's rounding can leave the two intervals disjoint by a hair: then the
    // count alone decides.
    if (std::max(lo, first_lo) < std::min(hi, first_hi)) {
      lo = std::max(lo, first_lo);
      hi = std::min(hi, first_hi);
    }
  }
  return 0.5 * (value_of(lo) + value_of(hi));
}

double decode(const std::vector<uint32_t>& spike_times, const EncoderParams& params) {
  switch (params.scheme) {
    case Scheme::Rate: return decode_rate(spike_times, params.steps);
    case Scheme::Ttfs: return decode_ttfs(spike_times, params.steps);
    case Scheme::Hybrid: return decode_hybrid(spike_times, params);
  }
  return 0.0;
}

}  // namespace axomesh::model::encoders
