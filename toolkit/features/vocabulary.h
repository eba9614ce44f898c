#pragma once
// The columns of a document-term matrix: term ↔ column id, with the document frequencies and
// corpus counts that pruning, weighting and MFW ranking read.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit::features {

// Term ↔ column id, with the statistics pruning and weighting need. Copyable; lookups are
// thread-safe on a const Vocabulary.
class Vocabulary {
 public:
  Vocabulary() = default;
  // Terms in column order with their document frequencies and corpus counts (same length;
  // counts may be empty = unknown). O(T) for sorted terms, else O(T log T). Throws
  // ConfigError on a duplicate term.
  Vocabulary(std::vector<std::string> terms, std::vector<int64_t> dfs, std::vector<int64_t> counts = {});

  size_t size() const { return terms_.size(); }
  bool empty() const { return terms_.empty(); }
  const std::string& term(size_t id) const { return terms_[id]; }
  int64_t df(size_t id) const { return dfs_[id]; }                              // documents holding the term
  int64_t count(size_t id) const { return counts_.empty() ? 0 : counts_[id]; }  // occurrences in the corpus
  const std::vector<std::string>& terms() const { return terms_; }
  const std::vector<int64_t>& dfs() const { return dfs_; }
  const std::vector<int64_t>& counts() const { return counts_; }
  // Column id of a term, or nullopt. O(log T) (binary search).
  std::optional<size_t> find(std::string_view term) const;

 private:
  std::vector<std::string> terms_;
  std::vector<int64_t> dfs_;
  std::vector<int64_t> counts_;
  std::vector<uint32_t> by_term_;  // ids in term order; empty when terms_ is sorted already (the usual case)
};

}  // namespace stylokit::features
