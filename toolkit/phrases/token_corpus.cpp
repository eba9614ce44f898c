#include "toolkit/phrases/token_corpus.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::phrases {

uint32_t TokenCorpus::doc_of(uint64_t t) const {
  auto it = std::upper_bound(doc_begin.begin(), doc_begin.end(), t);
  return static_cast<uint32_t>(it - doc_begin.begin() - 1);
}

TokenCorpus build_token_corpus(const std::vector<std::string>& doc_ids,
                               const std::vector<text::TokenizedDocument>& docs) {
  STYLOKIT_ASSERT(doc_ids.size() == docs.size());
  TokenCorpus tc;
  tc.doc_ids = doc_ids;
  uint64_t total = 0;
  for (const auto& d : docs) total += d.tokens.size();
  STYLOKIT_CHECK(total < (uint64_t{1} << 31) - docs.size() - 2, DataError,
                 "phrases: {} tokens exceed the limit of 2^31 tokens per corpus", total);
  // Interning: a hash map for lookup only; ids come from the sorted distinct texts.
  std::unordered_map<std::string_view, int32_t> index;
  std::vector<std::string_view> texts;
  std::vector<int32_t> provisional;
  provisional.reserve(total);
  for (const auto& d : docs)
    for (const auto& t : d.tokens) {
      auto [it, inserted] = index.try_emplace(d.text(t), static_cast<int32_t>(texts.size()));
      if (inserted) texts.push_back(it->first);
      provisional.push_back(it->second);
    }
  std::vector<int32_t> order(texts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return texts[a] < texts[b]; });
  std::vector<int32_t> final_id(texts.size());
  tc.vocab.reserve(texts.size());
  for (size_t r = 0; r < order.size(); ++r) {
    final_id[order[r]] = static_cast<int32_t>(r);
    tc.vocab.emplace_back(texts[order[r]]);
  }
  tc.ids.resize(total);
  tc.byte_begin.resize(total);
  tc.byte_end.resize(total);
  tc.sentence.resize(total);
  tc.unigram_count.assign(tc.vocab.size(), 0);
  tc.doc_begin.reserve(docs.size() + 1);
  uint64_t k = 0;
  for (const auto& d : docs) {
    tc.doc_begin.push_back(k);
    for (const auto& t : d.tokens) {
      const int32_t id = final_id[provisional[k]];
      tc.ids[k] = id;
      ++tc.unigram_count[id];
      tc.byte_begin[k] = t.begin;
      tc.byte_end[k] = t.end;
      tc.sentence[k] = t.sentence;
      ++k;
    }
  }
  tc.doc_begin.push_back(k);
  return tc;
}

TokenCorpus build_token_corpus(const Corpus& corpus, const text::Tokenizer& tokenizer, unsigned threads) {
  const size_t n = corpus.size();
  const int workers = resolve_thread_count(static_cast<int>(threads));
  std::vector<text::TokenizedDocument> docs(n);
  std::vector<std::optional<text::Tokenizer>> local(worker_count(n, workers));  // one per worker
  parallel_for_workers(n, workers, [&](size_t i, size_t w) {
    if (!local[w]) local[w].emplace(tokenizer);
    docs[i] = local[w]->tokenize(corpus.documents[i]);
  });
  std::vector<std::string> ids;
  ids.reserve(n);
  for (const auto& d : corpus.documents) ids.push_back(d.id);
  return build_token_corpus(ids, docs);
}

TokenCorpus token_corpus_from_ids(const std::vector<std::vector<int32_t>>& docs) {
  TokenCorpus tc;
  int32_t max_id = -1;
  uint64_t k = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    tc.doc_ids.push_back(fmt::format("d{}", d));
    tc.doc_begin.push_back(k);
    for (size_t i = 0; i < docs[d].size(); ++i) {
      const int32_t id = docs[d][i];
      STYLOKIT_CHECK(id >= 0, ConfigError, "token_corpus_from_ids: negative id {}", id);
      tc.ids.push_back(id);
      tc.byte_begin.push_back(i);
      tc.byte_end.push_back(i + 1);
      tc.sentence.push_back(0);
      max_id = std::max(max_id, id);
      ++k;
    }
  }
  tc.doc_begin.push_back(k);
  tc.vocab.resize(static_cast<size_t>(max_id + 1));
  for (int32_t i = 0; i <= max_id; ++i) tc.vocab[i] = std::to_string(i);
  tc.unigram_count.assign(tc.vocab.size(), 0);
  for (int32_t id : tc.ids) ++tc.unigram_count[id];
  return tc;
}

void mark_stop_words(TokenCorpus& tc, const text::StopWords& stop_words) {
  tc.is_stop.assign(tc.vocab.size(), 0);
  for (size_t i = 0; i < tc.vocab.size(); ++i) tc.is_stop[i] = stop_words.contains(tc.vocab[i]) ? 1 : 0;
}

std::string phrase_text(const TokenCorpus& tc, const int32_t* ids, size_t length) {
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    if (i) out += ' ';
    out += tc.vocab[ids[i]];
  }
  return out;
}

}  // namespace stylokit::phrases
