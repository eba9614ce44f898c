#include "toolkit/corpus/loaders.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <set>

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/utf8.h"
#include "toolkit/corpus/encoding.h"
#include "toolkit/corpus/markup.h"

namespace stylokit {
namespace fs = std::filesystem;
namespace {

// What is wrong with a document's bytes, if anything.
struct Problem {
  enum Kind { kNone, kBinary, kInvalidUtf8, kEmpty } kind = kNone;
  std::string message;
};

Problem inspect(std::string_view bytes) {
  if (auto nul = find_nul_byte(bytes))
    return {Problem::kBinary, fmt::format("binary file (NUL byte at offset {})", *nul)};
  if (auto bad = find_invalid_utf8(bytes))
    return {Problem::kInvalidUtf8, fmt::format("invalid UTF-8 at byte {}", *bad)};
  if (bytes.empty()) return {Problem::kEmpty, "empty file"};
  if (is_blank_utf8(bytes)) return {Problem::kEmpty, "empty document (only white space)"};
  return {};
}

Problem utf16_without_bom(const std::string& order) {
  return {Problem::kBinary,
          fmt::format("looks like UTF-16 without a byte-order mark (NUL bytes at every other position, as in {}); "
                      "pass --encoding utf-16le or --encoding utf-16be",
                      order == "utf-16le" ? "UTF-16LE" : "UTF-16BE")};
}

bool is_wide_unicode(const std::string& encoding) {
  std::string e;
  for (char c : encoding)
    if (std::isalnum(static_cast<unsigned char>(c)))
      e += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e.rfind("utf16", 0) == 0 || e.rfind("utf32", 0) == 0 || e.rfind("ucs", 0) == 0 || e == "unicode";
}

// How a file's bytes become UTF-8 text: read as they are, or decoded.
struct Reading {
  bool utf8 = true;      // no converter: the bytes are (meant to be) UTF-8
  std::string encoding;  // the option's name, or the byte-order mark's encoding
  std::string label;     // what `info` shows
  size_t skip = 0;       // the byte-order mark's length
};

Reading choose_reading(std::string_view bytes, const std::string& encoding, bool encoding_is_utf8) {
  Reading r;
  if (auto bom = detect_bom(bytes)) {
    r.utf8 = bom->encoding == "utf-8";
    r.encoding = bom->encoding;
    r.label = bom->encoding + " (BOM)";
    r.skip = bom->length;
    return r;
  }
  r.utf8 = encoding_is_utf8;
  r.encoding = encoding_is_utf8 ? "utf-8" : encoding;
  r.label = r.encoding;
  return r;
}

// Makes doc.raw UTF-8 (decoding it when its encoding is not UTF-8) and says what is wrong
// with it, if anything. Offsets in messages are offsets into the file.
Problem prepare(Document& doc, const std::string& encoding, bool encoding_is_utf8) {
  const Reading how = choose_reading(doc.raw, encoding, encoding_is_utf8);
  doc.encoding = how.label;
  if (how.skip == 0 && !is_wide_unicode(how.encoding))
    if (auto order = looks_like_utf16(doc.raw)) return utf16_without_bom(*order);
  if (how.utf8) {
    Problem p = inspect(std::string_view(doc.raw).substr(how.skip));
    if (p.kind != Problem::kNone && how.skip) {
      // Offsets are counted from the start of the file, the mark included.
      if (auto nul = find_nul_byte(doc.raw))
        p.message = fmt::format("binary file (NUL byte at offset {})", *nul);
      else if (auto bad = find_invalid_utf8(doc.raw))
        p.message = fmt::format("invalid UTF-8 at byte {}", *bad);
    }
    return p;
  }
  Decoded d = decode_to_utf8(doc.raw, how.encoding, how.skip);
  doc.raw = std::move(d.text);
  doc.file_runs = std::move(d.runs);
  if (auto nul = find_nul_byte(doc.raw))
    return {Problem::kBinary, fmt::format("binary file (NUL character at byte {})", doc.file_offset(*nul))};
  if (d.first_error) return {Problem::kInvalidUtf8, fmt::format("invalid {} at byte {}", how.encoding, *d.first_error)};
  if (doc.raw.empty()) return {Problem::kEmpty, "empty file"};
  if (is_blank_utf8(doc.raw)) return {Problem::kEmpty, "empty document (only white space)"};
  return {};
}

// A JSONL or CSV file as UTF-8: decoded as a whole when it is not UTF-8. An undecodable byte
// fails the load under kFail; otherwise it reads as U+FFFD and is recorded.
std::string file_as_utf8(Corpus& corpus, const fs::path& path, std::string data, const LoadOptions& opt,
                         std::string& label) {
  const Reading how = choose_reading(data, opt.encoding, is_utf8_encoding(opt.encoding));
  label = how.label;
  if (how.skip == 0 && !is_wide_unicode(how.encoding))
    if (auto order = looks_like_utf16(data))
      throw DataError(fmt::format("{}: {}", path.string(), utf16_without_bom(*order).message));
  if (how.utf8) return data;
  Decoded d = decode_to_utf8(data, how.encoding, how.skip);
  if (d.first_error) {
    std::string problem = fmt::format("invalid {} at byte {}", how.encoding, *d.first_error);
    if (opt.policy == BadInputPolicy::kFail)
      throw DataError(
          fmt::format("{}: {} (use --on-bad-input skip or warn to go on without it)", path.string(), problem));
    corpus.issues.push_back({"", path.string(), problem, "kept (bad bytes read as U+FFFD)"});
  }
  return std::move(d.text);
}

// Applies the policy to a document with a problem. Returns true when it is kept.
bool admit(Corpus& corpus, const std::string& id, const std::string& source, const Problem& p, BadInputPolicy policy) {
  if (p.kind == Problem::kNone) return true;
  if (policy == BadInputPolicy::kFail)
    throw DataError(fmt::format("{}: {} (use --on-bad-input skip or warn to go on without it)", source, p.message));
  bool keep = policy == BadInputPolicy::kWarn && p.kind == Problem::kInvalidUtf8;
  corpus.issues.push_back({id, source, p.message, keep ? "kept (bad bytes read as U+FFFD)" : "skipped"});
  return keep;
}

void add_document(Corpus& corpus, Document doc, std::set<std::string>& ids) {
  if (!ids.insert(doc.id).second) throw DataError(fmt::format("{}: duplicate document id '{}'", doc.source, doc.id));
  // A decoded document's text has no mark; a UTF-8 file's mark is not text.
  size_t bom = doc.file_runs.empty() ? utf8_bom_length(doc.raw) : 0;
  doc.kept = {ByteRange{bom, doc.raw.size()}};
  for (const auto& [key, value] : doc.metadata) {
    if (std::find(corpus.metadata_columns.begin(), corpus.metadata_columns.end(), key) == corpus.metadata_columns.end())
      corpus.metadata_columns.push_back(key);
  }
  corpus.documents.push_back(std::move(doc));
}

bool is_hidden(const fs::path& rel) {
  for (const auto& part : rel)
    if (!part.empty() && part.string()[0] == '.' && part != "." && part != "..") return true;
  return false;
}

void load_folder(Corpus& corpus, const fs::path& root, const LoadOptions& opt) {
  std::vector<fs::path> files;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw IoError(fmt::format("{}: cannot list folder: {}", root.string(), ec.message()));
  for (const auto& entry : it) {
    if (!entry.is_regular_file(ec)) continue;
    // The iterator's paths start with `root` as given: cutting the prefix is exact and
    // avoids fs::relative's readlink calls on every file.
    fs::path rel = entry.path().lexically_relative(root);
    if (is_hidden(rel)) continue;  // editor backups, .DS_Store, .git
    if (!opt.extension.empty() && entry.path().extension() != opt.extension) continue;
    files.push_back(entry.path());
  }
  if (files.empty())
    throw DataError(fmt::format("{}: no {} files found", root.string(),
                                opt.extension.empty() ? std::string("readable") : opt.extension));
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  // Files are read and inspected by a few threads (each into its own slot), then admitted in
  // path order: the same corpus, issues and first error as reading them one by one.
  struct Read {
    Document doc;
    Problem name_problem, problem;
    std::exception_ptr error;
  };
  std::vector<Read> read(files.size());
  const bool encoding_is_utf8 = is_utf8_encoding(opt.encoding);
  parallel_for(files.size(), resolve_thread_count(opt.threads), [&](size_t i) {
    Read& r = read[i];
    fs::path rel = files[i].lexically_relative(root);
    if (!opt.extension.empty()) rel.replace_extension();
    r.doc.id = rel.generic_string();
    r.doc.source = files[i].string();
    if (find_invalid_utf8(r.doc.id)) r.name_problem = {Problem::kBinary, "file name is not valid UTF-8; rename it"};
    try {
      r.doc.raw = read_file(files[i]);
      r.problem = prepare(r.doc, opt.encoding, encoding_is_utf8);
    } catch (...) {
      r.error = std::current_exception();
    }
  });
  std::set<std::string> ids;
  for (Read& r : read) {
    if (!admit(corpus, r.doc.id, r.doc.source, r.name_problem, opt.policy)) continue;
    if (r.error) std::rethrow_exception(r.error);
    if (!admit(corpus, r.doc.id, r.doc.source, r.problem, opt.policy)) continue;
    add_document(corpus, std::move(r.doc), ids);
  }
}

std::string json_scalar(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

void load_jsonl(Corpus& corpus, const fs::path& path, const LoadOptions& opt) {
  std::string label;
  std::string data = file_as_utf8(corpus, path, read_file(path), opt, label);
  if (auto nul = find_nul_byte(data))
    throw DataError(fmt::format("{}: binary file (NUL byte at offset {})", path.string(), *nul));
  std::set<std::string> ids;
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view line(data.data() + pos, eol - pos);
    size_t line_start = pos;
    pos = eol + 1;
    ++line_no;
    if (line_no == 1) line.remove_prefix(utf8_bom_length(line));
    if (is_blank_utf8(line) && !find_invalid_utf8(line)) continue;
    std::string source = fmt::format("{}:{}", path.string(), line_no);
    if (auto bad = find_invalid_utf8(line)) {
      // JSON cannot carry ill-formed UTF-8, so the record cannot be kept as is.
      Problem p{Problem::kBinary, fmt::format("invalid UTF-8 at byte {} of the file", line_start + *bad)};
      admit(corpus, "", source, p, opt.policy);
      continue;
    }
    nlohmann::json rec;
    try {
      rec = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      std::string what = e.what();
      if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
      throw DataError(fmt::format("{}: malformed JSON: {}", source, what));
    }
    if (!rec.is_object()) throw DataError(fmt::format("{}: expected a JSON object per line", source));
    auto id_it = rec.find(opt.id_field);
    auto text_it = rec.find(opt.text_field);
    if (id_it == rec.end() || !(id_it->is_string() || id_it->is_number_integer()))
      throw DataError(fmt::format("{}: missing \"{}\" (a string or integer)", source, opt.id_field));
    if (text_it == rec.end() || !text_it->is_string())
      throw DataError(fmt::format("{}: missing \"{}\" (a string)", source, opt.text_field));
    Document doc;
    doc.id = json_scalar(*id_it);
    if (doc.id.empty()) throw DataError(fmt::format("{}: empty \"{}\"", source, opt.id_field));
    doc.source = source;
    doc.encoding = label;
    doc.raw = text_it->get<std::string>();
    for (const auto& [key, value] : rec.items())
      if (key != opt.id_field && key != opt.text_field) doc.metadata[key] = json_scalar(value);
    if (!admit(corpus, doc.id, source, inspect(doc.raw), opt.policy)) continue;
    add_document(corpus, std::move(doc), ids);
  }
}

void load_csv(Corpus& corpus, const fs::path& path, const LoadOptions& opt) {
  std::string label;
  std::string data = file_as_utf8(corpus, path, read_file(path), opt, label);
  if (auto nul = find_nul_byte(data))
    throw DataError(fmt::format("{}: binary file (NUL byte at offset {})", path.string(), *nul));
  CsvTable table = parse_csv(data, path.string());
  int id_col = table.column(opt.id_field), text_col = table.column(opt.text_field);
  // Naming the columns there are lets the user pick the right ones without opening the file.
  auto missing = [&](const std::string& name, const char* what) {
    return DataError(fmt::format("{}: no '{}' column for the document {} (the header has: {})", path.string(), name,
                                 what, fmt::join(table.header, ", ")));
  };
  if (id_col < 0) throw missing(opt.id_field, "ids");
  if (text_col < 0) throw missing(opt.text_field, "texts");
  std::set<std::string> ids;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    auto& row = table.rows[r];
    std::string source = fmt::format("{}:{}", path.string(), table.row_lines[r]);
    for (size_t c = 0; c < row.size(); ++c) {
      if (static_cast<int>(c) == text_col) continue;
      if (auto bad = find_invalid_utf8(row[c]))
        throw DataError(fmt::format("{}: invalid UTF-8 in column '{}' at byte {}", source, table.header[c], *bad));
    }
    Document doc;
    doc.id = row[id_col];
    if (doc.id.empty()) throw DataError(fmt::format("{}: empty '{}'", source, opt.id_field));
    doc.source = source;
    doc.encoding = label;
    doc.raw = std::move(row[text_col]);
    for (size_t c = 0; c < row.size(); ++c)
      if (static_cast<int>(c) != id_col && static_cast<int>(c) != text_col) doc.metadata[table.header[c]] = row[c];
    Problem p = inspect(doc.raw);
    if (p.kind == Problem::kInvalidUtf8) p.message += " of the text field";
    if (!admit(corpus, doc.id, source, p, opt.policy)) continue;
    add_document(corpus, std::move(doc), ids);
  }
}

}  // namespace

CorpusFormat parse_corpus_format(const std::string& text) {
  if (text == "auto") return CorpusFormat::kAuto;
  if (text == "folder") return CorpusFormat::kFolder;
  if (text == "jsonl") return CorpusFormat::kJsonl;
  if (text == "csv") return CorpusFormat::kCsv;
  throw ConfigError(fmt::format("corpus format: expected auto, folder, jsonl or csv, got '{}'", text));
}

Corpus load_corpus(const fs::path& path, const LoadOptions& opt) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IoError(fmt::format("{}: no such file or folder", path.string()));
  STYLOKIT_CHECK(opt.id_field != opt.text_field, ConfigError, "{}: '{}' named as both the id and the text column",
                 path.string(), opt.id_field);
  CorpusFormat format = opt.format;
  if (format == CorpusFormat::kAuto) {
    std::string ext = path.extension().string();
    if (fs::is_directory(path, ec))
      format = CorpusFormat::kFolder;
    else if (ext == ".jsonl" || ext == ".ndjson")
      format = CorpusFormat::kJsonl;
    else if (ext == ".csv")
      format = CorpusFormat::kCsv;
    else
      throw ConfigError(
          fmt::format("{}: cannot tell the corpus format; expected a folder, .jsonl or .csv "
                      "(or give the format)",
                      path.string()));
  }
  if (format == CorpusFormat::kFolder && !fs::is_directory(path, ec))
    throw IoError(fmt::format("{}: not a folder", path.string()));
  if (format != CorpusFormat::kFolder && fs::is_directory(path, ec))
    throw IoError(fmt::format("{}: is a folder, expected a file", path.string()));

  check_encoding(opt.encoding);
  const Markup markup = parse_markup(opt.markup);

  Corpus corpus;
  corpus.origin = path.string();
  switch (format) {
    case CorpusFormat::kFolder: load_folder(corpus, path, opt); break;
    case CorpusFormat::kJsonl: load_jsonl(corpus, path, opt); break;
    case CorpusFormat::kCsv: load_csv(corpus, path, opt); break;
    case CorpusFormat::kAuto: STYLOKIT_ASSERT(false);
  }
  if (markup != Markup::kPlain) {
    std::vector<std::string> problems(corpus.size());
    parallel_for(corpus.size(), resolve_thread_count(opt.threads),
                 [&](size_t i) { problems[i] = strip_markup(corpus.documents[i], markup).problem; });
    for (size_t i = 0; i < corpus.size(); ++i)
      if (!problems[i].empty())
        corpus.issues.push_back({corpus.documents[i].id, corpus.documents[i].source, problems[i], "kept"});
  }
  if (corpus.documents.empty())
    throw DataError(fmt::format("{}: no usable documents ({} skipped)", path.string(), corpus.issues.size()));
  if (!opt.metadata.empty()) join_metadata(corpus, opt.metadata);
  return corpus;
}

void join_metadata(Corpus& corpus, const fs::path& csv_path) {
  std::string data = read_file(csv_path);
  if (auto bad = find_invalid_utf8(data))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", csv_path.string(), *bad));
  CsvTable table = parse_csv(data, csv_path.string());
  int id_col = table.column("id");
  if (id_col < 0) throw DataError(fmt::format("{}: no 'id' column in the header", csv_path.string()));
  std::set<std::string> seen;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    std::string where = fmt::format("{}:{}", csv_path.string(), table.row_lines[r]);
    const std::string& id = row[id_col];
    if (!seen.insert(id).second) throw DataError(fmt::format("{}: duplicate id '{}'", where, id));
    long index = corpus.find(id);
    if (index < 0) {
      // A document skipped by the bad-input policy is not an unknown id.
      bool skipped = std::any_of(corpus.issues.begin(), corpus.issues.end(),
                                 [&](const LoadIssue& i) { return i.id == id && i.action == "skipped"; });
      if (skipped) continue;
      throw DataError(fmt::format("{}: unknown document id '{}'", where, id));
    }
    auto& doc = corpus.documents[static_cast<size_t>(index)];
    for (size_t c = 0; c < row.size(); ++c) {
      if (static_cast<int>(c) == id_col) continue;
      doc.metadata[table.header[c]] = row[c];
    }
  }
  for (size_t c = 0; c < table.header.size(); ++c) {
    if (static_cast<int>(c) == id_col) continue;
    if (std::find(corpus.metadata_columns.begin(), corpus.metadata_columns.end(), table.header[c]) ==
        corpus.metadata_columns.end())
      corpus.metadata_columns.push_back(table.header[c]);
  }
}

}  // namespace stylokit
