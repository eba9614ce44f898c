#include "toolkit/phrases/kwic.h"

#include "toolkit/common/tsv.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "toolkit/common/error.h"
#include "toolkit/corpus/excerpt.h"

namespace stylokit::phrases {

std::vector<KwicLine> kwic_lines(const text::TokenCorpus& tc, const Phrase& phrase, uint32_t window) {
  std::vector<KwicLine> out;
  out.reserve(phrase.occurrences.size());
  for (const Occurrence& occ : phrase.occurrences) {
    const uint64_t first = tc.doc_begin[occ.doc], last = tc.doc_begin[occ.doc + 1];
    const uint64_t b = occ.token, e = occ.token + phrase.length();
    STYLOKIT_ASSERT(b >= first && e <= last);
    KwicLine line;
    line.doc = occ.doc;
    line.token_begin = b - first;
    line.token_end = e - first;
    line.start_byte = tc.byte_begin[b];
    line.end_byte = tc.byte_end[e - 1];
    const uint64_t lb = b - std::min<uint64_t>(window, b - first);
    const uint64_t re = std::min<uint64_t>(last, e + window);
    line.left_byte = tc.byte_begin[lb];
    line.right_byte = tc.byte_end[re - 1];
    out.push_back(line);
  }
  return out;
}

KwicTexts kwic_texts(const Document& doc, const KwicLine& l) {
  return {excerpt(doc, l.left_byte, l.start_byte), excerpt(doc, l.start_byte, l.end_byte),
          excerpt(doc, l.end_byte, l.right_byte)};
}

void append_kwic_tsv(std::string& out, const std::string& doc_id, const Document& doc, const KwicLine& l,
                     std::string_view phrase) {
  const KwicTexts t = kwic_texts(doc, l);
  out += tsv_escape(doc_id);
  out += fmt::format("\t{}\t{}\t", doc.file_offset(l.start_byte), doc.file_offset(l.end_byte));
  out += tsv_escape(t.left);
  out += '\t';
  out += tsv_escape(t.match);
  out += '\t';
  out += tsv_escape(t.right);
  out += '\t';
  out += tsv_escape(phrase);
  out += '\n';
}

void append_kwic_jsonl(std::string& out, const std::string& doc_id, const Document& doc, const KwicLine& l,
                       std::string_view phrase) {
  KwicTexts t = kwic_texts(doc, l);
  nlohmann::ordered_json j;
  j["doc"] = doc_id;
  j["start_byte"] = doc.file_offset(l.start_byte);
  j["end_byte"] = doc.file_offset(l.end_byte);
  j["token_start"] = l.token_begin;
  j["token_end"] = l.token_end;
  j["left"] = std::move(t.left);
  j["match"] = std::move(t.match);
  j["right"] = std::move(t.right);
  j["phrase"] = std::string(phrase);
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

}  // namespace stylokit::phrases
