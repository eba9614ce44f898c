#pragma once
// Progress of long steps on standard error, for people at a terminal:
//   "similarity > pairs [#########           ] 45% 56,250/124,750 pairs 9,310/s 7s left"
// Shown only when stderr is a terminal and bars are enabled: they are off until a front end
// calls set_enabled(true) (the CLI does, unless --quiet), so a program linking the library
// draws nothing it did not ask for; never in pipes, logs or CI, and never on standard output, so no output file or
// printed result depends on it.
//
// A Progress is one named step with a total (0 = unknown: a counter and the time so far).
// Steps nest: a step created while another lives is drawn after it ("run 4/9 similarity >
// pairs ..."), and the outer step's line comes back when the inner one ends.
//
// Cost and threads: add() is one relaxed atomic add and may be called from any thread (the
// workers of parallel_for); nothing is drawn on the counting threads. One background thread,
// started with the first visible step and joined when the last one ends, redraws the line ten
// times a second, from half a second into the outermost step (fast commands show nothing).
// Construct, step() and finish() on one thread (the caller of the stage), in nesting order.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace stylokit {

class Progress {
 public:
  // `unit` names the items counted ("pairs", "documents"); "" for steps of a run.
  Progress(std::string label, size_t total, std::string unit = "");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Items done so far: add(n) from any thread; update(done) sets the count.
  void add(size_t n = 1) { done_.fetch_add(n, std::memory_order_relaxed); }
  void update(size_t done) { done_.store(done, std::memory_order_relaxed); }
  void set_total(size_t total) { total_.store(total, std::memory_order_relaxed); }
  // Moves to the next named step of a multi-step task (run): done += 1, the name is shown.
  void step(const std::string& name);
  // Ends the step early (the destructor does it otherwise); its line is cleared.
  void finish();

  // Globally enables or disables bars (--quiet). Thread-safe.
  static void set_enabled(bool enabled);
  // Whether a Progress created now would be drawn: enabled and stderr is a terminal.
  static bool visible();

 private:
  friend struct ProgressDisplay;
  std::string label_, unit_;
  std::string step_name_;  // guarded by the display's mutex
  std::atomic<size_t> done_{0}, total_{0};
  std::chrono::steady_clock::time_point start_;
  bool registered_ = false;
};

}  // namespace stylokit
