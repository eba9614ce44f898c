#include "toolkit/experiment/run_folder.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/test_util.h"
#include "toolkit/common/io.h"

namespace fs = std::filesystem;
using stylokit::experiment::RunFolder;
using stylokit::testing::TempDir;

namespace {

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

// Sets the umask for one scope and puts the old one back.
struct ScopedUmask {
  explicit ScopedUmask(mode_t m) : old(::umask(m)) {}
  ~ScopedUmask() { ::umask(old); }
  mode_t old;
};

}  // namespace

// A committed run folder, its subfolders and its files get the modes mkdir and creat give
// under the umask (the staging folder's private 0700 does not survive the commit).
TEST(RunFolder, CommittedModesFollowTheUmask) {
  for (mode_t mask : {mode_t{022}, mode_t{027}, mode_t{077}}) {
    ScopedUmask scoped(mask);
    EXPECT_EQ(stylokit::file_creation_mask(), mask);
    TempDir dir;
    {
      RunFolder run(dir / "run", false);
      EXPECT_EQ(mode_of(run.staging()), 0700u);
      run.write("a.csv", "x\n");
      run.write("sub/b.csv", "y\n");
      run.commit();
    }
    EXPECT_EQ(mode_of(dir / "run"), 0777u & ~mask) << std::oct << mask;
    EXPECT_EQ(mode_of(dir / "run/sub"), 0777u & ~mask) << std::oct << mask;
    EXPECT_EQ(mode_of(dir / "run/a.csv"), 0666u & ~mask) << std::oct << mask;
    EXPECT_EQ(mode_of(dir / "run/sub/b.csv"), 0666u & ~mask) << std::oct << mask;
  }
}

// A run that is never committed leaves nothing behind, whatever the modes.
TEST(RunFolder, UncommittedLeavesNothing) {
  TempDir dir;
  {
    RunFolder run(dir / "run", false);
    run.write("a.csv", "x\n");
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}
