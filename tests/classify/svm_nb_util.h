#pragma once
// Shared by the SVM and naive Bayes tests: stylo's sampled table of the nine novels
// (../shared/references/stylo/novels/4_classify, made by its run.R), split into training and
// test rows, and the reference scripts' CSV output read back.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/io.h"

namespace stylokit::classify::testing {

namespace fs = std::filesystem;

inline const fs::path kStyloClassify =
    fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels" / "4_classify";
inline const fs::path kSampledTable = kStyloClassify / "sampled_table_relative_freqs_500mfw.csv";

// The first `mfw` columns of stylo's 117 × 500 table: training rows (set = training) and test
// rows, in file order; classes are the names before the first '_', numbered in byte order.
struct StyloSplit {
  Eigen::MatrixXd train, test;
  std::vector<int> train_class, test_class;
  std::vector<std::string> test_names;
  std::vector<std::string> classes;
  int class_of(const std::string& name) const {
    const auto it = std::find(classes.begin(), classes.end(), name);
    return it == classes.end() ? -1 : static_cast<int>(it - classes.begin());
  }
};

inline StyloSplit stylo_split(int mfw) {
  // The word "set" is one of the MFW, so the header repeats the name of column 2; the header
  // is replaced by column numbers (no word holds a comma).
  std::string text = read_file(kSampledTable);
  const size_t eol = text.find('\n');
  const auto fields = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(eol), ',') + 1;
  std::string header;
  for (std::ptrdiff_t i = 0; i < fields; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  text.replace(0, eol, header);
  const CsvTable t = parse_csv(text, kSampledTable.string());
  StyloSplit s;
  std::vector<const std::vector<std::string>*> train_rows, test_rows;
  for (const auto& row : t.rows) (row[1] == "training" ? train_rows : test_rows).push_back(&row);
  auto cls = [](const std::string& name) { return name.substr(0, name.find('_')); };
  for (const auto* row : train_rows) s.classes.push_back(cls((*row)[0]));
  std::sort(s.classes.begin(), s.classes.end());
  s.classes.erase(std::unique(s.classes.begin(), s.classes.end()), s.classes.end());
  auto fill = [&](const std::vector<const std::vector<std::string>*>& rows, Eigen::MatrixXd* x,
                  std::vector<int>* labels) {
    x->resize(static_cast<Eigen::Index>(rows.size()), mfw);
    for (size_t i = 0; i < rows.size(); ++i) {
      for (int j = 0; j < mfw; ++j) (*x)(static_cast<Eigen::Index>(i), j) = std::stod((*rows[i])[2 + j]);
      labels->push_back(s.class_of(cls((*rows[i])[0])));
    }
  };
  fill(train_rows, &s.train, &s.train_class);
  fill(test_rows, &s.test, &s.test_class);
  for (const auto* row : test_rows) s.test_names.push_back((*row)[0]);
  return s;
}

// A CSV of numbers with a header row, as the reference scripts write it.
inline Eigen::MatrixXd read_matrix_csv(const fs::path& path) {
  const CsvTable t = parse_csv(read_file(path), path.string());
  Eigen::MatrixXd m(static_cast<Eigen::Index>(t.rows.size()), static_cast<Eigen::Index>(t.header.size()));
  for (size_t i = 0; i < t.rows.size(); ++i)
    for (size_t j = 0; j < t.header.size(); ++j)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = std::stod(t.rows[i][j]);
  return m;
}

// Runs tests/classify/<script> with `args` under the tests' Python; false (with the output
// recorded as a test failure) when it exits non-zero.
inline bool run_reference(const std::string& script, const std::string& args) {
  const auto r = stylokit::testing::run_shell(
      std::string(STYLOKIT_PYTHON) + " " +
      stylokit::testing::shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/classify/" + script) + " " + args);
  if (r.exit_code != 0) ADD_FAILURE() << script << " failed (" << r.exit_code << "): " << r.out << r.err;
  return r.exit_code == 0;
}

}  // namespace stylokit::classify::testing
