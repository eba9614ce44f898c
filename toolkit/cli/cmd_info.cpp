// stylokit info CORPUS: what is in a corpus, before any analysis.

#include <iostream>
#include <unordered_set>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"

namespace stylokit::cli {

namespace {

int cmd_info(const Args& args) {
  CorpusCli corpus_cli;
  TextCli text_cli;
  po::options_description desc("options");
  desc.add_options()("corpus", po::value(&corpus_cli.path)->required(), "folder, .jsonl or .csv");
  add_corpus_options(desc, corpus_cli);
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  if (!parse_args("info", args, desc, pos, "CORPUS [options]", "stylokit info data/letters --clean")) return 0;

  LoadedCorpus loaded = load_for_cli(corpus_cli);
  const Corpus& corpus = loaded.corpus;
  text::Tokenizer tokenizer(to_text_options(text_cli));

  std::unordered_set<std::string> corpus_types;  // counted, never iterated for output
  size_t total_tokens = 0, total_sentences = 0, total_bytes = 0, total_removed = 0, removal_count = 0;

  std::cout << "corpus: " << corpus.origin << " (" << corpus.size()
            << (corpus.size() == 1 ? " document" : " documents");
  if (!corpus.issues.empty()) std::cout << ", " << corpus.issues.size() << " with problems";
  std::cout << ")\n";
  std::cout << fmt::format("{:<48} {:>8} {:>7} {:>9} {:>9} {:>8}\n", "document", "tokens", "types", "sentences",
                           "bytes", "removed");
  for (size_t i = 0; i < corpus.size(); ++i) {
    const Document& doc = corpus.documents[i];
    text::TokenizedDocument td = tokenizer.tokenize(doc);
    std::unordered_set<std::string_view> types;
    for (const auto& t : td.tokens) {
      types.insert(td.text(t));
      corpus_types.emplace(td.text(t));
    }
    size_t removed = 0;
    for (const auto& r : loaded.removals[i]) removed += r.range.size();
    std::cout << fmt::format("{:<48} {:>8} {:>7} {:>9} {:>9} {:>8}\n", doc.id, td.tokens.size(), types.size(),
                             td.sentence_count, doc.raw.size(), removed);
    total_tokens += td.tokens.size();
    total_sentences += td.sentence_count;
    total_bytes += doc.raw.size();
    total_removed += removed;
    removal_count += loaded.removals[i].size();
  }
  std::cout << fmt::format("{:<48} {:>8} {:>7} {:>9} {:>9} {:>8}\n", "total", total_tokens, corpus_types.size(),
                           total_sentences, total_bytes, total_removed);
  if (!corpus.metadata_columns.empty()) {
    std::cout << "metadata:";
    for (const auto& c : corpus.metadata_columns) std::cout << ' ' << c;
    std::cout << '\n';
  }
  if (loaded.cleaning_source.empty()) {
    std::cout << "cleaning: off (--clean applies the shipped news rules)\n";
  } else {
    std::cout << "cleaning: " << loaded.cleaning_source << ": " << removal_count << " removals, " << total_removed
              << " bytes\n";
    for (size_t i = 0; i < corpus.size(); ++i)
      for (const auto& r : loaded.removals[i])
        std::cout << fmt::format("  {}: [{}] bytes {}-{}: {}\n", corpus.documents[i].id, r.rule, r.range.begin,
                                 r.range.end, r.excerpt);
  }
  if (corpus.issues.empty()) {
    std::cout << "encoding problems: none\n";
  } else {
    std::cout << "problems:\n";
    for (const auto& issue : corpus.issues)
      std::cout << "  " << issue.source << ": " << issue.problem << " (" << issue.action << ")\n";
  }
  return 0;
}

const CommandRegistrar kRegistrar("info", cmd_info);

}  // namespace
}  // namespace stylokit::cli
