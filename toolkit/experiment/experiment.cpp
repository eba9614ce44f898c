#include "toolkit/experiment/experiment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

#include <fmt/format.h>
#include <toml++/toml.h>

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
#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/experiment/config_reader.h"
#include "toolkit/experiment/run_folder.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/phrases/association.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/phrases/phrase_table.h"
#include "toolkit/phrases/reuse.h"
#include "toolkit/phrases/token_corpus.h"
#include "toolkit/report/html.h"
#include "toolkit/report/pictures.h"
#include "toolkit/similarity/pairwise.h"
#include "toolkit/similarity/table_io.h"
#include "toolkit/text/stopwords.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::experiment {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------------------
// The configuration, as read from the TOML file.

struct SimilaritySpec {
  std::string measure;        // CLI name, e.g. "cosine-delta"
  std::string name;           // output name (defaults to the measure)
  std::string variant = "stylo";
  size_t mfw = 100;           // MFW measures only
  std::string mfw_features = "word:1-1";  // what the MFW are: word:1-1 (stylo), word:1-2, char_wb:2-4, ...
  size_t skip = 0;
  double culling = 0;
  std::string features_file;  // fixed feature list instead of MFW ranking
  bool sparse = false;        // cosine/jaccard on the features matrix
};

struct Config {
  fs::path file;
  std::string name;
  std::string title;
  // [corpus]
  fs::path corpus_path;
  std::string format = "auto";
  fs::path metadata;
  std::string clean;
  fs::path clean_rules;  // resolved
  std::string on_bad_input = "fail";
  std::string group_by;
  std::string extension = ".txt";
  // [text]
  text::TextOptions text;
  // [features]
  features::VectorizerOptions features;
  std::string features_spec = "word:1-1";
  // The weighting names as written (the manifest records names, not enum values).
  std::string tokenizer_name = "icu", tf_name = "raw", idf_name = "smooth", norm_name = "l2";
  std::string stop_words;
  // [[similarity]]
  std::vector<SimilaritySpec> similarities;
  // [cluster]
  std::string cluster_similarity;
  std::string method = "average";
  long long k = 2;
  std::string map = "mds";
  // [phrases]
  bool phrases = false;
  phrases::MineOptions mine;
  bool split_sentences = true;
  size_t phrases_top = 40;
  uint32_t kwic_window = 6;
  std::string phrase_stop_words = "english";
  // [reuse]
  bool reuse = false;
  phrases::ReuseOptions reuse_options;
};

fs::path resolve_path(const Config& c, const std::string& p) {
  fs::path path(p);
  if (path.is_absolute()) return path.lexically_normal();
  return (c.file.parent_path() / path).lexically_normal();
}

text::Normalization parse_normalization(const std::string& s, const std::string& where) {
  if (s == "nfkc") return text::Normalization::kNfkc;
  if (s == "nfc") return text::Normalization::kNfc;
  if (s == "none") return text::Normalization::kNone;
  throw ConfigError(fmt::format("{}: expected nfkc, nfc or none, got '{}'", where, s));
}

const char* normalization_name(text::Normalization n) {
  switch (n) {
    case text::Normalization::kNfkc: return "nfkc";
    case text::Normalization::kNfc: return "nfc";
    case text::Normalization::kNone: return "none";
  }
  return "?";
}

// Re-throws a stage's ConfigError with the config key that produced the value.
template <typename Fn>
auto with_key(const std::string& where, Fn fn) {
  try {
    return fn();
  } catch (const ConfigError& e) {
    throw ConfigError(fmt::format("{}: {}", where, e.what()));
  }
}

Config parse_config(const fs::path& path) {
  Config c;
  c.file = fs::absolute(path).lexically_normal();
  std::string text = read_file(path);
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}:{}:{}: {}", path.string(), e.source().begin.line, e.source().begin.column,
                                  e.description()));
  }
  const std::string file = path.string();
  ConfigReader top(root, file, "");
  c.name = top.get_string("name", path.stem().string());
  c.title = top.get_string("title", c.name);
  STYLOKIT_CHECK(!c.name.empty() && c.name.find('/') == std::string::npos, ConfigError,
                 "{}: name must be a non-empty folder name", top.where("name"));

  // [corpus]
  const toml::table* corpus = top.get_table("corpus");
  STYLOKIT_CHECK(corpus != nullptr, ConfigError, "{}: missing [corpus] with a path", file);
  {
    ConfigReader r(*corpus, file, "corpus");
    auto p = r.get_optional_string("path");
    STYLOKIT_CHECK(p.has_value(), ConfigError, "{}: [corpus] needs path = \"...\"", file);
    c.corpus_path = resolve_path(c, *p);
    std::error_code ec;
    STYLOKIT_CHECK(fs::exists(c.corpus_path, ec), ConfigError, "{}: {} does not exist", r.where("path"),
                   c.corpus_path.string());
    c.format = r.get_string("format", c.format);
    with_key(r.where("format"), [&] { return parse_corpus_format(c.format); });
    if (auto m = r.get_optional_string("metadata"); m && !m->empty()) {
      c.metadata = resolve_path(c, *m);
      STYLOKIT_CHECK(fs::is_regular_file(c.metadata, ec), ConfigError, "{}: {} does not exist", r.where("metadata"),
                     c.metadata.string());
    }
    c.clean = r.get_string("clean", "");
    if (!c.clean.empty()) {
      fs::path local = resolve_path(c, c.clean);
      c.clean_rules = fs::is_regular_file(local, ec) ? local
                                                     : with_key(r.where("clean"), [&] {
                                                         return resolve_cleaning_rules(c.clean);
                                                       });
    }
    c.on_bad_input = r.get_string("on_bad_input", c.on_bad_input);
    with_key(r.where("on_bad_input"), [&] { return parse_policy(c.on_bad_input, "on_bad_input"); });
    c.group_by = r.get_string("group_by", "");
    c.extension = r.get_string("extension", c.extension);
    r.finish();
  }

  // [text]
  if (const toml::table* t = top.get_table("text")) {
    ConfigReader r(*t, file, "text");
    c.text.normalization = parse_normalization(r.get_string("normalize", "nfkc"), r.where("normalize"));
    c.text.case_fold = r.get_bool("case_fold", c.text.case_fold);
    c.text.unify_punctuation = r.get_bool("unify_punctuation", c.text.unify_punctuation);
    c.text.keep_punctuation = r.get_bool("punctuation", c.text.keep_punctuation);
    c.text.keep_numbers = r.get_bool("numbers", c.text.keep_numbers);
    c.text.locale = r.get_string("locale", c.text.locale);
    r.finish();
  }

  // [features]
  c.features.text = c.text;
  if (const toml::table* t = top.get_table("features")) {
    ConfigReader r(*t, file, "features");
    std::string analyzer = r.get_string("analyzer", "word");
    auto ngram = r.get_int_array("ngram", {1, 1});
    STYLOKIT_CHECK(ngram.size() == 2, ConfigError, "{}: expected [min, max]", r.where("ngram"));
    c.features_spec = fmt::format("{}:{}-{}", analyzer, ngram[0], ngram[1]);
    with_key(r.where("ngram"), [&] {
      features::parse_feature_spec(c.features_spec, c.features);
      return 0;
    });
    c.tokenizer_name = r.get_string("tokenizer", c.tokenizer_name);
    c.tf_name = r.get_string("tf", c.tf_name);
    c.idf_name = r.get_string("idf", c.idf_name);
    c.norm_name = r.get_string("norm", c.norm_name);
    c.features.tokenizer = with_key(r.where("tokenizer"), [&] { return features::parse_tokenizer(c.tokenizer_name); });
    c.features.tf = with_key(r.where("tf"), [&] { return features::parse_tf(c.tf_name); });
    c.features.idf = with_key(r.where("idf"), [&] { return features::parse_idf(c.idf_name); });
    c.features.norm = with_key(r.where("norm"), [&] { return features::parse_norm(c.norm_name); });
    c.features.min_df = with_key(r.where("min_df"), [&] {
      return features::DfBound::parse(r.get_number_text("min_df", "1"), "min_df");
    });
    c.features.max_df = with_key(r.where("max_df"), [&] {
      return features::DfBound::parse(r.get_number_text("max_df", "1.0"), "max_df");
    });
    c.features.max_features = static_cast<size_t>(r.get_int("max_features", 0, 0, 1LL << 40));
    c.stop_words = r.get_string("stop_words", "");
    if (!c.stop_words.empty()) {
      std::string sw = c.stop_words;
      std::error_code ec;
      if (fs::is_regular_file(resolve_path(c, sw), ec)) sw = resolve_path(c, sw).string();
      c.features.stop_words = with_key(r.where("stop_words"), [&] {
        return features::load_stop_words(sw, c.features.tokenizer == features::TokenizerKind::kIcu ? &c.text : nullptr);
      });
    }
    with_key(fmt::format("{}: [features]", file), [&] {
      c.features.validate();
      return 0;
    });
    r.finish();
  }

  // [[similarity]]
  for (const toml::table* t : top.get_table_array("similarity")) {
    ConfigReader r(*t, file, "[similarity]");
    SimilaritySpec s;
    auto m = r.get_optional_string("measure");
    STYLOKIT_CHECK(m.has_value(), ConfigError, "{}: [[similarity]] needs measure = \"...\"", file);
    s.measure = *m;
    auto measure = with_key(r.where("measure"), [&] { return similarity::parse_measure(s.measure); });
    s.sparse = measure == similarity::Measure::kCosine || measure == similarity::Measure::kJaccard;
    s.name = r.get_string("name", s.measure);
    STYLOKIT_CHECK(!s.name.empty() && s.name.find('/') == std::string::npos, ConfigError,
                   "{}: must be a non-empty file name", r.where("name"));
    s.variant = r.get_string("variant", s.variant);
    with_key(r.where("variant"), [&] { return similarity::parse_variant(s.variant); });
    if (r.has("mfw") || r.has("culling") || r.has("skip") || r.has("features_file") || r.has("mfw_features")) {
      STYLOKIT_CHECK(!s.sparse, ConfigError, "{}: mfw/mfw_features/culling/skip/features_file apply to the MFW "
                     "measures, not to {} (which reads [features])", r.where("measure"), s.measure);
    }
    s.mfw_features = r.get_string("mfw_features", s.mfw_features);
    with_key(r.where("mfw_features"), [&] {
      features::VectorizerOptions probe;
      features::parse_feature_spec(s.mfw_features, probe);
      return 0;
    });
    s.mfw = static_cast<size_t>(r.get_int("mfw", 100, 0, 1LL << 40));
    s.skip = static_cast<size_t>(r.get_int("skip", 0, 0, 1LL << 40));
    s.culling = r.get_double("culling", 0);
    STYLOKIT_CHECK(s.culling >= 0 && s.culling <= 100, ConfigError, "{}: culling is a percentage in [0, 100]",
                   r.where("culling"));
    if (auto f = r.get_optional_string("features_file")) s.features_file = resolve_path(c, *f).string();
    for (const auto& other : c.similarities)
      STYLOKIT_CHECK(other.name != s.name, ConfigError, "{}: two [[similarity]] tables are named '{}'; give one a name",
                     r.where("measure"), s.name);
    r.finish();
    c.similarities.push_back(std::move(s));
  }

  // Without [[similarity]] tables, cosine on the features matrix: the common first question.
  if (c.similarities.empty()) {
    SimilaritySpec s;
    s.measure = s.name = "cosine";
    s.sparse = true;
    c.similarities.push_back(s);
  }

  // [cluster]
  c.cluster_similarity = c.similarities.front().name;
  if (const toml::table* t = top.get_table("cluster")) {
    ConfigReader r(*t, file, "cluster");
    c.cluster_similarity = r.get_string("similarity", c.cluster_similarity);
    bool found = std::any_of(c.similarities.begin(), c.similarities.end(),
                             [&](const SimilaritySpec& s) { return s.name == c.cluster_similarity; });
    STYLOKIT_CHECK(found, ConfigError, "{}: no [[similarity]] named '{}'", r.where("similarity"),
                   c.cluster_similarity);
    c.method = r.get_string("method", c.method);
    with_key(r.where("method"), [&] { return cluster::parse_method(c.method, "method"); });
    c.k = r.get_int("k", c.k, 0, 1 << 20);
    c.map = r.get_string("map", c.map);
    STYLOKIT_CHECK(c.map == "mds" || c.map == "pca" || c.map == "none", ConfigError,
                   "{}: expected mds, pca or none, got '{}'", r.where("map"), c.map);
    r.finish();
  }

  // [phrases]
  if (const toml::table* t = top.get_table("phrases")) {
    ConfigReader r(*t, file, "phrases");
    c.phrases = r.get_bool("enabled", true);
    c.mine.min_len = static_cast<uint32_t>(r.get_int("min_len", 2, 1, 1000));
    c.mine.max_len = static_cast<uint32_t>(r.get_int("max_len", 20, 1, 1000));
    STYLOKIT_CHECK(c.mine.min_len <= c.mine.max_len, ConfigError, "{}: min_len {} is above max_len {}",
                   r.where("max_len"), c.mine.min_len, c.mine.max_len);
    c.mine.min_docs = static_cast<uint32_t>(r.get_int("min_docs", 1, 1, 1 << 30));
    c.mine.min_count = static_cast<uint64_t>(r.get_int("min_count", 2, 2, 1LL << 40));
    c.mine.skip_stop_only = r.get_bool("skip_stop_only", true);
    c.split_sentences = r.get_bool("split_sentences", true);
    c.phrases_top = static_cast<size_t>(r.get_int("top", 40, 1, 1 << 20));
    c.kwic_window = static_cast<uint32_t>(r.get_int("kwic_window", 6, 0, 1000));
    c.phrase_stop_words = r.get_string("stop_words", c.phrase_stop_words);
    r.finish();
  }

  // [reuse]
  if (const toml::table* t = top.get_table("reuse")) {
    ConfigReader r(*t, file, "reuse");
    c.reuse = r.get_bool("enabled", true);
    c.reuse_options.align.min_len = static_cast<uint32_t>(r.get_int("min_tokens", 12, 1, 1 << 20));
    c.reuse_options.ngram = static_cast<uint32_t>(r.get_int("ngram", c.reuse_options.ngram, 1, 64));
    c.reuse_options.mask_df = static_cast<uint32_t>(r.get_int("mask_df", 0, 0, 1 << 30));
    r.finish();
  }
  top.finish();
  return c;
}

Json config_json(const Config& c) {
  Json j;
  j["file"] = c.file.string();
  j["name"] = c.name;
  j["title"] = c.title;
  j["corpus"] = {{"path", c.corpus_path.string()},     {"format", c.format},
                 {"metadata", c.metadata.string()},    {"clean", c.clean_rules.string()},
                 {"on_bad_input", c.on_bad_input},     {"group_by", c.group_by},
                 {"extension", c.extension}};
  j["text"] = {{"normalize", normalization_name(c.text.normalization)},
               {"case_fold", c.text.case_fold},
               {"unify_punctuation", c.text.unify_punctuation},
               {"punctuation", c.text.keep_punctuation},
               {"numbers", c.text.keep_numbers},
               {"locale", c.text.locale}};
  const auto& f = c.features;
  j["features"] = {{"spec", c.features_spec},
                   {"tokenizer", c.tokenizer_name},
                   {"tf", c.tf_name},
                   {"idf", c.idf_name},
                   {"norm", c.norm_name},
                   {"min_df", f.min_df.value},
                   {"min_df_is_proportion", f.min_df.is_proportion},
                   {"max_df", f.max_df.value},
                   {"max_df_is_proportion", f.max_df.is_proportion},
                   {"max_features", f.max_features},
                   {"stop_words", c.stop_words}};
  Json sims = Json::array();
  for (const auto& s : c.similarities)
    sims.push_back({{"name", s.name}, {"measure", s.measure}, {"variant", s.variant}, {"mfw", s.mfw},
                    {"mfw_features", s.mfw_features},
                    {"skip", s.skip}, {"culling", s.culling}, {"features_file", s.features_file}});
  j["similarity"] = sims;
  j["cluster"] = {{"similarity", c.cluster_similarity}, {"method", c.method}, {"k", c.k}, {"map", c.map}};
  j["phrases"] = {{"enabled", c.phrases},           {"min_len", c.mine.min_len},
                  {"max_len", c.mine.max_len},      {"min_docs", c.mine.min_docs},
                  {"min_count", c.mine.min_count},  {"skip_stop_only", c.mine.skip_stop_only},
                  {"split_sentences", c.split_sentences}, {"top", c.phrases_top},
                  {"kwic_window", c.kwic_window},   {"stop_words", c.phrase_stop_words}};
  j["reuse"] = {{"enabled", c.reuse},
                {"min_tokens", c.reuse_options.align.min_len},
                {"ngram", c.reuse_options.ngram},
                {"mask_df", c.reuse_options.mask_df}};
  return j;
}

std::string g17(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string("nan"); }
std::string short_num(double v) { return std::isfinite(v) ? fmt::format("{:.4f}", v) : std::string("n/a"); }

// Per-step wall times, kept for the manifest only (they are the one non-reproducible part),
// and the run's progress bar (stderr, terminals only, after the first second).
class Timer {
 public:
  static constexpr size_t kSteps = 10;  // config, corpus, text, features, similarity, cluster, phrases, reuse, report

  void step(const std::string& name) {
    auto now = std::chrono::steady_clock::now();
    if (!current_.empty()) times_.push_back({current_, std::chrono::duration<double>(now - start_).count()});
    current_ = name;
    start_ = now;
    progress_.update(++done_);
  }
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
  Progress progress_{"stylokit run", kSteps};
  size_t done_ = 0;
};

struct SimilarityOutput {
  SimilaritySpec spec;
  similarity::PairwiseResult result;
};

}  // namespace

nlohmann::ordered_json resolve_experiment(const fs::path& config_path) { return config_json(parse_config(config_path)); }

RunSummary run_experiment(const fs::path& config_path, const RunOptions& options) {
  Timer timer;
  timer.step("config");
  Config c = parse_config(config_path);
  const int threads = resolve_thread_count(options.threads);
  c.features.threads = threads;
  fs::path out = options.out.empty() ? fs::path("results") / c.name : options.out;
  RunSummary summary;
  auto warn = [&](const std::string& w) { summary.warnings.push_back(w); };

  // Inputs are read before the run folder exists, so a bad corpus leaves nothing behind.
  timer.step("corpus");
  LoadOptions load;
  load.format = parse_corpus_format(c.format);
  load.policy = parse_policy(c.on_bad_input, "on_bad_input");
  load.metadata = c.metadata;
  load.extension = c.extension;
  Corpus corpus = load_corpus(c.corpus_path, load);
  for (const auto& issue : corpus.issues) warn(fmt::format("{}: {} ({})", issue.source, issue.problem, issue.action));
  STYLOKIT_CHECK(corpus.size() >= 2, DataError, "{}: {} document(s); an experiment compares at least 2",
                 c.corpus_path.string(), corpus.size());
  if (!c.group_by.empty())
    STYLOKIT_CHECK(std::find(corpus.metadata_columns.begin(), corpus.metadata_columns.end(), c.group_by) !=
                       corpus.metadata_columns.end(),
                   ConfigError, "{}: [corpus] group_by: no metadata column '{}'", c.file.string(), c.group_by);
  std::vector<std::vector<Removal>> removals(corpus.size());
  if (!c.clean_rules.empty()) {
    Cleaner cleaner = Cleaner::from_file(c.clean_rules);
    for (size_t i = 0; i < corpus.size(); ++i) removals[i] = cleaner.apply(corpus.documents[i]);
  }
  const std::vector<std::string> ids = corpus.ids();
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
  if (!c.metadata.empty()) add_input(c.metadata, "metadata");
  if (!c.clean_rules.empty()) add_input(c.clean_rules, "cleaning rules");
  if (fs::is_directory(c.corpus_path)) {
    for (const auto& d : corpus.documents) add_input(d.source, "document");
  } else {
    add_input(c.corpus_path, "corpus");
  }

  // corpus.csv and cleaning.csv
  timer.step("text");
  text::Tokenizer tokenizer(c.text);
  {
    std::string csv;
    std::vector<std::string> header = {"id", "title", "tokens", "types", "sentences", "bytes", "removed_bytes"};
    for (const auto& m : corpus.metadata_columns)
      if (m != "title") header.push_back(m);
    append_csv_row(csv, header);
    std::string cleaning = "doc,rule,start_byte,end_byte,excerpt\n";
    for (size_t i = 0; i < corpus.size(); ++i) {
      const Document& d = corpus.documents[i];
      text::TokenizedDocument td = tokenizer.tokenize(d);
      std::unordered_set<std::string_view> types;  // counted only
      for (const auto& t : td.tokens) types.insert(td.text(t));
      size_t removed = 0;
      for (const auto& r : removals[i]) {
        removed += r.range.size();
        append_csv_row(cleaning, {d.id, r.rule, std::to_string(r.range.begin), std::to_string(r.range.end), r.excerpt});
      }
      std::vector<std::string> row = {d.id, d.title(), std::to_string(td.tokens.size()), std::to_string(types.size()),
                                      std::to_string(td.sentence_count), std::to_string(d.raw.size()),
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
  features::Vectorized vec = features::vectorize(corpus, c.features);
  features::save_matrix(run.staging() / "features.mtx", vec.matrix, vec.vocabulary, vec.doc_ids, threads);
  for (const char* f : {"features.mtx", "features.terms.tsv", "features.docs.tsv"}) run.add_file(f);

  // similarity/*.csv
  timer.step("similarity");
  std::vector<SimilarityOutput> sims;
  similarity::PairwiseOptions popt;
  popt.threads = threads;
  features::VectorizerOptions word_options;
  word_options.text = c.text;
  word_options.threads = threads;
  for (const auto& spec : c.similarities) {
    similarity::Measure measure = similarity::parse_measure(spec.measure);
    popt.variant = similarity::parse_variant(spec.variant);
    SimilarityOutput so{spec, {}};
    Json params = Json::object();
    if (spec.sparse) {
      so.result = similarity::pairwise_sparse(vec.matrix, measure, popt);
      params["features"] = c.features_spec;
    } else {
      features::MfwOptions mo;
      mo.mfw = spec.mfw;
      mo.skip = spec.skip;
      mo.culling = spec.culling;
      if (!spec.features_file.empty())
        mo.features = similarity::parse_features_file(read_file(spec.features_file), spec.features_file);
      features::VectorizerOptions mfw_options = word_options;
      features::parse_feature_spec(spec.mfw_features, mfw_options);
      features::MfwTable table = features::mfw_table(corpus, mo, mfw_options);
      so.result = similarity::pairwise(table, measure, popt);
      params["mfw"] = table.words.size();
      params["mfw_requested"] = spec.mfw;
      params["mfw_features"] = spec.mfw_features;
      params["skip"] = spec.skip;
      params["culling"] = spec.culling;
      if (!spec.features_file.empty()) params["features_file"] = spec.features_file;
    }
    for (const auto& w : so.result.warnings) warn(fmt::format("similarity {}: {}", spec.name, w));
    run.write("similarity/" + spec.name + ".csv", similarity::format_matrix_csv(so.result.values, ids));
    Json meta = {{"measure", spec.measure},
                 {"direction", similarity::larger_is_closer(measure) ? "similarity" : "distance"},
                 {"variant", spec.variant},
                 {"formula", similarity::formula(measure, popt.variant)},
                 {"parameters", params},
                 {"features_used", so.result.features_used},
                 {"warnings", so.result.warnings}};
    run.write("similarity/" + spec.name + ".json", meta.dump(2) + "\n");
    sims.push_back(std::move(so));
  }

  // pairs, tree, clusters, map, pictures
  Json cluster_json = Json::object();
  std::vector<std::vector<std::string>> pair_rows;
  std::vector<int> flat;
  cluster::Linkage tree;
  const SimilarityOutput* primary = nullptr;
  for (const auto& s : sims)
    if (s.spec.name == c.cluster_similarity) primary = &s;
  std::string heatmap, dendrogram, map_svg;
  if (primary) {
    timer.step("cluster");
    const auto measure = similarity::parse_measure(primary->spec.measure);
    const bool closer_larger = similarity::larger_is_closer(measure);
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
    std::string csv = "doc_a,doc_b,score,rank\n";
    for (size_t r = 0; r < pairs.size(); ++r) {
      append_csv_row(csv, {ids[pairs[r].a], ids[pairs[r].b], g17(pairs[r].score), std::to_string(r + 1)});
      pair_rows.push_back({std::to_string(r + 1), ids[pairs[r].a], ids[pairs[r].b], short_num(pairs[r].score)});
    }
    run.write("pairs.csv", csv);

    Eigen::MatrixXd dist = v;
    std::string conversion;
    if (closer_larger) conversion = cluster::similarity_to_distance(dist, primary->spec.name);
    cluster::CondensedDistances cd = cluster::condensed_from_dense(dist, primary->spec.name);
    cluster::Method method = cluster::parse_method(c.method, "method");
    tree = cluster::linkage(cd, method);
    double coph = NAN;
    try {
      coph = cluster::cophenetic_correlation(tree, cd);
    } catch (const DataError& e) {
      warn(fmt::format("cophenetic correlation: {}", e.what()));
    }
    cluster::write_newick(run.staging() / "tree.nwk", cluster::tree_from_linkage(tree, ids));
    run.add_file("tree.nwk");
    cluster::write_linkage_csv(run.staging() / "linkage.csv", tree);
    run.add_file("linkage.csv");
    size_t k = c.k > 0 ? std::min<size_t>(static_cast<size_t>(c.k), ids.size()) : 0;
    if (k == 0) {
      STYLOKIT_CHECK(ids.size() >= 3, DataError, "[cluster] k = 0 (choose by silhouette) needs at least 3 documents");
      auto scan = cluster::choose_k_by_silhouette(cd, 2, std::min<size_t>(ids.size() - 1, 10),
                                                  [&](size_t kk) { return cluster::cut_k(tree, kk); });
      k = scan.best_k;
    }
    flat = cluster::cut_k(tree, k);
    cluster::write_assignments_csv(run.staging() / "clusters.csv", ids, flat);
    run.add_file("clusters.csv");
    cluster_json = {{"similarity", primary->spec.name}, {"method", c.method}, {"k", k},
                    {"conversion", conversion},          {"cophenetic_correlation", coph}};

    auto order64 = cluster::leaf_order(tree);
    std::vector<size_t> order(order64.begin(), order64.end());
    report::HeatmapOptions ho;
    ho.title = fmt::format("{}: {}", c.title, primary->spec.name);
    ho.measure = primary->spec.name;
    ho.larger_is_closer = closer_larger;
    heatmap = report::heatmap_svg(v, ids, order, ho);
    run.write("heatmap.svg", heatmap);
    report::DendrogramOptions dopt;
    dopt.title = fmt::format("{} linkage on {}", c.method, primary->spec.name);
    dopt.distance_label = closer_larger ? conversion : primary->spec.name;
    dopt.groups = groups;
    dopt.group_name = c.group_by;
    dendrogram = report::dendrogram_svg(tree, ids, dopt);
    run.write("dendrogram.svg", dendrogram);

    if (c.map != "none") {
      cluster::MapResult m;
      std::string axis = "MDS";
      if (c.map == "mds" || ids.size() < 3) {
        m = cluster::classical_mds(cd, 2);
      } else {
        m = cluster::pca(Eigen::MatrixXd(vec.matrix), 2);
        axis = "PC";
      }
      cluster::write_coordinates_csv(run.staging() / "map.csv", ids, m.coords);
      run.add_file("map.csv");
      report::ScatterOptions so;
      so.title = fmt::format("{} map of {}", c.map == "mds" ? "Classical MDS" : "PCA",
                             c.map == "mds" ? primary->spec.name : std::string("the features"));
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
  std::vector<std::vector<std::string>> phrase_rows, kwic_rows, reuse_rows;
  size_t phrase_total = 0;
  if (c.phrases || c.reuse) {
    timer.step("phrases");
    phrases::TokenCorpus tc = phrases::build_token_corpus(corpus, tokenizer, static_cast<unsigned>(threads));
    if (!c.phrase_stop_words.empty())
      phrases::mark_stop_words(tc, text::StopWords::load(c.phrase_stop_words, tokenizer));
    if (c.phrases) {
      phrases::PhraseIndex index(tc, phrases::IndexOptions{c.split_sentences});
      const phrases::RankedPhrases ranked = phrases::rank_phrases(index, index.mine(c.mine), "widespread");
      std::string kwic = phrases::kKwicTsvHeader;
      for (size_t r = 0; r < ranked.order.size(); ++r) {
        const auto& p = ranked.phrases[ranked.order[r]];
        const auto& s = ranked.stats[ranked.order[r]];
        std::string text = phrases::phrase_text(tc, p.tokens.data(), p.length());
        auto lines = phrases::kwic_lines(tc, p, c.kwic_window);
        for (const auto& l : lines) {
          const std::string& raw = corpus.documents[l.doc].raw;
          phrases::append_kwic_tsv(kwic, ids[l.doc], raw, l, text);
          if (r < c.phrases_top && kwic_rows.size() < 200)
            kwic_rows.push_back({ids[l.doc], raw.substr(l.left_byte, l.start_byte - l.left_byte),
                                 raw.substr(l.start_byte, l.end_byte - l.start_byte),
                                 raw.substr(l.end_byte, l.right_byte - l.end_byte)});
        }
        if (r < c.phrases_top)
          phrase_rows.push_back({text, std::to_string(p.length()), std::to_string(p.count),
                                 std::to_string(p.docs.size()), short_num(s.assoc.likelihood_ratio)});
      }
      phrase_total = ranked.phrases.size();
      run.write("phrases.csv", phrases::phrases_csv(tc, ranked));
      run.write("kwic.tsv", kwic);
    }
    if (c.reuse) {
      timer.step("reuse");
      phrases::ReuseOptions ro = c.reuse_options;
      ro.threads = static_cast<unsigned>(threads);
      phrases::ReuseResult rr = phrases::find_reuse(tc, ro);
      for (const auto& p : rr.passages) {
        const std::string& ra = corpus.documents[p.doc_a].raw;
        const std::string& rb = corpus.documents[p.doc_b].raw;
        reuse_rows.push_back({ids[p.doc_a], ids[p.doc_b], short_num(p.tokens.score),
                              ra.substr(p.a_start, p.a_end - p.a_start), rb.substr(p.b_start, p.b_end - p.b_start)});
      }
      run.write("reuse.csv", phrases::reuse_csv(corpus, rr));
    }
  }

  // report.html
  timer.step("report");
  report::HtmlReport html(c.title);
  html.heading("Summary", 2, "summary");
  size_t tokens_total = 0;
  for (const auto& d : corpus.documents) tokens_total += tokenizer.tokenize(d).tokens.size();
  html.paragraph(fmt::format("{} documents, {} tokens, from {}. Features: {} ({} terms).", corpus.size(),
                             tokens_total, c.corpus_path.filename().string(), c.features_spec,
                             vec.vocabulary.size()));
  if (!c.clean_rules.empty()) {
    size_t n_removed = 0;
    for (const auto& r : removals) n_removed += r.size();
    html.note(fmt::format("Cleaning ({}) removed {} pieces of page furniture; see cleaning.csv.",
                          c.clean_rules.filename().string(), n_removed));
  }
  for (const auto& w : summary.warnings) html.note("Warning: " + w);
  if (primary) {
    html.heading("Which letters are alike", 2, "pairs");
    html.paragraph(fmt::format("All pairs by {} ({}), most alike first.", primary->spec.name,
                               similarity::larger_is_closer(similarity::parse_measure(primary->spec.measure))
                                   ? "similarity: larger is closer"
                                   : "distance: smaller is closer"));
    std::vector<std::vector<std::string>> shown(pair_rows.begin(),
                                                pair_rows.begin() + std::min<size_t>(pair_rows.size(), 15));
    html.table({"rank", "document", "document", "score"}, shown, {true, false, false, true});
    html.figure(heatmap, "Heatmap: rows and columns in dendrogram order; hover a cell for its value.");
    html.heading("How they group", 2, "tree");
    html.figure(dendrogram, fmt::format("{} linkage; cophenetic correlation {}.", c.method,
                                        short_num(cluster_json.value("cophenetic_correlation", NAN))));
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < ids.size(); ++i)
      rows.push_back({ids[i], std::to_string(flat[i]), groups.empty() ? "" : groups[i]});
    html.table({"document", "cluster", c.group_by.empty() ? "group" : c.group_by}, rows);
    if (!map_svg.empty()) html.figure(map_svg, "2-D map of the same distances.");
    if (sims.size() > 1) {
      html.heading("Other measures", 2, "measures");
      for (const auto& s : sims) {
        if (&s == primary) continue;
        bool larger = similarity::larger_is_closer(similarity::parse_measure(s.spec.measure));
        double best = NAN;
        size_t ba = 0, bb = 1;
        for (size_t i = 0; i < ids.size(); ++i)
          for (size_t j = i + 1; j < ids.size(); ++j) {
            double x = s.result.values(i, j);
            if (std::isnan(best) || (larger ? x > best : x < best)) {
              best = x;
              ba = i;
              bb = j;
            }
          }
        html.paragraph(fmt::format("{} ({} {}): closest pair {} and {} ({}).", s.spec.name, s.spec.variant,
                                   larger ? "similarity" : "distance", ids[ba], ids[bb], short_num(best)));
      }
    }
  }
  if (c.phrases) {
    html.heading("Formulaic phrases", 2, "phrases");
    html.paragraph(fmt::format("{} maximal recurring phrases of {}-{} tokens in at least {} documents; the {} most "
                               "widespread are shown (all in phrases.csv).",
                               phrase_total, c.mine.min_len, c.mine.max_len, c.mine.min_docs,
                               std::min(phrase_total, c.phrases_top)));
    html.table({"phrase", "tokens", "count", "documents", "G²"}, phrase_rows, {false, true, true, true, true});
    html.heading("Where they occur", 3);
    html.kwic(kwic_rows);
  }
  if (c.reuse) {
    html.heading("Shared passages", 2, "reuse");
    if (reuse_rows.empty()) html.paragraph(fmt::format("No shared passage of {} tokens or more.", c.reuse_options.align.min_len));
    else html.table({"document", "document", "score", "text in the first", "text in the second"}, reuse_rows);
  }
  html.heading("Reproducibility", 2, "manifest");
  html.paragraph("manifest.json records the stylokit version and commit, this configuration as resolved, and the "
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
      summary.lines.push_back(fmt::format("  {}. {}  ~  {}  ({})", pair_rows[r][0], pair_rows[r][1], pair_rows[r][2],
                                          pair_rows[r][3]));
    std::map<int, std::vector<std::string>> by_cluster;
    for (size_t i = 0; i < ids.size(); ++i) by_cluster[flat[i]].push_back(ids[i]);
    summary.lines.push_back(fmt::format("clusters ({} linkage, k = {}):", c.method, by_cluster.size()));
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
      summary.lines.push_back(fmt::format("  \"{}\" ({} times in {} documents)", phrase_rows[r][0], phrase_rows[r][2],
                                          phrase_rows[r][3]));
  }
  if (c.reuse) summary.lines.push_back(fmt::format("shared passages: {}", reuse_rows.size()));
  return summary;
}

}  // namespace stylokit::experiment
