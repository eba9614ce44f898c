#pragma once
// Internal to the text stage: a hook for the tests that compare the ASCII fast path of word
// segmentation (internal/ascii_words.h) with ICU's word iterator alone.

#include "toolkit/text/tokenizer.h"

namespace stylokit::text {

struct TokenizerTesting {
  // on = false: every range goes through ICU's word iterator. on = true (the default):
  // the fast path where the locale uses the root word rules.
  static void set_ascii_fast_path(Tokenizer& t, bool on);
  static bool ascii_fast_path(const Tokenizer& t);
};

}  // namespace stylokit::text
