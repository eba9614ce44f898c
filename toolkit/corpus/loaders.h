#pragma once
// Loading a corpus from a folder of .txt files, a JSONL file or a CSV file, and
// joining a metadata CSV on document id.

#include <filesystem>
#include <string>

#include "toolkit/corpus/corpus.h"

namespace stylokit {

enum class CorpusFormat { kAuto, kFolder, kJsonl, kCsv };

// Parses "auto" | "folder" | "jsonl" | "csv"; throws ConfigError.
CorpusFormat parse_corpus_format(const std::string& text);

struct LoadOptions {
  CorpusFormat format = CorpusFormat::kAuto;  // kAuto: folder if a folder, else by extension
  std::string extension = ".txt";             // files read from a folder (recursive); "" = all files
  std::string id_field = "id";                // CSV column / JSONL key of the document id; a missing one is a DataError
  std::string text_field = "text";            // CSV column / JSONL key of the text; a missing one is a DataError
  BadInputPolicy policy = BadInputPolicy::kFail;  // invalid UTF-8, empty or binary documents
  std::filesystem::path metadata;                 // optional CSV with an `id` column, joined on id
  int threads = 0;                 // threads reading a folder's files (0 = all cores); the result is the same
  std::string encoding = "utf-8";  // files without a byte-order mark: any ICU converter name
                                   // (windows-1252, iso-8859-2, koi8-r, utf-16le, ...)
  std::string markup = "plain";    // plain | xml | xml.drama | xml.notitles | html (markup.h)
};

// Loads a corpus. Each file is read as UTF-8, or decoded (encoding.h): a UTF-16/UTF-32
// byte-order mark names its encoding, else `encoding` does. Documents are validated: a NUL
// byte marks a binary file (or, in NULs at every other byte, UTF-16 without a mark, which
// is refused with a line saying so), an empty or blank one is empty, ill-formed UTF-8 or a
// byte undecodable in `encoding` is reported with its byte offset in the file. Under kFail the
// first such document throws DataError naming it; under kSkip it is left out and recorded
// in Corpus::issues; under kWarn a document with invalid UTF-8 is kept (its bad bytes read
// as U+FFFD by the text stage) and binary or empty ones are left out, all recorded.
// A JSONL or CSV file is decoded as a whole before its records are read: an undecodable byte
// in it fails the load under kFail and, under kWarn and kSkip alike, reads as U+FFFD and is
// recorded (the file's records cannot be told apart before decoding).
// Markup is then removed from each document (markup.h); markup that does not parse is
// recorded in Corpus::issues ("kept") under every policy, never an error.
// Throws ConfigError for an unknown encoding or markup (naming the field), IoError for a missing path or unreadable
// file, DataError for a malformed JSONL or CSV record (naming file and line), a CSV without the id or text column
// (naming the file, the column and the header's columns), duplicate ids, or a corpus with no documents left;
// ConfigError when id_field and text_field are the same. Folder order: paths sorted by their generic string (byte
// order), so runs are stable.
Corpus load_corpus(const std::filesystem::path& path, const LoadOptions& options = {});

// Joins a metadata CSV (must have an `id` column) into the corpus. Every row's id must
// name a document and appear once; documents without a row get no metadata. Throws
// DataError naming the file and line of an unknown or duplicate id.
void join_metadata(Corpus& corpus, const std::filesystem::path& csv_path);

}  // namespace stylokit
