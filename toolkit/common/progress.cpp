#include "toolkit/common/progress.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>

#include <fmt/format.h>

namespace stylokit {
namespace {
std::atomic<bool> g_enabled{true};
}

void Progress::set_enabled(bool enabled) { g_enabled = enabled; }

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()), last_(start_) {
  active_ = g_enabled && ::isatty(STDERR_FILENO);
}

Progress::~Progress() { finish(); }

void Progress::update(size_t done) {
  if (!active_) return;
  auto now = std::chrono::steady_clock::now();
  // Quiet for the first second (fast steps never flash a bar), then ten updates a second.
  if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  double secs = std::chrono::duration<double>(now - start_).count();
  std::string line;
  if (total_ > 0) {
    double f = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    constexpr int kWidth = 30;
    int filled = static_cast<int>(f * kWidth);
    line = fmt::format("\r{} [{}{}] {:3.0f}% {}/{} {:.1f}s", label_, std::string(filled, '#'),
                       std::string(kWidth - filled, ' '), f * 100, done, total_, secs);
  } else {
    line = fmt::format("\r{} {} {:.1f}s", label_, done, secs);
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (shown_) {
    std::fputs("\r\033[K", stderr);  // clear the bar's line
    std::fflush(stderr);
    shown_ = false;
  }
  active_ = false;
}

}  // namespace stylokit
