// End-to-end tests of the stylokit binary: help, version, info, and bad input.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {
bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
size_t lines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}
}  // namespace

// Top-level help, version and per-command help exit 0 and show an example.
TEST(CliBasics, HelpAndVersion) {
  auto help = run_stylokit("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(contains(help.out, "info"));
  auto version = run_stylokit("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(contains(version.out, "stylokit 0."));
  auto info_help = run_stylokit("info --help");
  EXPECT_EQ(info_help.exit_code, 0);
  EXPECT_TRUE(contains(info_help.out, "example:"));
  EXPECT_TRUE(contains(info_help.out, "--on-bad-input"));
}

// Help lists every command, in the documented order, each with its one-line summary.
TEST(CliBasics, HelpListsEveryCommandWithASummary) {
  auto help = run_stylokit("--help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  const size_t begin = help.out.find("commands:\n");
  ASSERT_NE(begin, std::string::npos) << help.out;
  std::istringstream block(help.out.substr(begin + 10, help.out.find("\n\n", begin) - begin - 10));
  std::vector<std::string> names;
  for (std::string line; std::getline(block, line);) {
    std::istringstream words(line);
    std::string name, summary;
    words >> name;
    std::getline(words >> std::ws, summary);
    EXPECT_FALSE(summary.empty()) << line;
    names.push_back(name);
  }
  const std::vector<std::string> expected = {"run",   "info",    "vectorize", "similarity", "phrases", "align",
                                             "reuse", "cluster", "classify",  "heatmap",    "plot",    "oppose"};
  EXPECT_EQ(names, expected) << help.out;
}

// Usage errors exit 2 with one line on stderr.
TEST(CliBasics, UsageErrorsExit2) {
  for (const char* args : {"frobnicate", "info", "info data --no-such-flag", "info x --on-bad-input maybe"}) {
    auto r = run_stylokit(args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1u) << args << ": " << r.err;
  }
  EXPECT_EQ(run_stylokit("").exit_code, 2);
}

// `stylokit info` on the letters reports five documents, and cleaning when asked.
TEST(CliInfo, Letters) {
  auto r = run_stylokit(shell_quote(stylokit::testing::letters_dir()));
  r = run_stylokit("info " + shell_quote(stylokit::testing::letters_dir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(5 documents)"));
  EXPECT_TRUE(contains(r.out, "encoding problems: none"));
  auto clean = run_stylokit("info " + shell_quote(stylokit::testing::letters_dir()) + " --clean --metadata " +
                            shell_quote(stylokit::testing::letters_dir() + "/metadata.csv"));
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_TRUE(contains(clean.out, "[repeated-title]"));
  EXPECT_TRUE(contains(clean.out, "[more-about]"));
  EXPECT_TRUE(contains(clean.out, "metadata: title date"));
}

// A corpus holding invalid UTF-8, empty and binary files: fail names the first bad file
// in one line with exit 1; skip warns per file and reports the good documents.
TEST(CliInfo, BadFilesFailOrSkip) {
  TempDir dir;
  write_file(dir / "a_good.txt", "A perfectly good letter.");
  write_file(dir / "b_bad_utf8.txt", "Broken \xE2\x80 text");
  write_file(dir / "c_empty.txt", "");
  write_file(dir / "d_binary.txt", std::string("\x7f"
                                               "ELF\x02\x01\x01\0\0\0",
                                               10));
  write_file(dir / "e_good.txt", "Another good one.");
  auto fail = run_stylokit("info " + shell_quote(dir.path().string()));
  EXPECT_EQ(fail.exit_code, 1);
  EXPECT_EQ(lines(fail.err), 1u) << fail.err;
  EXPECT_TRUE(contains(fail.err, "b_bad_utf8.txt: invalid UTF-8 at byte 7")) << fail.err;
  EXPECT_TRUE(fail.out.empty());

  auto skip = run_stylokit("info " + shell_quote(dir.path().string()) + " --on-bad-input skip");
  EXPECT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_EQ(lines(skip.err), 3u) << skip.err;
  EXPECT_TRUE(contains(skip.err, "c_empty.txt: empty file (skipped)"));
  EXPECT_TRUE(contains(skip.err, "d_binary.txt: binary file"));
  EXPECT_TRUE(contains(skip.out, "(2 documents, 3 with problems)"));

  auto warn = run_stylokit("info " + shell_quote(dir.path().string()) + " --on-bad-input warn");
  EXPECT_EQ(warn.exit_code, 0) << warn.err;
  EXPECT_TRUE(contains(warn.out, "(3 documents, 3 with problems)"));
}

// Missing paths and malformed metadata are one-line errors with exit 1.
TEST(CliInfo, MissingPathsAndBadMetadata) {
  TempDir dir;
  auto missing = run_stylokit("info " + shell_quote((dir / "nope").string()));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "nope: no such file or folder"));
  write_file(dir / "docs/a.txt", "text");
  write_file(dir / "meta.csv", "id,author\nb,X\n");
  auto meta = run_stylokit("info " + shell_quote((dir / "docs").string()) + " --metadata " +
                           shell_quote((dir / "meta.csv").string()));
  EXPECT_EQ(meta.exit_code, 1);
  EXPECT_EQ(lines(meta.err), 1u);
  EXPECT_TRUE(contains(meta.err, "meta.csv:2: unknown document id 'b'"));
  auto rules = run_stylokit("info " + shell_quote((dir / "docs").string()) + " --clean " +
                            shell_quote((dir / "meta.csv").string()));
  EXPECT_EQ(rules.exit_code, 2) << rules.err;
}

// A fifo named like a text file is not read (no hang); the real file is.
TEST(CliInfo, FifoIsIgnored) {
  TempDir dir;
  write_file(dir / "a.txt", "text here");
  ASSERT_EQ(::mkfifo((dir / "pipe.txt").c_str(), 0600), 0);
  auto r = run_stylokit("info " + shell_quote(dir.path().string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(1 document)"));
}

// `--clean` takes an optional value: a corpus given right after it is the corpus, with the
// default rules, for a folder and for a .jsonl/.csv file alike; a rules file still works.
TEST(CliInfo, CleanBeforeTheCorpus) {
  const std::string letters = shell_quote(stylokit::testing::letters_dir());
  auto usual = run_stylokit("info " + letters + " --clean");
  ASSERT_EQ(usual.exit_code, 0) << usual.err;
  auto before = run_stylokit("info --clean " + letters);
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, usual.out);
  EXPECT_TRUE(contains(before.out, "[repeated-title]"));
  auto equals = run_stylokit("info --clean=" + letters);
  EXPECT_EQ(equals.exit_code, 0) << equals.err;
  EXPECT_EQ(equals.out, usual.out);

  TempDir dir;
  write_file(dir / "c.jsonl", "{\"id\": \"a\", \"text\": \"One text.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n");
  auto jsonl = run_stylokit("info --clean " + shell_quote((dir / "c.jsonl").string()));
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_TRUE(contains(jsonl.out, "(2 documents)"));
  EXPECT_TRUE(contains(jsonl.out, "news.toml: 0 removals"));
  // Rules file then corpus: unchanged.
  write_file(dir / "rules.toml", "[[rule]]\nname = \"x\"\nkind = \"line\"\npattern = 'One text\\.'\n");
  auto rules = run_stylokit("info --clean " + shell_quote((dir / "rules.toml").string()) + " " +
                            shell_quote((dir / "c.jsonl").string()));
  EXPECT_EQ(rules.exit_code, 0) << rules.err;
  EXPECT_TRUE(contains(rules.out, "rules.toml: 1 removals")) << rules.out;
  // A rules file and no corpus: the corpus is missing, said in the usage's words.
  auto none = run_stylokit("info --clean " + shell_quote((dir / "rules.toml").string()));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(contains(none.err, "give CORPUS")) << none.err;
}

// A missing required positional is named as the usage names it, never by the internal
// option name ("--corpus", "--experiment", "--doc-b").
TEST(CliBasics, MissingPositionalsInTheUsersTerms) {
  struct Case {
    const char* args;
    const char* expected;
  };
  for (const Case& c : {Case{"info", "give CORPUS (folder, .jsonl or .csv): stylokit info CORPUS"},
                        Case{"run", "give EXPERIMENT.toml (experiment file, TOML): stylokit run EXPERIMENT.toml"},
                        Case{"run --force", "give EXPERIMENT.toml"},
                        Case{"align a.txt", "give DOC_B (second document, a text file): stylokit align DOC_A DOC_B"},
                        Case{"vectorize -o m.mtx", "give CORPUS"}, Case{"phrases -o p.csv", "give CORPUS"},
                        Case{"reuse -o r.csv", "give CORPUS"}, Case{"heatmap -o h.svg", "give S.csv"},
                        Case{"cluster -o t.nwk", "give S.csv|CORPUS"}}) {
    auto r = run_stylokit(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(lines(r.err), 1u) << c.args << ": " << r.err;
    EXPECT_TRUE(contains(r.err, c.expected)) << c.args << ": " << r.err;
    for (const char* internal : {"'--corpus'", "'--experiment'", "'--doc-b'", "'--matrix'", "'--input'"})
      EXPECT_FALSE(contains(r.err, internal)) << c.args << ": " << r.err;
  }
}

// Above 50 documents info prints a summary (min/median/max per document and totals), the
// table only with --per-document; -o writes the table as CSV (to standard output for -o -).
TEST(CliInfo, LargeCorpusSummary) {
  TempDir dir;
  for (int i = 0; i < 60; ++i) {
    std::string text;
    for (int w = 0; w <= i; ++w) text += "word" + std::to_string(w) + ". ";
    write_file(dir / fmt::format("docs/d{:02}.txt", i), text);
  }
  const std::string docs = shell_quote((dir / "docs").string());
  auto r = run_stylokit("info " + docs);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(60 documents)"));
  EXPECT_FALSE(contains(r.out, "d07")) << r.out;
  EXPECT_LT(lines(r.out), 15u) << r.out;
  // 1..60 tokens: min 1, median 30.5, max 60, total 1830.
  EXPECT_TRUE(contains(r.out, "tokens                1       30.5         60         1830")) << r.out;
  EXPECT_TRUE(contains(r.out, "--per-document"));

  auto table = run_stylokit("info " + docs + " --per-document");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(contains(table.out, "d07"));
  EXPECT_GT(lines(table.out), 60u);

  auto csv = run_stylokit("info " + docs + " -o " + shell_quote((dir / "per-doc.csv").string()));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string written = stylokit::testing::slurp(dir / "per-doc.csv");
  EXPECT_EQ(lines(written), 61u);
  EXPECT_EQ(written.substr(0, written.find('\n')), "document,tokens,types,sentences,bytes,removed,encoding");
  EXPECT_TRUE(contains(written, "\nd02,3,3,1,21,0,utf-8\n"));

  auto dash = run_stylokit("info " + docs + " -o -");
  ASSERT_EQ(dash.exit_code, 0) << dash.err;
  EXPECT_EQ(dash.out, written);
  EXPECT_TRUE(contains(dash.err, "(60 documents)"));
}

// A CSV or JSONL corpus may name its id and text columns; a missing one is named with the
// file and the header's columns.
TEST(CliInfo, IdAndTextColumns) {
  TempDir dir;
  write_file(dir / "c.csv", "name,body,year\nfirst,One text here.,2020\nsecond,Another text.,2021\n");
  const std::string csv = shell_quote((dir / "c.csv").string());
  auto ok = run_stylokit("info " + csv + " --id-column name --text-column body");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(contains(ok.out, "first "));
  EXPECT_TRUE(contains(ok.out, "metadata: year"));
  auto no_id = run_stylokit("info " + csv + " --text-column body");
  EXPECT_EQ(no_id.exit_code, 1);
  EXPECT_EQ(lines(no_id.err), 1u) << no_id.err;
  EXPECT_TRUE(contains(no_id.err, "c.csv: no 'id' column for the document ids (the header has: name, body, year)"))
      << no_id.err;
  auto no_text = run_stylokit("info " + csv + " --id-column name --text-column content");
  EXPECT_EQ(no_text.exit_code, 1);
  EXPECT_TRUE(contains(no_text.err, "c.csv: no 'content' column for the document texts")) << no_text.err;
  auto same = run_stylokit("info " + csv + " --id-column body --text-column body");
  EXPECT_EQ(same.exit_code, 2) << same.err;

  write_file(dir / "c.jsonl", "{\"name\": \"a\", \"body\": \"One text.\"}\n{\"name\": \"b\", \"body\": \"Two.\"}\n");
  const std::string jsonl = shell_quote((dir / "c.jsonl").string());
  auto j = run_stylokit("info " + jsonl + " --id-column name --text-column body");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_TRUE(contains(j.out, "(2 documents)"));
  auto jbad = run_stylokit("info " + jsonl);
  EXPECT_EQ(jbad.exit_code, 1);
  EXPECT_TRUE(contains(jbad.err, "c.jsonl:1: missing \"id\"")) << jbad.err;
}

// -o naming a device or FIFO is refused in one line and leaves it as it was (as root, an
// atomic rename would have replaced /dev/full with a regular file).
TEST(CliInfo, OutputToADeviceIsRefused) {
  const std::string letters = shell_quote(stylokit::testing::letters_dir());
  for (const char* device : {"/dev/full", "/dev/null"}) {
    auto r = run_stylokit("info " + letters + " -o " + device);
    EXPECT_EQ(r.exit_code, 1) << device;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, std::string(device) + ": is a character device, not a regular file")) << r.err;
    struct stat st {};
    ASSERT_EQ(::stat(device, &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << device;
  }
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  auto r = run_stylokit("info " + letters + " -o " + shell_quote((dir / "fifo").string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "is a FIFO (named pipe)")) << r.err;
  // Through a link to a letter: refused, the letter untouched.
  std::filesystem::copy(stylokit::testing::letters_dir(), dir / "copy");
  const auto letter = dir / "copy/2021-07_aliyev-to-biden_independence-day.txt";
  const std::string before = stylokit::testing::slurp(letter);
  std::filesystem::create_symlink(letter, dir / "link.csv");
  r = run_stylokit("info " + shell_quote((dir / "copy").string()) + " -o " + shell_quote((dir / "link.csv").string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "refusing to overwrite an input file")) << r.err;
  EXPECT_EQ(stylokit::testing::slurp(letter), before);
}
