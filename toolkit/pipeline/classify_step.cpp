// The classify step: labels, the split or folds, the MFW table, the sweep and the outputs.
// The classifiers live in toolkit/classify; this file composes them as stylo's classify() and
// crossv() do (R/classify.R, R/crossv.R).

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "toolkit/classify/delta.h"
#include "toolkit/classify/labels.h"
#include "toolkit/classify/metrics.h"
#include "toolkit/classify/naive_bayes.h"
#include "toolkit/classify/nsc.h"
#include "toolkit/classify/svm.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/hash.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/version.h"
#include "toolkit/features/options.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/similarity/pairwise.h"

namespace stylokit::pipeline {

namespace {

namespace c = stylokit::classify;
namespace s = stylokit::similarity;

template <typename Fn>
auto field(const std::string& name, Fn fn) {
  try {
    return fn();
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    throw ConfigError(fmt::format("{}: {}", name, what));
  }
}

// "N" or "FROM:TO:STEP" (TO included when the steps reach it, as R's seq()).
std::vector<double> parse_sweep(const std::string& spec, const std::string& name, bool integer) {
  std::vector<std::string> parts;
  size_t p = 0;
  while (true) {
    const size_t e = spec.find(':', p);
    parts.push_back(spec.substr(p, e == std::string::npos ? std::string::npos : e - p));
    if (e == std::string::npos) break;
    p = e + 1;
  }
  STYLOKIT_CHECK(parts.size() == 1 || parts.size() == 3, ConfigError, "{}: a number or FROM:TO:STEP, got '{}'", name,
                 spec);
  std::vector<double> v;
  for (const auto& part : parts) {
    size_t used = 0;
    double x = 0;
    try {
      x = std::stod(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    STYLOKIT_CHECK(used == part.size() && !part.empty() && std::isfinite(x), ConfigError,
                   "{}: '{}' is not a number (a number or FROM:TO:STEP)", name, part);
    STYLOKIT_CHECK(!integer || x == std::floor(x), ConfigError, "{}: '{}' is not a whole number", name, part);
    v.push_back(x);
  }
  if (v.size() == 1) return v;
  STYLOKIT_CHECK(v[2] > 0, ConfigError, "{}: the step must be positive, got '{}'", name, spec);
  STYLOKIT_CHECK(v[0] <= v[1], ConfigError, "{}: FROM must not exceed TO, got '{}'", name, spec);
  std::vector<double> out;
  for (double x = v[0]; x <= v[1] + 1e-9 * std::max(1.0, std::fabs(v[1]));
       x = v[0] + v[2] * static_cast<double>(out.size()))
    out.push_back(x);
  STYLOKIT_CHECK(out.size() <= 10000, ConfigError, "{}: {} steps; at most 10000", name, out.size());
  return out;
}

c::Options classifier_options(const ClassifyConfig& config, int threads) {
  c::Options o;
  o.measure = field("measure", [&] { return s::parse_measure(config.measure); });
  o.variant = field("variant", [&] { return s::parse_variant(config.variant); });
  o.z_scores = c::parse_zscores(config.z_scores);
  o.k = config.k;
  o.top_n = config.top_n;
  o.threads = threads;
  return o;
}

// A classifier of the common signature (scores.h) by name. Each runs with stylo's fixed
// settings: perform.nsc() (pamr defaults, threshold 1), perform.svm() (linear, cost 1, scaled;
// classify() passes no svm.* argument on) and perform.naivebayes() (e1071 defaults).
using Classifier = c::ClassScores (*)(const Eigen::MatrixXd&, const std::vector<int>&, int, const Eigen::MatrixXd&,
                                      const c::Options&);
c::ClassScores nsc_scores(const Eigen::MatrixXd& train, const std::vector<int>& cls, int classes,
                          const Eigen::MatrixXd& test, const c::Options&) {
  return c::nearest_shrunken_centroids(train, cls, classes, test).scores;
}
c::ClassScores svm_scores(const Eigen::MatrixXd& train, const std::vector<int>& cls, int classes,
                          const Eigen::MatrixXd& test, const c::Options& o) {
  c::SvmOptions so;
  so.threads = o.threads;
  return c::svm_linear(train, cls, classes, test, so);
}
c::ClassScores nb_scores(const Eigen::MatrixXd& train, const std::vector<int>& cls, int classes,
                         const Eigen::MatrixXd& test, const c::Options&) {
  return c::naive_bayes(train, cls, classes, test);
}
Classifier find_classifier(const std::string& name) {
  if (name == "delta") return &c::delta_scores;
  if (name == "knn") return &c::knn;
  if (name == "nsc") return &nsc_scores;
  if (name == "svm") return &svm_scores;
  if (name == "naivebayes") return &nb_scores;
  throw ConfigError(fmt::format("classifier: delta, knn, nsc, svm or naivebayes, got '{}'", name));
}

// Metadata: id → row of columns.
struct Metadata {
  std::string source;
  std::map<std::string, std::map<std::string, std::string>> rows;
  std::vector<std::string> columns;
};

Metadata read_metadata(const std::string& path, const std::string& id_column) {
  Metadata m;
  m.source = path;
  const CsvTable t = parse_csv(read_file(path), path);
  int idc = t.column(id_column);
  if (idc < 0) idc = 0;
  m.columns = t.header;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::map<std::string, std::string> row;
    for (size_t k = 0; k < t.header.size(); ++k) row[t.header[k]] = t.rows[r][k];
    STYLOKIT_CHECK(m.rows.emplace(t.rows[r][static_cast<size_t>(idc)], std::move(row)).second, DataError,
                   "{}:{}: id '{}' appears twice", path, t.row_lines[r], t.rows[r][static_cast<size_t>(idc)]);
  }
  return m;
}

std::string join_some(const std::vector<std::string>& v, size_t most = 3) {
  std::string out;
  for (size_t i = 0; i < std::min(most, v.size()); ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > most) out += fmt::format(" (and {} more)", v.size() - most);
  return out;
}

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& x, const std::vector<size_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (size_t i = 0; i < rows.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}

// Per-feature terms of a decomposable measure between rows a and b; empty when the measure
// has no such decomposition. `z` are the z-scores, `keep` the usable columns.
bool decomposable(s::Measure m, s::Variant v) {
  switch (m) {
    case s::Measure::kBurrowsDelta:
    case s::Measure::kCosineDelta:
    case s::Measure::kManhattan:
    case s::Measure::kEderDelta:
    case s::Measure::kEderSimple: return true;
    case s::Measure::kArgamonQuadratic: return v == s::Variant::kPublished;
    default: return false;
  }
}

}  // namespace

void validate(const ClassifyConfig& config) {
  find_classifier(config.classifier);
  classifier_options(config, 1);
  STYLOKIT_CHECK(config.k >= 1, ConfigError, "k: must be at least 1, got {}", config.k);
  STYLOKIT_CHECK(config.top_n >= 1, ConfigError, "top_n: must be at least 1, got {}", config.top_n);
  STYLOKIT_CHECK(!config.label.empty(), ConfigError,
                 "label: give prefix (the id before its first '_') or a metadata column");
  STYLOKIT_CHECK(config.z_scores != "crossv" || config.cv == "loo", ConfigError,
                 "z_scores: crossv is the convention of stylo's crossv() leave-one-out; it needs cv loo");
  const int ways = !config.set_column.empty() + !config.train.empty() + !config.cv.empty();
  STYLOKIT_CHECK(ways == 1, ConfigError, "{}: choose the training texts one way: set_column, train or cv",
                 ways == 0 ? "cv" : "train");
  if (!config.cv.empty() && config.cv != "loo") {
    size_t used = 0;
    long k = 0;
    try {
      k = std::stol(config.cv, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    STYLOKIT_CHECK(used == config.cv.size() && k >= 2, ConfigError, "cv: loo or a number of folds K >= 2, got '{}'",
                   config.cv);
  }
  for (double m : parse_sweep(config.mfw, "mfw", true))
    STYLOKIT_CHECK(m >= 1, ConfigError, "mfw: at least 1, got {}", m);
  for (double p : parse_sweep(config.culling, "culling", false))
    STYLOKIT_CHECK(p >= 0 && p <= 100, ConfigError, "culling: a percentage in [0, 100], got {}", p);
}

ClassifyResult classify(const ClassifyConfig& config, const CorpusConfig& corpus_config, const Corpus* corpus,
                        const text::TextOptions& text, const FeaturesConfig& features, int threads) {
  validate(config);
  c::Options opt = classifier_options(config, threads);
  const Classifier classifier = find_classifier(config.classifier);
  const bool from_table = !config.table.frequency_table.empty();
  STYLOKIT_CHECK(from_table || corpus != nullptr, ConfigError, "frequency_table: give a corpus or a frequency table");
  ClassifyResult res;
  const bool sampled = samples_asked(config.sample);
  STYLOKIT_CHECK(!sampled || !from_table, ConfigError,
                 "sample: a frequency_table is read as it is; samples are cut from a corpus");
  STYLOKIT_CHECK(!sampled || features::parse_tokenizer(features.tokenizer) != features::TokenizerKind::kSklearn,
                 ConfigError, "sample: the sklearn tokenizer keeps no tokens to sample; use icu or stylo");

  // ---- Ids, labels, split ----
  // With sampling the rows are the samples <id>_<k>; source[i] is row i's text (stylo's
  // make.samples: a sample inherits its text's class and set).
  std::vector<std::string> ids;
  std::vector<size_t> source;
  std::optional<TokenizedCorpus> tokenized;
  MfwResult full_table;  // a frequency table: read once
  if (from_table) {
    MfwConfig mc = config.table;
    mc.mfw = MfwConfig::kAll;
    mc.culling = 0;
    full_table = mfw_table(mc, nullptr, text, features, threads);
    ids = full_table.table.doc_ids;
  } else if (sampled) {
    tokenized = tokenize(*corpus, text, features, threads);
    make_samples(*tokenized, config.sample, threads);
    ids = tokenized->tokens.doc_ids;
    for (const auto& src : tokenized->sampling->sources) source.push_back(src.document);
  } else {
    ids = corpus->ids();
  }
  if (source.empty())
    for (size_t i = 0; i < ids.size(); ++i) source.push_back(i);
  std::vector<std::string> text_ids = from_table ? ids : corpus->ids();
  res.ids = ids;
  const size_t n = ids.size();
  const std::string metadata_path = !config.metadata.empty() ? config.metadata : corpus_config.metadata.string();
  std::optional<Metadata> meta;
  if (!metadata_path.empty() && (config.label != "prefix" || !config.set_column.empty()))
    meta = read_metadata(metadata_path, corpus_config.id_column);
  auto column_of = [&](const std::string& col, const std::string& what) {
    STYLOKIT_CHECK(meta.has_value(), ConfigError,
                   "{}: '{}' is a metadata column: give metadata (a CSV with an id column)", what, col);
    STYLOKIT_CHECK(std::find(meta->columns.begin(), meta->columns.end(), col) != meta->columns.end(), DataError,
                   "{}: no column '{}' (columns: {})", meta->source, col, join_some(meta->columns, 10));
    std::vector<std::string> values(n), missing;
    for (size_t i = 0; i < n; ++i) {
      const auto it = meta->rows.find(text_ids[source[i]]);
      if (it == meta->rows.end()) {
        if (missing.empty() || missing.back() != text_ids[source[i]]) missing.push_back(text_ids[source[i]]);
      } else {
        values[i] = it->second.at(col);
      }
    }
    STYLOKIT_CHECK(missing.empty(), DataError, "{}: no row for {} text(s): {}", meta->source, missing.size(),
                   join_some(missing));
    return values;
  };
  res.truth.resize(n);
  if (config.label == "prefix") {
    for (size_t i = 0; i < n; ++i) res.truth[i] = c::prefix_label(ids[i]);
  } else {
    res.truth = column_of(config.label, "label");
  }

  std::vector<size_t> train_rows, test_rows;
  if (!config.set_column.empty()) {
    res.mode = "split";
    const auto set = column_of(config.set_column, "set_column");
    res.training.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      if (set[i] == "train" || set[i] == "training") {
        res.training[i] = true;
      } else {
        STYLOKIT_CHECK(set[i] == "test", DataError, "{}: '{}' has {} '{}': train, training or test", meta->source,
                       ids[i], config.set_column, set[i]);
      }
    }
  } else if (!config.train.empty()) {
    res.mode = "split";
    // --train names texts; with sampling every sample of a named text trains.
    const std::vector<bool> texts = c::training_rows(config.train, text_ids);
    res.training.assign(n, false);
    for (size_t i = 0; i < n; ++i) res.training[i] = texts[source[i]];
  } else {
    res.mode = config.cv == "loo" ? "loo" : "kfold";
  }
  if (res.mode == "split") {
    for (size_t i = 0; i < n; ++i) (res.training[i] ? train_rows : test_rows).push_back(i);
    STYLOKIT_CHECK(!train_rows.empty(), DataError, "no training text: every text is in the test set");
    STYLOKIT_CHECK(!test_rows.empty(), DataError, "no test text: every text is in the training set");
    std::vector<std::string> unlabeled;
    for (size_t i : train_rows)
      if (res.truth[i].empty()) unlabeled.push_back(ids[i]);
    STYLOKIT_CHECK(unlabeled.empty(), DataError, "label: {} training text(s) without a class: {}", unlabeled.size(),
                   join_some(unlabeled));
  } else {
    std::vector<std::string> unlabeled;
    for (size_t i = 0; i < n; ++i) {
      train_rows.push_back(i);
      if (res.truth[i].empty()) unlabeled.push_back(ids[i]);
    }
    STYLOKIT_CHECK(unlabeled.empty(), DataError, "label: {} text(s) without a class (cross-validation needs all): {}",
                   unlabeled.size(), join_some(unlabeled));
  }
  std::vector<std::string> train_labels;
  for (size_t i : train_rows) train_labels.push_back(res.truth[i]);
  res.classes = c::class_names(train_labels);
  STYLOKIT_CHECK(res.classes.size() >= 2, DataError,
                 "label: the training texts have one class only ('{}'); "
                 "attribution needs at least 2",
                 res.classes.front());
  const int nc = static_cast<int>(res.classes.size());
  const std::vector<int> cls_all = c::class_numbers(res.truth, res.classes);

  if (res.mode == "kfold") {
    const int k = std::stoi(config.cv);
    const auto f = c::stratified_folds(cls_all, nc, k, config.seed, res.classes);
    for (int v : f) res.folds.push_back(v + 1);
  }

  // ---- The table: every text's frequencies of the ranked features ----
  features::MfwTable table;
  if (from_table) {
    table = std::move(full_table.table);
    res.parameters = full_table.parameters;
    for (auto& w : full_table.warnings) res.warnings.push_back(std::move(w));
  } else {
    MfwConfig mc = config.table;
    const std::vector<double> mfws = parse_sweep(config.mfw, "mfw", true);
    const std::vector<double> cullings = parse_sweep(config.culling, "culling", false);
    const bool culled = *std::max_element(cullings.begin(), cullings.end()) > 0;
    mc.culling = 0;
    mc.mfw = culled ? MfwConfig::kAll : static_cast<size_t>(*std::max_element(mfws.begin(), mfws.end()));
    // The ranking: the training texts' counts (stylo's reference.wordlist.of.all.samples = FALSE).
    MfwResult ranked;
    if (res.mode == "split") {
      Corpus sub;
      sub.origin = corpus->origin;
      sub.metadata_columns = corpus->metadata_columns;
      std::vector<size_t> texts;
      for (size_t i : train_rows)
        if (texts.empty() || texts.back() != source[i]) texts.push_back(source[i]);
      for (size_t d : texts) sub.documents.push_back(corpus->documents[d]);
      if (sampled) {
        // The sampled training texts are counted (stylo counts its sampled training corpus); a
        // sample depends only on its text, the spec and the seed, so these are the rows' samples.
        TokenizedCorpus sub_tokens = tokenize(sub, text, features, threads);
        make_samples(sub_tokens, config.sample, threads);
        ranked = mfw_table(mc, &sub, text, features, threads, &sub_tokens);
      } else {
        STYLOKIT_CHECK(sub.size() >= 2, DataError, "the MFW ranking needs at least 2 training texts, got {}",
                       sub.size());
        ranked = mfw_table(mc, &sub, text, features, threads);
      }
    } else {
      ranked = mfw_table(mc, corpus, text, features, threads, tokenized ? &*tokenized : nullptr);
    }
    for (auto& w : ranked.warnings) res.warnings.push_back(std::move(w));
    res.parameters = ranked.parameters;
    // Every text's frequencies of those words, from one tokenization (kept for the spans).
    features::VectorizerOptions wo;
    features::parse_feature_spec(mc.mfw_features, wo);
    wo.tokenizer = features::parse_tokenizer(features.tokenizer);
    wo.text = text;
    wo.stylo = stylo_options(features, text);
    wo.threads = threads;
    features::MfwOptions mo;
    mo.features = ranked.table.words;
    if (wo.tokenizer != features::TokenizerKind::kSklearn) {
      if (!tokenized) tokenized = tokenize(*corpus, text, features, threads);
      table = features::mfw_table(tokenized->tokens, mo, wo);
    } else {
      table = features::mfw_table(*corpus, mo, wo);
    }
  }
  res.features = table.words;
  const Eigen::MatrixXd all = table.relative;  // n × features, column-major for the classifiers
  res.parameters.erase("mfw_used");
  res.parameters["mfw"] = config.mfw;
  res.parameters["culling"] = config.culling;

  // ---- The sweep: culling outer, mfw inner (R/classify.R's loops) ----
  const std::vector<double> cullings = parse_sweep(config.culling, "culling", false);
  std::vector<double> mfws = parse_sweep(config.mfw, "mfw", true);
  if (from_table && !config.mfw_given) mfws = {static_cast<double>(all.cols())};
  std::vector<std::string> empty_rows;
  for (double culling : cullings) {
    // stylo's perform.culling: kept when (texts with the word) / texts >= culling / 100.
    std::vector<size_t> kept;
    for (Eigen::Index k = 0; k < all.cols(); ++k) {
      const double share = static_cast<double>((all.col(k).array() > 0).count()) / static_cast<double>(n);
      if (share >= culling / 100) kept.push_back(static_cast<size_t>(k));
    }
    for (double mfw_d : mfws) {
      const size_t mfw = static_cast<size_t>(mfw_d);
      ClassifyRun run;
      run.mfw = mfw;
      run.culling = culling;
      std::vector<size_t> cols(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(std::min(mfw, kept.size())));
      run.mfw_used = cols.size();
      STYLOKIT_CHECK(!cols.empty(), DataError, "culling {}: no feature is in {}% of the texts", culling, culling);
      if (cols.size() < mfw)
        res.warnings.push_back(fmt::format("culling {}: asked for {} MFW, {} available; using {}", culling, mfw,
                                           cols.size(), cols.size()));
      Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(cols.size()));
      for (size_t q = 0; q < cols.size(); ++q)
        x.col(static_cast<Eigen::Index>(q)) = all.col(static_cast<Eigen::Index>(cols[q]));
      auto predict = [&](size_t doc, int fold, const c::ClassScores& sc, Eigen::Index row,
                         const std::vector<c::Neighbour>* near, const std::vector<int>* near_cls) {
        ClassifyPrediction p;
        p.doc = doc;
        p.fold = fold;
        p.predicted = res.classes[static_cast<size_t>(sc.predicted[static_cast<size_t>(row)])];
        if (near) {
          p.score = near->front().value;
          for (size_t q = 0; q < near->size(); ++q)
            p.candidates.emplace_back(res.classes[static_cast<size_t>((*near_cls)[q])], (*near)[q].value);
        } else {
          p.score = sc.scores(row, sc.predicted[static_cast<size_t>(row)]);
          const auto order = c::rank_classes(sc.scores.row(row));
          for (size_t q = 0; q < std::min(config.top_n, order.size()); ++q)
            p.candidates.emplace_back(res.classes[static_cast<size_t>(order[q])], sc.scores(row, order[q]));
        }
        p.scored = !res.truth[doc].empty();
        run.predictions.push_back(std::move(p));
      };
      auto record = [&](const std::vector<size_t>& tr, const std::vector<size_t>& te, int fold) {
        std::vector<int> tc;
        for (size_t i : tr) tc.push_back(cls_all[i]);
        const Eigen::MatrixXd xtr = rows_of(x, tr), xte = rows_of(x, te);
        for (size_t q = 0; q < te.size(); ++q)
          if ((xte.row(static_cast<Eigen::Index>(q)).array() == 0).all()) empty_rows.push_back(ids[te[q]]);
        if (config.classifier == "delta") {
          const c::DeltaResult r = c::delta(xtr, tc, nc, xte, opt);
          run.features_used = r.features_used;
          for (size_t k : r.dropped) run.dropped.push_back(table.words[cols[k]]);
          for (size_t q = 0; q < te.size(); ++q) {
            std::vector<int> nearc;
            for (const auto& nb : r.nearest[q]) nearc.push_back(tc[nb.row]);
            predict(te[q], fold, r.scores, static_cast<Eigen::Index>(q), &r.nearest[q], &nearc);
          }
          return;
        }
        if (config.classifier == "nsc") {
          // pamr.listgenes at threshold 1, as stylo's show.features (a split only: under
          // cross-validation every fold has its own list).
          const c::NscResult r = c::nearest_shrunken_centroids(xtr, tc, nc, xte);
          run.features_used = cols.size();
          if (res.mode == "split")
            for (size_t q = 0; q < r.features.size(); ++q) {
              DistinctiveFeature d;
              d.id = static_cast<size_t>(r.features[q]) + 1;
              d.feature = table.words[cols[static_cast<size_t>(r.features[q])]];
              for (int k = 0; k < nc; ++k) d.scores.push_back(r.feature_scores(static_cast<Eigen::Index>(q), k));
              run.distinctive.push_back(std::move(d));
            }
          for (size_t q = 0; q < te.size(); ++q)
            predict(te[q], fold, r.scores, static_cast<Eigen::Index>(q), nullptr, nullptr);
          return;
        }
        const c::ClassScores sc = classifier(xtr, tc, nc, xte, opt);
        run.features_used = cols.size();
        for (size_t q = 0; q < te.size(); ++q) predict(te[q], fold, sc, static_cast<Eigen::Index>(q), nullptr, nullptr);
      };
      if (res.mode == "split") {
        record(train_rows, test_rows, 0);
      } else if (res.mode == "kfold") {
        const int k = std::stoi(config.cv);
        for (int f = 1; f <= k; ++f) {
          std::vector<size_t> tr, te;
          for (size_t i = 0; i < n; ++i) (res.folds[i] == f ? te : tr).push_back(i);
          record(tr, te, f);
        }
        // Table order, the fold in its column.
        std::stable_sort(run.predictions.begin(), run.predictions.end(),
                         [](const ClassifyPrediction& a, const ClassifyPrediction& b) { return a.doc < b.doc; });
      } else if (config.classifier == "delta") {
        const c::DeltaResult r = c::delta_loo(x, cls_all, nc, opt);
        run.features_used = r.features_used;
        for (size_t k : r.dropped) run.dropped.push_back(table.words[cols[k]]);
        for (size_t i = 0; i < n; ++i) {
          std::vector<int> nearc;
          for (const auto& nb : r.nearest[i]) nearc.push_back(cls_all[nb.row]);
          predict(i, static_cast<int>(i + 1), r.scores, static_cast<Eigen::Index>(i), &r.nearest[i], &nearc);
        }
      } else {
        for (size_t i = 0; i < n; ++i) {
          std::vector<size_t> tr;
          for (size_t b = 0; b < n; ++b)
            if (b != i) tr.push_back(b);
          record(tr, {i}, static_cast<int>(i + 1));
        }
      }
      if (res.mode == "loo") {
        // A text whose class has no other member stays a neighbour but is not scored.
        std::vector<size_t> members(static_cast<size_t>(nc), 0);
        for (int cl : cls_all) ++members[static_cast<size_t>(cl)];
        for (auto& p : run.predictions)
          if (members[static_cast<size_t>(cls_all[p.doc])] < 2) p.scored = false;
      }
      std::vector<std::string> expected, predicted;
      for (const auto& p : run.predictions)
        if (p.scored) {
          expected.push_back(res.truth[p.doc]);
          predicted.push_back(p.predicted);
        }
      STYLOKIT_CHECK(!expected.empty(), DataError, "no test text has a known class: nothing to score");
      run.metrics = c::performance_measures(expected, predicted);
      res.runs.push_back(std::move(run));
    }
  }
  if (!empty_rows.empty()) {
    std::sort(empty_rows.begin(), empty_rows.end());
    empty_rows.erase(std::unique(empty_rows.begin(), empty_rows.end()), empty_rows.end());
    res.warnings.push_back(fmt::format("{} test text(s) with none of the features (all frequencies 0): {}",
                                       empty_rows.size(), join_some(empty_rows)));
  }
  if (res.mode == "loo") {
    size_t left = 0;
    for (const auto& p : res.runs.front().predictions) left += !p.scored;
    if (left)
      res.warnings.push_back(
          fmt::format("leave-one-out: {} text(s) whose class has no other member are left out of "
                      "the accuracy (they remain possible neighbours)",
                      left));
  }
  for (const auto& run : res.runs)
    if (!run.dropped.empty()) {
      res.warnings.push_back(fmt::format("mfw {}: {} feature(s) with zero variance in the z-score rows dropped ({})",
                                         run.mfw, run.dropped.size(), join_some(run.dropped)));
      break;
    }

  // ---- Explain the first run's Delta decisions (a split only) ----
  if (config.classifier != "delta") {
    res.explain_note = "explain: only Delta decisions are explained";
  } else if (res.mode != "split") {
    res.explain_note = "explain: only train/test splits are explained (not cross-validation)";
  } else if (!decomposable(opt.measure, opt.variant)) {
    res.explain_note = fmt::format("explain: {} ({}) is not a sum of per-feature terms; no explanation", config.measure,
                                   config.variant);
  } else {
    const ClassifyRun& run = res.runs.front();
    std::vector<size_t> cols;
    for (size_t k = 0; k < res.features.size() && cols.size() < run.mfw_used; ++k) {
      const double share =
          static_cast<double>((all.col(static_cast<Eigen::Index>(k)).array() > 0).count()) / static_cast<double>(n);
      if (share >= run.culling / 100) cols.push_back(k);
    }
    // z-scores as delta() made them.
    std::vector<size_t> zrows = train_rows;
    if (opt.z_scores == c::ZScores::kAll) {
      zrows.resize(n);
      std::iota(zrows.begin(), zrows.end(), size_t{0});
    }
    const bool stylo = opt.variant == s::Variant::kStylo;
    const double scale = stylo ? 1.0 : 0.01;
    std::vector<size_t> use;  // columns of `cols` used (zero-variance dropped for z measures)
    std::vector<double> mean(cols.size()), sd(cols.size());
    const bool z = s::uses_zscores(opt.measure, opt.variant);
    for (size_t q = 0; q < cols.size(); ++q) {
      const Eigen::Index k = static_cast<Eigen::Index>(cols[q]);
      double m = 0;
      for (size_t i : zrows) m += all(static_cast<Eigen::Index>(i), k);
      m /= static_cast<double>(zrows.size());
      double ss = 0;
      for (size_t i : zrows)
        ss += (all(static_cast<Eigen::Index>(i), k) - m) * (all(static_cast<Eigen::Index>(i), k) - m);
      mean[q] = m;
      sd[q] = zrows.size() > 1 ? std::sqrt(ss / static_cast<double>(zrows.size() - 1)) : 0.0;
      if (!z || sd[q] > 0) use.push_back(q);
    }
    const double dd = static_cast<double>(use.size());
    auto zval = [&](size_t doc, size_t q) {
      return z ? (all(static_cast<Eigen::Index>(doc), static_cast<Eigen::Index>(cols[q])) - mean[q]) / sd[q] : 0.0;
    };
    auto terms = [&](size_t a, size_t b) {
      std::vector<double> t(use.size());
      double na = 0, nb = 0;
      if (opt.measure == s::Measure::kCosineDelta)
        for (size_t u : use) {
          na += zval(a, u) * zval(a, u);
          nb += zval(b, u) * zval(b, u);
        }
      na = std::sqrt(na);
      nb = std::sqrt(nb);
      for (size_t r = 0; r < use.size(); ++r) {
        const size_t q = use[r];
        const double xa = all(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(cols[q]));
        const double xb = all(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(cols[q]));
        const double za = zval(a, q), zb = zval(b, q);
        const double rank = static_cast<double>(r + 1);
        switch (opt.measure) {
          case s::Measure::kBurrowsDelta: t[r] = std::fabs(za - zb) / dd; break;
          case s::Measure::kManhattan: t[r] = std::fabs(xa * scale - xb * scale); break;
          case s::Measure::kEderSimple: t[r] = std::fabs(std::sqrt(xa * scale) - std::sqrt(xb * scale)); break;
          case s::Measure::kEderDelta:
            t[r] =
                stylo ? std::fabs(za - zb) * ((dd - rank + 2) / dd) : std::fabs(za - zb) * ((dd - rank + 1) / dd) / dd;
            break;
          case s::Measure::kArgamonQuadratic: t[r] = (za - zb) * (za - zb); break;
          case s::Measure::kCosineDelta: {
            const double ha = na > 0 ? za / na : 0.0, hb = nb > 0 ? zb / nb : 0.0;
            t[r] = na > 0 && nb > 0 ? 0.5 * (ha - hb) * (ha - hb) : 1.0 / dd;
            break;
          }
          default: break;
        }
      }
      return t;
    };
    std::map<std::string, int32_t> vocab_id;
    const bool spans = tokenized.has_value() && config.table.mfw_features == MfwConfig{}.mfw_features;
    if (spans)
      for (size_t v = 0; v < tokenized->tokens.vocab.size(); ++v)
        vocab_id.emplace(tokenized->tokens.vocab[v], static_cast<int32_t>(v));
    for (const auto& p : run.predictions) {
      std::vector<size_t> targets;  // nearest, then the nearest of another class
      size_t best = n, runner = n;
      double bv = 0, rv = 0;
      auto closer = [&](double a, double b) { return s::larger_is_closer(opt.measure) ? a > b : a < b; };
      std::vector<double> dist(n, 0);
      for (size_t b : train_rows) {
        const auto tt = terms(p.doc, b);
        double sum = 0;
        for (double v : tt) sum += v;
        dist[b] = sum;
        if (best == n || closer(sum, bv)) {
          best = b;
          bv = sum;
        }
      }
      for (size_t b : train_rows)
        if (res.truth[b] != res.truth[best] && (runner == n || closer(dist[b], rv))) {
          runner = b;
          rv = dist[b];
        }
      targets.push_back(best);
      if (runner != n) targets.push_back(runner);
      for (size_t which = 0; which < targets.size(); ++which) {
        const size_t b = targets[which];
        const auto tt = terms(p.doc, b);
        std::vector<size_t> order(tt.size());
        std::iota(order.begin(), order.end(), size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b2) { return tt[a] > tt[b2]; });
        for (size_t r = 0; r < order.size(); ++r) {
          const size_t q = use[order[r]];
          ExplainRow e;
          e.doc = p.doc;
          e.candidate = which == 0 ? "nearest" : "runner-up";
          e.train_doc = b;
          e.cls = res.truth[b];
          e.distance = dist[b];
          e.rank = r + 1;
          e.feature = res.features[cols[q]];
          e.contribution = tt[order[r]];
          e.test_value = all(static_cast<Eigen::Index>(p.doc), static_cast<Eigen::Index>(cols[q]));
          e.train_value = all(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(cols[q]));
          e.test_z = zval(p.doc, q);
          e.train_z = zval(b, q);
          if (spans) {
            const auto it = vocab_id.find(e.feature);
            e.occurrences = 0;
            if (it != vocab_id.end()) {
              const text::TokenCorpus& tc = tokenized->tokens;
              const Document& d = corpus->documents[source[p.doc]];
              for (uint64_t tok = tc.doc_begin[p.doc]; tok < tc.doc_begin[p.doc + 1]; ++tok)
                if (tc.ids[tok] == it->second) {
                  if (e.occurrences < 20)
                    e.spans += fmt::format("{}{}-{}", e.spans.empty() ? "" : ";", d.file_offset(tc.byte_begin[tok]),
                                           d.file_offset(tc.byte_end[tok]));
                  ++e.occurrences;
                }
            }
          }
          res.explain.push_back(std::move(e));
        }
      }
    }
  }

  res.parameters["classifier"] = config.classifier;
  if (config.classifier == "delta") {
    res.parameters["measure"] = config.measure;
    res.parameters["variant"] = config.variant;
    res.parameters["z_scores"] = config.z_scores;
    res.parameters["formula"] = s::formula(opt.measure, opt.variant);
  }
  if (config.classifier == "knn") res.parameters["k"] = config.k;
  res.parameters["top_n"] = config.top_n;
  res.parameters["label"] = config.label;
  if (!config.set_column.empty()) res.parameters["set_column"] = config.set_column;
  if (!config.train.empty()) res.parameters["train"] = config.train;
  if (!config.cv.empty()) res.parameters["cv"] = config.cv;
  if (res.mode == "kfold") {
    res.parameters["seed"] = config.seed;
    res.parameters["folds_spec"] =
        "stratified: one SplitMix64(seed) stream; per class in byte order of names, its texts in table order "
        "shuffled by Fisher-Yates (for i = m-1 down to 1: j = uniform_below(rng, i+1) by rejection, swap a[i], "
        "a[j]), then dealt round-robin by one counter running across classes: fold = counter mod K + 1";
  }
  if (sampled) {
    res.parameters["sample"] = sampling_json(*tokenized);
    res.parameters["sampling_note"] =
        "rows are samples <id>_<k>; a sample takes its text's class and set; --train names texts; "
        "cross-validation folds are over samples, so samples of one text may sit on both sides (as stylo)";
  }
  res.parameters["mfw_ranking"] = from_table ? "the table's row order"
                                  : res.mode == "split"
                                      ? "the training texts' counts (stylo's reference.wordlist.of.all.samples = FALSE)"
                                      : "all texts' counts";
  return res;
}

// ---- Outputs ---------------------------------------------------------------------------

namespace {

bool swept(const ClassifyResult& r) {
  return r.runs.size() > 1;
}

std::string g17(double v) {
  std::string s;
  append_g17(s, v);
  return s;
}

}  // namespace

std::string classify_predictions_csv(const ClassifyResult& r) {
  std::string out = "doc,truth,predicted,score";
  const bool sw = swept(r), cv = r.mode != "split";
  if (sw) out += ",mfw,culling";
  if (cv) out += ",fold";
  out += '\n';
  for (const auto& run : r.runs)
    for (const auto& p : run.predictions) {
      out += csv_escape(r.ids[p.doc]) + ',' + csv_escape(r.truth[p.doc]) + ',' + csv_escape(p.predicted) + ',' +
             g17(p.score);
      if (sw) out += fmt::format(",{},{}", run.mfw, g17(run.culling));
      if (cv) out += fmt::format(",{}", p.fold);
      out += '\n';
    }
  return out;
}

std::string classify_candidates_csv(const ClassifyResult& r) {
  const bool sw = swept(r);
  std::string out = sw ? "doc,rank,class,score,mfw,culling\n" : "doc,rank,class,score\n";
  for (const auto& run : r.runs)
    for (const auto& p : run.predictions)
      for (size_t q = 0; q < p.candidates.size(); ++q) {
        out += fmt::format("{},{},{},{}", csv_escape(r.ids[p.doc]), q + 1, csv_escape(p.candidates[q].first),
                           g17(p.candidates[q].second));
        if (sw) out += fmt::format(",{},{}", run.mfw, g17(run.culling));
        out += '\n';
      }
  return out;
}

std::string classify_confusion_csv(const ClassifyResult& r) {
  const bool sw = swept(r);
  std::set<std::string> all;
  for (const auto& run : r.runs) all.insert(run.metrics.classes.begin(), run.metrics.classes.end());
  std::string out = sw ? "mfw,culling,truth" : "truth";
  for (const auto& cl : all) out += ',' + csv_escape(cl);
  out += '\n';
  for (const auto& run : r.runs) {
    const auto& m = run.metrics;
    for (const auto& row : all) {
      if (sw) out += fmt::format("{},{},", run.mfw, g17(run.culling));
      out += csv_escape(row);
      const auto ri = std::find(m.classes.begin(), m.classes.end(), row) - m.classes.begin();
      for (const auto& col : all) {
        const auto ci = std::find(m.classes.begin(), m.classes.end(), col) - m.classes.begin();
        const bool in = ri < static_cast<long>(m.classes.size()) && ci < static_cast<long>(m.classes.size());
        out += fmt::format(",{}", in ? m.confusion(ri, ci) : 0);
      }
      out += '\n';
    }
  }
  return out;
}

std::string classify_accuracy_csv(const ClassifyResult& r) {
  std::string out = "mfw,mfw_used,culling,accuracy,correct,scored,macro_f1\n";
  for (const auto& run : r.runs)
    out += fmt::format("{},{},{},{},{},{},{}\n", run.mfw, run.mfw_used, g17(run.culling), g17(run.metrics.accuracy),
                       run.metrics.correct, run.metrics.total, g17(run.metrics.macro_f1));
  return out;
}

std::string classify_features_csv(const ClassifyResult& r) {
  const bool sw = swept(r);
  std::string out = "id,name";
  for (const auto& cl : r.classes) out += ',' + csv_escape(cl + "-score");
  if (sw) out += ",mfw,culling";
  out += '\n';
  for (const auto& run : r.runs)
    for (const auto& d : run.distinctive) {
      out += fmt::format("{},{}", d.id, csv_escape(d.feature));
      for (double v : d.scores) out += ',' + c::pamr_score_string(v);
      if (sw) out += fmt::format(",{},{}", run.mfw, g17(run.culling));
      out += '\n';
    }
  return out;
}

std::string classify_explain_csv(const ClassifyResult& r) {
  std::string out =
      "doc,candidate,train_doc,class,distance,rank,feature,contribution,test_value,train_value,test_z,train_z,"
      "occurrences,spans\n";
  for (const auto& e : r.explain)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_escape(r.ids[e.doc]), e.candidate,
                       csv_escape(r.ids[e.train_doc]), csv_escape(e.cls), g17(e.distance), e.rank,
                       csv_escape(e.feature), g17(e.contribution), g17(e.test_value), g17(e.train_value), g17(e.test_z),
                       g17(e.train_z), e.occurrences < 0 ? "" : std::to_string(e.occurrences), e.spans);
  return out;
}

Json classify_json(const ClassifyResult& r) {
  Json j;
  j["tool"] = {{"name", "stylokit"}, {"version", stylokit::version()}, {"git_commit", stylokit::git_commit()}};
  j["mode"] = r.mode;
  j["parameters"] = r.parameters;
  j["texts"] = r.ids.size();
  if (r.mode == "split") {
    size_t tr = 0;
    for (bool b : r.training) tr += b;
    j["training_texts"] = tr;
    j["test_texts"] = r.ids.size() - tr;
  }
  j["classes"] = r.classes;
  if (!r.folds.empty()) {
    Json f = Json::object();
    for (size_t i = 0; i < r.ids.size(); ++i) f[r.ids[i]] = r.folds[i];
    j["folds"] = f;
  }
  size_t widest = 0;
  for (const auto& run : r.runs) widest = std::max(widest, run.mfw_used);
  // The ranked features the runs cut from (culling may skip some of them).
  j["features"] = std::vector<std::string>(
      r.features.begin(),
      r.features.begin() + static_cast<std::ptrdiff_t>(std::min(r.features.size(), std::max<size_t>(widest, 0))));
  Json runs = Json::array();
  for (const auto& run : r.runs) {
    const auto& m = run.metrics;
    Json per = Json::object();
    for (size_t k = 0; k < m.classes.size(); ++k)
      per[m.classes[k]] = {{"precision", m.precision[k]}, {"recall", m.recall[k]}, {"f1", m.f1[k]}};
    size_t left_out = 0;
    for (const auto& p : run.predictions) left_out += !p.scored;
    Json distinctive = Json::array();
    for (const auto& d : run.distinctive) {
      Json sc = Json::object();
      for (size_t k = 0; k < r.classes.size(); ++k) sc[r.classes[k]] = c::pamr_score_string(d.scores[k]);
      distinctive.push_back({{"id", d.id}, {"name", d.feature}, {"scores", sc}});
    }
    runs.push_back({{"mfw", run.mfw},
                    {"mfw_used", run.mfw_used},
                    {"culling", run.culling},
                    {"features_used", run.features_used},
                    {"dropped_features", run.dropped},
                    {"accuracy", m.accuracy},
                    {"correct", m.correct},
                    {"scored", m.total},
                    {"left_out", left_out},
                    {"macro_precision", m.macro_precision},
                    {"macro_recall", m.macro_recall},
                    {"macro_f1", m.macro_f1},
                    {"per_class", per}});
    if (!run.distinctive.empty()) runs.back()["distinctive_features"] = distinctive;
  }
  j["metrics_definition"] =
      "stylo's performance.measures(): classes = union of expected and predicted; precision = TP / predicted, "
      "recall = TP / expected, F1 = 2PR/(P+R) (0 when P+R = 0); macro = plain means over those classes";
  j["runs"] = runs;
  if (!r.explain_note.empty()) j["explain"] = r.explain_note;
  j["warnings"] = r.warnings;
  return j;
}

std::string classify_summary(const ClassifyResult& r) {
  const ClassifyRun* best = &r.runs.front();
  for (const auto& run : r.runs)
    if (run.metrics.accuracy > best->metrics.accuracy) best = &run;
  const std::string how = r.mode == "split" ? "test texts" : r.mode == "loo" ? "texts, leave-one-out" : "texts, K-fold";
  if (r.runs.size() == 1)
    return fmt::format("{}: {}/{} correct ({:.2f}%) on {} MFW{}, {} {}\n", r.parameters.value("classifier", ""),
                       best->metrics.correct, best->metrics.total, 100 * best->metrics.accuracy, best->mfw_used,
                       best->culling > 0 ? fmt::format(" (culling {})", best->culling) : "", best->metrics.total, how);
  return fmt::format("{}: {} runs; best {}/{} correct ({:.2f}%) at {} MFW, culling {} ({})\n",
                     r.parameters.value("classifier", ""), r.runs.size(), best->metrics.correct, best->metrics.total,
                     100 * best->metrics.accuracy, best->mfw, best->culling, how);
}

}  // namespace stylokit::pipeline
