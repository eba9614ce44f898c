#include "toolkit/contrast/oppose.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "toolkit/common/error.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vocabulary.h"

namespace stylokit::contrast {

namespace {

struct MethodName {
  Method method;
  const char* name;
};
constexpr MethodName kMethods[] = {{Method::kCraig, "craig"},          {Method::kEder, "eder"},
                                   {Method::kChisquare, "chisquare"},  {Method::kKeynessChi2, "keyness-chi2"},
                                   {Method::kKeynessLr, "keyness-lr"}, {Method::kKeynessPmi, "keyness-pmi"}};

struct CorrectionName {
  Correction correction;
  const char* name;
};
constexpr CorrectionName kCorrections[] = {{Correction::kDefault, "default"},
                                           {Correction::kYates, "yates"},
                                           {Correction::kWilliams, "williams"},
                                           {Correction::kNone, "none"}};

// The χ² quantile of p = 0.05 with 1 degree of freedom (qchisq(0.95, 1)).
constexpr double kChi2Critical = 3.841458820694124;

// quanteda.textstats src/keyness.cpp: the same constant inside its logarithms.
constexpr double kEpsilon = 0.000000001;

// quanteda.textstats src/keyness.cpp yates_correction().
double yates_delta(double a, double b, double c, double d) {
  const double n = a + b + c + d;
  const bool small =
      (a + b) * (a + c) / n < 5 || (a + b) * (b + d) / n < 5 || (a + c) * (c + d) / n < 5 || (c + d) * (b + d) / n < 5;
  return std::abs(a * d - b * c) >= n / 2 && small ? 0.5 : 0.0;
}

// quanteda.textstats src/keyness.cpp williams_correction().
double williams_q(double a, double b, double c, double d) {
  if (a * b * c * d == 0) return 1.0;
  const double n = a + b + c + d;
  return 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n);
}

bool yates(Correction c) {
  return c == Correction::kDefault || c == Correction::kYates;
}

// quanteda.textstats src/keyness.cpp chisq_lambda().
double keyness_chi2(double a, double b, double target, double reference, Correction cor) {
  const double c = target - a, d = reference - b, n = a + b + c + d, e = (a + b) * (a + c) / n;
  const double delta = yates(cor) ? yates_delta(a, b, c, d) : 0.0;
  const double q = cor == Correction::kWilliams ? williams_q(a, b, c, d) : 1.0;
  const double num = n * std::pow(std::abs((a * d) - (b * c)) - (n * delta), 2.0);
  const double den = (a + b) * (c + d) * (a + c) * (b + d) * (a > e ? 1.0 : -1.0) / q;
  return num / den;
}

// quanteda.textstats src/keyness.cpp lr_lambda().
double keyness_lr(double a, double b, double target, double reference, Correction cor) {
  const double c = target - a, d = reference - b, n = a + b + c + d, e = (a + b) * (a + c) / n;
  double aa = a, bb = b, cc = c, dd = d;
  if (yates(cor)) {
    const double delta = yates_delta(a, b, c, d);
    const bool sign = a * d - b * c > 0;
    aa += sign ? -delta : delta;
    bb += sign ? delta : -delta;
    cc += sign ? delta : -delta;
    dd += sign ? -delta : delta;
  }
  double res = (2 * (aa * std::log(aa / ((aa + bb) * (aa + cc) / n) + kEpsilon) +
                     bb * std::log(bb / ((aa + bb) * (bb + dd) / n) + kEpsilon) +
                     cc * std::log(cc / ((aa + cc) * (cc + dd) / n) + kEpsilon) +
                     dd * std::log(dd / ((bb + dd) * (cc + dd) / n) + kEpsilon))) *
               (a > e ? 1.0 : -1.0);
  if (cor == Correction::kWilliams) res /= williams_q(a, b, c, d);
  return res;
}

// quanteda.textstats src/keyness.cpp pmi_lambda() (normal = false).
double keyness_pmi(double a, double b, double target, double reference) {
  const double c = target - a, d = reference - b, n = a + b + c + d, e = (a + b) * (a + c) / n;
  static_cast<void>(d);
  return std::log(a / e + kEpsilon);
}

// R's chisq.test(c(p, s))$statistic (stats/R/chisq.test.R, the vector case with the default
// p = rep(1/2, 2)): n = sum(x), E = n p, sum((x − E)^2 / E). R's sum() accumulates in long
// double; so do we, for the last bits.
double goodness_of_fit(double p, double s) {
  const double n = static_cast<double>(static_cast<long double>(p) + static_cast<long double>(s));
  const double e = n * 0.5;
  const double tp = (p - e) * (p - e) / e, ts = (s - e) * (s - e) / e;
  return static_cast<double>(static_cast<long double>(tp) + static_cast<long double>(ts));
}

// pchisq(x, 1, lower.tail = FALSE).
double chi2_upper_1df(double x) {
  return std::erfc(std::sqrt(x / 2));
}

void check_group(const text::TokenCorpus& tc, const std::vector<size_t>& group, const char* field) {
  STYLOKIT_CHECK(!group.empty(), ConfigError, "{}: a group with no texts", field);
  for (size_t d : group)
    STYLOKIT_CHECK(d < tc.documents(), ConfigError, "{}: document index {} out of range ({} documents)", field, d,
                   tc.documents());
}

}  // namespace

Method parse_method(const std::string& name) {
  for (const auto& m : kMethods)
    if (name == m.name) return m.method;
  throw ConfigError(
      fmt::format("method: expected craig, eder, chisquare, keyness-chi2, keyness-lr or keyness-pmi, got '{}'", name));
}

const char* method_name(Method method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m.name;
  return "?";
}

bool is_zeta(Method method) {
  return method == Method::kCraig || method == Method::kEder || method == Method::kChisquare;
}

Correction parse_correction(const std::string& name) {
  for (const auto& c : kCorrections)
    if (name == c.name) return c.correction;
  throw ConfigError(fmt::format("correction: expected default, yates, williams or none, got '{}'", name));
}

const char* correction_name(Correction correction) {
  for (const auto& c : kCorrections)
    if (c.correction == correction) return c.name;
  return "?";
}

double OpposeOptions::effective_threshold() const {
  if (threshold) return *threshold;
  switch (method) {
    case Method::kCraig:
    case Method::kEder: return 0.1;  // stylo's zeta.filter.threshold (R/stylo.default.settings.R)
    case Method::kKeynessChi2:
    case Method::kKeynessLr: return kChi2Critical;
    case Method::kChisquare:
    case Method::kKeynessPmi: return 0;
  }
  return 0;
}

void OpposeOptions::validate() const {
  STYLOKIT_CHECK(slice > 0, ConfigError, "slice: must be at least 1 token");
  if (threshold)
    STYLOKIT_CHECK(std::isfinite(*threshold) && *threshold >= 0, ConfigError, "threshold: a finite number >= 0, got {}",
                   *threshold);
}

OpposeResult oppose(const text::TokenCorpus& tc, const std::vector<size_t>& group_a, const std::vector<size_t>& group_b,
                    const OpposeOptions& options) {
  options.validate();
  check_group(tc, group_a, "group_a");
  check_group(tc, group_b, "group_b");
  {
    std::vector<uint8_t> seen(tc.documents(), 0);
    for (size_t d : group_a) seen[d] |= 1;
    for (size_t d : group_b) {
      STYLOKIT_CHECK(!(seen[d] & 1), ConfigError, "group_b: text '{}' is in both groups", tc.doc_ids[d]);
      STYLOKIT_CHECK(!(seen[d] & 2), ConfigError, "group_b: text '{}' given twice", tc.doc_ids[d]);
      seen[d] |= 2;
    }
    std::vector<uint8_t> once(tc.documents(), 0);
    for (size_t d : group_a) {
      STYLOKIT_CHECK(!once[d], ConfigError, "group_a: text '{}' given twice", tc.doc_ids[d]);
      once[d] = 1;
    }
  }
  const bool zeta = is_zeta(options.method);
  if (zeta)
    for (const auto* g : {&group_a, &group_b})
      for (size_t d : *g)
        STYLOKIT_CHECK(tc.doc_size(d) >= options.slice, DataError,
                       "{}: {} tokens, shorter than one slice of {} (lower --slice or leave the text out)",
                       tc.doc_ids[d], tc.doc_size(d), options.slice);

  OpposeResult r;
  r.threshold = options.effective_threshold();
  const size_t v = tc.vocab.size();
  std::vector<uint64_t> count_a(v, 0), count_b(v, 0), slices_a(v, 0), slices_b(v, 0);
  // Slice presence: stamp[w] is the last slice (numbered from 1) that counted w.
  std::vector<uint64_t> stamp(v, 0);
  uint64_t serial = 0;
  auto scan = [&](const std::vector<size_t>& group, std::vector<uint64_t>& count, std::vector<uint64_t>& slices,
                  uint64_t& n_slices, uint64_t& tokens) {
    for (size_t d : group) {
      const uint64_t b = tc.doc_begin[d], n = tc.doc_size(d);
      for (uint64_t t = b; t < b + n; ++t) ++count[static_cast<size_t>(tc.ids[t])];
      tokens += n;
      const uint64_t whole = zeta ? n / options.slice : 0;
      for (uint64_t s = 0; s < whole; ++s) {
        ++serial;
        for (uint64_t t = b + s * options.slice; t < b + (s + 1) * options.slice; ++t) {
          const auto w = static_cast<size_t>(tc.ids[t]);
          if (stamp[w] != serial) {
            stamp[w] = serial;
            ++slices[w];
          }
        }
      }
      n_slices += whole;
      r.slices_per_text.push_back(whole);
      r.dropped_per_text.push_back(zeta ? n - whole * options.slice : 0);
    }
  };
  scan(group_a, count_a, slices_a, r.slices_a, r.tokens_a);
  scan(group_b, count_b, slices_b, r.slices_b, r.tokens_b);

  // The word list: stylo's wordlist.raw[wordlist.raw > rare.occurrences.threshold] (R/oppose.R).
  std::vector<std::string> terms;
  std::vector<int64_t> counts;
  std::vector<int32_t> term_ids;
  for (size_t w = 0; w < v; ++w) {
    const uint64_t c = count_a[w] + count_b[w];
    if (c <= options.rare_threshold) continue;
    terms.push_back(tc.vocab[w]);  // vocab is byte-sorted, so terms are too
    counts.push_back(static_cast<int64_t>(c));
    term_ids.push_back(static_cast<int32_t>(w));
  }
  const features::Vocabulary ranked_vocab(terms, counts, counts);
  const std::vector<size_t> ranked = features::rank_by_count(ranked_vocab);
  r.words = ranked.size();

  const double na = static_cast<double>(r.slices_a), nb = static_cast<double>(r.slices_b);
  const double ta = static_cast<double>(r.tokens_a), tb = static_cast<double>(r.tokens_b);
  const double thr = r.threshold;
  for (size_t k : ranked) {
    WordScore ws;
    ws.id = term_ids[k];
    const auto w = static_cast<size_t>(ws.id);
    ws.word = tc.vocab[w];
    ws.count_a = count_a[w];
    ws.count_b = count_b[w];
    ws.slices_a = slices_a[w];
    ws.slices_b = slices_b[w];
    if (zeta) {
      // stylo R/oppose.R: colSums(table)/length(slices)*100.
      const double p = static_cast<double>(slices_a[w]) / na * 100;
      const double s = static_cast<double>(slices_b[w]) / nb * 100;
      ws.share_a = p / 100;
      ws.share_b = s / 100;
      if (p + s == 0) continue;  // comparison[rowSums(comparison) != 0, ]
      switch (options.method) {
        case Method::kCraig: ws.score = (p - s) / 100; break;
        case Method::kEder:
          ws.score = (p - s) / (p + s);
          if (!(ws.score > -1 && ws.score < 1)) continue;
          break;
        default: {
          if (p == s) continue;
          ws.score = goodness_of_fit(p, s);
          if (!(chi2_upper_1df(ws.score) < 0.05)) continue;
          (p > s ? r.preferred : r.avoided).push_back(std::move(ws));
          continue;
        }
      }
    } else {
      const double a = static_cast<double>(count_a[w]), b = static_cast<double>(count_b[w]);
      switch (options.method) {
        case Method::kKeynessChi2: ws.score = keyness_chi2(a, b, ta, tb, options.correction); break;
        case Method::kKeynessLr: ws.score = keyness_lr(a, b, ta, tb, options.correction); break;
        default: ws.score = keyness_pmi(a, b, ta, tb); break;
      }
    }
    if (ws.score > 0 + thr)
      r.preferred.push_back(std::move(ws));
    else if (ws.score < 0 - thr)
      r.avoided.push_back(std::move(ws));
  }

  const auto desc = [](const WordScore& x, const WordScore& y) { return x.score > y.score; };
  const auto asc = [](const WordScore& x, const WordScore& y) { return x.score < y.score; };
  if (zeta) {
    std::stable_sort(r.preferred.begin(), r.preferred.end(), desc);
    if (options.method == Method::kChisquare)
      std::stable_sort(r.avoided.begin(), r.avoided.end(), desc);
    else
      std::stable_sort(r.avoided.begin(), r.avoided.end(), asc);
  } else {
    std::sort(r.preferred.begin(), r.preferred.end(), [](const WordScore& x, const WordScore& y) {
      return x.score != y.score ? x.score > y.score : x.word < y.word;
    });
    std::sort(r.avoided.begin(), r.avoided.end(), [](const WordScore& x, const WordScore& y) {
      return x.score != y.score ? x.score < y.score : x.word < y.word;
    });
  }
  return r;
}

}  // namespace stylokit::contrast
