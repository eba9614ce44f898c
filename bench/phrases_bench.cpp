// Throughput of the phrases stage: suffix-array phrase mining (tokens/s, linearity over a
// 10x sweep), pairwise alignment and corpus-mode reuse, on synthetic corpora from fixed
// seeds, plus phrase mining and reuse on data/scaled/*.jsonl when those files exist
// (data/fetch-brown.sh makes them). Tokenization is not timed: it is the text stage's.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "toolkit/common/io.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/phrases/association.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/phrases/reuse.h"

namespace {

using namespace stylokit;
using namespace stylokit::phrases;

// Zipf(1.07) token ids over a 50k vocabulary, documents of 200-2000 tokens, and a few
// formulae (5-12 tokens) planted at random: the shape of prose, fixed by the seed.
std::vector<std::vector<int32_t>> synthetic(uint64_t tokens, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int vocab = 50000;
  std::vector<double> cdf(vocab);
  double sum = 0;
  for (int r = 0; r < vocab; ++r) cdf[r] = sum += 1.0 / std::pow(r + 1.0, 1.07);
  for (auto& c : cdf) c /= sum;
  std::uniform_real_distribution<double> u(0, 1);
  auto word = [&] { return static_cast<int32_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin()); };
  std::vector<std::vector<int32_t>> formulae(200);
  for (auto& f : formulae) {
    f.resize(5 + rng() % 8);
    for (auto& t : f) t = word();
  }
  std::vector<std::vector<int32_t>> docs;
  uint64_t made = 0;
  while (made < tokens) {
    std::vector<int32_t> d;
    const size_t len = 200 + rng() % 1800;
    while (d.size() < len) {
      if (rng() % 100 == 0) {
        const auto& f = formulae[rng() % formulae.size()];
        d.insert(d.end(), f.begin(), f.end());
      } else {
        d.push_back(word());
      }
    }
    made += d.size();
    docs.push_back(std::move(d));
  }
  return docs;
}

void BM_PhraseMining(benchmark::State& state) {
  const text::TokenCorpus tc = text::token_corpus_from_ids(synthetic(static_cast<uint64_t>(state.range(0)), 42));
  MineOptions o;
  o.keep_occurrences = false;
  size_t found = 0;
  for (auto _ : state) {
    PhraseIndex index(tc);
    found = index.mine(o).size();
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.SetComplexityN(static_cast<int64_t>(tc.tokens()));
  state.counters["phrases"] = static_cast<double>(found);
  state.counters["vocabulary"] = static_cast<double>(tc.vocab.size());
}
BENCHMARK(BM_PhraseMining)
    ->Arg(1'000'000)
    ->Arg(5'000'000)
    ->Arg(10'000'000)
    ->Arg(50'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN)
    ->Iterations(1);

// The same with the full suffix array (SA-IS + Kasai, IndexOptions::max_phrase_len = 0),
// which unbounded phrase lengths need: the cost the bounded-depth sort saves.
void BM_PhraseMiningFullSA(benchmark::State& state) {
  const text::TokenCorpus tc = text::token_corpus_from_ids(synthetic(static_cast<uint64_t>(state.range(0)), 42));
  MineOptions o;
  o.keep_occurrences = false;
  size_t found = 0;
  for (auto _ : state) {
    PhraseIndex index(tc, {.max_phrase_len = 0});
    found = index.mine(o).size();
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.counters["phrases"] = static_cast<double>(found);
}
BENCHMARK(BM_PhraseMiningFullSA)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Arg(50'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Index construction only (sequence, suffix order, LCP, per-SA documents): bounded depth
// 21 (the default, max_len 20).
void BM_SuffixArrayOnly(benchmark::State& state) {
  const text::TokenCorpus tc = text::token_corpus_from_ids(synthetic(static_cast<uint64_t>(state.range(0)), 42));
  for (auto _ : state) {
    PhraseIndex index(tc);
    benchmark::DoNotOptimize(index.suffix_array().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
}
BENCHMARK(BM_SuffixArrayOnly)
    ->Arg(1'000'000)
    ->Arg(5'000'000)
    ->Arg(10'000'000)
    ->Arg(50'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// mine() alone on a prebuilt index (traversal, filters, sort, the flat PhraseList).
void BM_MineOnly(benchmark::State& state) {
  const text::TokenCorpus tc = text::token_corpus_from_ids(synthetic(static_cast<uint64_t>(state.range(0)), 42));
  const PhraseIndex index(tc);
  MineOptions o;
  o.keep_occurrences = false;
  size_t found = 0;
  for (auto _ : state) {
    found = index.mine(o).size();
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.counters["phrases"] = static_cast<double>(found);
}
BENCHMARK(BM_MineOnly)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_PhraseStats(benchmark::State& state) {
  const text::TokenCorpus tc = text::token_corpus_from_ids(synthetic(1'000'000, 42));
  PhraseIndex index(tc);
  MineOptions o;
  o.keep_occurrences = false;
  o.min_count = 5;
  const auto phrases = index.mine(o);
  for (auto _ : state)
    for (const auto& p : phrases) benchmark::DoNotOptimize(phrase_stats(index, p));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * phrases.size()));
}
BENCHMARK(BM_PhraseStats)->Unit(benchmark::kMillisecond);

// Two 3000-token documents sharing four passages of 40-120 tokens, 10% edited.
void BM_AlignPair(benchmark::State& state) {
  auto docs = synthetic(6000, 7);
  std::mt19937_64 rng(8);
  std::vector<int32_t> a = docs[0], b = docs[1];
  for (int k = 0; k < 4; ++k) {
    const size_t len = 40 + rng() % 80, at = rng() % (a.size() - len);
    std::vector<int32_t> p(a.begin() + static_cast<int64_t>(at), a.begin() + static_cast<int64_t>(at + len));
    for (auto& t : p)
      if (rng() % 10 == 0) t = 60000 + static_cast<int32_t>(rng() % 1000);
    b.insert(b.begin() + static_cast<int64_t>(rng() % b.size()), p.begin(), p.end());
  }
  size_t found = 0;
  for (auto _ : state) found = align_tokens(a, b, {}).size();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * (a.size() + b.size())));
  state.counters["passages"] = static_cast<double>(found);
}
BENCHMARK(BM_AlignPair)->Unit(benchmark::kMicrosecond);

// Corpus-mode reuse: 5000 synthetic documents, 500 planted pairs.
void BM_ReuseSynthetic(benchmark::State& state) {
  auto docs = synthetic(static_cast<uint64_t>(state.range(0)), 9);
  std::mt19937_64 rng(10);
  for (int k = 0; k < static_cast<int>(docs.size() / 10); ++k) {
    auto& src = docs[rng() % docs.size()];
    auto& dst = docs[rng() % docs.size()];
    const size_t len = std::min<size_t>(src.size(), 30 + rng() % 60), at = rng() % (src.size() - len + 1);
    std::vector<int32_t> p(src.begin() + static_cast<int64_t>(at), src.begin() + static_cast<int64_t>(at + len));
    dst.insert(dst.begin() + static_cast<int64_t>(rng() % dst.size()), p.begin(), p.end());
  }
  const text::TokenCorpus tc = text::token_corpus_from_ids(docs);
  ReuseOptions o;
  o.threads = 1;
  ReuseResult r;
  for (auto _ : state) r = find_reuse(tc, o);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.counters["docs"] = static_cast<double>(tc.documents());
  state.counters["pairs"] = static_cast<double>(r.candidate_pairs);
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(r.candidate_pairs * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["passages"] = static_cast<double>(r.passages.size());
}
BENCHMARK(BM_ReuseSynthetic)->Arg(2'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// data/scaled/*.jsonl: tokenized once (not timed), then mined / reused.
struct Scaled {
  std::string name;
  text::TokenCorpus tc;
};
std::vector<Scaled>& scaled() {
  static std::vector<Scaled> all;
  return all;
}

void load_scaled() {
  const auto dir = stylokit::data_dir() / "scaled";
  if (!std::filesystem::is_directory(dir)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  text::Tokenizer tokenizer;
  for (const auto& f : files) {
    if (const char* only = std::getenv("PHRASES_BENCH_SCALED");
        only && f.stem().string().find(only) == std::string::npos)
      continue;
    Corpus corpus = load_corpus(f, {});
    scaled().push_back({f.stem().string(), text::build_token_corpus(corpus, tokenizer, 0)});
  }
}

// Index + mine of one scaled corpus. Cold: the first run in this process. Warm: after one
// untimed run, so that the index's arrays (0.9 GB at brown-200k) come from pages the process
// or the kernel has just freed rather than fresh memory, whose first touches cost up to 3 s
// per GB on this project's VMs (with huge pages: cheap when the process has just freed 2 MB
// pages, as under glibc.malloc.hugetlb=1, slow otherwise), while brown-20k's fit in memory
// the tokenizer freed. Reported side by side.
void BM_ScaledMining(benchmark::State& state, size_t k, bool warm) {
  const text::TokenCorpus& tc = scaled()[k].tc;
  MineOptions o;
  o.keep_occurrences = false;
  size_t found = 0;
  if (warm) found = PhraseIndex(tc).mine(o).size();
  for (auto _ : state) {
    PhraseIndex index(tc);
    found = index.mine(o).size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.counters["tokens"] = static_cast<double>(tc.tokens());
  state.counters["phrases"] = static_cast<double>(found);
}

void BM_ScaledReuse(benchmark::State& state, size_t k) {
  const text::TokenCorpus& tc = scaled()[k].tc;
  ReuseOptions o;
  o.threads = static_cast<int>(state.range(0));
  ReuseResult r;
  for (auto _ : state) r = find_reuse(tc, o);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tc.tokens()));
  state.counters["docs"] = static_cast<double>(tc.documents());
  state.counters["pairs"] = static_cast<double>(r.candidate_pairs);
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(r.candidate_pairs * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["passages"] = static_cast<double>(r.passages.size());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (std::getenv("PHRASES_BENCH_SCALED")) load_scaled();  // opt-in: tokenizing them takes minutes
  for (size_t k = 0; k < scaled().size(); ++k) {
    for (bool warm : {false, true})
      benchmark::RegisterBenchmark(((warm ? "BM_ScaledMiningWarm/" : "BM_ScaledMining/") + scaled()[k].name).c_str(),
                                   BM_ScaledMining, k, warm)
          ->Unit(benchmark::kMillisecond)
          ->Iterations(1);
    benchmark::RegisterBenchmark(("BM_ScaledReuse/" + scaled()[k].name).c_str(), BM_ScaledReuse, k)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
