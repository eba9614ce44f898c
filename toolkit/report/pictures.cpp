#include "toolkit/report/pictures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "toolkit/common/error.h"
#include "toolkit/report/png.h"
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

// Groups in name order, each with a colour index: the same group gets the same colour in
// every picture, whatever order the documents come in.
std::map<std::string, size_t> group_index(const std::vector<std::string>& groups) {
  std::map<std::string, size_t> index;
  for (const auto& g : groups) index.emplace(g, 0);
  size_t i = 0;
  for (auto& entry : index) entry.second = i++;
  return index;
}

void legend(Svg& svg, double x, double y, const std::string& name, const std::vector<std::string>& groups,
            bool shapes = false) {
  auto index = group_index(groups);
  std::map<std::string, size_t> counts;
  for (const auto& g : groups) ++counts[g];
  std::vector<std::pair<size_t, std::string>> entries;
  for (const auto& [g, i] : index) entries.emplace_back(i, g);
  std::sort(entries.begin(), entries.end());
  if (!name.empty()) svg.text(x, y, name, 11, "start", 0, "#222");
  for (size_t k = 0; k < entries.size(); ++k) {
    double yy = y + 16 * static_cast<double>(k + 1);
    const size_t i = entries[k].first;
    if (shapes)
      svg.marker(i % kMarkerShapes, x + 5, yy - 4, 5, category_colour(i));
    else
      svg.rect(x, yy - 9, 10, 10, category_colour(i));
    const std::string& g = entries[k].second;
    svg.text(x + 15, yy, fmt::format("{} ({})", g.empty() ? "(none)" : g, counts[g]), 11);
  }
}

// Colour range from the off-diagonal values (the diagonal is trivially 1 or 0).
struct Shade {
  double lo = INFINITY, hi = -INFINITY;
  bool larger_is_closer = true;

  Shade(const Eigen::MatrixXd& values, bool larger) : larger_is_closer(larger) {
    const auto n = values.rows();
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j)
        if (i != j && std::isfinite(values(i, j))) {
          lo = std::min(lo, values(i, j));
          hi = std::max(hi, values(i, j));
        }
    if (!(lo < hi)) {  // n == 1 or all equal
      lo = std::isfinite(lo) ? lo - 0.5 : 0;
      hi = lo + 1;
    }
  }
  std::string operator()(double v) const {
    double t = (v - lo) / (hi - lo);
    return viridis(larger_is_closer ? t : 1 - t);
  }
};

void check_heatmap_input(const Eigen::MatrixXd& values, size_t n, const std::vector<size_t>& order) {
  STYLOKIT_CHECK(static_cast<size_t>(values.rows()) == n && static_cast<size_t>(values.cols()) == n, DataError,
                 "heatmap: matrix is {}x{} but there are {} labels", values.rows(), values.cols(), n);
  STYLOKIT_CHECK(order.size() == n, DataError, "heatmap: order has {} entries, expected {}", order.size(), n);
  std::vector<bool> seen(n);
  for (size_t i : order) {
    STYLOKIT_CHECK(i < n && !seen[i], DataError, "heatmap: order entry {} out of range or repeated", i);
    seen[i] = true;
  }
}

// The colour bar right of the matrix (alike at the top whatever the direction); returns its bottom.
double colour_bar(Svg& svg, double bar_x, double top, double grid, const Shade& shade, const HeatmapOptions& options) {
  const double bar_h = std::max(120.0, std::min(grid, 320.0));
  const int steps = 64;
  for (int s = 0; s < steps; ++s) {
    double t = 1.0 - (s + 0.5) / steps;
    svg.rect(bar_x, top + bar_h * s / steps, 16, bar_h / steps + 0.5, viridis(t));
  }
  double top_value = options.larger_is_closer ? shade.hi : shade.lo;
  double bottom_value = options.larger_is_closer ? shade.lo : shade.hi;
  svg.text(bar_x + 22, top + 10, num(top_value, 3), 11);
  svg.text(bar_x + 22, top + bar_h, num(bottom_value, 3), 11);
  svg.text(bar_x, top - 10, options.measure + (options.larger_is_closer ? " (similarity)" : " (distance)"), 11);
  svg.text(bar_x + 22, top + bar_h / 2, "more alike ↑", 10, "start", 0, "#555");
  return top + bar_h;
}

// Beyond kHeatmapSvgLimit: the cells as an embedded PNG, thinned labels with hover strips,
// the closest pairs outlined and listed.
std::string large_heatmap_svg(const Eigen::MatrixXd& values, const std::vector<std::string>& labels,
                              const std::vector<size_t>& order, const HeatmapOptions& options, const Shade& shade) {
  const size_t n = labels.size();
  const double grid = 720, cell = grid / static_cast<double>(n), font = 9;
  const size_t step = static_cast<size_t>(std::ceil(11.0 / cell));
  double label_w = 0;
  for (size_t r = 0; r < n; r += step) label_w = std::max(label_w, text_width(labels[order[r]], font));
  label_w = std::min(label_w, 200.0) + 8;
  const double top = 40 + label_w * 0.75, left = label_w + 10;
  const double bar_x = left + grid + 30;
  Svg svg(std::max(bar_x + 300, left + grid + label_w * 0.65 + 20), top + grid + 40);
  svg.text(10, 22, options.title, 15, "start", 0, "#111");
  const size_t px = std::max<size_t>(1, (1000 + n - 1) / n);
  svg.raw(fmt::format(R"(<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" )"
                      R"(href="data:image/png;base64,{}"/>)"
                      "\n",
                      num(left), num(top), num(grid), num(grid),
                      base64(heatmap_png(values, order, options, px, false))));
  for (size_t r = 0; r < n; ++r) {
    const std::string& l = labels[order[r]];
    const double y = top + cell * static_cast<double>(r), x = left + cell * static_cast<double>(r);
    // Invisible strips: every row and column names its document on hover.
    svg.rect(0, y, left, cell, "none", fmt::format("row {}: {}", r + 1, l), R"(pointer-events="all")");
    svg.rect(x, 30, cell, top - 30, "none", fmt::format("column {}: {}", r + 1, l), R"(pointer-events="all")");
    if (r % step == 0) {
      svg.text(left - 6, y + cell / 2 + font * 0.35, l, font, "end", 0, "#222");
      svg.text(x + cell / 2 + font * 0.35, top - 6, l, font, "start", -50, "#222");
    }
  }
  const double bar_bottom = colour_bar(svg, bar_x, top, grid, shade, options);
  // Closest pairs: outlined on the matrix (both triangles) and listed under the scale.
  struct Pair {
    size_t r, c;
    double v;
  };
  std::vector<Pair> pairs;
  for (size_t r = 0; r < n; ++r)
    for (size_t c = r + 1; c < n; ++c)
      if (std::isfinite(values(order[r], order[c]))) pairs.push_back({r, c, values(order[r], order[c])});
  const size_t shown = std::min<size_t>(12, pairs.size());
  std::partial_sort(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(shown), pairs.end(),
                    [&](const Pair& a, const Pair& b) {
                      if (a.v != b.v) return options.larger_is_closer ? a.v > b.v : a.v < b.v;
                      return std::tie(a.r, a.c) < std::tie(b.r, b.c);
                    });
  double y = bar_bottom + 30;
  svg.text(bar_x, y, "closest pairs (outlined)", 11, "start", 0, "#111");
  const double mark = std::max(cell, 6.0);
  for (size_t k = 0; k < shown; ++k) {
    const auto& p = pairs[k];
    const std::string& a = labels[order[p.r]];
    const std::string& b = labels[order[p.c]];
    std::string tip = fmt::format("{} × {}: {}", a, b, num(p.v, options.value_decimals));
    for (auto [r, c] : {std::pair{p.r, p.c}, std::pair{p.c, p.r}})
      svg.rect(left + cell * (static_cast<double>(c) + 0.5) - mark / 2,
               top + cell * (static_cast<double>(r) + 0.5) - mark / 2, mark, mark, "none", tip,
               R"(stroke="#d00" stroke-width="1.5" pointer-events="all")");
    y += 15;
    svg.text(bar_x, y, fmt::format("{}. {}", k + 1, num(p.v, options.value_decimals)), 10, "start", 0, "#222", tip);
    y += 12;
    svg.text(bar_x + 12, y, a + " ~ " + b, 9, "start", 0, "#444", tip);
  }
  return svg.finish();
}

}  // namespace

std::string heatmap_png(const Eigen::MatrixXd& values, const std::vector<size_t>& order, const HeatmapOptions& options,
                        size_t cell, bool with_bar) {
  const size_t n = order.size();
  check_heatmap_input(values, n, order);
  STYLOKIT_CHECK(cell >= 1 && cell * n <= 20000, DataError, "heatmap: {} px per cell for {} documents", cell, n);
  Shade shade(values, options.larger_is_closer);
  const size_t grid = cell * n, bar_w = with_bar ? 40 : 0;
  RgbImage image(grid + bar_w, grid);
  for (size_t r = 0; r < n; ++r)
    for (size_t c = 0; c < n; ++c) image.fill_rect(c * cell, r * cell, cell, cell, shade(values(order[r], order[c])));
  if (with_bar)
    for (size_t y = 0; y < grid; ++y)
      image.fill_rect(grid + 16, y, 24, 1, viridis(1.0 - (static_cast<double>(y) + 0.5) / static_cast<double>(grid)));
  return encode_png(image);
}

std::string heatmap_svg(const Eigen::MatrixXd& values, const std::vector<std::string>& labels,
                        const std::vector<size_t>& order, const HeatmapOptions& options) {
  const size_t n = labels.size();
  check_heatmap_input(values, n, order);
  const Shade shade(values, options.larger_is_closer);
  if (n > kHeatmapSvgLimit) return large_heatmap_svg(values, labels, order, options, shade);
  const double cell = std::clamp(640.0 / std::max<double>(1, static_cast<double>(n)), 6.0, 48.0);
  const double font = std::clamp(cell * 0.8, 6.0, 12.0);
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
  colour_bar(svg, bar_x, top, grid, shade, options);
  return svg.finish();
}

std::string tree_svg(const cluster::Tree& tree, const TreeOptions& options) {
  STYLOKIT_CHECK(tree.root >= 0 && static_cast<size_t>(tree.root) < tree.nodes.size(), DataError, "tree: no root");
  STYLOKIT_CHECK(options.groups.empty() || options.groups.size() == options.ids.size(), DataError,
                 "tree: {} groups for {} ids", options.groups.size(), options.ids.size());
  const auto& nodes = tree.nodes;
  // Post-order without recursion (a 500-leaf caterpillar tree is 500 deep).
  std::vector<int> post, stack = {tree.root};
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    post.push_back(v);
    for (int c : nodes[static_cast<size_t>(v)].children) {
      STYLOKIT_CHECK(c >= 0 && static_cast<size_t>(c) < nodes.size(), DataError, "tree: child {} out of range", c);
      stack.push_back(c);
    }
  }
  std::reverse(post.begin(), post.end());  // children before parents
  bool lengths = true;
  for (int v : post)
    if (v != tree.root && !std::isfinite(nodes[static_cast<size_t>(v)].length)) lengths = false;
  std::vector<double> height(nodes.size(), 0.0);
  for (int v : post) {
    const auto& node = nodes[static_cast<size_t>(v)];
    for (int c : node.children) {
      double h = height[static_cast<size_t>(c)] + (lengths ? nodes[static_cast<size_t>(c)].length : 1.0);
      height[static_cast<size_t>(v)] = std::max(height[static_cast<size_t>(v)], h);
    }
  }
  const std::vector<std::string> leaves = tree.leaf_labels();
  const size_t n = leaves.size();
  STYLOKIT_CHECK(n >= 2, DataError, "tree: needs at least 2 leaves, got {}", n);
  std::map<std::string, std::string> group_of;
  for (size_t i = 0; i < options.groups.size(); ++i) group_of.emplace(options.ids[i], options.groups[i]);
  auto index = group_index(options.groups);

  const double row = std::clamp(560.0 / static_cast<double>(n), 11.0, 28.0);
  const double font = std::min(12.0, row * 0.8);
  double label_w = 0;
  for (const auto& l : leaves) label_w = std::max(label_w, text_width(l, font));
  label_w = std::min(label_w, 420.0) + 16;  // + the group swatch
  const double top = 50, left = 30, tree_w = 480;
  const double legend_w = options.groups.empty() ? 0 : 220;
  Svg svg(left + tree_w + 12 + label_w + legend_w + 20, top + row * static_cast<double>(n) + 50);
  svg.text(10, 22, options.title, 15, "start", 0, "#111");
  const double max_h = std::max(height[static_cast<size_t>(tree.root)], 1e-12);
  // x grows leftwards with height: leaves at the right edge of the tree area.
  auto x_of = [&](double h) { return left + tree_w * (1.0 - std::max(0.0, h) / max_h); };
  std::vector<double> x(nodes.size()), y(nodes.size());
  size_t leaf = 0;
  for (int v : post) {  // post-order visits leaves left to right
    const auto& node = nodes[static_cast<size_t>(v)];
    const auto vi = static_cast<size_t>(v);
    x[vi] = x_of(height[vi]);
    if (node.children.empty()) {
      y[vi] = top + row * (static_cast<double>(leaf++) + 0.5);
      x[vi] = x_of(0);
      continue;
    }
    double y0 = INFINITY, y1 = -INFINITY;
    for (int c : node.children) {
      const auto ci = static_cast<size_t>(c);
      svg.line(x[ci], y[ci], x[vi], y[ci], "#333", 1.2);
      y0 = std::min(y0, y[ci]);
      y1 = std::max(y1, y[ci]);
    }
    svg.line(x[vi], y0, x[vi], y1, "#333", 1.2);
    y[vi] = (y0 + y1) / 2;
    if (!node.label.empty() && v != tree.root)
      svg.text(x[vi] - 3, y[vi] - 3, node.label, std::max(8.0, font * 0.85), "end", 0, "#8a2b2b",
               "support " + node.label);
  }
  for (int v : post) {
    const auto& node = nodes[static_cast<size_t>(v)];
    if (!node.children.empty()) continue;
    const auto vi = static_cast<size_t>(v);
    auto g = group_of.find(node.label);
    std::string colour = "#222", tip = node.label;
    if (g != group_of.end()) {
      const size_t i = index.at(g->second);
      svg.rect(x_of(0) + 5, y[vi] - font * 0.4, font * 0.8, font * 0.8, category_colour(i));
      colour = category_text_colour(i);
      tip += " (" + g->second + ")";
    }
    svg.text(x_of(0) + 8 + font, y[vi] + font * 0.35, node.label, font, "start", 0, colour, tip);
  }
  double axis_y = top + row * static_cast<double>(n) + 10;
  if (lengths) {  // height axis with five ticks
    svg.line(x_of(max_h), axis_y, x_of(0), axis_y, "#555");
    for (int t = 0; t <= 4; ++t) {
      double h = max_h * t / 4.0;
      svg.line(x_of(h), axis_y, x_of(h), axis_y + 4, "#555");
      svg.text(x_of(h), axis_y + 16, num(h, 3), 10, "middle", 0, "#555");
    }
    svg.text(left + tree_w / 2, axis_y + 32, options.distance_label, 11, "middle", 0, "#333");
  } else {
    svg.text(left, axis_y + 16, "branch lengths not to scale; numbers at nodes: support", 10, "start", 0, "#555");
  }
  if (!options.groups.empty()) legend(svg, left + tree_w + 12 + label_w + 20, top, options.group_name, options.groups);
  return svg.finish();
}

std::string dendrogram_svg(const cluster::Linkage& z, const std::vector<std::string>& labels,
                           const DendrogramOptions& options) {
  const size_t n = z.n;
  STYLOKIT_CHECK(labels.size() == n, DataError, "dendrogram: {} labels for {} leaves", labels.size(), n);
  STYLOKIT_CHECK(options.groups.empty() || options.groups.size() == n, DataError, "dendrogram: {} groups for {} leaves",
                 options.groups.size(), n);
  STYLOKIT_CHECK(n >= 2 && z.merges.size() == n - 1, DataError, "dendrogram: needs a linkage of at least 2 leaves");
  TreeOptions to;
  to.title = options.title;
  to.distance_label = options.distance_label;
  if (!options.groups.empty()) to.ids = labels;
  to.groups = options.groups;
  to.group_name = options.group_name;
  return tree_svg(cluster::tree_from_linkage(z, labels), to);
}

std::string scatter_svg(const Eigen::MatrixXd& points, const std::vector<std::string>& labels,
                        const ScatterOptions& options) {
  const size_t n = labels.size();
  STYLOKIT_CHECK(static_cast<size_t>(points.rows()) == n && points.cols() == 2, DataError,
                 "scatter: points are {}x{}, expected {}x2", points.rows(), points.cols(), n);
  STYLOKIT_CHECK(options.groups.empty() || options.groups.size() == n, DataError, "scatter: {} groups for {} points",
                 options.groups.size(), n);
  STYLOKIT_CHECK(n >= 1, DataError, "scatter: no points");
  const double size = 600, margin = 60;
  const double legend_w = options.groups.empty() ? 0 : 240;
  Svg svg(size + 2 * margin + legend_w, size + 2 * margin);
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
  const double r = n > 200 ? 3.5 : 5;
  struct Box {
    double x0, y0, x1, y1;
    bool hits(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  };
  std::vector<Box> taken;  // markers first, then placed labels
  std::vector<double> mx(n), my(n);
  for (size_t i = 0; i < n; ++i) {
    mx[i] = px(points(i, 0));
    my[i] = py(points(i, 1));
    taken.push_back({mx[i] - r, my[i] - r, mx[i] + r, my[i] + r});
  }
  // Labels: greedy, in point order, nearest free spot first.
  const double font = 10;
  std::vector<std::string> label_markup;
  if (n <= kScatterLabelLimit) {
    static constexpr double kDx[8] = {1, -1, 0, 0, 1, -1, 1, -1}, kDy[8] = {0, 0, -1, 1, -1, -1, 1, 1};
    for (size_t i = 0; i < n; ++i) {
      const double w = text_width(labels[i], font), h = font * 1.2;
      bool placed = false;
      for (int ring = 1; ring <= 6 && !placed; ++ring) {
        const double d = r + 2 + 10.0 * (ring - 1);
        for (int k = 0; k < 8 && !placed; ++k) {
          // Anchor the label box on the side it moves to, so ring 1 touches the marker.
          double bx = mx[i] + kDx[k] * d + (kDx[k] > 0 ? 0 : kDx[k] < 0 ? -w : -w / 2);
          double by = my[i] + kDy[k] * d + (kDy[k] > 0 ? 0 : kDy[k] < 0 ? -h : -h / 2);
          Box b{bx, by, bx + w, by + h};
          if (b.x0 < margin || b.x1 > margin + size || b.y0 < margin || b.y1 > margin + size) continue;
          if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.hits(b); })) continue;
          taken.push_back(b);
          placed = true;
          if (ring > 1) {  // leader from the marker's edge to the label box's nearest point
            double lx = std::clamp(mx[i], b.x0, b.x1), ly = std::clamp(my[i], b.y0, b.y1);
            double len = std::hypot(lx - mx[i], ly - my[i]);
            svg.line(mx[i] + (lx - mx[i]) * r / len, my[i] + (ly - my[i]) * r / len, lx, ly, "#999", 0.7);
          }
          label_markup.push_back(fmt::format(R"(<text x="{}" y="{}" font-size="{}" fill="#333">{}</text>)"
                                             "\n",
                                             num(b.x0), num(b.y1 - h * 0.25), num(font), xml_escape(labels[i])));
        }
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    size_t g = options.groups.empty() ? 4 : index.at(options.groups[i]);
    std::string tip = fmt::format("{} ({}, {})", labels[i], num(points(i, 0), 4), num(points(i, 1), 4));
    if (!options.groups.empty()) tip += " " + options.groups[i];
    svg.marker(options.groups.empty() ? 0 : g % kMarkerShapes, mx[i], my[i], r, category_colour(g), tip);
  }
  for (const auto& m : label_markup) svg.raw(m);
  if (!options.groups.empty()) legend(svg, margin + size + 20, margin, options.group_name, options.groups, true);
  if (n > kScatterLabelLimit)
    svg.text(margin, margin + size + 48, fmt::format("{} points: hover a marker for its name", n), 10, "start", 0,
             "#555");
  return svg.finish();
}

}  // namespace stylokit::report
