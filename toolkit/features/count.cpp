// Counting: each worker analyses its documents and counts their terms into tables of its own;
// fit() then orders, prunes and indexes them (order.cpp, prune.cpp, csr.cpp). The documents
// come from a Corpus or a TokenCorpus through a source type: everything after the tokens is
// one code path.

#include <algorithm>
#include <array>
#include <atomic>
#include <string>
#include <string_view>

#include "toolkit/common/error.h"
#include "toolkit/common/progress.h"
#include "toolkit/common/random.h"
#include "toolkit/features/internal/analyzer.h"
#include "toolkit/features/internal/fit.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/text/token_corpus.h"

namespace stylokit::features {

uint64_t term_hash(std::string_view term) {
  return splitmix64_mix(fnv1a64(term));
}

namespace detail {
namespace {

// Calls visit(i, hash of key(i)) for i in [0, n), hashing each key once, kAhead keys before its
// visit, and prefetching its slot in `table` then: lookups of a known run of keys are bound by
// cache misses on the slots (a rehash in between only makes a prefetch useless).
template <class Table, class KeyFn, class Visit>
void visit_prefetched(const Table& table, size_t n, KeyFn&& key, Visit&& visit) {
  constexpr size_t kAhead = 8;
  std::array<uint64_t, kAhead> ring{};
  for (size_t i = 0; i < std::min(n, kAhead); ++i) {
    ring[i] = Table::hash(key(i));
    table.prefetch(ring[i]);
  }
  for (size_t i = 0; i < n; ++i) {
    const uint64_t h = ring[i % kAhead];
    if (i + kAhead < n) {
      ring[i % kAhead] = Table::hash(key(i + kAhead));
      table.prefetch(ring[i % kAhead]);
    }
    visit(i, h);
  }
}

// Adds `times` to the current document's count of each of ids[0, n) (ids of wk.table), and
// appends the ids counted for the first time in the document to wk.touched. Without a branch
// on that condition, which is taken about half the time, unpredictably (perf: mispredictions
// were most of the char_wb n-gram loop's cost).
void add_counts(Worker& wk, const uint32_t* ids, size_t n, uint32_t times) {
  if (wk.doc_count.size() < wk.table.size())  // every id below: no check per id
    wk.doc_count.resize(std::max(wk.table.size(), wk.doc_count.size() * 2), 0);
  uint32_t* count = wk.doc_count.data();
  size_t touched = wk.touched.size();
  wk.touched.resize(touched + n);
  uint32_t* out = wk.touched.data();
  for (size_t k = 0; k < n; ++k) {
    const uint32_t id = ids[k];
    out[touched] = id;
    touched += count[id] == 0 ? 1 : 0;
    count[id] += times;
  }
  wk.touched.resize(touched);
}

// Counts one document into the worker's tables (kLearn) and appends its entries; returns the
// number of terms (before pruning). Word n-grams are counted by the ids of their tokens and
// char_wb n-grams through a per-word cache, so that most terms cost one small-table lookup.
template <class Doc>
int64_t count_learn(Worker& wk, DocAnalyzer& analyzer, const Doc& doc, const VectorizerOptions& o) {
  int64_t total = 0;
  if (o.analyzer == Analyzer::kChar) {
    analyzer.run(doc, [&](std::string_view term) {
      ++total;
      wk.table.count(term);
    });
    wk.table.end_document([&](uint32_t id, uint32_t c) { wk.entries.push_back({id, c}); });
    return total;
  }
  const std::vector<std::string_view>& units = analyzer.units(doc);
  if (o.analyzer == Analyzer::kCharWb) {
    // Count the document's words first, then add each distinct word's n-grams times its count.
    visit_prefetched(
        wk.words, units.size(), [&](size_t i) { return units[i]; },
        [&](size_t i, uint64_t h) { wk.words.count(units[i], h); });
    wk.words.end_document(
        [&](uint32_t wid, uint32_t times) {
          if (wid + 1 == wk.word_begin.size()) {  // a new word: intern its n-grams, prefetched
            wk.grams.clear();
            analyzer.char_wb_word(wk.words.term(wid), [&](std::string_view g) { wk.grams.push_back(g); });
            visit_prefetched(
                wk.table, wk.grams.size(), [&](size_t i) { return wk.grams[i]; },
                [&](size_t i, uint64_t h) { wk.word_grams.push_back(wk.table.intern(wk.grams[i], h)); });
            wk.word_begin.push_back(static_cast<uint32_t>(wk.word_grams.size()));
          }
          add_counts(wk, wk.word_grams.data() + wk.word_begin[wid], wk.word_begin[wid + 1] - wk.word_begin[wid], times);
          total += static_cast<int64_t>(times) * (wk.word_begin[wid + 1] - wk.word_begin[wid]);
        },
        [&](uint32_t wid) {  // the word's cached n-gram ids, when it has them
          if (wid + 1 < wk.word_begin.size()) __builtin_prefetch(wk.word_grams.data() + wk.word_begin[wid]);
        });
  } else {
    const size_t m = units.size();
    wk.ids.resize(m);
    visit_prefetched(
        wk.table, m, [&](size_t i) { return units[i]; },
        [&](size_t i, uint64_t h) { wk.ids[i] = wk.table.intern(units[i], h); });
    if (o.ngram_min == 1) {
      add_counts(wk, wk.ids.data(), m, 1);
      total += static_cast<int64_t>(m);
    }
    for (int n = std::max(2, o.ngram_min); n <= o.ngram_max; ++n) {
      const auto un = static_cast<size_t>(n);
      auto key = [&](size_t i) {
        return std::string_view(reinterpret_cast<const char*>(wk.ids.data() + i), un * sizeof(uint32_t));
      };
      if (un > m) continue;
      if (counts_in_pairs(o))
        visit_prefetched(wk.pairs, m - un + 1, key, [&](size_t i, uint64_t h) { wk.pairs.count(key(i), h); });
      else
        visit_prefetched(wk.seqs, m - un + 1, key, [&](size_t i, uint64_t h) { wk.seqs.count(key(i), h); });
      total += static_cast<int64_t>(m - un + 1);
    }
  }
  for (uint32_t id : wk.touched) {
    wk.entries.push_back({id, wk.doc_count[id]});
    wk.doc_count[id] = 0;
  }
  wk.touched.clear();
  wk.seqs.end_document([&](uint32_t id, uint32_t c) { wk.entries.push_back({id | kSeqFlag, c}); });
  wk.pairs.end_document([&](uint32_t id, uint32_t c) { wk.entries.push_back({id | kSeqFlag, c}); });
  return total;
}

// The documents of a Corpus, tokenized by the analyzer.
struct CorpusSource {
  const Corpus& corpus;
  size_t size() const { return corpus.size(); }
  std::string_view origin() const { return corpus.origin; }
  RawDoc doc(size_t d) const { return {corpus.documents[d].raw, corpus.documents[d].kept}; }
};

// The documents of a TokenCorpus, read as the ICU tokens they hold.
struct TokenSource {
  const text::TokenCorpus& tokens;
  size_t size() const { return tokens.documents(); }
  std::string_view origin() const { return tokens.origin.empty() ? std::string_view("token corpus") : tokens.origin; }
  TokenDoc doc(size_t d) const { return {tokens, d}; }
};

template <class Source>
Fit fit_source(const Source& source, const VectorizerOptions& options) {
  options.validate();
  const size_t n = source.size();
  STYLOKIT_CHECK(n > 0, DataError, "{}: the corpus has no documents", source.origin());
  Fit f;
  f.mode = options.hash_buckets > 0 ? Mode::kHashed : (!options.vocabulary.empty() ? Mode::kFixed : Mode::kLearn);
  const Mode mode = f.mode;

  // Shared read-only tables.
  TermTable stop;
  for (const auto& w : options.stop_words) stop.intern(w);
  TermTable fixed;
  if (mode == Mode::kFixed) {
    for (const auto& t : options.vocabulary) {
      const size_t before = fixed.size();
      fixed.intern(t);
      STYLOKIT_CHECK(fixed.size() > before, ConfigError, "vocabulary: duplicate term '{}'", t);
    }
  }
  const size_t fixed_cols = mode == Mode::kFixed ? fixed.size() : options.hash_buckets;

  const int threads = resolve_threads(options.threads, n);
  std::vector<Worker>& workers = f.workers;
  workers.resize(static_cast<size_t>(threads));
  std::vector<DocSlice>& slices = f.slices;
  slices.resize(n);
  f.doc_totals.assign(n, 0);
  std::atomic<size_t> next{0};

  Progress progress("counting terms", n, "documents");
  run_parallel(threads, [&](int w) {
    Worker& wk = workers[static_cast<size_t>(w)];
    DocAnalyzer analyzer(options, &stop);
    if (mode != Mode::kLearn) wk.doc_count.assign(fixed_cols, 0);
    for (;;) {
      const size_t d0 = next.fetch_add(kChunk);
      if (d0 >= n) break;
      for (size_t d = d0; d < std::min(n, d0 + kChunk); ++d) {
        const auto doc = source.doc(d);
        int64_t total = 0;
        slices[d] = {static_cast<uint32_t>(w), wk.entries.size(), 0};
        if (mode == Mode::kLearn) {
          total = count_learn(wk, analyzer, doc, options);
        } else {
          auto count = [&](uint32_t id) {
            if (wk.doc_count[id]++ == 0) wk.touched.push_back(id);
          };
          if (mode == Mode::kFixed) {
            analyzer.run(doc, [&](std::string_view term) {
              ++total;
              const uint32_t id = fixed.find(term);
              if (id != TermTable::kAbsent) count(id);
            });
          } else {
            analyzer.run(doc, [&](std::string_view term) {
              ++total;
              count(static_cast<uint32_t>(term_hash(term) % options.hash_buckets));
            });
          }
          for (uint32_t id : wk.touched) {
            wk.entries.push_back({id, wk.doc_count[id]});
            wk.doc_count[id] = 0;
          }
          wk.touched.clear();
        }
        slices[d].size = static_cast<uint32_t>(wk.entries.size() - slices[d].begin);
        f.doc_totals[d] = total;
      }
      progress.add(std::min(n, d0 + kChunk) - d0);
    }
  });

  std::vector<std::string>& terms = f.terms;
  if (mode == Mode::kLearn) {
    terms = order_vocabulary(workers, options);
    STYLOKIT_CHECK(!terms.empty(), DataError,
                   "{}: empty vocabulary: the documents hold no terms (only stop words, or too short for the n-gram "
                   "range?)",
                   source.origin());
    f.terms_before_pruning = terms.size();
  } else if (mode == Mode::kFixed) {
    terms = options.vocabulary;
  } else {
    terms.reserve(fixed_cols);
    for (size_t b = 0; b < fixed_cols; ++b) terms.push_back(fmt::format("hash:{}", b));
  }
  for (Worker& wk : workers) wk.doc_count = {};
  column_stats(f);

  const bool pruned = mode == Mode::kLearn && prune(f, options, source.origin());
  index_rows(f, pruned, options.threads);
  return f;
}

}  // namespace

Fit fit(const Corpus& corpus, const VectorizerOptions& options) {
  return fit_source(CorpusSource{corpus}, options);
}

Fit fit(const text::TokenCorpus& tokens, const VectorizerOptions& options) {
  STYLOKIT_CHECK(
      options.tokenizer != TokenizerKind::kSklearn, ConfigError,
      "tokenizer: counting from a token corpus needs tokenizer icu or stylo (the one it was made with), not sklearn");
  if (options.tokenizer == TokenizerKind::kStylo) {
    STYLOKIT_CHECK(tokens.stylo_options && *tokens.stylo_options == options.stylo, ConfigError,
                   "tokenizer: the token corpus was not tokenized with the stylo options the features ask for");
  } else {
    STYLOKIT_CHECK(!tokens.stylo_options, ConfigError,
                   "tokenizer: the token corpus holds stylo tokens; the features ask for icu");
    STYLOKIT_CHECK(!tokens.text_options || *tokens.text_options == options.text, ConfigError,
                   "text: the token corpus was tokenized with other text options than the features ask for");
  }
  return fit_source(TokenSource{tokens}, options);
}

}  // namespace detail

namespace {

CountResult count_result(detail::Fit f, std::vector<std::string> doc_ids, int threads) {
  CountResult out;
  detail::assemble(f, threads).swap(out.counts);
  f.workers.clear();
  out.doc_ids = std::move(doc_ids);
  out.doc_totals = std::move(f.doc_totals);
  out.terms_before_pruning = f.terms_before_pruning;
  out.vocabulary = Vocabulary(std::move(f.terms), std::move(f.dfs), std::move(f.counts));
  return out;
}

}  // namespace

CountResult count_terms(const Corpus& corpus, const VectorizerOptions& options) {
  return count_result(detail::fit(corpus, options), corpus.ids(), options.threads);
}

CountResult count_terms(const text::TokenCorpus& tokens, const VectorizerOptions& options) {
  return count_result(detail::fit(tokens, options), tokens.doc_ids, options.threads);
}

std::vector<std::string> analyze(std::string_view text, const VectorizerOptions& options) {
  options.validate();
  detail::TermTable stop;
  for (const auto& w : options.stop_words) stop.intern(w);
  detail::DocAnalyzer analyzer(options, &stop);
  std::vector<std::string> out;
  const std::vector<ByteRange> whole{ByteRange{0, text.size()}};
  analyzer.run(detail::RawDoc{text, whole}, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

}  // namespace stylokit::features
