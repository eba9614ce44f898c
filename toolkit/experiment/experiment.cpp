#include "toolkit/experiment/experiment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "toolkit/cluster/flat.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/maps.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/hash.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/common/version.h"
#include "toolkit/corpus/excerpt.h"
#include "toolkit/experiment/config.h"
#include "toolkit/experiment/run_folder.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/phrases/phrase_table.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/report/html.h"
#include "toolkit/report/pictures.h"
#include "toolkit/report/svg.h"
#include "toolkit/similarity/measure.h"

namespace stylokit::experiment {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// The confusion matrix as a heat table: truth rows × predicted columns, each cell shaded by its
// share of the row (viridis), with the count printed and a title to hover.
std::string confusion_svg(const classify::Metrics& m) {
  const size_t n = m.classes.size();
  const double cell = 44, left = 110, top = 90;
  report::Svg svg(left + cell * static_cast<double>(n) + 10, top + cell * static_cast<double>(n) + 30);
  for (size_t i = 0; i < n; ++i) {
    svg.text(left - 6, top + cell * (static_cast<double>(i) + 0.5) + 4, m.classes[i], 11, "end");
    svg.text(left + cell * (static_cast<double>(i) + 0.5), top - 6, m.classes[i], 11, "start", -45);
    double row = 0;
    for (size_t j = 0; j < n; ++j) row += m.confusion(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    for (size_t j = 0; j < n; ++j) {
      const double v = m.confusion(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      const double x = left + cell * static_cast<double>(j), y = top + cell * static_cast<double>(i);
      svg.rect(x, y, cell - 1, cell - 1, row > 0 ? report::viridis(v / row) : "#eeeeee",
               fmt::format("truth {}, predicted {}: {}", m.classes[i], m.classes[j], v));
      svg.text(x + cell / 2, y + cell / 2 + 4, fmt::format("{}", v), 12, "middle", 0,
               row > 0 && v / row > 0.6 ? "#222" : "#fff");
    }
  }
  svg.text(left, top + cell * static_cast<double>(n) + 20, "rows: truth; columns: predicted; shade: share of the row",
           10);
  return svg.finish();
}

std::string g17(double v) {
  return std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string("nan");
}
std::string short_num(double v) {
  return std::isfinite(v) ? fmt::format("{:.4f}", v) : std::string("n/a");
}

// Per-step wall times, kept for the manifest only (they are the one non-reproducible part),
// and the run's progress bar, naming each step (common/progress.h: stderr, terminals only).
class Timer {
 public:
  // config, corpus, text, features, similarity, report, and the optional cluster, phrases, reuse
  static constexpr size_t kSteps = 6;

  void step(const std::string& name) {
    auto now = std::chrono::steady_clock::now();
    if (!current_.empty()) times_.push_back({current_, std::chrono::duration<double>(now - start_).count()});
    current_ = name;
    start_ = now;
    if (!name.empty()) progress_.step(name);
  }
  void set_steps(size_t total) { progress_.set_total(total); }
  void finish() { progress_.finish(); }

  Json json() {
    step("");
    Json j = Json::object();
    for (const auto& [name, secs] : times_) j[name] = std::round(secs * 1e4) / 1e4;
    return j;
  }

 private:
  std::string current_;
  std::chrono::steady_clock::time_point start_;
  std::vector<std::pair<std::string, double>> times_;
  Progress progress_{"run", kSteps};
};

// Rows the report shows; the files beside it have them all.
constexpr size_t kPairsShown = 20;
constexpr size_t kMembersShown = 60;
constexpr size_t kKwicPerPhrase = 4;
constexpr size_t kReuseShown = 50;

// The phrase ranking in words, for the sentence above the table.
std::string sort_description(const std::string& key) {
  if (key == "widespread") return "the number of documents, then formulaicity";
  if (key == "docs") return "the number of documents";
  if (key == "count") return "occurrences";
  if (key == "length") return "length";
  if (key == "formulaicity") return "formulaicity";
  if (key == "llr") return "G²";
  if (key == "pmi") return "pointwise mutual information";
  if (key == "t") return "t-score";
  if (key == "chi2") return "chi-square";
  if (key == "dice") return "Dice coefficient";
  return key;
}

// The column a ranking adds to the table when it is none of the usual ones.
const char* extra_phrase_column(const std::string& key) {
  if (key == "pmi") return "PMI";
  if (key == "t") return "t-score";
  if (key == "chi2") return "chi²";
  if (key == "dice") return "Dice";
  return nullptr;
}
std::string extra_explanation(const std::string& key) {
  if (key == "pmi")
    return "pointwise mutual information (log2) of the weakest split: how much likelier the parts are "
           "together than apart.";
  if (key == "t") return "t-score of the weakest split: the evidence that the parts co-occur more than by chance.";
  if (key == "chi2") return "Pearson's chi-square of the weakest split's 2x2 table.";
  return "Dice coefficient of the weakest split: 2 x joint count / (count of left part + count of right part).";
}
double phrase_sort_value(const std::string& key, const phrases::PhraseStats& s) {
  if (key == "pmi") return s.assoc.pmi;
  if (key == "t") return s.assoc.student_t;
  if (key == "chi2") return s.assoc.chi_sq;
  return s.assoc.dice;
}

std::string measure_explanation(const std::string& name, bool larger_is_closer) {
  return larger_is_closer
             ? fmt::format("{} similarity of the two texts' feature vectors; larger is more alike.", name)
             : fmt::format("{} distance between the two texts' feature profiles; smaller is more alike.", name);
}

// The cluster x group contingency table (clusters in number order, groups in order of first
// appearance in the corpus) with row and column totals, and the adjusted Rand index.
struct GroupTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;
  double ari = NAN;
};
GroupTable group_table(const std::vector<int>& clusters, const std::vector<std::string>& groups) {
  std::vector<std::string> names;
  std::map<std::string, int> group_id;
  std::vector<int> g(groups.size());
  for (size_t i = 0; i < groups.size(); ++i) {
    auto [it, added] = group_id.emplace(groups[i], static_cast<int>(names.size()));
    if (added) names.push_back(groups[i]);
    g[i] = it->second;
  }
  std::map<int, std::vector<size_t>> counts;  // cluster -> count per group
  std::vector<size_t> column(names.size(), 0);
  for (size_t i = 0; i < clusters.size(); ++i) {
    auto& row = counts[clusters[i]];
    row.resize(names.size(), 0);
    ++row[g[i]];
    ++column[g[i]];
  }
  GroupTable t;
  t.header = {"cluster"};
  for (const auto& n : names) t.header.push_back(n.empty() ? "(none)" : n);
  t.header.push_back("total");
  t.numeric.assign(t.header.size(), true);
  for (const auto& [k, row] : counts) {
    std::vector<std::string> cells = {std::to_string(k)};
    size_t total = 0;
    for (size_t x : row) {
      cells.push_back(x ? std::to_string(x) : "·");
      total += x;
    }
    cells.push_back(std::to_string(total));
    t.rows.push_back(std::move(cells));
  }
  std::vector<std::string> totals = {"total"};
  for (size_t x : column) totals.push_back(std::to_string(x));
  totals.push_back(std::to_string(clusters.size()));
  t.rows.push_back(std::move(totals));
  t.ari = cluster::adjusted_rand_index(clusters, g);
  return t;
}

struct SimilarityOutput {
  NamedSimilarity spec;
  pipeline::SimilarityResult result;
};

std::string features_spec(const pipeline::FeaturesConfig& f) {
  return fmt::format("{}:{}-{}", f.analyzer, f.ngram_min, f.ngram_max);
}

}  // namespace

nlohmann::ordered_json resolve_experiment(const fs::path& config_path) {
  return config_json(parse_experiment(config_path));
}

RunSummary run_experiment(const fs::path& config_path, const RunOptions& options) {
  Timer timer;
  timer.step("config");
  RunSummary summary;
  auto warn = [&](const std::string& w) { summary.warnings.push_back(w); };
  const ExperimentConfig c = parse_experiment(config_path, &summary.warnings);
  timer.set_steps(Timer::kSteps + (c.similarities.empty() ? 0 : 1) + (c.phrases ? 1 : 0) + (c.reuse ? 1 : 0));
  const int threads = resolve_thread_count(options.threads);
  fs::path out = options.out.empty() ? fs::path("results") / c.name : options.out;

  // Inputs are read before the run folder exists, so a bad corpus leaves nothing behind.
  timer.step("corpus");
  pipeline::LoadedCorpus loaded = pipeline::load_corpus(c.corpus);
  const Corpus& corpus = loaded.corpus;
  for (const auto& w : loaded.warnings) warn(w);
  STYLOKIT_CHECK(corpus.size() >= 2, DataError, "{}: {} document(s); an experiment compares at least 2",
                 c.corpus.path.string(), corpus.size());
  if (!c.group_by.empty())
    STYLOKIT_CHECK(std::find(corpus.metadata_columns.begin(), corpus.metadata_columns.end(), c.group_by) !=
                       corpus.metadata_columns.end(),
                   ConfigError, "{}: [corpus] group_by: no metadata column '{}'", c.file.string(), c.group_by);
  const std::vector<std::vector<Removal>>& removals = loaded.removals;
  std::vector<std::string> ids = corpus.ids();  // the samples' with [corpus] sample
  std::vector<std::string> groups;
  if (!c.group_by.empty())
    for (const auto& d : corpus.documents) {
      auto it = d.metadata.find(c.group_by);
      groups.push_back(it == d.metadata.end() ? "" : it->second);
    }

  RunFolder run(out, options.force);
  Json inputs = Json::array();
  auto add_input = [&](const fs::path& p, const std::string& role) {
    inputs.push_back({{"path", p.string()}, {"role", role}, {"sha256", sha256_file(p)}});
  };
  add_input(c.file, "experiment");
  if (!c.corpus.metadata.empty()) add_input(c.corpus.metadata, "metadata");
  if (!loaded.cleaning_rules.empty()) add_input(loaded.cleaning_rules, "cleaning rules");
  if (fs::is_directory(c.corpus.path)) {
    for (const auto& d : corpus.documents) add_input(d.source, "document");
  } else {
    add_input(c.corpus.path, "corpus");
  }

  // The text stage runs once; corpus.csv, the statistics, phrases, KWIC and reuse read it.
  timer.step("text");
  pipeline::TokenizedCorpus tokenized = pipeline::tokenize(corpus, c.text, c.features, threads);
  const std::vector<pipeline::DocumentStats> stats = pipeline::document_stats(tokenized);
  {
    std::string csv;
    std::vector<std::string> header = {"id", "title", "tokens", "types", "sentences", "bytes", "removed_bytes"};
    for (const auto& m : corpus.metadata_columns)
      if (m != "title") header.push_back(m);
    append_csv_row(csv, header);
    std::string cleaning = "doc,rule,start_byte,end_byte,excerpt\n";
    for (size_t i = 0; i < corpus.size(); ++i) {
      const Document& d = corpus.documents[i];
      size_t removed = 0;
      for (const auto& r : removals[i]) {
        removed += d.file_offset(r.range.end) - d.file_offset(r.range.begin);  // file bytes, as `bytes`
        append_csv_row(cleaning, {d.id, r.rule, std::to_string(d.file_offset(r.range.begin)),
                                  std::to_string(d.file_offset(r.range.end)), r.excerpt});
      }
      std::vector<std::string> row = {d.id,
                                      d.title(),
                                      std::to_string(stats[i].tokens),
                                      std::to_string(stats[i].types),
                                      std::to_string(stats[i].sentences),
                                      std::to_string(d.file_offset(d.raw.size())),  // the file's size
                                      std::to_string(removed)};
      for (const auto& m : corpus.metadata_columns) {
        if (m == "title") continue;
        auto it = d.metadata.find(m);
        row.push_back(it == d.metadata.end() ? "" : it->second);
      }
      append_csv_row(csv, row);
    }
    run.write("corpus.csv", csv);
    run.write("cleaning.csv", cleaning);
  }

  // features.mtx
  timer.step("features");
  // With [corpus] sample the features and every similarity count the samples, one row each;
  // corpus.csv above, phrases and reuse keep the whole texts.
  std::optional<pipeline::TokenizedCorpus> sampled;
  if (pipeline::samples_asked(c.sample)) {
    sampled = tokenized;
    pipeline::make_samples(*sampled, c.sample, threads);
    for (const auto& w : sampled->sampling->warnings) warn(w);
    ids = sampled->tokens.doc_ids;
    if (!groups.empty()) {
      std::vector<std::string> by_sample;
      for (const auto& s : sampled->sampling->sources) by_sample.push_back(groups[s.document]);
      groups = std::move(by_sample);
    }
  }
  const pipeline::TokenizedCorpus& counted = sampled ? *sampled : tokenized;
  features::Vectorized vec = pipeline::vectorize(c.features, c.text, corpus, &counted, threads);
  features::save_matrix(run.staging() / "features.mtx", vec.matrix, vec.vocabulary, vec.doc_ids, threads);
  for (const char* f : {"features.mtx", "features.terms.tsv", "features.docs.tsv"}) run.add_file(f);

  // similarity/*.csv and .json, written by the pipeline's one owner of the format
  timer.step("similarity");
  std::vector<SimilarityOutput> sims;
  for (const auto& spec : c.similarities) {
    SimilarityOutput so{spec, {}};
    if (pipeline::uses_mfw_table(spec.config)) {
      const pipeline::MfwResult mfw =
          pipeline::mfw_table(spec.config.mfw, &corpus, c.text, c.features, threads, &counted);
      so.result = pipeline::similarity_on_table(mfw, spec.config, threads);
    } else {
      Json params = {{"input", "corpus-vectorized"}, {"features", features_spec(c.features)}};
      so.result = pipeline::similarity_on_matrix(vec.matrix, vec.doc_ids, spec.config, params, threads);
    }
    for (const auto& w : so.result.warnings) {
      // The sampling's own warnings were given once above.
      const bool said = sampled && std::find(sampled->sampling->warnings.begin(), sampled->sampling->warnings.end(),
                                             w) != sampled->sampling->warnings.end();
      if (!said) warn(fmt::format("similarity {}: {}", spec.name, w));
    }
    run.write("similarity/" + spec.name + ".csv", pipeline::similarity_csv(so.result));
    run.write("similarity/" + spec.name + ".json", pipeline::similarity_json(so.result).dump(2) + "\n");
    sims.push_back(std::move(so));
  }

  // pairs, tree, clusters, map, pictures
  Json cluster_json = Json::object();
  std::vector<std::vector<std::string>> pair_rows;  // the most alike, shown in the report
  size_t pair_total = 0;
  std::vector<int> flat;
  pipeline::TreeResult tree;
  const SimilarityOutput* primary = nullptr;
  for (const auto& s : sims)
    if (s.spec.name == c.cluster_similarity) primary = &s;
  std::string heatmap, dendrogram, map_svg;
  if (primary) {
    timer.step("cluster");
    const bool closer_larger = similarity::larger_is_closer(primary->result.measure);
    const Eigen::MatrixXd& v = primary->result.values;
    struct Pair {
      size_t a, b;
      double score;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < ids.size(); ++i)
      for (size_t j = i + 1; j < ids.size(); ++j) pairs.push_back({i, j, v(i, j)});
    std::stable_sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) {
      return closer_larger ? x.score > y.score : x.score < y.score;
    });
    pair_total = pairs.size();
    std::string csv = "doc_a,doc_b,score,rank\n";
    for (size_t r = 0; r < pairs.size(); ++r) {
      append_csv_row(csv, {ids[pairs[r].a], ids[pairs[r].b], g17(pairs[r].score), std::to_string(r + 1)});
      if (r < kPairsShown)
        pair_rows.push_back({std::to_string(r + 1), ids[pairs[r].a], ids[pairs[r].b], short_num(pairs[r].score)});
    }
    run.write("pairs.csv", csv);

    const cluster::LabeledDistances dist = pipeline::distances_of(primary->result, primary->spec.name);
    tree = pipeline::cluster_tree(dist, c.cluster);
    for (const auto& w : tree.warnings) warn(w);
    cluster::write_newick(run.staging() / "tree.nwk", cluster::tree_from_linkage(tree.linkage, ids));
    run.add_file("tree.nwk");
    cluster::write_linkage_csv(run.staging() / "linkage.csv", tree.linkage);
    run.add_file("linkage.csv");
    flat = tree.labels;
    cluster::write_assignments_csv(run.staging() / "clusters.csv", ids, flat);
    run.add_file("clusters.csv");
    cluster_json = {{"similarity", primary->spec.name},
                    {"method", c.cluster.method},
                    {"k", tree.k},
                    {"conversion", dist.conversion},
                    {"cophenetic_correlation", tree.cophenetic}};

    auto order64 = cluster::leaf_order(tree.linkage);
    std::vector<size_t> order(order64.begin(), order64.end());
    report::HeatmapOptions ho;
    ho.title = fmt::format("{}: {}", c.title, primary->spec.name);
    ho.measure = primary->spec.name;
    ho.larger_is_closer = closer_larger;
    heatmap = report::heatmap_svg(v, ids, order, ho);
    run.write("heatmap.svg", heatmap);
    // Beyond the SVG limit the cells are a raster anyway: also as a plain picture file.
    if (ids.size() > report::kHeatmapSvgLimit)
      run.write("heatmap.png", report::heatmap_png(v, order, ho, std::max<size_t>(1, 1000 / ids.size()), true));
    report::DendrogramOptions dopt;
    dopt.title = fmt::format("{} linkage on {}", c.cluster.method, primary->spec.name);
    dopt.distance_label = closer_larger ? dist.conversion : primary->spec.name;
    dopt.groups = groups;
    dopt.group_name = c.group_by;
    dendrogram = report::dendrogram_svg(tree.linkage, ids, dopt);
    run.write("dendrogram.svg", dendrogram);

    if (c.cluster.map != "none") {
      cluster::MapResult m;
      std::string axis = "MDS";
      if (c.cluster.map == "mds" || ids.size() < 3) {
        m = pipeline::mds_map(dist);
      } else {
        m = pipeline::pca_map(Eigen::MatrixXd(vec.matrix), "features.mtx");
        axis = "PC";
      }
      cluster::write_coordinates_csv(run.staging() / "map.csv", ids, m.coords);
      run.add_file("map.csv");
      report::ScatterOptions so;
      const bool mds = c.cluster.map == "mds";
      so.title = fmt::format("{} map of {}", mds ? "Classical MDS" : "PCA",
                             mds ? primary->spec.name : std::string("the features"));
      auto ratio = [&](int i) { return i < m.variance_ratio.size() ? 100 * m.variance_ratio(i) : NAN; };
      so.x_label = fmt::format("{} 1 ({:.1f}%)", axis, ratio(0));
      so.y_label = fmt::format("{} 2 ({:.1f}%)", axis, ratio(1));
      so.groups = groups;
      so.group_name = c.group_by;
      map_svg = report::scatter_svg(m.coords, ids, so);
      run.write("map.svg", map_svg);
    }
  }

  // phrases.csv, kwic.tsv, reuse.csv
  std::vector<std::vector<std::string>> phrase_rows, reuse_rows;
  std::vector<report::KwicGroup> kwic_groups;
  size_t phrase_total = 0, reuse_total = 0;
  const text::TokenCorpus& tc = tokenized.tokens;
  if (c.phrases) {
    timer.step("phrases");
    const pipeline::PhrasesConfig& po = c.phrase_options;
    const phrases::RankedPhrases ranked = pipeline::find_phrases(tokenized, po, c.text, true);
    std::string kwic = phrases::kKwicTsvHeader;
    for (size_t r = 0; r < ranked.order.size(); ++r) {
      const auto& p = ranked.phrases[ranked.order[r]];
      const auto& s = ranked.stats[ranked.order[r]];
      std::string text = text::phrase_text(tc, p.tokens.data(), p.length());
      auto lines = phrases::kwic_lines(tc, p, po.kwic_window);
      report::KwicGroup group;
      for (const auto& l : lines) {
        const Document& doc = corpus.documents[l.doc];
        phrases::append_kwic_tsv(kwic, ids[l.doc], doc, l, text);
        if (r < c.phrases_top && group.lines.size() < kKwicPerPhrase) {
          phrases::KwicTexts t = phrases::kwic_texts(doc, l);
          group.lines.push_back({ids[l.doc], std::move(t.left), std::move(t.match), std::move(t.right)});
        }
      }
      if (r < c.phrases_top) {
        group.phrase = text;
        group.summary = fmt::format("{} times in {} documents", p.count, p.docs.size());
        group.total = lines.size();
        group.file = "kwic.tsv";
        kwic_groups.push_back(std::move(group));
        std::vector<std::string> row = {text,
                                        std::to_string(p.length()),
                                        std::to_string(p.count),
                                        std::to_string(p.docs.size()),
                                        short_num(s.assoc.likelihood_ratio),
                                        short_num(s.formulaicity)};
        if (extra_phrase_column(po.sort)) row.push_back(short_num(phrase_sort_value(po.sort, s)));
        phrase_rows.push_back(std::move(row));
      }
    }
    phrase_total = ranked.phrases.size();
    run.write("phrases.csv", phrases::phrases_csv(tc, ranked));
    run.write("kwic.tsv", kwic);
  }
  if (c.reuse) {
    timer.step("reuse");
    const phrases::ReuseResult rr = pipeline::find_reuse(tokenized, c.reuse_options, threads);
    // Best first; equal scores keep the file's (document pair, position) order.
    std::vector<size_t> by_score(rr.passages.size());
    for (size_t i = 0; i < by_score.size(); ++i) by_score[i] = i;
    std::stable_sort(by_score.begin(), by_score.end(),
                     [&](size_t x, size_t y) { return rr.passages[x].tokens.score > rr.passages[y].tokens.score; });
    reuse_total = rr.passages.size();
    for (size_t k = 0; k < std::min(by_score.size(), kReuseShown); ++k) {
      const auto& p = rr.passages[by_score[k]];
      reuse_rows.push_back({std::to_string(k + 1), ids[p.doc_a], ids[p.doc_b], short_num(p.tokens.score),
                            std::to_string(p.tokens.matches), excerpt(corpus.documents[p.doc_a], p.a_start, p.a_end),
                            excerpt(corpus.documents[p.doc_b], p.b_start, p.b_end)});
    }
    run.write("reuse.csv", phrases::reuse_csv(corpus, rr));
  }
  std::optional<pipeline::ClassifyResult> attribution;
  if (c.classify) {
    pipeline::ClassifyConfig options = c.classify_options;
    options.sample = c.sample;  // [corpus] sample: the rows are the samples
    attribution = pipeline::classify(options, c.corpus, &corpus, c.text, c.features, threads);
    for (const auto& w : attribution->warnings) warn(w);
    run.write("classify/predictions.csv", pipeline::classify_predictions_csv(*attribution));
    run.write("classify/candidates.csv", pipeline::classify_candidates_csv(*attribution));
    run.write("classify/confusion.csv", pipeline::classify_confusion_csv(*attribution));
    run.write("classify/metrics.json", pipeline::classify_json(*attribution).dump(2) + "\n");
    if (attribution->runs.size() > 1) run.write("classify/accuracy.csv", pipeline::classify_accuracy_csv(*attribution));
    if (!attribution->explain.empty()) run.write("classify/explain.csv", pipeline::classify_explain_csv(*attribution));
  }

  // report.html
  timer.step("report");
  report::HtmlReport html(c.title);
  html.heading("Summary", 2, "summary");
  size_t tokens_total = 0;
  for (const auto& s : stats) tokens_total += s.tokens;
  html.paragraph(fmt::format("{} documents, {} tokens, from {}. Features: {} ({} terms).", corpus.size(), tokens_total,
                             c.corpus.path.filename().string(), features_spec(c.features), vec.vocabulary.size()));
  if (!loaded.cleaning_rules.empty()) {
    size_t n_removed = 0;
    for (const auto& r : removals) n_removed += r.size();
    html.note(fmt::format("Cleaning ({}) removed {} pieces of page furniture; see cleaning.csv.",
                          loaded.cleaning_rules.filename().string(), n_removed));
  }
  for (const auto& w : summary.warnings) html.note("Warning: " + w);
  if (primary) {
    const bool larger = similarity::larger_is_closer(primary->result.measure);
    html.heading("Which texts are alike", 2, "pairs");
    html.paragraph(fmt::format("Pairs of texts by {}, most alike first.", primary->spec.name));
    html.table({"rank", "text", "text", "score"}, pair_rows,
               report::TableOptions{{true, false, false, true}, "pairs-table", pair_total, "pairs.csv", true});
    html.definitions({{"score", measure_explanation(primary->spec.name, larger)}});
    html.figure(heatmap, "Heatmap: rows and columns in dendrogram order; hover a cell for its value.");
    html.heading("How they group", 2, "tree");
    const double cophenetic = cluster_json.value("cophenetic_correlation", NAN);
    html.figure(dendrogram,
                fmt::format("{} linkage; cophenetic correlation {}.", c.cluster.method, short_num(cophenetic)));
    html.definitions({{"cophenetic correlation",
                       "how faithfully the tree keeps the distances: the correlation between each pair's distance and "
                       "the height at which the tree first joins them (1 = exactly)."}});
    // Members by cluster, then in corpus order.
    std::vector<size_t> members(ids.size());
    for (size_t i = 0; i < members.size(); ++i) members[i] = i;
    std::stable_sort(members.begin(), members.end(), [&](size_t x, size_t y) { return flat[x] < flat[y]; });
    std::vector<std::vector<std::string>> rows;
    for (size_t k = 0; k < std::min(members.size(), kMembersShown); ++k) {
      const size_t i = members[k];
      std::vector<std::string> row = {ids[i], std::to_string(flat[i])};
      if (!groups.empty()) row.push_back(groups[i]);
      rows.push_back(std::move(row));
    }
    std::vector<std::string> header = {"text", "cluster"};
    if (!groups.empty()) header.push_back(c.group_by);
    html.paragraph(fmt::format("{} clusters cut from the tree.", tree.k));
    html.table(header, rows,
               report::TableOptions{{false, true, false}, "clusters-table", ids.size(), "clusters.csv", true});
    if (!groups.empty()) {
      const GroupTable gt = group_table(flat, groups);
      html.heading(fmt::format("Clusters and {}", c.group_by), 3, "");
      html.paragraph(fmt::format("Texts in each cluster (rows) by {} (columns); adjusted Rand index {}.", c.group_by,
                                 short_num(gt.ari)));
      html.table(gt.header, gt.rows, report::TableOptions{gt.numeric, "groups-table", 0, "", false});
      html.definitions({{"adjusted Rand index",
                         fmt::format("agreement between the clusters and the {} labels, corrected for chance (Hubert & "
                                     "Arabie 1985): 1 = the same partition, about 0 = no better than chance, below 0 "
                                     "= worse than chance.",
                                     c.group_by)}});
    }
    if (!map_svg.empty()) html.figure(map_svg, "2-D map of the same distances.");
    if (sims.size() > 1) {
      html.heading("Other measures", 2, "measures");
      for (const auto& s : sims) {
        if (&s == primary) continue;
        bool larger_s = similarity::larger_is_closer(s.result.measure);
        double best = NAN;
        size_t ba = 0, bb = 1;
        for (size_t i = 0; i < ids.size(); ++i)
          for (size_t j = i + 1; j < ids.size(); ++j) {
            double x = s.result.values(i, j);
            if (std::isnan(best) || (larger_s ? x > best : x < best)) {
              best = x;
              ba = i;
              bb = j;
            }
          }
        html.paragraph(fmt::format("{} ({} {}): closest pair {} and {} ({}).", s.spec.name, s.spec.config.variant,
                                   larger_s ? "similarity" : "distance", ids[ba], ids[bb], short_num(best)));
      }
    }
  }
  if (c.phrases) {
    const std::string& key = c.phrase_options.sort;
    html.heading("Formulaic phrases", 2, "phrases");
    html.paragraph(fmt::format("{} maximal recurring phrases of {}-{} tokens in at least {} documents, ranked by {}.",
                               phrase_total, c.phrase_options.min_len, c.phrase_options.max_len,
                               c.phrase_options.min_docs, sort_description(key)));
    std::vector<std::string> header = {"phrase", "tokens", "count", "documents", "G²", "formulaicity"};
    std::vector<bool> numeric = {false, true, true, true, true, true};
    if (const char* extra = extra_phrase_column(key)) {
      header.push_back(extra);
      numeric.push_back(true);
    }
    html.table(header, phrase_rows, report::TableOptions{numeric, "phrases-table", phrase_total, "phrases.csv", true});
    std::vector<std::pair<std::string, std::string>> terms = {
        {"G²",
         "log-likelihood ratio (Dunning 1993) of the phrase's weakest split into two parts: how much more often "
         "the parts occur together than chance predicts (above 10.83: p < 0.001)."},
        {"formulaicity", "the share of documents holding the phrase times its G²: recurrent, widespread and bound."}};
    if (const char* extra = extra_phrase_column(key)) terms.push_back({extra, extra_explanation(key)});
    html.definitions(terms);
    html.heading("Where they occur", 3, "kwic");
    html.paragraph(
        fmt::format("Up to {} lines in context for each phrase above, in the same order; every occurrence "
                    "is in kwic.tsv.",
                    kKwicPerPhrase));
    html.kwic(kwic_groups, "text");
  }
  if (c.reuse) {
    html.heading("Shared passages", 2, "reuse");
    if (reuse_rows.empty()) {
      html.paragraph(fmt::format("No shared passage of {} tokens or more.", c.reuse_options.min_len));
    } else {
      html.paragraph(fmt::format("{} passages of {} tokens or more that two texts share, best first.", reuse_total,
                                 c.reuse_options.min_len));
      html.table({"rank", "text", "text", "score", "matches", "text in the first", "text in the second"}, reuse_rows,
                 report::TableOptions{
                     {true, false, false, true, true, false, false}, "reuse-table", reuse_total, "reuse.csv", true});
      html.definitions({{"score",
                         "local alignment score (Smith-Waterman): +2 for each matching token, -1 for each "
                         "mismatch, -5 to open a gap and -0.5 for each further token of it."},
                        {"matches", "tokens that are the same in both passages."}});
    }
  }
  if (attribution) {
    const pipeline::ClassifyResult& a = *attribution;
    html.heading("Attribution", 2, "classify");
    html.paragraph(pipeline::classify_summary(a));
    const pipeline::ClassifyRun& first = a.runs.front();
    std::vector<std::string> header = {"truth \\ predicted"};
    for (const auto& cl : first.metrics.classes) header.push_back(cl);
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < first.metrics.classes.size(); ++i) {
      rows.push_back({first.metrics.classes[i]});
      for (size_t j = 0; j < first.metrics.classes.size(); ++j)
        rows.back().push_back(
            std::to_string(first.metrics.confusion(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))));
    }
    html.paragraph(
        fmt::format("Confusion matrix at {} MFW (culling {}); all files in classify/.", first.mfw, first.culling));
    html.table(header, rows);
    html.figure(confusion_svg(first.metrics), "Confusion matrix as a heat table (share of each true class).");
    if (a.runs.size() > 1) {
      std::vector<std::vector<std::string>> acc;
      for (const auto& r : a.runs)
        acc.push_back({std::to_string(r.mfw), short_num(r.culling), short_num(r.metrics.accuracy),
                       fmt::format("{}/{}", r.metrics.correct, r.metrics.total)});
      html.paragraph("Accuracy across the sweep.");
      html.table({"MFW", "culling", "accuracy", "correct"}, acc);
    }
    if (!a.explain.empty()) {
      std::vector<std::vector<std::string>> ex;
      for (const auto& e : a.explain)
        if (e.candidate == "nearest" && e.rank <= 5)
          ex.push_back({a.ids[e.doc], a.ids[e.train_doc], e.feature, short_num(e.contribution), short_num(e.distance),
                        e.occurrences < 0 ? "" : std::to_string(e.occurrences)});
      html.paragraph(
          "The five features that add most to each test text's distance from its nearest training text "
          "(classify/explain.csv has every feature, the runner-up of another class, and byte spans).");
      html.table({"text", "nearest", "feature", "contribution", "distance", "occurrences"}, ex);
    } else if (!a.explain_note.empty()) {
      html.paragraph(a.explain_note);
    }
  }
  html.heading("Reproducibility", 2, "manifest");
  html.paragraph(
      "manifest.json records the stylokit version and commit, this configuration as resolved, and the "
      "SHA-256 of every input file.");
  html.preformatted("configuration as resolved", config_json(c).dump(2));
  run.write("report.html", html.finish());

  // manifest.json last: it lists every output with its hash.
  Json outputs = Json::array();
  for (const auto& f : run.files()) outputs.push_back({{"path", f}, {"sha256", sha256_file(run.staging() / f)}});
  Json manifest;
  manifest["tool"] = {{"name", "stylokit"}, {"version", stylokit::version()}, {"git_commit", stylokit::git_commit()}};
  manifest["config"] = config_json(c);
  manifest["inputs"] = inputs;
  manifest["outputs"] = outputs;
  manifest["threads"] = threads;
  manifest["documents"] = corpus.size();
  if (sampled) manifest["samples"] = pipeline::sampling_json(*sampled);
  manifest["cluster"] = cluster_json;
  manifest["warnings"] = summary.warnings;
  manifest["timings_seconds"] = timer.json();
  timer.finish();
  run.write("manifest.json", manifest.dump(2) + "\n");
  run.commit();
  summary.folder = run.destination();

  // The human summary printed by `stylokit run`.
  if (primary) {
    summary.lines.push_back(fmt::format("most alike by {}:", primary->spec.name));
    for (size_t r = 0; r < std::min<size_t>(3, pair_rows.size()); ++r)
      summary.lines.push_back(
          fmt::format("  {}. {}  ~  {}  ({})", pair_rows[r][0], pair_rows[r][1], pair_rows[r][2], pair_rows[r][3]));
    std::map<int, std::vector<std::string>> by_cluster;
    for (size_t i = 0; i < ids.size(); ++i) by_cluster[flat[i]].push_back(ids[i]);
    summary.lines.push_back(fmt::format("clusters ({} linkage, k = {}):", c.cluster.method, by_cluster.size()));
    for (const auto& [k, members] : by_cluster) {
      std::string line = fmt::format("  {} ({} document{}):", k, members.size(), members.size() == 1 ? "" : "s");
      constexpr size_t kShown = 6;  // a 500-document corpus would fill the terminal
      for (size_t m = 0; m < std::min(kShown, members.size()); ++m) line += " " + members[m];
      if (members.size() > kShown) line += fmt::format(" … (+{} more; clusters.csv)", members.size() - kShown);
      summary.lines.push_back(line);
    }
  }
  if (c.phrases) {
    summary.lines.push_back(fmt::format("formulaic phrases ({} found), most widespread:", phrase_total));
    for (size_t r = 0; r < std::min<size_t>(5, phrase_rows.size()); ++r)
      summary.lines.push_back(
          fmt::format("  \"{}\" ({} times in {} documents)", phrase_rows[r][0], phrase_rows[r][2], phrase_rows[r][3]));
  }
  if (c.reuse) summary.lines.push_back(fmt::format("shared passages: {}", reuse_total));
  return summary;
}

}  // namespace stylokit::experiment
