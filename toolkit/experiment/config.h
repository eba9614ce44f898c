#pragma once
// An experiment file (TOML) as read: the pipeline's config structs (toolkit/pipeline/config.h)
// under the sections that bind them, plus what only a run folder needs (name, title, the
// similarity that drives the pictures). Keys are the pipeline's field names; docs/OPTIONS.md
// lists them with their command-line spelling.
//
//   name, title                      the run folder's name and the report's heading
//   [corpus]     CorpusConfig        + group_by (metadata column that colours the pictures)
//                SampleConfig        sample, seed, keep_short (texts cut into samples)
//   [text]       text::TextOptions   normalize, case, unify_punctuation, punctuation,
//                                    numbers, locale
//   [features]   FeaturesConfig      analyzer, ngram = [min, max], tokenizer, tf, idf, norm,
//                                    min_df, max_df, max_features, stop_words
//   [[similarity]] SimilarityConfig  measure, variant, name, mfw, start_at, culling,
//                                    mfw_features, delete_words, features_file
//   [cluster]    ClusterConfig       similarity (a [[similarity]] name), method, k, choose_k, map
//   [phrases]    PhrasesConfig       + enabled, top (rows in the report)
//   [reuse]      ReuseConfig         + enabled
//   [classify]   ClassifyConfig      + enabled; classifier, measure, variant, label, set_column,
//                                    train, cv, seed, z_scores, k, top_n, mfw, culling,
//                                    start_at, mfw_features, delete_words, delete_pronouns,
//                                    features_file (labels from [corpus] metadata)

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/pipeline/config.h"

namespace stylokit::experiment {

struct NamedSimilarity {
  std::string name;  // output file name (similarity/<name>.csv); default: measure
  pipeline::SimilarityConfig config;
};

struct ExperimentConfig {
  std::filesystem::path file;     // the TOML file, absolute
  std::string name;               // run folder name; default: the file's stem
  std::string title;              // report heading; default: name
  pipeline::CorpusConfig corpus;  // paths made absolute (relative to the file)
  pipeline::SampleConfig sample;  // [corpus] sample, seed, keep_short
  std::string group_by;           // metadata column that colours the pictures; "" = none
  text::TextOptions text;
  pipeline::FeaturesConfig features;
  std::vector<NamedSimilarity> similarities;  // at least one (default: cosine on [features])
  std::string cluster_similarity;             // which similarity feeds pairs, tree, map; default: first
  pipeline::ClusterConfig cluster;
  bool phrases = false;  // a [phrases] table turns them on (enabled = false: off)
  pipeline::PhrasesConfig phrase_options;
  size_t phrases_top = 40;  // phrases shown in the report (phrases.csv has all)
  bool reuse = false;
  pipeline::ReuseConfig reuse_options;
  bool classify = false;  // a [classify] table turns it on (enabled = false: off)
  pipeline::ClassifyConfig classify_options;
};

// Reads and validates an experiment file. Unknown keys, wrong types and bad values are
// ConfigErrors naming the file, line, section and key; deprecated keys warn (in `warnings`).
ExperimentConfig parse_experiment(const std::filesystem::path& path, std::vector<std::string>* warnings = nullptr);

// The config as resolved (defaults filled in, paths absolute): what the manifest records.
nlohmann::ordered_json config_json(const ExperimentConfig& config);

}  // namespace stylokit::experiment
