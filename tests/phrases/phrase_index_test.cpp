// Maximal phrase mining against a brute-force n-gram counter, and bad input.

#include "toolkit/phrases/phrase_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>

#include "tests/phrases/test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/phrases/suffix_array.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::phrases {
namespace {

using testing::vec;

struct Brute {
  uint64_t count = 0;
  std::set<uint32_t> docs;
  std::vector<uint64_t> tokens;  // global positions
};

// Every n-gram inside a segment (document, or sentence when split), with its
// occurrences; maximal = no one-token extension to the left or right occurs as often.
std::map<std::vector<int32_t>, Brute> brute_force(const text::TokenCorpus& tc, bool split, const MineOptions& o) {
  std::map<std::vector<int32_t>, Brute> all;
  for (uint32_t d = 0; d < tc.documents(); ++d) {
    const uint64_t b = tc.doc_begin[d], e = tc.doc_begin[d + 1];
    for (uint64_t i = b; i < e; ++i) {
      std::vector<int32_t> g;
      for (uint64_t j = i; j < e; ++j) {
        if (split && j > i && tc.sentence[j] != tc.sentence[j - 1]) break;
        g.push_back(tc.ids[j]);
        Brute& x = all[g];
        ++x.count;
        x.docs.insert(d);
        x.tokens.push_back(i);
      }
    }
  }
  std::map<std::vector<int32_t>, Brute> out;
  const int32_t v = static_cast<int32_t>(tc.vocab.size());
  for (const auto& [g, x] : all) {
    if (x.count < 2) continue;
    bool maximal = true;
    for (int32_t t = 0; t < v && maximal; ++t) {
      std::vector<int32_t> r = g, l{t};
      r.push_back(t);
      l.insert(l.end(), g.begin(), g.end());
      for (const auto& ext : {r, l}) {
        auto it = all.find(ext);
        if (it != all.end() && it->second.count == x.count) maximal = false;
      }
    }
    if (!maximal || g.size() < o.min_len || g.size() > o.max_len || x.count < o.min_count || x.docs.size() < o.min_docs)
      continue;
    if (o.skip_stop_only && !tc.is_stop.empty()) {
      bool all_stop = true;
      for (int32_t t : g) all_stop = all_stop && tc.is_stop[t];
      if (all_stop) continue;
    }
    out[g] = x;
  }
  return out;
}

text::TokenCorpus random_corpus(std::mt19937_64& rng) {
  const int docs = 1 + static_cast<int>(rng() % 5);
  const int32_t alphabet = 1 + static_cast<int32_t>(rng() % 5);
  std::vector<std::vector<int32_t>> ids(docs);
  for (auto& d : ids) {
    const size_t len = rng() % 25;
    for (size_t i = 0; i < len; ++i) d.push_back(static_cast<int32_t>(rng() % alphabet));
  }
  text::TokenCorpus tc = text::token_corpus_from_ids(ids);
  for (uint32_t d = 0; d < tc.documents(); ++d) {  // random sentence breaks
    uint32_t s = 0;
    for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
      if (t > tc.doc_begin[d] && rng() % 4 == 0) ++s;
      tc.sentence[t] = s;
    }
  }
  if (rng() % 3 == 0) {  // some ids are stop words
    tc.is_stop.assign(tc.vocab.size(), 0);
    for (auto& x : tc.is_stop) x = rng() % 2;
  }
  return tc;
}

// Filters drawn at random: min_len in [1, min_lens], max_len up to `extra` - 1 above it,
// min_count 2-3, min_docs 1-2, the stop-word filter on or off.
MineOptions random_options(std::mt19937_64& rng, uint32_t min_lens, uint32_t extra) {
  MineOptions o;
  o.min_len = 1 + static_cast<uint32_t>(rng() % min_lens);
  o.max_len = o.min_len + static_cast<uint32_t>(rng() % extra);
  o.min_count = 2 + rng() % 2;
  o.min_docs = 1 + static_cast<uint32_t>(rng() % 2);
  o.skip_stop_only = rng() % 2;
  return o;
}

TEST(PhraseIndex, InventoryEqualsBruteForce) {
  // On hundreds of random small corpora the mined maximal phrases, counts, documents and
  // occurrences equal a brute-force n-gram count, with and without sentence splits.
  std::mt19937_64 rng(20240501);
  for (int round = 0; round < 400; ++round) {
    text::TokenCorpus tc = random_corpus(rng);
    const bool split = rng() % 2;
    const MineOptions o = random_options(rng, 3, 8);
    PhraseIndex index(tc, {.split_sentences = split});
    const auto mined = index.mine(o);
    const auto expected = brute_force(tc, split, o);
    ASSERT_EQ(mined.size(), expected.size()) << "round " << round;
    for (const Phrase& p : mined) {
      auto it = expected.find(vec(p.tokens));
      ASSERT_NE(it, expected.end()) << "round " << round << ": unexpected phrase";
      EXPECT_EQ(p.count, it->second.count);
      EXPECT_EQ(std::set<uint32_t>(p.docs.begin(), p.docs.end()), it->second.docs);
      std::vector<uint64_t> occ;
      for (const auto& x : p.occurrences) {
        occ.push_back(x.token);
        EXPECT_EQ(x.doc, tc.doc_of(x.token));
      }
      auto want = it->second.tokens;
      std::sort(want.begin(), want.end());
      EXPECT_EQ(occ, want) << "round " << round;
    }
    for (size_t i = 1; i < mined.size(); ++i)  // sorted by count desc, length desc, ids
      EXPECT_TRUE(mined[i - 1].count > mined[i].count ||
                  (mined[i - 1].count == mined[i].count && mined[i - 1].length() >= mined[i].length()));
  }
}

// Checks mine() against the brute-force counter: same phrases, counts, documents, occurrences.
void expect_equals_brute_force(const text::TokenCorpus& tc, bool split, const MineOptions& o, const PhraseList& mined,
                               const std::string& where) {
  const auto expected = brute_force(tc, split, o);
  ASSERT_EQ(mined.size(), expected.size()) << where;
  for (const Phrase& p : mined) {
    auto it = expected.find(vec(p.tokens));
    ASSERT_NE(it, expected.end()) << where << ": unexpected phrase of length " << p.length();
    EXPECT_EQ(p.count, it->second.count) << where;
    EXPECT_EQ(std::set<uint32_t>(p.docs.begin(), p.docs.end()), it->second.docs) << where;
    std::vector<uint64_t> occ;
    for (const auto& x : p.occurrences) occ.push_back(x.token);
    auto want = it->second.tokens;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(occ, want) << where;
  }
}

// Documents over a tiny alphabet with long runs ("a a a a ...") and repeated blocks, so
// that maximal phrases reach max_len, max_len + 1 and beyond.
text::TokenCorpus repetitive_corpus(std::mt19937_64& rng) {
  const int docs = 1 + static_cast<int>(rng() % 4);
  std::vector<std::vector<int32_t>> ids(docs);
  std::vector<int32_t> block(1 + rng() % 12);
  for (auto& t : block) t = static_cast<int32_t>(rng() % 3);
  for (auto& d : ids) {
    const size_t len = rng() % 45;
    while (d.size() < len) {
      switch (rng() % 3) {
        case 0: d.insert(d.end(), 1 + rng() % 15, static_cast<int32_t>(rng() % 2)); break;  // a run
        case 1: d.insert(d.end(), block.begin(), block.end()); break;
        default: d.push_back(static_cast<int32_t>(rng() % 3));
      }
    }
  }
  text::TokenCorpus tc = text::token_corpus_from_ids(ids);
  for (uint32_t d = 0; d < tc.documents(); ++d) {  // occasional sentence breaks
    uint32_t sn = 0;
    for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
      if (t > tc.doc_begin[d] && rng() % 10 == 0) ++sn;
      tc.sentence[t] = sn;
    }
  }
  return tc;
}

TEST(PhraseIndex, BoundedIndexAtMaxLenEqualsBruteForce) {
  // An index sorted only to depth max_len + 1 (the tightest allowed) mines exactly the
  // brute-force inventory, on corpora whose repeats reach max_len, max_len + 1 and far
  // beyond (runs, repeated blocks), with and without sentence separators.
  std::mt19937_64 rng(777);
  for (int round = 0; round < 400; ++round) {
    text::TokenCorpus tc = round % 2 ? repetitive_corpus(rng) : random_corpus(rng);
    const bool split = rng() % 2;
    const MineOptions o = random_options(rng, 4, 10);
    PhraseIndex index(tc, {.split_sentences = split, .max_phrase_len = o.max_len});
    ASSERT_EQ(index.depth(), o.max_len + 1);
    const auto mined = index.mine(o);
    expect_equals_brute_force(tc, split, o, mined, "round " + std::to_string(round));
    // Same list, in the same order, as the full suffix array gives.
    PhraseIndex full(tc, {.split_sentences = split, .max_phrase_len = 0});
    ASSERT_EQ(full.depth(), 0u);
    const auto reference = full.mine(o);
    ASSERT_EQ(mined.size(), reference.size()) << "round " << round;
    for (size_t i = 0; i < mined.size(); ++i) {
      EXPECT_EQ(vec(mined[i].tokens), vec(reference[i].tokens)) << "round " << round << " rank " << i;
      EXPECT_EQ(vec(mined[i].docs), vec(reference[i].docs)) << "round " << round << " rank " << i;
      EXPECT_EQ(mined[i].count, reference[i].count) << "round " << round << " rank " << i;
    }
  }
}

TEST(PhraseIndex, ManyDocumentsEqualsBruteForce) {
  // Hundreds of short documents, so that frequent phrases lie in 32+ documents (their
  // documents are read off a bitmap in order) next to rare ones (sorted): documents,
  // occurrences and find() equal the brute-force count, with and without sentence splits.
  std::mt19937_64 rng(4242);
  for (int round = 0; round < 6; ++round) {
    std::vector<std::vector<int32_t>> ids(100 + rng() % 400);
    for (auto& d : ids) {
      d.resize(rng() % 9);
      for (auto& t : d) t = static_cast<int32_t>(rng() % (2 + round));
    }
    text::TokenCorpus tc = text::token_corpus_from_ids(ids);
    for (uint32_t d = 0; d < tc.documents(); ++d) {
      uint32_t sn = 0;
      for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
        if (t > tc.doc_begin[d] && rng() % 5 == 0) ++sn;
        tc.sentence[t] = sn;
      }
    }
    for (bool split : {false, true}) {
      MineOptions o;
      o.min_len = 1;
      o.max_len = 6;
      o.min_docs = 1 + static_cast<uint32_t>(rng() % 40);
      PhraseIndex index(tc, {.split_sentences = split, .max_phrase_len = 6});
      const auto mined = index.mine(o);
      const std::string where = "round " + std::to_string(round) + (split ? " split" : "");
      expect_equals_brute_force(tc, split, o, mined, where);
      size_t wide = 0;
      for (const Phrase& p : mined) {
        wide += p.docs.size() >= 32;
        EXPECT_TRUE(std::is_sorted(p.docs.begin(), p.docs.end())) << where;
        std::vector<uint64_t> occ;
        for (const auto& x : p.occurrences) occ.push_back(x.token);
        if (split) continue;  // find() does not stop at sentence ends
        EXPECT_EQ(index.find(p.tokens), occ) << where;
      }
      EXPECT_GT(wide, 0u) << where;
    }
  }
}

TEST(PhraseIndex, DocumentsAcrossManyBitmapWords) {
  // Over 4,096 documents, so that a phrase's documents span several words of the bitmap
  // summary (one bit per 64 documents): frequent phrases (thousands of documents, read off
  // the bitmap through its summary), rare tokens planted in a few far-apart documents
  // (sorted instead), documents shorter and longer than a 64-position block of the
  // position -> document table. Same inventory as the brute-force count.
  std::mt19937_64 rng(9001);
  for (int round = 0; round < 2; ++round) {
    std::vector<std::vector<int32_t>> ids(4500 + rng() % 1500);
    for (auto& d : ids) {
      d.resize(rng() % 50 == 0 ? 65 + rng() % 40 : rng() % 7);
      for (auto& t : d) t = static_cast<int32_t>(rng() % (3 + round));
    }
    for (int32_t rare = 10; rare < 20; ++rare)
      for (int k = 0; k < 2 + rare % 9; ++k) {
        auto& d = ids[rng() % ids.size()];
        d.insert(d.begin() + static_cast<std::ptrdiff_t>(rng() % (d.size() + 1)), {rare, rare + 10});
      }
    const text::TokenCorpus tc = text::token_corpus_from_ids(ids);
    MineOptions o;
    o.min_len = 1;
    o.max_len = 5;
    o.min_docs = round == 0 ? 1 : 3;
    PhraseIndex index(tc, {.max_phrase_len = 5});
    const auto mined = index.mine(o);
    expect_equals_brute_force(tc, false, o, mined, "round " + std::to_string(round));
    size_t across = 0;
    for (const Phrase& p : mined) across += p.docs.size() >= 8 && (p.docs.back() >> 12) > (p.docs.front() >> 12);
    EXPECT_GT(across, 10u) << "round " << round;
  }
}

TEST(PhraseIndex, OrderAndLcpEqualTheLibraryFunctions) {
  // The index's own pass (SA documents, left flags and the capped LCP together) gives the
  // order and LCP of build_bounded_suffix_array and build_capped_lcp on the sequence
  // rebuilt here (ids + 2, separator 1 after every document or sentence, sentinel 0).
  std::mt19937_64 rng(91);
  for (int round = 0; round < 200; ++round) {
    const text::TokenCorpus tc = random_corpus(rng);
    const bool split = rng() % 2;
    const auto max_len = 1 + static_cast<uint32_t>(rng() % 6);
    const PhraseIndex index(tc, {.split_sentences = split, .max_phrase_len = max_len});
    std::vector<int32_t> seq;
    for (uint32_t d = 0; d < tc.documents(); ++d) {
      for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
        if (split && t > tc.doc_begin[d] && tc.sentence[t] != tc.sentence[t - 1]) seq.push_back(1);
        seq.push_back(tc.ids[t] + 2);
      }
      seq.push_back(1);
    }
    seq.push_back(0);
    const auto sa = build_bounded_suffix_array(seq, static_cast<int32_t>(tc.vocab.size()) + 2, 1, max_len + 1);
    ASSERT_EQ(index.suffix_array(), sa) << "round " << round;
    ASSERT_EQ(index.lcp(), build_capped_lcp(seq, sa, 1, max_len + 1)) << "round " << round;
  }
}

TEST(PhraseIndex, DocumentsOfLongAndEmptyDocuments) {
  // Documents longer than the index's 512-position lookup blocks next to empty and one-token
  // ones: each phrase's documents and occurrences are its positions (find) mapped to
  // documents through doc_begin.
  std::mt19937_64 rng(92);
  std::vector<std::vector<int32_t>> ids;
  for (size_t len : {0, 1, 700, 0, 1300, 3, 2000, 1, 1, 600, 0}) {
    ids.emplace_back(len);
    for (auto& t : ids.back()) t = static_cast<int32_t>(rng() % 3);
  }
  const text::TokenCorpus tc = text::token_corpus_from_ids(ids);
  const PhraseIndex index(tc, {.max_phrase_len = 8});
  MineOptions o;
  o.min_len = 1;
  o.max_len = 8;
  const auto mined = index.mine(o);
  ASSERT_GT(mined.size(), 100u);
  for (const Phrase& p : mined) {
    const auto positions = index.find(p.tokens);
    ASSERT_EQ(positions.size(), p.count);
    std::vector<uint32_t> docs;
    ASSERT_EQ(p.occurrences.size(), positions.size());
    for (size_t k = 0; k < positions.size(); ++k) {
      const auto d = static_cast<uint32_t>(
          std::upper_bound(tc.doc_begin.begin(), tc.doc_begin.end(), positions[k]) - tc.doc_begin.begin() - 1);
      EXPECT_EQ(p.occurrences[k].doc, d);
      EXPECT_EQ(p.occurrences[k].token, positions[k]);
      if (docs.empty() || docs.back() != d) docs.push_back(d);
    }
    EXPECT_EQ(std::vector<uint32_t>(p.docs.begin(), p.docs.end()), docs);
  }
}

TEST(PhraseIndex, PhrasesOfExactlyMaxLenAndOneMore) {
  // "a b c d" twice and "a b c d e" twice elsewhere: with max_len 4, "a b c d" (4 times) is
  // reported at exactly max_len; "a b c d e" (length 5 = max_len + 1) is not, and does not
  // make "a b c d" disappear. With max_len 5 both are reported.
  text::TokenCorpus tc =
      text::token_corpus_from_ids({{0, 1, 2, 3, 9}, {0, 1, 2, 3, 4}, {7, 0, 1, 2, 3, 4}, {0, 1, 2, 3, 8}});
  for (uint32_t max_len : {4u, 5u}) {
    MineOptions o;
    o.min_len = 4;
    o.max_len = max_len;
    PhraseIndex index(tc, {.max_phrase_len = max_len});
    const auto p = index.mine(o);
    ASSERT_EQ(p.size(), max_len == 4 ? 1u : 2u) << max_len;
    EXPECT_EQ(vec(p[0].tokens), (std::vector<int32_t>{0, 1, 2, 3}));
    EXPECT_EQ(p[0].count, 4u);
    if (max_len == 5) {
      EXPECT_EQ(vec(p[1].tokens), (std::vector<int32_t>{0, 1, 2, 3, 4}));
      EXPECT_EQ(p[1].count, 2u);
      EXPECT_EQ(vec(p[1].docs), (std::vector<uint32_t>{1, 2}));
    }
  }
}

TEST(PhraseIndex, LongRunOfOneToken) {
  // A run of 30 "a" in one document: "a" repeated k times occurs 31 - k times, and every
  // such phrase up to max_len is maximal (a longer run always occurs once fewer).
  text::TokenCorpus tc = text::token_corpus_from_ids({std::vector<int32_t>(30, 0)});
  PhraseIndex index(tc, {.max_phrase_len = 8});
  MineOptions o;
  o.min_len = 1;
  o.max_len = 8;
  const auto p = index.mine(o);
  ASSERT_EQ(p.size(), 8u);
  for (uint32_t k = 1; k <= 8; ++k) {
    EXPECT_EQ(p[k - 1].length(), k);
    EXPECT_EQ(p[k - 1].count, 31u - k);
  }
}

TEST(PhraseIndex, MaxLenAboveIndexDepthRejected) {
  // An index built for phrases of at most 5 tokens refuses --max-len 6 with a clear error.
  text::TokenCorpus tc = text::token_corpus_from_ids({{1, 2, 3}, {1, 2, 3}});
  PhraseIndex index(tc, {.max_phrase_len = 5});
  MineOptions o;
  o.max_len = 6;
  try {
    index.mine(o);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("--max-len 6"), std::string::npos) << e.what();
  }
  o.max_len = 5;
  EXPECT_EQ(index.mine(o).size(), 1u);
}

TEST(PhraseIndex, CountBeyondSortDepthEqualsBruteForce) {
  // count()/find() of sequences longer than the sort depth (checked past depth D) equal
  // the occurrences counted directly.
  std::mt19937_64 rng(31);
  for (int round = 0; round < 150; ++round) {
    text::TokenCorpus tc = repetitive_corpus(rng);
    const auto max_phrase_len = 1 + static_cast<uint32_t>(rng() % 4);
    PhraseIndex index(tc, {.max_phrase_len = max_phrase_len});
    for (int q = 0; q < 20; ++q) {
      // A piece of the corpus (so it often occurs), sometimes with a changed token.
      if (tc.tokens() == 0) break;
      const uint64_t at = rng() % tc.tokens();
      std::vector<int32_t> g(
          tc.ids.begin() + static_cast<int64_t>(at),
          tc.ids.begin() + static_cast<int64_t>(std::min<uint64_t>(tc.tokens(), at + 1 + rng() % 10)));
      if (rng() % 4 == 0) g[rng() % g.size()] = static_cast<int32_t>(rng() % 3);
      std::vector<uint64_t> want;
      for (uint32_t d = 0; d < tc.documents(); ++d)
        for (uint64_t i = tc.doc_begin[d]; i + g.size() <= tc.doc_begin[d + 1]; ++i)
          if (std::equal(g.begin(), g.end(), tc.ids.begin() + static_cast<int64_t>(i))) want.push_back(i);
      ASSERT_EQ(index.count(g), want.size()) << "round " << round;
      ASSERT_EQ(index.find(g), want) << "round " << round;
    }
  }
}

TEST(PhraseIndex, CountEqualsBruteForce) {
  // count() of any id sequence equals the number of its occurrences inside documents.
  std::mt19937_64 rng(99);
  for (int round = 0; round < 100; ++round) {
    text::TokenCorpus tc = random_corpus(rng);
    PhraseIndex index(tc);
    for (int q = 0; q < 20; ++q) {
      std::vector<int32_t> g(1 + rng() % 3);
      for (auto& t : g) t = static_cast<int32_t>(rng() % (tc.vocab.size() + 1));
      uint64_t want = 0;
      for (uint32_t d = 0; d < tc.documents(); ++d)
        for (uint64_t i = tc.doc_begin[d]; i + g.size() <= tc.doc_begin[d + 1]; ++i)
          want += std::equal(g.begin(), g.end(), tc.ids.begin() + static_cast<int64_t>(i));
      ASSERT_EQ(index.count(g), want);
      ASSERT_EQ(index.find(g).size(), want);
    }
  }
}

TEST(PhraseIndex, HandChecked) {
  // "a b c" twice and "a b" once more: "a b c" (2) and "a b" (3) are maximal, "b c" is not.
  text::TokenCorpus tc = text::token_corpus_from_ids({{0, 1, 2, 3}, {4, 0, 1, 2}, {0, 1}});
  PhraseIndex index(tc);
  MineOptions o;
  o.min_len = 1;
  const auto p = index.mine(o);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(vec(p[0].tokens), (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(p[0].count, 3u);
  EXPECT_EQ(vec(p[0].docs), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(vec(p[1].tokens), (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(p[1].count, 2u);
}

TEST(PhraseIndex, BadInput) {
  // Empty corpora, token-less documents and contradictory filters: clear errors or empty results.
  text::TokenCorpus none = text::token_corpus_from_ids({});
  EXPECT_TRUE(PhraseIndex(none).mine({}).empty());
  text::TokenCorpus empty_docs = text::token_corpus_from_ids({{}, {}, {}});
  EXPECT_TRUE(PhraseIndex(empty_docs).mine({}).empty());
  text::TokenCorpus tc = text::token_corpus_from_ids({{1, 2, 3}, {}, {1, 2, 3}});
  PhraseIndex index(tc);
  EXPECT_EQ(index.mine({}).size(), 1u);
  MineOptions bad;
  bad.min_len = 5;
  bad.max_len = 3;
  EXPECT_THROW(index.mine(bad), ConfigError);
  bad = {};
  bad.min_count = 1;
  EXPECT_THROW(index.mine(bad), ConfigError);
  bad = {};
  bad.min_len = 0;
  EXPECT_THROW(index.mine(bad), ConfigError);
  EXPECT_EQ(index.count(std::vector<int32_t>{}), 0u);
  EXPECT_EQ(index.count(std::vector<int32_t>{-1}), 0u);
  EXPECT_EQ(index.count(std::vector<int32_t>{1000}), 0u);
}

TEST(PhraseIndex, HugeSingleLineDocument) {
  // A single line of ~20 MB is tokenized and mined (SA positions are 32-bit, far from the limit); a phrase
  // planted every 1000 words is found with its exact count.
  testing::WordGen gen(5);
  std::string text;
  const std::string planted = "zzplanted formula of the generator";
  uint64_t planted_count = 0;
  while (text.size() < 20'000'000) {
    for (int i = 0; i < 1000; ++i) (text += gen.word()) += ' ';
    text += planted + ' ';
    ++planted_count;
  }
  text::Tokenizer tokenizer;
  std::vector<text::TokenizedDocument> docs;
  docs.push_back(tokenizer.tokenize(text));
  text::TokenCorpus tc = text::build_token_corpus({"huge"}, docs);
  PhraseIndex index(tc);
  MineOptions o;
  o.min_len = 5;
  o.max_len = 5;
  o.min_count = planted_count;
  o.keep_occurrences = false;
  bool found = false;
  for (const Phrase& p : index.mine(o))
    if (text::phrase_text(tc, p.tokens.data(), p.length()) == planted) found = p.count == planted_count;
  EXPECT_TRUE(found);
}

TEST(PhraseIndex, StopWordOnlyPhrasesDropped) {
  // With a stop-word list, "of the" is dropped and "of the zebra" kept.
  const auto dir = testing::temp_dir("stop");
  testing::write(dir / "stop.txt", "# test list\nof\nthe\n");
  text::Tokenizer tokenizer;
  std::vector<text::TokenizedDocument> docs{tokenizer.tokenize("of the zebra and of the"),
                                            tokenizer.tokenize("of the zebra or of the")};
  text::TokenCorpus tc = text::build_token_corpus({"a", "b"}, docs);
  text::mark_stop_words(tc, text::StopWords::load((dir / "stop.txt").string(), tokenizer));
  PhraseIndex index(tc);
  std::set<std::string> got;
  for (const Phrase& p : index.mine({})) got.insert(text::phrase_text(tc, p.tokens.data(), p.length()));
  EXPECT_EQ(got, (std::set<std::string>{"of the zebra"}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stylokit::phrases
