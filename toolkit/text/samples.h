#pragma once
// Cutting texts into samples before counting, as stylo's make.samples() does (R/make.samples.R),
// so that every MFW-based analysis can compare samples instead of whole texts.
//
// Data contract. make_samples() turns a TokenCorpus into a TokenCorpus whose documents are the
// samples, text after text (corpus order), samples of a text in order k = 1, 2, ...; sample k of
// text `id` is named `<id>_<k>`. Tokens keep their byte spans into the SOURCE document's bytes and
// their sentence indices in it; sources[s] says which document sample s came from and its first
// and last token. vocab holds only the types that occur in some sample (still sorted by bytes, so
// ids stay in text order) and unigram_count counts the sampled tokens only: tokens in no sample
// do not count, tokens in two overlapping samples count twice (stylo builds its frequency list
// from the samples).
//
// normal:SIZE[:OVERLAP] — consecutive slices (stylo's normal.sampling). With n tokens, step =
// SIZE − OVERLAP and OVERLAP < SIZE, sample k (from 1) holds tokens 1 + (k−1)·step .. (k−1)·step +
// SIZE (1-based, inclusive); there are floor((n − OVERLAP)/step) samples and the last
// n − ((samples−1)·step + SIZE) tokens are dropped (stylo's console message prints
// n − samples·step, which overstates the tail by OVERLAP when OVERLAP > 0).
//
// random:SIZE:COUNT[:replace] — COUNT bags of SIZE tokens per text (stylo's random.sampling;
// stylo draws without replacement unless sampling.with.replacement = TRUE). The draw, fixed so
// that another tool can replay it (common/random.h defines every function named):
//   for text d (id `id`, n tokens) and sample k = 1..COUNT, one generator
//     SplitMix64 rng(splitmix64_mix(splitmix64_mix(seed ^ fnv1a64(id)) + k))
//   without replacement: positions p = [0, 1, ..., n−1]; for i = 0 .. SIZE−1:
//     j = i + uniform_below(rng, n − i); swap(p[i], p[j])        (a partial Fisher–Yates shuffle)
//     the sample is p[0 .. SIZE) sorted ascending;
//   with replacement: SIZE draws uniform_below(rng, n), sorted ascending (repeats kept).
// Tokens are kept in ascending position (text order), so byte spans still run forward. A text's
// draw depends only on the seed, its id and k: adding a text to the corpus changes no other's.
//
// A text with fewer than SIZE tokens is a DataError naming it (stylo stops too), unless
// keep_short: then it is kept whole as one sample `<id>_1` and a warning names it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/text/token_corpus.h"

namespace stylokit::text {

enum class SampleMode { kNone, kNormal, kRandom };

struct SampleOptions {
  SampleMode mode = SampleMode::kNone;
  uint64_t size = 0;              // tokens per sample, >= 1
  uint64_t overlap = 0;           // normal: tokens shared by consecutive samples, < size
  uint64_t count = 0;             // random: samples per text, >= 1
  bool with_replacement = false;  // random: draw positions with replacement
  uint64_t seed = 1;              // random: see the draw above
  bool keep_short = false;        // keep a text shorter than size whole, as one sample
  int threads = 0;                // 0 = all cores; the output is the same for any count
};

// Parses "none", "normal:SIZE[:OVERLAP]" or "random:SIZE:COUNT[:replace]" into mode, size,
// overlap, count and with_replacement of `options` (the other fields are left alone). Throws
// ConfigError starting "sample: " for anything else: an unknown mode, a missing or non-numeric
// part, SIZE or COUNT 0, OVERLAP >= SIZE. O(spec length).
void parse_sample_spec(std::string_view spec, SampleOptions& options);

// The spec back in the form parse_sample_spec reads ("normal:10000:0" for normal:10000).
std::string sample_spec(const SampleOptions& options);

// Where a sample came from.
struct SampleSource {
  uint32_t document = 0;  // index of the source document in the input TokenCorpus
  uint64_t first = 0;     // first token kept, 0-based index within the source document
  uint64_t last = 0;      // last token kept (inclusive); first = last = 0 for an empty text
};

struct Samples {
  TokenCorpus tokens;                      // one document per sample
  std::vector<SampleSource> sources;       // per sample
  std::vector<uint64_t> samples_per_text;  // per source document
  std::vector<uint64_t> dropped_per_text;  // per source document: tokens in no sample (normal)
  std::vector<std::string> short_texts;    // ids of texts shorter than size kept whole
  std::vector<std::string> warnings;       // dropped tails, texts kept whole
};

// Cuts every document of `source` into samples as `options` says. mode kNone returns the corpus
// unchanged, one sample per document (named as the document). O(sampled tokens + V) for normal;
// random adds O(COUNT · SIZE log SIZE) per text (the sort) and, per worker thread, one positions
// array as long as the longest text (8 bytes a token; a draw's swaps are undone after it, so it
// is filled once). Parallel over samples; output identical for any thread count. Thread-safe (reads `source` only).
// Throws ConfigError (bad options, naming `sample`), DataError naming the document for a text shorter than size without
// keep_short, and DataError when two sample ids coincide (only when the source repeats an id).
Samples make_samples(const TokenCorpus& source, const SampleOptions& options);

}  // namespace stylokit::text
