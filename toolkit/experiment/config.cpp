#include "toolkit/experiment/config.h"

#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/corpus/encoding.h"
#include "toolkit/corpus/markup.h"
#include "toolkit/experiment/internal/config_reader.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::experiment {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

fs::path resolve_path(const ExperimentConfig& c, const std::string& p) {
  fs::path path(p);
  if (path.is_absolute()) return path.lexically_normal();
  return (c.file.parent_path() / path).lexically_normal();
}

// A file named relative to the experiment file when one exists there, else the name as given
// (a shipped list or rules name).
std::string local_or_shipped(const ExperimentConfig& c, const std::string& name) {
  std::error_code ec;
  const fs::path local = resolve_path(c, name);
  return fs::is_regular_file(local, ec) ? local.string() : name;
}

// Runs a pipeline check and re-throws its ConfigError (which names the field) with the file,
// line and section of the key: "letters.toml:12: [features] tf: expected ...".
template <typename Fn>
auto at(const ConfigReader& r, const std::string& key, Fn fn) {
  try {
    return fn();
  } catch (const ConfigError& e) {
    std::string what = e.what();
    if (what.rfind(key + ": ", 0) == 0) what = what.substr(key.size() + 2);
    throw ConfigError(fmt::format("{}: {}", r.where(key), what));
  }
}

void read_corpus(ConfigReader& r, ExperimentConfig& c) {
  pipeline::CorpusConfig& k = c.corpus;
  auto p = r.get_optional_string("path");
  STYLOKIT_CHECK(p.has_value(), ConfigError, "{}: [corpus] needs path = \"...\"", c.file.string());
  k.path = resolve_path(c, *p);
  std::error_code ec;
  STYLOKIT_CHECK(fs::exists(k.path, ec), ConfigError, "{}: {} does not exist", r.where("path"), k.path.string());
  k.format = r.get_string("format", k.format);
  if (auto m = r.get_optional_string("metadata"); m && !m->empty()) {
    k.metadata = resolve_path(c, *m);
    STYLOKIT_CHECK(fs::is_regular_file(k.metadata, ec), ConfigError, "{}: {} does not exist", r.where("metadata"),
                   k.metadata.string());
  }
  k.clean = r.get_string("clean", "");
  if (!k.clean.empty()) {
    k.clean = local_or_shipped(c, k.clean);
    k.clean = at(r, "clean", [&] { return pipeline::cleaning_rules_path(k.clean).string(); });
  }
  k.on_bad_input = r.get_string("on_bad_input", k.on_bad_input);
  at(r, "on_bad_input", [&] { return parse_policy(k.on_bad_input, "on_bad_input"); });
  k.extension = r.get_string("extension", k.extension);
  k.id_column = r.get_string("id_column", k.id_column);
  k.text_column = r.get_string("text_column", k.text_column);
  k.encoding = r.get_string("encoding", k.encoding);
  at(r, "encoding", [&] { check_encoding(k.encoding); });
  k.markup = r.get_string("markup", k.markup);
  at(r, "markup", [&] { return parse_markup(k.markup); });
  c.group_by = r.get_string("group_by", "");
  pipeline::SampleConfig& s = c.sample;
  s.sample = r.get_string("sample", s.sample);
  at(r, "sample", [&] { return pipeline::sample_options(s, 1); });
  s.seed = static_cast<uint64_t>(r.get_int("seed", static_cast<long long>(s.seed), 0, 1LL << 62));
  s.keep_short = r.get_bool("keep_short", s.keep_short);
  STYLOKIT_CHECK(!s.keep_short || pipeline::samples_asked(s), ConfigError, "{}: applies with sample only",
                 r.where("keep_short"));
}

void read_text(ConfigReader& r, text::TextOptions& t, std::vector<std::string>* warnings) {
  t.normalization =
      at(r, "normalize", [&] { return pipeline::parse_normalization(r.get_string("normalize", "nfkc")); });
  if (r.has("case_fold")) {
    STYLOKIT_CHECK(!r.has("case"), ConfigError, "{}: give case (fold, lower or keep) or case_fold, not both",
                   r.where("case_fold"));
    const bool fold = r.get_bool("case_fold", true);
    t.case_mapping = fold ? text::CaseMapping::kFold : text::CaseMapping::kKeep;
    if (warnings)
      warnings->push_back(fmt::format("{}: case_fold is deprecated; use case = \"{}\"", r.where("case_fold"),
                                      pipeline::case_mapping_name(t.case_mapping)));
  }
  if (r.has("case"))
    t.case_mapping = at(r, "case", [&] { return pipeline::parse_case_mapping(r.get_string("case", "fold")); });
  t.unify_punctuation = r.get_bool("unify_punctuation", t.unify_punctuation);
  t.keep_punctuation = r.get_bool("punctuation", t.keep_punctuation);
  t.keep_numbers = r.get_bool("numbers", t.keep_numbers);
  t.locale = r.get_string("locale", t.locale);
  at(r, "locale", [&] {
    text::Tokenizer probe(t);
    return 0;
  });
}

void read_features(ConfigReader& r, ExperimentConfig& c) {
  pipeline::FeaturesConfig& f = c.features;
  f.analyzer = r.get_string("analyzer", f.analyzer);
  auto ngram = r.get_int_array("ngram", {f.ngram_min, f.ngram_max});
  STYLOKIT_CHECK(ngram.size() == 2 && ngram[0] >= 1 && ngram[0] <= ngram[1], ConfigError,
                 "{}: expected [min, max] with 1 <= min <= max", r.where("ngram"));
  f.ngram_min = static_cast<int>(std::clamp<long long>(ngram[0], -1, 1 << 20));
  f.ngram_max = static_cast<int>(std::clamp<long long>(ngram[1], -1, 1 << 20));
  f.tokenizer = r.get_string("tokenizer", f.tokenizer);
  f.language = r.get_string("language", f.language);
  f.preserve_case = r.get_bool("preserve_case", f.preserve_case);
  f.splitting_rule = r.get_string("splitting_rule", f.splitting_rule);
  f.token_pattern = r.get_string("token_pattern", f.token_pattern);
  f.tf = r.get_string("tf", f.tf);
  f.idf = r.get_string("idf", f.idf);
  f.norm = r.get_string("norm", f.norm);
  f.min_df = r.get_number_text("min_df", f.min_df);
  f.max_df = r.get_number_text("max_df", f.max_df);
  f.max_features = static_cast<size_t>(r.get_int("max_features", 0, 0, 1LL << 40));
  f.stop_words = r.get_string("stop_words", "");
  if (!f.stop_words.empty()) f.stop_words = local_or_shipped(c, f.stop_words);
  // Validated as the features step will read it; errors name the key.
  try {
    pipeline::vectorizer_options(f, c.text, 1);
  } catch (const ConfigError& e) {
    std::string what = e.what();
    for (const char* key : {"analyzer", "tokenizer", "tf", "idf", "norm", "min_df", "max_df", "stop_words", "language",
                            "preserve_case", "splitting_rule", "token_pattern"})
      if (what.rfind(std::string(key) + ": ", 0) == 0)
        throw ConfigError(fmt::format("{}: {}", r.where(key), what.substr(std::string(key).size() + 2)));
    if (what.rfind("n-gram", 0) == 0) throw ConfigError(fmt::format("{}: {}", r.where("ngram"), what));
    // A [text] key that tokenizer stylo would ignore (the [text] table was read before).
    for (const char* key : {"case", "normalize", "unify_punctuation", "punctuation", "numbers", "locale"})
      if (what.rfind(std::string(key) + ": ", 0) == 0)
        throw ConfigError(fmt::format("{}: [text] {}", c.file.string(), what));
    throw ConfigError(fmt::format("{}: [features] {}", c.file.string(), what));
  }
}

// A key that may be a number or a string ("100" or "100:1000:100", 10 or "loo").
std::string number_or_string(ConfigReader& r, const std::string& key, const std::string& fallback) {
  if (!r.has(key)) return fallback;
  try {
    return r.get_number_text(key, fallback);
  } catch (const ConfigError&) {
    return r.get_string(key, fallback);
  }
}

void read_classify(ConfigReader& r, ExperimentConfig& c) {
  pipeline::ClassifyConfig& k = c.classify_options;
  c.classify = r.get_bool("enabled", true);
  k.classifier = r.get_string("classifier", k.classifier);
  k.measure = r.get_string("measure", k.measure);
  k.variant = r.get_string("variant", k.variant);
  k.label = r.get_string("label", k.label);
  k.set_column = r.get_string("set_column", k.set_column);
  k.train = r.get_string("train", k.train);
  if (k.train.size() > 1 && k.train[0] == '@') {
    std::string file = resolve_path(c, k.train.substr(1)).string();
    file.insert(file.begin(), '@');
    k.train = std::move(file);
  }
  k.cv = number_or_string(r, "cv", k.cv);
  k.seed = static_cast<uint64_t>(r.get_int("seed", static_cast<long long>(k.seed), 0, 1LL << 62));
  k.z_scores = r.get_string("z_scores", k.z_scores);
  k.k = static_cast<int>(r.get_int("k", k.k, 1, 1 << 20));
  k.top_n = static_cast<size_t>(r.get_int("top_n", static_cast<long long>(k.top_n), 1, 1 << 20));
  k.mfw_given = r.has("mfw");
  k.mfw = number_or_string(r, "mfw", k.mfw);
  k.culling = number_or_string(r, "culling", k.culling);
  k.metadata = c.corpus.metadata.string();
  pipeline::MfwConfig& m = k.table;
  m.start_at = static_cast<size_t>(r.get_int("start_at", 1, 1, 1LL << 40));
  m.mfw_features = r.get_string("mfw_features", m.mfw_features);
  if (auto d = r.get_optional_string("delete_words")) m.delete_words = local_or_shipped(c, *d);
  m.delete_pronouns = r.get_bool("delete_pronouns", m.delete_pronouns);
  if (auto f = r.get_optional_string("features_file")) m.features_file = resolve_path(c, *f).string();
  if (!c.classify) return;
  // The step's own checks, re-spelled with the file, line and key.
  try {
    pipeline::validate(k);
    pipeline::validate(m);
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    const size_t colon = what.find(": ");
    const std::string key = colon == std::string::npos ? "" : what.substr(0, colon);
    if (!key.empty() && (r.has(key) || key == "label" || key == "cv"))
      throw ConfigError(fmt::format("{}: {}", r.where(key), what.substr(colon + 2)));
    throw ConfigError(fmt::format("{}: [classify] {}", c.file.string(), what));
  }
}

NamedSimilarity read_similarity(ConfigReader& r, ExperimentConfig& c, std::vector<std::string>* warnings) {
  NamedSimilarity s;
  pipeline::SimilarityConfig& k = s.config;
  auto m = r.get_optional_string("measure");
  STYLOKIT_CHECK(m.has_value(), ConfigError, "{}: [[similarity]] needs measure = \"...\"", c.file.string());
  k.measure = *m;
  k.variant = r.get_string("variant", k.variant);
  s.name = r.get_string("name", k.measure);
  STYLOKIT_CHECK(!s.name.empty() && s.name.find('/') == std::string::npos, ConfigError,
                 "{}: must be a non-empty file name", r.where("name"));
  pipeline::MfwConfig& mfw = k.mfw;
  for (const char* key :
       {"mfw", "start_at", "skip", "culling", "mfw_features", "delete_words", "delete_pronouns", "features_file"})
    if (r.has(key)) k.mfw_given = true;
  mfw.mfw = static_cast<size_t>(r.get_int("mfw", static_cast<long long>(mfw.mfw), 1, 1LL << 40));
  mfw.start_at = static_cast<size_t>(r.get_int("start_at", 1, 1, 1LL << 40));
  if (r.has("skip")) {
    STYLOKIT_CHECK(!r.has("start_at"), ConfigError, "{}: give start_at (counted from 1) or skip, not both",
                   r.where("skip"));
    mfw.start_at = static_cast<size_t>(r.get_int("skip", 0, 0, 1LL << 40)) + 1;
    if (warnings)
      warnings->push_back(fmt::format("{}: skip is deprecated; use start_at = {} (ranks counted from 1)",
                                      r.where("skip"), mfw.start_at));
  }
  mfw.culling = r.get_double("culling", mfw.culling);
  mfw.mfw_features = r.get_string("mfw_features", mfw.mfw_features);
  if (auto d = r.get_optional_string("delete_words")) mfw.delete_words = local_or_shipped(c, *d);
  mfw.delete_pronouns = r.get_bool("delete_pronouns", mfw.delete_pronouns);
  if (auto f = r.get_optional_string("features_file")) mfw.features_file = resolve_path(c, *f).string();
  at(r, "measure", [&] { return pipeline::uses_mfw_table(k); });
  STYLOKIT_CHECK(!mfw.delete_pronouns || c.features.tokenizer == "stylo", ConfigError,
                 "{}: stylo's pronoun lists go with [features] tokenizer = \"stylo\" and its language",
                 r.where("delete_pronouns"));
  at(r, mfw.culling < 0 || mfw.culling > 100 ? "culling" : "mfw_features", [&] {
    pipeline::validate(mfw);
    return 0;
  });
  for (const auto& other : c.similarities)
    STYLOKIT_CHECK(other.name != s.name, ConfigError, "{}: two [[similarity]] tables are named '{}'; give one a name",
                   r.where("measure"), s.name);
  return s;
}

void read_cluster(ConfigReader& r, ExperimentConfig& c, std::vector<std::string>* warnings) {
  c.cluster_similarity = r.get_string("similarity", c.cluster_similarity);
  const bool found = std::any_of(c.similarities.begin(), c.similarities.end(),
                                 [&](const NamedSimilarity& s) { return s.name == c.cluster_similarity; });
  STYLOKIT_CHECK(found, ConfigError, "{}: no [[similarity]] named '{}'", r.where("similarity"), c.cluster_similarity);
  pipeline::ClusterConfig& k = c.cluster;
  k.method = r.get_string("method", k.method);
  at(r, "method", [&] { return cluster::parse_method(k.method, "method"); });
  if (r.has("k")) {
    k.k = static_cast<size_t>(r.get_int("k", 0, 0, 1 << 20));
    if (k.k == 0) {
      // k = 0 once meant "choose k"; choose_k says so by name.
      k.choose_k = 10;
      if (warnings)
        warnings->push_back(
            fmt::format("{}: k = 0 is deprecated; use choose_k = 10 (choose k in 2..10 by silhouette)", r.where("k")));
    }
  }
  k.choose_k = static_cast<size_t>(r.get_int("choose_k", static_cast<long long>(k.choose_k), 0, 1 << 20));
  STYLOKIT_CHECK(k.choose_k == 0 || k.choose_k >= 2, ConfigError, "{}: must be at least 2", r.where("choose_k"));
  STYLOKIT_CHECK(k.k == 0 || k.choose_k == 0 || !r.has("choose_k"), ConfigError,
                 "{}: k and choose_k are two ways to cut; give one", r.where("choose_k"));
  k.map = r.get_string("map", k.map);
  STYLOKIT_CHECK(k.map == "mds" || k.map == "pca" || k.map == "none", ConfigError,
                 "{}: expected mds, pca or none, got '{}'", r.where("map"), k.map);
}

void read_phrases(ConfigReader& r, ExperimentConfig& c) {
  pipeline::PhrasesConfig& p = c.phrase_options;
  c.phrases = r.get_bool("enabled", true);
  p.min_len = static_cast<uint32_t>(r.get_int("min_len", p.min_len, 1, 1000));
  p.max_len = static_cast<uint32_t>(r.get_int("max_len", p.max_len, 1, 1000));
  p.min_docs = static_cast<uint32_t>(r.get_int("min_docs", p.min_docs, 1, 1 << 30));
  p.min_count = static_cast<uint64_t>(r.get_int("min_count", static_cast<long long>(p.min_count), 2, 1LL << 40));
  p.skip_stop_only = r.get_bool("skip_stop_only", p.skip_stop_only);
  p.split_sentences = r.get_bool("split_sentences", p.split_sentences);
  p.stop_words = r.get_string("stop_words", p.stop_words);
  if (p.stop_words != "none" && !p.stop_words.empty()) p.stop_words = local_or_shipped(c, p.stop_words);
  p.sort = r.get_string("sort", p.sort);
  p.kwic_window = static_cast<uint32_t>(r.get_int("kwic_window", p.kwic_window, 0, 1000));
  c.phrases_top = static_cast<size_t>(r.get_int("top", static_cast<long long>(c.phrases_top), 1, 1 << 20));
  const std::string key = p.max_len < p.min_len ? "max_len" : "sort";
  at(r, key, [&] {
    pipeline::validate(p);
    return 0;
  });
}

void read_reuse(ConfigReader& r, ExperimentConfig& c, std::vector<std::string>* warnings) {
  pipeline::ReuseConfig& k = c.reuse_options;
  c.reuse = r.get_bool("enabled", true);
  k.min_len = static_cast<uint32_t>(r.get_int("min_len", k.min_len, 1, 1 << 20));
  if (r.has("min_tokens")) {
    STYLOKIT_CHECK(!r.has("min_len"), ConfigError, "{}: give min_len or min_tokens, not both", r.where("min_tokens"));
    k.min_len = static_cast<uint32_t>(r.get_int("min_tokens", k.min_len, 1, 1 << 20));
    if (warnings)
      warnings->push_back(
          fmt::format("{}: min_tokens is deprecated; it is min_len, as on the command line", r.where("min_tokens")));
  }
  k.min_score = r.get_double("min_score", k.min_score);
  k.ngram = static_cast<uint32_t>(r.get_int("ngram", k.ngram, 1, 64));
  k.max_df = static_cast<uint32_t>(r.get_int("max_df", k.max_df, 0, 1 << 30));
  k.min_shared = static_cast<uint32_t>(r.get_int("min_shared", k.min_shared, 1, 1 << 30));
  k.mask_df = static_cast<uint32_t>(r.get_int("mask_df", k.mask_df, 0, 1 << 30));
  k.seed_len = static_cast<uint32_t>(r.get_int("seed_len", k.seed_len, 1, 64));
  k.band = static_cast<uint32_t>(r.get_int("band", k.band, 0, 1 << 20));
  at(r, "mask_df", [&] { return pipeline::reuse_options(k, 1); });
}

}  // namespace

ExperimentConfig parse_experiment(const fs::path& path, std::vector<std::string>* warnings) {
  ExperimentConfig c;
  c.file = fs::absolute(path).lexically_normal();
  const std::string text = read_file(path);
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(
        fmt::format("{}:{}:{}: {}", path.string(), e.source().begin.line, e.source().begin.column, e.description()));
  }
  const std::string file = path.string();
  ConfigReader top(root, file, "");
  c.name = top.get_string("name", path.stem().string());
  c.title = top.get_string("title", c.name);
  STYLOKIT_CHECK(!c.name.empty() && c.name.find('/') == std::string::npos, ConfigError,
                 "{}: name must be a non-empty folder name", top.where("name"));

  const toml::table* corpus = top.get_table("corpus");
  STYLOKIT_CHECK(corpus != nullptr, ConfigError, "{}: missing [corpus] with a path", file);
  std::string sample_where;  // where [corpus] sample was given, for the steps that refuse it
  {
    ConfigReader r(*corpus, file, "corpus");
    read_corpus(r, c);
    sample_where = r.where("sample");
    r.finish();
  }
  if (const toml::table* t = top.get_table("text")) {
    ConfigReader r(*t, file, "text");
    read_text(r, c.text, warnings);
    r.finish();
  }
  {
    static const toml::table kEmpty;
    const toml::table* t = top.get_table("features");
    ConfigReader r(t ? *t : kEmpty, file, "features");
    read_features(r, c);
    r.finish();
  }
  for (const toml::table* t : top.get_table_array("similarity")) {
    ConfigReader r(*t, file, "[similarity]");
    c.similarities.push_back(read_similarity(r, c, warnings));
    r.finish();
  }
  // Without [[similarity]] tables, cosine on the features matrix: the common first question.
  if (c.similarities.empty()) c.similarities.push_back({"cosine", {}});

  c.cluster_similarity = c.similarities.front().name;
  if (const toml::table* t = top.get_table("cluster")) {
    ConfigReader r(*t, file, "cluster");
    read_cluster(r, c, warnings);
    r.finish();
  }
  // A run folder always has clusters.csv: without a cut, k is chosen by silhouette.
  if (c.cluster.k == 0 && c.cluster.choose_k == 0) c.cluster.choose_k = 10;
  if (const toml::table* t = top.get_table("phrases")) {
    ConfigReader r(*t, file, "phrases");
    read_phrases(r, c);
    r.finish();
  }
  if (const toml::table* t = top.get_table("reuse")) {
    ConfigReader r(*t, file, "reuse");
    read_reuse(r, c, warnings);
    r.finish();
  }
  if (const toml::table* t = top.get_table("classify")) {
    ConfigReader r(*t, file, "classify");
    read_classify(r, c);
    r.finish();
  }
  top.finish();
  STYLOKIT_CHECK(!pipeline::samples_asked(c.sample) || c.features.tokenizer != "sklearn", ConfigError,
                 "{}: cut from the tokens, which tokenizer sklearn does not keep; use [features] tokenizer icu or "
                 "stylo",
                 sample_where);
  // Phrases, KWIC and reuse read whole documents; samples would repeat (overlap) or scramble them.
  for (const auto& [on, what] : {std::pair{c.phrases, "[phrases]"}, std::pair{c.reuse, "[reuse]"}}) {
    try {
      if (on) pipeline::refuse_samples(c.sample, what);
    } catch (const ConfigError& e) {
      throw ConfigError(fmt::format("{}: {}", sample_where, std::string(e.what()).substr(8)));
    }
  }
  return c;
}

Json config_json(const ExperimentConfig& c) {
  Json j;
  j["file"] = c.file.string();
  j["name"] = c.name;
  j["title"] = c.title;
  const auto& k = c.corpus;
  j["corpus"] = {{"path", k.path.string()},
                 {"format", k.format},
                 {"metadata", k.metadata.string()},
                 {"clean", k.clean},
                 {"on_bad_input", k.on_bad_input},
                 {"group_by", c.group_by},
                 {"extension", k.extension},
                 {"id_column", k.id_column},
                 {"text_column", k.text_column},
                 {"encoding", k.encoding},
                 {"markup", k.markup},
                 {"sample", c.sample.sample},
                 {"seed", c.sample.seed},
                 {"keep_short", c.sample.keep_short}};
  j["text"] = {{"normalize", pipeline::normalization_name(c.text.normalization)},
               {"case", pipeline::case_mapping_name(c.text.case_mapping)},
               {"unify_punctuation", c.text.unify_punctuation},
               {"punctuation", c.text.keep_punctuation},
               {"numbers", c.text.keep_numbers},
               {"locale", c.text.locale}};
  const auto& f = c.features;
  j["features"] = {{"analyzer", f.analyzer},
                   {"ngram", {f.ngram_min, f.ngram_max}},
                   {"tokenizer", f.tokenizer},
                   {"language", f.tokenizer == "stylo" && f.language.empty() ? std::string("English.all") : f.language},
                   {"preserve_case", f.preserve_case},
                   {"splitting_rule", f.splitting_rule},
                   {"token_pattern", f.token_pattern},
                   {"tf", f.tf},
                   {"idf", f.idf},
                   {"norm", f.norm},
                   {"min_df", f.min_df},
                   {"max_df", f.max_df},
                   {"max_features", f.max_features},
                   {"stop_words", f.stop_words}};
  Json sims = Json::array();
  for (const auto& s : c.similarities) {
    const auto& m = s.config.mfw;
    Json one = {{"name", s.name}, {"measure", s.config.measure}, {"variant", s.config.variant}};
    if (pipeline::uses_mfw_table(s.config)) {
      one["mfw"] = m.mfw;
      one["start_at"] = m.start_at;
      one["culling"] = m.culling;
      one["mfw_features"] = m.mfw_features;
      one["delete_words"] = m.delete_words;
      one["delete_pronouns"] = m.delete_pronouns;
      one["features_file"] = m.features_file;
    }
    sims.push_back(one);
  }
  j["similarity"] = sims;
  j["cluster"] = {{"similarity", c.cluster_similarity},
                  {"method", c.cluster.method},
                  {"k", c.cluster.k},
                  {"choose_k", c.cluster.choose_k},
                  {"map", c.cluster.map}};
  const auto& p = c.phrase_options;
  j["phrases"] = {{"enabled", c.phrases},
                  {"min_len", p.min_len},
                  {"max_len", p.max_len},
                  {"min_docs", p.min_docs},
                  {"min_count", p.min_count},
                  {"skip_stop_only", p.skip_stop_only},
                  {"split_sentences", p.split_sentences},
                  {"stop_words", p.stop_words},
                  {"sort", p.sort},
                  {"kwic_window", p.kwic_window},
                  {"top", c.phrases_top}};
  const auto& r = c.reuse_options;
  j["reuse"] = {{"enabled", c.reuse},   {"min_len", r.min_len},   {"min_score", r.min_score},
                {"ngram", r.ngram},     {"max_df", r.max_df},     {"min_shared", r.min_shared},
                {"mask_df", r.mask_df}, {"seed_len", r.seed_len}, {"band", r.band}};
  const auto& a = c.classify_options;
  j["classify"] = {{"enabled", c.classify},
                   {"classifier", a.classifier},
                   {"measure", a.measure},
                   {"variant", a.variant},
                   {"label", a.label},
                   {"set_column", a.set_column},
                   {"train", a.train},
                   {"cv", a.cv},
                   {"seed", a.seed},
                   {"z_scores", a.z_scores},
                   {"k", a.k},
                   {"top_n", a.top_n},
                   {"mfw", a.mfw},
                   {"culling", a.culling},
                   {"start_at", a.table.start_at},
                   {"mfw_features", a.table.mfw_features},
                   {"delete_words", a.table.delete_words},
                   {"delete_pronouns", a.table.delete_pronouns},
                   {"features_file", a.table.features_file}};
  return j;
}

}  // namespace stylokit::experiment
