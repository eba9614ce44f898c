#pragma once
// Stop-word lists as data files: one word per line, '#' starts a comment. Words are
// normalised with the tokenizer's options, so a list matches the tokens it filters.
//
// One reader for every stop-word list stylokit loads (phrases, features, similarity):
//   - a name without '/' or '.' ("english") is a shipped list, data/stopwords/<name>.txt;
//     anything else is a path (write "./stop" for a file in the working directory), so the
//     meaning of a name never depends on the files around it;
//   - the file is UTF-8 (a DataError naming the byte otherwise); a leading BOM is skipped;
//   - '#' starts a comment to the end of the line; spaces, tabs and '\r' around a word are
//     trimmed; blank lines are ignored.

#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

#include "toolkit/text/tokenizer.h"

namespace stylokit::text {

// The file a list name or path denotes, by the rules above. Throws ConfigError for a name
// with no shipped list. Does not read the file.
std::filesystem::path stop_word_list_path(const std::string& name_or_path);

// The words of a list, in file order (duplicates kept), by the rules above; each normalised by
// `normalizer->normalize_append` when `normalizer` is given, else as written. O(bytes).
// Throws ConfigError for an unknown name, IoError for an unreadable file, DataError for
// invalid UTF-8. Thread-safe when each thread passes its own tokenizer.
std::vector<std::string> read_stop_word_list(const std::string& name_or_path, const Tokenizer* normalizer = nullptr);

class StopWords {
 public:
  StopWords() = default;
  // Loads a list, normalised with `tokenizer` (read_stop_word_list). Same throws.
  static StopWords load(const std::string& name_or_path, const Tokenizer& tokenizer);

  // O(1) average; no allocation (heterogeneous lookup).
  bool contains(std::string_view normalised_word) const { return words_.find(normalised_word) != words_.end(); }
  size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }
  const std::string& source() const { return source_; }  // the file read

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;  // lookup only; never iterated for output
  std::string source_;
};

}  // namespace stylokit::text
