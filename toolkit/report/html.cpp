#include "toolkit/report/html.h"

#include <fmt/format.h>

#include "toolkit/report/svg.h"

namespace stylokit::report {

HtmlReport::HtmlReport(std::string title) : title_(std::move(title)) {}

void HtmlReport::heading(std::string_view text, int level, std::string_view anchor) {
  std::string id = anchor.empty() ? "" : fmt::format(" id=\"{}\"", xml_escape(anchor));
  body_ += fmt::format("<h{0}{1}>{2}</h{0}>\n", level, id, xml_escape(text));
  if (!anchor.empty() && level == 2) toc_.emplace_back(std::string(anchor), std::string(text));
}

void HtmlReport::paragraph(std::string_view text) {
  body_ += "<p>" + xml_escape(text) + "</p>\n";
}

void HtmlReport::note(std::string_view text) {
  body_ += "<p class=\"note\">" + xml_escape(text) + "</p>\n";
}

void HtmlReport::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric) {
  auto cls = [&](size_t c) { return c < numeric.size() && numeric[c] ? " class=\"num\"" : ""; };
  body_ += "<table>\n<thead><tr>";
  for (size_t c = 0; c < header.size(); ++c) body_ += fmt::format("<th{}>{}</th>", cls(c), xml_escape(header[c]));
  body_ += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) body_ += fmt::format("<td{}>{}</td>", cls(c), xml_escape(row[c]));
    body_ += "</tr>\n";
  }
  body_ += "</tbody></table>\n";
}

void HtmlReport::figure(std::string_view svg, std::string_view caption) {
  body_ += "<figure>\n";
  body_ += svg;
  body_ += "<figcaption>" + xml_escape(caption) + "</figcaption>\n</figure>\n";
}

void HtmlReport::kwic(const std::vector<std::vector<std::string>>& lines, std::string_view doc_header) {
  body_ += fmt::format(
      "<table class=\"kwic\">\n<thead><tr><th>{}</th><th class=\"left\">left</th><th>match</th>"
      "<th>right</th></tr></thead>\n<tbody>\n",
      xml_escape(doc_header));
  for (const auto& l : lines) {
    if (l.size() < 4) continue;
    body_ += fmt::format("<tr><td>{}</td><td class=\"left\">{}</td><td class=\"match\">{}</td><td>{}</td></tr>\n",
                         xml_escape(l[0]), xml_escape(l[1]), xml_escape(l[2]), xml_escape(l[3]));
  }
  body_ += "</tbody></table>\n";
}

void HtmlReport::preformatted(std::string_view summary, std::string_view text) {
  body_ +=
      fmt::format("<details><summary>{}</summary><pre>{}</pre></details>\n", xml_escape(summary), xml_escape(text));
}

std::string HtmlReport::finish() const {
  std::string toc;
  if (!toc_.empty()) {
    toc = "<nav>";
    for (size_t i = 0; i < toc_.size(); ++i)
      toc += fmt::format("{}<a href=\"#{}\">{}</a>", i ? " · " : "", xml_escape(toc_[i].first),
                         xml_escape(toc_[i].second));
    toc += "</nav>\n";
  }
  static constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1200px;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
nav { margin: .5em 0 1.5em; font-size: .95em; } nav a { color: #2b5d8a; text-decoration: none; }
table { border-collapse: collapse; margin: .8em 0; font-size: .9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .3em .7em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kwic td.left { text-align: right; color: #555; } table.kwic td.match { font-weight: bold; color: #8a2b2b; white-space: nowrap; }
figure { margin: 1em 0; overflow-x: auto; } figcaption { color: #555; font-size: .9em; }
p.note { color: #666; font-size: .88em; } pre { background: #f7f7f7; padding: .8em; overflow-x: auto; font-size: .85em; }
)";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n"
      "<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n{2}{3}</body>\n</html>\n",
      xml_escape(title_), kStyle, toc, body_);
}

}  // namespace stylokit::report
