#include "toolkit/features/mfw.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <set>
#include <string_view>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <fmt/format.h>

#include "toolkit/common/error.h"

namespace stylokit::features {

void MfwOptions::validate() const {
  STYLOKIT_CHECK(std::isfinite(culling) && culling >= 0 && culling <= 100, ConfigError,
                 "culling: a percentage within [0, 100], got {}", culling);
  std::set<std::string_view> seen;
  for (const auto& f : features) {
    STYLOKIT_CHECK(!f.empty(), ConfigError, "features: an empty feature");
    STYLOKIT_CHECK(seen.insert(f).second, ConfigError, "features: duplicate feature '{}'", f);
  }
}

namespace {

struct CollatorCloser {
  void operator()(UCollator* c) const { ucol_close(c); }
};

// ICU root collation keys of `terms` (default strength), back to back in `keys`, key k at
// keys[at[k], at[k + 1]).
void collation_keys(const std::vector<std::string_view>& terms, std::string& keys, std::vector<size_t>& at) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCollator, CollatorCloser> coll(ucol_open("", &status));
  if (U_FAILURE(status)) throw InternalError(fmt::format("ICU root collator: {}", u_errorName(status)));
  std::vector<UChar> u16;
  at.assign(1, 0);
  for (std::string_view t : terms) {
    int32_t len = 0;
    status = U_ZERO_ERROR;
    u16.resize(t.size() + 1);
    u_strFromUTF8Lenient(u16.data(), static_cast<int32_t>(u16.size()), &len, t.data(), static_cast<int32_t>(t.size()),
                         &status);
    if (U_FAILURE(status)) throw InternalError(fmt::format("ICU UTF-8 to UTF-16: {}", u_errorName(status)));
    const size_t start = keys.size();
    size_t cap = 2 * static_cast<size_t>(len) + 16;
    for (;;) {
      keys.resize(start + cap);
      const int32_t need = ucol_getSortKey(coll.get(), u16.data(), len, reinterpret_cast<uint8_t*>(keys.data() + start),
                                           static_cast<int32_t>(cap));
      if (static_cast<size_t>(need) <= cap) {
        keys.resize(start + static_cast<size_t>(need) - 1);  // without the terminating 0
        break;
      }
      cap = static_cast<size_t>(need);
    }
    at.push_back(keys.size());
  }
}

}  // namespace

std::vector<size_t> rank_by_count(const Vocabulary& vocabulary) {
  STYLOKIT_CHECK(vocabulary.counts().size() == vocabulary.size(), ConfigError,
                 "MFW ranking needs corpus counts in the vocabulary (a vocabulary from count_terms)");
  std::vector<size_t> ids(vocabulary.size());
  std::iota(ids.begin(), ids.end(), size_t{0});
  std::sort(ids.begin(), ids.end(), [&](size_t a, size_t b) {
    if (vocabulary.count(a) != vocabulary.count(b)) return vocabulary.count(a) > vocabulary.count(b);
    return vocabulary.term(a) < vocabulary.term(b);
  });
  // Ties as stylo orders them: stylo ranks sort(table(tokens), decreasing = TRUE) (R/make.frequency.list.R);
  // table() lists the words in R's collation order (ICU root under a UTF-8 locale) and the sort
  // is stable. Strings the collator calls equal keep byte order.
  std::vector<std::string_view> terms;
  std::string keys;
  std::vector<size_t> at;
  for (size_t g = 0; g < ids.size();) {
    size_t e = g + 1;
    while (e < ids.size() && vocabulary.count(ids[e]) == vocabulary.count(ids[g])) ++e;
    if (e - g > 1) {
      terms.clear();
      keys.clear();
      for (size_t k = g; k < e; ++k) terms.emplace_back(vocabulary.term(ids[k]));
      collation_keys(terms, keys, at);
      std::vector<size_t> order(e - g);
      std::iota(order.begin(), order.end(), size_t{0});
      auto key = [&](size_t k) { return std::string_view(keys).substr(at[k], at[k + 1] - at[k]); };
      // Stable: within equal keys the byte order of the first sort stays.
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
      std::vector<size_t> group(e - g);
      for (size_t k = 0; k < order.size(); ++k) group[k] = ids[g + order[k]];
      std::copy(group.begin(), group.end(), ids.begin() + static_cast<std::ptrdiff_t>(g));
    }
    g = e;
  }
  return ids;
}

MfwTable mfw_table(const CountResult& word_counts, const MfwOptions& options) {
  options.validate();
  const Vocabulary& vocab = word_counts.vocabulary;
  const DocTermMatrix& m = word_counts.counts;
  const auto n = static_cast<size_t>(m.rows());
  STYLOKIT_CHECK(n >= 2, DataError, "MFW table: {} document(s); z-scores need at least 2", n);
  STYLOKIT_ASSERT(word_counts.doc_totals.size() == n && word_counts.doc_ids.size() == n);

  // Candidate columns in order: the fixed list, or the ranking. -1 = a feature absent from the corpus.
  std::vector<int64_t> candidates;
  std::vector<std::string> candidate_words;
  if (!options.features.empty()) {
    for (const auto& f : options.features) {
      auto id = vocab.find(f);
      candidates.push_back(id ? static_cast<int64_t>(*id) : -1);
      candidate_words.push_back(f);
    }
  } else {
    for (size_t id : rank_by_count(vocab)) {
      candidates.push_back(static_cast<int64_t>(id));
      candidate_words.push_back(vocab.term(id));
    }
  }

  MfwTable t;
  const double dn = static_cast<double>(n);
  size_t rank = 0;
  for (size_t k = 0; k < candidates.size(); ++k) {
    const int64_t df = candidates[k] >= 0 ? vocab.df(static_cast<size_t>(candidates[k])) : 0;
    // stylo's culling: share of documents holding the word >= culling level.
    if (static_cast<double>(df) / dn < options.culling / 100.0) continue;
    if (options.features.empty()) {
      const size_t r = rank++;
      if (r < options.skip) continue;
      if (options.mfw > 0 && t.words.size() >= options.mfw) break;
    }
    t.words.push_back(candidate_words[k]);
    t.corpus_counts.push_back(candidates[k] >= 0 ? vocab.count(static_cast<size_t>(candidates[k])) : 0);
    t.doc_freqs.push_back(df);
    candidates[t.words.size() - 1] = candidates[k];
  }
  STYLOKIT_CHECK(!t.words.empty(), DataError,
                 "MFW table: no word left ({} candidates, culling {}%, skip {}): lower the culling or the skip",
                 candidate_words.size(), options.culling, options.skip);
  const size_t w = t.words.size();
  std::vector<int64_t> column(vocab.size(), -1);
  for (size_t j = 0; j < w; ++j)
    if (candidates[j] >= 0) column[static_cast<size_t>(candidates[j])] = static_cast<int64_t>(j);

  t.doc_ids = word_counts.doc_ids;
  t.doc_tokens = word_counts.doc_totals;
  t.relative = DenseTable::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(w));
  for (size_t r = 0; r < n; ++r) {
    const auto total = static_cast<double>(word_counts.doc_totals[r]);
    for (DocTermMatrix::InnerIterator it(m, static_cast<Eigen::Index>(r)); it; ++it) {
      const int64_t j = column[static_cast<size_t>(it.col())];
      if (j >= 0) t.relative(static_cast<Eigen::Index>(r), j) = it.value() / total * 100.0;
    }
  }
  t.mean.resize(static_cast<Eigen::Index>(w));
  t.sd.resize(static_cast<Eigen::Index>(w));
  t.zscores.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(w));
  for (size_t j = 0; j < w; ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    double sum = 0;
    for (size_t r = 0; r < n; ++r) sum += t.relative(static_cast<Eigen::Index>(r), jj);
    const double mean = sum / dn;
    double ss = 0;
    for (size_t r = 0; r < n; ++r) {
      const double d = t.relative(static_cast<Eigen::Index>(r), jj) - mean;
      ss += d * d;
    }
    const double sd = std::sqrt(ss / (dn - 1));
    t.mean[jj] = mean;
    t.sd[jj] = sd;
    if (sd == 0) t.constant_words.push_back(t.words[j]);
    for (size_t r = 0; r < n; ++r) {
      const auto rr = static_cast<Eigen::Index>(r);
      t.zscores(rr, jj) = sd == 0 ? 0.0 : (t.relative(rr, jj) - mean) / sd;
    }
  }
  return t;
}

namespace {

// word_options with pruning, weighting and stop words overridden to plain counts.
VectorizerOptions plain_counts(const VectorizerOptions& word_options) {
  VectorizerOptions o;
  o.tokenizer = word_options.tokenizer;
  o.text = word_options.text;
  o.stylo = word_options.stylo;
  o.threads = word_options.threads;
  o.analyzer = word_options.analyzer;
  o.ngram_min = word_options.ngram_min;
  o.ngram_max = word_options.ngram_max;
  o.idf = IdfWeight::kNone;
  o.norm = Norm::kNone;
  return o;
}

}  // namespace

MfwTable mfw_table(const Corpus& corpus, const MfwOptions& options, const VectorizerOptions& word_options) {
  options.validate();
  return mfw_table(count_terms(corpus, plain_counts(word_options)), options);
}

MfwTable mfw_table(const text::TokenCorpus& tokens, const MfwOptions& options, const VectorizerOptions& word_options) {
  options.validate();
  return mfw_table(count_terms(tokens, plain_counts(word_options)), options);
}

}  // namespace stylokit::features
