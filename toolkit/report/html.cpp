#include "toolkit/report/html.h"

#include <algorithm>

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
  TableOptions options;
  options.numeric = numeric;
  table(header, rows, options);
}

namespace {
std::string more_line(size_t shown, size_t total, const std::string& file, std::string_view what) {
  if (total <= shown) return {};
  return fmt::format("<p class=\"more\">{} more {} in {} (showing {} of {}).</p>\n", total - shown, what,
                     xml_escape(file), shown, total);
}
}  // namespace

void HtmlReport::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const TableOptions& options) {
  auto cls = [&](size_t c) { return c < options.numeric.size() && options.numeric[c] ? " class=\"num\"" : ""; };
  const std::string id = options.id.empty() ? "" : fmt::format(" id=\"{}\"", xml_escape(options.id));
  // A filter box only where there is something to filter.
  if (options.interactive && std::max(rows.size(), options.total) > 10)
    body_ +=
        "<p class=\"tools\"><input type=\"search\" class=\"filter\" placeholder=\"filter rows\" "
        "aria-label=\"filter rows\"> <span class=\"count\"></span> <span class=\"hint\">click a column "
        "heading to sort</span></p>\n";
  body_ += fmt::format("<table{}{}>\n<thead><tr>", id, options.interactive ? " class=\"sortable\"" : "");
  for (size_t c = 0; c < header.size(); ++c) body_ += fmt::format("<th{}>{}</th>", cls(c), xml_escape(header[c]));
  body_ += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) body_ += fmt::format("<td{}>{}</td>", cls(c), xml_escape(row[c]));
    body_ += "</tr>\n";
  }
  body_ += "</tbody></table>\n";
  body_ += more_line(rows.size(), options.total, options.file, "rows");
}

void HtmlReport::definitions(const std::vector<std::pair<std::string, std::string>>& terms) {
  if (terms.empty()) return;
  body_ += "<dl class=\"explain\">\n";
  for (const auto& [term, text] : terms)
    body_ += fmt::format("<dt>{}</dt><dd>{}</dd>\n", xml_escape(term), xml_escape(text));
  body_ += "</dl>\n";
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

void HtmlReport::kwic(const std::vector<KwicGroup>& groups, std::string_view doc_header) {
  body_ += fmt::format(
      "<table class=\"kwic\">\n<thead><tr><th>{}</th><th class=\"left\">left</th><th>match</th>"
      "<th>right</th></tr></thead>\n",
      xml_escape(doc_header));
  for (const auto& g : groups) {
    // A tbody per phrase keeps its lines together.
    body_ += fmt::format(
        "<tbody class=\"phrase\"><tr class=\"phrase\"><th colspan=\"4\">{}<span class=\"summary\">"
        "{}</span></th></tr>\n",
        xml_escape(g.phrase), g.summary.empty() ? "" : " — " + xml_escape(g.summary));
    for (const auto& l : g.lines) {
      if (l.size() < 4) continue;
      body_ += fmt::format("<tr><td>{}</td><td class=\"left\">{}</td><td class=\"match\">{}</td><td>{}</td></tr>\n",
                           xml_escape(l[0]), xml_escape(l[1]), xml_escape(l[2]), xml_escape(l[3]));
    }
    if (g.total > g.lines.size())
      body_ += fmt::format("<tr class=\"more\"><td colspan=\"4\">{} more lines of this phrase in {}</td></tr>\n",
                           g.total - g.lines.size(), xml_escape(g.file));
    body_ += "</tbody>\n";
  }
  body_ += "</table>\n";
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
p.note, p.more { color: #666; font-size: .88em; } p.more { margin-top: -.4em; }
table.sortable th { cursor: pointer; user-select: none; } table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
table.sortable th[aria-sort=descending]::after { content: " ▼"; } p.tools { margin: .6em 0 -.3em; font-size: .88em; color: #666; }
input.filter { font: inherit; padding: .15em .4em; width: 16em; }
table.kwic tr.phrase th { background: #eef3f8; font-weight: bold; } table.kwic span.summary { font-weight: normal; color: #555; }
table.kwic tr.more td { color: #666; font-size: .9em; font-style: italic; }
dl.explain { font-size: .88em; color: #444; margin: .4em 0 1em; } dl.explain dt { font-weight: bold; float: left; clear: left; margin-right: .5em; }
dl.explain dd { margin: 0 0 .2em 0; } pre { background: #f7f7f7; padding: .8em; overflow-x: auto; font-size: .85em; }
)";
  // Sorting and filtering of table.sortable, and the address's #sort=ID:COL:asc|desc&filter=ID:TEXT
  // applied on load. Rows keep their original order among equal keys (the index breaks ties).
  static constexpr const char* kScript = R"js(
(function () {
  function key(cell) {
    var t = cell ? cell.textContent.trim() : "";
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? parseFloat(t) : t.toLowerCase();
  }
  function compare(x, y) {
    var nx = typeof x === "number", ny = typeof y === "number";
    if (nx && ny) return x - y;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function sortTable(table, col, dir) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.dataset.i = r.dataset.i || i; });
    rows.sort(function (a, b) {
      var c = compare(key(a.cells[col]), key(b.cells[col]));
      return (dir === "desc" ? -c : c) || a.dataset.i - b.dataset.i;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === col) th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }
  function filterTable(table, text) {
    var q = text.toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (r) {
      var hit = r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) ++shown;
    });
    var tools = table.previousElementSibling;
    if (tools && tools.className === "tools") {
      tools.querySelector("input.filter").value = text;
      tools.querySelector(".count").textContent = q ? shown + " of " + rows.length + " rows" : "";
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") === "ascending";
        var num = th.className === "num";
        sortTable(table, i, th.hasAttribute("aria-sort") ? (asc ? "desc" : "asc") : (num ? "desc" : "asc"));
      });
    });
    var tools = table.previousElementSibling;
    if (tools && tools.className === "tools")
      tools.querySelector("input.filter").addEventListener("input", function (e) { filterTable(table, e.target.value); });
  });
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var eq = part.indexOf("="), name = part.slice(0, eq), arg = decodeURIComponent(part.slice(eq + 1));
    var f = arg.split(":"), table = document.getElementById(f[0]);
    if (!table || !table.classList.contains("sortable")) return;
    if (name === "sort") sortTable(table, parseInt(f[1], 10), f[2] === "desc" ? "desc" : "asc");
    if (name === "filter") filterTable(table, f.slice(1).join(":"));
  });
})();
)js";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n"
      "<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n{2}{3}<script>{4}</script>\n</body>\n</html>\n",
      xml_escape(title_), kStyle, toc, body_, kScript);
}

}  // namespace stylokit::report
