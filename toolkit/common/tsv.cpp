#include "toolkit/common/tsv.h"

#include "toolkit/common/error.h"

namespace stylokit {

std::string tsv_escape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (char c : field) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::string tsv_unescape(std::string_view field, const std::string& where) {
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    STYLOKIT_CHECK(i + 1 < field.size(), DataError, "{}: a lone '\\' at the end of a field", where);
    switch (field[++i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default: throw DataError(fmt::format("{}: unknown escape '\\{}'", where, field[i]));
    }
  }
  return out;
}

}  // namespace stylokit
