#include "toolkit/corpus/excerpt.h"

#include <algorithm>

namespace stylokit {

void append_excerpt(const Document& doc, uint64_t begin, uint64_t end, std::string& out) {
  STYLOKIT_ASSERT(begin <= end && end <= doc.raw.size());
  if (begin == end) return;
  // kept is ordered and non-overlapping: the first range that ends after `begin`.
  auto it = std::upper_bound(doc.kept.begin(), doc.kept.end(), begin,
                             [](uint64_t b, const ByteRange& r) { return b < r.end; });
  uint64_t pos = begin;
  // A stretch outside `kept` lies in the gap before `it`: marked unless that gap is soft.
  for (; it != doc.kept.end() && it->begin < end; ++it) {
    const uint64_t a = std::max<uint64_t>(it->begin, begin);
    const uint64_t b = std::min<uint64_t>(it->end, end);
    if (a >= b) continue;
    if (a > pos && !it->joins_previous) out += kCutMark;
    out.append(doc.raw, a, b - a);
    pos = b;
  }
  if (pos < end && !(it != doc.kept.end() && it->joins_previous)) out += kCutMark;
}

std::string excerpt(const Document& doc, uint64_t begin, uint64_t end) {
  std::string out;
  append_excerpt(doc, begin, end, out);
  return out;
}

}  // namespace stylokit
