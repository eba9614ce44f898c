// MinHash + LSH: the pinned hash, the S-curve, parameter choice, recall against exact
// Jaccard, determinism and exactness of reported pairs.

#include "toolkit/similarity/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "toolkit/common/error.h"
#include "toolkit/common/random.h"

namespace stylokit::similarity {
namespace {

// Shingles: w consecutive tokens joined by one space, deduplicated; short documents give
// one shingle; the empty document none.
TEST(MinHash, ShingleSets) {
  std::vector<std::string_view> t = {"a", "b", "c", "a", "b", "c"};
  const auto s = shingle_set(t, 2);
  std::vector<uint64_t> want = {fnv1a64("a b"), fnv1a64("b c"), fnv1a64("c a")};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(s, want);
  EXPECT_EQ(shingle_set({"x", "y"}, 5), std::vector<uint64_t>{fnv1a64("x y")});
  EXPECT_TRUE(shingle_set({}, 3).empty());
  EXPECT_THROW(shingle_set(t, 0), ConfigError);
}

// Exact Jaccard by hand: {1,2,3} vs {2,3,4,5} = 2/5; two empty sets 0.
TEST(MinHash, ExactJaccard) {
  EXPECT_DOUBLE_EQ(jaccard({1, 2, 3}, {2, 3, 4, 5}), 0.4);
  EXPECT_EQ(jaccard({}, {}), 0.0);
  EXPECT_EQ(jaccard({7}, {7}), 1.0);
}

// The S-curve 1 - (1 - s^r)^b at hand-computed points, and a chosen (b, r) whose curve
// crosses 1/2 near the threshold.
TEST(MinHash, SCurveAndParameters) {
  EXPECT_DOUBLE_EQ(lsh_probability(0.5, {2, 2}), 1 - 0.75 * 0.75);
  EXPECT_EQ(lsh_probability(0.0, {20, 5}), 0.0);
  EXPECT_EQ(lsh_probability(1.0, {20, 5}), 1.0);
  for (double t : {0.5, 0.7, 0.8, 0.9}) {
    const LshParams p = choose_lsh_params(t, 128);
    EXPECT_LE(p.bands * p.rows, 128u);
    EXPECT_GT(lsh_probability(t + 0.1 > 1 ? 1 : t + 0.1, p), 0.5) << t;
    EXPECT_LT(lsh_probability(t - 0.2, p), 0.5) << t;
  }
  EXPECT_THROW(choose_lsh_params(0.0, 128), ConfigError);
  EXPECT_THROW(choose_lsh_params(1.5, 128), ConfigError);
}

// Families of sets with controlled overlap: recall of LSH over the truly similar pairs
// (exact Jaccard >= threshold, by brute force) is at least the S-curve's promise minus
// sampling slack; every reported pair is truly similar.
TEST(MinHash, RecallAgainstExactJaccard) {
  std::mt19937_64 rng(99);
  std::vector<std::vector<uint64_t>> sets;
  for (int family = 0; family < 120; ++family) {  // families are independent; pairs within one are not
    std::vector<uint64_t> base(200);
    for (auto& x : base) x = rng();
    for (int member = 0; member < 5; ++member) {
      std::vector<uint64_t> s = base;
      const size_t change = static_cast<size_t>(member) * 12;  // 0, 12, ... elements replaced
      for (size_t k = 0; k < change; ++k) s[k] = rng();
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
      sets.push_back(s);
    }
  }
  MinHashOptions o;
  o.threshold = 0.7;
  o.num_perm = 128;
  o.seed = 5;
  const NearDuplicates nd = near_duplicates(sets, o);
  size_t truth = 0, found = 0;
  double promised = 0;
  std::vector<std::pair<uint32_t, uint32_t>> reported;
  for (const auto& p : nd.pairs) reported.emplace_back(p.a, p.b);
  for (uint32_t a = 0; a < sets.size(); ++a)
    for (uint32_t b = a + 1; b < sets.size(); ++b) {
      const double j = jaccard(sets[a], sets[b]);
      if (j < o.threshold) continue;
      ++truth;
      promised += lsh_probability(j, nd.params);
      found += std::binary_search(reported.begin(), reported.end(), std::make_pair(a, b));
    }
  ASSERT_GT(truth, 300u);
  const double recall = static_cast<double>(found) / static_cast<double>(truth);
  const double expected = promised / static_cast<double>(truth);
  // Slack: about three standard deviations of the recall over 120 independent families.
  EXPECT_GE(recall, expected - 0.06) << "recall " << recall << " expected " << expected;
  EXPECT_GE(recall, nd.expected_recall - 0.06);
  for (const auto& p : nd.pairs) {
    EXPECT_GE(jaccard(sets[p.a], sets[p.b]), o.threshold);
    EXPECT_EQ(p.jaccard, jaccard(sets[p.a], sets[p.b]));
    EXPECT_LT(p.a, p.b);
  }
}

// Same seed, same pairs, for any thread count; a different seed may differ.
TEST(MinHash, DeterministicForSeedAndThreads) {
  std::mt19937_64 rng(3);
  std::vector<std::vector<uint64_t>> sets(60);
  for (size_t d = 0; d < sets.size(); ++d) {
    for (int k = 0; k < 50; ++k) sets[d].push_back(rng() % 400);
    std::sort(sets[d].begin(), sets[d].end());
    sets[d].erase(std::unique(sets[d].begin(), sets[d].end()), sets[d].end());
  }
  MinHashOptions o;
  o.threshold = 0.1;
  const auto a = near_duplicates(sets, o);
  for (int threads : {3, 0}) {  // 0 = all cores
    o.threads = threads;
    const auto b = near_duplicates(sets, o);
    ASSERT_EQ(a.pairs.size(), b.pairs.size());
    for (size_t k = 0; k < a.pairs.size(); ++k) {
      EXPECT_EQ(a.pairs[k].a, b.pairs[k].a);
      EXPECT_EQ(a.pairs[k].b, b.pairs[k].b);
      EXPECT_EQ(a.pairs[k].estimate, b.pairs[k].estimate);
    }
  }
  o.threads = -1;
  EXPECT_THROW(near_duplicates(sets, o), ConfigError);
}

// Pinned signatures (computed by an independent Python splitmix64): entry h is
// min over x of splitmix64_mix(x + salt_h), salt_h = output h of SplitMix64(seed).
TEST(MinHash, SignaturesGolden) {
  EXPECT_EQ(minhash_signatures({{5, 1000}}, 3, 1, 1),
            (std::vector<uint64_t>{0xa3a8bb45a1ff25a9ULL, 0x0d9758ce656b44aaULL, 0x1852491348797ae6ULL}));
}

// Bad options: bands without rows, bands × rows above num_perm, empty sets never reported.
TEST(MinHash, BadOptionsAndEmptySets) {
  std::vector<std::vector<uint64_t>> sets = {{}, {}, {1, 2}, {1, 2}};
  MinHashOptions o;
  o.bands = 4;
  EXPECT_THROW(near_duplicates(sets, o), ConfigError);
  o.rows = 64;
  EXPECT_THROW(near_duplicates(sets, o), ConfigError);
  o.bands = o.rows = 0;
  const auto r = near_duplicates(sets, o);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].a, 2u);
  EXPECT_EQ(r.empty_sets.size(), 2u);
}

}  // namespace
}  // namespace stylokit::similarity
