#pragma once
// Excerpts: the text of a byte span of a document as a reader should see it. Every excerpt
// the toolkit prints (KWIC contexts, reuse and alignment passages, report tables) is made
// here, so no output shows bytes that cleaning removed.
//
// Contract. An excerpt of [begin, end) is the bytes of Document::raw in that span which
// lie in Document::kept, in order; each maximal stretch of the span outside `kept` is
// skipped. In a hard gap (a line, title or byline that cleaning removed) it is written as
// one kCutMark ("…", U+2026) in its place, so a context that crosses a removed line still
// shows the kept tokens on both sides, and the mark says that something stood between them.
// In a soft gap (a tag that markup removal took out, see Gaps in corpus.h) nothing is
// written: `for<hi>tune</hi>` reads "fortune", as in stylo. A span wholly inside
// `kept` is raw.substr(begin, end - begin), unchanged. Byte offsets reported next to an
// excerpt stay offsets into raw. O(log ranges + span bytes); thread-safe (reads only).

#include <cstdint>
#include <string>
#include <string_view>

#include "toolkit/corpus/corpus.h"

namespace stylokit {

// What stands in an excerpt for bytes that cleaning removed (a hard gap).
inline constexpr std::string_view kCutMark = "\u2026";

// Appends the excerpt of doc.raw[begin, end) to `out`. Requires begin <= end <= raw.size().
void append_excerpt(const Document& doc, uint64_t begin, uint64_t end, std::string& out);

// The excerpt of doc.raw[begin, end) as a new string.
std::string excerpt(const Document& doc, uint64_t begin, uint64_t end);

}  // namespace stylokit
