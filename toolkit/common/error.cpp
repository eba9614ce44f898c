#include "toolkit/common/error.h"

namespace stylokit {

BadInputPolicy parse_policy(const std::string& text, const std::string& what) {
  if (text == "fail") return BadInputPolicy::kFail;
  if (text == "warn") return BadInputPolicy::kWarn;
  if (text == "skip") return BadInputPolicy::kSkip;
  throw ConfigError(fmt::format("{}: expected fail, warn or skip, got '{}'", what, text));
}

const char* to_string(BadInputPolicy policy) {
  switch (policy) {
    case BadInputPolicy::kFail: return "fail";
    case BadInputPolicy::kWarn: return "warn";
    case BadInputPolicy::kSkip: return "skip";
  }
  return "?";
}

}  // namespace stylokit
