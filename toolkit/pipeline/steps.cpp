#include "toolkit/pipeline/steps.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "toolkit/cluster/flat.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/similarity/pairwise.h"
#include "toolkit/similarity/table_io.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::pipeline {
namespace fs = std::filesystem;

// ---- Corpus ----------------------------------------------------------------------------

fs::path cleaning_rules_path(const std::string& clean) {
  std::error_code ec;
  if (fs::is_regular_file(clean, ec)) return fs::path(clean);
  try {
    return resolve_cleaning_rules(clean);
  } catch (const ConfigError& e) {
    throw ConfigError(fmt::format("clean: {}", e.what()));
  }
}

LoadedCorpus load_corpus(const CorpusConfig& config) {
  STYLOKIT_CHECK(!config.path.empty(), ConfigError, "path: give a corpus (a folder, a .jsonl or a .csv)");
  LoadOptions options;
  try {
    options.format = parse_corpus_format(config.format);
  } catch (const ConfigError& e) {
    throw ConfigError(fmt::format("format: {}", e.what()));
  }
  options.policy = parse_policy(config.on_bad_input, "on_bad_input");
  options.metadata = config.metadata;
  options.extension = config.extension;
  options.id_field = config.id_column;
  options.text_field = config.text_column;
  options.encoding = config.encoding;
  options.markup = config.markup;
  // Resolved before the (slow) load, so that a misspelt rules name fails at once.
  const fs::path rules = config.clean.empty() ? fs::path() : cleaning_rules_path(config.clean);
  LoadedCorpus out;
  out.corpus = stylokit::load_corpus(config.path, options);
  for (const auto& issue : out.corpus.issues)
    out.warnings.push_back(fmt::format("{}: {} ({})", issue.source, issue.problem, issue.action));
  out.removals.resize(out.corpus.size());
  if (!rules.empty()) {
    Cleaner cleaner = Cleaner::from_file(rules);
    out.cleaning_rules = cleaner.source();
    for (size_t i = 0; i < out.corpus.size(); ++i) out.removals[i] = cleaner.apply(out.corpus.documents[i]);
  }
  return out;
}

std::vector<fs::path> input_files(const CorpusConfig& config, const LoadedCorpus& loaded) {
  std::vector<fs::path> v{config.path};
  if (!config.metadata.empty()) v.push_back(config.metadata);
  if (!loaded.cleaning_rules.empty()) v.push_back(loaded.cleaning_rules);
  std::error_code ec;
  for (const auto& d : loaded.corpus.documents)
    if (fs::is_regular_file(d.source, ec)) v.emplace_back(d.source);
  for (const auto& issue : loaded.corpus.issues)
    if (fs::is_regular_file(issue.source, ec)) v.emplace_back(issue.source);
  return v;
}

// ---- Text ------------------------------------------------------------------------------

text::Normalization parse_normalization(const std::string& name) {
  if (name == "nfkc") return text::Normalization::kNfkc;
  if (name == "nfc") return text::Normalization::kNfc;
  if (name == "none") return text::Normalization::kNone;
  throw ConfigError(fmt::format("normalize: expected nfkc, nfc or none, got '{}'", name));
}

const char* normalization_name(text::Normalization n) {
  switch (n) {
    case text::Normalization::kNfkc: return "nfkc";
    case text::Normalization::kNfc: return "nfc";
    case text::Normalization::kNone: return "none";
  }
  return "?";
}

text::CaseMapping parse_case_mapping(const std::string& name) {
  if (name == "fold") return text::CaseMapping::kFold;
  if (name == "lower") return text::CaseMapping::kLower;
  if (name == "keep") return text::CaseMapping::kKeep;
  throw ConfigError(fmt::format("case: expected fold, lower or keep, got '{}'", name));
}

const char* case_mapping_name(text::CaseMapping c) {
  switch (c) {
    case text::CaseMapping::kFold: return "fold";
    case text::CaseMapping::kLower: return "lower";
    case text::CaseMapping::kKeep: return "keep";
  }
  return "?";
}

TokenizedCorpus tokenize(const Corpus& corpus, const text::TextOptions& text, int threads) {
  const text::Tokenizer tokenizer(text);
  const int n = resolve_thread_count(threads);
  TokenizedCorpus out;
  out.tokens = text::build_token_corpus(corpus, tokenizer, n);
  return out;
}

text::StyloOptions stylo_options(const FeaturesConfig& config, const text::TextOptions& text) {
  text::StyloOptions o;
  const bool stylo = config.tokenizer == "stylo";
  if (stylo) {
    // stylo's rules fix case, normalisation and what a word is; an ICU text option would be
    // ignored without a word, so name the first one given.
    const text::TextOptions icu;
    const char* given = text.case_mapping != icu.case_mapping             ? "case"
                        : text.normalization != icu.normalization         ? "normalize"
                        : text.unify_punctuation != icu.unify_punctuation ? "unify_punctuation"
                        : text.keep_punctuation != icu.keep_punctuation   ? "punctuation"
                        : text.keep_numbers != icu.keep_numbers           ? "numbers"
                        : text.locale != icu.locale                       ? "locale"
                                                                          : nullptr;
    STYLOKIT_CHECK(given == nullptr, ConfigError,
                   "{}: an option of the ICU text stage; tokenizer stylo follows stylo's rules instead (its "
                   "options are language, preserve_case, splitting_rule and token_pattern)",
                   given ? given : "");
  }
  auto only_stylo = [&](bool given, const char* name) {
    STYLOKIT_CHECK(!given || stylo, ConfigError, "{}: applies to tokenizer stylo only (the tokenizer is {})", name,
                   config.tokenizer);
  };
  only_stylo(!config.language.empty(), "language");
  only_stylo(config.preserve_case, "preserve_case");
  only_stylo(!config.splitting_rule.empty(), "splitting_rule");
  only_stylo(!config.token_pattern.empty(), "token_pattern");
  if (!config.language.empty()) o.language = text::canonical_stylo_language(config.language);
  o.preserve_case = config.preserve_case;
  o.splitting_rule = config.splitting_rule;
  o.token_pattern = config.token_pattern;
  if (stylo) text::StyloTokenizer check(o);  // the regexes compile, the two are not both given
  return o;
}

TokenizedCorpus tokenize(const Corpus& corpus, const text::TextOptions& text, const FeaturesConfig& features,
                         int threads) {
  const text::StyloOptions so = stylo_options(features, text);
  if (features.tokenizer != "stylo") return tokenize(corpus, text, threads);
  const text::StyloTokenizer tokenizer(so);
  TokenizedCorpus out;
  out.tokens = text::build_token_corpus(corpus, tokenizer, resolve_thread_count(threads));
  return out;
}

// ---- Samples ---------------------------------------------------------------------------

bool samples_asked(const SampleConfig& config) {
  return !config.sample.empty() && config.sample != "none";
}

text::SampleOptions sample_options(const SampleConfig& config, int threads) {
  text::SampleOptions o;
  text::parse_sample_spec(config.sample.empty() ? "none" : config.sample, o);
  o.seed = config.seed;
  o.keep_short = config.keep_short;
  o.threads = threads;
  return o;
}

void make_samples(TokenizedCorpus& tokenized, const SampleConfig& config, int threads) {
  const text::SampleOptions o = sample_options(config, threads);
  if (o.mode == text::SampleMode::kNone) return;
  STYLOKIT_CHECK(!tokenized.sampling, ConfigError, "sample: the corpus is cut into samples already");
  text::Samples samples = text::make_samples(tokenized.tokens, o);
  TokenizedCorpus::Sampling record;
  record.config = config;
  record.options = o;
  record.text_ids = std::move(tokenized.tokens.doc_ids);
  record.sources = std::move(samples.sources);
  record.samples_per_text = std::move(samples.samples_per_text);
  record.dropped_per_text = std::move(samples.dropped_per_text);
  record.warnings = std::move(samples.warnings);
  tokenized.tokens = std::move(samples.tokens);
  tokenized.sampling = std::move(record);
}

Json sampling_json(const TokenizedCorpus& tokenized) {
  if (!tokenized.sampling) return nullptr;
  const TokenizedCorpus::Sampling& s = *tokenized.sampling;
  Json j;
  j["spec"] = text::sample_spec(s.options);
  if (s.options.mode == text::SampleMode::kRandom) j["seed"] = s.options.seed;
  j["keep_short"] = s.options.keep_short;
  j["samples"] = tokenized.tokens.documents();
  Json per = Json::object(), dropped = Json::object();
  for (size_t d = 0; d < s.text_ids.size(); ++d) {
    per[s.text_ids[d]] = s.samples_per_text[d];
    dropped[s.text_ids[d]] = s.dropped_per_text[d];
  }
  j["samples_per_text"] = per;
  if (s.options.mode == text::SampleMode::kNormal) j["dropped_tokens"] = dropped;
  return j;
}

void refuse_samples(const SampleConfig& config, const std::string& what) {
  STYLOKIT_CHECK(!samples_asked(config), ConfigError,
                 "sample: {} does not read the sampled tokens; samples apply to MFW tables and the features matrix "
                 "(set sample = none here)",
                 what);
}

fs::path pronoun_list_path(const std::string& language) {
  // R/stylo.pronouns.R: English unless the language has a list of its own; Latin.corr reads Latin's.
  std::string name = text::canonical_stylo_language(language.empty() ? "English.all" : language);
  std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  if (name == "latin.corr") name = "latin";
  static const std::set<std::string> own{"latin",   "polish",    "french", "german",
                                         "italian", "hungarian", "dutch",  "spanish"};
  if (!own.count(name)) name = "english";
  const fs::path p = data_dir() / "pronouns" / (name + ".txt");
  std::error_code ec;
  STYLOKIT_CHECK(fs::is_regular_file(p, ec), ConfigError, "delete_pronouns: the pronoun list {} is missing",
                 p.string());
  return p;
}

std::vector<DocumentStats> document_stats(const TokenizedCorpus& tokenized) {
  const text::TokenCorpus& tc = tokenized.tokens;
  std::vector<DocumentStats> out(tc.documents());
  std::vector<uint32_t> last_seen(tc.vocab.size(), 0);  // document index + 1 that last counted the id
  for (size_t d = 0; d < tc.documents(); ++d) {
    DocumentStats& s = out[d];
    s.tokens = tc.doc_size(d);
    s.sentences = tc.sentence_count[d];
    for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) {
      uint32_t& seen = last_seen[static_cast<size_t>(tc.ids[t])];
      if (seen != d + 1) {
        seen = static_cast<uint32_t>(d + 1);
        ++s.types;
      }
    }
  }
  return out;
}

// ---- Features --------------------------------------------------------------------------

namespace {

// Re-throws a stage's ConfigError with the field it came from, unless it names it already.
template <typename Fn>
auto field(const std::string& name, Fn fn) {
  try {
    return fn();
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    // Some stages still spell the field as a flag; the pipeline speaks in field names.
    if (what.rfind("--" + name, 0) == 0) throw ConfigError(what.substr(2));
    throw ConfigError(fmt::format("{}: {}", name, what));
  }
}

}  // namespace

features::VectorizerOptions vectorizer_options(const FeaturesConfig& config, const text::TextOptions& text,
                                               int threads) {
  features::VectorizerOptions o;
  field("analyzer", [&] {
    features::parse_feature_spec(fmt::format("{}:{}-{}", config.analyzer, config.ngram_min, config.ngram_max), o);
    return 0;
  });
  o.tokenizer = field("tokenizer", [&] { return features::parse_tokenizer(config.tokenizer); });
  o.text = text;
  o.stylo = stylo_options(config, text);
  o.tf = field("tf", [&] { return features::parse_tf(config.tf); });
  o.idf = field("idf", [&] { return features::parse_idf(config.idf); });
  o.norm = field("norm", [&] { return features::parse_norm(config.norm); });
  o.min_df = features::DfBound::parse(config.min_df, "min_df");
  o.max_df = features::DfBound::parse(config.max_df, "max_df");
  o.max_features = config.max_features;
  o.threads = threads;
  if (!config.stop_words.empty())
    o.stop_words = field("stop_words", [&] {
      return features::load_stop_words(config.stop_words,
                                       o.tokenizer == features::TokenizerKind::kIcu ? &o.text : nullptr);
    });
  o.validate();
  return o;
}

// ---- MFW table -------------------------------------------------------------------------

void validate(const MfwConfig& config) {
  STYLOKIT_CHECK(config.mfw >= 1, ConfigError, "mfw: the number of most frequent words must be at least 1, got {}",
                 config.mfw);
  STYLOKIT_CHECK(config.start_at >= 1, ConfigError, "start_at: ranks are counted from 1, got {}", config.start_at);
  STYLOKIT_CHECK(std::isfinite(config.culling) && config.culling >= 0 && config.culling <= 100, ConfigError,
                 "culling: a percentage in [0, 100], got {}", config.culling);
  features::VectorizerOptions probe;
  field("mfw_features", [&] {
    features::parse_feature_spec(config.mfw_features, probe);
    return 0;
  });
}

namespace {

// True when `tokenized` holds the tokens the icu tokenizer with `text` (or the stylo tokenizer
// with `stylo`) would make.
bool reusable(const TokenizedCorpus* tokenized, features::TokenizerKind kind, const text::TextOptions& text,
              const text::StyloOptions& stylo) {
  if (tokenized == nullptr) return false;
  const text::TokenCorpus& tc = tokenized->tokens;
  if (kind == features::TokenizerKind::kStylo) return tc.stylo_options && *tc.stylo_options == stylo;
  return kind == features::TokenizerKind::kIcu && !tc.stylo_options && tc.text_options && *tc.text_options == text;
}

}  // namespace

namespace {

// A sampled corpus whose tokens are not the ones a step asks for: counting the whole texts
// instead would silently drop the sampling.
[[noreturn]] void unsampled_tokens(features::TokenizerKind kind) {
  if (kind == features::TokenizerKind::kSklearn)
    throw ConfigError(
        "sample: samples are cut from the tokens, which tokenizer sklearn does not keep; use tokenizer icu or stylo");
  throw ConfigError("sample: the samples were cut from tokens made with other tokenizer or text options");
}

}  // namespace

features::Vectorized vectorize(const FeaturesConfig& config, const text::TextOptions& text, const Corpus& corpus,
                               const TokenizedCorpus* tokenized, int threads) {
  const features::VectorizerOptions vo = vectorizer_options(config, text, threads);
  if (reusable(tokenized, vo.tokenizer, text, vo.stylo)) return features::vectorize(tokenized->tokens, vo);
  if (tokenized != nullptr && tokenized->sampling) unsampled_tokens(vo.tokenizer);
  return features::vectorize(corpus, vo);
}

MfwResult mfw_table(const MfwConfig& config, const Corpus* corpus, const text::TextOptions& text,
                    const std::string& tokenizer, int threads, const TokenizedCorpus* tokenized) {
  FeaturesConfig features;
  features.tokenizer = tokenizer;
  return mfw_table(config, corpus, text, features, threads, tokenized);
}

MfwResult mfw_table(const MfwConfig& config, const Corpus* corpus, const text::TextOptions& text,
                    const FeaturesConfig& features, int threads, const TokenizedCorpus* tokenized) {
  validate(config);
  const features::TokenizerKind kind =
      field("tokenizer", [&] { return features::parse_tokenizer(features.tokenizer); });
  const text::StyloOptions stylo = stylo_options(features, text);
  STYLOKIT_CHECK(!config.delete_pronouns || kind == features::TokenizerKind::kStylo, ConfigError,
                 "delete_pronouns: stylo's pronoun lists go with tokenizer stylo and its language (the tokenizer is "
                 "{}); use delete_words with a list instead",
                 features.tokenizer);
  const bool icu = kind == features::TokenizerKind::kIcu;
  const bool from_table = !config.frequency_table.empty();
  STYLOKIT_CHECK(!from_table || tokenized == nullptr || !tokenized->sampling, ConfigError,
                 "sample: a frequency_table is read as it is; samples are cut from a corpus");
  STYLOKIT_CHECK(from_table || corpus != nullptr, ConfigError, "frequency_table: give a corpus or a frequency table");
  MfwResult out;
  Json& params = out.parameters;
  const size_t skip = config.start_at - 1;

  // A fixed list is normalised as the tokens are, so "The" finds "the".
  std::vector<std::string> fixed;
  if (!config.features_file.empty()) {
    fixed = similarity::parse_features_file(read_file(config.features_file), config.features_file);
    if (icu) {
      text::Tokenizer tok(text);
      std::set<std::string> seen;
      for (auto& w : fixed) {
        std::string norm;
        tok.normalize_append(w, norm);
        STYLOKIT_CHECK(seen.insert(norm).second, DataError, "{}: '{}' duplicates another feature once normalised",
                       config.features_file, w);
        w = norm;
      }
    }
  }
  std::set<std::string> deleted;
  if (!config.delete_words.empty())
    for (auto& w :
         field("delete_words", [&] { return features::load_stop_words(config.delete_words, icu ? &text : nullptr); }))
      deleted.insert(w);
  if (config.delete_pronouns)
    for (auto& w : field("delete_pronouns",
                         [&] { return features::load_stop_words(pronoun_list_path(stylo.language).string()); }))
      deleted.insert(w);

  features::MfwTable table;
  if (from_table) {
    table = similarity::parse_frequency_table(read_file(config.frequency_table), config.frequency_table);
    params["input"] = "frequency-table";
  } else {
    features::MfwOptions mo;
    mo.culling = config.culling;
    if (!fixed.empty()) {
      mo.features = fixed;
    } else {
      // Deletions come before the ranking cut (as stylo deletes pronouns), so ask for enough.
      mo.mfw = config.mfw == MfwConfig::kAll ? 0 : config.mfw + skip + deleted.size();
    }
    mo.validate();
    features::VectorizerOptions wo;
    features::parse_feature_spec(config.mfw_features, wo);
    wo.tokenizer = kind;
    wo.text = text;
    wo.stylo = stylo;
    wo.threads = threads;
    const bool reuse = reusable(tokenized, kind, text, stylo);
    if (!reuse && tokenized != nullptr && tokenized->sampling) unsampled_tokens(kind);
    table = reuse ? features::mfw_table(tokenized->tokens, mo, wo) : features::mfw_table(*corpus, mo, wo);
    params["input"] = "corpus-mfw";
    if (reuse && tokenized->sampling) {
      params["sample"] = sampling_json(*tokenized);
      for (const auto& w : tokenized->sampling->warnings) out.warnings.push_back(w);
    }
  }

  const bool every_word = config.mfw == MfwConfig::kAll;
  const size_t want = config.mfw;  // kAll takes every ranked word left after start_at and deletions
  std::vector<size_t> cols;
  if (!fixed.empty()) {
    if (from_table) {
      // Fixed list on a table: absent features count 0 everywhere (as mfw.h does for a corpus).
      std::vector<std::string> missing;
      for (const auto& w : fixed)
        if (std::find(table.words.begin(), table.words.end(), w) == table.words.end()) missing.push_back(w);
      if (!missing.empty()) {
        out.warnings.push_back(fmt::format("{} listed feature(s) not in {} counted as 0 everywhere, e.g. '{}'",
                                           missing.size(), config.frequency_table, missing.front()));
        const Eigen::Index old = table.relative.cols();
        table.relative.conservativeResize(Eigen::NoChange, old + static_cast<Eigen::Index>(missing.size()));
        table.relative.rightCols(static_cast<Eigen::Index>(missing.size())).setZero();
        for (const auto& w : missing) table.words.push_back(w);
        similarity::standardize(table);
      }
      for (const auto& w : fixed)
        cols.push_back(static_cast<size_t>(std::find(table.words.begin(), table.words.end(), w) - table.words.begin()));
    } else {
      for (size_t k = 0; k < table.words.size(); ++k) cols.push_back(k);
    }
    if (config.mfw != MfwConfig{}.mfw || config.start_at != 1 || !deleted.empty())
      out.warnings.push_back("features_file given: mfw, start_at and delete_words are ignored");
  } else {
    size_t skipped = 0;
    for (size_t k = 0; k < table.words.size() && cols.size() < want; ++k) {
      if (deleted.count(table.words[k])) continue;
      if (skipped < skip) {
        ++skipped;
        continue;
      }
      cols.push_back(k);
    }
    if (!every_word && cols.size() < want)
      out.warnings.push_back(fmt::format("asked for {} MFW but only {} are available{}; using {}", want, cols.size(),
                                         config.culling > 0 ? " after culling" : "", cols.size()));
  }
  STYLOKIT_CHECK(!cols.empty(), DataError, "no feature left for the MFW table (start_at {}, {} deleted)",
                 config.start_at, deleted.size());
  params["mfw"] = every_word ? cols.size() : want;
  params["mfw_used"] = cols.size();
  params["mfw_features"] = config.mfw_features;
  params["start_at"] = config.start_at;
  params["culling"] = config.culling;
  if (!config.delete_words.empty()) params["delete_words"] = config.delete_words;
  if (config.delete_pronouns) params["delete_pronouns"] = pronoun_list_path(stylo.language).filename().string();
  if (kind == features::TokenizerKind::kStylo && !from_table) {
    params["tokenizer"] = "stylo";
    params["language"] = stylo.language;
    params["preserve_case"] = stylo.preserve_case;
    if (!stylo.splitting_rule.empty()) params["splitting_rule"] = stylo.splitting_rule;
    if (!stylo.token_pattern.empty()) params["token_pattern"] = stylo.token_pattern;
  }
  if (!config.features_file.empty()) params["features_file"] = config.features_file;
  if (from_table) params["frequency_table"] = config.frequency_table;
  out.table = similarity::select_columns(table, cols);
  return out;
}

// ---- Similarity ------------------------------------------------------------------------

namespace {

SimilarityResult start_result(const SimilarityConfig& config) {
  SimilarityResult r;
  r.measure_name = config.measure;
  r.variant_name = config.variant;
  r.measure = field("measure", [&] { return similarity::parse_measure(config.measure); });
  r.variant = field("variant", [&] { return similarity::parse_variant(config.variant); });
  return r;
}

void take(SimilarityResult& r, similarity::PairwiseResult&& p) {
  r.values = std::move(p.values);
  r.features_used = p.features_used;
  r.dropped = std::move(p.dropped);
  r.zero_rows = std::move(p.zero_rows);
  for (auto& w : p.warnings) r.warnings.push_back(std::move(w));
  if (!r.zero_rows.empty())
    r.warnings.push_back(
        fmt::format("{} document(s) with an all-zero feature vector (cosine 0 with every "
                    "document), e.g. {}",
                    r.zero_rows.size(), r.ids[r.zero_rows.front()]));
}

}  // namespace

bool uses_mfw_table(const SimilarityConfig& config) {
  const similarity::Measure m = field("measure", [&] { return similarity::parse_measure(config.measure); });
  field("variant", [&] { return similarity::parse_variant(config.variant); });
  const bool sparse = m == similarity::Measure::kCosine || m == similarity::Measure::kJaccard;
  return !sparse || config.mfw_given;
}

SimilarityResult similarity_on_table(const MfwResult& mfw, const SimilarityConfig& config, int threads) {
  SimilarityResult r = start_result(config);
  r.ids = mfw.table.doc_ids;
  r.parameters = mfw.parameters;
  r.features = mfw.table.words;
  r.warnings = mfw.warnings;
  similarity::PairwiseOptions po;
  po.variant = r.variant;
  po.threads = resolve_thread_count(threads);
  take(r, similarity::pairwise(mfw.table, r.measure, po));
  return r;
}

SimilarityResult similarity_on_matrix(const DocTermMatrix& matrix, const std::vector<std::string>& ids,
                                      const SimilarityConfig& config, Json parameters, int threads) {
  SimilarityResult r = start_result(config);
  r.ids = ids;
  r.parameters = std::move(parameters);
  similarity::PairwiseOptions po;
  po.variant = r.variant;
  po.threads = resolve_thread_count(threads);
  take(r, similarity::pairwise_sparse(matrix, r.measure, po));
  return r;
}

std::string similarity_csv(const SimilarityResult& result) {
  return similarity::format_matrix_csv(result.values, result.ids);
}

Json similarity_json(const SimilarityResult& r) {
  const bool larger = similarity::larger_is_closer(r.measure);
  Json meta;
  meta["measure"] = r.measure_name;
  meta["direction"] = larger ? "similarity" : "distance";
  meta["larger_is_closer"] = larger;
  meta["variant"] = r.variant_name;
  meta["formula"] = similarity::formula(r.measure, r.variant);
  meta["output"] = "matrix";
  meta["parameters"] = r.parameters;
  meta["documents"] = r.ids.size();
  meta["features_used"] = r.features_used;
  meta["dropped_features"] = r.dropped;
  if (!r.features.empty()) meta["features"] = r.features;
  std::vector<std::string> zero;
  for (size_t i : r.zero_rows) zero.push_back(r.ids[i]);
  meta["zero_vector_documents"] = zero;
  meta["warnings"] = r.warnings;
  return meta;
}

// ---- Clustering ------------------------------------------------------------------------

cluster::LabeledDistances distances_of(const SimilarityResult& result, const std::string& source) {
  cluster::LabeledDistances out;
  out.ids = result.ids;
  out.measure = result.measure_name;
  Eigen::MatrixXd dist = result.values;
  if (similarity::larger_is_closer(result.measure)) {
    out.direction = cluster::Direction::kSimilarity;
    out.conversion = cluster::similarity_to_distance(dist, source);
  }
  out.distances = cluster::condensed_from_dense(dist, source);
  return out;
}

TreeResult cluster_tree(const cluster::LabeledDistances& distances, const ClusterConfig& config) {
  const cluster::Method method = cluster::parse_method(config.method, "method");
  const size_t n = distances.ids.size();
  TreeResult out;
  out.linkage = cluster::linkage(distances.distances, method);
  out.cophenetic = NAN;
  try {
    out.cophenetic = cluster::cophenetic_correlation(out.linkage, distances.distances);
  } catch (const DataError& e) {
    out.warnings.push_back(fmt::format("cophenetic correlation: {}", e.what()));
  }
  size_t k = std::min(config.k, n);
  if (config.choose_k > 0) {
    STYLOKIT_CHECK(config.choose_k >= 2, ConfigError, "choose_k: must be at least 2, got {}", config.choose_k);
    STYLOKIT_CHECK(n >= 3, DataError, "choose_k: choosing k by silhouette needs at least 3 documents, got {}", n);
    auto scan = cluster::choose_k_by_silhouette(distances.distances, 2, std::min(n - 1, config.choose_k),
                                                [&](size_t kk) { return cluster::cut_k(out.linkage, kk); });
    k = scan.best_k;
  }
  if (k > 0) out.labels = cluster::cut_k(out.linkage, k);
  out.k = k;
  return out;
}

cluster::MapResult mds_map(const cluster::LabeledDistances& distances) {
  return cluster::classical_mds(distances.distances, std::min<size_t>(2, distances.ids.size()));
}

cluster::MapResult pca_map(const Eigen::Ref<const Eigen::MatrixXd>& rows, const std::string& source) {
  STYLOKIT_CHECK(rows.rows() >= 2 && rows.cols() >= 1, DataError, "{}: PCA needs at least 2 documents and 1 feature",
                 source);
  return cluster::pca(rows, std::min<size_t>(2, static_cast<size_t>(std::min(rows.rows(), rows.cols()))));
}

// ---- Phrases and reuse -----------------------------------------------------------------

void validate(const PhrasesConfig& config) {
  STYLOKIT_CHECK(config.min_len >= 1, ConfigError, "min_len: must be at least 1, got {}", config.min_len);
  STYLOKIT_CHECK(config.max_len >= config.min_len, ConfigError, "max_len: min_len {} is above max_len {}",
                 config.min_len, config.max_len);
  STYLOKIT_CHECK(config.min_count >= 2, ConfigError, "min_count: must be at least 2, got {}", config.min_count);
  STYLOKIT_CHECK(config.min_docs >= 1, ConfigError, "min_docs: must be at least 1, got {}", config.min_docs);
  field("sort", [&] {
    phrases::check_sort_key(config.sort);
    return 0;
  });
}

phrases::RankedPhrases find_phrases(TokenizedCorpus& tokenized, const PhrasesConfig& config,
                                    const text::TextOptions& text, bool keep_occurrences) {
  validate(config);
  text::TokenCorpus& tc = tokenized.tokens;
  if (config.stop_words != "none" && !config.stop_words.empty() && tc.is_stop.empty())
    text::mark_stop_words(tc, text::StopWords::load(config.stop_words, text::Tokenizer(text)));
  phrases::MineOptions mine;
  mine.min_len = config.min_len;
  mine.max_len = config.max_len;
  mine.min_docs = config.min_docs;
  mine.min_count = config.min_count;
  mine.skip_stop_only = config.skip_stop_only;
  mine.keep_occurrences = keep_occurrences;
  // Sorting suffixes to depth max_len + 1 suffices for phrases of at most max_len tokens.
  Progress steps("", 3);  // inside the caller's step ("phrases 2/3 finding > 1/3 indexing")
  steps.step("indexing");
  phrases::PhraseIndex index(tc, {.split_sentences = config.split_sentences, .max_phrase_len = config.max_len});
  steps.step("mining");
  phrases::PhraseList found = index.mine(mine);
  steps.step("ranking");
  return phrases::rank_phrases(index, std::move(found), config.sort);
}

phrases::ReuseOptions reuse_options(const ReuseConfig& config, int threads) {
  phrases::ReuseOptions ro;
  ro.align.min_len = config.min_len;
  ro.align.min_score = config.min_score;
  ro.align.seed_len = config.seed_len;
  ro.align.band = config.band;
  ro.ngram = config.ngram;
  ro.max_df = config.max_df;
  ro.min_shared = config.min_shared;
  ro.mask_df = config.mask_df;
  ro.threads = resolve_thread_count(threads);
  STYLOKIT_CHECK(config.ngram >= 1, ConfigError, "ngram: must be at least 1, got {}", config.ngram);
  STYLOKIT_CHECK(config.mask_df != 1, ConfigError, "mask_df: 1 would mask every n-gram; use 0 (off) or >= 2");
  phrases::validate(ro.align);
  return ro;
}

phrases::ReuseResult find_reuse(const TokenizedCorpus& tokenized, const ReuseConfig& config, int threads) {
  return phrases::find_reuse(tokenized.tokens, reuse_options(config, threads));
}

}  // namespace stylokit::pipeline

// ---- Oppose ----------------------------------------------------------------------------

namespace stylokit::pipeline {

contrast::OpposeOptions oppose_options(const OpposeConfig& config) {
  contrast::OpposeOptions o;
  o.method = contrast::parse_method(config.method);
  o.correction = contrast::parse_correction(config.correction);
  o.slice = config.slice;
  o.rare_threshold = config.rare_threshold;
  o.threshold = config.threshold;
  o.validate();
  return o;
}

namespace {

std::vector<size_t> group_by_ids(const Corpus& corpus, const std::vector<std::string>& ids, const char* field) {
  std::vector<size_t> out;
  for (const auto& id : ids) {
    size_t d = 0;
    while (d < corpus.size() && corpus.documents[d].id != id) ++d;
    STYLOKIT_CHECK(d < corpus.size(), ConfigError, "{}: no text '{}' in {}", field, id, corpus.origin);
    out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<size_t> group_by_value(const Corpus& corpus, const std::string& column, const std::string& value,
                                   const char* field) {
  STYLOKIT_CHECK(!value.empty(), ConfigError, "{}: give the value of {} for this group", field, column);
  std::vector<size_t> out;
  for (size_t d = 0; d < corpus.size(); ++d) {
    auto it = corpus.documents[d].metadata.find(column);
    if (it != corpus.documents[d].metadata.end() && it->second == value) out.push_back(d);
  }
  STYLOKIT_CHECK(!out.empty(), ConfigError, "{}: a group with no texts (no text has {} = '{}')", field, column, value);
  return out;
}

}  // namespace

OpposeRun run_oppose(const Corpus& corpus, const TokenizedCorpus& tokenized, const OpposeConfig& config) {
  const contrast::OpposeOptions options = oppose_options(config);
  STYLOKIT_CHECK(!tokenized.sampling, ConfigError, "sample: oppose cuts its own slices (slice), not samples");
  const bool by_ids = !config.group_a.empty() || !config.group_b.empty();
  const bool by_value = !config.group_column.empty() || !config.a.empty() || !config.b.empty();
  STYLOKIT_CHECK(!(by_ids && by_value), ConfigError,
                 "group_a: give the groups either as id lists (group_a, group_b) or by a metadata column "
                 "(group_column, a, b), not both");
  STYLOKIT_CHECK(
      by_ids || by_value, ConfigError,
      "group_a: give the groups as id lists (group_a, group_b) or by a metadata column (group_column, a, b)");
  OpposeRun run;
  if (by_ids) {
    STYLOKIT_CHECK(!config.group_a.empty(), ConfigError, "group_a: a group with no texts");
    STYLOKIT_CHECK(!config.group_b.empty(), ConfigError, "group_b: a group with no texts");
    run.group_a = group_by_ids(corpus, config.group_a, "group_a");
    run.group_b = group_by_ids(corpus, config.group_b, "group_b");
  } else {
    STYLOKIT_CHECK(!config.group_column.empty(), ConfigError, "group_column: give the metadata column of a and b");
    STYLOKIT_CHECK(std::find(corpus.metadata_columns.begin(), corpus.metadata_columns.end(), config.group_column) !=
                       corpus.metadata_columns.end(),
                   ConfigError, "group_column: no metadata column '{}' in {}", config.group_column, corpus.origin);
    run.group_a = group_by_value(corpus, config.group_column, config.a, "a");
    run.group_b = group_by_value(corpus, config.group_column, config.b, "b");
  }
  run.result = contrast::oppose(tokenized.tokens, run.group_a, run.group_b, options);
  return run;
}

std::string oppose_csv(const std::vector<contrast::WordScore>& words, const std::vector<uint64_t>& kwic_lines) {
  std::string out = "rank,word,score,count_a,count_b,slices_a,slices_b,share_a,share_b,kwic_lines\n";
  for (size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    out +=
        fmt::format("{},{},{:.17g},{},{},{},{},{:.17g},{:.17g},{}\n", i + 1, csv_escape(w.word), w.score, w.count_a,
                    w.count_b, w.slices_a, w.slices_b, w.share_a, w.share_b, i < kwic_lines.size() ? kwic_lines[i] : 0);
  }
  return out;
}

std::string oppose_kwic_tsv(const Corpus& corpus, const TokenizedCorpus& tokenized, const OpposeRun& run,
                            const OpposeConfig& config, std::vector<uint64_t>& kwic_lines) {
  const text::TokenCorpus& tc = tokenized.tokens;
  const auto& r = run.result;
  // Each listed word's position in the lists: 1 + index into preferred then avoided.
  std::vector<uint32_t> slot(tc.vocab.size(), 0);
  const size_t listed = r.preferred.size() + r.avoided.size();
  for (size_t i = 0; i < r.preferred.size(); ++i)
    slot[static_cast<size_t>(r.preferred[i].id)] = static_cast<uint32_t>(i + 1);
  for (size_t i = 0; i < r.avoided.size(); ++i)
    slot[static_cast<size_t>(r.avoided[i].id)] = static_cast<uint32_t>(r.preferred.size() + i + 1);
  kwic_lines.assign(listed, 0);
  const uint64_t cap = config.kwic_per_word;
  const uint64_t window = config.kwic_window;
  std::string out = "list\tword\tgroup\tdoc\tstart_byte\tend_byte\tleft\tmatch\tright\n";
  for (int g = 0; g < 2; ++g) {
    std::vector<uint64_t> taken(listed, 0);
    for (size_t d : g == 0 ? run.group_a : run.group_b) {
      const uint64_t b = tc.doc_begin[d], e = tc.doc_begin[d + 1];
      for (uint64_t t = b; t < e; ++t) {
        const uint32_t s = slot[static_cast<size_t>(tc.ids[t])];
        if (s == 0 || (cap > 0 && taken[s - 1] >= cap)) continue;
        ++taken[s - 1];
        ++kwic_lines[s - 1];
        phrases::KwicLine l;
        l.doc = static_cast<uint32_t>(d);
        l.token_begin = t - b;
        l.token_end = t - b + 1;
        l.start_byte = tc.byte_begin[t];
        l.end_byte = tc.byte_end[t];
        l.left_byte = tc.byte_begin[t - std::min(window, t - b)];
        l.right_byte = tc.byte_end[std::min(t + window, e - 1)];
        const phrases::KwicTexts x = phrases::kwic_texts(corpus.documents[d], l);
        const bool preferred = s <= r.preferred.size();
        const std::string& word = tc.vocab[static_cast<size_t>(tc.ids[t])];
        auto clean = [](std::string v) {
          for (char& c : v)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
          return v;
        };
        out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", preferred ? "preferred" : "avoided", clean(word),
                           g == 0 ? "A" : "B", clean(corpus.documents[d].id),
                           corpus.documents[d].file_offset(l.start_byte), corpus.documents[d].file_offset(l.end_byte),
                           clean(x.left), clean(x.match), clean(x.right));
      }
    }
  }
  return out;
}

}  // namespace stylokit::pipeline
