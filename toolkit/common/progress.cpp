#include "toolkit/common/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace stylokit {
namespace {

// Off until a front end turns bars on (the CLI does, unless --quiet): a program that links the
// library draws nothing on its standard error unless it asks to.
std::atomic<bool> g_enabled{false};

bool stderr_is_terminal() {
  static const bool tty = ::isatty(STDERR_FILENO) == 1;
  return tty;
}

// "56,250": counts of a large corpus are easier to read grouped.
std::string grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double secs) {
  if (!(secs >= 0) || secs > 360000) return "?";
  const long s = static_cast<long>(secs + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
}

size_t terminal_columns() {
  struct winsize w {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 80;
}

// The line's first `columns` code points (labels may hold UTF-8).
std::string clip(const std::string& s, size_t columns) {
  size_t points = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (points++ == columns) return s.substr(0, i);
  }
  return s;
}

}  // namespace

// The visible steps, innermost last, and the thread that draws them.
struct ProgressDisplay {
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<Progress*> stack;
  std::thread drawer;
  bool stop = false;
  bool drawn = false;

  static ProgressDisplay& get() {
    static ProgressDisplay d;
    return d;
  }

  void push(Progress* p) {
    std::unique_lock lock(mutex);
    stack.push_back(p);
    if (stack.size() == 1) {
      stop = false;
      drawer = std::thread([this] { loop(); });
    }
  }

  void pop(Progress* p) {
    std::thread finished;
    {
      std::unique_lock lock(mutex);
      stack.erase(std::remove(stack.begin(), stack.end(), p), stack.end());
      if (!stack.empty()) return;
      stop = true;
      finished = std::move(drawer);
    }
    wake.notify_all();
    if (finished.joinable()) finished.join();
    std::unique_lock lock(mutex);
    if (drawn) {
      std::fputs("\r\033[K", stderr);  // the line is cleared: nothing is left in the terminal
      std::fflush(stderr);
      drawn = false;
    }
  }

  void loop() {
    std::unique_lock lock(mutex);
    const auto first = stack.empty() ? std::chrono::steady_clock::now() : stack.front()->start_;
    if (wake.wait_until(lock, first + std::chrono::milliseconds(500), [this] { return stop; })) return;
    while (!stop) {
      draw();
      wake.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop; });
    }
  }

  // Called with the mutex held.
  void draw() {
    if (stack.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    std::string line;
    for (size_t i = 0; i < stack.size(); ++i) {
      const Progress& p = *stack[i];
      const size_t done = p.done_.load(std::memory_order_relaxed);
      const size_t total = p.total_.load(std::memory_order_relaxed);
      if (i) line += " > ";
      line += p.label_;
      if (p.label_.empty() && p.unit_.empty() && total) {  // an unnamed list of steps: "1/3 indexing"
        line += fmt::format("{}/{} {}", std::min(done, total), total, p.step_name_);
        if (i + 1 < stack.size()) continue;
        line += fmt::format(" {}", duration(std::chrono::duration<double>(now - p.start_).count()));
        continue;
      }
      if (!p.unit_.empty() && i + 1 < stack.size()) continue;
      if (p.unit_.empty()) {  // a step of a multi-step task
        if (total) line += fmt::format(" {}/{}", std::min(done, total), total);
        if (!p.step_name_.empty()) line += fmt::format(" {}", p.step_name_);
        if (i + 1 < stack.size()) continue;
      }
      // Most important first, as a narrow terminal cuts the end: bar, time left, counts, rate.
      const double secs = std::chrono::duration<double>(now - p.start_).count();
      if (total && !p.unit_.empty()) {
        const double f = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
        constexpr int kWidth = 12;
        const int filled = static_cast<int>(f * kWidth);
        line += fmt::format(" [{}{}] {:.0f}%", std::string(filled, '#'), std::string(kWidth - filled, '.'), f * 100);
      }
      if (total && done > 0 && done < total && !p.unit_.empty())
        line += fmt::format(" {} left", duration(secs * static_cast<double>(total - done) / static_cast<double>(done)));
      else
        line += fmt::format(" {}", duration(secs));
      if (!p.unit_.empty()) {
        line += total ? fmt::format(", {}/{} {}", grouped(done), grouped(total), p.unit_)
                      : fmt::format(", {} {}", grouped(done), p.unit_);
        if (secs > 0 && done > 0) line += fmt::format(", {}/s", grouped(static_cast<size_t>(done / secs)));
      }
    }
    const std::string out = fmt::format("\r{}\033[K", clip(line, terminal_columns() - 1));
    std::fputs(out.c_str(), stderr);
    std::fflush(stderr);
    drawn = true;
  }
};

void Progress::set_enabled(bool enabled) {
  g_enabled = enabled;
}

bool Progress::visible() {
  return g_enabled && stderr_is_terminal();
}

Progress::Progress(std::string label, size_t total, std::string unit)
    : label_(std::move(label)), unit_(std::move(unit)), total_(total), start_(std::chrono::steady_clock::now()) {
  if (visible()) {
    registered_ = true;
    ProgressDisplay::get().push(this);
  }
}

Progress::~Progress() {
  finish();
}

void Progress::step(const std::string& name) {
  if (registered_) {
    std::unique_lock lock(ProgressDisplay::get().mutex);
    step_name_ = name;
  }
  add(1);
}

void Progress::finish() {
  if (!registered_) return;
  registered_ = false;
  ProgressDisplay::get().pop(this);
}

}  // namespace stylokit
