#pragma once
// The pipeline layer: the steps every front end composes, each taking a config struct
// (config.h) and returning a typed result. The CLI commands, the experiment runner and later
// front ends call these and never compose the stages below themselves, so that one option
// means one thing everywhere.
//
// Order of a full run: load_corpus → tokenize (once; every later step that needs tokens
// reads the TokenizedCorpus) → vectorize / mfw_table → similarity_on_* → distances_of →
// cluster_tree → find_phrases / find_reuse.
//
// Errors: ConfigError for options (the message starts with the config field's name), DataError
// and IoError for inputs (naming the file). Thread-safety: every step is a free function with
// no shared state; `threads` is 0 for all cores and never changes a result.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "toolkit/classify/metrics.h"
#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/maps.h"
#include "toolkit/contrast/oppose.h"
#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/corpus.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/phrases/phrase_table.h"
#include "toolkit/phrases/reuse.h"
#include "toolkit/pipeline/config.h"
#include "toolkit/similarity/measure.h"
#include "toolkit/text/samples.h"
#include "toolkit/text/token_corpus.h"

namespace stylokit::pipeline {

using Json = nlohmann::ordered_json;

// ---- Corpus ----------------------------------------------------------------------------

struct LoadedCorpus {
  Corpus corpus;
  std::vector<std::vector<Removal>> removals;  // what cleaning removed, per document
  std::filesystem::path cleaning_rules;        // the rules file used; empty when not cleaned
  std::vector<std::string> warnings;           // one line per document problem kept or skipped
};

// The cleaning rules file `clean` names: a shipped name (data/cleaning/<name>.toml) or a path.
// Throws ConfigError naming `clean` when neither exists.
std::filesystem::path cleaning_rules_path(const std::string& clean);

// Loads, validates, removes markup (config.markup) and (when config.clean is set) cleans.
// Throws ConfigError (format, on_bad_input, clean, encoding, markup), IoError and DataError naming the file. O(total
// bytes).
LoadedCorpus load_corpus(const CorpusConfig& config);

// Every file a load read — corpus path, metadata, cleaning rules, each document's file (skipped
// ones too) — so that an output never overwrites one of them.
std::vector<std::filesystem::path> input_files(const CorpusConfig& config, const LoadedCorpus& loaded);

// ---- Text ------------------------------------------------------------------------------

// "nfkc" | "nfc" | "none"; ConfigError naming `normalize` otherwise.
text::Normalization parse_normalization(const std::string& name);
const char* normalization_name(text::Normalization n);

// "fold" | "lower" | "keep"; ConfigError naming `case` otherwise.
text::CaseMapping parse_case_mapping(const std::string& name);
const char* case_mapping_name(text::CaseMapping c);

// The corpus tokenized once: token ids with byte spans, sentences and each document's
// sentence count (text::TokenCorpus).
struct TokenizedCorpus {
  text::TokenCorpus tokens;
  // Set by make_samples: `tokens` then holds one document per sample.
  struct Sampling {
    SampleConfig config;
    text::SampleOptions options;
    std::vector<std::string> text_ids;        // the source documents, corpus order
    std::vector<text::SampleSource> sources;  // per sample
    std::vector<uint64_t> samples_per_text;   // per source document
    std::vector<uint64_t> dropped_per_text;   // per source document: tokens in no sample
    std::vector<std::string> warnings;
  };
  std::optional<Sampling> sampling;
};

// Tokenizes every document with the text stage. O(total bytes); parallel over documents,
// identical for any thread count. Throws ConfigError for bad text options (locale).
TokenizedCorpus tokenize(const Corpus& corpus, const text::TextOptions& text, int threads);

// The stylo tokenizer's options of a [features] config. Throws ConfigError naming the field:
// language, preserve_case, splitting_rule or token_pattern set while tokenizer is not stylo,
// an unknown language, a regex that does not compile, both regexes given; with tokenizer
// stylo, an ICU text option (`text` other than the defaults: case, normalize,
// unify_punctuation, punctuation, numbers, locale) that stylo's rules would ignore.
text::StyloOptions stylo_options(const FeaturesConfig& config, const text::TextOptions& text);

// Tokenizes with the [features] tokenizer: stylo → stylo's tokenizer (stylo_options(features));
// icu and sklearn → the text stage with `text` (scikit-learn's tokens carry no sentences or
// spans, so token-reading steps use ICU's then). Same cost and guarantees as above.
TokenizedCorpus tokenize(const Corpus& corpus, const text::TextOptions& text, const FeaturesConfig& features,
                         int threads);

// ---- Samples ---------------------------------------------------------------------------

// True when the config asks for samples (sample is not "none").
bool samples_asked(const SampleConfig& config);

// The sampling options of the config (spec parsed, seed, keep_short). Throws ConfigError naming
// `sample` for a bad spec.
text::SampleOptions sample_options(const SampleConfig& config, int threads);

// Cuts `tokenized` into samples (text::make_samples) in place and records how in
// tokenized.sampling; nothing happens for sample = "none". Throws ConfigError naming `sample`
// (bad spec, a corpus already sampled), DataError naming a text shorter than SIZE without
// keep_short. O(sampled tokens + V); identical for any thread count.
void make_samples(TokenizedCorpus& tokenized, const SampleConfig& config, int threads);

// What the sidecars record: {"spec", "seed" (random only), "keep_short", "samples" (total),
// "samples_per_text": {id: n}, "dropped_tokens": {id: n} (normal only)}; null without sampling.
Json sampling_json(const TokenizedCorpus& tokenized);

// Refuses sampling where a step cannot count samples: ConfigError "sample: <what> does not read
// the sampled tokens ...". A no-op for sample = "none".
void refuse_samples(const SampleConfig& config, const std::string& what);

// The shipped pronoun list for a stylo language (data/pronouns/<name>.txt), chosen as
// stylo.pronouns() chooses it: Latin.corr reads latin, English.all/English.contr and every
// language without a list (CJK, Other) read english. Throws ConfigError naming the language.
std::filesystem::path pronoun_list_path(const std::string& language);

struct DocumentStats {
  uint64_t tokens = 0;
  uint64_t types = 0;  // distinct normalised tokens
  uint32_t sentences = 0;
};
// Per document, corpus order. O(tokens).
std::vector<DocumentStats> document_stats(const TokenizedCorpus& tokenized);

// ---- Features --------------------------------------------------------------------------

// The vectorizer's options from the config (stop-word list loaded and normalised as tokens
// are). Throws ConfigError naming the field (analyzer, ngram, tokenizer, tf, idf, norm, min_df,
// max_df, stop_words).
features::VectorizerOptions vectorizer_options(const FeaturesConfig& config, const text::TextOptions& text,
                                               int threads);

// The document-term matrix. With the icu tokenizer and a `tokenized` corpus made with the same
// text options, the terms are counted from it (the text stage does not run again); otherwise
// from the corpus. The same matrix either way. Throws as vectorizer_options and
// features::vectorize.
features::Vectorized vectorize(const FeaturesConfig& config, const text::TextOptions& text, const Corpus& corpus,
                               const TokenizedCorpus* tokenized, int threads);

// ---- MFW table -------------------------------------------------------------------------

struct MfwResult {
  features::MfwTable table;
  Json parameters;                    // what S.json records under "parameters"
  std::vector<std::string> warnings;  // fewer words than asked, ignored options
};

// Checks the config alone: mfw >= 1, start_at >= 1, culling in [0, 100], mfw_features a valid
// spec. Throws ConfigError naming the field.
void validate(const MfwConfig& config);

// The MFW table of `corpus` (or of config.frequency_table, when set; corpus may then be null)
// as stylo builds it: ranked by corpus count, culling applied, delete_words dropped, start_at
// and mfw applied; a fixed features_file (normalised as tokens are with the icu tokenizer)
// instead of the ranking when given. `tokenizer` is the [features] tokenizer (icu | sklearn).
// Throws ConfigError, DataError (no feature left, < 2 documents), IoError.
// `tokenized`, when given and made with `text`, is counted instead of tokenizing `corpus` again.
// A sampled `tokenized` (make_samples) is always what is counted: rows are the samples and
// parameters["sample"] records the sampling; ConfigError naming `sample` when it cannot be
// counted (tokenizer sklearn, other tokenizer options, a frequency_table).
MfwResult mfw_table(const MfwConfig& config, const Corpus* corpus, const text::TextOptions& text,
                    const std::string& tokenizer, int threads, const TokenizedCorpus* tokenized = nullptr);
// The same with the whole [features] config, for the stylo tokenizer's options (language,
// preserve_case, ...) and delete_pronouns (which needs a language: stylo's tokenizer).
MfwResult mfw_table(const MfwConfig& config, const Corpus* corpus, const text::TextOptions& text,
                    const FeaturesConfig& features, int threads, const TokenizedCorpus* tokenized = nullptr);

// ---- Similarity ------------------------------------------------------------------------

// One similarity or distance matrix with everything S.json records.
struct SimilarityResult {
  std::vector<std::string> ids;
  Eigen::MatrixXd values;  // n × n
  similarity::Measure measure = similarity::Measure::kCosine;
  similarity::Variant variant = similarity::Variant::kStylo;
  std::string measure_name;  // as the user wrote it
  std::string variant_name;
  Json parameters = Json::object();   // input and its options
  std::vector<std::string> features;  // the MFW, when a table was used
  size_t features_used = 0;
  std::vector<std::string> dropped;  // features dropped (zero variance)
  std::vector<size_t> zero_rows;     // documents with an all-zero vector
  std::vector<std::string> warnings;
};

// True when the config reads an MFW table (every measure but cosine and jaccard, and those
// two when an MFW option was given). Throws ConfigError naming `measure` or `variant`.
bool uses_mfw_table(const SimilarityConfig& config);

// The measure on an MFW table. O(n² d / threads). Throws DataError (< 2 documents, no usable
// feature).
SimilarityResult similarity_on_table(const MfwResult& mfw, const SimilarityConfig& config, int threads);

// Cosine or Jaccard between the rows of a document-term matrix. `parameters` says how the
// matrix was made (recorded in S.json). Throws ConfigError for another measure.
SimilarityResult similarity_on_matrix(const DocTermMatrix& matrix, const std::vector<std::string>& ids,
                                      const SimilarityConfig& config, Json parameters, int threads);

// The S.csv text: header `,<id1>,…`, one row per document, 17 significant digits.
std::string similarity_csv(const SimilarityResult& result);
// The S.json sidecar: measure, direction, larger_is_closer, variant, formula, output,
// parameters, documents, features_used, dropped_features, features (MFW), zero_vector_documents,
// warnings. cluster::read_distance_csv reads its measure and direction back.
Json similarity_json(const SimilarityResult& result);

// ---- Clustering ------------------------------------------------------------------------

// Distances for clustering and maps: a similarity converted by cluster::similarity_to_distance
// (recorded in `conversion`), a distance as is. `source` names the input in errors.
cluster::LabeledDistances distances_of(const SimilarityResult& result, const std::string& source);

struct TreeResult {
  cluster::Linkage linkage;
  double cophenetic = 0;    // cophenetic correlation; NaN when undefined (constant distances)
  std::vector<int> labels;  // flat clusters, numbered from 1; empty without a cut
  size_t k = 0;             // clusters cut (0 = no cut)
  std::vector<std::string> warnings;
};

// Hierarchical clustering with config.method, cut into config.k clusters (at most n) or into
// the k in 2..choose_k with the highest mean silhouette. Throws ConfigError naming `method`,
// `choose_k`; DataError when choose_k needs more documents.
TreeResult cluster_tree(const cluster::LabeledDistances& distances, const ClusterConfig& config);

// A 2-D map: classical MDS of distances, or PCA of the rows of a matrix (documents ×
// features: relative frequencies for stylo's PCV, z-scores for its PCR, or a features matrix).
// At most 2 dimensions (fewer when the data has fewer); each axis's sign as cluster/maps.h
// fixes it. `source` names the input in errors. Throws DataError for fewer than 2 documents.
cluster::MapResult mds_map(const cluster::LabeledDistances& distances);
cluster::MapResult pca_map(const Eigen::Ref<const Eigen::MatrixXd>& rows, const std::string& source);

// ---- Phrases and reuse -----------------------------------------------------------------

// Checks the config alone (min_len >= 1, min_len <= max_len, min_count >= 2, sort key).
// Throws ConfigError naming the field.
void validate(const PhrasesConfig& config);

// Marks the stop words of config.stop_words in `tokenized` (once per corpus) and mines the
// maximal recurring phrases, ranked by config.sort. Occurrences are kept when
// `keep_occurrences` (KWIC needs them).
phrases::RankedPhrases find_phrases(TokenizedCorpus& tokenized, const PhrasesConfig& config,
                                    const text::TextOptions& text, bool keep_occurrences);

// The alignment options of the config. Throws ConfigError naming the field (ngram, mask_df,
// min_len, band, seed_len ...).
phrases::ReuseOptions reuse_options(const ReuseConfig& config, int threads);

// Shared passages between documents.
phrases::ReuseResult find_reuse(const TokenizedCorpus& tokenized, const ReuseConfig& config, int threads);

// ---- Classification --------------------------------------------------------------------

// One text's decision in one run.
struct ClassifyPrediction {
  size_t doc = 0;         // index into ClassifyResult::ids
  int fold = 0;           // K-fold: the fold, from 1; leave-one-out: the held-out text's number
                          // (from 1); 0 for a split
  std::string predicted;  // a class name
  double score = 0;       // delta: the measure's value to the nearest training text; knn: the
                          // vote share; other classifiers: the predicted class's score
  std::vector<std::pair<std::string, double>> candidates;  // top_n: delta: the classes of the
                                                           // nearest training texts (they repeat)
                                                           // and their values; else classes by score
  bool scored = true;  // counts in the metrics (false: no truth, or, under leave-one-out, the
                       // only text of its class)
};

// One feature of nsc's distinctive list (pamr.listgenes at threshold 1).
struct DistinctiveFeature {
  size_t id = 0;  // the feature's column among the run's features, from 1 (pamr's id)
  std::string feature;
  std::vector<double> scores;  // per class (ClassifyResult::classes): shrunken centroid difference
};

// One (culling, mfw) point of a sweep.
struct ClassifyRun {
  size_t mfw = 0;       // as asked
  size_t mfw_used = 0;  // columns used (fewer when culling leaves fewer)
  double culling = 0;
  size_t features_used = 0;          // after zero-variance columns were dropped (delta)
  std::vector<std::string> dropped;  // features dropped (zero variance)
  std::vector<ClassifyPrediction> predictions;
  classify::Metrics metrics;                    // over the scored predictions
  std::vector<DistinctiveFeature> distinctive;  // nsc on a split: most distinctive first
};

// One feature's share in the distance between a test text and a training text (explain.csv).
struct ExplainRow {
  size_t doc = 0;         // test text (index into ids)
  std::string candidate;  // nearest | runner-up (the nearest training text of another class)
  size_t train_doc = 0;   // index into ids
  std::string cls;        // the training text's class
  double distance = 0;    // the whole distance (the sum of the contributions)
  size_t rank = 0;        // 1 = largest contribution
  std::string feature;
  double contribution = 0;
  double test_value = 0, train_value = 0;  // relative frequencies (percent)
  double test_z = 0, train_z = 0;          // the z-scores used (0 for measures without them)
  int64_t occurrences = -1;                // in the test text's file; -1 = not located
  std::string spans;                       // byte spans in the test text's file: "b-e;b-e..."
};

struct ClassifyResult {
  std::vector<std::string> ids;       // every text, table order
  std::vector<std::string> truth;     // per text: its class ("" = unknown)
  std::vector<bool> training;         // a split: the training texts
  std::vector<int> folds;             // K-fold: each text's fold from 1 (empty otherwise)
  std::string mode;                   // split | loo | kfold
  std::vector<std::string> classes;   // the training classes, byte order
  std::vector<std::string> features;  // the ranked features (columns) the runs cut from
  std::vector<ClassifyRun> runs;      // culling outer, mfw inner (stylo's loop order)
  std::vector<ExplainRow> explain;    // the first run's decisions (a split, delta)
  std::string explain_note;           // why explain is empty, when it is
  Json parameters = Json::object();
  std::vector<std::string> warnings;
};

// Checks the config alone (classifier, measure, variant, z_scores, k, top_n, cv, the sweeps,
// one way of choosing the training texts). Throws ConfigError naming the field.
void validate(const ClassifyConfig& config);

// Labels, the training/test split or folds, the MFW table (from the training texts only when a
// corpus is read: stylo's reference.wordlist.of.all.samples = FALSE; the whole corpus under
// cross-validation), then each run of the sweep. `corpus` may be null with a frequency table.
// Throws ConfigError (options), DataError (one class only, labels missing for some ids,
// unknown --train ids, a test text with no feature, a class of one text under K-fold, more
// folds than texts), IoError. Identical results for any `threads`.
ClassifyResult classify(const ClassifyConfig& config, const CorpusConfig& corpus_config, const Corpus* corpus,
                        const text::TextOptions& text, const FeaturesConfig& features, int threads);

// The output files (docs/OPTIONS.md, "classify"): predictions (doc,truth,predicted,score plus
// mfw,culling when swept and fold under cross-validation), candidates (doc,rank,class,score),
// confusion (truth rows × predicted columns, per run when swept), accuracy (one row per run),
// explain, and the metrics.json sidecar.
std::string classify_predictions_csv(const ClassifyResult& result);
std::string classify_candidates_csv(const ClassifyResult& result);
std::string classify_confusion_csv(const ClassifyResult& result);
std::string classify_accuracy_csv(const ClassifyResult& result);
std::string classify_explain_csv(const ClassifyResult& result);
// nsc on a split: pamr.listgenes at threshold 1 as stylo's show.features writes it (id,name,
// <class>-score..., scores as pamr's 4-decimal strings; mfw,culling when swept).
std::string classify_features_csv(const ClassifyResult& result);
Json classify_json(const ClassifyResult& result);
// One line for the terminal.
std::string classify_summary(const ClassifyResult& result);

// ---- Oppose ----------------------------------------------------------------------------

// The contrast options of the config. Throws ConfigError naming the field (method, correction,
// slice, threshold).
contrast::OpposeOptions oppose_options(const OpposeConfig& config);

struct OpposeRun {
  std::vector<size_t> group_a, group_b;  // document indices, corpus order
  contrast::OpposeResult result;
};

// Resolves the groups (ids or metadata values) and runs contrast::oppose on `tokenized` (the
// corpus's documents, not samples). Throws ConfigError naming the field: group_a / group_b
// (an unknown id, an empty list, both ways of grouping given or neither), group_column (not a
// metadata column), a / b (no text with that value); and what contrast::oppose throws.
OpposeRun run_oppose(const Corpus& corpus, const TokenizedCorpus& tokenized, const OpposeConfig& config);

// "rank,word,score,count_a,count_b,slices_a,slices_b,share_a,share_b,kwic_lines\n" and one row
// a word of `words` (scores with 17 significant digits); kwic_lines counts the word's lines in
// the KWIC file.
std::string oppose_csv(const std::vector<contrast::WordScore>& words, const std::vector<uint64_t>& kwic_lines);

// The KWIC file of every listed word: "list\tword\tgroup\tdoc\tstart_byte\tend_byte\tleft\tmatch\tright\n",
// the first kwic_per_word occurrences of the word in each group's texts (corpus order).
// `kwic_lines` gets, per word of preferred then avoided, the lines written.
std::string oppose_kwic_tsv(const Corpus& corpus, const TokenizedCorpus& tokenized, const OpposeRun& run,
                            const OpposeConfig& config, std::vector<uint64_t>& kwic_lines);

}  // namespace stylokit::pipeline
