// [text] case in experiment files, and case_fold as its deprecated spelling.

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/experiment/config.h"

namespace stylokit::experiment {
namespace {

ExperimentConfig parse_text_section(const testing::TempDir& dir, const std::string& text,
                                    std::vector<std::string>* warnings) {
  testing::write_file(dir / "docs" / "a.txt", "one letter\n");
  testing::write_file(dir / "e.toml", "[corpus]\npath = \"docs\"\n[text]\n" + text);
  return parse_experiment(dir / "e.toml", warnings);
}

TEST(CaseOption, TomlKeyAndDeprecatedSpelling) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  EXPECT_EQ(parse_text_section(dir, "", &warnings).text.case_mapping, text::CaseMapping::kFold);
  EXPECT_EQ(parse_text_section(dir, "case = \"lower\"\n", &warnings).text.case_mapping, text::CaseMapping::kLower);
  EXPECT_EQ(parse_text_section(dir, "case = \"keep\"\n", &warnings).text.case_mapping, text::CaseMapping::kKeep);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(parse_text_section(dir, "case_fold = false\n", &warnings).text.case_mapping, text::CaseMapping::kKeep);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("[text] case_fold: case_fold is deprecated; use case = \"keep\""), std::string::npos)
      << warnings[0];
  try {
    parse_text_section(dir, "case = \"upper\"\n", nullptr);
    ADD_FAILURE() << "an unknown case mapping must be an error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("[text] case: expected fold, lower or keep, got 'upper'"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(parse_text_section(dir, "case = \"lower\"\ncase_fold = true\n", nullptr), ConfigError);
}

}  // namespace
}  // namespace stylokit::experiment
