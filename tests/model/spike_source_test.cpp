// Spike sources: raster timing, and the statistics of the seeded random generators.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/spike_source_generator.hpp"

using namespace spikeforge::model;

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
  CHECK(spike_probability(src) == Approx(1.0 - std::exp(-0.1)));
}

TEST_CASE("gap sampler: tail beyond its table keeps the geometric law", "[model][source]") {
  // p = 1e-4: mean gap 9999, far beyond the 4096-entry table.
  GeometricGapSampler gaps(1e-4);
  Xoshiro256 rng(9);
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) sum += double(gaps.draw(rng, UINT64_MAX));
  const double mean = sum / n, expected = (1 - 1e-4) / 1e-4;
  CHECK(std::abs(mean - expected) < 5 * expected / std::sqrt(double(n)));
}
