// The `stylokit` launcher (toolkit/cli/launcher.cpp): it runs the stylokit-core next to it with
// glibc's malloc tunables added to the environment. A copy of the launcher next to a stand-in
// core (a shell script that prints what it was given) shows exactly what the core receives.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

using stylokit::testing::run_shell;
using stylokit::testing::shell_quote;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

constexpr const char* kOurs =
    "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:glibc.malloc.trim_threshold=4294967295:"
    "glibc.malloc.mmap_threshold=33554432";

// A folder holding a copy of the launcher and a stand-in core printing its tunables and argv.
struct FakeInstall {
  TempDir dir;
  std::filesystem::path launcher = dir / "stylokit";
  FakeInstall() {
    std::filesystem::copy_file(STYLOKIT_BINARY, launcher);
    write_file(dir / "stylokit-core",
               "#!/bin/sh\n"
               "printf 'tunables=[%s] set=%s\\n' \"$GLIBC_TUNABLES\" \"${GLIBC_TUNABLES+yes}\"\n"
               "for a in \"$0\" \"$@\"; do printf 'arg=[%s]\\n' \"$a\"; done\n"
               "exit 7\n");
    ::chmod((dir / "stylokit-core").c_str(), 0755);
  }
  stylokit::testing::CommandResult run(const std::string& env, const std::string& args) const {
    return run_shell("env -u GLIBC_TUNABLES -u STYLOKIT_HUGE_PAGES " + env + " " + shell_quote(launcher.string()) +
                     " " + args);
  }
};

}  // namespace

// By default the core gets our four tunables, the arguments unchanged, and its exit code is
// the launcher's.
TEST(Launcher, AddsTunablesAndPassesArgs) {
  FakeInstall fake;
  auto r = fake.run("", "vectorize 'two words' ''");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_NE(r.out.find(std::string("tunables=[") + kOurs + "] set=yes\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("arg=[vectorize]\narg=[two words]\narg=[]\n"), std::string::npos) << r.out;
}

// Tunables the user set are kept (theirs first, ours appended unless they set the same one);
// a user who chose glibc.malloc.hugetlb, or STYLOKIT_HUGE_PAGES=0, gets the environment as it was.
TEST(Launcher, RespectsTheUsersChoice) {
  FakeInstall fake;
  auto kept = fake.run("GLIBC_TUNABLES=glibc.malloc.top_pad=1:glibc.malloc.tcache_count=0", "x");
  EXPECT_NE(kept.out.find("tunables=[glibc.malloc.top_pad=1:glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=1:"
                          "glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=33554432]"),
            std::string::npos)
      << kept.out;
  auto theirs = fake.run("GLIBC_TUNABLES=glibc.malloc.hugetlb=0", "x");
  EXPECT_NE(theirs.out.find("tunables=[glibc.malloc.hugetlb=0] set=yes"), std::string::npos) << theirs.out;
  auto off = fake.run("STYLOKIT_HUGE_PAGES=0", "x");
  EXPECT_NE(off.out.find("tunables=[] set=\n"), std::string::npos) << off.out;
  auto on = fake.run("STYLOKIT_HUGE_PAGES=1", "x");
  EXPECT_NE(on.out.find(std::string("tunables=[") + kOurs + "]"), std::string::npos) << on.out;
}

// Reached through a symlink in another folder, the launcher still finds the core next to its
// real file; without a core it says which path it tried, in one line, and exits 1.
TEST(Launcher, FindsTheCoreOrSaysWhy) {
  FakeInstall fake;
  TempDir elsewhere;
  std::filesystem::create_symlink(fake.launcher, elsewhere / "sk");
  auto linked = run_shell(shell_quote((elsewhere / "sk").string()) + " a");
  EXPECT_EQ(linked.exit_code, 7) << linked.err;
  EXPECT_NE(linked.out.find("arg=[a]"), std::string::npos) << linked.out;

  std::filesystem::remove(fake.dir / "stylokit-core");
  auto missing = fake.run("", "--version");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "stylokit: cannot run " + (fake.dir / "stylokit-core").string() +
                             ": No such file or directory (stylokit-core is built and installed next to stylokit)\n");
  EXPECT_TRUE(missing.out.empty());
}

// The real pair: `stylokit --version` runs the core, with and without huge pages.
TEST(Launcher, RunsTheRealCore) {
  for (const char* env : {"", "STYLOKIT_HUGE_PAGES=0"}) {
    auto r = run_shell(std::string("env ") + env + " " + shell_quote(STYLOKIT_BINARY) + " --version");
    EXPECT_EQ(r.exit_code, 0) << env << r.err;
    EXPECT_EQ(r.out.rfind("stylokit 0.", 0), 0u) << env << r.out;
  }
}
