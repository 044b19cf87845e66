#include "model/sim/spike_source_generator.hpp"

#include <algorithm>
#include <cmath>

namespace axomesh::model {

static uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

Xoshiro256::Xoshiro256(uint64_t seed) {
  for (uint64_t& word : s_) word = splitmix64(seed);
}

uint64_t Xoshiro256::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

GeometricGapSampler::GeometricGapSampler(double p) {
  never_ = !(p > 0.0);
  const double q = 1.0 - std::min(p, 1.0);
  survival_.resize(kTableSize);
  double s = 1.0;
  for (std::size_t k = 0; k < kTableSize; ++k) {
    survival_[k] = s >= 1.0 ? UINT64_MAX : static_cast<uint64_t>(std::ldexp(s, 64));
    s *= q;
  }
  const std::size_t block = kTableSize - 1;
  const std::size_t buckets = std::size_t{1} << kGuideBits;
  guide_low_.resize(buckets);
  guide_high_.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    const uint64_t lowest = uint64_t{b} << (64 - kGuideBits);
    const uint64_t highest = lowest + ((uint64_t{1} << (64 - kGuideBits)) - 1);
    guide_low_[b] = static_cast<uint16_t>(first_at_or_below(highest, 1, block));
    guide_high_[b] = static_cast<uint16_t>(std::min(first_at_or_below(lowest, 1, block), block));
  }
}

std::size_t GeometricGapSampler::first_at_or_below(uint64_t u, std::size_t from, std::size_t last) const {
  // survival_ is non-increasing, so the entries <= u form a suffix.
  const auto begin = survival_.begin();
  const auto it = std::upper_bound(begin + static_cast<std::ptrdiff_t>(from), begin + static_cast<std::ptrdiff_t>(last) + 1,
                                   u, [](uint64_t value, uint64_t s) { return value >= s; });
  return static_cast<std::size_t>(it - begin);
}

uint64_t GeometricGapSampler::draw(Xoshiro256& rng, uint64_t cap) const {
  if (never_) return cap;
  // P(gap >= k) = (1-p)^k = P(U < survival_[k]): the gap is k - 1 for the first k with
  // survival_[k] <= U. Past the table the gap is memoryless: with probability
  // survival_[block] it is at least `block` more, and we draw again.
  const std::size_t block = kTableSize - 1;
  uint64_t gap = 0;
  while (gap < cap) {
    const uint64_t u = rng.next();
    if (u < survival_[block]) {
      gap += block;
      continue;
    }
    const std::size_t bucket = u >> (64 - kGuideBits);
    const std::size_t low = guide_low_[bucket], high = guide_high_[bucket];
    if (high - low > kScan) return gap + first_at_or_below(u, low, high) - 1;
    // The answer is in [low, low + kScan]: step forward while the entry is above u, with
    // no data-dependent branch (each step adds 0 once the answer is reached).
    std::size_t k = low;
    k += survival_[k] > u;
    k += survival_[k] > u;
    k += survival_[k] > u;
    return gap + k - 1;
  }
  return gap;
}

double spike_probability(const SpikeSource& source) {
  switch (source.kind) {
    case SourceKind::Bernoulli: return source.p;
    case SourceKind::Poisson: return -std::expm1(-source.rate_hz * source.dt_ms * 1e-3);
    case SourceKind::Raster: return 0.0;
  }
  return 0.0;
}

SpikeSourceGenerator::SpikeSourceGenerator(const SpikeSource& source)
    : source_(&source), rng_(source.seed), gaps_(spike_probability(source)) {
  if (source.kind != SourceKind::Raster) return;
  for (uint32_t i = 0; i < source.spike_times.size(); ++i)
    for (uint32_t t : source.spike_times[i]) events_.emplace_back(t, i);
  std::sort(events_.begin(), events_.end());
}

void SpikeSourceGenerator::emit_next_step(std::vector<uint32_t>& spikes) {
  spikes.clear();
  if (source_->kind == SourceKind::Raster) {
    while (next_event_ < events_.size() && events_[next_event_].first < step_) ++next_event_;
    for (; next_event_ < events_.size() && events_[next_event_].first == step_; ++next_event_)
      spikes.push_back(events_[next_event_].second);
  } else if (!gaps_.never()) {
    const uint64_t size = source_->size;
    uint64_t position = gaps_.draw(rng_, size);
    while (position < size) {
      spikes.push_back(static_cast<uint32_t>(position));
      position += 1 + gaps_.draw(rng_, size - position - 1);
    }
  }
  ++step_;
}

}  // namespace axomesh::model
