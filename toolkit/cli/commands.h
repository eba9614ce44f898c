#pragma once
// The subcommand registry. Each cmd_<name>.cpp registers its command with a static
// CommandRegistrar, so adding a command means adding one file; main() dispatches by
// name. A command takes the arguments after its name and returns the exit code; errors
// are thrown (stylokit::Error, po::error) and turned into one line by main().

#include <map>
#include <string>
#include <vector>

namespace stylokit::cli {

using Args = std::vector<std::string>;
using CommandFn = int (*)(const Args&);

// Name → function; filled before main() by the registrars. std::map: a fixed order for
// commands help has no place for.
std::map<std::string, CommandFn>& command_registry();

struct CommandRegistrar {
  CommandRegistrar(const char* name, CommandFn fn) { command_registry()[name] = fn; }
};

}  // namespace stylokit::cli
