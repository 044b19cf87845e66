// Synaptic plasticity: pair-based STDP with integer pre/post traces (Loihi style) and
// three-factor reward-modulated STDP with an eligibility trace. The integer definition of
// both rules, written out once; NetworkSim and ChipSim run it through PlasticSynapses.
//
// Traces (one x1 per presynaptic neuron, one y1 per postsynaptic neuron, 7-bit unsigned):
//   every step   x1 <- x1 - ((x1 * pre_decay + 2^11) >> 12)        (decay/4096 lost, half up)
//   on a spike   x1 <- min(127, x1 + pre_impulse)                  (saturating at 7 bits)
// and likewise y1 with post_decay and post_impulse. x0 and y0 are 1 in a step when the
// presynaptic spike arrives (see below) or the postsynaptic neuron spikes, else 0.
//
// The STDP term of a synapse in a step, from the decayed traces, where x1 already holds
// this step's presynaptic impulse and y1 does not yet hold this step's postsynaptic one:
//   s = a_x1_y0 * x1 * y0 + a_y1_x0 * y1 * x0 + a_x0 * x0 + a_y0 * y0
// With a_x1_y0 > 0 and a_y1_x0 < 0 this is the classic window: a post spike k >= 0 steps
// after a pre arrival adds a_x1_y0 * x1(k) (a pre spike arriving in the step its post
// neuron fires counts as causal: it took part in the firing), a pre arrival k >= 1 steps
// after a post spike adds a_y1_x0 * y1(k), both shrinking as the traces decay.
// Each step: (1) traces and eligibility decay, (2) pre impulses, (3) terms, (4) post
// impulses, (5) weight changes.
//
// "stdp": s is summed per synapse over `epoch` steps; at the end of each epoch (steps
//   t with (t + 1) % epoch == 0) the weight changes by round_shift(sum, shift).
// "reward_stdp": s goes into the synapse's eligibility trace e (16-bit signed,
//   saturating): every step e decays first, e <- sgn(e) (|e| - ((|e| eligibility_decay +
//   2^11) >> 12)), then e <- sat16(e + s). In a step with reward r != 0 the weight changes
//   by round_shift(r * e, shift). r is reward_value times the number of spikes the reward
//   population or source sent in the previous step (it arrives like a spike of delay 0).
//
// round_shift(v, n) = (v + 2^(n-1)) >> n (arithmetic shift: round half up; v when n = 0).
// Weights are kept in the network file's weight units and saturate at the range of the
// projection's sign mode (excitatory 0..255, inhibitory -255..0, mixed -256..255); the
// synapse delivers the weight's num_weight_bits most significant bits exactly as for a
// static weight (loihi::effective_weight).
//
// Timing with delays: a presynaptic spike sent in step t is seen by the pre trace (x0 = 1)
// in step t + 1 + delay, the step it reaches the postsynaptic neuron. Plastic projections
// have one delay for all synapses. Learning runs after the neuron updates of a step, and
// the new weights apply to spikes delivered from the next step on.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "model/blocks/loihi_weights.hpp"

namespace axomesh::model {

enum class LearningKind { Stdp, RewardStdp };

const char* to_string(LearningKind kind);  // "stdp", "reward_stdp" (plastic_synapses.cpp)

struct LearningRule {
  LearningKind kind = LearningKind::Stdp;
  int32_t pre_impulse = 0, pre_decay = 0;    // x1: 0..127, 0..4096
  int32_t post_impulse = 0, post_decay = 0;  // y1: 0..127, 0..4096
  int32_t a_x1_y0 = 0, a_y1_x0 = 0, a_x0 = 0, a_y0 = 0;  // coefficients, -128..127
  int32_t shift = 0;                         // 0..15
  int32_t epoch = 1;                         // stdp: 1..256 steps
  int32_t eligibility_decay = 0;             // reward_stdp: 0..4096
  std::string reward;                        // reward_stdp: a population or source
  int32_t reward_value = 1;                  // reward_stdp: -128..127 per reward spike
  bool operator==(const LearningRule& o) const {
    return kind == o.kind && pre_impulse == o.pre_impulse && pre_decay == o.pre_decay &&
           post_impulse == o.post_impulse && post_decay == o.post_decay && a_x1_y0 == o.a_x1_y0 &&
           a_y1_x0 == o.a_y1_x0 && a_x0 == o.a_x0 && a_y0 == o.a_y0 && shift == o.shift && epoch == o.epoch &&
           eligibility_decay == o.eligibility_decay && reward == o.reward && reward_value == o.reward_value;
  }
};

namespace learning {

constexpr int32_t kTraceMax = 127;        // 7-bit traces
constexpr int32_t kDecayOne = 4096;       // decays are fractions of 4096 lost per step
constexpr int32_t kEligibilityMax = 32767;
constexpr int32_t kCoefficientMin = -128, kCoefficientMax = 127;
constexpr int32_t kMaxShift = 15;
constexpr int32_t kMaxEpoch = 256;

inline int32_t decay_trace(int32_t x, int32_t decay) { return x - ((x * decay + 2048) >> 12); }

inline int32_t add_impulse(int32_t x, int32_t impulse) { return std::min(kTraceMax, x + impulse); }

inline int32_t stdp_term(const LearningRule& r, int32_t x1, int32_t y1, bool x0, bool y0) {
  return (y0 ? r.a_x1_y0 * x1 + r.a_y0 : 0) + (x0 ? r.a_y1_x0 * y1 + r.a_x0 : 0);
}

inline int64_t round_shift(int64_t v, int32_t shift) {
  return shift == 0 ? v : (v + (int64_t{1} << (shift - 1))) >> shift;
}

inline int32_t decay_eligibility(int32_t e, int32_t decay) {
  const int32_t magnitude = e < 0 ? -e : e;
  const int32_t kept = magnitude - static_cast<int32_t>((int64_t{magnitude} * decay + 2048) >> 12);
  return e < 0 ? -kept : kept;
}

inline int32_t add_eligibility(int32_t e, int32_t s) {
  return static_cast<int32_t>(std::clamp<int64_t>(int64_t{e} + s, -kEligibilityMax, kEligibilityMax));
}

// The range a plastic weight saturates at, for a resolved sign mode.
inline int32_t weight_min(SignMode mode) {
  return mode == SignMode::Mixed ? -256 : mode == SignMode::Inhibitory ? -255 : 0;
}
inline int32_t weight_max(SignMode mode) { return mode == SignMode::Inhibitory ? 0 : 255; }

inline int32_t saturate_weight(int64_t w, SignMode mode) {
  return static_cast<int32_t>(std::clamp<int64_t>(w, weight_min(mode), weight_max(mode)));
}

}  // namespace learning
}  // namespace axomesh::model
