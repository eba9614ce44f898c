#pragma once
// Helpers shared by the tests: a temporary folder that cleans up after itself, file
// writing, and running the stylokit binary with its exit code and output captured.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit::testing {

class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "stylokit-test-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The lines of `s` without their '\n' (a final '\n' ends the last line, adds none).
inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t e = s.find('\n', pos);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

// Greedy wrapping of one paragraph (words separated by single spaces) at `width` bytes,
// lines ended by `eol`: the hard-wrapped copy of a text, as Project Gutenberg files are.
inline std::string wrap_paragraph(const std::string& para, size_t width, const std::string& eol) {
  std::string out;
  size_t line = 0;
  for (size_t w = 0; w < para.size();) {
    size_t sp = para.find(' ', w);
    if (sp == std::string::npos) sp = para.size();
    const std::string word = para.substr(w, sp - w);
    if (line > 0 && line + 1 + word.size() > width) {
      out += eol;
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
    w = sp + 1;
  }
  return out;
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs a shell command line; stdout and stderr captured separately.
inline CommandResult run_shell(const std::string& command) {
  TempDir tmp;
  std::string full = command + " >" + (tmp / "out").string() + " 2>" + (tmp / "err").string();
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(tmp / "out");
  r.err = slurp(tmp / "err");
  return r;
}

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q.push_back(c);
  }
  return q + "'";
}

#ifdef STYLOKIT_BINARY
// Runs `stylokit ARGS` (ARGS already shell-quoted as needed).
inline CommandResult run_stylokit(const std::string& args) {
  return run_shell(shell_quote(STYLOKIT_BINARY) + " " + args);
}
#endif

inline std::string letters_dir() {
#ifdef STYLOKIT_TEST_DATA
  return std::string(STYLOKIT_TEST_DATA) + "/letters";
#else
  return "data/letters";
#endif
}

}  // namespace stylokit::testing
