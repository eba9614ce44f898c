#pragma once
// A whole corpus tokenized once, for every stage that reads tokens (phrases, features).
//
// Data contract. A TokenCorpus is the whole corpus as token ids, one document after
// another: ids[doc_begin[d] .. doc_begin[d+1]) are document d's tokens in text order, with
// their byte spans into that document's raw bytes (so KWIC lines and aligned passages slice
// the original files exactly) and their sentence indices. Ids index `vocab`, the sorted
// (byte order) distinct normalised token texts, so ids are deterministic and id order is
// text order; vocab[ids[k]] is exactly the normalised text the Tokenizer gave token k.
// Documents without tokens are kept (they simply hold no phrases and no terms).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"
#include "toolkit/text/stylo_tokenizer.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::text {

class StopWords;

struct TokenCorpus {
  std::vector<std::string> doc_ids;  // one per document, corpus order
  std::vector<uint64_t> doc_begin;   // size documents + 1: first token of each document
  std::vector<int32_t> ids;          // token ids into vocab
  std::vector<uint64_t> byte_begin;  // byte span of each token in its document's raw bytes
  std::vector<uint64_t> byte_end;
  std::vector<uint32_t> sentence;           // sentence index within its document
  std::vector<std::string> vocab;           // id -> normalised text, sorted
  std::vector<uint64_t> unigram_count;      // id -> occurrences in the corpus
  std::vector<uint8_t> is_stop;             // id -> 1 when a stop word (empty: no list given)
  std::vector<uint32_t> sentence_count;     // per document: TokenizedDocument::sentence_count
  std::string origin;                       // the corpus it came from (Corpus::origin), for messages
  std::optional<TextOptions> text_options;  // the tokenizer's options, when built from a Corpus
                                            // by build_token_corpus (stages check theirs match)

  // The stylo tokenizer's options instead, when built with a StyloTokenizer.
  std::optional<StyloOptions> stylo_options;

  size_t documents() const { return doc_ids.size(); }
  uint64_t tokens() const { return ids.size(); }
  uint64_t doc_size(size_t d) const { return doc_begin[d + 1] - doc_begin[d]; }
  // Document holding global token index `t`. O(log documents).
  uint32_t doc_of(uint64_t t) const;
};

// Tokenizes every document (in parallel, one Tokenizer copy per thread; `threads` 0 = all
// cores) and interns the normalised texts. Output is identical for any thread count.
// O(total bytes + T log V); besides the result, 24 bytes a token while it runs (each document
// is reduced as soon as it is tokenized). Sets origin and text_options. Throws what the
// tokenizer throws.
TokenCorpus build_token_corpus(const Corpus& corpus, const Tokenizer& tokenizer, int threads = 0);
// The same with stylo's tokenizer (stylo_tokenizer.h); sets stylo_options, not text_options.
TokenCorpus build_token_corpus(const Corpus& corpus, const StyloTokenizer& tokenizer, int threads = 0);

// Same from documents already tokenized (doc_ids.size() == docs.size()); origin and
// text_options are left empty (the tokenizer is not known here).
TokenCorpus build_token_corpus(const std::vector<std::string>& doc_ids, const std::vector<TokenizedDocument>& docs);

// A corpus straight from id sequences (tests, benchmarks): vocab[i] = decimal i (so here
// id order is numeric, not text order), byte spans = token indices, document ids "d0",
// "d1", ..., one sentence per document with tokens. Throws ConfigError for a negative id.
TokenCorpus token_corpus_from_ids(const std::vector<std::vector<int32_t>>& docs);

// Marks stop words (is_stop) from a list normalised like the tokens.
void mark_stop_words(TokenCorpus& tc, const StopWords& stop_words);

// The normalised texts of ids[0 .. length) joined by single spaces.
std::string phrase_text(const TokenCorpus& tc, const int32_t* ids, size_t length);

}  // namespace stylokit::text
