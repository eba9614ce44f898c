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
  std::string output, measure = "cosine", variant = "stylo";
  size_t mfw = 0;            // 0 = not given
  size_t start_at = 1;
  double culling = 0;
  std::string delete_words, features_file, frequency_table, save_table;
  size_t top_k = 0;
  bool near_duplicates = false;
  double threshold = 0.8;
  size_t shingle = 5, num_perm = 128, bands = 0, rows = 0;
  uint64_t seed = 1;
  int threads = 0;
  // Vectorizer options for cosine/Jaccard on a document-term matrix.
  std::string features = "word:1-1", tokenizer = "icu", tf = "raw", idf = "smooth", norm = "l2";
  std::string min_df = "1", max_df = "1.0", stop_words;
  size_t max_features = 0;
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

bool is_mtx(const std::string& path) { return path.size() > 4 && path.substr(path.size() - 4) == ".mtx"; }

f::VectorizerOptions vectorizer_options(const SimilarityCli& c, const TextCli& text_cli, int threads) {
  f::VectorizerOptions o;
  f::parse_feature_spec(c.features, o);
  o.tokenizer = f::parse_tokenizer(c.tokenizer);
  o.text = to_text_options(text_cli);
  o.tf = f::parse_tf(c.tf);
  o.idf = f::parse_idf(c.idf);
  o.norm = f::parse_norm(c.norm);
  o.min_df = f::DfBound::parse(c.min_df, "--min-df");
  o.max_df = f::DfBound::parse(c.max_df, "--max-df");
  o.max_features = c.max_features;
  o.threads = threads;
  if (!c.stop_words.empty())
    o.stop_words = f::load_stop_words(c.stop_words, o.tokenizer == f::TokenizerKind::kIcu ? &o.text : nullptr);
  o.validate();
  return o;
}

// The MFW table from a corpus or a frequency table, with start-at, N, deletions and a
// fixed feature list applied. Warnings go to `warnings`.
f::MfwTable build_table(const SimilarityCli& c, const CorpusCli& corpus_cli, const TextCli& text_cli, int threads,
                        Json& params, std::vector<std::string>& warnings) {
  // Default 100 MFW from a corpus; a frequency table is used whole unless --mfw cuts it.
  size_t want = c.mfw == 0 ? 100 : c.mfw;
  const size_t skip = c.start_at - 1;
  std::vector<std::string> fixed;
  text::TextOptions text_options = to_text_options(text_cli);
  if (!c.features_file.empty()) {
    fixed = s::parse_features_file(read_file(c.features_file), c.features_file);
    if (c.tokenizer == "icu") {
      text::Tokenizer tok(text_options);
      std::set<std::string> seen;
      for (auto& w : fixed) {
        std::string norm;
        tok.normalize_append(w, norm);
        STYLOKIT_CHECK(seen.insert(norm).second, DataError, "{}: '{}' duplicates another feature once normalised",
                       c.features_file, w);
        w = norm;
      }
    }
  }
  std::set<std::string> deleted;
  if (!c.delete_words.empty())
    for (auto& w : f::load_stop_words(c.delete_words, c.tokenizer == "icu" ? &text_options : nullptr)) deleted.insert(w);

  f::MfwTable table;
  if (!c.frequency_table.empty()) {
    table = s::parse_frequency_table(read_file(c.frequency_table), c.frequency_table);
    params["input"] = "frequency-table";
    if (c.mfw == 0) want = table.words.size() - std::min(skip, table.words.size());
  } else {
    f::MfwOptions mo;
    mo.culling = c.culling;
    if (!fixed.empty()) {
      mo.features = fixed;
    } else {
      // Deletions come before the ranking cut (as stylo deletes pronouns), so ask for enough.
      mo.mfw = want + skip + deleted.size();
    }
    mo.validate();
    LoadedCorpus loaded = load_for_cli(corpus_cli);
    f::VectorizerOptions wo;
    wo.tokenizer = f::parse_tokenizer(c.tokenizer);
    wo.text = text_options;
    wo.threads = threads;
    table = f::mfw_table(loaded.corpus, mo, wo);
    params["input"] = "corpus-mfw";
  }

  std::vector<size_t> cols;
  if (!fixed.empty()) {
    if (!c.frequency_table.empty()) {
      // Fixed list on a table: absent features count 0 everywhere (as mfw.h does for a corpus).
      std::vector<std::string> missing;
      f::MfwTable extended = table;
      for (const auto& w : fixed)
        if (std::find(table.words.begin(), table.words.end(), w) == table.words.end()) missing.push_back(w);
      if (!missing.empty()) {
        warnings.push_back(fmt::format("{} listed feature(s) not in {} counted as 0 everywhere, e.g. '{}'",
                                       missing.size(), c.frequency_table, missing.front()));
        const Eigen::Index old = table.relative.cols();
        extended.relative.conservativeResize(Eigen::NoChange, old + static_cast<Eigen::Index>(missing.size()));
        extended.relative.rightCols(static_cast<Eigen::Index>(missing.size())).setZero();
        for (const auto& w : missing) extended.words.push_back(w);
        s::standardize(extended);
        table = std::move(extended);
      }
      for (const auto& w : fixed)
        cols.push_back(static_cast<size_t>(std::find(table.words.begin(), table.words.end(), w) - table.words.begin()));
    } else {
      for (size_t k = 0; k < table.words.size(); ++k) cols.push_back(k);
    }
    if (c.mfw != 0 || c.start_at != 1 || !deleted.empty())
      warnings.push_back("--features-file given: --mfw, --start-at and --delete-words are ignored");
  } else {
    size_t skipped = 0;
    for (size_t k = 0; k < table.words.size() && cols.size() < want; ++k) {
      if (deleted.count(table.words[k])) continue;
      if (skipped < skip) {
        ++skipped;
        continue;
      }
      cols.push_back(k);
    }
    if (cols.size() < want)
      warnings.push_back(fmt::format("asked for {} MFW but only {} words are available{}; using {}", want, cols.size(),
                                     c.culling > 0 ? " after culling" : "", cols.size()));
  }
  STYLOKIT_CHECK(!cols.empty(), DataError, "no feature left for the MFW table (start at {}, {} deleted)", c.start_at,
                 deleted.size());
  params["mfw"] = want;
  params["start_at"] = c.start_at;
  params["culling"] = c.culling;
  if (!c.delete_words.empty()) params["delete_words"] = c.delete_words;
  if (!c.features_file.empty()) params["features_file"] = c.features_file;
  if (!c.frequency_table.empty()) params["frequency_table"] = c.frequency_table;
  return s::select_columns(table, cols);
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
  po::options_description desc("options");
  desc.add_options()
      ("corpus", po::value(&corpus_cli.path), "folder, .jsonl, .csv, or an M.mtx written by vectorize")
      ("output,o", po::value(&c.output)->required(),
       "output CSV: the matrix (header ,id1,id2,...), or doc,neighbor,rank,score with --top-k; S.json beside it")
      ("measure", po::value(&c.measure)->default_value(c.measure),
       "cosine|jaccard|euclidean|manhattan|canberra|burrows-delta|argamon-linear|argamon-quadratic|eder-delta|"
       "eder-simple|cosine-delta|minmax|entropy (similarities: cosine, jaccard; the others are distances)")
      ("variant", po::value(&c.variant)->default_value(c.variant),
       "stylo (reproduce the R package stylo) or published (the papers' formulas)")
      ("mfw", po::value(&c.mfw), "use the N most frequent words (default 100 for the Delta family, all rows of a "
                                 "--frequency-table; cosine and jaccard use the whole vectorised matrix unless "
                                 "--mfw is given)")
      ("start-at", po::value(&c.start_at)->default_value(1), "first MFW rank used (stylo's start.at)")
      ("culling", po::value(&c.culling)->default_value(0), "keep words found in at least this percent of documents")
      ("delete-words", po::value(&c.delete_words),
       "drop these words from the MFW ranking (a shipped list like english, or a file, one word per line)")
      ("features-file", po::value(&c.features_file), "fixed features, one per line, used in that order")
      ("frequency-table", po::value(&c.frequency_table),
       "read relative frequencies (percent) from a CSV: features as rows in rank order, documents as columns, "
       "header ,doc1,doc2,... (stylo's table_with_frequencies layout); CORPUS is then not needed")
      ("save-table", po::value(&c.save_table),
       "also write the MFW table used (relative frequencies, the --frequency-table layout) to this CSV")
      ("top-k", po::value(&c.top_k), "write the K nearest neighbours of every document (cosine) instead of a matrix")
      ("near-duplicates", po::bool_switch(&c.near_duplicates),
       "write near-duplicate pairs (MinHash + LSH, verified exactly) as doc_a,doc_b,jaccard,estimate")
      ("threshold", po::value(&c.threshold)->default_value(c.threshold), "near-duplicates: Jaccard threshold")
      ("shingle", po::value(&c.shingle)->default_value(c.shingle), "near-duplicates: words per shingle")
      ("num-perm", po::value(&c.num_perm)->default_value(c.num_perm), "near-duplicates: MinHash signature length")
      ("bands", po::value(&c.bands)->default_value(0), "near-duplicates: LSH bands (0 = best for the threshold)")
      ("rows", po::value(&c.rows)->default_value(0), "near-duplicates: rows per band (0 = best for the threshold)")
      ("seed", po::value(&c.seed)->default_value(c.seed), "near-duplicates: MinHash seed")
      ("features", po::value(&c.features)->default_value(c.features), "cosine/jaccard matrix: word:1-2, char_wb:3-5, ...")
      ("tokenizer", po::value(&c.tokenizer)->default_value(c.tokenizer), "icu or sklearn")
      ("tf", po::value(&c.tf)->default_value(c.tf), "cosine/jaccard matrix: raw|binary|sublinear|relative")
      ("idf", po::value(&c.idf)->default_value(c.idf), "cosine/jaccard matrix: none|smooth|plain")
      ("norm", po::value(&c.norm)->default_value(c.norm), "cosine/jaccard matrix: l2|l1|none")
      ("min-df", po::value(&c.min_df)->default_value(c.min_df), "cosine/jaccard matrix: minimum document frequency")
      ("max-df", po::value(&c.max_df)->default_value(c.max_df), "cosine/jaccard matrix: maximum document frequency")
      ("max-features", po::value(&c.max_features)->default_value(0), "cosine/jaccard matrix: keep the N most frequent")
      ("stop-words", po::value(&c.stop_words), "cosine/jaccard matrix: stop-word list (english or a file)")
      ("threads", po::value(&c.threads)->default_value(0), "worker threads (0 = all cores); output is the same for any");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("similarity", args, desc, pos, "CORPUS -o S.csv [options]",
                  "stylokit similarity data/letters --measure burrows-delta --mfw 100 -o delta.csv"))
    return 0;

  const auto start = std::chrono::steady_clock::now();
  const s::Measure measure = s::parse_measure(c.measure);
  const s::Variant variant = s::parse_variant(c.variant);
  STYLOKIT_CHECK(c.threads >= 0, ConfigError, "--threads: must not be negative, got {}", c.threads);
  const int threads = resolve_thread_count(c.threads);
  STYLOKIT_CHECK(c.start_at >= 1, ConfigError, "--start-at: ranks start at 1, got {}", c.start_at);
  STYLOKIT_CHECK(!corpus_cli.path.empty() || !c.frequency_table.empty(), ConfigError,
                 "give a CORPUS or --frequency-table");
  STYLOKIT_CHECK(!(c.top_k > 0 && c.near_duplicates), ConfigError, "--top-k and --near-duplicates: choose one");
  const bool mtx_input = is_mtx(corpus_cli.path);
  const bool sparse_measure = measure == s::Measure::kCosine || measure == s::Measure::kJaccard;
  const bool use_table = !c.frequency_table.empty() || c.mfw > 0 || !c.features_file.empty() || !sparse_measure;
  STYLOKIT_CHECK(!(c.top_k > 0 && measure != s::Measure::kCosine), ConfigError,
                 "--top-k: only --measure cosine has a top-k search (got {})", c.measure);
  STYLOKIT_CHECK(c.save_table.empty() || use_table, ConfigError,
                 "--save-table: only MFW runs (a Delta-family measure, --mfw, --features-file) build a table");
  STYLOKIT_CHECK(!(mtx_input && use_table), ConfigError,
                 "{}: a matrix file gives cosine/jaccard/--top-k only; MFW measures need a corpus or --frequency-table",
                 corpus_cli.path);

  const fs::path out_path = c.output;
  const fs::path json_path = sidecar_path(out_path);
  STYLOKIT_CHECK(json_path != out_path, ConfigError, "-o {}: give the output a .csv extension", c.output);
  std::vector<fs::path> inputs;
  for (const auto& p : {corpus_cli.path, c.frequency_table, c.features_file, corpus_cli.metadata, c.delete_words,
                        c.stop_words})
    if (!p.empty()) inputs.emplace_back(p);
  if (mtx_input) {
    inputs.push_back(f::terms_path(corpus_cli.path));
    inputs.push_back(f::docs_path(corpus_cli.path));
  }
  check_not_input(out_path, inputs);
  check_not_input(json_path, inputs);
  if (!c.save_table.empty()) {
    check_not_input(c.save_table, inputs);
    STYLOKIT_CHECK(fs::path(c.save_table) != out_path && fs::path(c.save_table) != json_path, ConfigError,
                   "--save-table: must differ from -o and its .json");
  }

  Json meta;
  meta["command"] = "similarity";
  meta["measure"] = c.measure;
  Json params;
  std::vector<std::string> warnings;
  std::string summary;
  std::vector<std::string> ids;
  std::vector<size_t> zero_rows;
  std::string csv;
  // The two outputs of a table or a matrix: top-k neighbours, or the all-pairs matrix.
  auto top_k_output = [&](const DocTermMatrix& matrix) {
    s::TopKOptions to;
    to.k = c.top_k;
    to.threads = threads;
    s::TopKResult r = s::top_k(matrix, to);
    csv = s::format_topk_csv(r, ids);
    zero_rows = r.zero_rows;
    params["k"] = c.top_k;
    return r;
  };
  s::PairwiseOptions all_pairs;
  all_pairs.variant = variant;
  all_pairs.threads = threads;
  auto check_all_pairs_fit = [&] {
    STYLOKIT_CHECK(static_cast<double>(ids.size()) * static_cast<double>(ids.size()) * 8 <= kMaxMatrixBytes,
                   ConfigError, "{} documents: an all-pairs matrix would not fit in memory; use --top-k K", ids.size());
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
    text::Tokenizer tokenizer(to_text_options(text_cli));
    std::vector<std::vector<uint64_t>> sets(loaded.corpus.size());
    for (size_t d = 0; d < loaded.corpus.size(); ++d) {
      const text::TokenizedDocument td = tokenizer.tokenize(loaded.corpus.documents[d]);
      std::vector<std::string_view> words;
      for (const auto& t : td.tokens) words.push_back(td.text(t));
      sets[d] = s::shingle_set(words, c.shingle);
      ids.push_back(loaded.corpus.documents[d].id);
    }
    const s::NearDuplicates nd = s::near_duplicates(sets, mo);
    csv = "doc_a,doc_b,jaccard,estimate\n";
    for (const auto& p : nd.pairs)
      csv += fmt::format("{},{},{:.17g},{:.17g}\n", csv_escape(ids[p.a]), csv_escape(ids[p.b]), p.jaccard, p.estimate);
    if (!nd.empty_sets.empty())
      warnings.push_back(fmt::format("{} document(s) without words, never reported as duplicates",
                                     nd.empty_sets.size()));
    meta["measure"] = "jaccard";
    meta["direction"] = "similarity";
    meta["larger_is_closer"] = true;
    meta["output"] = "near-duplicate pairs";
    params["threshold"] = c.threshold;
    params["shingle"] = c.shingle;
    params["num_perm"] = c.num_perm;
    params["bands"] = nd.params.bands;
    params["rows"] = nd.params.rows;
    params["seed"] = c.seed;
    meta["expected_recall_at_threshold"] = nd.expected_recall;
    meta["candidates_verified"] = nd.candidates;
    summary = fmt::format(
        "near-duplicates: {} pair(s) with Jaccard >= {} among {} documents ({} candidates verified)\n"
        "LSH: {} bands x {} rows of {} MinHashes (seed {}): expected recall at Jaccard {} = {:.4f} "
        "(1-(1-s^r)^b; higher above it)\n",
        nd.pairs.size(), c.threshold, ids.size(), nd.candidates, nd.params.bands, nd.params.rows, c.num_perm, c.seed,
        c.threshold, nd.expected_recall);
  } else if (use_table) {
    f::MfwTable table = build_table(c, corpus_cli, text_cli, threads, params, warnings);
    ids = table.doc_ids;
    if (!c.save_table.empty()) write_file_atomic(c.save_table, s::format_frequency_table(table));
    meta["features"] = table.words;
    if (c.top_k > 0) {
      const s::TopKResult r = top_k_output(table_to_sparse(table));
      summary = fmt::format("top-{} cosine neighbours of {} documents on {} MFW\n", r.per_row, ids.size(),
                            table.words.size());
    } else {
      check_all_pairs_fit();
      const s::PairwiseResult r = s::pairwise(table, measure, all_pairs);
      for (const auto& w : r.warnings) warnings.push_back(w);
      csv = s::format_matrix_csv(r.values, ids);
      zero_rows = r.zero_rows;
      meta["features_used"] = r.features_used;
      meta["dropped_features"] = r.dropped;
      summary = fmt::format("{} ({}, variant {}) between {} documents on {} features\n", c.measure,
                            s::larger_is_closer(measure) ? "similarity" : "distance", c.variant, ids.size(),
                            r.features_used);
    }
  } else {
    DocTermMatrix matrix;
    if (mtx_input) {
      f::LoadedMatrix lm = f::load_matrix(corpus_cli.path);
      matrix = std::move(lm.matrix);
      ids = std::move(lm.doc_ids);
      params["input"] = "matrix";
    } else {
      const f::VectorizerOptions vo = vectorizer_options(c, text_cli, threads);
      LoadedCorpus loaded = load_for_cli(corpus_cli);
      f::Vectorized v = f::vectorize(loaded.corpus, vo);
      matrix = std::move(v.matrix);
      ids = std::move(v.doc_ids);
      params["input"] = "corpus-vectorized";
      params["features"] = c.features;
      params["tokenizer"] = c.tokenizer;
      params["tf"] = c.tf;
      params["idf"] = c.idf;
      params["norm"] = c.norm;
      params["min_df"] = c.min_df;
      params["max_df"] = c.max_df;
      params["max_features"] = c.max_features;
      if (!c.stop_words.empty()) params["stop_words"] = c.stop_words;
    }
    matrix.makeCompressed();
    if (c.top_k > 0) {
      const s::TopKResult r = top_k_output(matrix);
      meta["postings_visited"] = r.postings_visited;
      meta["candidates_scored"] = r.candidates_scored;
      summary = fmt::format("top-{} cosine neighbours of {} documents ({} terms, {} non-zeros)\n", r.per_row,
                            ids.size(), matrix.cols(), matrix.nonZeros());
    } else {
      check_all_pairs_fit();
      const s::PairwiseResult r = s::pairwise_sparse(matrix, measure, all_pairs);
      csv = s::format_matrix_csv(r.values, ids);
      zero_rows = r.zero_rows;
      meta["features_used"] = r.features_used;
      summary = fmt::format("{} (similarity) between {} documents on {} features\n", c.measure, ids.size(),
                            matrix.cols());
    }
  }

  if (!c.near_duplicates) {
    meta["direction"] = s::larger_is_closer(measure) ? "similarity" : "distance";
    meta["larger_is_closer"] = s::larger_is_closer(measure);
    meta["variant"] = c.variant;
    meta["formula"] = s::formula(measure, variant);
    meta["output"] = c.top_k > 0 ? "top-k neighbours" : "matrix";
  }
  if (!zero_rows.empty())
    warnings.push_back(fmt::format("{} document(s) with an all-zero feature vector (cosine 0 with every document), "
                                   "e.g. {}",
                                   zero_rows.size(), ids[zero_rows.front()]));
  meta["parameters"] = params;
  meta["documents"] = ids.size();
  meta["zero_vector_documents"] = ids_of(ids, zero_rows);
  meta["warnings"] = warnings;

  write_file_atomic(out_path, csv);
  write_file_atomic(json_path, meta.dump(2) + "\n");
  for (const auto& w : warnings) warn(w);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << summary
            << fmt::format("wrote {} and {} in {:.2f} s\n", out_path.string(), json_path.string(), seconds);
  return 0;
}

const CommandRegistrar kRegistrar("similarity", cmd_similarity);

}  // namespace
}  // namespace stylokit::cli
