// stylokit cluster S.csv|CORPUS: hierarchical or flat clustering of a distance matrix,
// with Newick trees, assignments, the linkage matrix, 2-D maps (MDS, PCA) and consensus
// trees (over MFW counts, or over bootstrap resamples of the features).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/cluster/bootstrap.h"
#include "toolkit/cluster/consensus.h"
#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/cluster/flat.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/maps.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/utf8.h"

#include "toolkit/pipeline/steps.h"
#include "toolkit/similarity/pairwise.h"

namespace stylokit::cli {

namespace {

namespace fs = std::filesystem;
using namespace stylokit::cluster;

constexpr std::size_t kUnset = std::numeric_limits<std::size_t>::max();
constexpr long long kNoBootstrap = std::numeric_limits<long long>::min();

struct ClusterCli {
  std::vector<std::string> inputs;                           // S.csv or CORPUS; several matrices = consensus tree
  std::string input;                                         // the first of them
  double consensus_p = 0.5;                                  // --consensus-p: majority rule
  std::string method = "ward.D";                             // stylo's default
  std::size_t k = kUnset;                                    // -k; kUnset = no cut
  double height = std::numeric_limits<double>::quiet_NaN();  // --height; NaN = no cut
  std::size_t choose_k = 0;                                  // > 0: choose k in 2..choose_k by silhouette
  std::string output;                                        // -o
  std::string assignments;                                   // --assignments
  std::string linkage_csv;                                   // --linkage
  std::string coords;                                        // --coords
  std::string direction;                                     // --direction similarity|distance (overrides S.json)
  std::string measure = "burrows-delta";                     // cluster CORPUS: stylo's default distance (Classic Delta)
  MfwCli mfw;                                                // cluster CORPUS: the MFW table (as `stylokit similarity`)
  SampleCli sample;                                          // cluster CORPUS: --sample, --keep-short (seed: --seed)
  std::string features;                                      // --features: the old spelling of --mfw-features
  std::string mfw_range;               // cluster CORPUS: "FROM:TO:STEP", one tree per MFW count, consensus
  std::string variant = "stylo";       // cluster CORPUS: similarity variant
  std::string truth;                   // --truth: CSV with the true classes (id + label columns)
  std::string truth_column;            // --truth-column: the label column of --truth
  std::uint64_t seed = 42;             // k-means++ and --bootstrap
  std::size_t restarts = 10;           // k-means++ restarts
  long long bootstrap = kNoBootstrap;  // --bootstrap B: resamples of the features
  std::string map;                     // --map mds|pca|pca-cor: coordinates to -o
  int threads = 0;                     // --threads (0 = all cores)
};

int thread_count(const ClusterCli& c) {
  STYLOKIT_CHECK(c.threads >= 0, ConfigError, "--threads: must not be negative, got {}", c.threads);
  return resolve_thread_count(c.threads);
}

// A matrix CSV starts with an empty first header cell (pandas/R); anything else that is
// not a file is a corpus (a folder, a .jsonl, or a corpus .csv with id,text columns).
bool looks_like_matrix_csv(const fs::path& path) {
  if (!fs::is_regular_file(path)) return false;
  std::string head = read_file(path).substr(0, 4096);
  std::string_view body = std::string_view(head).substr(utf8_bom_length(head));
  return body.starts_with(",") || body.starts_with("\"\",");
}

std::string sizes_of(const std::vector<int>& labels) {
  std::map<int, std::size_t> sizes;
  for (int l : labels) ++sizes[l];
  std::string out;
  for (const auto& [label, count] : sizes) out += fmt::format("{}{}", out.empty() ? "" : ", ", count);
  return out;
}

// Adjusted Rand index of `labels` against the classes in `path` (id/doc column + one label).
// `column` names the label column; empty: the file must have exactly two columns.
double truth_ari(const std::string& path, const std::string& column, const std::vector<std::string>& ids,
                 const std::vector<int>& labels) {
  CsvTable t = parse_csv(read_file(path), path);
  int id_col = t.column("id") >= 0 ? t.column("id") : t.column("doc");
  STYLOKIT_CHECK(id_col >= 0, DataError, "{}: no 'id' or 'doc' column", path);
  std::size_t label_col = 0;
  if (!column.empty()) {
    const int col = t.column(column);
    STYLOKIT_CHECK(col >= 0, DataError, "{}: no column '{}' (--truth-column)", path, column);
    label_col = static_cast<std::size_t>(col);
  } else {
    STYLOKIT_CHECK(t.header.size() == 2, DataError, "{}: {} columns; name the class column with --truth-column", path,
                   t.header.size());
    label_col = id_col == 0 ? 1 : 0;
  }
  std::map<std::string, std::string> cls;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    STYLOKIT_CHECK(cls.emplace(t.rows[r][static_cast<std::size_t>(id_col)], t.rows[r][label_col]).second, DataError,
                   "{}:{}: id '{}' repeated", path, t.row_lines[r], t.rows[r][static_cast<std::size_t>(id_col)]);
  std::map<std::string, int> code;
  std::vector<int> truth;
  for (const auto& id : ids) {
    auto it = cls.find(id);
    STYLOKIT_CHECK(it != cls.end(), DataError, "{}: no class for document '{}'", path, id);
    truth.push_back(code.emplace(it->second, static_cast<int>(code.size())).first->second);
  }
  return adjusted_rand_index(truth, labels);
}

// CORPUS -> MFW table, as `stylokit similarity` builds it (pipeline::mfw_table). `mfw`
// overrides --mfw when not 0.
stylokit::features::MfwTable table_from_corpus(const ClusterCli& c, const CorpusCli& corpus_cli,
                                               const TextCli& text_cli, std::size_t mfw = 0) {
  pipeline::MfwConfig config = to_mfw_config(c.mfw);
  if (!c.features.empty() && c.mfw.mfw_features.empty()) config.mfw_features = c.features;
  if (mfw != 0) config.mfw = mfw;
  const text::TextOptions text = to_text_options(text_cli);
  std::optional<LoadedCorpus> loaded;
  if (config.frequency_table.empty()) loaded = load_for_cli(corpus_cli);
  // With --sample the samples are counted, not the whole texts (pipeline::make_samples).
  const pipeline::SampleConfig sample = to_sample_config(c.sample, c.seed);
  STYLOKIT_CHECK(!pipeline::samples_asked(sample) || loaded, ConfigError,
                 "--sample: a --frequency-table is read as it is; samples are cut from a corpus");
  std::optional<pipeline::TokenizedCorpus> tokenized;
  if (pipeline::samples_asked(sample) && loaded) {
    tokenized = cli_field([&] { return pipeline::tokenize(loaded->corpus, text, 1); });
    cli_field([&] {
      pipeline::make_samples(*tokenized, sample, 1);
      return 0;
    });
  }
  pipeline::MfwResult r = cli_field([&] {
    return pipeline::mfw_table(config, loaded ? &loaded->corpus : nullptr, text, "icu", 1,
                               tokenized ? &*tokenized : nullptr);
  });
  for (const auto& w : r.warnings) warn(w);
  return std::move(r.table);
}

// MFW table -> c.measure -> distances (similarities converted as read_distance_csv does).
// Warnings go to stderr when `print_warnings`. Thread-safe.
LabeledDistances distances_from_table(const ClusterCli& c, const stylokit::features::MfwTable& table, int threads,
                                      bool print_warnings) {
  pipeline::SimilarityConfig config;
  config.measure = c.measure;
  config.variant = c.variant;
  pipeline::MfwResult mfw;
  mfw.table = table;
  const pipeline::SimilarityResult r = cli_field([&] { return pipeline::similarity_on_table(mfw, config, threads); });
  if (print_warnings)
    for (const auto& w : r.warnings) warn(w);
  LabeledDistances out = pipeline::distances_of(r, c.input);
  out.measure = fmt::format("{} ({} variant, {} MFW)", similarity::to_string(r.measure),
                            similarity::to_string(r.variant), table.words.size());
  return out;
}

// CORPUS -> MFW table -> similarity/distance matrix, as `stylokit similarity` makes it.
// `mfw` overrides --mfw when not 0.
LabeledDistances distances_from_corpus(const ClusterCli& c, const CorpusCli& corpus_cli, const TextCli& text_cli,
                                       std::size_t mfw = 0) {
  return distances_from_table(c, table_from_corpus(c, corpus_cli, text_cli, mfw), thread_count(c), true);
}

// Standard output's own buffer while `-o -` sends the reports to standard error (cmd_cluster).
std::streambuf* g_tree_out = nullptr;

// A Newick tree to -o: a file, or with `-o -` standard output (where nothing else is written).
void write_tree(const std::string& path, const Tree& tree) {
  if (!is_standard_output(path)) return write_newick(path, tree);
  std::ostream out(g_tree_out ? g_tree_out : std::cout.rdbuf());
  out << to_newick(tree);
  out.flush();
  STYLOKIT_CHECK(out.good(), IoError, "standard output: write failed");
}

// The majority-rule consensus of `trees` to -o (support on clades) and its one-line summary.
int write_consensus(const ClusterCli& c, const std::vector<Tree>& trees, Method method) {
  ConsensusParams params;
  params.p = c.consensus_p;
  Tree tree = consensus_tree(trees, params);
  write_tree(c.output, tree);
  std::cout << fmt::format("consensus of {} {} trees (p = {}): {} clades; wrote {} (Newick, support on clades)\n",
                           trees.size(), to_string(method), c.consensus_p, count_clades(tree), c.output);
  return 0;
}

// stylo's bootstrap consensus tree: one tree per MFW count FROM, FROM+STEP, ..., TO on the
// corpus, then their majority-rule consensus.
int run_mfw_consensus(const ClusterCli& c, const CorpusCli& corpus_cli, const TextCli& text_cli) {
  std::size_t from = 0, to = 0, step = 0;
  char tail = 0;
  STYLOKIT_CHECK(std::sscanf(c.mfw_range.c_str(), "%zu:%zu:%zu%c", &from, &to, &step, &tail) == 3 && from >= 1 &&
                     to >= from && step >= 1,
                 ConfigError, "--mfw-range '{}' is not FROM:TO:STEP with 1 <= FROM <= TO and STEP >= 1", c.mfw_range);
  STYLOKIT_CHECK(!c.output.empty(), ConfigError, "--mfw-range writes a consensus tree: give -o TREE.nwk");
  STYLOKIT_CHECK(c.assignments.empty() && c.linkage_csv.empty() && c.coords.empty() && c.k == kUnset &&
                     std::isnan(c.height) && c.choose_k == 0 && c.truth.empty(),
                 ConfigError, "--mfw-range writes only a consensus tree (-o); drop the other outputs/cuts");
  const Method method = parse_method(c.method);
  check_not_input(c.output, {fs::path(c.input)});
  std::vector<Tree> trees;
  for (std::size_t mfw = from; mfw <= to; mfw += step) {
    LabeledDistances m = distances_from_corpus(c, corpus_cli, text_cli, mfw);
    trees.push_back(tree_from_linkage(linkage(std::move(m.distances), method), m.ids));
    std::cout << fmt::format("{} MFW: {}\n", mfw, m.measure);
  }
  return write_consensus(c, trees, method);
}

// Beyond stylo: one tree per bootstrap resample of the MFW table's columns (drawn with
// replacement, seeded), then their majority-rule consensus with support values.
int run_bootstrap(const ClusterCli& c, const CorpusCli& corpus_cli, const TextCli& text_cli) {
  STYLOKIT_CHECK(c.bootstrap >= 1, ConfigError, "--bootstrap: the number of resamples must be at least 1, got {}",
                 c.bootstrap);
  STYLOKIT_CHECK(c.mfw_range.empty(), ConfigError,
                 "--bootstrap and --mfw-range are two kinds of consensus tree; give one");
  STYLOKIT_CHECK(!c.output.empty(), ConfigError, "--bootstrap writes a consensus tree: give -o TREE.nwk");
  STYLOKIT_CHECK(c.assignments.empty() && c.linkage_csv.empty() && c.coords.empty() && c.k == kUnset &&
                     std::isnan(c.height) && c.choose_k == 0 && c.truth.empty() && c.map.empty(),
                 ConfigError, "--bootstrap writes only a consensus tree (-o); drop the other outputs/cuts");
  STYLOKIT_CHECK(c.method != "kmeans" && c.method != "kmedoids", ConfigError,
                 "--bootstrap builds trees: give a hierarchical --method, not {}", c.method);
  BootstrapParams params;
  params.replicates = static_cast<std::size_t>(c.bootstrap);
  params.seed = c.seed;
  params.method = parse_method(c.method);
  params.consensus.p = c.consensus_p;
  params.threads = thread_count(c);
  namespace s = stylokit::similarity;
  cli_field([&] { return s::parse_measure(c.measure); });
  cli_field([&] { return s::parse_variant(c.variant); });
  check_not_input(c.output, {fs::path(c.input)});
  const stylokit::features::MfwTable table = table_from_corpus(c, corpus_cli, text_cli);
  STYLOKIT_CHECK(table.doc_ids.size() >= 3, ConfigError,
                 "{}: --bootstrap needs at least 3 documents, the corpus has {}", c.input, table.doc_ids.size());
  // The full table once, for the summary and its warnings; then every resample.
  LabeledDistances full = distances_from_table(c, table, 1, true);
  ResampleDistances distances = [&](const std::vector<std::size_t>& columns) {
    return distances_from_table(c, s::select_columns(table, columns), 1, false).distances;
  };
  BootstrapResult r = bootstrap_consensus(table.words.size(), table.doc_ids, distances, params);
  write_tree(c.output, r.tree);
  std::cout << fmt::format("input: {} ({} documents, measure {})\n", c.input, table.doc_ids.size(), full.measure);
  if (!full.conversion.empty()) std::cout << "converted: " << full.conversion << '\n';
  std::cout << fmt::format(
      "bootstrap consensus of {} {} trees over resamples of the {} features (seed {}, p = {}): {} clades; wrote {} "
      "(Newick, support on clades)\n",
      r.replicates, to_string(params.method), table.words.size(), c.seed, c.consensus_p, r.clades, c.output);
  return 0;
}

// 2-D map to -o (doc,dim1,dim2) and its explained variance to the .json beside it:
// classical MDS of the distances (matrix CSV or CORPUS), PCA of the MFW table (CORPUS;
// pca: relative frequencies, i.e. the covariance matrix; pca-cor: z-scores, i.e. the
// correlation matrix - stylo's PCV and PCR).
int run_map(const ClusterCli& c, bool matrix, const CorpusCli& corpus_cli, const TextCli& text_cli) {
  STYLOKIT_CHECK(c.map == "mds" || c.map == "pca" || c.map == "pca-cor", ConfigError,
                 "--map '{}' is not mds, pca or pca-cor", c.map);
  STYLOKIT_CHECK(!c.output.empty(), ConfigError, "--map writes coordinates: give -o COORDS.csv");
  STYLOKIT_CHECK(c.assignments.empty() && c.linkage_csv.empty() && c.coords.empty() && c.k == kUnset &&
                     std::isnan(c.height) && c.choose_k == 0 && c.truth.empty() && c.mfw_range.empty(),
                 ConfigError, "--map writes only coordinates (-o); drop the other outputs/cuts");
  STYLOKIT_CHECK(c.map == "mds" || !matrix, ConfigError,
                 "--map {} needs the feature table of a CORPUS; a distance matrix gives --map mds", c.map);
  const fs::path out = c.output;
  fs::path json = out;
  json.replace_extension(".json");
  STYLOKIT_CHECK(json != out, ConfigError, "-o {}: give the coordinates a .csv extension", c.output);
  fs::path sidecar = fs::path(c.input);
  sidecar.replace_extension(".json");
  for (const auto& p : {out, json}) check_not_input(p, {fs::path(c.input), sidecar});

  MapResult map;
  std::vector<std::string> ids;
  std::string source;
  if (c.map == "mds") {
    LabeledDistances m =
        matrix ? read_distance_csv(c.input, c.direction) : distances_from_corpus(c, corpus_cli, text_cli);
    if (!m.conversion.empty()) std::cout << "converted: " << m.conversion << '\n';
    map = pipeline::mds_map(m);
    ids = std::move(m.ids);
    source = m.measure.empty() ? "distances" : m.measure;
  } else {
    const stylokit::features::MfwTable table = table_from_corpus(c, corpus_cli, text_cli);
    const bool cor = c.map == "pca-cor";
    const Eigen::MatrixXd x = cor ? Eigen::MatrixXd(table.zscores) : Eigen::MatrixXd(table.relative);
    map = pipeline::pca_map(x, c.input);
    ids = table.doc_ids;
    source = fmt::format("{} of {} MFW", cor ? "z-scores" : "relative frequencies (percent)", table.words.size());
  }
  write_coordinates_csv(out, ids, map.coords);
  nlohmann::ordered_json j;
  j["map"] = c.map;
  j["input"] = c.input;
  j["source"] = source;
  j["documents"] = ids.size();
  j["sign_convention"] =
      "each axis flipped so that its entry of largest magnitude is positive (MDS: the coordinate "
      "column; PCA: the component's loadings)";
  std::vector<double> var(map.variance.data(), map.variance.data() + map.coords.cols());
  std::vector<double> ratio(map.variance_ratio.data(), map.variance_ratio.data() + map.coords.cols());
  j["explained_variance"] = var;
  j["explained_variance_ratio"] = ratio;
  write_file_atomic(json, j.dump(2) + "\n");
  std::cout << fmt::format("{}: {} documents from {}\n", c.map, ids.size(), source);
  std::string explained;
  for (std::size_t a = 0; a < ratio.size(); ++a)
    explained += fmt::format("{}dim{} {:.1f}%", a ? ", " : "", a + 1, 100 * ratio[a]);
  std::cout << fmt::format("explained: {}; wrote {} and {}\n", explained, c.output, json.string());
  return 0;
}

// Several matrices over the same documents (e.g. one per MFW count): one tree each, then
// their majority-rule consensus with support values (stylo's bootstrap consensus tree).
int run_consensus(const ClusterCli& c) {
  STYLOKIT_CHECK(!c.output.empty(), ConfigError, "a consensus of {} matrices needs -o TREE.nwk", c.inputs.size());
  STYLOKIT_CHECK(c.assignments.empty() && c.linkage_csv.empty() && c.coords.empty() && c.k == kUnset &&
                     std::isnan(c.height) && c.choose_k == 0,
                 ConfigError, "a consensus of several matrices writes only a tree (-o); drop the other outputs/cuts");
  STYLOKIT_CHECK(c.method != "kmeans" && c.method != "kmedoids", ConfigError,
                 "a consensus tree needs a hierarchical --method, not {}", c.method);
  Method method = parse_method(c.method);
  std::vector<fs::path> inputs;
  for (const auto& in : c.inputs) {
    inputs.emplace_back(in);
    inputs.emplace_back(fs::path(in).replace_extension(".json"));
  }
  check_not_input(c.output, inputs);
  std::vector<Tree> trees;
  for (const auto& in : c.inputs) {
    STYLOKIT_CHECK(looks_like_matrix_csv(in), ConfigError,
                   "{}: a consensus tree is built from distance matrix CSVs (header ',<id1>,<id2>,...')", in);
    LabeledDistances m = read_distance_csv(in, c.direction);
    Linkage z = linkage(std::move(m.distances), method);
    trees.push_back(tree_from_linkage(z, m.ids));
    std::cout << fmt::format("{}: {} documents{}\n", in, m.ids.size(), m.conversion.empty() ? "" : "; " + m.conversion);
  }
  return write_consensus(c, trees, method);
}

int cmd_cluster(const Args& args) {
  ClusterCli c;
  CorpusCli corpus_cli;
  TextCli text_cli;
  po::options_description desc("options");
  desc.add_options()(
      "input", po::value(&c.inputs)->required()->multitoken(),
      "distance/similarity matrix CSV (with S.json beside it) or CORPUS; several matrices (e.g. one per MFW "
      "count) give their consensus tree")(
      "method", po::value(&c.method)->default_value(c.method),
      "single|complete|average|weighted|ward.D|ward.D2|centroid|median|kmeans|kmedoids")(
      ",k", po::value(&c.k), "number of clusters: cut the tree into k (fcluster maxclust) or k for k-means/k-medoids")(
      "height", po::value(&c.height), "cut the tree at this height (fcluster 'distance')")(
      "choose-k", po::value(&c.choose_k), "choose k in 2..K by the mean silhouette")(
      ",o", po::value(&c.output), "output: Newick tree (hierarchical methods) or assignments CSV (kmeans, kmedoids)")(
      "assignments", po::value(&c.assignments), "assignments CSV doc,cluster (clusters numbered from 1)")(
      "linkage", po::value(&c.linkage_csv), "linkage matrix CSV left,right,height,size (SciPy's Z)")(
      "coords", po::value(&c.coords), "2-D classical MDS coordinates CSV doc,dim1,dim2")(
      "direction", po::value(&c.direction), "similarity|distance: overrides the direction in S.json")(
      "consensus-p", po::value(&c.consensus_p)->default_value(c.consensus_p),
      "consensus of several matrices: keep clades in more than half (0.5) or at least this share of the trees")(
      "measure", po::value(&c.measure)->default_value(c.measure),
      "cluster CORPUS: the measure (as `stylokit similarity --measure`) on the MFW table")(
      "features", po::value(&c.features), "cluster CORPUS: deprecated spelling of --mfw-features")(
      "variant", po::value(&c.variant)->default_value(c.variant), "cluster CORPUS: stylo|published")(
      "mfw-range", po::value(&c.mfw_range),
      "cluster CORPUS: FROM:TO:STEP, one tree per MFW count and their consensus to -o (stylo's bootstrap "
      "consensus tree)")(
      "truth", po::value(&c.truth),
      "CSV of known classes (columns id or doc, and one label column, e.g. genre): print the adjusted Rand "
      "index of the clusters against them")(
      "truth-column", po::value(&c.truth_column),
      "the class column of --truth (e.g. genre in a metadata CSV); needed when it has more than two columns")(
      "bootstrap", po::value(&c.bootstrap),
      "cluster CORPUS: B resamples of the MFW table's columns with replacement (seeded by --seed), one tree each "
      "(--measure, --method), their majority-rule consensus with support values to -o")(
      "map", po::value(&c.map),
      "mds|pca|pca-cor: 2-D coordinates CSV to -o (doc,dim1,dim2) and the explained variance to its .json; mds "
      "of the distances, pca of the CORPUS's MFW relative frequencies, pca-cor of their z-scores")(
      "threads", po::value(&c.threads)->default_value(c.threads),
      "worker threads (0 = all cores); output is the same for any")("seed", po::value(&c.seed)->default_value(c.seed),
                                                                    "k-means++, --bootstrap and --sample random seed")(
      "restarts", po::value(&c.restarts)->default_value(c.restarts), "k-means++ restarts");
  add_mfw_options(desc, c.mfw);
  add_sample_options(desc, c.sample);
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_args("cluster", args, desc, pos, "S.csv|CORPUS [S2.csv ...] [options]",
                  "stylokit cluster S.csv --method average -k 3 -o tree.nwk --assignments clusters.csv"))
    return 0;

  c.input = c.inputs.front();
  // With -o - the tree alone goes to standard output; the reports go to standard error.
  struct ReportsToStderr {
    std::streambuf* saved = nullptr;
    ~ReportsToStderr() {
      if (saved) std::cout.rdbuf(saved);
      g_tree_out = nullptr;
    }
  } redirect;
  if (is_standard_output(c.output)) {
    const bool tree = c.map.empty() && c.method != "kmeans" && c.method != "kmedoids";
    STYLOKIT_CHECK(tree, ConfigError, "-o -: only a tree (Newick) can go to standard output; give a file name");
    redirect.saved = g_tree_out = std::cout.rdbuf(std::cerr.rdbuf());
  }
  if (!c.features.empty()) {
    warn("--features is deprecated in `cluster`; it is --mfw-features, as in `similarity` and [[similarity]]");
    STYLOKIT_CHECK(c.mfw.mfw_features.empty(), ConfigError, "--features and --mfw-features: give one");
  }
  const bool matrix = fs::exists(c.input) && looks_like_matrix_csv(c.input);
  STYLOKIT_CHECK(!(matrix || c.inputs.size() > 1) || !pipeline::samples_asked(to_sample_config(c.sample, c.seed)),
                 ConfigError, "--sample: {} is a distance matrix, read as it is; samples are cut from a CORPUS",
                 c.input);
  if (c.inputs.size() > 1) return run_consensus(c);
  corpus_cli.path = c.input;
  if (!c.map.empty() || c.bootstrap != kNoBootstrap) {
    STYLOKIT_CHECK(fs::exists(c.input), IoError, "{}: no such file or folder", c.input);
    STYLOKIT_CHECK(c.map.empty() || c.bootstrap == kNoBootstrap, ConfigError,
                   "--map and --bootstrap write different outputs; give one");
    if (!c.map.empty()) return run_map(c, matrix, corpus_cli, text_cli);
    STYLOKIT_CHECK(!matrix, ConfigError, "--bootstrap resamples features: it needs a CORPUS, not a matrix CSV");
    return run_bootstrap(c, corpus_cli, text_cli);
  }
  const bool flat = c.method == "kmeans" || c.method == "kmedoids";
  const bool has_k = c.k != kUnset, has_height = !std::isnan(c.height);
  STYLOKIT_CHECK(!has_k || c.k >= 1, ConfigError, "-k must be at least 1");
  STYLOKIT_CHECK(!has_height || c.height >= 0, ConfigError, "--height must be >= 0, got {}", c.height);
  STYLOKIT_CHECK(c.choose_k == 0 || c.choose_k >= 2, ConfigError, "--choose-k must be at least 2");
  Method method = Method::kAverage;
  if (!flat) method = parse_method(c.method);
  STYLOKIT_CHECK(c.direction.empty() || c.direction == "similarity" || c.direction == "distance", ConfigError,
                 "--direction '{}' is not 'similarity' or 'distance'", c.direction);
  STYLOKIT_CHECK(!(has_k && has_height), ConfigError, "-k and --height are two ways to cut; give one");
  STYLOKIT_CHECK(!(c.choose_k > 0 && (has_k || has_height)), ConfigError,
                 "--choose-k picks k itself; drop -k/--height");
  STYLOKIT_CHECK(!flat || !has_height, ConfigError, "--height cuts a tree; {} makes no tree", c.method);
  STYLOKIT_CHECK(!flat || has_k || c.choose_k > 0, ConfigError, "--method {} needs -k K or --choose-k K", c.method);
  STYLOKIT_CHECK(
      !c.output.empty() || !c.assignments.empty() || !c.linkage_csv.empty() || !c.coords.empty() || !c.truth.empty(),
      ConfigError, "no output: give -o, --assignments, --linkage, --coords or --truth");
  if (flat && c.assignments.empty()) std::swap(c.assignments, c.output);
  STYLOKIT_CHECK(flat || c.assignments.empty() || has_k || has_height || c.choose_k > 0, ConfigError,
                 "--assignments needs a cut: -k K, --height H or --choose-k K");

  const fs::path input = c.input;
  STYLOKIT_CHECK(fs::exists(input), IoError, "{}: no such file or folder", c.input);
  if (!c.mfw_range.empty()) {
    STYLOKIT_CHECK(!matrix, ConfigError, "--mfw-range needs a CORPUS, not a matrix CSV");
    return run_mfw_consensus(c, corpus_cli, text_cli);
  }
  std::vector<fs::path> inputs{input};
  fs::path sidecar = input;
  sidecar.replace_extension(".json");
  inputs.push_back(sidecar);
  if (!c.truth.empty()) inputs.emplace_back(c.truth);
  for (const std::string& out : {c.output, c.assignments, c.linkage_csv, c.coords})
    if (!out.empty()) check_not_input(out, inputs);

  LabeledDistances m = matrix ? read_distance_csv(input, c.direction) : distances_from_corpus(c, corpus_cli, text_cli);
  const std::size_t n = m.ids.size();
  STYLOKIT_CHECK(!has_k || c.k <= n, DataError, "-k {} is larger than the number of documents ({})", c.k, n);
  std::cout << fmt::format("input: {} ({} documents{}{})\n", c.input, n,
                           m.measure.empty() ? "" : ", measure " + m.measure,
                           m.direction == Direction::kSimilarity ? ", similarities" : ", distances");
  if (!m.conversion.empty()) std::cout << "converted: " << m.conversion << '\n';

  std::vector<int> labels;                    // 1-based
  std::vector<std::function<void()>> writes;  // outputs, written once every check has passed
  std::size_t k = has_k ? c.k : 0;
  if (flat) {
    Eigen::MatrixXd points;
    if (c.method == "kmeans") {
      // k-means needs coordinates: the classical MDS embedding on every positive
      // eigenvalue reproduces Euclidean distances exactly (up to rotation).
      points = classical_mds(m.distances, 0).coords;
      std::cout << fmt::format("k-means on the classical MDS embedding ({} dimensions)\n", points.cols());
    }
    auto run = [&](std::size_t kk) {
      if (c.method == "kmedoids") return kmedoids(m.distances, kk).labels;
      KMeansParams p;
      p.k = kk;
      p.seed = c.seed;
      p.restarts = c.restarts;
      return kmeans(points, p).labels;
    };
    if (c.choose_k > 0) {
      SilhouetteScan scan = choose_k_by_silhouette(m.distances, 2, c.choose_k, run);
      for (std::size_t i = 0; i < scan.ks.size(); ++i)
        std::cout << fmt::format("k = {}: mean silhouette {:.4f}\n", scan.ks[i], scan.scores[i]);
      k = scan.best_k;
      std::cout << fmt::format("chosen k = {} (highest mean silhouette)\n", k);
    }
    labels = run(k);
    std::cout << fmt::format("{}: k = {}, cluster sizes {}", c.method, k, sizes_of(labels));
    if (k >= 2 && k + 1 <= n)
      std::cout << fmt::format(", mean silhouette {:.4f}", silhouette_score(m.distances, labels));
    std::cout << '\n';
  } else {
    Linkage z = linkage(m.distances, method);
    std::cout << fmt::format("method: {}; root height {:.6g}", to_string(method), z.merges.back().height);
    try {
      std::cout << fmt::format("; cophenetic correlation {:.4f}", cophenetic_correlation(z, m.distances));
    } catch (const DataError&) {
      std::cout << "; cophenetic correlation undefined (constant distances)";
    }
    std::cout << '\n';
    if (n <= 50) {
      std::cout << "leaf order:";
      for (auto leaf : leaf_order(z)) std::cout << ' ' << m.ids[static_cast<std::size_t>(leaf)];
      std::cout << '\n';
    }
    if (c.choose_k > 0) {
      SilhouetteScan scan =
          choose_k_by_silhouette(m.distances, 2, c.choose_k, [&](std::size_t kk) { return cut_k(z, kk); });
      for (std::size_t i = 0; i < scan.ks.size(); ++i)
        std::cout << fmt::format("k = {}: mean silhouette {:.4f}\n", scan.ks[i], scan.scores[i]);
      k = scan.best_k;
      std::cout << fmt::format("chosen k = {} (highest mean silhouette)\n", k);
    }
    if (k > 0) labels = cut_k(z, k);
    if (has_height) labels = cut_height(z, c.height);
    if (!labels.empty()) {
      int clusters = *std::max_element(labels.begin(), labels.end());
      std::cout << fmt::format("cut: {} clusters, sizes {}", clusters, sizes_of(labels));
      if (clusters >= 2 && static_cast<std::size_t>(clusters) + 1 <= n)
        std::cout << fmt::format(", mean silhouette {:.4f}", silhouette_score(m.distances, labels));
      std::cout << '\n';
    }
    if (!c.output.empty())
      writes.push_back([&, z] {
        write_tree(c.output, tree_from_linkage(z, m.ids));
        std::cout << "wrote " << c.output << " (Newick)\n";
      });
    if (!c.linkage_csv.empty())
      writes.push_back([&, z] {
        write_linkage_csv(c.linkage_csv, z);
        std::cout << "wrote " << c.linkage_csv << " (linkage matrix)\n";
      });
  }
  // The comparison with the truth can fail on the user's file: it runs before any output is written.
  if (!c.truth.empty()) {
    STYLOKIT_CHECK(!labels.empty(), ConfigError, "--truth compares clusters: give -k, --height or --choose-k");
    std::cout << fmt::format("adjusted Rand index against {}: {:.4f}\n", c.truth,
                             truth_ari(c.truth, c.truth_column, m.ids, labels));
  }
  for (const auto& write : writes) write();
  if (!c.assignments.empty()) {
    write_assignments_csv(c.assignments, m.ids, labels);
    std::cout << "wrote " << c.assignments << " (assignments)\n";
  }
  if (!c.coords.empty()) {
    MapResult map = pipeline::mds_map(m);
    write_coordinates_csv(c.coords, m.ids, map.coords);
    std::cout << fmt::format("wrote {} (classical MDS; explained {:.1f}% + {:.1f}%)\n", c.coords,
                             100 * map.variance_ratio(0), map.coords.cols() > 1 ? 100 * map.variance_ratio(1) : 0.0);
  }
  return 0;
}

const CommandRegistrar kRegistrar("cluster", cmd_cluster);

}  // namespace
}  // namespace stylokit::cli
