#pragma once
// The run's pictures as SVG: a similarity heatmap in dendrogram order, a dendrogram with
// labels coloured by a metadata column, and a 2-D scatter (MDS/PCA). Each function is a
// pure function of its inputs (byte-identical output for identical input), O(n^2) for
// the heatmap and O(n) otherwise, thread-safe, and throws DataError on mismatched sizes.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "toolkit/cluster/linkage.h"

namespace stylokit::report {

struct HeatmapOptions {
  std::string title;              // drawn above the matrix
  std::string measure;            // e.g. "cosine", shown on the colour bar
  bool larger_is_closer = true;   // similarity (true) or distance (false): alike is always bright
  int value_decimals = 3;         // precision in tooltips
};

// values: n × n; labels: n; order: a permutation of 0..n-1 (rows and columns drawn in
// that order, e.g. dendrogram leaf order). Cells carry "<row> × <col>: value" tooltips.
// Labels stay readable up to 500 documents (cells never shrink below 8 px).
std::string heatmap_svg(const Eigen::MatrixXd& values, const std::vector<std::string>& labels,
                        const std::vector<size_t>& order, const HeatmapOptions& options);

struct DendrogramOptions {
  std::string title;
  std::string distance_label = "distance";  // axis caption
  std::vector<std::string> groups;          // per leaf (document order); empty: no colours
  std::string group_name;                   // legend title, e.g. "sender"
};

// A horizontal dendrogram: leaves on the right in leaf order, merge heights on the x axis.
std::string dendrogram_svg(const cluster::Linkage& z, const std::vector<std::string>& labels,
                           const DendrogramOptions& options);

struct ScatterOptions {
  std::string title;
  std::string x_label = "dimension 1";
  std::string y_label = "dimension 2";
  std::vector<std::string> groups;  // per point; empty: one colour
  std::string group_name;
};

// points: n × 2 coordinates; labels: n.
std::string scatter_svg(const Eigen::MatrixXd& points, const std::vector<std::string>& labels,
                        const ScatterOptions& options);

}  // namespace stylokit::report
