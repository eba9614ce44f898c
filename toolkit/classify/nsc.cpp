#include "toolkit/classify/nsc.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "toolkit/common/error.h"

// Every step follows pamr 1.57's R code (R/nsc.R: nsc(); R/pamr.predict.R: pamr.predict();
// R/softshrink.R: soft.shrink(); R/diag.disc.R: diag.disc(); R/pamr.listgenes.R), down to the
// order of the floating-point operations where that is cheap (a sum then a division where pamr
// divides, a multiplication by 1/n where pamr multiplies), so that stylo's numbers come back to
// the last few bits rather than to a tolerance.

namespace stylokit::classify {
namespace {

// R's quantile(x, p) with the default type 7: (1 - h) x[lo] + h x[hi] on the sorted values
// (R/quantile.R, quantile.default).
double quantile_type7(std::vector<double> x, double p) {
  if (x.empty()) return 0.0;
  std::sort(x.begin(), x.end());
  const double index = 1 + static_cast<double>(x.size() - 1) * p;  // 1-based, as in R
  const double lo = std::floor(index);
  const double hi = std::ceil(index);
  const double x_lo = x[static_cast<size_t>(lo) - 1];
  const double x_hi = x[static_cast<size_t>(hi) - 1];
  if (index > lo && x_hi != x_lo) {
    const double h = index - lo;
    return (1 - h) * x_lo + h * x_hi;
  }
  return x_lo;
}

// pamr's safe.exp (R/pamr.predict.R): the exponent clipped to [-500, 500].
double safe_exp(double x) {
  return std::exp(std::copysign(std::min(std::fabs(x), 500.0), x));
}

// R's round(x, 4) (src/nmath/fround.c, R >= 4.0.0): of the two 4-decimal neighbours of |x|,
// the nearer one, ties to the even last digit.
double r_round4(double x) {
  if (!std::isfinite(x) || x == 0.0) return x;
  const double sgn = x < 0 ? -1.0 : 1.0;
  x = std::fabs(x);
  // Beyond 15 significant digits there is nothing to round (fround's l10x + dig > DBL_DIG).
  if (0.30102999566398119521 * (0.5 + std::logb(x)) + 4 > 15) return sgn * x;
  const double pow10 = 1e4;
  const double x10 = pow10 * x;
  const double i10 = std::floor(x10);
  const double xd = i10 / pow10;
  const double xu = std::ceil(x10) / pow10;
  const double du = xu - x;
  const double dd = x - xd;
  return sgn * ((du < dd || (du == dd && std::fmod(i10, 2.0) == 1)) ? xu : xd);
}

// R's as.character(x) for a double: up to 15 significant digits, fixed notation unless
// scientific is narrower (R_print.scipen = 0; src/main/format.c, formatReal), "0" for -0.
std::string r_as_character(double x) {
  if (x == 0.0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.14e", x);
  const std::string s(buf);
  const size_t e = s.find('e');
  const int kpower = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (s[i] >= '0' && s[i] <= '9') digits += s[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int nsig = static_cast<int>(digits.size());
  const int neg = x < 0 ? 1 : 0;
  const int rgt = std::max(0, nsig - kpower - 1);
  const int left = kpower >= 0 ? kpower + 1 : 1;
  const int width_fixed = neg + left + (rgt > 0 ? rgt + 1 : 0);
  const int exp_digits = std::abs(kpower) >= 100 ? 3 : 2;
  const int width_sci = neg + (nsig > 1 ? nsig + 1 : 1) + 2 + exp_digits;
  if (width_fixed <= width_sci) {
    std::snprintf(buf, sizeof buf, "%.*f", rgt, x);
    return buf;
  }
  std::string out = neg ? "-" : "";
  out += digits[0];
  if (nsig > 1) {
    out += '.';
    out.append(digits, 1, std::string::npos);
  }
  std::snprintf(buf, sizeof buf, "e%c%0*d", kpower < 0 ? '-' : '+', exp_digits, std::abs(kpower));
  return out + buf;
}

}  // namespace

NscResult nearest_shrunken_centroids(const Eigen::Ref<const Eigen::MatrixXd>& train,
                                     const std::vector<int>& train_class, int classes,
                                     const Eigen::Ref<const Eigen::MatrixXd>& test, const NscOptions& options) {
  const Eigen::Index n = train.rows();
  const Eigen::Index p = train.cols();
  const Eigen::Index m = test.rows();
  const int K = classes;

  STYLOKIT_CHECK(std::isfinite(options.threshold) && options.threshold >= 0, ConfigError,
                 "threshold: must be a finite number >= 0, got {}", options.threshold);
  STYLOKIT_CHECK(options.offset_percent >= 0 && options.offset_percent <= 100, ConfigError,
                 "offset_percent: must be in [0, 100], got {}", options.offset_percent);
  STYLOKIT_CHECK(K >= 1, DataError, "nearest shrunken centroids: need at least one class, got {}", K);
  STYLOKIT_CHECK(train_class.size() == static_cast<size_t>(n), DataError,
                 "train_class: {} classes given for {} training samples", train_class.size(), n);
  STYLOKIT_CHECK(test.cols() == p || m == 0, DataError,
                 "nearest shrunken centroids: the test set has {} features, the training set {}", test.cols(), p);
  STYLOKIT_CHECK(train.allFinite() && test.allFinite(), DataError,
                 "nearest shrunken centroids: the frequency table holds a NaN or infinite value");

  std::vector<Eigen::Index> n_class(static_cast<size_t>(K), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int k = train_class[static_cast<size_t>(i)];
    STYLOKIT_CHECK(k >= 0 && k < K, DataError, "train_class: training sample {} has class {}, not in 0 .. {}", i, k,
                   K - 1);
    ++n_class[static_cast<size_t>(k)];
  }
  for (int k = 0; k < K; ++k)
    STYLOKIT_CHECK(n_class[static_cast<size_t>(k)] > 0, DataError,
                   "train_class: class {} has no training sample (nearest shrunken centroids needs a centroid for "
                   "every class)",
                   k);
  STYLOKIT_CHECK(n > K, DataError,
                 "nearest shrunken centroids: {} training samples for {} classes; the pooled within-class standard "
                 "deviation needs more samples than classes",
                 n, K);

  // Prior: pamr.train's table(y) / length(y) unless given.
  std::vector<double> prior(static_cast<size_t>(K));
  if (options.prior.empty()) {
    for (int k = 0; k < K; ++k)
      prior[static_cast<size_t>(k)] = static_cast<double>(n_class[static_cast<size_t>(k)]) / static_cast<double>(n);
  } else {
    STYLOKIT_CHECK(options.prior.size() == static_cast<size_t>(K), ConfigError, "prior: {} values given for {} classes",
                   options.prior.size(), K);
    for (int k = 0; k < K; ++k) {
      const double v = options.prior[static_cast<size_t>(k)];
      STYLOKIT_CHECK(std::isfinite(v) && v > 0, ConfigError, "prior: class {} has prior {}; must be > 0", k, v);
      prior[static_cast<size_t>(k)] = v;
    }
  }

  // nsc(): centroids <- scale(x %*% Y, FALSE, n.class) (a sum, then a division);
  // centroid.overall <- x %*% rep(1/n, n) (each value times 1/n, summed).
  Eigen::MatrixXd centroid = Eigen::MatrixXd::Zero(p, K);
  Eigen::VectorXd overall = Eigen::VectorXd::Zero(p);
  const double inv_n = 1.0 / static_cast<double>(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int k = train_class[static_cast<size_t>(i)];
    for (Eigen::Index j = 0; j < p; ++j) {
      centroid(j, k) += train(i, j);
      overall(j) += train(i, j) * inv_n;
    }
  }
  for (int k = 0; k < K; ++k) centroid.col(k) /= static_cast<double>(n_class[static_cast<size_t>(k)]);

  // nsc(): sd <- sqrt((xdif^2) %*% rep(1/(n - K), n)); offset <- quantile(sd, offset.percent/100).
  const double inv_df = 1.0 / static_cast<double>(n - K);
  Eigen::VectorXd sd = Eigen::VectorXd::Zero(p);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int k = train_class[static_cast<size_t>(i)];
    for (Eigen::Index j = 0; j < p; ++j) {
      const double dif = train(i, j) - centroid(j, k);
      sd(j) += dif * dif * inv_df;
    }
  }
  sd = sd.cwiseSqrt();
  const double offset = quantile_type7(std::vector<double>(sd.data(), sd.data() + p), options.offset_percent / 100);
  for (Eigen::Index j = 0; j < p; ++j) {
    sd(j) += offset;
    STYLOKIT_CHECK(sd(j) > 0, DataError,
                   "nearest shrunken centroids: feature {} has no within-class variation and the offset s0 (the "
                   "{}th percentile of the pooled standard deviations) is 0, so its standardized distance is 0/0",
                   j, options.offset_percent);
  }

  // se.scale <- sqrt(1/n.class - 1/n); delta <- scale((centroids - centroid.overall)/sd, FALSE, se.scale);
  // soft.shrink(); then scale(delta.shrunk, FALSE, 1/se.scale) (a division by 1/se, as pamr.predict).
  Eigen::MatrixXd shrunk(p, K);
  std::vector<char> kept(static_cast<size_t>(p), 0);  // posid: some class's shrunk delta is non-zero
  for (int k = 0; k < K; ++k) {
    const double se = std::sqrt(1.0 / static_cast<double>(n_class[static_cast<size_t>(k)]) - inv_n);
    for (Eigen::Index j = 0; j < p; ++j) {
      // One class: its centroid is the overall one and se = 0 (pamr would compute 0/0); no
      // feature distinguishes it.
      const double delta = K == 1 ? 0.0 : (centroid(j, k) - overall(j)) / sd(j) / se;
      const double dif = std::fabs(delta) - options.threshold;
      // soft.shrink: sign(delta) * dif * (dif > 0); exactly 0 below the threshold.
      const double s = dif > 0 ? std::copysign(dif, delta) : 0.0;
      shrunk(j, k) = s / (1.0 / se);
      if (shrunk(j, k) != 0) kept[static_cast<size_t>(j)] = 1;
    }
  }
  std::vector<Eigen::Index> used;
  for (Eigen::Index j = 0; j < p; ++j)
    if (kept[static_cast<size_t>(j)]) used.push_back(j);

  // diag.disc(): dd = t(x) %*% centroids - (colSums(centroids^2)/2 - log(prior)) over the kept
  // features of x standardized as (newx - centroid.overall)/sd; with none kept, log(prior).
  Eigen::RowVectorXd dd0(K);
  for (int k = 0; k < K; ++k) {
    double ss = 0;
    for (Eigen::Index j : used) ss += shrunk(j, k) * shrunk(j, k);
    dd0(k) = ss / 2 - std::log(prior[static_cast<size_t>(k)]);  // with nothing kept, dd = 0 - dd0 = log(prior)
  }

  NscResult result;
  result.scores.scores.resize(m, K);
  result.scores.predicted.resize(static_cast<size_t>(m));
  std::vector<double> z(used.size());
  for (Eigen::Index i = 0; i < m; ++i) {
    for (size_t u = 0; u < used.size(); ++u) z[u] = (test(i, used[u]) - overall(used[u])) / sd(used[u]);
    double total = 0;
    for (int k = 0; k < K; ++k) {
      double dot = 0;
      for (size_t u = 0; u < used.size(); ++u) dot += z[u] * shrunk(used[u], k);
      // pamr.predict(type = "posterior"): safe.exp(dd) / rowSums(safe.exp(dd)), no max subtracted.
      const double e = safe_exp(dot - dd0(k));
      result.scores.scores(i, k) = e;
      total += e;
    }
    result.scores.scores.row(i) /= total;
    result.scores.predicted[static_cast<size_t>(i)] = rank_classes(result.scores.scores.row(i)).front();
  }

  // pamr.listgenes(): d <- (cen - centroid.overall)[aa, ]/sd[aa] with cen = centroid.overall +
  // delta.shrunk * sd (pamr.predict(type = "centroid")), ordered by order(-apply(abs(d), 1, max)).
  Eigen::MatrixXd d(static_cast<Eigen::Index>(used.size()), K);
  std::vector<double> top(used.size(), 0.0);
  for (size_t u = 0; u < used.size(); ++u) {
    const Eigen::Index j = used[u];
    for (int k = 0; k < K; ++k) {
      const double cen = overall(j) + shrunk(j, k) * sd(j);
      d(static_cast<Eigen::Index>(u), k) = (cen - overall(j)) / sd(j);
      top[u] = std::max(top[u], std::fabs(d(static_cast<Eigen::Index>(u), k)));
    }
  }
  std::vector<size_t> order(used.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return top[a] > top[b]; });
  result.features.reserve(used.size());
  result.feature_scores.resize(static_cast<Eigen::Index>(used.size()), K);
  for (size_t r = 0; r < order.size(); ++r) {
    result.features.push_back(static_cast<int>(used[order[r]]));
    result.feature_scores.row(static_cast<Eigen::Index>(r)) = d.row(static_cast<Eigen::Index>(order[r]));
  }
  return result;
}

std::string pamr_score_string(double score) {
  return r_as_character(r_round4(score));
}

}  // namespace stylokit::classify
