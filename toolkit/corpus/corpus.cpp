#include "toolkit/corpus/corpus.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace stylokit {

std::string Document::text() const {
  std::string out;
  out.reserve(kept_bytes() + kept.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i && !kept[i].joins_previous) out.push_back('\n');
    out.append(raw, kept[i].begin, kept[i].size());
  }
  return out;
}

uint64_t Document::file_offset(uint64_t offset) const {
  if (file_runs.empty()) return offset;
  auto it = std::upper_bound(file_runs.begin(), file_runs.end(), offset,
                             [](uint64_t o, const OffsetRun& r) { return o < r.text; });
  if (it == file_runs.begin()) return file_runs.front().file;
  const OffsetRun& run = *(it - 1);
  // Characters between the run's start and `offset`: the UTF-8 lead bytes.
  uint64_t chars = 0;
  const uint64_t end = std::min<uint64_t>(offset, raw.size());
  for (uint64_t i = run.text; i < end; ++i) chars += !U8_IS_TRAIL(static_cast<uint8_t>(raw[i]));
  return run.file + chars * run.step;
}

size_t Document::kept_bytes() const {
  size_t n = 0;
  for (const auto& r : kept) n += r.size();
  return n;
}

std::string Document::title() const {
  if (auto it = metadata.find("title"); it != metadata.end() && !it->second.empty()) return it->second;
  constexpr size_t kMax = 120;
  for (const auto& r : kept) {
    size_t pos = r.begin;
    while (pos < r.end) {
      size_t eol = raw.find('\n', pos);
      if (eol == std::string::npos || eol > r.end) eol = r.end;
      size_t b = pos, e = eol;
      auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
      while (b < e && is_space(raw[b])) ++b;
      while (e > b && is_space(raw[e - 1])) --e;
      if (e > b) {
        if (e - b > kMax) {
          e = b + kMax;
          // Back up to a character boundary so the title stays valid UTF-8.
          while (e > b && U8_IS_TRAIL(static_cast<uint8_t>(raw[e]))) --e;
        }
        return raw.substr(b, e - b);
      }
      pos = eol + 1;
    }
  }
  return id;
}

long Corpus::find(const std::string& id) const {
  for (size_t i = 0; i < documents.size(); ++i)
    if (documents[i].id == id) return static_cast<long>(i);
  return -1;
}

std::vector<std::string> Corpus::ids() const {
  std::vector<std::string> out;
  out.reserve(documents.size());
  for (const auto& d : documents) out.push_back(d.id);
  return out;
}

}  // namespace stylokit
