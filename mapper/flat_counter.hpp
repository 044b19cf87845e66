// FlatCounter -- counts per 32-bit key in one flat open-addressing table (linear probing,
// power-of-two size, at most half full), for the partitioner's per-core tallies of
// presynaptic ids: a lookup touches one or two adjacent slots instead of a bucket chain.
#pragma once

#include <cstdint>
#include <vector>

namespace axomesh::mapper {

class FlatCounter {
 public:
  uint32_t count(uint32_t key) const {
    if (slots_.empty()) return 0;
    for (std::size_t i = home(key);; i = (i + 1) & mask()) {
      if (slots_[i] == kEmpty) return 0;
      if (key_of(slots_[i]) == key) return value_of(slots_[i]);
    }
  }
  // Adds 1; returns true when the key is new.
  bool increment(uint32_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask()) {
      if (slots_[i] == kEmpty) {
        slots_[i] = pack(key, 1);
        ++size_;
        return true;
      }
      if (key_of(slots_[i]) == key) {
        slots_[i] = pack(key, value_of(slots_[i]) + 1);
        return false;
      }
    }
  }
  // Subtracts 1 from a present key; returns true when it reaches 0 (the key is removed).
  bool decrement(uint32_t key) {
    std::size_t i = home(key);
    while (key_of(slots_[i]) != key || slots_[i] == kEmpty) i = (i + 1) & mask();
    const uint32_t left = value_of(slots_[i]) - 1;
    if (left > 0) {
      slots_[i] = pack(key, left);
      return false;
    }
    erase_at(i);
    return true;
  }
  std::size_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = 0;  // count 0 never stored, so 0 marks an empty slot
  static uint64_t pack(uint32_t key, uint32_t value) { return (uint64_t{key} << 32) | value; }
  static uint32_t key_of(uint64_t slot) { return static_cast<uint32_t>(slot >> 32); }
  static uint32_t value_of(uint64_t slot) { return static_cast<uint32_t>(slot); }
  std::size_t mask() const { return slots_.size() - 1; }
  std::size_t home(uint32_t key) const { return (uint64_t{key} * 0x9E3779B97F4A7C15ULL >> 20) & mask(); }

  void grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, kEmpty);
    size_ = 0;
    for (uint64_t s : old)
      if (s != kEmpty) {
        std::size_t i = home(key_of(s));
        while (slots_[i] != kEmpty) i = (i + 1) & mask();
        slots_[i] = s;
        ++size_;
      }
  }
  // Backward-shift deletion keeps every probe chain unbroken without tombstones.
  void erase_at(std::size_t hole) {
    slots_[hole] = kEmpty;
    --size_;
    for (std::size_t i = (hole + 1) & mask(); slots_[i] != kEmpty; i = (i + 1) & mask()) {
      const std::size_t want = home(key_of(slots_[i]));
      // Move the entry into the hole if the hole lies on its probe path (cyclically).
      if (((i - want) & mask()) >= ((i - hole) & mask())) {
        slots_[hole] = slots_[i];
        slots_[i] = kEmpty;
        hole = i;
      }
    }
  }

  std::vector<uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace axomesh::mapper
