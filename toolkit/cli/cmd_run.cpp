// stylokit run EXPERIMENT.toml: the whole chain from a config file into a run folder.

#include <iostream>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/experiment/experiment.h"

namespace stylokit::cli {
namespace {

int cmd_run(const Args& args) {
  std::string config;
  experiment::RunOptions opt;
  std::string out;
  bool dry_run = false;
  po::options_description desc("options");
  desc.add_options()
      ("experiment", po::value(&config)->required(), "experiment file, TOML")
      ("out", po::value(&out), "run folder (default: results/<name>)")
      ("threads", po::value(&opt.threads)->default_value(0), "worker threads (0 = all cores); outputs do not depend on it")
      ("force", po::bool_switch(&opt.force), "replace an existing run folder")
      ("check", po::bool_switch(&dry_run), "only validate the experiment file and print it as resolved");
  po::positional_options_description pos;
  pos.add("experiment", 1);
  if (!parse_args("run", args, desc, pos, "EXPERIMENT.toml [--out DIR] [--threads N] [--force]",
                  "stylokit run experiments/letters.toml --force"))
    return 0;
  STYLOKIT_CHECK(opt.threads >= 0, ConfigError, "--threads: must be 0 or more, got {}", opt.threads);
  if (dry_run) {
    std::cout << experiment::resolve_experiment(config).dump(2) << '\n';
    return 0;
  }
  opt.out = out;
  experiment::RunSummary s = experiment::run_experiment(config, opt);
  for (const auto& w : s.warnings) warn(w);
  for (const auto& line : s.lines) std::cout << line << '\n';
  std::cout << "report: " << (s.folder / "report.html").string() << '\n';
  return 0;
}

const CommandRegistrar kRegistrar("run", cmd_run);

}  // namespace
}  // namespace stylokit::cli
