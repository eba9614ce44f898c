#include "toolkit/cluster/consensus.h"

#include <algorithm>
#include <map>
#include <set>

#include "toolkit/common/error.h"
#include "toolkit/common/format.h"

namespace stylokit::cluster {

namespace {

using Bits = std::vector<std::uint64_t>;

bool has(const Bits& b, std::size_t i) { return (b[i / 64] >> (i % 64)) & 1U; }
void set_bit(Bits& b, std::size_t i) { b[i / 64] |= std::uint64_t{1} << (i % 64); }
std::size_t count(const Bits& b) {
  std::size_t c = 0;
  for (auto w : b) c += static_cast<std::size_t>(__builtin_popcountll(w));
  return c;
}
bool subset(const Bits& a, const Bits& b) {  // a within b
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] & ~b[i]) return false;
  return true;
}

// Clades of the internal nodes of `t` (leaf indices by `index`), root excluded.
std::set<Bits> clades(const Tree& t, const std::map<std::string, std::size_t>& index, std::size_t n, bool rooted,
                      const std::string& which) {
  std::vector<Bits> below(t.nodes.size(), Bits((n + 63) / 64, 0));
  std::vector<int> order;  // post-order
  std::vector<std::pair<int, bool>> stack{{t.root, false}};
  std::size_t leaves = 0;
  while (!stack.empty()) {
    auto [node, done] = stack.back();
    stack.pop_back();
    if (done) {
      order.push_back(node);
      continue;
    }
    stack.push_back({node, true});
    for (int c : t.nodes[static_cast<std::size_t>(node)].children) stack.push_back({c, false});
  }
  std::set<Bits> out;
  Bits seen((n + 63) / 64, 0);
  for (int node : order) {
    const TreeNode& tn = t.nodes[static_cast<std::size_t>(node)];
    Bits& b = below[static_cast<std::size_t>(node)];
    if (tn.children.empty()) {
      auto it = index.find(tn.label);
      STYLOKIT_CHECK(it != index.end(), DataError, "consensus: {} has leaf '{}', which the first tree does not", which,
                     tn.label);
      STYLOKIT_CHECK(!has(seen, it->second), DataError, "consensus: {} repeats leaf '{}'", which, tn.label);
      set_bit(seen, it->second);
      set_bit(b, it->second);
      ++leaves;
      continue;
    }
    for (int c : tn.children)
      for (std::size_t w = 0; w < b.size(); ++w) b[w] |= below[static_cast<std::size_t>(c)][w];
    if (node == t.root) continue;
    Bits clade = b;
    if (!rooted && has(clade, 0)) {
      for (std::size_t i = 0; i < n; ++i)
        if (has(b, i)) clade[i / 64] &= ~(std::uint64_t{1} << (i % 64));
        else set_bit(clade, i);
    }
    std::size_t size = count(clade);
    if (size >= 2 && size + (rooted ? 0 : 1) < n) out.insert(clade);
  }
  STYLOKIT_CHECK(leaves == n, DataError, "consensus: {} has {} leaves, the first tree {}", which, leaves, n);
  return out;
}

}  // namespace

Tree consensus_tree(const std::vector<Tree>& trees, const ConsensusParams& params) {
  STYLOKIT_CHECK(!trees.empty(), DataError, "consensus: no trees");
  STYLOKIT_CHECK(params.p >= 0.5 && params.p <= 1.0, ConfigError, "consensus: p = {} is outside [0.5, 1]", params.p);
  const std::vector<std::string> labels = trees[0].leaf_labels();
  const std::size_t n = labels.size();
  STYLOKIT_CHECK(n >= 2, DataError, "consensus: the trees have {} leaves, at least two are needed", n);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i)
    STYLOKIT_CHECK(index.emplace(labels[i], i).second, DataError, "consensus: tree 1 repeats leaf '{}'", labels[i]);

  std::map<Bits, std::size_t> counts;
  for (std::size_t t = 0; t < trees.size(); ++t)
    for (const Bits& c : clades(trees[t], index, n, params.rooted, fmt::format("tree {}", t + 1))) ++counts[c];

  const double total = static_cast<double>(trees.size());
  struct Kept {
    Bits bits;
    std::size_t size;
    double support;
  };
  std::vector<Kept> kept;
  for (const auto& [bits, c] : counts) {
    double f = static_cast<double>(c) / total;
    bool keep = params.p == 0.5 ? 2 * c > trees.size() : f >= params.p;
    if (keep) kept.push_back({bits, count(bits), f});
  }
  // Larger clades first, so each clade's parent is already placed.
  std::stable_sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.size > b.size; });

  Tree out;
  out.nodes.emplace_back();  // root
  out.root = 0;
  std::vector<Bits> node_bits{Bits((n + 63) / 64, ~std::uint64_t{0})};
  std::vector<std::size_t> node_size{n};
  auto smallest_container = [&](const Bits& b) {
    std::size_t best = 0;
    for (std::size_t j = 1; j < node_bits.size(); ++j)
      if (node_size[j] < node_size[best] && subset(b, node_bits[j])) best = j;
    return best;
  };
  std::vector<std::size_t> parent{0};
  for (const Kept& k : kept) {
    std::size_t p = smallest_container(k.bits);
    // Kept clades are pairwise compatible: each is in more than half of the trees, so any
    // two share a tree, so they nest or are disjoint; the smallest container is the parent.
    node_bits.push_back(k.bits);
    node_size.push_back(k.size);
    parent.push_back(p);
    out.nodes.emplace_back();
    out.nodes.back().label = shortest(k.support);
  }
  std::vector<std::size_t> first_leaf(node_bits.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    Bits b((n + 63) / 64, 0);
    set_bit(b, i);
    std::size_t p = smallest_container(b);
    TreeNode leaf;
    leaf.label = labels[i];
    out.nodes.push_back(leaf);
    out.nodes[p].children.push_back(static_cast<int>(out.nodes.size() - 1));
    for (std::size_t q = p;; q = parent[q]) {
      first_leaf[q] = std::min(first_leaf[q], i);
      if (q == 0) break;
    }
  }
  for (std::size_t j = 1; j < node_bits.size(); ++j) out.nodes[parent[j]].children.push_back(static_cast<int>(j));
  // Children by first leaf (leaves are nodes past the clades; their first leaf is themselves).
  auto first = [&](int c) {
    auto u = static_cast<std::size_t>(c);
    return u < node_bits.size() ? first_leaf[u] : u - node_bits.size();
  };
  for (auto& node : out.nodes)
    std::sort(node.children.begin(), node.children.end(), [&](int a, int b) { return first(a) < first(b); });
  return out;
}

Tree consensus_tree(const std::vector<Linkage>& linkages, const std::vector<std::string>& ids,
                    const ConsensusParams& params) {
  std::vector<Tree> trees;
  trees.reserve(linkages.size());
  for (const auto& z : linkages) trees.push_back(tree_from_linkage(z, ids));
  return consensus_tree(trees, params);
}

std::size_t count_clades(const Tree& tree) {
  std::size_t clades = 0;
  for (const auto& node : tree.nodes) clades += !node.children.empty() && !node.label.empty();
  return clades;
}

}  // namespace stylokit::cluster
