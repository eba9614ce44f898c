#pragma once
// Internal to the features stage: the counted corpus between counting and the matrix — the
// per-thread counting state (Worker), every document's entries (DocSlice into a worker's
// EntryLog), and the kept terms with their statistics (Fit). count.cpp fills a Fit, order.cpp
// numbers the learned terms, prune.cpp prunes them, csr.cpp turns entries into rows.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/common/parallel.h"
#include "toolkit/corpus/corpus.h"
#include "toolkit/features/internal/term_table.h"
#include "toolkit/features/matrix.h"
#include "toolkit/features/options.h"

namespace stylokit::text {
struct TokenCorpus;
}

namespace stylokit::features::detail {

inline int resolve_threads(int threads, size_t docs) {
  return static_cast<int>(
      std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(resolve_thread_count(threads)), docs)));
}

// Runs fn(w) for each of `n` workers, w = 0 on the caller's thread.
template <class Fn>
void run_parallel(int n, Fn&& fn) {
  parallel_for(static_cast<size_t>(n), n, [&](size_t w) { fn(static_cast<int>(w)); });
}

enum class Mode { kLearn, kFixed, kHashed };

// Per-document entries (column, count) of one worker, and where each document's lie.
struct DocSlice {
  uint32_t worker = 0;
  uint64_t begin = 0;
  uint32_t size = 0;
};

struct Entry {
  uint32_t id;
  uint32_t count;
};

inline constexpr uint32_t kSeqFlag = 0x80000000u;  // an entry id of `seqs`, not of `table`

// A worker's entries, appended in document order, in blocks of 2^18 (2 MB, one huge page) that
// never move: a growing vector copies everything at each doubling into fresh memory, and fresh
// memory costs page faults and page clearing (perf, char_wb 3-5: such copies and their faults
// were a sixth of the kernel's page clearing).
class EntryLog {
 public:
  void push_back(Entry e) {
    if (cur_ == end_) grow();
    *cur_++ = e;
  }
  size_t size() const { return blocks_.empty() ? 0 : (blocks_.size() - 1) * kBlock + (cur_ - blocks_.back().get()); }
  Entry& operator[](size_t i) { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  const Entry& operator[](size_t i) const { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (size_t b = 0; b < blocks_.size(); ++b) {
      const Entry* e = blocks_[b].get();
      const Entry* end = b + 1 < blocks_.size() ? e + kBlock : cur_;
      for (; e != end; ++e) fn(*e);
    }
  }

 private:
  static constexpr int kShift = 18;
  static constexpr size_t kBlock = size_t{1} << kShift;
  void grow() {
    blocks_.push_back(std::make_unique_for_overwrite<Entry[]>(kBlock));
    cur_ = blocks_.back().get();
    end_ = cur_ + kBlock;
  }
  std::vector<std::unique_ptr<Entry[]>> blocks_;
  Entry* cur_ = nullptr;
  Entry* end_ = nullptr;
};

struct Worker {
  TermTable table;                      // kLearn: the worker's terms — char n-grams, or word unigrams
  TermTable seqs;                       // kLearn, word n >= 2: n-grams keyed by their unigram ids (4n bytes)
  PairTable pairs;                      // kLearn, word n = 2 only (ngram_max 2): instead of `seqs`
  TermTable words;                      // kLearn, char_wb: distinct words, whose n-gram ids are cached
  std::vector<uint32_t> word_begin{0};  // per word id: its n-gram ids are word_grams[begin[w], begin[w + 1])
  std::vector<uint32_t> word_grams;
  std::vector<std::string_view> grams;  // scratch: the n-grams of one new word (views into the analyzer)
  std::vector<uint32_t> ids;            // scratch: unigram ids of the current document
  EntryLog entries;                     // all documents this worker counted
  std::vector<uint32_t> doc_count;      // per id: count in the current document
  std::vector<uint32_t> touched;        // ids seen in the current document
  std::vector<uint32_t> to_global;      // kLearn: local id → merged id
};

inline constexpr size_t kChunk = 8;  // documents taken at a time by a worker

// Word n-grams of at most 2 words are counted in Worker::pairs, longer ones in Worker::seqs.
inline bool counts_in_pairs(const VectorizerOptions& o) {
  return o.analyzer == Analyzer::kWord && o.ngram_max == 2;
}

inline constexpr uint32_t kDropped = ~0u;  // a column removed by pruning (Fit::column)

// The counted corpus, ready to become rows: every worker's entries, and the kept terms with
// their statistics. Pruning is done on the entries: a pruned term's entries map to kDropped,
// so that rows are built once, with their final columns.
struct Fit {
  Mode mode = Mode::kLearn;
  std::vector<Worker> workers;
  std::vector<DocSlice> slices;
  std::vector<std::string> terms;  // kept columns, in order
  std::vector<int64_t> dfs;
  std::vector<int64_t> counts;
  std::vector<int64_t> doc_totals;
  std::vector<int64_t> outer;  // CSR row offsets of the kept entries
  int column_bits = 1;         // bits of the largest kept column id
  size_t terms_before_pruning = 0;

  // Column of worker w's entry e: kLearn maps local ids to merged (and pruned) ones.
  uint32_t column(const Worker& wk, const Entry& e) const { return mode == Mode::kLearn ? wk.to_global[e.id] : e.id; }

  // Row r's entries as packed (column << 32 | count), sorted by column, pruned columns left out.
  // `tmp` is scratch. O(entries of the row).
  void row(size_t r, std::vector<uint64_t>& v, std::vector<uint64_t>& tmp) const;
};

// Analyses, counts, orders and prunes (count_terms without building the matrix): from raw
// documents, or from a TokenCorpus (ICU tokens only; see count_terms). Fills every field.
Fit fit(const Corpus& corpus, const VectorizerOptions& options);
Fit fit(const text::TokenCorpus& tokens, const VectorizerOptions& options);

// The learned vocabulary in byte order, and every worker's entries renumbered to it (fills
// Worker::to_global; frees the workers' tables). order.cpp.
std::vector<std::string> order_vocabulary(std::vector<Worker>& workers, const VectorizerOptions& o);

// Fills f.dfs and f.counts (per column of f.terms) from the entries. prune.cpp.
void column_stats(Fit& f);

// kLearn: drops the terms outside [min_df, max_df] and beyond max_features, renumbering the
// kept ones (Worker::to_global maps dropped ones to kDropped). Returns whether any term went.
// Throws ConfigError when min_df resolves above max_df and DataError naming `origin` when no
// term is kept. prune.cpp.
bool prune(Fit& f, const VectorizerOptions& options, std::string_view origin);

// Fills f.outer (CSR row offsets of the kept entries) and f.column_bits. csr.cpp.
void index_rows(Fit& f, bool pruned, int threads);

// The CSR matrix of raw counts, rows built in parallel. csr.cpp.
DocTermMatrix assemble(const Fit& f, int threads);

}  // namespace stylokit::features::detail
