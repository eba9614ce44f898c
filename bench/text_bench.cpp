// Throughput of the text stage: ICU tokenization of English prose (the letters, repeated),
// of mixed-script text and of Brown (when data/fetch-brown.sh has fetched it), in bytes per
// second. BM_TokenizeBrown compares ICU's word iterator alone with the ASCII fast path, with
// and without sentence segmentation.

#include <benchmark/benchmark.h>

#include <filesystem>

#include "toolkit/common/io.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/text/internal/tokenizer_testing.h"
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

// Arg 0: 0 = ICU's word iterator alone, 1 = the fast path. Arg 1: 0 = sentences, 1 = skipped.
void BM_TokenizeBrown(benchmark::State& state) {
  const std::filesystem::path dir = std::filesystem::path(STYLOKIT_SOURCE_DATA_DIR) / "brown";
  if (!std::filesystem::exists(dir)) {
    state.SkipWithError("data/brown not fetched (data/fetch-brown.sh)");
    return;
  }
  static const stylokit::Corpus corpus = stylokit::load_corpus(dir, {});
  stylokit::text::Tokenizer tk;
  stylokit::text::TokenizerTesting::set_ascii_fast_path(tk, state.range(0) == 1);
  const auto sentences = state.range(1) == 1 ? stylokit::text::Sentences::kSkip : stylokit::text::Sentences::kSegment;
  stylokit::text::TokenizedDocument d;
  size_t bytes = 0;
  size_t tokens = 0;
  for (auto _ : state) {
    bytes = tokens = 0;
    for (const auto& doc : corpus.documents) {
      tk.tokenize_into(doc.raw, doc.kept, d, sentences);
      bytes += doc.raw.size();
      tokens += d.tokens.size();
    }
    benchmark::DoNotOptimize(d.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_TokenizeBrown)->ArgsProduct({{0, 1}, {0, 1}})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
