// Majority-rule consensus trees on constructed cases.

#include "toolkit/cluster/consensus.h"

#include <gtest/gtest.h>

#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

Tree nwk(const char* text) { return parse_newick(text, "test"); }

TEST(Consensus, IdenticalTreesGiveTheTreeWithFullSupport) {
  // Every clade in every tree: the consensus is the tree itself, support 1.
  Tree t = nwk("((a,b),(c,(d,e)));");
  EXPECT_EQ(to_newick(consensus_tree({t, t, t})), "((a,b)1,(c,(d,e)1)1);\n");
}

TEST(Consensus, MajorityRuleKeepsCladesInMoreThanHalf) {
  // Clades in more than half of the trees are kept with their share as support.
  std::vector<Tree> set = {nwk("((a,b),(c,(d,e)));"), nwk("((a,b),((c,d),e));"), nwk("((a,b),(e,(c,d)));"),
                           nwk("(a,(b,(c,(d,e))));")};
  // (a,b): 3/4; (c,d,e): 4/4; (d,e): 2/4; (c,d): 2/4; (b,c,d,e): 1/4.
  EXPECT_EQ(to_newick(consensus_tree(set)), "((a,b)0.75,(c,d,e)1);\n");
  ConsensusParams strict;
  strict.p = 1.0;
  EXPECT_EQ(to_newick(consensus_tree(set, strict)), "(a,b,(c,d,e)1);\n");
}

TEST(Consensus, SupportsInShortestForm) {
  // A clade in 2 of 3 trees carries 0.6666666666666666 (what reads back to 2.0 / 3), not %.17g's 0.66666666666666663.
  std::vector<Tree> set = {nwk("((a,b),(c,d));"), nwk("((a,b),(c,d));"), nwk("((a,c),(b,d));")};
  EXPECT_EQ(to_newick(consensus_tree(set)), "((a,b)0.6666666666666666,(c,d)0.6666666666666666);\n");
}

TEST(Consensus, ExactlyHalfIsNotAMajority) {
  // Two trees that disagree: clades in exactly half are dropped at p = 0.5 (a star remains).
  std::vector<Tree> set = {nwk("((a,b),(c,d));"), nwk("((a,c),(b,d));")};
  EXPECT_EQ(to_newick(consensus_tree(set)), "(a,b,c,d);\n");
}

TEST(Consensus, UnrootedSplitsMatchComplements) {
  // Clade (a,b,c) of one tree and (c,d,e) of the other differ as rooted clades but are the
  // splits de|abc and ab|cde, which the other tree has as (d,e) and (a,b).
  std::vector<Tree> set = {nwk("(((a,b),c),(d,e));"), nwk("((a,b),(c,(d,e)));")};
  // Rooted: (a,b) 2/2, (a,b,c) 1/2, (d,e) 2/2, (c,d,e) 1/2.
  EXPECT_EQ(to_newick(consensus_tree(set)), "((a,b)1,c,(d,e)1);\n");
  ConsensusParams unrooted;
  unrooted.rooted = false;
  // Unrooted: ab|cde 2/2, abc|de 2/2 => one tree, written on the side of leaf a.
  EXPECT_EQ(to_newick(consensus_tree(set, unrooted)), "(a,b,(c,(d,e)1)1);\n");
}

TEST(Consensus, FromLinkagesUsesIds) {
  // Linkages over the same ids: a 3-of-3 consensus of the same structure; the first tree's
  // leaf order is w, x, y (its root joins leaf 2 and cluster 3), so w comes first.
  Linkage z;
  z.n = 3;
  z.merges = {{0, 1, 1.0, 2}, {2, 3, 2.0, 3}};
  EXPECT_EQ(to_newick(consensus_tree({z, z, z}, {"x", "y", "w"})), "(w,(x,y)1);\n");
}

TEST(Consensus, RejectsMismatchedTrees) {
  // Different leaf sets, repeated leaves, no trees, bad p.
  EXPECT_THROW(consensus_tree(std::vector<Tree>{}), DataError);
  EXPECT_THROW(consensus_tree({nwk("((a,b),c);"), nwk("((a,b),d);")}), DataError);
  EXPECT_THROW(consensus_tree({nwk("((a,b),c);"), nwk("((a,b),(c,a));")}), DataError);
  EXPECT_THROW(consensus_tree({nwk("((a,b),c);"), nwk("(a,b);")}), DataError);
  ConsensusParams bad;
  bad.p = 0.4;
  EXPECT_THROW(consensus_tree({nwk("((a,b),c);")}, bad), ConfigError);
}

}  // namespace
}  // namespace stylokit::cluster
