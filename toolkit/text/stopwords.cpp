#include "toolkit/text/stopwords.h"

#include "toolkit/common/io.h"
#include "toolkit/common/utf8.h"

namespace stylokit::text {
namespace fs = std::filesystem;

StopWords StopWords::load(const std::string& name_or_path, const Tokenizer& tokenizer) {
  std::error_code ec;
  fs::path path = name_or_path;
  if (!fs::is_regular_file(path, ec)) {
    fs::path shipped = data_dir() / "stopwords" / (name_or_path + ".txt");
    if (!fs::is_regular_file(shipped, ec))
      throw ConfigError(fmt::format("stop words: '{}' is neither a file nor a shipped list ({})", name_or_path,
                                    shipped.string()));
    path = shipped;
  }
  std::string data = read_file(path);
  if (auto bad = find_invalid_utf8(data))
    throw DataError(fmt::format("{}: invalid UTF-8 at byte {}", path.string(), *bad));
  StopWords out;
  out.source_ = path.string();
  size_t pos = 0;
  std::string norm;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) continue;
    norm.clear();
    tokenizer.normalize_append(line, norm);
    out.words_.insert(norm);
  }
  return out;
}

}  // namespace stylokit::text
