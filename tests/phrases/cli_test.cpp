// End-to-end: stylokit phrases / align / reuse on data/letters, and their errors.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "toolkit/common/csv.h"
#include "toolkit/phrases/kwic.h"
#include "toolkit/common/tsv.h"
#include "tests/phrases/test_util.h"

namespace stylokit::phrases {
namespace {

const std::string kBin = STYLOKIT_BINARY;
const std::string kLetters = std::string(STYLOKIT_TEST_DATA) + "/letters";

std::string unescape_tsv(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string line = text.substr(pos, nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::vector<std::string> fields;
    size_t b = 0;
    for (;;) {
      const size_t t = line.find('\t', b);
      fields.push_back(unescape_tsv(line.substr(b, t - b)));
      if (t == std::string::npos) break;
      b = t + 1;
    }
    rows.push_back(fields);
  }
  return rows;
}

TEST(PhrasesCli, LettersFormulaeWithIndependentCounts) {
  // The shared formulae of data/letters are reported with the counts and documents a
  // regex count in Python finds.
  const auto dir = testing::temp_dir("cli_letters");
  const std::vector<std::string> formulae{"international peace and security", "in the south caucasus",
                                          "the united states of america"};
  std::string cmd = std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/phrases/reference_letters.py " +
                    kLetters + " " + (dir / "ref.json").string();
  for (const auto& f : formulae) cmd += " '" + f + "'";
  ASSERT_EQ(testing::run(cmd), 0);
  const auto ref = nlohmann::json::parse(testing::slurp(dir / "ref.json"));
  std::string out;
  ASSERT_EQ(testing::run(kBin + " phrases " + kLetters + " --min-len 3 --stop-words none -o " +
                         (dir / "p.csv").string(), &out),
            0)
      << out;
  const CsvTable table = parse_csv(testing::slurp(dir / "p.csv"), "p.csv");
  ASSERT_EQ(table.header[0], "phrase");
  for (const auto& f : formulae) {
    bool found = false;
    for (const auto& row : table.rows) {
      if (row[0] != f) continue;
      found = true;
      EXPECT_EQ(std::stoull(row[2]), ref[f]["count"].get<uint64_t>()) << f;
      EXPECT_EQ(std::stoull(row[3]), ref[f]["docs"].size()) << f;
      std::string ids;
      for (const auto& d : ref[f]["docs"]) {
        if (!ids.empty()) ids.push_back(';');
        ids.append(d.get<std::string>());
      }
      EXPECT_EQ(row[4], ids) << f;
    }
    EXPECT_TRUE(found) << f;
    EXPECT_GE(ref[f]["docs"].size(), 2u) << f;
  }
  std::filesystem::remove_all(dir);
}

TEST(PhrasesCli, KwicSlicesOriginalFiles) {
  // Every KWIC line's byte span slices the original file to the match, and the left and
  // right contexts sit right before and after it.
  const auto dir = testing::temp_dir("cli_kwic");
  std::string out;
  ASSERT_EQ(testing::run(kBin + " phrases " + kLetters + " --min-len 2 --kwic " + (dir / "k.tsv").string() +
                         " -o " + (dir / "p.csv").string(), &out),
            0)
      << out;
  const auto rows = read_tsv(testing::slurp(dir / "k.tsv"));
  ASSERT_GT(rows.size(), 100u);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"doc", "start_byte", "end_byte", "left", "match", "right", "phrase"}));
  bool saw_newline = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 7u);
    const std::string raw = testing::slurp(kLetters + "/" + r[0] + ".txt");
    const size_t b = std::stoull(r[1]), e = std::stoull(r[2]);
    ASSERT_LE(e, raw.size());
    EXPECT_EQ(raw.substr(b, e - b), r[4]);
    ASSERT_GE(b, r[3].size());
    EXPECT_EQ(raw.substr(b - r[3].size(), r[3].size()), r[3]);
    EXPECT_EQ(raw.substr(e, r[5].size()), r[5]);
    saw_newline = saw_newline || r[3].find('\n') != std::string::npos || r[5].find('\n') != std::string::npos;
  }
  EXPECT_TRUE(saw_newline);  // escaping was exercised
  // JSONL carries the same spans.
  ASSERT_EQ(testing::run(kBin + " phrases " + kLetters + " --kwic-format jsonl --kwic " + (dir / "k.jsonl").string() +
                         " -o " + (dir / "p2.csv").string()),
            0);
  const std::string jl = testing::slurp(dir / "k.jsonl");
  const auto first = nlohmann::json::parse(jl.substr(0, jl.find('\n')));
  const std::string raw = testing::slurp(kLetters + "/" + first["doc"].get<std::string>() + ".txt");
  EXPECT_EQ(raw.substr(first["start_byte"], first["end_byte"].get<size_t>() - first["start_byte"].get<size_t>()),
            first["match"].get<std::string>());
  std::filesystem::remove_all(dir);
}

TEST(PhrasesCli, DeterministicAcrossThreads) {
  // Same corpus, 1 or 2 threads: byte-identical phrase files.
  const auto dir = testing::temp_dir("cli_det");
  ASSERT_EQ(testing::run(kBin + " phrases " + kLetters + " --threads 1 --sort formulaicity -o " + (dir / "a.csv").string()), 0);
  ASSERT_EQ(testing::run(kBin + " phrases " + kLetters + " --threads 2 --sort formulaicity -o " + (dir / "b.csv").string()), 0);
  EXPECT_EQ(testing::slurp(dir / "a.csv"), testing::slurp(dir / "b.csv"));
  std::filesystem::remove_all(dir);
}

TEST(PhrasesCli, BadInputExitCodes) {
  // Usage errors exit 2, data errors exit 1, each with one line naming the problem.
  const auto dir = testing::temp_dir("cli_bad");
  std::filesystem::create_directories(dir / "empty");
  testing::write(dir / "punct" / "a.txt", "... !!! ???\n");
  testing::write(dir / "punct" / "b.txt", "--- ;;;\n");
  const std::string o = " -o " + (dir / "o.csv").string();
  std::string out;
  EXPECT_EQ(testing::run(kBin + " phrases " + kLetters + " --min-len 5 --max-len 3" + o, &out), 2);
  EXPECT_NE(out.find("stylokit phrases: --max-len: min_len 5 is above max_len 3"), std::string::npos) << out;
  EXPECT_EQ(testing::run(kBin + " phrases " + kLetters + " --sort nonsense" + o, &out), 2);
  EXPECT_EQ(testing::run(kBin + " phrases " + kLetters + " --min-count 1" + o, &out), 2);
  EXPECT_EQ(testing::run(kBin + " phrases " + (dir / "empty").string() + o, &out), 1) << out;
  EXPECT_EQ(testing::run(kBin + " phrases " + (dir / "punct").string() + o, &out), 0) << out;  // no tokens
  EXPECT_NE(out.find("0 maximal phrases"), std::string::npos) << out;
  // A copy of the corpus: -o naming one of its files must be refused, the file untouched.
  std::filesystem::copy(kLetters, dir / "copy", std::filesystem::copy_options::recursive);
  const auto victim = dir / "copy" / "2021-07_aliyev-to-biden_independence-day.txt";
  const std::string before = testing::slurp(victim);
  EXPECT_EQ(testing::run(kBin + " phrases " + (dir / "copy").string() + " -o " + victim.string(), &out), 1) << out;
  EXPECT_EQ(testing::run(kBin + " reuse " + (dir / "copy").string() + " -o " + victim.string(), &out), 1) << out;
  EXPECT_EQ(testing::slurp(victim), before);
  EXPECT_EQ(testing::run(kBin + " align " + kLetters + "/nope.txt " + victim.string(), &out), 1) << out;
  EXPECT_EQ(testing::run(kBin + " align " + victim.string() + " " + victim.string() + " -o " + victim.string(), &out), 1)
      << out;
  EXPECT_EQ(testing::slurp(victim), before);
  EXPECT_EQ(testing::run(kBin + " align a b --format xml", &out), 2) << out;
  EXPECT_EQ(testing::run(kBin + " reuse " + kLetters + " --mask-df 1" + o, &out), 2) << out;
  EXPECT_EQ(testing::run(kBin + " align " + victim.string() + " " + victim.string() + " --match 0", &out), 2);
  std::filesystem::remove_all(dir);
}

TEST(AlignCli, JsonSpansSliceBothFiles) {
  // align --format json: a list of passages whose byte spans slice both originals to
  // a_text and b_text; a document aligned with itself is one passage covering all tokens.
  const std::string a = kLetters + "/2021-07_aliyev-to-biden_independence-day.txt";
  const std::string b = kLetters + "/2022-07_aliyev-to-biden_independence-day.txt";
  std::string out;
  ASSERT_EQ(testing::run(kBin + " align " + a + " " + b + " --min-len 5 2>/dev/null", &out), 0);
  const auto list = nlohmann::json::parse(out);
  ASSERT_TRUE(list.is_array());
  ASSERT_GE(list.size(), 2u);
  const std::string ra = testing::slurp(a), rb = testing::slurp(b);
  for (const auto& p : list) {
    for (const char* k : {"a_start", "a_end", "b_start", "b_end", "score", "a_text", "b_text"})
      ASSERT_TRUE(p.contains(k)) << k;
    EXPECT_EQ(ra.substr(p["a_start"], p["a_end"].get<size_t>() - p["a_start"].get<size_t>()), p["a_text"]);
    EXPECT_EQ(rb.substr(p["b_start"], p["b_end"].get<size_t>() - p["b_start"].get<size_t>()), p["b_text"]);
  }
  ASSERT_EQ(testing::run(kBin + " align " + a + " " + a + " 2>/dev/null", &out), 0);
  const auto self = nlohmann::json::parse(out);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0]["a_start"], self[0]["b_start"]);
  EXPECT_EQ(self[0]["a_end"], self[0]["b_end"]);
  EXPECT_EQ(self[0]["a_start"].get<size_t>(), 0u);
}

TEST(AlignCli, TextIsOneLinePerPassageAndASummary) {
  // align --format text: each passage on one line (its line breaks written as \n), then one
  // summary line naming both files, the count and the longest passage; the texts unescape
  // to the bytes the JSON output slices.
  const std::string a = kLetters + "/2021-07_aliyev-to-biden_independence-day.txt";
  const std::string b = kLetters + "/2022-07_aliyev-to-biden_independence-day.txt";
  std::string json, text;
  ASSERT_EQ(testing::run(kBin + " align " + a + " " + b + " --min-len 5 2>/dev/null", &json), 0);
  ASSERT_EQ(testing::run(kBin + " align " + a + " " + b + " --min-len 5 --format text 2>/dev/null", &text), 0);
  const auto list = nlohmann::json::parse(json);
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < text.size();) {
    const size_t nl = text.find('\n', pos);
    ASSERT_NE(nl, std::string::npos) << "last line without a newline";
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), list.size() + 1) << text;
  uint64_t longest = 0;
  for (size_t k = 0; k < list.size(); ++k) {
    const auto& p = list[k];
    const std::string a_text = p["a_text"], b_text = p["b_text"];
    const std::string expected_a = fmt::format("A bytes {}-{}: {} | ", p["a_start"].get<uint64_t>(),
                                               p["a_end"].get<uint64_t>(), stylokit::tsv_escape(a_text));
    EXPECT_EQ(lines[k].rfind(fmt::format("passage {}: score ", k + 1), 0), 0u) << lines[k];
    EXPECT_NE(lines[k].find(expected_a), std::string::npos) << lines[k];
    EXPECT_NE(lines[k].find("B bytes"), std::string::npos) << lines[k];
    const auto at = p["a_tokens"], bt = p["b_tokens"];
    longest = std::max(
        {longest, at[1].get<uint64_t>() - at[0].get<uint64_t>(), bt[1].get<uint64_t>() - bt[0].get<uint64_t>()});
  }
  EXPECT_EQ(lines.back(),
            fmt::format("{} shared passages between {} and {}, longest {} tokens", list.size(), a, b, longest));
  const auto dir = testing::temp_dir("cli_align_text");
  // A passage across line breaks stays on its line: the breaks read \n.
  const std::string shared = "the quick brown fox jumps over\nthe lazy dog and runs\r\naway into the dark forest";
  testing::write(dir / "a.txt", "First words. " + shared + " then stop.\n");
  testing::write(dir / "b.txt", "Other opening. " + shared + " and more.\n");
  ASSERT_EQ(testing::run(kBin + " align " + (dir / "a.txt").string() + " " + (dir / "b.txt").string() +
                             " --min-len 5 --format text",
                         &text),
            0)
      << text;
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_NE(text.find("over\\nthe lazy dog and runs\\r\\naway"), std::string::npos) << text;
  EXPECT_NE(text.find("\n1 shared passage between "), std::string::npos) << text;
  // No passage: the summary says so.
  testing::write(dir / "x.txt", "completely different words here\n");
  testing::write(dir / "y.txt", "nothing alike at all\n");
  ASSERT_EQ(
      testing::run(kBin + " align " + (dir / "x.txt").string() + " " + (dir / "y.txt").string() + " --format text -o -",
                   &text),
      0);
  EXPECT_EQ(text,
            fmt::format("no shared passage between {} and {}\n", (dir / "x.txt").string(), (dir / "y.txt").string()));
  std::filesystem::remove_all(dir);
}

TEST(ReuseCli, DashWritesTheCsvToStandardOutput) {
  // reuse -o -: the CSV on standard output, the summary on standard error, no file named "-".
  const auto dir = testing::temp_dir("cli_reuse_dash");
  std::string file, out;
  ASSERT_EQ(testing::run(kBin + " reuse " + kLetters + " --min-len 5 -o " + (dir / "r.csv").string(), &file), 0);
  ASSERT_EQ(
      testing::run("(cd " + dir.string() + " && " + kBin + " reuse " + kLetters + " --min-len 5 -o - 2>/dev/null)", &out),
      0);
  EXPECT_EQ(out, testing::slurp(dir / "r.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "-"));
  std::filesystem::remove_all(dir);
}

TEST(ReuseCli, MaskingDropsStockFormulae) {
  // Without masking, letters sharing "the United States of America" are reported; masking
  // n-grams found in 3+ letters removes every passage made only of such formulae.
  const auto dir = testing::temp_dir("cli_reuse");
  std::string out;
  ASSERT_EQ(testing::run(kBin + " reuse " + kLetters + " --min-len 5 -o " + (dir / "r.csv").string(), &out), 0) << out;
  const CsvTable plain = parse_csv(testing::slurp(dir / "r.csv"), "r.csv");
  ASSERT_EQ(plain.header, (std::vector<std::string>{"doc_a", "doc_b", "a_start", "a_end", "b_start", "b_end", "score",
                                                    "a_tokens", "b_tokens", "matches", "a_text", "b_text"}));
  bool stock = false;
  for (const auto& r : plain.rows) stock = stock || r[10].find("United States of America") != std::string::npos;
  EXPECT_TRUE(stock);
  ASSERT_EQ(testing::run(kBin + " reuse " + kLetters + " --min-len 5 --mask-df 3 -o " + (dir / "m.csv").string(), &out),
            0)
      << out;
  const CsvTable masked = parse_csv(testing::slurp(dir / "m.csv"), "m.csv");
  EXPECT_LT(masked.rows.size(), plain.rows.size());
  for (const auto& r : masked.rows) EXPECT_EQ(r[10].find("United States of America"), std::string::npos) << r[10];
  std::filesystem::remove_all(dir);
}

TEST(Kwic, TsvEscape) {
  // Tabs, newlines, carriage returns and backslashes are escaped; nothing else changes.
  EXPECT_EQ(stylokit::tsv_escape("a\tb\nc\rd\\e é"), "a\\tb\\nc\\rd\\\\e é");
}

}  // namespace
}  // namespace stylokit::phrases
