#pragma once
// Consensus trees over true bootstrap resamples of the features (beyond stylo, whose
// "bootstrap consensus tree" varies the MFW count instead).
//
// Data contract: a documents x features table (e.g. an MFW table) is resampled B times by
// drawing p = features column indices with replacement; each resample gives a distance
// matrix (through a caller-supplied function, so any measure of the similarity stage can
// be used), a linkage and a tree; the trees' majority-rule consensus (consensus.h) carries
// the support of each clade: the share of resamples whose tree has it, in [0, 1].
//
// The draw is fully specified, so other tools can replay it: one std::mt19937_64 seeded
// with `seed` (the standard fixes its output sequence); resample 0's p indices first, then
// resample 1's, ...; each index is uniform_below(rng, p) (common/random.h), by rejection:
//   limit = 2^64 - (2^64 mod p); repeat x = rng() until x < limit; index = x mod p.
// (std::uniform_int_distribution is not used: its output is implementation-defined.)

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "toolkit/cluster/consensus.h"
#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/newick.h"

namespace stylokit::cluster {

// The column indices of `replicates` resamples of `p` features, drawn as described above
// (resample r is element r, p indices each, in draw order). O(replicates p) time and memory.
// Throws ConfigError when replicates < 1 or p < 1. Thread-safe.
std::vector<std::vector<std::size_t>> bootstrap_resamples(std::size_t p, std::size_t replicates, std::uint64_t seed);

// Distances between the documents on the given feature columns (indices into the table,
// repeats allowed, in draw order). Called concurrently from several threads when
// threads > 1, so it must be thread-safe; it must not depend on the thread it runs on.
using ResampleDistances = std::function<CondensedDistances(const std::vector<std::size_t>& columns)>;

struct BootstrapParams {
  std::size_t replicates = 100;    // B >= 1
  std::uint64_t seed = 42;         // seeds the mt19937_64 of the draw
  Method method = Method::kWardD;  // linkage per resample
  ConsensusParams consensus;       // majority rule at p = 0.5 by default
  int threads = 1;                 // threads computing resamples, 0 = all cores; the result does not depend on it
};

struct BootstrapResult {
  Tree tree;                   // the consensus, support on internal nodes
  std::size_t replicates = 0;  // B
  std::size_t clades = 0;      // non-trivial clades in the consensus
};

// Bootstrap consensus tree of the `ids.size()` documents over `features` columns.
// O(B (cost of distances + n^2)) time over `threads` workers, O(B (n + features) + n^2 threads)
// memory.
// Throws ConfigError when B < 1, threads < 0, fewer than 3 documents or no feature, and
// passes on what `distances` or linkage() throw (DataError for a bad matrix); the first
// error by resample index is the one thrown. The output is the same for any thread count.
BootstrapResult bootstrap_consensus(std::size_t features, const std::vector<std::string>& ids,
                                    const ResampleDistances& distances, const BootstrapParams& params);

}  // namespace stylokit::cluster
