#include "toolkit/report/pictures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "toolkit/common/error.h"
#include "toolkit/report/svg.h"

namespace stylokit::report {
namespace {

// Approximate text width for layout: 0.6 em per character (UTF-8 continuation bytes
// do not count), good enough for a sans-serif font.
double text_width(std::string_view s, double size) {
  size_t chars = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++chars;
  return 0.6 * size * static_cast<double>(chars);
}

// Groups in first-seen order, each with a colour index.
std::map<std::string, size_t> group_index(const std::vector<std::string>& groups) {
  std::map<std::string, size_t> index;
  for (const auto& g : groups) index.emplace(g, index.size());
  return index;
}

void legend(Svg& svg, double x, double y, const std::string& name, const std::vector<std::string>& groups) {
  auto index = group_index(groups);
  std::vector<std::pair<size_t, std::string>> entries;
  for (const auto& [g, i] : index) entries.emplace_back(i, g);
  std::sort(entries.begin(), entries.end());
  if (!name.empty()) svg.text(x, y, name, 11, "start", 0, "#222");
  for (size_t k = 0; k < entries.size(); ++k) {
    double yy = y + 16 * static_cast<double>(k + 1);
    svg.rect(x, yy - 9, 10, 10, category_colour(entries[k].first));
    svg.text(x + 15, yy, entries[k].second.empty() ? "(none)" : entries[k].second, 11);
  }
}

}  // namespace

std::string heatmap_svg(const Eigen::MatrixXd& values, const std::vector<std::string>& labels,
                        const std::vector<size_t>& order, const HeatmapOptions& options) {
  const size_t n = labels.size();
  STYLOKIT_CHECK(static_cast<size_t>(values.rows()) == n && static_cast<size_t>(values.cols()) == n, DataError,
                 "heatmap: matrix is {}x{} but there are {} labels", values.rows(), values.cols(), n);
  STYLOKIT_CHECK(order.size() == n, DataError, "heatmap: order has {} entries, expected {}", order.size(), n);
  // Colour range from the off-diagonal values (the diagonal is trivially 1 or 0).
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j)
      if (i != j && std::isfinite(values(i, j))) {
        lo = std::min(lo, values(i, j));
        hi = std::max(hi, values(i, j));
      }
  if (!(lo < hi)) {  // n == 1 or all equal
    lo = std::isfinite(lo) ? lo - 0.5 : 0;
    hi = lo + 1;
  }
  auto shade = [&](double v) {
    double t = (v - lo) / (hi - lo);
    return viridis(options.larger_is_closer ? t : 1 - t);
  };
  const double cell = std::clamp(640.0 / std::max<double>(1, static_cast<double>(n)), 8.0, 48.0);
  const double font = std::clamp(cell * 0.8, 7.0, 12.0);
  double label_w = 0;
  for (const auto& l : labels) label_w = std::max(label_w, text_width(l, font));
  label_w = std::min(label_w, 360.0) + 8;
  const double top = 40 + label_w * 0.75;  // column labels at -50 degrees
  const double left = label_w + 10;
  const double grid = cell * static_cast<double>(n);
  const double bar_x = left + grid + 30;
  // Column labels lean right at 50 degrees: the last one reaches cos(50°) of its width
  // past the grid, which may be wider than the colour bar.
  Svg svg(std::max(bar_x + 160, left + grid + label_w * 0.65 + 20), top + grid + 40);
  svg.text(10, 22, options.title, 15, "start", 0, "#111");
  for (size_t r = 0; r < n; ++r) {
    double y = top + cell * static_cast<double>(r);
    const size_t i = order[r];
    STYLOKIT_CHECK(i < n, DataError, "heatmap: order entry {} out of range", i);
    svg.text(left - 6, y + cell / 2 + font * 0.35, labels[i], font, "end", 0, "#222", labels[i]);
    for (size_t c = 0; c < n; ++c) {
      const size_t j = order[c];
      double v = values(i, j);
      std::string tip = fmt::format("{} × {}: {}", labels[i], labels[j],
                                    std::isfinite(v) ? num(v, options.value_decimals) : std::string("n/a"));
      svg.rect(left + cell * static_cast<double>(c), y, cell, cell, shade(v), tip);
    }
  }
  for (size_t c = 0; c < n; ++c) {
    double x = left + cell * static_cast<double>(c) + cell / 2 + font * 0.35;
    svg.text(x, top - 6, labels[order[c]], font, "start", -50, "#222", labels[order[c]]);
  }
  // Colour bar: alike at the top whatever the direction.
  const double bar_h = std::max(120.0, std::min(grid, 320.0));
  const int steps = 64;
  for (int s = 0; s < steps; ++s) {
    double t = 1.0 - (s + 0.5) / steps;
    svg.rect(bar_x, top + bar_h * s / steps, 16, bar_h / steps + 0.5, viridis(t));
  }
  double top_value = options.larger_is_closer ? hi : lo, bottom_value = options.larger_is_closer ? lo : hi;
  svg.text(bar_x + 22, top + 10, num(top_value, 3), 11);
  svg.text(bar_x + 22, top + bar_h, num(bottom_value, 3), 11);
  svg.text(bar_x, top - 10, options.measure + (options.larger_is_closer ? " (similarity)" : " (distance)"), 11);
  svg.text(bar_x + 22, top + bar_h / 2, "more alike ↑", 10, "start", 0, "#555");
  return svg.finish();
}

std::string dendrogram_svg(const cluster::Linkage& z, const std::vector<std::string>& labels,
                           const DendrogramOptions& options) {
  const size_t n = z.n;
  STYLOKIT_CHECK(labels.size() == n, DataError, "dendrogram: {} labels for {} leaves", labels.size(), n);
  STYLOKIT_CHECK(options.groups.empty() || options.groups.size() == n, DataError,
                 "dendrogram: {} groups for {} leaves", options.groups.size(), n);
  STYLOKIT_CHECK(n >= 2 && z.merges.size() == n - 1, DataError, "dendrogram: needs a linkage of at least 2 leaves");
  auto order = cluster::leaf_order(z);
  const double row = std::clamp(560.0 / static_cast<double>(n), 12.0, 28.0);
  const double font = std::min(12.0, row * 0.8);
  double label_w = 0;
  for (const auto& l : labels) label_w = std::max(label_w, text_width(l, font));
  label_w = std::min(label_w, 420.0);
  const double top = 50, left = 30, tree_w = 480;
  const double legend_w = options.groups.empty() ? 0 : 200;
  Svg svg(left + tree_w + 12 + label_w + legend_w + 20, top + row * static_cast<double>(n) + 50);
  svg.text(10, 22, options.title, 15, "start", 0, "#111");

  double max_h = 0;
  for (const auto& m : z.merges) max_h = std::max(max_h, m.height);
  if (max_h <= 0) max_h = 1;
  // x grows leftwards with height: leaves at the right edge of the tree area.
  auto x_of = [&](double h) { return left + tree_w * (1.0 - std::max(0.0, h) / max_h); };
  std::vector<double> y(2 * n - 1), x(2 * n - 1);
  for (size_t k = 0; k < n; ++k) {
    auto leaf = static_cast<size_t>(order[k]);
    y[leaf] = top + row * (static_cast<double>(k) + 0.5);
    x[leaf] = x_of(0);
  }
  auto index = group_index(options.groups);
  for (size_t i = 0; i < z.merges.size(); ++i) {
    const auto& m = z.merges[i];
    auto a = static_cast<size_t>(m.left), b = static_cast<size_t>(m.right);
    double xm = x_of(m.height);
    svg.line(x[a], y[a], xm, y[a], "#333", 1.2);
    svg.line(x[b], y[b], xm, y[b], "#333", 1.2);
    svg.line(xm, y[a], xm, y[b], "#333", 1.2);
    x[n + i] = xm;
    y[n + i] = (y[a] + y[b]) / 2;
  }
  for (size_t k = 0; k < n; ++k) {
    auto leaf = static_cast<size_t>(order[k]);
    std::string colour = options.groups.empty() ? "#222" : category_colour(index.at(options.groups[leaf]));
    svg.text(x_of(0) + 6, y[leaf] + font * 0.35, labels[leaf], font, "start", 0, colour,
             options.groups.empty() ? labels[leaf] : labels[leaf] + " (" + options.groups[leaf] + ")");
  }
  // Height axis with five ticks.
  double axis_y = top + row * static_cast<double>(n) + 10;
  svg.line(x_of(max_h), axis_y, x_of(0), axis_y, "#555");
  for (int t = 0; t <= 4; ++t) {
    double h = max_h * t / 4.0;
    svg.line(x_of(h), axis_y, x_of(h), axis_y + 4, "#555");
    svg.text(x_of(h), axis_y + 16, num(h, 3), 10, "middle", 0, "#555");
  }
  svg.text(left + tree_w / 2, axis_y + 32, options.distance_label, 11, "middle", 0, "#333");
  if (!options.groups.empty())
    legend(svg, left + tree_w + 12 + label_w + 20, top, options.group_name, options.groups);
  return svg.finish();
}

std::string scatter_svg(const Eigen::MatrixXd& points, const std::vector<std::string>& labels,
                        const ScatterOptions& options) {
  const size_t n = labels.size();
  STYLOKIT_CHECK(static_cast<size_t>(points.rows()) == n && points.cols() == 2, DataError,
                 "scatter: points are {}x{}, expected {}x2", points.rows(), points.cols(), n);
  STYLOKIT_CHECK(options.groups.empty() || options.groups.size() == n, DataError, "scatter: {} groups for {} points",
                 options.groups.size(), n);
  const double size = 520, margin = 60;
  const double legend_w = options.groups.empty() ? 0 : 220;
  Svg svg(size + 2 * margin + 160 + legend_w, size + 2 * margin);
  svg.text(10, 22, options.title, 15, "start", 0, "#111");
  double x0 = points.col(0).minCoeff(), x1 = points.col(0).maxCoeff();
  double y0 = points.col(1).minCoeff(), y1 = points.col(1).maxCoeff();
  // One scale for both axes, so distances on the page mean the same in both directions.
  double span = std::max({x1 - x0, y1 - y0, 1e-12}) * 1.1;
  double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  auto px = [&](double v) { return margin + size * ((v - cx) / span + 0.5); };
  auto py = [&](double v) { return margin + size * (0.5 - (v - cy) / span); };
  svg.rect(margin, margin, size, size, "none", {}, R"(stroke="#999")");
  svg.text(margin + size / 2, margin + size + 30, options.x_label, 11, "middle");
  svg.text(margin - 30, margin + size / 2, options.y_label, 11, "middle", -90);
  auto index = group_index(options.groups);
  for (size_t i = 0; i < n; ++i) {
    std::string colour = options.groups.empty() ? "#4e79a7" : category_colour(index.at(options.groups[i]));
    double x = px(points(i, 0)), y = py(points(i, 1));
    svg.circle(x, y, 5, colour, fmt::format("{} ({}, {})", labels[i], num(points(i, 0), 4), num(points(i, 1), 4)));
    if (n <= 60) svg.text(x + 7, y + 4, labels[i], 10, "start", 0, "#333");
  }
  if (!options.groups.empty()) legend(svg, margin + size + 170, margin, options.group_name, options.groups);
  return svg.finish();
}

}  // namespace stylokit::report
