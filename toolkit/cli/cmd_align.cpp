// stylokit align DOC_A DOC_B: the passages two documents share (seeded local alignment).

#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "toolkit/cli/cli_common.h"
#include "toolkit/cli/commands.h"
#include "toolkit/common/format.h"
#include "toolkit/common/io.h"
#include "toolkit/common/tsv.h"
#include "toolkit/corpus/excerpt.h"
#include "toolkit/phrases/reuse.h"

namespace stylokit::cli {

namespace {

Document read_document(const std::string& path) {
  Document doc;
  doc.id = std::filesystem::path(path).stem().string();
  doc.source = path;
  doc.raw = read_file(path);
  size_t begin = doc.raw.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a BOM is not text
  doc.kept = {ByteRange{begin, doc.raw.size()}};
  return doc;
}

int cmd_align(const Args& args) {
  TextCli text_cli;
  std::string path_a, path_b, format = "json", output;
  phrases::AlignOptions opt;
  po::options_description desc("options");
  desc.add_options()("doc-a", po::value(&path_a)->required(), "first document, a text file")(
      "doc-b", po::value(&path_b)->required(), "second document, a text file")(
      "format", po::value(&format)->default_value(format), "output: json|text")(
      "output,o", po::value(&output), "write the output to this file (default, or -: standard output)")(
      "min-len", po::value(&opt.min_len)->default_value(opt.min_len), "shortest passage, in tokens on both sides")(
      "min-score", po::value(&opt.min_score)->default_value(opt.min_score), "lowest passage score")(
      "seed-len", po::value(&opt.seed_len)->default_value(opt.seed_len), "shared n-gram length of the seeds")(
      "band", po::value(&opt.band)->default_value(opt.band), "diagonals aligned on each side of the seeds")(
      "max-gap", po::value(&opt.max_gap)->default_value(opt.max_gap), "tokens between seeds of one region")(
      "match", po::value(&opt.match)->default_value(opt.match), "score of equal tokens")(
      "mismatch", po::value(&opt.mismatch)->default_value(opt.mismatch), "score of different tokens")(
      "gap-open", po::value(&opt.gap_open)->default_value(opt.gap_open), "score of a gap's first token")(
      "gap-extend", po::value(&opt.gap_extend)->default_value(opt.gap_extend), "score of each further gap token");
  add_text_options(desc, text_cli);
  po::positional_options_description pos;
  pos.add("doc-a", 1).add("doc-b", 1);
  if (!parse_args("align", args, desc, pos, "DOC_A DOC_B [--format json|text] [-o OUT] [options]",
                  "stylokit align data/letters/2021-07_aliyev-to-biden_independence-day.txt "
                  "data/letters/2022-07_aliyev-to-biden_independence-day.txt --format text"))
    return 0;
  STYLOKIT_CHECK(format == "json" || format == "text", ConfigError, "--format: expected json or text, got '{}'",
                 format);
  phrases::validate(opt);
  if (!output.empty()) check_not_input(output, {path_a, path_b});

  const Document a = read_document(path_a), b = read_document(path_b);
  text::Tokenizer tokenizer(to_text_options(text_cli));
  text::TokenCorpus tc =
      text::build_token_corpus({path_a, path_b}, {tokenizer.tokenize(a), tokenizer.tokenize(b)});
  const auto passages = phrases::align_documents(tc, 0, 1, opt);

  std::string out;
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : passages) {
      nlohmann::ordered_json j;
      j["a_start"] = p.a_start;
      j["a_end"] = p.a_end;
      j["b_start"] = p.b_start;
      j["b_end"] = p.b_end;
      j["score"] = p.tokens.score;
      j["a_text"] = excerpt(a, p.a_start, p.a_end);
      j["b_text"] = excerpt(b, p.b_start, p.b_end);
      j["a_tokens"] = {p.tokens.a_begin, p.tokens.a_end};
      j["b_tokens"] = {p.tokens.b_begin, p.tokens.b_end};
      j["matches"] = p.tokens.matches;
      list.push_back(std::move(j));
    }
    out = list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else {
    // One line per passage: the texts through tsv_escape, so a line break in a passage
    // reads as \n (a tab as \t, a backslash as \\) and never splits the line.
    uint64_t longest = 0;
    for (size_t k = 0; k < passages.size(); ++k) {
      const auto& p = passages[k];
      out += fmt::format("passage {}: score {}, {} matching tokens | A bytes {}-{}: {} | B bytes {}-{}: {}\n", k + 1,
                         shortest(p.tokens.score), p.tokens.matches, p.a_start, p.a_end,
                         tsv_escape(excerpt(a, p.a_start, p.a_end)), p.b_start, p.b_end,
                         tsv_escape(excerpt(b, p.b_start, p.b_end)));
      longest = std::max({longest, p.tokens.a_end - p.tokens.a_begin, p.tokens.b_end - p.tokens.b_begin});
    }
    if (passages.empty())
      out += fmt::format("no shared passage between {} and {}\n", path_a, path_b);
    else
      out += fmt::format("{} shared passage{} between {} and {}, longest {} tokens\n", passages.size(),
                         passages.size() == 1 ? "" : "s", path_a, path_b, longest);
  }
  if (output.empty() || is_standard_output(output)) {
    write_output("-", out);
  } else {
    write_output(output, out);
    std::cout << fmt::format("align: {} shared passages ({} and {} tokens) -> {}\n", passages.size(),
                             tc.doc_size(0), tc.doc_size(1), output);
  }
  return 0;
}

const CommandRegistrar kRegistrar("align", cmd_align);

}  // namespace
}  // namespace stylokit::cli
