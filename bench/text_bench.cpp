// Throughput of the text stage: ICU tokenization of English prose (the letters, repeated)
// and of mixed-script text, in bytes per second.

#include <benchmark/benchmark.h>

#include <filesystem>

#include "toolkit/common/io.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/text/tokenizer.h"

namespace {

std::string letters_text(size_t repeat) {
  auto corpus = stylokit::load_corpus(stylokit::data_dir() / "letters", {});
  std::string one;
  for (const auto& d : corpus.documents) one += d.raw + "\n\n";
  std::string out;
  out.reserve(one.size() * repeat);
  for (size_t i = 0; i < repeat; ++i) out += one;
  return out;
}

void BM_TokenizeEnglish(benchmark::State& state) {
  std::string text = letters_text(static_cast<size_t>(state.range(0)));
  stylokit::text::Tokenizer tk;
  size_t tokens = 0;
  for (auto _ : state) {
    auto d = tk.tokenize(text);
    tokens = d.tokens.size();
    benchmark::DoNotOptimize(d.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_TokenizeEnglish)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_TokenizeMixedScripts(benchmark::State& state) {
  std::string unit =
      "Café crème — “quoted” text. 我们是朋友。 สวัสดีครับ Привет, мир! שלום עולם ＡＢＣ 12,345.\n";
  std::string text;
  for (int i = 0; i < 2000; ++i) text += unit;
  stylokit::text::Tokenizer tk;
  for (auto _ : state) {
    auto d = tk.tokenize(text);
    benchmark::DoNotOptimize(d.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TokenizeMixedScripts)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
