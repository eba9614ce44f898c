#include "toolkit/similarity/minhash.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/random.h"
#include "toolkit/similarity/internal/kernels.h"

namespace stylokit::similarity {

namespace {

// Simpson's rule with 200 intervals: smooth integrands on [0, 1].
template <class F>
double integrate(F f, double a, double b) {
  constexpr int kSteps = 200;
  const double h = (b - a) / kSteps;
  double s = f(a) + f(b);
  for (int i = 1; i < kSteps; ++i) s += f(a + i * h) * (i % 2 ? 4 : 2);
  return s * h / 3;
}

void check_threshold(double t) {
  STYLOKIT_CHECK(t > 0 && t <= 1, ConfigError, "--threshold: expected a Jaccard value in (0, 1], got {}", t);
}

}  // namespace

double lsh_probability(double s, const LshParams& p) {
  return 1.0 - std::pow(1.0 - std::pow(s, static_cast<double>(p.rows)), static_cast<double>(p.bands));
}

LshParams choose_lsh_params(double threshold, size_t num_perm) {
  check_threshold(threshold);
  STYLOKIT_CHECK(num_perm >= 1, ConfigError, "--num-perm: expected at least 1, got {}", num_perm);
  LshParams best{1, 1};
  double best_error = std::numeric_limits<double>::infinity();
  for (size_t b = 1; b <= num_perm; ++b)
    for (size_t r = 1; r <= num_perm / b; ++r) {
      const LshParams p{b, r};
      const double fp = integrate([&](double s) { return lsh_probability(s, p); }, 0.0, threshold);
      const double fn = integrate([&](double s) { return 1.0 - lsh_probability(s, p); }, threshold, 1.0);
      const double error = 0.5 * fp + 0.5 * fn;
      if (error < best_error) {
        best_error = error;
        best = p;
      }
    }
  return best;
}

std::vector<uint64_t> shingle_set(const std::vector<std::string_view>& tokens, size_t w) {
  STYLOKIT_CHECK(w >= 1, ConfigError, "--shingle: expected at least 1 token, got {}", w);
  std::vector<uint64_t> out;
  if (tokens.empty()) return out;
  const size_t width = std::min(w, tokens.size());
  std::string buf;
  for (size_t i = 0; i + width <= tokens.size(); ++i) {
    buf.clear();
    for (size_t k = 0; k < width; ++k) {
      if (k) buf += ' ';
      buf += tokens[i + k];
    }
    out.push_back(fnv1a64(buf));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++both;
      ++i;
      ++j;
    }
  }
  const size_t either = a.size() + b.size() - both;
  return either ? static_cast<double>(both) / static_cast<double>(either) : 0.0;
}

std::vector<uint64_t> minhash_signatures(const std::vector<std::vector<uint64_t>>& sets, size_t num_perm,
                                         uint64_t seed, int threads) {
  STYLOKIT_CHECK(num_perm >= 1, ConfigError, "--num-perm: expected at least 1, got {}", num_perm);
  std::vector<uint64_t> salt(num_perm);
  SplitMix64 stream(seed);
  for (auto& s : salt) s = stream.next();
  std::vector<uint64_t> sig(sets.size() * num_perm, std::numeric_limits<uint64_t>::max());
  detail::parallel_for(sets.size(), threads, [&](size_t d) {
    uint64_t* out = sig.data() + d * num_perm;
    for (uint64_t x : sets[d])
      for (size_t h = 0; h < num_perm; ++h) out[h] = std::min(out[h], splitmix64_mix(x + salt[h]));
  });
  return sig;
}

NearDuplicates near_duplicates(const std::vector<std::vector<uint64_t>>& sets, const MinHashOptions& o) {
  check_threshold(o.threshold);
  resolve_thread_count(o.threads);  // a negative count fails here, before any work
  STYLOKIT_CHECK((o.bands == 0) == (o.rows == 0), ConfigError, "--bands and --rows: give both or neither");
  STYLOKIT_CHECK(sets.size() < std::numeric_limits<uint32_t>::max(), DataError, "near-duplicates: too many documents ({})",
                 sets.size());
  NearDuplicates r;
  r.params = o.bands ? LshParams{o.bands, o.rows} : choose_lsh_params(o.threshold, o.num_perm);
  STYLOKIT_CHECK(r.params.bands * r.params.rows <= o.num_perm, ConfigError,
                 "--bands × --rows = {} exceeds --num-perm {}", r.params.bands * r.params.rows, o.num_perm);
  r.expected_recall = lsh_probability(o.threshold, r.params);
  for (size_t d = 0; d < sets.size(); ++d)
    if (sets[d].empty()) r.empty_sets.push_back(d);
  const std::vector<uint64_t> sig = minhash_signatures(sets, o.num_perm, o.seed, o.threads);

  std::vector<uint64_t> pairs;  // (a << 32) | b, a < b
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  for (size_t band = 0; band < r.params.bands; ++band) {
    keys.clear();
    for (size_t d = 0; d < sets.size(); ++d) {
      if (sets[d].empty()) continue;
      uint64_t key = splitmix64_mix(band + 1);
      for (size_t k = 0; k < r.params.rows; ++k)
        key = splitmix64_mix(key ^ sig[d * o.num_perm + band * r.params.rows + k]);
      keys.emplace_back(key, static_cast<uint32_t>(d));
    }
    std::sort(keys.begin(), keys.end());
    for (size_t s = 0; s < keys.size();) {
      size_t e = s + 1;
      while (e < keys.size() && keys[e].first == keys[s].first) ++e;
      for (size_t x = s; x < e; ++x)
        for (size_t y = x + 1; y < e; ++y)
          pairs.push_back((static_cast<uint64_t>(keys[x].second) << 32) | keys[y].second);
      s = e;
    }
    // Keep the candidate list small as bands add duplicates.
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  }
  r.candidates = pairs.size();
  std::vector<DuplicatePair> verified(pairs.size());
  std::vector<char> keep(pairs.size(), 0);
  detail::parallel_for(pairs.size(), o.threads, [&](size_t p) {
    const uint32_t a = static_cast<uint32_t>(pairs[p] >> 32), b = static_cast<uint32_t>(pairs[p] & 0xffffffffu);
    const double j = jaccard(sets[a], sets[b]);
    if (j < o.threshold) return;
    size_t equal = 0;
    for (size_t h = 0; h < o.num_perm; ++h) equal += sig[a * o.num_perm + h] == sig[b * o.num_perm + h];
    verified[p] = {a, b, j, static_cast<double>(equal) / static_cast<double>(o.num_perm)};
    keep[p] = 1;
  });
  for (size_t p = 0; p < pairs.size(); ++p)
    if (keep[p]) r.pairs.push_back(verified[p]);
  return r;
}

}  // namespace stylokit::similarity
