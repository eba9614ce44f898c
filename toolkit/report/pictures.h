#pragma once
// The run's pictures as SVG: a similarity heatmap in dendrogram order, a dendrogram (or
// any rooted tree, e.g. a consensus tree with support values) with labels coloured by a
// metadata column, and a 2-D scatter (MDS/PCA). Each function is a pure function of its
// inputs (byte-identical output for identical input), O(n^2) for the heatmap, O(n^2) for
// the scatter's label placement and O(n) otherwise, thread-safe, and throws DataError on
// mismatched sizes.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/newick.h"

namespace stylokit::report {

struct HeatmapOptions {
  std::string title;             // drawn above the matrix
  std::string measure;           // e.g. "cosine", shown on the colour bar
  bool larger_is_closer = true;  // similarity (true) or distance (false): alike is always bright
  int value_decimals = 3;        // precision in tooltips
};

// Above this many documents the heatmap's cells are a PNG inside the SVG: one <rect> with a
// tooltip per cell makes n^2 elements, and the time headless Chromium takes to screenshot
// such an SVG grows faster than n^2 (`chromium --headless --screenshot`, 2 shared cores):
// 10 documents 2.3 s (mostly start-up), 50 3.1 s, 80 4.7 s (0.7 MB), 100 9.6 s, 150 29 s,
// 200 109 s (4.6 MB); 500 did not finish in 10 minutes.
inline constexpr size_t kHeatmapSvgLimit = 80;

// values: n × n; labels: n; order: a permutation of 0..n-1 (rows and columns drawn in
// that order, e.g. dendrogram leaf order). Up to kHeatmapSvgLimit documents every cell is
// a <rect> with a "<row> × <col>: value" tooltip and every label is drawn. Beyond, the
// cells are an embedded PNG (heatmap_png) 720 px wide, labels are thinned to one every
// 11 px with the full row/column name as a hover on its strip, and the closest pairs are
// outlined on the matrix (with tooltips) and listed beside the colour scale. The colour
// scale always sits right of the matrix within 1,200 px.
std::string heatmap_svg(const Eigen::MatrixXd& values, const std::vector<std::string>& labels,
                        const std::vector<size_t>& order, const HeatmapOptions& options);

// The matrix alone as a PNG (encode_png bytes): `cell` px per document, in `order`, and when
// `colour_bar` a 24 px scale (alike at the top) 16 px right of it. No text: the SVG and
// report carry the labels. Same colours as heatmap_svg.
std::string heatmap_png(const Eigen::MatrixXd& values, const std::vector<size_t>& order, const HeatmapOptions& options,
                        size_t cell, bool colour_bar);

struct DendrogramOptions {
  std::string title;
  std::string distance_label = "distance";  // axis caption
  std::vector<std::string> groups;          // per leaf (document order); empty: no colours
  std::string group_name;                   // legend title, e.g. "sender"
};

// A horizontal dendrogram: leaves on the right in leaf order, merge heights on the x axis.
// Rows shrink to 11 px (font 8.8) so 500 leaves make a 5.6k px tall picture; labels are
// drawn in their group's colour darkened to 4.5:1 contrast, next to a swatch in the group
// colour itself.
std::string dendrogram_svg(const cluster::Linkage& z, const std::vector<std::string>& labels,
                           const DendrogramOptions& options);

struct TreeOptions {
  std::string title;
  std::string distance_label = "distance";  // axis caption when the tree has branch lengths
  std::vector<std::string> ids, groups;     // parallel: the group of each leaf label; empty: no colours
  std::string group_name;
};

// Any rooted tree (a Newick file; a consensus tree): leaves in the tree's left-to-right
// order. With branch lengths on every node, x is the height above the leaves (a
// dendrogram); without (consensus trees), every leaf sits at the right edge and a node's
// x is its depth (a cladogram). Internal labels (consensus support) are drawn at their node.
std::string tree_svg(const cluster::Tree& tree, const TreeOptions& options);

struct ScatterOptions {
  std::string title;
  std::string x_label = "dimension 1";
  std::string y_label = "dimension 2";
  std::vector<std::string> groups;  // per point; empty: one colour
  std::string group_name;
};

// Above this many points labels are hover-only (each marker's tooltip).
inline constexpr size_t kScatterLabelLimit = 100;

// points: n × 2 coordinates; labels: n. Groups get a colour and a marker shape. Up to
// kScatterLabelLimit points, labels are placed greedily without overlapping each other or
// markers (nearest free spot in 8 directions at growing distances, a leader line when
// moved away); a label with no free spot is left to the tooltip.
std::string scatter_svg(const Eigen::MatrixXd& points, const std::vector<std::string>& labels,
                        const ScatterOptions& options);

}  // namespace stylokit::report
