#pragma once
// The one worker pool of the toolkit: tasks handed out in order from an atomic counter to a few
// threads, the caller's thread being worker 0, and the first exception rethrown on the caller's
// thread after every worker has stopped. Results never depend on which worker ran a task: each
// caller writes per-task outputs (or per-worker scratch merged in a fixed order).

#include <cstddef>
#include <functional>

namespace stylokit {

// Runs body(t) for t in [0, tasks) on `threads` threads. After a body throws, the remaining
// tasks are skipped and the first exception is rethrown once all workers stop. threads <= 1
// runs inline, in order.
void parallel_for(size_t tasks, int threads, const std::function<void(size_t)>& body);

// As above; body(task, worker) also gets the worker index in [0, worker_count(tasks, threads)),
// so that each worker can keep its own scratch space.
void parallel_for_workers(size_t tasks, int threads, const std::function<void(size_t, size_t)>& body);

// What a `threads` option means: itself when positive, else (0: all cores) the hardware's
// concurrency, at least 1.
int resolve_thread_count(int threads);

// Number of workers parallel_for_workers uses.
inline size_t worker_count(size_t tasks, int threads) {
  return threads <= 1 || tasks <= 1 ? 1 : (tasks < static_cast<size_t>(threads) ? tasks : static_cast<size_t>(threads));
}

}  // namespace stylokit
