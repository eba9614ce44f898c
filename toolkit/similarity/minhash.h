#pragma once
// Near-duplicate documents: MinHash signatures of word-shingle sets and banded LSH.
//
// Data contract. A document is a set of 64-bit shingle hashes (sorted, unique), made by
// shingle_set() from its tokens. Signature entry h of a set S is min over x in S of
// splitmix64_mix(x + salt_h) (common/random.h; a bijection on 64-bit words), where salt_h is
// output h of SplitMix64(MinHashOptions::seed): P(entries equal) = Jaccard(S, T). A band's
// key is k = splitmix64_mix(band + 1), then k = splitmix64_mix(k ^ entry) per row. LSH
// splits the num_perm entries into b bands of r rows; two documents become candidates when
// any band is equal, which happens with probability
//   P(s) = 1 - (1 - s^r)^b      for Jaccard s (the S-curve),
// and every candidate is then verified with its exact Jaccard, so reported pairs are exact
// (precision 1) and only recall is probabilistic: a pair at the threshold is found with
// probability P(threshold) (expected_recall), a pair above it with more.
// Output is sorted by (a, b) and identical for any thread count.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace stylokit::similarity {

struct MinHashOptions {
  size_t num_perm = 128;    // signature length (hash functions), >= 1
  double threshold = 0.8;   // report pairs with exact Jaccard >= threshold, in (0, 1]
  size_t bands = 0;         // LSH bands; 0 = chosen by choose_lsh_params for the threshold
  size_t rows = 0;          // rows per band; bands * rows <= num_perm (0 = chosen)
  uint64_t seed = 1;        // fixed default: same input, same pairs
  int threads = 1;          // worker threads, 0 = all cores; the pairs do not depend on it
};

struct LshParams {
  size_t bands = 0;
  size_t rows = 0;
};

// P(candidate) = 1 - (1 - s^rows)^bands for Jaccard s in [0, 1]. O(1).
double lsh_probability(double s, const LshParams& params);

// The (bands, rows) with bands * rows <= num_perm minimising the area of false positives
// below the threshold plus false negatives above it (equal weights; as datasketch's
// MinHashLSH chooses them). O(num_perm log num_perm × 200). Throws ConfigError for a
// threshold outside (0, 1] or num_perm == 0.
LshParams choose_lsh_params(double threshold, size_t num_perm);

// Hashes of the word w-shingles of a token sequence: fnv1a64 (common/random.h; pinned
// because it decides which pairs are found for a seed) of w consecutive tokens joined by
// one space, sorted and unique; a document with fewer than w (but some) tokens yields one shingle of
// all its tokens; no tokens, an empty set. Throws ConfigError for w == 0. O(tokens × w).
std::vector<uint64_t> shingle_set(const std::vector<std::string_view>& tokens, size_t w);

// Exact Jaccard of two sorted unique sets; 0 when both are empty. O(|a| + |b|).
double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Signatures, row-major: sets.size() × num_perm (an empty set gets all-ones entries), on
// `threads` threads (0 = all cores). O(total set size × num_perm / threads). Thread-safe.
// Throws ConfigError for num_perm == 0 or threads < 0.
std::vector<uint64_t> minhash_signatures(const std::vector<std::vector<uint64_t>>& sets, size_t num_perm,
                                         uint64_t seed, int threads);

struct DuplicatePair {
  uint32_t a = 0, b = 0;  // document indices, a < b
  double jaccard = 0;     // exact
  double estimate = 0;    // share of equal signature entries
};

struct NearDuplicates {
  LshParams params;
  double expected_recall = 0;         // lsh_probability(threshold, params)
  uint64_t candidates = 0;            // distinct candidate pairs verified
  std::vector<DuplicatePair> pairs;   // exact Jaccard >= threshold, sorted by (a, b)
  std::vector<size_t> empty_sets;     // documents without a shingle (never reported)
};

// Candidate pairs by LSH, verified exactly. Throws ConfigError for bad options (threshold,
// bands × rows > num_perm, one of bands/rows given without the other, threads < 0). Thread-safe.
NearDuplicates near_duplicates(const std::vector<std::vector<uint64_t>>& sets, const MinHashOptions& options);

}  // namespace stylokit::similarity
