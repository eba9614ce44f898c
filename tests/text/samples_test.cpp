// Samples (toolkit/text/samples.h): slices checked by hand, the random draw replayed by an
// independent Python implementation (tests/text/reference_samples.py), thread-count invariance,
// short texts and bad specs. The slices of stylo's own make.samples() on the novels are checked
// in tests/pipeline/samples_test.cpp.

#include "toolkit/text/samples.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::text {
namespace {

SampleOptions spec(const std::string& s, uint64_t seed = 1, int threads = 1) {
  SampleOptions o;
  parse_sample_spec(s, o);
  o.seed = seed;
  o.threads = threads;
  return o;
}

// A text of n tokens whose ids are their positions modulo `types` (byte spans = positions).
std::vector<int32_t> text_of(size_t n, int32_t types) {
  std::vector<int32_t> out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<int32_t>(i % static_cast<size_t>(types)));
  return out;
}

// The source positions of sample s (token_corpus_from_ids sets byte_begin = position).
std::vector<uint64_t> positions(const Samples& s, size_t sample) {
  const TokenCorpus& tc = s.tokens;
  return {tc.byte_begin.begin() + static_cast<std::ptrdiff_t>(tc.doc_begin[sample]),
          tc.byte_begin.begin() + static_cast<std::ptrdiff_t>(tc.doc_begin[sample + 1])};
}

TEST(Samples, NormalSlicesByHand) {
  // 10 tokens, SIZE 4, OVERLAP 1: step 3, floor((10-1)/3) = 3 samples at 0, 3, 6; nothing dropped.
  const TokenCorpus tc = token_corpus_from_ids({text_of(10, 10)});
  const Samples s = make_samples(tc, spec("normal:4:1"));
  ASSERT_EQ(s.tokens.documents(), 3u);
  EXPECT_EQ(s.tokens.doc_ids, (std::vector<std::string>{"d0_1", "d0_2", "d0_3"}));
  EXPECT_EQ(positions(s, 0), (std::vector<uint64_t>{0, 1, 2, 3}));
  EXPECT_EQ(positions(s, 1), (std::vector<uint64_t>{3, 4, 5, 6}));
  EXPECT_EQ(positions(s, 2), (std::vector<uint64_t>{6, 7, 8, 9}));
  EXPECT_EQ(s.dropped_per_text, (std::vector<uint64_t>{0}));
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_EQ(s.sources[1].document, 0u);
  EXPECT_EQ(s.sources[1].first, 3u);
  EXPECT_EQ(s.sources[1].last, 6u);
  // Tokens 3 and 6 are in two samples each: counted twice.
  EXPECT_EQ(s.tokens.unigram_count[3], 2u);
  EXPECT_EQ(s.tokens.unigram_count[6], 2u);
  EXPECT_EQ(s.tokens.unigram_count[0], 1u);

  // SIZE 4, no overlap: samples at 0 and 4; tokens 8 and 9 dropped, and their types with them.
  const Samples t = make_samples(tc, spec("normal:4"));
  ASSERT_EQ(t.tokens.documents(), 2u);
  EXPECT_EQ(t.dropped_per_text, (std::vector<uint64_t>{2}));
  EXPECT_EQ(t.tokens.vocab.size(), 8u);
  EXPECT_EQ(t.tokens.vocab.back(), "7");
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_NE(t.warnings[0].find("2 token(s)"), std::string::npos) << t.warnings[0];
}

TEST(Samples, TrueRemainderWithOverlap) {
  // n = 23, SIZE 5, OVERLAP 2: step 3, floor(21/3) = 7 samples, the last ending at token 6*3+5 = 23:
  // nothing left. stylo's message would say n - 7*3 = 2.
  const Samples s = make_samples(token_corpus_from_ids({text_of(23, 5)}), spec("normal:5:2"));
  EXPECT_EQ(s.samples_per_text, (std::vector<uint64_t>{7}));
  EXPECT_EQ(s.dropped_per_text, (std::vector<uint64_t>{0}));
  // n = 25: still 7 samples (floor(23/3)), the last 2 tokens dropped.
  const Samples t = make_samples(token_corpus_from_ids({text_of(25, 5)}), spec("normal:5:2"));
  EXPECT_EQ(t.samples_per_text, (std::vector<uint64_t>{7}));
  EXPECT_EQ(t.dropped_per_text, (std::vector<uint64_t>{2}));
}

TEST(Samples, VocabularyAndCountsAreTheSamples) {
  // Every count of the result equals a recount of its tokens, and every type occurs.
  const TokenCorpus tc = token_corpus_from_ids({text_of(57, 13), text_of(40, 31), text_of(33, 7)});
  for (const char* sp : {"normal:10", "normal:10:4", "random:10:3", "random:10:3:replace"}) {
    const Samples s = make_samples(tc, spec(sp, 9));
    std::vector<uint64_t> recount(s.tokens.vocab.size(), 0);
    for (int32_t id : s.tokens.ids) ++recount[static_cast<size_t>(id)];
    EXPECT_EQ(recount, s.tokens.unigram_count) << sp;
    for (uint64_t c : recount) EXPECT_GT(c, 0u) << sp;
    // Ids still name the source's texts.
    for (uint64_t t = 0; t < s.tokens.tokens(); ++t) {
      const size_t sample = s.tokens.doc_of(t);
      const TokenCorpus& src = tc;
      const uint64_t g = src.doc_begin[s.sources[sample].document] + s.tokens.byte_begin[t];
      EXPECT_EQ(s.tokens.vocab[static_cast<size_t>(s.tokens.ids[t])], src.vocab[static_cast<size_t>(src.ids[g])]);
    }
  }
}

TEST(Samples, RandomDrawMatchesAnIndependentReplay) {
  TokenCorpus tc = token_corpus_from_ids({text_of(50, 50), text_of(1000, 50), text_of(7, 7)});
  tc.doc_ids = {"Austen_Emma", "CBronte_Jane", "tiny"};
  std::string requests;
  struct Case {
    std::string spec;
    uint64_t seed;
  };
  const std::vector<Case> cases = {{"random:7:4", 7}, {"random:7:3:replace", 123456789}, {"random:7:2", 0}};
  std::vector<std::vector<uint64_t>> got;
  for (const Case& c : cases) {
    const Samples s = make_samples(tc, spec(c.spec, c.seed));
    for (size_t i = 0; i < s.tokens.documents(); ++i) {
      const SampleSource& src = s.sources[i];
      const uint64_t k = std::stoull(s.tokens.doc_ids[i].substr(s.tokens.doc_ids[i].rfind('_') + 1));
      requests += fmt::format("{} {} {} {} {} {}\n", tc.doc_ids[src.document], c.seed, tc.doc_size(src.document), 7, k,
                              c.spec.ends_with("replace") ? 1 : 0);
      got.push_back(positions(s, i));
      EXPECT_EQ(src.first, got.back().front());
      EXPECT_EQ(src.last, got.back().back());
      if (!c.spec.ends_with("replace")) {
        for (size_t j = 1; j < got.back().size(); ++j) EXPECT_LT(got.back()[j - 1], got.back()[j]);
      }
    }
  }
  ASSERT_EQ(got.size(), 4u * 3 + 3u * 3 + 2u * 3);
  // The whole text of 7 tokens without replacement is every position.
  EXPECT_EQ(got[8], (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6}));

  testing::TempDir dir;
  testing::write_file(dir / "requests.txt", requests);
  const auto r = testing::run_shell(
      fmt::format("{} {} < {}", STYLOKIT_PYTHON,
                  testing::shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/text/reference_samples.py"),
                  testing::shell_quote((dir / "requests.txt").string())));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    ASSERT_LT(i, got.size());
    std::istringstream words(line);
    std::vector<uint64_t> want;
    for (uint64_t v; words >> v;) want.push_back(v);
    EXPECT_EQ(got[i], want) << "request " << i;
  }
  EXPECT_EQ(i, got.size());
}

TEST(Samples, RandomDrawOfATextIgnoresTheOtherTexts) {
  TokenCorpus one = token_corpus_from_ids({text_of(300, 40)});
  TokenCorpus two = token_corpus_from_ids({text_of(120, 40), text_of(300, 40)});
  one.doc_ids = {"b"};
  two.doc_ids = {"a", "b"};
  const Samples s1 = make_samples(one, spec("random:50:2", 5));
  const Samples s2 = make_samples(two, spec("random:50:2", 5));
  EXPECT_EQ(positions(s1, 0), positions(s2, 2));
  EXPECT_EQ(positions(s1, 1), positions(s2, 3));
  EXPECT_NE(positions(s1, 0), positions(s1, 1));
  EXPECT_NE(positions(make_samples(one, spec("random:50:2", 6)), 0), positions(s1, 0));
}

TEST(Samples, SameOutputForAnyThreadCount) {
  std::vector<std::vector<int32_t>> texts;
  for (size_t d = 0; d < 23; ++d) texts.push_back(text_of(200 + 37 * d, static_cast<int32_t>(5 + d)));
  const TokenCorpus tc = token_corpus_from_ids(texts);
  for (const char* sp : {"normal:50:10", "random:60:5", "random:60:5:replace"}) {
    const Samples one = make_samples(tc, spec(sp, 3, 1));
    for (int threads : {2, 4, 0}) {
      const Samples many = make_samples(tc, spec(sp, 3, threads));
      EXPECT_EQ(one.tokens.doc_ids, many.tokens.doc_ids) << sp;
      EXPECT_EQ(one.tokens.doc_begin, many.tokens.doc_begin) << sp;
      EXPECT_EQ(one.tokens.ids, many.tokens.ids) << sp << " threads " << threads;
      EXPECT_EQ(one.tokens.byte_begin, many.tokens.byte_begin) << sp;
      EXPECT_EQ(one.tokens.vocab, many.tokens.vocab) << sp;
      EXPECT_EQ(one.tokens.unigram_count, many.tokens.unigram_count) << sp;
    }
  }
}

TEST(Samples, ShortTextIsAnErrorOrKeptWhole) {
  TokenCorpus tc = token_corpus_from_ids({text_of(30, 5), text_of(8, 5)});
  tc.origin = "novels";
  tc.doc_ids = {"long", "short"};
  for (const char* sp : {"normal:10", "random:10:3"}) {
    try {
      make_samples(tc, spec(sp));
      ADD_FAILURE() << sp << ": no error";
    } catch (const DataError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("novels: short: 8 tokens, fewer than the sample size 10", 0), 0u)
          << e.what();
    }
    SampleOptions o = spec(sp);
    o.keep_short = true;
    const Samples s = make_samples(tc, o);
    EXPECT_EQ(s.tokens.doc_ids.back(), "short_1") << sp;
    EXPECT_EQ(s.tokens.doc_size(s.tokens.documents() - 1), 8u) << sp;
    EXPECT_EQ(s.short_texts, (std::vector<std::string>{"short"}));
    ASSERT_FALSE(s.warnings.empty());
    EXPECT_NE(s.warnings.back().find("kept whole as one sample each: short"), std::string::npos) << s.warnings.back();
  }
}

TEST(Samples, NoneKeepsTheCorpus) {
  const TokenCorpus tc = token_corpus_from_ids({text_of(30, 5), text_of(8, 3)});
  const Samples s = make_samples(tc, spec("none"));
  EXPECT_EQ(s.tokens.doc_ids, tc.doc_ids);
  EXPECT_EQ(s.tokens.ids, tc.ids);
  EXPECT_EQ(s.tokens.unigram_count, tc.unigram_count);
  EXPECT_EQ(s.tokens.sentence_count, tc.sentence_count);
}

TEST(Samples, RepeatedSourceIdsAreADataError) {
  // <id>_<k> is unique for unique ids (k is the part after the last '_'); repeated ids are not.
  TokenCorpus tc = token_corpus_from_ids({text_of(10, 5), text_of(10, 5), text_of(20, 5)});
  tc.doc_ids = {"a_1", "x", "a_1"};
  EXPECT_THROW(make_samples(tc, spec("normal:10")), DataError);
}

TEST(Samples, BadSpecsNameTheOption) {
  for (const char* sp : {"normal:0", "normal:10:10", "normal:10:11", "random:5", "random:5:0", "random:0:3",
                         "random:5:3:again", "foo", "normal", "normal:ten", "normal:-3", "", "normal:10:2:1"}) {
    SampleOptions o;
    try {
      parse_sample_spec(sp, o);
      ADD_FAILURE() << "'" << sp << "': no error";
    } catch (const ConfigError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("sample: ", 0), 0u) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
  }
  SampleOptions o;
  parse_sample_spec("normal:5000:1000", o);
  EXPECT_EQ(sample_spec(o), "normal:5000:1000");
  parse_sample_spec("random:5000:10:replace", o);
  EXPECT_TRUE(o.with_replacement);
  EXPECT_EQ(sample_spec(o), "random:5000:10:replace");
}

}  // namespace
}  // namespace stylokit::text
