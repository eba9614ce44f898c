// report.html at a size where tables must be cut: long tables in the order that matters, cut
// to a limit with "N more in <file>", KWIC lines grouped per phrase, headings that do not
// assume letters, a line explaining each statistic, the cluster x group table with the
// adjusted Rand index (checked against scikit-learn), and sorting and filtering in the page
// (checked in headless Chromium).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using stylokit::testing::run_shell;
using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::slurp;
using stylokit::testing::split_lines;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

std::string fmt_id(int d) {
  return std::string(d < 10 ? "text0" : "text") + std::to_string(d);
}

// 30 documents in three genres, each with its genre's vocabulary, a few stock phrases and a
// shared boilerplate passage of 12-16 tokens (so that there are many shared passages of
// different scores).
void write_corpus(const fs::path& dir) {
  const std::vector<std::string> genres = {"sea", "court", "farm"};
  const std::vector<std::string> stock = {"in the light of the", "at the end of the day", "as a matter of fact",
                                          "on the other hand",   "for the sake of it",    "from time to time"};
  const std::string boiler =
      "all rights reserved no part of this book may be reproduced stored or transmitted in any form";
  std::vector<std::string> boiler_words;
  for (size_t b = 0, e; b < boiler.size(); b = e + 1) {
    e = boiler.find(' ', b);
    if (e == std::string::npos) e = boiler.size();
    boiler_words.push_back(boiler.substr(b, e - b));
  }
  std::string metadata = "id,genre\n";
  uint64_t state = 99;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  for (int d = 0; d < 30; ++d) {
    const std::string& genre = genres[d % 3];
    std::string text;
    for (int s = 0; s < 40; ++s) {
      for (int w = 0; w < 6; ++w) text += genre + std::to_string(next(25)) + " ";
      text += stock[next(stock.size())] + ". ";
    }
    for (size_t w = 0; w < 12 + static_cast<size_t>(d % 5); ++w) text += boiler_words[w] + " ";
    text += ".\n";
    const std::string id = fmt_id(d);
    write_file(dir / "docs" / (id + ".txt"), text);
    metadata += id + "," + genre + "\n";
  }
  write_file(dir / "metadata.csv", metadata);
}

// The rows of the table with this id: each row's cells as text (tags stripped).
std::vector<std::vector<std::string>> table_rows(const std::string& html, const std::string& id,
                                                 bool visible_only = false) {
  std::vector<std::vector<std::string>> rows;
  const size_t start = html.find("<table id=\"" + id + "\"");
  if (start == std::string::npos) return rows;
  const size_t body = html.find("<tbody>", start), end = html.find("</tbody>", start);
  const std::string part = html.substr(body, end - body);
  static const std::regex row_re("<tr([^>]*)>(.*?)</tr>"), cell_re("<td[^>]*>(.*?)</td>");
  for (auto r = std::sregex_iterator(part.begin(), part.end(), row_re); r != std::sregex_iterator(); ++r) {
    if (visible_only && (*r)[1].str().find("hidden") != std::string::npos) continue;
    const std::string cells = (*r)[2].str();
    std::vector<std::string> row;
    for (auto c = std::sregex_iterator(cells.begin(), cells.end(), cell_re); c != std::sregex_iterator(); ++c)
      row.push_back((*c)[1].str());
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> headings(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex re("<h[1-4][^>]*>(.*?)</h[1-4]>");
  for (auto m = std::sregex_iterator(html.begin(), html.end(), re); m != std::sregex_iterator(); ++m)
    out.push_back((*m)[1].str());
  return out;
}

size_t data_lines(const fs::path& csv) {
  return split_lines(slurp(csv)).size() - 1;
}

class ReportTables : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    write_corpus(dir_->path());
    write_file(*dir_ / "e.toml",
               "name = \"genres\"\ntitle = \"Three genres\"\n[corpus]\npath = \"docs\"\nmetadata = "
               "\"metadata.csv\"\ngroup_by = \"genre\"\n[features]\nmin_df = 1\n[[similarity]]\nmeasure = "
               "\"cosine\"\n[cluster]\nmethod = \"average\"\nk = 3\n[phrases]\nmin_len = 3\nmin_docs = 2\ntop = "
               "5\n[reuse]\nmin_len = 10\n");
    const auto r = run_stylokit("run --quiet " + shell_quote((*dir_ / "e.toml").string()) + " --out " +
                                shell_quote((*dir_ / "run").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    html_ = new std::string(slurp(*dir_ / "run" / "report.html"));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete dir_;
  }
  static fs::path run_dir() { return *dir_ / "run"; }
  static TempDir* dir_;
  static std::string* html_;
};
TempDir* ReportTables::dir_ = nullptr;
std::string* ReportTables::html_ = nullptr;

TEST_F(ReportTables, HeadingsAreNeutral) {
  const auto hs = headings(*html_);
  EXPECT_NE(std::find(hs.begin(), hs.end(), "Which texts are alike"), hs.end());
  for (const auto& h : hs) {
    std::string lower = h;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    EXPECT_EQ(lower.find("letter"), std::string::npos) << h;
  }
}

TEST_F(ReportTables, PairsBestFirstCutWithTheRestInTheFile) {
  const auto rows = table_rows(*html_, "pairs-table");
  ASSERT_EQ(rows.size(), 20u);
  const auto csv = split_lines(slurp(run_dir() / "pairs.csv"));
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][1] + "," + rows[r][2], csv[r + 1].substr(0, csv[r + 1].find(',', csv[r + 1].find(',') + 1)));
    if (r) {
      EXPECT_GE(std::stod(rows[r - 1][3]), std::stod(rows[r][3])) << "cosine: most alike first";
    }
  }
  EXPECT_NE(html_->find("415 more rows in pairs.csv (showing 20 of 435)"), std::string::npos);
}

TEST_F(ReportTables, PhrasesInTheChosenRankingEachWithItsKwicLines) {
  const auto rows = table_rows(*html_, "phrases-table");
  ASSERT_EQ(rows.size(), 5u);
  const auto csv = split_lines(slurp(run_dir() / "phrases.csv"));
  for (size_t r = 0; r < rows.size(); ++r) EXPECT_EQ(rows[r][0], csv[r + 1].substr(0, csv[r + 1].find(',')));
  const size_t total = data_lines(run_dir() / "phrases.csv");
  ASSERT_GT(total, 5u);
  EXPECT_NE(html_->find(std::to_string(total - 5) + " more rows in phrases.csv"), std::string::npos);
  // One group per shown phrase, in the same order, each with lines whose match is the phrase.
  const std::string kwic = html_->substr(html_->find("<table class=\"kwic\">"));
  static const std::regex group_re(
      "<tbody class=\"phrase\"><tr class=\"phrase\"><th colspan=\"4\">(.*?)<span([\\s\\S]*?)</tbody>");
  size_t g = 0;
  for (auto m = std::sregex_iterator(kwic.begin(), kwic.end(), group_re); m != std::sregex_iterator(); ++m, ++g) {
    ASSERT_LT(g, rows.size());
    EXPECT_EQ((*m)[1].str(), rows[g][0]);
    const std::string body = (*m)[2].str();
    size_t lines = 0;
    for (size_t at = body.find("class=\"match\">"); at != std::string::npos;
         at = body.find("class=\"match\">", at + 1)) {
      ++lines;
      EXPECT_EQ(body.substr(at + 14, rows[g][0].size()), rows[g][0]);
    }
    EXPECT_GE(lines, 1u) << rows[g][0];
    EXPECT_LE(lines, 4u);
  }
  EXPECT_EQ(g, rows.size());
  EXPECT_NE(kwic.find("more lines of this phrase in kwic.tsv"), std::string::npos);
}

TEST_F(ReportTables, ExplanationsForEveryStatistic) {
  for (const char* term : {"score", "cophenetic correlation", "adjusted Rand index", "G²", "formulaicity", "matches"})
    EXPECT_NE(html_->find(std::string("<dt>") + term + "</dt><dd>"), std::string::npos) << term;
}

// The numbers the report shows, against scikit-learn and reuse.csv read by Python.
TEST_F(ReportTables, ClusterGroupTableAndAdjustedRandIndexAsScikitLearn) {
  const auto r =
      run_shell(std::string(STYLOKIT_PYTHON) + " " +
                shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/experiment/report_reference.py") + " " +
                shell_quote(run_dir().string()) + " " + shell_quote((*dir_ / "metadata.csv").string()) + " genre");
  if (r.exit_code != 0 && r.err.find("No module named 'sklearn'") != std::string::npos)
    GTEST_SKIP() << "scikit-learn is not installed";
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ref = nlohmann::json::parse(r.out);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(*html_, m, std::regex("adjusted Rand index (-?[0-9.]+)\\.")));
  EXPECT_NEAR(std::stod(m[1].str()), ref["ari"].get<double>(), 5e-5);
  // Cluster x genre counts: header "cluster, <genres...>, total"; rows per cluster, then totals.
  const auto rows = table_rows(*html_, "groups-table");
  const std::string table = html_->substr(html_->find("<table id=\"groups-table\""));
  std::vector<std::string> genres;
  static const std::regex th_re("<th[^>]*>(.*?)</th>");
  const std::string head = table.substr(0, table.find("</thead>"));
  for (auto t = std::sregex_iterator(head.begin(), head.end(), th_re); t != std::sregex_iterator(); ++t)
    genres.push_back((*t)[1].str());
  ASSERT_EQ(genres.size(), 5u);  // cluster, sea, court, farm, total
  size_t cells = 0;
  for (const auto& row : rows) {
    if (row[0] == "total") {
      EXPECT_EQ(row.back(), "30");
      continue;
    }
    for (size_t c = 1; c + 1 < row.size(); ++c) {
      const std::string key = row[0] + "|" + genres[c];
      const int expected = ref["counts"].contains(key) ? ref["counts"][key].get<int>() : 0;
      EXPECT_EQ(row[c] == "·" ? 0 : std::stoi(row[c]), expected) << key;
      ++cells;
    }
  }
  EXPECT_EQ(cells, 9u);
  // Shared passages: best first, as reuse.csv's scores sorted; the rest counted.
  const auto reuse = table_rows(*html_, "reuse-table");
  const auto& scores = ref["reuse_scores"];
  ASSERT_GT(scores.size(), 50u);
  ASSERT_EQ(reuse.size(), 50u);
  for (size_t k = 0; k < reuse.size(); ++k) EXPECT_NEAR(std::stod(reuse[k][3]), scores[k].get<double>(), 5e-5) << k;
  EXPECT_NE(html_->find(std::to_string(scores.size() - 50) + " more rows in reuse.csv"), std::string::npos);
}

// Sorting and filtering run in the page: headless Chromium applies the address's
// #sort=/#filter= on load, and the DOM it dumps shows the rows in the new order / hidden.
TEST_F(ReportTables, SortAndFilterInHeadlessChromium) {
  if (run_shell("command -v chromium").exit_code != 0)
    GTEST_SKIP() << "chromium is not installed (make test installs it)";
  auto dump = [&](const std::string& hash) {
    const auto r = run_shell(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--user-data-dir=" +
        shell_quote((*dir_ / "profile").string()) + " --dump-dom " +
        shell_quote("file://" + (run_dir() / "report.html").string() + "#" + hash));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  // Scores ascending (the page came most alike first).
  const auto sorted = table_rows(dump("sort=pairs-table:3:asc"), "pairs-table");
  ASSERT_EQ(sorted.size(), 20u);
  for (size_t r = 1; r < sorted.size(); ++r) EXPECT_LE(std::stod(sorted[r - 1][3]), std::stod(sorted[r][3]));
  EXPECT_LT(std::stod(sorted.front()[3]), std::stod(sorted.back()[3]));
  // Text columns alphabetically, descending.
  const auto by_name = table_rows(dump("sort=pairs-table:1:desc"), "pairs-table");
  for (size_t r = 1; r < by_name.size(); ++r) EXPECT_GE(by_name[r - 1][1], by_name[r][1]);
  // A filter keeps exactly the rows that contain the text.
  const auto original = table_rows(*html_, "pairs-table");
  const std::string needle = original[0][1];
  const size_t expected = std::count_if(original.begin(), original.end(), [&](const auto& row) {
    return row[1].find(needle) != std::string::npos || row[2].find(needle) != std::string::npos;
  });
  const std::string filtered_dom = dump("filter=pairs-table:" + needle);
  const auto visible = table_rows(filtered_dom, "pairs-table", true);
  EXPECT_EQ(visible.size(), expected);
  EXPECT_LT(visible.size(), original.size());
  for (const auto& row : visible) EXPECT_TRUE(row[1] == needle || row[2] == needle);
  EXPECT_EQ(table_rows(filtered_dom, "pairs-table").size(), original.size())
      << "the other rows are hidden, not removed";
}

}  // namespace
