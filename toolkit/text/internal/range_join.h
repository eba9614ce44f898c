#pragma once
// Internal to the text stage: the chains of kept ranges that read as one text.
//
// Markup removal leaves soft gaps between kept ranges (ByteRange::joins_previous, see Gaps
// in toolkit/corpus/corpus.h): stylo replaces a tag by nothing, so `for<hi>tune</hi>` is
// one word. A *chain* is a maximal run of ranges each joined to the one before by a soft
// gap. Any segmentation (the ICU tokenizer, a stylo-style splitter) reads a chain as one
// contiguous text and maps the offsets it finds back to raw bytes:
//
//   text::detail::RangeJoin join;
//   for (size_t r = 0; r < ranges.size();) {
//     r = join.next_chain(bytes, ranges, r);
//     std::string_view text = join.text();     // segment this
//     uint64_t b = join.map_back(start);       // raw offset of text[start]
//     uint64_t e = join.map_back_end(end);     // raw end of a span ending at text[end - 1]
//   }
//
// A chain of one range is bytes[range] itself (no copy; map_back adds range.begin). A longer
// chain is copied into a buffer the RangeJoin reuses, so a RangeJoin allocates only when a
// chain is longer than any before. A span that crosses a gap maps to the raw begin of its
// first byte and the raw end of its last, so it covers the removed tag too. O(chain bytes)
// per chain, O(log pieces) per map_back. Not thread-safe: one RangeJoin per thread.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/common/error.h"
#include "toolkit/corpus/corpus.h"

namespace stylokit::text::detail {

class RangeJoin {
 public:
  // Reads the chain that starts at ranges[from] (from < ranges.size()), whatever that
  // range's own joins_previous says; returns the index of the range after the chain.
  // Requires every range to lie inside `bytes`.
  size_t next_chain(std::string_view bytes, std::span<const ByteRange> ranges, size_t from) {
    STYLOKIT_ASSERT(from < ranges.size());
    size_t to = from + 1;
    while (to < ranges.size() && ranges[to].joins_previous) ++to;
    starts_.clear();
    raw_.clear();
    if (to == from + 1) {
      const ByteRange& r = ranges[from];
      STYLOKIT_ASSERT(r.begin <= r.end && r.end <= bytes.size());
      text_ = bytes.substr(r.begin, r.size());
      starts_.push_back(0);
      raw_.push_back(r.begin);
      return to;
    }
    buf_.clear();
    for (size_t k = from; k < to; ++k) {
      const ByteRange& r = ranges[k];
      STYLOKIT_ASSERT(r.begin <= r.end && r.end <= bytes.size());
      if (r.size() == 0) continue;
      starts_.push_back(buf_.size());
      raw_.push_back(r.begin);
      buf_.append(bytes.substr(r.begin, r.size()));
    }
    if (starts_.empty()) {  // only empty ranges
      starts_.push_back(0);
      raw_.push_back(ranges[from].begin);
    }
    text_ = buf_;
    return to;
  }

  // The chain's text: bytes[range] for one range, the ranges' bytes back to back otherwise.
  std::string_view text() const { return text_; }
  // Whether text() is a copy (the chain has more than one non-empty range).
  bool joined() const { return starts_.size() > 1; }

  // The raw offset of text()[offset]; offset == text().size() gives the raw end of the
  // last range.
  uint64_t map_back(size_t offset) const {
    if (starts_.size() == 1) return raw_[0] + offset;
    if (offset >= text_.size() && offset > 0) return map_back(offset - 1) + 1;
    const size_t k =
        static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
    return raw_[k] + (offset - starts_[k]);
  }
  // The raw end of a span of text() that ends (exclusive) at `end` > 0: one past the raw
  // offset of its last byte, so a span ending at a gap does not take the gap in.
  uint64_t map_back_end(size_t end) const { return map_back(end - 1) + 1; }

 private:
  std::string_view text_;
  std::string buf_;
  std::vector<size_t> starts_;  // where each piece starts in text_
  std::vector<uint64_t> raw_;   // where each piece starts in the raw bytes
};

}  // namespace stylokit::text::detail
