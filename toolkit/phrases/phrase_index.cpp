#include "toolkit/phrases/phrase_index.h"

#include <algorithm>

#include "toolkit/common/error.h"
#include "toolkit/phrases/suffix_array.h"

namespace stylokit::phrases {

namespace {
constexpr int32_t kSentinel = 0;
constexpr int32_t kSeparator = 1;
constexpr int32_t kShift = 2;
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
  sa_ = build_suffix_array(seq_, static_cast<int32_t>(corpus.vocab.size()) + kShift);
  lcp_ = build_lcp(seq_, sa_, kSeparator);
  // One random-access pass here lets mine() read documents and left contexts in SA order.
  // left_differs_[k]: suffixes SA[k-1] and SA[k] do not share a proper left token
  // (different, or either starts a document/sentence).
  sa_doc_ = huge_vector<uint32_t>(sa_.size());
  left_differs_ = huge_vector<uint8_t>(sa_.size());
  int32_t prev_left = kSeparator;
  for (size_t k = 0; k < sa_.size(); ++k) {
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
  const auto n = static_cast<int32_t>(seq_.size());
  const bool stop_filter = o.skip_stop_only && !corpus_.is_stop.empty();

  // An interval [lb, rb] is left-maximal iff left_differs_[k] for some k in (lb, rb]; a
  // running count of such positions answers that in O(1).
  struct Frame {
    int32_t lcp, lb;
    int64_t bad_at_lb;
  };
  std::vector<Frame> stack;
  stack.push_back({0, 0, 0});
  std::vector<Phrase> out;
  std::vector<int32_t> out_lb;  // SA interval start: orders equal-length phrases by their tokens
  std::vector<uint32_t> docs_scratch;
  std::vector<uint32_t> stamp(corpus_.documents(), UINT32_MAX);  // last interval that saw each document
  uint32_t interval_id = 0;
  int64_t bad_count = 0;  // bad positions in (0, i-1]

  auto report = [&](int32_t len, int32_t lb, int32_t rb) {
    const auto count = static_cast<uint64_t>(rb - lb + 1);
    if (len < static_cast<int32_t>(o.min_len) || len > static_cast<int32_t>(o.max_len) || count < o.min_count) return;
    const int32_t* first = &seq_[sa_[lb]];
    if (stop_filter) {
      bool all_stop = true;
      for (int32_t i = 0; i < len && all_stop; ++i) all_stop = corpus_.is_stop[first[i] - kShift] != 0;
      if (all_stop) return;
    }
    docs_scratch.clear();
    ++interval_id;
    for (int32_t k = lb; k <= rb; ++k) {
      const uint32_t d = sa_doc_[k];
      if (stamp[d] != interval_id) stamp[d] = interval_id, docs_scratch.push_back(d);
    }
    if (docs_scratch.size() < o.min_docs) return;
    std::sort(docs_scratch.begin(), docs_scratch.end());
    Phrase p;
    if (o.keep_occurrences) {
      p.occurrences.reserve(count);
      for (int32_t k = lb; k <= rb; ++k) p.occurrences.push_back({sa_doc_[k], token_at(sa_[k])});
    }
    p.docs = docs_scratch;
    p.count = count;
    p.tokens.resize(static_cast<size_t>(len));
    for (int32_t i = 0; i < len; ++i) p.tokens[i] = first[i] - kShift;
    std::sort(p.occurrences.begin(), p.occurrences.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.token < b.token; });
    out.push_back(std::move(p));
    out_lb.push_back(lb);
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

  // Sorted as compact integer keys (sorting the 80-byte Phrase objects, or indices into
  // them, misses the cache at every comparison): for phrases of equal length, the SA order
  // of their intervals is the order of their token sequences.
  struct Key {
    uint64_t count;
    uint32_t length;
    int32_t lb;
    uint32_t index;
  };
  std::vector<Key> keys(out.size());
  for (size_t i = 0; i < out.size(); ++i)
    keys[i] = {out[i].count, static_cast<uint32_t>(out[i].tokens.size()), out_lb[i], static_cast<uint32_t>(i)};
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.length != b.length) return a.length > b.length;
    return a.lb < b.lb;
  });
  std::vector<Phrase> sorted;
  sorted.reserve(out.size());
  for (const Key& k : keys) sorted.push_back(std::move(out[k.index]));
  return sorted;
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

uint64_t PhraseIndex::count(std::span<const int32_t> tokens) const {
  if (tokens.empty()) return 0;
  for (int32_t t : tokens)
    if (t < 0 || t >= static_cast<int32_t>(corpus_.vocab.size())) return 0;
  auto [lo, hi] = range(tokens);
  return static_cast<uint64_t>(hi - lo);
}

std::vector<uint64_t> PhraseIndex::find(std::span<const int32_t> tokens) const {
  std::vector<uint64_t> out;
  if (count(tokens) == 0) return out;
  auto [lo, hi] = range(tokens);
  for (int32_t k = lo; k < hi; ++k) out.push_back(token_at(sa_[k]));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace stylokit::phrases
