#include "toolkit/common/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "toolkit/common/error.h"

using namespace stylokit;

namespace {

int cores() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

// A positive count is itself, 0 is all cores, a negative count is a ConfigError naming `threads`.
TEST(Parallel, ResolveThreadCount) {
  EXPECT_EQ(resolve_thread_count(1), 1);
  EXPECT_EQ(resolve_thread_count(7), 7);
  EXPECT_EQ(resolve_thread_count(0), cores());
  try {
    resolve_thread_count(-2);
    FAIL() << "no error for -2 threads";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("threads"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("-2"), std::string::npos) << e.what();
  }
}

// The pool gives `threads` the same meaning: 0 uses all cores (never more workers than tasks).
TEST(Parallel, WorkerCountResolvesZeroToAllCores) {
  EXPECT_EQ(worker_count(1000, 0), static_cast<size_t>(cores()));
  EXPECT_EQ(worker_count(1000, 3), 3u);
  EXPECT_EQ(worker_count(2, 8), 2u);
  EXPECT_EQ(worker_count(0, 8), 1u);
  EXPECT_EQ(worker_count(5, 1), 1u);
  EXPECT_THROW(worker_count(5, -1), ConfigError);
}

// Every task runs exactly once for any thread count, 0 included; a negative count runs nothing.
TEST(Parallel, EveryTaskOnceForAnyThreadCount) {
  for (int threads : {0, 1, 2, 5}) {
    std::vector<std::atomic<int>> hits(97);
    std::vector<std::atomic<int>> workers_seen(worker_count(hits.size(), threads));
    parallel_for_workers(hits.size(), threads, [&](size_t t, size_t w) {
      ++hits[t];
      ++workers_seen.at(w);
    });
    for (const auto& h : hits) EXPECT_EQ(h.load(), 1) << threads;
  }
  int ran = 0;
  EXPECT_THROW(parallel_for(3, -1, [&](size_t) { ++ran; }), ConfigError);
  EXPECT_EQ(ran, 0);
}
