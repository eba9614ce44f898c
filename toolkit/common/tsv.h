#pragma once
// TSV field escaping shared by every TSV stylokit writes (Matrix Market side files, KWIC):
// backslash, tab, newline and carriage return become \\ \t \n \r, so a field never
// breaks a row and the original bytes come back exactly.

#include <string>
#include <string_view>

namespace stylokit {

// Escapes a field. O(n).
std::string tsv_escape(std::string_view field);

// Undoes tsv_escape; throws DataError naming `where` on a bad or dangling escape. O(n).
std::string tsv_unescape(std::string_view field, const std::string& where);

}  // namespace stylokit
