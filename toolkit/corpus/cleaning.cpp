#include "toolkit/corpus/cleaning.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <toml++/toml.h>
#include <algorithm>

#include "toolkit/common/io.h"

namespace stylokit {
namespace fs = std::filesystem;

struct Cleaner::Compiled {
  std::vector<std::unique_ptr<icu::RegexPattern>> patterns;  // nullptr for repeated-title
};

namespace {

struct Line {
  size_t begin, end;            // without the line terminator
  size_t next;                  // start of the following line (after '\n')
  bool joins_previous = false;  // starts a kept range whose gap before is soft
};

// White space at either end of a line, in the Unicode sense (scraped pages are full of
// U+00A0), so that "  Title" and "Title" compare equal.
std::string_view trim_unicode(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), b = 0, e = n;
  while (b < n) {
    int32_t i = b;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !(u_isUWhiteSpace(c) || c == 0xFEFF)) break;
    b = i;
  }
  while (e > b) {
    int32_t i = e;
    UChar32 c;
    U8_PREV(p, 0, i, c);
    if (c < 0 || !(u_isUWhiteSpace(c) || c == 0xFEFF)) break;
    e = i;
  }
  return s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
}

std::string excerpt_of(std::string_view s) {
  constexpr size_t kMax = 80;
  if (s.size() <= kMax) return std::string(s);
  size_t e = kMax;
  while (e > 0 && U8_IS_TRAIL(static_cast<uint8_t>(s[e]))) --e;
  return std::string(s.substr(0, e)) + "…";
}

CleaningKind parse_kind(const std::string& kind, const std::string& where) {
  if (kind == "line") return CleaningKind::kLine;
  if (kind == "tail") return CleaningKind::kTail;
  if (kind == "repeated-title") return CleaningKind::kRepeatedTitle;
  throw ConfigError(fmt::format("{}: kind: expected line, tail or repeated-title, got '{}'", where, kind));
}

}  // namespace

Cleaner::Cleaner(std::vector<CleaningRule> rules, std::string source)
    : rules_(std::move(rules)), source_(std::move(source)), compiled_(std::make_unique<Compiled>()) {
  for (const auto& rule : rules_) {
    if (rule.kind == CleaningKind::kRepeatedTitle) {
      compiled_->patterns.push_back(nullptr);
      continue;
    }
    if (rule.pattern.empty()) throw ConfigError(fmt::format("{}: rule '{}': empty pattern", source_, rule.name));
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> pat(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(rule.pattern), 0, pe, status));
    if (U_FAILURE(status))
      throw ConfigError(fmt::format("{}: rule '{}': bad regular expression at offset {}: {}", source_, rule.name,
                                    pe.offset, u_errorName(status)));
    compiled_->patterns.push_back(std::move(pat));
  }
}

Cleaner::~Cleaner() = default;
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;

Cleaner Cleaner::from_file(const fs::path& path) {
  std::string text = read_file(path);
  toml::table doc;
  try {
    doc = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}:{}: {}", path.string(), e.source().begin.line, e.description()));
  }
  std::vector<CleaningRule> rules;
  for (const auto& [key, node] : doc) {
    if (key.str() != "rule")
      throw ConfigError(fmt::format("{}:{}: unknown key '{}' (expected [[rule]] tables)", path.string(),
                                    node.source().begin.line, key.str()));
  }
  const toml::array* arr = doc["rule"].as_array();
  if (!arr) throw ConfigError(fmt::format("{}: no [[rule]] tables", path.string()));
  for (const auto& node : *arr) {
    const toml::table* t = node.as_table();
    std::string where = fmt::format("{}:{}", path.string(), node.source().begin.line);
    if (!t) throw ConfigError(fmt::format("{}: rule must be a table", where));
    CleaningRule rule;
    for (const auto& [key, value] : *t) {
      std::string k(key.str());
      std::string at = fmt::format("{}:{}", path.string(), value.source().begin.line);
      auto need_string = [&]() -> std::string {
        if (!value.is_string()) throw ConfigError(fmt::format("{}: '{}' must be a string", at, k));
        return value.as_string()->get();
      };
      if (k == "name")
        rule.name = need_string();
      else if (k == "kind")
        rule.kind = parse_kind(need_string(), at);
      else if (k == "pattern")
        rule.pattern = need_string();
      else if (k == "within_lines") {
        if (!value.is_integer() || value.as_integer()->get() < 1)
          throw ConfigError(fmt::format("{}: 'within_lines' must be a positive integer", at));
        rule.within_lines = static_cast<int>(value.as_integer()->get());
      } else {
        throw ConfigError(fmt::format("{}: unknown key '{}' in a rule", at, k));
      }
    }
    if (rule.name.empty()) throw ConfigError(fmt::format("{}: rule without a name", where));
    rules.push_back(std::move(rule));
  }
  return Cleaner(std::move(rules), path.string());
}

std::vector<Removal> Cleaner::apply(Document& doc) const {
  // Lines of the kept ranges, each tagged with whether it survives.
  std::vector<Line> lines;
  for (const auto& r : doc.kept) {
    size_t pos = r.begin;
    const size_t first_line = lines.size();
    while (pos < r.end) {
      size_t eol = doc.raw.find('\n', pos);
      size_t next = (eol == std::string::npos || eol >= r.end) ? r.end : eol + 1;
      size_t end = (eol == std::string::npos || eol >= r.end) ? r.end : eol;
      if (end > pos && doc.raw[end - 1] == '\r') --end;
      lines.push_back({pos, end, next, lines.size() == first_line && r.joins_previous});
      pos = next;
    }
  }
  std::vector<std::string> removed_by(lines.size());
  auto line_text = [&](size_t i) {
    return std::string_view(doc.raw).substr(lines[i].begin, lines[i].end - lines[i].begin);
  };

  for (size_t k = 0; k < rules_.size(); ++k) {
    const auto& rule = rules_[k];
    if (rule.kind == CleaningKind::kRepeatedTitle) {
      size_t first = 0;
      while (first < lines.size() && (!removed_by[first].empty() || trim_unicode(line_text(first)).empty())) ++first;
      if (first == lines.size()) continue;
      std::string_view title = trim_unicode(line_text(first));
      size_t limit = std::min(lines.size(), first + 1 + static_cast<size_t>(rule.within_lines));
      for (size_t i = first + 1; i < limit; ++i)
        if (removed_by[i].empty() && trim_unicode(line_text(i)) == title) removed_by[i] = rule.name;
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(compiled_->patterns[k]->matcher(status));
    if (U_FAILURE(status)) throw InternalError(fmt::format("internal error: ICU matcher: {}", u_errorName(status)));
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!removed_by[i].empty()) continue;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(doc.raw.data() + lines[i].begin, static_cast<int32_t>(lines[i].end - lines[i].begin)));
      m->reset(u);
      if (!m->matches(status)) continue;
      if (rule.kind == CleaningKind::kLine) {
        removed_by[i] = rule.name;
      } else {  // tail: this line and all after it
        for (size_t j = i; j < lines.size(); ++j)
          if (removed_by[j].empty()) removed_by[j] = rule.name;
        break;
      }
    }
  }

  // Rebuild the kept ranges from surviving lines (with their terminators), and merge
  // consecutive removals by the same rule into one report entry.
  // A removed line makes a hard gap; a gap between two surviving lines keeps its kind.
  std::vector<ByteRange> kept;
  std::vector<Removal> removals;
  bool soft = true;  // every gap since the last line kept is soft
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i].begin != lines[i - 1].next) soft = soft && lines[i].joins_previous;
    if (removed_by[i].empty()) {
      if (!kept.empty() && kept.back().end == lines[i].begin)
        kept.back().end = lines[i].next;
      else
        kept.push_back({lines[i].begin, lines[i].next, !kept.empty() && soft});
      soft = true;
      continue;
    }
    soft = false;
    if (!removals.empty() && removals.back().rule == removed_by[i] && removals.back().range.end == lines[i].begin) {
      removals.back().range.end = lines[i].next;
    } else {
      removals.push_back({removed_by[i], {lines[i].begin, lines[i].next}, excerpt_of(trim_unicode(line_text(i)))});
    }
  }
  // Blank lines left at the end of the text are not content.
  while (!kept.empty() && trim_unicode(std::string_view(doc.raw).substr(kept.back().begin, kept.back().size())).empty())
    kept.pop_back();
  doc.kept = std::move(kept);
  return removals;
}

fs::path resolve_cleaning_rules(const std::string& name_or_path) {
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
  fs::path shipped = data_dir() / "cleaning" / (name_or_path + ".toml");
  if (fs::is_regular_file(shipped, ec)) return shipped;
  throw ConfigError(fmt::format("{}: no such cleaning rules file (nor {})", name_or_path, shipped.string()));
}

}  // namespace stylokit
