// stylokit reuse CORPUS -o R.csv: passages shared across a corpus (candidate pairs from
// shared rare n-grams, then seeded local alignment).

#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/common/progress.h"
#include "toolkit/phrases/reuse.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::cli {

namespace {

int cmd_reuse(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  std::string output;
  pipeline::ReuseConfig opt;
  int threads = 0;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(), "passages CSV to write (-: standard output)")(
      "min-len", po::value(&opt.min_len)->default_value(opt.min_len), "shortest passage, in tokens on both sides")(
      "min-score", po::value(&opt.min_score)->default_value(opt.min_score), "lowest passage score")(
      "ngram", po::value(&opt.ngram)->default_value(opt.ngram), "n-gram length for candidates and formulae")(
      "max-df", po::value(&opt.max_df)->default_value(opt.max_df),
      "n-grams in more documents are not rare (0 = max(5, documents/1000))")(
      "min-shared", po::value(&opt.min_shared)->default_value(opt.min_shared),
      "rare n-grams a pair must share to be aligned")(
      "mask-df", po::value(&opt.mask_df)->default_value(opt.mask_df),
      "mask n-grams found in at least this many documents (stock formulae); 0 = off")(
      "seed-len", po::value(&opt.seed_len)->default_value(opt.seed_len), "seed n-gram length")(
      "band", po::value(&opt.band)->default_value(opt.band), "diagonals on each side of the seeds")(
      "threads", po::value(&threads)->default_value(threads), "threads (0 = all cores)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("reuse", args, desc, pos, "CORPUS -o R.csv [options]",
                  "stylokit reuse data/letters --min-len 8 --mask-df 3 -o reuse.csv"))
    return 0;
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  cli_field([&] { return pipeline::reuse_options(opt, threads); });  // before any work
  const text::TextOptions text = to_text_options(text_cli);
  LoadedCorpus loaded = load_for_cli(corpus_cli);
  check_not_input(output, input_paths(corpus_cli, loaded));
  Progress steps("reuse", 2);
  steps.step("reading");
  const pipeline::TokenizedCorpus tokenized = pipeline::tokenize(loaded.corpus, text, threads);
  const text::TokenCorpus& tc = tokenized.tokens;
  steps.step("finding shared passages");
  const phrases::ReuseResult r = pipeline::find_reuse(tokenized, opt, threads);
  steps.finish();

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
