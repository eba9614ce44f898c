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
#include <vector>

namespace stylokit::phrases {

// Asks the kernel to back [p, p + bytes) with transparent huge pages (Linux, THP in
// "madvise" mode) before the memory is first touched: the suffix-array passes access N-word
// arrays at random, and with 4 KiB pages TLB misses dominate beyond ~10^7 tokens. A hint
// only; a no-op elsewhere or when refused.
void advise_huge_pages(void* p, size_t bytes);

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

}  // namespace stylokit::phrases
