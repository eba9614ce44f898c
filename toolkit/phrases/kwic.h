#pragma once
// Key word in context: each occurrence of a phrase with its left and right context, as
// byte spans of the document's raw bytes (for .txt corpora: the original file), so
// raw.substr(start_byte, end_byte - start_byte) is exactly the matched text. The texts
// written for a line are excerpts (toolkit/corpus/excerpt.h): bytes that cleaning removed
// inside a context are skipped and shown as one "…".

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/corpus/corpus.h"
#include "toolkit/phrases/phrase_index.h"

namespace stylokit::phrases {

struct KwicLine {
  uint32_t doc = 0;            // document index
  uint64_t token_begin = 0;    // token span within the document [begin, end)
  uint64_t token_end = 0;
  uint64_t start_byte = 0;     // byte span of the match in the document's raw bytes
  uint64_t end_byte = 0;
  uint64_t left_byte = 0;      // where the left context starts (window tokens before)
  uint64_t right_byte = 0;     // where the right context ends (window tokens after)
};

// One line per occurrence of `phrase` (which must carry occurrences), in occurrence order.
// `window` tokens of context on each side, never crossing the document. O(occurrences).
std::vector<KwicLine> kwic_lines(const text::TokenCorpus& tc, const Phrase& phrase, uint32_t window);

// Appends "doc\tstart_byte\tend_byte\tleft\tmatch\tright\tphrase\n" for a line of `doc`;
// doc_id is the id written (the document's id, or a display name). The printed spans are
// offsets into the file the document was read from (Document::file_offset; the same numbers
// as the raw spans for a UTF-8 file); the texts are UTF-8 excerpts.
void append_kwic_tsv(std::string& out, const std::string& doc_id, const Document& doc, const KwicLine& line,
                     std::string_view phrase);

// The header matching append_kwic_tsv.
inline constexpr const char* kKwicTsvHeader = "doc\tstart_byte\tend_byte\tleft\tmatch\tright\tphrase\n";

// Appends one JSON object per line (JSONL) with the same fields plus token spans.
void append_kwic_jsonl(std::string& out, const std::string& doc_id, const Document& doc, const KwicLine& line,
                       std::string_view phrase);

// The left context, the match and the right context of a line of `doc`, as excerpts.
struct KwicTexts {
  std::string left, match, right;
};
KwicTexts kwic_texts(const Document& doc, const KwicLine& line);

}  // namespace stylokit::phrases
