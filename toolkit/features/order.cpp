#include <algorithm>
#include <array>
#include <cstring>

#include "toolkit/common/error.h"
#include "toolkit/features/internal/fit.h"

namespace stylokit::features::detail {

namespace {

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

}  // namespace

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

}  // namespace stylokit::features::detail
