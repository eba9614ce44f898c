// Bootstrap consensus over resamples of the features: the documented draw (replayed by an
// independent MT19937-64 in Python), clade supports against SciPy trees, determinism.

#include "toolkit/cluster/bootstrap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/common/random.h"

namespace stylokit::cluster {
namespace {

// Euclidean distances between the rows of x on the given columns (repeats count twice).
ResampleDistances euclidean_on(const Eigen::MatrixXd& x) {
  return [x](const std::vector<std::size_t>& columns) {
    const auto n = static_cast<std::size_t>(x.rows());
    CondensedDistances d(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        double s = 0;
        for (std::size_t c : columns) {
          const double diff = x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) -
                              x(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(c));
          s += diff * diff;
        }
        d.at(i, j) = std::sqrt(s);
      }
    return d;
  };
}

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) ids.push_back(fmt::format("d{}", i));
  return ids;
}

// Clades of a consensus tree: sorted leaf indices (by "d<i>" label) -> support.
std::map<std::vector<int>, double> clades_with_support(const Tree& t) {
  std::map<std::vector<int>, double> out;
  std::function<std::vector<int>(int)> walk = [&](int node) {
    const TreeNode& tn = t.nodes[static_cast<std::size_t>(node)];
    if (tn.children.empty()) return std::vector<int>{std::stoi(tn.label.substr(1))};
    std::vector<int> leaves;
    for (int c : tn.children) {
      auto sub = walk(c);
      leaves.insert(leaves.end(), sub.begin(), sub.end());
    }
    std::sort(leaves.begin(), leaves.end());
    if (node != t.root) out[leaves] = std::stod(tn.label);
    return leaves;
  };
  walk(t.root);
  return out;
}

TEST(Bootstrap, DrawAndSupportsMatchAnIndependentReplay) {
  // Python replays the draw with its own MT19937-64 (same indices), builds SciPy trees on
  // each resample and counts clades: our consensus holds exactly its majority clades, each
  // with support count / B.
  const std::size_t n = 12, p = 25, b = 41;
  const std::uint64_t seed = 2024;
  // Four groups of three (an offset on every fourth column) plus noise: some clades are in
  // every resample, others in only some.
  Eigen::MatrixXd x = testing::random_points(static_cast<int>(n), static_cast<int>(p), 11);
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j) x(i, j) += (j % 4 == i / 3) ? 0.7 : 0.0;
  for (const auto& [method, scipy_name] : {std::pair{Method::kAverage, "average"}, std::pair{Method::kWardD2, "ward"}}) {
    testing::TempDir dir("bootstrap");
    testing::write_numbers(dir / "X.csv", x);
    const auto resamples = bootstrap_resamples(p, b, seed);
    Eigen::MatrixXd idx(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(p));
    for (std::size_t r = 0; r < b; ++r)
      for (std::size_t j = 0; j < p; ++j)
        idx(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = static_cast<double>(resamples[r][j]);
    testing::write_numbers(dir / "indices.csv", idx);
    testing::write_text(dir / "params.json",
                        fmt::format(R"({{"replicates": {}, "seed": {}, "method": "{}"}})", b, seed, scipy_name));
    nlohmann::json ref = testing::python_reference("bootstrap", dir);
    ASSERT_TRUE(ref["indices_equal"].get<bool>()) << ref["first"].dump();

    BootstrapParams params;
    params.replicates = b;
    params.seed = seed;
    params.method = method;
    BootstrapResult r = bootstrap_consensus(p, names(n), euclidean_on(x), params);
    EXPECT_EQ(r.replicates, b);
    auto ours = clades_with_support(r.tree);
    std::map<std::vector<int>, double> expected;
    for (const auto& c : ref["majority"])
      expected[c["clade"].get<std::vector<int>>()] = static_cast<double>(c["count"].get<int>()) / static_cast<double>(b);
    EXPECT_EQ(ours, expected) << scipy_name << ": " << to_newick(r.tree);
    EXPECT_EQ(r.clades, expected.size());
    // The case is not trivial: several clades, and some of them below full support.
    EXPECT_GE(expected.size(), 4U);
    EXPECT_TRUE(std::any_of(ours.begin(), ours.end(), [](const auto& c) { return c.second < 1.0; }));
    for (const auto& [clade, support] : ours) {
      EXPECT_GT(support, 0.5);
      EXPECT_LE(support, 1.0);
    }
  }
}

TEST(Bootstrap, IdenticalColumnsGiveFullSupportForTheWholeTree) {
  // Every column the same: each resample scales the distances by one factor, so every tree
  // is the plain tree and the consensus keeps all its n - 2 clades with support 1.
  const std::size_t n = 9, p = 6;
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  const Eigen::MatrixXd v = testing::random_points(static_cast<int>(n), 1, 5);
  for (std::size_t j = 0; j < p; ++j) x.col(static_cast<Eigen::Index>(j)) = v.col(0);
  BootstrapParams params;
  params.replicates = 17;
  params.method = Method::kAverage;
  BootstrapResult r = bootstrap_consensus(p, names(n), euclidean_on(x), params);
  auto ours = clades_with_support(r.tree);
  EXPECT_EQ(ours.size(), n - 2);
  for (const auto& [clade, support] : ours) EXPECT_EQ(support, 1.0);
  // The same clades as the tree of the full table.
  Tree plain = tree_from_linkage(linkage(euclidean_on(x)({0}), Method::kAverage), names(n));
  std::set<std::vector<int>> plain_clades, boot_clades;
  auto from_plain = clades_with_support(consensus_tree({plain}));
  for (const auto& [c, s] : from_plain) plain_clades.insert(c);
  for (const auto& [c, s] : ours) boot_clades.insert(c);
  EXPECT_EQ(boot_clades, plain_clades);
}

TEST(Bootstrap, SameTreeForAnyThreadCountAndRun) {
  // The draw happens before the work is shared out: byte-identical Newick for 1, 2, 5 threads.
  const Eigen::MatrixXd x = testing::random_points(15, 20, 3);
  BootstrapParams params;
  params.replicates = 30;
  params.seed = 99;
  params.method = Method::kWardD;
  const std::string first = to_newick(bootstrap_consensus(20, names(15), euclidean_on(x), params).tree);
  for (int threads : {0, 1, 2, 5}) {
    params.threads = threads;
    EXPECT_EQ(to_newick(bootstrap_consensus(20, names(15), euclidean_on(x), params).tree), first) << threads;
  }
  params.seed = 100;  // another seed draws other resamples
  EXPECT_NE(bootstrap_resamples(20, 30, 99), bootstrap_resamples(20, 30, 100));
}

TEST(Bootstrap, DrawRejectsTheTopOfTheRange) {
  // p = 2^63 + 1: 2^64 mod p = 2^63 - 1, so values >= 2^63 + 1 are rejected and an accepted
  // x is returned as x (x < p); p = 1 always gives 0 and consumes one output.
  const std::size_t p = (std::size_t{1} << 63) + 1;
  std::mt19937_64 rng(7), raw(7);
  for (int i = 0; i < 50; ++i) {
    std::uint64_t x = raw();
    while (x >= p) x = raw();
    EXPECT_EQ(uniform_below(rng, p), x);
  }
  std::mt19937_64 one(7), raw1(7);
  EXPECT_EQ(uniform_below(one, 1), 0U);
  raw1();
  EXPECT_EQ(one(), raw1());
}

TEST(Bootstrap, RejectsBadInput) {
  // B < 1, no feature, fewer than 3 documents, threads < 0: ConfigError; a callback's
  // DataError or a wrong-sized matrix: DataError.
  const Eigen::MatrixXd x = testing::random_points(4, 3, 1);
  BootstrapParams params;
  params.replicates = 0;
  EXPECT_THROW(bootstrap_consensus(3, names(4), euclidean_on(x), params), ConfigError);
  EXPECT_THROW(bootstrap_resamples(3, 0, 1), ConfigError);
  EXPECT_THROW(bootstrap_resamples(0, 3, 1), ConfigError);
  params.replicates = 5;
  EXPECT_THROW(bootstrap_consensus(0, names(4), euclidean_on(x), params), ConfigError);
  EXPECT_THROW(bootstrap_consensus(3, names(2), euclidean_on(x.topRows(2)), params), ConfigError);
  params.threads = -1;
  EXPECT_THROW(bootstrap_consensus(3, names(4), euclidean_on(x), params), ConfigError);
  params.threads = 2;
  ResampleDistances failing = [](const std::vector<std::size_t>&) -> CondensedDistances {
    throw DataError("no usable feature");
  };
  EXPECT_THROW(bootstrap_consensus(3, names(4), failing, params), DataError);
  ResampleDistances wrong = [](const std::vector<std::size_t>&) { return CondensedDistances(3); };
  EXPECT_THROW(bootstrap_consensus(3, names(4), wrong, params), DataError);
  ResampleDistances nan = [](const std::vector<std::size_t>&) {
    CondensedDistances d(4);
    d.at(0, 1) = std::nan("");
    return d;
  };
  EXPECT_THROW(bootstrap_consensus(3, names(4), nan, params), DataError);
}

}  // namespace
}  // namespace stylokit::cluster
