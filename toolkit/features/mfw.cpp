#include "toolkit/features/mfw.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

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

std::vector<size_t> rank_by_count(const Vocabulary& vocabulary) {
  STYLOKIT_CHECK(vocabulary.counts().size() == vocabulary.size(), ConfigError,
                 "MFW ranking needs corpus counts in the vocabulary (a vocabulary from count_terms)");
  std::vector<size_t> ids(vocabulary.size());
  std::iota(ids.begin(), ids.end(), size_t{0});
  std::sort(ids.begin(), ids.end(), [&](size_t a, size_t b) {
    if (vocabulary.count(a) != vocabulary.count(b)) return vocabulary.count(a) > vocabulary.count(b);
    return vocabulary.term(a) < vocabulary.term(b);
  });
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
