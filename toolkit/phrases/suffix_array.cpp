#include "toolkit/phrases/suffix_array.h"

#include <algorithm>
#include <limits>

#include "toolkit/common/error.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace stylokit::phrases {

void advise_huge_pages(void* p, size_t bytes) {
#ifdef __linux__
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (p != nullptr && end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p, (void)bytes;
#endif
}

namespace {

// SA-IS after Nong, Zhang & Chan, "Two Efficient Algorithms for Linear Time Suffix Array
// Construction" (2011), with the reduced string and its suffix array kept inside SA.
// s[n-1] is the unique smallest symbol; types: 1 = S-type, 0 = L-type.

void bucket_bounds(const int32_t* s, int32_t n, int32_t k, std::vector<int32_t>& bkt, bool ends) {
  std::fill(bkt.begin(), bkt.end(), 0);
  for (int32_t i = 0; i < n; ++i) ++bkt[s[i]];
  int32_t sum = 0;
  for (int32_t c = 0; c < k; ++c) {
    sum += bkt[c];
    bkt[c] = ends ? sum : sum - bkt[c];
  }
}

void induce_l(const std::vector<uint8_t>& t, int32_t* sa, const int32_t* s, std::vector<int32_t>& bkt, int32_t n,
              int32_t k) {
  bucket_bounds(s, n, k, bkt, false);
  for (int32_t i = 0; i < n; ++i) {
    const int32_t j = sa[i] - 1;
    if (sa[i] > 0 && !t[j]) sa[bkt[s[j]]++] = j;
  }
}

void induce_s(const std::vector<uint8_t>& t, int32_t* sa, const int32_t* s, std::vector<int32_t>& bkt, int32_t n,
              int32_t k) {
  bucket_bounds(s, n, k, bkt, true);
  for (int32_t i = n - 1; i >= 0; --i) {
    const int32_t j = sa[i] - 1;
    if (sa[i] > 0 && t[j]) sa[--bkt[s[j]]] = j;
  }
}

void sais(const int32_t* s, int32_t* sa, int32_t n, int32_t k) {
  if (n == 1) {
    sa[0] = 0;
    return;
  }
  std::vector<uint8_t> t = huge_vector<uint8_t>(static_cast<size_t>(n));
  t[n - 1] = 1;
  t[n - 2] = 0;
  for (int32_t i = n - 3; i >= 0; --i) t[i] = (s[i] < s[i + 1] || (s[i] == s[i + 1] && t[i + 1])) ? 1 : 0;
  auto is_lms = [&t](int32_t i) { return i > 0 && t[i] && !t[i - 1]; };

  // Stage 1: sort the LMS substrings by one round of induced sorting.
  std::vector<int32_t> bkt(static_cast<size_t>(k));
  bucket_bounds(s, n, k, bkt, true);
  std::fill(sa, sa + n, -1);
  for (int32_t i = 1; i < n; ++i)
    if (is_lms(i)) sa[--bkt[s[i]]] = i;
  induce_l(t, sa, s, bkt, n, k);
  induce_s(t, sa, s, bkt, n, k);

  int32_t n1 = 0;
  for (int32_t i = 0; i < n; ++i)
    if (is_lms(sa[i])) sa[n1++] = sa[i];

  // Name the sorted LMS substrings; equal substrings get equal names.
  std::fill(sa + n1, sa + n, -1);
  int32_t name = 0, prev = -1;
  for (int32_t i = 0; i < n1; ++i) {
    const int32_t pos = sa[i];
    bool diff = false;
    for (int32_t d = 0; d < n; ++d) {
      if (prev == -1 || s[pos + d] != s[prev + d] || t[pos + d] != t[prev + d]) {
        diff = true;
        break;
      }
      if (d > 0 && (is_lms(pos + d) || is_lms(prev + d))) break;
    }
    if (diff) {
      ++name;
      prev = pos;
    }
    sa[n1 + pos / 2] = name - 1;
  }
  for (int32_t i = n - 1, j = n - 1; i >= n1; --i)
    if (sa[i] >= 0) sa[j--] = sa[i];

  // Stage 2: sort the reduced string (recursively when names repeat).
  int32_t* sa1 = sa;
  int32_t* s1 = sa + n - n1;
  if (name < n1) {
    sais(s1, sa1, n1, name);
  } else {
    for (int32_t i = 0; i < n1; ++i) sa1[s1[i]] = i;
  }

  // Stage 3: induce the full order from the sorted LMS suffixes.
  bucket_bounds(s, n, k, bkt, true);
  for (int32_t i = 1, j = 0; i < n; ++i)
    if (is_lms(i)) s1[j++] = i;
  for (int32_t i = 0; i < n1; ++i) sa1[i] = s1[sa1[i]];
  std::fill(sa + n1, sa + n, -1);
  for (int32_t i = n1 - 1; i >= 0; --i) {
    const int32_t j = sa[i];
    sa[i] = -1;
    sa[--bkt[s[j]]] = j;
  }
  induce_l(t, sa, s, bkt, n, k);
  induce_s(t, sa, s, bkt, n, k);
}

}  // namespace

std::vector<int32_t> build_suffix_array(std::span<const int32_t> text, int32_t alphabet) {
  STYLOKIT_CHECK(text.size() < static_cast<size_t>(std::numeric_limits<int32_t>::max()), DataError,
                 "suffix array: {} symbols exceed the limit of 2^31 - 2 tokens", text.size());
  STYLOKIT_CHECK(!text.empty() && text.back() == 0, ConfigError, "suffix array: text must end with the sentinel 0");
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n; ++i)
    STYLOKIT_CHECK((text[i] > 0 || i == n - 1) && text[i] < alphabet, ConfigError,
                   "suffix array: symbol {} at {} outside [1, {})", text[i], i, alphabet);
  std::vector<int32_t> sa = huge_vector<int32_t>(text.size());
  sais(text.data(), sa.data(), n, alphabet);
  return sa;
}

std::vector<int32_t> build_lcp(std::span<const int32_t> text, std::span<const int32_t> sa, int32_t stop_max) {
  STYLOKIT_ASSERT(text.size() == sa.size());
  const auto n = static_cast<int32_t>(text.size());
  std::vector<int32_t> lcp = huge_vector<int32_t>(text.size());
  if (n == 0) return lcp;
  // plcp holds Φ (the suffix before each suffix in SA order) and is overwritten in place by
  // the permuted LCP: Kasai's h-1 bound holds for the stopped comparison too, because the
  // stopped LCP is min(true LCP, distance to the next stop symbol) and both shrink by one.
  std::vector<int32_t> plcp = huge_vector<int32_t>(text.size());
  plcp[sa[0]] = -1;
  for (int32_t i = 1; i < n; ++i) plcp[sa[i]] = sa[i - 1];
  int32_t h = 0;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t j = plcp[i];
    if (j < 0) {
      plcp[i] = 0;
      h = 0;
      continue;
    }
    while (i + h < n && j + h < n && text[i + h] == text[j + h] && text[i + h] > stop_max) ++h;
    plcp[i] = h;
    if (h > 0) --h;
  }
  for (int32_t i = 0; i < n; ++i) lcp[i] = plcp[sa[i]];
  return lcp;
}

}  // namespace stylokit::phrases
