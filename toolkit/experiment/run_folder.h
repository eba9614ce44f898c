#pragma once
// A run folder that appears whole or not at all. Outputs are written into a hidden
// staging folder beside the destination (".NAME.partial-XXXXXX"); commit() renames it
// into place, so an interrupted run never leaves files under the final name and never
// touches an earlier result. An existing destination is replaced only with `force`,
// and then only at commit time (the old run survives a failed re-run). The committed
// folder has the mode mkdir gives (0777 minus the umask); while staging it is 0700.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit::experiment {

class RunFolder {
 public:
  // Throws IoError when `destination` exists and !force, or its parent cannot be written.
  RunFolder(std::filesystem::path destination, bool force);
  ~RunFolder();  // removes the staging folder unless committed
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  // Writes a file (relative path) into the staging folder; records it for the manifest.
  void write(const std::string& relative, std::string_view content);
  // Records a file another writer put into staging() (e.g. save_matrix), for the manifest.
  void add_file(const std::string& relative) { files_.push_back(relative); }
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& destination() const { return destination_; }
  // Files written so far, in write order.
  const std::vector<std::string>& files() const { return files_; }

  // Moves the staging folder into place (replacing an old run when forced).
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path staging_;
  bool force_ = false;
  bool committed_ = false;
  std::vector<std::string> files_;
};

}  // namespace stylokit::experiment
