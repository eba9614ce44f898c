// docs/OPTIONS.md is the one table of options: every row's flag must exist, with the default
// the table gives, in each listed command's --help; every row's TOML key must resolve to the
// same default in an experiment file; and a flag is its key with dashes. So the command line,
// the experiment files and the documentation cannot drift apart.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace stylokit {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::string section, key;  // "[features]", "min_df"; empty when command line only
  std::string flag;          // "--min-df", "-k"; empty when experiment files only
  std::vector<std::string> commands;
  std::string default_value;  // "" when not checked (in parentheses in the table)
  int line = 0;
};

std::string strip(std::string s) {
  const size_t b = s.find_first_not_of(" \t");
  const size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string unquote(std::string s) {
  s = strip(s);
  if (s.size() >= 2 && s.front() == '`') {
    const size_t close = s.find('`', 1);
    return s.substr(1, close - 1);
  }
  return s;
}

std::vector<Row> read_table() {
  std::ifstream in(std::string(STYLOKIT_TESTS_DIR) + "/../docs/OPTIONS.md");
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("| `[", 0) != 0 && line.rfind("| — |", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    for (std::string cell; std::getline(ss, cell, '|');) cells.push_back(strip(cell));
    if (cells.size() < 5) continue;
    Row r;
    r.line = n;
    const std::string toml = unquote(cells[0]);
    if (toml != "—" && cells[0].find(',') == std::string::npos) {
      const size_t space = toml.rfind(' ');
      r.section = toml.substr(0, space);
      r.key = toml.substr(space + 1);
    }
    if (cells[1].rfind("`-", 0) == 0) r.flag = unquote(cells[1]);
    std::stringstream cs(cells[2]);
    for (std::string c; std::getline(cs, c, ',');) r.commands.push_back(strip(c));
    if (cells[3].rfind("`", 0) == 0) r.default_value = unquote(cells[3]);
    rows.push_back(r);
  }
  return rows;
}

// The flag's line in --help ("--min-df arg (=1)   help ...", "-k arg   help ...") and the
// default Boost.Program_options shows in it, if any.
bool help_has_flag(const std::string& help, const std::string& flag, std::string* shown_default) {
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    const std::string s = strip(line);
    if (s != flag && s.rfind(flag + " ", 0) != 0) continue;
    // "arg (=1)" is a default; "[=arg(=true)]" is the value of the bare flag, not a default.
    const size_t help_text = s.find("  ");
    const size_t open = s.find(" arg (=");
    if (open != std::string::npos && (help_text == std::string::npos || open < help_text))
      *shown_default = s.substr(open + 7, s.find(')', open) - open - 7);
    return true;
  }
  return false;
}

std::string flag_of_key(const std::string& key) {
  std::string f = "--" + key;
  for (char& c : f)
    if (c == '_') c = '-';
  return f;
}

bool same_value(const nlohmann::json& j, const std::string& text) {
  if (j.is_string()) return j.get<std::string>() == text;
  if (j.is_boolean()) return (j.get<bool>() ? "true" : "false") == text;
  if (j.is_number()) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && v == j.get<double>();
  }
  return false;
}

TEST(OptionsDoc, TableParses) {
  const std::vector<Row> rows = read_table();
  EXPECT_GT(rows.size(), 40u);
}

TEST(OptionsDoc, FlagsExistWithTheTablesDefaults) {
  std::map<std::string, std::string> help;
  for (const Row& r : read_table()) {
    if (r.flag.empty()) continue;
    if (!r.key.empty() && r.flag.size() > 2) {
      EXPECT_EQ(r.flag, flag_of_key(r.key)) << "OPTIONS.md:" << r.line << ": the flag is not the key's spelling";
    }
    for (const std::string& cmd : r.commands) {
      if (cmd == "run" && r.flag != "--threads" && r.flag != "-q") continue;
      if (!help.count(cmd)) help[cmd] = testing::run_stylokit(cmd + " --help").out;
      std::string shown;
      const bool found = help_has_flag(help[cmd], r.flag, &shown);
      EXPECT_TRUE(found) << "OPTIONS.md:" << r.line << ": " << cmd << " --help has no " << r.flag;
      if (found && !r.default_value.empty() && !shown.empty()) {
        EXPECT_EQ(shown, r.default_value) << "OPTIONS.md:" << r.line << ": " << cmd << " " << r.flag;
      }
    }
  }
}

TEST(OptionsDoc, ExperimentKeysResolveToTheTablesDefaults) {
  testing::TempDir dir;
  testing::write_file(dir / "docs" / "a.txt", "one letter\n");
  testing::write_file(dir / "docs" / "b.txt", "another letter\n");
  testing::write_file(dir / "e.toml",
                      "[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"cosine\"\nmfw = 100\n"
                      "[phrases]\n[reuse]\n");
  const auto r = testing::run_stylokit("run --check " + (dir / "e.toml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json resolved = nlohmann::json::parse(r.out);
  size_t checked = 0;
  for (const Row& row : read_table()) {
    if (row.key.empty() || row.default_value.empty()) continue;
    // "[features]" -> resolved["features"]; "[[similarity]]" -> the first of resolved["similarity"].
    const bool array = row.section.rfind("[[", 0) == 0;
    const size_t cut = array ? 2 : 1;
    const std::string section = row.section.substr(cut, row.section.size() - 2 * cut);
    const nlohmann::json node = array ? resolved[section][0] : resolved[section];
    ASSERT_TRUE(node.contains(row.key)) << "OPTIONS.md:" << row.line << ": run --check has no " << row.section << " "
                                        << row.key;
    EXPECT_TRUE(same_value(node[row.key], row.default_value))
        << "OPTIONS.md:" << row.line << ": " << row.section << " " << row.key << " resolves to " << node[row.key]
        << ", the table says " << row.default_value;
    ++checked;
  }
  EXPECT_GT(checked, 30u);
}

}  // namespace
}  // namespace stylokit
