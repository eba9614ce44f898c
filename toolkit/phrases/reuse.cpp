#include "toolkit/phrases/reuse.h"

#include "toolkit/corpus/excerpt.h"

#include <fmt/format.h>

#include "toolkit/common/csv.h"

#include <algorithm>
#include <exception>
#include <span>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/common/random.h"

namespace stylokit::phrases {

namespace {

// (hash, doc) of every distinct unmasked n-gram of every document, sorted.
std::vector<std::pair<uint64_t, uint32_t>> doc_ngrams(const text::TokenCorpus& tc, const std::vector<int32_t>& ids,
                                                      uint32_t n) {
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  for (uint32_t d = 0; d < tc.documents(); ++d) {
    const uint64_t b = tc.doc_begin[d], e = tc.doc_begin[d + 1];
    const size_t first = keys.size();
    for (uint64_t p = b; p + n <= e; ++p) {
      const std::span<const int32_t> gram(ids.data() + p, n);
      if (std::none_of(gram.begin(), gram.end(), [](int32_t id) { return id < 0; }))
        keys.emplace_back(hash_ids(gram), d);
    }
    std::sort(keys.begin() + static_cast<int64_t>(first), keys.end());
    keys.erase(std::unique(keys.begin() + static_cast<int64_t>(first), keys.end()), keys.end());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<ReusePassage> with_bytes(const text::TokenCorpus& tc, uint32_t da, uint32_t db,
                                     const std::vector<TokenPassage>& tp) {
  std::vector<ReusePassage> out;
  const uint64_t ba = tc.doc_begin[da], bb = tc.doc_begin[db];
  for (const TokenPassage& p : tp) {
    ReusePassage r;
    r.doc_a = da, r.doc_b = db, r.tokens = p;
    r.a_start = tc.byte_begin[ba + p.a_begin];
    r.a_end = tc.byte_end[ba + p.a_end - 1];
    r.b_start = tc.byte_begin[bb + p.b_begin];
    r.b_end = tc.byte_end[bb + p.b_end - 1];
    out.push_back(r);
  }
  return out;
}

std::span<const int32_t> doc_span(const text::TokenCorpus& tc, const std::vector<int32_t>& ids, uint32_t d) {
  return std::span<const int32_t>(ids).subspan(tc.doc_begin[d], tc.doc_size(d));
}

}  // namespace

std::vector<ReusePassage> align_documents(const text::TokenCorpus& tc, uint32_t doc_a, uint32_t doc_b,
                                          const AlignOptions& options) {
  STYLOKIT_CHECK(doc_a < tc.documents() && doc_b < tc.documents(), ConfigError, "align: document index out of range");
  return with_bytes(tc, doc_a, doc_b, align_tokens(doc_span(tc, tc.ids, doc_a), doc_span(tc, tc.ids, doc_b), options));
}

ReuseResult find_reuse(const text::TokenCorpus& tc, const ReuseOptions& o) {
  validate(o.align);
  STYLOKIT_CHECK(o.ngram >= 1, ConfigError, "reuse: --ngram must be at least 1");
  STYLOKIT_CHECK(o.min_shared >= 1, ConfigError, "reuse: --min-shared must be at least 1");
  STYLOKIT_CHECK(o.mask_df != 1, ConfigError, "reuse: --mask-df 1 would mask every n-gram; use 0 (off) or >= 2");
  resolve_thread_count(o.threads);  // a negative count fails here, before any work
  ReuseResult result;
  const uint32_t max_df = o.max_df ? o.max_df : std::max<uint32_t>(5, static_cast<uint32_t>(tc.documents() / 1000));

  std::vector<int32_t> ids = tc.ids;
  if (o.mask_df >= 2) {
    const auto keys = doc_ngrams(tc, ids, o.ngram);
    std::vector<uint64_t> frequent;  // hashes of n-grams in >= mask_df documents, sorted
    for (size_t x = 0; x < keys.size();) {
      size_t y = x;
      while (y < keys.size() && keys[y].first == keys[x].first) ++y;
      if (y - x >= o.mask_df) frequent.push_back(keys[x].first);
      x = y;
    }
    std::vector<uint8_t> mask(ids.size(), 0);
    for (uint32_t d = 0; d < tc.documents(); ++d)
      for (uint64_t p = tc.doc_begin[d]; p + o.ngram <= tc.doc_begin[d + 1]; ++p) {
        const uint64_t h = hash_ids(std::span<const int32_t>(tc.ids.data() + p, o.ngram));
        if (std::binary_search(frequent.begin(), frequent.end(), h))
          std::fill(mask.begin() + static_cast<int64_t>(p), mask.begin() + static_cast<int64_t>(p + o.ngram), 1);
      }
    for (size_t t = 0; t < ids.size(); ++t)
      if (mask[t]) ids[t] = -1, ++result.masked_tokens;
  }

  // Candidate pairs: every pair of documents sharing a rare n-gram gets a vote per n-gram.
  const auto keys = doc_ngrams(tc, ids, o.ngram);
  std::vector<uint64_t> votes;
  for (size_t x = 0; x < keys.size();) {
    size_t y = x;
    while (y < keys.size() && keys[y].first == keys[x].first) ++y;
    if (y - x >= 2 && y - x <= max_df)
      for (size_t p = x; p < y; ++p)
        for (size_t q = p + 1; q < y; ++q) votes.push_back((uint64_t{keys[p].second} << 32) | keys[q].second);
    x = y;
  }
  std::sort(votes.begin(), votes.end());
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t x = 0; x < votes.size();) {
    size_t y = x;
    while (y < votes.size() && votes[y] == votes[x]) ++y;
    if (y - x >= o.min_shared)
      pairs.emplace_back(static_cast<uint32_t>(votes[x] >> 32), static_cast<uint32_t>(votes[x]));
    x = y;
  }
  result.candidate_pairs = pairs.size();

  std::vector<std::vector<ReusePassage>> per_pair(pairs.size());
  Progress progress("aligning", pairs.size(), "pairs");
  parallel_for(pairs.size(), o.threads, [&](size_t k) {
    const auto [da, db] = pairs[k];
    per_pair[k] = with_bytes(tc, da, db, align_tokens(doc_span(tc, ids, da), doc_span(tc, ids, db), o.align));
    progress.add();
  });
  for (auto& v : per_pair)
    for (auto& p : v) result.passages.push_back(p);
  return result;  // pairs are sorted and each pair's passages by (a, b): already in order
}

std::string reuse_csv(const Corpus& corpus, const ReuseResult& result) {
  std::string csv;
  append_csv_row(csv, {"doc_a", "doc_b", "a_start", "a_end", "b_start", "b_end", "score", "a_tokens", "b_tokens",
                       "matches", "a_text", "b_text"});
  for (const auto& p : result.passages) {
    const Document& a = corpus.documents[p.doc_a];
    const Document& b = corpus.documents[p.doc_b];
    // Spans into the files the documents were read from (the same numbers for UTF-8 files).
    append_csv_row(csv, {a.id, b.id, std::to_string(a.file_offset(p.a_start)), std::to_string(a.file_offset(p.a_end)),
                         std::to_string(b.file_offset(p.b_start)), std::to_string(b.file_offset(p.b_end)),
                         fmt::format("{:.17g}", p.tokens.score), std::to_string(p.tokens.a_end - p.tokens.a_begin),
                         std::to_string(p.tokens.b_end - p.tokens.b_begin), std::to_string(p.tokens.matches),
                         excerpt(a, p.a_start, p.a_end), excerpt(b, p.b_start, p.b_end)});
  }
  return csv;
}

}  // namespace stylokit::phrases
