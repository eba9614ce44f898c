#pragma once
// The pinned hashes and the seeded generator of the toolkit. Everything here decides outputs
// (which MinHash pairs are found, which k-means++ centres are drawn, which bootstrap columns
// are resampled, which n-grams are masked, which column a hashed term lands in), so each
// function is specified below bit for bit, written once, and golden-tested against an
// independent Python implementation (tests/common/reference_random.py). Never change one:
// change the caller to use a new, differently named function instead.
//
// All arithmetic is on unsigned 64-bit words, modulo 2^64. Nothing here depends on the
// standard library's distributions (whose outputs are implementation-defined). Every
// function is pure or acts on its own object only, so all are thread-safe on distinct objects.

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

namespace stylokit {

// The splitmix64 increment: 2^64 / golden ratio, rounded to odd.
inline constexpr std::uint64_t kSplitMix64Gamma = 0x9e3779b97f4a7c15ULL;

// The splitmix64 finaliser (Steele, Lea & Flood 2014; Stafford's "Mix13" constants), a
// bijection on 64-bit words whose output bits each depend on every input bit:
//   x ^= x >> 30; x *= 0xbf58476d1ce4e5b9; x ^= x >> 27; x *= 0x94d049bb133111eb; x ^= x >> 31.
// O(1).
constexpr std::uint64_t splitmix64_mix(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// 64-bit FNV-1a over bytes: h = 0xcbf29ce484222325; for each byte b: h ^= b; h *= 0x100000001b3.
// Not well mixed in its low bits; callers that reduce modulo a small number finalise it with
// splitmix64_mix. O(bytes).
constexpr std::uint64_t fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Hash of a sequence of 32-bit ids (an n-gram of token ids): h = kSplitMix64Gamma; for each
// id v: h = splitmix64_mix(h ^ uint32(v)) (the id's two's-complement bits, zero-extended).
// The empty sequence hashes to kSplitMix64Gamma. O(ids).
constexpr std::uint64_t hash_ids(std::span<const std::int32_t> ids) noexcept {
  std::uint64_t h = kSplitMix64Gamma;
  for (const std::int32_t v : ids) h = splitmix64_mix(h ^ static_cast<std::uint32_t>(v));
  return h;
}

// The splitmix64 stream: state_0 = seed; next() sets state += kSplitMix64Gamma and returns
// splitmix64_mix(state). Its outputs for a seed are fixed forever (golden-tested), whatever the
// platform or standard library. Satisfies std::uniform_random_bit_generator.
class SplitMix64 {
 public:
  using result_type = std::uint64_t;

  explicit constexpr SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

  // The next 64-bit output. O(1).
  constexpr std::uint64_t next() noexcept { return splitmix64_mix(state_ += kSplitMix64Gamma); }
  constexpr std::uint64_t operator()() noexcept { return next(); }

  // A double in [0, 1): the top 53 bits of next() times 2^-53. O(1).
  constexpr double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // next() mod n, WITHOUT rejection: one draw, slightly biased towards small values (by at
  // most n / 2^64 in probability). Kept because k-means++ picks its first centre this way and
  // its outputs are pinned; new code wants uniform_below(). Requires n >= 1. O(1).
  constexpr std::uint64_t next_mod(std::uint64_t n) noexcept { return next() % n; }

  static constexpr std::uint64_t min() noexcept { return 0; }
  static constexpr std::uint64_t max() noexcept { return std::numeric_limits<std::uint64_t>::max(); }

 private:
  std::uint64_t state_;
};

// An index uniform in [0, n) from `gen`, any generator whose outputs are uniform over all
// 2^64 words (SplitMix64, std::mt19937_64), by rejection:
//   limit = 2^64 - (2^64 mod n); repeat x = gen() until x < limit; return x mod n
// (no rejection at all when n divides 2^64, i.e. n is a power of two). Requires n >= 1.
// O(1) expected draws (fewer than 2 in the worst case).
template <class Generator>
std::uint64_t uniform_below(Generator& gen, std::uint64_t n) {
  static_assert(Generator::min() == 0 && Generator::max() == std::numeric_limits<std::uint64_t>::max(),
                "uniform_below needs a generator of full 64-bit words");
  const std::uint64_t rem = (std::uint64_t{0} - n) % n;  // 2^64 mod n, in 64-bit arithmetic
  const std::uint64_t limit = std::uint64_t{0} - rem;    // 2^64 - rem; 0 (unused) when rem == 0
  for (;;) {
    const std::uint64_t x = gen();
    if (rem == 0 || x < limit) return x % n;
  }
}

}  // namespace stylokit
