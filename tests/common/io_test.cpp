#include "toolkit/common/io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <functional>

#include "tests/test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/common/hash.h"

using namespace stylokit;
using stylokit::testing::TempDir;

// A committed AtomicFile appears whole under its name and leaves no temporary behind.
TEST(AtomicFile, CommitRenamesIntoPlace) {
  TempDir dir;
  write_file_atomic(dir / "out.txt", "hello");
  EXPECT_EQ(read_file(dir / "out.txt"), "hello");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

// Without commit (an error part-way), the destination keeps its old content.
TEST(AtomicFile, AbandonedWriteKeepsOldFile) {
  TempDir dir;
  write_file_atomic(dir / "out.txt", "old");
  {
    AtomicFile f(dir / "out.txt");
    f.write("new, half written");
  }
  EXPECT_EQ(read_file(dir / "out.txt"), "old");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

// Missing folders and paths give IoErrors naming the path.
TEST(Io, ErrorsNameThePath) {
  TempDir dir;
  EXPECT_THROW(read_file(dir / "missing.txt"), IoError);
  EXPECT_THROW(read_file(dir.path()), IoError);
  EXPECT_THROW(AtomicFile(dir / "no/such/folder/x.txt"), IoError);
  try {
    read_file(dir / "missing.txt");
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.txt: no such file"), std::string::npos);
  }
}

// read_file returns the exact bytes of empty, binary and large files, and of files whose size
// the file system does not state (/proc).
TEST(Io, ReadFileReadsEveryByte) {
  TempDir dir;
  write_file_atomic(dir / "empty.txt", "");
  EXPECT_EQ(read_file(dir / "empty.txt"), "");
  std::string big;
  for (uint32_t i = 0; i < 300000; ++i) big.push_back(static_cast<char>(i * 7919u % 256u));
  write_file_atomic(dir / "big.bin", big);
  EXPECT_EQ(read_file(dir / "big.bin"), big);
  const std::string status = read_file("/proc/self/status");  // st_size 0, content not empty
  EXPECT_NE(status.find("Name:"), std::string::npos);
}

// Blocks written with write_at() after flush() land at their offsets, in any order.
TEST(AtomicFile, WriteAtPlacesBlocks) {
  TempDir dir;
  {
    AtomicFile f(dir / "out.txt");
    f.write("head:");
    const uint64_t base = f.flush();
    EXPECT_EQ(base, 5u);
    f.write_at(base + 3, "DEF");
    f.write_at(base, "abc");
    f.commit();
  }
  EXPECT_EQ(read_file(dir / "out.txt"), "head:abcDEF");
}

// A reservation larger than what is written leaves the file at the written size (the space
// beyond is released), with the written bytes.
TEST(AtomicFile, ReserveKeepsTheWrittenSize) {
  TempDir dir;
  write_file_atomic(dir / "out.txt", "old content");
  AtomicFile f(dir / "out.txt");
  f.write("abc");
  f.reserve(1 << 20);
  f.write_at(f.flush(), "def");
  f.commit();
  EXPECT_EQ(read_file(dir / "out.txt"), "abcdef");
  EXPECT_EQ(std::filesystem::file_size(dir / "out.txt"), 6u);
}

// An output that is one of the inputs is refused, whatever the spelling of the path.
TEST(Io, RefusesToOverwriteInput) {
  TempDir dir;
  write_file_atomic(dir / "in.txt", "x");
  EXPECT_THROW(check_not_input(dir.path() / "." / "in.txt", {dir / "in.txt"}), IoError);
  EXPECT_NO_THROW(check_not_input(dir / "out.txt", {dir / "in.txt"}));
}

namespace {
namespace fs = std::filesystem;

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
  return st.st_mode;
}

size_t entries(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const IoError& e) {
    return e.what();
  }
  return "(no IoError)";
}

}  // namespace

// An output path naming a device, a FIFO or a folder is refused with one line naming it,
// and the node is left as it was (an atomic rename would have replaced it by a file).
TEST(OutputPath, RefusesWhatIsNotARegularFile) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  std::string e = error_of([&] { write_file_atomic(dir / "pipe", "x"); });
  EXPECT_NE(e.find("pipe: is a FIFO (named pipe), not a regular file; stylokit writes outputs atomically"),
            std::string::npos)
      << e;
  EXPECT_TRUE(S_ISFIFO(mode_of(dir / "pipe")));
  for (const char* device : {"/dev/null", "/dev/full"}) {
    if (!fs::exists(device)) continue;
    e = error_of([&] { write_file_atomic(device, "x"); });
    EXPECT_NE(e.find(std::string(device) + ": is a character device, not a regular file"), std::string::npos) << e;
    EXPECT_TRUE(S_ISCHR(mode_of(device))) << device;
  }
  // A link to a device is refused as the device is.
  fs::create_symlink("/dev/null", dir / "null-link");
  e = error_of([&] { write_file_atomic(dir / "null-link", "x"); });
  EXPECT_NE(e.find("null-link: is a character device"), std::string::npos) << e;
  fs::create_directory(dir / "folder");
  e = error_of([&] { write_file_atomic(dir / "folder", "x"); });
  EXPECT_NE(e.find("folder: is a folder"), std::string::npos) << e;
  EXPECT_EQ(entries(dir.path()), 3u);  // no temporary left behind
}

// An output through a symbolic link replaces the link's target (in the target's folder);
// the link stays a link. A dangling link creates its target.
TEST(OutputPath, WritesThroughSymbolicLinks) {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_directories(dir / "links");
  write_file_atomic(dir / "real/out.csv", "old");
  fs::create_symlink("../real/out.csv", dir / "links/out.csv");
  fs::create_symlink(dir / "links/out.csv", dir / "links/chain.csv");
  write_file_atomic(dir / "links/out.csv", "new");
  EXPECT_TRUE(fs::is_symlink(dir / "links/out.csv"));
  EXPECT_EQ(read_file(dir / "real/out.csv"), "new");
  write_file_atomic(dir / "links/chain.csv", "newer");
  EXPECT_TRUE(fs::is_symlink(dir / "links/chain.csv"));
  EXPECT_TRUE(fs::is_symlink(dir / "links/out.csv"));
  EXPECT_EQ(read_file(dir / "real/out.csv"), "newer");
  fs::create_symlink("../real/later.csv", dir / "links/dangling.csv");
  write_file_atomic(dir / "links/dangling.csv", "made");
  EXPECT_TRUE(fs::is_symlink(dir / "links/dangling.csv"));
  EXPECT_EQ(read_file(dir / "real/later.csv"), "made");
  EXPECT_EQ(entries(dir / "real"), 2u);
  EXPECT_EQ(entries(dir / "links"), 3u);
}

// A new output gets 0666 minus the umask; a replaced one keeps its permission bits.
TEST(OutputPath, Modes) {
  TempDir dir;
  const mode_t old = ::umask(027);
  write_file_atomic(dir / "new.txt", "x");
  EXPECT_EQ(mode_of(dir / "new.txt") & 07777, 0640u);
  ::umask(old);
  ASSERT_EQ(::chmod((dir / "new.txt").c_str(), 0600), 0);
  write_file_atomic(dir / "new.txt", "y");
  EXPECT_EQ(mode_of(dir / "new.txt") & 07777, 0600u);
}

// "-" is standard output for write_output, never a file named "-", and never an input.
TEST(OutputPath, DashIsStandardOutput) {
  TempDir dir;
  const fs::path cwd = fs::current_path();
  fs::current_path(dir.path());
  ::testing::internal::CaptureStdout();
  write_output("-", "to stdout\n");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "to stdout\n");
  EXPECT_FALSE(fs::exists(dir / "-"));
  EXPECT_NO_THROW(check_not_input("-", {dir / "in.txt"}));
  EXPECT_THROW(AtomicFile("-"), IoError);
  write_output(dir / "file.txt", "to a file");
  EXPECT_EQ(read_file(dir / "file.txt"), "to a file");
  fs::current_path(cwd);
}

// An output naming an input through a symbolic link (or a link naming the output) is refused.
TEST(Io, RefusesToOverwriteInputThroughLinks) {
  TempDir dir;
  write_file_atomic(dir / "in.txt", "x");
  fs::create_symlink(dir / "in.txt", dir / "out.txt");
  EXPECT_THROW(check_not_input(dir / "out.txt", {dir / "in.txt"}), IoError);
  EXPECT_THROW(check_not_input(dir / "in.txt", {dir / "out.txt"}), IoError);
  fs::create_directories(dir / "sub");
  fs::create_directory_symlink(dir.path(), dir / "sub/up");
  EXPECT_THROW(check_not_input(dir / "sub/up/in.txt", {dir / "in.txt"}), IoError);
  EXPECT_EQ(read_file(dir / "in.txt"), "x");
}

// SHA-256 equals the FIPS 180-2 test vectors.
TEST(Hash, Sha256KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir dir;
  std::string million(1000000, 'a');
  write_file_atomic(dir / "a.txt", million);
  EXPECT_EQ(sha256_file(dir / "a.txt"), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
