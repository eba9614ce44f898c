// Hierarchical clustering speed: linkage on n random points (condensed Euclidean
// distances, fixed seed), n = 1k..20k, with a Complexity() fit; plus the flat methods.
//
//   cmake --build build-clu --target cluster_bench
//   build-clu/bench/cluster_bench --benchmark_filter=Average
//
// Counter "bytes_matrix" is the condensed matrix the algorithm works in (8 n(n-1)/2 bytes).

#include <benchmark/benchmark.h>

#include <random>

#include "toolkit/cluster/flat.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/maps.h"

namespace {

using namespace stylokit::cluster;

// n random points in 10-D (uniform, seed 42), their Euclidean distances condensed.
CondensedDistances random_distances(std::size_t n) {
  constexpr int kDims = 10;
  std::mt19937_64 rng(42);
  std::vector<double> x(n * kDims);
  for (auto& v : x) v = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  CondensedDistances d(n);
  auto& v = d.values();
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double s = 0;
      for (int c = 0; c < kDims; ++c) {
        double t = x[i * kDims + c] - x[j * kDims + c];
        s += t * t;
      }
      v[k++] = std::sqrt(s);
    }
  return d;
}

void run_linkage(benchmark::State& state, Method method) {
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    // Regenerated and moved in (linkage consumes its input), so peak memory is one
    // condensed matrix, as in `stylokit cluster`.
    state.PauseTiming();
    CondensedDistances work = random_distances(n);
    state.ResumeTiming();
    Linkage z = linkage(std::move(work), method);
    benchmark::DoNotOptimize(z.merges.data());
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(n));
  state.counters["bytes_matrix"] = static_cast<double>(n * (n - 1) / 2 * sizeof(double));
}

void BM_LinkageAverage(benchmark::State& state) { run_linkage(state, Method::kAverage); }
void BM_LinkageWardD(benchmark::State& state) { run_linkage(state, Method::kWardD); }
void BM_LinkageSingle(benchmark::State& state) { run_linkage(state, Method::kSingle); }

BENCHMARK(BM_LinkageAverage)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)
    ->Iterations(1)->Complexity(benchmark::oNSquared);
BENCHMARK(BM_LinkageWardD)->Arg(1000)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oNSquared);
BENCHMARK(BM_LinkageSingle)->Arg(1000)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oNSquared);

void BM_KMedoids(benchmark::State& state) {
  CondensedDistances d = random_distances(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kmedoids(d, 10).cost);
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_KMedoids)->Arg(500)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_ClassicalMds(benchmark::State& state) {
  CondensedDistances d = random_distances(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(classical_mds(d, 2).coords.data());
}
BENCHMARK(BM_ClassicalMds)->Arg(500)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
