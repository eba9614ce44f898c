// The token corpus (toolkit/text/token_corpus.h): the parallel build against the sequential
// one, and the per-document sentence counts it keeps.

#include "toolkit/text/token_corpus.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "toolkit/corpus/loaders.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::text {
namespace {

TEST(TokenCorpus, ParallelBuildEqualsTheTokenizedOverload) {
  // The corpus overload interns inside the tokenizing workers; whatever the thread count it
  // gives what tokenizing every document first and building from the tokenizations gives:
  // the same vocabulary (sorted texts), ids, byte spans, sentences and counts. Documents in
  // several scripts, an empty one and one without tokens, over the letters.
  Corpus corpus = load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters");
  const std::vector<std::string> extra = {"Ünïcödé wörds, Straße and STRASSE.\nΚαλημέρα κόσμε. Привет, мир!", "",
                                          "... --- !!!",
                                          "Zebra apple zebra. Apple? zebra!\n\nNew paragraph: apple pie, apple tart."};
  for (size_t i = 0; i < extra.size(); ++i) {
    Document d;
    d.id = "extra" + std::to_string(i);
    d.raw = extra[i];
    d.kept = {{0, d.raw.size()}};
    corpus.documents.push_back(std::move(d));
  }
  Tokenizer tokenizer;
  std::vector<std::string> ids;
  std::vector<TokenizedDocument> tokenized;
  for (const auto& d : corpus.documents) {
    ids.push_back(d.id);
    tokenized.push_back(tokenizer.tokenize(d));
  }
  const TokenCorpus want = build_token_corpus(ids, tokenized);
  ASSERT_GT(want.vocab.size(), 500u);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    const TokenCorpus got = build_token_corpus(corpus, tokenizer, threads);
    EXPECT_EQ(got.doc_ids, want.doc_ids) << threads;
    EXPECT_EQ(got.doc_begin, want.doc_begin) << threads;
    EXPECT_EQ(got.vocab, want.vocab) << threads;
    EXPECT_EQ(got.ids, want.ids) << threads;
    EXPECT_EQ(got.byte_begin, want.byte_begin) << threads;
    EXPECT_EQ(got.byte_end, want.byte_end) << threads;
    EXPECT_EQ(got.sentence, want.sentence) << threads;
    EXPECT_EQ(got.unigram_count, want.unigram_count) << threads;
    EXPECT_EQ(got.sentence_count, want.sentence_count) << threads;
    EXPECT_EQ(got.origin, corpus.origin) << threads;
    EXPECT_EQ(got.text_options, tokenizer.options()) << threads;
  }
  // Each document's sentence count is the tokenizer's.
  ASSERT_EQ(want.sentence_count.size(), corpus.size());
  for (size_t d = 0; d < corpus.size(); ++d)
    EXPECT_EQ(want.sentence_count[d], tokenized[d].sentence_count) << corpus.documents[d].id;
}

// Sentence counts by hand: two sentences, none in an empty document, one of only dots.
TEST(TokenCorpus, SentenceCountPerDocument) {
  Tokenizer tokenizer;
  const std::vector<std::string> texts = {"One sentence here. And a second one!", "", "Just one"};
  std::vector<TokenizedDocument> docs;
  for (const auto& t : texts) docs.push_back(tokenizer.tokenize(t));
  const TokenCorpus tc = build_token_corpus({"a", "b", "c"}, docs);
  EXPECT_EQ(tc.sentence_count, (std::vector<uint32_t>{2, 0, 1}));
  EXPECT_FALSE(tc.text_options.has_value());
  EXPECT_EQ(token_corpus_from_ids({{1, 2}, {}}).sentence_count, (std::vector<uint32_t>{1, 0}));
}

}  // namespace
}  // namespace stylokit::text
