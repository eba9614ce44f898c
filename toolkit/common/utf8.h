#pragma once
// UTF-8 checks shared by the loaders and the text stage.

#include <cstddef>
#include <optional>
#include <string_view>

namespace stylokit {

// Byte offset of the first ill-formed UTF-8 sequence (overlong forms, surrogates,
// code points above U+10FFFF and truncated sequences are ill-formed), or nullopt when
// `bytes` is well-formed. O(n); ASCII runs are skipped eight bytes at a time.
std::optional<size_t> find_invalid_utf8(std::string_view bytes);

// Offset of the first NUL byte, the mark of a binary file, or nullopt.
std::optional<size_t> find_nul_byte(std::string_view bytes);

// True when the bytes hold nothing but Unicode white space (or are empty).
// Expects well-formed UTF-8.
bool is_blank_utf8(std::string_view bytes);

// Length of a UTF-8 byte-order mark at the start of `bytes` (3 or 0).
size_t utf8_bom_length(std::string_view bytes);

}  // namespace stylokit
