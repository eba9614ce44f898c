// stylokit reuse CORPUS -o R.csv: passages shared across a corpus (candidate pairs from
// shared rare n-grams, then seeded local alignment).

#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/phrases/reuse.h"

namespace stylokit::cli {

namespace {

int cmd_reuse(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  std::string output;
  phrases::ReuseOptions opt;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(), "passages CSV to write (-: standard output)")(
      "min-len", po::value(&opt.align.min_len)->default_value(opt.align.min_len),
      "shortest passage, in tokens on both sides")(
      "min-score", po::value(&opt.align.min_score)->default_value(opt.align.min_score), "lowest passage score")(
      "ngram", po::value(&opt.ngram)->default_value(opt.ngram), "n-gram length for candidates and formulae")(
      "max-df", po::value(&opt.max_df)->default_value(opt.max_df),
      "n-grams in more documents are not rare (0 = max(5, documents/1000))")(
      "min-shared", po::value(&opt.min_shared)->default_value(opt.min_shared),
      "rare n-grams a pair must share to be aligned")(
      "mask-df", po::value(&opt.mask_df)->default_value(opt.mask_df),
      "mask n-grams found in at least this many documents (stock formulae); 0 = off")(
      "seed-len", po::value(&opt.align.seed_len)->default_value(opt.align.seed_len), "seed n-gram length")(
      "band", po::value(&opt.align.band)->default_value(opt.align.band), "diagonals on each side of the seeds")(
      "threads", po::value(&opt.threads)->default_value(opt.threads), "threads (0 = all cores)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("reuse", args, desc, pos, "CORPUS -o R.csv [options]",
                  "stylokit reuse data/letters --min-len 8 --mask-df 3 -o reuse.csv"))
    return 0;
  phrases::validate(opt.align);
  STYLOKIT_CHECK(opt.mask_df != 1, ConfigError, "--mask-df 1 would mask every n-gram; use 0 (off) or >= 2");
  LoadedCorpus loaded = load_for_cli(corpus_cli);
  check_not_input(output, input_paths(corpus_cli, loaded));
  text::Tokenizer tokenizer(to_text_options(text_cli));
  phrases::TokenCorpus tc = phrases::build_token_corpus(loaded.corpus, tokenizer, opt.threads);
  const phrases::ReuseResult r = phrases::find_reuse(tc, opt);

  const std::string csv = phrases::reuse_csv(loaded.corpus, r);
  write_output(output, csv);
  (is_standard_output(output) ? std::cerr : std::cout)
      << fmt::format("reuse: {} documents, {} tokens, {} masked; {} candidate pairs aligned; {} passages -> {}\n",
                     tc.documents(), tc.tokens(), r.masked_tokens, r.candidate_pairs, r.passages.size(), output);
  return 0;
}

const CommandRegistrar kRegistrar("reuse", cmd_reuse);

}  // namespace
}  // namespace stylokit::cli
