#include "toolkit/features/word_lists.h"

#include <optional>

#include "toolkit/text/stopwords.h"

namespace stylokit::features {

// load_vocabulary is in matrix_io.cpp, beside the .terms.tsv reader it shares.

std::vector<std::string> load_stop_words(const std::string& name_or_path, const text::TextOptions* normalize_for) {
  std::optional<text::Tokenizer> tokenizer;
  if (normalize_for != nullptr) tokenizer.emplace(*normalize_for);
  return text::read_stop_word_list(name_or_path, tokenizer ? &*tokenizer : nullptr);
}

}  // namespace stylokit::features
