// Spike encoders: turn input values into spike times over a window of steps, in integer
// arithmetic, and the matching decoders.
//
// Input values are unsigned Q16 fixed point: an integer x_q in 0..kValueOne (65,536)
// stands for x = x_q / 65536 in [0, 1]. A window has N = `steps` steps, 0..N-1.
//
// - Rate: in every step the input spikes when a fresh 16-bit draw r of its LFSR (below)
//   satisfies r < x_q, so with probability x_q / 65536 per step (to within 2^-32 over the
//   LFSR's cycle, which lacks the all-zero state). Decoded as count / N.
// - Time to first spike (TTFS): one spike at t = round((1 - x) (N - 1)), computed as
//   ((65536 - x_q) (N - 1) + 32768) >> 16; x_q = 0 sends nothing. Decoded as 1 - t / (N - 1).
// - Hybrid (NeuEdge, arXiv 2602.02439, Eq. 7): an integrate-and-fire unit per input with the
//   input-dependent threshold vth_i = vth_base (1 - alpha x_i). Each step v += x_q; when
//   v >= vth_i it spikes and v -= vth_i (v starts at 0). Larger inputs cross a lower
//   threshold with a larger drive, so they fire earlier and more often. Decoded from the
//   first spike time and the spike count (see decode_hybrid).
//
// The rate encoder's pseudo-random source is the model's 32-bit Galois LFSR (lfsr.hpp): one
// 16-bit draw per step; input channel c of an encoder seeded `seed` starts from
// Lfsr32::seeded_state(seed, c).
#pragma once

#include <cstdint>
#include <vector>

#include "model/base/diagnostic.hpp"
#include "model/blocks/lfsr.hpp"

namespace axomesh::model::encoders {

constexpr int kValueBits = 16;
constexpr uint32_t kValueOne = uint32_t{1} << kValueBits;  // x = 1.0
constexpr uint32_t kMaxSteps = uint32_t{1} << 24;          // longest window
constexpr uint32_t kMaxThreshold = uint32_t{1} << 24;      // hybrid vth_base <= 256.0

enum class Scheme { Rate, Ttfs, Hybrid };

struct EncoderParams {
  Scheme scheme = Scheme::Rate;
  uint32_t steps = 100;             // window length N, 1..kMaxSteps
  uint64_t seed = 0;                // rate: seeds the per-input LFSRs
  uint32_t vth_base = 2 * kValueOne;  // hybrid: Q16 in input units (2.0), 1..kMaxThreshold
  uint32_t alpha = kValueOne / 2;     // hybrid: Q16 fraction (0.5), 0..65535
};

// Every reason `params` cannot be used (ENC-01xx), empty when they are fine. The hybrid
// code needs vth_i >= x_q for every input (at most one spike a step, and v stays below
// vth_i after a spike), that is threshold at x = 1 of at least kValueOne.
std::vector<Diagnostic> check(const EncoderParams& params);

// Hybrid threshold of input x_q: vth_base - round(vth_base * alpha * x_q / 2^32) (round half
// up, exact in 64 bits: the product is below 2^57), at least 1.
uint32_t hybrid_threshold(uint32_t value, uint32_t vth_base, uint32_t alpha);

// Spike times of one input in one window (ascending, each in 0..steps-1). Values must be
// in 0..kValueOne; a larger one throws std::out_of_range.
std::vector<uint32_t> encode_ttfs(uint32_t value, uint32_t steps);
std::vector<uint32_t> encode_hybrid(uint32_t value, const EncoderParams& params);
// Draws one 16-bit number per step from `lfsr`, which carries on into the next window.
std::vector<uint32_t> encode_rate(uint32_t value, uint32_t steps, Lfsr32& lfsr);

// Encodes successive samples (one value per input channel) into successive windows. For
// the rate code each channel owns an LFSR seeded with Lfsr32::seeded_state(seed, channel) that runs on
// from one sample to the next. Throws model::InputError when the parameters are unusable.
class SpikeEncoder {
 public:
  SpikeEncoder(const EncoderParams& params, uint32_t channels);
  // Spike times per channel within the window (0..steps-1); values.size() == channels.
  std::vector<std::vector<uint32_t>> encode_sample(const std::vector<uint32_t>& values);
  const EncoderParams& params() const { return params_; }

 private:
  EncoderParams params_;
  std::vector<Lfsr32> lfsrs_;
};

// Decoders, in real arithmetic (they are used to measure codes, not built in hardware).
// Each returns the estimate of x in [0, 1] from one input's spike times in one window.
double decode_rate(const std::vector<uint32_t>& spike_times, uint32_t steps);
double decode_ttfs(const std::vector<uint32_t>& spike_times, uint32_t steps);
// The unit spikes c = floor(N g) times, first at t1 = ceil(1 / g) - 1, where g = x / vth(x)
// and vth(x) = vth_base (1 - alpha x). So g lies in [c/N, (c+1)/N) and, when c > 0, in
// [1/(t1+1), 1/t1); g increases with x, and x = g vth_base / (1 + alpha g vth_base). The
// estimate is the middle of the x interval that both constraints leave (clipped to [0, 1]).
double decode_hybrid(const std::vector<uint32_t>& spike_times, const EncoderParams& params);
double decode(const std::vector<uint32_t>& spike_times, const EncoderParams& params);

}  // namespace axomesh::model::encoders
