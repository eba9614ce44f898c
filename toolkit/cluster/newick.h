#pragma once
// Rooted trees and their Newick text.
//
// Data contract: a Tree is a vector of nodes with the root at `root`; a leaf has no
// children and a label (a document id); an internal node may carry a label (consensus
// trees put the support there). Branch lengths are optional (NaN = none). Trees made
// from a linkage have ultrametric branch lengths: the sum of lengths from a leaf up to an
// internal node equals that node's merge height.
//
// Newick written here: labels unquoted when they are made of letters, digits and
// `.-+/!?#&%@*~=^|` ; otherwise in single quotes with ' doubled (so ids with blanks,
// underscores, commas, parentheses or non-ASCII bytes survive: an unquoted '_' means a
// blank in Newick); lengths in the shortest form that reads back exactly (shortest() of
// toolkit/common/format.h: 0.89, not 0.89000000000000001); the text ends with ";\n".

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/cluster/linkage.h"

namespace stylokit::cluster {

struct TreeNode {
  std::string label;                                        // leaf: document id; internal: "" or support
  double length = std::numeric_limits<double>::quiet_NaN();  // branch to the parent; NaN = none
  std::vector<int> children;                                // indices into Tree::nodes, in order
};

struct Tree {
  std::vector<TreeNode> nodes;
  int root = -1;

  // Leaf labels in left-to-right order.
  std::vector<std::string> leaf_labels() const;
};

// The dendrogram of `z` with `ids[i]` on leaf i; children in linkage order (left = the
// smaller cluster id), so the leaves read in leaf_order(). Leaf branch = parent's height;
// internal branch = parent's height - own height (negative for centroid/median inversions).
// Throws DataError when ids.size() != z.n. O(n).
Tree tree_from_linkage(const Linkage& z, const std::vector<std::string>& ids);

// Newick text of `tree` (see the header comment). O(size).
std::string to_newick(const Tree& tree);

// Quotes a label when needed.
std::string newick_label(std::string_view label);

// Parses one Newick tree (quoted and unquoted labels, '_' in unquoted labels -> blank,
// optional lengths, internal labels, [comments] skipped). Throws DataError naming
// `source` and the byte offset on malformed text. O(size).
Tree parse_newick(std::string_view text, const std::string& source);

// Writes to_newick(tree) atomically. Throws IoError.
void write_newick(const std::filesystem::path& path, const Tree& tree);

}  // namespace stylokit::cluster
