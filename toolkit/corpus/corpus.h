#pragma once
// The corpus stage: documents as loaded from disk, before any text processing.
//
// Data contract. A Document keeps the bytes it was read from (`raw`: a whole .txt file,
// or the text field of a JSONL/CSV record) unchanged, so every byte offset reported
// downstream (tokens, KWIC lines, aligned passages) slices `raw` — and, for .txt
// corpora, the original file — exactly. Cleaning never edits `raw`: it narrows
// `kept`, the ordered, non-overlapping byte ranges of `raw` that analyses read.
// A Corpus is an ordered list of documents with unique ids; its order (sorted paths
// for folders, file order for JSONL/CSV) is the row order of every matrix.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "toolkit/common/error.h"

namespace stylokit {

// Half-open byte range [begin, end) into a Document's raw bytes.
struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const ByteRange&) const = default;
};

struct Document {
  std::string id;                               // unique: relative path without .txt, or the id field
  std::string source;                           // where it came from: "path" or "path:line"
  std::string raw;                              // the original bytes, never modified
  std::vector<ByteRange> kept;                  // what analyses read (all of raw minus a BOM by default)
  std::map<std::string, std::string> metadata;  // joined metadata and extra JSONL/CSV fields

  // The kept ranges joined by '\n': the cleaned text. Allocates.
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
  std::string origin;                        // the path it was loaded from
  std::vector<Document> documents;           // in corpus order
  std::vector<std::string> metadata_columns; // union of metadata keys, in first-seen order
  std::vector<LoadIssue> issues;             // warnings from the load (policy warn or skip)

  size_t size() const { return documents.size(); }
  // Index of the document with this id, or -1. O(n).
  long find(const std::string& id) const;
  // The documents' ids, in corpus order.
  std::vector<std::string> ids() const;
};

}  // namespace stylokit
