#include "toolkit/features/options.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "toolkit/common/error.h"

namespace stylokit::features {

DfBound DfBound::parse(const std::string& text, const std::string& what) {
  const bool proportion = text.find_first_of(".eE") != std::string::npos;
  size_t used = 0;
  DfBound b;
  try {
    if (proportion) {
      b = DfBound::proportion(std::stod(text, &used));
    } else {
      const long long v = std::stoll(text, &used);
      b = DfBound::count(v);
      STYLOKIT_CHECK(v >= 0, ConfigError, "{}: a document count must not be negative, got '{}'", what, text);
    }
  } catch (const std::logic_error&) {
    throw ConfigError(
        fmt::format("{}: expected a document count (e.g. 2) or a proportion (e.g. 0.5), got '{}'", what, text));
  }
  STYLOKIT_CHECK(used == text.size(), ConfigError,
                 "{}: expected a document count (e.g. 2) or a proportion (e.g. 0.5), got '{}'", what, text);
  STYLOKIT_CHECK(!b.is_proportion || (b.value >= 0 && b.value <= 1), ConfigError,
                 "{}: a proportion must be within [0, 1], got '{}'", what, text);
  return b;
}

void VectorizerOptions::validate() const {
  STYLOKIT_CHECK(ngram_min >= 1, ConfigError, "n-gram range {}-{}: n-grams start at 1", ngram_min, ngram_max);
  STYLOKIT_CHECK(ngram_min <= ngram_max, ConfigError, "n-gram range {}-{}: the first number must not exceed the second",
                 ngram_min, ngram_max);
  STYLOKIT_CHECK(ngram_max <= 64, ConfigError, "n-gram range {}-{}: n above 64 is not supported", ngram_min, ngram_max);
  for (const auto* b : {&min_df, &max_df}) {
    const char* name = b == &min_df ? "min_df" : "max_df";
    STYLOKIT_CHECK(std::isfinite(b->value) && b->value >= 0, ConfigError, "{}: must not be negative, got {}", name,
                   b->value);
    STYLOKIT_CHECK(!b->is_proportion || b->value <= 1, ConfigError, "{}: a proportion must be within [0, 1], got {}",
                   name, b->value);
  }
  if (min_df.is_proportion == max_df.is_proportion)
    STYLOKIT_CHECK(min_df.value <= max_df.value, ConfigError, "min_df ({}) is above max_df ({})", min_df.value,
                   max_df.value);
  STYLOKIT_CHECK(threads >= 0, ConfigError, "threads: must not be negative, got {}", threads);
  STYLOKIT_CHECK(stop_words.empty() || analyzer == Analyzer::kWord, ConfigError,
                 "stop words apply to word features only, not to character n-grams");
  for (const auto& w : stop_words) STYLOKIT_CHECK(!w.empty(), ConfigError, "stop words: an empty stop word");
  if (hash_buckets > 0) {
    STYLOKIT_CHECK(vocabulary.empty(), ConfigError, "feature hashing cannot be combined with a fixed vocabulary");
    STYLOKIT_CHECK(max_features == 0, ConfigError, "feature hashing cannot be combined with max_features");
    STYLOKIT_CHECK(!(min_df.is_proportion == false && min_df.value > 1) && !(min_df.is_proportion && min_df.value > 0),
                   ConfigError, "feature hashing cannot be combined with min_df");
    STYLOKIT_CHECK(max_df.is_proportion && max_df.value == 1.0, ConfigError,
                   "feature hashing cannot be combined with max_df");
    STYLOKIT_CHECK(hash_buckets <= (size_t{1} << 31), ConfigError, "hash buckets: at most 2^31, got {}", hash_buckets);
  }
}

namespace {

template <class E>
E parse_enum(const std::string& s, const char* option, std::initializer_list<std::pair<const char*, E>> names) {
  std::string list;
  for (const auto& [name, value] : names) {
    if (s == name) return value;
    if (!list.empty()) list += '|';
    list += name;
  }
  throw ConfigError(fmt::format("{}: expected {}, got '{}'", option, list, s));
}

}  // namespace

TokenizerKind parse_tokenizer(const std::string& s) {
  return parse_enum<TokenizerKind>(
      s, "--tokenizer",
      {{"icu", TokenizerKind::kIcu}, {"sklearn", TokenizerKind::kSklearn}, {"stylo", TokenizerKind::kStylo}});
}
TfWeight parse_tf(const std::string& s) {
  return parse_enum<TfWeight>(s, "--tf",
                              {{"raw", TfWeight::kRaw},
                               {"binary", TfWeight::kBinary},
                               {"sublinear", TfWeight::kSublinear},
                               {"relative", TfWeight::kRelative}});
}
IdfWeight parse_idf(const std::string& s) {
  return parse_enum<IdfWeight>(
      s, "--idf", {{"none", IdfWeight::kNone}, {"smooth", IdfWeight::kSmooth}, {"plain", IdfWeight::kPlain}});
}
Norm parse_norm(const std::string& s) {
  return parse_enum<Norm>(s, "--norm", {{"l2", Norm::kL2}, {"l1", Norm::kL1}, {"none", Norm::kNone}});
}

void parse_feature_spec(const std::string& spec, VectorizerOptions& options) {
  const std::string bad = fmt::format(
      "--features: expected KIND:N1-N2 with KIND word|char|char_wb (e.g. word:1-2, char_wb:3-5), got '{}'", spec);
  const size_t colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  if (kind == "word")
    options.analyzer = Analyzer::kWord;
  else if (kind == "char")
    options.analyzer = Analyzer::kChar;
  else if (kind == "char_wb")
    options.analyzer = Analyzer::kCharWb;
  else
    throw ConfigError(bad);
  if (colon == std::string::npos) {
    STYLOKIT_CHECK(options.analyzer == Analyzer::kWord, ConfigError, "{}", bad);
    options.ngram_min = options.ngram_max = 1;
    return;
  }
  const std::string range = spec.substr(colon + 1);
  const size_t dash = range.find('-');
  auto number = [&](const std::string& s) {
    STYLOKIT_CHECK(
        !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }),
        ConfigError, "{}", bad);
    return std::stoi(s);
  };
  options.ngram_min = number(range.substr(0, dash));
  options.ngram_max = dash == std::string::npos ? options.ngram_min : number(range.substr(dash + 1));
  STYLOKIT_CHECK(options.ngram_min >= 1 && options.ngram_min <= options.ngram_max, ConfigError,
                 "--features '{}': n-gram range {}-{} must satisfy 1 <= N1 <= N2", spec, options.ngram_min,
                 options.ngram_max);
}

}  // namespace stylokit::features
