#include "toolkit/corpus/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <memory>

#include <fmt/format.h>

#include "toolkit/common/error.h"

namespace stylokit {
namespace {

struct CloseConverter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, CloseConverter>;

Converter open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter c(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !c) {  // an ambiguous alias is only a warning, and usable
    throw ConfigError(
        fmt::format("encoding: unknown encoding '{}' (any ICU converter name: utf-8, utf-16le, "
                    "utf-16be, windows-1252, iso-8859-2, koi8-r, shift_jis, ...)",
                    name));
  }
  return c;
}

// Characters of a run share one file length; a run is cut after this many so that
// Document::file_offset scans little.
constexpr uint32_t kRunChars = 256;

}  // namespace

bool is_utf8_encoding(const std::string& name) {
  Converter c = open_converter(name);
  UErrorCode status = U_ZERO_ERROR;
  const char* canonical = ucnv_getName(c.get(), &status);
  return U_SUCCESS(status) && ucnv_compareNames(canonical, "UTF-8") == 0;
}

void check_encoding(const std::string& name) {
  open_converter(name);
}

std::optional<ByteOrderMark> detect_bom(std::string_view b) {
  auto starts = [&](std::string_view mark) { return b.substr(0, mark.size()) == mark; };
  using namespace std::string_view_literals;
  // UTF-32LE's mark begins with UTF-16LE's: test it first.
  if (starts("\xFF\xFE\0\0"sv)) return ByteOrderMark{"utf-32le", 4};
  if (starts("\0\0\xFE\xFF"sv)) return ByteOrderMark{"utf-32be", 4};
  if (starts("\xEF\xBB\xBF"sv)) return ByteOrderMark{"utf-8", 3};
  if (starts("\xFF\xFE"sv)) return ByteOrderMark{"utf-16le", 2};
  if (starts("\xFE\xFF"sv)) return ByteOrderMark{"utf-16be", 2};
  return std::nullopt;
}

std::optional<std::string> looks_like_utf16(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size(), size_t{1} << 16) / 2 * 2;
  if (n < 2) return std::nullopt;
  size_t even = 0, odd = 0;  // NUL bytes at even and odd offsets
  for (size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  const size_t units = n / 2;
  // Two NULs at least: a lone one is no pattern.
  if (odd >= 2 && odd * 4 >= units && even * 20 <= units) return std::string("utf-16le");
  if (even >= 2 && even * 4 >= units && odd * 20 <= units) return std::string("utf-16be");
  return std::nullopt;
}

Decoded decode_to_utf8(std::string_view bytes, const std::string& encoding, size_t skip) {
  Converter cnv = open_converter(encoding);
  // ICU reports source offsets as int32_t.
  STYLOKIT_CHECK(bytes.size() < (size_t{1} << 31), DataError,
                 "file of {} bytes: too large to decode from {} (2 GiB at most)", bytes.size(), encoding);
  UErrorCode status = U_ZERO_ERROR;
  // Stop at each undecodable sequence, so that its offset is known; it then reads as U+FFFD.
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) throw InternalError(fmt::format("internal error: ICU converter: {}", u_errorName(status)));

  Decoded out;
  // UTF-16 output with, for each unit, the file offset of the bytes it came from.
  std::vector<UChar> units(bytes.size() - skip + 16);
  std::vector<int32_t> offsets(units.size());
  size_t written = 0;
  const char* const begin = bytes.data();
  const char* src = begin + skip;
  const char* const end = begin + bytes.size();
  for (;;) {
    UChar* target = units.data() + written;
    const char* call_start = src;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.data() + units.size(), &src, end, offsets.data() + written, true, &e);
    const size_t now = static_cast<size_t>(target - units.data());
    // Offsets are relative to this call's source; -1 marks a unit from state carried over.
    for (size_t i = written; i < now; ++i)
      offsets[i] = offsets[i] < 0 ? static_cast<int32_t>(call_start - begin)
                                  : offsets[i] + static_cast<int32_t>(call_start - begin);
    written = now;
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      units.resize(units.size() * 2);
      offsets.resize(units.size());
      continue;
    }
    if (U_FAILURE(e)) {
      if (e != U_INVALID_CHAR_FOUND && e != U_ILLEGAL_CHAR_FOUND && e != U_TRUNCATED_CHAR_FOUND &&
          e != U_ILLEGAL_ESCAPE_SEQUENCE && e != U_UNSUPPORTED_ESCAPE_SEQUENCE)
        throw InternalError(fmt::format("internal error: ICU converter {}: {}", encoding, u_errorName(e)));
      char bad[32];
      int8_t bad_length = sizeof bad;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv.get(), bad, &bad_length, &e2);
      if (U_FAILURE(e2)) bad_length = 0;
      const size_t at = static_cast<size_t>(src - begin) - static_cast<size_t>(bad_length);
      if (!out.first_error) out.first_error = at;
      if (written == units.size()) {
        units.resize(units.size() * 2);
        offsets.resize(units.size());
      }
      units[written] = 0xFFFD;
      offsets[written] = static_cast<int32_t>(at);
      ++written;
      if (src < end) continue;
    }
    break;
  }

  // UTF-8 text and its runs: each code point's file length is where the next one starts.
  out.text.reserve(written + written / 2);
  uint32_t run_chars = 0;
  size_t i = 0;
  while (i < written) {
    const size_t first = i;
    UChar32 c;
    U16_NEXT(units.data(), i, written, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;  // an unpaired surrogate from a UTF-16 file
    const uint64_t file = static_cast<uint64_t>(offsets[first]);
    const uint64_t next = i < written ? static_cast<uint64_t>(offsets[i]) : bytes.size();
    const uint32_t step = next > file ? static_cast<uint32_t>(next - file) : 0;
    if (out.runs.empty() || out.runs.back().step != step || run_chars == kRunChars) {
      out.runs.push_back({out.text.size(), file, step});
      run_chars = 0;
    }
    ++run_chars;
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.text.append(buf, static_cast<size_t>(len));
  }
  out.runs.push_back({out.text.size(), bytes.size(), 0});  // the end of the text is the end of the file
  return out;
}

}  // namespace stylokit
