#pragma once
// Typed, strict access to a TOML table for experiment files: every getter records the
// key as known, wrong types are ConfigErrors naming the key and its line, and finish()
// rejects any key nobody asked for (a typo is an error, not a silently ignored option).

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace stylokit::experiment {

class ConfigReader {
 public:
  // `table` must outlive the reader; `where` prefixes messages ("letters.toml [corpus]").
  ConfigReader(const toml::table& table, std::string file, std::string section);

  std::string get_string(const std::string& key, const std::string& fallback);
  std::optional<std::string> get_optional_string(const std::string& key);
  bool get_bool(const std::string& key, bool fallback);
  long long get_int(const std::string& key, long long fallback, long long min_value, long long max_value);
  double get_double(const std::string& key, double fallback);  // integers accepted too
  // A number that may be an integer (kept as such) or a float: for min_df/max_df.
  std::string get_number_text(const std::string& key, const std::string& fallback);
  std::vector<long long> get_int_array(const std::string& key, const std::vector<long long>& fallback);
  std::vector<std::string> get_string_array(const std::string& key, const std::vector<std::string>& fallback);
  bool has(const std::string& key) const;
  // A sub-table (or nullptr when absent); marks the key known.
  const toml::table* get_table(const std::string& key);
  // An array of tables ([[name]]); marks the key known.
  std::vector<const toml::table*> get_table_array(const std::string& key);

  // Throws ConfigError for the first key that no getter asked for.
  void finish() const;

  // "file:line: [section] key" for messages about a key's value.
  std::string where(const std::string& key) const;

 private:
  const toml::node* find(const std::string& key);
  const toml::table& table_;
  std::string file_;
  std::string section_;
  std::set<std::string> known_;
};

}  // namespace stylokit::experiment
