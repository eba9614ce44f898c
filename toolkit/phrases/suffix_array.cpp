#include "toolkit/phrases/suffix_array.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <utility>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "toolkit/common/error.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace stylokit::phrases {

void advise_huge_pages(void* p, size_t bytes) {
#ifdef __linux__
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (p != nullptr && end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p, (void)bytes;
#endif
}

namespace {

// SA-IS after Nong, Zhang & Chan, "Two Efficient Algorithms for Linear Time Suffix Array
// Construction" (2011), with the reduced string and its suffix array kept inside SA.
// s[n-1] is the unique smallest symbol; types: 1 = S-type, 0 = L-type.

void bucket_bounds(const int32_t* s, int32_t n, int32_t k, std::vector<int32_t>& bkt, bool ends) {
  std::fill(bkt.begin(), bkt.end(), 0);
  for (int32_t i = 0; i < n; ++i) ++bkt[s[i]];
  int32_t sum = 0;
  for (int32_t c = 0; c < k; ++c) {
    sum += bkt[c];
    bkt[c] = ends ? sum : sum - bkt[c];
  }
}

void induce_l(const std::vector<uint8_t>& t, int32_t* sa, const int32_t* s, std::vector<int32_t>& bkt, int32_t n,
              int32_t k) {
  bucket_bounds(s, n, k, bkt, false);
  for (int32_t i = 0; i < n; ++i) {
    const int32_t j = sa[i] - 1;
    if (sa[i] > 0 && !t[j]) sa[bkt[s[j]]++] = j;
  }
}

void induce_s(const std::vector<uint8_t>& t, int32_t* sa, const int32_t* s, std::vector<int32_t>& bkt, int32_t n,
              int32_t k) {
  bucket_bounds(s, n, k, bkt, true);
  for (int32_t i = n - 1; i >= 0; --i) {
    const int32_t j = sa[i] - 1;
    if (sa[i] > 0 && t[j]) sa[--bkt[s[j]]] = j;
  }
}

void sais(const int32_t* s, int32_t* sa, int32_t n, int32_t k) {
  if (n == 1) {
    sa[0] = 0;
    return;
  }
  std::vector<uint8_t> t = huge_vector<uint8_t>(static_cast<size_t>(n));
  t[n - 1] = 1;
  t[n - 2] = 0;
  for (int32_t i = n - 3; i >= 0; --i) t[i] = (s[i] < s[i + 1] || (s[i] == s[i + 1] && t[i + 1])) ? 1 : 0;
  auto is_lms = [&t](int32_t i) { return i > 0 && t[i] && !t[i - 1]; };

  // Stage 1: sort the LMS substrings by one round of induced sorting.
  std::vector<int32_t> bkt(static_cast<size_t>(k));
  bucket_bounds(s, n, k, bkt, true);
  std::fill(sa, sa + n, -1);
  for (int32_t i = 1; i < n; ++i)
    if (is_lms(i)) sa[--bkt[s[i]]] = i;
  induce_l(t, sa, s, bkt, n, k);
  induce_s(t, sa, s, bkt, n, k);

  int32_t n1 = 0;
  for (int32_t i = 0; i < n; ++i)
    if (is_lms(sa[i])) sa[n1++] = sa[i];

  // Name the sorted LMS substrings; equal substrings get equal names.
  std::fill(sa + n1, sa + n, -1);
  int32_t name = 0, prev = -1;
  for (int32_t i = 0; i < n1; ++i) {
    const int32_t pos = sa[i];
    bool diff = false;
    for (int32_t d = 0; d < n; ++d) {
      if (prev == -1 || s[pos + d] != s[prev + d] || t[pos + d] != t[prev + d]) {
        diff = true;
        break;
      }
      if (d > 0 && (is_lms(pos + d) || is_lms(prev + d))) break;
    }
    if (diff) {
      ++name;
      prev = pos;
    }
    sa[n1 + pos / 2] = name - 1;
  }
  for (int32_t i = n - 1, j = n - 1; i >= n1; --i)
    if (sa[i] >= 0) sa[j--] = sa[i];

  // Stage 2: sort the reduced string (recursively when names repeat).
  int32_t* sa1 = sa;
  int32_t* s1 = sa + n - n1;
  if (name < n1) {
    sais(s1, sa1, n1, name);
  } else {
    for (int32_t i = 0; i < n1; ++i) sa1[s1[i]] = i;
  }

  // Stage 3: induce the full order from the sorted LMS suffixes.
  bucket_bounds(s, n, k, bkt, true);
  for (int32_t i = 1, j = 0; i < n; ++i)
    if (is_lms(i)) s1[j++] = i;
  for (int32_t i = 0; i < n1; ++i) sa1[i] = s1[sa1[i]];
  std::fill(sa + n1, sa + n, -1);
  for (int32_t i = n1 - 1; i >= 0; --i) {
    const int32_t j = sa[i];
    sa[i] = -1;
    sa[--bkt[s[j]]] = j;
  }
  induce_l(t, sa, s, bkt, n, k);
  induce_s(t, sa, s, bkt, n, k);
}

}  // namespace

std::vector<int32_t> build_suffix_array(std::span<const int32_t> text, int32_t alphabet) {
  STYLOKIT_CHECK(text.size() < static_cast<size_t>(std::numeric_limits<int32_t>::max()), DataError,
                 "suffix array: {} symbols exceed the limit of 2^31 - 2 tokens", text.size());
  STYLOKIT_CHECK(!text.empty() && text.back() == 0, ConfigError, "suffix array: text must end with the sentinel 0");
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n; ++i)
    STYLOKIT_CHECK((text[i] > 0 || i == n - 1) && text[i] < alphabet, ConfigError,
                   "suffix array: symbol {} at {} outside [1, {})", text[i], i, alphabet);
  std::vector<int32_t> sa = huge_vector<int32_t>(text.size());
  sais(text.data(), sa.data(), n, alphabet);
  return sa;
}

std::vector<int32_t> build_lcp(std::span<const int32_t> text, std::span<const int32_t> sa, int32_t stop_max) {
  STYLOKIT_ASSERT(text.size() == sa.size());
  const auto n = static_cast<int32_t>(text.size());
  std::vector<int32_t> lcp = huge_vector<int32_t>(text.size());
  if (n == 0) return lcp;
  // plcp holds Φ (the suffix before each suffix in SA order) and is overwritten in place by
  // the permuted LCP: Kasai's h-1 bound holds for the stopped comparison too, because the
  // stopped LCP is min(true LCP, distance to the next stop symbol) and both shrink by one.
  std::vector<int32_t> plcp = huge_vector<int32_t>(text.size());
  plcp[sa[0]] = -1;
  for (int32_t i = 1; i < n; ++i) plcp[sa[i]] = sa[i - 1];
  int32_t h = 0;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t j = plcp[i];
    if (j < 0) {
      plcp[i] = 0;
      h = 0;
      continue;
    }
    while (i + h < n && j + h < n && text[i + h] == text[j + h] && text[i + h] > stop_max) ++h;
    plcp[i] = h;
    if (h > 0) --h;
  }
  for (int32_t i = 0; i < n; ++i) lcp[i] = plcp[sa[i]];
  return lcp;
}

namespace {

// Sorts one tied group: v holds (key << 32 | position) in ascending position order; the
// result is ascending (key, position), i.e. a stable sort by key. Large groups: LSD radix
// sort on the key bits that vary (11-bit digits); small ones: a comparison sort on the packed
// values (unique, so the order is fully determined). Boost's branchless pdqsort there: the
// comparisons of random keys mispredict half the time in std::sort's partition, and on
// repetitive corpora these groups hold most suffixes for several rounds.
void sort_group(std::vector<uint64_t>& v, std::vector<uint64_t>& tmp, std::vector<uint32_t>& count) {
  const size_t g = v.size();
  if (g < 2048) {
    boost::sort::pdqsort_branchless(v.begin(), v.end());
    return;
  }
  uint32_t kmin = UINT32_MAX, kmax = 0;
  for (uint64_t x : v) {
    const auto k = static_cast<uint32_t>(x >> 32);
    kmin = std::min(kmin, k);
    kmax = std::max(kmax, k);
  }
  const int bits = std::bit_width(kmax - kmin);
  constexpr int kDigit = 11;
  constexpr uint32_t kMask = (1u << kDigit) - 1;
  tmp.resize(g);
  count.resize(size_t{1} << kDigit);
  for (int shift = 0; shift < bits; shift += kDigit) {
    std::fill(count.begin(), count.end(), 0);
    for (uint64_t x : v) ++count[((static_cast<uint32_t>(x >> 32) - kmin) >> shift) & kMask];
    uint32_t sum = 0;
    for (auto& c : count) {
      const uint32_t here = c;
      c = sum;
      sum += here;
    }
    for (uint64_t x : v) tmp[count[((static_cast<uint32_t>(x >> 32) - kmin) >> shift) & kMask]++] = x;
    v.swap(tmp);
  }
}

}  // namespace

std::vector<int32_t> build_bounded_suffix_array(std::span<const int32_t> text, int32_t alphabet, int32_t stop_max,
                                                uint32_t depth, SortSpare* spare, uint64_t partition_from) {
  STYLOKIT_CHECK(text.size() < static_cast<size_t>(std::numeric_limits<int32_t>::max()), DataError,
                 "suffix array: {} symbols exceed the limit of 2^31 - 2 tokens", text.size());
  STYLOKIT_CHECK(!text.empty() && text.back() <= stop_max, ConfigError,
                 "bounded suffix sort: text must end with a stop symbol");
  STYLOKIT_CHECK(depth >= 1, ConfigError, "bounded suffix sort: depth must be at least 1");
  STYLOKIT_CHECK(stop_max >= 0 && stop_max < alphabet, ConfigError, "bounded suffix sort: stop_max {} outside [0, {})",
                 stop_max, alphabet);
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n; ++i)
    STYLOKIT_CHECK(text[i] >= 0 && text[i] < alphabet, ConfigError, "suffix array: symbol {} at {} outside [0, {})",
                   text[i], i, alphabet);

  // Depth 1: a stable counting sort by the first symbol. rank[p] = start of p's group in
  // SA, which orders groups like their prefixes; stop symbols are singletons (own index).
  // The same pass writes the first round's keys (key[k] orders the symbol after SA[k] like
  // its depth-1 rank), so that round needs no random gathers.
  std::vector<int32_t> sa = huge_vector<int32_t>(text.size());
  std::vector<int32_t> rank = huge_vector<int32_t>(text.size());
  std::vector<int32_t> key = huge_vector<int32_t>(text.size());
  std::vector<std::pair<int32_t, int32_t>> groups;  // tied groups [begin, end), ascending
  {
    std::vector<int32_t> start(static_cast<size_t>(alphabet) + 1, 0);
    for (int32_t i = 0; i < n; ++i) ++start[text[i] + 1];
    for (int32_t c = 0; c < alphabet; ++c) start[c + 1] += start[c];
    for (int32_t c = stop_max + 1; c < alphabet; ++c)
      if (start[c + 1] - start[c] >= 2) groups.emplace_back(start[c], start[c + 1]);
    std::vector<int32_t> next(start.begin(), start.end() - 1);
    // Key of the symbol c at i + 1: a stop symbol's own index in SA (next[c], as i + 1 comes
    // next), all below n_stop; other symbols n_stop + c. Ordered like the depth-1 ranks, and
    // in a range of n_stop + alphabet values (fewer radix digits than ranks in [0, N)).
    // Unsigned like the keys in sort_group (no signed overflow for any alphabet).
    const int32_t n_stop = start[stop_max + 1];
    for (int32_t i = 0; i + 1 < n; ++i) {
      const int32_t c = text[i];
      const int32_t k = next[c]++;
      sa[k] = i;
      rank[i] = c <= stop_max ? k : start[c];
      const int32_t c1 = text[i + 1];
      key[k] = static_cast<int32_t>(c1 <= stop_max ? static_cast<uint32_t>(next[c1])
                                                   : static_cast<uint32_t>(n_stop) + static_cast<uint32_t>(c1));
    }
    const int32_t k = next[text[n - 1]]++;  // a stop symbol: its own group
    sa[k] = n - 1;
    rank[n - 1] = k;
  }

  // Rounds: members of a tied group share their first d symbols, none a stop symbol, so
  // p + h < n for h <= d. The key rank[p + h] extends the order to d + h symbols; the last
  // round uses h = depth - d so that the order is by exactly `depth` symbols.
  //
  // Gathering the keys. Directly (key[j] = rank[SA[j] + h]), every key is a random read of
  // rank, and once rank is much larger than the caches each read fetches a line from memory
  // for one of its 16 ranks. Partitioned (from `partition_from` symbols on): the targets
  // SA[j] + h are first written to `key` grouped by the block of rank they fall in (blocks of
  // 2^kBlockBits ranks, half the L2 cache), then each block's targets are replaced by their
  // ranks while the block is cached, and the group loop below takes each suffix's key back
  // from its block's run, in the order they were written. Four streaming passes instead of
  // one random one, and the same keys. Below `partition_from` (default: 64 MB of ranks) the
  // direct reads hit the caches often enough: on Brown's scaled corpora the partitioned
  // gather was slower at 4.5 M symbols, even at 11 M, and faster at 44 M.
  constexpr int kBlockBits = 17;
  const bool partitioned = static_cast<uint64_t>(n) >= partition_from;
  const size_t blocks = (static_cast<size_t>(n - 1) >> kBlockBits) + 1;
  std::vector<int64_t> block_at;     // partitioned: next key of each block in `key`
  std::vector<int32_t> pulled_keys;  // partitioned: one group's keys
  int64_t pulled_total = 0;          // partitioned: keys in the runs
  std::vector<std::pair<int32_t, int32_t>> next_groups;
  std::vector<uint64_t> buf, tmp;
  std::vector<uint32_t> count;
  // Partitioned rank updates: the groups sorted in this round, and a bit per SA index that
  // starts a new subgroup inside one. The bits are never cleared: an index that starts a
  // subgroup starts its group in every later round, where its bit changes nothing.
  std::vector<std::pair<int32_t, int32_t>> sorted;
  std::vector<uint64_t> sub_start(partitioned ? static_cast<size_t>(n) / 64 + 1 : 0);
  for (uint32_t d = 1; d < depth && !groups.empty();) {
    const auto h = static_cast<int32_t>(std::min(d, depth - d));
    // The last round's ranks are read by no later gather: they are not written.
    const bool last = d + static_cast<uint32_t>(h) >= depth;
    // All keys first: the rank updates below must not be seen by this round's gathers.
    constexpr int32_t kAhead = 48;             // prefetch distance: enough random reads in flight
    const bool pulled = partitioned && d > 1;  // keys come from the block runs
    if (d > 1 && !partitioned) {               // round 1 (d = h = 1): the keys were written by the depth-1 pass
      for (const auto& [b, e] : groups)
        for (int32_t j = b; j < e; ++j) {
          if (j + kAhead < e) prefetch(&rank[sa[j + kAhead] + h]);
          key[j] = rank[sa[j] + h];
        }
    } else if (pulled) {
      block_at.assign(blocks + 1, 0);
      for (const auto& [b, e] : groups)
        for (int32_t j = b; j < e; ++j) ++block_at[(static_cast<size_t>(sa[j] + h) >> kBlockBits) + 1];
      for (size_t k = 0; k < blocks; ++k) block_at[k + 1] += block_at[k];
      pulled_total = block_at[blocks];
      for (const auto& [b, e] : groups)
        for (int32_t j = b; j < e; ++j) {
          const int32_t t = sa[j] + h;
          key[block_at[static_cast<size_t>(t) >> kBlockBits]++] = t;
        }
      for (int64_t i = 0; i < pulled_total; ++i) {
        if (i + kAhead < pulled_total) prefetch(&rank[key[i + kAhead]]);
        key[i] = rank[key[i]];
      }
      for (size_t k = blocks; k > 0; --k) block_at[k] = block_at[k - 1];  // back to the run starts
      block_at[0] = 0;
    }
    next_groups.clear();
    for (const auto& [b, e] : groups) {
      const int32_t* keys = key.data() + b;  // the group's keys, in SA order
      if (pulled) {
        pulled_keys.resize(static_cast<size_t>(e - b));
        for (int32_t j = b; j < e; ++j) {
          // The runs are read as n / 2^kBlockBits interleaved streams, too many for the
          // hardware prefetcher: fetch each a few lines ahead.
          const int64_t at = block_at[static_cast<size_t>(sa[j] + h) >> kBlockBits]++;
          if (at + 64 < pulled_total) prefetch(key.data() + at + 64);
          pulled_keys[j - b] = key[at];
        }
        keys = pulled_keys.data();
      }
      // Repeated passages keep whole groups tied round after round: when every member has
      // the same key, the group stays as it is (order, ranks) and the next round takes it.
      if (std::all_of(keys + 1, keys + (e - b), [k = keys[0]](int32_t x) { return x == k; })) {
        next_groups.emplace_back(b, e);
        continue;
      }
      buf.resize(static_cast<size_t>(e - b));
      for (int32_t j = b; j < e; ++j)
        buf[j - b] = static_cast<uint64_t>(static_cast<uint32_t>(keys[j - b])) << 32 | static_cast<uint32_t>(sa[j]);
      sort_group(buf, tmp, count);
      int32_t sub = b;  // start of the current subgroup
      for (int32_t j = b; j < e; ++j) {
        const uint64_t x = buf[j - b];
        if (j > b && (x >> 32) != (buf[j - b - 1] >> 32)) {
          if (j - sub >= 2) next_groups.emplace_back(sub, j);
          sub = j;
          if (partitioned && !last) sub_start[static_cast<size_t>(j) >> 6] |= uint64_t{1} << (j & 63);
        }
        sa[j] = static_cast<int32_t>(static_cast<uint32_t>(x));
      }
      if (e - sub >= 2) next_groups.emplace_back(sub, e);
      if (last) continue;
      if (partitioned) {
        sorted.emplace_back(b, e);
        continue;
      }
      // New ranks: the subgroup starts, in [b, e), so the order against other groups holds
      // (the first subgroup keeps rank b: nothing to write).
      sub = b;
      for (int32_t j = b; j < e; ++j) {
        if (j > b && (buf[j - b] >> 32) != (buf[j - b - 1] >> 32)) sub = j;
        if (j + kAhead < e) prefetch_write(&rank[sa[j + kAhead]]);
        if (sub != b) rank[sa[j]] = sub;
      }
    }
    if (partitioned && !sorted.empty()) {
      // The same rank writes, by blocks. Written directly, each is a random write to rank,
      // a memory line fetched and written back for 4 bytes once rank outgrows the caches:
      // on brown-200k they took as long as the sorting (15x brown-20k's time for 10x the
      // symbols). Here the (position, rank) pairs of SA indices [j0, j1) are written to
      // `key` (free once the group loop has its keys) grouped by block of 2^kBlockBits
      // positions, then applied block by block while the block is cached. `key` holds n / 2
      // pairs, so it takes two or three batches.
      struct Walk {  // where the enumeration of the rank writes stands: group g, index j
        size_t g;
        int32_t j, sub;  // sub: start of j's subgroup
      };
      // Calls fn(position, new rank) for every write at SA indices below j1, from w on.
      auto walk = [&](Walk& w, int64_t j1, auto&& fn) {
        while (w.g < sorted.size()) {
          const auto [b, e] = sorted[w.g];
          for (; w.j < e; ++w.j) {
            if (w.j >= j1) return;
            if ((sub_start[static_cast<size_t>(w.j) >> 6] >> (w.j & 63)) & 1) w.sub = w.j;
            if (w.sub != b) fn(sa[w.j], w.sub);
          }
          if (++w.g < sorted.size()) w.j = w.sub = sorted[w.g].first;
        }
      };
      const int64_t cap = std::max<int64_t>(n / 2, 1);
      int32_t* pairs = key.data();
      Walk at{0, sorted.front().first, sorted.front().first};
      for (int64_t j1 = int64_t{at.j} + cap; at.g < sorted.size(); j1 += cap) {
        block_at.assign(blocks + 1, 0);
        Walk w = at;
        walk(w, j1, [&](int32_t p, int32_t) { ++block_at[(static_cast<size_t>(p) >> kBlockBits) + 1]; });
        for (size_t k = 0; k < blocks; ++k) block_at[k + 1] += block_at[k];
        const int64_t writes = block_at[blocks];
        w = at;
        walk(w, j1, [&](int32_t p, int32_t r) {
          const int64_t i = block_at[static_cast<size_t>(p) >> kBlockBits]++;
          pairs[2 * i] = p;
          pairs[2 * i + 1] = r;
        });
        at = w;
        for (int64_t i = 0; i < writes; ++i) {
          if (i + kAhead < writes) prefetch_write(&rank[pairs[2 * (i + kAhead)]]);
          rank[pairs[2 * i]] = pairs[2 * i + 1];
        }
      }
      sorted.clear();
    }
    groups.swap(next_groups);
    d += static_cast<uint32_t>(h);
  }
  if (spare != nullptr) {
    spare->a = std::move(rank);
    spare->b = std::move(key);
    spare->tied = std::move(groups);  // tied at `depth` symbols (empty if the rounds resolved all)
  }
  return sa;
}

std::vector<int32_t> build_capped_lcp(std::span<const int32_t> text, std::span<const int32_t> sa, int32_t stop_max,
                                      uint32_t cap) {
  STYLOKIT_ASSERT(text.size() == sa.size());
  STYLOKIT_CHECK(!text.empty() && text.back() <= stop_max, ConfigError, "capped LCP: text must end with a stop symbol");
  const size_t n = text.size();
  std::vector<int32_t> lcp = huge_vector<int32_t>(n);
  const int32_t* s = text.data();
  constexpr size_t kAhead = 32;
  for (size_t k = 1; k < n; ++k) {
    if (k + kAhead < n) prefetch(s + sa[k + kAhead]);
    lcp[k] = static_cast<int32_t>(capped_common_prefix(s + sa[k - 1], s + sa[k], cap, stop_max));
  }
  return lcp;
}

}  // namespace stylokit::phrases
