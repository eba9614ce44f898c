#pragma once
// Errors stylokit throws. Every error is a stylokit::Error (a std::runtime_error)
// whose message is one line that names the file, document or key and the problem,
// ready for the CLI to print as is. The kind decides the CLI's exit code:
// usage/config errors exit 2, data/I/O/internal errors exit 1.

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace stylokit {

enum class ErrorKind {
  kConfig,    // bad options, flags or config files (exit 2)
  kIo,        // a path that cannot be read or written (exit 1)
  kData,      // input that is not what it should be: encoding, format, too small (exit 1)
  kInternal,  // a broken invariant: a bug in stylokit (exit 1)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

struct ConfigError : Error {
  explicit ConfigError(const std::string& m) : Error(ErrorKind::kConfig, m) {}
};
struct IoError : Error {
  explicit IoError(const std::string& m) : Error(ErrorKind::kIo, m) {}
};
struct DataError : Error {
  explicit DataError(const std::string& m) : Error(ErrorKind::kData, m) {}
};
struct InternalError : Error {
  explicit InternalError(const std::string& m) : Error(ErrorKind::kInternal, m) {}
};

// What to do with a document that cannot be used (bad encoding, empty, binary):
// kFail stops with an error, kWarn keeps what can be kept and warns, kSkip drops the
// document and warns. Chosen by the user, never hard-coded.
enum class BadInputPolicy { kFail, kWarn, kSkip };

// Parses "fail" | "warn" | "skip"; throws ConfigError naming `what` otherwise.
BadInputPolicy parse_policy(const std::string& text, const std::string& what = "policy");
const char* to_string(BadInputPolicy policy);

}  // namespace stylokit

// Throws ExcType with a formatted message when `cond` is false. For user and data
// errors; invariants use STYLOKIT_ASSERT.
#define STYLOKIT_CHECK(cond, ExcType, ...)                    \
  do {                                                        \
    if (!(cond)) throw ExcType(fmt::format(__VA_ARGS__));     \
  } while (0)

// Broken invariant = bug: names the source line and the condition.
#define STYLOKIT_ASSERT(cond)                                                        \
  do {                                                                               \
    if (!(cond))                                                                     \
      throw ::stylokit::InternalError(                                               \
          fmt::format("internal error: {}:{}: assertion failed: {}", __FILE__, __LINE__, #cond)); \
  } while (0)
