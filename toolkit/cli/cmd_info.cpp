// stylokit info CORPUS: what is in a corpus, before any analysis.

#include <algorithm>
#include <iostream>
#include <map>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/format.h"
#include "toolkit/common/io.h"
#include "toolkit/pipeline/steps.h"

namespace stylokit::cli {

namespace {

// Up to this many documents the per-document table is printed by default; above, a summary
// (a 20,000-document corpus would print 20,000 rows).
constexpr size_t kTableMaxDocuments = 50;
// Problems listed one by one in the summary of a large corpus; the rest are counted.
constexpr size_t kProblemsListed = 20;

struct DocStats {
  size_t tokens = 0, types = 0, sentences = 0, bytes = 0, removed = 0;
};

std::string table_row(const std::string& name, size_t tokens, size_t types, size_t sentences, size_t bytes,
                      size_t removed, const std::string& encoding) {
  std::string row =
      fmt::format("{:<48} {:>8} {:>7} {:>9} {:>9} {:>8}  {}", name, tokens, types, sentences, bytes, removed, encoding);
  while (!row.empty() && row.back() == ' ') row.pop_back();
  return row + '\n';
}

// Minimum, median (the mean of the middle two for an even count) and maximum. `v` not empty.
std::string spread(std::vector<size_t> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  const double median = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + v[n / 2]) / 2;
  return fmt::format("{:>10} {:>10} {:>10}", v.front(), shortest(median), v.back());
}

int cmd_info(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  bool per_document = false;
  std::string output;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv")(
      "per-document", po::bool_switch(&per_document),
      fmt::format("print the per-document table (shown by default up to {} documents)", kTableMaxDocuments).c_str())(
      "output,o", po::value(&output),
      "write the per-document table as CSV (document,tokens,types,sentences,bytes,removed,encoding) to this "
      "file; "
      "- for standard output (the report then goes to standard error)");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("info", args, desc, pos, "CORPUS [options]", "stylokit info data/letters --clean")) return 0;

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  if (!output.empty()) check_not_input(output, input_paths(corpus_cli, loaded));
  const Corpus& corpus = loaded.corpus;
  // The text stage runs once, in parallel; the statistics are read off its token corpus.
  const pipeline::TokenizedCorpus tokenized = pipeline::tokenize(corpus, to_text_options(text_cli), 0);
  const std::vector<pipeline::DocumentStats> counted = pipeline::document_stats(tokenized);
  std::vector<DocStats> stats(corpus.size());
  DocStats total;
  size_t removal_count = 0;
  for (size_t i = 0; i < corpus.size(); ++i) {
    DocStats& s = stats[i];
    // Bytes of the file (a decoded file's size is not its UTF-8 text's).
    const Document& d = corpus.documents[i];
    for (const auto& r : loaded.removals[i]) s.removed += d.file_offset(r.range.end) - d.file_offset(r.range.begin);
    s.tokens = counted[i].tokens;
    s.types = counted[i].types;
    s.sentences = counted[i].sentences;
    s.bytes = d.file_offset(d.raw.size());
    total.tokens += s.tokens;
    total.sentences += s.sentences;
    total.bytes += s.bytes;
    total.removed += s.removed;
    removal_count += loaded.removals[i].size();
  }
  total.types = tokenized.tokens.vocab.size();  // distinct in the corpus

  const bool table = per_document || corpus.size() <= kTableMaxDocuments;
  std::string report =
      fmt::format("corpus: {} ({} {}", corpus.origin, corpus.size(), corpus.size() == 1 ? "document" : "documents");
  if (!corpus.issues.empty()) report += fmt::format(", {} with problems", corpus.issues.size());
  report += ")\n";
  if (table) {
    report += fmt::format("{:<48} {:>8} {:>7} {:>9} {:>9} {:>8}  {}\n", "document", "tokens", "types", "sentences",
                          "bytes", "removed", "encoding");
    for (size_t i = 0; i < corpus.size(); ++i) {
      const DocStats& s = stats[i];
      report += table_row(corpus.documents[i].id, s.tokens, s.types, s.sentences, s.bytes, s.removed,
                          corpus.documents[i].encoding);
    }
    report += table_row("total", total.tokens, total.types, total.sentences, total.bytes, total.removed, "");
  } else {
    auto column = [&](size_t DocStats::*field) {
      std::vector<size_t> v(stats.size());
      for (size_t i = 0; i < stats.size(); ++i) v[i] = stats[i].*field;
      return spread(std::move(v));
    };
    report += fmt::format("{:<12} {:>10} {:>10} {:>10} {:>12}\n", "per document", "min", "median", "max", "total");
    report += fmt::format("{:<12} {} {:>12}\n", "tokens", column(&DocStats::tokens), total.tokens);
    report += fmt::format("{:<12} {} {:>12}\n", "types", column(&DocStats::types), total.types);
    report += fmt::format("{:<12} {} {:>12}\n", "sentences", column(&DocStats::sentences), total.sentences);
    report += fmt::format("{:<12} {} {:>12}\n", "bytes", column(&DocStats::bytes), total.bytes);
    report += fmt::format("{:<12} {} {:>12}\n", "removed", column(&DocStats::removed), total.removed);
    report +=
        fmt::format("(types total: distinct in the corpus; per-document table: --per-document, or -o FILE.csv)\n");
    std::map<std::string, size_t> encodings;
    for (const auto& d : corpus.documents) ++encodings[d.encoding];
    report += "encodings:";
    for (const auto& [name, n] : encodings) report += fmt::format(" {} ({})", name, n);
    report += '\n';
  }
  if (corpus_cli.markup != "plain")
    report += fmt::format("markup: {} (removed as stylo's delete.markup removes it)\n", corpus_cli.markup);
  if (!corpus.metadata_columns.empty()) {
    report += "metadata:";
    for (const auto& c : corpus.metadata_columns) report += ' ' + c;
    report += '\n';
  }
  if (loaded.cleaning_rules.empty()) {
    report += "cleaning: off (--clean applies the shipped news rules)\n";
  } else {
    report += fmt::format("cleaning: {}: {} removals, {} bytes\n", loaded.cleaning_rules.string(), removal_count,
                          total.removed);
    if (table) {
      for (size_t i = 0; i < corpus.size(); ++i)
        for (const auto& r : loaded.removals[i])
          report += fmt::format("  {}: [{}] bytes {}-{}: {}\n", corpus.documents[i].id, r.rule,
                                corpus.documents[i].file_offset(r.range.begin),
                                corpus.documents[i].file_offset(r.range.end), r.excerpt);
    } else {
      std::map<std::string, std::pair<size_t, size_t>> by_rule;  // rule -> removals, bytes; in name order
      for (size_t i = 0; i < corpus.size(); ++i)
        for (const auto& r : loaded.removals[i]) {
          const Document& d = corpus.documents[i];
          by_rule[r.rule].first += 1;
          by_rule[r.rule].second += d.file_offset(r.range.end) - d.file_offset(r.range.begin);
        }
      for (const auto& [rule, n] : by_rule)
        report += fmt::format("  [{}]: {} removals, {} bytes\n", rule, n.first, n.second);
    }
  }
  if (corpus.issues.empty()) {
    report += "encoding problems: none\n";
  } else {
    report += "problems:\n";
    const size_t listed = table ? corpus.issues.size() : std::min(corpus.issues.size(), kProblemsListed);
    for (size_t i = 0; i < listed; ++i) {
      const auto& issue = corpus.issues[i];
      report += fmt::format("  {}: {} ({})\n", issue.source, issue.problem, issue.action);
    }
    if (listed < corpus.issues.size())
      report += fmt::format("  ... and {} more (one warning line each above)\n", corpus.issues.size() - listed);
  }

  if (!output.empty()) {
    std::string csv;
    append_csv_row(csv, {"document", "tokens", "types", "sentences", "bytes", "removed", "encoding"});
    for (size_t i = 0; i < corpus.size(); ++i) {
      const DocStats& s = stats[i];
      append_csv_row(
          csv, {corpus.documents[i].id, std::to_string(s.tokens), std::to_string(s.types), std::to_string(s.sentences),
                std::to_string(s.bytes), std::to_string(s.removed), corpus.documents[i].encoding});
    }
    write_output(output, csv);
    if (!is_standard_output(output))
      report += fmt::format("per-document table: {} rows -> {}\n", corpus.size(), output);
  }
  // With -o -, standard output carries the CSV alone.
  (is_standard_output(output) ? std::cerr : std::cout) << report;
  return 0;
}

const CommandRegistrar kRegistrar("info", cmd_info);

}  // namespace
}  // namespace stylokit::cli
