#include "toolkit/cli/cli_common.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace stylokit::cli {

void warn(const std::string& message) { std::cerr << "stylokit: warning: " << message << '\n'; }

int exit_without_teardown(int code) {
#if defined(__SANITIZE_ADDRESS__)
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

void add_corpus_options(po::options_description& desc, CorpusCli& c) {
  desc.add_options()
      ("format", po::value(&c.format)->default_value(c.format), "corpus format: auto|folder|jsonl|csv")
      ("metadata", po::value(&c.metadata), "metadata CSV with an `id` column, joined on document id")
      ("on-bad-input", po::value(&c.on_bad_input)->default_value(c.on_bad_input),
       "invalid UTF-8, empty or binary documents: fail|warn|skip")
      ("clean", po::value(&c.clean)->implicit_value("news"),
       "remove boilerplate lines with cleaning rules: a shipped name (default: news) or a TOML file")
      ("extension", po::value(&c.extension)->default_value(c.extension),
       "file extension read from a folder corpus (\"\" for all files)");
}

void add_text_options(po::options_description& desc, TextCli& t) {
  desc.add_options()
      ("normalize", po::value(&t.normalization)->default_value(t.normalization), "Unicode normalisation: nfkc|nfc|none")
      ("no-case-fold", po::bool_switch(&t.no_case_fold), "keep letter case")
      ("no-unify-punctuation", po::bool_switch(&t.no_unify), "keep curly quotes and dashes as they are")
      ("punctuation", po::bool_switch(&t.punctuation), "keep punctuation tokens")
      ("no-numbers", po::bool_switch(&t.no_numbers), "drop number tokens")
      ("locale", po::value(&t.locale)->default_value(t.locale), "ICU locale for word and sentence breaks");
}

text::TextOptions to_text_options(const TextCli& t) {
  text::TextOptions o;
  if (t.normalization == "nfkc") o.normalization = text::Normalization::kNfkc;
  else if (t.normalization == "nfc") o.normalization = text::Normalization::kNfc;
  else if (t.normalization == "none") o.normalization = text::Normalization::kNone;
  else throw ConfigError(fmt::format("--normalize: expected nfkc, nfc or none, got '{}'", t.normalization));
  o.case_fold = !t.no_case_fold;
  o.unify_punctuation = !t.no_unify;
  o.keep_punctuation = t.punctuation;
  o.keep_numbers = !t.no_numbers;
  o.locale = t.locale;
  return o;
}

LoadedCorpus load_for_cli(const CorpusCli& c) {
  LoadOptions opt;
  opt.format = parse_corpus_format(c.format);
  opt.policy = parse_policy(c.on_bad_input, "--on-bad-input");
  opt.metadata = c.metadata;
  opt.extension = c.extension;
  LoadedCorpus out;
  out.corpus = load_corpus(c.path, opt);
  for (const auto& issue : out.corpus.issues) warn(fmt::format("{}: {} ({})", issue.source, issue.problem, issue.action));
  out.removals.resize(out.corpus.size());
  if (!c.clean.empty()) {
    Cleaner cleaner = Cleaner::from_file(resolve_cleaning_rules(c.clean));
    out.cleaning_source = cleaner.source();
    for (size_t i = 0; i < out.corpus.size(); ++i) out.removals[i] = cleaner.apply(out.corpus.documents[i]);
  }
  return out;
}

std::vector<std::filesystem::path> input_paths(const CorpusCli& c, const LoadedCorpus& loaded) {
  std::vector<std::filesystem::path> v{c.path};
  if (!c.metadata.empty()) v.emplace_back(c.metadata);
  if (!loaded.cleaning_source.empty()) v.emplace_back(loaded.cleaning_source);
  std::error_code ec;
  for (const auto& d : loaded.corpus.documents)
    if (std::filesystem::is_regular_file(d.source, ec)) v.emplace_back(d.source);
  for (const auto& issue : loaded.corpus.issues)
    if (std::filesystem::is_regular_file(issue.source, ec)) v.emplace_back(issue.source);
  return v;
}

bool parse_args(const std::string& command, const std::vector<std::string>& args, po::options_description& desc,
                const po::positional_options_description& pos, const std::string& usage,
                const std::string& example) {
  desc.add_options()("help,h", "show this help");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
  // Checked before notify(): notify() enforces required options, which --help must not need.
  if (vm.count("help")) {
    std::cout << "usage: stylokit " << command << " " << usage << "\n\n" << desc << "\nexample:\n  " << example << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

}  // namespace stylokit::cli
