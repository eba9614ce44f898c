// Samples against stylo's make.samples() on the nine novels (shared references,
// stylo/novels/3_make_samples: every sample's first and last token index and first and last five
// tokens, on stylo's English.all tokens), and a sampled corpus counted by mfw_table.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::pipeline {
namespace {

namespace fs = std::filesystem;

const fs::path kNovels = fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels";

const LoadedCorpus& novels() {
  static const LoadedCorpus loaded = [] {
    CorpusConfig c;
    c.path = kNovels / "corpus";
    return load_corpus(c);
  }();
  return loaded;
}

// The novels in stylo's tokens (tokenizer stylo, English.all).
TokenizedCorpus stylo_tokens(int threads = 0) {
  FeaturesConfig f;
  f.tokenizer = "stylo";
  return tokenize(novels().corpus, text::TextOptions{}, f, threads);
}

// R writes 100000 as 1e+05 in the reference CSVs.
uint64_t index(const std::string& cell) {
  return static_cast<uint64_t>(std::stod(cell));
}

std::string words(const text::TokenCorpus& tc, uint64_t begin, uint64_t end) {
  std::string out;
  for (uint64_t t = begin; t < end; ++t) out += (out.empty() ? "" : " ") + tc.vocab[static_cast<size_t>(tc.ids[t])];
  return out;
}

void check_against_stylo(const std::string& spec, const std::string& file, size_t want_samples) {
  const CsvTable ref = parse_csv(read_file(kNovels / "3_make_samples" / file), file);
  ASSERT_EQ(ref.rows.size(), want_samples);
  const TokenizedCorpus whole = stylo_tokens();
  TokenizedCorpus t = stylo_tokens();
  SampleConfig config;
  config.sample = spec;
  make_samples(t, config, 0);
  const text::TokenCorpus& tc = t.tokens;
  ASSERT_TRUE(t.sampling.has_value());
  ASSERT_EQ(tc.documents(), want_samples);
  const auto col = [&](const char* name) { return static_cast<size_t>(ref.column(name)); };
  std::map<std::string, uint64_t> per_text;
  for (size_t s = 0; s < ref.rows.size(); ++s) {
    const auto& row = ref.rows[s];
    SCOPED_TRACE(row[col("sample")]);
    EXPECT_EQ(tc.doc_ids[s], row[col("sample")]);
    const text::SampleSource& src = t.sampling->sources[s];
    EXPECT_EQ(t.sampling->text_ids[src.document], row[col("text")]);
    EXPECT_EQ(whole.tokens.doc_size(src.document), index(row[col("text_tokens")]));
    EXPECT_EQ(src.first + 1, index(row[col("first_token_index_1based")]));
    EXPECT_EQ(src.last + 1, index(row[col("last_token_index_1based")]));
    const uint64_t b = tc.doc_begin[s], e = tc.doc_begin[s + 1];
    ASSERT_GE(e - b, 5u);
    EXPECT_EQ(words(tc, b, b + 5), row[col("first5")]);
    EXPECT_EQ(words(tc, e - 5, e), row[col("last5")]);
    // The spans still point into the source file's bytes: the sample's first token there.
    const uint64_t g = whole.tokens.doc_begin[src.document] + src.first;
    EXPECT_EQ(tc.byte_begin[b], whole.tokens.byte_begin[g]);
    ++per_text[row[col("text")]];
  }
  for (size_t d = 0; d < t.sampling->text_ids.size(); ++d)
    EXPECT_EQ(t.sampling->samples_per_text[d], per_text[t.sampling->text_ids[d]]);
}

TEST(Samples, NormalSlicesEqualStylos) {
  check_against_stylo("normal:10000", "samples_size10000_overlap0.csv", 117);
  check_against_stylo("normal:5000:1000", "samples_size5000_overlap1000.csv", 298);
}

TEST(Samples, DroppedTailIsTheTrueRemainder) {
  // ABronte_Agnes: 68,311 tokens; 5000/1000 gives 16 samples, the last ending at 15*4000+5000 =
  // 65,000: 3,311 tokens dropped (stylo's console says 4,311, n - 16*4000).
  TokenizedCorpus t = stylo_tokens();
  SampleConfig config;
  config.sample = "normal:5000:1000";
  make_samples(t, config, 0);
  ASSERT_EQ(t.sampling->text_ids.front(), "ABronte_Agnes");
  EXPECT_EQ(t.sampling->samples_per_text.front(), 16u);
  EXPECT_EQ(t.sampling->dropped_per_text.front(), 3311u);
  const Json j = sampling_json(t);
  EXPECT_EQ(j["dropped_tokens"]["ABronte_Agnes"], 3311);
  EXPECT_EQ(j["samples"], 298);
}

TEST(Samples, MfwTableCountsTheSamples) {
  TokenizedCorpus t = stylo_tokens();
  FeaturesConfig f;
  f.tokenizer = "stylo";
  SampleConfig config;
  config.sample = "normal:10000";
  make_samples(t, config, 0);
  MfwConfig m;
  m.mfw = 50;
  const MfwResult r = mfw_table(m, &novels().corpus, text::TextOptions{}, f, 0, &t);
  ASSERT_EQ(r.table.doc_ids.size(), 117u);
  EXPECT_EQ(r.table.doc_ids.front(), "ABronte_Agnes_1");
  for (int64_t n : r.table.doc_tokens) EXPECT_EQ(n, 10000);
  // The ranking is by the samples' counts: the first word's count is its count in the samples.
  const auto it = std::find(t.tokens.vocab.begin(), t.tokens.vocab.end(), r.table.words.front());
  ASSERT_NE(it, t.tokens.vocab.end());
  EXPECT_EQ(static_cast<uint64_t>(r.table.corpus_counts.front()),
            t.tokens.unigram_count[static_cast<size_t>(it - t.tokens.vocab.begin())]);
  EXPECT_EQ(r.parameters["sample"]["spec"], "normal:10000:0");
  ASSERT_FALSE(r.warnings.empty());

  // Tokens of another tokenizer than the samples' cannot be counted: an error, not the whole texts.
  try {
    mfw_table(m, &novels().corpus, text::TextOptions{}, "icu", 0, &t);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("sample: ", 0), 0u) << e.what();
  }
}

TEST(Samples, RandomSamplesSameForAnyThreadCount) {
  SampleConfig config;
  config.sample = "random:5000:3";
  config.seed = 7;
  TokenizedCorpus one = stylo_tokens(1);
  make_samples(one, config, 1);
  TokenizedCorpus many = stylo_tokens(2);
  make_samples(many, config, 2);
  EXPECT_EQ(one.tokens.doc_ids, many.tokens.doc_ids);
  EXPECT_EQ(one.tokens.ids, many.tokens.ids);
  EXPECT_EQ(one.tokens.byte_begin, many.tokens.byte_begin);
  EXPECT_EQ(one.tokens.documents(), 27u);
  EXPECT_EQ(sampling_json(one)["seed"], 7);
}

}  // namespace
}  // namespace stylokit::pipeline
