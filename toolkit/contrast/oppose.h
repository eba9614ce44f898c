#pragma once
// Contrast of two groups of texts: the words one group prefers and avoids against the other,
// as stylo's oppose() finds them (Zeta) and as quanteda's textstat_keyness() scores them.
//
// Data contract. Group A is stylo's primary set, group B its secondary set; both are lists of
// document indices of one text::TokenCorpus (disjoint, neither empty).
//   Word list (every method): the tokens occurring more than `rare_threshold` times in the two
//   groups' whole texts together, ranked by that count, descending, ties in ICU root collation
//   order (features::rank_by_count), as stylo's sort(table(c(unlist(A), unlist(B)))) in
//   R/oppose.R.
//   Slices (Zeta): each text is cut on its own into consecutive slices of `slice` tokens; the
//   rest of each text is dropped (stylo's make.samples, "normal.sampling", no overlap). For
//   each word, P and S are the percentages of A's and B's slices holding it, computed as
//   stylo does: slices_holding / slices * 100. Words with P = S = 0 are dropped.
//   Craig   (stylo R/zeta.craig.R):     score = (P − S) / 100, within [−1, 1] (not the textbook
//            1 + pA − pB); preferred if score > threshold, avoided if score < −threshold.
//   Eder    (stylo R/zeta.eder.R):      score = (P − S) / (P + S); words scoring exactly ±1
//            (present in one group only) are removed; the same threshold rule.
//   Chisquare (stylo R/zeta.chisquare.R): for words with P > S (preferred) or P < S (avoided),
//            R's chisq.test(c(P, S)) — the goodness-of-fit test of the two percentages against
//            equal shares: X² = ((P − E)² + (S − E)²) / E, E = (P + S) / 2 — kept when its p value
//            (χ², 1 df) is below 0.05 (the threshold is not used); score = X². Both lists are
//            sorted by X², decreasing.
//   Keyness (quanteda.textstats src/keyness.cpp, R/textstat_keyness.R): on token counts of
//            the whole texts, a = the word's count in A, b = in B, c = tokens(A) − a,
//            d = tokens(B) − b, N = a + b + c + d, E = (a + b)(a + c) / N:
//     chi2: N (|ad − bc| − N δ)² / ((a+b)(c+d)(a+c)(b+d)) × sign(a − E) × q, where δ = 0.5 when
//           the Yates correction applies (correction default|yates, |ad − bc| ≥ N/2 and some
//           expected cell < 5; else 0) and q = the Williams factor
//           1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1) / (6N) for williams (1 when a
//           cell is 0), else 1;
//     lr:   G² = 2 Σ o log(o / e + 1e−9) over the four cells (after Yates's δ moved toward
//           independence, default|yates), × sign(a − E), / the Williams factor for williams;
//     pmi:  log(a / E + 1e−9) (no correction).
//           Preferred if score > threshold, avoided if score < −threshold.
//   Order: preferred by score decreasing, avoided increasing (chisquare: both decreasing); ties
//   keep the word-list order (R's sort is stable), for keyness the words' byte order (quanteda
//   orders by stat, then feature, "radix").
//
// Complexity: O(tokens of both groups + W log W) time, O(vocabulary) memory besides the result.
// Thread-safety: a pure function of its inputs. Errors: ConfigError naming the field (slice,
// threshold, group_a / group_b: empty, overlapping or out of range); DataError for a text
// shorter than one slice (naming it) under a Zeta method.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/text/token_corpus.h"

namespace stylokit::contrast {

enum class Method { kCraig, kEder, kChisquare, kKeynessChi2, kKeynessLr, kKeynessPmi };

// "craig" | "eder" | "chisquare" | "keyness-chi2" | "keyness-lr" | "keyness-pmi"; ConfigError
// naming `method` otherwise.
Method parse_method(const std::string& name);
const char* method_name(Method method);
bool is_zeta(Method method);

// quanteda's `correction` for keyness-chi2 and keyness-lr.
enum class Correction { kDefault, kYates, kWilliams, kNone };
Correction parse_correction(const std::string& name);  // ConfigError naming `correction`
const char* correction_name(Correction correction);

struct OpposeOptions {
  Method method = Method::kCraig;
  uint64_t slice = 3000;        // tokens per slice (stylo's text.slice.length default)
  uint64_t rare_threshold = 2;  // a word must occur more often than this (stylo's
                                // rare.occurrences.threshold default)
  // Preferred above +threshold, avoided below −threshold. Unset: stylo's zeta.filter.threshold
  // 0.1 for craig and eder; for keyness-chi2 and keyness-lr 3.841458820694124 (p < 0.05, 1 df);
  // 0 for keyness-pmi. Not used by chisquare (p < 0.05 as stylo).
  std::optional<double> threshold;
  Correction correction = Correction::kDefault;

  double effective_threshold() const;
  // ConfigError naming the field: slice 0, threshold negative or not finite.
  void validate() const;
};

struct WordScore {
  int32_t id = 0;  // into the TokenCorpus vocab
  std::string word;
  double score = 0;
  uint64_t count_a = 0, count_b = 0;    // occurrences in the groups' whole texts
  uint64_t slices_a = 0, slices_b = 0;  // slices holding the word (Zeta methods; 0 for keyness)
  double share_a = 0, share_b = 0;      // P / 100 and S / 100 (Zeta methods)
};

struct OpposeResult {
  std::vector<WordScore> preferred;  // by group A
  std::vector<WordScore> avoided;    // by group A
  uint64_t slices_a = 0, slices_b = 0;
  uint64_t tokens_a = 0, tokens_b = 0;
  std::vector<uint64_t> slices_per_text;   // per text of A then of B, in the given order
  std::vector<uint64_t> dropped_per_text;  // tokens after the last whole slice
  size_t words = 0;                        // the word list's length
  double threshold = 0;                    // the one applied
};

OpposeResult oppose(const text::TokenCorpus& tc, const std::vector<size_t>& group_a, const std::vector<size_t>& group_b,
                    const OpposeOptions& options);

}  // namespace stylokit::contrast
