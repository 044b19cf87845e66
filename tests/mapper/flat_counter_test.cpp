// FlatCounter against std::map under random increments and decrements (growth, probe
// chains, backward-shift deletion).
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "mapper/flat_counter.hpp"

TEST_CASE("FlatCounter counts like a map", "[mapper][flat-counter]") {
  std::mt19937_64 rng(11);
  axomesh::mapper::FlatCounter counter;
  std::map<uint32_t, uint32_t> reference;
  for (int op = 0; op < 200000; ++op) {
    // Few distinct keys, clustered, so that probe chains collide and wrap.
    const uint32_t key = uint32_t(rng() % 3000) * (op % 7 == 0 ? 65536u : 1u);
    if (rng() % 3 != 0 || reference.count(key) == 0) {
      const bool fresh = reference[key]++ == 0;
      REQUIRE(counter.increment(key) == fresh);
    } else {
      const bool gone = --reference[key] == 0;
      if (gone) reference.erase(key);
      REQUIRE(counter.decrement(key) == gone);
    }
    if (op % 997 == 0)
      for (const auto& [k, v] : reference) REQUIRE(counter.count(k) == v);
  }
  REQUIRE(counter.size() == reference.size());
  CHECK(counter.count(4000000000u) == 0);
}
