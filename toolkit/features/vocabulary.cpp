#include "toolkit/features/vocabulary.h"

#include <algorithm>
#include <numeric>

#include "toolkit/common/error.h"

namespace stylokit::features {

Vocabulary::Vocabulary(std::vector<std::string> terms, std::vector<int64_t> dfs, std::vector<int64_t> counts)
    : terms_(std::move(terms)), dfs_(std::move(dfs)), counts_(std::move(counts)) {
  STYLOKIT_ASSERT(dfs_.size() == terms_.size());
  STYLOKIT_ASSERT(counts_.empty() || counts_.size() == terms_.size());
  STYLOKIT_CHECK(terms_.size() < 0xFFFFFFFFu, ConfigError, "vocabulary: {} terms is too many", terms_.size());
  bool sorted = true;
  for (size_t i = 1; i < terms_.size() && sorted; ++i) sorted = terms_[i - 1] < terms_[i];
  if (sorted) return;
  by_term_.resize(terms_.size());
  std::iota(by_term_.begin(), by_term_.end(), 0u);
  std::sort(by_term_.begin(), by_term_.end(), [&](uint32_t a, uint32_t b) { return terms_[a] < terms_[b]; });
  for (size_t i = 1; i < by_term_.size(); ++i)
    STYLOKIT_CHECK(terms_[by_term_[i - 1]] != terms_[by_term_[i]], ConfigError, "vocabulary: duplicate term '{}'",
                   terms_[by_term_[i]]);
}

std::optional<size_t> Vocabulary::find(std::string_view term) const {
  if (by_term_.empty()) {
    auto it = std::lower_bound(terms_.begin(), terms_.end(), term,
                               [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
    if (it == terms_.end() || *it != term) return std::nullopt;
    return static_cast<size_t>(it - terms_.begin());
  }
  auto it = std::lower_bound(by_term_.begin(), by_term_.end(), term,
                             [&](uint32_t a, std::string_view b) { return std::string_view(terms_[a]) < b; });
  if (it == by_term_.end() || terms_[*it] != term) return std::nullopt;
  return *it;
}

}  // namespace stylokit::features
