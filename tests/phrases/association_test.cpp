// Association scores: NLTK's BigramAssocMeasures (bigrams) and the weakest-split rule.

#include "toolkit/phrases/association.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/phrases/test_util.h"
#include "toolkit/corpus/loaders.h"

namespace stylokit::phrases {
namespace {

void expect_close(double got, const nlohmann::json& want, const std::string& what) {
  if (want.is_null()) {
    EXPECT_TRUE(std::isnan(got)) << what << ": NLTK divides by zero, we give " << got;
    return;
  }
  const double w = want.get<double>();
  EXPECT_NEAR(got, w, 1e-9 * std::max(1.0, std::abs(w))) << what;
}

int32_t id_of(const text::TokenCorpus& tc, const std::string& w) {
  auto it = std::lower_bound(tc.vocab.begin(), tc.vocab.end(), w);
  EXPECT_TRUE(it != tc.vocab.end() && *it == w) << w;
  return static_cast<int32_t>(it - tc.vocab.begin());
}

void check_scores(const AssocScores& s, const nlohmann::json& row, const std::string& what) {
  expect_close(s.likelihood_ratio, row["llr"], what + " llr");
  expect_close(s.pmi, row["pmi"], what + " pmi");
  expect_close(s.student_t, row["t"], what + " t");
  expect_close(s.chi_sq, row["chi2"], what + " chi2");
  expect_close(s.dice, row["dice"], what + " dice");
}

TEST(Association, HandComputedBigram) {
  // n_ii=2, n_ix=3, n_xi=4, N=20: Dice 4/7, PMI log2(40/12), t (2-0.6)/sqrt 2.
  const AssocScores s = bigram_scores(2, 3, 4, 20);
  EXPECT_DOUBLE_EQ(s.dice, 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(s.pmi, std::log2(40.0 / 12.0));
  EXPECT_NEAR(s.student_t, 1.4 / std::sqrt(2.0), 1e-12);
  // chi² = N (ad - bc)² / ((a+b)(a+c)(b+d)(c+d)) with a=2, b=2, c=1, d=15.
  EXPECT_NEAR(s.chi_sq, 20.0 * std::pow(2.0 * 15 - 2.0 * 1, 2) / (4.0 * 3 * 17 * 16), 1e-12);
}

TEST(Association, EqualsNltkOnLetters) {
  // On data/letters (our tokens), every bigram's counts and five scores equal NLTK's
  // BigramCollocationFinder.from_documents (documents, and sentences), and the weakest-
  // split scores of 3- and 4-grams equal NLTK's bigram measures over brute-force counts.
  const auto dir = testing::temp_dir("nltk");
  Corpus corpus = load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters");
  text::Tokenizer tokenizer;
  text::TokenCorpus tc = text::build_token_corpus(corpus, tokenizer, 1);
  nlohmann::json in;
  in["docs"] = nlohmann::json::array();
  in["sentences"] = nlohmann::json::array();
  for (uint32_t d = 0; d < tc.documents(); ++d) {
    nlohmann::json doc = nlohmann::json::array(), sents = nlohmann::json::array();
    for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
      doc.push_back(tc.vocab[tc.ids[t]]);
      if (t == tc.doc_begin[d] || tc.sentence[t] != tc.sentence[t - 1]) sents.push_back(nlohmann::json::array());
      sents.back().push_back(tc.vocab[tc.ids[t]]);
    }
    in["docs"].push_back(doc);
    in["sentences"].push_back(sents);
  }
  testing::write(dir / "docs.json", in.dump());
  ASSERT_EQ(testing::run(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/phrases/reference_nltk.py " +
                         (dir / "docs.json").string() + " " + (dir / "out.json").string()),
            0);
  const auto ref = nlohmann::json::parse(testing::slurp(dir / "out.json"));

  for (bool split : {false, true}) {
    PhraseIndex index(tc, {.split_sentences = split});
    const auto& rows = ref[split ? "sentence_bigrams" : "bigrams"];
    ASSERT_GT(rows.size(), 1000u);
    for (const auto& row : rows) {
      const std::vector<int32_t> g{id_of(tc, row["w"][0]), id_of(tc, row["w"][1])};
      const std::string what = row["w"][0].get<std::string>() + " " + row["w"][1].get<std::string>();
      ASSERT_EQ(index.count(g), row["n_ii"].get<uint64_t>()) << what;
      ASSERT_EQ(tc.unigram_count[g[0]], row["n_ix"].get<uint64_t>()) << what;
      ASSERT_EQ(tc.tokens(), row["n"].get<uint64_t>());
      Phrase p;
      p.tokens = g;
      p.count = index.count(g);
      check_scores(phrase_scores(index, p), row, what);
    }
  }
  PhraseIndex index(tc);
  ASSERT_GT(ref["longer"].size(), 100u);
  for (const auto& row : ref["longer"]) {
    std::vector<int32_t> ids;
    for (const auto& w : row["w"]) ids.push_back(id_of(tc, w));
    Phrase p;
    p.tokens = ids;
    p.count = index.count(p.tokens);
    ASSERT_EQ(p.count, row["count"].get<uint64_t>());
    check_scores(phrase_scores(index, p), row, row["w"].dump());
  }
  std::filesystem::remove_all(dir);
}

TEST(Association, StatsFromCounts) {
  // per million = count / N * 1e6; range = docs / documents; formulaicity = range * G².
  text::TokenCorpus tc = text::token_corpus_from_ids({{0, 1, 2}, {0, 1, 3}, {4, 5}, {6}});
  PhraseIndex index(tc);
  const auto phrases = index.mine({});
  ASSERT_EQ(phrases.size(), 1u);
  const PhraseStats st = phrase_stats(index, phrases[0]);
  EXPECT_DOUBLE_EQ(st.per_million, 2.0 / 9.0 * 1e6);
  EXPECT_DOUBLE_EQ(st.range, 0.5);
  EXPECT_DOUBLE_EQ(st.formulaicity, 0.5 * st.assoc.likelihood_ratio);
  EXPECT_GT(st.assoc.likelihood_ratio, 0);
}

}  // namespace
}  // namespace stylokit::phrases
