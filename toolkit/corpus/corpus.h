#pragma once
// The corpus stage: documents as loaded from disk, before any text processing.
//
// Data contract. A Document keeps the text it was read from (`raw`: a whole .txt file,
// or the text field of a JSONL/CSV record) unchanged, so every byte offset reported
// downstream (tokens, KWIC lines, aligned passages) slices `raw` exactly. Cleaning and
// markup removal never edit `raw`: they narrow `kept`, the ordered, non-overlapping byte
// ranges of `raw` that analyses read.
//
// Gaps. The bytes between two consecutive kept ranges are a *hard* gap (text removed by
// cleaning rules, or a BOM: the text on either side is separate, and a sentence ends there)
// or a *soft* one (a tag that markup removal took out: stylo replaces a tag by nothing, so
// the text on either side reads as one, `for<hi>tune</hi>` as "fortune"). A range records
// which in `joins_previous`. A gap that both kinds of removal touched is hard.
//
// Encodings. `raw` is UTF-8. A UTF-8 file (with or without a byte-order mark) is `raw`
// byte for byte, so offsets into `raw` are offsets into the file. A file in another
// encoding (a UTF-16 byte-order mark, or the `encoding` option) is decoded: `raw` is its
// UTF-8 transcoding and `file_runs` maps offsets in `raw` back to the file. Every byte
// span an output prints (KWIC and phrase occurrences, reuse passages, cleaning removals,
// `info`) is file_offset(offset): an offset into the original file's bytes, so a user can
// slice the file with it, whatever its encoding. The text shown beside a span is UTF-8.
// For JSONL/CSV records, offsets are into the record's text field as UTF-8 (the file is
// decoded as a whole first), as they always were.
// A Corpus is an ordered list of documents with unique ids; its order (sorted paths
// for folders, file order for JSONL/CSV) is the row order of every matrix.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "toolkit/common/error.h"

namespace stylokit {

// Half-open byte range [begin, end) into a Document's raw bytes.
struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
  // In Document::kept: the gap before this range is soft (see Gaps above), so this range's
  // text continues the previous range's with nothing between. Always false for the first
  // range and for ranges that are not kept ranges.
  bool joins_previous = false;
  size_t size() const { return end - begin; }
  bool operator==(const ByteRange&) const = default;
};

// A stretch of a decoded document in which every character takes `step` bytes of the file:
// the character starting at text offset `text` starts at file offset `file`.
struct OffsetRun {
  uint64_t text = 0;
  uint64_t file = 0;
  uint32_t step = 0;
  bool operator==(const OffsetRun&) const = default;
};

struct Document {
  std::string id;                               // unique: relative path without .txt, or the id field
  std::string source;                           // where it came from: "path" or "path:line"
  std::string raw;                              // the text as UTF-8 (see Encodings), never modified
  std::vector<ByteRange> kept;                  // what analyses read (all of raw minus a BOM by default)
  std::map<std::string, std::string> metadata;  // joined metadata and extra JSONL/CSV fields
  std::string encoding = "utf-8";               // how the file was read: "utf-8", "utf-8 (BOM)",
                                                // "utf-16le (BOM)", "windows-1252" (the option's name)
  std::vector<OffsetRun> file_runs;             // decoded files: runs sorted by text offset, the
                                                // last one at raw.size(); empty: raw is the file

  // Offset in the file of the character at `offset` in raw (a character boundary, or
  // raw.size() for the end of the file). The identity for UTF-8 files. O(log runs) plus at
  // most a run's length (256 characters) of UTF-8 scanning.
  uint64_t file_offset(uint64_t offset) const;

  // The kept ranges joined by '\n' at hard gaps and by nothing at soft ones: the cleaned
  // text. Allocates.
  std::string text() const;
  // Total bytes in the kept ranges.
  size_t kept_bytes() const;
  // metadata["title"] when present, else the first non-blank kept line (at most 120 bytes,
  // cut at a character boundary).
  std::string title() const;
};

// A problem found in one input while loading, and what the policy did about it.
struct LoadIssue {
  std::string id;       // the document id when known, else ""
  std::string source;   // file (and line) it concerns
  std::string problem;  // e.g. "invalid UTF-8 at byte 1234"
  std::string action;   // "kept", "skipped"
};

struct Corpus {
  std::string origin;                         // the path it was loaded from
  std::vector<Document> documents;            // in corpus order
  std::vector<std::string> metadata_columns;  // union of metadata keys, in first-seen order
  std::vector<LoadIssue> issues;              // warnings from the load (policy warn or skip)

  size_t size() const { return documents.size(); }
  // Index of the document with this id, or -1. O(n).
  long find(const std::string& id) const;
  // The documents' ids, in corpus order.
  std::vector<std::string> ids() const;
};

}  // namespace stylokit
