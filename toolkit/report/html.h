#pragma once
// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) that
// puts a run's tables and pictures together. The experiment runner decides the content;
// this builder only lays it out. Output is a pure function of the calls.

#include <string>
#include <string_view>
#include <vector>

namespace stylokit::report {

class HtmlReport {
 public:
  explicit HtmlReport(std::string title);

  void heading(std::string_view text, int level = 2, std::string_view anchor = {});
  void paragraph(std::string_view text);  // plain text, escaped
  void note(std::string_view text);       // small grey text
  // A table of plain-text cells (escaped). `numeric` marks right-aligned columns.
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric = {});
  // A figure: inline SVG markup (trusted: produced by pictures.h) with a caption.
  void figure(std::string_view svg, std::string_view caption);
  // KWIC lines: left context, match (highlighted), right context.
  void kwic(const std::vector<std::vector<std::string>>& lines, std::string_view doc_header = "document");
  // A collapsible block around plain text (e.g. the resolved config).
  void preformatted(std::string_view summary, std::string_view text);

  std::string finish() const;

 private:
  std::string title_;
  std::string body_;
  std::vector<std::pair<std::string, std::string>> toc_;  // anchor, heading
};

}  // namespace stylokit::report
