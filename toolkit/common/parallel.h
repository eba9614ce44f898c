#pragma once
// The one worker pool of the toolkit: tasks handed out in order from an atomic counter to a few
// threads, the caller's thread being worker 0, and the first exception rethrown on the caller's
// thread after every worker has stopped. Results never depend on which worker ran a task: each
// caller writes per-task outputs (or per-worker scratch merged in a fixed order).

#include <cstddef>
#include <functional>

namespace stylokit {

// What a `threads` option or argument means everywhere in the toolkit (every stage's options,
// every CLI's --threads, the functions below): a positive count is that many threads; 0 is all
// cores, std::thread::hardware_concurrency() (1 when unknown). Returns the count. Throws
// ConfigError naming `threads` when it is negative. O(1), thread-safe.
int resolve_thread_count(int threads);

// Runs body(t) for t in [0, tasks) on up to resolve_thread_count(threads) threads (never more
// than tasks). After a body throws, the remaining tasks are skipped and the first exception is
// rethrown once all workers stop. With one worker, runs inline, in order. Throws ConfigError
// for a negative `threads` before running anything.
void parallel_for(size_t tasks, int threads, const std::function<void(size_t)>& body);

// As above; body(task, worker) also gets the worker index in [0, worker_count(tasks, threads)),
// so that each worker can keep its own scratch space.
void parallel_for_workers(size_t tasks, int threads, const std::function<void(size_t, size_t)>& body);

// Number of workers parallel_for_workers uses: min(tasks, resolve_thread_count(threads)), at
// least 1. Throws ConfigError for a negative `threads`.
size_t worker_count(size_t tasks, int threads);

}  // namespace stylokit
