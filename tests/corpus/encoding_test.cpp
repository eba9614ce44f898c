// Reading UTF-16 (with a byte-order mark) and legacy encodings: the decoded text equals the
// UTF-8 original, offsets map back to the file's bytes, and bad input gives one clear line.
// The UTF-16 and Windows-1252 fixtures are encoded here by hand (not with ICU, which is what
// the loader uses), so the test does not check ICU against itself.

#include "toolkit/corpus/encoding.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tests/test_util.h"
#include "toolkit/corpus/loaders.h"

using namespace stylokit;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Code points of well-formed UTF-8.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += n;
  }
  return out;
}

// UTF-16 of well-formed UTF-8, little- or big-endian, with an optional byte-order mark.
std::string utf16(std::string_view utf8, bool little, bool bom) {
  std::string out;
  auto unit = [&](uint16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little ? std::string{lo, hi} : std::string{hi, lo};
  };
  if (bom) unit(0xFEFF);
  for (char32_t c : code_points(utf8)) {
    if (c < 0x10000) {
      unit(static_cast<uint16_t>(c));
    } else {
      c -= 0x10000;
      unit(static_cast<uint16_t>(0xD800 + (c >> 10)));
      unit(static_cast<uint16_t>(0xDC00 + (c & 0x3FF)));
    }
  }
  return out;
}

// A text with ASCII, Latin-1, a BMP symbol, CJK and a character outside the BMP, on several
// lines (CRLF included).
const std::string kText = "It’s a café in Zürich — 5 € only.\r\nSecond line: 東京 and 😀 too.\nThird line.\n";

Corpus load_one(const std::string& name, const std::string& bytes, LoadOptions opt = {}) {
  TempDir dir;
  write_file(dir / name, bytes);
  return load_corpus(dir.path(), opt);
}

}  // namespace

// UTF-16LE and UTF-16BE with a byte-order mark load without any option, as the UTF-8 text;
// every character's offset maps to its offset in the file (2 bytes of mark, then 2 or 4 bytes
// per character).
TEST(Encoding, Utf16WithBomReadsAsTheUtf8Original) {
  for (bool little : {true, false}) {
    const std::string file = utf16(kText, little, true);
    Corpus c = load_one("t.txt", file);
    ASSERT_EQ(c.size(), 1u);
    const Document& d = c.documents[0];
    EXPECT_EQ(d.raw, kText);
    EXPECT_EQ(d.kept, (std::vector<ByteRange>{{0, kText.size()}}));
    EXPECT_EQ(d.encoding, little ? "utf-16le (BOM)" : "utf-16be (BOM)");
    uint64_t u8 = 0, f = 2;
    for (char32_t cp : code_points(kText)) {
      ASSERT_EQ(d.file_offset(u8), f) << "at UTF-8 offset " << u8;
      u8 += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      f += cp < 0x10000 ? 2 : 4;
    }
    EXPECT_EQ(d.file_offset(d.raw.size()), file.size());
  }
}

// A UTF-16 file without a byte-order mark is refused with a line saying what it looks like and
// what to pass; with that encoding it loads.
TEST(Encoding, Utf16WithoutBomIsNamedAndReadWithTheEncoding) {
  for (bool little : {true, false}) {
    TempDir dir;
    write_file(dir / "t.txt", utf16("Plain English text, no mark.\n", little, false));
    const std::string e = error_of([&] { load_corpus(dir.path(), {}); });
    EXPECT_TRUE(contains(e, "t.txt: looks like UTF-16 without a byte-order mark")) << e;
    EXPECT_TRUE(contains(e, little ? "as in UTF-16LE" : "as in UTF-16BE")) << e;
    EXPECT_TRUE(contains(e, "pass --encoding utf-16le or --encoding utf-16be")) << e;
    LoadOptions opt;
    opt.encoding = little ? "utf-16le" : "utf-16be";
    Corpus c = load_corpus(dir.path(), opt);
    EXPECT_EQ(c.documents[0].raw, "Plain English text, no mark.\n");
    EXPECT_EQ(c.documents[0].encoding, opt.encoding);
    EXPECT_EQ(c.documents[0].file_offset(6), 12u);  // "English" starts at character 6
  }
}

// Windows-1252: 0x92 is ’, 0xE9 é, 0x80 €, 0xFC ü (one byte each in the file).
TEST(Encoding, Windows1252ReadsAsItsUtf8Version) {
  const std::string cp1252 = "It\x92s a caf\xE9 in Z\xFCrich \x80 5.\n";
  const std::string utf8 = "It’s a café in Zürich € 5.\n";
  LoadOptions opt;
  opt.encoding = "windows-1252";
  Corpus c = load_one("w.txt", cp1252, opt);
  const Document& d = c.documents[0];
  EXPECT_EQ(d.raw, utf8);
  EXPECT_EQ(d.encoding, "windows-1252");
  // One byte per character in the file: a character's file offset is its index.
  uint64_t u8 = 0, index = 0;
  for (char32_t cp : code_points(utf8)) {
    ASSERT_EQ(d.file_offset(u8), index);
    u8 += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    ++index;
  }
  EXPECT_EQ(d.file_offset(d.raw.size()), cp1252.size());
  // "café" sliced from the file with the mapped span is the file's bytes of that word.
  const size_t b = utf8.find("café"), e = b + std::string("café").size();
  EXPECT_EQ(cp1252.substr(d.file_offset(b), d.file_offset(e) - d.file_offset(b)), "caf\xE9");
  // The same bytes read as UTF-8 are invalid.
  EXPECT_TRUE(contains(error_of([&] { load_one("w.txt", cp1252); }), "w.txt: invalid UTF-8 at byte 2"));
}

// A byte-order mark wins over the option: a UTF-8 file with a mark reads as UTF-8 under
// windows-1252, a UTF-16 one under iso-8859-2.
TEST(Encoding, ByteOrderMarkWinsOverTheOption) {
  LoadOptions opt;
  opt.encoding = "windows-1252";
  Corpus c = load_one("b.txt",
                      "\xEF\xBB\xBF"
                      "caf\xC3\xA9",
                      opt);
  EXPECT_EQ(c.documents[0].encoding, "utf-8 (BOM)");
  EXPECT_EQ(c.documents[0].kept, (std::vector<ByteRange>{{3, 8}}));
  EXPECT_TRUE(c.documents[0].file_runs.empty());  // the file is raw: offsets are the file's
  opt.encoding = "iso-8859-2";
  Corpus c16 = load_one("b.txt", utf16("café", true, true), opt);
  EXPECT_EQ(c16.documents[0].raw, "café");
  EXPECT_EQ(c16.documents[0].encoding, "utf-16le (BOM)");
}

// An unknown encoding is one ConfigError naming the option and the name, before any file is read.
TEST(Encoding, UnknownEncodingIsAConfigError) {
  LoadOptions opt;
  opt.encoding = "latin-99";
  const std::string e = error_of([&] { load_one("a.txt", "text", opt); });
  EXPECT_EQ(e.rfind("encoding: unknown encoding 'latin-99'", 0), 0u) << e;
  EXPECT_THROW(check_encoding("no-such-charset"), ConfigError);
  EXPECT_NO_THROW(check_encoding("koi8-r"));
  EXPECT_TRUE(is_utf8_encoding("UTF8"));
  EXPECT_FALSE(is_utf8_encoding("utf-16le"));
}

// An undecodable byte is reported with the file and its byte offset, under the bad-input
// policy: fail stops, skip leaves the file out, warn keeps it with U+FFFD for the bad byte.
TEST(Encoding, UndecodableBytesFollowTheBadInputPolicy) {
  TempDir dir;
  write_file(dir / "a.txt", "good text\n");
  write_file(dir / "b.txt", "naive caf\xE9 text\n");  // 0xE9 at byte 9 is not US-ASCII
  LoadOptions opt;
  opt.encoding = "us-ascii";
  const std::string e = error_of([&] { load_corpus(dir.path(), opt); });
  EXPECT_TRUE(contains(e, "b.txt: invalid us-ascii at byte 9 (use --on-bad-input")) << e;
  opt.policy = BadInputPolicy::kSkip;
  Corpus skipped = load_corpus(dir.path(), opt);
  ASSERT_EQ(skipped.size(), 1u);
  ASSERT_EQ(skipped.issues.size(), 1u);
  EXPECT_EQ(skipped.issues[0].problem, "invalid us-ascii at byte 9");
  EXPECT_EQ(skipped.issues[0].action, "skipped");
  opt.policy = BadInputPolicy::kWarn;
  Corpus warned = load_corpus(dir.path(), opt);
  ASSERT_EQ(warned.size(), 2u);
  EXPECT_EQ(warned.documents[1].raw, "naive caf\uFFFD text\n");
  EXPECT_EQ(warned.documents[1].file_offset(9), 9u);
  EXPECT_EQ(warned.documents[1].file_offset(12), 10u);  // after the 3-byte U+FFFD: the file's next byte
  EXPECT_EQ(warned.issues[0].action, "kept (bad bytes read as U+FFFD)");

  // A lone UTF-16 surrogate and a truncated last unit, with their file offsets.
  std::string lone = utf16("ab", true, true) + std::string("\x00\xD8", 2) + utf16("c", true, false);
  EXPECT_TRUE(contains(error_of([&] { load_one("s.txt", lone); }), "s.txt: invalid utf-16le at byte 6")) << lone.size();
  EXPECT_TRUE(contains(error_of([&] { load_one("t.txt", utf16("abc", false, true) + "x"); }),
                       "t.txt: invalid utf-16be at byte 8"));
  // Shift_JIS: 0x81 must be followed by a trail byte, not a space.
  opt.policy = BadInputPolicy::kFail;
  opt.encoding = "shift_jis";
  EXPECT_TRUE(contains(error_of([&] { load_one("j.txt", "abc\x81 def", opt); }), "j.txt: invalid shift_jis at byte 3"));
}

// A decoded file that holds a NUL character or only white space is refused like a UTF-8 one.
TEST(Encoding, DecodedBinaryAndEmptyFiles) {
  EXPECT_TRUE(contains(error_of([&] { load_one("n.txt", utf16(std::string("ab\0cd", 5), true, true)); }),
                       "n.txt: binary file (NUL character at byte 6)"));
  EXPECT_TRUE(contains(error_of([&] { load_one("e.txt", utf16(" \n ", true, true)); }), "e.txt: empty document"));
}

// JSONL and CSV files are decoded as a whole; offsets stay those of the text field.
TEST(Encoding, JsonlAndCsvFilesAreDecodedWhole) {
  TempDir dir;
  write_file(dir / "c.csv", "id,text\nd1,caf\xE9 cr\xE8me\n");
  LoadOptions opt;
  opt.encoding = "windows-1252";
  Corpus c = load_corpus(dir / "c.csv", opt);
  EXPECT_EQ(c.documents[0].raw, "café crème");
  EXPECT_EQ(c.documents[0].encoding, "windows-1252");
  write_file(dir / "j.jsonl", utf16("{\"id\": \"x\", \"text\": \"Zürich 😀\"}\n", false, true));
  Corpus j = load_corpus(dir / "j.jsonl", {});
  EXPECT_EQ(j.documents[0].raw, "Zürich 😀");
  EXPECT_EQ(j.documents[0].encoding, "utf-16be (BOM)");
  write_file(dir / "n.csv", utf16("id,text\nd1,plain\n", true, false));
  EXPECT_TRUE(
      contains(error_of([&] { load_corpus(dir / "n.csv", {}); }), "looks like UTF-16 without a byte-order mark"));
}

// The heuristic does not fire on ordinary text or on binary data with scattered NULs.
TEST(Encoding, Utf16HeuristicNeedsNulsOnOneSide) {
  EXPECT_EQ(looks_like_utf16(utf16("Hello world", true, false)), "utf-16le");
  EXPECT_EQ(looks_like_utf16(utf16("Hello world", false, false)), "utf-16be");
  EXPECT_EQ(looks_like_utf16("Hello world"), std::nullopt);
  EXPECT_EQ(looks_like_utf16(std::string("\x7f"
                                         "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                         16)),
            std::nullopt);
}

// Multi-byte and stateful encodings: the text is what Python's codecs give for these bytes
// (the bytes were made with Python's str.encode), and every character boundary of the text
// maps to a file offset whose prefix of the file decodes to exactly the text before it (the
// map never cuts a character, and escape sequences stay with the text they switch).
TEST(Encoding, MultiByteAndStatefulEncodingsMapEveryBoundary) {
  struct Case {
    std::string encoding, bytes, text;
  };
  const std::vector<Case> cases = {
      {"shift_jis", "\x93\xFA\x96\x7B\x8C\xEA\x20\x61\x6E\x64\x20\xB6\xC0\xB6\xC5\x20\x74\x65\x78\x74",
       "日本語 and ｶﾀｶﾅ text"},
      {"koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4\x2C\x20\xCD\xC9\xD2", "Привет, мир"},
      {"iso-2022-jp",
       "\x61\x62\x63\x20\x1B\x24\x42\x46\x7C\x4B\x5C\x1B\x28\x42\x20\x64\x65\x66\x20\x1B\x24\x42\x38\x6C\x1B\x28\x42",
       "abc 日本 def 語"},
  };
  for (const auto& c : cases) {
    LoadOptions opt;
    opt.encoding = c.encoding;
    Corpus corpus = load_one("m.txt", c.bytes, opt);
    const Document& d = corpus.documents[0];
    ASSERT_EQ(d.raw, c.text) << c.encoding;
    EXPECT_EQ(d.file_offset(d.raw.size()), c.bytes.size()) << c.encoding;
    uint64_t previous = 0;
    for (size_t u = 0; u <= d.raw.size(); ++u) {
      if (u < d.raw.size() && (static_cast<unsigned char>(d.raw[u]) & 0xC0) == 0x80) continue;
      const uint64_t f = d.file_offset(u);
      ASSERT_GE(f, previous) << c.encoding << " at " << u;
      previous = f;
      EXPECT_EQ(decode_to_utf8(c.bytes.substr(0, f), c.encoding).text, d.raw.substr(0, u)) << c.encoding << " at " << u;
    }
  }
}
