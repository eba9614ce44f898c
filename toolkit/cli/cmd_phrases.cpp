// stylokit phrases CORPUS: maximal recurring phrases, their statistics and KWIC lines.

#include <algorithm>
#include <cmath>
#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/common/progress.h"
#include "toolkit/phrases/association.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/phrases/phrase_table.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::cli {

namespace {

int cmd_phrases(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  pipeline::PhrasesConfig config;
  std::string output, kwic_path, kwic_format = "tsv", split_sentences, skip_stop_only;
  bool sentences = false, no_split = false, keep_stop_only = false;
  int threads = 0;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(), "phrases CSV to write (-: standard output)")(
      "min-len", po::value(&config.min_len)->default_value(config.min_len), "shortest phrase, in tokens")(
      "max-len", po::value(&config.max_len)->default_value(config.max_len), "longest phrase, in tokens")(
      "min-docs", po::value(&config.min_docs)->default_value(config.min_docs), "documents a phrase must occur in")(
      "min-count", po::value(&config.min_count)->default_value(config.min_count),
      "occurrences a phrase must have (>= 2)")("split-sentences", po::value(&split_sentences)->implicit_value("true"),
                                               "phrases may not cross sentence ends (default true)")(
      "no-split-sentences", po::bool_switch(&no_split), "let phrases cross sentence ends")(
      "sentences", po::bool_switch(&sentences), "deprecated: sentence splitting is the default")(
      "stop-words", po::value(&config.stop_words)->default_value(config.stop_words),
      "stop-word list (shipped name or file; 'none' = off): phrases made only of stop words are dropped")(
      "skip-stop-only", po::value(&skip_stop_only)->implicit_value("true"),
      "drop phrases made only of stop words (default true)")("keep-stop-only", po::bool_switch(&keep_stop_only),
                                                             "keep phrases made only of stop words")(
      "sort", po::value(&config.sort)->default_value(config.sort),
      "order: count|docs|widespread|length|formulaicity|llr|pmi|t|chi2|dice (largest first; widespread = docs, "
      "then formulaicity)")("kwic", po::value(&kwic_path),
                            "also write every occurrence with its context to this file (-: standard output); text that "
                            "cleaning removed is skipped and shown as …")(
      "kwic-format", po::value(&kwic_format)->default_value(kwic_format), "KWIC file format: tsv|jsonl")(
      "kwic-window", po::value(&config.kwic_window)->default_value(config.kwic_window),
      "KWIC context, in tokens on each side")("threads", po::value(&threads)->default_value(threads),
                                              "tokenizer threads (0 = all cores)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("phrases", args, desc, pos, "CORPUS -o P.csv [options]",
                  "stylokit phrases data/letters --min-len 3 --min-docs 2 --kwic kwic.tsv -o phrases.csv"))
    return 0;
  if (sentences) warn("--sentences is deprecated: phrases never cross sentence ends unless --no-split-sentences");
  config.split_sentences = flag_value("split-sentences", split_sentences, no_split, config.split_sentences);
  config.skip_stop_only = flag_value("skip-stop-only", skip_stop_only, keep_stop_only, config.skip_stop_only);
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  STYLOKIT_CHECK(kwic_format == "tsv" || kwic_format == "jsonl", ConfigError,
                 "--kwic-format: expected tsv or jsonl, got '{}'", kwic_format);
  cli_field([&] {
    pipeline::validate(config);  // before any work
    return 0;
  });
  const text::TextOptions text_options = to_text_options(text_cli);
  STYLOKIT_CHECK(!(is_standard_output(output) && is_standard_output(kwic_path)), ConfigError,
                 "-o - and --kwic -: only one output can go to standard output");

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  const auto inputs = input_paths(corpus_cli, loaded);
  check_not_input(output, inputs);
  if (!kwic_path.empty()) check_not_input(kwic_path, inputs);
  Progress steps("phrases", 3);
  steps.step("reading");
  pipeline::TokenizedCorpus tokenized = pipeline::tokenize(loaded.corpus, text_options, threads);
  steps.step("finding");
  const phrases::RankedPhrases ranked =
      cli_field([&] { return pipeline::find_phrases(tokenized, config, text_options, !kwic_path.empty()); });
  steps.step("writing");
  const text::TokenCorpus& tc = tokenized.tokens;
  const uint32_t kwic_window = config.kwic_window;
  const std::string csv = phrases::phrases_csv(tc, ranked);
  std::string kwic = kwic_format == "tsv" ? std::string(phrases::kKwicTsvHeader) : std::string();
  size_t kwic_lines = 0;
  for (size_t i : ranked.order) {
    const phrases::Phrase& p = ranked.phrases[i];
    if (!kwic_path.empty()) {
      const std::string text = text::phrase_text(tc, p.tokens.data(), p.length());
      for (const auto& line : phrases::kwic_lines(tc, p, kwic_window)) {
        const Document& doc = loaded.corpus.documents[line.doc];
        if (kwic_format == "tsv")
          phrases::append_kwic_tsv(kwic, doc.id, doc, line, text);
        else
          phrases::append_kwic_jsonl(kwic, doc.id, doc, line, text);
        ++kwic_lines;
      }
    }
  }
  write_output(output, csv);
  if (!kwic_path.empty()) write_output(kwic_path, kwic);
  steps.finish();

  // The summary goes to standard error when standard output carries an output file.
  std::ostream& report = is_standard_output(output) || is_standard_output(kwic_path) ? std::cerr : std::cout;
  report << fmt::format("phrases: {} documents, {} tokens, {} types: {} maximal phrases -> {}\n", tc.documents(),
                        tc.tokens(), tc.vocab.size(), ranked.phrases.size(), output);
  if (!kwic_path.empty()) report << fmt::format("kwic: {} lines -> {}\n", kwic_lines, kwic_path);
  const size_t shown = std::min<size_t>(10, ranked.order.size());
  for (size_t k = 0; k < shown; ++k) {
    const phrases::Phrase& p = ranked.phrases[ranked.order[k]];
    report << fmt::format("  {:>6} x in {:>4} docs  {}\n", p.count, p.docs.size(),
                          text::phrase_text(tc, p.tokens.data(), p.length()));
  }
  return 0;
}

const CommandRegistrar kRegistrar("phrases", cmd_phrases);

}  // namespace
}  // namespace stylokit::cli
