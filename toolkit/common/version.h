#pragma once
// The toolkit's version and the source it was built from, as recorded in run manifests,
// matrix headers and `stylokit --version`.

#include <string>

namespace stylokit {

// The release version, "MAJOR.MINOR.PATCH" (CMake's PROJECT_VERSION). Thread-safe.
std::string version();

// The first 12 hex digits of the git commit the library was built from, read at build
// time; "unknown" when built from a tree without git metadata. Thread-safe.
std::string git_commit();

}  // namespace stylokit
