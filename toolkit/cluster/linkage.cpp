#include "toolkit/cluster/linkage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"

namespace stylokit::cluster {

Method parse_method(const std::string& name, const std::string& what) {
  if (name == "single") return Method::kSingle;
  if (name == "complete") return Method::kComplete;
  if (name == "average") return Method::kAverage;
  if (name == "weighted") return Method::kWeighted;
  if (name == "ward.D") return Method::kWardD;
  if (name == "ward.D2" || name == "ward") return Method::kWardD2;
  if (name == "centroid") return Method::kCentroid;
  if (name == "median") return Method::kMedian;
  throw ConfigError(fmt::format(
      "{} '{}' is not a linkage method (single, complete, average, weighted, ward.D, ward.D2, centroid, median)", what,
      name));
}

const char* to_string(Method method) {
  switch (method) {
    case Method::kSingle: return "single";
    case Method::kComplete: return "complete";
    case Method::kAverage: return "average";
    case Method::kWeighted: return "weighted";
    case Method::kWardD: return "ward.D";
    case Method::kWardD2: return "ward.D2";
    case Method::kCentroid: return "centroid";
    case Method::kMedian: return "median";
  }
  return "?";
}

namespace {

// Lance-Williams updates: the distance from cluster i to the union of x and y. The
// expressions follow SciPy's _hierarchy_distance_update.pxi term by term (same order of
// floating-point operations), so heights agree bit for bit; ward.D is R's hclust formula.
double update(Method m, double d_xi, double d_yi, double d_xy, std::int64_t nx_, std::int64_t ny_, std::int64_t ni_) {
  const double nx = static_cast<double>(nx_), ny = static_cast<double>(ny_), ni = static_cast<double>(ni_);
  switch (m) {
    case Method::kSingle: return std::min(d_xi, d_yi);
    case Method::kComplete: return std::max(d_xi, d_yi);
    case Method::kAverage: return (nx * d_xi + ny * d_yi) / (nx + ny);
    case Method::kWeighted: return 0.5 * (d_xi + d_yi);
    case Method::kWardD2: {
      double t = 1.0 / (nx + ny + ni);
      return std::sqrt((ni + nx) * t * d_xi * d_xi + (ni + ny) * t * d_yi * d_yi - ni * t * d_xy * d_xy);
    }
    case Method::kWardD: return ((ni + nx) * d_xi + (ni + ny) * d_yi - ni * d_xy) / (nx + ny + ni);
    case Method::kCentroid:
      return std::sqrt((((nx * d_xi * d_xi) + (ny * d_yi * d_yi)) - (nx * ny * d_xy * d_xy) / (nx + ny)) / (nx + ny));
    case Method::kMedian: return std::sqrt(0.5 * (d_xi * d_xi + d_yi * d_yi) - 0.25 * d_xy * d_xy);
  }
  return 0;
}

// SciPy's label(): renumbers raw merges (point indices standing for their current
// cluster) into cluster ids n + i, smaller id first, sizes filled in.
void label(std::vector<Merge>& merges, std::size_t n) {
  std::vector<std::int64_t> parent(2 * n - 1);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::int64_t> size(2 * n - 1, 1);
  auto find = [&](std::int64_t x) {
    std::int64_t root = x;
    while (parent[static_cast<std::size_t>(root)] != root) root = parent[static_cast<std::size_t>(root)];
    while (parent[static_cast<std::size_t>(x)] != root) {
      std::int64_t next = parent[static_cast<std::size_t>(x)];
      parent[static_cast<std::size_t>(x)] = root;
      x = next;
    }
    return root;
  };
  for (std::size_t i = 0; i < merges.size(); ++i) {
    std::int64_t a = find(merges[i].left), b = find(merges[i].right);
    if (a > b) std::swap(a, b);
    auto id = static_cast<std::int64_t>(n + i);
    merges[i].left = a;
    merges[i].right = b;
    parent[static_cast<std::size_t>(a)] = parent[static_cast<std::size_t>(b)] = id;
    size[static_cast<std::size_t>(id)] = size[static_cast<std::size_t>(a)] + size[static_cast<std::size_t>(b)];
    merges[i].size = size[static_cast<std::size_t>(id)];
  }
}

void sort_and_label(std::vector<Merge>& merges, std::size_t n) {
  std::stable_sort(merges.begin(), merges.end(), [](const Merge& a, const Merge& b) { return a.height < b.height; });
  label(merges, n);
}

// Prim's algorithm on the condensed matrix, as SciPy's mst_single_linkage.
std::vector<Merge> single_linkage(const CondensedDistances& d) {
  const std::size_t n = d.size();
  const double* v = d.values().data();
  std::vector<double> best(n, std::numeric_limits<double>::infinity());
  std::vector<char> merged(n, 0);
  std::vector<Merge> merges(n - 1);
  std::size_t x = 0;
  for (std::size_t k = 0; k + 1 < n; ++k) {
    double current = std::numeric_limits<double>::infinity();
    std::size_t y = 0;
    merged[x] = 1;
    for (std::size_t i = 0; i < n; ++i) {
      if (merged[i]) continue;
      double dist = v[d.index(x, i)];
      if (best[i] > dist) best[i] = dist;
      if (best[i] < current) {
        y = i;
        current = best[i];
      }
    }
    merges[k] = {static_cast<std::int64_t>(x), static_cast<std::int64_t>(y), current, 0};
    x = y;
  }
  sort_and_label(merges, n);
  return merges;
}

// The nearest-neighbour chain, as SciPy's nn_chain: the chain starts at the smallest
// active point, the previous chain element is preferred among equals, the merged
// cluster takes the larger index. Only `active` points are scanned (ascending, so the
// tie-breaks are SciPy's).
std::vector<Merge> nn_chain(CondensedDistances& d, Method method) {
  const std::size_t n = d.size();
  double* v = d.values().data();
  std::vector<std::int64_t> size(n, 1);
  std::vector<std::size_t> active(n);
  std::iota(active.begin(), active.end(), 0);
  std::vector<std::size_t> chain;
  chain.reserve(n);
  std::vector<Merge> merges(n - 1);
  // Start of row r's block in the condensed vector, so d(r, j) = v[row_start[r] + j] for j > r.
  std::vector<std::size_t> row_start(n);
  for (std::size_t r = 0; r < n; ++r) row_start[r] = n * r - r * (r + 1) / 2 - r - 1;
  auto at = [&](std::size_t a, std::size_t b) -> double& { return a < b ? v[row_start[a] + b] : v[row_start[b] + a]; };

  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (chain.empty()) chain.push_back(active.front());
    std::size_t x = 0, y = 0;
    double current = 0;
    for (;;) {
      x = chain.back();
      if (chain.size() > 1) {
        y = chain[chain.size() - 2];
        current = at(x, y);
      } else {
        current = std::numeric_limits<double>::infinity();
      }
      for (std::size_t i : active) {
        if (i == x) continue;
        double dist = i < x ? v[row_start[i] + x] : v[row_start[x] + i];
        if (dist < current) {
          current = dist;
          y = i;
        }
      }
      if (chain.size() > 1 && y == chain[chain.size() - 2]) break;
      chain.push_back(y);
    }
    chain.resize(chain.size() - 2);
    if (x > y) std::swap(x, y);
    const std::int64_t nx = size[x], ny = size[y];
    merges[k] = {static_cast<std::int64_t>(x), static_cast<std::int64_t>(y), current, nx + ny};
    size[x] = 0;
    size[y] = nx + ny;
    active.erase(std::lower_bound(active.begin(), active.end(), x));
    for (std::size_t i : active) {
      if (i == y) continue;
      double& dy = at(i, y);
      dy = update(method, at(i, x), dy, current, nx, ny, size[i]);
    }
  }
  sort_and_label(merges, n);
  return merges;
}

// Müllner's generic algorithm (SciPy's fast_linkage) for methods that are not reducible:
// mindist[i] is a lower bound of the distance from i to any active j > i, exact when it
// equals d(i, nn[i]). Merges are recorded in the order made (heights may decrease).
std::vector<Merge> generic_linkage(CondensedDistances& d, Method method) {
  const std::size_t n = d.size();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::int64_t> size(n, 1), cluster_id(n);
  std::iota(cluster_id.begin(), cluster_id.end(), 0);
  std::vector<double> mindist(n, inf);
  std::vector<std::size_t> nn(n, 0);
  auto find_min = [&](std::size_t x) {
    mindist[x] = inf;
    for (std::size_t j = x + 1; j < n; ++j) {
      if (size[j] == 0) continue;
      double dist = d(x, j);
      if (dist < mindist[x]) {
        mindist[x] = dist;
        nn[x] = j;
      }
    }
  };
  for (std::size_t i = 0; i + 1 < n; ++i) find_min(i);
  std::vector<Merge> merges(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    std::size_t x = 0;
    for (;;) {
      double best = inf;
      bool found = false;
      for (std::size_t i = 0; i + 1 < n; ++i)
        if (size[i] > 0 && (!found || mindist[i] < best)) {
          best = mindist[i];
          x = i;
          found = true;
        }
      STYLOKIT_ASSERT(found);
      if (size[nn[x]] > 0 && mindist[x] == d(x, nn[x])) break;
      find_min(x);
    }
    const std::size_t y = nn[x];
    const double dist = mindist[x];
    std::int64_t id_x = cluster_id[x], id_y = cluster_id[y];
    if (id_x > id_y) std::swap(id_x, id_y);
    const std::int64_t nx = size[x], ny = size[y];
    merges[k] = {id_x, id_y, dist, nx + ny};
    size[x] = 0;
    mindist[x] = inf;
    size[y] = nx + ny;
    cluster_id[y] = static_cast<std::int64_t>(n + k);
    for (std::size_t z = 0; z < n; ++z) {
      if (size[z] == 0 || z == y) continue;
      d.at(z, y) = update(method, d(x, z), d(y, z), dist, nx, ny, size[z]);
    }
    for (std::size_t z = 0; z < x; ++z)
      if (size[z] > 0 && nn[z] == x) nn[z] = y;
    for (std::size_t z = 0; z < y; ++z) {
      if (size[z] == 0) continue;
      double dz = d(z, y);
      if (dz < mindist[z]) {
        nn[z] = y;
        mindist[z] = dz;
      }
    }
    if (y + 1 < n) find_min(y);
  }
  return merges;
}

}  // namespace

Linkage linkage(CondensedDistances d, Method method) {
  validate(d, "linkage input");
  Linkage z;
  z.n = d.size();
  z.method = method;
  switch (method) {
    case Method::kSingle: z.merges = single_linkage(d); break;
    case Method::kCentroid:
    case Method::kMedian: z.merges = generic_linkage(d, method); break;
    default: z.merges = nn_chain(d, method); break;
  }
  for (const auto& m : z.merges)
    STYLOKIT_CHECK(std::isfinite(m.height), DataError,
                   "{} linkage produced a non-finite merge height: the distances are not Euclidean enough for it",
                   to_string(method));
  return z;
}

std::vector<std::int64_t> leaf_order(const Linkage& z) {
  const auto n = static_cast<std::int64_t>(z.n);
  std::vector<std::int64_t> order;
  order.reserve(z.n);
  std::vector<std::int64_t> stack{2 * n - 2};
  while (!stack.empty()) {
    std::int64_t c = stack.back();
    stack.pop_back();
    if (c < n) {
      order.push_back(c);
      continue;
    }
    const Merge& m = z.merges[static_cast<std::size_t>(c - n)];
    stack.push_back(m.right);
    stack.push_back(m.left);
  }
  return order;
}

std::vector<double> max_heights(const Linkage& z) {
  const auto n = static_cast<std::int64_t>(z.n);
  std::vector<double> md(z.merges.size());
  for (std::size_t i = 0; i < z.merges.size(); ++i) {
    const Merge& m = z.merges[i];
    double h = m.height;
    if (m.left >= n) h = std::max(h, md[static_cast<std::size_t>(m.left - n)]);
    if (m.right >= n) h = std::max(h, md[static_cast<std::size_t>(m.right - n)]);
    md[i] = h;
  }
  return md;
}

namespace {

// fcluster's traversal (SciPy's cluster_monocrit): depth first from the root, left
// subtree before right; a subtree whose criterion is <= t becomes the next cluster;
// singleton children of a split node are numbered after its non-singleton children.
std::vector<int> form_clusters(const Linkage& z, const std::vector<double>& md, double t) {
  const auto n = static_cast<std::int64_t>(z.n);
  std::vector<int> labels(z.n, 0);
  std::vector<char> visited(2 * z.n - 1, 0);
  int cluster = 0;
  auto assign_subtree = [&](std::int64_t node, int label) {
    std::vector<std::int64_t> stack{node};
    while (!stack.empty()) {
      std::int64_t c = stack.back();
      stack.pop_back();
      if (c < n) {
        labels[static_cast<std::size_t>(c)] = label;
      } else {
        stack.push_back(z.merges[static_cast<std::size_t>(c - n)].left);
        stack.push_back(z.merges[static_cast<std::size_t>(c - n)].right);
      }
    }
  };
  std::vector<std::int64_t> stack{2 * n - 2};
  while (!stack.empty()) {
    const std::int64_t node = stack.back();
    const auto m = static_cast<std::size_t>(node - n);
    const std::int64_t l = z.merges[m].left, r = z.merges[m].right;
    if (md[m] <= t) {
      assign_subtree(node, ++cluster);
      stack.pop_back();
      continue;
    }
    if (!visited[static_cast<std::size_t>(l)]) {
      visited[static_cast<std::size_t>(l)] = 1;
      if (l >= n) {
        stack.push_back(l);
        continue;
      }
    }
    if (!visited[static_cast<std::size_t>(r)]) {
      visited[static_cast<std::size_t>(r)] = 1;
      if (r >= n) {
        stack.push_back(r);
        continue;
      }
    }
    if (l < n) labels[static_cast<std::size_t>(l)] = ++cluster;
    if (r < n) labels[static_cast<std::size_t>(r)] = ++cluster;
    stack.pop_back();
  }
  return labels;
}

}  // namespace

std::vector<int> cut_height(const Linkage& z, double t) {
  STYLOKIT_CHECK(!std::isnan(t), ConfigError, "cut height is NaN");
  return form_clusters(z, max_heights(z), t);
}

std::vector<int> cut_k(const Linkage& z, std::size_t k) {
  STYLOKIT_CHECK(k >= 1 && k <= z.n, ConfigError, "-k {} is out of range: {} documents allow 1 to {} clusters", k, z.n,
                 z.n);
  std::vector<double> md = max_heights(z);
  if (k == z.n) return form_clusters(z, md, -std::numeric_limits<double>::infinity());
  std::vector<double> sorted = md;
  std::sort(sorted.begin(), sorted.end());
  return form_clusters(z, md, sorted[z.n - k - 1]);
}

CondensedDistances cophenetic(const Linkage& z) {
  const std::size_t n = z.n;
  CondensedDistances c(n);
  std::vector<std::vector<std::int64_t>> members(2 * n - 1);
  for (std::size_t i = 0; i < n; ++i) members[i] = {static_cast<std::int64_t>(i)};
  for (std::size_t k = 0; k < z.merges.size(); ++k) {
    const Merge& m = z.merges[k];
    auto& a = members[static_cast<std::size_t>(m.left)];
    auto& b = members[static_cast<std::size_t>(m.right)];
    for (std::int64_t i : a)
      for (std::int64_t j : b) c.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) = m.height;
    auto& out = members[n + k];
    out = std::move(a);
    out.insert(out.end(), b.begin(), b.end());
    std::vector<std::int64_t>().swap(a);
    std::vector<std::int64_t>().swap(b);
  }
  return c;
}

double cophenetic_correlation(const Linkage& z, const CondensedDistances& d) {
  STYLOKIT_CHECK(d.size() == z.n, DataError, "cophenetic correlation: {} distances for a tree of {} leaves", d.size(),
                 z.n);
  CondensedDistances c = cophenetic(z);
  const auto& y = d.values();
  const auto& w = c.values();
  const auto m = static_cast<long double>(y.size());
  long double my = 0, mw = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    my += y[i];
    mw += w[i];
  }
  my /= m;
  mw /= m;
  long double num = 0, sy = 0, sw = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    long double a = y[i] - my, b = w[i] - mw;
    num += a * b;
    sy += a * a;
    sw += b * b;
  }
  STYLOKIT_CHECK(sy > 0 && sw > 0, DataError,
                 "cophenetic correlation is undefined: the {} distances are all equal", sy > 0 ? "cophenetic" : "input");
  return static_cast<double>(num / std::sqrt(sy * sw));
}

void write_linkage_csv(const std::filesystem::path& path, const Linkage& z) {
  std::string out = "left,right,height,size\n";
  for (const auto& m : z.merges) out += fmt::format("{},{},{:.17g},{}\n", m.left, m.right, m.height, m.size);
  write_file_atomic(path, out);
}

void write_assignments_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                           const std::vector<int>& labels) {
  STYLOKIT_ASSERT(ids.size() == labels.size());
  std::string out;
  append_csv_row(out, {"doc", "cluster"});
  for (std::size_t i = 0; i < ids.size(); ++i) append_csv_row(out, {ids[i], std::to_string(labels[i])});
  write_file_atomic(path, out);
}

}  // namespace stylokit::cluster
