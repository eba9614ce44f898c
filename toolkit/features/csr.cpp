// Rows from entries: each document's entries, renumbered and sorted by column, become one
// CSR row (in memory by assemble(), or one at a time for vectorize_to_file).

#include <algorithm>
#include <bit>
#include <iterator>

#include "toolkit/features/internal/fit.h"

namespace stylokit::features::detail {

namespace {

// Sorts packed (column << 32 | count) values by column (columns are distinct within a row):
// LSD radix on 11-bit digits of the column for long rows, std::sort for short ones.
void sort_row(std::vector<uint64_t>& v, std::vector<uint64_t>& tmp, int column_bits) {
  if (v.size() < 256) {
    std::sort(v.begin(), v.end());
    return;
  }
  constexpr int kDigit = 11;
  uint32_t count[1u << kDigit];
  tmp.resize(v.size());
  for (int shift = 32; shift < 32 + column_bits; shift += kDigit) {
    std::fill(std::begin(count), std::end(count), 0u);
    for (uint64_t x : v) ++count[(x >> shift) & ((1u << kDigit) - 1)];
    uint32_t sum = 0;
    for (auto& c : count) {
      const uint32_t here = c;
      c = sum;
      sum += here;
    }
    for (uint64_t x : v) tmp[count[(x >> shift) & ((1u << kDigit) - 1)]++] = x;
    v.swap(tmp);
  }
}

}  // namespace

void Fit::row(size_t r, std::vector<uint64_t>& v, std::vector<uint64_t>& tmp) const {
  const Worker& wk = workers[slices[r].worker];
  v.clear();
  for (size_t k = 0; k < slices[r].size; ++k) {
    const Entry& e = wk.entries[slices[r].begin + k];
    const uint32_t c = column(wk, e);
    if (c != kDropped) v.push_back(uint64_t{c} << 32 | e.count);
  }
  sort_row(v, tmp, column_bits);
}

void index_rows(Fit& f, bool pruned, int threads) {
  const size_t n = f.slices.size();
  f.column_bits = std::max(1, static_cast<int>(std::bit_width(f.terms.size())));
  f.outer.resize(n + 1);
  f.outer[0] = 0;
  if (!pruned) {
    for (size_t r = 0; r < n; ++r) f.outer[r + 1] = static_cast<int64_t>(f.slices[r].size);
  } else {
    parallel_for(n, threads, [&](size_t r) {
      const Worker& wk = f.workers[f.slices[r].worker];
      int64_t size = 0;
      for (size_t k = 0; k < f.slices[r].size; ++k) size += f.column(wk, wk.entries[f.slices[r].begin + k]) != kDropped;
      f.outer[r + 1] = size;
    });
  }
  for (size_t r = 0; r < n; ++r) f.outer[r + 1] += f.outer[r];
}

// The CSR matrix of raw counts: rows built in parallel (blocks of rows per task).
DocTermMatrix assemble(const Fit& f, int threads) {
  const size_t rows = f.slices.size();
  DocTermMatrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(f.terms.size()));
  auto* outer = m.outerIndexPtr();
  std::copy(f.outer.begin(), f.outer.end(), outer);
  m.resizeNonZeros(outer[rows]);
  auto* inner = m.innerIndexPtr();
  auto* values = m.valuePtr();
  constexpr size_t kRowsPerTask = 16;
  const size_t tasks = (rows + kRowsPerTask - 1) / kRowsPerTask;
  std::vector<std::vector<uint64_t>> scratch(2 * worker_count(tasks, threads));
  parallel_for_workers(tasks, threads, [&](size_t t, size_t w) {
    std::vector<uint64_t>& v = scratch[2 * w];
    for (size_t r = t * kRowsPerTask; r < std::min(rows, (t + 1) * kRowsPerTask); ++r) {
      f.row(r, v, scratch[2 * w + 1]);
      const int64_t at = outer[r];
      for (size_t k = 0; k < v.size(); ++k) {
        inner[at + static_cast<int64_t>(k)] = static_cast<int64_t>(v[k] >> 32);
        values[at + static_cast<int64_t>(k)] = static_cast<double>(static_cast<uint32_t>(v[k]));
      }
    }
  });
  return m;
}

}  // namespace stylokit::features::detail
