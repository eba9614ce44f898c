// stylo's tokenizer against stylo 0.7.7's own output (../shared/references/stylo/novels/1_tokenize,
// made by txt.to.words.ext() in R; see its run.R), and hand-derived cases of the R rules the
// references do not reach (hyphen runs of 6 and 11, strsplit on an empty match, Latin.corr, CJK).

#include "toolkit/text/stylo_tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"

namespace stylokit::text {
namespace {

namespace fs = std::filesystem;

const fs::path kRef = fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels";
const std::vector<std::string> kNovels = {"ABronte_Agnes",     "ABronte_Tenant",   "Austen_Emma",
                                          "Austen_Pride",      "Austen_Sense",     "CBronte_Jane",
                                          "CBronte_Professor", "CBronte_Villette", "EBronte_Wuthering"};

std::vector<std::string> words(const TokenizedDocument& d) {
  std::vector<std::string> out;
  for (const auto& t : d.tokens) out.emplace_back(d.text(t));
  return out;
}

std::vector<std::string> toks(const std::string& text, StyloOptions o = {}) {
  return words(StyloTokenizer(o).tokenize(text));
}

StyloOptions lang(const std::string& l, bool preserve = false) {
  StyloOptions o;
  o.language = l;
  o.preserve_case = preserve;
  return o;
}

TEST(StyloTokenizer, ReferencesArePresent) {
  ASSERT_TRUE(fs::is_directory(kRef)) << kRef << " is missing: the stylo references are needed by these tests";
}

TEST(StyloTokenizer, EdgeCasesAsStylo) {
  const CsvTable t = parse_csv(read_file(kRef / "1_tokenize" / "tokenizer_edge_cases.csv"), "edge cases");
  ASSERT_EQ(t.rows.size(), 30u);
  for (const auto& row : t.rows) {
    std::string joined;
    for (const auto& w : toks(row[0], lang(row[1]))) joined += (joined.empty() ? "" : " | ") + w;
    EXPECT_EQ(joined, row[2]) << row[1] << ": " << row[0];
  }
}

// Harder strings (stylo's own output on them, tests/data/stylo_letters, made by its run.R): every
// language, with and without preserve.case, and three custom splitting rules.
TEST(StyloTokenizer, ExtraEdgeCasesAsStylo) {
  const fs::path file = fs::path(STYLOKIT_TESTS_DIR) / "data" / "stylo_letters" / "tokenizer_edge_cases_extra.csv";
  const CsvTable t = parse_csv(read_file(file), file.string());
  ASSERT_GT(t.rows.size(), 200u);
  const int in = t.column("input"), lg = t.column("corpus.lang"), pc = t.column("preserve.case"),
            rule = t.column("splitting.rule"), want = t.column("tokens");
  size_t differ = 0, tre_only = 0;
  for (const auto& row : t.rows) {
    StyloOptions o = lang(row[static_cast<size_t>(lg)], row[static_cast<size_t>(pc)] == "TRUE");
    o.splitting_rule = row[static_cast<size_t>(rule)];
    // R's TRE has no \p{...}: in [^\p{L}]+ it reads the five characters \ p { L }, so stylo keeps
    // almost nothing; ICU (documented in stylo_tokenizer.h) reads \p{L} as letters.
    if (o.splitting_rule.find("\\p{") != std::string::npos) {
      ++tre_only;
      continue;
    }
    std::string joined;
    for (const auto& w : toks(row[static_cast<size_t>(in)], o)) joined += (joined.empty() ? "" : " | ") + w;
    if (joined != row[static_cast<size_t>(want)] && ++differ <= 10)
      ADD_FAILURE() << o.language << " preserve " << o.preserve_case << " rule '" << o.splitting_rule
                    << "': " << row[static_cast<size_t>(in)] << "\n  got   " << joined << "\n  stylo "
                    << row[static_cast<size_t>(want)];
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_EQ(tre_only, 16u);
}

struct Variant {
  std::string stem;  // file stem after tokens_
  StyloOptions options;
  std::string count_row;  // variant column of token_counts.csv
};

std::vector<Variant> variants() {
  std::vector<Variant> v;
  for (const auto& n : kNovels) v.push_back({n, lang("English.all"), "English.all"});
  v.push_back({"CBronte_Jane__English", lang("English"), "English"});
  v.push_back({"CBronte_Jane__English.contr", lang("English.contr"), "English.contr"});
  v.push_back({"CBronte_Jane__English.all__preserve.case", lang("English.all", true), "English.all+preserve.case"});
  v.push_back({"CBronte_Jane__English__preserve.case", lang("English", true), "English+preserve.case"});
  return v;
}

std::string novel_of(const std::string& stem) {
  return stem.substr(0, stem.find("__"));
}

TEST(StyloTokenizer, NovelsFirst20000TokensAndFullStreamsAsStylo) {
  const CsvTable counts = parse_csv(read_file(kRef / "1_tokenize" / "token_counts.csv"), "token_counts.csv");
  ASSERT_EQ(counts.rows.size(), 13u);
  testing::TempDir tmp;
  for (const Variant& v : variants()) {
    const std::string raw = read_file(kRef / "corpus" / (novel_of(v.stem) + ".txt"));
    const TokenizedDocument d = StyloTokenizer(v.options).tokenize(raw);
    const std::vector<std::string> got = words(d);
    const std::vector<std::string> want =
        testing::split_lines(read_file(kRef / "1_tokenize" / ("tokens_" + v.stem + ".txt")));
    ASSERT_EQ(want.size(), 20000u) << v.stem;
    ASSERT_GE(got.size(), want.size()) << v.stem;
    for (size_t k = 0; k < want.size(); ++k) ASSERT_EQ(got[k], want[k]) << v.stem << " token " << k;
    // The full stream: count, types and md5 of the tokens joined by '\n' (md5sum, independent).
    std::string all;
    for (const auto& w : got) all += w + "\n";
    testing::write_file(tmp / "stream.txt", all);
    const auto md5 = testing::run_shell("md5sum " + (tmp / "stream.txt").string());
    ASSERT_EQ(md5.exit_code, 0) << md5.err;
    std::vector<std::string> sorted = got;
    std::sort(sorted.begin(), sorted.end());
    const size_t types = static_cast<size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
    bool found = false;
    for (const auto& row : counts.rows) {
      if (row[0] != v.count_row || row[1] != v.stem) continue;
      found = true;
      EXPECT_EQ(std::to_string(got.size()), row[2]) << v.stem;
      EXPECT_EQ(std::to_string(types), row[3]) << v.stem;
      EXPECT_EQ(md5.out.substr(0, 32), row[4]) << v.stem;
    }
    EXPECT_TRUE(found) << v.stem;
  }
}

TEST(StyloTokenizer, SpansAreTheOriginalTextAndNormsStylosTokens) {
  const std::string text = "Don't  say \"John's\"\nO'Brien-like co--op, x------y.";
  const TokenizedDocument d = StyloTokenizer().tokenize(text);
  std::vector<std::string> spans;
  for (const auto& t : d.tokens) spans.push_back(text.substr(t.begin, t.end - t.begin));
  EXPECT_EQ(words(d), (std::vector<std::string>{"don^t", "say", "john^s", "o", "brien-like", "co", "op", "x", "-y"}));
  EXPECT_EQ(spans, (std::vector<std::string>{"Don't", "say", "John's", "O", "Brien-like", "co", "op", "x", "-y"}));
  // Lower-casing that changes the byte length (İ is 2 bytes, i is 1) keeps spans. Lower-casing
  // comes before the split, as in R: Ⱥ (U+023A, in stylo's ranges) lowers to ⱥ (U+2C65, not in
  // them), which then separates.
  const std::string odd =
      "\xC4\xB0stanbul \xC8\xBA"
      "b";
  const TokenizedDocument o = StyloTokenizer().tokenize(odd);
  ASSERT_EQ(o.tokens.size(), 2u);
  EXPECT_EQ(odd.substr(o.tokens[0].begin, o.tokens[0].end - o.tokens[0].begin), "\xC4\xB0stanbul");
  EXPECT_EQ(o.text(o.tokens[0]), "istanbul");  // u_tolower(U+0130) = 'i', as glibc's towlower
  EXPECT_EQ(odd.substr(o.tokens[1].begin), "b");
  EXPECT_EQ(toks("\xC8\xBA"
                 "b",
                 lang("English.all", true)),
            (std::vector<std::string>{"\xC8\xBA"
                                      "b"}));
}

TEST(StyloTokenizer, HyphenRunsAreCutInChunksOfFive) {
  // gsub("[-]{2,5}", " -- ") left to right: 6 = 5 + 1 (the 1 stays on the next word),
  // 7 = 5 + 2, 10 = 5 + 5, 11 = 5 + 5 + 1.
  EXPECT_EQ(toks("a------b"), (std::vector<std::string>{"a", "-b"}));
  EXPECT_EQ(toks("a-------b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(toks("a----------b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(toks("a-----------b"), (std::vector<std::string>{"a", "-b"}));
  EXPECT_EQ(toks("a------ b"), (std::vector<std::string>{"a", "b"}));  // "-" alone: only hyphens, dropped
  EXPECT_EQ(toks("- -- ---"), (std::vector<std::string>{}));
  // English.contr splits every hyphen.
  EXPECT_EQ(toks("a------b", lang("English.contr")), (std::vector<std::string>{"a", "b"}));
}

TEST(StyloTokenizer, ContractionRuleIsOnePassWithTresWordBoundary) {
  EXPECT_EQ(toks("I'd've"), (std::vector<std::string>{"i^d", "ve"}));
  EXPECT_EQ(toks("it's_x it's1 it'sa it's"), (std::vector<std::string>{"it", "s", "x", "it", "s", "it", "sa", "it^s"}));
  EXPECT_EQ(toks("x'll y're z'em w'im"), (std::vector<std::string>{"x^ll", "y^re", "z^em", "w^im"}));
  EXPECT_EQ(toks("\xC3\xA9'd"), (std::vector<std::string>{"\xC3\xA9^d"}));  // é is [[:alpha:]]
  EXPECT_EQ(toks("1's"), (std::vector<std::string>{"s"}));                  // a digit is not
  // Upper-case suffixes do not match with preserve.case; without it they are lowered first.
  EXPECT_EQ(toks("DON'T", lang("English.all", true)), (std::vector<std::string>{"DON", "T"}));
  EXPECT_EQ(toks("DON'T"), (std::vector<std::string>{"don^t"}));
  // A '^' already in the text is a word character for English.all and English.contr only.
  EXPECT_EQ(toks("a^b"), (std::vector<std::string>{"a^b"}));
  EXPECT_EQ(toks("a^b", lang("English")), (std::vector<std::string>{"a", "b"}));
}

TEST(StyloTokenizer, OtherLanguages) {
  // Latin.corr: v -> u, j -> i after lower-casing; '&' is a separator, so & -> et never applies.
  EXPECT_EQ(toks("Vivit Iuppiter & Jovis", lang("Latin.corr")),
            (std::vector<std::string>{"uiuit", "iuppiter", "iouis"}));
  EXPECT_EQ(toks("Vivit", lang("Latin.corr", true)), (std::vector<std::string>{"Viuit"}));
  EXPECT_EQ(toks("Vivit Jovis", lang("Latin")), (std::vector<std::string>{"vivit", "jovis"}));
  // CJK: its own letters, case kept whatever preserve_case says; Greek is not a CJK letter.
  EXPECT_EQ(toks("東京タワー ABC ἀρχή", lang("CJK")), (std::vector<std::string>{"東京タワー", "ABC"}));
  // The default set: Greek, Cyrillic, Hebrew, Georgian letters; × (U+00D7) is inside stylo's
  // range C0-FF, so it is a "letter"; digits and apostrophes separate.
  EXPECT_EQ(toks("Ἀρχὴ Москва שלום 2×3 l'homme", lang("French")),
            (std::vector<std::string>{"ἀρχὴ", "москва", "שלום", "×", "l", "homme"}));
  EXPECT_EQ(toks("ab", lang("polish")), (std::vector<std::string>{"ab"}));  // names are case-insensitive
  EXPECT_THROW(StyloTokenizer(lang("Klingon")), ConfigError);
  try {
    StyloTokenizer(lang("Klingon"));
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("language: unknown stylo language 'Klingon'", 0), 0u) << e.what();
  }
}

TEST(StyloTokenizer, SplittingRuleFollowsRsStrsplit) {
  StyloOptions o;
  o.splitting_rule = "[ ]+";
  // Per line (readLines): a line break ends a token even though the rule does not match it.
  EXPECT_EQ(toks("Ab  c-d\nE'f", o), (std::vector<std::string>{"ab", "c-d", "e'f"}));
  // An empty match at the start of what is left gives one character (strsplit on "").
  o.splitting_rule = "x*";
  EXPECT_EQ(toks("abxxc", o), (std::vector<std::string>{"a", "b", "c"}));
  o.splitting_rule = "[^[:alpha:]]+";
  o.preserve_case = true;
  EXPECT_EQ(toks("Don't stop", o), (std::vector<std::string>{"Don", "t", "stop"}));
  o.splitting_rule = "(";
  try {
    StyloTokenizer bad(o);
    FAIL() << "a bad regex compiled";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("splitting_rule: the regular expression '(' does not compile", 0), 0u)
        << e.what();
  }
}

TEST(StyloTokenizer, TokenPatternTakesTheMatches) {
  StyloOptions o;
  o.token_pattern = "\\p{L}+";
  o.preserve_case = true;
  const std::string text = "Effi's 3 Äpfel—und\nmehr";
  const TokenizedDocument d = StyloTokenizer(o).tokenize(text);
  EXPECT_EQ(words(d), (std::vector<std::string>{"Effi", "s", "Äpfel", "und", "mehr"}));
  EXPECT_EQ(text.substr(d.tokens[2].begin, d.tokens[2].end - d.tokens[2].begin), "Äpfel");
  o.preserve_case = false;
  EXPECT_EQ(toks("Äpfel", o), (std::vector<std::string>{"äpfel"}));
  o.splitting_rule = " ";
  EXPECT_THROW(StyloTokenizer{o}, ConfigError);  // both regexes
  o.splitting_rule.clear();
  o.token_pattern = "[a-";
  EXPECT_THROW(StyloTokenizer{o}, ConfigError);
}

TEST(StyloTokenizer, SentencesAndRanges) {
  const std::string text = "One two. Three\nfour\n\nfive? six";
  const TokenizedDocument d = StyloTokenizer().tokenize(text);
  std::vector<uint32_t> s;
  for (const auto& t : d.tokens) s.push_back(t.sentence);
  EXPECT_EQ(s, (std::vector<uint32_t>{0, 0, 1, 1, 2, 3}));
  EXPECT_EQ(d.sentence_count, 4u);
  // Kept ranges: spans stay in the raw bytes, a range starts a sentence, nothing crosses ranges.
  const std::string raw = "ab cd<x>ef gh";
  const TokenizedDocument r = StyloTokenizer().tokenize(raw, {ByteRange{0, 5}, ByteRange{8, 13}});
  EXPECT_EQ(words(r), (std::vector<std::string>{"ab", "cd", "ef", "gh"}));
  EXPECT_EQ(r.tokens[2].begin, 8u);
  EXPECT_EQ(r.tokens[2].sentence, 1u);
  // Ill-formed UTF-8 separates; it never throws.
  EXPECT_EQ(toks("a\xFF"
                 "b\xC3"),
            (std::vector<std::string>{"a", "b"}));
}

TEST(StyloTokenizer, CopiesAreIndependentAndDeterministic) {
  StyloOptions o;
  o.splitting_rule = "\\s+";
  const StyloTokenizer a(o);
  const StyloTokenizer b(a);
  EXPECT_EQ(words(a.tokenize("x y z")), words(b.tokenize("x y z")));
  EXPECT_EQ(b.options(), a.options());
}

}  // namespace
}  // namespace stylokit::text
