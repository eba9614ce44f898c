#include "toolkit/cluster/newick.h"

#include <charconv>
#include <cmath>

#include "toolkit/common/error.h"
#include "toolkit/common/format.h"
#include "toolkit/common/io.h"

namespace stylokit::cluster {

std::vector<std::string> Tree::leaf_labels() const {
  std::vector<std::string> out;
  if (root < 0) return out;
  std::vector<int> stack{root};
  while (!stack.empty()) {
    int c = stack.back();
    stack.pop_back();
    const TreeNode& node = nodes[static_cast<std::size_t>(c)];
    if (node.children.empty()) out.push_back(node.label);
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

Tree tree_from_linkage(const Linkage& z, const std::vector<std::string>& ids) {
  STYLOKIT_CHECK(ids.size() == z.n, DataError, "tree: {} ids for a linkage of {} documents", ids.size(), z.n);
  const std::size_t n = z.n;
  Tree t;
  t.nodes.resize(2 * n - 1);
  for (std::size_t i = 0; i < n; ++i) t.nodes[i].label = ids[i];
  std::vector<double> height(2 * n - 1, 0.0);
  for (std::size_t k = 0; k < z.merges.size(); ++k) {
    const Merge& m = z.merges[k];
    TreeNode& node = t.nodes[n + k];
    height[n + k] = m.height;
    for (std::int64_t c : {m.left, m.right}) {
      node.children.push_back(static_cast<int>(c));
      t.nodes[static_cast<std::size_t>(c)].length = m.height - height[static_cast<std::size_t>(c)];
    }
  }
  t.root = static_cast<int>(2 * n - 2);
  return t;
}

std::string newick_label(std::string_view label) {
  bool plain = !label.empty();
  for (unsigned char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    for (char s : std::string_view(".-+/!?#&%@*~=^|")) ok = ok || c == static_cast<unsigned char>(s);
    if (!ok) plain = false;
  }
  if (plain) return std::string(label);
  std::string out = "'";
  for (char c : label) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string to_newick(const Tree& tree) {
  STYLOKIT_ASSERT(tree.root >= 0);
  std::string out;
  // Iterative: deep single-linkage chains would overflow a recursive writer.
  struct Frame {
    int node;
    std::size_t next;
  };
  std::vector<Frame> stack{{tree.root, 0}};
  auto finish = [&](int id) {
    const TreeNode& node = tree.nodes[static_cast<std::size_t>(id)];
    if (!node.label.empty()) out += newick_label(node.label);
    if (!std::isnan(node.length)) out.append(1, ':').append(shortest(node.length));
  };
  while (!stack.empty()) {
    Frame& f = stack.back();
    const TreeNode& node = tree.nodes[static_cast<std::size_t>(f.node)];
    if (node.children.empty()) {
      finish(f.node);
      stack.pop_back();
      continue;
    }
    if (f.next == node.children.size()) {
      out += ')';
      finish(f.node);
      stack.pop_back();
      continue;
    }
    out += f.next == 0 ? '(' : ',';
    int child = node.children[f.next++];
    stack.push_back({child, 0});
  }
  out += ";\n";
  return out;
}

namespace {

class NewickParser {
 public:
  NewickParser(std::string_view text, const std::string& source) : s_(text), source_(source) {}

  Tree parse() {
    skip();
    STYLOKIT_CHECK(pos_ < s_.size(), DataError, "{}: empty Newick text", source_);
    // Iterative descent: a stack of open internal nodes.
    std::vector<int> open;
    int last = -1;
    for (;;) {
      skip();
      if (peek() == '(') {
        ++pos_;
        int id = add();
        if (!open.empty()) tree_.nodes[static_cast<std::size_t>(open.back())].children.push_back(id);
        open.push_back(id);
        continue;
      }
      // A leaf.
      int id = add();
      if (!open.empty()) tree_.nodes[static_cast<std::size_t>(open.back())].children.push_back(id);
      label_and_length(id);
      last = id;
      // Close as many groups as follow.
      for (;;) {
        skip();
        char c = peek();
        if (c == ',') {
          STYLOKIT_CHECK(!open.empty(), DataError, "{}: byte {}: ',' outside parentheses", source_, pos_);
          ++pos_;
          break;
        }
        if (c == ')') {
          STYLOKIT_CHECK(!open.empty(), DataError, "{}: byte {}: unbalanced ')'", source_, pos_);
          ++pos_;
          last = open.back();
          open.pop_back();
          label_and_length(last);
          continue;
        }
        if (c == ';') {
          STYLOKIT_CHECK(open.empty(), DataError, "{}: byte {}: ';' before every '(' is closed", source_, pos_);
          ++pos_;
          skip();
          STYLOKIT_CHECK(pos_ == s_.size(), DataError, "{}: byte {}: text after the tree's ';'", source_, pos_);
          tree_.root = last;
          return std::move(tree_);
        }
        throw DataError(fmt::format("{}: byte {}: expected ',', ')' or ';', found {}", source_, pos_,
                                    pos_ < s_.size() ? fmt::format("'{}'", c) : std::string("the end")));
      }
    }
  }

 private:
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  void skip() {
    for (;;) {
      while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
      if (peek() != '[') return;
      std::size_t end = s_.find(']', pos_);
      STYLOKIT_CHECK(end != std::string_view::npos, DataError, "{}: byte {}: unterminated [comment]", source_, pos_);
      pos_ = end + 1;
    }
  }

  int add() {
    tree_.nodes.emplace_back();
    return static_cast<int>(tree_.nodes.size() - 1);
  }

  void label_and_length(int id) {
    skip();
    std::string label;
    if (peek() == '\'') {
      std::size_t start = pos_++;
      for (;;) {
        STYLOKIT_CHECK(pos_ < s_.size(), DataError, "{}: byte {}: unterminated quoted label", source_, start);
        char c = s_[pos_++];
        if (c == '\'') {
          if (peek() == '\'') {
            label += '\'';
            ++pos_;
            continue;
          }
          break;
        }
        label += c;
      }
    } else {
      while (pos_ < s_.size() && std::string_view("():;,[]' \t\r\n").find(s_[pos_]) == std::string_view::npos) {
        label += s_[pos_] == '_' ? ' ' : s_[pos_];
        ++pos_;
      }
    }
    tree_.nodes[static_cast<std::size_t>(id)].label = std::move(label);
    skip();
    if (peek() == ':') {
      ++pos_;
      skip();
      std::size_t start = pos_;
      while (pos_ < s_.size() && std::string_view("(),;[ \t\r\n").find(s_[pos_]) == std::string_view::npos) ++pos_;
      std::string_view num = s_.substr(start, pos_ - start);
      if (!num.empty() && num.front() == '+') num.remove_prefix(1);
      double x = 0;
      auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), x);
      STYLOKIT_CHECK(!num.empty() && ec == std::errc() && ptr == num.data() + num.size() && std::isfinite(x),
                     DataError, "{}: byte {}: branch length '{}' is not a number", source_, start,
                     s_.substr(start, pos_ - start));
      tree_.nodes[static_cast<std::size_t>(id)].length = x;
    }
  }

  std::string_view s_;
  const std::string& source_;
  std::size_t pos_ = 0;
  Tree tree_;
};

}  // namespace

Tree parse_newick(std::string_view text, const std::string& source) { return NewickParser(text, source).parse(); }

void write_newick(const std::filesystem::path& path, const Tree& tree) { write_file_atomic(path, to_newick(tree)); }

}  // namespace stylokit::cluster
