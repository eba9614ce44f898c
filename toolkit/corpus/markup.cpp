#include "toolkit/corpus/markup.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "toolkit/common/error.h"

namespace stylokit {
namespace {

using Interval = std::pair<size_t, size_t>;  // [begin, end) in the joined kept text

// The kept ranges joined with nothing between them: what stylo's regular expressions see
// after the previous removals (a removed tag is replaced by nothing).
struct Joined {
  std::string text;
  std::vector<size_t> starts;  // where each kept range starts in `text`

  explicit Joined(const Document& doc) {
    for (const auto& r : doc.kept) {
      starts.push_back(text.size());
      text.append(doc.raw, r.begin, r.size());
    }
  }
  // The raw offset of a position in `text` (a position inside a range).
  size_t raw_offset(const Document& doc, size_t pos) const {
    size_t k = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), pos) - starts.begin()) - 1;
    return doc.kept[k].begin + (pos - starts[k]);
  }
};

// Takes the sorted, disjoint `cuts` (positions in the joined text) out of doc.kept. A cut
// is a soft gap (stylo replaces the match by nothing); a gap that also holds an older hard
// gap stays hard.
void cut(Document& doc, const Joined& joined, const std::vector<Interval>& cuts) {
  if (cuts.empty()) return;
  std::vector<ByteRange> kept;
  size_t c = 0;
  bool soft = true;  // every gap since the last piece kept is soft
  auto keep = [&](size_t b, size_t e) {
    kept.push_back({b, e, !kept.empty() && soft});
    soft = true;
  };
  for (size_t k = 0; k < doc.kept.size(); ++k) {
    if (k > 0) soft = soft && doc.kept[k].joins_previous;
    const size_t lb = joined.starts[k], le = lb + doc.kept[k].size();
    size_t pos = lb;
    while (pos < le) {
      while (c < cuts.size() && cuts[c].second <= pos) ++c;
      if (c == cuts.size() || cuts[c].first >= le) {
        keep(doc.kept[k].begin + (pos - lb), doc.kept[k].end);
        break;
      }
      if (cuts[c].first > pos) keep(doc.kept[k].begin + (pos - lb), doc.kept[k].begin + (cuts[c].first - lb));
      pos = std::min(le, cuts[c].second);
    }
  }
  doc.kept = std::move(kept);
}

// stylo: input.text[-c(1:(grep(marker, input.text)))] — every line up to and including the
// first one holding a marker. R's readLines ends lines at \n, \r\n or \r.
void drop_through_line(Document& doc, std::initializer_list<std::string_view> markers) {
  Joined j(doc);
  size_t at = std::string::npos;
  for (auto m : markers) at = std::min(at, j.text.find(m));
  if (at == std::string::npos) return;
  size_t eol = j.text.find_first_of("\r\n", at);
  if (eol == std::string::npos)
    eol = j.text.size();
  else if (j.text[eol] == '\r' && eol + 1 < j.text.size() && j.text[eol + 1] == '\n')
    eol += 2;
  else
    eol += 1;
  cut(doc, j, {{0, eol}});
}

// gsub("<open>.*?<close>", "", text): leftmost, shortest matches, left to right. Returns the
// position of an `open` left without a `close` (stylo leaves it as it is), or npos.
size_t remove_pairs(Document& doc, std::string_view open, std::string_view close) {
  Joined j(doc);
  std::vector<Interval> cuts;
  size_t pos = 0;
  for (;;) {
    size_t b = j.text.find(open, pos);
    if (b == std::string::npos) break;
    size_t e = j.text.find(close, b + open.size());
    if (e == std::string::npos) {
      // `<head` also matches `<header>`: only the element itself left open is a problem.
      const char after = b + open.size() < j.text.size() ? j.text[b + open.size()] : '\0';
      auto letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-'; };
      const bool element = !(letter(open.back()) && letter(after));
      const size_t at = element ? j.raw_offset(doc, b) : std::string::npos;  // before the cut changes doc.kept
      cut(doc, j, cuts);
      return at;
    }
    cuts.push_back({b, e + close.size()});
    pos = e + close.size();
  }
  cut(doc, j, cuts);
  return std::string::npos;
}

bool is_blank_ascii(std::string_view s) {
  for (char ch : s)
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v') return false;
  return true;
}

}  // namespace

Markup parse_markup(const std::string& name) {
  if (name == "plain") return Markup::kPlain;
  if (name == "xml") return Markup::kXml;
  if (name == "xml.drama") return Markup::kXmlDrama;
  if (name == "xml.notitles") return Markup::kXmlNoTitles;
  if (name == "html") return Markup::kHtml;
  throw ConfigError(fmt::format("markup: expected plain, xml, xml.drama, xml.notitles or html, got '{}'", name));
}

const char* markup_name(Markup markup) {
  switch (markup) {
    case Markup::kPlain: return "plain";
    case Markup::kXml: return "xml";
    case Markup::kXmlDrama: return "xml.drama";
    case Markup::kXmlNoTitles: return "xml.notitles";
    case Markup::kHtml: return "html";
  }
  return "?";
}

MarkupResult strip_markup(Document& doc, Markup markup) {
  MarkupResult result;
  if (markup == Markup::kPlain) return result;
  const size_t before = doc.kept_bytes();
  // The first unclosed construct, reported once; offsets into raw, converted for the user.
  size_t unclosed = std::string::npos;
  std::string what;
  auto pairs = [&](std::string_view open, std::string_view close) {
    // An unclosed construct is found in the text as it stands at this pass, before any later
    // removal; its raw offset stays valid.
    size_t at = remove_pairs(doc, open, close);
    if (at != std::string::npos && unclosed == std::string::npos) {
      unclosed = at;
      what = fmt::format("{} without {}", open, close);
    }
  };
  // The order of the passes is stylo's (R/delete.markup.R).
  if (markup == Markup::kHtml) {
    drop_through_line(doc, {"<body"});
    pairs("<a href", "/a>");
  } else {
    drop_through_line(doc, {"</teiHeader>", "</teiheader>"});
    if (markup == Markup::kXmlDrama || markup == Markup::kXmlNoTitles) pairs("<speaker>", "</speaker>");
    pairs("<note", "</note>");
    if (markup == Markup::kXmlNoTitles) pairs("<head", "</head>");
  }
  pairs("<", ">");
  // White space between two tags (`</p>\n<p>`) is what separates the words on either side,
  // so a blank range stays when a soft gap joins it to a neighbour; blank ranges at either
  // end, or between two hard gaps, hold nothing and go.
  const auto& k = doc.kept;
  auto blank = [&](size_t i) {
    return k[i].size() == 0 || is_blank_ascii(std::string_view(doc.raw).substr(k[i].begin, k[i].size()));
  };
  size_t first = 0, last = k.size();
  while (first < last && blank(first)) ++first;
  while (last > first && blank(last - 1)) --last;
  std::vector<ByteRange> kept;
  bool soft = true;  // every gap since the last range kept is soft
  for (size_t i = first; i < last; ++i) {
    if (i > first) soft = soft && k[i].joins_previous;
    // Dropped only between two hard gaps, so the gap it leaves is hard too.
    if (blank(i) && !soft && !(i + 1 < last && k[i + 1].joins_previous)) continue;
    kept.push_back({k[i].begin, k[i].end, !kept.empty() && soft});
    soft = true;
  }
  doc.kept = std::move(kept);
  result.removed_bytes = before - doc.kept_bytes();
  if (unclosed != std::string::npos)
    result.problem = fmt::format("markup does not parse: {} at byte {} (stripped as far as stylo strips it)", what,
                                 doc.file_offset(unclosed));
  return result;
}

}  // namespace stylokit
