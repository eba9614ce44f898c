// --tokenizer sklearn against scikit-learn itself (/usr/bin/python3): identical vocabularies and
// document frequencies, and matrices equal to 1e-12, for many option combinations, on the
// letters, on generated Unicode text, and on a few hundred Brown documents when fetched.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <cstring>
#include <random>

#include "tests/features/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/features/vectorizer.h"

namespace stylokit::features {
namespace {

using json = nlohmann::json;
using testing::TempDir;

struct Case {
  std::string name;
  VectorizerOptions options;
  json config;
  bool tie_expected = false;  // terms tied at the max_features cut, which sklearn's argsort orders
};

Case with_max_features(Case c, size_t max_features, bool tie_expected) {
  c.options.max_features = max_features;
  c.config["max_features"] = max_features;
  c.tie_expected = tie_expected;
  c.name += fmt::format(" max_features {}", max_features);
  return c;
}

const char* analyzer_name(Analyzer a) {
  return a == Analyzer::kWord ? "word" : a == Analyzer::kChar ? "char" : "char_wb";
}

// One option combination, as our options and as sklearn's TfidfVectorizer parameters.
Case make_case(Analyzer analyzer, int nmin, int nmax, TfWeight tf = TfWeight::kRaw, IdfWeight idf = IdfWeight::kSmooth,
               Norm norm = Norm::kL2) {
  Case c;
  c.options.tokenizer = TokenizerKind::kSklearn;
  c.options.analyzer = analyzer;
  c.options.ngram_min = nmin;
  c.options.ngram_max = nmax;
  c.options.tf = tf;
  c.options.idf = idf;
  c.options.norm = norm;
  c.config = {{"analyzer", analyzer_name(analyzer)},
              {"ngram_range", {nmin, nmax}},
              {"min_df", 1},
              {"max_df", 1.0},
              {"max_features", nullptr},
              {"stop_words", nullptr},
              {"vocabulary", nullptr},
              {"binary", tf == TfWeight::kBinary},
              {"sublinear_tf", tf == TfWeight::kSublinear},
              {"use_idf", idf != IdfWeight::kNone},
              {"smooth_idf", idf == IdfWeight::kSmooth},
              {"norm", norm == Norm::kL2 ? json("l2") : norm == Norm::kL1 ? json("l1") : json(nullptr)}};
  c.name = fmt::format("{}:{}-{} tf{} idf{} norm{}", analyzer_name(analyzer), nmin, nmax, static_cast<int>(tf),
                       static_cast<int>(idf), static_cast<int>(norm));
  return c;
}

Case with_df(Case c, DfBound min_df, DfBound max_df) {
  c.options.min_df = min_df;
  c.options.max_df = max_df;
  c.config["min_df"] = min_df.is_proportion ? json(min_df.value) : json(static_cast<int64_t>(min_df.value));
  c.config["max_df"] = max_df.is_proportion ? json(max_df.value) : json(static_cast<int64_t>(max_df.value));
  c.name += fmt::format(" min_df {} max_df {}", min_df.value, max_df.value);
  return c;
}

template <class T>
std::vector<T> read_binary(const std::string& path) {
  const std::string bytes = testing::read_text(path);
  std::vector<T> out(bytes.size() / sizeof(T));
  std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  return out;
}

// Runs sklearn on the corpus's files for every case and compares.
void compare_with_sklearn(const Corpus& corpus, const std::vector<Case>& cases) {
  TempDir dir;
  json request;
  request["documents"] = json::array();
  for (const auto& d : corpus.documents) request["documents"].push_back(d.source);
  request["configs"] = json::array();
  for (const auto& c : cases) request["configs"].push_back(c.config);
  testing::write_text(dir / "request.json", request.dump());
  const auto r = testing::run_command(testing::python() + " " + testing::shell_quote(testing::script("reference_sklearn.py")) +
                                      " " + testing::shell_quote((dir / "request.json").string()) + " " +
                                      testing::shell_quote((dir / "result.json").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json results = json::parse(testing::read_text(dir / "result.json"));
  ASSERT_EQ(results.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].name);
    const json& want = results[i];
    for (int threads : {1, 3}) {
      VectorizerOptions o = cases[i].options;
      o.threads = threads;
      if (want.contains("error")) {
        EXPECT_THROW(vectorize(corpus, o), Error) << "sklearn: " << want["error"];
        continue;
      }
      if (cases[i].tie_expected) {
        EXPECT_TRUE(want["tie_at_cut"].get<bool>()) << "this case is meant to break a tie at the max_features cut";
      }
      const Vectorized got = vectorize(corpus, o);
      ASSERT_EQ(got.vocabulary.terms(), want["terms"].get<std::vector<std::string>>());
      ASSERT_EQ(got.vocabulary.dfs(), want["dfs"].get<std::vector<int64_t>>());
      ASSERT_EQ(got.matrix.rows(), want["shape"][0].get<int64_t>());
      ASSERT_EQ(got.matrix.cols(), want["shape"][1].get<int64_t>());
      const std::string base = (dir / "result.json").string() + "." + std::to_string(i);
      const auto indptr = read_binary<int64_t>(base + ".indptr");
      const auto indices = read_binary<int64_t>(base + ".indices");
      const auto data = read_binary<double>(base + ".data");
      ASSERT_EQ(got.matrix.nonZeros(), static_cast<int64_t>(data.size()));
      ASSERT_TRUE(std::equal(indptr.begin(), indptr.end(), got.matrix.outerIndexPtr()));
      ASSERT_TRUE(std::equal(indices.begin(), indices.end(), got.matrix.innerIndexPtr()));
      double max_diff = 0;
      for (size_t k = 0; k < data.size(); ++k) max_diff = std::max(max_diff, std::fabs(data[k] - got.matrix.valuePtr()[k]));
      EXPECT_LE(max_diff, 1e-12);
    }
  }
}

std::vector<Case> analyzer_cases() {
  return {make_case(Analyzer::kWord, 1, 1), make_case(Analyzer::kWord, 1, 2), make_case(Analyzer::kWord, 2, 3),
          make_case(Analyzer::kChar, 1, 3), make_case(Analyzer::kChar, 2, 5), make_case(Analyzer::kCharWb, 2, 4),
          make_case(Analyzer::kCharWb, 3, 5), make_case(Analyzer::kCharWb, 1, 1)};
}

// Every analyzer, every tf × idf × norm, pruning by counts and proportions, max_features,
// stop words, a fixed vocabulary and the two pruning errors, on the letters.
TEST(SklearnParity, LettersAllCombinations) {
  const Corpus corpus = load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters");
  std::vector<Case> cases = analyzer_cases();
  for (auto tf : {TfWeight::kRaw, TfWeight::kBinary, TfWeight::kSublinear})
    for (auto idf : {IdfWeight::kNone, IdfWeight::kSmooth, IdfWeight::kPlain})
      for (auto norm : {Norm::kL2, Norm::kL1, Norm::kNone}) cases.push_back(make_case(Analyzer::kWord, 1, 2, tf, idf, norm));
  cases.push_back(with_df(make_case(Analyzer::kWord, 1, 1), DfBound::count(2), DfBound::proportion(1.0)));
  cases.push_back(with_df(make_case(Analyzer::kWord, 1, 2), DfBound::proportion(0.4), DfBound::proportion(0.8)));
  cases.push_back(with_df(make_case(Analyzer::kWord, 1, 1, TfWeight::kSublinear, IdfWeight::kPlain, Norm::kL1),
                          DfBound::count(1), DfBound::count(3)));
  cases.push_back(with_df(make_case(Analyzer::kCharWb, 2, 4, TfWeight::kSublinear, IdfWeight::kSmooth, Norm::kL1),
                          DfBound::count(2), DfBound::proportion(0.9)));
  cases.push_back(with_max_features(make_case(Analyzer::kWord, 1, 1), 40, false));
  // Ties at the cut among hundreds of terms: numpy's introsort order, not term order.
  cases.push_back(with_max_features(make_case(Analyzer::kWord, 1, 2), 300, true));
  cases.push_back(with_max_features(make_case(Analyzer::kCharWb, 2, 4), 1000, true));
  {
    Case c = make_case(Analyzer::kWord, 1, 3);
    c.options.stop_words = load_stop_words("english");
    c.config["stop_words"] = c.options.stop_words;
    c.name += " stop words";
    cases.push_back(c);
  }
  {
    Case c = make_case(Analyzer::kWord, 1, 2, TfWeight::kRaw, IdfWeight::kPlain);
    c.options.vocabulary = {"president", "the", "of the", "azerbaijan", "zzz-never", "mr president", "and"};
    c.config["vocabulary"] = c.options.vocabulary;
    c.name += " fixed vocabulary";
    cases.push_back(c);
  }
  // Errors: pruning that leaves nothing, and min_df above max_df.
  cases.push_back(with_df(make_case(Analyzer::kWord, 1, 1), DfBound::count(6), DfBound::proportion(1.0)));
  cases.push_back(with_df(make_case(Analyzer::kWord, 1, 1), DfBound::proportion(0.9), DfBound::count(2)));
  compare_with_sklearn(corpus, cases);
}

// Text with capital sigmas, dotted capital I, combining marks, other scripts' digits, CJK,
// emoji, Unicode white space and repeated separators, generated with a fixed seed.
TEST(SklearnParity, GeneratedUnicodeText) {
  TempDir dir;
  const std::vector<std::string> words = {
      "the", "of", "Cat", "DOG", "x", "I", "a_b", "42", "3.14", "ΟΔΟΣ", "Σ", "σοφία", "ΑΣ'Β", "\u0130stanbul",
      "Straße", "na\u00efve", "nai\u0308ve", "caf\u00e9", "cafe\u0301", "x\u00b2", "\u0663\u0664", "\u216b",
      "\u6f22\u5b57", "\U0001F600", "\u01c5emal", "Привет", "שלום", "مرحبا", "ไทย", "हिन्दी", "don't", "e-mail",
      "\U0001D518\U0001D52B", "\ufb01ne", "\uff21\uff22\uff23", "ΣΑΣ", "_", "__init__", "ǅ", "Ω"};
  const std::vector<std::string> seps = {" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u3000", ", ", ". ",
                                         "\n\n", " \u2003 ", "\r\n", "\x1c", "-", "'"};
  std::mt19937 rng(20240611);
  for (int d = 0; d < 40; ++d) {
    std::string text;
    const int n = 5 + static_cast<int>(rng() % 120);
    for (int i = 0; i < n; ++i) {
      text += words[rng() % words.size()];
      text += seps[rng() % seps.size()];
    }
    testing::write_text(dir / fmt::format("doc{:02}.txt", d), text);
  }
  const Corpus corpus = load_corpus(dir.path());
  std::vector<Case> cases = analyzer_cases();
  cases.push_back(make_case(Analyzer::kWord, 1, 2, TfWeight::kSublinear, IdfWeight::kPlain, Norm::kL1));
  cases.push_back(make_case(Analyzer::kChar, 1, 4, TfWeight::kBinary, IdfWeight::kNone, Norm::kNone));
  cases.push_back(with_df(make_case(Analyzer::kCharWb, 2, 5), DfBound::count(3), DfBound::proportion(0.7)));
  compare_with_sklearn(corpus, cases);
}

// A few hundred Brown documents (data/fetch-brown.sh), skipped when they are not fetched.
TEST(SklearnParity, BrownSample) {
  const std::filesystem::path brown = std::string(STYLOKIT_TEST_DATA) + "/brown";
  if (!std::filesystem::exists(brown / "labels.csv")) GTEST_SKIP() << "data/brown not fetched (data/fetch-brown.sh)";
  Corpus all = load_corpus(brown);
  Corpus corpus;
  corpus.origin = all.origin;
  for (size_t i = 0; i < all.size(); ++i)
    if (i % 5 < 2) corpus.documents.push_back(all.documents[i]);  // 200 documents from every genre
  ASSERT_EQ(corpus.size(), 200u);
  std::vector<Case> cases = {make_case(Analyzer::kWord, 1, 1),
                             with_df(make_case(Analyzer::kWord, 1, 2, TfWeight::kSublinear, IdfWeight::kPlain, Norm::kL1),
                                     DfBound::count(2), DfBound::proportion(0.95)),
                             make_case(Analyzer::kCharWb, 3, 5),
                             with_df(make_case(Analyzer::kChar, 2, 3, TfWeight::kBinary, IdfWeight::kNone, Norm::kL2),
                                     DfBound::proportion(0.01), DfBound::proportion(0.5))};
  {
    Case c = make_case(Analyzer::kWord, 1, 1);
    c.options.stop_words = load_stop_words("english");
    c.config["stop_words"] = c.options.stop_words;
    c.name += " stop words";
    cases.push_back(with_max_features(c, 494, false));
  }
  compare_with_sklearn(corpus, cases);
}

// All of Brown, word 1-2 at max_features 5000: hundreds of terms tied at the cut count, kept in
// the order numpy's argsort gives them.
TEST(SklearnParity, BrownMaxFeaturesTies) {
  const std::filesystem::path brown = std::string(STYLOKIT_TEST_DATA) + "/brown";
  if (!std::filesystem::exists(brown / "labels.csv")) GTEST_SKIP() << "data/brown not fetched (data/fetch-brown.sh)";
  const Corpus corpus = load_corpus(brown);
  compare_with_sklearn(corpus, {with_max_features(make_case(Analyzer::kWord, 1, 2), 5000, true),
                                with_max_features(make_case(Analyzer::kWord, 1, 1), 2000, true)});
}

}  // namespace
}  // namespace stylokit::features
