#pragma once
// Mined phrases with their statistics, ranked by a key users choose, and the phrases CSV
// that `stylokit phrases` and experiment runs write (one format for both).

#include <string>
#include <vector>

#include "toolkit/phrases/association.h"
#include "toolkit/phrases/phrase_index.h"

namespace stylokit::phrases {

struct RankedPhrases {
  PhraseList phrases;              // as mined (count desc, length desc, text)
  std::vector<PhraseStats> stats;  // same order as phrases
  std::vector<size_t> order;       // indices into phrases, best first
};

// Sort keys, larger first; ties keep the mining order, so the order is total:
//   count, docs, length, formulaicity, llr, pmi, t, chi2, dice, and
//   widespread = documents first, then formulaicity (the report's "most formulaic").
// Throws ConfigError naming --sort for any other key.
void check_sort_key(const std::string& key);

// Scores every phrase (phrase_stats) and orders them by `sort_key`. O(P L^2 log N).
RankedPhrases rank_phrases(const PhraseIndex& index, PhraseList found, const std::string& sort_key);

// The phrases CSV in `order`: phrase,length,count,docs,doc_ids,per_million,range,llr,pmi,
// t_score,chi_sq,dice,formulaicity (doc_ids ';'-separated; scores of 1-token phrases and
// undefined scores are empty cells; numbers with 17 significant digits).
std::string phrases_csv(const text::TokenCorpus& tc, const RankedPhrases& ranked);

}  // namespace stylokit::phrases
