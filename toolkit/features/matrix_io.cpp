#include "toolkit/features/matrix_io.h"
#include "toolkit/features/internal/shortest_double.h"
#include "toolkit/features/word_lists.h"

#include <algorithm>
#include <array>
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
#include "toolkit/common/version.h"

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
// ("-2.2250738585072014e-308", 24 bytes) and three separators.
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

// The text of recently written values, by their bits. A tf-idf row repeats its values (the
// terms with the same count and document frequency get the same weight): on Brown 69% of a
// char_wb 3-5 row's values and 79% of a word 1-2 row's are repeats, and copying their text is
// several times cheaper than finding the shortest form again. Direct-mapped: a slot holds the
// last value that hashed to it.
class ValueCache {
 public:
  ValueCache() {
    for (auto& s : slots_) s.bits = kNoValue;
  }
  // put_value(p, v), from the cache when it can; p has room for detail::kShortestRoom bytes.
  char* put(char* p, double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Slot& s = slots_[(bits * 0x9e3779b97f4a7c15ull) >> (64 - kBits)];
    if (s.bits == bits) {
      std::memcpy(p, s.text, sizeof s.text);
      return p + s.len;
    }
    char* end = put_value(p, v);
    s.bits = bits;
    s.len = static_cast<uint32_t>(end - p);
    std::memcpy(s.text, p, sizeof s.text);
    return end;
  }

 private:
  static constexpr int kBits = 10;
  static constexpr uint64_t kNoValue = 0x7ff8000000000001ull;  // a NaN: never written
  struct Slot {
    uint64_t bits;
    char text[24];  // the longest value text (kMaxEntryBytes)
    uint32_t len;
  };
  std::array<Slot, size_t{1} << kBits> slots_;
};

// A field as tsv_escape writes it, at p (2 × field.size() bytes of room); returns the end.
char* put_tsv_field(char* p, std::string_view field) {
  // A plain loop: string_view::find_first_of calls memchr on the set for every byte.
  const bool plain =
      std::none_of(field.begin(), field.end(), [](char c) { return c == '\\' || c == '\t' || c == '\n' || c == '\r'; });
  if (plain) {
    std::memcpy(p, field.data(), field.size());
    return p + field.size();
  }
  const std::string escaped = tsv_escape(field);
  std::memcpy(p, escaped.data(), escaped.size());
  return p + escaped.size();
}

// Writes tasks' bytes in task order, each task's after its predecessor's, while the tasks are
// formatted in parallel. A task formats into its worker's buffer and writes it out when it ends
// or when the buffer is full; either needs its place, the end of the task before, so only a task
// with more output than a buffer waits for its predecessor before it is done (the buffers stay
// bounded even for a document with millions of terms). The bytes are the same for any thread
// count and buffer size.
class OrderedWriter {
 public:
  OrderedWriter(AtomicFile& file, uint64_t base, size_t tasks, int threads, size_t buffer_bytes)
      : file_(file),
        base_(base),
        threads_(threads),
        buffer_bytes_(buffer_bytes),
        ends_(tasks),
        buffers_(worker_count(tasks, threads)) {
    for (auto& e : ends_) e.store(kPending, std::memory_order_relaxed);
  }

  // Where one task's bytes go: room(n) is where to write n bytes (with detail::kShortestRoom
  // more behind them), advance(p) marks the bytes up to p written.
  class Sink {
   public:
    char* room(size_t n) {
      if (len_ + n + detail::kShortestRoom > buf_.size) spill(n);
      return buf_.bytes.get() + len_;
    }
    void advance(const char* p) { len_ = static_cast<size_t>(p - buf_.bytes.get()); }

   private:
    friend class OrderedWriter;
    struct Buffer {
      std::unique_ptr<char[]> bytes;
      size_t size = 0;
    };
    Sink(OrderedWriter& w, size_t task, Buffer& buf) : w_(w), task_(task), buf_(buf) {}
    void spill(size_t n) {
      flush();
      if (n + detail::kShortestRoom > buf_.size) {
        buf_.size = n + detail::kShortestRoom;
        buf_.bytes = std::make_unique_for_overwrite<char[]>(buf_.size);
      }
    }
    void flush() {
      if (start_ == kPending) start_ = w_.start_of(task_);
      if (start_ != kFailed && len_ > 0) w_.file_.write_at(start_ + written_, std::string_view(buf_.bytes.get(), len_));
      written_ += len_;
      len_ = 0;
    }
    OrderedWriter& w_;
    size_t task_;
    Buffer& buf_;
    size_t len_ = 0;
    uint64_t start_ = kPending;
    uint64_t written_ = 0;
  };

  // Runs format(task, worker, sink) for every task; returns the offset after the last task's
  // bytes.
  template <class Format>
  uint64_t run(Format&& format) {
    parallel_for_workers(ends_.size(), threads_, [&](size_t t, size_t w) {
      try {
        Sink::Buffer& buf = buffers_[w];
        if (!buf.bytes) {
          buf.size = buffer_bytes_ + detail::kShortestRoom;
          buf.bytes = std::make_unique_for_overwrite<char[]>(buf.size);
        }
        Sink sink(*this, t, buf);
        format(t, w, sink);
        sink.flush();
        publish(t, sink.start_ == kFailed ? kFailed : sink.start_ + sink.written_);
      } catch (...) {
        publish(t, kFailed);
        throw;
      }
    });
    return ends_.empty() ? base_ : ends_.back().load(std::memory_order_acquire);
  }

 private:
  static constexpr uint64_t kPending = ~uint64_t{0}, kFailed = kPending - 1;

  uint64_t start_of(size_t task) {
    if (task == 0) return base_;
    uint64_t start;
    while ((start = ends_[task - 1].load(std::memory_order_acquire)) == kPending) ends_[task - 1].wait(kPending);
    return start;
  }
  void publish(size_t task, uint64_t end) {
    ends_[task].store(end, std::memory_order_release);
    ends_[task].notify_all();
  }

  AtomicFile& file_;
  uint64_t base_;
  int threads_;
  size_t buffer_bytes_;
  std::vector<std::atomic<uint64_t>> ends_;
  std::vector<Sink::Buffer> buffers_;
};

// One row as the writer reads it.
struct RowSpan {
  const int64_t* cols;
  const double* values;
  size_t size;
};

// The three files of a rows × cols matrix whose row r has outer[r + 1] - outer[r] entries,
// given by row_at(r, worker) (a RowSpan valid until that worker's next call).
template <class RowAt>
void write_matrix(const fs::path& mtx_path, size_t rows, size_t cols, const int64_t* outer,
                  const Vocabulary& vocabulary, const std::vector<std::string>& doc_ids, int threads,
                  size_t chunk_entries, RowAt&& row_at) {
  const fs::path tpath = terms_path(mtx_path);
  const fs::path dpath = docs_path(mtx_path);
  STYLOKIT_CHECK(vocabulary.size() == cols, ConfigError, "{}: {} terms for a matrix of {} columns", mtx_path.string(),
                 vocabulary.size(), cols);
  STYLOKIT_CHECK(doc_ids.size() == rows, ConfigError, "{}: {} document ids for a matrix of {} rows", mtx_path.string(),
                 doc_ids.size(), rows);
  AtomicFile mtx(mtx_path);
  AtomicFile terms(tpath);
  AtomicFile docs(dpath);

  const int64_t nnz = outer[rows];
  std::string head = "%%MatrixMarket matrix coordinate real general\n";
  head += fmt::format("% stylokit {}: rows = documents ({}), columns = terms ({})\n", stylokit::version(),
                      dpath.filename().string(), tpath.filename().string());
  head += fmt::format("{} {} {}\n", rows, cols, nnz);
  mtx.write(head);

  // Tasks are runs of whole rows of about chunk_entries entries (one row may be more).
  const size_t chunk = std::max<size_t>(1, chunk_entries);
  std::vector<size_t> task_rows{0};
  for (size_t r = 0; r < rows; ++r)
    if (static_cast<size_t>(outer[r + 1] - outer[task_rows.back()]) >= chunk || r + 1 == rows)
      task_rows.push_back(r + 1);
  const int nthreads = resolve_thread_count(threads);
  const uint64_t base = mtx.flush();
  // About the final size (row and column digits, ~22 for a value, separators), not the worst
  // case, so that a large output does not briefly hold twice its disk space.
  const auto digits = [](size_t v) { return static_cast<uint64_t>(detail::decimal_width(v)); };
  mtx.reserve(base + static_cast<uint64_t>(nnz) * (digits(rows) + digits(cols) + 25));
  std::vector<std::unique_ptr<ValueCache>> caches(worker_count(task_rows.size() - 1, nthreads));
  OrderedWriter(mtx, base, task_rows.size() - 1, nthreads, chunk * kMaxEntryBytes)
      .run([&](size_t t, size_t w, OrderedWriter::Sink& sink) {
        if (!caches[w]) caches[w] = std::make_unique<ValueCache>();
        ValueCache& cache = *caches[w];
        for (size_t r = task_rows[t]; r < task_rows[t + 1]; ++r) {
          const RowSpan row = row_at(r, w);
          STYLOKIT_ASSERT(static_cast<int64_t>(row.size) == outer[r + 1] - outer[r]);
          char prefix[24];  // "row "
          char* pe = std::to_chars(prefix, prefix + 23, r + 1).ptr;
          *pe++ = ' ';
          const auto plen = static_cast<size_t>(pe - prefix);
          for (size_t k = 0; k < row.size; ++k) {
            const double v = row.values[k];
            STYLOKIT_CHECK(std::isfinite(v), DataError, "{}: refusing to write a non-finite value ({}) at row {}",
                           mtx_path.string(), v, doc_ids[r]);
            STYLOKIT_ASSERT(row.cols[k] >= 0 && static_cast<size_t>(row.cols[k]) < cols);
            char* p = sink.room(kMaxEntryBytes);
            std::memcpy(p, prefix, plen);
            p += plen;
            p = detail::write_uint(p, static_cast<uint64_t>(row.cols[k]) + 1);
            *p++ = ' ';
            p = cache.put(p, v);
            *p++ = '\n';
            sink.advance(p);
          }
        }
      });

  // The terms (half a million for word 1-2 grams) in blocks formatted in parallel, written in
  // order.
  terms.write("term\tdf\n");
  const uint64_t terms_base = terms.flush();
  uint64_t terms_bytes = 0;
  for (size_t c = 0; c < vocabulary.size(); ++c) terms_bytes += vocabulary.term(c).size() + 2;
  terms.reserve(terms_base + terms_bytes + 8 * vocabulary.size());
  constexpr size_t kTermsPerBlock = size_t{1} << 14;
  OrderedWriter(terms, terms_base, (vocabulary.size() + kTermsPerBlock - 1) / kTermsPerBlock, nthreads, 1 << 19)
      .run([&](size_t b, size_t, OrderedWriter::Sink& sink) {
        for (size_t c = b * kTermsPerBlock; c < std::min(vocabulary.size(), (b + 1) * kTermsPerBlock); ++c) {
          const std::string& term = vocabulary.term(c);
          char* p = put_tsv_field(sink.room(2 * term.size() + 22), term);
          *p++ = '\t';
          p = std::to_chars(p, p + 20, vocabulary.df(c)).ptr;
          *p++ = '\n';
          sink.advance(p);
        }
      });
  std::string out = "id\n";
  for (const auto& id : doc_ids) {
    out += tsv_escape(id);
    out += '\n';
  }
  docs.write(out);
  docs.commit();
  terms.commit();
  mtx.commit();
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
  STYLOKIT_ASSERT(matrix.isCompressed());
  const int64_t* outer = matrix.outerIndexPtr();
  write_matrix(mtx_path, static_cast<size_t>(matrix.rows()), static_cast<size_t>(matrix.cols()), outer, vocabulary,
               doc_ids, threads, chunk_entries, [&](size_t r, size_t) {
                 return RowSpan{matrix.innerIndexPtr() + outer[r], matrix.valuePtr() + outer[r],
                                static_cast<size_t>(outer[r + 1] - outer[r])};
               });
}

void save_matrix_rows(const fs::path& mtx_path, const std::vector<int64_t>& row_offsets, size_t cols,
                      const RowProducer& produce, const Vocabulary& vocabulary, const std::vector<std::string>& doc_ids,
                      int threads, size_t chunk_entries) {
  STYLOKIT_CHECK(!row_offsets.empty() && row_offsets.front() == 0, ConfigError, "{}: row offsets must start with 0",
                 mtx_path.string());
  std::vector<MatrixRow> scratch(static_cast<size_t>(resolve_thread_count(threads)));
  write_matrix(mtx_path, row_offsets.size() - 1, cols, row_offsets.data(), vocabulary, doc_ids, threads, chunk_entries,
               [&](size_t r, size_t w) {
                 MatrixRow& row = scratch[w];
                 produce(r, w, row);
                 STYLOKIT_ASSERT(row.cols.size() == row.values.size());
                 return RowSpan{row.cols.data(), row.values.data(), row.cols.size()};
               });
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
