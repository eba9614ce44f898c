// `stylokit` end to end on UTF-16 and Windows-1252 corpora and on markup: the same matrices
// as the UTF-8 original, KWIC spans that slice the original files, `info`'s encodings, and
// bad input as one line. Fixtures are encoded by hand here (not with ICU).

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "tests/test_util.h"

using namespace stylokit::testing;

namespace {

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

size_t lines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

// Windows-1252 <-> UTF-8 for the few characters the fixtures use beyond ASCII.
const std::vector<std::pair<std::string, char>> kCp1252 = {{"é", '\xE9'}, {"è", '\xE8'}, {"û", '\xFB'}, {"ü", '\xFC'},
                                                           {"’", '\x92'}, {"€", '\x80'}, {"—", '\x97'}};

std::string to_cp1252(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    bool mapped = false;
    for (const auto& [u, c] : kCp1252)
      if (utf8.compare(i, u.size(), u) == 0) {
        out += c;
        i += u.size();
        mapped = true;
        break;
      }
    if (!mapped) {
      EXPECT_LT(static_cast<unsigned char>(utf8[i]), 0x80u) << "fixture character without a mapping";
      out += utf8[i++];
    }
  }
  return out;
}

std::string from_cp1252(const std::string& bytes) {
  std::string out;
  for (char b : bytes) {
    bool mapped = false;
    for (const auto& [u, c] : kCp1252)
      if (b == c) {
        out += u;
        mapped = true;
      }
    if (!mapped) out += b;
  }
  return out;
}

// UTF-16LE of UTF-8 (BMP only, enough for the fixtures), and back.
std::string to_utf16le(const std::string& s, bool bom) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
    unsigned c = n == 1 ? b : n == 2 ? b & 0x1F : b & 0x0F;
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
    i += n;
  }
  return out;
}

std::string from_utf16le(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const unsigned c = static_cast<unsigned char>(bytes[i]) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

const std::vector<std::string> kDocs = {
    "It’s a café in Zürich — 5 € only.\nThe café crème brûlée was fine.\n",
    "Another letter: the café crème brûlée again, and the café crème brûlée once more.\n",
    "A third text — no dessert here, only the café.\n"};

// Writes the documents in an encoding into a new folder.
void write_corpus(const std::filesystem::path& dir, const std::function<std::string(const std::string&)>& encode) {
  for (size_t i = 0; i < kDocs.size(); ++i) write_file(dir / fmt::format("d{}.txt", i), encode(kDocs[i]));
}

std::vector<std::vector<std::string>> tsv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::vector<std::string> cells;
    size_t p = 0;
    for (;;) {
      size_t tab = line.find('\t', p);
      cells.push_back(line.substr(p, tab == std::string::npos ? std::string::npos : tab - p));
      if (tab == std::string::npos) break;
      p = tab + 1;
    }
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

// UTF-16LE with a mark (no option) and Windows-1252 (--encoding) give the matrix, terms and
// documents of the UTF-8 original, byte for byte.
TEST(CliEncoding, SameMatrixAsTheUtf8Original) {
  TempDir tmp;
  write_corpus(tmp / "utf8", [](const std::string& s) { return s; });
  write_corpus(tmp / "utf16", [](const std::string& s) { return to_utf16le(s, true); });
  write_corpus(tmp / "cp1252", [](const std::string& s) { return to_cp1252(s); });
  // Each matrix is written as out/<name>/m.mtx, so that the files' own names inside match.
  auto run = [&](const std::string& name, const std::string& extra) {
    std::filesystem::create_directories(tmp / "out" / name);
    auto r = run_stylokit("vectorize " + shell_quote((tmp / name).string()) + " -o " +
                          shell_quote((tmp / "out" / name / "m.mtx").string()) + extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
  };
  run("utf8", "");
  run("utf16", "");
  run("cp1252", " --encoding windows-1252");
  for (const char* ext : {".mtx", ".terms.tsv", ".docs.tsv"}) {
    const std::string file = std::string("m") + ext;
    const std::string want = slurp(tmp / "out" / "utf8" / file);
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(slurp(tmp / "out" / "utf16" / file), want) << ext;
    EXPECT_EQ(slurp(tmp / "out" / "cp1252" / file), want) << ext;
  }
  EXPECT_TRUE(contains(slurp(tmp / "out" / "utf8" / "m.terms.tsv"), "brûlée"));
}

// KWIC spans are offsets into the original file: slicing the file with them and decoding the
// slice gives the match column, in UTF-16 and Windows-1252 alike.
TEST(CliEncoding, KwicSpansSliceTheOriginalFile) {
  struct Case {
    std::string name, option;
    std::function<std::string(const std::string&)> encode, decode;
  };
  const std::vector<Case> cases = {
      {"utf16", "", [](const std::string& s) { return to_utf16le(s, true); }, from_utf16le},
      {"cp1252", " --encoding windows-1252", to_cp1252, from_cp1252},
      {"utf8", "", [](const std::string& s) { return s; }, [](const std::string& s) { return s; }}};
  for (const auto& c : cases) {
    TempDir tmp;
    write_corpus(tmp / "corpus", c.encode);
    auto r = run_stylokit("phrases " + shell_quote((tmp / "corpus").string()) + c.option + " --min-len 3 -o " +
                          shell_quote((tmp / "p.csv").string()) + " --kwic " + shell_quote((tmp / "k.tsv").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto rows = tsv_rows(slurp(tmp / "k.tsv"));
    ASSERT_GE(rows.size(), 4u) << c.name;  // the header and three occurrences of "café crème brûlée"
    size_t checked = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
      const auto& row = rows[i];
      ASSERT_EQ(row.size(), 7u);
      const std::string file = slurp(tmp / "corpus" / (row[0] + ".txt"));
      const size_t b = std::stoul(row[1]), e = std::stoul(row[2]);
      ASSERT_LE(e, file.size());
      EXPECT_EQ(c.decode(file.substr(b, e - b)), row[4]) << c.name << " " << row[0] << " " << b << "-" << e;
      checked += contains(row[4], "café crème brûlée");
    }
    EXPECT_EQ(checked, 3u) << c.name;
  }
}

// Reuse passages: a_start/a_end and b_start/b_end slice each original file (here a UTF-16 and
// a Windows-1252 one) to the passage texts printed beside them.
TEST(CliEncoding, ReuseSpansSliceTheOriginalFiles) {
  const std::string shared = "the café crème brûlée was served to über guests at noon every single Sunday in Zürich";
  TempDir tmp;
  write_file(tmp / "c/a.txt", to_utf16le("First text — " + shared + ". Then nothing else.\n", true));
  write_file(tmp / "c/b.txt", to_cp1252("Other words entirely — " + shared + ". And an end.\n"));
  auto r = run_stylokit("reuse " + shell_quote((tmp / "c").string()) + " --encoding windows-1252 -o " +
                        shell_quote((tmp / "r.csv").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(tmp / "r.csv");
  const std::string row = csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1);
  std::vector<std::string> cells;  // the fixture's texts hold no comma or quote
  for (size_t p = 0;;) {
    size_t c = row.find(',', p);
    cells.push_back(row.substr(p, c == std::string::npos ? std::string::npos : c - p));
    if (c == std::string::npos) break;
    p = c + 1;
  }
  ASSERT_EQ(cells.size(), 12u) << csv;
  EXPECT_EQ(cells[0], "a");
  EXPECT_TRUE(contains(cells[10], "café crème brûlée")) << cells[10];
  const std::string a = slurp(tmp / "c/a.txt"), b = slurp(tmp / "c/b.txt");
  const size_t as = std::stoul(cells[2]), ae = std::stoul(cells[3]), bs = std::stoul(cells[4]),
               be = std::stoul(cells[5]);
  EXPECT_EQ(from_utf16le(a.substr(as, ae - as)), cells[10]);
  EXPECT_EQ(from_cp1252(b.substr(bs, be - bs)), cells[11]);
  EXPECT_EQ(as % 2, 0u);  // a UTF-16 unit boundary, after the 2-byte mark
}

// Cleaning removals listed by info are spans of the original file too.
TEST(CliEncoding, CleaningRemovalSpansAreFileOffsets) {
  TempDir tmp;
  const std::string text = "Café society — a title\nRéad: 1031 views\nThe body of the text.\n";
  write_file(tmp / "c/a.txt", to_utf16le(text, true));
  write_file(tmp / "rules.toml", "[[rule]]\nname = \"counter\"\nkind = \"line\"\npattern = \"Réad: \\\\d+ views\"\n");
  auto r = run_stylokit("info " + shell_quote((tmp / "c").string()) + " --clean " +
                        shell_quote((tmp / "rules.toml").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // "Café society — a title\n" is 23 characters: the line starts at 2 + 46 and, with its
  // newline, takes 17 characters.
  EXPECT_TRUE(contains(r.out, "a: [counter] bytes 48-82: Réad: 1031 views")) << r.out;
  EXPECT_EQ(from_utf16le(slurp(tmp / "c/a.txt").substr(48, 34)), "Réad: 1031 views\n");
}

// info names each file's encoding; an unknown encoding and a UTF-16 file without a mark are
// one line each.
TEST(CliEncoding, InfoAndBadInput) {
  TempDir tmp;
  write_file(tmp / "c/a.txt", kDocs[0]);
  write_file(tmp / "c/b.txt", to_utf16le(kDocs[1], true));
  write_file(tmp / "c/c.txt", "\xEF\xBB\xBF" + kDocs[2]);
  auto info = run_stylokit("info " + shell_quote((tmp / "c").string()));
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_TRUE(contains(info.out, "encoding\n")) << info.out;
  EXPECT_TRUE(contains(info.out, fmt::format("{} {:>8}  utf-16le (BOM)\n", to_utf16le(kDocs[1], true).size(), 0)))
      << info.out;
  EXPECT_TRUE(contains(info.out, "  utf-8 (BOM)\n")) << info.out;
  EXPECT_TRUE(contains(info.out, "  utf-8\n")) << info.out;

  auto unknown = run_stylokit("info " + shell_quote((tmp / "c").string()) + " --encoding latin-99");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_EQ(lines(unknown.err), 1u) << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "--encoding: unknown encoding 'latin-99'")) << unknown.err;

  write_file(tmp / "c/d.txt", to_utf16le("no mark here", false));
  auto nobom = run_stylokit("info " + shell_quote((tmp / "c").string()));
  EXPECT_EQ(nobom.exit_code, 1);
  EXPECT_EQ(lines(nobom.err), 1u) << nobom.err;
  EXPECT_TRUE(contains(nobom.err, "d.txt: looks like UTF-16 without a byte-order mark")) << nobom.err;
  auto skip = run_stylokit("info " + shell_quote((tmp / "c").string()) + " --on-bad-input skip");
  EXPECT_EQ(skip.exit_code, 0);
  EXPECT_TRUE(contains(skip.err, "d.txt: looks like UTF-16")) << skip.err;

  auto ascii = run_stylokit("info " + shell_quote((tmp / "c").string()) + " --encoding us-ascii");
  EXPECT_EQ(ascii.exit_code, 1);
  EXPECT_EQ(lines(ascii.err), 1u) << ascii.err;
  EXPECT_TRUE(contains(ascii.err, "a.txt: invalid us-ascii at byte 2")) << ascii.err;  // ’ starts at byte 2
}

// --markup through the CLI: the TEI header, notes and tags do not reach the vocabulary, and an
// unclosed tag is a warning, not an error.
TEST(CliMarkup, XmlVocabularyAndWarning) {
  TempDir tmp;
  write_file(
      tmp / "c/a.txt",
      "<teiHeader><title>Secret</title></teiHeader>\n<text><p>Alpha beta<note>gamma</note> delta</p>\n</text>\n");
  write_file(tmp / "c/b.txt", "<p>Alpha <note>open note</p>");
  auto r = run_stylokit("vectorize " + shell_quote((tmp / "c").string()) + " --markup xml -o " +
                        shell_quote((tmp / "m.mtx").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "b.txt: markup does not parse: <note without </note> at byte 9")) << r.err;
  const std::string terms = slurp(tmp / "m.terms.tsv");
  for (const char* w : {"alpha", "beta", "delta", "open", "note"}) EXPECT_TRUE(contains(terms, w)) << w << terms;
  for (const char* w : {"secret", "gamma", "teiheader", "title", "p\t"}) EXPECT_FALSE(contains(terms, w)) << w << terms;
  auto bad = run_stylokit("info " + shell_quote((tmp / "c").string()) + " --markup tei");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "--markup: expected plain, xml, xml.drama, xml.notitles or html, got 'tei'"))
      << bad.err;
}

// A removed tag is read as nothing, as stylo reads it: `for<hi>tune</hi>` is the term
// "fortune" under both tokenizers, and a KWIC context across an inline tag shows no "…",
// while one across a line that cleaning removed still does.
TEST(CliMarkup, TagsJoinWordsAndExcerpts) {
  TempDir tmp;
  write_file(tmp / "c/a.txt",
             "<p>the slings and arrows of outrageous for<hi>tune</hi> and <hi>more</hi> words</p>\n"
             "<p>PAGE 12</p>\nthe slings and arrows again\n");
  write_file(tmp / "c/b.txt", "<p>the slings and arrows of outrageous fortune and more words</p>\n");
  write_file(tmp / "rules.toml", "[[rule]]\nname = \"page\"\nkind = \"line\"\npattern = \".*PAGE \\\\d+.*\"\n");
  for (const char* tokenizer : {"icu", "sklearn"}) {
    auto r = run_stylokit("vectorize " + shell_quote((tmp / "c").string()) + " --markup xml --tokenizer " + tokenizer +
                          " -o " + shell_quote((tmp / "m.mtx").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string terms = slurp(tmp / "m.terms.tsv");
    EXPECT_TRUE(contains(terms, "\nfortune\t")) << tokenizer << terms;
    EXPECT_FALSE(contains(terms, "\ntune\t")) << tokenizer << terms;
    EXPECT_FALSE(contains(terms, "\nfor\t")) << tokenizer << terms;
  }
  auto r = run_stylokit("phrases " + shell_quote((tmp / "c").string()) + " --markup xml --clean " +
                        shell_quote((tmp / "rules.toml").string()) + " --min-len 4 --kwic-window 20 -o " +
                        shell_quote((tmp / "p.csv").string()) + " --kwic " + shell_quote((tmp / "k.tsv").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = tsv_rows(slurp(tmp / "k.tsv"));
  size_t across_tag = 0, across_cut = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][0] != "a") continue;
    const std::string line = rows[i][3] + rows[i][4] + rows[i][5];
    EXPECT_FALSE(contains(line, "PAGE")) << line;
    EXPECT_FALSE(contains(line, "<")) << line;
    if (contains(line, "outrageous fortune and more words")) ++across_tag;
    if (contains(line, "\u2026")) ++across_cut;
  }
  EXPECT_GT(across_tag, 0u) << slurp(tmp / "k.tsv");
  EXPECT_GT(across_cut, 0u) << slurp(tmp / "k.tsv");
}
