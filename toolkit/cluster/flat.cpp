#include "toolkit/cluster/flat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "toolkit/common/error.h"

namespace stylokit::cluster {

namespace {

void check_points(const Eigen::Ref<const Eigen::MatrixXd>& x, std::size_t k) {
  STYLOKIT_CHECK(x.rows() >= 1 && x.cols() >= 1, DataError, "k-means: no points ({} x {})", x.rows(), x.cols());
  STYLOKIT_CHECK(x.allFinite(), DataError, "k-means: the points hold NaN or infinite values");
  STYLOKIT_CHECK(k >= 1 && k <= static_cast<std::size_t>(x.rows()), ConfigError,
                 "-k {} is out of range: {} points allow 1 to {} clusters", k, x.rows(), x.rows());
}

double squared_distance(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::Index i, const Eigen::MatrixXd& c,
                        Eigen::Index j) {
  return (x.row(i) - c.row(j)).squaredNorm();
}

}  // namespace

Eigen::MatrixXd kmeans_plus_plus(const Eigen::Ref<const Eigen::MatrixXd>& x, std::size_t k, SplitMix64& rng) {
  check_points(x, k);
  const Eigen::Index n = x.rows();
  Eigen::MatrixXd centers(static_cast<Eigen::Index>(k), x.cols());
  const auto trials = static_cast<std::size_t>(2 + static_cast<int>(std::log(static_cast<double>(k))));
  auto first = static_cast<Eigen::Index>(rng.next_mod(static_cast<std::uint64_t>(n)));
  centers.row(0) = x.row(first);
  std::vector<double> closest(static_cast<std::size_t>(n));
  double pot = 0;
  for (Eigen::Index i = 0; i < n; ++i) pot += closest[static_cast<std::size_t>(i)] = (x.row(i) - x.row(first)).squaredNorm();
  std::vector<double> cumsum(closest.size()), best_closest, cand_closest(closest.size());
  for (std::size_t c = 1; c < k; ++c) {
    double run = 0;
    for (std::size_t i = 0; i < closest.size(); ++i) cumsum[i] = run += closest[i];
    double best_pot = std::numeric_limits<double>::infinity();
    Eigen::Index best = 0;
    for (std::size_t t = 0; t < trials; ++t) {
      double r = rng.uniform() * pot;
      auto id = static_cast<Eigen::Index>(std::lower_bound(cumsum.begin(), cumsum.end(), r) - cumsum.begin());
      id = std::min(id, n - 1);
      double cand_pot = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        double dd = std::min(closest[static_cast<std::size_t>(i)], (x.row(i) - x.row(id)).squaredNorm());
        cand_closest[static_cast<std::size_t>(i)] = dd;
        cand_pot += dd;
      }
      if (cand_pot < best_pot) {
        best_pot = cand_pot;
        best = id;
        best_closest = cand_closest;
      }
    }
    centers.row(static_cast<Eigen::Index>(c)) = x.row(best);
    closest = best_closest;
    pot = best_pot;
  }
  return centers;
}

KMeansResult lloyd(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::MatrixXd centers, std::size_t max_iter) {
  check_points(x, static_cast<std::size_t>(centers.rows()));
  STYLOKIT_CHECK(centers.cols() == x.cols(), DataError, "k-means: centres have {} dimensions, points {}",
                 centers.cols(), x.cols());
  STYLOKIT_CHECK(centers.allFinite(), DataError, "k-means: initial centres hold NaN or infinite values");
  const Eigen::Index n = x.rows(), k = centers.rows();
  std::vector<int> labels(static_cast<std::size_t>(n), -1);
  std::vector<double> dist(static_cast<std::size_t>(n));
  auto assign = [&](std::vector<int>& out) {
    for (Eigen::Index i = 0; i < n; ++i) {
      double best = std::numeric_limits<double>::infinity();
      int arg = 0;
      for (Eigen::Index j = 0; j < k; ++j) {
        double dd = squared_distance(x, i, centers, j);
        if (dd < best) {
          best = dd;
          arg = static_cast<int>(j);
        }
      }
      out[static_cast<std::size_t>(i)] = arg;
      dist[static_cast<std::size_t>(i)] = best;
    }
  };
  assign(labels);
  KMeansResult result;
  std::vector<int> next(labels.size());
  std::size_t it = 0;
  while (it < max_iter) {
    ++it;
    // M step: means; an empty cluster takes the point farthest from its centre.
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, x.cols());
    std::vector<Eigen::Index> counts(static_cast<std::size_t>(k), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
      sums.row(labels[static_cast<std::size_t>(i)]) += x.row(i);
      ++counts[static_cast<std::size_t>(labels[static_cast<std::size_t>(i)])];
    }
    std::vector<char> taken(static_cast<std::size_t>(n), 0);
    for (Eigen::Index j = 0; j < k; ++j) {
      if (counts[static_cast<std::size_t>(j)] > 0) {
        centers.row(j) = sums.row(j) / static_cast<double>(counts[static_cast<std::size_t>(j)]);
        continue;
      }
      Eigen::Index far = -1;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!taken[static_cast<std::size_t>(i)] &&
            (far < 0 || dist[static_cast<std::size_t>(i)] > dist[static_cast<std::size_t>(far)]))
          far = i;
      taken[static_cast<std::size_t>(far)] = 1;
      centers.row(j) = x.row(far);
    }
    assign(next);
    bool same = next == labels;
    labels.swap(next);
    if (same) break;
  }
  for (int& l : labels) ++l;  // the stage's labels are 1-based
  result.labels = std::move(labels);
  result.inertia = 0;
  for (double v : dist) result.inertia += v;
  result.centers = std::move(centers);
  result.iterations = it;
  return result;
}

KMeansResult kmeans(const Eigen::Ref<const Eigen::MatrixXd>& x, const KMeansParams& params) {
  check_points(x, params.k);
  STYLOKIT_CHECK(params.restarts >= 1, ConfigError, "k-means needs at least one restart");
  KMeansResult best;
  for (std::size_t r = 0; r < params.restarts; ++r) {
    SplitMix64 rng(params.seed + r);
    KMeansResult run = lloyd(x, kmeans_plus_plus(x, params.k, rng), params.max_iter);
    if (r == 0 || run.inertia < best.inertia) best = std::move(run);
  }
  return best;
}

KMedoidsResult kmedoids(const CondensedDistances& d, std::size_t k) {
  const std::size_t n = d.size();
  STYLOKIT_CHECK(k >= 1 && k <= n, ConfigError, "-k {} is out of range: {} documents allow 1 to {} clusters", k, n, n);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<char> is_medoid(n, 0);
  std::vector<std::size_t> medoids;
  std::vector<double> nearest(n, inf), second(n, inf);
  // BUILD: the point with the smallest total distance, then greedy gains.
  for (std::size_t step = 0; step < k; ++step) {
    double best_gain = -inf;
    std::size_t best = 0;
    for (std::size_t c = 0; c < n; ++c) {
      if (is_medoid[c]) continue;
      double gain = 0;
      for (std::size_t j = 0; j < n; ++j) {
        double djc = d(j, c);
        gain += step == 0 ? -djc : std::max(0.0, nearest[j] - djc);
      }
      if (gain > best_gain) {
        best_gain = gain;
        best = c;
      }
    }
    is_medoid[best] = 1;
    medoids.push_back(best);
    for (std::size_t j = 0; j < n; ++j) nearest[j] = std::min(nearest[j], d(j, best));
  }
  // SWAP with nearest/second-nearest medoid distances (D_j, E_j).
  std::vector<std::size_t> owner(n);
  auto refresh = [&]() {
    double cost = 0;
    for (std::size_t j = 0; j < n; ++j) {
      nearest[j] = second[j] = inf;
      for (std::size_t m = 0; m < medoids.size(); ++m) {
        double dj = d(j, medoids[m]);
        if (dj < nearest[j]) {
          second[j] = nearest[j];
          nearest[j] = dj;
          owner[j] = m;
        } else if (dj < second[j]) {
          second[j] = dj;
        }
      }
      cost += nearest[j];
    }
    return cost;
  };
  KMedoidsResult result;
  double cost = refresh();
  for (;;) {
    double best_delta = 0;
    std::size_t best_m = 0, best_h = 0;
    for (std::size_t m = 0; m < medoids.size(); ++m)
      for (std::size_t h = 0; h < n; ++h) {
        if (is_medoid[h]) continue;
        double delta = 0;
        for (std::size_t j = 0; j < n; ++j) {
          double djh = d(j, h);
          if (owner[j] == m)
            delta += std::min(djh, second[j]) - nearest[j];
          else
            delta += std::min(djh - nearest[j], 0.0);
        }
        if (delta < best_delta) {
          best_delta = delta;
          best_m = m;
          best_h = h;
        }
      }
    // Stop when no swap improves by more than rounding noise (avoids cycling on ties).
    if (!(best_delta < -1e-12 * std::max(1.0, cost))) break;
    is_medoid[medoids[best_m]] = 0;
    is_medoid[best_h] = 1;
    medoids[best_m] = best_h;
    cost = refresh();
    ++result.swaps;
  }
  std::sort(medoids.begin(), medoids.end());
  result.cost = refresh();
  result.labels.resize(n);
  for (std::size_t j = 0; j < n; ++j) result.labels[j] = static_cast<int>(owner[j]) + 1;
  result.medoids = medoids;
  return result;
}

std::vector<double> silhouette_samples(const CondensedDistances& d, const std::vector<int>& labels) {
  const std::size_t n = d.size();
  STYLOKIT_CHECK(labels.size() == n, DataError, "silhouette: {} labels for {} documents", labels.size(), n);
  std::map<int, std::size_t> index;
  for (int l : labels) index.emplace(l, 0);
  std::size_t next = 0;
  for (auto& [label, idx] : index) idx = next++;
  const std::size_t k = index.size();
  STYLOKIT_CHECK(k >= 2 && k + 1 <= n, DataError,
                 "silhouette needs 2 to n - 1 = {} clusters, got {} (valid values are 2 to n_samples - 1)", n - 1, k);
  std::vector<std::size_t> lab(n), sizes(k, 0);
  for (std::size_t i = 0; i < n; ++i) ++sizes[lab[i] = index[labels[i]]];
  std::vector<double> out(n), sums(k);
  for (std::size_t i = 0; i < n; ++i) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) sums[lab[j]] += d(i, j);
    if (sizes[lab[i]] == 1) {
      out[i] = 0;
      continue;
    }
    double a = sums[lab[i]] / static_cast<double>(sizes[lab[i]] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < k; ++c)
      if (c != lab[i]) b = std::min(b, sums[c] / static_cast<double>(sizes[c]));
    double m = std::max(a, b);
    out[i] = m > 0 ? (b - a) / m : 0.0;
  }
  return out;
}

double silhouette_score(const CondensedDistances& d, const std::vector<int>& labels) {
  std::vector<double> s = silhouette_samples(d, labels);
  double sum = 0;
  for (double v : s) sum += v;
  return sum / static_cast<double>(s.size());
}

SilhouetteScan choose_k_by_silhouette(const CondensedDistances& d, std::size_t k_min, std::size_t k_max,
                                      const std::function<std::vector<int>(std::size_t)>& cluster) {
  const std::size_t n = d.size();
  STYLOKIT_CHECK(k_min >= 2 && k_min <= k_max && k_max + 1 <= n, ConfigError,
                 "choosing k by silhouette needs 2 <= k_min <= k_max <= n - 1 = {}, got {}..{}", n - 1, k_min, k_max);
  SilhouetteScan scan;
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t k = k_min; k <= k_max; ++k) {
    std::vector<int> labels = cluster(k);
    std::vector<int> distinct = labels;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    double s = distinct.size() >= 2 && distinct.size() + 1 <= n ? silhouette_score(d, labels) : -1.0;
    scan.ks.push_back(k);
    scan.scores.push_back(s);
    if (s > best) {
      best = s;
      scan.best_k = k;
    }
  }
  return scan;
}

double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b) {
  STYLOKIT_CHECK(a.size() == b.size() && !a.empty(), DataError,
                 "adjusted Rand index: labelings of {} and {} points", a.size(), b.size());
  std::map<int, std::int64_t> ra, rb;
  std::map<std::pair<int, int>, std::int64_t> cells;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ++ra[a[i]];
    ++rb[b[i]];
    ++cells[{a[i], b[i]}];
  }
  // scikit-learn's pair confusion matrix, in exact integers.
  const auto n = static_cast<std::int64_t>(a.size());
  std::int64_t sum_squares = 0, dot_b = 0, dot_a = 0;
  for (const auto& [key, c] : cells) {
    sum_squares += c * c;
    dot_b += c * rb[key.second];
    dot_a += c * ra[key.first];
  }
  const std::int64_t tp = sum_squares - n, fp = dot_b - sum_squares, fn = dot_a - sum_squares;
  const std::int64_t tn = n * n - fp - fn - sum_squares;
  if (fn == 0 && fp == 0) return 1.0;
  const long double num = 2.0L * (static_cast<long double>(tp) * tn - static_cast<long double>(fn) * fp);
  const long double den = static_cast<long double>(tp + fn) * (fn + tn) + static_cast<long double>(tp + fp) * (fp + tn);
  return static_cast<double>(num / den);
}

}  // namespace stylokit::cluster
