#pragma once
// Classes of documents, train/test splits and cross-validation folds.
//
// Labels. `prefix` takes the id up to its first '_' (stylo's gsub("_.*", "", name): an id
// without '_' is its own class). Classes are numbered in byte order of their names (scores.h).
//
// Stratified K-fold folds (fully specified, so another tool can replay them): one
// SplitMix64(seed) stream (common/random.h); for each class in class order, its members in
// table order are shuffled by Fisher–Yates — for i = m − 1 down to 1: j = uniform_below(rng,
// i + 1), swap(a[i], a[j]) — and dealt round-robin: a counter c, starting at 0 and running on
// across classes, puts the next member in fold c mod K. Folds are numbered from 0 here and from
// 1 in outputs.

#include <cstdint>
#include <string>
#include <vector>

namespace stylokit::classify {

// The id before its first '_'.
std::string prefix_label(const std::string& id);

// Distinct labels in byte order, and each label's number among them (-1 for a label not in
// `classes`).
std::vector<std::string> class_names(const std::vector<std::string>& labels);
std::vector<int> class_numbers(const std::vector<std::string>& labels, const std::vector<std::string>& classes);

// Stratified folds of rows with the given class numbers (classes 0 .. classes-1): per row its
// fold in [0, k). Throws ConfigError naming cv when k < 2 or k exceeds the rows, DataError
// naming the class when one has a single member (it could never be predicted from its own
// class). O(n).
std::vector<int> stratified_folds(const std::vector<int>& row_class, int classes, int k, uint64_t seed,
                                  const std::vector<std::string>& class_names);

// The training rows named by `spec`: comma-separated ids or "@file" (one id per line, blank
// lines and '#' lines skipped). Throws DataError naming the unknown ids, ConfigError naming
// train when it names no id. O(n + ids).
std::vector<bool> training_rows(const std::string& spec, const std::vector<std::string>& ids);

}  // namespace stylokit::classify
