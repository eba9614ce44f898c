#include "toolkit/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "toolkit/common/error.h"

namespace stylokit {

int resolve_thread_count(int threads) {
  STYLOKIT_CHECK(threads >= 0, ConfigError, "threads: expected 0 (all cores) or a positive count, got {}", threads);
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

size_t worker_count(size_t tasks, int threads) {
  return std::max<size_t>(1, std::min(tasks, static_cast<size_t>(resolve_thread_count(threads))));
}

void parallel_for(size_t tasks, int threads, const std::function<void(size_t)>& body) {
  parallel_for_workers(tasks, threads, [&](size_t t, size_t) { body(t); });
}

void parallel_for_workers(size_t tasks, int threads, const std::function<void(size_t, size_t)>& body) {
  const size_t n = worker_count(tasks, threads);
  if (n == 1) {
    for (size_t t = 0; t < tasks; ++t) body(t, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&](size_t w) {
    for (;;) {
      if (failed.load(std::memory_order_relaxed)) return;
      const size_t t = next.fetch_add(1, std::memory_order_relaxed);
      if (t >= tasks) return;
      try {
        body(t, w);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (size_t w = 1; w < n; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace stylokit
