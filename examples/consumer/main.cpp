// Uses the installed library: vectorises three in-memory documents (TF-IDF, L2 rows) and
// prints the cosine similarity of each pair. Two documents share most of their words, the
// third shares none with them, so the printed values are ordered: shared > 0 = disjoint.

#include <cstdio>
#include <exception>
#include <string>

#include <stylokit/stylokit.h>

namespace {

stylokit::Document document(std::string id, std::string text) {
  stylokit::Document d;
  d.id = std::move(id);
  d.source = "memory";
  d.raw = std::move(text);
  d.kept = {{0, d.raw.size()}};
  return d;
}

}  // namespace

int main() {
  try {
    std::printf("stylokit %s (%s)\n", stylokit::version().c_str(), stylokit::git_commit().c_str());

    stylokit::Corpus corpus;
    corpus.origin = "memory";
    corpus.documents.push_back(document("a", "The cat sat on the mat. The cat was happy."));
    corpus.documents.push_back(document("b", "The cat sat on the rug. The dog was happy."));
    corpus.documents.push_back(document("c", "Quarterly revenue grew seven percent."));

    stylokit::features::VectorizerOptions options;
    options.threads = 1;
    const stylokit::features::Vectorized v = stylokit::features::vectorize(corpus, options);
    const stylokit::similarity::PairwiseResult cos =
        stylokit::similarity::pairwise_sparse(v.matrix, stylokit::similarity::Measure::kCosine);

    std::printf("terms %zu\n", v.vocabulary.size());
    for (size_t i = 0; i < v.doc_ids.size(); ++i)
      for (size_t j = i + 1; j < v.doc_ids.size(); ++j)
        std::printf("cosine %s %s %.6f\n", v.doc_ids[i].c_str(), v.doc_ids[j].c_str(),
                    cos.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stylokit_consumer: %s\n", e.what());
    return 1;
  }
}
