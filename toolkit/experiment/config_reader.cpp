#include "toolkit/experiment/internal/config_reader.h"

#include <fmt/format.h>

#include "toolkit/common/error.h"

namespace stylokit::experiment {

ConfigReader::ConfigReader(const toml::table& table, std::string file, std::string section)
    : table_(table), file_(std::move(file)), section_(std::move(section)) {}

std::string ConfigReader::where(const std::string& key) const {
  const toml::node* node = table_.get(key);
  std::string section = section_.empty() ? "" : "[" + section_ + "] ";
  if (node) return fmt::format("{}:{}: {}{}", file_, node->source().begin.line, section, key);
  return fmt::format("{}: {}{}", file_, section, key);
}

const toml::node* ConfigReader::find(const std::string& key) {
  known_.insert(key);
  return table_.get(key);
}

bool ConfigReader::has(const std::string& key) const {
  return table_.contains(key);
}

std::string ConfigReader::get_string(const std::string& key, const std::string& fallback) {
  auto v = get_optional_string(key);
  return v ? *v : fallback;
}

std::optional<std::string> ConfigReader::get_optional_string(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) throw ConfigError(fmt::format("{}: expected a string", where(key)));
  return node->as_string()->get();
}

bool ConfigReader::get_bool(const std::string& key, bool fallback) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  if (!node->is_boolean()) throw ConfigError(fmt::format("{}: expected true or false", where(key)));
  return node->as_boolean()->get();
}

long long ConfigReader::get_int(const std::string& key, long long fallback, long long min_value, long long max_value) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  if (!node->is_integer()) throw ConfigError(fmt::format("{}: expected an integer", where(key)));
  long long v = node->as_integer()->get();
  if (v < min_value || v > max_value)
    throw ConfigError(fmt::format("{}: {} is out of range [{}, {}]", where(key), v, min_value, max_value));
  return v;
}

double ConfigReader::get_double(const std::string& key, double fallback) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  if (node->is_integer()) return static_cast<double>(node->as_integer()->get());
  if (!node->is_floating_point()) throw ConfigError(fmt::format("{}: expected a number", where(key)));
  return node->as_floating_point()->get();
}

std::string ConfigReader::get_number_text(const std::string& key, const std::string& fallback) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  if (node->is_integer()) return std::to_string(node->as_integer()->get());
  if (node->is_floating_point()) return fmt::format("{}", node->as_floating_point()->get());
  throw ConfigError(fmt::format("{}: expected a number", where(key)));
}

std::vector<long long> ConfigReader::get_int_array(const std::string& key, const std::vector<long long>& fallback) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  const toml::array* arr = node->as_array();
  if (!arr) throw ConfigError(fmt::format("{}: expected an array of integers", where(key)));
  std::vector<long long> out;
  for (const auto& el : *arr) {
    if (!el.is_integer()) throw ConfigError(fmt::format("{}: expected an array of integers", where(key)));
    out.push_back(el.as_integer()->get());
  }
  return out;
}

std::vector<std::string> ConfigReader::get_string_array(const std::string& key,
                                                        const std::vector<std::string>& fallback) {
  const toml::node* node = find(key);
  if (!node) return fallback;
  if (node->is_string()) return {node->as_string()->get()};
  const toml::array* arr = node->as_array();
  if (!arr) throw ConfigError(fmt::format("{}: expected a string or an array of strings", where(key)));
  std::vector<std::string> out;
  for (const auto& el : *arr) {
    if (!el.is_string()) throw ConfigError(fmt::format("{}: expected an array of strings", where(key)));
    out.push_back(el.as_string()->get());
  }
  return out;
}

const toml::table* ConfigReader::get_table(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  if (!node->is_table()) throw ConfigError(fmt::format("{}: expected a table [{}]", where(key), key));
  return node->as_table();
}

std::vector<const toml::table*> ConfigReader::get_table_array(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return {};
  if (node->is_table()) return {node->as_table()};
  const toml::array* arr = node->as_array();
  if (!arr || !arr->is_array_of_tables()) throw ConfigError(fmt::format("{}: expected tables [[{}]]", where(key), key));
  std::vector<const toml::table*> out;
  for (const auto& el : *arr) out.push_back(el.as_table());
  return out;
}

void ConfigReader::finish() const {
  for (const auto& [key, node] : table_) {
    std::string k(key.str());
    if (!known_.count(k)) {
      std::string section = section_.empty() ? "top level" : "[" + section_ + "]";
      throw ConfigError(fmt::format("{}:{}: unknown key '{}' in {}", file_, node.source().begin.line, k, section));
    }
  }
}

}  // namespace stylokit::experiment
