// oppose() against stylo's own oppose() on its novels (shared references,
// stylo/novels/5_oppose: Austen's three novels as the primary set, Charlotte Brontë's three as
// the secondary set, craig.zeta / eder.zeta / chisquare.zeta with stylo's defaults), keyness
// against the textbook formulas computed by SciPy, and the refusals.

#include "toolkit/contrast/oppose.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::contrast {
namespace {

namespace fs = std::filesystem;

const fs::path kNovels = fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels";

const pipeline::LoadedCorpus& novels() {
  static const pipeline::LoadedCorpus loaded = [] {
    pipeline::CorpusConfig c;
    c.path = kNovels / "corpus";
    return pipeline::load_corpus(c);
  }();
  return loaded;
}

// The novels in stylo's tokens (tokenizer stylo, English.all: oppose()'s corpus.lang).
const text::TokenCorpus& stylo_tokens() {
  static const pipeline::TokenizedCorpus t = [] {
    pipeline::FeaturesConfig f;
    f.tokenizer = "stylo";
    return pipeline::tokenize(novels().corpus, text::TextOptions{}, f, 0);
  }();
  return t.tokens;
}

std::vector<size_t> docs(const text::TokenCorpus& tc, const std::vector<std::string>& ids) {
  std::vector<size_t> out;
  for (const auto& id : ids)
    for (size_t d = 0; d < tc.documents(); ++d)
      if (tc.doc_ids[d] == id) out.push_back(d);
  EXPECT_EQ(out.size(), ids.size());
  return out;
}

const std::vector<std::string> kAusten = {"Austen_Emma", "Austen_Pride", "Austen_Sense"};
const std::vector<std::string> kBronte = {"CBronte_Jane", "CBronte_Professor", "CBronte_Villette"};

void expect_list(const std::vector<WordScore>& got, const std::string& file) {
  const CsvTable ref = parse_csv(read_file(kNovels / "5_oppose" / file), file);
  const auto word = static_cast<size_t>(ref.column("word")), score = static_cast<size_t>(ref.column("score"));
  ASSERT_EQ(got.size(), ref.rows.size()) << file;
  double worst = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].word, ref.rows[i][word]) << file << " rank " << i + 1;
    worst = std::max(worst, std::abs(got[i].score - std::stod(ref.rows[i][score])));
  }
  EXPECT_LE(worst, 1e-12) << file;
}

void check_stylo(Method method, const std::string& stem) {
  const text::TokenCorpus& tc = stylo_tokens();
  OpposeOptions o;
  o.method = method;
  const OpposeResult r = oppose(tc, docs(tc, kAusten), docs(tc, kBronte), o);
  // stylo's run log: 53 + 40 + 39 primary and 62 + 29 + 64 secondary slices; 12,043 words.
  EXPECT_EQ(r.slices_a, 132u);
  EXPECT_EQ(r.slices_b, 155u);
  EXPECT_EQ(r.words, 12043u);
  EXPECT_EQ(r.dropped_per_text, (std::vector<uint64_t>{1447, 1730, 2600, 213, 1223, 2047}));
  expect_list(r.preferred, "oppose_" + stem + "_words_preferred.csv");
  expect_list(r.avoided, "oppose_" + stem + "_words_avoided.csv");
}

TEST(Oppose, CraigZetaEqualsStylo) {
  check_stylo(Method::kCraig, "craig_zeta");
}

TEST(Oppose, EderZetaEqualsStylo) {
  check_stylo(Method::kEder, "eder_zeta");
}

TEST(Oppose, ChisquareZetaEqualsStylo) {
  check_stylo(Method::kChisquare, "chisquare_zeta");
}

TEST(Oppose, SharesAndCountsAreTheSlicesAndTokens) {
  const text::TokenCorpus& tc = stylo_tokens();
  const OpposeResult r = oppose(tc, docs(tc, kAusten), docs(tc, kBronte), OpposeOptions{});
  ASSERT_FALSE(r.preferred.empty());
  const WordScore& w = r.preferred.front();  // "therefore" in stylo's list
  EXPECT_EQ(w.word, "therefore");
  EXPECT_DOUBLE_EQ(w.share_a, static_cast<double>(w.slices_a) / 132);
  EXPECT_DOUBLE_EQ(w.share_b, static_cast<double>(w.slices_b) / 155);
  uint64_t a = 0;
  for (size_t d : docs(tc, kAusten))
    for (uint64_t t = tc.doc_begin[d]; t < tc.doc_begin[d + 1]; ++t) a += tc.ids[t] == w.id;
  EXPECT_EQ(w.count_a, a);
}

// ---- Keyness against SciPy -------------------------------------------------------------

// A small corpus of id sequences with known counts: word 0 frequent in A, word 1 in B,
// word 2 rare in both, word 3 even, word 5 rare and only in A (Yates's case).
text::TokenCorpus keyness_corpus() {
  std::vector<std::vector<int32_t>> d(4);
  auto put = [&](size_t doc, int32_t id, int n) {
    for (int i = 0; i < n; ++i) d[doc].push_back(id);
  };
  put(0, 0, 40), put(0, 1, 5), put(0, 2, 2), put(0, 3, 30), put(0, 4, 100), put(0, 5, 4);
  put(1, 0, 25), put(1, 1, 3), put(1, 3, 20), put(1, 4, 80), put(1, 2, 1), put(1, 5, 2);
  put(2, 0, 10), put(2, 1, 50), put(2, 2, 4), put(2, 3, 35), put(2, 4, 150);
  put(3, 0, 5), put(3, 1, 30), put(3, 3, 15), put(3, 4, 60);
  return text::token_corpus_from_ids(d);
}

// Runs the Python reference: for each (a, b, target, reference) line, the textbook statistics
// by SciPy — chi2_contingency with and without Yates, the G statistic (lambda_="log-likelihood"),
// and log(a / E) — signed by a − E.
std::vector<std::vector<double>> scipy_keyness(const std::vector<std::array<double, 4>>& rows) {
  const fs::path dir = fs::temp_directory_path() / ("stylokit_keyness_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string in;
  for (const auto& r : rows) in += fmt::format("{} {} {} {}\n", r[0], r[1], r[2], r[3]);
  write_file_atomic(dir / "in.txt", in);
  write_file_atomic(dir / "ref.py", R"(import sys, math
from scipy.stats import chi2_contingency
for line in open(sys.argv[1]):
    a, b, t, r = map(float, line.split())
    c, d = t - a, r - b
    n = a + b + c + d
    e = (a + b) * (a + c) / n
    s = 1.0 if a > e else -1.0
    table = [[a, b], [c, d]]
    yates = chi2_contingency(table, correction=True)[0]
    plain = chi2_contingency(table, correction=False)[0]
    g = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    print(repr(s * yates), repr(s * plain), repr(s * g), repr(math.log(a / e)))
)");
  const std::string cmd = fmt::format("{} {} {} > {}", STYLOKIT_PYTHON, (dir / "ref.py").string(),
                                      (dir / "in.txt").string(), (dir / "out.txt").string());
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<std::vector<double>> out;
  const std::string text = read_file(dir / "out.txt");
  size_t at = 0;
  while (at < text.size()) {
    const size_t nl = text.find('\n', at);
    std::vector<double> v;
    size_t p = at;
    while (p < nl) {
      size_t used = 0;
      v.push_back(std::stod(text.substr(p, nl - p), &used));
      p += used;
      while (p < nl && text[p] == ' ') ++p;
    }
    out.push_back(v);
    at = nl + 1;
  }
  fs::remove_all(dir);
  return out;
}

TEST(Oppose, KeynessEqualsScipy) {
  const text::TokenCorpus tc = keyness_corpus();
  const std::vector<size_t> a = {0, 1}, b = {2, 3};
  OpposeOptions o;
  o.threshold = 0;
  o.rare_threshold = 0;
  struct Variant {
    Method method;
    Correction correction;
    size_t column;
  };
  // Yates's correction as SciPy applies it always; quanteda's default applies it only where an
  // expected cell is below 5 — so "yates" is compared on word 2 (small cells) and "none"
  // everywhere.
  const Variant variants[] = {{Method::kKeynessChi2, Correction::kNone, 1},
                              {Method::kKeynessLr, Correction::kNone, 2},
                              {Method::kKeynessPmi, Correction::kDefault, 3}};
  std::vector<std::array<double, 4>> rows;
  OpposeOptions probe = o;
  probe.method = Method::kKeynessPmi;
  const OpposeResult all = oppose(tc, a, b, probe);
  std::vector<WordScore> words = all.preferred;
  words.insert(words.end(), all.avoided.begin(), all.avoided.end());
  ASSERT_EQ(words.size(), 6u);  // no PMI is exactly 0 here: every word lands on one side
  for (const auto& w : words)
    rows.push_back({static_cast<double>(w.count_a), static_cast<double>(w.count_b), static_cast<double>(all.tokens_a),
                    static_cast<double>(all.tokens_b)});
  const auto ref = scipy_keyness(rows);
  ASSERT_EQ(ref.size(), words.size());
  for (const auto& v : variants) {
    o.method = v.method;
    o.correction = v.correction;
    const OpposeResult r = oppose(tc, a, b, o);
    for (size_t i = 0; i < words.size(); ++i) {
      const WordScore* got = nullptr;
      for (const auto* list : {&r.preferred, &r.avoided})
        for (const auto& w : *list)
          if (w.id == words[i].id) got = &w;
      ASSERT_NE(got, nullptr) << method_name(v.method) << " word " << words[i].word;
      // quanteda adds ε = 1e-9 inside its logarithms: Σ o log(o/e + ε) − Σ o log(o/e) ≈ ε Σ e ≤ εN
      // (a cell with o = 0 adds nothing), so G² sits within 2εN of the textbook's, PMI within εE/a.
      const double n = rows[i][2] + rows[i][3];
      const double e = (rows[i][0] + rows[i][1]) * rows[i][2] / n;
      const double tolerance = v.method == Method::kKeynessLr    ? 2.01e-9 * n
                               : v.method == Method::kKeynessPmi ? 1.01e-9 * e / rows[i][0]
                                                                 : 1e-12 * std::abs(ref[i][v.column]) + 1e-12;
      EXPECT_NEAR(got->score, ref[i][v.column], tolerance) << method_name(v.method) << " word " << words[i].word;
    }
  }
  // Yates's δ = 0.5 where quanteda applies it (|ad − bc| ≥ N/2 and an expected cell below 5:
  // then SciPy's correction, min(0.5, |O − E|), is 0.5 too), none elsewhere.
  o.method = Method::kKeynessChi2;
  o.correction = Correction::kYates;
  const OpposeResult y = oppose(tc, a, b, o);
  int corrected = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const double ca = rows[i][0], cb = rows[i][1], cc = rows[i][2] - ca, cd = rows[i][3] - cb;
    const double n = ca + cb + cc + cd;
    const bool small = (ca + cb) * (ca + cc) / n < 5 || (ca + cb) * (cb + cd) / n < 5 ||
                       (ca + cc) * (cc + cd) / n < 5 || (cc + cd) * (cb + cd) / n < 5;
    const bool applies = std::abs(ca * cd - cb * cc) >= n / 2 && small;
    corrected += applies;
    const WordScore* got = nullptr;
    for (const auto* list : {&y.preferred, &y.avoided})
      for (const auto& w : *list)
        if (w.id == words[i].id) got = &w;
    ASSERT_NE(got, nullptr);
    EXPECT_NEAR(got->score, ref[i][applies ? 0 : 1], 1e-9) << "word " << words[i].word;
  }
  EXPECT_GE(corrected, 1);  // the case is exercised
}

TEST(Oppose, WilliamsScalesChi2AsQuantedaDoes) {
  // quanteda's chisq_lambda divides the denominator by q: the statistic is multiplied by the
  // Williams factor q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1) / (6N).
  const text::TokenCorpus tc = keyness_corpus();
  OpposeOptions o;
  o.threshold = 0;
  o.rare_threshold = 0;
  o.method = Method::kKeynessChi2;
  o.correction = Correction::kNone;
  const OpposeResult plain = oppose(tc, {0, 1}, {2, 3}, o);
  o.correction = Correction::kWilliams;
  const OpposeResult will = oppose(tc, {0, 1}, {2, 3}, o);
  ASSERT_FALSE(plain.preferred.empty());
  const WordScore& p = plain.preferred.front();
  const double a = static_cast<double>(p.count_a), b = static_cast<double>(p.count_b);
  const double c = static_cast<double>(plain.tokens_a) - a, d = static_cast<double>(plain.tokens_b) - b;
  const double n = a + b + c + d;
  const double q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n);
  ASSERT_EQ(will.preferred.front().word, p.word);
  EXPECT_NEAR(will.preferred.front().score, p.score * q, 1e-9 * p.score);
}

// ---- Refusals --------------------------------------------------------------------------

template <typename E>
std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Oppose, RefusesBadGroupsAndShortTexts) {
  const text::TokenCorpus tc = keyness_corpus();
  OpposeOptions o;
  EXPECT_EQ(error_of<ConfigError>([&] { oppose(tc, {}, {1}, o); }), "group_a: a group with no texts");
  EXPECT_EQ(error_of<ConfigError>([&] { oppose(tc, {0}, {}, o); }), "group_b: a group with no texts");
  EXPECT_EQ(error_of<ConfigError>([&] { oppose(tc, {0}, {0}, o); }), "group_b: text 'd0' is in both groups");
  EXPECT_NE(error_of<ConfigError>([&] { oppose(tc, {0}, {9}, o); }).find("group_b: document index 9 out of range"),
            std::string::npos);
  // Document d0 has 177 tokens: shorter than stylo's 3000-token slice.
  EXPECT_EQ(error_of<DataError>([&] { oppose(tc, {0}, {1}, o); }),
            "d0: 181 tokens, shorter than one slice of 3000 (lower --slice or leave the text out)");
  o.slice = 0;
  EXPECT_EQ(error_of<ConfigError>([&] { oppose(tc, {0}, {1}, o); }), "slice: must be at least 1 token");
  o.slice = 10;
  o.threshold = -1;
  EXPECT_EQ(error_of<ConfigError>([&] { oppose(tc, {0}, {1}, o); }), "threshold: a finite number >= 0, got -1");
  EXPECT_EQ(error_of<ConfigError>([] { parse_method("zeta"); }).substr(0, 8), "method: ");
}

}  // namespace
}  // namespace stylokit::contrast
