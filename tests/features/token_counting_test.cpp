// Counting from a token corpus (count_terms / vectorize / mfw_table over a text::TokenCorpus)
// against counting from the corpus it was built from: the same vocabulary, statistics, row
// totals and matrix, bit for bit, for every analyzer, pruning option, weighting and thread count.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/features/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/text/token_corpus.h"

namespace stylokit::features {
namespace {

using testing::make_corpus;

// The CSR arrays, compared exactly (same doubles, same order).
void expect_same_matrix(const DocTermMatrix& a, const DocTermMatrix& b, const std::string& what) {
  ASSERT_EQ(a.rows(), b.rows()) << what;
  ASSERT_EQ(a.cols(), b.cols()) << what;
  ASSERT_EQ(a.nonZeros(), b.nonZeros()) << what;
  ASSERT_TRUE(a.isCompressed() && b.isCompressed()) << what;
  for (Eigen::Index r = 0; r <= a.rows(); ++r) ASSERT_EQ(a.outerIndexPtr()[r], b.outerIndexPtr()[r]) << what;
  for (Eigen::Index k = 0; k < a.nonZeros(); ++k) {
    ASSERT_EQ(a.innerIndexPtr()[k], b.innerIndexPtr()[k]) << what << " entry " << k;
    ASSERT_EQ(a.valuePtr()[k], b.valuePtr()[k]) << what << " entry " << k;
  }
}

void expect_same(const CountResult& a, const CountResult& b, const std::string& what) {
  EXPECT_EQ(a.vocabulary.terms(), b.vocabulary.terms()) << what;
  EXPECT_EQ(a.vocabulary.dfs(), b.vocabulary.dfs()) << what;
  EXPECT_EQ(a.vocabulary.counts(), b.vocabulary.counts()) << what;
  EXPECT_EQ(a.doc_ids, b.doc_ids) << what;
  EXPECT_EQ(a.doc_totals, b.doc_totals) << what;
  EXPECT_EQ(a.terms_before_pruning, b.terms_before_pruning) << what;
  expect_same_matrix(a.counts, b.counts, what);
}

VectorizerOptions spec(const std::string& features, int threads = 1) {
  VectorizerOptions o;
  parse_feature_spec(features, o);
  o.threads = threads;
  return o;
}

text::TokenCorpus tokens_of(const Corpus& corpus, const VectorizerOptions& o, unsigned threads = 2) {
  return text::build_token_corpus(corpus, text::Tokenizer(o.text), threads);
}

// Both paths on `corpus` with `o`, at 1 and 3 threads for the token path.
void expect_paths_agree(const Corpus& corpus, VectorizerOptions o, const std::string& what) {
  o.threads = 1;
  const CountResult want = count_terms(corpus, o);
  const text::TokenCorpus tc = tokens_of(corpus, o);
  for (int threads : {1, 3}) {
    o.threads = threads;
    expect_same(count_terms(tc, o), want, what + " threads " + std::to_string(threads));
  }
  const Vectorized v = vectorize(corpus, o);
  const Vectorized t = vectorize(tc, o);
  EXPECT_EQ(t.vocabulary.terms(), v.vocabulary.terms()) << what;
  EXPECT_EQ(t.doc_ids, v.doc_ids) << what;
  expect_same_matrix(t.matrix, v.matrix, what + " (weighted)");
}

Corpus letters() {
  return load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters");
}

// Every analyzer and n-gram range on the letters, with and without punctuation and case
// folding.
TEST(TokenCounting, LettersEveryAnalyzer) {
  const Corpus c = letters();
  ASSERT_GE(c.size(), 5u);
  for (const char* f : {"word:1-1", "word:1-2", "word:1-3", "word:2-3", "word:3-4", "char_wb:2-4", "char_wb:3-5",
                        "char:2-3", "char:1-1"}) {
    VectorizerOptions o = spec(f);
    expect_paths_agree(c, o, f);
    o.text.keep_punctuation = true;
    o.text.case_mapping = text::CaseMapping::kKeep;
    expect_paths_agree(c, o, std::string(f) + " punctuation, no case folding");
  }
}

// Pruning, weighting, stop words, hashing and a fixed vocabulary on the letters.
TEST(TokenCounting, LettersPruningWeightingAndModes) {
  const Corpus c = letters();
  VectorizerOptions o = spec("word:1-3");
  o.stop_words = load_stop_words("english", &o.text);
  o.min_df = DfBound::count(2);
  o.max_df = DfBound::proportion(0.9);
  o.max_features = 150;
  o.tf = TfWeight::kSublinear;
  expect_paths_agree(c, o, "word 1-3 stop words, min_df, max_df, max_features");
  o = spec("word:1-2");
  o.tf = TfWeight::kRelative;
  o.idf = IdfWeight::kNone;
  o.norm = Norm::kNone;
  o.max_df = DfBound::count(3);
  expect_paths_agree(c, o, "relative tf over pruned terms");
  o = spec("char_wb:2-4");
  o.min_df = DfBound::proportion(0.5);
  o.tf = TfWeight::kBinary;
  o.idf = IdfWeight::kPlain;
  o.norm = Norm::kL1;
  expect_paths_agree(c, o, "char_wb min_df proportion");
  o = spec("word:1-2");
  o.hash_buckets = 97;
  expect_paths_agree(c, o, "hashing");
  o = spec("word:1-1");
  o.vocabulary = {"the", "of", "azerbaijan", "absent-term", "and"};
  expect_paths_agree(c, o, "fixed vocabulary");
}

// Documents that hold nothing, only punctuation, only stop words, several scripts, emoji,
// numbers, text cut into several kept ranges, and a long repetitive one.
Corpus tricky() {
  Corpus c = make_corpus({"", "... --- !!! ?", "the of and THE", "The cat sat on the mat. The cat!",
                          "Straße STRASSE ｆｕｌｌ ﬁne café café", "Καλημέρα κόσμε. Привет, мир! 東京は晴れです。",
                          "4,000 apples and 3.14 pies 👍🏽 👨‍👩‍👧", "   \n\t  ",
                          "a b c a b c a b c a b c a b c", "The mat, the cat: strasse café x1 part w2 a b c."});
  Document split;
  split.id = "split";
  split.raw = "first part HEADER second part\nthird";
  split.kept = {{0, 10}, {18, 29}, {30, 35}};  // "first part", "second part", "third"
  c.documents.push_back(split);
  std::string long_text;
  for (int i = 0; i < 300; ++i) {
    long_text.append("w").append(std::to_string(i % 37)).append(" the x");
    long_text.append(std::to_string(i % 11)).append(". ");
  }
  c.documents.push_back(make_corpus({long_text}).documents[0]);
  c.documents.back().id = "long";
  return c;
}

// The tricky documents, every analyzer, with stop words and pruning.
TEST(TokenCounting, TrickyDocuments) {
  const Corpus c = tricky();
  for (const char* f : {"word:1-1", "word:1-2", "word:1-3", "word:2-2", "char_wb:1-3", "char:2-4"}) {
    VectorizerOptions o = spec(f);
    expect_paths_agree(c, o, f);
    o.text.keep_punctuation = true;
    o.text.keep_symbols = true;
    expect_paths_agree(c, o, std::string(f) + " with punctuation and symbols");
  }
  VectorizerOptions o = spec("word:1-3");
  o.stop_words = load_stop_words("english", &o.text);
  expect_paths_agree(c, o, "word 1-3 stop words");
  o.min_df = DfBound::count(2);
  o.max_features = 5;
  o.tf = TfWeight::kRelative;
  expect_paths_agree(c, o, "word 1-3 stop words, min_df 2, max_features 5, relative");
  o = spec("word:1-1");
  o.max_df = DfBound::count(1);
  expect_paths_agree(c, o, "max_df 1");
}

// Thread count does not change the token path's output (many documents, few per chunk).
TEST(TokenCounting, ThreadCountIndependent) {
  Corpus c = letters();
  const Corpus t = tricky();
  for (int rep = 0; rep < 3; ++rep)
    for (const auto& d : t.documents) {
      c.documents.push_back(d);
      c.documents.back().id.append("_").append(std::to_string(rep));
    }
  for (const char* f : {"word:1-2", "word:1-3", "char_wb:2-4"}) {
    VectorizerOptions o = spec(f, 1);
    const text::TokenCorpus tc = tokens_of(c, o, 3);
    const CountResult one = count_terms(tc, o);
    for (int threads : {2, 4, 7}) {
      o.threads = threads;
      expect_same(count_terms(tc, o), one, std::string(f) + " threads " + std::to_string(threads));
    }
  }
}

// MFW tables from tokens equal those from the corpus.
TEST(TokenCounting, MfwTableFromTokens) {
  const Corpus c = letters();
  MfwOptions m;
  m.mfw = 50;
  m.culling = 20;
  const VectorizerOptions word;
  const text::TokenCorpus tc = tokens_of(c, word);
  const MfwTable a = mfw_table(c, m, word);
  const MfwTable b = mfw_table(tc, m, word);
  EXPECT_EQ(a.words, b.words);
  EXPECT_EQ(a.doc_ids, b.doc_ids);
  EXPECT_EQ(a.doc_tokens, b.doc_tokens);
  EXPECT_EQ(a.corpus_counts, b.corpus_counts);
  EXPECT_TRUE(a.relative == b.relative);
  EXPECT_TRUE(a.zscores == b.zscores);
}

// A sklearn tokenizer cannot read ICU tokens; tokens made with other text options are refused;
// data errors are those of the corpus path.
TEST(TokenCounting, Errors) {
  const Corpus c = make_corpus({"aa bb", "bb cc"});
  VectorizerOptions o;
  const text::TokenCorpus tc = tokens_of(c, o);
  VectorizerOptions sk = o;
  sk.tokenizer = TokenizerKind::kSklearn;
  try {
    count_terms(tc, sk);
    ADD_FAILURE() << "no ConfigError for a sklearn tokenizer";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("tokenizer"), std::string::npos) << e.what();
  }
  EXPECT_THROW(vectorize(tc, sk), ConfigError);
  EXPECT_THROW(mfw_table(tc, MfwOptions{}, sk), ConfigError);
  VectorizerOptions other = o;
  other.text.case_mapping = text::CaseMapping::kKeep;
  try {
    count_terms(tc, other);
    ADD_FAILURE() << "no ConfigError for other text options";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("text"), std::string::npos) << e.what();
  }
  // Without recorded options (built from tokenized documents) the caller vouches for them.
  text::Tokenizer tokenizer;
  const text::TokenCorpus bare = text::build_token_corpus(
      {"doc0", "doc1"}, {tokenizer.tokenize(c.documents[0]), tokenizer.tokenize(c.documents[1])});
  expect_same(count_terms(bare, o), count_terms(c, o), "tokens without options");
  VectorizerOptions prune = o;
  prune.min_df = DfBound::count(2);
  prune.max_features = 0;
  prune.max_df = DfBound::count(1);
  EXPECT_THROW(count_terms(c, prune), ConfigError);
  EXPECT_THROW(count_terms(tc, prune), ConfigError);
  prune.max_df = DfBound::count(2);
  prune.min_df = DfBound::count(2);
  prune.stop_words = {"bb"};
  EXPECT_THROW(count_terms(c, prune), DataError);
  EXPECT_THROW(count_terms(tc, prune), DataError);
  const Corpus empty_docs = make_corpus({"", "!!!"});
  EXPECT_THROW(count_terms(empty_docs, o), DataError);
  EXPECT_THROW(count_terms(tokens_of(empty_docs, o), o), DataError);
  Corpus none;
  EXPECT_THROW(count_terms(tokens_of(none, o), o), DataError);
}

}  // namespace
}  // namespace stylokit::features
