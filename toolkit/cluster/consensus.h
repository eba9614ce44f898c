#pragma once
// Consensus of several trees over the same documents: majority-rule consensus as in
// stylo's bootstrap consensus tree (ape::consensus, p = 0.5 by default).
//
// Data contract: every input tree has the same set of leaf labels (document ids, each
// once). A clade is the set of leaves below an internal node; the root clade and single
// leaves are trivial and always present. The output tree holds the clades whose
// frequency f (share of input trees containing them) passes the threshold, nested;
// internal nodes carry f as their label (Newick: the support after the ')'), no branch
// lengths. Children are ordered by their first leaf in the first input tree's leaf order.

#include <string>
#include <vector>

#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/newick.h"

namespace stylokit::cluster {

struct ConsensusParams {
  double p = 0.5;       // keep clades with f > 0.5 when p = 0.5 (always compatible), else f >= p; 0.5 <= p <= 1
  bool rooted = true;   // false: compare unrooted splits (ape's default rooted = FALSE): a clade and its
                        // complement are the same split, and the output is rooted on the side of the
                        // first tree's first leaf
};

// The consensus tree. O(t n^2 / 64) for t trees of n leaves. Throws DataError when the
// list is empty or the trees' leaf labels differ or repeat, ConfigError on a bad p.
Tree consensus_tree(const std::vector<Tree>& trees, const ConsensusParams& params = {});

// Number of non-trivial clades of a consensus tree (inner nodes that carry a support label).
std::size_t count_clades(const Tree& tree);

// The same from linkages over `ids`.
Tree consensus_tree(const std::vector<Linkage>& linkages, const std::vector<std::string>& ids,
                    const ConsensusParams& params = {});

}  // namespace stylokit::cluster
