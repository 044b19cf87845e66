// Lfsr32 -- the documented pseudo-random source of the TrueNorth neuron block
// (docs/truenorth-neuron.md, "Pseudo-random numbers") and of the rate encoder, written once
// so that NetworkSim, ChipSim and the RTL draw the same numbers in the same order.
//
// A 32-bit Galois LFSR shifting right, feedback polynomial x^32 + x^22 + x^2 + x + 1
// (maximal length: every non-zero state recurs after 2^32 - 1 shifts). One shift:
//   out = state & 1;  state >>= 1;  if (out) state ^= 0x80200003
// (the mask has bits 31, 21, 1 and 0: the polynomial's terms x^32, x^22, x^2, x^1, each
// lowered by one). A draw shifts 16 times and returns the low 16 bits of the new state,
// so consecutive draws read disjoint halves of the register. The all-zero state is a
// fixed point and never used: seeding maps any 64-bit seed and stream index to a
// non-zero state.
#pragma once

#include <cstdint>

namespace axomesh::model {

class Lfsr32 {
 public:
  static constexpr uint32_t kFeedbackMask = 0x80200003u;  // x^32 + x^22 + x^2 + x + 1
  static constexpr int kShiftsPerDraw = 16;
  static constexpr uint32_t kDrawMask = 0xFFFFu;           // a draw is 16 bits

  explicit Lfsr32(uint32_t state = 1) : state_(state == 0 ? 1u : state) {}

  uint32_t state() const { return state_; }

  // One shift of the register; returns the bit shifted out.
  uint32_t shift() {
    const uint32_t out = state_ & 1u;
    state_ >>= 1;
    state_ ^= (0u - out) & kFeedbackMask;
    return out;
  }

  // 16 shifts, then the low 16 bits: one pseudo-random number rho in 0..65535.
  uint32_t draw() {
    for (int k = 0; k < kShiftsPerDraw; ++k) shift();
    return state_ & kDrawMask;
  }

  // The initial state of stream `stream` (e.g. the 256-neuron block index of a
  // population) under a user's 64-bit `seed`: the low 32 bits of splitmix64's output
  // for x = seed + (stream + 1) * 0x9E3779B97F4A7C15 (mod 2^64), with 0 replaced by 1.
  static uint32_t seeded_state(uint64_t seed, uint64_t stream) {
    uint64_t x = seed + (stream + 1) * 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    const uint32_t state = static_cast<uint32_t>(x);
    return state == 0 ? 1u : state;
  }

 private:
  uint32_t state_;
};

}  // namespace axomesh::model
