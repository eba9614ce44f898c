// Benchmarks of the features stage: counting word and character n-grams (the fit, also from a
// corpus tokenized beforehand), weighting, the sklearn analyzer pieces and Matrix Market output.
// Synthetic corpora come from a fixed seed (Zipf-distributed words); the Brown corpus is used
// when data/fetch-brown.sh has fetched it.
// Build in Release (preset "bench") and run e.g.
//   build-bench/bench/features_bench --benchmark_out=features.json --benchmark_out_format=json

#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "toolkit/corpus/loaders.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/text/sklearn_tokenizer.h"
#include "toolkit/text/token_corpus.h"

namespace {

namespace f = stylokit::features;

// `docs` documents of ~`words` words each, from a Zipf(1.1) vocabulary of 50k generated words.
stylokit::Corpus synthetic(size_t docs, size_t words) {
  std::mt19937_64 rng(42);
  std::vector<std::string> vocab;
  const char* letters = "etaoinshrdlucmfwypvbgkjqxz";
  for (size_t i = 0; i < 50000; ++i) {
    std::string w;
    size_t len = 2 + rng() % 9;
    for (size_t k = 0; k < len; ++k) w += letters[std::min<size_t>(25, static_cast<size_t>(std::abs(std::log(1.0 - (rng() % 1000000) / 1e6)) * 6))];
    if (rng() % 10 == 0) w[0] = static_cast<char>(w[0] - 32);
    vocab.push_back(w);
  }
  std::vector<double> cdf(vocab.size());
  double s = 0;
  for (size_t i = 0; i < vocab.size(); ++i) cdf[i] = (s += 1.0 / std::pow(static_cast<double>(i + 1), 1.1));
  std::uniform_real_distribution<double> u(0, s);
  stylokit::Corpus c;
  c.origin = "synthetic";
  for (size_t d = 0; d < docs; ++d) {
    stylokit::Document doc;
    doc.id = std::string(1, 'd').append(std::to_string(d));  // not "d" + ...: GCC 12's false -Wrestrict
    for (size_t k = 0; k < words; ++k) {
      doc.raw += vocab[static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin())];
      doc.raw += (k % 17 == 16) ? ".\n" : " ";
    }
    doc.kept = {{0, doc.raw.size()}};
    c.documents.push_back(std::move(doc));
  }
  return c;
}

size_t corpus_bytes(const stylokit::Corpus& c) {
  size_t b = 0;
  for (const auto& d : c.documents) b += d.raw.size();
  return b;
}

const stylokit::Corpus* brown() {
  static const stylokit::Corpus* corpus = [] {
    const std::filesystem::path p = std::string(STYLOKIT_SOURCE_DATA_DIR) + "/brown";
    return std::filesystem::exists(p / "labels.csv") ? new stylokit::Corpus(stylokit::load_corpus(p)) : nullptr;
  }();
  return corpus;
}

void run_vectorize(benchmark::State& state, const stylokit::Corpus& corpus, const std::string& spec, int threads) {
  f::VectorizerOptions o;
  f::parse_feature_spec(spec, o);
  o.tokenizer = f::TokenizerKind::kSklearn;
  o.threads = threads;
  size_t nnz = 0, vocab = 0;
  for (auto _ : state) {
    f::Vectorized v = f::vectorize(corpus, o);
    nnz = static_cast<size_t>(v.matrix.nonZeros());
    vocab = v.vocabulary.size();
    benchmark::DoNotOptimize(v.matrix.valuePtr());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes(corpus)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.counters["nnz"] = static_cast<double>(nnz);
  state.counters["vocabulary"] = static_cast<double>(vocab);
  state.SetComplexityN(static_cast<int64_t>(corpus_bytes(corpus)));
}

// TF-IDF of synthetic corpora of growing size (documents of 400 words): time ~ bytes.
void BM_VectorizeWord11Synthetic(benchmark::State& state) {
  const auto corpus = synthetic(static_cast<size_t>(state.range(0)), 400);
  run_vectorize(state, corpus, "word:1-1", 1);
}
BENCHMARK(BM_VectorizeWord11Synthetic)->RangeMultiplier(4)->Range(64, 4096)->Unit(benchmark::kMillisecond)->Complexity();

void BM_VectorizeWord12Synthetic(benchmark::State& state) {
  const auto corpus = synthetic(static_cast<size_t>(state.range(0)), 400);
  run_vectorize(state, corpus, "word:1-2", 1);
}
BENCHMARK(BM_VectorizeWord12Synthetic)->RangeMultiplier(4)->Range(64, 4096)->Unit(benchmark::kMillisecond)->Complexity();

// Brown (500 documents, 6.2 MB), the peer script's corpus, by analyzer and thread count.
void BM_VectorizeBrown(benchmark::State& state, const char* spec) {
  if (brown() == nullptr) {
    state.SkipWithError("data/brown not fetched (data/fetch-brown.sh)");
    return;
  }
  run_vectorize(state, *brown(), spec, static_cast<int>(state.range(0)));
}
BENCHMARK_CAPTURE(BM_VectorizeBrown, word11, "word:1-1")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_VectorizeBrown, word12, "word:1-2")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_VectorizeBrown, char_wb35, "char_wb:3-5")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// ICU word 1-2 counts of a synthetic corpus (1024 documents of 400 words), 1 thread: from the
// raw documents (range 0: tokenized inside count_terms) against from a TokenCorpus built once
// beforehand (range 1: the cost an experiment pays for each feature set once the corpus is
// tokenized for all of them). Same CountResult either way.
void BM_CountTermsIcuTokensOnce(benchmark::State& state) {
  static const stylokit::Corpus corpus = synthetic(1024, 400);
  f::VectorizerOptions o;
  f::parse_feature_spec("word:1-2", o);
  o.threads = 1;
  const bool from_tokens = state.range(0) == 1;
  const stylokit::text::TokenCorpus tokens =
      stylokit::text::build_token_corpus(corpus, stylokit::text::Tokenizer(o.text), 1);
  size_t vocab = 0;
  for (auto _ : state) {
    const f::CountResult r = from_tokens ? f::count_terms(tokens, o) : f::count_terms(corpus, o);
    vocab = r.vocabulary.size();
    benchmark::DoNotOptimize(r.counts.valuePtr());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes(corpus)));
  state.counters["vocabulary"] = static_cast<double>(vocab);
}
BENCHMARK(BM_CountTermsIcuTokensOnce)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// What `stylokit vectorize` does after loading: vectorize_to_file (rows weighted and written
// as they are built, no CSR), Brown, 2 threads. Against BM_VectorizeBrown + BM_SaveMatrix.
void BM_VectorizeToFileBrown(benchmark::State& state, const char* spec) {
  if (brown() == nullptr) {
    state.SkipWithError("data/brown not fetched (data/fetch-brown.sh)");
    return;
  }
  f::VectorizerOptions o;
  f::parse_feature_spec(spec, o);
  o.tokenizer = f::TokenizerKind::kSklearn;
  o.threads = static_cast<int>(state.range(0));
  const auto dir = std::filesystem::temp_directory_path() / "stylokit-features-bench-file";
  std::filesystem::create_directories(dir);
  f::WrittenMatrix w;
  for (auto _ : state) w = f::vectorize_to_file(*brown(), o, dir / "M.mtx");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes(*brown())));
  state.counters["nnz"] = static_cast<double>(w.non_zeros);
  std::filesystem::remove_all(dir);
}
BENCHMARK_CAPTURE(BM_VectorizeToFileBrown, word12, "word:1-2")->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_VectorizeToFileBrown, char_wb35, "char_wb:3-5")->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The sklearn analyzer's lower-casing and word spans alone (the tokenizer floor).
void BM_SklearnLowerAndSpans(benchmark::State& state) {
  const auto corpus = synthetic(256, 400);
  std::string lowered;
  std::vector<stylokit::text::ByteSpan> spans;
  size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (const auto& d : corpus.documents) {
      lowered.clear();
      spans.clear();
      stylokit::text::python_lower_append(d.raw, lowered);
      stylokit::text::sklearn_word_spans(lowered, spans);
      tokens += spans.size();
    }
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes(corpus)));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_SklearnLowerAndSpans)->Unit(benchmark::kMillisecond);

// MFW table (1000 words, z-scores) from word counts of 1024 synthetic documents.
void BM_MfwTable(benchmark::State& state) {
  const auto corpus = synthetic(1024, 400);
  f::VectorizerOptions o;
  o.tokenizer = f::TokenizerKind::kSklearn;
  o.idf = f::IdfWeight::kNone;
  o.norm = f::Norm::kNone;
  const f::CountResult counts = f::count_terms(corpus, o);
  f::MfwOptions m;
  m.mfw = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    f::MfwTable t = f::mfw_table(counts, m);
    benchmark::DoNotOptimize(t.zscores.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * counts.counts.nonZeros()));
}
BENCHMARK(BM_MfwTable)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Matrix Market output of a TF-IDF matrix (17 significant digits), 1 and 2 threads.
void BM_SaveMatrix(benchmark::State& state) {
  const auto corpus = synthetic(1024, 400);
  f::VectorizerOptions o;
  o.tokenizer = f::TokenizerKind::kSklearn;
  const f::Vectorized v = f::vectorize(corpus, o);
  const auto dir = std::filesystem::temp_directory_path() / "stylokit-features-bench";
  std::filesystem::create_directories(dir);
  for (auto _ : state) f::save_matrix(dir / "M.mtx", v.matrix, v.vocabulary, v.doc_ids, static_cast<int>(state.range(0)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * v.matrix.nonZeros()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * std::filesystem::file_size(dir / "M.mtx")));
  state.counters["nnz"] = static_cast<double>(v.matrix.nonZeros());
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_SaveMatrix)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
