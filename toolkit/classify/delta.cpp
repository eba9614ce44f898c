#include "toolkit/classify/delta.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/features/mfw.h"
#include "toolkit/similarity/pairwise.h"

namespace stylokit::classify {

namespace s = stylokit::similarity;

ZScores parse_zscores(const std::string& name) {
  if (name == "training") return ZScores::kTraining;
  if (name == "all") return ZScores::kAll;
  if (name == "crossv") return ZScores::kCrossv;
  throw ConfigError(fmt::format("z_scores: training, all or crossv, got '{}'", name));
}

const char* to_string(ZScores z) {
  switch (z) {
    case ZScores::kTraining: return "training";
    case ZScores::kAll: return "all";
    case ZScores::kCrossv: return "crossv";
  }
  return "training";
}

namespace {

void check_inputs(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                  const Eigen::MatrixXd& test, const Options& options) {
  STYLOKIT_CHECK(train.rows() >= 1, DataError, "classify: no training sample");
  STYLOKIT_CHECK(static_cast<size_t>(train.rows()) == train_class.size(), InternalError,
                 "classify: {} training rows but {} classes", train.rows(), train_class.size());
  STYLOKIT_CHECK(test.cols() == train.cols(), DataError, "classify: the test table has {} features, training {}",
                 test.cols(), train.cols());
  for (int c : train_class) STYLOKIT_CHECK(c >= 0 && c < classes, InternalError, "classify: class {} out of range", c);
  STYLOKIT_CHECK(options.top_n >= 1, ConfigError, "top_n: must be at least 1, got {}", options.top_n);
  STYLOKIT_CHECK(options.threads >= 0, ConfigError, "threads: must not be negative, got {}", options.threads);
  STYLOKIT_CHECK(train.allFinite() && test.allFinite(), DataError,
                 "classify: the frequency table holds a non-finite value");
}

// Column mean and sample sd (n − 1) of the given rows, as R's scale(); sd 0 for one row.
void column_stats(const Eigen::MatrixXd& x, Eigen::Index rows, Eigen::VectorXd& mean, Eigen::VectorXd& sd) {
  mean = x.topRows(rows).colwise().mean().transpose();
  sd.resize(x.cols());
  for (Eigen::Index k = 0; k < x.cols(); ++k) {
    double ss = 0;
    for (Eigen::Index i = 0; i < rows; ++i) ss += (x(i, k) - mean[k]) * (x(i, k) - mean[k]);
    sd[k] = rows > 1 ? std::sqrt(ss / static_cast<double>(rows - 1)) : 0.0;
  }
}

// The nearest `top_n` training rows of each test row, by the measure's direction, equal
// values by row (R's order() is stable), and the class scores they imply.
void rank_neighbours(DeltaResult& r, const std::vector<int>& train_class, int classes, bool similarity, size_t top_n,
                     const std::vector<size_t>* exclude, int threads) {
  const Eigen::Index nt = r.values.rows(), ntr = r.values.cols();
  r.scores.scores.setConstant(nt, classes, -std::numeric_limits<double>::infinity());
  r.scores.predicted.assign(static_cast<size_t>(nt), -1);
  r.nearest.assign(static_cast<size_t>(nt), {});
  parallel_for(static_cast<size_t>(nt), threads, [&](size_t task) {
    const Eigen::Index t = static_cast<Eigen::Index>(task);
    std::vector<size_t> order;
    order.reserve(static_cast<size_t>(ntr));
    for (size_t b = 0; b < static_cast<size_t>(ntr); ++b)
      if (!exclude || (*exclude)[task] != b) order.push_back(b);
    STYLOKIT_CHECK(!order.empty(), DataError, "classify: no training sample to compare with");
    auto closer = [&](size_t a, size_t b) {
      const double va = r.values(t, static_cast<Eigen::Index>(a)), vb = r.values(t, static_cast<Eigen::Index>(b));
      if (va != vb) return similarity ? va > vb : va < vb;
      return a < b;
    };
    const size_t m = std::min(top_n, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(m), order.end(), closer);
    for (size_t q = 0; q < m; ++q)
      r.nearest[task].push_back({order[q], r.values(t, static_cast<Eigen::Index>(order[q]))});
    r.scores.predicted[task] = train_class[order.front()];
    for (size_t b : order) {
      const int c = train_class[b];
      const double v = r.values(t, static_cast<Eigen::Index>(b));
      const double score = similarity ? v : -v;
      if (score > r.scores.scores(t, c)) r.scores.scores(t, c) = score;
    }
  });
}

}  // namespace

DeltaResult delta(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                  const Eigen::MatrixXd& test, const Options& options) {
  check_inputs(train, train_class, classes, test, options);
  STYLOKIT_CHECK(options.z_scores != ZScores::kCrossv, ConfigError,
                 "z_scores: crossv is the convention of leave-one-out (cv loo); use training or all");
  const Eigen::Index ntr = train.rows(), nte = test.rows(), d = train.cols();
  Eigen::MatrixXd both(ntr + nte, d);
  both.topRows(ntr) = train;
  both.bottomRows(nte) = test;

  // The stacked table with the z-scores of the chosen rows; pairwise() drops the columns whose
  // sd is 0 from every z-based measure.
  features::MfwTable t;
  t.relative = both;
  t.words.resize(static_cast<size_t>(d));
  for (Eigen::Index k = 0; k < d; ++k) t.words[static_cast<size_t>(k)] = std::to_string(k);
  t.doc_ids.resize(static_cast<size_t>(ntr + nte));
  column_stats(both, options.z_scores == ZScores::kTraining ? ntr : ntr + nte, t.mean, t.sd);
  t.zscores.resize(ntr + nte, d);
  for (Eigen::Index k = 0; k < d; ++k)
    for (Eigen::Index i = 0; i < ntr + nte; ++i)
      t.zscores(i, k) = t.sd[k] > 0 ? (both(i, k) - t.mean[k]) / t.sd[k] : 0.0;

  DeltaResult r;
  if (both.rows() >= 2) {
    s::PairwiseOptions po;
    po.variant = options.variant;
    po.threads = options.threads;
    s::PairwiseResult p = s::pairwise(t, options.measure, po);
    r.values = p.values.bottomLeftCorner(nte, ntr);
    r.features_used = p.features_used;
    for (const auto& w : p.dropped) r.dropped.push_back(std::stoul(w));
    for (auto& w : p.warnings)
      if (w.find("zero variance") == std::string::npos) r.warnings.push_back(std::move(w));
  }
  if (!r.dropped.empty())
    r.warnings.push_back(fmt::format("{} feature(s) with zero variance in the {} rows dropped from the distances",
                                     r.dropped.size(), to_string(options.z_scores)));
  rank_neighbours(r, train_class, classes, s::larger_is_closer(options.measure), options.top_n, nullptr,
                  options.threads);
  return r;
}

ClassScores delta_scores(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                         const Eigen::MatrixXd& test, const Options& options) {
  return delta(train, train_class, classes, test, options).scores;
}

// ---- Leave-one-out ---------------------------------------------------------------------

namespace {

enum class LooKind { kL1, kL2sqrt, kL2sq, kCosine };

// Four held-out rows a[0..3] (weights w[0..3]) against two rows b0, b1:
// out[2q + j] = Σ_k f((a_q[k] − b_j[k]) w_q[k]) with f = |.| or (.)², summed in 4 lanes
// (lane l: the features k ≡ l mod 4 below m − m mod 4, in increasing k) combined as
// (l0 + l1) + (l2 + l3), then the tail in increasing k. No fused multiply-add. So a value
// depends on its two rows only: not on the tile, the thread or the instruction set.
using RowTable = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using V4 = double __attribute__((vector_size(32)));
using V4i = long long __attribute__((vector_size(32)));

template <bool kSquare>
__attribute__((target_clones("avx2", "default"))) void weighted4x2(const double* const* a, const double* const* w,
                                                                   const double* b0, const double* b1, size_t m,
                                                                   double* out) {
  V4 acc[4][2] = {};
  const V4i mask = {0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
  const size_t m4 = m - m % 4;
  for (size_t k = 0; k < m4; k += 4) {
    V4 vb0, vb1;
    __builtin_memcpy(&vb0, b0 + k, sizeof(V4));
    __builtin_memcpy(&vb1, b1 + k, sizeof(V4));
    for (int q = 0; q < 4; ++q) {
      V4 va, vw;
      __builtin_memcpy(&va, a[q] + k, sizeof(V4));
      __builtin_memcpy(&vw, w[q] + k, sizeof(V4));
      const V4 d0 = (va - vb0) * vw;
      const V4 d1 = (va - vb1) * vw;
      if constexpr (kSquare) {
        acc[q][0] += d0 * d0;
        acc[q][1] += d1 * d1;
      } else {
        acc[q][0] += reinterpret_cast<V4>(reinterpret_cast<V4i>(d0) & mask);
        acc[q][1] += reinterpret_cast<V4>(reinterpret_cast<V4i>(d1) & mask);
      }
    }
  }
  for (int q = 0; q < 4; ++q)
    for (int j = 0; j < 2; ++j) {
      const double* b = j == 0 ? b0 : b1;
      double sum = (acc[q][j][0] + acc[q][j][1]) + (acc[q][j][2] + acc[q][j][3]);
      for (size_t k = m4; k < m; ++k) {
        const double v = (a[q][k] - b[k]) * w[q][k];
        sum += kSquare ? v * v : std::fabs(v);
      }
      out[2 * q + j] = sum;
    }
}

// Burrows Delta leave-one-out for many rows, exact where it decides anything. The distance
// with the held-out row's weights w_ik (1 / sd of the other rows) is bounded from the one
// matrix D0 = Σ_k |x_ik − x_bk| w0_k with w0_k = 1 / sd of all rows (the similarity stage's
// tiled L1 kernel): with ρ_ik = w_ik / w0_k, F_i the kFar columns where |ρ_ik − 1| is largest
// and ε_i the largest |ρ_ik − 1| outside them,
//   Σ_k |Δ_k| w_ik = (D0 − Σ_F |Δ_k| w0_k)(1 ± ε_i) + Σ_F |Δ_k| w_ik.
// A pair is computed exactly (the same kernel and order as the full pass) when its lower
// bound reaches the top_n-th smallest upper bound of the row or the smallest upper bound of
// its class; the others cannot be a candidate or a class's nearest and are left at +inf.
constexpr Eigen::Index kPruneFrom = 1000;
constexpr size_t kFar = 16;

void prune_burrows(const Eigen::MatrixXd& xc, const RowTable& x, const RowTable& w, const Eigen::VectorXd& post,
                   const std::vector<int>& row_class, int classes, const Options& options, RowTable& values) {
  const Eigen::Index n = x.rows(), d = x.cols();
  const double nn = static_cast<double>(n);
  Eigen::VectorXd w0(d);
  for (Eigen::Index k = 0; k < d; ++k) {
    const double m = x.col(k).mean();
    const double sd = std::sqrt((x.col(k).array() - m).square().sum() / (nn - 1));
    w0[k] = sd > 0 ? 1.0 / sd : 0.0;
  }
  features::MfwTable t;
  t.relative = x;
  for (Eigen::Index k = 0; k < d; ++k) t.relative.col(k) *= w0[k];
  t.zscores = t.relative;
  t.words.resize(static_cast<size_t>(d));
  t.doc_ids.resize(static_cast<size_t>(n));
  s::PairwiseOptions po;
  po.threads = options.threads;
  const Eigen::MatrixXd d0 = s::pairwise(t, s::Measure::kManhattan, po).values;
  values.setConstant(n, n, std::numeric_limits<double>::infinity());
  parallel_for(static_cast<size_t>(n), options.threads, [&](size_t task) {
    const Eigen::Index i = static_cast<Eigen::Index>(task);
    std::vector<std::pair<double, Eigen::Index>> dev;
    for (Eigen::Index k = 0; k < d; ++k)
      if (w0[k] > 0) dev.emplace_back(std::fabs(w(i, k) / w0[k] - 1), k);
    const size_t nf = std::min(kFar, dev.size());
    std::partial_sort(
        dev.begin(), dev.begin() + static_cast<std::ptrdiff_t>(nf), dev.end(),
        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    double eps = 0;
    for (size_t q = nf; q < dev.size(); ++q) eps = std::max(eps, dev[q].first);
    eps += 1e-9;  // rounding of D0 and of the ratios
    // The far columns' terms, column by column (contiguous in the column-major table).
    Eigen::ArrayXd base = Eigen::ArrayXd::Zero(n), exact = Eigen::ArrayXd::Zero(n);
    for (size_t q = 0; q < nf; ++q) {
      const Eigen::Index k = dev[q].second;
      const Eigen::ArrayXd a = (xc.col(k).array() - x(i, k)).abs();
      base += a * w0[k];
      exact += a * w(i, k);
    }
    std::vector<double> lo(static_cast<size_t>(n)), hi(static_cast<size_t>(n));
    for (Eigen::Index b = 0; b < n; ++b) {
      const double dib = d0(b, i);  // symmetric; a column is contiguous
      const double rest = std::max(0.0, dib - base[b]);
      lo[static_cast<size_t>(b)] = rest * (1 - eps) + exact[b] - 1e-12 * dib;
      hi[static_cast<size_t>(b)] = rest * (1 + eps) + exact[b] + 1e-12 * dib;
    }
    std::vector<double> class_hi(static_cast<size_t>(classes), std::numeric_limits<double>::infinity());
    std::vector<double> his;
    his.reserve(static_cast<size_t>(n));
    for (Eigen::Index b = 0; b < n; ++b) {
      if (b == i) continue;
      const size_t c = static_cast<size_t>(row_class[static_cast<size_t>(b)]);
      class_hi[c] = std::min(class_hi[c], hi[static_cast<size_t>(b)]);
      his.push_back(hi[static_cast<size_t>(b)]);
    }
    const size_t m = std::min(options.top_n, his.size());
    std::nth_element(his.begin(), his.begin() + static_cast<std::ptrdiff_t>(m - 1), his.end());
    const double top_hi = his[m - 1];
    const double* a[4] = {x.row(i).data(), x.row(i).data(), x.row(i).data(), x.row(i).data()};
    const double* wq[4] = {w.row(i).data(), w.row(i).data(), w.row(i).data(), w.row(i).data()};
    double out[8];
    for (Eigen::Index b = 0; b < n; ++b) {
      if (b == i) continue;
      const double l = lo[static_cast<size_t>(b)];
      if (l > top_hi && l > class_hi[static_cast<size_t>(row_class[static_cast<size_t>(b)])]) continue;
      weighted4x2<false>(a, wq, x.row(b).data(), x.row(b).data(), static_cast<size_t>(d), out);
      values(i, b) = out[0] * post[i];
    }
  });
}

}  // namespace

DeltaResult delta_loo(const Eigen::MatrixXd& table, const std::vector<int>& row_class, int classes,
                      const Options& options) {
  const Eigen::Index n = table.rows(), d = table.cols();
  STYLOKIT_CHECK(n >= 2, DataError, "leave-one-out: needs at least 2 samples, got {}", n);
  check_inputs(table, row_class, classes, table, options);
  const bool stylo = options.variant == s::Variant::kStylo;
  std::vector<size_t> self(static_cast<size_t>(n));
  std::iota(self.begin(), self.end(), size_t{0});
  const bool z = s::uses_zscores(options.measure, options.variant);
  if (!z || options.z_scores == ZScores::kAll) {
    // One matrix: the z-scores (if any) come from all rows, held-out ones included.
    features::MfwTable t;
    t.relative = table;
    t.words.resize(static_cast<size_t>(d));
    for (Eigen::Index k = 0; k < d; ++k) t.words[static_cast<size_t>(k)] = std::to_string(k);
    t.doc_ids.resize(static_cast<size_t>(n));
    similarity::standardize(t);
    s::PairwiseOptions po;
    po.variant = options.variant;
    po.threads = options.threads;
    s::PairwiseResult p = s::pairwise(t, options.measure, po);
    DeltaResult r;
    r.values = std::move(p.values);
    r.features_used = p.features_used;
    for (const auto& w : p.dropped) r.dropped.push_back(std::stoul(w));
    for (auto& w : p.warnings)
      if (w.find("zero variance") == std::string::npos) r.warnings.push_back(std::move(w));
    if (!r.dropped.empty())
      r.warnings.push_back(fmt::format("{} feature(s) with zero variance over all rows dropped", r.dropped.size()));
    rank_neighbours(r, row_class, classes, s::larger_is_closer(options.measure), options.top_n, &self, options.threads);
    return r;
  }

  LooKind kind;
  switch (options.measure) {
    case s::Measure::kBurrowsDelta: kind = LooKind::kL1; break;
    case s::Measure::kEderDelta: kind = LooKind::kL1; break;
    case s::Measure::kArgamonLinear: kind = LooKind::kL2sqrt; break;  // z-based only in the stylo variant
    case s::Measure::kArgamonQuadratic: kind = stylo ? LooKind::kL2sqrt : LooKind::kL2sq; break;
    case s::Measure::kCosineDelta: kind = LooKind::kCosine; break;
    default:
      throw ConfigError(fmt::format("measure: {} has no leave-one-out with z_scores training; use z_scores all",
                                    s::to_string(options.measure)));
  }

  // Column sums of all rows; each held-out row's mean and sd come from them minus its own.
  Eigen::VectorXd mean = table.colwise().mean().transpose();
  Eigen::VectorXd m2(d);
  for (Eigen::Index k = 0; k < d; ++k) m2[k] = (table.col(k).array() - mean[k]).square().sum();
  const double nn = static_cast<double>(n);
  const bool crossv = options.z_scores == ZScores::kCrossv;

  // Row-major copies: a row's values contiguous for the kernel.
  const RowTable x = table;
  RowTable w(n, d);         // per held-out row: the weight of each feature (0 = dropped)
  Eigen::VectorXd post(n);  // per held-out row: the final factor (1/d and the like)
  std::vector<size_t> used(static_cast<size_t>(n));
  std::vector<size_t> any_dropped(static_cast<size_t>(d), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    size_t kept = 0;
    for (Eigen::Index k = 0; k < d; ++k) {
      const double dev = x(i, k) - mean[k];
      bool zero = false;
      double sd = 0;
      if (crossv) {
        // The n − 1 other rows plus two copies of row i: all n rows plus one more copy
        // (Welford's addition of row i to the n rows), n + 1 rows, sd over n.
        const double m2i = m2[k] + dev * dev * nn / (nn + 1);
        zero = !(m2i > 0);
        sd = zero ? 0.0 : std::sqrt(m2i / nn);
      } else {
        const double m2i = m2[k] - dev * dev * nn / (nn - 1);  // Welford's removal of row i
        // A column constant among the other rows leaves only the rounding residue of the
        // removal (about 1e-16 of m2): it is constant, as R's sd() of those rows would say.
        zero = !(n > 2 && m2i > 1e-9 * m2[k]);
        sd = zero ? 0.0 : std::sqrt(m2i / (nn - 2));
      }
      w(i, k) = zero ? 0.0 : 1.0 / sd;
      if (zero) any_dropped[static_cast<size_t>(k)] = 1;
      kept += !zero;
    }
    used[static_cast<size_t>(i)] = kept;
    STYLOKIT_CHECK(kept >= 1, DataError, "leave-one-out: no feature varies among the rows other than row {}", i + 1);
    const double dd = static_cast<double>(kept);
    if (options.measure == s::Measure::kEderDelta) {
      size_t rank = 0;
      for (Eigen::Index k = 0; k < d; ++k)
        if (w(i, k) != 0) {
          ++rank;
          const double r = static_cast<double>(rank);
          w(i, k) *= stylo ? (dd - r + 2) / dd : (dd - r + 1) / dd;
        }
      post[i] = stylo ? 1.0 : 1.0 / dd;
    } else if (kind == LooKind::kL2sq) {
      post[i] = 1.0;
    } else {
      post[i] = 1.0 / dd;
    }
  }

  DeltaResult r;
  r.values.setZero(n, n);
  if (kind == LooKind::kCosine) {
    // 1 − cos(z_i, z_b) with z = (x − mean_{−i}) / sd_{−i}: z_i·z_b = Σ c_ik (x_bk − mean_{−i,k})
    // with c_ik = z_ik / sd_ik; computed per pair (O(d)).
    parallel_for(static_cast<size_t>(n), options.threads, [&](size_t task) {
      const Eigen::Index i = static_cast<Eigen::Index>(task);
      Eigen::ArrayXd mean_i(d), zi(d);
      for (Eigen::Index k = 0; k < d; ++k) {
        mean_i[k] = crossv ? (nn * mean[k] + x(i, k)) / (nn + 1) : (nn * mean[k] - x(i, k)) / (nn - 1);
        zi[k] = (x(i, k) - mean_i[k]) * w(i, k);
      }
      const double norm_i = std::sqrt((zi * zi).sum());
      for (Eigen::Index b = 0; b < n; ++b) {
        if (b == i) continue;
        const Eigen::ArrayXd zb = (x.row(b).transpose().array() - mean_i) * w.row(i).transpose().array();
        const double den = norm_i * std::sqrt((zb * zb).sum());
        r.values(i, b) = 1.0 - (den > 0 ? (zi * zb).sum() / den : 0.0);
      }
    });
  } else if (options.measure == s::Measure::kBurrowsDelta && n >= kPruneFrom) {
    prune_burrows(table, x, w, post, row_class, classes, options, r.values);
  } else {
    // Panels of held-out rows (their values and weights stay in the core's cache) against
    // every row, two at a time.
    const bool square = kind != LooKind::kL1;
    constexpr Eigen::Index kPanel = 32;
    const size_t panels = static_cast<size_t>((n + kPanel - 1) / kPanel);
    parallel_for(panels, options.threads, [&](size_t panel) {
      const Eigen::Index p0 = static_cast<Eigen::Index>(panel) * kPanel, p1 = std::min(n, p0 + kPanel);
      double out[8];
      for (Eigen::Index b = 0; b < n; b += 2) {
        const Eigen::Index b1 = std::min(b + 1, n - 1);
        for (Eigen::Index i0 = p0; i0 < p1; i0 += 4) {
          const double* a[4];
          const double* wq[4];
          for (Eigen::Index q = 0; q < 4; ++q) {
            const Eigen::Index i = std::min(i0 + q, p1 - 1);
            a[q] = x.row(i).data();
            wq[q] = w.row(i).data();
          }
          if (square) {
            weighted4x2<true>(a, wq, x.row(b).data(), x.row(b1).data(), static_cast<size_t>(d), out);
          } else {
            weighted4x2<false>(a, wq, x.row(b).data(), x.row(b1).data(), static_cast<size_t>(d), out);
          }
          for (Eigen::Index q = 0; q < 4 && i0 + q < p1; ++q)
            for (Eigen::Index j = 0; j < 2 && b + j < n; ++j) {
              const double v = kind == LooKind::kL2sqrt ? std::sqrt(out[2 * q + j]) : out[2 * q + j];
              r.values(i0 + q, b + j) = v * post[i0 + q];
            }
        }
      }
    });
  }
  r.values.diagonal().setZero();
  for (Eigen::Index k = 0; k < d; ++k)
    if (any_dropped[static_cast<size_t>(k)]) r.dropped.push_back(static_cast<size_t>(k));
  r.features_used = *std::min_element(used.begin(), used.end());
  if (!r.dropped.empty())
    r.warnings.push_back(fmt::format(
        "{} feature(s) with zero variance among the training rows of some held-out row dropped from its distances",
        r.dropped.size()));
  rank_neighbours(r, row_class, classes, false, options.top_n, &self, options.threads);
  return r;
}

// ---- kNN -------------------------------------------------------------------------------

ClassScores knn(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                const Eigen::MatrixXd& test, const Options& options) {
  check_inputs(train, train_class, classes, test, options);
  STYLOKIT_CHECK(options.k >= 1, ConfigError, "k: must be at least 1, got {}", options.k);
  const Eigen::Index ntr = train.rows(), nte = test.rows();
  const size_t k = std::min(static_cast<size_t>(options.k), static_cast<size_t>(ntr));
  ClassScores out;
  out.scores.setZero(nte, classes);
  out.predicted.assign(static_cast<size_t>(nte), -1);
  parallel_for(static_cast<size_t>(nte), options.threads, [&](size_t task) {
    const Eigen::Index t = static_cast<Eigen::Index>(task);
    std::vector<std::pair<double, size_t>> dist(static_cast<size_t>(ntr));
    for (Eigen::Index b = 0; b < ntr; ++b)
      dist[static_cast<size_t>(b)] = {(train.row(b) - test.row(t)).squaredNorm(), static_cast<size_t>(b)};
    std::partial_sort(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(k), dist.end());
    std::vector<int> votes(static_cast<size_t>(classes), 0);
    std::vector<size_t> first(static_cast<size_t>(classes), static_cast<size_t>(-1));  // rank of nearest member
    for (size_t q = 0; q < k; ++q) {
      const int c = train_class[dist[q].second];
      ++votes[static_cast<size_t>(c)];
      first[static_cast<size_t>(c)] = std::min(first[static_cast<size_t>(c)], q);
    }
    int best = -1;
    for (int c = 0; c < classes; ++c) {
      const size_t cc = static_cast<size_t>(c);
      if (votes[cc] == 0) continue;
      if (best < 0 || votes[cc] > votes[static_cast<size_t>(best)] ||
          (votes[cc] == votes[static_cast<size_t>(best)] && first[cc] < first[static_cast<size_t>(best)]))
        best = c;
      out.scores(t, c) = static_cast<double>(votes[cc]) / static_cast<double>(k);
    }
    out.predicted[task] = best;
  });
  return out;
}

}  // namespace stylokit::classify
