#include "toolkit/features/vectorizer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <numeric>
#include <queue>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/utf8.h"
#include "toolkit/features/analyzer.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/term_table.h"

namespace stylokit::features {

using detail::DocAnalyzer;
using detail::PairTable;
using detail::TermTable;

// ---------------------------------------------------------------------------------------
// Options

DfBound DfBound::parse(const std::string& text, const std::string& what) {
  const bool proportion = text.find_first_of(".eE") != std::string::npos;
  size_t used = 0;
  DfBound b;
  try {
    if (proportion) {
      b = DfBound::proportion(std::stod(text, &used));
    } else {
      const long long v = std::stoll(text, &used);
      b = DfBound::count(v);
      STYLOKIT_CHECK(v >= 0, ConfigError, "{}: a document count must not be negative, got '{}'", what, text);
    }
  } catch (const std::logic_error&) {
    throw ConfigError(
        fmt::format("{}: expected a document count (e.g. 2) or a proportion (e.g. 0.5), got '{}'", what, text));
  }
  STYLOKIT_CHECK(used == text.size(), ConfigError,
                 "{}: expected a document count (e.g. 2) or a proportion (e.g. 0.5), got '{}'", what, text);
  STYLOKIT_CHECK(!b.is_proportion || (b.value >= 0 && b.value <= 1), ConfigError,
                 "{}: a proportion must be within [0, 1], got '{}'", what, text);
  return b;
}

void VectorizerOptions::validate() const {
  STYLOKIT_CHECK(ngram_min >= 1, ConfigError, "n-gram range {}-{}: n-grams start at 1", ngram_min, ngram_max);
  STYLOKIT_CHECK(ngram_min <= ngram_max, ConfigError, "n-gram range {}-{}: the first number must not exceed the second",
                 ngram_min, ngram_max);
  STYLOKIT_CHECK(ngram_max <= 64, ConfigError, "n-gram range {}-{}: n above 64 is not supported", ngram_min, ngram_max);
  for (const auto* b : {&min_df, &max_df}) {
    const char* name = b == &min_df ? "min_df" : "max_df";
    STYLOKIT_CHECK(std::isfinite(b->value) && b->value >= 0, ConfigError, "{}: must not be negative, got {}", name,
                   b->value);
    STYLOKIT_CHECK(!b->is_proportion || b->value <= 1, ConfigError, "{}: a proportion must be within [0, 1], got {}",
                   name, b->value);
  }
  if (min_df.is_proportion == max_df.is_proportion)
    STYLOKIT_CHECK(min_df.value <= max_df.value, ConfigError, "min_df ({}) is above max_df ({})", min_df.value,
                   max_df.value);
  STYLOKIT_CHECK(threads >= 0, ConfigError, "threads: must not be negative, got {}", threads);
  STYLOKIT_CHECK(stop_words.empty() || analyzer == Analyzer::kWord, ConfigError,
                 "stop words apply to word features only, not to character n-grams");
  for (const auto& w : stop_words) STYLOKIT_CHECK(!w.empty(), ConfigError, "stop words: an empty stop word");
  if (hash_buckets > 0) {
    STYLOKIT_CHECK(vocabulary.empty(), ConfigError, "feature hashing cannot be combined with a fixed vocabulary");
    STYLOKIT_CHECK(max_features == 0, ConfigError, "feature hashing cannot be combined with max_features");
    STYLOKIT_CHECK(!(min_df.is_proportion == false && min_df.value > 1) && !(min_df.is_proportion && min_df.value > 0),
                   ConfigError, "feature hashing cannot be combined with min_df");
    STYLOKIT_CHECK(max_df.is_proportion && max_df.value == 1.0, ConfigError,
                   "feature hashing cannot be combined with max_df");
    STYLOKIT_CHECK(hash_buckets <= (size_t{1} << 31), ConfigError, "hash buckets: at most 2^31, got {}", hash_buckets);
  }
}

namespace {

template <class E>
E parse_enum(const std::string& s, const char* option, std::initializer_list<std::pair<const char*, E>> names) {
  std::string list;
  for (const auto& [name, value] : names) {
    if (s == name) return value;
    if (!list.empty()) list += '|';
    list += name;
  }
  throw ConfigError(fmt::format("{}: expected {}, got '{}'", option, list, s));
}

}  // namespace

TokenizerKind parse_tokenizer(const std::string& s) {
  return parse_enum<TokenizerKind>(s, "--tokenizer",
                                   {{"icu", TokenizerKind::kIcu}, {"sklearn", TokenizerKind::kSklearn}});
}
TfWeight parse_tf(const std::string& s) {
  return parse_enum<TfWeight>(s, "--tf",
                              {{"raw", TfWeight::kRaw},
                               {"binary", TfWeight::kBinary},
                               {"sublinear", TfWeight::kSublinear},
                               {"relative", TfWeight::kRelative}});
}
IdfWeight parse_idf(const std::string& s) {
  return parse_enum<IdfWeight>(
      s, "--idf", {{"none", IdfWeight::kNone}, {"smooth", IdfWeight::kSmooth}, {"plain", IdfWeight::kPlain}});
}
Norm parse_norm(const std::string& s) {
  return parse_enum<Norm>(s, "--norm", {{"l2", Norm::kL2}, {"l1", Norm::kL1}, {"none", Norm::kNone}});
}

void parse_feature_spec(const std::string& spec, VectorizerOptions& options) {
  const std::string bad = fmt::format(
      "--features: expected KIND:N1-N2 with KIND word|char|char_wb (e.g. word:1-2, char_wb:3-5), got '{}'", spec);
  const size_t colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  if (kind == "word")
    options.analyzer = Analyzer::kWord;
  else if (kind == "char")
    options.analyzer = Analyzer::kChar;
  else if (kind == "char_wb")
    options.analyzer = Analyzer::kCharWb;
  else
    throw ConfigError(bad);
  if (colon == std::string::npos) {
    STYLOKIT_CHECK(options.analyzer == Analyzer::kWord, ConfigError, "{}", bad);
    options.ngram_min = options.ngram_max = 1;
    return;
  }
  const std::string range = spec.substr(colon + 1);
  const size_t dash = range.find('-');
  auto number = [&](const std::string& s) {
    STYLOKIT_CHECK(
        !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }),
        ConfigError, "{}", bad);
    return std::stoi(s);
  };
  options.ngram_min = number(range.substr(0, dash));
  options.ngram_max = dash == std::string::npos ? options.ngram_min : number(range.substr(dash + 1));
  STYLOKIT_CHECK(options.ngram_min >= 1 && options.ngram_min <= options.ngram_max, ConfigError,
                 "--features '{}': n-gram range {}-{} must satisfy 1 <= N1 <= N2", spec, options.ngram_min,
                 options.ngram_max);
}

uint64_t term_hash(std::string_view term) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : term) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

// ---------------------------------------------------------------------------------------
// Vocabulary

Vocabulary::Vocabulary(std::vector<std::string> terms, std::vector<int64_t> dfs, std::vector<int64_t> counts)
    : terms_(std::move(terms)), dfs_(std::move(dfs)), counts_(std::move(counts)) {
  STYLOKIT_ASSERT(dfs_.size() == terms_.size());
  STYLOKIT_ASSERT(counts_.empty() || counts_.size() == terms_.size());
  STYLOKIT_CHECK(terms_.size() < 0xFFFFFFFFu, ConfigError, "vocabulary: {} terms is too many", terms_.size());
  bool sorted = true;
  for (size_t i = 1; i < terms_.size() && sorted; ++i) sorted = terms_[i - 1] < terms_[i];
  if (sorted) return;
  by_term_.resize(terms_.size());
  std::iota(by_term_.begin(), by_term_.end(), 0u);
  std::sort(by_term_.begin(), by_term_.end(), [&](uint32_t a, uint32_t b) { return terms_[a] < terms_[b]; });
  for (size_t i = 1; i < by_term_.size(); ++i)
    STYLOKIT_CHECK(terms_[by_term_[i - 1]] != terms_[by_term_[i]], ConfigError, "vocabulary: duplicate term '{}'",
                   terms_[by_term_[i]]);
}

std::optional<size_t> Vocabulary::find(std::string_view term) const {
  if (by_term_.empty()) {
    auto it = std::lower_bound(terms_.begin(), terms_.end(), term,
                               [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
    if (it == terms_.end() || *it != term) return std::nullopt;
    return static_cast<size_t>(it - terms_.begin());
  }
  auto it = std::lower_bound(by_term_.begin(), by_term_.end(), term,
                             [&](uint32_t a, std::string_view b) { return std::string_view(terms_[a]) < b; });
  if (it == by_term_.end() || terms_[*it] != term) return std::nullopt;
  return *it;
}

// ---------------------------------------------------------------------------------------
// Counting

namespace {

int resolve_threads(int threads, size_t docs) {
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

constexpr uint32_t kSeqFlag = 0x80000000u;  // an entry id of `seqs`, not of `table`

// A worker's entries, appended in document order, in blocks of 2^18 (2 MB, one huge page) that
// never move: a growing vector copied everything at each doubling into fresh memory, and fresh
// memory is what this VM is slow at (perf, char_wb 3-5: the copies and their page faults were a
// sixth of the kernel's page clearing).
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

constexpr size_t kChunk = 8;  // documents taken at a time by a worker

// Word n-grams of at most 2 words are counted in Worker::pairs, longer ones in Worker::seqs.
bool counts_in_pairs(const VectorizerOptions& o) {
  return o.analyzer == Analyzer::kWord && o.ngram_max == 2;
}

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
int64_t count_learn(Worker& wk, DocAnalyzer& analyzer, const Document& doc, const VectorizerOptions& o) {
  int64_t total = 0;
  if (o.analyzer == Analyzer::kChar) {
    analyzer.run(doc.raw, doc.kept, [&](std::string_view term) {
      ++total;
      wk.table.count(term);
    });
    wk.table.end_document([&](uint32_t id, uint32_t c) { wk.entries.push_back({id, c}); });
    return total;
  }
  const std::vector<std::string_view>& units = analyzer.units(doc.raw, doc.kept);
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

// ---- Ordering the learned vocabulary (kLearn) ----
//
// Term ids follow the byte order of the terms. Sorting half a million strings through
// string_view comparisons was a fifth of a word 1-2 run, so terms are sorted by integer keys:
// a 64-bit `prefix` decides almost every comparison, the rest only breaks its ties.
//  - character n-grams and word unigrams: the first 8 bytes, big-endian (ties: whole term);
//  - word n-grams: the tuple of their unigrams' ranks in the merged unigram vocabulary. Joined
//    with ' ', terms compare exactly as these tuples do whenever every unigram byte is above
//    ' ' (a shorter tuple that is a prefix sorts first, as "a" < "a b"; and where two first
//    words differ, one being a prefix of the other, ' ' sorts below the longer word's next
//    byte). Both tokenizers' words hold no byte <= ' ' (checked: an internal error otherwise).

struct SortKeys {
  std::vector<uint64_t> prefix;  // per local id
  std::vector<uint32_t> tail;    // tuples: ranks 3..W (+1, 0-padded), `tail_width` per id
  size_t tail_width = 0;
  bool by_string = true;  // ties broken by the terms themselves (else by tail)
};

uint64_t string_prefix(std::string_view s) {
  unsigned char b[8] = {};
  std::memcpy(b, s.data(), std::min<size_t>(8, s.size()));
  uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return v;
}

// -1, 0, 1 as term i of `a` sorts before, equal to or after term j of `b`.
int compare_terms(const SortKeys& ka, const std::vector<std::string_view>& ta, uint32_t i, const SortKeys& kb,
                  const std::vector<std::string_view>& tb, uint32_t j) {
  if (ka.prefix[i] != kb.prefix[j]) return ka.prefix[i] < kb.prefix[j] ? -1 : 1;
  if (ka.by_string) {
    const int c = ta[i].compare(tb[j]);
    return (c > 0) - (c < 0);
  }
  const size_t w = ka.tail_width;
  for (size_t k = 0; k < w; ++k) {
    const uint32_t x = ka.tail[i * w + k], y = kb.tail[j * w + k];
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// Local ids 0..n-1 in key order: an LSD radix sort of (prefix, id) on the prefix bytes that
// vary (stable, so equal prefixes stay in id order), then each run of equal prefixes sorted
// by the rest of the key.
std::vector<uint32_t> sorted_ids(const SortKeys& keys, const std::vector<std::string_view>& terms,
                                 std::vector<uint64_t>& sorted_prefix) {
  struct Item {
    uint64_t prefix;
    uint32_t id;
  };
  const size_t n = keys.prefix.size();
  std::vector<Item> items(n), tmp(n);
  for (size_t i = 0; i < n; ++i) items[i] = {keys.prefix[i], static_cast<uint32_t>(i)};
  std::vector<std::array<uint32_t, 256>> count(8);
  for (auto& c : count) c.fill(0);
  for (const Item& it : items)
    for (int b = 0; b < 8; ++b) ++count[static_cast<size_t>(b)][(it.prefix >> (8 * b)) & 0xFF];
  for (int b = 0; b < 8; ++b) {
    auto& c = count[static_cast<size_t>(b)];
    if (std::find(c.begin(), c.end(), static_cast<uint32_t>(n)) != c.end()) continue;  // one value: no pass
    uint32_t sum = 0;
    for (auto& x : c) {
      const uint32_t here = x;
      x = sum;
      sum += here;
    }
    for (const Item& it : items) tmp[c[(it.prefix >> (8 * b)) & 0xFF]++] = it;
    items.swap(tmp);
  }
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && items[j].prefix == items[i].prefix) ++j;
    if (j - i > 1)
      std::sort(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(j),
                [&](const Item& a, const Item& b) {
                  const int c = compare_terms(keys, terms, a.id, keys, terms, b.id);
                  return c != 0 ? c < 0 : a.id < b.id;
                });
    i = j;
  }
  std::vector<uint32_t> ids(n);
  sorted_prefix.resize(n);
  for (size_t i = 0; i < n; ++i) ids[i] = items[i].id, sorted_prefix[i] = items[i].prefix;
  return ids;
}

SortKeys string_keys(const std::vector<std::string_view>& terms) {
  SortKeys k;
  k.prefix.reserve(terms.size());
  for (auto t : terms) k.prefix.push_back(string_prefix(t));
  return k;
}

// One worker's terms in key order, ready for the merge.
struct SortedTerms {
  SortKeys keys;
  std::vector<std::string_view> terms;  // by local id (may be empty on the tuple path)
  std::vector<uint32_t> order;          // local ids in key order
  std::vector<uint64_t> order_prefix;   // their prefixes (the merge reads them in order)
};

// Merges the workers' sorted term lists. Fills to_global[w][local id] with the merged id and
// returns, per merged id, the (worker, local id) it was first seen at; with merged_prefix, also
// its prefix key (read here in order; by id later it would be a cache miss per term).
std::vector<std::pair<uint32_t, uint32_t>> merge_sorted(const std::vector<SortedTerms>& lists,
                                                        std::vector<std::vector<uint32_t>>& to_global,
                                                        std::vector<uint64_t>* merged_prefix = nullptr) {
  const size_t nw = lists.size();
  to_global.assign(nw, {});
  for (size_t w = 0; w < nw; ++w) to_global[w].assign(lists[w].keys.prefix.size(), 0);
  std::vector<size_t> pos(nw, 0);
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  size_t total = 0;  // an upper bound (terms in several lists merge): reserved, touched as used
  for (const auto& l : lists) total += l.order.size();
  merged.reserve(total);
  if (merged_prefix != nullptr) merged_prefix->reserve(total);
  // The term at position i of list a's order sorts before the one at position j of list b's;
  // the prefixes, read in order, decide almost always.
  auto before = [&](size_t a, size_t i, size_t b, size_t j) {
    const uint64_t pa = lists[a].order_prefix[i], pb = lists[b].order_prefix[j];
    if (pa != pb) return pa < pb;
    // Word pairs: the prefix is the whole key, so equal prefixes are the same term (and the
    // call below would read both keys at random).
    if (!lists[a].keys.by_string && lists[a].keys.tail_width == 0) return false;
    return compare_terms(lists[a].keys, lists[a].terms, lists[a].order[i], lists[b].keys, lists[b].terms,
                         lists[b].order[j]) < 0;
  };
  size_t last_w = 0, last_pos = 0;  // where the last merged term came from
  for (;;) {
    // The smallest head; a handful of workers, so a linear scan beats a heap.
    size_t best = nw;
    for (size_t w = 0; w < nw; ++w) {
      if (pos[w] == lists[w].order.size()) continue;
      if (best == nw || before(w, pos[w], best, pos[best])) best = w;
    }
    if (best == nw) break;
    const uint32_t id = lists[best].order[pos[best]];
    if (merged.empty() || before(last_w, last_pos, best, pos[best])) {
      merged.emplace_back(static_cast<uint32_t>(best), id);
      if (merged_prefix != nullptr) merged_prefix->push_back(lists[best].order_prefix[pos[best]]);
    }
    last_w = best, last_pos = pos[best];
    to_global[best][id] = static_cast<uint32_t>(merged.size() - 1);
    ++pos[best];
  }
  return merged;
}

// The learned vocabulary in byte order, and every worker's entries renumbered to it.
std::vector<std::string> order_vocabulary(std::vector<Worker>& workers, const VectorizerOptions& o) {
  const size_t nw = workers.size();
  const bool word = o.analyzer == Analyzer::kWord;
  const bool has_seqs = word && o.ngram_max >= 2;
  const bool unigram_terms = !word || o.ngram_min == 1;

  // 1. Each worker sorts its `table` terms (all terms, or the words of word n-grams).
  std::vector<SortedTerms> tables(nw);
  run_parallel(static_cast<int>(nw), [&](int w) {
    Worker& wk = workers[static_cast<size_t>(w)];
    // char_wb's word cache is done with (freed on its own thread, for reuse).
    wk.words = TermTable();
    wk.word_begin = {};
    wk.word_grams = {};
    wk.grams = {};
    SortedTerms& st = tables[static_cast<size_t>(w)];
    st.terms.reserve(wk.table.size());
    for (uint32_t id = 0; id < wk.table.size(); ++id) st.terms.push_back(wk.table.term(id));
    st.keys = string_keys(st.terms);
    st.order = sorted_ids(st.keys, st.terms, st.order_prefix);
  });
  std::vector<std::vector<uint32_t>> table_rank;
  const std::vector<std::pair<uint32_t, uint32_t>> words = merge_sorted(tables, table_rank);

  std::vector<std::string> vocabulary;
  std::vector<std::vector<uint32_t>> to_global;
  if (!has_seqs) {
    to_global = std::move(table_rank);
    vocabulary.reserve(words.size());
    for (auto [w, id] : words) vocabulary.emplace_back(tables[w].terms[id]);
  } else {
    for (auto [w, id] : words)
      for (unsigned char c : tables[w].terms[id])
        STYLOKIT_ASSERT(c > ' ' && "a word holds a byte <= ' ': its n-grams would not sort as tuples");
    // 2. Each worker keys and sorts its terms: unigrams (if they are terms) then n-grams.
    std::vector<SortedTerms> lists(nw);
    const size_t width = static_cast<size_t>(o.ngram_max);
    run_parallel(static_cast<int>(nw), [&](int wi) {
      const auto w = static_cast<size_t>(wi);
      Worker& wk = workers[w];
      SortedTerms& st = lists[w];
      const size_t unigrams = unigram_terms ? wk.table.size() : 0;
      st.keys.by_string = false;
      st.keys.tail_width = width > 2 ? width - 2 : 0;
      const bool pairs = counts_in_pairs(o);
      const size_t seqs = pairs ? wk.pairs.size() : wk.seqs.size();
      const size_t n = unigrams + seqs;
      st.keys.prefix.resize(n);
      st.keys.tail.assign(n * st.keys.tail_width, 0);
      const auto& rank = table_rank[w];
      for (size_t id = 0; id < unigrams; ++id) st.keys.prefix[id] = uint64_t{rank[id] + 1} << 32;
      for (uint32_t s = 0; s < seqs; ++s) {
        const std::string_view key = pairs ? wk.pairs.term(s) : wk.seqs.term(s);
        const size_t len = key.size() / sizeof(uint32_t);
        uint64_t prefix = 0;
        for (size_t k = 0; k < len; ++k) {
          uint32_t u;
          std::memcpy(&u, key.data() + k * sizeof u, sizeof u);
          const uint32_t r = rank[u] + 1;
          if (k == 0)
            prefix = uint64_t{r} << 32;
          else if (k == 1)
            prefix |= r;
          else
            st.keys.tail[(unigrams + s) * st.keys.tail_width + (k - 2)] = r;
        }
        st.keys.prefix[unigrams + s] = prefix;
      }
      // The n-grams are keys now: their table goes (freed on its own thread, for reuse).
      wk.pairs = PairTable();
      wk.seqs = TermTable();
      st.order = sorted_ids(st.keys, st.terms, st.order_prefix);
    });
    std::vector<uint64_t> merged_prefix;
    const std::vector<std::pair<uint32_t, uint32_t>> merged = merge_sorted(lists, to_global, &merged_prefix);
    // The n-gram strings, built by the workers over equal slices of the merged order.
    std::vector<std::string_view> word_text(words.size());
    for (size_t r = 0; r < words.size(); ++r) word_text[r] = tables[words[r].first].terms[words[r].second];
    vocabulary.resize(merged.size());
    run_parallel(static_cast<int>(nw), [&](int wi) {
      const size_t w = static_cast<size_t>(wi);
      std::vector<uint32_t> parts;
      for (size_t m = merged.size() * w / nw; m < merged.size() * (w + 1) / nw; ++m) {
        const auto [lw, id] = merged[m];
        const SortKeys& k = lists[lw].keys;
        parts.clear();
        const uint64_t prefix = merged_prefix[m];
        for (uint32_t r : {static_cast<uint32_t>(prefix >> 32), static_cast<uint32_t>(prefix & 0xFFFFFFFFu)})
          if (r != 0) parts.push_back(r - 1);
        for (size_t j = 0; j < k.tail_width; ++j)
          if (const uint32_t r = k.tail[id * k.tail_width + j]; r != 0) parts.push_back(r - 1);
        size_t len = parts.size() - 1;
        for (uint32_t r : parts) len += word_text[r].size();
        std::string& t = vocabulary[m];
        t.resize(len);
        char* p = t.data();
        for (size_t i = 0; i < parts.size(); ++i) {
          if (i > 0) *p++ = ' ';
          std::memcpy(p, word_text[parts[i]].data(), word_text[parts[i]].size());
          p += word_text[parts[i]].size();
        }
      }
    });
    // Entries of the n-gram table follow the unigrams in the local numbering above.
    for (size_t w = 0; w < nw; ++w) {
      const auto unigrams = static_cast<uint32_t>(unigram_terms ? workers[w].table.size() : 0);
      EntryLog& entries = workers[w].entries;
      for (size_t k = 0; k < entries.size(); ++k)
        if (entries[k].id & kSeqFlag) entries[k].id = unigrams + (entries[k].id & ~kSeqFlag);
    }
  }
  // The last table is done with (the word cache went in step 1, the n-gram tables in step 2):
  // free it now, on the thread whose malloc arena holds it, so that the matrix built next
  // reuses its memory instead of faulting in fresh pages.
  run_parallel(static_cast<int>(nw), [&](int wi) {
    const auto w = static_cast<size_t>(wi);
    Worker& wk = workers[w];
    wk.to_global = std::move(to_global[w]);
    wk.table = TermTable();
    wk.doc_count = {};
    wk.touched = {};
  });
  return vocabulary;
}

// Sorts packed (column << 32 | count) values by column (columns are distinct within a row):
// LSD radix on 11-bit digits of the column for long rows, std::sort for short ones.
void sort_row(std::vector<uint64_t>& v, std::vector<uint64_t>& tmp, int column_bits) {
  if (v.size() < 256) {
    std::sort(v.begin(), v.end());
    return;
  }
  constexpr int kDigit = 11;
  uint32_t count[1u << kDigit];
  tmp.resize(v.size());
  for (int shift = 32; shift < 32 + column_bits; shift += kDigit) {
    std::fill(std::begin(count), std::end(count), 0u);
    for (uint64_t x : v) ++count[(x >> shift) & ((1u << kDigit) - 1)];
    uint32_t sum = 0;
    for (auto& c : count) {
      const uint32_t here = c;
      c = sum;
      sum += here;
    }
    for (uint64_t x : v) tmp[count[(x >> shift) & ((1u << kDigit) - 1)]++] = x;
    v.swap(tmp);
  }
}

constexpr uint32_t kDropped = ~0u;  // a column removed by pruning (Fit::column)

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
  void row(size_t r, std::vector<uint64_t>& v, std::vector<uint64_t>& tmp) const {
    const Worker& wk = workers[slices[r].worker];
    v.clear();
    for (size_t k = 0; k < slices[r].size; ++k) {
      const Entry& e = wk.entries[slices[r].begin + k];
      const uint32_t c = column(wk, e);
      if (c != kDropped) v.push_back(uint64_t{c} << 32 | e.count);
    }
    sort_row(v, tmp, column_bits);
  }
};

// Fills f.dfs and f.counts (per column of f.terms) from the entries, before pruning.
// With many entries per column (character n-grams: 23 per column on Brown char_wb 3-5) each
// worker counts its own entries into arrays of its own, summed afterwards (integer sums: the
// same for any split); with few (word n-grams: 2.4) those arrays would be more fresh memory
// than the pass is worth, and one thread counts.
void column_stats(Fit& f) {
  const size_t cols = f.terms.size();
  std::vector<int64_t>& dfs = f.dfs;
  std::vector<int64_t>& counts = f.counts;
  dfs.assign(cols, 0);
  counts.assign(cols, 0);
  size_t nnz = 0;
  for (const Worker& wk : f.workers) nnz += wk.entries.size();
  auto count = [&](const Worker& wk, int64_t* df, int64_t* cnt) {
    wk.entries.for_each([&](const Entry& e) {
      const uint32_t c = f.column(wk, e);
      ++df[c];
      cnt[c] += e.count;
    });
  };
  const size_t nw = f.workers.size();
  if (nw < 2 || cols * 8 > nnz) {
    for (const Worker& wk : f.workers) count(wk, dfs.data(), counts.data());
    return;
  }
  std::vector<std::vector<int64_t>> partial(nw - 1);  // worker w > 0: df then count, 2 × cols
  run_parallel(static_cast<int>(nw), [&](int wi) {
    const auto w = static_cast<size_t>(wi);
    if (w == 0) {
      count(f.workers[0], dfs.data(), counts.data());
    } else {
      partial[w - 1].assign(2 * cols, 0);
      count(f.workers[w], partial[w - 1].data(), partial[w - 1].data() + cols);
    }
  });
  for (const auto& p : partial)
    for (size_t c = 0; c < cols; ++c) {
      dfs[c] += p[c];
      counts[c] += p[cols + c];
    }
}

std::string describe(const DfBound& b, size_t n) {
  if (!b.is_proportion) return fmt::format("{} documents", b.value);
  return fmt::format("{} × {} = {} documents", b.value, n, b.documents(n));
}

// Analyses, counts, orders and prunes (count_terms without building the matrix).
Fit fit(const Corpus& corpus, const VectorizerOptions& options) {
  options.validate();
  const size_t n = corpus.size();
  STYLOKIT_CHECK(n > 0, DataError, "{}: the corpus has no documents", corpus.origin);
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

  run_parallel(threads, [&](int w) {
    Worker& wk = workers[static_cast<size_t>(w)];
    DocAnalyzer analyzer(options, &stop);
    if (mode != Mode::kLearn) wk.doc_count.assign(fixed_cols, 0);
    for (;;) {
      const size_t d0 = next.fetch_add(kChunk);
      if (d0 >= n) break;
      for (size_t d = d0; d < std::min(n, d0 + kChunk); ++d) {
        const Document& doc = corpus.documents[d];
        int64_t total = 0;
        slices[d] = {static_cast<uint32_t>(w), wk.entries.size(), 0};
        if (mode == Mode::kLearn) {
          total = count_learn(wk, analyzer, doc, options);
        } else {
          auto count = [&](uint32_t id) {
            if (wk.doc_count[id]++ == 0) wk.touched.push_back(id);
          };
          if (mode == Mode::kFixed) {
            analyzer.run(doc.raw, doc.kept, [&](std::string_view term) {
              ++total;
              const uint32_t id = fixed.find(term);
              if (id != TermTable::kAbsent) count(id);
            });
          } else {
            analyzer.run(doc.raw, doc.kept, [&](std::string_view term) {
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
    }
  });

  std::vector<std::string>& terms = f.terms;
  if (mode == Mode::kLearn) {
    terms = order_vocabulary(workers, options);
    STYLOKIT_CHECK(!terms.empty(), DataError,
                   "{}: empty vocabulary: the documents hold no terms (only stop words, or too short for the n-gram "
                   "range?)",
                   corpus.origin);
    f.terms_before_pruning = terms.size();
  } else if (mode == Mode::kFixed) {
    terms = options.vocabulary;
  } else {
    terms.reserve(fixed_cols);
    for (size_t b = 0; b < fixed_cols; ++b) terms.push_back(fmt::format("hash:{}", b));
  }
  for (Worker& wk : workers) wk.doc_count = {};
  column_stats(f);

  bool pruned = false;
  if (mode == Mode::kLearn) {
    // Pruning as sklearn's _limit_features: df within [min, max], then the max_features most
    // frequent (ties: the smaller column id, i.e. the term that sorts first).
    const double low = options.min_df.documents(n);
    const double high = options.max_df.documents(n);
    STYLOKIT_CHECK(high >= low, ConfigError, "min_df ({}) is above max_df ({}) for {} documents",
                   describe(options.min_df, n), describe(options.max_df, n), n);
    std::vector<char> keep(terms.size(), 0);
    size_t kept = 0;
    for (size_t c = 0; c < terms.size(); ++c) {
      const auto df = static_cast<double>(f.dfs[c]);
      keep[c] = df >= low && df <= high;
      kept += static_cast<size_t>(keep[c]);
    }
    if (options.max_features > 0 && kept > options.max_features) {
      std::vector<uint32_t> order;
      order.reserve(kept);
      for (size_t c = 0; c < terms.size(); ++c)
        if (keep[c]) order.push_back(static_cast<uint32_t>(c));
      std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return f.counts[a] > f.counts[b]; });
      std::fill(keep.begin(), keep.end(), 0);
      for (size_t k = 0; k < options.max_features; ++k) keep[order[k]] = 1;
      kept = options.max_features;
    }
    STYLOKIT_CHECK(kept > 0, DataError,
                   "{}: no terms remain after pruning ({} terms, min_df {}, max_df {}): lower min_df or raise max_df",
                   corpus.origin, terms.size(), describe(options.min_df, n), describe(options.max_df, n));
    if (kept < terms.size()) {
      pruned = true;
      std::vector<uint32_t> remap(terms.size(), kDropped);
      uint32_t w = 0;
      for (size_t c = 0; c < terms.size(); ++c) {
        if (!keep[c]) continue;
        remap[c] = w;
        if (w != c) terms[w] = std::move(terms[c]);
        f.dfs[w] = f.dfs[c];
        f.counts[w] = f.counts[c];
        ++w;
      }
      terms.resize(w);
      f.dfs.resize(w);
      f.counts.resize(w);
      run_parallel(static_cast<int>(workers.size()), [&](int wi) {
        for (uint32_t& c : workers[static_cast<size_t>(wi)].to_global) c = remap[c];
      });
    }
  }

  f.column_bits = std::max(1, static_cast<int>(std::bit_width(terms.size())));
  f.outer.resize(n + 1);
  f.outer[0] = 0;
  if (!pruned) {
    for (size_t r = 0; r < n; ++r) f.outer[r + 1] = static_cast<int64_t>(slices[r].size);
  } else {
    parallel_for(n, options.threads, [&](size_t r) {
      const Worker& wk = workers[slices[r].worker];
      int64_t size = 0;
      for (size_t k = 0; k < slices[r].size; ++k) size += f.column(wk, wk.entries[slices[r].begin + k]) != kDropped;
      f.outer[r + 1] = size;
    });
  }
  for (size_t r = 0; r < n; ++r) f.outer[r + 1] += f.outer[r];
  return f;
}

// The CSR matrix of raw counts: rows built in parallel (blocks of rows per task).
DocTermMatrix assemble(const Fit& f, int threads) {
  const size_t rows = f.slices.size();
  DocTermMatrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(f.terms.size()));
  auto* outer = m.outerIndexPtr();
  std::copy(f.outer.begin(), f.outer.end(), outer);
  m.resizeNonZeros(outer[rows]);
  auto* inner = m.innerIndexPtr();
  auto* values = m.valuePtr();
  constexpr size_t kRowsPerTask = 16;
  const size_t tasks = (rows + kRowsPerTask - 1) / kRowsPerTask;
  std::vector<std::vector<uint64_t>> scratch(2 * worker_count(tasks, threads));
  parallel_for_workers(tasks, threads, [&](size_t t, size_t w) {
    std::vector<uint64_t>& v = scratch[2 * w];
    for (size_t r = t * kRowsPerTask; r < std::min(rows, (t + 1) * kRowsPerTask); ++r) {
      f.row(r, v, scratch[2 * w + 1]);
      const int64_t at = outer[r];
      for (size_t k = 0; k < v.size(); ++k) {
        inner[at + static_cast<int64_t>(k)] = static_cast<int64_t>(v[k] >> 32);
        values[at + static_cast<int64_t>(k)] = static_cast<double>(static_cast<uint32_t>(v[k]));
      }
    }
  });
  return m;
}

}  // namespace

CountResult count_terms(const Corpus& corpus, const VectorizerOptions& options) {
  Fit f = fit(corpus, options);
  CountResult out;
  assemble(f, options.threads).swap(out.counts);
  f.workers.clear();
  out.doc_ids = corpus.ids();
  out.doc_totals = std::move(f.doc_totals);
  out.terms_before_pruning = f.terms_before_pruning;
  out.vocabulary = Vocabulary(std::move(f.terms), std::move(f.dfs), std::move(f.counts));
  return out;
}

// ---------------------------------------------------------------------------------------
// Weighting

namespace {

// idf per column (empty for IdfWeight::kNone). As sklearn: idf = log(n_samples / df) + 1,
// with n_samples and df both + 1 when smoothing.
std::vector<double> idf_weights(const Vocabulary& vocabulary, size_t rows, const VectorizerOptions& options) {
  std::vector<double> idf;
  if (options.idf == IdfWeight::kNone) return idf;
  idf.resize(vocabulary.size());
  const int smooth = options.idf == IdfWeight::kSmooth ? 1 : 0;
  const double n_samples = static_cast<double>(rows + static_cast<size_t>(smooth));
  for (size_t c = 0; c < idf.size(); ++c) {
    const double df = static_cast<double>(vocabulary.df(c) + smooth);
    idf[c] = std::log(n_samples / df) + 1.0;
  }
  return idf;
}

// Applies tf, idf and norm to one row's n counts (columns cols), in place; `total` is the
// document's number of terms before pruning (kRelative). One fixed order of arithmetic, so
// the in-memory and the streamed matrix hold the same doubles.
void weight_row(double* values, const int64_t* cols, size_t n, int64_t total, const std::vector<double>& idf,
                const VectorizerOptions& options) {
  for (size_t k = 0; k < n; ++k) {
    double v = values[k];
    switch (options.tf) {
      case TfWeight::kRaw: break;
      case TfWeight::kBinary: v = 1.0; break;
      case TfWeight::kSublinear: v = std::log(v) + 1.0; break;
      case TfWeight::kRelative: v = v / static_cast<double>(total) * 100.0; break;
    }
    if (!idf.empty()) v *= idf[static_cast<size_t>(cols[k])];
    values[k] = v;
  }
  if (options.norm == Norm::kNone) return;
  double sum = 0;
  if (options.norm == Norm::kL2) {
    for (size_t k = 0; k < n; ++k) sum += values[k] * values[k];
    if (sum == 0.0) return;
    sum = std::sqrt(sum);
  } else {
    for (size_t k = 0; k < n; ++k) sum += std::fabs(values[k]);
    if (sum == 0.0) return;
  }
  for (size_t k = 0; k < n; ++k) values[k] /= sum;
}

// Applies tf, idf and norm to `m` in place (the counts of `counts`).
void weight_in_place(DocTermMatrix& m, const CountResult& counts, const VectorizerOptions& options) {
  const size_t rows = static_cast<size_t>(m.rows());
  STYLOKIT_ASSERT(counts.doc_totals.size() == rows || options.tf != TfWeight::kRelative);
  STYLOKIT_ASSERT(counts.vocabulary.size() == static_cast<size_t>(m.cols()));
  const auto* outer = m.outerIndexPtr();
  const auto* inner = m.innerIndexPtr();
  double* values = m.valuePtr();
  const std::vector<double> idf = idf_weights(counts.vocabulary, rows, options);
  // Rows are independent: blocks of rows in parallel, each row's arithmetic in one fixed order.
  constexpr size_t kRowsPerTask = 32;
  parallel_for((rows + kRowsPerTask - 1) / kRowsPerTask, options.threads, [&](size_t t) {
    for (size_t r = t * kRowsPerTask; r < std::min(rows, (t + 1) * kRowsPerTask); ++r)
      weight_row(values + outer[r], inner + outer[r], static_cast<size_t>(outer[r + 1] - outer[r]),
                 counts.doc_totals.empty() ? 0 : counts.doc_totals[r], idf, options);
  });
}

}  // namespace

DocTermMatrix weight(const CountResult& counts, const VectorizerOptions& options) {
  DocTermMatrix m = counts.counts;
  weight_in_place(m, counts, options);
  return m;
}

Vectorized vectorize(const Corpus& corpus, const VectorizerOptions& options) {
  CountResult counts = count_terms(corpus, options);
  Vectorized out;
  out.matrix.swap(counts.counts);
  weight_in_place(out.matrix, counts, options);
  out.vocabulary = std::move(counts.vocabulary);
  out.doc_ids = std::move(counts.doc_ids);
  return out;
}

WrittenMatrix vectorize_to_file(const Corpus& corpus, const VectorizerOptions& options,
                                const std::filesystem::path& mtx_path) {
  Fit f = fit(corpus, options);
  const size_t rows = f.slices.size();
  const WrittenMatrix shape{rows, f.terms.size(), f.outer.back()};
  const Vocabulary vocabulary(std::move(f.terms), std::move(f.dfs), std::move(f.counts));
  const std::vector<double> idf = idf_weights(vocabulary, rows, options);
  std::vector<std::vector<uint64_t>> scratch(2 * static_cast<size_t>(resolve_thread_count(options.threads)));
  save_matrix_rows(
      mtx_path, f.outer, vocabulary.size(),
      [&](size_t r, size_t w, MatrixRow& out) {
        std::vector<uint64_t>& v = scratch[2 * w];
        f.row(r, v, scratch[2 * w + 1]);
        out.cols.resize(v.size());
        out.values.resize(v.size());
        for (size_t k = 0; k < v.size(); ++k) {
          out.cols[k] = static_cast<int64_t>(v[k] >> 32);
          out.values[k] = static_cast<double>(static_cast<uint32_t>(v[k]));
        }
        weight_row(out.values.data(), out.cols.data(), v.size(), f.doc_totals[r], idf, options);
      },
      vocabulary, corpus.ids(), options.threads);
  return shape;
}

std::vector<std::string> analyze(std::string_view text, const VectorizerOptions& options) {
  options.validate();
  TermTable stop;
  for (const auto& w : options.stop_words) stop.intern(w);
  DocAnalyzer analyzer(options, &stop);
  std::vector<std::string> out;
  analyzer.run(text, {ByteRange{0, text.size()}}, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

// ---------------------------------------------------------------------------------------
// Word lists

namespace {

std::vector<std::string> read_lines_utf8(const std::filesystem::path& path) {
  const std::string bytes = read_file(path);
  if (auto bad = find_invalid_utf8(bytes))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", path.string(), *bad));
  std::vector<std::string> lines;
  size_t start = utf8_bom_length(bytes);
  while (start < bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    std::string line = bytes.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::string trim(std::string_view s) {
  const auto ws = " \t\r";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<std::string> load_stop_words(const std::string& name_or_path, const text::TextOptions* normalize_for) {
  std::filesystem::path path = name_or_path;
  if (name_or_path.find('/') == std::string::npos && name_or_path.find('.') == std::string::npos) {
    path = data_dir() / "stopwords" / (name_or_path + ".txt");
    STYLOKIT_CHECK(std::filesystem::exists(path), ConfigError, "stop words: no shipped list named '{}' (looked for {})",
                   name_or_path, path.string());
  }
  std::optional<text::Tokenizer> tokenizer;
  if (normalize_for != nullptr) tokenizer.emplace(*normalize_for);
  std::vector<std::string> words;
  for (const auto& raw_line : read_lines_utf8(path)) {
    std::string line = raw_line;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line = trim(line);
    if (line.empty()) continue;
    if (tokenizer) {
      std::string norm;
      tokenizer->normalize_append(line, norm);
      line = std::move(norm);
    }
    words.push_back(std::move(line));
  }
  return words;
}

}  // namespace stylokit::features
