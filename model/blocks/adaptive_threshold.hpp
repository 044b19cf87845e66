// Adaptive threshold (NeuEdge, arXiv 2602.02439, Eq. 11), written once in integers:
//
//   vth[t] = vth_base * (1 + gamma * (A_target - A[t]))
//
// where A[t] is an exponential moving average of the population's spike rate. NetworkSim
// and ChipSim both call these functions; nothing else computes the adaptation.
//
// Fixed point:
// - Rates are Q0.16 fractions of "one spike per neuron per step": a 17-bit register,
//   0..65536 (65536 = every neuron spiked). The rate of step t is
//     rate[t] = floor(S[t] * 2^16 / N)          (S[t] spikes of the N neurons)
// - A is the EMA with shift k (0..16), an arithmetic (floor) shift:
//     A[t+1] = A[t] + ((rate[t] - A[t]) >> k)
//   It stays within [min(A, rate), max(A, rate)], so within 0..65536. Flooring means a
//   falling A always moves by at least 1 while a rising A moves only once the gap
//   reaches 2^k. A[0] is the initial rate (by default the target).
// - gamma is signed Q8.8 (-32768..32767 stands for -128..127.996). gamma > 0 raises the
//   threshold while the population is quieter than its target (the paper's setting: quiet
//   periods get quieter and cheaper); gamma < 0 makes the rule homeostatic.
// - The threshold's scale is Q.24: scale = 2^24 + gamma * (A_target - A), with
//   |gamma * (A_target - A)| <= 2^31, so 64-bit arithmetic; the adapted threshold is
//     vth = (vth_base * scale + 2^23) >> 24    (round half up, floor shift)
//   clipped to 1..max (max: the target's threshold field, 2^17 - 1 for loihi_lif vth,
//   2^18 - 1 for the truenorth alpha). |vth_base * scale| < 2^51.
//
// Timing: the neurons of step t compare against vth[t], computed from A[t]; the spikes of
// step t then give A[t+1]. The rate needs every spike of the population in step t, so on
// the chip an adaptive population sits whole on one core (docs/network-format.md).
#pragma once

#include <cstdint>

namespace axomesh::model {

struct AdaptiveThresholdParams {
  int32_t gamma = 0;              // Q8.8, -32768..32767
  int32_t target_rate = 0;        // A_target, Q0.16, 0..65536
  int32_t ema_shift = 4;          // k, 0..16
  int32_t initial_rate = 0;       // A[0], Q0.16, 0..65536
  bool operator==(const AdaptiveThresholdParams& o) const {
    return gamma == o.gamma && target_rate == o.target_rate && ema_shift == o.ema_shift &&
           initial_rate == o.initial_rate;
  }
};

namespace adaptive {

constexpr int kRateFractionBits = 16;
constexpr int32_t kRateOne = int32_t{1} << kRateFractionBits;  // one spike per neuron per step
constexpr int kGammaFractionBits = 8;
constexpr int32_t kGammaMin = -32768, kGammaMax = 32767;
constexpr int kMaxEmaShift = 16;
constexpr int kScaleFractionBits = kRateFractionBits + kGammaFractionBits;  // 24

// rate[t] = floor(spikes * 2^16 / size), for spikes <= size, size >= 1.
inline int32_t population_rate(uint64_t spikes, uint64_t size) {
  return static_cast<int32_t>((spikes << kRateFractionBits) / size);
}

// A[t+1] from A[t] and rate[t].
inline int32_t next_average(int32_t average, int32_t rate, int32_t ema_shift) {
  return average + ((rate - average) >> ema_shift);
}

// Q.24 factor 1 + gamma * (A_target - A).
inline int64_t threshold_scale(const AdaptiveThresholdParams& p, int32_t average) {
  return (int64_t{1} << kScaleFractionBits) + int64_t{p.gamma} * (p.target_rate - average);
}

// vth_base * scale, rounded half up, clipped to 1..max_threshold.
inline int32_t adapted_threshold(int32_t base, int64_t scale, int32_t max_threshold) {
  const int64_t vth = (int64_t{base} * scale + (int64_t{1} << (kScaleFractionBits - 1))) >> kScaleFractionBits;
  return vth < 1 ? 1 : vth > max_threshold ? max_threshold : static_cast<int32_t>(vth);
}

}  // namespace adaptive

// The state of one adaptive population (or chip group): A, and the step's scale.
class AdaptiveThresholdState {
 public:
  AdaptiveThresholdState(const AdaptiveThresholdParams& params, int32_t max_threshold)
      : params_(params), max_threshold_(max_threshold), average_(params.initial_rate) {}

  // This step's threshold of a neuron whose base threshold is `base`.
  int32_t threshold(int32_t base) const {
    return adaptive::adapted_threshold(base, adaptive::threshold_scale(params_, average_), max_threshold_);
  }
  // After the step: `spikes` of the `size` neurons spiked.
  void end_step(uint64_t spikes, uint64_t size) {
    average_ = adaptive::next_average(average_, adaptive::population_rate(spikes, size), params_.ema_shift);
  }
  int32_t average() const { return average_; }  // A of the coming step, Q0.16

 private:
  AdaptiveThresholdParams params_;
  int32_t max_threshold_;
  int32_t average_;
};

// A core's run of neurons [first, first + count) that share one adaptive threshold: one
// population, whole. The neurons' base thresholds are their own vth (alpha) fields.
struct AdaptiveGroup {
  uint32_t first = 0;
  uint32_t count = 0;
  AdaptiveThresholdParams params;
  bool operator==(const AdaptiveGroup& o) const { return first == o.first && count == o.count && params == o.params; }
};

}  // namespace axomesh::model
