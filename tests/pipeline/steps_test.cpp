// The pipeline layer's steps: one format owner for S.csv + S.json, a text stage that runs
// once yet counts what the tokenizer counts, the MFW options every front end shares, and
// errors that name the config field.

#include "toolkit/pipeline/steps.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/test_util.h"
#include "toolkit/cluster/flat.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/similarity/table_io.h"

namespace stylokit::pipeline {
namespace {

namespace fs = std::filesystem;

const LoadedCorpus& letters() {
  static const LoadedCorpus loaded = [] {
    CorpusConfig c;
    c.path = std::string(STYLOKIT_TEST_DATA) + "/letters";
    c.clean = "news";
    return load_corpus(c);
  }();
  return loaded;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// The statistics read off the shared token corpus equal a fresh tokenization of each document.
TEST(PipelineTokenize, StatisticsMatchTheTokenizer) {
  const text::TextOptions options;
  const TokenizedCorpus once = tokenize(letters().corpus, options, 2);
  const std::vector<DocumentStats> stats = document_stats(once);
  const text::Tokenizer tokenizer(options);
  ASSERT_EQ(stats.size(), letters().corpus.size());
  for (size_t d = 0; d < stats.size(); ++d) {
    const text::TokenizedDocument td = tokenizer.tokenize(letters().corpus.documents[d]);
    std::set<std::string> types;
    for (const auto& t : td.tokens) types.insert(std::string(td.text(t)));
    EXPECT_EQ(stats[d].tokens, td.tokens.size()) << d;
    EXPECT_EQ(stats[d].types, types.size()) << d;
    EXPECT_EQ(stats[d].sentences, td.sentence_count) << d;
  }
  // Thread count changes nothing.
  const TokenizedCorpus one = tokenize(letters().corpus, options, 1);
  EXPECT_EQ(one.tokens.ids, once.tokens.ids);
  EXPECT_EQ(one.tokens.sentence_count, once.tokens.sentence_count);
}

// start_at counts from 1: ranks 3..7 are the third to seventh columns of the full ranking.
TEST(PipelineMfw, StartAtAndDeleteWordsSelectFromTheRanking) {
  MfwConfig all;
  all.mfw = 20;
  const MfwResult full = mfw_table(all, &letters().corpus, {}, "icu", 1);
  MfwConfig part;
  part.mfw = 5;
  part.start_at = 3;
  const MfwResult cut = mfw_table(part, &letters().corpus, {}, "icu", 1);
  ASSERT_EQ(cut.table.words.size(), 5u);
  for (size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(cut.table.words[k], full.table.words[k + 2]);
    for (Eigen::Index i = 0; i < cut.table.relative.rows(); ++i)
      EXPECT_EQ(cut.table.relative(i, static_cast<Eigen::Index>(k)),
                full.table.relative(i, static_cast<Eigen::Index>(k + 2)));
  }
  EXPECT_EQ(cut.parameters["start_at"], 3);
  EXPECT_EQ(cut.parameters["mfw_used"], 5);

  // Deleted words leave the ranking before the cut: still 10 words, none of them deleted.
  testing::TempDir dir;
  testing::write_file(dir / "del.txt", "the\nof\n");
  MfwConfig del;
  del.mfw = 10;
  del.delete_words = (dir / "del.txt").string();
  const MfwResult d = mfw_table(del, &letters().corpus, {}, "icu", 1);
  ASSERT_EQ(d.table.words.size(), 10u);
  for (const auto& w : d.table.words) EXPECT_TRUE(w != "the" && w != "of") << w;

  // More words than the corpus has: all of them, and a warning.
  MfwConfig many;
  many.mfw = 1000000;
  const MfwResult m = mfw_table(many, &letters().corpus, {}, "icu", 1);
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_NE(m.warnings[0].find("asked for 1000000 MFW"), std::string::npos) << m.warnings[0];
}

// A frequency table is used whole by default: every word left after start_at and the deleted
// words, however many of the deleted words the table holds, and no warning.
TEST(PipelineMfw, FrequencyTableWholeAfterDeletions) {
  MfwConfig fifty;
  fifty.mfw = 50;
  const MfwResult source = mfw_table(fifty, &letters().corpus, {}, "icu", 1);
  testing::TempDir dir;
  testing::write_file(dir / "t.csv", similarity::format_frequency_table(source.table));
  std::string deleted;
  for (size_t k = 10; k < 40; ++k) deleted += source.table.words[k] + "\n";
  for (int k = 0; k < 100; ++k) deleted += "absentword" + std::to_string(k) + "\n";
  testing::write_file(dir / "del.txt", deleted);
  MfwConfig all;
  all.mfw = MfwConfig::kAll;
  all.start_at = 3;
  all.frequency_table = (dir / "t.csv").string();
  all.delete_words = (dir / "del.txt").string();
  const MfwResult r = mfw_table(all, nullptr, {}, "icu", 1);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  ASSERT_EQ(r.table.words.size(), 50u - 30u - 2u);
  EXPECT_EQ(r.table.words.front(), source.table.words[2]);
  EXPECT_EQ(r.table.words.back(), source.table.words[49]);
  EXPECT_EQ(r.parameters["mfw"], 18);
}

TEST(PipelineMfw, ErrorsNameTheField) {
  MfwConfig c;
  c.mfw = 0;
  EXPECT_EQ(error_of([&] { validate(c); }).rfind("mfw: ", 0), 0u);
  c = {};
  c.start_at = 0;
  EXPECT_EQ(error_of([&] { validate(c); }).rfind("start_at: ", 0), 0u);
  c = {};
  c.culling = 101;
  EXPECT_EQ(error_of([&] { validate(c); }).rfind("culling: ", 0), 0u);
  c = {};
  c.mfw_features = "words:1";
  EXPECT_EQ(error_of([&] { validate(c); }).rfind("mfw_features: ", 0), 0u);
  FeaturesConfig f;
  f.tf = "bogus";
  EXPECT_EQ(error_of([&] { vectorizer_options(f, {}, 1); }).rfind("tf: ", 0), 0u);
  f = {};
  f.min_df = "-1";
  EXPECT_EQ(error_of([&] { vectorizer_options(f, {}, 1); }).rfind("min_df: ", 0), 0u);
  SimilarityConfig s;
  s.measure = "delta";
  EXPECT_EQ(error_of([&] { uses_mfw_table(s); }).rfind("measure: ", 0), 0u);
}

// S.csv and S.json are written by one owner and read back by the cluster stage: the same
// ids, values, measure and direction.
TEST(PipelineSimilarity, WrittenFilesReadBackByTheClusterStage) {
  for (const std::string measure : {"burrows-delta", "cosine-delta", "cosine"}) {
    SimilarityConfig config;
    config.measure = measure;
    config.mfw_given = true;
    config.mfw.mfw = 50;
    const MfwResult mfw = mfw_table(config.mfw, &letters().corpus, {}, "icu", 1);
    const SimilarityResult r = similarity_on_table(mfw, config, 2);
    testing::TempDir dir;
    write_file_atomic(dir / "S.csv", similarity_csv(r));
    write_file_atomic(dir / "S.json", similarity_json(r).dump(2));
    const cluster::LabeledDistances back = cluster::read_distance_csv(dir / "S.csv");
    const cluster::LabeledDistances direct = distances_of(r, "S.csv");
    EXPECT_EQ(back.ids, r.ids) << measure;
    EXPECT_EQ(back.measure, measure);
    EXPECT_EQ(back.direction, measure == "cosine" ? cluster::Direction::kSimilarity : cluster::Direction::kDistance);
    EXPECT_EQ(back.conversion, direct.conversion);
    EXPECT_EQ(back.distances.values(), direct.distances.values()) << measure;
  }
}

// choose_k picks the k of the highest mean silhouette; labels are numbered from 1.
TEST(PipelineCluster, ChooseKTakesTheBestSilhouette) {
  SimilarityConfig config;
  config.measure = "burrows-delta";
  const SimilarityResult r = similarity_on_table(mfw_table(config.mfw, &letters().corpus, {}, "icu", 1), config, 1);
  const cluster::LabeledDistances d = distances_of(r, "letters");
  ClusterConfig cc;
  cc.method = "average";
  cc.choose_k = 4;
  const TreeResult t = cluster_tree(d, cc);
  double best = -2;
  size_t best_k = 0;
  for (size_t k = 2; k <= 4; ++k) {
    const double s = cluster::silhouette_score(d.distances, cluster::cut_k(t.linkage, k));
    if (s > best) {
      best = s;
      best_k = k;
    }
  }
  EXPECT_EQ(t.k, best_k);
  ASSERT_EQ(t.labels.size(), d.ids.size());
  EXPECT_EQ(*std::min_element(t.labels.begin(), t.labels.end()), 1);
  EXPECT_EQ(*std::max_element(t.labels.begin(), t.labels.end()), static_cast<int>(best_k));
  cc.method = "wardD";
  EXPECT_EQ(error_of([&] { cluster_tree(d, cc); }).rfind("method", 0), 0u);
}

}  // namespace
}  // namespace stylokit::pipeline
