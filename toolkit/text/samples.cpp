#include "toolkit/text/samples.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/random.h"

namespace stylokit::text {

namespace {

constexpr const char* kSpecHelp = "expected none, normal:SIZE[:OVERLAP] or random:SIZE:COUNT[:replace]";

std::vector<std::string_view> split_colons(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    const size_t c = s.find(':');
    out.push_back(s.substr(0, c));
    if (c == std::string_view::npos) return out;
    s.remove_prefix(c + 1);
  }
}

uint64_t number(std::string_view part, std::string_view spec, const char* what) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
  STYLOKIT_CHECK(!part.empty() && ec == std::errc() && end == part.data() + part.size(), ConfigError,
                 "sample: '{}': {} must be a whole number, got '{}' ({})", spec, what, part, kSpecHelp);
  return v;
}

// One sample before its tokens are gathered: the source document and its token count.
struct Plan {
  uint32_t document;
  uint64_t k;  // 1-based sample number within the text
  uint64_t tokens;
  bool whole;  // a short text kept whole
};

}  // namespace

void parse_sample_spec(std::string_view spec, SampleOptions& options) {
  const std::vector<std::string_view> parts = split_colons(spec);
  const std::string_view mode = parts.front();
  if (mode == "none" && parts.size() == 1) {
    options.mode = SampleMode::kNone;
    return;
  }
  if (mode == "normal" && (parts.size() == 2 || parts.size() == 3)) {
    const uint64_t size = number(parts[1], spec, "SIZE");
    const uint64_t overlap = parts.size() == 3 ? number(parts[2], spec, "OVERLAP") : 0;
    STYLOKIT_CHECK(size >= 1, ConfigError, "sample: '{}': SIZE must be at least 1 token", spec);
    STYLOKIT_CHECK(overlap < size, ConfigError,
                   "sample: '{}': OVERLAP ({}) must be smaller than SIZE ({}), or samples would not advance", spec,
                   overlap, size);
    options.mode = SampleMode::kNormal;
    options.size = size;
    options.overlap = overlap;
    options.count = 0;
    options.with_replacement = false;
    return;
  }
  if (mode == "random" && (parts.size() == 3 || parts.size() == 4)) {
    const uint64_t size = number(parts[1], spec, "SIZE");
    const uint64_t count = number(parts[2], spec, "COUNT");
    STYLOKIT_CHECK(parts.size() == 3 || parts[3] == "replace", ConfigError,
                   "sample: '{}': the fourth part can only be 'replace' ({})", spec, kSpecHelp);
    STYLOKIT_CHECK(size >= 1, ConfigError, "sample: '{}': SIZE must be at least 1 token", spec);
    STYLOKIT_CHECK(count >= 1, ConfigError, "sample: '{}': COUNT must be at least 1 sample per text", spec);
    options.mode = SampleMode::kRandom;
    options.size = size;
    options.overlap = 0;
    options.count = count;
    options.with_replacement = parts.size() == 4;
    return;
  }
  throw ConfigError(fmt::format("sample: '{}': {}", spec, kSpecHelp));
}

std::string sample_spec(const SampleOptions& o) {
  switch (o.mode) {
    case SampleMode::kNone: return "none";
    case SampleMode::kNormal: return fmt::format("normal:{}:{}", o.size, o.overlap);
    case SampleMode::kRandom:
      return fmt::format("random:{}:{}{}", o.size, o.count, o.with_replacement ? ":replace" : "");
  }
  return "?";
}

Samples make_samples(const TokenCorpus& source, const SampleOptions& options) {
  const bool normal = options.mode == SampleMode::kNormal;
  const bool random = options.mode == SampleMode::kRandom;
  if (normal || random) {
    STYLOKIT_CHECK(options.size >= 1, ConfigError, "sample: SIZE must be at least 1 token");
    STYLOKIT_CHECK(!normal || options.overlap < options.size, ConfigError,
                   "sample: OVERLAP ({}) must be smaller than SIZE ({})", options.overlap, options.size);
    STYLOKIT_CHECK(!random || options.count >= 1, ConfigError, "sample: COUNT must be at least 1 sample per text");
  }
  const size_t texts = source.documents();
  Samples out;
  out.samples_per_text.assign(texts, 0);
  out.dropped_per_text.assign(texts, 0);

  // The plan, text after text: how many samples each text gives and how long each is.
  std::vector<Plan> plan;
  const std::string_view origin = source.origin.empty() ? std::string_view("corpus") : source.origin;
  for (size_t d = 0; d < texts; ++d) {
    const uint64_t n = source.doc_size(d);
    const uint32_t doc = static_cast<uint32_t>(d);
    if (options.mode == SampleMode::kNone || n < options.size) {
      // R/make.samples.R stops ("This text is too short to be sliced into samples of the
      // requested size") unless no sampling was asked for.
      STYLOKIT_CHECK(options.mode == SampleMode::kNone || options.keep_short, DataError,
                     "{}: {}: {} tokens, fewer than the sample size {} (keep_short, --keep-short, keeps such a text "
                     "whole as one sample)",
                     origin, source.doc_ids[d], n, options.size);
      if (options.mode != SampleMode::kNone) out.short_texts.push_back(source.doc_ids[d]);
      plan.push_back({doc, 1, n, true});
      out.samples_per_text[d] = 1;
      continue;
    }
    if (normal) {
      const uint64_t step = options.size - options.overlap;
      const uint64_t count = (n - options.overlap) / step;
      for (uint64_t k = 1; k <= count; ++k) plan.push_back({doc, k, options.size, false});
      out.samples_per_text[d] = count;
      out.dropped_per_text[d] = n - ((count - 1) * step + options.size);
    } else {
      for (uint64_t k = 1; k <= options.count; ++k) plan.push_back({doc, k, options.size, false});
      out.samples_per_text[d] = options.count;
    }
  }

  TokenCorpus& tc = out.tokens;
  tc.origin = source.origin;
  tc.text_options = source.text_options;
  tc.stylo_options = source.stylo_options;
  tc.doc_begin.reserve(plan.size() + 1);
  tc.doc_begin.push_back(0);
  std::unordered_set<std::string> seen;
  for (const Plan& p : plan) {
    const std::string& id = source.doc_ids[p.document];
    tc.doc_ids.push_back(options.mode == SampleMode::kNone ? id : fmt::format("{}_{}", id, p.k));
    STYLOKIT_CHECK(seen.insert(tc.doc_ids.back()).second, DataError,
                   "{}: two samples are named '{}' (two documents share an id); rename one", origin, tc.doc_ids.back());
    tc.doc_begin.push_back(tc.doc_begin.back() + p.tokens);
  }
  const uint64_t total = tc.doc_begin.back();
  out.sources.resize(plan.size());

  // Global source token index of every sampled token, sample by sample.
  std::vector<uint64_t> at(total);
  uint64_t longest = 0;
  for (size_t d = 0; d < texts; ++d) longest = std::max(longest, source.doc_size(d));
  const bool shuffle = random && !options.with_replacement;
  // Each worker's positions array stays the identity between samples: the swaps of one draw
  // are undone in reverse order, so a draw costs O(SIZE) and not O(n).
  const size_t workers = worker_count(plan.size(), options.threads);
  std::vector<std::vector<uint64_t>> scratch(shuffle ? workers : 0);
  parallel_for_workers(plan.size(), options.threads, [&](size_t s, size_t w) {
    const Plan& p = plan[s];
    const uint64_t base = source.doc_begin[p.document];
    const uint64_t n = source.doc_size(p.document);
    uint64_t* dst = at.data() + tc.doc_begin[s];
    if (p.whole || normal) {
      const uint64_t start = p.whole ? 0 : (p.k - 1) * (options.size - options.overlap);
      for (uint64_t i = 0; i < p.tokens; ++i) dst[i] = start + i;
    } else {
      SplitMix64 rng(splitmix64_mix(splitmix64_mix(options.seed ^ fnv1a64(source.doc_ids[p.document])) + p.k));
      if (shuffle) {
        std::vector<uint64_t>& pos = scratch[w];
        if (pos.size() < longest) {
          pos.resize(longest);
          std::iota(pos.begin(), pos.end(), uint64_t{0});
        }
        std::vector<uint64_t> swapped(p.tokens);
        for (uint64_t i = 0; i < p.tokens; ++i) {
          const uint64_t j = i + uniform_below(rng, n - i);
          swapped[i] = j;
          std::swap(pos[i], pos[j]);
        }
        std::copy(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(p.tokens), dst);
        for (uint64_t i = p.tokens; i-- > 0;) std::swap(pos[i], pos[swapped[i]]);
      } else {
        for (uint64_t i = 0; i < p.tokens; ++i) dst[i] = uniform_below(rng, n);
      }
      std::sort(dst, dst + p.tokens);
    }
    out.sources[s] = {p.document, p.tokens ? dst[0] : 0, p.tokens ? dst[p.tokens - 1] : 0};
    for (uint64_t i = 0; i < p.tokens; ++i) dst[i] += base;
  });

  // Gather the tokens and the types they use.
  tc.ids.resize(total);
  tc.byte_begin.resize(total);
  tc.byte_end.resize(total);
  tc.sentence.resize(total);
  std::vector<uint64_t> counts(source.vocab.size(), 0);
  for (uint64_t t = 0; t < total; ++t) {
    const uint64_t g = at[t];
    tc.ids[t] = source.ids[g];
    tc.byte_begin[t] = source.byte_begin[g];
    tc.byte_end[t] = source.byte_end[g];
    tc.sentence[t] = source.sentence[g];
    ++counts[static_cast<size_t>(tc.ids[t])];
  }
  tc.sentence_count.assign(plan.size(), 0);
  for (size_t s = 0; s < plan.size(); ++s)
    for (uint64_t t = tc.doc_begin[s]; t < tc.doc_begin[s + 1]; ++t)
      if (t == tc.doc_begin[s] || tc.sentence[t] != tc.sentence[t - 1]) ++tc.sentence_count[s];
  if (options.mode == SampleMode::kNone) tc.sentence_count = source.sentence_count;

  // Only the types of the samples, in the source's order (a monotone renumbering).
  std::vector<int32_t> renumber(source.vocab.size(), -1);
  for (size_t v = 0; v < source.vocab.size(); ++v) {
    if (counts[v] == 0) continue;
    renumber[v] = static_cast<int32_t>(tc.vocab.size());
    tc.vocab.push_back(source.vocab[v]);
    tc.unigram_count.push_back(counts[v]);
    if (!source.is_stop.empty()) tc.is_stop.push_back(source.is_stop[v]);
  }
  for (int32_t& id : tc.ids) id = renumber[static_cast<size_t>(id)];

  uint64_t dropped = 0, tails = 0;
  size_t most = 0;
  for (size_t d = 0; d < texts; ++d) {
    dropped += out.dropped_per_text[d];
    if (out.dropped_per_text[d] > 0) ++tails;
    if (out.dropped_per_text[d] > out.dropped_per_text[most]) most = d;
  }
  if (dropped > 0)
    out.warnings.push_back(fmt::format(
        "sample: {} token(s) at the ends of {} text(s) fill no whole sample of {} and are not counted (most: {} in "
        "{})",
        dropped, tails, sample_spec(options), out.dropped_per_text[most], source.doc_ids[most]));
  if (!out.short_texts.empty())
    out.warnings.push_back(fmt::format("sample: {} text(s) shorter than {} tokens kept whole as one sample each: {}{}",
                                       out.short_texts.size(), options.size, out.short_texts.front(),
                                       out.short_texts.size() > 1 ? ", ..." : ""));
  return out;
}

}  // namespace stylokit::text
