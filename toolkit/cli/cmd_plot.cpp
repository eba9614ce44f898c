// stylokit plot heatmap|tree|consensus|map FILE -o x.svg|x.png: every picture `run` draws,
// from the files any command writes: a similarity/distance matrix (S.csv of `similarity`,
// `run`), a Newick tree (tree.nwk of `cluster`/`run`, consensus trees of `cluster
// --mfw-range`/`--bootstrap`) or map coordinates (map.csv of `run`, `cluster --map`).

#include <iostream>
#include <map>
#include <set>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/report/pictures.h"

namespace stylokit::cli {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The `group_by` column of a metadata CSV (an `id` column, as --metadata elsewhere), in the
// order of `ids`; documents without a row get "".
std::vector<std::string> read_groups(const std::string& path, const std::string& column,
                                     const std::vector<std::string>& ids) {
  if (path.empty() && column.empty()) return {};
  STYLOKIT_CHECK(!path.empty() && !column.empty(), ConfigError,
                 "--group-by and --metadata go together: give both or neither");
  CsvTable t = parse_csv(read_file(path), path);
  const int id = t.column("id"), col = t.column(column);
  STYLOKIT_CHECK(id >= 0, DataError, "{}: no `id` column", path);
  STYLOKIT_CHECK(col >= 0, DataError, "{}: no column '{}' (--group-by)", path, column);
  std::map<std::string, std::string> group;
  for (const auto& row : t.rows) group[row[static_cast<size_t>(id)]] = row[static_cast<size_t>(col)];
  std::vector<std::string> out;
  size_t found = 0;
  for (const auto& d : ids) {
    auto g = group.find(d);
    found += g != group.end();
    out.push_back(g == group.end() ? std::string() : g->second);
  }
  STYLOKIT_CHECK(found > 0, DataError, "{}: no `id` matches a document of the plotted file", path);
  return out;
}

int cmd_plot(const Args& args) {
  std::string kind, input, output, title, direction, order = "tree", tree_file, metadata, group_by;
  po::options_description desc("options");
  desc.add_options()("kind", po::value(&kind)->required(), "heatmap, tree, consensus or map")(
      "input", po::value(&input)->required(),
      "S.csv (heatmap), a Newick file (tree, consensus), coordinates CSV (map)")(
      "output,o", po::value(&output)->required(), "picture to write: .svg, or .png for a heatmap")(
      "title", po::value(&title), "title drawn above the picture (default: the file name)")(
      "direction", po::value(&direction), "heatmap: similarity|distance when no S.json sits beside the CSV")(
      "order", po::value(&order)->default_value(order),
      "heatmap rows: tree (leaf order of --tree, else of an average-linkage tree) or input")(
      "tree", po::value(&tree_file), "heatmap: take the row order from this Newick file (as `run` draws it)")(
      "metadata", po::value(&metadata), "CSV with an `id` column whose --group-by column colours leaves and points")(
      "group-by", po::value(&group_by), "metadata column that colours the pictures");
  po::positional_options_description pos;
  pos.add("kind", 1).add("input", 1);
  if (!parse_args("plot", args, desc, pos, "heatmap|tree|consensus|map FILE -o PICTURE.svg|.png [options]",
                  "stylokit plot tree run/tree.nwk -o tree.svg --metadata meta.csv --group-by author"))
    return 0;
  STYLOKIT_CHECK(kind == "heatmap" || kind == "tree" || kind == "consensus" || kind == "map", ConfigError,
                 "expected heatmap, tree, consensus or map as the picture, got '{}'", kind);
  STYLOKIT_CHECK(order == "tree" || order == "input", ConfigError, "--order: expected tree or input, got '{}'", order);
  const bool png = ends_with(output, ".png");
  STYLOKIT_CHECK(is_standard_output(output) || png || ends_with(output, ".svg"), ConfigError,
                 "-o {}: give the output an .svg or .png extension", output);
  STYLOKIT_CHECK(!png || kind == "heatmap", ConfigError, "-o {}: only a heatmap has a PNG form; use .svg", output);
  std::filesystem::path sidecar = input;
  sidecar.replace_extension(".json");
  check_not_input(output, {input, sidecar});
  if (title.empty()) title = std::filesystem::path(input).filename().string();

  std::string picture;
  size_t n = 0;
  if (kind == "heatmap") {
    cluster::LabeledMatrix m = cluster::read_matrix_csv(input, direction);
    const bool similarity = m.direction == cluster::Direction::kSimilarity;
    n = m.ids.size();
    std::vector<size_t> leaves(n);
    for (size_t i = 0; i < n; ++i) leaves[i] = i;
    if (order == "tree" && !tree_file.empty()) {
      std::map<std::string, size_t> index;
      for (size_t i = 0; i < n; ++i) index[m.ids[i]] = i;
      const auto names = cluster::parse_newick(read_file(tree_file), tree_file).leaf_labels();
      STYLOKIT_CHECK(names.size() == n, DataError, "{}: {} leaves but {} has {} documents", tree_file, names.size(),
                     input, n);
      for (size_t k = 0; k < n; ++k) {
        auto it = index.find(names[k]);
        STYLOKIT_CHECK(it != index.end(), DataError, "{}: leaf '{}' is not a document of {}", tree_file, names[k],
                       input);
        leaves[k] = it->second;
      }
    } else if (order == "tree" && n >= 2) {
      Eigen::MatrixXd d = m.values;
      if (similarity) cluster::similarity_to_distance(d, input);
      auto o =
          cluster::leaf_order(cluster::linkage(cluster::condensed_from_dense(d, input), cluster::Method::kAverage));
      leaves.assign(o.begin(), o.end());
    }
    report::HeatmapOptions ho;
    ho.title = title;
    ho.measure = m.measure.empty() ? std::string("value") : m.measure;
    ho.larger_is_closer = similarity;
    picture = png ? report::heatmap_png(m.values, leaves, ho, std::max<size_t>(1, 1000 / std::max<size_t>(n, 1)), true)
                  : report::heatmap_svg(m.values, m.ids, leaves, ho);
  } else if (kind == "tree" || kind == "consensus") {
    cluster::Tree tree = cluster::parse_newick(read_file(input), input);
    report::TreeOptions to;
    to.title = title;
    to.ids = tree.leaf_labels();
    n = to.ids.size();
    STYLOKIT_CHECK(n >= 2, DataError, "{}: a tree of {} leaves; need at least 2", input, n);
    to.groups = read_groups(metadata, group_by, to.ids);
    if (to.groups.empty()) to.ids.clear();
    to.group_name = group_by;
    picture = report::tree_svg(tree, to);
  } else {
    CsvTable t = parse_csv(read_file(input), input);
    STYLOKIT_CHECK(t.header.size() >= 3, DataError, "{}: expected doc,dim1,dim2,... (as `run` writes map.csv)", input);
    n = t.rows.size();
    STYLOKIT_CHECK(n >= 1, DataError, "{}: no rows", input);
    Eigen::MatrixXd xy(static_cast<Eigen::Index>(n), 2);
    std::vector<std::string> ids;
    for (size_t i = 0; i < n; ++i) {
      ids.push_back(t.rows[i][0]);
      for (int d = 0; d < 2; ++d) {
        const std::string& cell = t.rows[i][static_cast<size_t>(d + 1)];
        char* end = nullptr;
        double v = std::strtod(cell.c_str(), &end);
        STYLOKIT_CHECK(!cell.empty() && end && *end == '\0' && std::isfinite(v), DataError,
                       "{}:{}: '{}' is not a finite number", input, t.row_lines[i], cell);
        xy(static_cast<Eigen::Index>(i), d) = v;
      }
    }
    report::ScatterOptions so;
    so.title = title;
    so.x_label = t.header[1];
    so.y_label = t.header[2];
    so.groups = read_groups(metadata, group_by, ids);
    so.group_name = group_by;
    picture = report::scatter_svg(xy, ids, so);
  }
  write_output(output, picture);
  (is_standard_output(output) ? std::cerr : std::cout) << fmt::format("plot {}: {} documents -> {}\n", kind, n, output);
  return 0;
}

const CommandRegistrar kRegistrar("plot", cmd_plot);

}  // namespace
}  // namespace stylokit::cli
