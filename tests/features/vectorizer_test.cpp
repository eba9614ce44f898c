// The vectorizer (toolkit/features/vectorizer.h): hand-computed weights, pruning, the ICU
// tokenizer path, feature hashing against an independent Python implementation of the pinned
// hash, thread-count invariance and bad options.

#include "toolkit/features/vectorizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "tests/features/test_util.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::features {
namespace {

using testing::TempDir;

using testing::make_corpus;

VectorizerOptions sk(const std::string& spec = "word:1-1") {
  VectorizerOptions o;
  o.tokenizer = TokenizerKind::kSklearn;
  parse_feature_spec(spec, o);
  return o;
}

double at(const DocTermMatrix& m, Eigen::Index r, Eigen::Index c) {
  return m.coeff(r, c);
}

// TF-IDF of two tiny documents, computed by hand from the formulas (smooth idf, l2 rows).
TEST(Vectorizer, HandComputedTfidf) {
  const Corpus c = make_corpus({"aa bb bb", "BB cc"});
  const Vectorized v = vectorize(c, sk());
  ASSERT_EQ(v.vocabulary.terms(), (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_EQ(v.vocabulary.dfs(), (std::vector<int64_t>{1, 2, 1}));
  EXPECT_EQ(v.vocabulary.counts(), (std::vector<int64_t>{1, 3, 1}));
  const double idf_rare = std::log(3.0 / 2.0) + 1, idf_bb = 1.0;
  const double n0 = std::sqrt(idf_rare * idf_rare + 4 * idf_bb * idf_bb);
  const double n1 = std::sqrt(idf_rare * idf_rare + idf_bb * idf_bb);
  EXPECT_NEAR(at(v.matrix, 0, 0), idf_rare / n0, 1e-15);
  EXPECT_NEAR(at(v.matrix, 0, 1), 2 / n0, 1e-15);
  EXPECT_EQ(at(v.matrix, 0, 2), 0.0);
  EXPECT_NEAR(at(v.matrix, 1, 1), 1 / n1, 1e-15);
  EXPECT_NEAR(at(v.matrix, 1, 2), idf_rare / n1, 1e-15);
  // Plain idf, sublinear tf, l1 norm.
  VectorizerOptions o = sk();
  o.idf = IdfWeight::kPlain;
  o.tf = TfWeight::kSublinear;
  o.norm = Norm::kL1;
  const Vectorized p = vectorize(c, o);
  const double a = std::log(2.0 / 1.0) + 1, b = (1 + std::log(2.0)) * (std::log(2.0 / 2.0) + 1);
  EXPECT_NEAR(at(p.matrix, 0, 0), a / (a + b), 1e-15);
  EXPECT_NEAR(at(p.matrix, 0, 1), b / (a + b), 1e-15);
}

// Relative tf is 100 × count / all terms of the document, counted before pruning.
TEST(Vectorizer, RelativeFrequencyUsesTheUnprunedTotal) {
  const Corpus c = make_corpus({"aa bb bb cc", "bb dd"});
  VectorizerOptions o = sk();
  o.tf = TfWeight::kRelative;
  o.idf = IdfWeight::kNone;
  o.norm = Norm::kNone;
  o.max_df = DfBound::count(1);  // drops bb (in both documents)
  const Vectorized v = vectorize(c, o);
  ASSERT_EQ(v.vocabulary.terms(), (std::vector<std::string>{"aa", "cc", "dd"}));
  EXPECT_DOUBLE_EQ(at(v.matrix, 0, 0), 25.0);
  EXPECT_DOUBLE_EQ(at(v.matrix, 0, 1), 25.0);
  EXPECT_DOUBLE_EQ(at(v.matrix, 1, 2), 50.0);
  const CountResult counts = count_terms(c, o);
  EXPECT_EQ(counts.doc_totals, (std::vector<int64_t>{4, 2}));
  EXPECT_EQ(counts.terms_before_pruning, 4u);
}

// sklearn's analyzers on hand-checked strings: word n-grams after stop words, char_wb padding
// and its short-word rule, char n-grams over collapsed white space.
TEST(Vectorizer, AnalyzeMatchesSklearnRules) {
  VectorizerOptions o = sk("word:1-2");
  o.stop_words = {"the"};
  EXPECT_EQ(analyze("The cat sat", o), (std::vector<std::string>{"cat", "sat", "cat sat"}));
  EXPECT_EQ(analyze("ab", sk("char_wb:3-5")), (std::vector<std::string>{" ab", "ab ", " ab "}));
  EXPECT_EQ(analyze("a", sk("char_wb:2-3")), (std::vector<std::string>{" a", "a ", " a "}));
  EXPECT_EQ(analyze("x  y\nz", sk("char:2-2")), (std::vector<std::string>{"x ", " y", "y\n", "\nz"}));
  EXPECT_EQ(analyze("", sk("char:1-3")), std::vector<std::string>{});
  EXPECT_EQ(analyze("aa bb cc", sk("word:2-3")), (std::vector<std::string>{"aa bb", "bb cc", "aa bb cc"}));
}

// The ICU tokenizer path: NFKC and full case folding apply before counting.
TEST(Vectorizer, IcuTokenizerNormalisesBeforeCounting) {
  const Corpus c = make_corpus({"Straße STRASSE ｆｕｌｌ", "strasse full"});
  VectorizerOptions o;
  o.idf = IdfWeight::kNone;
  o.norm = Norm::kNone;
  const Vectorized v = vectorize(c, o);
  ASSERT_EQ(v.vocabulary.terms(), (std::vector<std::string>{"full", "strasse"}));
  EXPECT_EQ(at(v.matrix, 0, 1), 2.0);
  EXPECT_EQ(at(v.matrix, 0, 0), 1.0);
  o.analyzer = Analyzer::kCharWb;
  o.ngram_min = o.ngram_max = 5;
  EXPECT_EQ(analyze("Full", o), (std::vector<std::string>{" full", "full "}));
}

// min_df/max_df as counts and proportions, max_features with few ties (kept in term order), stop
// words, and a fixed vocabulary in its own order with df 0 for absent terms.
TEST(Vectorizer, PruningAndFixedVocabulary) {
  const Corpus c = make_corpus({"aa bb cc dd", "aa bb cc", "aa ee", "aa ff"});
  VectorizerOptions o = sk();
  o.min_df = DfBound::count(2);
  o.max_df = DfBound::proportion(0.75);
  EXPECT_EQ(count_terms(c, o).vocabulary.terms(), (std::vector<std::string>{"bb", "cc"}));
  o = sk();
  o.max_features = 3;  // aa (4), then bb, cc (2 each) before dd, ee, ff (1 each)
  EXPECT_EQ(count_terms(c, o).vocabulary.terms(), (std::vector<std::string>{"aa", "bb", "cc"}));
  o.max_features = 4;  // numpy's argsort of 6 values is an insertion sort: ties stay in term order
  EXPECT_EQ(count_terms(c, o).vocabulary.terms(), (std::vector<std::string>{"aa", "bb", "cc", "dd"}));
  o = sk();
  o.stop_words = {"aa", "bb"};
  EXPECT_EQ(count_terms(c, o).vocabulary.terms(), (std::vector<std::string>{"cc", "dd", "ee", "ff"}));
  o = sk();
  o.vocabulary = {"zz", "cc", "aa"};
  const CountResult r = count_terms(c, o);
  EXPECT_EQ(r.vocabulary.terms(), (std::vector<std::string>{"zz", "cc", "aa"}));
  EXPECT_EQ(r.vocabulary.dfs(), (std::vector<int64_t>{0, 2, 4}));
  EXPECT_EQ(r.doc_totals, (std::vector<int64_t>{4, 3, 2, 2}));
  EXPECT_EQ(r.vocabulary.find("cc"), std::optional<size_t>(1));
  EXPECT_EQ(r.vocabulary.find("bb"), std::nullopt);
}

// The pinned hash equals an independent Python implementation of its specification, and
// hashed columns hold the counts of the terms that hash there.
TEST(Vectorizer, FeatureHashGoldenAgainstPython) {
  const std::vector<std::string> terms = {
      "", "a", "the", "of the", "\u00e9t\u00e9", "\u6f22\u5b57", " ab ", std::string(100, 'x')};
  TempDir dir;
  std::string list;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) list.push_back('\n');
    list.append(terms[i]);
  }
  testing::write_text(dir / "terms.txt", list);
  const auto r =
      testing::run_command(testing::python() + " " + testing::shell_quote(testing::script("reference_hash.py")) + " " +
                           testing::shell_quote((dir / "terms.txt").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream in(r.output);
  for (const auto& t : terms) {
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(term_hash(t), std::stoull(line)) << t;
  }
  const Corpus c = make_corpus({"the cat the", "of dog"});
  VectorizerOptions o = sk();
  o.hash_buckets = 7;
  o.idf = IdfWeight::kNone;
  o.norm = Norm::kNone;
  const Vectorized v = vectorize(c, o);
  ASSERT_EQ(v.matrix.cols(), 7);
  EXPECT_EQ(v.vocabulary.term(3), "hash:3");
  DocTermMatrix want(2, 7);
  want.coeffRef(0, static_cast<Eigen::Index>(term_hash("the") % 7)) += 2;
  want.coeffRef(0, static_cast<Eigen::Index>(term_hash("cat") % 7)) += 1;
  want.coeffRef(1, static_cast<Eigen::Index>(term_hash("of") % 7)) += 1;
  want.coeffRef(1, static_cast<Eigen::Index>(term_hash("dog") % 7)) += 1;
  EXPECT_EQ((DocTermMatrix(v.matrix - want)).norm(), 0.0);
}

// Any thread count gives the same matrix, vocabulary and saved bytes.
TEST(Vectorizer, IdenticalOutputForAnyThreadCount) {
  std::mt19937 rng(7);
  std::vector<std::string> texts;
  for (int d = 0; d < 150; ++d) {
    std::string t;
    // Words that are prefixes of each other ("w1", "w12", "w123") so that "w1 w2" meets "w12 w3".
    for (int k = 0; k < 200; ++k) t.append("w").append(std::to_string(rng() % 500)).append(k % 13 == 0 ? ".\n" : " ");
    texts.push_back(t);
  }
  const Corpus c = make_corpus(texts);
  TempDir dir;
  for (const char* spec :
       {"word:1-2", "word:2-2", "word:1-3", "word:2-4", "word:1-5", "word:3-3", "char_wb:2-4", "char:1-3"}) {
    std::string first;
    for (int threads : {1, 2, 3, 8}) {
      VectorizerOptions o = sk(spec);
      o.threads = threads;
      const Vectorized v = vectorize(c, o);
      // Term ids follow byte order (word n-grams are sorted by their words' ranks, which must
      // agree with the order of the joined strings).
      for (size_t t = 1; t < v.vocabulary.size(); ++t)
        ASSERT_LT(v.vocabulary.term(t - 1), v.vocabulary.term(t)) << spec << " threads " << threads;
      // Chunks of 1 and 7 entries: many blocks written at their places by racing threads.
      for (size_t chunk : {size_t{1}, size_t{7}, size_t{1} << 15}) {
        save_matrix(dir / "M.mtx", v.matrix, v.vocabulary, v.doc_ids, threads, chunk);
        const std::string bytes = testing::read_text(dir / "M.mtx") + testing::read_text(dir / "M.terms.tsv");
        if (first.empty())
          first = bytes;
        else
          EXPECT_EQ(bytes, first) << spec << " threads " << threads << " chunk " << chunk;
      }
    }
  }
}

// vectorize_to_file (rows built, weighted and written without the matrix) writes the same
// bytes as save_matrix(vectorize()), for every way of choosing columns (learned and pruned by
// df bounds or max_features, fixed, hashed), every weighting and any thread count; and fails
// as vectorize does, leaving no file behind.
TEST(Vectorizer, StreamedFileEqualsTheSavedMatrix) {
  std::mt19937 rng(5);
  std::vector<std::string> texts;
  for (int d = 0; d < 60; ++d) {
    std::string t;
    const int words = d == 7 ? 3000 : 40 + static_cast<int>(rng() % 300);  // one long row
    for (int k = 0; k < words; ++k) t.append("w").append(std::to_string(rng() % (d % 2 ? 60 : 900))).append(" ");
    texts.push_back(t);
  }
  const Corpus c = make_corpus(texts);
  TempDir dir;
  struct Case {
    const char* spec;
    std::function<void(VectorizerOptions&)> set;
  };
  const std::vector<Case> cases = {
      {"word:1-1", [](VectorizerOptions&) {}},
      {"word:1-2", [](VectorizerOptions& o) { o.min_df = DfBound::count(3); }},
      {"word:1-3",
       [](VectorizerOptions& o) {
         o.max_df = DfBound::proportion(0.5);
         o.tf = TfWeight::kSublinear;
       }},
      {"word:2-2",
       [](VectorizerOptions& o) {
         o.max_features = 50;
         o.tf = TfWeight::kRelative;
         o.idf = IdfWeight::kNone;
       }},
      {"char_wb:2-4",
       [](VectorizerOptions& o) {
         o.min_df = DfBound::proportion(0.1);
         o.norm = Norm::kL1;
       }},
      {"char:1-3",
       [](VectorizerOptions& o) {
         o.tf = TfWeight::kBinary;
         o.idf = IdfWeight::kPlain;
         o.norm = Norm::kNone;
       }},
      {"word:1-1",
       [](VectorizerOptions& o) {
         o.vocabulary = {"w5", "zz", "w1", "w899"};
         o.tf = TfWeight::kRelative;
       }},
      {"word:1-2", [](VectorizerOptions& o) { o.hash_buckets = 37; }},
  };
  for (const Case& k : cases) {
    for (int threads : {1, 2, 3}) {
      VectorizerOptions o = sk(k.spec);
      k.set(o);
      o.threads = threads;
      const Vectorized v = vectorize(c, o);
      save_matrix(dir / "A.mtx", v.matrix, v.vocabulary, v.doc_ids, threads);
      const WrittenMatrix w = vectorize_to_file(c, o, dir / "B.mtx");
      EXPECT_EQ(w.rows, static_cast<size_t>(v.matrix.rows()));
      EXPECT_EQ(w.cols, static_cast<size_t>(v.matrix.cols()));
      EXPECT_EQ(w.non_zeros, v.matrix.nonZeros());
      std::string a = testing::read_text(dir / "A.mtx"), b = testing::read_text(dir / "B.mtx");
      // The comment line names the side files, which are named after the .mtx.
      a.erase(0, a.find('\n', a.find('\n') + 1));
      b.erase(0, b.find('\n', b.find('\n') + 1));
      EXPECT_EQ(a, b) << k.spec << " threads " << threads;
      EXPECT_EQ(testing::read_text(dir / "A.terms.tsv"), testing::read_text(dir / "B.terms.tsv")) << k.spec;
      EXPECT_EQ(testing::read_text(dir / "A.docs.tsv"), testing::read_text(dir / "B.docs.tsv")) << k.spec;
    }
  }
  VectorizerOptions o = sk();
  o.min_df = DfBound::count(0);
  o.max_df = DfBound::count(0);
  EXPECT_THROW(vectorize_to_file(c, o, dir / "C.mtx"), DataError);
  EXPECT_FALSE(std::filesystem::exists(dir / "C.mtx"));
  EXPECT_FALSE(std::filesystem::exists(dir / "C.terms.tsv"));
}

// Long rows (thousands of terms, columns beyond one radix digit; tables that grow in the middle
// of a document) hold exactly the counts of an independent count with std::map, in column
// order, for any thread count; word 1-2 and 2-2 grams (counted in a PairTable) alike. 40
// documents of ~10k entries: one worker's entries cross the 2^18-entry blocks of its log, with
// a document straddling each boundary.
TEST(Vectorizer, LongRowsEqualANaiveCount) {
  constexpr int kDocs = 40;
  std::mt19937 rng(11);
  std::vector<std::string> texts;
  std::vector<std::map<std::string, int>> want(kDocs), want_pairs(kDocs);
  for (int d = 0; d < kDocs; ++d) {
    std::vector<std::string> words;
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict, bug 105329) on "t" + string.
    for (int k = 0; k < 6000; ++k) words.push_back(std::string(1, 't').append(std::to_string(rng() % 6000)));
    std::string t;
    for (size_t k = 0; k < words.size(); ++k) {
      t.append(words[k]).append(" ");
      ++want[static_cast<size_t>(d)][words[k]];
      if (k == 0) continue;
      const std::string pair = std::string(words[k - 1]).append(" ").append(words[k]);
      ++want[static_cast<size_t>(d)][pair];
      ++want_pairs[static_cast<size_t>(d)][pair];
    }
    texts.push_back(t);
  }
  const Corpus c = make_corpus(texts);
  for (const bool unigrams : {true, false})
    for (int threads : {1, 2, 5}) {
      VectorizerOptions o = sk(unigrams ? "word:1-2" : "word:2-2");
      o.tf = TfWeight::kRaw;
      o.idf = IdfWeight::kNone;
      o.norm = Norm::kNone;
      o.threads = threads;
      const Vectorized v = vectorize(c, o);
      ASSERT_GT(v.vocabulary.size(), size_t{1} << 15);
      for (int d = 0; d < kDocs; ++d) {
        const auto& row = (unigrams ? want : want_pairs)[static_cast<size_t>(d)];
        ASSERT_EQ(v.matrix.outerIndexPtr()[d + 1] - v.matrix.outerIndexPtr()[d], static_cast<int64_t>(row.size()));
        int64_t last = -1;
        for (DocTermMatrix::InnerIterator it(v.matrix, d); it; ++it) {
          ASSERT_GT(it.col(), last) << "columns sorted within a row";
          last = it.col();
          const std::string term(v.vocabulary.term(static_cast<size_t>(it.col())));
          ASSERT_TRUE(row.count(term)) << term;
          EXPECT_EQ(it.value(), row.at(term)) << term << " in document " << d << ", threads " << threads;
        }
      }
    }
}

// Bad options and pruning that leaves nothing: one clear error of the right kind.
TEST(Vectorizer, BadOptionsAndEmptyVocabulary) {
  const Corpus c = make_corpus({"aa bb", "bb cc"});
  VectorizerOptions o = sk();
  o.ngram_min = 3;
  o.ngram_max = 1;
  EXPECT_THROW(vectorize(c, o), ConfigError);
  o = sk();
  o.min_df = DfBound::count(2);
  o.max_df = DfBound::proportion(0.4);  // 0.8 documents < 2
  EXPECT_THROW(vectorize(c, o), ConfigError);
  o = sk();
  o.min_df = DfBound::count(0);
  o.max_df = DfBound::proportion(0.4);  // every term is in at least 1 > 0.8 documents
  try {
    vectorize(c, o);
    ADD_FAILURE() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("no terms remain"), std::string::npos) << e.what();
  }
  EXPECT_THROW(vectorize(make_corpus({"a b c", "d"}), sk()), DataError);  // no token of 2+ characters
  o = sk();
  o.hash_buckets = 16;
  o.max_features = 3;
  EXPECT_THROW(vectorize(c, o), ConfigError);
  o = sk("char:2-3");
  o.stop_words = {"aa"};
  EXPECT_THROW(vectorize(c, o), ConfigError);
  o = sk();
  o.vocabulary = {"aa", "aa"};
  EXPECT_THROW(vectorize(c, o), ConfigError);
  EXPECT_THROW(vectorize(Corpus{}, sk()), DataError);
}

// Option parsers accept the documented spellings and reject the rest with ConfigError.
TEST(Vectorizer, ParsersAcceptDocumentedSpellings) {
  VectorizerOptions o;
  parse_feature_spec("char_wb:3-5", o);
  EXPECT_EQ(o.analyzer, Analyzer::kCharWb);
  EXPECT_EQ(o.ngram_min, 3);
  EXPECT_EQ(o.ngram_max, 5);
  parse_feature_spec("word", o);
  EXPECT_EQ(o.ngram_max, 1);
  parse_feature_spec("char:4", o);
  EXPECT_EQ(o.ngram_min, 4);
  EXPECT_EQ(o.ngram_max, 4);
  for (const char* bad : {"word:3-1", "words:1-2", "char", "word:0-2", "word:1-", "word:a-b", ""})
    EXPECT_THROW(parse_feature_spec(bad, o), ConfigError) << bad;
  EXPECT_FALSE(DfBound::parse("2", "x").is_proportion);
  EXPECT_TRUE(DfBound::parse("1.0", "x").is_proportion);
  EXPECT_DOUBLE_EQ(DfBound::parse("5e-1", "x").value, 0.5);
  for (const char* bad : {"-1", "1.5", "abc", "2x", ""}) EXPECT_THROW(DfBound::parse(bad, "x"), ConfigError) << bad;
  EXPECT_EQ(parse_tf("sublinear"), TfWeight::kSublinear);
  EXPECT_EQ(parse_idf("plain"), IdfWeight::kPlain);
  EXPECT_EQ(parse_norm("none"), Norm::kNone);
  EXPECT_EQ(parse_tokenizer("sklearn"), TokenizerKind::kSklearn);
  EXPECT_THROW(parse_tf("log"), ConfigError);
  EXPECT_THROW(parse_norm("L2"), ConfigError);
  EXPECT_EQ(load_stop_words("english").size(), 318u);
  EXPECT_THROW(load_stop_words("klingon"), ConfigError);
}

// load_stop_words is the text stage's reader: same words, raw or normalised with the options.
TEST(Vectorizer, StopWordsReadByTheTextStage) {
  TempDir dir;
  testing::write_text(dir / "stop.txt",
                      "\xEF\xBB\xBF# list\nThe\r\n\n  Stra\xC3\x9F"
                      "e \n");
  const std::string path = (dir / "stop.txt").string();
  EXPECT_EQ(load_stop_words(path), (std::vector<std::string>{"The",
                                                             "Stra\xC3\x9F"
                                                             "e"}));
  EXPECT_EQ(load_stop_words(path), text::read_stop_word_list(path));
  const text::TextOptions icu;
  EXPECT_EQ(load_stop_words(path, &icu), (std::vector<std::string>{"the", "strasse"}));
  text::Tokenizer tokenizer(icu);
  EXPECT_EQ(load_stop_words(path, &icu), text::read_stop_word_list(path, &tokenizer));
}

}  // namespace
}  // namespace stylokit::features
