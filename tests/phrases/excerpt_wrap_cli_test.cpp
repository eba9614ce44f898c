// End-to-end: excerpts never show what cleaning removed (KWIC, reuse, the run folder and its
// report), and a hard-wrapped corpus gives the phrases and sentence counts of the same
// corpus on one line per paragraph.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"

namespace stylokit {
namespace {

std::string q(const std::filesystem::path& p) {
  return testing::shell_quote(p.string());
}

const std::string kLetters = testing::letters_dir();
const std::string kEllipsis = "\u2026";

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// The dateline "06 November 2024    Read: 1031" and the page title repeated under it sit
// right after a sentence of the 2024-11 letter: KWIC contexts of "the United States" reach
// them unless cleaned text is skipped.
TEST(Excerpts, KwicNeverShowsCleanedText) {
  testing::TempDir dir;
  const auto raw = testing::run_stylokit("phrases " + kLetters + " --min-len 3 --min-docs 2 --kwic " +
                                         q(dir / "raw.tsv") + " -o " + q(dir / "raw.csv"));
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  ASSERT_GT(count(testing::slurp(dir / "raw.tsv"), "Read: 1031"), 0u) << "uncleaned, the dateline is in context";

  for (const std::string format : {"tsv", "jsonl"}) {
    const auto r =
        testing::run_stylokit("phrases " + kLetters + " --clean news --min-len 3 --min-docs 2 --kwic-format " + format +
                              " --kwic " + q(dir / ("k." + format)) + " -o " + q(dir / "p.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string kwic = testing::slurp(dir / ("k." + format));
    EXPECT_EQ(count(kwic, "Read: 1031"), 0u) << format;
    EXPECT_EQ(count(kwic, "06 November 2024"), 0u) << format;
    EXPECT_GT(count(kwic, kEllipsis), 0u) << format << ": the cut is marked";
  }
  // The offsets still slice the original file to the match, and a context with a mark is
  // the raw context with the removed lines replaced by the mark.
  const std::string letter = testing::slurp(kLetters + "/2024-11_aliyev-to-trump_reelection-congratulation.txt");
  const std::string jl = testing::slurp(dir / "k.jsonl");
  size_t marked = 0;
  for (size_t pos = 0; pos < jl.size();) {
    const size_t nl = jl.find('\n', pos);
    const auto j = nlohmann::json::parse(jl.substr(pos, nl - pos));
    pos = nl + 1;
    if (j["doc"] != "2024-11_aliyev-to-trump_reelection-congratulation") continue;
    const size_t b = j["start_byte"], e = j["end_byte"];
    EXPECT_EQ(letter.substr(b, e - b), j["match"].get<std::string>());
    // Bytes 103-244 are the dateline and the repeated title (see `info --clean`).
    const std::string right = j["right"];
    if (e >= 103 || right.find(kEllipsis) == std::string::npos) continue;
    ++marked;
    const std::string before = letter.substr(e, 103 - e);
    ASSERT_EQ(right.substr(0, before.size() + kEllipsis.size()), before + kEllipsis);
    const size_t after = right.size() - before.size() - kEllipsis.size();
    EXPECT_EQ(right.substr(before.size() + kEllipsis.size()), letter.substr(244, after));
  }
  EXPECT_GT(marked, 0u);
}

// Two documents share a long passage; in one a dateline line sits inside it. With the
// line cleaned, the aligned passage runs across it, and its text skips it.
TEST(Excerpts, ReuseTextsSkipCleanedLines) {
  testing::TempDir dir;
  const std::string shared_1 =
      "The parties reaffirmed their commitment to the principles of sovereignty and territorial integrity\n";
  const std::string shared_2 =
      "and agreed to deepen cooperation in energy, transport and security in the years to come.\n";
  testing::write_file(dir / "c" / "a.txt",
                      "First letter opens here.\n\n" + shared_1 + "  06 November 2024    Read: 1031\n" + shared_2);
  testing::write_file(dir / "c" / "b.txt", "A second letter, in other words.\n\n" + shared_1 + shared_2);
  const auto r = testing::run_stylokit("reuse " + q(dir / "c") + " --clean news --min-len 8 -o " + q(dir / "r.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable t = parse_csv(testing::slurp(dir / "r.csv"), "r.csv");
  ASSERT_EQ(t.rows.size(), 1u);
  const auto& row = t.rows[0];
  ASSERT_EQ(t.header[10], "a_text");
  EXPECT_EQ(row[10].find("Read: 1031"), std::string::npos) << row[10];
  EXPECT_NE(row[10].find("integrity\n" + kEllipsis + "and agreed"), std::string::npos) << row[10];
  EXPECT_EQ(row[11].find(kEllipsis), std::string::npos) << row[11];
  EXPECT_NE(row[11].find("integrity\nand agreed"), std::string::npos) << row[11];
}

// The run folder's kwic.tsv and report.html (KWIC and reuse tables) show no cleaned text.
TEST(Excerpts, RunFolderAndReportNeverShowCleanedText) {
  testing::TempDir dir;
  testing::write_file(dir / "e.toml", "name = \"x\"\n[corpus]\npath = " + nlohmann::json(kLetters).dump() +
                                          "\nclean = \"news\"\n[phrases]\nmin_len = 3\n[reuse]\n");
  const auto r = testing::run_stylokit("run " + q(dir / "e.toml") + " --out " + q(dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"kwic.tsv", "reuse.csv", "report.html"}) {
    const std::string text = testing::slurp(dir / "out" / file);
    ASSERT_FALSE(text.empty()) << file;
    EXPECT_EQ(count(text, "Read: 1031"), 0u) << file;
  }
  EXPECT_GT(count(testing::slurp(dir / "out" / "kwic.tsv"), kEllipsis), 0u);
}

TEST(WrappedCorpus, PhrasesAndSentencesEqualOneLine) {
  testing::TempDir dir;
  const std::string formula = "We look forward to the relations of friendship and partnership between our nations.";
  const std::vector<std::string> paras = {
      "It is my pleasure to write to you today. " + formula + " The talks went well, and both sides spoke warmly.",
      "Spring has come again to our lands. " + formula + " " + formula + " May the new year bring peace.",
      "On behalf of the people I send greetings. " + formula + " With respect and esteem, I remain yours."};
  const std::vector<std::pair<size_t, std::string>> wraps = {{19, "\n"}, {27, "\r\n"}, {41, "\r"}};
  for (size_t d = 0; d < 3; ++d) {
    const std::string name = "doc" + std::to_string(d) + ".txt";
    std::string one, wrapped;
    for (size_t p = 0; p < paras.size(); ++p) {
      const std::string& para = paras[(p + d) % paras.size()];
      const auto& [width, eol] = wraps[d];
      one += (p ? "\n\n" : "") + para;
      wrapped += (p ? eol + eol : "") + testing::wrap_paragraph(para, width + 3 * p, eol);
    }
    testing::write_file(dir / "one" / name, one + "\n");
    testing::write_file(dir / "wrapped" / name, wrapped + wraps[d].second);
  }
  std::map<std::string, std::string> phrases;
  std::map<std::string, std::vector<std::vector<std::string>>> info;
  for (const std::string c : {"one", "wrapped"}) {
    const auto p =
        testing::run_stylokit("phrases " + q(dir / c) + " --min-len 3 --min-docs 2 -o " + q(dir / (c + ".csv")));
    ASSERT_EQ(p.exit_code, 0) << p.err;
    phrases[c] = testing::slurp(dir / (c + ".csv"));
    const auto i = testing::run_stylokit("info " + q(dir / c) + " -o -");
    ASSERT_EQ(i.exit_code, 0) << i.err;
    // document,tokens,types,sentences (bytes differ: the line ends do)
    for (const auto& row : parse_csv(i.out, "info").rows) info[c].push_back({row[0], row[1], row[2], row[3]});
  }
  EXPECT_EQ(phrases["wrapped"], phrases["one"]);
  EXPECT_EQ(info["wrapped"], info["one"]);
  // Counted by hand: every document holds the three paragraphs (in turn), the formula once
  // in the first and third and twice in the second: 4 times a document, 12 in all; and
  // 3 + 4 + 3 = 10 sentences a document.
  bool found = false;
  for (const auto& row : parse_csv(phrases["one"], "one.csv").rows) {
    if (row[0] != "we look forward to the relations of friendship and partnership between our nations") continue;
    found = true;
    EXPECT_EQ(row[2], "12");
    EXPECT_EQ(row[3], "3");
  }
  EXPECT_TRUE(found) << phrases["one"];
  ASSERT_EQ(info["one"].size(), 3u);
  for (const auto& row : info["one"]) EXPECT_EQ(row[3], "10") << row[0];
}

}  // namespace
}  // namespace stylokit
