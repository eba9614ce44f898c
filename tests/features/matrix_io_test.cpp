// Matrix Market save/load (toolkit/features/matrix_io.h): round trip, reading by SciPy, escapes,
// and every kind of corrupted or missing file.

#include "toolkit/features/matrix_io.h"

#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "tests/features/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/features/vectorizer.h"

namespace stylokit::features {
namespace {

using testing::TempDir;

Vectorized letters() {
  VectorizerOptions o;
  o.tokenizer = TokenizerKind::kSklearn;
  o.ngram_max = 2;
  return vectorize(load_corpus(std::string(STYLOKIT_TEST_DATA) + "/letters"), o);
}

// A small matrix whose terms and ids need escaping.
struct Small {
  DocTermMatrix m{2, 3};
  Vocabulary v{{"tab\there", "new\nline", "back\\slash"}, {1, 2, 1}};
  std::vector<std::string> ids{"a\tb", "c\\d"};
  Small() {
    m.insert(0, 0) = 0.1;
    m.insert(0, 2) = -3e-300;
    m.insert(1, 1) = 12345678901234567.0;
    m.makeCompressed();
  }
};

// save → load gives back the same matrix (bit for bit), terms, dfs and ids.
TEST(MatrixIo, RoundTripIsExact) {
  TempDir dir;
  const Vectorized v = letters();
  save_matrix(dir / "M.mtx", v.matrix, v.vocabulary, v.doc_ids);
  const LoadedMatrix l = load_matrix(dir / "M.mtx");
  EXPECT_EQ(l.vocabulary.terms(), v.vocabulary.terms());
  EXPECT_EQ(l.vocabulary.dfs(), v.vocabulary.dfs());
  EXPECT_EQ(l.doc_ids, v.doc_ids);
  ASSERT_EQ(l.matrix.nonZeros(), v.matrix.nonZeros());
  EXPECT_TRUE(std::equal(v.matrix.valuePtr(), v.matrix.valuePtr() + v.matrix.nonZeros(), l.matrix.valuePtr()));
  EXPECT_TRUE(
      std::equal(v.matrix.innerIndexPtr(), v.matrix.innerIndexPtr() + v.matrix.nonZeros(), l.matrix.innerIndexPtr()));
  Small s;
  save_matrix(dir / "S.mtx", s.m, s.v, s.ids);
  const LoadedMatrix ls = load_matrix(dir / "S.mtx");
  EXPECT_EQ(ls.vocabulary.terms(), s.v.terms());
  EXPECT_EQ(ls.doc_ids, s.ids);
  EXPECT_EQ(ls.matrix.coeff(0, 2), -3e-300);
  EXPECT_EQ(ls.matrix.coeff(1, 1), 12345678901234567.0);
  EXPECT_EQ(testing::read_text(dir / "S.terms.tsv"), "term\tdf\ntab\\there\t1\nnew\\nline\t2\nback\\\\slash\t1\n");
}

// scipy.io.mmread and a plain TSV reader see the same matrix, terms and ids.
TEST(MatrixIo, ReadableByScipy) {
  TempDir dir;
  const Vectorized v = letters();
  save_matrix(dir / "M.mtx", v.matrix, v.vocabulary, v.doc_ids);
  Small s;
  save_matrix(dir / "S.mtx", s.m, s.v, s.ids);
  for (const char* name : {"M", "S"}) {
    const auto r =
        testing::run_command(testing::python() + " " + testing::shell_quote(testing::script("reference_mmread.py")) +
                             " " + testing::shell_quote((dir / (std::string(name) + ".mtx")).string()) + " " +
                             testing::shell_quote((dir / "out.json").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto j = nlohmann::json::parse(testing::read_text(dir / "out.json"));
    const DocTermMatrix& m = name[0] == 'M' ? v.matrix : s.m;
    const Vocabulary& voc = name[0] == 'M' ? v.vocabulary : s.v;
    EXPECT_EQ(j["terms"].get<std::vector<std::string>>(), voc.terms());
    EXPECT_EQ(j["dfs"].get<std::vector<int64_t>>(), voc.dfs());
    EXPECT_EQ(j["ids"].get<std::vector<std::string>>(), name[0] == 'M' ? v.doc_ids : s.ids);
    EXPECT_EQ(j["shape"][0].get<int64_t>(), m.rows());
    EXPECT_EQ(j["shape"][1].get<int64_t>(), m.cols());
    const auto rows = j["rows"].get<std::vector<int64_t>>();
    const auto cols = j["cols"].get<std::vector<int64_t>>();
    const auto values = j["values"].get<std::vector<double>>();
    ASSERT_EQ(static_cast<int64_t>(values.size()), m.nonZeros());
    for (size_t k = 0; k < values.size(); ++k) EXPECT_EQ(values[k], m.coeff(rows[k], cols[k]));  // 17 digits: exact
  }
}

// Values are written in their shortest exact form, integers as integers, -0 as "-0".
TEST(MatrixIo, ValuesInShortestExactForm) {
  TempDir dir;
  DocTermMatrix m(1, 6);
  const std::vector<double> values = {0.1, 1.0 / 3.0, 3.0, -0.0, 1e22, 2.5e-310};
  for (size_t k = 0; k < values.size(); ++k) m.insert(0, static_cast<Eigen::Index>(k)) = values[k];
  m.makeCompressed();
  save_matrix(dir / "V.mtx", m, Vocabulary({"a", "b", "c", "d", "e", "f"}, {1, 1, 1, 1, 1, 1}), {"x"});
  const std::string mtx = testing::read_text(dir / "V.mtx");
  EXPECT_NE(mtx.find("\n1 1 0.1\n1 2 0.3333333333333333\n1 3 3\n1 4 -0\n1 5 1e+22\n1 6 2.5e-310\n"), std::string::npos)
      << mtx;
  const LoadedMatrix l = load_matrix(dir / "V.mtx");
  for (size_t k = 0; k < values.size(); ++k) {
    const double got = l.matrix.coeff(0, static_cast<Eigen::Index>(k));
    EXPECT_EQ(got, values[k]);
    EXPECT_EQ(std::signbit(got), std::signbit(values[k]));
  }
}

// Every corruption is a DataError naming the file; a missing file is an IoError.
TEST(MatrixIo, CorruptedFilesAreRejected) {
  TempDir dir;
  Small s;
  save_matrix(dir / "S.mtx", s.m, s.v, s.ids);
  const std::string mtx = testing::read_text(dir / "S.mtx");
  const std::string terms = testing::read_text(dir / "S.terms.tsv");
  const std::string docs = testing::read_text(dir / "S.docs.tsv");
  const std::string banner = "%%MatrixMarket matrix coordinate real general\n";
  struct Bad {
    const char* what;
    std::string mtx, terms, docs;
  };
  const std::vector<Bad> bad = {
      {"empty", "", terms, docs},
      {"bad banner", "%%MatrixMarket matrix array real general\n2 3\n", terms, docs},
      {"not mm", "hello\n", terms, docs},
      {"bad size", banner + "2 x 3\n", terms, docs},
      {"no size", banner + "% only a comment\n", terms, docs},
      {"truncated", banner + "2 3 3\n1 1 0.1\n", terms, docs},
      {"extra", banner + "2 3 1\n1 1 0.1\n2 2 1\n", terms, docs},
      {"out of range", banner + "2 3 1\n3 1 0.1\n", terms, docs},
      {"zero index", banner + "2 3 1\n0 1 0.1\n", terms, docs},
      {"not a number", banner + "2 3 1\n1 1 zero\n", terms, docs},
      {"nan", banner + "2 3 1\n1 1 nan\n", terms, docs},
      {"short entry", banner + "2 3 1\n1 1\n", terms, docs},
      {"huge entry count", banner + "100000 100000 4000000000\n1 1 0.5\n", terms, docs},
      {"terms header", mtx, "word\tdf\n" + terms.substr(terms.find('\n') + 1), docs},
      {"terms count", mtx, "term\tdf\na\t1\n", docs},
      {"terms df", mtx, "term\tdf\na\t1\nb\tx\nc\t1\n", docs},
      {"terms escape", mtx, "term\tdf\na\\q\t1\nb\t1\nc\t1\n", docs},
      {"terms duplicate", mtx, "term\tdf\na\t1\na\t1\nc\t1\n", docs},
      {"docs count", mtx, terms, "id\nonly\n"},
      {"docs header", mtx, terms, "name\na\nb\n"},
      {"docs utf8", mtx, terms, "id\na\xff\nb\n"},
  };
  for (const auto& b : bad) {
    testing::write_text(dir / "B.mtx", b.mtx);
    testing::write_text(dir / "B.terms.tsv", b.terms);
    testing::write_text(dir / "B.docs.tsv", b.docs);
    try {
      load_matrix(dir / "B.mtx");
      ADD_FAILURE() << b.what << ": loaded";
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("B."), std::string::npos) << b.what << ": " << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << b.what << ": wrong error kind: " << e.what();
    }
  }
  EXPECT_THROW(load_matrix(dir / "missing.mtx"), IoError);
  std::filesystem::remove(dir / "S.docs.tsv");
  EXPECT_THROW(load_matrix(dir / "S.mtx"), IoError);
}

// Entries in any order (column-major, shuffled, duplicates summed as Eigen and scipy do) load
// to the same matrix as the row-major order save_matrix writes.
TEST(MatrixIo, EntriesInAnyOrder) {
  TempDir dir;
  const std::string terms = "term\tdf\na\t1\nb\t1\nc\t1\n", docs = "id\nx\ny\n";
  testing::write_text(dir / "B.terms.tsv", terms);
  testing::write_text(dir / "B.docs.tsv", docs);
  const std::string banner = "%%MatrixMarket matrix coordinate real general\n2 3 4\n";
  for (const std::string& body :
       {std::string("1 1 0.5\n1 3 2\n2 2 1.5\n2 3 -1\n"), std::string("2 3 -1\n1 1 0.5\n2 2 1.5\n1 3 2\n"),
        std::string("1 3 2\n1 1 0.5\n2 2 1.5\n2 3 -1\n")}) {
    testing::write_text(dir / "B.mtx", banner + body);
    const LoadedMatrix m = load_matrix(dir / "B.mtx");
    ASSERT_EQ(m.matrix.nonZeros(), 4) << body;
    EXPECT_EQ(m.matrix.coeff(0, 0), 0.5) << body;
    EXPECT_EQ(m.matrix.coeff(0, 2), 2.0) << body;
    EXPECT_EQ(m.matrix.coeff(1, 1), 1.5) << body;
    EXPECT_EQ(m.matrix.coeff(1, 2), -1.0) << body;
  }
  testing::write_text(dir / "B.mtx",
                      "%%MatrixMarket matrix coordinate real general\n2 3 3\n1 1 0.5\n2 2 1\n1 1 0.25\n");
  const LoadedMatrix dup = load_matrix(dir / "B.mtx");
  EXPECT_EQ(dup.matrix.coeff(0, 0), 0.75);
  EXPECT_EQ(dup.matrix.coeff(1, 1), 1.0);
}

// Saving refuses bad paths, mismatched sizes and non-finite values, leaving no file behind.
TEST(MatrixIo, SaveRefusesBadInput) {
  TempDir dir;
  Small s;
  EXPECT_THROW(save_matrix(dir / "S.csv", s.m, s.v, s.ids), ConfigError);
  EXPECT_THROW(save_matrix(dir / "S.mtx", s.m, s.v, {"only one"}), ConfigError);
  s.m.coeffRef(1, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(save_matrix(dir / "S.mtx", s.m, s.v, s.ids), DataError);
  EXPECT_THROW(save_matrix(dir / "nowhere" / "S.mtx", Small().m, s.v, s.ids), IoError);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// A vocabulary file: a terms.tsv (escapes undone) or one term per line.
TEST(MatrixIo, LoadVocabularyFiles) {
  TempDir dir;
  Small s;
  save_matrix(dir / "S.mtx", s.m, s.v, s.ids);
  EXPECT_EQ(load_vocabulary((dir / "S.terms.tsv").string()), s.v.terms());
  testing::write_text(dir / "v.txt", "of the\n ab \n\nzz\r\n");
  EXPECT_EQ(load_vocabulary((dir / "v.txt").string()), (std::vector<std::string>{"of the", " ab ", "zz"}));
  testing::write_text(dir / "dup.txt", "a\nb\na\n");
  EXPECT_THROW(load_vocabulary((dir / "dup.txt").string()), ConfigError);
  testing::write_text(dir / "empty.txt", "\n\n");
  EXPECT_THROW(load_vocabulary((dir / "empty.txt").string()), DataError);
  EXPECT_THROW(load_vocabulary((dir / "missing.txt").string()), IoError);
}

}  // namespace
}  // namespace stylokit::features
