#include "toolkit/phrases/kwic.h"

#include "toolkit/common/tsv.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "toolkit/common/error.h"

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

namespace {
std::string_view slice(std::string_view raw, uint64_t b, uint64_t e) {
  STYLOKIT_ASSERT(b <= e && e <= raw.size());
  return raw.substr(b, e - b);
}

// `start` and `end` are the span as printed.
void kwic_tsv(std::string& out, const std::string& doc_id, std::string_view raw, const KwicLine& l,
              std::string_view phrase, uint64_t start, uint64_t end) {
  out += tsv_escape(doc_id);
  out += fmt::format("\t{}\t{}\t", start, end);
  out += tsv_escape(slice(raw, l.left_byte, l.start_byte));
  out += '\t';
  out += tsv_escape(slice(raw, l.start_byte, l.end_byte));
  out += '\t';
  out += tsv_escape(slice(raw, l.end_byte, l.right_byte));
  out += '\t';
  out += tsv_escape(phrase);
  out += '\n';
}

void kwic_jsonl(std::string& out, const std::string& doc_id, std::string_view raw, const KwicLine& l,
                std::string_view phrase, uint64_t start, uint64_t end) {
  nlohmann::ordered_json j;
  j["doc"] = doc_id;
  j["start_byte"] = start;
  j["end_byte"] = end;
  j["token_start"] = l.token_begin;
  j["token_end"] = l.token_end;
  j["left"] = std::string(slice(raw, l.left_byte, l.start_byte));
  j["match"] = std::string(slice(raw, l.start_byte, l.end_byte));
  j["right"] = std::string(slice(raw, l.end_byte, l.right_byte));
  j["phrase"] = std::string(phrase);
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
}

}  // namespace

void append_kwic_tsv(std::string& out, const std::string& doc_id, std::string_view raw, const KwicLine& l,
                     std::string_view phrase) {
  kwic_tsv(out, doc_id, raw, l, phrase, l.start_byte, l.end_byte);
}

void append_kwic_jsonl(std::string& out, const std::string& doc_id, std::string_view raw, const KwicLine& l,
                       std::string_view phrase) {
  kwic_jsonl(out, doc_id, raw, l, phrase, l.start_byte, l.end_byte);
}

void append_kwic_tsv(std::string& out, const Document& doc, const KwicLine& l, std::string_view phrase) {
  kwic_tsv(out, doc.id, doc.raw, l, phrase, doc.file_offset(l.start_byte), doc.file_offset(l.end_byte));
}

void append_kwic_jsonl(std::string& out, const Document& doc, const KwicLine& l, std::string_view phrase) {
  kwic_jsonl(out, doc.id, doc.raw, l, phrase, doc.file_offset(l.start_byte), doc.file_offset(l.end_byte));
}

}  // namespace stylokit::phrases
