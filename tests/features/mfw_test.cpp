// MFW tables (toolkit/features/mfw.h): ranking with ties, relative frequencies, z-scores with the
// sample sd, culling, skip and fixed lists — against pandas on the letters and by hand.

#include "toolkit/features/mfw.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/features/test_util.h"
#include "toolkit/corpus/loaders.h"

namespace stylokit::features {
namespace {

using testing::make_corpus;

VectorizerOptions sklearn_words() {
  VectorizerOptions o;
  o.tokenizer = TokenizerKind::kSklearn;
  return o;
}

// Ranking by corpus count, ties by term bytes; percentages and z-scores by hand.
TEST(Mfw, HandComputedTable) {
  const Corpus c = make_corpus({"bb aa aa cc", "aa bb", "dd bb"});
  MfwOptions m;
  m.mfw = 3;
  const MfwTable t = mfw_table(c, m, sklearn_words());
  // aa 3, bb 3 (tie → aa first), cc 1, dd 1 (tie → cc first)
  ASSERT_EQ(t.words, (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_EQ(t.corpus_counts, (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(t.doc_freqs, (std::vector<int64_t>{2, 3, 1}));
  EXPECT_EQ(t.doc_tokens, (std::vector<int64_t>{4, 2, 2}));
  EXPECT_DOUBLE_EQ(t.relative(0, 0), 50.0);
  EXPECT_DOUBLE_EQ(t.relative(1, 0), 50.0);
  EXPECT_DOUBLE_EQ(t.relative(2, 0), 0.0);
  // aa: values 50, 50, 0 → mean 100/3, sample sd sqrt(((50/3)^2 * 2 + (100/3)^2) / 2)
  const double mean = 100.0 / 3, sd = std::sqrt((2 * std::pow(50.0 / 3, 2) + std::pow(100.0 / 3, 2)) / 2);
  EXPECT_NEAR(t.mean[0], mean, 1e-12);
  EXPECT_NEAR(t.sd[0], sd, 1e-12);
  EXPECT_NEAR(t.zscores(2, 0), -mean / sd, 1e-12);
  EXPECT_TRUE(t.constant_words.empty());
}

// Culling keeps words in at least X% of documents; skip drops the top ranks; a fixed list is
// used in its order, absent words are all-zero with z = 0 and listed as constant.
TEST(Mfw, CullingSkipAndFixedFeatures) {
  const Corpus c = make_corpus({"aa bb cc", "aa bb", "aa dd"});
  MfwOptions m;
  m.mfw = 10;
  m.culling = 67;  // bb is in 2 of 3 documents: 66.7% < 67
  EXPECT_EQ(mfw_table(c, m, sklearn_words()).words, (std::vector<std::string>{"aa"}));
  m.culling = 66;
  EXPECT_EQ(mfw_table(c, m, sklearn_words()).words, (std::vector<std::string>{"aa", "bb"}));
  m.culling = 0;
  m.skip = 1;
  m.mfw = 2;
  EXPECT_EQ(mfw_table(c, m, sklearn_words()).words, (std::vector<std::string>{"bb", "cc"}));
  MfwOptions f;
  f.features = {"dd", "zz", "aa"};
  const MfwTable t = mfw_table(c, f, sklearn_words());
  EXPECT_EQ(t.words, (std::vector<std::string>{"dd", "zz", "aa"}));
  EXPECT_EQ(t.constant_words, (std::vector<std::string>{"zz"}));
  for (int r = 0; r < 3; ++r) EXPECT_EQ(t.zscores(r, 1), 0.0);
  EXPECT_FALSE(t.zscores.array().isNaN().any());
}

// Bad options and corpora too small for z-scores.
TEST(Mfw, BadInput) {
  MfwOptions m;
  EXPECT_THROW(mfw_table(make_corpus({"aa bb"}), m, sklearn_words()), DataError);
  m.culling = 150;
  EXPECT_THROW(mfw_table(make_corpus({"aa", "bb"}), m, sklearn_words()), ConfigError);
  m = {};
  m.features = {"aa", "aa"};
  EXPECT_THROW(mfw_table(make_corpus({"aa bb", "bb"}), m, sklearn_words()), ConfigError);
  m = {};
  m.culling = 100;
  EXPECT_THROW(mfw_table(make_corpus({"aa", "bb"}), m, sklearn_words()), DataError);  // nothing survives
}

// The letters against pandas: same words, relative frequencies and z-scores.
TEST(Mfw, LettersMatchPandas) {
  const Corpus c = load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters");
  for (auto [mfw, skip, culling] : {std::tuple<size_t, size_t, double>{50, 0, 0}, {30, 5, 60}}) {
    MfwOptions m;
    m.mfw = mfw;
    m.skip = skip;
    m.culling = culling;
    const MfwTable t = mfw_table(c, m, sklearn_words());
    testing::TempDir dir;
    // Built with append(): GCC 12 warns falsely (-Wrestrict, bug 105329) on chains of operator+.
    std::string cmd = testing::python();
    cmd.append(" ").append(testing::shell_quote(testing::script("reference_mfw.py")));
    cmd.append(" ").append(testing::shell_quote((dir / "out.json").string()));
    cmd.append(fmt::format(" {} {} {}", mfw, skip, culling));
    for (const auto& d : c.documents) cmd.append(" ").append(testing::shell_quote(d.source));
    const auto r = testing::run_command(cmd);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto want = nlohmann::json::parse(testing::read_text(dir / "out.json"));
    ASSERT_EQ(t.words, want["words"].get<std::vector<std::string>>());
    const auto rel = want["relative"].get<std::vector<std::vector<double>>>();
    const auto z = want["z"].get<std::vector<std::vector<double>>>();
    for (size_t i = 0; i < rel.size(); ++i)
      for (size_t j = 0; j < t.words.size(); ++j) {
        EXPECT_NEAR(t.relative(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), rel[i][j], 1e-12);
        EXPECT_NEAR(t.zscores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), z[i][j], 1e-12);
      }
  }
}

}  // namespace
}  // namespace stylokit::features
