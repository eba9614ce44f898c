#include "toolkit/common/io.h"

#include <gtest/gtest.h>

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

// SHA-256 equals the FIPS 180-2 test vectors.
TEST(Hash, Sha256KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir dir;
  std::string million(1000000, 'a');
  write_file_atomic(dir / "a.txt", million);
  EXPECT_EQ(sha256_file(dir / "a.txt"), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
