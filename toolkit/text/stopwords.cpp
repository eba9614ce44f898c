#include "toolkit/text/stopwords.h"

#include <string_view>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/utf8.h"

namespace stylokit::text {
namespace fs = std::filesystem;

fs::path stop_word_list_path(const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos || name_or_path.find('.') != std::string::npos) return name_or_path;
  STYLOKIT_CHECK(!name_or_path.empty(), ConfigError, "stop words: an empty list name");
  fs::path shipped = data_dir() / "stopwords" / (name_or_path + ".txt");
  std::error_code ec;
  STYLOKIT_CHECK(fs::is_regular_file(shipped, ec), ConfigError,
                 "stop words: no shipped list named '{}' (looked for {}); for a file of that name write ./{}",
                 name_or_path, shipped.string(), name_or_path);
  return shipped;
}

std::vector<std::string> read_stop_word_list(const std::string& name_or_path, const Tokenizer* normalizer) {
  const fs::path path = stop_word_list_path(name_or_path);
  const std::string data = read_file(path);
  if (auto bad = find_invalid_utf8(data))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", path.string(), *bad));
  std::vector<std::string> words;
  size_t pos = utf8_bom_length(data);
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) continue;
    line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
    if (normalizer == nullptr) {
      words.emplace_back(line);
    } else {
      std::string norm;
      normalizer->normalize_append(line, norm);
      words.push_back(std::move(norm));
    }
  }
  return words;
}

StopWords StopWords::load(const std::string& name_or_path, const Tokenizer& tokenizer) {
  StopWords out;
  out.source_ = stop_word_list_path(name_or_path).string();
  for (auto& w : read_stop_word_list(name_or_path, &tokenizer)) out.words_.insert(std::move(w));
  return out;
}

}  // namespace stylokit::text
