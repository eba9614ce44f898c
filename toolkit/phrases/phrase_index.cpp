#include "toolkit/phrases/phrase_index.h"

#include <algorithm>

#include "toolkit/common/error.h"
#include "toolkit/phrases/suffix_array.h"

namespace stylokit::phrases {

namespace {
constexpr int32_t kSentinel = 0;
constexpr int32_t kSeparator = 1;
constexpr int32_t kShift = 2;
constexpr uint32_t kUnboundedFrom = 1u << 30;  // max_phrase_len from here on: full suffix array
}  // namespace

PhraseIndex::PhraseIndex(const TokenCorpus& corpus, IndexOptions options) : corpus_(corpus), options_(options) {
  const uint64_t n_tokens = corpus.tokens();
  uint64_t n_sep = corpus.documents();
  if (options.split_sentences)
    for (uint64_t t = 0; t + 1 < n_tokens; ++t)
      if (corpus.sentence[t + 1] != corpus.sentence[t]) ++n_sep;
  const uint64_t n = n_tokens + n_sep + 1;
  STYLOKIT_CHECK(n < (uint64_t{1} << 31) - 1, DataError,
                 "phrases: corpus of {} tokens is too large for one index (limit 2^31 - 2 symbols)", n_tokens);
  std::vector<uint32_t> seq_doc;  // sequence position -> document, until sa_doc_ is built
  seq_.reserve(n);
  advise_huge_pages(seq_.data(), n * sizeof(int32_t));
  seq_to_token_.reserve(n);
  advise_huge_pages(seq_to_token_.data(), n * sizeof(int32_t));
  seq_doc.reserve(n);
  advise_huge_pages(seq_doc.data(), n * sizeof(uint32_t));
  for (size_t d = 0; d < corpus.documents(); ++d) {
    for (uint64_t t = corpus.doc_begin[d]; t < corpus.doc_begin[d + 1]; ++t) {
      if (options.split_sentences && t > corpus.doc_begin[d] && corpus.sentence[t] != corpus.sentence[t - 1]) {
        seq_.push_back(kSeparator);
        seq_to_token_.push_back(-1);
        seq_doc.push_back(static_cast<uint32_t>(d));
      }
      seq_.push_back(corpus.ids[t] + kShift);
      seq_to_token_.push_back(static_cast<int32_t>(t));
      seq_doc.push_back(static_cast<uint32_t>(d));
    }
    seq_.push_back(kSeparator);
    seq_to_token_.push_back(-1);
    seq_doc.push_back(static_cast<uint32_t>(d));
  }
  seq_.push_back(kSentinel);
  seq_to_token_.push_back(-1);
  seq_doc.push_back(0);
  const int32_t alphabet = static_cast<int32_t>(corpus.vocab.size()) + kShift;
  if (options.max_phrase_len == 0 || options.max_phrase_len >= kUnboundedFrom) {
    sa_ = build_suffix_array(seq_, alphabet);
    lcp_ = build_lcp(seq_, sa_, kSeparator);
  } else {
    depth_ = options.max_phrase_len + 1;
    sa_ = build_bounded_suffix_array(seq_, alphabet, kSeparator, depth_);
    lcp_ = build_capped_lcp(seq_, sa_, kSeparator, depth_);
  }
  // One random-access pass here lets mine() read documents and left contexts in SA order.
  // left_differs_[k]: suffixes SA[k-1] and SA[k] do not share a proper left token
  // (different, or either starts a document/sentence).
  sa_doc_ = huge_vector<uint32_t>(sa_.size());
  left_differs_ = huge_vector<uint8_t>(sa_.size());
  int32_t prev_left = kSeparator;
  for (size_t k = 0; k < sa_.size(); ++k) {
    if (k + 16 < sa_.size()) {
      prefetch(&seq_doc[sa_[k + 16]]);
      prefetch(&seq_[sa_[k + 16]]);
    }
    const int32_t pos = sa_[k];
    sa_doc_[k] = seq_doc[pos];
    const int32_t left = pos == 0 ? kSeparator : seq_[pos - 1];
    left_differs_[k] = k > 0 && (left <= kSeparator || prev_left <= kSeparator || left != prev_left);
    prev_left = left;
  }
}

uint64_t PhraseIndex::token_at(int32_t seq_pos) const { return static_cast<uint64_t>(seq_to_token_[seq_pos]); }

std::vector<Phrase> PhraseIndex::mine(const MineOptions& o) const {
  STYLOKIT_CHECK(o.min_len >= 1, ConfigError, "phrases: --min-len must be at least 1 (got {})", o.min_len);
  STYLOKIT_CHECK(o.max_len >= o.min_len, ConfigError, "phrases: --min-len {} is above --max-len {}", o.min_len,
                 o.max_len);
  STYLOKIT_CHECK(o.min_count >= 2, ConfigError, "phrases: --min-count must be at least 2 (got {})", o.min_count);
  STYLOKIT_CHECK(depth_ == 0 || o.max_len < depth_, ConfigError,
                 "phrases: --max-len {} is above the {} tokens the index was built for (IndexOptions::max_phrase_len)",
                 o.max_len, depth_ - 1);
  const auto n = static_cast<int32_t>(seq_.size());
  const bool stop_filter = o.skip_stop_only && !corpus_.is_stop.empty();

  // An interval [lb, rb] is left-maximal iff left_differs_[k] for some k in (lb, rb]; a
  // running count of such positions answers that in O(1).
  struct Frame {
    int32_t lcp, lb;
    int64_t bad_at_lb;
  };
  // Phase 1 (one sequential pass over the SA): compact records of the phrases that pass the
  // filters. No Phrase is built here, so the records sort cheaply and the Phrase objects
  // are made once, in output order.
  struct Found {
    uint32_t count, len;
    int32_t lb, first;  // SA interval start; sequence position of one occurrence
  };
  std::vector<Frame> stack;
  stack.push_back({0, 0, 0});
  std::vector<Found> found;
  std::vector<uint32_t> stamp(corpus_.documents(), UINT32_MAX);  // last interval that saw each document
  uint32_t interval_id = 0;
  int64_t bad_count = 0;  // bad positions in (0, i-1]
  // Distinct documents of SA[lb .. lb + count), appended to `docs` when given (unsorted).
  auto distinct_docs = [&](int32_t lb, uint32_t count, std::vector<uint32_t>* docs) {
    ++interval_id;
    uint32_t distinct = 0;
    for (int32_t k = lb, end = lb + static_cast<int32_t>(count); k < end; ++k) {
      const uint32_t d = sa_doc_[k];
      if (stamp[d] != interval_id) {
        stamp[d] = interval_id, ++distinct;
        if (docs) docs->push_back(d);
      }
    }
    return distinct;
  };

  auto report = [&](int32_t len, int32_t lb, int32_t rb) {
    const auto count = static_cast<uint32_t>(rb - lb + 1);
    if (len < static_cast<int32_t>(o.min_len) || len > static_cast<int32_t>(o.max_len) || count < o.min_count) return;
    const int32_t first = sa_[lb];
    if (stop_filter) {
      bool all_stop = true;
      for (int32_t i = 0; i < len && all_stop; ++i) all_stop = corpus_.is_stop[seq_[first + i] - kShift] != 0;
      if (all_stop) return;
    }
    if (o.min_docs > 1 && distinct_docs(lb, count, nullptr) < o.min_docs) return;
    found.push_back({count, static_cast<uint32_t>(len), lb, first});
  };

  for (int32_t i = 1; i <= n; ++i) {
    const int32_t cur = i < n ? lcp_[i] : 0;
    int32_t lb = i - 1;
    int64_t bad_lb = bad_count;
    while (cur < stack.back().lcp) {
      const Frame f = stack.back();
      stack.pop_back();
      if (bad_count - f.bad_at_lb > 0) report(f.lcp, f.lb, i - 1);
      lb = f.lb;
      bad_lb = f.bad_at_lb;
    }
    if (cur > stack.back().lcp) stack.push_back({cur, lb, bad_lb});
    if (i < n && left_differs_[i]) ++bad_count;
  }

  // Phase 2: order by count desc, length desc, then SA interval start — for phrases of
  // equal length, the SA order of their intervals is the order of their token sequences
  // (the suffixes are sorted at least max_len + 1 deep). (count, length, lb) is unique.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.len != b.len) return a.len > b.len;
    return a.lb < b.lb;
  });

  // Phase 3: the Phrase objects, in output order. Each needs one random read of the
  // sequence and one of the SA documents, prefetched a few phrases ahead.
  std::vector<Phrase> out(found.size());
  std::vector<uint32_t> docs_scratch;
  constexpr size_t kAhead = 8;
  for (size_t r = 0; r < found.size(); ++r) {
    if (r + kAhead < found.size()) {
      prefetch(&seq_[found[r + kAhead].first]);
      prefetch(&sa_doc_[found[r + kAhead].lb]);
    }
    const Found& f = found[r];
    Phrase& p = out[r];
    p.count = f.count;
    p.tokens.resize(f.len);
    const int32_t* first = &seq_[f.first];
    for (uint32_t i = 0; i < f.len; ++i) p.tokens[i] = first[i] - kShift;
    docs_scratch.clear();  // then one exact-size allocation, no growth
    distinct_docs(f.lb, f.count, &docs_scratch);
    std::sort(docs_scratch.begin(), docs_scratch.end());
    p.docs.assign(docs_scratch.begin(), docs_scratch.end());
    if (o.keep_occurrences) {
      p.occurrences.reserve(f.count);
      for (int32_t k = f.lb; k < f.lb + static_cast<int32_t>(f.count); ++k)
        p.occurrences.push_back({sa_doc_[k], token_at(sa_[k])});
      std::sort(p.occurrences.begin(), p.occurrences.end(),
                [](const Occurrence& a, const Occurrence& b) { return a.token < b.token; });
    }
  }
  return out;
}

std::pair<int32_t, int32_t> PhraseIndex::range(std::span<const int32_t> tokens) const {
  int32_t lo = 0, hi = static_cast<int32_t>(sa_.size());
  // Narrow symbol by symbol: suffixes whose d-th symbol equals tokens[d] + kShift.
  for (size_t d = 0; d < tokens.size() && lo < hi; ++d) {
    const int32_t c = tokens[d] + kShift;
    auto sym = [&](int32_t k) {
      const int64_t p = static_cast<int64_t>(sa_[k]) + static_cast<int64_t>(d);
      return p < static_cast<int64_t>(seq_.size()) ? seq_[p] : -1;
    };
    int32_t a = lo, b = hi;
    while (a < b) {
      const int32_t m = a + (b - a) / 2;
      if (sym(m) < c) a = m + 1; else b = m;
    }
    int32_t e = a, f = hi;
    while (e < f) {
      const int32_t m = e + (f - e) / 2;
      if (sym(m) <= c) e = m + 1; else f = m;
    }
    lo = a;
    hi = e;
  }
  return {lo, hi};
}

bool PhraseIndex::matches_at(int32_t seq_pos, std::span<const int32_t> tokens) const {
  for (size_t d = 0; d < tokens.size(); ++d) {
    const size_t p = static_cast<size_t>(seq_pos) + d;
    if (p >= seq_.size() || seq_[p] != tokens[d] + kShift) return false;
  }
  return true;
}

uint64_t PhraseIndex::count(std::span<const int32_t> tokens) const {
  if (tokens.empty()) return 0;
  for (int32_t t : tokens)
    if (t < 0 || t >= static_cast<int32_t>(corpus_.vocab.size())) return 0;
  if (depth_ != 0 && tokens.size() > depth_) {  // beyond the sort depth: check each candidate
    auto [lo, hi] = range(tokens.first(depth_));
    uint64_t c = 0;
    for (int32_t k = lo; k < hi; ++k) c += matches_at(sa_[k], tokens) ? 1 : 0;
    return c;
  }
  auto [lo, hi] = range(tokens);
  return static_cast<uint64_t>(hi - lo);
}

std::vector<uint64_t> PhraseIndex::find(std::span<const int32_t> tokens) const {
  std::vector<uint64_t> out;
  if (count(tokens) == 0) return out;
  const bool beyond = depth_ != 0 && tokens.size() > depth_;
  auto [lo, hi] = range(beyond ? tokens.first(depth_) : tokens);
  for (int32_t k = lo; k < hi; ++k)
    if (!beyond || matches_at(sa_[k], tokens)) out.push_back(token_at(sa_[k]));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace stylokit::phrases
