#pragma once
// Helpers shared by the phrases tests: temporary folders, running the CLI and Python, a
// seeded generator of letters with planted passages, and the PAN text-reuse measures.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace stylokit::phrases::testing {

// A copy of a span (a mined Phrase's tokens or documents), for comparisons and map lookups.
template <class T>
std::vector<std::remove_const_t<T>> vec(std::span<T> s) {
  return {s.begin(), s.end()};
}

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("stylokit_phrases_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write(const std::filesystem::path& p, const std::string& s) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << s;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs a shell command; returns its exit status, stdout and stderr go to `out`.
inline int run(const std::string& cmd, std::string* out = nullptr) {
  std::string full = cmd + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  const int status = pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A seeded generator of filler words (lower-case ASCII, Zipf-like over 2000 types).
class WordGen {
 public:
  explicit WordGen(uint64_t seed) : rng_(seed) {
    for (int i = 0; i < 2000; ++i) {
      std::string w;
      uint64_t x = static_cast<uint64_t>(i) * 2654435761ULL + 12345;
      const int len = 3 + i % 6;
      for (int k = 0; k < len; ++k) {
        w += static_cast<char>('a' + x % 26);
        x = x / 26 + static_cast<uint64_t>(k) * 7919;
      }
      words_.push_back(w + std::to_string(i % 10 == 0 ? i : 0).substr(0, i % 10 == 0 ? 4 : 0));
    }
  }
  std::string word() {
    // Zipf-ish: square of a uniform pick favours low ranks.
    std::uniform_real_distribution<double> u(0, 1);
    const double r = u(rng_);
    return words_[static_cast<size_t>(r * r * static_cast<double>(words_.size() - 1))];
  }
  std::vector<std::string> words(size_t n) {
    std::vector<std::string> out;
    for (size_t i = 0; i < n; ++i) out.push_back(word());
    return out;
  }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> words_;
};

// A character range of a document: [begin, end).
struct Span {
  size_t begin = 0, end = 0;
  size_t size() const { return end - begin; }
};
// A reuse case or a detection: the same passage in document A and in document B.
struct Case {
  Span a, b;
  int pair = 0;  // which document pair
};

inline size_t overlap(Span x, Span y) {
  const size_t b = std::max(x.begin, y.begin), e = std::min(x.end, y.end);
  return e > b ? e - b : 0;
}
inline bool detects(const Case& r, const Case& s) { return r.pair == s.pair && overlap(r.a, s.a) > 0 && overlap(r.b, s.b) > 0; }

struct PanScores {
  double precision = 0, recall = 0, granularity = 1, plagdet = 0;
};

// PAN measures (Potthast et al. 2010) for one document pair, character level, with a case
// and a detection both counted in the two documents. Detections of one case are assumed
// not to overlap each other (our passages never do).
inline PanScores pan_scores(const std::vector<Case>& cases, const std::vector<Case>& dets) {
  PanScores p;
  double rec = 0, prec = 0;
  size_t detected_cases = 0, detections_of_detected = 0;
  for (const Case& s : cases) {
    size_t covered = 0, n = 0;
    for (const Case& r : dets)
      if (detects(r, s)) covered += overlap(r.a, s.a) + overlap(r.b, s.b), ++n;
    rec += static_cast<double>(covered) / static_cast<double>(s.a.size() + s.b.size());
    if (n) ++detected_cases, detections_of_detected += n;
  }
  for (const Case& r : dets) {
    size_t covered = 0;
    for (const Case& s : cases)
      if (detects(r, s)) covered += overlap(r.a, s.a) + overlap(r.b, s.b);
    prec += static_cast<double>(covered) / static_cast<double>(r.a.size() + r.b.size());
  }
  p.recall = cases.empty() ? 1 : rec / static_cast<double>(cases.size());
  p.precision = dets.empty() ? 1 : prec / static_cast<double>(dets.size());
  p.granularity = detected_cases ? static_cast<double>(detections_of_detected) / static_cast<double>(detected_cases) : 1;
  const double f = p.precision + p.recall > 0 ? 2 * p.precision * p.recall / (p.precision + p.recall) : 0;
  p.plagdet = f / std::log2(1 + p.granularity);
  return p;
}

}  // namespace stylokit::phrases::testing
