#include "toolkit/common/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
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

bool is_standard_output(const fs::path& path) {
  return path.native() == "-";
}

void write_output(const fs::path& path, std::string_view content) {
  if (!is_standard_output(path)) {
    write_file_atomic(path, content);
    return;
  }
  // Through std::cout, not fd 1: whatever a command printed there before stays in order.
  errno = 0;
  std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
  std::cout.flush();
  if (!std::cout) {
    const int err = errno;
    std::cout.clear();
    throw IoError(fmt::format("standard output: write failed{}{}", err ? ": " : "", err ? std::strerror(err) : ""));
  }
}

unsigned file_creation_mask() {
  // /proc states it without changing it; umask() can only be read by setting it, which
  // would let a file created meanwhile by another thread get the wrong mode.
  std::error_code ec;
  if (fs::exists("/proc/self/status", ec)) {
    const std::string status = read_file("/proc/self/status");
    const size_t at = status.find("\nUmask:");
    if (at != std::string::npos) return static_cast<unsigned>(std::strtoul(status.c_str() + at + 7, nullptr, 8));
  }
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  const mode_t mask = ::umask(022);
  ::umask(mask);
  return static_cast<unsigned>(mask);
}

namespace {

const char* file_kind(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

// The file an output to `path` replaces: `path` itself, or the final target of the
// symbolic links it names. Throws IoError when that exists and is not a regular file.
// `mode` gets the existing file's permission bits, or 0 when there is none yet.
fs::path output_target(const fs::path& path, mode_t& mode) {
  mode = 0;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw IoError(fmt::format("{}: is a folder, cannot write a file there", path.string()));
    if (!S_ISREG(st.st_mode))
      throw IoError(fmt::format(
          "{}: is {}, not a regular file; stylokit writes outputs atomically (a new file renamed into place), "
          "which would replace it (-o - writes to standard output)",
          path.string(), file_kind(st.st_mode)));
    mode = st.st_mode & 07777;
  } else if (errno != ENOENT) {
    throw IoError(fmt::format("{}: cannot write there: {}", path.string(), std::strerror(errno)));
  }
  // Links resolved by hand: realpath() wants the final target to exist, and a dangling
  // link creates its target (as `>` does).
  fs::path p = path;
  for (int hops = 0;; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(p, ec)) return p;
    if (hops == 40) throw IoError(fmt::format("{}: too many levels of symbolic links", path.string()));
    const fs::path link = fs::read_symlink(p, ec);
    if (ec) throw IoError(fmt::format("{}: cannot read the link: {}", path.string(), ec.message()));
    p = link.is_absolute() ? link : p.parent_path() / link;
  }
}

}  // namespace

void check_not_input(const fs::path& output, const std::vector<fs::path>& inputs) {
  if (is_standard_output(output)) return;
  std::error_code ec;
  for (const auto& in : inputs) {
    bool same = fs::exists(output, ec) && fs::exists(in, ec) && fs::equivalent(output, in, ec);
    if (same || fs::weakly_canonical(output, ec) == fs::weakly_canonical(in, ec))
      throw IoError(fmt::format("{}: refusing to overwrite an input file", output.string()));
  }
}

AtomicFile::AtomicFile(fs::path destination) : destination_(std::move(destination)) {
  STYLOKIT_CHECK(!is_standard_output(destination_), IoError,
                 "-: standard output cannot be written atomically; give a file name");
  mode_t mode = 0;
  target_ = output_target(destination_, mode);
  if (mode == 0) mode = static_cast<mode_t>(0666 & ~file_creation_mask());
  fs::path dir = target_.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw IoError(fmt::format("{}: output folder {} does not exist", destination_.string(), dir.string()));
  // The temporary lives beside the target so that rename() is atomic.
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict, bug 105329) on "." + string.
  std::string name(1, '.');
  name.append(target_.filename().string()).append(".tmp-XXXXXX");
  std::string templ = (dir / name).string();
  int fd = ::mkstemp(templ.data());
  if (fd < 0)
    throw IoError(
        fmt::format("{}: cannot create a file in {}: {}", destination_.string(), dir.string(), std::strerror(errno)));
  ::fchmod(fd, mode);
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
  fs::rename(temporary_, target_, ec);
  if (ec) {
    fs::remove(temporary_, ec);
    throw IoError(fmt::format("{}: cannot rename into place: {}", destination_.string(), ec.message()));
  }
}

}  // namespace stylokit
