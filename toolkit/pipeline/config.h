#pragma once
// The pipeline layer's configuration: one struct per step, each field with its meaning,
// default and unit. Front ends (the CLI, TOML experiments) only bind their spelling of an
// option to a field here; the defaults below are the defaults of every front end.
//
// Names. A field's name is the option's name: the TOML key (`[features] min_df`) and, with
// dashes for underscores, the command-line flag (`--min-df`). Errors thrown by the steps
// name the field (`min_df: ...`); each front end adds its own spelling of where it came from.
// docs/OPTIONS.md lists every option with both spellings and is checked by a test.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/text/tokenizer.h"

namespace stylokit::pipeline {

// [corpus]: where the documents come from and how they are cleaned.
struct CorpusConfig {
  std::filesystem::path path;         // folder of text files, a .jsonl or a .csv; required
  std::string format = "auto";        // auto | folder | jsonl | csv (auto: by extension)
  std::filesystem::path metadata;     // CSV joined on document id; empty = none
  std::string clean;                  // cleaning rules: empty = none, a shipped name ("news")
                                      // or a TOML file
  std::string on_bad_input = "fail";  // fail | warn | skip: invalid UTF-8, empty or binary files
  std::string extension = ".txt";     // folder corpora: the extension read ("" = every file)
  std::string id_column = "id";       // JSONL/CSV: the field holding the document id
  std::string text_column = "text";   // JSONL/CSV: the field holding the text
  std::string encoding = "utf-8";     // files without a byte-order mark: any ICU converter name
                                      // (windows-1252, iso-8859-2, koi8-r, utf-16le, ...)
  std::string markup = "plain";       // plain | xml | xml.drama | xml.notitles | html: markup
                                      // removed as stylo's delete.markup() removes it
};

// [corpus] sample, seed, keep_short: texts cut into samples before counting, as stylo's
// make.samples() (text/samples.h). Every analysis that counts the TokenizedCorpus (MFW tables,
// the [features] matrix when it reads tokens) then has one row per sample, named <id>_<k>.
struct SampleConfig {
  std::string sample = "none";  // none | normal:SIZE[:OVERLAP] | random:SIZE:COUNT[:replace]
                                // (SIZE, OVERLAP in tokens; COUNT samples per text)
  uint64_t seed = 1;            // random: seeds the draw (text/samples.h)
  bool keep_short = false;      // keep a text shorter than SIZE whole, as one sample <id>_1
                                // (warned), instead of a DataError
};

// [text]: the text stage's options are text::TextOptions (toolkit/text/tokenizer.h); their
// option names are normalize, case, unify_punctuation, punctuation, numbers, locale.

// [features]: the document-term matrix (counts, TF-IDF, n-grams).
struct FeaturesConfig {
  std::string analyzer = "word";  // word | char | char_wb
  int ngram_min = 1;              // n-gram range in tokens (word) or characters (char*)
  int ngram_max = 1;
  std::string tokenizer = "icu";  // icu (the text stage) | sklearn (scikit-learn's regex) |
                                  // stylo (stylo's txt.to.words.ext, text/stylo_tokenizer.h)
  std::string tf = "raw";         // raw | binary | sublinear | relative (percent)
  std::string idf = "smooth";     // none | smooth | plain
  std::string norm = "l2";        // l2 | l1 | none
  std::string min_df = "1";       // keep terms in at least this many documents ("2") or
                                  // this share of them ("0.1")
  std::string max_df = "1.0";     // keep terms in at most this many / this share
  size_t max_features = 0;        // keep the N most frequent terms; 0 = all
  std::string stop_words;         // empty = keep all words; a shipped list or a file

  // For tokenizer = stylo only (a ConfigError with another tokenizer):
  std::string language;        // stylo's corpus.lang: English.all (the default), English.contr,
                               // English, Latin.corr, CJK, Polish, ... ("" = English.all)
  bool preserve_case = false;  // stylo's preserve.case
  std::string splitting_rule;  // separator regex replacing the language's rules (stylo's
                               // splitting.rule); "" = none
  std::string token_pattern;   // token regex: tokens are its matches (pydelta's \p{L}+); "" = none
};

// The MFW table of the Delta family (stylo's most frequent words).
struct MfwConfig {
  static constexpr size_t kAll = static_cast<size_t>(-1);
  size_t mfw = 100;                       // words used, >= 1 (fewer when the corpus has fewer:
                                          // warned); kAll = every ranked word
  size_t start_at = 1;                    // first rank used, counted from 1 (stylo's start.at)
  double culling = 0;                     // percent in [0, 100]: keep words found in at least this
                                          // share of the documents (before the top N are taken)
  std::string mfw_features = "word:1-1";  // what is ranked: word:1-1 (stylo's words), word:1-2,
                                          // char:3-4, char_wb:2-4 ...
  std::string delete_words;               // words dropped from the ranking (stylo's delete
                                          // pronouns): a shipped list or a file; empty = none
  bool delete_pronouns = false;           // also drop stylo's pronouns for the stylo tokenizer's
                                          // language (data/pronouns/, stylo.pronouns())
  std::string features_file;              // a fixed feature list (one per line) instead of the
                                          // ranking; mfw, start_at and delete_words then ignored
  std::string frequency_table;            // read relative frequencies from this CSV (stylo's
                                          // table_with_frequencies) instead of a corpus
};

// A similarity or distance matrix ([[similarity]] in TOML, `stylokit similarity`).
struct SimilarityConfig {
  std::string measure = "cosine";  // cosine | jaccard | the Delta family ... (measure.h)
  std::string variant = "stylo";   // stylo | published (measure.h)
  // Cosine and Jaccard read the [features] matrix unless an MFW option is given; every other
  // measure reads the MFW table.
  bool mfw_given = false;  // an MFW option was set (front ends set it)
  MfwConfig mfw;
};

// [cluster]: hierarchical clustering of one similarity's distances.
struct ClusterConfig {
  std::string method = "ward.D";  // single | complete | average | weighted | ward.D |
                                  // ward.D2 | centroid | median (stylo's default: ward.D)
  size_t k = 0;                   // flat clusters cut from the tree; 0 = no cut
  size_t choose_k = 0;            // > 0: choose k in 2..choose_k by mean silhouette
  std::string map = "mds";        // mds | pca | none: the 2-D map
};

// [phrases]: maximal recurring phrases and their contexts.
struct PhrasesConfig {
  uint32_t min_len = 2;                // tokens
  uint32_t max_len = 20;               // tokens
  uint32_t min_docs = 1;               // documents a phrase must occur in
  uint64_t min_count = 2;              // occurrences, >= 2
  bool split_sentences = true;         // a phrase never crosses a sentence end
  bool skip_stop_only = true;          // drop phrases made only of stop words
  std::string stop_words = "english";  // the list for skip_stop_only ("none" = no list)
  std::string sort = "widespread";     // row order (phrase_table.h sort keys)
  uint32_t kwic_window = 5;            // tokens of context on each side
};

// [reuse]: shared passages across the corpus (local alignment seeded by rare n-grams).
struct ReuseConfig {
  uint32_t min_len = 8;     // shortest passage reported, in tokens on both sides
  double min_score = 0;     // lowest passage score reported (match 2, mismatch -1)
  uint32_t ngram = 4;       // n-gram length for candidate pairs and formulae
  uint32_t max_df = 0;      // n-grams in more documents are not rare; 0 = max(5, n/1000)
  uint32_t min_shared = 2;  // rare n-grams a pair must share to be aligned
  uint32_t mask_df = 0;     // mask n-grams in at least this many documents (stock
                            // formulae); 0 = off, 1 is refused (it masks everything)
  uint32_t seed_len = 3;    // seed n-gram length of the alignment
  uint32_t band = 8;        // diagonals aligned on each side of the seeds
};

// [classify] / `stylokit classify`: authorship attribution (stylo's classify() and crossv()).
struct ClassifyConfig {
  std::string classifier = "delta";       // delta | knn | nsc | svm | naivebayes
  std::string measure = "burrows-delta";  // delta: any measure of the similarity stage (measure.h)
  std::string variant = "stylo";          // delta: stylo | published
  std::string label;                      // required: prefix (the id before its first '_', stylo's
                                          // convention) or a column of `metadata`
  std::string metadata;                   // CSV with an id column (`id`, else the first) and the
                                          // label / set columns; a corpus's --metadata otherwise
  std::string set_column;                 // metadata column: train/test (or stylo's training/test)
  std::string train;                      // training ids: comma-separated or @file
  std::string cv;                         // "" (a split) | loo | K (stratified K-fold, K >= 2)
  uint64_t seed = 1;                      // K-fold: the SplitMix64 seed of the folds
  std::string z_scores = "training";      // delta: training (stylo classify()) | all
  int k = 1;                              // knn: neighbours
  size_t top_n = 3;                       // candidates kept per text (stylo's no.of.candidates)
  std::string mfw = "100";                // N or FROM:TO:STEP (a sweep); a --frequency-table: all
                                          // its rows unless given
  std::string culling = "0";              // percent P or FROM:TO:STEP, over all texts (stylo's
                                          // culling.of.all.samples = TRUE)
  bool mfw_given = false;                 // front ends set it when mfw was given
  SampleConfig sample;                    // [corpus] sample, seed, keep_short: rows become samples
  MfwConfig table;                        // the other MFW options (start_at, mfw_features,
                                          // delete_words, delete_pronouns, features_file,
                                          // frequency_table); its mfw and culling are unused
};

// [oppose]: the words group A (stylo's primary set) prefers and avoids against group B
// (contrast/oppose.h). The groups are given either as id lists (group_a, group_b) or as two
// values (a, b) of a metadata column (group_column).
struct OpposeConfig {
  std::string method = "craig";        // craig | eder | chisquare | keyness-chi2 | keyness-lr | keyness-pmi
  uint64_t slice = 3000;               // tokens per slice (Zeta methods; stylo's text.slice.length)
  uint64_t rare_threshold = 2;         // a word must occur more often than this in both groups together
  std::optional<double> threshold;     // unset: the method's default (contrast::OpposeOptions)
  std::string correction = "default";  // keyness-chi2 / keyness-lr: default | yates | williams | none
  std::vector<std::string> group_a;    // document ids of group A
  std::vector<std::string> group_b;    // document ids of group B
  std::string group_column;            // metadata column whose values a and b make the groups
  std::string a, b;                    // the values of group_column for A and B
  uint32_t kwic_window = 5;            // KWIC context, tokens on each side
  uint32_t kwic_per_word = 10;         // KWIC lines per listed word and group (0 = all)
};

}  // namespace stylokit::pipeline
