// `stylokit oppose` end to end on stylo's novels: the files a user gets, their agreement with
// stylo's own oppose() lists, the KWIC lines' byte spans, and one-line refusals that write nothing.

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"

namespace stylokit {
namespace {

namespace fs = std::filesystem;
using testing::run_stylokit;
using testing::shell_quote;
using testing::slurp;
using testing::split_lines;
using testing::TempDir;

const fs::path kNovels = fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels";

std::string oppose_args(const fs::path& out) {
  return shell_quote((kNovels / "corpus").string()) +
         " --tokenizer stylo --group-a Austen_Emma,Austen_Pride,Austen_Sense"
         " --group-b CBronte_Jane,CBronte_Professor,CBronte_Villette -o " +
         shell_quote(out.string());
}

TEST(OpposeCli, CraigListsEqualStyloAndKwicSpansReadTheWord) {
  if (!fs::exists(kNovels / "corpus")) GTEST_SKIP() << "no stylo references at " << kNovels;
  TempDir tmp;
  const fs::path out = tmp / "out";
  const auto r = run_stylokit("oppose " + oppose_args(out) + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"preferred.csv", "avoided.csv", "kwic.tsv", "oppose.svg", "oppose.json"})
    EXPECT_TRUE(fs::exists(out / f)) << f;

  for (const char* list : {"preferred", "avoided"}) {
    const CsvTable ours = parse_csv(slurp(out / (std::string(list) + ".csv")), list);
    const CsvTable ref =
        parse_csv(slurp(kNovels / "5_oppose" / (std::string("oppose_craig_zeta_words_") + list + ".csv")), "stylo");
    ASSERT_EQ(ours.rows.size(), ref.rows.size()) << list;
    const int ow = ours.column("word"), os = ours.column("score");
    const int rw = ref.column("word"), rs = ref.column("score");
    ASSERT_GE(ow, 0);
    ASSERT_GE(os, 0);
    for (size_t i = 0; i < ref.rows.size(); ++i) {
      EXPECT_EQ(ours.rows[i][ow], ref.rows[i][rw]) << list << " row " << i;
      EXPECT_NEAR(std::stod(ours.rows[i][os]), std::stod(ref.rows[i][rs]), 1e-12) << list << " row " << i;
    }
  }

  // Every KWIC line's byte span, read from the original file, is the listed word (stylo's
  // tokens are lower-cased, so compare case-insensitively on these ASCII novels).
  const auto lines = split_lines(slurp(out / "kwic.tsv"));
  ASSERT_GT(lines.size(), 100u);
  size_t checked = 0;
  for (size_t i = 1; i < lines.size() && checked < 200; ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> f;
    size_t p = 0;
    while (true) {
      const size_t e = lines[i].find('\t', p);
      f.push_back(lines[i].substr(p, e == std::string::npos ? std::string::npos : e - p));
      if (e == std::string::npos) break;
      p = e + 1;
    }
    ASSERT_GE(f.size(), 6u) << lines[i];
    const std::string text = slurp(kNovels / "corpus" / (f[3] + ".txt"));
    const size_t b = std::stoull(f[4]), e = std::stoull(f[5]);
    ASSERT_LE(e, text.size());
    std::string span = text.substr(b, e - b);
    for (char& c : span) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (f[1].find('^') != std::string::npos) continue;  // stylo's don^t stands for don't
    EXPECT_EQ(span, f[1]) << lines[i];
    ++checked;
  }
  EXPECT_GT(checked, 50u);
}

TEST(OpposeCli, BadGroupsAreOneLineAndWriteNothing) {
  if (!fs::exists(kNovels / "corpus")) GTEST_SKIP() << "no stylo references at " << kNovels;
  TempDir tmp;
  const fs::path out = tmp / "out";
  const std::string corpus = shell_quote((kNovels / "corpus").string());
  for (const std::string& args :
       {corpus + " --group-a Austen_Emma --group-b Nope -o " + shell_quote(out.string()),
        corpus + " --group-a Austen_Emma --group-b CBronte_Jane --slice 500000 -o " + shell_quote(out.string()),
        corpus + " --group-a Austen_Emma -o " + shell_quote(out.string())}) {
    const auto r = run_stylokit("oppose " + args + " --quiet");
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_EQ(split_lines(r.err).size(), 1u) << r.err;
    EXPECT_FALSE(fs::exists(out)) << args;
  }
}

}  // namespace
}  // namespace stylokit
