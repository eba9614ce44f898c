// stylokit phrases CORPUS: maximal recurring phrases, their statistics and KWIC lines.

#include <algorithm>
#include <cmath>
#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/phrases/association.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/phrases/phrase_table.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/text/stopwords.h"

namespace stylokit::cli {

namespace {

int cmd_phrases(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  std::string output, kwic_path, kwic_format = "tsv", stop_list = "english", sort_key = "count";
  phrases::MineOptions mine;
  uint32_t kwic_window = 5, threads = 0;
  bool sentences = false, keep_stop_only = false;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(), "phrases CSV to write (-: standard output)")(
      "min-len", po::value(&mine.min_len)->default_value(mine.min_len), "shortest phrase, in tokens")(
      "max-len", po::value(&mine.max_len)->default_value(mine.max_len), "longest phrase, in tokens")(
      "min-docs", po::value(&mine.min_docs)->default_value(mine.min_docs), "documents a phrase must occur in")(
      "min-count", po::value(&mine.min_count)->default_value(mine.min_count), "occurrences a phrase must have (>= 2)")(
      "sentences", po::bool_switch(&sentences), "phrases may not cross sentence ends")(
      "stop-words", po::value(&stop_list)->default_value(stop_list),
      "stop-word list (shipped name or file; 'none' = off): phrases made only of stop words are dropped")(
      "keep-stop-only", po::bool_switch(&keep_stop_only), "keep phrases made only of stop words")(
      "sort", po::value(&sort_key)->default_value(sort_key),
      "order: count|docs|widespread|length|formulaicity|llr|pmi|t|chi2|dice (largest first; widespread = docs, then formulaicity)")(
      "kwic", po::value(&kwic_path), "also write every occurrence with its context to this file (-: standard output)")(
      "kwic-format", po::value(&kwic_format)->default_value(kwic_format), "KWIC file format: tsv|jsonl")(
      "kwic-window", po::value(&kwic_window)->default_value(kwic_window), "KWIC context, in tokens on each side")(
      "threads", po::value(&threads)->default_value(threads), "tokenizer threads (0 = all cores)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("phrases", args, desc, pos, "CORPUS -o P.csv [options]",
                  "stylokit phrases data/letters --min-len 3 --min-docs 2 --kwic kwic.tsv -o phrases.csv"))
    return 0;
  STYLOKIT_CHECK(mine.min_len >= 1, ConfigError, "--min-len must be at least 1 (got {})", mine.min_len);
  STYLOKIT_CHECK(mine.max_len >= mine.min_len, ConfigError, "--min-len {} is above --max-len {}", mine.min_len,
                 mine.max_len);
  STYLOKIT_CHECK(mine.min_count >= 2, ConfigError, "--min-count must be at least 2 (got {})", mine.min_count);
  STYLOKIT_CHECK(kwic_format == "tsv" || kwic_format == "jsonl", ConfigError,
                 "--kwic-format: expected tsv or jsonl, got '{}'", kwic_format);
  phrases::check_sort_key(sort_key);  // rejects an unknown key before any work
  STYLOKIT_CHECK(!(is_standard_output(output) && is_standard_output(kwic_path)), ConfigError,
                 "-o - and --kwic -: only one output can go to standard output");
  mine.skip_stop_only = !keep_stop_only;
  mine.keep_occurrences = !kwic_path.empty();

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  const auto inputs = input_paths(corpus_cli, loaded);
  check_not_input(output, inputs);
  if (!kwic_path.empty()) check_not_input(kwic_path, inputs);
  text::Tokenizer tokenizer(to_text_options(text_cli));
  phrases::TokenCorpus tc = phrases::build_token_corpus(loaded.corpus, tokenizer, threads);
  if (stop_list != "none") phrases::mark_stop_words(tc, text::StopWords::load(stop_list, tokenizer));
  // Sorting suffixes to depth max-len + 1 suffices for phrases of at most max-len tokens.
  phrases::PhraseIndex index(tc, {.split_sentences = sentences, .max_phrase_len = mine.max_len});
  phrases::PhraseList found = index.mine(mine);

  const phrases::RankedPhrases ranked = phrases::rank_phrases(index, std::move(found), sort_key);
  const std::string csv = phrases::phrases_csv(tc, ranked);
  std::string kwic = kwic_format == "tsv" ? std::string(phrases::kKwicTsvHeader) : std::string();
  size_t kwic_lines = 0;
  for (size_t i : ranked.order) {
    const phrases::Phrase& p = ranked.phrases[i];
    if (!kwic_path.empty()) {
      const std::string text = phrases::phrase_text(tc, p.tokens.data(), p.length());
      for (const auto& line : phrases::kwic_lines(tc, p, kwic_window)) {
        const Document& doc = loaded.corpus.documents[line.doc];
        if (kwic_format == "tsv")
          phrases::append_kwic_tsv(kwic, doc.id, doc.raw, line, text);
        else
          phrases::append_kwic_jsonl(kwic, doc.id, doc.raw, line, text);
        ++kwic_lines;
      }
    }
  }
  write_output(output, csv);
  if (!kwic_path.empty()) write_output(kwic_path, kwic);

  // The summary goes to standard error when standard output carries an output file.
  std::ostream& report = is_standard_output(output) || is_standard_output(kwic_path) ? std::cerr : std::cout;
  report << fmt::format("phrases: {} documents, {} tokens, {} types: {} maximal phrases -> {}\n", tc.documents(),
                        tc.tokens(), tc.vocab.size(), ranked.phrases.size(), output);
  if (!kwic_path.empty()) report << fmt::format("kwic: {} lines -> {}\n", kwic_lines, kwic_path);
  const size_t shown = std::min<size_t>(10, ranked.order.size());
  for (size_t k = 0; k < shown; ++k) {
    const phrases::Phrase& p = ranked.phrases[ranked.order[k]];
    report << fmt::format("  {:>6} x in {:>4} docs  {}\n", p.count, p.docs.size(),
                          phrases::phrase_text(tc, p.tokens.data(), p.length()));
  }
  return 0;
}

const CommandRegistrar kRegistrar("phrases", cmd_phrases);

}  // namespace
}  // namespace stylokit::cli
