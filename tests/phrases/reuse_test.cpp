// Corpus-mode reuse: candidate pairs from shared rare n-grams, planted passages recovered,
// stock formulae masked, identical results for any thread count.

#include "toolkit/phrases/reuse.h"

#include <gtest/gtest.h>

#include <map>

#include "toolkit/common/error.h"
#include "tests/phrases/test_util.h"

namespace stylokit::phrases {
namespace {

struct Generated {
  std::vector<std::string> texts;
  std::vector<testing::Case> cases;  // pair = doc_a * 1000 + doc_b (doc_a < doc_b)
  std::string formula;
};

// 40 letters of filler; 12 random pairs share a planted passage (some edited); every
// letter carries the same 14-word stock formula.
Generated generate(uint64_t seed) {
  testing::WordGen gen(seed);
  auto& rng = gen.rng();
  Generated g;
  const auto formula_words = gen.words(14);
  for (const auto& w : formula_words) g.formula += (g.formula.empty() ? "" : " ") + ("qqformula" + w);
  const int docs = 40;
  std::vector<std::vector<std::string>> parts(docs);  // filler chunks; passages go between
  g.texts.assign(docs, "");
  auto filler = [&](std::string& t, size_t n) {
    for (const auto& w : gen.words(n)) t += w + " ";
  };
  for (int d = 0; d < docs; ++d) {
    filler(g.texts[d], 50 + rng() % 100);
    g.texts[d] += g.formula + " ";
    filler(g.texts[d], 50 + rng() % 100);
  }
  std::map<std::pair<int, int>, bool> used;
  for (int k = 0; k < 12; ++k) {
    int a = static_cast<int>(rng() % docs), b = static_cast<int>(rng() % docs);
    if (a == b || used[{std::min(a, b), std::max(a, b)}]) continue;
    used[{std::min(a, b), std::max(a, b)}] = true;
    if (a > b) std::swap(a, b);
    const auto words = gen.words(30 + rng() % 40);
    testing::Case c;
    c.pair = a * 1000 + b;
    c.a.begin = g.texts[a].size();
    for (size_t i = 0; i < words.size(); ++i) g.texts[a] += words[i] + (i + 1 < words.size() ? " " : "");
    c.a.end = g.texts[a].size();
    g.texts[a] += ' ';
    c.b.begin = g.texts[b].size();
    for (size_t i = 0; i < words.size(); ++i) {
      const bool edit = k % 2 && i > 0 && i + 1 < words.size() && rng() % 10 == 0;
      g.texts[b] += (edit ? "xqedit" + std::to_string(i) : words[i]) + (i + 1 < words.size() ? " " : "");
    }
    c.b.end = g.texts[b].size();
    g.texts[b] += ' ';
    filler(g.texts[a], 40);
    filler(g.texts[b], 40);
    g.cases.push_back(c);
  }
  return g;
}

text::TokenCorpus corpus_of(const Generated& g) {
  text::Tokenizer tokenizer;
  std::vector<text::TokenizedDocument> docs;
  std::vector<std::string> ids;
  for (size_t d = 0; d < g.texts.size(); ++d) {
    docs.push_back(tokenizer.tokenize(g.texts[d]));
    ids.push_back("doc" + std::to_string(d));
  }
  return text::build_token_corpus(ids, docs);
}

TEST(Reuse, RecoversPlantedPairsAndMasksFormula) {
  // With the stock formula masked (it is in all 40 letters), the planted passages are
  // found (PAN plagdet >= 0.95) and no passage is the formula.
  const Generated g = generate(77);
  const text::TokenCorpus tc = corpus_of(g);
  ReuseOptions o;
  o.mask_df = 10;
  o.max_df = 5;
  const ReuseResult r = find_reuse(tc, o);
  EXPECT_GT(r.masked_tokens, 40u * 14 - 1);
  std::vector<testing::Case> dets;
  for (const auto& p : r.passages) {
    ASSERT_LT(p.doc_a, p.doc_b);
    const std::string text = g.texts[p.doc_a].substr(p.a_start, p.a_end - p.a_start);
    EXPECT_EQ(text.find("qqformula"), std::string::npos) << text;
    dets.push_back({{p.a_start, p.a_end}, {p.b_start, p.b_end}, static_cast<int>(p.doc_a * 1000 + p.doc_b)});
  }
  const auto s = testing::pan_scores(g.cases, dets);
  EXPECT_GE(s.recall, 0.95);
  EXPECT_GE(s.precision, 0.95);
  EXPECT_LE(s.granularity, 1.05);
  EXPECT_GE(s.plagdet, 0.95);
}

TEST(Reuse, WithoutMaskTheFormulaIsReuse) {
  // Unmasked, the shared formula makes letters candidates and is reported as a passage
  // (max_df high enough that the formula counts as rare).
  const Generated g = generate(78);
  const text::TokenCorpus tc = corpus_of(g);
  ReuseOptions o;
  o.max_df = 40;
  const ReuseResult r = find_reuse(tc, o);
  size_t formula_passages = 0;
  for (const auto& p : r.passages)
    formula_passages += g.texts[p.doc_a].substr(p.a_start, p.a_end - p.a_start).find("qqformula") != std::string::npos;
  EXPECT_GE(formula_passages, 40u * 39 / 2 / 2);
}

TEST(Reuse, SameResultForAnyThreadCount) {
  // Passages are identical (order included) with 1 and 3 threads.
  const text::TokenCorpus tc = corpus_of(generate(79));
  ReuseOptions o;
  o.mask_df = 10;
  o.threads = 1;
  const auto one = find_reuse(tc, o);
  o.threads = 3;
  const auto three = find_reuse(tc, o);
  ASSERT_EQ(one.passages.size(), three.passages.size());
  for (size_t i = 0; i < one.passages.size(); ++i) {
    EXPECT_EQ(one.passages[i].doc_a, three.passages[i].doc_a);
    EXPECT_EQ(one.passages[i].doc_b, three.passages[i].doc_b);
    EXPECT_EQ(one.passages[i].a_start, three.passages[i].a_start);
    EXPECT_EQ(one.passages[i].b_end, three.passages[i].b_end);
    EXPECT_EQ(one.passages[i].tokens.score, three.passages[i].tokens.score);
  }
}

TEST(Reuse, BadInput) {
  // Empty corpora and token-less documents give no passages; bad options are ConfigErrors.
  EXPECT_TRUE(find_reuse(text::token_corpus_from_ids({}), {}).passages.empty());
  EXPECT_TRUE(find_reuse(text::token_corpus_from_ids({{}, {}}), {}).passages.empty());
  ReuseOptions o;
  o.mask_df = 1;
  EXPECT_THROW(find_reuse(text::token_corpus_from_ids({{1}}), o), ConfigError);
  o = {};
  o.ngram = 0;
  EXPECT_THROW(find_reuse(text::token_corpus_from_ids({{1}}), o), ConfigError);
}

}  // namespace
}  // namespace stylokit::phrases
