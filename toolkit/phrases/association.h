#pragma once
// Association scores for collocations.
//
// Bigrams: the formulas of NLTK's BigramAssocMeasures (nltk/metrics/association.py),
// reproduced operation by operation so that scores agree to rounding, with the counts
// NLTK's BigramCollocationFinder.from_documents uses: N = number of tokens, n_ix and n_xi
// = unigram counts of w1 and w2, n_ii = occurrences of "w1 w2" within a document (window
// 2; with IndexOptions::split_sentences, within a sentence).
//
// Longer phrases (our generalisation, not NLTK's): every binary split P = L|R is scored as
// a bigram with n_ii = count(P), n_ix = count(L), n_xi = count(R), N = tokens, and each
// measure keeps its minimum over the splits ("weakest link"): a phrase is only as
// associated as its loosest joint, so "of the" + a frequent noun does not score high.

#include <cstdint>
#include <vector>

#include "toolkit/phrases/phrase_index.h"

namespace stylokit::phrases {

struct AssocScores {
  double likelihood_ratio = 0;  // Dunning's G² (NLTK likelihood_ratio)
  double pmi = 0;               // log2 pointwise mutual information
  double student_t = 0;         // t-score
  double chi_sq = 0;            // Pearson's chi-square (N * phi²); NaN when phi² is 0/0
  double dice = 0;              // 2 n_ii / (n_ix + n_xi)
};

// NLTK's bigram measures from the marginals. Pure; O(1). n_ii must be > 0.
AssocScores bigram_scores(double n_ii, double n_ix, double n_xi, double n_xx);

// Scores of a phrase of length >= 2 by the weakest-split rule above (bigrams: exactly NLTK).
// Sub-phrase counts come from the index. O(length^2 log N). Thread-safe.
AssocScores phrase_scores(const PhraseIndex& index, const Phrase& phrase);

// Frequency statistics for lexical-bundle work (Biber): occurrences per million tokens
// and range (documents holding it, as a fraction of all documents).
struct PhraseStats {
  double per_million = 0;
  double range = 0;
  double formulaicity = 0;  // range * G² (weakest split): recurrent, spread and bound
  AssocScores assoc;
};

// All statistics of one phrase. O(length^2 log N). Thread-safe.
PhraseStats phrase_stats(const PhraseIndex& index, const Phrase& phrase);

}  // namespace stylokit::phrases
