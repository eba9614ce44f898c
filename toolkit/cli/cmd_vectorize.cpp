// stylokit vectorize CORPUS -o M.mtx: a document-term matrix (counts, TF-IDF, word or
// character n-grams) written as Matrix Market with its term and document lists.

#include <chrono>
#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/io.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::cli {

namespace {

namespace f = stylokit::features;

int cmd_vectorize(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  FeaturesCli features;
  std::string vocabulary, output;
  size_t hash_buckets = 0;
  int threads = 0;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(), "output M.mtx (M.terms.tsv and M.docs.tsv are written beside it)")(
      "vocabulary", po::value(&vocabulary),
      "fixed vocabulary: a .terms.tsv written by vectorize or a file with one term per line (no pruning)")(
      "hash-buckets", po::value(&hash_buckets)->default_value(0),
      "feature hashing into N columns instead of a vocabulary (0 = off)")(
      "threads", po::value(&threads)->default_value(0), "worker threads (0 = all cores); output is the same for any");
  add_features_options(desc, features);
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("vectorize", args, desc, pos, "CORPUS -o M.mtx [options]",
                  "stylokit vectorize data/letters --features word:1-2 --tokenizer sklearn -o letters.mtx"))
    return 0;

  const auto start = std::chrono::steady_clock::now();
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  const pipeline::FeaturesConfig fc = to_features_config(features);
  f::VectorizerOptions o =
      cli_field([&] { return pipeline::vectorizer_options(fc, to_text_options(text_cli), threads); });
  o.hash_buckets = hash_buckets;
  if (!vocabulary.empty()) o.vocabulary = f::load_vocabulary(vocabulary);
  cli_field([&] {
    o.validate();
    return 0;
  });
  const std::string& stop_words = fc.stop_words;

  STYLOKIT_CHECK(!is_standard_output(output), ConfigError,
                 "-o -: vectorize writes M.mtx with M.terms.tsv and M.docs.tsv beside it; give a file name");
  const std::filesystem::path out_path = output;
  std::vector<std::filesystem::path> inputs{corpus_cli.path};
  if (!vocabulary.empty()) inputs.emplace_back(vocabulary);
  if (!stop_words.empty()) inputs.emplace_back(stop_words);
  if (!corpus_cli.metadata.empty()) inputs.emplace_back(corpus_cli.metadata);
  for (const auto& p : {out_path, f::terms_path(out_path), f::docs_path(out_path)}) check_not_input(p, inputs);

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  const f::WrittenMatrix v = f::vectorize_to_file(loaded.corpus, o, out_path);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format(
      "{}: {} documents x {} terms, {} non-zeros ({}, tokenizer {}, tf {}, idf {}, norm {}) in "
      "{:.2f} s\nwrote {}, {}, {}\n",
      loaded.corpus.origin, v.rows, v.cols, v.non_zeros, features.spec, fc.tokenizer, fc.tf, fc.idf, fc.norm, seconds,
      out_path.string(), f::terms_path(out_path).string(), f::docs_path(out_path).string());
  return exit_without_teardown(0);
}

const CommandRegistrar kRegistrar("vectorize", cmd_vectorize);

}  // namespace
}  // namespace stylokit::cli
