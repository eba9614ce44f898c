#include "toolkit/text/token_corpus.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <fmt/format.h>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::text {

namespace {

// One document reduced to what a TokenCorpus keeps, with ids local to the vocabulary it was
// interned into: 24 bytes a token, against ~50 for a TokenizedDocument (32-byte tokens in a
// vector grown by doubling, plus the normalised texts).
struct CompactDoc {
  std::vector<int32_t> local;  // ids into vocabularies[vocabulary]
  std::vector<uint64_t> byte_begin, byte_end;
  std::vector<uint32_t> sentence;
  uint32_t sentence_count = 0;
  uint32_t vocabulary = 0;
};

// Distinct normalised texts, in first-seen order. Looked up by string_view, so a known token
// costs no string.
struct LocalVocabulary {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> index;
  std::vector<const std::string*> texts;  // keys of `index` (nodes do not move)
  int32_t intern(std::string_view text) {
    if (const auto it = index.find(text); it != index.end()) return it->second;
    const auto it = index.emplace(std::string(text), static_cast<int32_t>(texts.size())).first;
    texts.push_back(&it->first);
    return it->second;
  }
};

CompactDoc compact(const TokenizedDocument& td, std::vector<LocalVocabulary>& vocabularies, uint32_t v) {
  CompactDoc d;
  const size_t m = td.tokens.size();
  d.vocabulary = v;
  d.sentence_count = td.sentence_count;
  d.local.resize(m);
  d.byte_begin.resize(m);
  d.byte_end.resize(m);
  d.sentence.resize(m);
  for (size_t k = 0; k < m; ++k) {
    const Token& t = td.tokens[k];
    d.local[k] = vocabularies[v].intern(td.text(t));
    d.byte_begin[k] = t.begin;
    d.byte_end[k] = t.end;
    d.sentence[k] = t.sentence;
  }
  return d;
}

// The corpus from compact documents: ids are the ranks of the sorted union of the
// vocabularies' texts, so they do not depend on how documents were spread over them.
// Consumes `docs` (each freed once copied) and `vocabularies`.
TokenCorpus assemble(std::vector<std::string> doc_ids, std::vector<CompactDoc>& docs,
                     std::vector<LocalVocabulary>& vocabularies) {
  TokenCorpus tc;
  tc.doc_ids = std::move(doc_ids);
  uint64_t total = 0;
  for (const auto& d : docs) total += d.local.size();
  // Token positions, separators and the sentinel must fit the index's 32-bit positions.
  STYLOKIT_CHECK(total < (uint64_t{1} << 31) - docs.size() - 2, DataError,
                 "phrases: {} tokens exceed the limit of 2^31 tokens per corpus", total);

  std::vector<std::string_view> all;
  for (const auto& v : vocabularies)
    for (const std::string* t : v.texts) all.emplace_back(*t);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  tc.vocab.assign(all.begin(), all.end());
  std::vector<std::vector<int32_t>> to_final(vocabularies.size());
  for (size_t v = 0; v < vocabularies.size(); ++v) {
    to_final[v].resize(vocabularies[v].texts.size());
    for (size_t l = 0; l < vocabularies[v].texts.size(); ++l)
      to_final[v][l] =
          static_cast<int32_t>(std::lower_bound(all.begin(), all.end(), *vocabularies[v].texts[l]) - all.begin());
  }
  all = {};
  vocabularies = {};

  tc.ids.resize(total);
  tc.byte_begin.resize(total);
  tc.byte_end.resize(total);
  tc.sentence.resize(total);
  tc.unigram_count.assign(tc.vocab.size(), 0);
  tc.doc_begin.reserve(docs.size() + 1);
  tc.sentence_count.reserve(docs.size());
  uint64_t k = 0;
  for (CompactDoc& d : docs) {
    tc.doc_begin.push_back(k);
    tc.sentence_count.push_back(d.sentence_count);
    const std::vector<int32_t>& map = to_final[d.vocabulary];
    for (size_t i = 0; i < d.local.size(); ++i) {
      const int32_t id = map[static_cast<size_t>(d.local[i])];
      tc.ids[k + i] = id;
      ++tc.unigram_count[static_cast<size_t>(id)];
    }
    std::copy(d.byte_begin.begin(), d.byte_begin.end(), tc.byte_begin.begin() + static_cast<std::ptrdiff_t>(k));
    std::copy(d.byte_end.begin(), d.byte_end.end(), tc.byte_end.begin() + static_cast<std::ptrdiff_t>(k));
    std::copy(d.sentence.begin(), d.sentence.end(), tc.sentence.begin() + static_cast<std::ptrdiff_t>(k));
    k += d.local.size();
    d = CompactDoc();  // its memory can take the next allocations
  }
  tc.doc_begin.push_back(k);
  docs = {};
#ifdef __GLIBC__
  // On large corpora the compact documents come to a gigabyte of small heap blocks. The launcher
  // tells malloc to keep freed memory (fast reuse), but nothing that follows reuses these
  // blocks once the index's N-word arrays are above glibc's largest mmap threshold (32 MB):
  // those are mapped afresh. Then hand the blocks back, so that the peak is not their size on
  // top of the index's. Below that, the index's arrays can take them: keep them.
  if (total * sizeof(int32_t) > (size_t{32} << 20)) malloc_trim(0);
#endif
  return tc;
}

}  // namespace

uint32_t TokenCorpus::doc_of(uint64_t t) const {
  auto it = std::upper_bound(doc_begin.begin(), doc_begin.end(), t);
  return static_cast<uint32_t>(it - doc_begin.begin() - 1);
}

TokenCorpus build_token_corpus(const std::vector<std::string>& doc_ids, const std::vector<TokenizedDocument>& docs) {
  STYLOKIT_ASSERT(doc_ids.size() == docs.size());
  std::vector<LocalVocabulary> vocabularies(1);
  std::vector<CompactDoc> compact_docs;
  compact_docs.reserve(docs.size());
  for (const auto& d : docs) compact_docs.push_back(compact(d, vocabularies, 0));
  return assemble(doc_ids, compact_docs, vocabularies);
}

namespace {

template <class Tok>
TokenCorpus build_with(const Corpus& corpus, const Tok& tokenizer, int threads) {
  // Each worker tokenizes and interns into its own vocabulary at once, so that the documents'
  // full tokenizations never coexist; assemble() gives the same ids for any thread count.
  const size_t n = corpus.size();
  const int workers = resolve_thread_count(threads);
  std::vector<CompactDoc> docs(n);
  std::vector<std::optional<Tok>> local(worker_count(n, workers));  // one per worker
  std::vector<LocalVocabulary> vocabularies(local.size());
  Progress progress("tokenizing", n, "documents");
  parallel_for_workers(n, workers, [&](size_t i, size_t w) {
    if (!local[w]) local[w].emplace(tokenizer);
    docs[i] = compact(local[w]->tokenize(corpus.documents[i]), vocabularies, static_cast<uint32_t>(w));
    progress.add();
  });
  TokenCorpus tc = assemble(corpus.ids(), docs, vocabularies);
  tc.origin = corpus.origin;
  return tc;
}

}  // namespace

TokenCorpus build_token_corpus(const Corpus& corpus, const Tokenizer& tokenizer, int threads) {
  TokenCorpus tc = build_with(corpus, tokenizer, threads);
  tc.text_options = tokenizer.options();
  return tc;
}

TokenCorpus build_token_corpus(const Corpus& corpus, const StyloTokenizer& tokenizer, int threads) {
  TokenCorpus tc = build_with(corpus, tokenizer, threads);
  tc.stylo_options = tokenizer.options();
  return tc;
}

TokenCorpus token_corpus_from_ids(const std::vector<std::vector<int32_t>>& docs) {
  TokenCorpus tc;
  int32_t max_id = -1;
  uint64_t k = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    tc.doc_ids.push_back(fmt::format("d{}", d));
    tc.doc_begin.push_back(k);
    tc.sentence_count.push_back(docs[d].empty() ? 0 : 1);
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

void mark_stop_words(TokenCorpus& tc, const StopWords& stop_words) {
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

}  // namespace stylokit::text
