#include "toolkit/phrases/association.h"

#include <cmath>
#include <limits>

#include "toolkit/common/error.h"

namespace stylokit::phrases {

namespace {
constexpr double kSmall = 1e-20;  // NLTK's _SMALL
}

AssocScores bigram_scores(double n_ii, double n_ix, double n_xi, double n_xx) {
  AssocScores s;
  // Contingency as NLTK: (n_ii, n_oi, n_io, n_oo) and expected values
  // (cont[i] + cont[i^1]) * (cont[i] + cont[i^2]) / n_xx, summed in the same order.
  const double n_oi = n_xi - n_ii;
  const double n_io = n_ix - n_ii;
  const double cont[4] = {n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io};
  const double total = ((cont[0] + cont[1]) + cont[2]) + cont[3];
  double llr = 0;
  for (int i = 0; i < 4; ++i) {
    const double expv = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total;
    llr += cont[i] * std::log(cont[i] / (expv + kSmall) + kSmall);
  }
  s.likelihood_ratio = 2 * llr;
  s.pmi = std::log2(n_ii * n_xx) - std::log2(n_ix * n_xi);
  s.student_t = (n_ii - (n_ix * n_xi) / n_xx) / std::pow(n_ii + kSmall, 0.5);
  // phi_sq unpacks the contingency as (n_ii, n_io, n_oi, n_oo) = cont, names swapped.
  const double a = cont[0], b = cont[1], c = cont[2], d = cont[3];
  const double num = std::pow(a * d - b * c, 2);
  const double den = (a + b) * (a + c) * (b + d) * (c + d);
  s.chi_sq = den == 0 ? std::numeric_limits<double>::quiet_NaN() : n_xx * (num / den);
  s.dice = 2 * n_ii / (n_ix + n_xi);
  return s;
}

AssocScores phrase_scores(const PhraseIndex& index, const Phrase& phrase) {
  STYLOKIT_CHECK(phrase.length() >= 2, ConfigError, "association scores need a phrase of at least 2 tokens");
  const auto n_xx = static_cast<double>(index.corpus().tokens());
  const auto n_ii = static_cast<double>(phrase.count);
  std::span<const int32_t> all(phrase.tokens);
  AssocScores best;
  for (size_t k = 1; k < phrase.length(); ++k) {
    const auto n_ix = static_cast<double>(index.count(all.subspan(0, k)));
    const auto n_xi = static_cast<double>(index.count(all.subspan(k)));
    const AssocScores s = bigram_scores(n_ii, n_ix, n_xi, n_xx);
    if (k == 1) {
      best = s;
      continue;
    }
    best.likelihood_ratio = std::min(best.likelihood_ratio, s.likelihood_ratio);
    best.pmi = std::min(best.pmi, s.pmi);
    best.student_t = std::min(best.student_t, s.student_t);
    best.chi_sq = std::isnan(best.chi_sq) || std::isnan(s.chi_sq) ? std::numeric_limits<double>::quiet_NaN()
                                                                   : std::min(best.chi_sq, s.chi_sq);
    best.dice = std::min(best.dice, s.dice);
  }
  return best;
}

PhraseStats phrase_stats(const PhraseIndex& index, const Phrase& phrase) {
  PhraseStats st;
  const text::TokenCorpus& tc = index.corpus();
  st.per_million = tc.tokens() ? static_cast<double>(phrase.count) * 1e6 / static_cast<double>(tc.tokens()) : 0;
  st.range = tc.documents() ? static_cast<double>(phrase.docs.size()) / static_cast<double>(tc.documents()) : 0;
  if (phrase.length() >= 2) {
    st.assoc = phrase_scores(index, phrase);
    st.formulaicity = st.range * st.assoc.likelihood_ratio;
  }
  return st;
}

}  // namespace stylokit::phrases
