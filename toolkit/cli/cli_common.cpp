#include "toolkit/cli/cli_common.h"

#include "toolkit/common/progress.h"

#include "toolkit/features/vectorizer.h"
#include "toolkit/pipeline/steps.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace stylokit::cli {

void warn(const std::string& message) {
  std::cerr << "stylokit: warning: " << message << '\n';
}

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

namespace {

const char* const kDefaultCleaningRules = "news";

// `--clean` has an implicit value, yet Program_options gives it the next word when that is
// not an option: `info --clean data/letters` means the corpus, not a rules file named
// data/letters. Moves such a value to the first positional when that is missing.
void give_clean_value_to_corpus(po::parsed_options& parsed, const po::positional_options_description& pos) {
  if (pos.max_total_count() == 0) return;
  const std::string& positional = pos.name_for_position(0);
  po::option* clean = nullptr;
  for (auto& o : parsed.options) {
    if (o.string_key == positional) return;
    if (o.string_key == "clean" && o.value.size() == 1) clean = &o;
  }
  if (!clean) return;
  const std::filesystem::path value = clean->value[0];
  const std::string ext = value.extension().string();
  std::error_code ec;
  const bool corpus =
      std::filesystem::is_directory(value, ec) ||
      (std::filesystem::is_regular_file(value, ec) && (ext == ".jsonl" || ext == ".ndjson" || ext == ".csv"));
  if (!corpus) return;
  po::option moved;
  moved.string_key = positional;
  moved.position_key = 0;
  moved.value = {value.string()};
  moved.original_tokens = {value.string()};
  clean->value = {kDefaultCleaningRules};
  parsed.options.push_back(std::move(moved));
}

// Program_options names a missing positional by its internal option name ("the option
// '--experiment' is required"), which the user never typed: name it as the usage does.
void require_positionals(const std::string& command, const po::options_description& desc,
                         const po::positional_options_description& pos, const po::variables_map& vm,
                         const std::string& usage) {
  std::vector<std::string> words;
  std::istringstream in(usage);
  for (std::string w; in >> w && w[0] != '-' && w[0] != '[';) words.push_back(w);
  std::vector<std::string> names;
  for (unsigned i = 0; i < pos.max_total_count() && i < 64; ++i) {
    const std::string& name = pos.name_for_position(i);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    const po::option_description* od = desc.find_nothrow(names[i], false);
    if (!od || !od->semantic()->is_required() || vm.count(names[i])) continue;
    std::string word = i < words.size() ? words[i] : names[i];
    if (i >= words.size()) std::transform(word.begin(), word.end(), word.begin(), ::toupper);
    throw po::error(fmt::format("give {} ({}): stylokit {} {}", word, od->description(), command, usage));
  }
}

}  // namespace

void add_corpus_options(po::options_description& desc, CorpusCli& c) {
  desc.add_options()("format", po::value(&c.format)->default_value(c.format), "corpus format: auto|folder|jsonl|csv")(
      "metadata", po::value(&c.metadata), "metadata CSV with an `id` column, joined on document id")(
      "on-bad-input", po::value(&c.on_bad_input)->default_value(c.on_bad_input),
      "invalid UTF-8, empty or binary documents: fail|warn|skip")(
      "id-column", po::value(&c.id_column)->default_value(c.id_column),
      "CSV corpus: the column of document ids; JSONL: the key")("text-column",
                                                                po::value(&c.text_column)->default_value(c.text_column),
                                                                "CSV corpus: the column of texts; JSONL: the key")(
      "clean", po::value(&c.clean)->implicit_value(kDefaultCleaningRules),
      "remove boilerplate lines with cleaning rules: a shipped name (default: news) or a TOML file")(
      "extension", po::value(&c.extension)->default_value(c.extension),
      "file extension read from a folder corpus (\"\" for all files)")(
      "encoding", po::value(&c.encoding)->default_value(c.encoding),
      "encoding of files without a byte-order mark: any ICU converter name (windows-1252, iso-8859-2, "
      "koi8-r, utf-16le, ...); UTF-16 with a mark is read without it")(
      "markup", po::value(&c.markup)->default_value(c.markup),
      "markup removed as stylo's delete.markup: plain|xml|xml.drama|xml.notitles|html");
}

void add_text_options(po::options_description& desc, TextCli& t) {
  desc.add_options()("normalize", po::value(&t.normalization)->default_value(t.normalization),
                     "Unicode normalisation: nfkc|nfc|none")(
      "case", po::value(&t.case_mapping),
      "letter case: fold (full case folding, ΟΔΟΣ → οδοσ), lower (ICU lowercase, ΟΔΟΣ → οδος) or keep "
      "(default fold)")("case-fold", po::value(&t.case_fold)->implicit_value("true"),
                        "deprecated: --case fold (true) or --case keep (false)")(
      "no-case-fold", po::bool_switch(&t.no_case_fold), "deprecated: --case keep")(
      "unify-punctuation", po::value(&t.unify_punctuation)->implicit_value("true"),
      "curly quotes to ' and \", dashes to - (default true)")("no-unify-punctuation", po::bool_switch(&t.no_unify),
                                                              "keep quotes and dashes (= --unify-punctuation=false)")(
      "punctuation", po::value(&t.punctuation)->implicit_value("true"), "keep punctuation tokens (default false)")(
      "numbers", po::value(&t.numbers)->implicit_value("true"), "keep number tokens (default true)")(
      "no-numbers", po::bool_switch(&t.no_numbers), "drop number tokens (= --numbers=false)")(
      "locale", po::value(&t.locale)->default_value(t.locale), "ICU locale for word and sentence breaks");
}

bool flag_value(const std::string& name, const std::string& value, bool negative, bool fallback) {
  bool v = fallback;
  if (!value.empty()) {
    if (value == "true" || value == "yes" || value == "on" || value == "1")
      v = true;
    else if (value == "false" || value == "no" || value == "off" || value == "0")
      v = false;
    else
      throw ConfigError(fmt::format("--{}: expected true or false, got '{}'", name, value));
    STYLOKIT_CHECK(!negative, ConfigError, "--{} and --no-{}: give one", name, name);
  }
  return negative ? false : v;
}

text::TextOptions to_text_options(const TextCli& t) {
  text::TextOptions o;
  o.normalization = cli_field([&] { return pipeline::parse_normalization(t.normalization); });
  if (!t.case_fold.empty() || t.no_case_fold) {
    STYLOKIT_CHECK(t.case_mapping.empty(), ConfigError, "--case and --{}case-fold: give --case only",
                   t.no_case_fold ? "no-" : "");
    const bool fold = flag_value("case-fold", t.case_fold, t.no_case_fold, true);
    o.case_mapping = fold ? text::CaseMapping::kFold : text::CaseMapping::kKeep;
    warn(fmt::format("--{}case-fold is deprecated; use --case {}", t.no_case_fold ? "no-" : "",
                     pipeline::case_mapping_name(o.case_mapping)));
  }
  if (!t.case_mapping.empty()) o.case_mapping = cli_field([&] { return pipeline::parse_case_mapping(t.case_mapping); });
  o.unify_punctuation = flag_value("unify-punctuation", t.unify_punctuation, t.no_unify, o.unify_punctuation);
  o.keep_punctuation = flag_value("punctuation", t.punctuation, false, o.keep_punctuation);
  o.keep_numbers = flag_value("numbers", t.numbers, t.no_numbers, o.keep_numbers);
  o.locale = t.locale;
  cli_field([&] {
    text::Tokenizer probe(o);  // rejects an unknown locale before any work
    return 0;
  });
  return o;
}

pipeline::CorpusConfig to_corpus_config(const CorpusCli& c) {
  pipeline::CorpusConfig k;
  k.path = c.path;
  k.format = c.format;
  k.metadata = c.metadata;
  k.clean = c.clean;
  k.on_bad_input = c.on_bad_input;
  k.extension = c.extension;
  k.id_column = c.id_column;
  k.text_column = c.text_column;
  k.encoding = c.encoding;
  k.markup = c.markup;
  return k;
}

LoadedCorpus load_for_cli(const CorpusCli& c) {
  LoadedCorpus loaded = cli_field([&] { return pipeline::load_corpus(to_corpus_config(c)); });
  for (const auto& w : loaded.warnings) warn(w);
  return loaded;
}

std::string flag_of(const std::string& field) {
  std::string flag = "--" + field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

bool MfwCli::given() const {
  return mfw != kNotGiven || start_at != kNotGiven || culling >= 0 || !mfw_features.empty() || !delete_words.empty() ||
         !features_file.empty() || !frequency_table.empty() || delete_pronouns;
}

void add_mfw_options(po::options_description& desc, MfwCli& m) {
  const pipeline::MfwConfig d;
  desc.add_options()("mfw", po::value(&m.mfw),
                     fmt::format("most frequent words used (default {}; a --frequency-table: all its "
                                 "rows; cosine and jaccard use the whole vectorised matrix unless an "
                                 "MFW option is given)",
                                 d.mfw)
                         .c_str())("start-at", po::value(&m.start_at),
                                   "first MFW rank used, from 1 (stylo's start.at; default 1)")(
      "culling", po::value(&m.culling), "keep words found in at least this percent of documents (default 0)")(
      "mfw-features", po::value(&m.mfw_features),
      fmt::format("what the MFW table ranks: word:1-1 (stylo's words), word:1-2, char:3-4, char_wb:2-4, ... "
                  "(default {})",
                  d.mfw_features)
          .c_str())(
      "delete-words", po::value(&m.delete_words),
      "drop these words from the MFW ranking (a shipped list like english, or a file, one word per line)")(
      "delete-pronouns", po::bool_switch(&m.delete_pronouns),
      "drop stylo's pronouns for --language from the MFW ranking (stylo.pronouns(); needs --tokenizer stylo)")(
      "features-file", po::value(&m.features_file), "fixed features, one per line, used in that order")(
      "frequency-table", po::value(&m.frequency_table),
      "read relative frequencies (percent) from a CSV: features as rows in rank order, documents as columns, "
      "header ,doc1,doc2,... (stylo's table_with_frequencies layout); CORPUS is then not needed");
}

void add_sample_options(po::options_description& desc, SampleCli& s) {
  desc.add_options()("sample", po::value(&s.sample)->default_value(s.sample),
                     "cut each text into samples before counting, as stylo's make.samples(): normal:SIZE[:OVERLAP] "
                     "(consecutive slices of SIZE tokens; the tail is dropped) or random:SIZE:COUNT[:replace] "
                     "(COUNT bags of SIZE tokens per text, drawn with --seed); rows are named <id>_<k>")(
      "keep-short", po::bool_switch(&s.keep_short),
      "--sample: keep a text shorter than SIZE whole, as one sample <id>_1 (default: an error)");
}

pipeline::SampleConfig to_sample_config(const SampleCli& s, uint64_t seed) {
  pipeline::SampleConfig c;
  c.sample = s.sample;
  c.seed = seed;
  c.keep_short = s.keep_short;
  cli_field([&] { return pipeline::sample_options(c, 1); });
  STYLOKIT_CHECK(!c.keep_short || pipeline::samples_asked(c), ConfigError, "--keep-short: applies with --sample only");
  return c;
}

pipeline::MfwConfig to_mfw_config(const MfwCli& m) {
  pipeline::MfwConfig k;
  STYLOKIT_CHECK(m.mfw == kNotGiven || m.mfw >= 1, ConfigError,
                 "--mfw: the number of most frequent words must be at least 1, got {}", m.mfw);
  STYLOKIT_CHECK(m.start_at == kNotGiven || m.start_at >= 1, ConfigError, "--start-at: ranks start at 1, got {}",
                 m.start_at);
  if (m.mfw != kNotGiven) k.mfw = static_cast<size_t>(m.mfw);
  if (m.start_at != kNotGiven) k.start_at = static_cast<size_t>(m.start_at);
  if (m.culling >= 0) k.culling = m.culling;
  if (!m.mfw_features.empty()) k.mfw_features = m.mfw_features;
  k.delete_words = m.delete_words;
  k.delete_pronouns = m.delete_pronouns;
  k.features_file = m.features_file;
  k.frequency_table = m.frequency_table;
  // A frequency table is used whole unless --mfw cuts it.
  if (!k.frequency_table.empty() && m.mfw == kNotGiven) k.mfw = pipeline::MfwConfig::kAll;
  return k;
}

void add_features_options(po::options_description& desc, FeaturesCli& f, const std::string& prefix) {
  pipeline::FeaturesConfig& c = f.config;
  desc.add_options()(
      "features", po::value(&f.spec)->default_value(f.spec),
      (prefix + "analyzer and n-gram range ([features] analyzer, ngram): word:1-2, char:3-5, char_wb:2-4, ...")
          .c_str())("tokenizer", po::value(&c.tokenizer)->default_value(c.tokenizer),
                    (prefix + "icu, sklearn or stylo (stylo's txt.to.words.ext, exactly)").c_str())(
      "language", po::value(&c.language),
      (prefix + "--tokenizer stylo: stylo's corpus.lang (English.all by default, English.contr, English, "
                "Latin.corr, CJK, Polish, German, ...)")
          .c_str())("preserve-case", po::bool_switch(&c.preserve_case),
                    (prefix + "--tokenizer stylo: keep upper case (stylo's preserve.case)").c_str())(
      "splitting-rule", po::value(&c.splitting_rule),
      (prefix + "--tokenizer stylo: separator regex replacing the language's rules (stylo's splitting.rule)").c_str())(
      "token-pattern", po::value(&c.token_pattern),
      (prefix + "--tokenizer stylo: tokens are the matches of this regex (pydelta: '\\p{L}+')").c_str())(
      "tf", po::value(&c.tf)->default_value(c.tf), (prefix + "raw|binary|sublinear|relative").c_str())(
      "idf", po::value(&c.idf)->default_value(c.idf), (prefix + "none|smooth|plain").c_str())(
      "norm", po::value(&c.norm)->default_value(c.norm), (prefix + "l2|l1|none").c_str())(
      "min-df", po::value(&c.min_df)->default_value(c.min_df),
      (prefix + "minimum document frequency: a count (2) or a proportion (0.1)").c_str())(
      "max-df", po::value(&c.max_df)->default_value(c.max_df),
      (prefix + "maximum document frequency: a count or a proportion").c_str())(
      "max-features", po::value(&c.max_features)->default_value(c.max_features),
      (prefix + "keep the N most frequent terms (0 = all)").c_str())(
      "stop-words", po::value(&c.stop_words), (prefix + "stop-word list (english or a file)").c_str());
}

pipeline::FeaturesConfig to_features_config(const FeaturesCli& f) {
  pipeline::FeaturesConfig c = f.config;
  features::VectorizerOptions probe;
  cli_field([&] {
    features::parse_feature_spec(f.spec, probe);
    return 0;
  });
  const size_t colon = f.spec.find(':');
  c.analyzer = f.spec.substr(0, colon);
  c.ngram_min = probe.ngram_min;
  c.ngram_max = probe.ngram_max;
  return c;
}

std::vector<std::filesystem::path> input_paths(const CorpusCli& c, const LoadedCorpus& loaded) {
  return pipeline::input_files(to_corpus_config(c), loaded);
}

bool parse_args(const std::string& command, const std::vector<std::string>& args, po::options_description& desc,
                const po::positional_options_description& pos, const std::string& usage, const std::string& example) {
  // Every command takes --quiet: long steps draw a progress bar on standard error when it is
  // a terminal (common/progress.h), and scripts or screen readers may not want it.
  desc.add_options()("quiet,q", "no progress bar on standard error (it is shown only on a terminal)")("help,h",
                                                                                                      "show this help");
  po::variables_map vm;
  po::parsed_options parsed = po::command_line_parser(args).options(desc).positional(pos).run();
  give_clean_value_to_corpus(parsed, pos);
  po::store(parsed, vm);
  // Checked before notify(): notify() enforces required options, which --help must not need.
  if (vm.count("help")) {
    std::cout << "usage: stylokit " << command << " " << usage << "\n\n" << desc << "\nexample:\n  " << example << "\n";
    return false;
  }
  require_positionals(command, desc, pos, vm, usage);
  po::notify(vm);
  Progress::set_enabled(!vm.count("quiet"));
  return true;
}

}  // namespace stylokit::cli
