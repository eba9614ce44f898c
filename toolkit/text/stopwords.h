#pragma once
// Stop-word lists as data files: one word per line, '#' starts a comment. Words are
// normalised with the tokenizer's options, so a list matches the tokens it filters.

#include <filesystem>
#include <string>
#include <unordered_set>

#include "toolkit/text/tokenizer.h"

namespace stylokit::text {

class StopWords {
 public:
  StopWords() = default;
  // Loads a list: a shipped name ("english" → data/stopwords/english.txt) or a path.
  // Throws ConfigError for an unknown name, IoError/DataError for an unreadable or
  // non-UTF-8 file.
  static StopWords load(const std::string& name_or_path, const Tokenizer& tokenizer);

  // O(1) average; no allocation (heterogeneous lookup).
  bool contains(std::string_view normalised_word) const { return words_.find(normalised_word) != words_.end(); }
  size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }
  const std::string& source() const { return source_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;  // lookup only; never iterated for output
  std::string source_;
};

}  // namespace stylokit::text
