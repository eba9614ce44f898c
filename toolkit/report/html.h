#pragma once
// report.html: one self-contained page (inline CSS, SVG and a few lines of plain JavaScript;
// no framework, no network) that puts a run's tables and pictures together. The experiment
// runner decides the content; this builder only lays it out. Output is a pure function of
// the calls.
//
// Tables stay usable at any corpus size: the caller passes the rows it shows (already in
// the order that matters) and how many rows the full file has; the page then says "N more
// in <file>". Interactive tables sort by a click on a column heading (numbers as numbers)
// and filter by a text box; the page's address can apply both on load, which is how the
// tests drive it: report.html#sort=<table id>:<column from 0>:asc|desc&filter=<table id>:<text>.

#include <string>
#include <string_view>
#include <vector>

namespace stylokit::report {

// How a table is shown. `id` names it (for links and the address's sort/filter); with
// `total` > rows shown, a line "N more in <file>" follows it.
struct TableOptions {
  std::vector<bool> numeric;  // right-aligned columns, sorted as numbers
  std::string id;             // element id; "" = none
  size_t total = 0;           // rows in `file`; 0 = the rows shown are all there is
  std::string file;           // where every row is (e.g. "pairs.csv")
  bool interactive = false;   // sortable headings and a filter box
};

// KWIC lines of one phrase: `lines` are {document, left, match, right}; `total` is how many
// the phrase has in `file` (more than shown: "N more in <file>").
struct KwicGroup {
  std::string phrase;
  std::string summary;  // e.g. "12 times in 5 documents"
  std::vector<std::vector<std::string>> lines;
  size_t total = 0;
  std::string file;
};

class HtmlReport {
 public:
  explicit HtmlReport(std::string title);

  void heading(std::string_view text, int level = 2, std::string_view anchor = {});
  void paragraph(std::string_view text);  // plain text, escaped
  void note(std::string_view text);       // small grey text
  // A table of plain-text cells (escaped). `numeric` marks right-aligned columns.
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric = {});
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const TableOptions& options);
  // Terms and their one-line explanations (what a statistic in a table or caption means).
  void definitions(const std::vector<std::pair<std::string, std::string>>& terms);
  // A figure: inline SVG markup (trusted: produced by pictures.h) with a caption.
  void figure(std::string_view svg, std::string_view caption);
  // KWIC lines: left context, match (highlighted), right context.
  void kwic(const std::vector<std::vector<std::string>>& lines, std::string_view doc_header = "document");
  // KWIC lines grouped per phrase (one table; a heading row per phrase, then its lines).
  void kwic(const std::vector<KwicGroup>& groups, std::string_view doc_header = "document");
  // A collapsible block around plain text (e.g. the resolved config).
  void preformatted(std::string_view summary, std::string_view text);

  std::string finish() const;

 private:
  std::string title_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> toc_;  // anchor, heading
};

}  // namespace stylokit::report
