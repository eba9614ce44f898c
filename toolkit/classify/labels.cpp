#include "toolkit/classify/labels.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/random.h"

namespace stylokit::classify {

std::string prefix_label(const std::string& id) {
  return id.substr(0, id.find('_'));
}

std::vector<std::string> class_names(const std::vector<std::string>& labels) {
  std::vector<std::string> out = labels;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int> class_numbers(const std::vector<std::string>& labels, const std::vector<std::string>& classes) {
  std::vector<int> out;
  out.reserve(labels.size());
  for (const auto& l : labels) {
    const auto it = std::lower_bound(classes.begin(), classes.end(), l);
    out.push_back(it != classes.end() && *it == l ? static_cast<int>(it - classes.begin()) : -1);
  }
  return out;
}

std::vector<int> stratified_folds(const std::vector<int>& row_class, int classes, int k, uint64_t seed,
                                  const std::vector<std::string>& names) {
  STYLOKIT_CHECK(k >= 2, ConfigError, "cv: K-fold cross-validation needs at least 2 folds, got {}", k);
  STYLOKIT_CHECK(static_cast<size_t>(k) <= row_class.size(), ConfigError, "cv: {} folds but only {} samples", k,
                 row_class.size());
  std::vector<std::vector<size_t>> members(static_cast<size_t>(classes));
  for (size_t i = 0; i < row_class.size(); ++i) members[static_cast<size_t>(row_class[i])].push_back(i);
  for (int c = 0; c < classes; ++c)
    STYLOKIT_CHECK(members[static_cast<size_t>(c)].size() >= 2, DataError,
                   "cv: class '{}' has {} member(s); stratified cross-validation needs at least 2 per class",
                   names[static_cast<size_t>(c)], members[static_cast<size_t>(c)].size());
  SplitMix64 rng(seed);
  std::vector<int> fold(row_class.size(), -1);
  size_t counter = 0;
  for (auto& m : members) {
    for (size_t i = m.size(); i-- > 1;) std::swap(m[i], m[uniform_below(rng, i + 1)]);
    for (size_t r : m) fold[r] = static_cast<int>(counter++ % static_cast<size_t>(k));
  }
  return fold;
}

std::vector<bool> training_rows(const std::string& spec, const std::vector<std::string>& ids) {
  std::vector<std::string> names;
  std::string source = "train";
  auto trim = [](std::string s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
  };
  if (!spec.empty() && spec[0] == '@') {
    source = spec.substr(1);
    const std::string text = read_file(source);
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = trim(text.substr(start, end - start));
      if (!line.empty() && line[0] != '#') names.push_back(line);
      start = end + 1;
    }
  } else {
    size_t start = 0;
    while (start <= spec.size()) {
      size_t end = spec.find(',', start);
      if (end == std::string::npos) end = spec.size();
      const std::string id = trim(spec.substr(start, end - start));
      if (!id.empty()) names.push_back(id);
      start = end + 1;
    }
  }
  STYLOKIT_CHECK(!names.empty(), ConfigError, "train: no document id given");
  std::map<std::string, size_t> row;
  for (size_t i = 0; i < ids.size(); ++i) row.emplace(ids[i], i);
  std::vector<bool> out(ids.size(), false);
  std::vector<std::string> unknown;
  for (const auto& n : names) {
    const auto it = row.find(n);
    if (it == row.end()) {
      unknown.push_back(n);
    } else {
      out[it->second] = true;
    }
  }
  STYLOKIT_CHECK(unknown.empty(), DataError, "{}: {} id(s) not among the documents, e.g. '{}'",
                 source == "train" ? "--train" : source, unknown.size(), unknown.empty() ? "" : unknown.front());
  return out;
}

}  // namespace stylokit::classify
