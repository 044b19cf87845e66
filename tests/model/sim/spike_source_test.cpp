// Spike sources: raster timing, and the statistics of the seeded random generators.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/sim/spike_source_generator.hpp"

using namespace axomesh::model;

TEST_CASE("a raster source sends exactly its spike times", "[model][source]") {
  SpikeSource src;
  src.name = "r";
  src.size = 3;
  src.spike_times = {{0, 4}, {}, {4, 5}};
  SpikeSourceGenerator gen(src);
  std::vector<uint32_t> spikes;
  const std::vector<std::vector<uint32_t>> expected = {{0}, {}, {}, {}, {0, 2}, {2}, {}};
  for (const auto& want : expected) {
    gen.emit_next_step(spikes);
    CHECK(spikes == want);
  }
}

TEST_CASE("Bernoulli sources spike with probability p, independently", "[model][source]") {
  for (double p : {0.001, 0.01, 0.2, 0.9}) {
    SpikeSource src;
    src.name = "b";
    src.size = 5000;
    src.kind = SourceKind::Bernoulli;
    src.p = p;
    src.seed = 42;
    SpikeSourceGenerator gen(src);
    std::vector<uint32_t> spikes;
    std::vector<uint64_t> per_source(src.size, 0);
    uint64_t total = 0, adjacent = 0;
    const int steps = 400;
    for (int t = 0; t < steps; ++t) {
      gen.emit_next_step(spikes);
      for (std::size_t k = 0; k < spikes.size(); ++k) {
        ++per_source[spikes[k]];
        if (k > 0) {
          REQUIRE(spikes[k] > spikes[k - 1]);
          adjacent += spikes[k] == spikes[k - 1] + 1;
        }
      }
      total += spikes.size();
    }
    const double n = double(src.size) * steps;
    const double sigma = std::sqrt(n * p * (1 - p));
    INFO("p = " << p);
    CHECK(std::abs(double(total) - n * p) < 5 * sigma);
    // Neighbours spike together with probability p^2 (independence).
    const double pairs = double(src.size - 1) * steps;
    CHECK(std::abs(double(adjacent) - pairs * p * p) < 5 * std::sqrt(pairs * p * p) + 5);
    // The first and last source are hit as often as the middle ones.
    const double per = steps * p, per_sigma = std::sqrt(steps * p * (1 - p));
    uint64_t edge = per_source.front() + per_source.back();
    CHECK(std::abs(double(edge) - 2 * per) < 6 * per_sigma * std::sqrt(2.0) + 2);
  }
}

TEST_CASE("random sources: p = 0 never spikes, p = 1 always does, Poisson uses 1 - exp(-r dt)", "[model][source]") {
  SpikeSource src;
  src.name = "b";
  src.size = 100;
  src.kind = SourceKind::Bernoulli;
  std::vector<uint32_t> spikes;
  src.p = 0.0;
  SpikeSourceGenerator never(src);
  never.emit_next_step(spikes);
  CHECK(spikes.empty());
  src.p = 1.0;
  SpikeSourceGenerator always(src);
  always.emit_next_step(spikes);
  CHECK(spikes.size() == 100);
  src.kind = SourceKind::Poisson;
  src.rate_hz = 50.0;
  src.dt_ms = 2.0;
  CHECK(spike_probability(src) == Approx(0.09516258196404048).epsilon(1e-15));  // 1 - e^-0.1
}

TEST_CASE("gap sampler: the survival function holds across the table's end", "[model][source]") {
  // P(gap >= k) = (1 - p)^k. With p = 1e-3 the table's block of 4095 entries is crossed
  // often; check the survival at both sides of 4095 and of 2 * 4095, and the mean.
  const double p = 1e-3;
  GeometricGapSampler gaps(p);
  Xoshiro256 rng(9);
  const int n = 400000;
  const std::vector<uint64_t> ks = {1, 1000, 4094, 4095, 4096, 8189, 8190, 8191};
  std::vector<int> at_least(ks.size(), 0);
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const uint64_t g = gaps.draw(rng, UINT64_MAX);
    sum += double(g);
    for (std::size_t j = 0; j < ks.size(); ++j) at_least[j] += g >= ks[j];
  }
  for (std::size_t j = 0; j < ks.size(); ++j) {
    const double expected = std::pow(1 - p, double(ks[j]));
    const double sigma = std::sqrt(n * expected * (1 - expected));
    INFO("k = " << ks[j]);
    CHECK(std::abs(at_least[j] - n * expected) < 5 * sigma);
  }
  // Mean (1-p)/p, standard deviation sqrt(1-p)/p.
  const double mean = sum / n, expected_mean = (1 - p) / p;
  CHECK(std::abs(mean - expected_mean) < 5 * std::sqrt(1 - p) / p / std::sqrt(double(n)));
}
