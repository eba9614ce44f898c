#pragma once
// Helpers shared by the cluster tests: temporary folders, random matrices, running the
// Python references and the stylokit binary.

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "toolkit/cluster/distance_matrix.h"

namespace stylokit::cluster::testing {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed at destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path_ = fs::temp_directory_path() / fmt::format("stylokit-cluster-{}-{}-{}", tag, ::getpid(), counter++);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Plain numeric CSV (no header), 17 significant digits: the Python side reads it with loadtxt.
inline void write_numbers(const fs::path& path, const Eigen::MatrixXd& m) {
  std::string out;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) out += fmt::format("{}{:.17g}", j ? "," : "", m(i, j));
    out += '\n';
  }
  write_text(path, out);
}

// Euclidean distances between `n` random points in `dims` dimensions (fixed seed).
inline Eigen::MatrixXd random_points(int n, int dims, unsigned seed) {
  std::mt19937_64 rng(seed);
  Eigen::MatrixXd x(n, dims);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < dims; ++j) x(i, j) = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  return x;
}

inline Eigen::MatrixXd euclidean(const Eigen::MatrixXd& x) {
  Eigen::MatrixXd d(x.rows(), x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.rows(); ++j) d(i, j) = (x.row(i) - x.row(j)).norm();
  return d;
}

// Runs a shell command; returns its exit status (0 = success).
inline int run(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs reference_cluster.py TASK on the folder and returns its JSON answer.
inline nlohmann::json python_reference(const std::string& task, const TempDir& dir) {
  fs::path out = dir / (task + ".json");
  std::string cmd = fmt::format("{} {}/cluster/reference_cluster.py {} {} {}", STYLOKIT_PYTHON, STYLOKIT_TESTS_DIR,
                                task, dir.path().string(), out.string());
  EXPECT_EQ(run(cmd), 0) << cmd;
  return nlohmann::json::parse(read_text(out));
}

struct CliResult {
  int status;
  std::string out;
  std::string err;
};

// Runs the stylokit binary with `args` (already shell-quoted), capturing both streams.
inline CliResult run_cli(const std::string& args, const TempDir& dir) {
  fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  int status = run(fmt::format("{} {} > {} 2> {}", STYLOKIT_BINARY, args, out.string(), err.string()));
  return {status, read_text(out), read_text(err)};
}

}  // namespace stylokit::cluster::testing
