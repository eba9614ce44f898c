#include "toolkit/corpus/cleaning.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "toolkit/common/hash.h"
#include "toolkit/corpus/loaders.h"

using namespace stylokit;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

// On the letters, every kind of scraped boilerplate goes and the content stays.
TEST(Cleaner, LettersBoilerplateRemoved) {
  Corpus c = load_corpus(stylokit::testing::letters_dir(), {});
  Cleaner cleaner = Cleaner::from_file(resolve_cleaning_rules("news"));
  std::vector<std::string> raw_hashes;
  for (const auto& d : c.documents) raw_hashes.push_back(sha256_hex(d.raw));
  std::map<std::string, std::vector<std::string>> rules_hit;
  for (auto& d : c.documents)
    for (const auto& r : cleaner.apply(d)) rules_hit[d.id].push_back(r.rule);

  for (size_t i = 0; i < c.size(); ++i) {
    const auto& d = c.documents[i];
    std::string text = d.text();
    EXPECT_EQ(sha256_hex(d.raw), raw_hashes[i]) << "cleaning must not modify raw bytes";
    for (const char* junk : {"You Might Also Like", "More about:", "News Line", "Read: 1031",
                             "This article originally appeared", "By Trend"})
      EXPECT_FALSE(contains(text, junk)) << d.id << " still has " << junk;
  }
  // The repeated titles: the first copy stays, the second goes.
  const auto& d2021 = c.documents[1];
  std::string title = "Ilham Aliyev: US can contribute to establishing sustainable peace between Azerbaijan and Armenia";
  std::string t2021 = d2021.text();
  EXPECT_EQ(t2021.find(title), 0u);
  EXPECT_EQ(t2021.find(title, 1), std::string::npos);
  EXPECT_EQ(rules_hit["2021-07_aliyev-to-biden_independence-day"],
            (std::vector<std::string>{"repeated-title", "originally-appeared"}));
  EXPECT_EQ(rules_hit["2024-11_aliyev-to-trump_reelection-congratulation"],
            (std::vector<std::string>{"dateline-read-counter", "repeated-title", "more-about"}));
  EXPECT_EQ(rules_hit["2022-07_aliyev-to-biden_independence-day"], std::vector<std::string>{});
  // Letter content survives: the last sentence of the 2024 letter.
  EXPECT_TRUE(contains(c.documents[4].text(), "including those of national security."));
  // Kept ranges slice raw on line boundaries.
  for (const auto& d : c.documents)
    for (const auto& r : d.kept) EXPECT_TRUE(r.begin == 0 || d.raw[r.begin - 1] == '\n') << d.id;
}

// Removals report the rule, the exact bytes and an excerpt.
TEST(Cleaner, RemovalsReportBytes) {
  Document d;
  d.id = "x";
  d.raw = "Title\n\n  Title\nBody line.\nYou Might Also Like\nlink 1\n";
  d.kept = {{0, d.raw.size()}};
  Cleaner cleaner = Cleaner::from_file(resolve_cleaning_rules("news"));
  auto removals = cleaner.apply(d);
  ASSERT_EQ(removals.size(), 2u);
  EXPECT_EQ(removals[0].rule, "repeated-title");
  EXPECT_EQ(d.raw.substr(removals[0].range.begin, removals[0].range.size()), "  Title\n");
  EXPECT_EQ(removals[1].rule, "related-links");
  EXPECT_EQ(d.raw.substr(removals[1].range.begin, removals[1].range.size()), "You Might Also Like\nlink 1\n");
  EXPECT_EQ(d.text(), "Title\n\n\nBody line.\n");
}

// Bad rule files are config errors naming the file, line and problem.
TEST(Cleaner, BadRulesFiles) {
  TempDir dir;
  auto error_of = [&](const std::string& toml) {
    write_file(dir / "r.toml", toml);
    try {
      Cleaner::from_file(dir / "r.toml");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_TRUE(contains(error_of("[[rule]]\nname='x'\nkind='line'\npattern='('\n"), "rule 'x': bad regular expression"));
  EXPECT_TRUE(contains(error_of("[[rule]]\nname='x'\nkind='line'\npatern='a'\n"), "r.toml:4: unknown key 'patern'"));
  EXPECT_TRUE(contains(error_of("[[rule]]\nname='x'\nkind='middle'\npattern='a'\n"), "expected line, tail or"));
  EXPECT_TRUE(contains(error_of("[[rule]]\nname = 3\n"), "r.toml:2: 'name' must be a string"));
  EXPECT_TRUE(contains(error_of("[[rule]\n"), "r.toml:1:"));
  EXPECT_TRUE(contains(error_of("title = 'x'\n"), "unknown key 'title'"));
  EXPECT_THROW(resolve_cleaning_rules("no-such-rules"), ConfigError);
}
