// Suffix array (SA-IS), LCP (Kasai, with stop symbols), bounded-depth suffix sort and capped
// LCP against naive constructions.

#include "toolkit/phrases/suffix_array.h"

#include <divsufsort.h>
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

TEST(SuffixArray, EqualsLibdivsufsortOnLargeTexts) {
  // libdivsufsort (Mori) sorts bytes: on texts of symbols 1..255 ending with the sentinel 0,
  // its suffix array must equal ours, at sizes where the naive sort is out of reach: random
  // texts over 2, 4 and 255 symbols, a periodic one, Fibonacci words (the classic worst case
  // of many sorts), and copies of passages with word edits. The bounded sort deep enough
  // (stop symbol: the sentinel only) is the full suffix array too.
  std::mt19937_64 rng(31337);
  std::vector<std::vector<int32_t>> texts;
  for (int32_t alphabet : {3, 5, 256}) texts.push_back(random_text(rng, 200'000, alphabet));
  texts.emplace_back();
  for (int i = 0; i < 150'000; ++i) texts.back().push_back(1 + i % 7);
  texts.back().push_back(0);
  std::vector<int32_t> a{1}, b{1, 2};  // Fibonacci words over {1, 2}
  while (b.size() < 150'000) {
    std::vector<int32_t> c = b;
    c.insert(c.end(), a.begin(), a.end());
    a = std::move(b);
    b = std::move(c);
  }
  b.push_back(0);
  texts.push_back(b);
  texts.emplace_back();
  std::vector<std::vector<int32_t>> passages(40);
  for (auto& p : passages) p = random_text(rng, 10 + rng() % 60, 200), p.pop_back();
  while (texts.back().size() < 250'000)
    for (int32_t x : passages[rng() % passages.size()]) texts.back().push_back(rng() % 30 ? x : 201 + rng() % 50);
  texts.back().push_back(0);
  for (size_t t = 0; t < texts.size(); ++t) {
    const auto& s = texts[t];
    std::vector<sauchar_t> bytes(s.begin(), s.end());
    std::vector<saidx_t> reference(s.size());
    ASSERT_EQ(divsufsort(bytes.data(), reference.data(), static_cast<saidx_t>(s.size())), 0);
    const std::vector<int32_t> expected(reference.begin(), reference.end());
    ASSERT_EQ(build_suffix_array(s, 256), expected) << "text " << t;
    // Deep enough: longer than any repeat of these texts (checked by the LCP below).
    const auto lcp = build_lcp(s, expected, 0);
    const auto deepest = static_cast<uint32_t>(*std::max_element(lcp.begin(), lcp.end()));
    ASSERT_EQ(build_bounded_suffix_array(s, 256, 0, deepest + 1), expected) << "bounded, text " << t;
    ASSERT_EQ(build_bounded_suffix_array(s, 256, 0, deepest + 1, nullptr, 0), expected) << "partitioned, text " << t;
  }
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

// The specification of the bounded sort, written directly: suffix i's key is its first
// `depth` symbols, a stop symbol (<= stop_max) compared as (value, its position) and ending
// the key; ties (equal keys) in position order.
std::vector<int32_t> naive_bounded_sa(const std::vector<int32_t>& s, int32_t stop_max, uint32_t depth) {
  const auto n = static_cast<int32_t>(s.size());
  std::vector<std::vector<std::pair<int32_t, int32_t>>> key(s.size());
  for (int32_t i = 0; i < n; ++i)
    for (int32_t j = i; j < n && static_cast<uint32_t>(j - i) < depth; ++j) {
      key[i].push_back({s[j], s[j] <= stop_max ? j : -1});
      if (s[j] <= stop_max) break;
    }
  std::vector<int32_t> sa(s.size());
  for (int32_t i = 0; i < n; ++i) sa[i] = i;
  std::stable_sort(sa.begin(), sa.end(), [&](int32_t a, int32_t b) { return key[a] < key[b]; });
  return sa;
}

// Text with stop symbols 0 (the final sentinel) and 1..stops (separators) spread inside.
std::vector<int32_t> random_text_with_stops(std::mt19937_64& rng, size_t n, int32_t stops, int32_t alphabet) {
  std::uniform_int_distribution<int32_t> sym(stops + 1, alphabet - 1);
  std::vector<int32_t> s(n);
  for (auto& x : s) x = rng() % 8 == 0 ? 1 + static_cast<int32_t>(rng() % stops) : sym(rng);
  s.push_back(0);
  return s;
}

TEST(BoundedSuffixArray, EqualsNaiveBoundedSort) {
  // The bounded sort orders suffixes by exactly `depth` symbols, stops unique, ties by
  // position: equal to the naive specification for every depth, alphabet and stop setting.
  std::mt19937_64 rng(2027);
  for (int round = 0; round < 600; ++round) {
    const int32_t stops = 1 + static_cast<int32_t>(rng() % 2);
    const int32_t alphabet = stops + 2 + static_cast<int32_t>(rng() % (round % 3 == 0 ? 300 : 3));
    const auto s = random_text_with_stops(rng, rng() % 150, stops, alphabet);
    const auto depth = 1 + static_cast<uint32_t>(rng() % 24);
    const auto expected = naive_bounded_sa(s, stops, depth);
    ASSERT_EQ(build_bounded_suffix_array(s, alphabet, stops, depth), expected)
        << "round " << round << " depth " << depth;
    // The same with the keys gathered and the ranks written block by block (the path of
    // large inputs).
    ASSERT_EQ(build_bounded_suffix_array(s, alphabet, stops, depth, nullptr, 0), expected)
        << "partitioned, round " << round << " depth " << depth;
  }
}

TEST(BoundedSuffixArray, LongRunsAndLargeGroups) {
  // Runs "a a a ...", periodic texts and groups large enough for the radix-sort path
  // (thousands of tied suffixes) still follow the specification, at depths around powers of 2.
  for (int period : {1, 2, 3, 5}) {
    for (size_t len : {size_t{40}, size_t{9000}}) {
      std::vector<int32_t> s;
      for (size_t i = 0; i < len; ++i) {
        s.push_back(2 + static_cast<int32_t>(i % static_cast<size_t>(period)));
        if (i % 700 == 699) s.push_back(1);  // a separator now and then
      }
      s.push_back(0);
      for (uint32_t depth : {1u, 2u, 3u, 4u, 5u, 8u, 9u, 16u, 17u, 21u, 33u}) {
        if (len > 100 && depth > 9 && depth != 21) continue;  // keep the naive sort cheap
        const auto expected = naive_bounded_sa(s, 1, depth);
        ASSERT_EQ(build_bounded_suffix_array(s, 2 + period, 1, depth), expected)
            << "period " << period << " len " << len << " depth " << depth;
        ASSERT_EQ(build_bounded_suffix_array(s, 2 + period, 1, depth, nullptr, 0), expected)
            << "partitioned, period " << period << " len " << len << " depth " << depth;
      }
    }
  }
  // Many distinct keys in one large group: random symbols after one frequent symbol.
  std::mt19937_64 rng(5);
  std::vector<int32_t> s;
  for (int i = 0; i < 20000; ++i) {
    s.push_back(2);
    s.push_back(3 + static_cast<int32_t>(rng() % 5000));
  }
  s.push_back(0);
  EXPECT_EQ(build_bounded_suffix_array(s, 5003, 1, 3), naive_bounded_sa(s, 1, 3));
}

TEST(BoundedSuffixArray, DeepEnoughEqualsFullSuffixArray) {
  // With a depth beyond every repeat and no separators inside, the bounded order is the
  // full suffix array.
  std::mt19937_64 rng(11);
  for (int round = 0; round < 100; ++round) {
    const int32_t alphabet = 2 + static_cast<int32_t>(rng() % 6);
    const auto s = random_text(rng, rng() % 80, alphabet);
    ASSERT_EQ(build_bounded_suffix_array(s, alphabet, 0, static_cast<uint32_t>(s.size())), naive_sa(s))
        << "round " << round;
  }
}

// The groups of SA still tied at `depth` symbols, found by comparing neighbours directly:
// maximal runs of suffixes whose first `depth` symbols are equal and above stop_max.
std::vector<std::pair<int32_t, int32_t>> naive_tied_groups(const std::vector<int32_t>& s,
                                                           const std::vector<int32_t>& sa, int32_t stop_max,
                                                           uint32_t depth) {
  auto tied = [&](int32_t a, int32_t b) {
    for (uint32_t h = 0; h < depth; ++h)
      if (s[a + h] != s[b + h] || s[a + h] <= stop_max) return false;
    return true;
  };
  std::vector<std::pair<int32_t, int32_t>> groups;
  const auto n = static_cast<int32_t>(sa.size());
  for (int32_t k = 1; k < n; ++k) {
    if (!tied(sa[k - 1], sa[k])) continue;
    if (!groups.empty() && groups.back().second == k) {
      ++groups.back().second;
    } else {
      groups.emplace_back(k - 1, k + 1);
    }
  }
  return groups;
}

TEST(BoundedSuffixArray, SpareBuffersDoNotChangeTheOrder) {
  // Handing the temporaries back (SortSpare) gives the same order, two N-word buffers, and
  // the groups still tied at `depth` symbols. Random texts over a few symbols, and
  // repetitive ones (copies of a few passages) where whole groups stay tied round after
  // round.
  std::mt19937_64 rng(77);
  for (int round = 0; round < 100; ++round) {
    std::vector<int32_t> s;
    if (round % 2 == 0) {
      s = random_text_with_stops(rng, 1 + rng() % 200, 2, 9);
    } else {
      std::vector<std::vector<int32_t>> passages(1 + rng() % 3);
      for (auto& p : passages) p = random_text(rng, 1 + rng() % 12, 9);
      for (size_t copies = 2 + rng() % 12; copies > 0; --copies) {
        for (int32_t x : passages[rng() % passages.size()]) s.push_back(x < 3 ? x + 3 : x);
        if (rng() % 3 == 0) s.push_back(static_cast<int32_t>(1 + rng() % 2));
      }
      s.push_back(0);
    }
    const auto depth = 1 + static_cast<uint32_t>(rng() % 8);
    SortSpare spare;
    const auto sa = build_bounded_suffix_array(s, 9, 2, depth, &spare);
    ASSERT_EQ(sa, naive_bounded_sa(s, 2, depth)) << "round " << round;
    EXPECT_EQ(spare.a.size(), s.size());
    EXPECT_EQ(spare.b.size(), s.size());
    EXPECT_EQ(spare.tied, naive_tied_groups(s, sa, 2, depth)) << "round " << round;
    SortSpare partitioned;
    ASSERT_EQ(build_bounded_suffix_array(s, 9, 2, depth, &partitioned, 0), sa) << "partitioned, round " << round;
    EXPECT_EQ(partitioned.tied, spare.tied) << "partitioned, round " << round;
  }
}

TEST(BoundedSuffixArray, PartitionedGatherAcrossManyBlocks) {
  // Large enough for the partitioned gathers and rank writes to spread over several blocks of
  // ranks (2^17 positions each) and the rank writes over several batches: copies of passages
  // with word edits, so groups stay tied over several rounds and split at every depth. Same
  // order and tied groups as the direct path (itself checked against the naive sort above).
  std::mt19937_64 rng(2031);
  std::vector<std::vector<int32_t>> passages(300);
  for (auto& p : passages) p = random_text(rng, 5 + rng() % 40, 3000), p.pop_back();
  std::vector<int32_t> s;
  while (s.size() < 700'000) {
    for (int32_t x : passages[rng() % passages.size()])
      s.push_back(rng() % 50 == 0 ? 2 + static_cast<int32_t>(rng() % 2998) : x + 1);
    s.push_back(1);
  }
  s.push_back(0);
  for (uint32_t depth : {2u, 5u, 21u}) {
    SortSpare direct, partitioned;
    const auto sa = build_bounded_suffix_array(s, 3001, 1, depth, &direct, uint64_t{1} << 40);
    ASSERT_EQ(build_bounded_suffix_array(s, 3001, 1, depth, &partitioned, 0), sa) << "depth " << depth;
    EXPECT_EQ(partitioned.tied, direct.tied) << "depth " << depth;
    EXPECT_FALSE(direct.tied.empty());
  }
}

TEST(BoundedSuffixArray, RejectsBrokenPreconditions) {
  // Missing final stop symbol, symbols outside the alphabet, depth 0: ConfigError.
  EXPECT_THROW(build_bounded_suffix_array(std::vector<int32_t>{2, 3}, 4, 1, 3), ConfigError);
  EXPECT_THROW(build_bounded_suffix_array(std::vector<int32_t>{}, 4, 1, 3), ConfigError);
  EXPECT_THROW(build_bounded_suffix_array(std::vector<int32_t>{7, 0}, 4, 1, 3), ConfigError);
  EXPECT_THROW(build_bounded_suffix_array(std::vector<int32_t>{2, 0}, 4, 1, 0), ConfigError);
  EXPECT_THROW(build_capped_lcp(std::vector<int32_t>{2, 3}, std::vector<int32_t>{0, 1}, 1, 3), ConfigError);
  EXPECT_EQ(build_bounded_suffix_array(std::vector<int32_t>{0}, 1, 0, 4), std::vector<int32_t>{0});
}

TEST(CappedLcp, EqualsNaiveCappedPrefixes) {
  // lcp[i] = min(cap, common prefix of the neighbours cut at the first stop symbol).
  std::mt19937_64 rng(8);
  for (int round = 0; round < 300; ++round) {
    const int32_t alphabet = 4 + static_cast<int32_t>(rng() % 3);
    const auto s = random_text_with_stops(rng, rng() % 120, 1, alphabet);
    const auto cap = 1 + static_cast<uint32_t>(rng() % 10);
    const auto sa = build_bounded_suffix_array(s, alphabet, 1, cap);
    const auto lcp = build_capped_lcp(s, sa, 1, cap);
    ASSERT_EQ(lcp[0], 0);
    for (size_t i = 1; i < sa.size(); ++i) {
      int32_t h = 0;
      while (static_cast<uint32_t>(h) < cap && s[sa[i] + h] == s[sa[i - 1] + h] && s[sa[i] + h] > 1) ++h;
      ASSERT_EQ(lcp[i], h) << "round " << round << " i " << i;
    }
  }
}

}  // namespace
}  // namespace stylokit::phrases
