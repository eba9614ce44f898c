#include "toolkit/experiment/run_folder.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <sys/stat.h>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"

namespace stylokit::experiment {
namespace fs = std::filesystem;

RunFolder::RunFolder(fs::path destination, bool force) : destination_(std::move(destination)), force_(force) {
  std::error_code ec;
  if (destination_.filename().empty()) destination_ = destination_.parent_path();
  if (fs::exists(destination_, ec) && !force_)
    throw IoError(
        fmt::format("{}: run folder exists; use --force to replace it (or --out for another)", destination_.string()));
  fs::path parent = destination_.parent_path().empty() ? fs::path(".") : destination_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw IoError(fmt::format("{}: cannot create folder: {}", parent.string(), ec.message()));
  // Built piecewise: GCC 12 warns falsely (-Wrestrict, bug 105329) on "." + string.
  std::string hidden(1, '.');
  hidden.append(destination_.filename().string()).append(".partial-XXXXXX");
  std::string templ = (parent / hidden).string();
  if (!::mkdtemp(templ.data()))
    throw IoError(fmt::format("{}: cannot write there: {}", parent.string(), std::strerror(errno)));
  staging_ = templ;
}

RunFolder::~RunFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void RunFolder::write(const std::string& relative, std::string_view content) {
  fs::path target = staging_ / relative;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  write_file_atomic(target, content);
  files_.push_back(relative);
}

void RunFolder::commit() {
  std::error_code ec;
  // mkdtemp() made the staging folder 0700 (private while partial); the run itself gets
  // the mode mkdir would give it, like its files and subfolders.
  if (::chmod(staging_.c_str(), static_cast<mode_t>(0777 & ~file_creation_mask())) != 0)
    throw IoError(
        fmt::format("{}: cannot set the run folder's permissions: {}", staging_.string(), std::strerror(errno)));
  fs::path old;
  if (fs::exists(destination_, ec)) {
    STYLOKIT_ASSERT(force_);
    old = staging_;
    old += ".old";
    fs::rename(destination_, old, ec);
    if (ec) throw IoError(fmt::format("{}: cannot move the old run aside: {}", destination_.string(), ec.message()));
  }
  fs::rename(staging_, destination_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, destination_, ec);  // put the old run back
    throw IoError(fmt::format("{}: cannot move the run into place: {}", destination_.string(), ec.message()));
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace stylokit::experiment
