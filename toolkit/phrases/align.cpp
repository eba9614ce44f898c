#include "toolkit/phrases/align.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

#include "toolkit/common/error.h"
#include "toolkit/common/random.h"

namespace stylokit::phrases {

namespace {

constexpr double kNegInf = -1e300;

struct Seed {
  int64_t i = 0, j = 0;
  int64_t diag() const { return j - i; }
};

std::vector<std::pair<uint64_t, int64_t>> ngram_keys(std::span<const int32_t> s, uint32_t n) {
  std::vector<std::pair<uint64_t, int64_t>> keys;
  if (s.size() < n) return keys;
  keys.reserve(s.size() - n + 1);
  int64_t last_masked = -1;  // last position holding a negative (masked) id
  for (size_t p = 0; p < s.size(); ++p) {
    if (s[p] < 0) last_masked = static_cast<int64_t>(p);
    if (p + 1 < n) continue;
    const auto start = static_cast<int64_t>(p + 1 - n);
    if (last_masked >= start) continue;
    // hash_ids only decides which seeds are looked at: every seed is verified token by
    // token, so a collision cannot change a result.
    keys.emplace_back(hash_ids(s.subspan(static_cast<size_t>(start), n)), start);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<Seed> find_seeds(std::span<const int32_t> a, std::span<const int32_t> b, const AlignOptions& o) {
  const auto ka = ngram_keys(a, o.seed_len), kb = ngram_keys(b, o.seed_len);
  std::vector<Seed> seeds;
  size_t x = 0, y = 0;
  while (x < ka.size() && y < kb.size()) {
    if (ka[x].first < kb[y].first) { ++x; continue; }
    if (kb[y].first < ka[x].first) { ++y; continue; }
    size_t xe = x, ye = y;
    while (xe < ka.size() && ka[xe].first == ka[x].first) ++xe;
    while (ye < kb.size() && kb[ye].first == kb[y].first) ++ye;
    if (xe - x <= o.max_seed_occurrences && ye - y <= o.max_seed_occurrences) {
      for (size_t p = x; p < xe; ++p)
        for (size_t q = y; q < ye; ++q)
          if (std::equal(a.begin() + ka[p].second, a.begin() + ka[p].second + o.seed_len, b.begin() + kb[q].second))
            seeds.push_back({ka[p].second, kb[q].second});
    }
    x = xe;
    y = ye;
  }
  std::sort(seeds.begin(), seeds.end(), [](const Seed& s, const Seed& t) { return s.i != t.i ? s.i < t.i : s.j < t.j; });
  return seeds;
}

// Connected groups of seeds (sorted by i, j): near in A and on nearby diagonals.
std::vector<std::vector<Seed>> chain(const std::vector<Seed>& seeds, const AlignOptions& o) {
  std::vector<size_t> parent(seeds.size());
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto root = [&](size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (size_t s = 0; s < seeds.size(); ++s)
    for (size_t t = s; t-- > 0 && seeds[s].i - seeds[t].i <= static_cast<int64_t>(o.max_gap);) {
      if (std::llabs(seeds[s].diag() - seeds[t].diag()) <= static_cast<int64_t>(o.band)) {
        const size_t rs = root(s), rt = root(t);
        if (rs != rt) parent[std::max(rs, rt)] = std::min(rs, rt);
      }
    }
  std::vector<std::vector<Seed>> groups;
  std::vector<size_t> group_of(seeds.size(), SIZE_MAX);
  for (size_t s = 0; s < seeds.size(); ++s) {
    const size_t r = root(s);
    if (group_of[r] == SIZE_MAX) {
      group_of[r] = groups.size();
      groups.emplace_back();
    }
    groups[group_of[r]].push_back(seeds[s]);
  }
  return groups;
}

inline bool same(int32_t x, int32_t y) { return x >= 0 && x == y; }

struct Aligner {
  std::span<const int32_t> a, b;
  const AlignOptions& o;
  std::vector<uint8_t> blocked_a, blocked_b;
  std::vector<uint8_t> tb;
  std::vector<double> h0, h1, f0, f1;

  // Best local alignment in the band of a seed group; false when nothing scores > 0.
  bool best_in_region(const std::vector<Seed>& g, TokenPassage& out) {
    int64_t min_i = g[0].i, max_i = g[0].i, min_d = g[0].diag(), max_d = g[0].diag();
    int64_t min_j = g[0].j, max_j = g[0].j;
    for (const Seed& s : g) {
      min_i = std::min(min_i, s.i), max_i = std::max(max_i, s.i);
      min_j = std::min(min_j, s.j), max_j = std::max(max_j, s.j);
      min_d = std::min(min_d, s.diag()), max_d = std::max(max_d, s.diag());
    }
    const auto margin = static_cast<int64_t>(o.max_gap), n = static_cast<int64_t>(o.seed_len);
    const int64_t a_lo = std::max<int64_t>(0, min_i - margin);
    const int64_t a_hi = std::min<int64_t>(static_cast<int64_t>(a.size()), max_i + n + margin);
    const int64_t b_lo = std::max<int64_t>(0, min_j - margin);
    const int64_t b_hi = std::min<int64_t>(static_cast<int64_t>(b.size()), max_j + n + margin);
    const int64_t d_lo = min_d - static_cast<int64_t>(o.band), d_hi = max_d + static_cast<int64_t>(o.band);
    const int64_t rows = a_hi - a_lo, width = d_hi - d_lo + 1;
    STYLOKIT_CHECK(static_cast<uint64_t>(rows) * static_cast<uint64_t>(width) <= o.max_cells, DataError,
                   "align: a shared region of {} x {} cells exceeds the limit of {} cells (raise max_cells or "
                   "shorten the documents)",
                   rows, width, o.max_cells);
    tb.assign(static_cast<size_t>(rows * width), 0);
    h0.assign(width, 0), h1.assign(width, 0), f0.assign(width, kNegInf), f1.assign(width, kNegInf);
    double best = 0;
    int64_t best_r = -1, best_k = -1;
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t i = a_lo + r;
      double e_left = kNegInf, h_left = 0;
      for (int64_t k = 0; k < width; ++k) {
        const int64_t j = i + d_lo + k;
        uint8_t& cell = tb[static_cast<size_t>(r * width + k)];
        if (j < b_lo || j >= b_hi || blocked_a[i] || blocked_b[j]) {
          h1[k] = 0, f1[k] = kNegInf, e_left = kNegInf, h_left = 0, cell = 0;
          continue;
        }
        const double h_diag = r > 0 ? h0[k] : 0;
        const double h_up = (r > 0 && k + 1 < width) ? h0[k + 1] : 0;
        const double f_up = (r > 0 && k + 1 < width) ? f0[k + 1] : kNegInf;
        const double e_ext = e_left + o.gap_extend, e_open = h_left + o.gap_open;
        const bool e_from_e = e_ext > e_open;
        const double e = e_from_e ? e_ext : e_open;
        const double f_ext = f_up + o.gap_extend, f_open = h_up + o.gap_open;
        const bool f_from_f = f_ext > f_open;
        const double f = f_from_f ? f_ext : f_open;
        const double diag = h_diag + (same(a[i], b[j]) ? o.match : o.mismatch);
        double h = 0;
        uint8_t src = 0;
        if (diag > h) h = diag, src = 1;
        if (e > h) h = e, src = 2;
        if (f > h) h = f, src = 3;
        cell = static_cast<uint8_t>(src | (e_from_e ? 4 : 0) | (f_from_f ? 8 : 0));
        h1[k] = h, f1[k] = f, e_left = e, h_left = h;
        if (h > best) best = h, best_r = r, best_k = k;
      }
      std::swap(h0, h1), std::swap(f0, f1);
    }
    if (best_r < 0) return false;
    // Traceback from the best cell (always a match: gaps only lower a score).
    int state = 1;  // 1 = H, 2 = E (gap in A), 3 = F (gap in B)
    int64_t r = best_r, k = best_k, start_i = -1, start_j = -1;
    uint64_t matches = 0;
    while (r >= 0 && k >= 0 && k < width) {
      const uint8_t cell = tb[static_cast<size_t>(r * width + k)];
      const int64_t i = a_lo + r, j = i + d_lo + k;
      if (state == 1) {
        const int src = cell & 3;
        if (src == 0) break;
        if (src == 1) {
          start_i = i, start_j = j;
          if (same(a[i], b[j])) ++matches;
          --r;
        } else {
          state = src;
        }
      } else if (state == 2) {
        state = (cell & 4) ? 2 : 1;
        --k;
      } else {
        state = (cell & 8) ? 3 : 1;
        --r, ++k;
      }
    }
    STYLOKIT_ASSERT(start_i >= 0);
    out.a_begin = static_cast<uint64_t>(start_i);
    out.b_begin = static_cast<uint64_t>(start_j);
    out.a_end = static_cast<uint64_t>(a_lo + best_r + 1);
    out.b_end = static_cast<uint64_t>(a_lo + best_r + d_lo + best_k + 1);
    out.score = best;
    out.matches = matches;
    return true;
  }
};

}  // namespace

void validate(const AlignOptions& o) {
  STYLOKIT_CHECK(o.match > 0 && std::isfinite(o.match), ConfigError, "align: match score must be > 0 (got {})",
                 o.match);
  STYLOKIT_CHECK(o.mismatch <= 0, ConfigError, "align: mismatch score must be <= 0 (got {})", o.mismatch);
  STYLOKIT_CHECK(o.gap_open <= 0 && o.gap_extend <= 0, ConfigError,
                 "align: gap penalties must be <= 0 (got open {}, extend {})", o.gap_open, o.gap_extend);
  STYLOKIT_CHECK(o.seed_len >= 1, ConfigError, "align: seed length must be at least 1");
  STYLOKIT_CHECK(o.min_len >= 1, ConfigError, "align: --min-len must be at least 1");
  STYLOKIT_CHECK(o.max_seed_occurrences >= 1, ConfigError, "align: max seed occurrences must be at least 1");
}

std::vector<TokenPassage> align_tokens(std::span<const int32_t> a, std::span<const int32_t> b,
                                       const AlignOptions& o) {
  validate(o);
  std::vector<TokenPassage> out;
  const auto seeds = find_seeds(a, b, o);
  if (seeds.empty()) return out;
  Aligner al{a, b, o, std::vector<uint8_t>(a.size(), 0), std::vector<uint8_t>(b.size(), 0), {}, {}, {}, {}, {}};

  auto groups = chain(seeds, o);
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& x, const auto& y) { return x.size() > y.size(); });
  std::deque<std::vector<Seed>> work(groups.begin(), groups.end());
  const auto n = static_cast<int64_t>(o.seed_len);
  while (!work.empty()) {
    std::vector<Seed> g = std::move(work.front());
    work.pop_front();
    TokenPassage p;
    if (!al.best_in_region(g, p)) continue;
    std::vector<Seed> rest;
    for (const Seed& s : g) {
      const bool inside = s.i >= static_cast<int64_t>(p.a_begin) && s.i < static_cast<int64_t>(p.a_end) &&
                          s.j >= static_cast<int64_t>(p.b_begin) && s.j < static_cast<int64_t>(p.b_end);
      if (!inside) rest.push_back(s);
    }
    if (rest.size() == g.size()) continue;  // the best alignment holds none of the seeds: give up on them
    const uint64_t len = std::min(p.a_end - p.a_begin, p.b_end - p.b_begin);
    if (len >= o.min_len && p.score >= o.min_score) {
      out.push_back(p);
      std::fill(al.blocked_a.begin() + static_cast<int64_t>(p.a_begin), al.blocked_a.begin() + static_cast<int64_t>(p.a_end), 1);
      std::fill(al.blocked_b.begin() + static_cast<int64_t>(p.b_begin), al.blocked_b.begin() + static_cast<int64_t>(p.b_end), 1);
    }
    std::erase_if(rest, [&](const Seed& s) {
      for (int64_t t = 0; t < n; ++t)
        if (al.blocked_a[s.i + t] || al.blocked_b[s.j + t]) return true;
      return false;
    });
    if (rest.empty()) continue;
    auto parts = chain(rest, o);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) work.push_front(std::move(*it));
  }
  std::sort(out.begin(), out.end(), [](const TokenPassage& x, const TokenPassage& y) {
    return x.a_begin != y.a_begin ? x.a_begin < y.a_begin : x.b_begin < y.b_begin;
  });
  return out;
}

double best_local_score(std::span<const int32_t> a, std::span<const int32_t> b, const AlignOptions& o) {
  validate(o);
  const size_t m = b.size();
  std::vector<double> h_prev(m + 1, 0), h_cur(m + 1, 0), f_prev(m + 1, kNegInf), f_cur(m + 1, kNegInf);
  double best = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    double e = kNegInf;
    h_cur[0] = 0;
    for (size_t j = 1; j <= m; ++j) {
      e = std::max(e + o.gap_extend, h_cur[j - 1] + o.gap_open);
      f_cur[j] = std::max(f_prev[j] + o.gap_extend, h_prev[j] + o.gap_open);
      const double diag = h_prev[j - 1] + (same(a[i - 1], b[j - 1]) ? o.match : o.mismatch);
      h_cur[j] = std::max({0.0, diag, e, f_cur[j]});
      best = std::max(best, h_cur[j]);
    }
    std::swap(h_prev, h_cur), std::swap(f_prev, f_cur);
  }
  return best;
}

}  // namespace stylokit::phrases
