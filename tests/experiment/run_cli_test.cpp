// End-to-end tests of `stylokit run`: the letters experiment, reproducibility across runs
// and thread counts, the run folder's safety, config errors, the report in a real browser
// and the notebooks.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using stylokit::testing::run_shell;
using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::slurp;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

std::string letters_toml() { return std::string(STYLOKIT_TESTS_DIR) + "/../experiments/letters.toml"; }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
size_t lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

// Files below `root`, relative, sorted.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

// The manifest without the parts that may differ between runs (timings, thread count).
nlohmann::json stable_manifest(const fs::path& run) {
  auto j = nlohmann::json::parse(slurp(run / "manifest.json"));
  j.erase("timings_seconds");
  j.erase("threads");
  return j;
}

// A small experiment over a corpus folder written by the test.
std::string write_experiment(const TempDir& dir, const std::string& extra) {
  write_file(dir / "docs/a.txt", "The first letter speaks of peace and security in the region.");
  write_file(dir / "docs/b.txt", "The second letter speaks of peace and security and of trade.");
  write_file(dir / "docs/c.txt", "A third text about the weather and the harvest this year.");
  std::string toml = "name = \"t\"\n[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"cosine\"\n" + extra;
  write_file(dir / "t.toml", toml);
  return (dir / "t.toml").string();
}

}  // namespace

// The main job writes every output, and a second run (other thread count) reproduces
// every byte; only the manifest's timings and thread count may differ.
TEST(RunExperiment, LettersReproducibleAcrossRunsAndThreads) {
  TempDir dir;
  auto one = run_stylokit("run " + shell_quote(letters_toml()) + " --threads 1 --out " + shell_quote((dir / "a").string()));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(contains(one.out, "most alike by cosine:"));
  EXPECT_TRUE(contains(one.out, "report: "));
  auto two = run_stylokit("run " + shell_quote(letters_toml()) + " --threads 2 --out " + shell_quote((dir / "b").string()));
  ASSERT_EQ(two.exit_code, 0) << two.err;
  auto files = files_under(dir / "a");
  EXPECT_EQ(files, files_under(dir / "b"));
  for (const char* expected : {"corpus.csv", "cleaning.csv", "features.mtx", "features.terms.tsv", "features.docs.tsv",
                               "similarity/cosine.csv", "similarity/cosine.json", "similarity/cosine-delta.csv",
                               "pairs.csv", "tree.nwk", "linkage.csv", "clusters.csv", "map.csv", "phrases.csv",
                               "kwic.tsv", "reuse.csv", "heatmap.svg", "dendrogram.svg", "map.svg", "report.html",
                               "manifest.json"})
    EXPECT_NE(std::find(files.begin(), files.end(), expected), files.end()) << expected;
  for (const auto& f : files) {
    if (f == "manifest.json") continue;
    EXPECT_EQ(slurp(dir / "a" / f), slurp(dir / "b" / f)) << f << " differs between runs";
  }
  EXPECT_EQ(stable_manifest(dir / "a"), stable_manifest(dir / "b"));
  // The manifest records versions, the config and the SHA-256 of every input.
  auto m = nlohmann::json::parse(slurp(dir / "a/manifest.json"));
  EXPECT_EQ(m["tool"]["name"], "stylokit");
  EXPECT_EQ(m["threads"], 1);
  size_t documents = 0;
  for (const auto& in : m["inputs"]) {
    EXPECT_EQ(in["sha256"].get<std::string>().size(), 64u);
    documents += in["role"] == "document";
  }
  EXPECT_EQ(documents, 5u);
  EXPECT_EQ(m["outputs"].size(), files.size() - 1);
}

// The letters' shared formulae are found with their document counts.
TEST(RunExperiment, LettersFormulaeInPhrasesCsv) {
  TempDir dir;
  auto r = run_stylokit("run " + shell_quote(letters_toml()) + " --out " + shell_quote((dir / "r").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string phrases = slurp(dir / "r/phrases.csv");
  // Counted by hand in the five cleaned letters (case-folded).
  EXPECT_TRUE(contains(phrases, "\ninternational peace and security,4,3,3,")) << phrases.substr(0, 400);
  EXPECT_TRUE(contains(phrases, "\nin the south caucasus,4,3,3,"));
}

// An existing run folder is never replaced without --force, and stays intact.
TEST(RunExperiment, ExistingFolderNeedsForce) {
  TempDir dir;
  std::string toml = write_experiment(dir, "");
  std::string out = (dir / "out").string();
  ASSERT_EQ(run_stylokit("run " + shell_quote(toml) + " --out " + shell_quote(out)).exit_code, 0);
  write_file(dir / "out/mine.txt", "a user's note");
  auto again = run_stylokit("run " + shell_quote(toml) + " --out " + shell_quote(out));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(lines(again.err), 1u) << again.err;
  EXPECT_TRUE(contains(again.err, "--force"));
  EXPECT_EQ(slurp(dir / "out/mine.txt"), "a user's note");
  auto forced = run_stylokit("run " + shell_quote(toml) + " --out " + shell_quote(out) + " --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_FALSE(fs::exists(dir / "out/mine.txt"));
  EXPECT_TRUE(fs::exists(dir / "out/report.html"));
}

// A run that fails part-way leaves no folder under the final name and no staging folder,
// and an earlier run stays as it was.
TEST(RunExperiment, FailurePartWayLeavesNothing) {
  TempDir dir;
  std::string good = write_experiment(dir, "");
  std::string out = (dir / "out").string();
  ASSERT_EQ(run_stylokit("run " + shell_quote(good) + " --out " + shell_quote(out)).exit_code, 0);
  std::string before = slurp(dir / "out/similarity/cosine.csv");
  // The phrases step fails after the run folder was created.
  write_file(dir / "bad.toml", slurp(good) + "[phrases]\nstop_words = \"no-such-list\"\n");
  auto r = run_stylokit("run " + shell_quote((dir / "bad.toml").string()) + " --out " + shell_quote(out) + " --force");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_EQ(slurp(dir / "out/similarity/cosine.csv"), before);
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_FALSE(contains(e.path().filename().string(), ".partial-")) << e.path();
  auto fresh = run_stylokit("run " + shell_quote((dir / "bad.toml").string()) + " --out " +
                            shell_quote((dir / "new").string()));
  EXPECT_NE(fresh.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "new"));
}

// Config errors: one line naming the file, line and key; exit 2. Missing corpus too.
TEST(RunExperiment, ConfigErrorsNameFileLineAndKey) {
  TempDir dir;
  write_experiment(dir, "");
  struct Case {
    std::string toml, expected;
  };
  std::vector<Case> cases = {
      {"name = \"t\"\n[corpus\npath = \"docs\"\n", "c.toml:2:"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\ncolour = \"red\"\n", "c.toml:4: unknown key 'colour' in [corpus]"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[cluster]\nk = \"two\"\n", "c.toml:5: [cluster] k: expected an integer"},
      {"name = \"t\"\n[corpus]\npath = \"nowhere\"\n", "does not exist"},
      {"name = \"t\"\n", "missing [corpus]"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"cosinus\"\n", "measure"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[phrases]\nmin_len = 5\nmax_len = 2\n", "min_len 5 is above max_len 2"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[features]\nngram = [3, 1]\n", "ngram"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"burrows-delta\"\nmfw_features = \"words:1\"\n",
       "c.toml:6: [[similarity]] mfw_features: --features: expected KIND:N1-N2"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"burrows-delta\"\nmfw = 0\n",
       "c.toml:6: [[similarity]] mfw: 0 is out of range"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[text]\nlocale = \"xx-nowhere\"\n",
       "c.toml:5: [text] locale: 'xx-nowhere' is not a language ICU knows"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[features]\ntf = \"bogus\"\n", "c.toml:5: [features] tf: expected"},
      {"name = \"t\"\n[corpus]\npath = \"docs\"\n[[similarity]]\nmeasure = \"burrows-delta\"\nskip = 1\nstart_at = 2\n",
       "start_at (counted from 1) or skip, not both"},
  };
  for (const auto& c : cases) {
    write_file(dir / "c.toml", c.toml);
    auto r = run_stylokit("run " + shell_quote((dir / "c.toml").string()) + " --out " + shell_quote((dir / "o").string()));
    EXPECT_EQ(r.exit_code, 2) << c.toml << r.err;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, c.expected)) << "expected '" << c.expected << "' in: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "o"));
  }
  auto missing = run_stylokit("run " + shell_quote((dir / "none.toml").string()));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "none.toml: no such file"));
}

// A config that names only the corpus runs with defaults (cosine on word counts).
TEST(RunExperiment, MinimalConfig) {
  TempDir dir;
  write_experiment(dir, "");
  write_file(dir / "min.toml", "[corpus]\npath = \"docs\"\n");
  auto r = run_stylokit("run " + shell_quote((dir / "min.toml").string()) + " --out " + shell_quote((dir / "o").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "o/similarity/cosine.csv"));
  EXPECT_TRUE(fs::exists(dir / "o/report.html"));
}

// An output folder that cannot be written is one line, exit 1.
TEST(RunExperiment, UnwritableOutput) {
  TempDir dir;
  std::string toml = write_experiment(dir, "");
  write_file(dir / "file", "x");
  auto r = run_stylokit("run " + shell_quote(toml) + " --out " + shell_quote((dir / "file/sub/run").string()));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(lines(r.err), 1u) << r.err;
}

// report.html renders in headless Chromium: a screenshot is taken, as a person would look.
TEST(RunExperiment, ReportRendersInChromium) {
  if (run_shell("command -v chromium").exit_code != 0) GTEST_SKIP() << "chromium is not installed (make test installs it)";
  TempDir dir;
  auto r = run_stylokit("run " + shell_quote(letters_toml()) + " --out " + shell_quote((dir / "r").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string png = (dir / "shot.png").string();
  auto shot = run_shell("timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                        "--disable-background-networking --disable-component-update --disable-sync "
                        "--user-data-dir=" + shell_quote((dir / "profile").string()) +
                        " --window-size=1280,2000 --screenshot=" + shell_quote(png) + " " +
                        shell_quote("file://" + (dir / "r/report.html").string()));
  ASSERT_TRUE(fs::exists(png)) << shot.err;
  // A blank page compresses to a few kB; the report's tables and pictures do not.
  EXPECT_GT(fs::file_size(png), 50000u);
  std::string head = slurp(png).substr(0, 8);
  EXPECT_EQ(head, "\x89PNG\r\n\x1a\n");
}

// The notebooks execute against a fresh run folder (jupyter nbconvert --execute).
TEST(RunExperiment, NotebooksExecute) {
  if (run_shell("command -v jupyter-nbconvert").exit_code != 0) GTEST_SKIP() << "jupyter-nbconvert is not installed";
  TempDir dir;
  auto r = run_stylokit("run " + shell_quote(letters_toml()) + " --out " + shell_quote((dir / "r").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string nbdir = std::string(STYLOKIT_TESTS_DIR) + "/../notebooks/";
  // letters.ipynb also calls the stylokit Python module of this build.
  if (std::string(STYLOKIT_PYTHONPATH).empty()) GTEST_SKIP() << "the Python module is not built (sanitizer build)";
  std::string env = "PYTHONPATH=" + shell_quote(STYLOKIT_PYTHONPATH) + " STYLOKIT_RUN=" +
                    shell_quote((dir / "r").string()) + " STYLOKIT_LABEL=sender ";
  for (const char* nb : {"letters.ipynb", "clustering_quality.ipynb"}) {
    auto run = run_shell("cd " + shell_quote(dir.path().string()) + " && " + env +
                         "timeout 300 jupyter-nbconvert --to notebook --execute --output-dir " +
                         shell_quote((dir / "nb").string()) + " " + shell_quote(nbdir + nb));
    EXPECT_EQ(run.exit_code, 0) << nb << ": " << run.err.substr(run.err.size() > 3000 ? run.err.size() - 3000 : 0);
  }
}
