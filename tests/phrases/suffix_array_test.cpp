// Suffix array (SA-IS) and LCP (Kasai, with stop symbols) against naive constructions.

#include "toolkit/phrases/suffix_array.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "toolkit/common/error.h"

namespace stylokit::phrases {
namespace {

std::vector<int32_t> naive_sa(const std::vector<int32_t>& s) {
  std::vector<int32_t> sa(s.size());
  for (size_t i = 0; i < sa.size(); ++i) sa[i] = static_cast<int32_t>(i);
  std::sort(sa.begin(), sa.end(), [&](int32_t a, int32_t b) {
    return std::lexicographical_compare(s.begin() + a, s.end(), s.begin() + b, s.end());
  });
  return sa;
}

std::vector<int32_t> random_text(std::mt19937_64& rng, size_t n, int32_t alphabet) {
  std::uniform_int_distribution<int32_t> sym(1, alphabet - 1);
  std::vector<int32_t> s(n);
  for (auto& x : s) x = sym(rng);
  s.push_back(0);
  return s;
}

TEST(SuffixArray, EqualsNaiveSortOnRandomTexts) {
  // SA-IS gives the lexicographic order of all suffixes for small and large alphabets.
  std::mt19937_64 rng(42);
  for (int round = 0; round < 400; ++round) {
    const int32_t alphabet = 2 + static_cast<int32_t>(rng() % (round % 2 ? 4 : 200));
    const auto s = random_text(rng, rng() % 120, alphabet);
    ASSERT_EQ(build_suffix_array(s, alphabet), naive_sa(s)) << "round " << round;
  }
}

TEST(SuffixArray, HandlesRepetitiveTexts) {
  // Runs and periodic texts exercise the recursion of SA-IS.
  for (int period : {1, 2, 3, 7}) {
    std::vector<int32_t> s;
    for (int i = 0; i < 500; ++i) s.push_back(1 + i % period);
    s.push_back(0);
    EXPECT_EQ(build_suffix_array(s, period + 1), naive_sa(s)) << "period " << period;
  }
  EXPECT_EQ(build_suffix_array(std::vector<int32_t>{0}, 1), std::vector<int32_t>{0});
}

TEST(SuffixArray, RejectsMissingSentinel) {
  // The sentinel precondition is checked, not assumed.
  EXPECT_THROW(build_suffix_array(std::vector<int32_t>{2, 1}, 3), ConfigError);
  EXPECT_THROW(build_suffix_array(std::vector<int32_t>{}, 3), ConfigError);
  EXPECT_THROW(build_suffix_array(std::vector<int32_t>{5, 0}, 3), ConfigError);
}

TEST(Lcp, EqualsNaiveStoppedPrefixes) {
  // lcp[i] is the common prefix of adjacent suffixes, cut at the first stop symbol.
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int32_t alphabet = 2 + static_cast<int32_t>(rng() % 5);
    const auto s = random_text(rng, rng() % 100, alphabet);
    const int32_t stop = static_cast<int32_t>(rng() % 2);  // 0: only the sentinel stops; 1: symbol 1 too
    const auto sa = build_suffix_array(s, alphabet);
    const auto lcp = build_lcp(s, sa, stop);
    ASSERT_EQ(lcp[0], 0);
    for (size_t i = 1; i < sa.size(); ++i) {
      int32_t h = 0;
      while (sa[i] + h < static_cast<int32_t>(s.size()) && sa[i - 1] + h < static_cast<int32_t>(s.size()) &&
             s[sa[i] + h] == s[sa[i - 1] + h] && s[sa[i] + h] > stop)
        ++h;
      ASSERT_EQ(lcp[i], h) << "round " << round << " i " << i;
    }
  }
}

}  // namespace
}  // namespace stylokit::phrases
