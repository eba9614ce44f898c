// Smith-Waterman-Gotoh alignment: scores against a naive reference, planted passages
// recovered from generated letters (PAN measures), and bad input.

#include "toolkit/phrases/align.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <random>

#include "toolkit/common/error.h"
#include "toolkit/phrases/reuse.h"
#include "tests/phrases/test_util.h"

namespace stylokit::phrases {
namespace {

// Waterman-Smith-Beyer: local alignment with an arbitrary gap cost w(k) = open + (k-1)
// extend, trying every gap length. O(n m (n + m)); independent of Gotoh's recurrences.
double naive_local(const std::vector<int32_t>& a, const std::vector<int32_t>& b, const AlignOptions& o) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<double>> h(n + 1, std::vector<double>(m + 1, 0));
  auto w = [&](size_t k) { return o.gap_open + static_cast<double>(k - 1) * o.gap_extend; };
  double best = 0;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      const bool eq = a[i - 1] >= 0 && a[i - 1] == b[j - 1];
      double v = std::max(0.0, h[i - 1][j - 1] + (eq ? o.match : o.mismatch));
      for (size_t k = 1; k <= i; ++k) v = std::max(v, h[i - k][j] + w(k));
      for (size_t k = 1; k <= j; ++k) v = std::max(v, h[i][j - k] + w(k));
      h[i][j] = v;
      best = std::max(best, v);
    }
  return best;
}

std::vector<int32_t> random_ids(std::mt19937_64& rng, size_t n, int32_t alphabet, bool masked) {
  std::vector<int32_t> s(n);
  for (auto& x : s) x = static_cast<int32_t>(rng() % alphabet) - (masked && rng() % 8 == 0 ? alphabet : 0);
  return s;
}

TEST(Align, GotohEqualsWatermanSmithBeyer) {
  // The full-matrix Gotoh score equals the exhaustive-gap reference (defaults and other
  // penalties), masked (negative) tokens matching nothing.
  std::mt19937_64 rng(11);
  for (int round = 0; round < 300; ++round) {
    AlignOptions o;
    if (round % 3 == 1) o.gap_open = -2, o.gap_extend = -1, o.mismatch = -2;
    if (round % 3 == 2) o.gap_open = -1, o.gap_extend = -0.25, o.mismatch = -0.5;
    const auto a = random_ids(rng, rng() % 16, 1 + static_cast<int32_t>(rng() % 4), round % 2);
    const auto b = random_ids(rng, rng() % 16, 1 + static_cast<int32_t>(rng() % 4), round % 2);
    ASSERT_DOUBLE_EQ(best_local_score(a, b, o), naive_local(a, b, o)) << "round " << round;
  }
}

TEST(Align, BandedPassageScoresAsFullMatrix) {
  // One planted passage (with substitutions and gaps) in unrelated sequences: the seeded,
  // banded alignment finds a passage scoring what the full matrix scores.
  std::mt19937_64 rng(3);
  for (int round = 0; round < 60; ++round) {
    std::vector<int32_t> a, b, p = random_ids(rng, 30 + rng() % 40, 1000, false);
    for (int i = 0; i < 50; ++i) a.push_back(2000 + static_cast<int32_t>(rng() % 1000));
    for (int i = 0; i < 70; ++i) b.push_back(4000 + static_cast<int32_t>(rng() % 1000));
    std::vector<int32_t> q = p;
    for (int e = 0; e < 3; ++e) {
      const size_t at = 5 + rng() % (q.size() - 10);
      switch (rng() % 3) {
        case 0: q[at] = 9000 + e; break;
        case 1: q.insert(q.begin() + static_cast<int64_t>(at), 9100 + e); break;
        default: q.erase(q.begin() + static_cast<int64_t>(at));
      }
    }
    a.insert(a.begin() + 20, p.begin(), p.end());
    b.insert(b.begin() + 35, q.begin(), q.end());
    AlignOptions o;
    const auto found = align_tokens(a, b, o);
    ASSERT_EQ(found.size(), 1u) << "round " << round;
    EXPECT_DOUBLE_EQ(found[0].score, best_local_score(a, b, o)) << "round " << round;
    EXPECT_LE(found[0].a_begin, 22u);
    EXPECT_GE(found[0].a_end, 20 + p.size() - 2);
  }
}

TEST(Align, PassagesNeverOverlap) {
  // On repetitive inputs every reported passage is long enough, scores at least its
  // threshold, lies inside both sequences, and no two share a token of A or of B.
  std::mt19937_64 rng(5);
  for (int round = 0; round < 100; ++round) {
    const auto base = random_ids(rng, 40, 50, false);
    std::vector<int32_t> a, b;
    for (int k = 0; k < 4; ++k) {
      a.insert(a.end(), base.begin() + static_cast<int64_t>(rng() % 20), base.end());
      b.insert(b.end(), base.begin(), base.end() - static_cast<int64_t>(rng() % 20));
      a.push_back(1000 + k), b.push_back(2000 + k);
    }
    AlignOptions o;
    o.min_len = 6;
    o.min_score = 5;
    const auto found = align_tokens(a, b, o);
    EXPECT_FALSE(found.empty());
    std::vector<int> used_a(a.size()), used_b(b.size());
    for (const auto& p : found) {
      ASSERT_LE(p.a_end, a.size());
      ASSERT_LE(p.b_end, b.size());
      EXPECT_GE(std::min(p.a_end - p.a_begin, p.b_end - p.b_begin), o.min_len);
      EXPECT_GE(p.score, o.min_score);
      EXPECT_LE(p.score, best_local_score(std::span(a).subspan(p.a_begin, p.a_end - p.a_begin),
                                          std::span(b).subspan(p.b_begin, p.b_end - p.b_begin), o));
      for (auto i = p.a_begin; i < p.a_end; ++i) EXPECT_EQ(used_a[i]++, 0);
      for (auto j = p.b_begin; j < p.b_end; ++j) EXPECT_EQ(used_b[j]++, 0);
    }
  }
}

// A generated pair of letters with planted passages (verbatim or edited), character spans
// of the passages in both texts.
struct LetterPair {
  std::string a, b;
  std::vector<testing::Case> cases;
};

LetterPair make_pair(testing::WordGen& gen, int pair, int passages, double edit_rate) {
  LetterPair out;
  auto& rng = gen.rng();
  auto filler = [&](std::string& text, size_t n) {
    for (const auto& w : gen.words(n)) text += w + (rng() % 12 == 0 ? ". " : " ");
  };
  for (int k = 0; k < passages; ++k) {
    filler(out.a, 60 + rng() % 200);
    filler(out.b, 60 + rng() % 200);
    const auto words = gen.words(25 + rng() % 60);
    testing::Case c;
    c.pair = pair;
    c.a.begin = out.a.size();
    for (size_t i = 0; i < words.size(); ++i) out.a += words[i] + (i + 1 < words.size() ? " " : "");
    c.a.end = out.a.size();
    out.a += ' ';
    c.b.begin = out.b.size();
    std::uniform_real_distribution<double> u(0, 1);
    std::string edited;
    for (size_t i = 0; i < words.size(); ++i) {
      const bool edge = i == 0 || i + 1 == words.size();  // edits inside, so the span is known
      const double r = edge ? 1 : u(rng);
      if (r < edit_rate * 0.6) edited += "xqsub" + std::to_string(rng() % 100000) + " ";
      else if (r < edit_rate * 0.8) edited += words[i] + " xqins" + std::to_string(rng() % 100000) + " ";
      else if (r < edit_rate) continue;  // deletion
      else edited += words[i] + " ";
    }
    edited.pop_back();
    out.b += edited;
    c.b.end = out.b.size();
    out.b += ' ';
    out.cases.push_back(c);
  }
  filler(out.a, 100);
  filler(out.b, 100);
  return out;
}

testing::PanScores planted_scores(uint64_t seed, double edit_rate) {
  testing::WordGen gen(seed);
  text::Tokenizer tokenizer;
  std::vector<testing::Case> cases, detections;
  for (int pair = 0; pair < 40; ++pair) {
    const LetterPair lp = make_pair(gen, pair, 1 + pair % 3, edit_rate);
    cases.insert(cases.end(), lp.cases.begin(), lp.cases.end());
    text::TokenCorpus tc = text::build_token_corpus({"a", "b"}, {tokenizer.tokenize(lp.a), tokenizer.tokenize(lp.b)});
    for (const auto& p : align_documents(tc, 0, 1, AlignOptions{})) {
      EXPECT_LE(p.a_end, lp.a.size());
      EXPECT_LE(p.b_end, lp.b.size());
      detections.push_back({{p.a_start, p.a_end}, {p.b_start, p.b_end}, pair});
    }
  }
  const auto s = testing::pan_scores(cases, detections);
  std::cerr << "PAN (edit rate " << edit_rate << "): precision " << s.precision << ", recall " << s.recall
            << ", granularity " << s.granularity << ", plagdet " << s.plagdet << ", " << cases.size() << " cases, "
            << detections.size() << " detections\n";
  return s;
}

TEST(Align, RecoversVerbatimPlantedPassages) {
  // 40 generated letter pairs with 1-3 verbatim passages each: PAN plagdet >= 0.95.
  const auto s = planted_scores(1234, 0.0);
  EXPECT_GE(s.recall, 0.95);
  EXPECT_GE(s.precision, 0.95);
  EXPECT_LE(s.granularity, 1.05);
  EXPECT_GE(s.plagdet, 0.95);
}

TEST(Align, RecoversEditedPlantedPassages) {
  // The same with 15% of the words substituted, inserted or deleted: plagdet >= 0.85.
  const auto s = planted_scores(4321, 0.15);
  EXPECT_GE(s.recall, 0.85);
  EXPECT_GE(s.precision, 0.85);
  EXPECT_LE(s.granularity, 1.15);
  EXPECT_GE(s.plagdet, 0.85);
}

TEST(Align, PanMeasuresHandChecked) {
  // One case of 10+10 chars; a detection covering half of it plus 10 foreign chars:
  // recall 0.5, precision 0.5, granularity 1.
  const std::vector<testing::Case> cases{{{0, 10}, {0, 10}, 0}};
  const auto s = testing::pan_scores(cases, {{{5, 15}, {5, 15}, 0}});
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.granularity, 1);
  const auto two = testing::pan_scores(cases, {{{0, 5}, {0, 5}, 0}, {{5, 10}, {5, 10}, 0}});
  EXPECT_DOUBLE_EQ(two.granularity, 2);
  EXPECT_DOUBLE_EQ(two.plagdet, 1 / std::log2(3.0));
}

TEST(Align, BadInput) {
  // Empty and masked sequences give no passage; a sequence aligned with itself is one
  // passage covering it; bad options are ConfigErrors; an oversized region a DataError.
  const std::vector<int32_t> empty, masked{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10};
  std::vector<int32_t> s;
  for (int i = 0; i < 50; ++i) s.push_back(i);
  EXPECT_TRUE(align_tokens(empty, s, {}).empty());
  EXPECT_TRUE(align_tokens(empty, empty, {}).empty());
  EXPECT_TRUE(align_tokens(masked, masked, {}).empty());
  const auto self = align_tokens(s, s, {});
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].a_begin, 0u);
  EXPECT_EQ(self[0].a_end, 50u);
  EXPECT_DOUBLE_EQ(self[0].score, 100);
  AlignOptions o;
  o.min_len = 51;
  EXPECT_TRUE(align_tokens(s, s, o).empty());
  for (auto mutate : std::vector<void (*)(AlignOptions&)>{
           [](AlignOptions& x) { x.match = 0; }, [](AlignOptions& x) { x.mismatch = 1; },
           [](AlignOptions& x) { x.gap_open = 1; }, [](AlignOptions& x) { x.seed_len = 0; },
           [](AlignOptions& x) { x.min_len = 0; }}) {
    AlignOptions bad;
    mutate(bad);
    EXPECT_THROW(align_tokens(s, s, bad), ConfigError);
  }
  o = {};
  o.max_cells = 100;
  EXPECT_THROW(align_tokens(s, s, o), DataError);
  // Documents without tokens in a text::TokenCorpus.
  text::TokenCorpus tc = text::token_corpus_from_ids({{}, {1, 2, 3}});
  EXPECT_TRUE(align_documents(tc, 0, 1, {}).empty());
  EXPECT_TRUE(align_documents(tc, 0, 0, {}).empty());
  EXPECT_THROW(align_documents(tc, 0, 5, {}), ConfigError);
}

}  // namespace
}  // namespace stylokit::phrases
