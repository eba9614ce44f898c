#pragma once
// File input and crash-safe output. Outputs are written to a temporary file in the
// destination folder and renamed into place on commit(), so a reader never sees a
// half-written file under its final name, and an interrupted run leaves none.
//
// Output paths. An output path may name a regular file (replaced), nothing yet (created)
// or a symbolic link: a link is written through, as the shell's `>` does — the new file
// is renamed over the link's final target, in the target's folder, and the link is kept
// (a dangling link creates its target). Any other existing path — a device such as
// /dev/full or /dev/stdout on a terminal, a FIFO, a socket or a folder — is refused with
// an IoError naming it: an atomic rename would replace the device node or pipe with a
// regular file instead of writing to it. For standard output, commands take `-o -`
// (write_output()). A new output gets the mode 0666 minus the umask; a replaced
// file keeps its permission bits.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit {

// Reads a whole file as bytes. Throws IoError naming the path when it is missing,
// a folder, or unreadable.
std::string read_file(const std::filesystem::path& path);

// Writes `content` to `path` atomically (temporary file + rename), under the output path
// rules above. Throws IoError.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// True for the output path "-", which means standard output.
bool is_standard_output(const std::filesystem::path& path);

// Writes a command's primary output: to standard output (through std::cout, flushed) when
// `path` is "-", else write_file_atomic(path, content). A command whose output has
// sidecar files (M.mtx with M.terms.tsv) should refuse "-" instead. Throws IoError,
// naming "standard output" when it cannot be written (a closed pipe, a full disk).
void write_output(const std::filesystem::path& path, std::string_view content);

// Throws IoError when `output` is the same file as one of `inputs` (by path or inode,
// following symbolic links on either side), so that no command ever overwrites its own
// input. "-" (standard output) is never an input.
void check_not_input(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs);

// The process's file mode creation mask (umask), read without changing it. Thread-safe.
unsigned file_creation_mask();

// The folder of stylokit's shipped data (cleaning rules in cleaning/, stop-word lists in
// stopwords/). Looked up in this order, the first that applies wins:
//   1. the STYLOKIT_DATA_DIR environment variable, when set and not empty;
//   2. <folder of the running program>/../share/stylokit (the installed layout: bin/ and
//      share/ under one prefix, wherever the prefix was moved), when that folder exists;
//   3. the source tree's data/, only for programs inside the build tree that compiled this
//      library (tests, benchmarks, the CLI before installation);
//   4. otherwise the path of step 2, missing, so that errors name where the data belongs.
// An installed program therefore never reads the source tree. Programs linking an installed
// library from their own folder should set STYLOKIT_DATA_DIR (the CMake package gives the
// installed folder as stylokit_DATA_DIR). The program's path comes from /proc/self/exe;
// where /proc is not mounted only steps 1 and 3 remain.
// Does not check that the folder holds any file. Thread-safe (reads the environment).
std::filesystem::path data_dir();

// A file being written: buffered stdio on a temporary sibling of the destination.
// commit() flushes and renames (readers and later steps see the whole file or none); the
// destructor without commit() removes the temporary. With STYLOKIT_FSYNC=1 in the
// environment commit() also fsyncs before renaming, so that outputs survive a power cut;
// off by default: outputs are derived data, and the fsync of a 108 MB .mtx took ~80 ms,
// a quarter of the whole vectorize run. Not copyable; write() from one thread.
class AtomicFile {
 public:
  // Throws IoError when `destination` breaks the output path rules above, or its folder
  // is missing or not writable.
  explicit AtomicFile(std::filesystem::path destination);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Flushes what write() buffered and returns the file size so far: where write_at() may
  // continue. Call before write_at(); do not call write() after write_at().
  uint64_t flush();
  // Announces that about `bytes` bytes will be written (an upper bound is fine): the file
  // system allocates them now, so that renaming over an existing file does not have to
  // (ext4 flushes a file's delayed allocations when it replaces another: 15-20 ms for a 38 MB
  // .mtx). Space beyond what was written is released by commit(). A hint: errors ignored.
  void reserve(uint64_t bytes);
  // Writes `bytes` at `offset` (pwrite). Safe from several threads for disjoint ranges: lets
  // writers that know their place write blocks as they finish them. Throws IoError.
  void write_at(uint64_t offset, std::string_view bytes);
  void commit();
  const std::filesystem::path& destination() const { return destination_; }

 private:
  std::filesystem::path destination_;  // as given: named in messages
  std::filesystem::path target_;       // what commit() renames onto: destination_ with links resolved
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
  bool reserved_ = false;
};

}  // namespace stylokit
