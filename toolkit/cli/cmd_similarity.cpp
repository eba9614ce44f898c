// stylokit similarity CORPUS -o S.csv: document-by-document similarity or distance
// matrices (cosine, Jaccard, the Delta family...), top-k neighbours for large corpora, and
// MinHash-LSH near-duplicates. The measures live in toolkit/similarity; this file only
// turns flags into inputs and writes the files.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/similarity/minhash.h"
#include "toolkit/similarity/pairwise.h"
#include "toolkit/similarity/table_io.h"
#include "toolkit/similarity/topk.h"

namespace stylokit::cli {

namespace {

namespace f = stylokit::features;
namespace s = stylokit::similarity;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// An n × n double matrix beyond this many bytes is refused in favour of --top-k.
constexpr double kMaxMatrixBytes = 4.0 * 1024 * 1024 * 1024;

struct SimilarityCli {
  std::string output;
  pipeline::SimilarityConfig similarity;
  MfwCli mfw;
  SampleCli sample;
  FeaturesCli features;
  std::string save_table;
  long long top_k = kNotGiven;
  bool near_duplicates = false;
  double threshold = 0.8;
  size_t shingle = 5, num_perm = 128, bands = 0, rows = 0;
  uint64_t seed = 1;
  int threads = 0;
};

fs::path sidecar_path(const fs::path& out) {
  fs::path p = out;
  return p.replace_extension(".json");
}

std::vector<std::string> ids_of(const std::vector<std::string>& all, const std::vector<size_t>& rows) {
  std::vector<std::string> out;
  for (size_t r : rows) out.push_back(all[r]);
  return out;
}

bool is_mtx(const std::string& path) {
  return path.size() > 4 && path.substr(path.size() - 4) == ".mtx";
}

DocTermMatrix table_to_sparse(const f::MfwTable& t) {
  std::vector<Eigen::Triplet<double, std::int64_t>> trip;
  for (Eigen::Index i = 0; i < t.relative.rows(); ++i)
    for (Eigen::Index k = 0; k < t.relative.cols(); ++k)
      if (t.relative(i, k) != 0) trip.emplace_back(i, k, t.relative(i, k));
  DocTermMatrix m(t.relative.rows(), t.relative.cols());
  m.setFromTriplets(trip.begin(), trip.end());
  m.makeCompressed();
  return m;
}

int cmd_similarity(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  SimilarityCli c;
  pipeline::SimilarityConfig& sc = c.similarity;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path), "folder, .jsonl, .csv, or an M.mtx written by vectorize")(
      "output,o", po::value(&c.output)->required(),
      "output CSV: the matrix (header ,id1,id2,...), or doc,neighbor,rank,score with --top-k; S.json beside it")(
      "measure", po::value(&sc.measure)->default_value(sc.measure),
      "cosine|jaccard|euclidean|manhattan|canberra|burrows-delta|argamon-linear|argamon-quadratic|eder-delta|"
      "eder-simple|cosine-delta|minmax|entropy (similarities: cosine, jaccard; the others are distances)")(
      "variant", po::value(&sc.variant)->default_value(sc.variant),
      "stylo (reproduce the R package stylo) or published (the papers' formulas)")(
      "save-table", po::value(&c.save_table),
      "also write the MFW table used (relative frequencies, the --frequency-table layout) to this CSV")(
      "top-k", po::value(&c.top_k), "write the K nearest neighbours of every document (cosine) instead of a matrix")(
      "near-duplicates", po::bool_switch(&c.near_duplicates),
      "write near-duplicate pairs (MinHash + LSH, verified exactly) as doc_a,doc_b,jaccard,estimate")(
      "threshold", po::value(&c.threshold)->default_value(c.threshold), "near-duplicates: Jaccard threshold")(
      "shingle", po::value(&c.shingle)->default_value(c.shingle), "near-duplicates: words per shingle")(
      "num-perm", po::value(&c.num_perm)->default_value(c.num_perm), "near-duplicates: MinHash signature length")(
      "bands", po::value(&c.bands)->default_value(0), "near-duplicates: LSH bands (0 = best for the threshold)")(
      "rows", po::value(&c.rows)->default_value(0), "near-duplicates: rows per band (0 = best for the threshold)")(
      "seed", po::value(&c.seed)->default_value(c.seed),
      "seed of --sample random and of the near-duplicates' MinHashes")(
      "threads", po::value(&c.threads)->default_value(0), "worker threads (0 = all cores); output is the same for any");
  add_mfw_options(desc, c.mfw);
  add_sample_options(desc, c.sample);
  add_features_options(desc, c.features, "cosine/jaccard matrix: ");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("similarity", args, desc, pos, "CORPUS -o S.csv [options]",
                  "stylokit similarity data/letters --measure burrows-delta --mfw 100 -o delta.csv"))
    return 0;

  const auto start = std::chrono::steady_clock::now();
  const s::Measure measure = cli_field([&] { return s::parse_measure(sc.measure); });
  cli_field([&] { return s::parse_variant(sc.variant); });
  STYLOKIT_CHECK(c.threads >= 0, ConfigError, "--threads: must not be negative, got {}", c.threads);
  const int threads = resolve_thread_count(c.threads);
  STYLOKIT_CHECK(c.top_k == kNotGiven || c.top_k >= 1, ConfigError,
                 "--top-k: the number of neighbours must be at least 1, got {}", c.top_k);
  const bool top_k = c.top_k != kNotGiven;
  sc.mfw = to_mfw_config(c.mfw);
  sc.mfw_given = c.mfw.given();
  STYLOKIT_CHECK(!corpus_cli.path.empty() || !sc.mfw.frequency_table.empty(), ConfigError,
                 "give a CORPUS or --frequency-table");
  STYLOKIT_CHECK(!(top_k && c.near_duplicates), ConfigError, "--top-k and --near-duplicates: choose one");
  const bool mtx_input = is_mtx(corpus_cli.path);
  const bool use_table = cli_field([&] { return pipeline::uses_mfw_table(sc); });
  STYLOKIT_CHECK(!(top_k && measure != s::Measure::kCosine), ConfigError,
                 "--top-k: only --measure cosine has a top-k search (got {})", sc.measure);
  STYLOKIT_CHECK(c.save_table.empty() || use_table, ConfigError,
                 "--save-table: only MFW runs (a Delta-family measure, --mfw, --features-file) build a table");
  STYLOKIT_CHECK(!(mtx_input && use_table), ConfigError,
                 "{}: a matrix file gives cosine/jaccard/--top-k only; MFW measures need a corpus or --frequency-table",
                 corpus_cli.path);
  if (use_table)
    cli_field([&] {
      pipeline::validate(sc.mfw);
      return 0;
    });
  const pipeline::SampleConfig sample = to_sample_config(c.sample, c.seed);
  const bool sampled = pipeline::samples_asked(sample);
  STYLOKIT_CHECK(!(sampled && c.near_duplicates), ConfigError,
                 "--sample: --near-duplicates compares whole documents; drop one of the two");
  STYLOKIT_CHECK(!(sampled && mtx_input), ConfigError,
                 "--sample: {} is a matrix, read as it is; samples are cut from a corpus", corpus_cli.path);
  STYLOKIT_CHECK(!(sampled && !sc.mfw.frequency_table.empty()), ConfigError,
                 "--sample: a --frequency-table is read as it is; samples are cut from a corpus");
  // The corpus tokenized and cut into samples, counted instead of the whole texts.
  auto samples_of = [&](const Corpus& corpus) {
    pipeline::TokenizedCorpus t = cli_field(
        [&] { return pipeline::tokenize(corpus, to_text_options(text_cli), to_features_config(c.features), threads); });
    cli_field([&] {
      pipeline::make_samples(t, sample, threads);
      return 0;
    });
    return t;
  };

  // -o - writes the table to standard output and no sidecar (its direction and parameters are
  // then on standard error only).
  const fs::path out_path = c.output;
  const bool to_stdout = is_standard_output(out_path);
  const fs::path json_path = to_stdout ? fs::path() : sidecar_path(out_path);
  STYLOKIT_CHECK(to_stdout || json_path != out_path, ConfigError, "-o {}: give the output a .csv extension", c.output);
  std::vector<fs::path> inputs;
  for (const auto& p : {corpus_cli.path, sc.mfw.frequency_table, sc.mfw.features_file, corpus_cli.metadata,
                        sc.mfw.delete_words, c.features.config.stop_words})
    if (!p.empty()) inputs.emplace_back(p);
  if (mtx_input) {
    inputs.push_back(f::terms_path(corpus_cli.path));
    inputs.push_back(f::docs_path(corpus_cli.path));
  }
  check_not_input(out_path, inputs);
  if (!to_stdout) check_not_input(json_path, inputs);
  if (!c.save_table.empty()) {
    check_not_input(c.save_table, inputs);
    STYLOKIT_CHECK(fs::path(c.save_table) != out_path && fs::path(c.save_table) != json_path, ConfigError,
                   "--save-table: must differ from -o and its .json");
  }

  const text::TextOptions text_options = to_text_options(text_cli);
  std::string summary, csv;
  Json meta;
  std::vector<std::string> ids, warnings;
  std::vector<size_t> zero_rows;
  std::vector<std::string> sample_warnings;  // the matrix path's (the MFW path's are in its result)
  // The top-k output of a table or a matrix; the all-pairs matrix goes through the pipeline.
  auto top_k_output = [&](const DocTermMatrix& matrix, Json params) {
    s::TopKOptions to;
    to.k = static_cast<size_t>(c.top_k);
    to.threads = threads;
    s::TopKResult r = s::top_k(matrix, to);
    csv = s::format_topk_csv(r, ids);
    zero_rows = r.zero_rows;
    params["k"] = c.top_k;
    meta["measure"] = sc.measure;
    meta["direction"] = "similarity";
    meta["larger_is_closer"] = true;
    meta["variant"] = sc.variant;
    meta["formula"] = s::formula(measure, s::parse_variant(sc.variant));
    meta["output"] = "top-k neighbours";
    meta["parameters"] = params;
    if (!zero_rows.empty())
      warnings.push_back(
          fmt::format("{} document(s) with an all-zero feature vector (cosine 0 with every "
                      "document), e.g. {}",
                      zero_rows.size(), ids[zero_rows.front()]));
    return r;
  };
  auto matrix_output = [&](const pipeline::SimilarityResult& r) {
    STYLOKIT_CHECK(static_cast<double>(r.ids.size()) * static_cast<double>(r.ids.size()) * 8 <= kMaxMatrixBytes,
                   ConfigError, "{} documents: an all-pairs matrix would not fit in memory; use --top-k K",
                   r.ids.size());
    ids = r.ids;
    csv = pipeline::similarity_csv(r);
    meta = pipeline::similarity_json(r);
    warnings = r.warnings;
  };

  if (c.near_duplicates) {
    STYLOKIT_CHECK(!corpus_cli.path.empty() && !mtx_input, ConfigError, "--near-duplicates needs a corpus (its words)");
    s::MinHashOptions mo;
    mo.threshold = c.threshold;
    mo.num_perm = c.num_perm;
    mo.bands = c.bands;
    mo.rows = c.rows;
    mo.seed = c.seed;
    mo.threads = threads;
    LoadedCorpus loaded = load_for_cli(corpus_cli);
    const pipeline::FeaturesConfig fc = to_features_config(c.features);
    const pipeline::TokenizedCorpus tokenized =
        cli_field([&] { return pipeline::tokenize(loaded.corpus, text_options, fc, threads); });
    const text::TokenCorpus& tc = tokenized.tokens;
    std::vector<std::vector<uint64_t>> sets(tc.documents());
    std::vector<std::string_view> words;
    for (size_t d = 0; d < tc.documents(); ++d) {
      words.clear();
      for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t)
        words.emplace_back(tc.vocab[static_cast<size_t>(tc.ids[t])]);
      sets[d] = s::shingle_set(words, c.shingle);
    }
    ids = tc.doc_ids;
    const s::NearDuplicates nd = s::near_duplicates(sets, mo);
    csv = "doc_a,doc_b,jaccard,estimate\n";
    for (const auto& p : nd.pairs)
      csv += fmt::format("{},{},{:.17g},{:.17g}\n", csv_escape(ids[p.a]), csv_escape(ids[p.b]), p.jaccard, p.estimate);
    if (!nd.empty_sets.empty())
      warnings.push_back(
          fmt::format("{} document(s) without words, never reported as duplicates", nd.empty_sets.size()));
    meta["measure"] = "jaccard";
    meta["direction"] = "similarity";
    meta["larger_is_closer"] = true;
    meta["output"] = "near-duplicate pairs";
    meta["parameters"] = {{"threshold", c.threshold}, {"shingle", c.shingle},   {"num_perm", c.num_perm},
                          {"bands", nd.params.bands}, {"rows", nd.params.rows}, {"seed", c.seed}};
    meta["expected_recall_at_threshold"] = nd.expected_recall;
    meta["candidates_verified"] = nd.candidates;
    summary = fmt::format(
        "near-duplicates: {} pair(s) with Jaccard >= {} among {} documents ({} candidates verified)\n"
        "LSH: {} bands x {} rows of {} MinHashes (seed {}): expected recall at Jaccard {} = {:.4f} "
        "(1-(1-s^r)^b; higher above it)\n",
        nd.pairs.size(), c.threshold, ids.size(), nd.candidates, nd.params.bands, nd.params.rows, c.num_perm, c.seed,
        c.threshold, nd.expected_recall);
  } else if (use_table) {
    std::optional<LoadedCorpus> loaded;
    if (sc.mfw.frequency_table.empty()) loaded = load_for_cli(corpus_cli);
    std::optional<pipeline::TokenizedCorpus> tokenized;
    if (sampled) tokenized = samples_of(loaded->corpus);
    const pipeline::MfwResult mfw = cli_field([&] {
      return pipeline::mfw_table(sc.mfw, loaded ? &loaded->corpus : nullptr, text_options,
                                 to_features_config(c.features), threads, tokenized ? &*tokenized : nullptr);
    });
    ids = mfw.table.doc_ids;
    if (!c.save_table.empty()) write_file_atomic(c.save_table, s::format_frequency_table(mfw.table));
    if (top_k) {
      const s::TopKResult r = top_k_output(table_to_sparse(mfw.table), mfw.parameters);
      meta["features"] = mfw.table.words;
      for (const auto& w : mfw.warnings) warnings.push_back(w);
      summary = fmt::format("top-{} cosine neighbours of {} documents on {} MFW\n", r.per_row, ids.size(),
                            mfw.table.words.size());
    } else {
      const pipeline::SimilarityResult r = pipeline::similarity_on_table(mfw, sc, threads);
      matrix_output(r);
      summary = fmt::format("{} ({}, variant {}) between {} documents on {} features\n", sc.measure,
                            s::larger_is_closer(measure) ? "similarity" : "distance", sc.variant, ids.size(),
                            r.features_used);
    }
  } else {
    DocTermMatrix matrix;
    Json params;
    if (mtx_input) {
      f::LoadedMatrix lm = f::load_matrix(corpus_cli.path);
      matrix = std::move(lm.matrix);
      ids = std::move(lm.doc_ids);
      params["input"] = "matrix";
    } else {
      const pipeline::FeaturesConfig fc = to_features_config(c.features);
      const f::VectorizerOptions vo =
          cli_field([&] { return pipeline::vectorizer_options(fc, text_options, threads); });
      LoadedCorpus loaded = load_for_cli(corpus_cli);
      std::optional<pipeline::TokenizedCorpus> tokenized;
      if (sampled) tokenized = samples_of(loaded.corpus);
      f::Vectorized v =
          tokenized
              ? cli_field([&] { return pipeline::vectorize(fc, text_options, loaded.corpus, &*tokenized, threads); })
              : f::vectorize(loaded.corpus, vo);
      matrix = std::move(v.matrix);
      ids = std::move(v.doc_ids);
      params = {{"input", "corpus-vectorized"},
                {"features", c.features.spec},
                {"tokenizer", fc.tokenizer},
                {"tf", fc.tf},
                {"idf", fc.idf},
                {"norm", fc.norm},
                {"min_df", fc.min_df},
                {"max_df", fc.max_df},
                {"max_features", fc.max_features}};
      if (!fc.stop_words.empty()) params["stop_words"] = fc.stop_words;
      if (tokenized) params["sample"] = pipeline::sampling_json(*tokenized);
      if (tokenized)
        for (const auto& w : tokenized->sampling->warnings) sample_warnings.push_back(w);
    }
    matrix.makeCompressed();
    if (top_k) {
      const s::TopKResult r = top_k_output(matrix, params);
      meta["postings_visited"] = r.postings_visited;
      meta["candidates_scored"] = r.candidates_scored;
      summary = fmt::format("top-{} cosine neighbours of {} documents ({} terms, {} non-zeros)\n", r.per_row,
                            ids.size(), matrix.cols(), matrix.nonZeros());
    } else {
      const pipeline::SimilarityResult r = pipeline::similarity_on_matrix(matrix, ids, sc, params, threads);
      matrix_output(r);
      summary =
          fmt::format("{} (similarity) between {} documents on {} features\n", sc.measure, ids.size(), matrix.cols());
    }
  }
  for (const auto& w : sample_warnings) warnings.push_back(w);
  if (!sample_warnings.empty() && meta.contains("warnings")) meta["warnings"] = warnings;
  if (top_k || c.near_duplicates) {
    meta["documents"] = ids.size();
    meta["zero_vector_documents"] = ids_of(ids, zero_rows);
    meta["warnings"] = warnings;
  }

  write_output(out_path, csv);
  if (!to_stdout) write_file_atomic(json_path, meta.dump(2) + "\n");
  for (const auto& w : warnings) warn(w);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (to_stdout)
    std::cerr << summary << fmt::format("wrote the table to standard output in {:.2f} s (no S.json)\n", seconds);
  else
    std::cout << summary
              << fmt::format("wrote {} and {} in {:.2f} s\n", out_path.string(), json_path.string(), seconds);
  return 0;
}

const CommandRegistrar kRegistrar("similarity", cmd_similarity);

}  // namespace
}  // namespace stylokit::cli
