#include "toolkit/features/matrix_io.h"
#include "toolkit/features/shortest_double.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/tsv.h"
#include "toolkit/common/utf8.h"

namespace stylokit::features {

namespace fs = std::filesystem;

namespace {

fs::path sibling(const fs::path& mtx_path, const char* suffix) {
  const std::string name = mtx_path.filename().string();
  STYLOKIT_CHECK(name.size() > 4 && name.substr(name.size() - 4) == ".mtx", ConfigError,
                 "{}: a matrix path must end in .mtx", mtx_path.string());
  return mtx_path.parent_path() / (name.substr(0, name.size() - 4) + suffix);
}

// An entry line's longest form: two 20-digit integers, the longest shortest-form double
// ("-2.2250738585072014e-308", 24 bytes) and three separators. A chunk's buffer has
// detail::kShortestRoom bytes more, the room write_shortest needs for its block copies.
constexpr size_t kMaxEntryBytes = 20 + 1 + 20 + 1 + 24 + 1;

// Writes `v` in the shortest form that reads back as the same double (std::to_chars' bytes,
// which strtod, Python's float() and R's scan() invert exactly; shortest_double.h); integers
// below 1e15 as plain integers ("3", not "3e+00"), negative zero as "-0".
inline char* put_value(char* p, double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    if (v == 0 && std::signbit(v)) {
      *p++ = '-';
      *p++ = '0';
      return p;
    }
    return std::to_chars(p, p + 24, static_cast<long long>(v)).ptr;
  }
  return detail::write_shortest(p, v);
}

inline void append_int(std::string& out, int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void append_tsv_field(std::string& out, std::string_view field) {
  // A plain loop: string_view::find_first_of calls memchr on the set for every byte.
  const bool plain =
      std::none_of(field.begin(), field.end(), [](char c) { return c == '\\' || c == '\t' || c == '\n' || c == '\r'; });
  if (plain)
    out.append(field);
  else
    out += tsv_escape(field);
}

// The lines of entries [begin, end) (row-major order) into `buf`, which has room for
// kMaxEntryBytes per entry.
size_t format_entries(const DocTermMatrix& m, int64_t begin, int64_t end, char* buf) {
  const auto* outer = m.outerIndexPtr();
  const auto* inner = m.innerIndexPtr();
  const auto* values = m.valuePtr();
  // The row holding entry `begin` (rows may be empty).
  int64_t row = std::upper_bound(outer, outer + m.rows() + 1, begin) - outer - 1;
  char* p = buf;
  for (int64_t k = begin; k < end; ++row) {
    char prefix[24];  // "row "
    char* pe = std::to_chars(prefix, prefix + 23, row + 1).ptr;
    *pe++ = ' ';
    const auto plen = static_cast<size_t>(pe - prefix);
    for (const int64_t stop = std::min(end, outer[row + 1]); k < stop; ++k) {
      std::memcpy(p, prefix, plen);
      p += plen;
      p = detail::write_uint(p, static_cast<uint64_t>(inner[k]) + 1);
      *p++ = ' ';
      p = put_value(p, values[k]);
      *p++ = '\n';
    }
  }
  return static_cast<size_t>(p - buf);
}

}  // namespace

fs::path terms_path(const fs::path& mtx_path) {
  return sibling(mtx_path, ".terms.tsv");
}
fs::path docs_path(const fs::path& mtx_path) {
  return sibling(mtx_path, ".docs.tsv");
}

void save_matrix(const fs::path& mtx_path, const DocTermMatrix& matrix, const Vocabulary& vocabulary,
                 const std::vector<std::string>& doc_ids, int threads, size_t chunk_entries) {
  const fs::path tpath = terms_path(mtx_path);
  const fs::path dpath = docs_path(mtx_path);
  STYLOKIT_CHECK(vocabulary.size() == static_cast<size_t>(matrix.cols()), ConfigError,
                 "{}: {} terms for a matrix of {} columns", mtx_path.string(), vocabulary.size(), matrix.cols());
  STYLOKIT_CHECK(doc_ids.size() == static_cast<size_t>(matrix.rows()), ConfigError,
                 "{}: {} document ids for a matrix of {} rows", mtx_path.string(), doc_ids.size(), matrix.rows());
  STYLOKIT_ASSERT(matrix.isCompressed());
  const auto* outer = matrix.outerIndexPtr();
  const auto* values = matrix.valuePtr();
  for (int64_t k = 0; k < matrix.nonZeros(); ++k)
    STYLOKIT_CHECK(std::isfinite(values[k]), DataError, "{}: refusing to write a non-finite value ({}) at row {}",
                   mtx_path.string(), values[k],
                   doc_ids[static_cast<size_t>(std::upper_bound(outer, outer + matrix.rows() + 1, k) - outer - 1)]);

  AtomicFile mtx(mtx_path);
  AtomicFile terms(tpath);
  AtomicFile docs(dpath);

  std::string head = "%%MatrixMarket matrix coordinate real general\n";
  head += fmt::format("% stylokit {}: rows = documents ({}), columns = terms ({})\n", STYLOKIT_VERSION,
                      dpath.filename().string(), tpath.filename().string());
  head += fmt::format("{} {} {}\n", matrix.rows(), matrix.cols(), matrix.nonZeros());
  mtx.write(head);

  // Chunks of chunk_entries entries are formatted by the workers into buffers they reuse
  // (bounded even for a document with millions of terms). A chunk's place in the file is known
  // as soon as the chunk before it is formatted, so each worker then writes its chunk itself
  // (pwrite) while the other formats the next: the bytes are the same for any thread count.
  const auto chunk = static_cast<int64_t>(std::max<size_t>(1, chunk_entries));
  const int64_t nnz = matrix.nonZeros();
  const auto chunks = static_cast<size_t>((nnz + chunk - 1) / chunk);
  const int nthreads = resolve_thread_count(threads);
  std::vector<std::unique_ptr<char[]>> buffers(worker_count(chunks, nthreads));
  constexpr uint64_t kPending = ~uint64_t{0}, kFailed = kPending - 1;
  std::vector<std::atomic<uint64_t>> ends(chunks);
  for (auto& e : ends) e.store(kPending, std::memory_order_relaxed);
  const uint64_t base = mtx.flush();
  // About the final size (row and column digits, ~22 for a value, separators), not the worst
  // case, so that a large output does not briefly hold twice its disk space.
  const auto digits = [](int64_t v) { return static_cast<uint64_t>(detail::decimal_width(static_cast<uint64_t>(v))); };
  mtx.reserve(base + static_cast<uint64_t>(nnz) * (digits(matrix.rows()) + digits(matrix.cols()) + 25));
  parallel_for_workers(chunks, nthreads, [&](size_t c, size_t w) {
    size_t len = 0;
    try {
      if (!buffers[w])
        buffers[w] =
            std::make_unique_for_overwrite<char[]>(static_cast<size_t>(chunk) * kMaxEntryBytes + detail::kShortestRoom);
      const auto begin = static_cast<int64_t>(c) * chunk;
      len = format_entries(matrix, begin, std::min(nnz, begin + chunk), buffers[w].get());
    } catch (...) {
      ends[c].store(kFailed, std::memory_order_release);
      ends[c].notify_all();
      throw;
    }
    uint64_t start = base;
    if (c > 0) {
      while ((start = ends[c - 1].load(std::memory_order_acquire)) == kPending) ends[c - 1].wait(kPending);
    }
    ends[c].store(start == kFailed ? kFailed : start + len, std::memory_order_release);
    ends[c].notify_all();
    if (start != kFailed) mtx.write_at(start, std::string_view(buffers[w].get(), len));
  });

  // The terms (half a million for word 1-2 grams) in blocks formatted in parallel, written in
  // order.
  terms.write("term\tdf\n");
  constexpr size_t kTermsPerBlock = size_t{1} << 16;
  std::vector<std::string> blocks((vocabulary.size() + kTermsPerBlock - 1) / kTermsPerBlock);
  parallel_for(blocks.size(), nthreads, [&](size_t b) {
    std::string& block = blocks[b];
    const size_t end = std::min(vocabulary.size(), (b + 1) * kTermsPerBlock);
    size_t bytes = 0;  // without escapes, which are rare: one allocation
    for (size_t c = b * kTermsPerBlock; c < end; ++c) bytes += vocabulary.term(c).size() + 22;
    block.reserve(bytes);
    for (size_t c = b * kTermsPerBlock; c < end; ++c) {
      append_tsv_field(block, vocabulary.term(c));
      block += '\t';
      append_int(block, vocabulary.df(c));
      block += '\n';
    }
  });
  uint64_t terms_bytes = 0;
  for (const auto& block : blocks) terms_bytes += block.size();
  terms.reserve(terms_bytes + 16);
  for (const auto& block : blocks) terms.write(block);
  std::string out = "id\n";
  for (const auto& id : doc_ids) {
    append_tsv_field(out, id);
    out += '\n';
  }
  docs.write(out);
  docs.commit();
  terms.commit();
  mtx.commit();
}

namespace {

// Splits text into lines (without '\n', a trailing '\r' dropped), with 1-based numbers.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  size_t number() const { return number_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t number_ = 0;
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

// Splits on runs of spaces and tabs.
std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

template <class T>
bool parse_number(std::string_view s, T& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> read_tsv_column(const fs::path& path, const std::string& header, size_t columns,
                                         std::vector<int64_t>* second) {
  const std::string text = read_file(path);
  if (auto bad = find_invalid_utf8(text))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", path.string(), *bad));
  LineReader lines(text);
  std::string_view line;
  STYLOKIT_CHECK(lines.next(line) && line == header, DataError, "{}:1: expected the header '{}'", path.string(),
                 tsv_escape(header));
  std::vector<std::string> out;
  while (lines.next(line)) {
    const std::string where = fmt::format("{}:{}", path.string(), lines.number());
    STYLOKIT_CHECK(!line.empty(), DataError, "{}: empty line", where);
    if (columns == 1) {
      STYLOKIT_CHECK(line.find('\t') == std::string_view::npos, DataError, "{}: expected 1 field, found a tab", where);
      out.push_back(tsv_unescape(line, where));
    } else {
      const size_t tab = line.find('\t');
      STYLOKIT_CHECK(tab != std::string_view::npos && line.find('\t', tab + 1) == std::string_view::npos, DataError,
                     "{}: expected 2 tab-separated fields", where);
      int64_t v = 0;
      STYLOKIT_CHECK(parse_number(line.substr(tab + 1), v) && v >= 0, DataError,
                     "{}: document frequency '{}' is not a non-negative integer", where, line.substr(tab + 1));
      out.push_back(tsv_unescape(line.substr(0, tab), where));
      second->push_back(v);
    }
  }
  return out;
}

}  // namespace

LoadedMatrix load_matrix(const fs::path& mtx_path) {
  const fs::path tpath = terms_path(mtx_path);
  const fs::path dpath = docs_path(mtx_path);
  const std::string name = mtx_path.string();
  const std::string text = read_file(mtx_path);
  LineReader lines(text);
  std::string_view line;
  STYLOKIT_CHECK(lines.next(line), DataError, "{}: empty file, not a Matrix Market file", name);
  {
    const auto f = fields(line);
    STYLOKIT_CHECK(f.size() == 5 && f[0] == "%%MatrixMarket", DataError,
                   "{}:1: not a Matrix Market banner ('%%MatrixMarket matrix coordinate real general')", name);
    const std::string object = lower_ascii(f[1]), format = lower_ascii(f[2]), field = lower_ascii(f[3]),
                      symmetry = lower_ascii(f[4]);
    STYLOKIT_CHECK(object == "matrix" && format == "coordinate" && (field == "real" || field == "integer") &&
                       symmetry == "general",
                   DataError,
                   "{}:1: unsupported Matrix Market type '{} {} {} {}' (need matrix coordinate real general)", name,
                   f[1], f[2], f[3], f[4]);
  }
  int64_t rows = -1, cols = -1, nnz = -1;
  while (lines.next(line)) {
    if (line.empty() || line[0] == '%') continue;
    const auto f = fields(line);
    if (f.empty()) continue;
    STYLOKIT_CHECK(f.size() == 3 && parse_number(f[0], rows) && parse_number(f[1], cols) && parse_number(f[2], nnz) &&
                       rows >= 0 && cols >= 0 && nnz >= 0,
                   DataError, "{}:{}: expected the size line 'rows columns entries'", name, lines.number());
    break;
  }
  STYLOKIT_CHECK(rows >= 0, DataError, "{}: no size line", name);
  STYLOKIT_CHECK(nnz <= rows * cols || rows == 0 || cols == 0, DataError, "{}: {} entries cannot fit a {}x{} matrix",
                 name, nnz, rows, cols);
  // Entries in row-major order (as save_matrix writes them) go straight into the CSR arrays,
  // so a file of N entries costs 16 N bytes beside its text, not triplets plus two copies
  // (3.3 GB instead of 1.3 GB for 26 M entries). Any other order falls back to triplets
  // (duplicates summed, as Eigen does).
  // Every entry takes at least 6 bytes ("1 1 1\n"): refuse a count the file cannot hold before
  // allocating for it.
  STYLOKIT_CHECK(nnz <= static_cast<int64_t>(text.size() / 6), DataError,
                 "{}: declares {} entries, more than its {} bytes can hold (truncated or corrupt?)", name, nnz,
                 text.size());
  LoadedMatrix out;
  out.matrix.resize(rows, cols);
  out.matrix.resizeNonZeros(nnz);
  auto* outer = out.matrix.outerIndexPtr();
  auto* inner = out.matrix.innerIndexPtr();
  auto* values = out.matrix.valuePtr();
  std::fill(outer, outer + rows + 1, 0);
  std::vector<Eigen::Triplet<double, int64_t>> triplets;
  bool in_order = true;
  int64_t seen = 0, last_i = 0, last_j = 0;
  while (lines.next(line)) {
    if (line.empty() || line[0] == '%') continue;
    const auto f = fields(line);
    if (f.empty()) continue;
    int64_t i = 0, j = 0;
    double v = 0;
    STYLOKIT_CHECK(f.size() == 3 && parse_number(f[0], i) && parse_number(f[1], j) && parse_number(f[2], v), DataError,
                   "{}:{}: expected an entry 'row column value'", name, lines.number());
    STYLOKIT_CHECK(i >= 1 && i <= rows && j >= 1 && j <= cols, DataError,
                   "{}:{}: entry ({}, {}) is outside the {}x{} matrix", name, lines.number(), i, j, rows, cols);
    STYLOKIT_CHECK(std::isfinite(v), DataError, "{}:{}: value '{}' is not finite", name, lines.number(), f[2]);
    STYLOKIT_CHECK(seen < nnz, DataError, "{}:{}: more entries than the {} declared", name, lines.number(), nnz);
    if (in_order && !(i > last_i || (i == last_i && j > last_j))) {
      // Out of order: move the entries read so far to triplets.
      in_order = false;
      triplets.reserve(static_cast<size_t>(nnz));
      int64_t k = 0;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < outer[r + 1]; ++c, ++k) triplets.emplace_back(r, inner[k], values[k]);
    }
    if (in_order) {
      inner[seen] = j - 1;
      values[seen] = v;
      ++outer[i];
      last_i = i;
      last_j = j;
    } else {
      triplets.emplace_back(i - 1, j - 1, v);
    }
    ++seen;
  }
  STYLOKIT_CHECK(seen == nnz, DataError, "{}: {} entries declared but {} found (truncated file?)", name, nnz, seen);
  if (in_order) {
    for (int64_t r = 0; r < rows; ++r) outer[r + 1] += outer[r];
  } else {
    out.matrix.setFromTriplets(triplets.begin(), triplets.end());
  }
  out.matrix.makeCompressed();

  std::vector<int64_t> dfs;
  std::vector<std::string> terms = read_tsv_column(tpath, "term\tdf", 2, &dfs);
  STYLOKIT_CHECK(static_cast<int64_t>(terms.size()) == cols, DataError, "{}: {} terms for a matrix of {} columns",
                 tpath.string(), terms.size(), cols);
  try {
    out.vocabulary = Vocabulary(std::move(terms), std::move(dfs));
  } catch (const ConfigError& e) {
    throw DataError(fmt::format("{}: {}", tpath.string(), e.what()));
  }
  out.doc_ids = read_tsv_column(dpath, "id", 1, nullptr);
  STYLOKIT_CHECK(static_cast<int64_t>(out.doc_ids.size()) == rows, DataError,
                 "{}: {} document ids for a matrix of {} rows", dpath.string(), out.doc_ids.size(), rows);
  return out;
}

std::vector<std::string> load_vocabulary(const std::string& path_text) {
  const fs::path path = path_text;
  const std::string text = read_file(path);
  if (auto bad = find_invalid_utf8(text))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", path.string(), *bad));
  std::vector<std::string> terms;
  if (text.rfind("term\tdf\n", 0) == 0 || text.rfind("term\tdf\r\n", 0) == 0) {
    std::vector<int64_t> dfs;
    terms = read_tsv_column(path, "term\tdf", 2, &dfs);
  } else {
    LineReader lines(std::string_view(text).substr(utf8_bom_length(text)));
    std::string_view line;
    while (lines.next(line))
      if (!line.empty()) terms.emplace_back(line);
  }
  STYLOKIT_CHECK(!terms.empty(), DataError, "{}: the vocabulary file holds no terms", path.string());
  try {
    Vocabulary check(terms, std::vector<int64_t>(terms.size(), 0));
  } catch (const ConfigError& e) {
    throw ConfigError(fmt::format("{}: {}", path.string(), e.what()));
  }
  return terms;
}

}  // namespace stylokit::features
