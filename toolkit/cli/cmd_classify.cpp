// stylokit classify CORPUS | --frequency-table T.csv --label prefix|COLUMN -o predictions.csv:
// authorship attribution (stylo's classify() and crossv()). The classifiers live in
// toolkit/classify and the composition in the pipeline's classify step; this file binds flags
// and writes the files, all or none.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/hash.h"
#include "toolkit/common/io.h"
#include "toolkit/common/parallel.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::cli {

namespace {

namespace fs = std::filesystem;

// `<stem>.<name>` beside the predictions file.
fs::path sibling(const fs::path& out, const std::string& name) {
  fs::path p = out;
  return p.replace_extension("." + name);
}

int cmd_classify(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  MfwCli mfw_cli;
  FeaturesCli features_cli;
  SampleCli sample_cli;
  pipeline::ClassifyConfig cc;
  std::string output, seed_text;
  int threads = 0;
  bool mfw_given = false;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(),
      "predictions CSV (doc,truth,predicted,score); beside it <stem>.candidates.csv, .confusion.csv, "
      ".metrics.json, .accuracy.csv (a sweep), .explain.csv (Delta on a split) and .features.csv (nsc on a split)")(
      "classifier", po::value(&cc.classifier)->default_value(cc.classifier), "delta|knn|nsc|svm|naivebayes")(
      "measure", po::value(&cc.measure)->default_value(cc.measure),
      "delta: any measure of `stylokit similarity` (burrows-delta, cosine-delta, eder-delta, argamon-linear, ...)")(
      "variant", po::value(&cc.variant)->default_value(cc.variant), "delta: stylo or published (the measure's form)")(
      "label", po::value(&cc.label),
      "the class of each text: prefix (the id before its first '_', stylo's convention) or a --metadata column")(
      "set-column", po::value(&cc.set_column), "metadata column giving train or test (stylo's training/test too)")(
      "train", po::value(&cc.train), "the training texts: comma-separated ids or @FILE (one id per line)")(
      "cv", po::value(&cc.cv), "cross-validation instead of a split: loo, or K (stratified K folds, --seed)")(
      "seed", po::value(&cc.seed)->default_value(cc.seed),
      "the seed of the K folds and of --sample random (SplitMix64)")(
      "z-scores", po::value(&cc.z_scores)->default_value(cc.z_scores),
      "delta: z-scores from the training texts (stylo classify()) or all texts")(
      "k", po::value(&cc.k)->default_value(cc.k), "knn: neighbours (vote ties: the class of the nearest member)")(
      "top-n", po::value(&cc.top_n)->default_value(cc.top_n), "candidates written per text")(
      "mfw", po::value(&cc.mfw)->notifier([&](const std::string&) { mfw_given = true; }),
      "most frequent words: N or a sweep FROM:TO:STEP (default 100; a --frequency-table: all its rows)")(
      "culling", po::value(&cc.culling)->default_value(cc.culling),
      "percent of texts a word must be in: P or a sweep FROM:TO:STEP (over all texts, as stylo)")(
      "threads", po::value(&threads)->default_value(0), "worker threads (0 = all cores); output is the same for any");
  // The other MFW options as every MFW command spells them (--mfw and --culling take sweeps here).
  po::options_description mfw_desc;
  add_mfw_options(mfw_desc, mfw_cli);
  for (const auto& o : mfw_desc.options())
    if (o->long_name() != "mfw" && o->long_name() != "culling") desc.add(o);
  add_features_options(desc, features_cli, "corpus tokens: ");
  add_sample_options(desc, sample_cli);
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("classify", args, desc, pos, "CORPUS -o predictions.csv --label prefix [options]",
                  "stylokit classify data/letters --label prefix --cv loo --mfw 100 -o loo.csv"))
    return 0;

  const auto start = std::chrono::steady_clock::now();
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  cc.mfw_given = mfw_given;
  cc.sample = cli_field([&] { return to_sample_config(sample_cli, cc.seed); });
  cc.table = to_mfw_config(mfw_cli);
  cc.metadata = corpus_cli.metadata;
  const bool from_table = !cc.table.frequency_table.empty();
  STYLOKIT_CHECK(!corpus_cli.path.empty() || from_table, ConfigError, "give a CORPUS or --frequency-table");
  STYLOKIT_CHECK(corpus_cli.path.empty() || !from_table, ConfigError, "give a CORPUS or --frequency-table, not both");
  cli_field([&] {
    pipeline::validate(cc);
    pipeline::validate(cc.table);
    return 0;
  });

  const fs::path out = output;
  STYLOKIT_CHECK(!is_standard_output(out), ConfigError, "-o: classify writes several files; give a .csv path");
  STYLOKIT_CHECK(out.extension() == ".csv", ConfigError, "-o {}: give the predictions a .csv extension", output);
  const std::vector<std::pair<std::string, fs::path>> files = {{"predictions", out},
                                                               {"candidates", sibling(out, "candidates.csv")},
                                                               {"confusion", sibling(out, "confusion.csv")},
                                                               {"metrics", sibling(out, "metrics.json")},
                                                               {"accuracy", sibling(out, "accuracy.csv")},
                                                               {"explain", sibling(out, "explain.csv")},
                                                               {"features", sibling(out, "features.csv")}};
  std::vector<fs::path> inputs;
  for (const auto& p :
       {corpus_cli.path, cc.table.frequency_table, cc.table.features_file, corpus_cli.metadata, cc.table.delete_words})
    if (!p.empty()) inputs.emplace_back(p);
  if (cc.train.size() > 1 && cc.train[0] == '@') inputs.emplace_back(cc.train.substr(1));

  const text::TextOptions text_options = to_text_options(text_cli);
  const pipeline::FeaturesConfig fc = to_features_config(features_cli);
  const pipeline::CorpusConfig corpus_config = to_corpus_config(corpus_cli);
  std::optional<LoadedCorpus> loaded;
  if (!from_table) {
    loaded = load_for_cli(corpus_cli);
    for (const auto& p : input_paths(corpus_cli, *loaded)) inputs.push_back(p);
  }
  for (const auto& [name, path] : files) check_not_input(path, inputs);

  const pipeline::ClassifyResult r = cli_field([&] {
    return pipeline::classify(cc, corpus_config, loaded ? &loaded->corpus : nullptr, text_options, fc, threads);
  });

  pipeline::Json meta = pipeline::classify_json(r);
  pipeline::Json in = pipeline::Json::array();
  for (const auto& p : {corpus_cli.path, cc.table.frequency_table, corpus_cli.metadata, cc.table.features_file})
    if (!p.empty() && fs::is_regular_file(p)) in.push_back({{"path", p}, {"sha256", sha256_file(p)}});
  meta["inputs"] = in;
  pipeline::Json outs = pipeline::Json::object();
  std::vector<std::pair<fs::path, std::string>> contents = {{files[0].second, pipeline::classify_predictions_csv(r)},
                                                            {files[1].second, pipeline::classify_candidates_csv(r)},
                                                            {files[2].second, pipeline::classify_confusion_csv(r)}};
  if (r.runs.size() > 1) contents.emplace_back(files[4].second, pipeline::classify_accuracy_csv(r));
  if (!r.explain.empty()) contents.emplace_back(files[5].second, pipeline::classify_explain_csv(r));
  bool distinctive = false;
  for (const auto& run : r.runs) distinctive = distinctive || !run.distinctive.empty();
  if (distinctive) contents.emplace_back(files[6].second, pipeline::classify_features_csv(r));
  for (const auto& [path, text] : contents) outs[path.filename().string()] = path.string();
  meta["outputs"] = outs;
  contents.emplace_back(files[3].second, meta.dump(2) + "\n");

  // All files are written to temporaries first and renamed only when every one is complete.
  std::vector<std::unique_ptr<AtomicFile>> pending;
  for (const auto& [path, text] : contents) {
    pending.push_back(std::make_unique<AtomicFile>(path));
    pending.back()->write(text);
  }
  for (auto& f : pending) f->commit();

  for (const auto& w : r.warnings) warn(w);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << pipeline::classify_summary(r)
            << fmt::format("wrote {} and {} more file(s) beside it in {:.2f} s\n", out.string(), contents.size() - 1,
                           seconds);
  return exit_without_teardown(0);
}

const CommandRegistrar kRegistrar("classify", cmd_classify);

}  // namespace
}  // namespace stylokit::cli
