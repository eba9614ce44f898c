#pragma once
// Maximal recurring phrases from a suffix array over the whole corpus.
//
// The corpus becomes one sequence: token id + 2 for every token, the separator 1 after
// every document (and after every sentence when asked), the sentinel 0 at the end. All
// separators share one symbol, but the LCP comparison stops at any separator, which has
// the effect of unique separators (no common prefix, hence no phrase, crosses one) while
// keeping the alphabet at V + 2 for SA-IS.
//
// A phrase P is maximal when no longer phrase has exactly the same occurrences: every
// one-token extension (left or right) occurs fewer times (or would cross a document or
// sentence end). Maximal phrases are the left-maximal LCP intervals, enumerated bottom-up
// with a stack in O(N) after the suffix array.
//
// Bounded depth (the default). Phrases are reported up to a maximum length L, and both
// maximality and the LCP intervals of value <= L only depend on the first L + 1 tokens of
// every suffix. So by default the suffixes are sorted by their first D = L + 1 tokens only
// (build_bounded_suffix_array: prefix doubling over the still-tied groups, streaming
// passes) and the LCP is capped at D (an interval of value D stands for ">= D" and is never
// reported). Suffixes equal on D tokens stay in position order. The mined phrases are the
// same as with the full suffix array; IndexOptions::max_phrase_len = 0 builds the full one
// (SA-IS + Kasai) for unbounded phrases.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "toolkit/text/token_corpus.h"

namespace stylokit::phrases {

struct IndexOptions {
  bool split_sentences = false;  // phrases may not cross sentence ends
  // Longest phrase mine() may be asked for (MineOptions::max_len <= this); the suffixes are
  // sorted to depth max_phrase_len + 1 only. 0 (or >= 2^30) = unbounded: full suffix array
  // by SA-IS.
  uint32_t max_phrase_len = 20;
};

struct MineOptions {
  uint32_t min_len = 2;          // tokens
  uint32_t max_len = 20;         // tokens; maximality is judged before this filter
  uint64_t min_count = 2;        // total occurrences (>= 2: phrases recur)
  uint32_t min_docs = 1;         // documents holding the phrase
  bool skip_stop_only = true;    // drop phrases made only of stop words (needs is_stop)
  bool keep_occurrences = true;  // fill Phrase::occurrences
};

struct Occurrence {
  uint32_t doc = 0;    // document index
  uint64_t token = 0;  // global index of the first token (text::TokenCorpus::ids)
};

// One mined phrase: a view into the PhraseList that holds it, valid while that list (or the
// list it was moved into) lives. Can also be made by hand over caller-owned arrays (e.g. to
// score an arbitrary id sequence with phrase_scores).
struct Phrase {
  std::span<const int32_t> tokens;          // ids into text::TokenCorpus::vocab
  uint64_t count = 0;                       // occurrences
  std::span<const uint32_t> docs;           // distinct documents, ascending
  std::span<const Occurrence> occurrences;  // ascending (doc, token); empty unless kept
  size_t length() const { return tokens.size(); }
};

// The result of PhraseIndex::mine: all phrases in a few flat arrays (no allocation per
// phrase). Indexing and iteration give Phrase views by value. Move-only: a copy (hundreds
// of MB on large corpora) is never what a caller wants by accident.
class PhraseList {
 public:
  PhraseList() = default;
  PhraseList(PhraseList&&) noexcept = default;
  PhraseList& operator=(PhraseList&&) noexcept = default;
  PhraseList(const PhraseList&) = delete;
  PhraseList& operator=(const PhraseList&) = delete;

  size_t size() const { return count_.size(); }
  bool empty() const { return count_.empty(); }
  // The i-th phrase (i < size()). O(1).
  Phrase operator[](size_t i) const {
    const uint64_t t0 = i ? token_end_[i - 1] : 0, d0 = i ? doc_end_[i - 1] : 0;
    Phrase p;
    p.tokens = std::span<const int32_t>(tokens_.data() + t0, token_end_[i] - t0);
    p.count = count_[i];
    p.docs = std::span<const uint32_t>(docs_.data() + d0, doc_end_[i] - d0);
    if (!occurrence_end_.empty()) {
      const uint64_t o0 = i ? occurrence_end_[i - 1] : 0;
      p.occurrences = std::span<const Occurrence>(occurrences_.data() + o0, occurrence_end_[i] - o0);
    }
    return p;
  }

  class iterator {
   public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // the reference is a value
    using value_type = Phrase;
    using reference = Phrase;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const PhraseList* list, size_t i) : list_(list), i_(i) {}
    Phrase operator*() const { return (*list_)[i_]; }
    Phrase operator[](difference_type k) const { return (*list_)[i_ + static_cast<size_t>(k)]; }
    iterator& operator++() { return ++i_, *this; }
    iterator operator++(int) { return {list_, i_++}; }
    iterator& operator--() { return --i_, *this; }
    iterator operator--(int) { return {list_, i_--}; }
    iterator& operator+=(difference_type k) { return i_ += static_cast<size_t>(k), *this; }
    iterator& operator-=(difference_type k) { return i_ -= static_cast<size_t>(k), *this; }
    friend iterator operator+(iterator a, difference_type k) { return a += k; }
    friend iterator operator+(difference_type k, iterator a) { return a += k; }
    friend iterator operator-(iterator a, difference_type k) { return a -= k; }
    friend difference_type operator-(const iterator& a, const iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const iterator& a, const iterator& b) { return a.i_ <=> b.i_; }

   private:
    const PhraseList* list_ = nullptr;
    size_t i_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  friend class PhraseIndex;
  std::vector<int32_t> tokens_;                // all phrases' ids, back to back
  std::vector<uint32_t> docs_;                 // all phrases' documents, back to back
  std::vector<Occurrence> occurrences_;        // all occurrences (when kept)
  std::vector<uint64_t> token_end_, doc_end_;  // end of phrase i in tokens_ / docs_
  std::vector<uint64_t> occurrence_end_;       // end of phrase i in occurrences_; empty unless kept
  std::vector<uint32_t> count_;                // occurrences of phrase i
};

// The suffix array of a text::TokenCorpus and what is needed to count and mine phrases.
// Memory: about 4.25 words per token (sequence, SA, LCP, SA documents, left-context flags;
// at the peak of the bounded sort 4 words plus 4 per suffix of the largest group of suffixes
// that share their first token) plus the text::TokenCorpus it points to, which must outlive the
// index. Immutable after construction: const methods are thread-safe.
class PhraseIndex {
 public:
  // Builds sequence, suffix order and LCP: bounded-depth sort and capped LCP (O(N log D)
  // worst case, about O(N) on prose) by default, SA-IS and Kasai (O(N)) when
  // options.max_phrase_len is 0. Throws DataError when the corpus exceeds 2^31 - 2 symbols.
  explicit PhraseIndex(const text::TokenCorpus& corpus, IndexOptions options = {});

  // Maximal recurring phrases passing the filters, sorted by count desc, length desc, then
  // token ids (= text order), in one flat PhraseList (a constant number of allocations).
  // O(N) for the traversal plus the size of the output (at most N * max_len occurrences;
  // occurrences are filled only with keep_occurrences). Throws ConfigError for min_len < 1,
  // max_len < min_len, min_count < 2, or max_len above the index's max_phrase_len (when
  // bounded).
  PhraseList mine(const MineOptions& options) const;

  // Occurrences of an exact id sequence (not crossing separators). O(m log N); for a
  // sequence longer than the sort depth (bounded index) plus a check of every occurrence of
  // its first D tokens.
  uint64_t count(std::span<const int32_t> tokens) const;
  // Their global token positions, ascending. O(m log N + occurrences) (same remark).
  std::vector<uint64_t> find(std::span<const int32_t> tokens) const;

  const text::TokenCorpus& corpus() const { return corpus_; }
  // The suffix order: a full suffix array when unbounded, else sorted to depth() symbols
  // (ties in position order).
  const std::vector<int32_t>& suffix_array() const { return sa_; }
  // LCP of SA neighbours, cut at separators; capped at depth() when bounded.
  const std::vector<int32_t>& lcp() const { return lcp_; }
  // Sort depth D = max_phrase_len + 1, or 0 when unbounded.
  uint32_t depth() const { return depth_; }

 private:
  std::pair<int32_t, int32_t> range(std::span<const int32_t> tokens) const;  // [lo, hi) in SA
  bool matches_at(int32_t seq_pos, std::span<const int32_t> tokens) const;   // tokens at seq_pos
  uint64_t token_at(int32_t seq_pos) const;  // global token index of a token's sequence position; O(log segments)

  const text::TokenCorpus& corpus_;
  IndexOptions options_;
  uint32_t depth_ = 0;                         // 0: full suffix array
  std::vector<int32_t> seq_;                   // symbols: 0 sentinel, 1 separator, id + 2
  std::vector<int32_t> segment_seq_begin_;     // first sequence position of each segment, ascending
  std::vector<uint64_t> segment_token_begin_;  // its global token index (segment = tokens between separators)
  std::vector<int32_t> sa_doc_;                // document of the suffix SA[k] (scans stay sequential)
  std::vector<uint8_t> left_differs_;          // 1 when SA[k-1], SA[k] lack a common left token
  std::vector<int32_t> sa_;
  std::vector<int32_t> lcp_;
};

}  // namespace stylokit::phrases
