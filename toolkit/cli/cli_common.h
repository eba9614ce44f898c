#pragma once
// Pieces shared by the subcommands: corpus options bound to Program_options, loading
// with warnings on stderr, and the argument parsing convention. Only toolkit/cli reads
// argv, prints for humans or chooses exit codes.

#include <boost/program_options.hpp>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "toolkit/common/error.h"
#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/pipeline/config.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::cli {

namespace po = boost::program_options;

// Options every command that reads a corpus accepts.
struct CorpusCli {
  std::string path;                   // CORPUS: folder, .jsonl or .csv
  std::string format = "auto";        // --format
  std::string metadata;               // --metadata CSV joined on id
  std::string on_bad_input = "fail";  // --on-bad-input fail|warn|skip
  std::string clean;                  // --clean[=RULES]: shipped rules name or a TOML file
  std::string extension = ".txt";
  std::string id_column = "id";      // --id-column: CSV column / JSONL key of the document ids
  std::string text_column = "text";  // --text-column: CSV column / JSONL key of the texts
  std::string encoding = "utf-8";    // --encoding: files without a byte-order mark
  std::string markup = "plain";      // --markup plain|xml|xml.drama|xml.notitles|html
};

// Options of the text stage.
// Each boolean has the TOML key's name (--numbers[=BOOL]) and a negative form (--no-numbers).
// --case-fold[=BOOL] and --no-case-fold are the deprecated spellings of --case fold|keep.
struct TextCli {
  std::string normalization = "nfkc";
  std::string case_mapping;                                        // --case fold|lower|keep; "" = not given (fold)
  std::string case_fold, unify_punctuation, punctuation, numbers;  // "" = not given
  bool no_case_fold = false;
  bool no_unify = false;
  bool no_numbers = false;
  std::string locale = "en";
};

// An integer option's value before the user gives one.
inline constexpr long long kNotGiven = std::numeric_limits<long long>::min();

// The MFW options (pipeline::MfwConfig), read as signed numbers so that "--mfw -5" is an
// error rather than a wrapped 18446744073709551611.
struct MfwCli {
  long long mfw = kNotGiven;
  long long start_at = kNotGiven;
  double culling = -1;  // < 0: not given
  std::string mfw_features, delete_words, features_file, frequency_table;
  bool delete_pronouns = false;
  bool given() const;  // any MFW option was given
};

// The [features] options (pipeline::FeaturesConfig); `spec` is analyzer:min-max.
struct FeaturesCli {
  std::string spec = "word:1-1";
  pipeline::FeaturesConfig config;
};

// --sample and --keep-short (pipeline::SampleConfig); the seed is the command's own --seed.
struct SampleCli {
  std::string sample = "none";
  bool keep_short = false;
};

// A boolean option's value, given as --NAME[=BOOL] (`value`, "" when absent) and/or its
// negative form (`negative`: --no-NAME or another spelling); both given is a ConfigError.
bool flag_value(const std::string& name, const std::string& value, bool negative, bool fallback);

void add_corpus_options(po::options_description& desc, CorpusCli& c);
// --mfw, --start-at, --culling, --mfw-features, --delete-words, --delete-pronouns, --features-file,
// --frequency-table.
void add_mfw_options(po::options_description& desc, MfwCli& m);
// --features, --tokenizer, --language, --preserve-case, --splitting-rule, --token-pattern, --tf,
// --idf, --norm, --min-df, --max-df, --max-features, --stop-words;
// `prefix` starts each help line (what the options apply to).
void add_features_options(po::options_description& desc, FeaturesCli& f, const std::string& prefix = "");
// --sample, --keep-short (for commands that count an MFW table).
void add_sample_options(po::options_description& desc, SampleCli& s);
// The sampling config; `seed` is the command's --seed. Checks the spec (ConfigError naming --sample).
pipeline::SampleConfig to_sample_config(const SampleCli& s, uint64_t seed);
pipeline::MfwConfig to_mfw_config(const MfwCli& m);
pipeline::FeaturesConfig to_features_config(const FeaturesCli& f);
pipeline::CorpusConfig to_corpus_config(const CorpusCli& c);

// The command-line spelling of a config field: "min_df" -> "--min-df".
std::string flag_of(const std::string& field);

// Runs a pipeline call and re-throws its ConfigError ("min_df: ...") with the flag's spelling
// ("--min-df: ...").
template <typename Fn>
auto cli_field(Fn fn) {
  try {
    return fn();
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    const size_t colon = what.find(": ");
    const std::string head = colon == std::string::npos ? "" : what.substr(0, colon);
    const bool is_field = !head.empty() && head.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    if (!is_field) throw;
    throw ConfigError(flag_of(head) + what.substr(colon));
  }
}
void add_text_options(po::options_description& desc, TextCli& t);
text::TextOptions to_text_options(const TextCli& t);

// A loaded corpus, what cleaning removed from each document and the rules file used.
using LoadedCorpus = pipeline::LoadedCorpus;

// Loads and (optionally) cleans; prints one warning line per load issue on stderr.
LoadedCorpus load_for_cli(const CorpusCli& c);

// Every file a load read — the corpus path, the metadata CSV, the cleaning rules and each
// document's file (skipped ones too) — so that no output can ever overwrite one of them.
std::vector<std::filesystem::path> input_paths(const CorpusCli& c, const LoadedCorpus& loaded);

// Parses `args` (after the subcommand name) into `desc` and `pos`. Returns false when
// --help was asked for (help already printed to stdout). Throws po::error on bad usage.
// Two conventions for every command:
// - --clean takes an optional value, so `info --clean data/letters` hands the corpus to
//   it. When no first positional argument was given and the --clean value is a folder or
//   a .jsonl/.ndjson/.csv file, it is taken as that positional and --clean gets the
//   default rules (news). A rules file or name followed by the corpus is unchanged.
// - A missing required positional is named as in `usage`, whose leading words (those
//   before the first starting with '-' or '[') name the positionals in order:
//   "give EXPERIMENT.toml (experiment file, TOML): stylokit run EXPERIMENT.toml ...".
bool parse_args(const std::string& command, const std::vector<std::string>& args, po::options_description& desc,
                const po::positional_options_description& pos, const std::string& usage, const std::string& example);

// Prints a warning line "stylokit: warning: ..." to stderr.
void warn(const std::string& message);

// For a command's last line, once every output is written and renamed: flushes the standard
// streams and ends the process with `code` without destroying the command's data one object
// at a time (the vocabulary of a word 1-2 run is half a million strings: 15-25 ms of a 0.2 s
// run); the kernel frees it all at once. Under sanitizers it returns `code`, so that their
// exit checks still see a normal return.
int exit_without_teardown(int code);

}  // namespace stylokit::cli
