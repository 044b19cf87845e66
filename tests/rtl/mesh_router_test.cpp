// The mesh router (rtl_gen/rtl/mesh_router.sv, verilated at position (2, 1)) under random
// traffic and random backpressure: every packet leaves exactly once, by the port XY
// routing names, in order within each input-output flow, and the router drains.
#include <catch2/catch.hpp>

#include <deque>
#include <map>
#include <random>
#include <vector>

#include "Vmesh_router.h"
#include "rtl/clock.hpp"

namespace {

constexpr int kX = 2, kY = 1;           // the verilated router's position (-GX, -GY)
constexpr int kXW = 4, kYW = 4, kPayload = 16, kWidth = kXW + kYW + kPayload;

template <class Wide>
void set_bits(Wide& w, int lsb, int width, uint32_t value) {
  for (int b = 0; b < width; ++b) {
    const int bit = lsb + b;
    uint32_t& word = w[bit / 32];
    word = (word & ~(1u << (bit % 32))) | (((value >> b) & 1u) << (bit % 32));
  }
}

template <class Wide>
uint32_t get_bits(const Wide& w, int lsb, int width) {
  uint32_t value = 0;
  for (int b = 0; b < width; ++b) value |= ((w[(lsb + b) / 32] >> ((lsb + b) % 32)) & 1u) << b;
  return value;
}

// Port XY routing picks at (kX, kY): 0 local, 1 east, 2 west, 3 north, 4 south.
int xy_port(uint32_t x, uint32_t y) {
  if (int(x) > kX) return 1;
  if (int(x) < kX) return 2;
  if (int(y) > kY) return 3;
  if (int(y) < kY) return 4;
  return 0;
}

struct Packet {
  uint32_t x, y, payload;  // payload = input port << 13 | sequence
};

}  // namespace

TEST_CASE("mesh router: XY ports, nothing lost or duplicated, order per flow, drains", "[rtl][router]") {
  Vmesh_router router;
  std::mt19937_64 rng(3);
  auto tick = [&] { axomesh::test::clock_cycle(router); };
  router.rst = 1;
  tick();
  router.rst = 0;

  std::deque<Packet> pending[5];   // per input, not yet accepted
  std::map<uint32_t, int> expected_port;
  uint32_t sequence[5] = {0, 0, 0, 0, 0};
  std::map<std::pair<int, int>, uint32_t> last_sequence;  // (input, output) -> last seen
  uint64_t sent = 0, received = 0;
  const int cycles = 20000;
  for (int cycle = 0; cycle < cycles + 2000; ++cycle) {
    const bool injecting = cycle < cycles;
    // Offer each input's next packet; sometimes create one.
    for (int p = 0; p < 5; ++p) {
      if (injecting && pending[p].size() < 3 && rng() % 3 == 0) {
        const Packet packet{uint32_t(rng() % 5), uint32_t(rng() % 4), uint32_t(p) << 13 | (sequence[p]++ & 0x1FFF)};
        expected_port[packet.payload] = xy_port(packet.x, packet.y);
        pending[p].push_back(packet);
        ++sent;
      }
      const bool offer = !pending[p].empty();
      router.in_valid = static_cast<uint8_t>((router.in_valid & ~(1u << p)) | (uint32_t(offer) << p));
      if (offer) {
        const Packet& packet = pending[p].front();
        set_bits(router.in_data, p * kWidth, kWidth,
                 packet.x << (kYW + kPayload) | packet.y << kPayload | packet.payload);
      }
    }
    // Random backpressure while injecting; all ready while draining.
    router.out_ready = static_cast<uint8_t>(injecting ? rng() % 32 : 0x1F);
    router.eval();
    // What is handed over on this clock edge.
    const uint32_t accepted = router.in_valid & router.in_ready;
    const uint32_t delivered = router.out_valid & router.out_ready;
    for (int o = 0; o < 5; ++o) {
      if (!(delivered >> o & 1u)) continue;
      const uint32_t payload = get_bits(router.out_data, o * kWidth, kPayload);
      INFO("cycle " << cycle << " port " << o << " payload " << payload);
      REQUIRE(expected_port.count(payload) == 1);  // sent, and not delivered before
      REQUIRE(expected_port[payload] == o);
      expected_port.erase(payload);
      const int input = int(payload >> 13);
      const uint32_t seq = payload & 0x1FFF;
      const auto flow = std::make_pair(input, o);
      if (last_sequence.count(flow)) REQUIRE(seq > last_sequence[flow]);
      last_sequence[flow] = seq;
      ++received;
    }
    tick();
    for (int p = 0; p < 5; ++p)
      if (accepted >> p & 1u) pending[p].pop_front();
  }
  CHECK(sent > 20000);
  CHECK(received == sent);      // everything drained
  CHECK(expected_port.empty());
}
