// Benchmarks of the classify stage: leave-one-out Delta (the held-out row's z-scores from the
// other rows, as a training set would give them) and a train/test Delta split, on seeded
// tables of n texts × 1,000 MFW in 20 classes. The targets: 500 × 1,000 LOO whole
// process <= 0.5 s, 5,000 × 1,000 under 2 s on two cores. Build in Release and run e.g.
//   build-bench/bench/classify_bench --benchmark_filter=Loo --benchmark_out=classify.json

#include <benchmark/benchmark.h>

#include <map>
#include <random>

#include "toolkit/classify/delta.h"

namespace {

namespace c = stylokit::classify;

struct Table {
  Eigen::MatrixXd x;
  std::vector<int> cls;
};

const Table& table(Eigen::Index n) {
  static std::map<Eigen::Index, Table> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Table t;
  const Eigen::Index d = 1000;
  std::mt19937_64 rng(42);
  std::gamma_distribution<double> g(2.0, 0.5);
  t.x.resize(n, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    t.cls.push_back(static_cast<int>(i % 20));
    for (Eigen::Index k = 0; k < d; ++k)
      t.x(i, k) = 5.0 / static_cast<double>(k + 1) * g(rng) * (1 + 0.2 * ((i % 20) == (k % 20)));
  }
  return cache.emplace(n, std::move(t)).first->second;
}

void BM_LooDelta(benchmark::State& state) {
  const Table& t = table(state.range(0));
  c::Options o;
  o.threads = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(c::delta_loo(t.x, t.cls, 20, o).scores.predicted.data());
  state.counters["texts"] = static_cast<double>(state.range(0));
  state.counters["pairs"] = static_cast<double>(state.range(0)) * static_cast<double>(state.range(0) - 1);
}

void BM_SplitDelta(benchmark::State& state) {
  const Table& t = table(state.range(0));
  const Eigen::Index half = state.range(0) / 2;
  const Eigen::MatrixXd train = t.x.topRows(half), test = t.x.bottomRows(state.range(0) - half);
  const std::vector<int> cls(t.cls.begin(), t.cls.begin() + half);
  c::Options o;
  o.threads = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(c::delta(train, cls, 20, test, o).scores.predicted.data());
}

}  // namespace

BENCHMARK(BM_LooDelta)
    ->Args({500, 1})
    ->Args({500, 2})
    ->Args({5000, 1})
    ->Args({5000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SplitDelta)->Args({5000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
