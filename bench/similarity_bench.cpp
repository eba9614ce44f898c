// Benchmarks of the similarity stage: the Delta family on a stylo-sized table (5,000
// documents × 1,000 MFW), and top-k cosine neighbours (queries per second) on a sparse
// TF-IDF matrix: the scaled Brown corpus when data/fetch-brown.sh has made it (a slice of
// queries against all documents), else a seeded synthetic Zipf matrix.
// BM_TileKernel times the bare reduction kernels (kernels.h) over the same upper triangle on
// one thread, forced to each instruction-set build the CPU runs, to show what a machine
// without AVX-512 (or AVX2) gets. Build in Release and run e.g.
//   build-bench/bench/similarity_bench --benchmark_filter=Delta --benchmark_out=similarity.json
//   build-bench/bench/similarity_bench --benchmark_filter=TileKernel

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "toolkit/corpus/loaders.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/similarity/internal/kernels.h"
#include "toolkit/similarity/pairwise.h"
#include "toolkit/similarity/topk.h"

namespace {

namespace s = stylokit::similarity;
namespace f = stylokit::features;

// Seeded documents × features table of percentages, columns in decreasing frequency.
const f::MfwTable& table_5000x1000() {
  static const f::MfwTable t = [] {
    f::MfwTable t;
    const Eigen::Index n = 5000, d = 1000;
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    t.relative.resize(n, d);
    for (Eigen::Index i = 0; i < n; ++i) {
      t.doc_ids.push_back(fmt::format("d{}", i));
      for (Eigen::Index k = 0; k < d; ++k) t.relative(i, k) = 5.0 / static_cast<double>(k + 1) * (0.2 + u(rng));
    }
    for (Eigen::Index k = 0; k < d; ++k) t.words.push_back(fmt::format("w{}", k));
    s::standardize(t);
    return t;
  }();
  return t;
}

void delta(benchmark::State& state, s::Measure m) {
  const auto& t = table_5000x1000();
  s::PairwiseOptions o;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(s::pairwise(t, m, o).values.data());
  state.counters["pairs"] = 5000.0 * 4999 / 2;
  state.counters["features"] = 1000;
}

void BM_ClassicDelta(benchmark::State& state) { delta(state, s::Measure::kBurrowsDelta); }
void BM_CosineDelta(benchmark::State& state) { delta(state, s::Measure::kCosineDelta); }
void BM_EderDelta(benchmark::State& state) { delta(state, s::Measure::kEderDelta); }
BENCHMARK(BM_ClassicDelta)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CosineDelta)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EderDelta)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The reduction kernel alone (no result matrix, no post-processing): all pairs i <= j of the
// z-score table in 32 × 32 tiles, one thread. Args: reduction (0 l1, 1 l2sq, 2 dot), ISA
// (0 baseline, 1 avx2, 2 avx512).
void BM_TileKernel(benchmark::State& state) {
  namespace d = s::detail;
  const auto& t = table_5000x1000();
  const auto op = static_cast<d::Reduction>(state.range(0));
  const auto isa = static_cast<d::Isa>(state.range(1));
  if (!d::isa_supported(isa)) {
    state.SkipWithError("this CPU does not run that instruction set");
    return;
  }
  const size_t n = static_cast<size_t>(t.zscores.rows()), m = static_cast<size_t>(t.zscores.cols()), tile = 32;
  std::vector<double> out(tile * tile);
  for (auto _ : state) {
    for (size_t a = 0; a < n; a += tile)
      for (size_t b = a; b < n; b += tile)
        d::reduce_tile(op, t.zscores.data(), m, m, a, std::min(n, a + tile), b, std::min(n, b + tile), a == b,
                       out.data(), tile, isa);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetLabel(d::to_string(isa));
  state.counters["pairs"] = 5000.0 * 4999 / 2;
}
BENCHMARK(BM_TileKernel)
    ->ArgsProduct({{0, 2}, {0, 1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// TF-IDF matrix of the scaled Brown corpus (50k documents) when present.
const stylokit::DocTermMatrix* brown_matrix() {
  static const std::unique_ptr<stylokit::DocTermMatrix> m = []() -> std::unique_ptr<stylokit::DocTermMatrix> {
    const std::filesystem::path p = std::filesystem::path(STYLOKIT_SOURCE_DATA_DIR) / "scaled" / "brown-50k.jsonl";
    if (!std::filesystem::exists(p)) return nullptr;
    stylokit::Corpus c = stylokit::load_corpus(p.string(), {});
    f::VectorizerOptions o;
    o.threads = 2;
    return std::make_unique<stylokit::DocTermMatrix>(f::vectorize(c, o).matrix);
  }();
  return m.get();
}

// Synthetic Zipf counts: 50k documents of ~150 words over 50k terms, seeded.
const stylokit::DocTermMatrix& synthetic_matrix() {
  static const stylokit::DocTermMatrix m = [] {
    std::mt19937_64 rng(7);
    std::vector<double> w(50000);
    for (size_t t = 0; t < w.size(); ++t) w[t] = 1.0 / static_cast<double>(t + 1);
    std::discrete_distribution<size_t> zipf(w.begin(), w.end());
    std::vector<Eigen::Triplet<double, std::int64_t>> trip;
    for (int i = 0; i < 50000; ++i)
      for (int k = 0; k < 150; ++k) trip.emplace_back(i, static_cast<std::int64_t>(zipf(rng)), 1.0);
    stylokit::DocTermMatrix x(50000, 50000);
    x.setFromTriplets(trip.begin(), trip.end());
    x.makeCompressed();
    return x;
  }();
  return m;
}

// Top-10 neighbours for the first `queries` rows against all rows (the full run is this,
// for every row); reports queries per second.
void BM_TopK(benchmark::State& state) {
  const stylokit::DocTermMatrix* brown = brown_matrix();
  const stylokit::DocTermMatrix& all = brown ? *brown : synthetic_matrix();
  const Eigen::Index q = state.range(1);
  // Queries = the first q rows, each searching all rows (index built inside, as in a run).
  s::TopKOptions o;
  o.k = 10;
  o.threads = static_cast<int>(state.range(0));
  o.query_end = static_cast<size_t>(q);
  for (auto _ : state) {
    const s::TopKResult r = s::top_k(all, o);
    benchmark::DoNotOptimize(r.neighbors.data());
  }
  state.SetItemsProcessed(state.iterations() * q);
  state.SetLabel(brown ? "brown-50k tf-idf, raw tf, smooth idf, l2" : "synthetic zipf");
}
BENCHMARK(BM_TopK)->Args({1, 2000})->Args({2, 2000})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
