#pragma once
// Suffix array and LCP array over integer alphabets.
//
// Why our own SA-IS and not libdivsufsort: divsufsort sorts bytes (alphabet 256), and a
// corpus is a sequence of token ids from a vocabulary of 10^4–10^6 types. Packing ids into
// several bytes would need a byte-level SA over 3–4x more symbols plus a filter for
// suffixes that start mid-token, and an alphabet remapping by frequency would still not fit
// 256 symbols. SA-IS (Nong, Zhang & Chan 2009) sorts an integer alphabet directly in O(N)
// time with N 32-bit words of extra space, so the whole pipeline stays linear.

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace stylokit::phrases {

// Asks the kernel to back [p, p + bytes) with transparent huge pages (Linux, THP in
// "madvise" mode) before the memory is first touched: the suffix-array passes access N-word
// arrays at random, and with 4 KiB pages TLB misses dominate beyond ~10^7 tokens. A hint
// only; a no-op elsewhere or when refused.
void advise_huge_pages(void* p, size_t bytes);

// A hint to fetch the cache line at p for reading (overlaps random reads). No-op where
// unsupported.
inline void prefetch(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}
// The same for a line about to be written.
inline void prefetch_write(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p, 1);
#else
  (void)p;
#endif
}

// A zero-filled vector of n values whose storage got advise_huge_pages first.
template <class T>
std::vector<T> huge_vector(size_t n, T value = T{}) {
  std::vector<T> v;
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
  v.assign(n, value);
  return v;
}

// Suffix array of `text` by SA-IS. Requirements: text.back() == 0 and 0 occurs nowhere else
// (the sentinel); all values in [0, alphabet). Returns SA with SA[0] == text.size() - 1.
// O(N) time, O(N + alphabet) extra space. Thread-safe (no shared state). Throws DataError
// when text has 2^31 - 1 or more symbols (32-bit positions), ConfigError on a broken
// precondition.
std::vector<int32_t> build_suffix_array(std::span<const int32_t> text, int32_t alphabet);

// LCP array by Kasai et al. (the Φ variant): lcp[i] = length of the common prefix of the
// suffixes SA[i-1] and SA[i] (lcp[0] = 0), where a comparison stops at any symbol
// <= `stop_max` (separators and the sentinel never match, so no common prefix crosses
// them). O(N) time; the result and one temporary N-word array. Thread-safe.
std::vector<int32_t> build_lcp(std::span<const int32_t> text, std::span<const int32_t> sa, int32_t stop_max);

// Bounded-depth suffix sort: the suffixes of `text` ordered by their first `depth` symbols,
// where every symbol <= `stop_max` (separators, the sentinel) counts as unique — ordered by
// value, then by position — so no common prefix crosses one. Suffixes with the same first
// `depth` symbols keep position order (a deterministic tie-break). For depth = D the result
// is a valid suffix array for every question about prefixes of at most D symbols (LCP
// intervals of value < D, pattern search of length <= D), which is all phrase mining with
// phrases of at most D - 1 tokens needs.
//
// Algorithm: prefix doubling on group ranks (Manber-Myers / Larsson-Sadakane) restricted
// to the groups still tied: a counting sort on the first symbol, then ceil(log2 depth)
// rounds, each gathering the rank of the suffix h symbols further for the members of the
// tied groups (ascending positions inside a group, so the gathers move forward through
// memory) and sorting every group by it (LSD radix sort for large groups; a group whose
// members all have the same key is left as it is). The first round's keys (the second
// symbols) are written by the counting sort's pass in position order, so that round gathers
// nothing. Each round is a few streaming passes over the still-tied suffixes: O(N log depth)
// time in the worst case (long repeats), close to O(N) on prose where most suffixes are
// unique after a few tokens. Space: the result and two N-word temporaries.
// Requirements: text.back() <= stop_max, every value in [0, alphabet), depth >= 1. Throws
// DataError when text has 2^31 - 1 or more symbols, ConfigError on a broken precondition.
// Thread-safe (no shared state).
//
// `spare`, when given, receives the two N-word temporaries (contents unspecified) instead of
// freeing them, so that the caller can reuse their memory: on large inputs, first touches of
// fresh pages cost as much as the sorting passes. It also receives the groups of suffixes
// still tied at `depth` symbols ([begin, end) ranges of SA, ascending, each of at least two):
// inside one, neighbours share exactly `depth` symbols, so their capped LCP is known without
// reading the text (on repetitive corpora, most of the SA).
//
// `partition_from`: from this many symbols on, the rounds gather their keys and write their
// new ranks block by block (partitioned by where they are read or written) instead of one
// random access each, for N/8 more bytes; below it the direct accesses hit the caches often
// enough to be as fast or faster. The order does not depend on it (the tests force both
// ways).
struct SortSpare {
  std::vector<int32_t> a, b;
  std::vector<std::pair<int32_t, int32_t>> tied;
};
inline constexpr uint64_t kPartitionedGatherFrom = uint64_t{1} << 24;
std::vector<int32_t> build_bounded_suffix_array(std::span<const int32_t> text, int32_t alphabet, int32_t stop_max,
                                                uint32_t depth, SortSpare* spare = nullptr,
                                                uint64_t partition_from = kPartitionedGatherFrom);

// Common prefix of the suffixes at a and b, at most `cap` symbols, cut at the first symbol
// <= stop_max. Equal symbols above stop_max are never a text's last one, so reading a[h + 1]
// after them stays inside. One pair of build_capped_lcp, for callers that fuse it with their
// own pass over the SA.
inline uint32_t capped_common_prefix(const int32_t* a, const int32_t* b, uint32_t cap, int32_t stop_max) {
  uint32_t h = 0;
  while (h < cap && a[h] == b[h] && a[h] > stop_max) ++h;
  return h;
}

// LCP capped at `cap`: lcp[i] = min(cap, common prefix of SA[i-1] and SA[i], cut at the
// first symbol <= stop_max); lcp[0] = 0. Pairs of neighbours are compared directly (at most
// `cap` symbols each, usually one or two), with prefetching, so the random reads overlap.
// O(N cap) worst case, O(N) on prose. Requires text.back() <= stop_max. Thread-safe.
std::vector<int32_t> build_capped_lcp(std::span<const int32_t> text, std::span<const int32_t> sa, int32_t stop_max,
                                      uint32_t cap);

}  // namespace stylokit::phrases
