// stylokit heatmap S.csv -o heatmap.svg: a similarity or distance matrix as an SVG
// heatmap, rows and columns in the leaf order of an average-linkage dendrogram.

#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/common/io.h"
#include "toolkit/report/pictures.h"

namespace stylokit::cli {
namespace {

int cmd_heatmap(const Args& args) {
  std::string input, output, direction, title, order = "tree", method = "average";
  po::options_description desc("options");
  desc.add_options()
      ("matrix", po::value(&input)->required(), "similarity or distance matrix CSV (as `similarity` writes it)")
      ("output,o", po::value(&output)->required(), "SVG file to write (-: standard output)")
      ("direction", po::value(&direction), "similarity|distance when no S.json sits beside the CSV")
      ("order", po::value(&order)->default_value(order), "row order: tree (dendrogram leaves) or input")
      ("method", po::value(&method)->default_value(method), "linkage used for the tree order")
      ("title", po::value(&title), "title drawn above the picture (default: the file name)");
  po::positional_options_description pos;
  pos.add("matrix", 1);
  if (!parse_args("heatmap", args, desc, pos, "S.csv -o heatmap.svg [options]",
                  "stylokit heatmap delta.csv -o delta.svg"))
    return 0;
  STYLOKIT_CHECK(order == "tree" || order == "input", ConfigError, "--order: expected tree or input, got '{}'", order);
  STYLOKIT_CHECK(is_standard_output(output) || (output.size() > 4 && output.substr(output.size() - 4) == ".svg"),
                 ConfigError, "-o {}: give the output an .svg extension", output);
  std::filesystem::path sidecar = input;
  sidecar.replace_extension(".json");
  check_not_input(output, {input, sidecar});
  cluster::LabeledMatrix m = cluster::read_matrix_csv(input, direction);
  const bool similarity = m.direction == cluster::Direction::kSimilarity;
  std::vector<size_t> leaves(m.ids.size());
  for (size_t i = 0; i < leaves.size(); ++i) leaves[i] = i;
  if (order == "tree") {
    Eigen::MatrixXd d = m.values;
    if (similarity) cluster::similarity_to_distance(d, input);
    auto z = cluster::linkage(cluster::condensed_from_dense(d, input), cluster::parse_method(method));
    auto o = cluster::leaf_order(z);
    leaves.assign(o.begin(), o.end());
  }
  report::HeatmapOptions ho;
  ho.title = title.empty() ? std::filesystem::path(input).filename().string() : title;
  ho.measure = m.measure.empty() ? std::string("value") : m.measure;
  ho.larger_is_closer = similarity;
  write_output(output, report::heatmap_svg(m.values, m.ids, leaves, ho));
  (is_standard_output(output) ? std::cerr : std::cout)
      << fmt::format("heatmap: {} documents ({}, {}) -> {}\n", m.ids.size(), ho.measure,
                     similarity ? "similarity" : "distance", output);
  return 0;
}

const CommandRegistrar kRegistrar("heatmap", cmd_heatmap);

}  // namespace
}  // namespace stylokit::cli
