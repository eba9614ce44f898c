// stylokit: a small front program that sets glibc's malloc tunables and executes the
// command-line program, stylokit-core, which sits next to it. It uses only libc and is linked
// statically, so that it starts in about a millisecond.
//
// Why: where page faults are slow (about 10 microseconds each on the virtual machine that
// bench/README.md's figures come from), a run with glibc's defaults spends much of its time in
// the kernel's fault path, faulting in fresh 4 KiB pages. glibc (>= 2.35) backs malloc's memory with transparent huge pages when
// glibc.malloc.hugetlb=1, and three more tunables keep it from returning memory to the kernel
// only to fault it in again: the heap grows 64 MiB at a time (top_pad) and is never trimmed,
// and chunks below 32 MiB come from it rather than from fresh mmaps. (arena_max=1, one arena
// for all threads, is not set: threads that build strings in parallel would wait on its
// lock.) bench/README.md's phrase-mining rows compare these settings (L) with glibc's
// defaults (D). Tunables are read only at process start, so they must be in the environment
// before stylokit-core starts; the core re-executing itself instead would load it and its
// libraries (ICU, Boost, OpenSSL, ...) twice, about 12 ms of every run.
//
// Not set when STYLOKIT_HUGE_PAGES=0 or when the user set glibc.malloc.hugetlb (either way);
// tunables the user set are kept. stylokit-core run directly gets glibc's defaults.

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr const char* kTunables[] = {"glibc.malloc.hugetlb=1", "glibc.malloc.top_pad=67108864",
                                     "glibc.malloc.trim_threshold=4294967295", "glibc.malloc.mmap_threshold=33554432"};

// Sets GLIBC_TUNABLES to the user's tunables with ours added (theirs win). Leaves the
// environment as it is with STYLOKIT_HUGE_PAGES=0 or when the user chose glibc.malloc.hugetlb;
// if setenv fails the core simply runs with glibc's defaults.
void add_tunables() {
  const char* off = std::getenv("STYLOKIT_HUGE_PAGES");
  if (off != nullptr && std::string_view(off) == "0") return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::string value = tunables != nullptr ? tunables : "";
  if (value.find("glibc.malloc.hugetlb") != std::string::npos) return;
  for (const char* t : kTunables) {
    const std::string_view name = std::string_view(t).substr(0, std::string_view(t).find('='));
    if (value.find(name) != std::string::npos) continue;
    if (!value.empty()) value += ':';
    value += t;
  }
  (void)setenv("GLIBC_TUNABLES", value.c_str(), 1);
}

// stylokit-core in the folder of this program (found through /proc/self/exe, so symlinks to
// stylokit work; argv[0]'s folder when /proc is not mounted).
std::string core_path(const char* argv0) {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir;
  if (n > 0) {
    dir.assign(self, static_cast<size_t>(n));
  } else if (argv0 != nullptr && std::strchr(argv0, '/') != nullptr) {
    dir = argv0;
  }
  const size_t slash = dir.rfind('/');
  dir = slash == std::string::npos ? std::string(".") : dir.substr(0, slash);
  return dir + "/stylokit-core";
}

}  // namespace

int main(int argc, char** argv) {
  (void)argc;
  const std::string core = core_path(argv[0]);
  add_tunables();
  execv(core.c_str(), argv);
  const int err = errno;
  std::fprintf(stderr, "stylokit: cannot run %s: %s (stylokit-core is built and installed next to stylokit)\n",
               core.c_str(), std::strerror(err));
  return 1;
}
