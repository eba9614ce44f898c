#include "toolkit/cluster/bootstrap.h"

#include <exception>
#include <random>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/common/random.h"

namespace stylokit::cluster {

std::vector<std::vector<std::size_t>> bootstrap_resamples(std::size_t p, std::size_t replicates, std::uint64_t seed) {
  STYLOKIT_CHECK(replicates >= 1, ConfigError, "bootstrap: the number of resamples must be at least 1, got {}",
                 replicates);
  STYLOKIT_CHECK(p >= 1, ConfigError, "bootstrap: the table has no feature to resample");
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::size_t>> out(replicates, std::vector<std::size_t>(p));
  for (auto& sample : out)
    for (auto& index : sample) index = static_cast<std::size_t>(uniform_below(rng, p));
  return out;
}

BootstrapResult bootstrap_consensus(std::size_t features, const std::vector<std::string>& ids,
                                    const ResampleDistances& distances, const BootstrapParams& params) {
  resolve_thread_count(params.threads);  // a negative count fails here, before any work
  STYLOKIT_CHECK(ids.size() >= 3, ConfigError,
                 "bootstrap: a consensus tree needs at least 3 documents, got {} (with 2 every tree is the same)",
                 ids.size());
  const auto resamples = bootstrap_resamples(features, params.replicates, params.seed);
  const std::size_t b = resamples.size();
  std::vector<Tree> trees(b);
  std::vector<std::exception_ptr> errors(b);
  // Errors are kept per resample and the first by resample number is rethrown, so the message
  // does not depend on the thread count.
  Progress progress("bootstrap", b, "trees");
  parallel_for(b, params.threads, [&](std::size_t r) {
    try {
      CondensedDistances d = distances(resamples[r]);
      STYLOKIT_CHECK(d.size() == ids.size(), DataError,
                     "bootstrap: resample {} gave distances between {} documents, expected {}", r + 1, d.size(),
                     ids.size());
      validate(d, fmt::format("bootstrap resample {}", r + 1));
      trees[r] = tree_from_linkage(linkage(std::move(d), params.method), ids);
    } catch (...) {
      errors[r] = std::current_exception();
    }
    progress.add();
  });
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  BootstrapResult out;
  out.tree = consensus_tree(trees, params.consensus);
  out.replicates = b;
  out.clades = count_clades(out.tree);
  return out;
}

}  // namespace stylokit::cluster
