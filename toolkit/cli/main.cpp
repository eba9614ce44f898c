// stylokit-core: the command-line front of the toolkit (users run it through `stylokit`,
// launcher.cpp, which sets glibc's malloc tunables first). Reads argv, dispatches to a
// subcommand, and turns every error into one line on stderr and an exit code:
// 2 for usage and config errors, 1 for data, I/O and internal errors.

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <iterator>
#include <new>
#include <string>
#include <tuple>
#include <vector>

#include "toolkit/cli/commands.h"
#include "toolkit/common/error.h"
#include "toolkit/common/version.h"

namespace stylokit::cli {
std::map<std::string, CommandFn>& command_registry() {
  static std::map<std::string, CommandFn> registry;
  return registry;
}
}  // namespace stylokit::cli

namespace {

using stylokit::cli::Args;

// Help's order and one-line summaries (the command surface of docs/DESIGN.md). The commands
// themselves are the registry's (one cmd_<name>.cpp each): help lists exactly the commands
// that run, so the two cannot disagree; a registered command missing here is listed last,
// without a summary.
struct Summary {
  const char* name;
  const char* text;
};

const Summary kSummaries[] = {
    {"run", "run an experiment file (TOML) into a run folder"},
    {"info", "documents, tokens, types, sentences, cleaning and encoding problems"},
    {"vectorize", "document-term matrix (counts, TF-IDF, n-grams) to Matrix Market"},
    {"similarity", "document-by-document similarity or distance matrix"},
    {"phrases", "recurring formulaic phrases with where they occur"},
    {"align", "passages two documents share (local alignment)"},
    {"reuse", "shared passages across a corpus"},
    {"cluster", "hierarchical or flat clustering, Newick trees"},
    {"classify", "authorship attribution: Delta, kNN, cross-validation"},
    {"heatmap", "similarity heatmap as SVG"},
    {"plot", "heatmap, tree, consensus tree or map from any command's files (SVG/PNG)"},
    {"oppose", "words one group of texts prefers and avoids (Zeta, keyness)"},
};

stylokit::cli::CommandFn find_command(const std::string& name) {
  auto& registry = stylokit::cli::command_registry();
  auto it = registry.find(name);
  return it == registry.end() ? nullptr : it->second;
}

void print_usage(std::ostream& os) {
  os << "stylokit " << stylokit::version() << " - text comparison and stylometry\n\n"
     << "usage: stylokit COMMAND [options]   (stylokit COMMAND --help for its options)\n\ncommands:\n";
  // (position in kSummaries, name, summary); the registry's std::map order breaks ties.
  std::vector<std::tuple<size_t, std::string, const char*>> listed;
  for (const auto& [name, fn] : stylokit::cli::command_registry()) {
    size_t rank = std::size(kSummaries);
    const char* text = "";
    for (size_t i = 0; i < std::size(kSummaries); ++i)
      if (name == kSummaries[i].name) rank = i, text = kSummaries[i].text;
    listed.emplace_back(rank, name, text);
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (const auto& [rank, name, text] : listed)
    os << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') << text << '\n';
  os << "\nexample:\n  stylokit info data/letters --clean\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    print_usage(std::cerr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  if (name == "--version" || name == "version") {
    std::cout << "stylokit " << stylokit::version() << " (" << stylokit::git_commit() << ")\n";
    return 0;
  }
  stylokit::cli::CommandFn run = find_command(name);
  if (!run) {
    std::cerr << "stylokit: unknown command '" << name << "' (stylokit --help lists them)\n";
    return 2;
  }
  Args args(argv + 2, argv + argc);
  try {
    return run(args);
  } catch (const stylokit::Error& e) {
    std::cerr << "stylokit " << name << ": " << e.what() << '\n';
    return e.kind() == stylokit::ErrorKind::kConfig ? 2 : 1;
  } catch (const boost::program_options::error& e) {
    std::cerr << "stylokit " << name << ": " << e.what() << " (stylokit " << name << " --help)\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "stylokit " << name << ": out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "stylokit " << name << ": internal error: " << e.what() << '\n';
    return 1;
  }
}
