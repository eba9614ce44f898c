// stylokit-core: the command-line front of the toolkit (users run it through `stylokit`,
// launcher.cpp, which sets glibc's malloc tunables first). Reads argv, dispatches to a
// subcommand, and turns every error into one line on stderr and an exit code:
// 2 for usage and config errors, 1 for data, I/O and internal errors.

#include <boost/program_options.hpp>
#include <cstring>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

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

// The command surface of DESIGN.md, in the order help lists it. The functions come
// from the registry (one cmd_<name>.cpp each); a command without one is not built yet.
struct Command {
  const char* name;
  const char* summary;
  const char* issue;  // where a command not built yet is tracked
};

const Command kCommands[] = {
    {"run", "run an experiment file (TOML) into a run folder", "#7"},
    {"info", "documents, tokens, types, sentences, cleaning and encoding problems", ""},
    {"vectorize", "document-term matrix (counts, TF-IDF, n-grams) to Matrix Market", "#3"},
    {"similarity", "document-by-document similarity or distance matrix", "#4"},
    {"phrases", "recurring formulaic phrases with where they occur", "#5"},
    {"align", "passages two documents share (local alignment)", "#5"},
    {"reuse", "shared passages across a corpus", "#5"},
    {"cluster", "hierarchical or flat clustering, Newick trees", "#6"},
    {"heatmap", "similarity heatmap as SVG", "#7"},
};

stylokit::cli::CommandFn find_command(const std::string& name) {
  auto& registry = stylokit::cli::command_registry();
  auto it = registry.find(name);
  return it == registry.end() ? nullptr : it->second;
}

void print_usage(std::ostream& os) {
  os << "stylokit " << stylokit::version() << " - text comparison and stylometry\n\n"
     << "usage: stylokit COMMAND [options]   (stylokit COMMAND --help for its options)\n\ncommands:\n";
  for (const auto& c : kCommands) {
    os << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary;
    if (!find_command(c.name)) os << " [not built yet]";
    os << '\n';
  }
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
  const Command* cmd = nullptr;
  for (const auto& c : kCommands)
    if (name == c.name) cmd = &c;
  if (!cmd) {
    std::cerr << "stylokit: unknown command '" << name << "' (stylokit --help lists them)\n";
    return 2;
  }
  stylokit::cli::CommandFn run = find_command(name);
  if (!run) {
    std::cerr << "stylokit " << name << ": not built yet in this version (tracked in issue " << cmd->issue << ")\n";
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
