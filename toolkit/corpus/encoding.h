#pragma once
// Reading text that is not UTF-8: byte-order marks, legacy encodings through ICU converters,
// and UTF-16 files that lack a byte-order mark.
//
// The text stage reads UTF-8, so a decoded document's `raw` is its UTF-8 transcoding and
// Document::file_runs maps offsets in that text back to offsets in the file (see corpus.h).
// A byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) names the encoding and wins over the
// `encoding` option, as it does for Python's utf-8-sig and .NET's StreamReader: a mark is
// an unambiguous signature, a legacy text starting with the bytes FF FE is not plausible.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"

namespace stylokit {

// True when `name` is an ICU alias of UTF-8 ("utf-8", "UTF8", "utf_8"): such files are read
// as they are, without a converter. Throws ConfigError "encoding: unknown encoding 'x' ..."
// when ICU has no converter of that name.
bool is_utf8_encoding(const std::string& name);

// Throws the ConfigError of is_utf8_encoding for an unknown name; does nothing otherwise.
void check_encoding(const std::string& name);

// The encoding a byte-order mark at the start of `bytes` names ("utf-8", "utf-16le",
// "utf-16be", "utf-32le", "utf-32be") and the mark's length; nullopt without one.
struct ByteOrderMark {
  std::string encoding;
  size_t length = 0;
};
std::optional<ByteOrderMark> detect_bom(std::string_view bytes);

// "utf-16le" or "utf-16be" when `bytes` look like UTF-16 without a byte-order mark: in the
// first 64 KiB, at least a quarter of the 2-byte units hold a NUL byte on one side and
// almost none on the other (Latin text in UTF-16LE is "H\0e\0l\0..."). nullopt otherwise.
std::optional<std::string> looks_like_utf16(std::string_view bytes);

// A file decoded to UTF-8.
struct Decoded {
  std::string text;                   // UTF-8; undecodable bytes read as U+FFFD
  std::vector<OffsetRun> runs;        // text offset -> file offset (Document::file_runs)
  std::optional<size_t> first_error;  // file offset of the first undecodable byte
};

// Decodes bytes[skip..] with the ICU converter `encoding` (the bytes before `skip`, a
// byte-order mark, are left out of the text; file offsets count them). O(n). Thread-safe
// (each call opens its own converter). Throws ConfigError for an unknown encoding.
Decoded decode_to_utf8(std::string_view bytes, const std::string& encoding, size_t skip = 0);

}  // namespace stylokit
