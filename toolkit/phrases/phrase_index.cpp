#include "toolkit/phrases/phrase_index.h"

#include <algorithm>
#include <bit>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "toolkit/common/error.h"
#include "toolkit/phrases/suffix_array.h"

namespace stylokit::phrases {

namespace {
constexpr int32_t kSentinel = 0;
constexpr int32_t kSeparator = 1;
constexpr int32_t kShift = 2;
constexpr uint32_t kUnboundedFrom = 1u << 30;  // max_phrase_len from here on: full suffix array

// `v` resized to n when its capacity allows (contents unspecified), else a fresh array.
std::vector<int32_t> reuse_or_allocate(std::vector<int32_t>&& v, size_t n) {
  if (v.capacity() < n) return huge_vector<int32_t>(n);
  v.resize(n);
  return std::move(v);
}

// A phrase found by the traversal: SA interval [lb, lb + count), one occurrence at `first`.
struct Found {
  uint32_t count, len;
  int32_t lb, first;
};

// Stable sort of `found` by count desc, then length desc: an LSD radix sort (digits of at
// most 13 bits) on the key (max count - count, max length - length), whose bits (at most
// 31 + 31) fit in 64. O(P) per digit; usually two digits.
void sort_found(std::vector<Found>& found) {
  if (found.size() < 2) return;
  uint32_t cmin = UINT32_MAX, cmax = 0, lmin = UINT32_MAX, lmax = 0;
  for (const Found& f : found) {
    cmin = std::min(cmin, f.count), cmax = std::max(cmax, f.count);
    lmin = std::min(lmin, f.len), lmax = std::max(lmax, f.len);
  }
  const int len_bits = std::bit_width(lmax - lmin);
  const int bits = len_bits + std::bit_width(cmax - cmin);
  auto key = [&](const Found& f) { return static_cast<uint64_t>(cmax - f.count) << len_bits | (lmax - f.len); };
  // As few passes as digits of at most 13 bits allow (each pass reads and writes all records).
  const int passes = (bits + 12) / 13;
  const int digit = passes > 0 ? (bits + passes - 1) / passes : 1;
  const uint64_t mask = (uint64_t{1} << digit) - 1;
  std::vector<Found> tmp(found.size());
  std::vector<size_t> count(size_t{1} << digit);
  for (int shift = 0; shift < bits; shift += digit) {
    std::fill(count.begin(), count.end(), 0);
    for (const Found& f : found) ++count[(key(f) >> shift) & mask];
    size_t sum = 0;
    for (auto& c : count) {
      const size_t here = c;
      c = sum;
      sum += here;
    }
    for (const Found& f : found) tmp[count[(key(f) >> shift) & mask]++] = f;
    found.swap(tmp);
  }
}
}  // namespace

PhraseIndex::PhraseIndex(const text::TokenCorpus& corpus, IndexOptions options) : corpus_(corpus), options_(options) {
  const uint64_t n_tokens = corpus.tokens();
  uint64_t n_sep = corpus.documents();
  if (options.split_sentences)
    for (uint64_t t = 0; t + 1 < n_tokens; ++t)
      if (corpus.sentence[t + 1] != corpus.sentence[t]) ++n_sep;
  const uint64_t n = n_tokens + n_sep + 1;
  STYLOKIT_CHECK(n < (uint64_t{1} << 31) - 1, DataError,
                 "phrases: corpus of {} tokens is too large for one index (limit 2^31 - 2 symbols)", n_tokens);
  // The sequence, and where each segment (run of tokens between separators) starts in it
  // and in the corpus: enough to map positions back to tokens (token_at) without an N-word
  // table. Fewer and later large allocations keep the peak memory (and fresh pages) low.
  seq_.reserve(n);
  advise_huge_pages(seq_.data(), n * sizeof(int32_t));
  std::vector<int32_t> doc_seq_begin(corpus.documents() + 1);  // first sequence position of each document
  for (size_t d = 0; d < corpus.documents(); ++d) {
    doc_seq_begin[d] = static_cast<int32_t>(seq_.size());
    for (uint64_t t = corpus.doc_begin[d]; t < corpus.doc_begin[d + 1]; ++t) {
      if (t == corpus.doc_begin[d]) {
        segment_seq_begin_.push_back(static_cast<int32_t>(seq_.size()));
        segment_token_begin_.push_back(t);
      } else if (options.split_sentences && corpus.sentence[t] != corpus.sentence[t - 1]) {
        seq_.push_back(kSeparator);
        segment_seq_begin_.push_back(static_cast<int32_t>(seq_.size()));
        segment_token_begin_.push_back(t);
      }
      seq_.push_back(corpus.ids[t] + kShift);
    }
    seq_.push_back(kSeparator);
  }
  doc_seq_begin[corpus.documents()] = static_cast<int32_t>(seq_.size());
  seq_.push_back(kSentinel);
  const int32_t alphabet = static_cast<int32_t>(corpus.vocab.size()) + kShift;
  const bool bounded = options.max_phrase_len != 0 && options.max_phrase_len < kUnboundedFrom;
  SortSpare spare;  // the bounded sort's two temporaries: their memory is reused below
  if (!bounded) {
    sa_ = build_suffix_array(seq_, alphabet);
  } else {
    depth_ = options.max_phrase_len + 1;
    sa_ = build_bounded_suffix_array(seq_, alphabet, kSeparator, depth_, &spare);
  }
  // One random-access pass over the sequence in SA order lets mine() read documents and
  // left contexts sequentially, and computes the capped LCP from the same cache lines.
  // left_differs_[k]: suffixes SA[k-1] and SA[k] do not share a proper left token
  // (different, or either starts a document/sentence). The document of a position comes
  // from a table of N/64 blocks (no N-word position -> document array), and the bounded
  // sort's two temporaries hold the SA documents and the LCP: fresh pages cost as much as
  // the passes on large corpora.
  {
    // doc_block[b]: the document holding position b * 2^6 and where the next document starts.
    // A position's document is then that one, or (when it lies past that start) found among
    // the few starting in its block. Blocks shorter than most documents keep the step rare,
    // and the one random read per position is prefetched. The sentinel's document is 0.
    constexpr int kBlockBits = 6;
    struct DocBlock {
      int32_t doc = 0, next = 0;
    };
    const size_t n_docs = corpus.documents();
    const int32_t sentinel_pos = static_cast<int32_t>(seq_.size()) - 1;
    std::vector<DocBlock> doc_block((static_cast<size_t>(sentinel_pos) >> kBlockBits) + 1);
    for (size_t b = 0, d = 0; b < doc_block.size() && n_docs > 0; ++b) {
      const int64_t p = std::min<int64_t>(int64_t{sentinel_pos}, static_cast<int64_t>(b) << kBlockBits);
      while (d + 1 < n_docs && doc_seq_begin[d + 1] <= p) ++d;
      doc_block[b] = {static_cast<int32_t>(d), doc_seq_begin[d + 1]};
    }
    auto doc_of = [&](int32_t pos) -> int32_t {
      if (pos == sentinel_pos) return 0;
      const DocBlock e = doc_block[static_cast<size_t>(pos) >> kBlockBits];
      if (pos < e.next) return e.doc;
      int32_t d = e.doc + 1;
      while (doc_seq_begin[static_cast<size_t>(d) + 1] <= pos) ++d;
      return d;
    };
    const size_t n = sa_.size();
    sa_doc_ = reuse_or_allocate(std::move(spare.b), n);
    if (bounded) lcp_ = reuse_or_allocate(std::move(spare.a), n);
    const std::vector<std::pair<int32_t, int32_t>> tied = std::move(spare.tied);
    spare = {};
    left_differs_ = huge_vector<uint8_t>(n);
    const int32_t* s = seq_.data();
    const int32_t* sa = sa_.data();
    const auto n_pos = static_cast<int32_t>(n);
    int32_t prev_left = kSeparator;
    constexpr int32_t kAhead = 32;
    // Inside a group tied at depth_ symbols the LCP is depth_ without comparing: only the
    // left token is read. Elsewhere the comparison may read up to depth_ symbols, so the
    // prefetch also covers the line where they end. g_here walks the groups for k, g_ahead
    // for k + kAhead.
    auto in_tied = [&tied](size_t& g, int32_t k) {  // k inside a tied group, after its first
      while (g < tied.size() && tied[g].second <= k) ++g;
      return g < tied.size() && tied[g].first < k;
    };
    size_t g_here = 0, g_ahead = 0;
    for (int32_t k = 0; k < n_pos; ++k) {
      if (k < n_pos - kAhead) {
        const int32_t q = sa[k + kAhead];
        prefetch(s + (q > 0 ? q - 1 : 0));
        if (bounded && !in_tied(g_ahead, k + kAhead)) prefetch(s + std::min<int64_t>(int64_t{q} + depth_, n_pos - 1));
        prefetch(&doc_block[static_cast<size_t>(q) >> kBlockBits]);
      }
      const int32_t pos = sa[k];
      sa_doc_[k] = doc_of(pos);
      const int32_t left = pos == 0 ? kSeparator : s[pos - 1];
      left_differs_[k] = k > 0 && (left <= kSeparator || prev_left <= kSeparator || left != prev_left);
      prev_left = left;
      if (bounded)  // as build_capped_lcp
        lcp_[k] = k == 0 ? 0
                  : in_tied(g_here, k)
                      ? static_cast<int32_t>(depth_)
                      : static_cast<int32_t>(capped_common_prefix(s + sa[k - 1], s + pos, depth_, kSeparator));
    }
  }
  if (!bounded) lcp_ = build_lcp(seq_, sa_, kSeparator);
}

uint64_t PhraseIndex::token_at(int32_t seq_pos) const {
  // The last segment starting at or before seq_pos (seq_pos holds a token, so one exists).
  const auto it = std::upper_bound(segment_seq_begin_.begin(), segment_seq_begin_.end(), seq_pos);
  STYLOKIT_ASSERT(it != segment_seq_begin_.begin());
  const auto s = static_cast<size_t>(it - segment_seq_begin_.begin() - 1);
  return segment_token_begin_[s] + static_cast<uint64_t>(seq_pos - segment_seq_begin_[s]);
}

PhraseList PhraseIndex::mine(const MineOptions& o) const {
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
  // filters, in the order of their interval ends. Nothing per phrase is allocated, so the
  // records sort cheaply and the result is written once, in output order.
  std::vector<Frame> stack;
  stack.push_back({0, 0, 0});
  std::vector<Found> found;
  found.reserve(static_cast<size_t>(n) / 4 + 16);  // virtual: only the pages used are touched
  advise_huge_pages(found.data(), found.capacity() * sizeof(Found));
  // A bitmap of documents (D/8 bytes: stays in the L1/L2 cache), all zero between calls, and
  // a summary with one bit per non-zero word of it (D/512 bytes).
  std::vector<uint64_t> seen(corpus_.documents() / 64 + 1, 0);
  std::vector<uint64_t> seen_words(seen.size() / 64 + 1, 0);
  std::vector<uint32_t> scratch;
  int64_t bad_count = 0;  // bad positions in (0, i-1]
  // Distinct documents of SA[lb .. lb + count): returns their number and appends them to
  // `docs` in ascending order when given. When the summary words to scan are few against the
  // documents found, the bitmap is read off in order through its summary: O(D / 4096 +
  // distinct) instead of a comparison sort (on repetitive corpora, where phrases recur in
  // dozens of documents, the sort was most of building the result).
  auto distinct_docs = [&](int32_t lb, uint32_t count, std::vector<uint32_t>* docs) {
    if (count == 2) {  // the most common case, without the bitmap
      const auto a = static_cast<uint32_t>(sa_doc_[lb]), b = static_cast<uint32_t>(sa_doc_[lb + 1]);
      if (docs) {
        docs->push_back(std::min(a, b));
        if (a != b) docs->push_back(std::max(a, b));
      }
      return a == b ? 1u : 2u;
    }
    scratch.clear();
    uint32_t lo = UINT32_MAX, hi = 0;
    for (int32_t k = lb, end = lb + static_cast<int32_t>(count); k < end; ++k) {
      const auto d = static_cast<uint32_t>(sa_doc_[k]);
      uint64_t& word = seen[d >> 6];
      const uint64_t bit = uint64_t{1} << (d & 63);
      if (!(word & bit)) {
        word |= bit;
        seen_words[d >> 12] |= uint64_t{1} << ((d >> 6) & 63);
        scratch.push_back(d);
        lo = std::min(lo, d), hi = std::max(hi, d);
      }
    }
    const auto distinct = static_cast<uint32_t>(scratch.size());
    if (docs && distinct >= 8 && (hi >> 12) - (lo >> 12) < 4 * static_cast<uint64_t>(distinct)) {
      for (uint32_t s = lo >> 12; s <= hi >> 12; ++s) {
        for (uint64_t y = seen_words[s]; y != 0; y &= y - 1) {
          const uint32_t w = s * 64 + static_cast<uint32_t>(std::countr_zero(y));
          for (uint64_t x = seen[w]; x != 0; x &= x - 1)
            docs->push_back(w * 64 + static_cast<uint32_t>(std::countr_zero(x)));
          seen[w] = 0;
        }
        seen_words[s] = 0;
      }
      return distinct;
    }
    for (uint32_t d : scratch) seen[d >> 6] = 0, seen_words[d >> 12] = 0;  // every set bit is this interval's
    if (docs) {
      boost::sort::pdqsort_branchless(scratch.begin(), scratch.end());
      docs->insert(docs->end(), scratch.begin(), scratch.end());
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
  // (the suffixes are sorted at least max_len + 1 deep). Two distinct phrases of one length
  // have disjoint SA intervals, so for them "lb ascending" is "rb ascending", and the
  // records were appended with rb = i - 1 non-decreasing: a stable sort on (count desc,
  // length desc) alone gives the full order. (count, length, lb) is unique.
  sort_found(found);

  // Phase 3: the flat result, in output order. Each phrase needs one random read of the
  // sequence and one of the SA documents, prefetched a few phrases ahead.
  PhraseList out;
  const size_t n_found = found.size();
  uint64_t total_tokens = 0, total_occurrences = 0;
  for (const Found& f : found) total_tokens += f.len, total_occurrences += f.count;
  out.tokens_ = huge_vector<int32_t>(total_tokens);
  out.token_end_ = huge_vector<uint64_t>(n_found);
  out.doc_end_ = huge_vector<uint64_t>(n_found);
  out.count_ = huge_vector<uint32_t>(n_found);
  out.docs_.reserve(total_occurrences);  // an upper bound; only the pages used are touched
  advise_huge_pages(out.docs_.data(), total_occurrences * sizeof(uint32_t));
  if (o.keep_occurrences) {
    out.occurrences_ = huge_vector<Occurrence>(total_occurrences);
    out.occurrence_end_ = huge_vector<uint64_t>(n_found);
  }
  uint64_t t_at = 0, o_at = 0;
  constexpr size_t kAhead = 24;
  for (size_t r = 0; r < n_found; ++r) {
    if (r + kAhead < n_found) {
      prefetch(&seq_[found[r + kAhead].first]);
      prefetch(&sa_doc_[found[r + kAhead].lb]);
    }
    const Found& f = found[r];
    out.count_[r] = f.count;
    const int32_t* first = &seq_[f.first];
    for (uint32_t i = 0; i < f.len; ++i) out.tokens_[t_at++] = first[i] - kShift;
    out.token_end_[r] = t_at;
    distinct_docs(f.lb, f.count, &out.docs_);
    out.doc_end_[r] = out.docs_.size();
    if (o.keep_occurrences) {
      Occurrence* occ = out.occurrences_.data() + o_at;
      for (uint32_t k = 0; k < f.count; ++k) {
        // Without sentence separators, the separators before a position are one per
        // earlier document: token = position - document.
        const int32_t pos = sa_[f.lb + k];
        const auto doc = static_cast<uint32_t>(sa_doc_[f.lb + k]);
        occ[k] = {doc, options_.split_sentences ? token_at(pos) : static_cast<uint64_t>(pos) - doc};
      }
      boost::sort::pdqsort_branchless(occ, occ + f.count,
                                      [](const Occurrence& a, const Occurrence& b) { return a.token < b.token; });
      o_at += f.count;
      out.occurrence_end_[r] = o_at;
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
      if (sym(m) < c)
        a = m + 1;
      else
        b = m;
    }
    int32_t e = a, f = hi;
    while (e < f) {
      const int32_t m = e + (f - e) / 2;
      if (sym(m) <= c)
        e = m + 1;
      else
        f = m;
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
