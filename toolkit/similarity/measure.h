#pragma once
// The similarity stage: what a measure is, kept apart from how it is computed.
//
// Data contract. Dense measures read a frequency table: rows are documents, columns are
// features (most-frequent words) in rank order (column 0 = most frequent; Eder's Delta
// weights by rank), values are relative frequencies in PERCENT (as stylo and
// features/mfw.h make them). Sparse measures (cosine, Jaccard, top-k) read a
// DocTermMatrix of any weighting. Every measure has a fixed direction, declared by
// larger_is_closer(): similarities (cosine, Jaccard) grow with closeness; every other
// measure is a distance (0 for identical rows).
//
// Formulas (x, y: the two rows; d: number of features used; z: z-score of a feature,
// (x - mean) / sd with the SAMPLE sd over all documents; features with zero variance are
// dropped, with a warning, before any z-based measure; w_k = weight of rank k = 1..d):
//
//   measure            --variant stylo (R package stylo)     --variant published (papers)
//   cosine             x.y / (|x| |y|)  (similarity)          same
//   jaccard            |X & Y| / |X | Y| on non-zero sets      same
//   euclidean          sqrt(sum (x-y)^2), percent             same on proportions
//   manhattan          sum |x-y|, percent                     same on proportions
//   canberra           R dist(): sum |x-y|/(|x|+|y|), 0/0     SciPy: 0/0 terms count 0,
//                      terms dropped and the sum scaled by    no scaling
//                      d / (d - dropped)
//   burrows-delta      sum |z_x - z_y| / d                    same (Burrows 2002)
//   argamon-linear     sqrt(sum (z_x-z_y)^2) / d              sum |x-y| / b, b = mean absolute
//                      (stylo's dist.argamon)                 deviation from the median
//                                                             (Laplace scale; Argamon 2008)
//   argamon-quadratic  sqrt(sum (z_x-z_y)^2) / d  (same)      sum (z_x - z_y)^2 (Argamon 2008)
//   eder-delta         sum |z_x-z_y| (d-k+2)/d, not / d       (1/d) sum |z_x-z_y| (d-k+1)/d
//                      (stylo's dist.eder)                    (Eder 2015)
//   eder-simple        sum |sqrt x - sqrt y|, percent         same on proportions
//   cosine-delta       1 - cos(z_x, z_y)                      same (Smith & Aldridge 2011;
//                                                             Evert et al. 2017)
//   minmax             1 - sum min(x,y) / sum max(x,y)        same (Ruzicka; unit-free)
//   entropy            stylo's dist.entropy: A = (x+1)/colsum(x+1), B = log(x+2) /
//                      -colsum(A log A), then sum |B_x - B_y|; percent in both variants
//                      (no separate published form).
//
// Zero vectors (documents with no feature): cosine and cosine-delta score them 0 against
// every document, themselves included (as scikit-learn's cosine_similarity; distance 1);
// Jaccard of two empty sets is 0; minmax of two zero rows is distance 1. Callers get a
// warning listing them; no NaN is ever returned.

#include <string>
#include <string_view>
#include <vector>

namespace stylokit::similarity {

enum class Measure {
  kCosine,
  kJaccard,
  kEuclidean,
  kManhattan,
  kCanberra,
  kBurrowsDelta,
  kArgamonLinear,
  kArgamonQuadratic,
  kEderDelta,
  kEderSimple,
  kCosineDelta,
  kMinMax,
  kEntropy,
};

// stylo reproduces the R package stylo; published follows the papers. Default: stylo,
// because stylo is the reference implementation most stylometric studies report, so our
// numbers can be checked against theirs; the papers' forms differ only by monotone
// rescaling for most measures and are there for method comparisons.
enum class Variant { kStylo, kPublished };

// Parses a CLI name ("burrows-delta"); throws ConfigError listing the names otherwise.
Measure parse_measure(std::string_view name);
Variant parse_variant(std::string_view name);
const char* to_string(Measure m);
const char* to_string(Variant v);

// All measures in declaration order (for help texts and tests).
const std::vector<Measure>& all_measures();

// true for similarities (larger = closer), false for distances. The one place that
// decides the direction; algorithms never guess it.
bool larger_is_closer(Measure m);

// true when the measure reads z-scores under this variant (the Delta family except
// eder-simple, and argamon-linear in its published form).
bool uses_zscores(Measure m, Variant v);

// The formula of a measure under a variant, one line, for S.json and --help.
std::string formula(Measure m, Variant v);

}  // namespace stylokit::similarity
