#include "toolkit/common/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>

#include "toolkit/common/error.h"

namespace stylokit {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    std::error_code ec;
    if (err == ENOENT || !fs::exists(path, ec)) throw IoError(fmt::format("{}: no such file", path.string()));
    if (fs::is_directory(path, ec)) throw IoError(fmt::format("{}: is a folder, expected a file", path.string()));
    throw IoError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(err)));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw IoError(fmt::format("{}: cannot stat: {}", path.string(), std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) throw IoError(fmt::format("{}: is a folder, expected a file", path.string()));
  std::string data;
  // Regular files: one read of the stated size; then (and for pipes or /proc files, whose
  // size is unknown) read on until end of file.
  if (S_ISREG(st.st_mode) && st.st_size > 0) data.resize(static_cast<size_t>(st.st_size));
  size_t have = 0;
  for (;;) {
    char more[1 << 14];
    const bool full = have == data.size();
    const ssize_t n = full ? ::read(fd, more, sizeof more) : ::read(fd, data.data() + have, data.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(fmt::format("{}: read error: {}", path.string(), std::strerror(errno)));
    if (n == 0) break;
    if (full) data.append(more, static_cast<size_t>(n));
    have += static_cast<size_t>(n);
  }
  data.resize(have);
  return data;
}

fs::path data_dir() {
  if (const char* env = std::getenv("STYLOKIT_DATA_DIR"); env && *env) return fs::path(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fs::path(STYLOKIT_SOURCE_DATA_DIR);  // no /proc: the program's place is unknown
  const fs::path installed = (exe.parent_path() / STYLOKIT_DATA_FROM_BIN).lexically_normal();
  if (fs::is_directory(installed, ec)) return installed;
  // Compared as canonical paths: the build folder may have been named through a symlink,
  // /proc/self/exe never is.
  const fs::path build = fs::weakly_canonical(STYLOKIT_BUILD_DIR, ec);
  if (!ec) {
    const bool inside = std::mismatch(build.begin(), build.end(), exe.begin(), exe.end()).first == build.end();
    if (inside) return fs::path(STYLOKIT_SOURCE_DATA_DIR);
  }
  return installed;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  AtomicFile out(path);
  out.write(content);
  out.commit();
}

void check_not_input(const fs::path& output, const std::vector<fs::path>& inputs) {
  std::error_code ec;
  for (const auto& in : inputs) {
    bool same = fs::exists(output, ec) && fs::exists(in, ec) && fs::equivalent(output, in, ec);
    if (same || fs::weakly_canonical(output, ec) == fs::weakly_canonical(in, ec))
      throw IoError(fmt::format("{}: refusing to overwrite an input file", output.string()));
  }
}

AtomicFile::AtomicFile(fs::path destination) : destination_(std::move(destination)) {
  fs::path dir = destination_.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw IoError(fmt::format("{}: output folder {} does not exist", destination_.string(), dir.string()));
  if (fs::is_directory(destination_, ec))
    throw IoError(fmt::format("{}: is a folder, cannot write a file there", destination_.string()));
  // The temporary lives beside the destination so that rename() is atomic.
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict, bug 105329) on "." + string.
  std::string name(1, '.');
  name.append(destination_.filename().string()).append(".tmp-XXXXXX");
  std::string templ = (dir / name).string();
  int fd = ::mkstemp(templ.data());
  if (fd < 0)
    throw IoError(
        fmt::format("{}: cannot create a file in {}: {}", destination_.string(), dir.string(), std::strerror(errno)));
  ::fchmod(fd, 0644);
  temporary_ = templ;
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    fs::remove(temporary_, ec);
    throw IoError(fmt::format("{}: cannot open for writing", destination_.string()));
  }
}

AtomicFile::~AtomicFile() {
  if (file_) {
    std::fclose(file_);
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void AtomicFile::write(std::string_view bytes) {
  STYLOKIT_ASSERT(file_ != nullptr);
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    throw IoError(fmt::format("{}: write failed: {}", destination_.string(), std::strerror(errno)));
}

uint64_t AtomicFile::flush() {
  STYLOKIT_ASSERT(file_ != nullptr);
  if (std::fflush(file_) != 0)
    throw IoError(fmt::format("{}: write failed: {}", destination_.string(), std::strerror(errno)));
  const off_t end = ::lseek(::fileno(file_), 0, SEEK_END);
  if (end < 0) throw IoError(fmt::format("{}: cannot seek: {}", destination_.string(), std::strerror(errno)));
  return static_cast<uint64_t>(end);
}

void AtomicFile::write_at(uint64_t offset, std::string_view bytes) {
  STYLOKIT_ASSERT(file_ != nullptr);
  const int fd = ::fileno(file_);
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw IoError(fmt::format("{}: write failed: {}", destination_.string(), std::strerror(errno)));
    bytes.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<uint64_t>(n);
  }
}

void AtomicFile::reserve(uint64_t bytes) {
  STYLOKIT_ASSERT(file_ != nullptr);
#ifdef __linux__
  if (bytes > 0 && ::fallocate(::fileno(file_), FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(bytes)) == 0)
    reserved_ = true;
#else
  (void)bytes;
#endif
}

void AtomicFile::commit() {
  STYLOKIT_ASSERT(file_ != nullptr);
  static const bool durable = [] {
    const char* v = std::getenv("STYLOKIT_FSYNC");
    return v != nullptr && std::string_view(v) == "1";
  }();
  bool ok = std::fflush(file_) == 0;
  if (ok && reserved_) {
    // Releases the reserved blocks beyond the end (ext4 truncates them even at an unchanged size).
    const off_t end = ::lseek(::fileno(file_), 0, SEEK_END);
    ok = end >= 0 && ::ftruncate(::fileno(file_), end) == 0;
  }
  ok = ok && (!durable || ::fsync(::fileno(file_)) == 0);
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  std::error_code ec;
  if (!ok) {
    fs::remove(temporary_, ec);
    throw IoError(fmt::format("{}: write failed: {}", destination_.string(), std::strerror(errno)));
  }
  fs::rename(temporary_, destination_, ec);
  if (ec) {
    fs::remove(temporary_, ec);
    throw IoError(fmt::format("{}: cannot rename into place: {}", destination_.string(), ec.message()));
  }
}

}  // namespace stylokit
