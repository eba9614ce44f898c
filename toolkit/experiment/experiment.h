#pragma once
// The experiment stage: a TOML file names the corpus, the text and feature options, the
// analyses and the outputs; run_experiment() composes the stages and writes a run folder.
//
// Data contract. A run folder holds (names fixed; a user's notebook may rely on them):
//   corpus.csv              one row per document: id, title, tokens, types, sentences, bytes,
//                           removed_bytes, then the metadata columns
//   cleaning.csv            doc,rule,start_byte,end_byte,excerpt (what cleaning removed)
//   features.mtx            the document-term matrix (+ features.terms.tsv, features.docs.tsv)
//   similarity/<m>.csv      one matrix per [[similarity]] (+ <m>.json: measure, direction,
//                           variant, parameters, formula, warnings)
//   pairs.csv               doc_a,doc_b,score,rank: all pairs, most alike first, for the
//                           primary measure
//   tree.nwk, linkage.csv   the hierarchical clustering of the primary measure
//   clusters.csv            doc,cluster (flat cut)
//   map.csv                 doc,dim1,dim2 (MDS or PCA)
//   phrases.csv, kwic.tsv   maximal recurring phrases and their occurrences in context
//   reuse.csv               shared passages (doc_a,doc_b,score,byte spans,texts)
//   heatmap.svg, dendrogram.svg, map.svg, report.html
//   manifest.json           tool version and git commit, the resolved config, SHA-256 of
//                           every input file, thread count, per-step timings, warnings
// Everything but the manifest's timings is byte-identical across re-runs and thread counts.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace stylokit::experiment {

struct RunOptions {
  std::filesystem::path out;  // run folder; "" = results/<name> beside the current folder
  int threads = 0;            // 0 = hardware concurrency; outputs do not depend on it
  bool force = false;         // replace an existing run folder
};

struct RunSummary {
  std::filesystem::path folder;        // where the run was written
  std::vector<std::string> lines;      // a short human summary (pairs, phrases, clusters)
  std::vector<std::string> warnings;   // also in the manifest
};

// Reads and validates an experiment file (unknown keys, wrong types, bad values and
// missing paths are ConfigErrors naming the file, line and key), then runs it.
// Throws ConfigError, IoError or DataError; on any error no run folder appears and an
// existing one is untouched.
RunSummary run_experiment(const std::filesystem::path& config_path, const RunOptions& options);

// The config as resolved (defaults filled in, paths made absolute), as JSON: what the
// manifest records. Throws like run_experiment's parsing step.
nlohmann::ordered_json resolve_experiment(const std::filesystem::path& config_path);

}  // namespace stylokit::experiment
