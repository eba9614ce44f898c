// The scikit-learn analyzer pieces (toolkit/text/sklearn_tokenizer.h): hand-checked tables,
// and every code point against /usr/bin/python3's own \w, isspace() and lower().

#include "toolkit/text/sklearn_tokenizer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/features/test_util.h"

namespace stylokit::text {
namespace {

using features::testing::TempDir;

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out;
  python_lower_append(s, out);
  return out;
}

std::vector<std::string> words(std::string_view text) {
  const std::string low = lower(text);
  std::vector<ByteSpan> spans;
  sklearn_word_spans(low, spans);
  std::vector<std::string> out;
  for (auto s : spans) out.push_back(low.substr(s.begin, s.end - s.begin));
  return out;
}

// str.lower() of hand-checked strings: full mappings and the Final_Sigma context.
TEST(SklearnTokenizer, LowerMatchesPythonOnSpecialCases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"ABC_Def 123", "abc_def 123"},
      {"ΟΔΟΣ", "οδος"},                  // final sigma
      {"Σ", "σ"},                        // alone: not final
      {"ΟΔΟΣ.", "οδος."},
      {"ΣΑΣ ΣΑΣ", "σας σας"},
      {"ΑΣΒ", "ασβ"},                    // medial
      {"\u0130", "i\u0307"},             // İ → i + combining dot above (full mapping)
      {"STRASSE ß", "strasse ß"},
      {"ǅ", "ǆ"},                        // title case letter
      {"ΑΣ'Β", "ασ'β"},                  // apostrophe is case-ignorable: sigma stays medial
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(lower(in), want) << in;
}

// Tokens are maximal runs of Python-\w code points of length >= 2, after lower-casing.
TEST(SklearnTokenizer, WordSpansFollowTheTokenPattern) {
  EXPECT_EQ(words("Hello, World!"), (std::vector<std::string>{"hello", "world"}));
  EXPECT_EQ(words("a b cd e"), (std::vector<std::string>{"cd"}));
  EXPECT_EQ(words(""), std::vector<std::string>{});
  EXPECT_EQ(words("   \n\t "), std::vector<std::string>{});
  EXPECT_EQ(words("don't stop_me now"), (std::vector<std::string>{"don", "stop_me", "now"}));
  EXPECT_EQ(words("na\u00efve"), (std::vector<std::string>{"na\u00efve"}));          // precomposed ï is a letter
  EXPECT_EQ(words("nai\u0308ve"), (std::vector<std::string>{"nai", "ve"}));          // a combining mark is not \w
  EXPECT_EQ(words("x\u00b2 \u0663\u0664 \u2167x"), (std::vector<std::string>{"x\u00b2", "\u0663\u0664", "\u2177x"}));
  EXPECT_EQ(words("\u6f22\u5b57 a\U0001F600b"), (std::vector<std::string>{"\u6f22\u5b57"}));
  EXPECT_EQ(words("4,000 3.14"), (std::vector<std::string>{"000", "14"}));
}

// re.sub(r"\s\s+", " ") and str.split() with Python's white space.
TEST(SklearnTokenizer, WhiteSpaceHandling) {
  auto collapse = [](std::string_view s) {
    std::string out;
    collapse_python_spaces_append(s, out);
    return out;
  };
  EXPECT_EQ(collapse("a  b"), "a b");
  EXPECT_EQ(collapse("a\nb"), "a\nb");  // a single white-space character stays as it is
  EXPECT_EQ(collapse("a \n b\t"), "a b\t");
  EXPECT_EQ(collapse("a\u00a0\u00a0b\u00a0c"), "a b\u00a0c");
  EXPECT_EQ(collapse("\u3000\u2003x"), " x");
  std::vector<ByteSpan> spans;
  const std::string t = "  ab c\u3000d\u00a0\u0085e\x1f" "f  ";
  python_split_spans(t, spans);
  std::vector<std::string> parts;
  for (auto s : spans) parts.push_back(t.substr(s.begin, s.end - s.begin));
  EXPECT_EQ(parts, (std::vector<std::string>{"ab", "c", "d", "e", "f"}));
  std::vector<uint32_t> offsets;
  code_point_offsets("a\u00e9\u6f22\U0001F600", offsets);
  EXPECT_EQ(offsets, (std::vector<uint32_t>{0, 1, 3, 6, 10}));
  offsets.clear();
  code_point_offsets("a\xff" "b", offsets);  // an ill-formed byte is one code point
  EXPECT_EQ(offsets, (std::vector<uint32_t>{0, 1, 2, 3}));
}

// Every code point: \w, isspace() and lower() equal Python's, except code points Python's
// Unicode 14 database does not know (ICU 72 has Unicode 15).
TEST(SklearnTokenizer, EveryCodePointMatchesPython) {
  TempDir dir;
  const auto out = dir / "unicode.txt";
  const auto r = features::testing::run_command(features::testing::python() + " " +
                                                features::testing::shell_quote(features::testing::script("reference_unicode.py")) +
                                                " " + features::testing::shell_quote(out.string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  struct Py {
    bool word = false, space = false, unassigned = false;
    std::string lower;  // UTF-8, empty = unchanged
  };
  std::map<char32_t, Py> py;
  std::istringstream in(features::testing::read_text(out));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("python-unicode", 0) == 0) continue;
    std::istringstream ls(line);
    std::string hex, flags, low;
    ls >> hex >> flags >> low;
    Py p;
    p.word = flags.find('w') != std::string::npos;
    p.space = flags.find('s') != std::string::npos;
    p.unassigned = flags.find('u') != std::string::npos;
    if (flags.find('l') != std::string::npos) {
      std::istringstream cs(low);
      std::string part;
      while (std::getline(cs, part, ',')) p.lower += utf8(static_cast<char32_t>(std::stoul(part, nullptr, 16)));
    }
    py[static_cast<char32_t>(std::stoul(hex, nullptr, 16))] = p;
  }
  ASSERT_GT(py.size(), 100000u);
  size_t checked = 0, mismatches = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    auto it = py.find(c);
    const Py p = it == py.end() ? Py{} : it->second;
    if (p.unassigned) continue;
    ++checked;
    const std::string s = utf8(c);
    const std::string want_lower = p.lower.empty() ? s : p.lower;
    const bool ok = is_python_word(c) == p.word && is_python_space(c) == p.space && lower(s) == want_lower;
    if (!ok && ++mismatches <= 20)
      ADD_FAILURE() << std::hex << "U+" << static_cast<uint32_t>(c) << ": word " << is_python_word(c) << " vs "
                    << p.word << ", space " << is_python_space(c) << " vs " << p.space << ", lower differs "
                    << (lower(s) != want_lower);
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(checked, 280000u);
}

}  // namespace
}  // namespace stylokit::text
