#include "toolkit/phrases/phrase_table.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/progress.h"

namespace stylokit::phrases {
namespace {

std::string num(double x) {
  return std::isfinite(x) ? fmt::format("{:.17g}", x) : std::string();
}

// Value of a sort key: larger first.
double sort_value(const std::string& key, const Phrase& p, const PhraseStats& s) {
  if (key == "count") return static_cast<double>(p.count);
  if (key == "docs") return static_cast<double>(p.docs.size());
  if (key == "length") return static_cast<double>(p.length());
  if (key == "formulaicity") return std::isnan(s.formulaicity) ? -HUGE_VAL : s.formulaicity;
  if (key == "llr") return s.assoc.likelihood_ratio;
  if (key == "pmi") return s.assoc.pmi;
  if (key == "t") return s.assoc.student_t;
  if (key == "chi2") return std::isnan(s.assoc.chi_sq) ? -HUGE_VAL : s.assoc.chi_sq;
  if (key == "dice") return s.assoc.dice;
  throw ConfigError(fmt::format(
      "--sort: expected count, docs, widespread, length, formulaicity, llr, pmi, t, chi2 or dice, got '{}'", key));
}

}  // namespace

void check_sort_key(const std::string& key) {
  if (key == "widespread") return;
  Phrase probe;
  PhraseStats stats;
  (void)sort_value(key, probe, stats);
}

RankedPhrases rank_phrases(const PhraseIndex& index, PhraseList found, const std::string& sort_key) {
  check_sort_key(sort_key);
  RankedPhrases r;
  r.phrases = std::move(found);
  r.stats.resize(r.phrases.size());
  Progress progress("scoring", r.phrases.size(), "phrases");
  for (size_t i = 0; i < r.phrases.size(); ++i) {
    r.stats[i] = phrase_stats(index, r.phrases[i]);
    progress.add();
  }
  progress.finish();
  r.order.resize(r.phrases.size());
  for (size_t i = 0; i < r.order.size(); ++i) r.order[i] = i;
  if (sort_key == "count") return r;  // the mining order already
  const bool widespread = sort_key == "widespread";
  std::vector<double> key(r.phrases.size()), second(r.phrases.size(), 0.0);
  for (size_t i = 0; i < r.phrases.size(); ++i) {
    key[i] = sort_value(widespread ? "docs" : sort_key, r.phrases[i], r.stats[i]);
    if (widespread) second[i] = sort_value("formulaicity", r.phrases[i], r.stats[i]);
  }
  std::stable_sort(r.order.begin(), r.order.end(), [&](size_t a, size_t b) {
    if (key[a] != key[b]) return key[a] > key[b];
    return second[a] > second[b];
  });
  return r;
}

std::string phrases_csv(const text::TokenCorpus& tc, const RankedPhrases& ranked) {
  std::string csv;
  append_csv_row(csv, {"phrase", "length", "count", "docs", "doc_ids", "per_million", "range", "llr", "pmi", "t_score",
                       "chi_sq", "dice", "formulaicity"});
  for (size_t i : ranked.order) {
    const Phrase& p = ranked.phrases[i];
    const PhraseStats& s = ranked.stats[i];
    std::string doc_ids;
    for (uint32_t d : p.docs) {
      if (!doc_ids.empty()) doc_ids += ';';
      doc_ids += tc.doc_ids[d];
    }
    const bool scored = p.length() >= 2;
    append_csv_row(csv, {text::phrase_text(tc, p.tokens.data(), p.length()), std::to_string(p.length()),
                         std::to_string(p.count), std::to_string(p.docs.size()), doc_ids, num(s.per_million),
                         num(s.range), scored ? num(s.assoc.likelihood_ratio) : "", scored ? num(s.assoc.pmi) : "",
                         scored ? num(s.assoc.student_t) : "", scored ? num(s.assoc.chi_sq) : "",
                         scored ? num(s.assoc.dice) : "", scored ? num(s.formulaicity) : ""});
  }
  return csv;
}

}  // namespace stylokit::phrases
