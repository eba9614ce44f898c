#pragma once
// A progress bar on standard error for steps that take more than a second, shown only
// when stderr is a terminal (never in pipes, logs or CI). Updates are throttled to ten a
// second; finish() clears the line. Not thread-safe: call from one thread (workers can
// publish a count in an atomic that the calling thread passes to update()).

#include <chrono>
#include <cstddef>
#include <string>

namespace stylokit {

class Progress {
 public:
  // total = 0: unknown (a spinner-like counter is shown instead of a bar).
  Progress(std::string label, size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(size_t done);
  void finish();

  // Globally disables bars (e.g. --quiet); they are also off when stderr is no terminal.
  static void set_enabled(bool enabled);

 private:
  std::string label_;
  size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
  bool active_ = false;
};

}  // namespace stylokit
