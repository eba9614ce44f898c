// stylokit oppose CORPUS -o DIR: the words one group of texts prefers and avoids against
// another (stylo's oppose(): Craig's, Eder's and the chi-square Zeta; quanteda's keyness).
// DIR appears whole or not at all: preferred.csv, avoided.csv, kwic.tsv, oppose.svg and
// oppose.json.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/hash.h"
#include "toolkit/common/io.h"
#include "toolkit/common/version.h"
#include "toolkit/experiment/run_folder.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/report/svg.h"

namespace stylokit::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= list.size() && !list.empty()) {
    const size_t comma = std::min(list.find(',', at), list.size());
    std::string id = list.substr(at, comma - at);
    if (!id.empty()) out.push_back(id);
    at = comma + 1;
  }
  return out;
}

// The words' share of A's slices against B's (Zeta), or their relative frequencies per 1,000
// tokens (keyness): preferred words in one colour, avoided in another, the ten strongest of
// each labelled, the diagonal where the groups agree.
std::string oppose_svg(const contrast::OpposeResult& r, bool zeta, const std::string& title) {
  const double w = 640, h = 640, left = 70, right = 30, top = 50, bottom = 60;
  const double pw = w - left - right, ph = h - top - bottom;
  auto xa = [&](const contrast::WordScore& s) {
    return zeta ? s.share_a : 1000.0 * static_cast<double>(s.count_a) / static_cast<double>(r.tokens_a);
  };
  auto yb = [&](const contrast::WordScore& s) {
    return zeta ? s.share_b : 1000.0 * static_cast<double>(s.count_b) / static_cast<double>(r.tokens_b);
  };
  double top_value = zeta ? 1.0 : 0.0;
  if (!zeta)
    for (const auto* list : {&r.preferred, &r.avoided})
      for (const auto& s : *list) top_value = std::max({top_value, xa(s), yb(s)});
  if (top_value <= 0) top_value = 1;
  auto px = [&](double v) { return left + pw * v / top_value; };
  auto py = [&](double v) { return top + ph * (1 - v / top_value); };
  report::Svg svg(w, h);
  svg.text(w / 2, 24, title, 14, "middle");
  svg.rect(left, top, pw, ph, "none", {}, "stroke=\"#999\"");
  svg.line(px(0), py(0), px(top_value), py(top_value), "#bbb", 1);
  for (int k = 0; k <= 4; ++k) {
    const double v = top_value * k / 4;
    svg.text(px(v), top + ph + 18, report::num(v, zeta ? 2 : 1), 10, "middle");
    svg.text(left - 8, py(v) + 4, report::num(v, zeta ? 2 : 1), 10, "end");
  }
  const std::string unit = zeta ? "share of slices holding the word" : "occurrences per 1,000 tokens";
  svg.text(left + pw / 2, h - 18, "group A (primary): " + unit, 12, "middle");
  svg.text(18, top + ph / 2, "group B (secondary): " + unit, 12, "middle", -90);
  const std::string colours[2] = {report::category_colour(0), report::category_colour(1)};
  const char* names[2] = {"preferred", "avoided"};
  for (int l = 0; l < 2; ++l) {
    const auto& list = l == 0 ? r.preferred : r.avoided;
    for (const auto& s : list)
      svg.circle(px(xa(s)), py(yb(s)), 2.5, colours[l],
                 fmt::format("{} ({}): {}", s.word, names[l], report::num(s.score, 4)));
    for (size_t i = 0; i < std::min<size_t>(10, list.size()); ++i)
      svg.text(px(xa(list[i])) + 4, py(yb(list[i])) - 4, list[i].word, 10, "start", 0, colours[l]);
    svg.circle(left + 12, top + 14 + 16 * l, 4, colours[l]);
    svg.text(left + 22, top + 18 + 16 * l, fmt::format("{} by A ({})", names[l], list.size()), 11);
  }
  return svg.finish();
}

int cmd_oppose(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  FeaturesCli features;
  pipeline::OpposeConfig c;
  std::string output, group_a, group_b;
  double threshold = -1;
  bool force = false;
  int threads = 0;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "output,o", po::value(&output)->required(),
      "folder to write (preferred.csv, avoided.csv, kwic.tsv, oppose.svg, oppose.json)")(
      "group-a", po::value(&group_a), "group A (stylo's primary set): document ids, comma-separated")(
      "group-b", po::value(&group_b), "group B (stylo's secondary set): document ids, comma-separated")(
      "group-column", po::value(&c.group_column), "metadata column whose values --a and --b make the groups")(
      "a", po::value(&c.a), "group A: the texts with this --group-column value")(
      "b", po::value(&c.b), "group B: the texts with this --group-column value")(
      "method", po::value(&c.method)->default_value(c.method),
      "craig|eder|chisquare (stylo's Zeta) or keyness-chi2|keyness-lr|keyness-pmi (quanteda's keyness)")(
      "slice", po::value(&c.slice)->default_value(c.slice), "Zeta: tokens per slice (stylo's text.slice.length)")(
      "rare-threshold", po::value(&c.rare_threshold)->default_value(c.rare_threshold),
      "words occurring this often or less in both groups together are left out")(
      "threshold", po::value(&threshold),
      "preferred above +X, avoided below -X (default: 0.1 for craig and eder, 3.84 for keyness-chi2 and "
      "keyness-lr, 0 for keyness-pmi; chisquare keeps p < 0.05)")(
      "correction", po::value(&c.correction)->default_value(c.correction),
      "keyness-chi2 and keyness-lr: default|yates|williams|none (quanteda's)")(
      "kwic-window", po::value(&c.kwic_window)->default_value(c.kwic_window), "KWIC context, in tokens on each side")(
      "kwic-per-word", po::value(&c.kwic_per_word)->default_value(c.kwic_per_word),
      "KWIC lines per listed word and group (0 = all)")(
      "tokenizer", po::value(&features.config.tokenizer)->default_value(features.config.tokenizer),
      "icu or stylo (stylo's txt.to.words.ext, exactly)")(
      "language", po::value(&features.config.language),
      "--tokenizer stylo: stylo's corpus.lang (English.all by default, English.contr, English, Latin.corr, ...)")(
      "preserve-case", po::bool_switch(&features.config.preserve_case),
      "--tokenizer stylo: keep upper case (stylo's preserve.case)")(
      "splitting-rule", po::value(&features.config.splitting_rule),
      "--tokenizer stylo: separator regex replacing the language's rules (stylo's splitting.rule)")(
      "token-pattern", po::value(&features.config.token_pattern),
      "--tokenizer stylo: tokens are the matches of this regex")("force", po::bool_switch(&force),
                                                                 "replace an existing output folder")(
      "threads", po::value(&threads)->default_value(threads), "tokenizer threads (0 = all cores)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("oppose", args, desc, pos,
                  "CORPUS (--group-a IDS --group-b IDS | --metadata M.csv --group-column C --a V --b W) -o DIR",
                  "stylokit oppose novels --group-a Austen_Emma,Austen_Pride --group-b CBronte_Jane --tokenizer "
                  "stylo -o austen-vs-bronte"))
    return 0;
  STYLOKIT_CHECK(threads >= 0, ConfigError, "--threads: must not be negative, got {}", threads);
  STYLOKIT_CHECK(features.config.tokenizer != "sklearn", ConfigError,
                 "--tokenizer: oppose reads tokens with their spans: icu or stylo, got sklearn");
  c.group_a = split_ids(group_a);
  c.group_b = split_ids(group_b);
  STYLOKIT_CHECK(group_a.empty() || !c.group_a.empty(), ConfigError, "--group-a: a group with no texts");
  STYLOKIT_CHECK(group_b.empty() || !c.group_b.empty(), ConfigError, "--group-b: a group with no texts");
  if (threshold != -1) c.threshold = threshold;
  const contrast::OpposeOptions options = cli_field([&] { return pipeline::oppose_options(c); });
  const text::TextOptions text = to_text_options(text_cli);
  const fs::path out = output;
  STYLOKIT_CHECK(!is_standard_output(out), ConfigError, "-o: oppose writes a folder, not standard output");

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  const auto inputs = input_paths(corpus_cli, loaded);
  for (const auto& f : {"preferred.csv", "avoided.csv", "kwic.tsv", "oppose.svg", "oppose.json"})
    check_not_input(out / f, inputs);
  for (const auto& in : inputs) {
    std::error_code ec;
    STYLOKIT_CHECK(!fs::equivalent(in, out, ec), IoError, "{}: the output folder is an input", out.string());
  }
  const pipeline::FeaturesConfig fc = features.config;
  const pipeline::TokenizedCorpus tokenized =
      cli_field([&] { return pipeline::tokenize(loaded.corpus, text, fc, threads); });
  const pipeline::OpposeRun run = cli_field([&] { return pipeline::run_oppose(loaded.corpus, tokenized, c); });
  const contrast::OpposeResult& r = run.result;

  std::vector<uint64_t> kwic_lines;
  const std::string kwic = pipeline::oppose_kwic_tsv(loaded.corpus, tokenized, run, c, kwic_lines);
  const std::vector<uint64_t> pref_lines(kwic_lines.begin(),
                                         kwic_lines.begin() + static_cast<std::ptrdiff_t>(r.preferred.size()));
  const std::vector<uint64_t> avoid_lines(kwic_lines.begin() + static_cast<std::ptrdiff_t>(r.preferred.size()),
                                          kwic_lines.end());
  const bool zeta = contrast::is_zeta(options.method);

  Json meta;
  meta["command"] = "oppose";
  meta["version"] = version();
  meta["git_commit"] = git_commit();
  meta["method"] = contrast::method_name(options.method);
  Json params;
  params["slice"] = zeta ? Json(options.slice) : Json(nullptr);
  params["rare_threshold"] = options.rare_threshold;
  params["threshold"] = options.method == contrast::Method::kChisquare ? Json(nullptr) : Json(r.threshold);
  params["correction"] =
      options.method == contrast::Method::kKeynessChi2 || options.method == contrast::Method::kKeynessLr
          ? Json(contrast::correction_name(options.correction))
          : Json(nullptr);
  params["kwic_window"] = c.kwic_window;
  params["kwic_per_word"] = c.kwic_per_word;
  params["tokenizer"] = fc.tokenizer;
  if (fc.tokenizer == "stylo") params["language"] = fc.language.empty() ? "English.all" : fc.language;
  meta["parameters"] = params;
  auto group_json = [&](const std::vector<size_t>& g, size_t first) {
    Json texts = Json::array();
    for (size_t i = 0; i < g.size(); ++i) {
      Json t = {{"id", loaded.corpus.documents[g[i]].id}, {"tokens", tokenized.tokens.doc_size(g[i])}};
      if (zeta) {
        t["slices"] = r.slices_per_text[first + i];
        t["dropped_tokens"] = r.dropped_per_text[first + i];
      }
      texts.push_back(t);
    }
    return texts;
  };
  meta["group_a"] = {{"role", "primary"}, {"texts", group_json(run.group_a, 0)}, {"tokens", r.tokens_a}};
  meta["group_b"] = {
      {"role", "secondary"}, {"texts", group_json(run.group_b, run.group_a.size())}, {"tokens", r.tokens_b}};
  if (zeta) {
    meta["group_a"]["slices"] = r.slices_a;
    meta["group_b"]["slices"] = r.slices_b;
  }
  meta["words"] = r.words;
  meta["preferred"] = r.preferred.size();
  meta["avoided"] = r.avoided.size();
  Json input_list = Json::array();
  for (const auto& p : inputs)
    if (fs::is_regular_file(p)) input_list.push_back({{"path", p.string()}, {"sha256", sha256_file(p)}});
  meta["inputs"] = input_list;

  experiment::RunFolder folder(out, force);
  folder.write("preferred.csv", pipeline::oppose_csv(r.preferred, pref_lines));
  folder.write("avoided.csv", pipeline::oppose_csv(r.avoided, avoid_lines));
  folder.write("kwic.tsv", kwic);
  folder.write("oppose.svg", oppose_svg(r, zeta,
                                        fmt::format("{}: words preferred and avoided by group A",
                                                    contrast::method_name(options.method))));
  folder.write("oppose.json", meta.dump(2) + "\n");
  folder.commit();
  std::cout << fmt::format("oppose ({}): {} texts against {}; {} words, {} preferred, {} avoided -> {}\n",
                           contrast::method_name(options.method), run.group_a.size(), run.group_b.size(), r.words,
                           r.preferred.size(), r.avoided.size(), out.string());
  return 0;
}

const CommandRegistrar kRegistrar("oppose", cmd_oppose);

}  // namespace
}  // namespace stylokit::cli
