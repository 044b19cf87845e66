// Turns a SpikeSource into spikes, one step at a time, deterministically.
//
// Random sources draw from xoshiro256** seeded through splitmix64 by the source's seed.
// Rather than one draw per source per step, a group of Bernoulli(p) sources is sampled by
// geometric skipping: the gap to the next spiking source is drawn from a table of
// (1-p)^k built by IEEE multiplication (no libm), so the work is proportional to the
// spikes, and a Bernoulli source is bit-identical on every platform. (A Poisson source's
// p = 1 - exp(-rate dt) comes from the C library's expm1, correctly rounded in glibc.)
#pragma once

#include <cstdint>
#include <vector>

#include "model/network/network.hpp"

namespace axomesh::model {

class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed);
  uint64_t next();

 private:
  uint64_t s_[4];
};

// Gaps between successes of independent Bernoulli(p) trials.
class GeometricGapSampler {
 public:
  explicit GeometricGapSampler(double p);
  // Number of failures before the next success; at least `cap` when that is reached.
  uint64_t draw(Xoshiro256& rng, uint64_t cap) const;
  bool never() const { return never_; }

 private:
  static constexpr std::size_t kTableSize = 4096;
  static constexpr int kGuideBits = 12;
  static constexpr std::size_t kScan = 3;  // buckets this narrow are stepped through
  // First k >= 1 with survival_[k] <= u, searched in [1, last].
  std::size_t first_at_or_below(uint64_t u, std::size_t from, std::size_t last) const;

  std::vector<uint64_t> survival_;  // survival_[k] = floor((1-p)^k * 2^64), k < kTableSize
  // Guide table: for u in bucket u >> (64 - kGuideBits), the answer lies in
  // [guide_low_[bucket], guide_high_[bucket]], so a draw searches a few entries only.
  std::vector<uint16_t> guide_low_, guide_high_;
  bool never_ = false;              // p == 0
};

class SpikeSourceGenerator {
 public:
  explicit SpikeSourceGenerator(const SpikeSource& source);
  // The sources that spike in the next step (ascending indices). Steps run 0, 1, 2, ...
  void emit_next_step(std::vector<uint32_t>& spikes);

 private:
  const SpikeSource* source_;
  uint64_t step_ = 0;
  // Raster: every (step, source) event in order, and the position of the next one.
  std::vector<std::pair<uint32_t, uint32_t>> events_;
  std::size_t next_event_ = 0;
  Xoshiro256 rng_;
  GeometricGapSampler gaps_;
};

// The per-step spike probability of a random source.
double spike_probability(const SpikeSource& source);

}  // namespace axomesh::model
