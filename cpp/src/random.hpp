// SPDX-License-Identifier: MIT
// Internal: a small, fully specified PRNG so that seeded results are bit-for-bit identical
// natively and in wasm (the standard <random> distributions are implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

namespace logreg::detail {

/// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit state, passes BigCrush.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform integer in [0, bound) without modulo bias (rejection).
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t r;
    do r = next(); while (r >= limit);
    return r % bound;
  }
  /// Fisher–Yates shuffle.
  template <class T>
  void shuffle(T* first, std::size_t count) {
    for (std::size_t i = count; i > 1; --i) std::swap(first[i - 1], first[below(i)]);
  }

 private:
  std::uint64_t state_;
};

}  // namespace logreg::detail
