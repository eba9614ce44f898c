#pragma once
// Cleaning rules remove scraped boilerplate (site furniture, bylines, footers) from
// documents. Rules are data (a TOML file, see data/cleaning/news.toml), not code, and
// act on whole lines; cleaning narrows Document::kept and never edits the raw bytes.
//
// Rule kinds:
//   line            a line matching `pattern` (ICU regex, whole line) is removed
//   tail            the first line matching `pattern`, and everything after it, is removed
//   repeated-title  a line equal (ignoring surrounding white space) to the first non-blank
//                   line, within the first `within_lines` lines, is removed

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "toolkit/corpus/corpus.h"

namespace stylokit {

enum class CleaningKind { kLine, kTail, kRepeatedTitle };

struct CleaningRule {
  std::string name;             // shown in reports
  CleaningKind kind = CleaningKind::kLine;
  std::string pattern;          // ICU regular expression matched against a whole line
  int within_lines = 8;         // repeated-title: how far down to look
};

// One removal: which rule, which bytes of raw, and the removed text (first 80 bytes).
struct Removal {
  std::string rule;
  ByteRange range;
  std::string excerpt;
};

class Cleaner {
 public:
  // Compiles the rules; throws ConfigError naming the rule with a bad pattern.
  explicit Cleaner(std::vector<CleaningRule> rules, std::string source = "<rules>");
  ~Cleaner();
  Cleaner(Cleaner&&) noexcept;
  Cleaner& operator=(Cleaner&&) noexcept;

  // Reads a TOML rules file ([[rule]] tables with name, kind, pattern, within_lines).
  // Throws IoError or ConfigError naming the file, line and key.
  static Cleaner from_file(const std::filesystem::path& path);

  // Applies the rules to one document's kept ranges; returns what was removed, in byte
  // order. Thread-safe for distinct documents (each call makes its own matchers).
  std::vector<Removal> apply(Document& doc) const;

  const std::vector<CleaningRule>& rules() const { return rules_; }
  const std::string& source() const { return source_; }

 private:
  struct Compiled;
  std::vector<CleaningRule> rules_;
  std::string source_;
  std::unique_ptr<Compiled> compiled_;
};

// Path of a rules file shipped in data/cleaning (e.g. "news"), or the path itself when
// it names an existing file. Throws ConfigError when neither exists.
std::filesystem::path resolve_cleaning_rules(const std::string& name_or_path);

}  // namespace stylokit
