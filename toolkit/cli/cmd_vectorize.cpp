// stylokit vectorize CORPUS -o M.mtx: a document-term matrix (counts, TF-IDF, word or
// character n-grams) written as Matrix Market with its term and document lists.

#include <chrono>
#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/io.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/vectorizer.h"

namespace stylokit::cli {

namespace {

namespace f = stylokit::features;

int cmd_vectorize(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  std::string features = "word:1-1", tokenizer = "icu", tf = "raw", idf = "smooth", norm = "l2";
  std::string min_df = "1", max_df = "1.0", stop_words, vocabulary, output;
  size_t max_features = 0, hash_buckets = 0;
  int threads = 0;
  po::options_description desc("options");
  desc.add_options()
      ("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")
      ("output,o", po::value(&output)->required(), "output M.mtx (M.terms.tsv and M.docs.tsv are written beside it)")
      ("features", po::value(&features)->default_value(features),
       "KIND:N1-N2 with KIND word (word n-grams), char (character n-grams across words) or char_wb "
       "(character n-grams inside words, padded with a space), e.g. word:1-2, char_wb:3-5")
      ("tokenizer", po::value(&tokenizer)->default_value(tokenizer),
       "icu (the text options below) or sklearn (scikit-learn's default analyzer, exactly)")
      ("tf", po::value(&tf)->default_value(tf), "term frequency: raw|binary|sublinear|relative (percent of the document)")
      ("idf", po::value(&idf)->default_value(idf), "inverse document frequency: none|smooth|plain")
      ("norm", po::value(&norm)->default_value(norm), "row normalisation: l2|l1|none")
      ("min-df", po::value(&min_df)->default_value(min_df),
       "keep terms in at least this many documents (integer) or this share of them (0.0-1.0)")
      ("max-df", po::value(&max_df)->default_value(max_df),
       "keep terms in at most this many documents (integer) or this share of them (0.0-1.0)")
      ("max-features", po::value(&max_features)->default_value(0), "keep only the N most frequent terms (0 = all)")
      ("stop-words", po::value(&stop_words),
       "remove these words before word n-grams: a shipped list (english) or a file, one word per line")
      ("vocabulary", po::value(&vocabulary),
       "fixed vocabulary: a .terms.tsv written by vectorize or a file with one term per line (no pruning)")
      ("hash-buckets", po::value(&hash_buckets)->default_value(0),
       "feature hashing into N columns instead of a vocabulary (0 = off)")
      ("threads", po::value(&threads)->default_value(0), "worker threads (0 = all cores); output is the same for any");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("vectorize", args, desc, pos, "CORPUS -o M.mtx [options]",
                  "stylokit vectorize data/letters --features word:1-2 --tokenizer sklearn -o letters.mtx"))
    return 0;

  const auto start = std::chrono::steady_clock::now();
  f::VectorizerOptions o;
  f::parse_feature_spec(features, o);
  o.tokenizer = f::parse_tokenizer(tokenizer);
  o.text = to_text_options(text_cli);
  o.tf = f::parse_tf(tf);
  o.idf = f::parse_idf(idf);
  o.norm = f::parse_norm(norm);
  o.min_df = f::DfBound::parse(min_df, "--min-df");
  o.max_df = f::DfBound::parse(max_df, "--max-df");
  o.max_features = max_features;
  o.hash_buckets = hash_buckets;
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  o.threads = threads;
  if (!stop_words.empty())
    o.stop_words = f::load_stop_words(stop_words, o.tokenizer == f::TokenizerKind::kIcu ? &o.text : nullptr);
  if (!vocabulary.empty()) o.vocabulary = f::load_vocabulary(vocabulary);
  o.validate();

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
  std::cout << fmt::format("{}: {} documents x {} terms, {} non-zeros ({}, tokenizer {}, tf {}, idf {}, norm {}) in "
                           "{:.2f} s\nwrote {}, {}, {}\n",
                           loaded.corpus.origin, v.rows, v.cols, v.non_zeros, features,
                           tokenizer, tf, idf, norm, seconds, out_path.string(), f::terms_path(out_path).string(),
                           f::docs_path(out_path).string());
  return exit_without_teardown(0);
}

const CommandRegistrar kRegistrar("vectorize", cmd_vectorize);

}  // namespace
}  // namespace stylokit::cli
