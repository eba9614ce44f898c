#pragma once
// Pieces shared by the subcommands: corpus options bound to Program_options, loading
// with warnings on stderr, and the argument parsing convention. Only toolkit/cli reads
// argv, prints for humans or chooses exit codes.

#include <boost/program_options.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::cli {

namespace po = boost::program_options;

// Options every command that reads a corpus accepts.
struct CorpusCli {
  std::string path;             // CORPUS: folder, .jsonl or .csv
  std::string format = "auto";  // --format
  std::string metadata;         // --metadata CSV joined on id
  std::string on_bad_input = "fail";  // --on-bad-input fail|warn|skip
  std::string clean;            // --clean[=RULES]: shipped rules name or a TOML file
  std::string extension = ".txt";
};

// Options of the text stage.
struct TextCli {
  std::string normalization = "nfkc";
  bool no_case_fold = false;
  bool no_unify = false;
  bool punctuation = false;
  bool no_numbers = false;
  std::string locale = "en";
};

void add_corpus_options(po::options_description& desc, CorpusCli& c);
void add_text_options(po::options_description& desc, TextCli& t);
text::TextOptions to_text_options(const TextCli& t);

// A loaded corpus and what cleaning removed from each document (same order).
struct LoadedCorpus {
  Corpus corpus;
  std::vector<std::vector<Removal>> removals;
  std::string cleaning_source;  // rules file, or "" when cleaning is off
};

// Loads and (optionally) cleans; prints one warning line per load issue on stderr.
LoadedCorpus load_for_cli(const CorpusCli& c);

// Every file a load read — the corpus path, the metadata CSV, the cleaning rules and each
// document's file (skipped ones too) — so that no output can ever overwrite one of them.
std::vector<std::filesystem::path> input_paths(const CorpusCli& c, const LoadedCorpus& loaded);

// Parses `args` (after the subcommand name) into `desc` and `pos`. Returns false when
// --help was asked for (help already printed to stdout). Throws po::error on bad usage.
bool parse_args(const std::string& command, const std::vector<std::string>& args, po::options_description& desc,
                const po::positional_options_description& pos, const std::string& usage,
                const std::string& example);

// Prints a warning line "stylokit: warning: ..." to stderr.
void warn(const std::string& message);

// For a command's last line, once every output is written and renamed: flushes the standard
// streams and ends the process with `code` without destroying the command's data one object
// at a time (the vocabulary of a word 1-2 run is half a million strings: 15-25 ms of a 0.2 s
// run); the kernel frees it all at once. Under sanitizers it returns `code`, so that their
// exit checks still see a normal return.
int exit_without_teardown(int code);

}  // namespace stylokit::cli
