#pragma once
// Word lists the features stage reads from files: stop words and fixed vocabularies.

#include <string>
#include <vector>

#include "toolkit/text/tokenizer.h"

namespace stylokit::features {

// Reads a stop-word list by text::read_stop_word_list's rules (text/stopwords.h: a shipped
// name or a path; UTF-8, a leading BOM skipped, '#' comments, blank lines ignored). Words
// come back in file order, as written (lower-cased text matches them for kSklearn) or, when
// `normalize_for` is given, normalised as a text::Tokenizer with those options normalises
// tokens (kIcu). O(bytes). Throws ConfigError / IoError / DataError naming the list or file.
std::vector<std::string> load_stop_words(const std::string& name_or_path,
                                         const text::TextOptions* normalize_for = nullptr);

// Reads a fixed vocabulary: a .tsv written by save_matrix (header `term<TAB>df`, escapes
// undone) or any other file with one term per line (blank lines ignored). Throws IoError /
// DataError naming the file and line; ConfigError on a duplicate term.
std::vector<std::string> load_vocabulary(const std::string& path);

}  // namespace stylokit::features
