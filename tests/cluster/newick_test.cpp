// Newick writing and parsing: round trips, quoting, ultrametric lengths, malformed text.

#include "toolkit/cluster/newick.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

// Sum of branch lengths from each leaf up to every ancestor, checked against merge heights.
void expect_ultrametric(const Tree& t, const std::map<std::string, std::size_t>& leaf_index, const Linkage& z) {
  // Recompute heights from the parsed tree: height(node) = length(leaf) + ... along any path.
  std::vector<int> parent(t.nodes.size(), -1);
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    for (int c : t.nodes[i].children) parent[static_cast<std::size_t>(c)] = static_cast<int>(i);
  CondensedDistances coph = cophenetic(z);
  // For each pair of leaves, the distance from leaf a up to their lowest common ancestor
  // must equal the merge height that joined them (cophenetic distance).
  std::vector<int> leaves;
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    if (t.nodes[i].children.empty()) leaves.push_back(static_cast<int>(i));
  for (int a : leaves)
    for (int b : leaves) {
      if (a >= b) continue;
      std::map<int, double> up;  // ancestor -> distance from a
      double s = 0;
      for (int x = a; x >= 0; x = parent[static_cast<std::size_t>(x)]) {
        up[x] = s;
        if (parent[static_cast<std::size_t>(x)] >= 0) s += t.nodes[static_cast<std::size_t>(x)].length;
      }
      int x = b;
      while (!up.count(x)) x = parent[static_cast<std::size_t>(x)];
      double expected = coph(leaf_index.at(t.nodes[static_cast<std::size_t>(a)].label),
                             leaf_index.at(t.nodes[static_cast<std::size_t>(b)].label));
      EXPECT_NEAR(up[x], expected, 1e-12 * std::max(1.0, expected));
    }
}

TEST(Newick, RoundTripKeepsTopologyLabelsAndHeights) {
  // linkage -> Newick -> parse: same leaf order, labels (with awkward characters), and
  // each leaf's distance to an internal node equals that node's merge height.
  Eigen::MatrixXd x = testing::random_points(25, 3, 21);
  Linkage z = linkage(condensed_from_dense(testing::euclidean(x), "t"), Method::kAverage);
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) ids.push_back(fmt::format("doc_{} (v{}), o'k;", i, i % 3));
  ids[3] = "plain-id.3";
  ids[4] = "Ünïcode";
  Tree t = tree_from_linkage(z, ids);
  std::string text = to_newick(t);
  Tree back = parse_newick(text, "mem");
  std::vector<std::string> expected;
  for (auto leaf : leaf_order(z)) expected.push_back(ids[static_cast<std::size_t>(leaf)]);
  EXPECT_EQ(back.leaf_labels(), expected);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < ids.size(); ++i) index[ids[i]] = i;
  expect_ultrametric(back, index, z);
  EXPECT_EQ(to_newick(back), text);  // writing the parsed tree gives the same text
}

TEST(Newick, QuotesOnlyWhenNeeded) {
  // Plain ids stay bare; blanks, underscores, quotes and punctuation get single quotes.
  EXPECT_EQ(newick_label("abc-1.2"), "abc-1.2");
  EXPECT_EQ(newick_label("a b"), "'a b'");
  EXPECT_EQ(newick_label("a_b"), "'a_b'");
  EXPECT_EQ(newick_label("it's"), "'it''s'");
  EXPECT_EQ(newick_label("x:(1,2);"), "'x:(1,2);'");
  EXPECT_EQ(newick_label(""), "''");
}

TEST(Newick, WritesHandCheckedText) {
  // Points 0, 1, 3 with average linkage: ((a,b) at 1, then c at 2.5).
  Eigen::MatrixXd p(3, 1);
  p << 0, 1, 3;
  Linkage z = linkage(condensed_from_dense(testing::euclidean(p), "t"), Method::kAverage);
  EXPECT_EQ(to_newick(tree_from_linkage(z, {"a", "b", "c"})), "(c:2.5,(a:1,b:1):1.5);\n");
}

TEST(Newick, ParsesForeignConventions) {
  // Unquoted underscores are blanks, comments are skipped, internal labels and missing lengths are fine.
  Tree t = parse_newick("((A_x:1[c],'B_y':2)0.9:0.5, C);", "mem");
  EXPECT_EQ(t.leaf_labels(), (std::vector<std::string>{"A x", "B_y", "C"}));
  const TreeNode& inner = t.nodes[static_cast<std::size_t>(t.nodes[static_cast<std::size_t>(t.root)].children[0])];
  EXPECT_EQ(inner.label, "0.9");
  EXPECT_DOUBLE_EQ(inner.length, 0.5);
  EXPECT_TRUE(std::isnan(t.nodes[static_cast<std::size_t>(t.nodes[static_cast<std::size_t>(t.root)].children[1])].length));
}

TEST(Newick, NumbersInShortestRoundTripForm) {
  // Lengths and support labels print as 0.89, not 0.89000000000000001, and read back to the same doubles.
  Tree t = parse_newick("((a:0.1,b:0.2)0.89:0.30000000000000004,c:1e-05);", "mem");
  t.nodes[static_cast<std::size_t>(t.nodes[static_cast<std::size_t>(t.root)].children[0])].label = "0.89";
  const std::string text = to_newick(t);
  EXPECT_EQ(text, "((a:0.1,b:0.2)0.89:0.30000000000000004,c:1e-05);\n");
  Tree back = parse_newick(text, "back");
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    if (!std::isnan(t.nodes[i].length)) {
      EXPECT_EQ(back.nodes[i].length, t.nodes[i].length) << i;
    }
}

TEST(Newick, RejectsMalformedText) {
  // Each malformed text gives a DataError naming the source.
  for (const char* bad : {"", "(a,b", "(a,b));", "(a,b)", "(a:x,b);", "(a,'b);", "(a,b); extra", "a,b;", "(a,b)[c;"}) {
    try {
      parse_newick(bad, "bad.nwk");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.nwk"), std::string::npos) << e.what();
    }
  }
}

TEST(Newick, DeepTreeDoesNotOverflowTheStack) {
  // Single linkage on points 0, 1, 2, ... makes a caterpillar of depth n; the writer and parser are iterative.
  const int n = 3000;
  std::vector<double> v;
  v.reserve(static_cast<std::size_t>(n) * (n - 1) / 2);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) v.push_back(j - i);
  Linkage z = linkage(CondensedDistances(n, std::move(v)), Method::kSingle);
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(std::to_string(i));
  Tree back = parse_newick(to_newick(tree_from_linkage(z, ids)), "deep");
  EXPECT_EQ(back.leaf_labels().size(), static_cast<std::size_t>(n));
}

}  // namespace
}  // namespace stylokit::cluster
