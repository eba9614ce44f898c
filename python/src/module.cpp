// stylokit._core: the Python front end's C++ half. Like the CLI, it only binds options to the
// pipeline layer's config structs (toolkit/pipeline/config.h) and calls its steps
// (toolkit/pipeline/steps.h); the scikit-learn-style classes and the docstrings users read are
// in python/stylokit/__init__.py. Arrays are handed to NumPy without a second copy: a result
// owned by a heap object is exposed through a capsule that frees it with the last array.
//
// Errors: the library's exceptions become Python's with the library's one-line message:
// ConfigError → ValueError, DataError → ValueError (the input is not usable as given),
// IoError → OSError, InternalError → RuntimeError.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/experiment/experiment.h"
#include "toolkit/features/options.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/similarity/topk.h"

namespace py = pybind11;
namespace pl = stylokit::pipeline;
namespace f = stylokit::features;

namespace {

using stylokit::Corpus;
using stylokit::DocTermMatrix;

// A vector handed to NumPy without copying: moved into a heap object the capsule owns.
template <typename T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* owner = new std::vector<T>(std::move(values));
  py::capsule free_owner(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owner->size()), owner->data(), free_owner);
}

// A dense Eigen matrix (column-major) as an n × m NumPy array, without copying.
py::array_t<double> to_numpy(Eigen::MatrixXd&& m) {
  auto* owner = new Eigen::MatrixXd(std::move(m));
  py::capsule free_owner(owner, [](void* p) { delete static_cast<Eigen::MatrixXd*>(p); });
  const auto s = static_cast<py::ssize_t>(sizeof(double));
  return py::array_t<double>({static_cast<py::ssize_t>(owner->rows()), static_cast<py::ssize_t>(owner->cols())},
                             {s, s * static_cast<py::ssize_t>(owner->rows())}, owner->data(), free_owner);
}

// CSR arrays in the index type scipy.sparse would choose (int32 when every index fits), so
// that csr_matrix((data, indices, indptr), copy=False) keeps them: the values are handed over
// as they are, the indices converted once.
py::tuple csr_arrays(DocTermMatrix&& m) {
  m.makeCompressed();
  const auto rows = static_cast<size_t>(m.rows());
  const auto nnz = static_cast<size_t>(m.nonZeros());
  std::vector<double> data(m.valuePtr(), m.valuePtr() + nnz);
  const bool small = static_cast<uint64_t>(std::max<int64_t>(nnz, m.cols())) < (uint64_t{1} << 31);
  py::object indices, indptr;
  if (small) {
    std::vector<int32_t> ix(m.innerIndexPtr(), m.innerIndexPtr() + nnz);
    std::vector<int32_t> ip(m.outerIndexPtr(), m.outerIndexPtr() + rows + 1);
    indices = to_numpy(std::move(ix));
    indptr = to_numpy(std::move(ip));
  } else {
    indices = to_numpy(std::vector<int64_t>(m.innerIndexPtr(), m.innerIndexPtr() + nnz));
    indptr = to_numpy(std::vector<int64_t>(m.outerIndexPtr(), m.outerIndexPtr() + rows + 1));
  }
  const auto cols = m.cols();
  m = DocTermMatrix();
  return py::make_tuple(to_numpy(std::move(data)), indices, indptr, py::make_tuple(rows, cols));
}

// Texts held in memory as a corpus: document i is texts[i], id ids[i].
Corpus corpus_of(const std::vector<std::string>& ids, const std::vector<std::string>& texts) {
  STYLOKIT_CHECK(ids.size() == texts.size(), stylokit::ConfigError, "ids: {} ids for {} texts", ids.size(),
                 texts.size());
  Corpus c;
  c.origin = "<memory>";
  c.documents.resize(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    auto& d = c.documents[i];
    d.id = ids[i];
    d.source = ids[i];
    d.raw = texts[i];
    stylokit::ByteRange all;
    all.end = d.raw.size();
    d.kept = {all};
  }
  return c;
}

// The [text] options from their names (the TOML keys).
stylokit::text::TextOptions text_options(const py::dict& o) {
  stylokit::text::TextOptions t;
  if (o.contains("normalize")) t.normalization = pl::parse_normalization(o["normalize"].cast<std::string>());
  if (o.contains("case")) t.case_mapping = pl::parse_case_mapping(o["case"].cast<std::string>());
  if (o.contains("unify_punctuation")) t.unify_punctuation = o["unify_punctuation"].cast<bool>();
  if (o.contains("punctuation")) t.keep_punctuation = o["punctuation"].cast<bool>();
  if (o.contains("numbers")) t.keep_numbers = o["numbers"].cast<bool>();
  if (o.contains("locale")) t.locale = o["locale"].cast<std::string>();
  return t;
}

// [features] from a dict keyed by FeaturesConfig's field names.
pl::FeaturesConfig features_config(const py::dict& o) {
  pl::FeaturesConfig c;
  auto str = [&](const char* key, std::string& field) {
    if (o.contains(key)) field = o[key].cast<std::string>();
  };
  str("analyzer", c.analyzer);
  if (o.contains("ngram_min")) c.ngram_min = o["ngram_min"].cast<int>();
  if (o.contains("ngram_max")) c.ngram_max = o["ngram_max"].cast<int>();
  str("tokenizer", c.tokenizer);
  str("tf", c.tf);
  str("idf", c.idf);
  str("norm", c.norm);
  str("min_df", c.min_df);
  str("max_df", c.max_df);
  if (o.contains("max_features")) c.max_features = o["max_features"].cast<size_t>();
  str("stop_words", c.stop_words);
  str("language", c.language);
  if (o.contains("preserve_case")) c.preserve_case = o["preserve_case"].cast<bool>();
  str("splitting_rule", c.splitting_rule);
  str("token_pattern", c.token_pattern);
  return c;
}

pl::MfwConfig mfw_config(const py::dict& o) {
  pl::MfwConfig c;
  if (o.contains("mfw")) c.mfw = o["mfw"].cast<size_t>();
  if (o.contains("start_at")) c.start_at = o["start_at"].cast<size_t>();
  if (o.contains("culling")) c.culling = o["culling"].cast<double>();
  if (o.contains("mfw_features")) c.mfw_features = o["mfw_features"].cast<std::string>();
  if (o.contains("delete_words")) c.delete_words = o["delete_words"].cast<std::string>();
  if (o.contains("delete_pronouns")) c.delete_pronouns = o["delete_pronouns"].cast<bool>();
  if (o.contains("features_file")) c.features_file = o["features_file"].cast<std::string>();
  if (o.contains("frequency_table")) c.frequency_table = o["frequency_table"].cast<std::string>();
  return c;
}

int threads_of(int threads) {
  STYLOKIT_CHECK(threads >= 0, stylokit::ConfigError, "threads: must not be negative, got {}", threads);
  return stylokit::resolve_thread_count(threads);
}

// A loaded corpus held by Python; its documents are shared by every later call.
struct PyCorpus {
  pl::LoadedCorpus loaded;
};

// An MFW table held by Python (the input of distances()).
struct PyMfw {
  pl::MfwResult result;
};

// The document-term matrix: CSR arrays, the terms and their document frequencies.
py::tuple vectorize(const std::vector<std::string>& texts, const py::dict& features, const py::dict& text,
                    const std::optional<std::vector<std::string>>& vocabulary,
                    const std::optional<std::vector<std::string>>& stop_words, int threads) {
  const pl::FeaturesConfig fc = features_config(features);
  const auto to = text_options(text);
  const int t = threads_of(threads);
  f::VectorizerOptions vo = pl::vectorizer_options(fc, to, t);
  if (vocabulary) vo.vocabulary = *vocabulary;
  if (stop_words) vo.stop_words = *stop_words;
  std::vector<std::string> ids(texts.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = std::to_string(i);
  f::Vectorized v;
  {
    py::gil_scoped_release release;
    const Corpus corpus = corpus_of(ids, texts);
    v = f::vectorize(corpus, vo);
  }
  std::vector<int64_t> dfs = v.vocabulary.dfs();
  std::vector<std::string> terms = v.vocabulary.terms();
  py::tuple csr = csr_arrays(std::move(v.matrix));
  return py::make_tuple(csr, terms, to_numpy(std::move(dfs)));
}

PyCorpus load_corpus(const pl::CorpusConfig& config) {
  py::gil_scoped_release release;
  return PyCorpus{pl::load_corpus(config)};
}

PyCorpus corpus_from_texts(const std::vector<std::string>& ids, const std::vector<std::string>& texts) {
  PyCorpus c;
  c.loaded.corpus = corpus_of(ids, texts);
  return c;
}

PyMfw mfw_table(const PyCorpus* corpus, const py::dict& mfw, const py::dict& features, const py::dict& text,
                int threads) {
  const pl::MfwConfig mc = mfw_config(mfw);
  const pl::FeaturesConfig fc = features_config(features);
  const auto to = text_options(text);
  const int t = threads_of(threads);
  py::gil_scoped_release release;
  pl::validate(mc);
  return PyMfw{pl::mfw_table(mc, corpus ? &corpus->loaded.corpus : nullptr, to, fc, t)};
}

// The similarity or distance matrix `stylokit similarity` writes, as (ids, values, measure
// direction, warnings). An MFW table when given; otherwise the corpus (an MFW table made
// from it for the Delta family, its document-term matrix for cosine and Jaccard).
py::tuple similarity(const PyCorpus* corpus, const PyMfw* table, const std::string& measure, const std::string& variant,
                     const py::dict& mfw, bool mfw_given, const py::dict& features, const py::dict& text, int threads) {
  pl::SimilarityConfig sc;
  sc.measure = measure;
  sc.variant = variant;
  sc.mfw = mfw_config(mfw);
  sc.mfw_given = mfw_given || table != nullptr;
  const pl::FeaturesConfig fc = features_config(features);
  const auto to = text_options(text);
  const int t = threads_of(threads);
  pl::SimilarityResult r;
  {
    py::gil_scoped_release release;
    const bool use_table = pl::uses_mfw_table(sc);
    if (table) {
      r = pl::similarity_on_table(table->result, sc, t);
    } else if (use_table) {
      pl::validate(sc.mfw);
      const pl::MfwResult m = pl::mfw_table(sc.mfw, corpus ? &corpus->loaded.corpus : nullptr, to, fc, t);
      r = pl::similarity_on_table(m, sc, t);
    } else {
      STYLOKIT_CHECK(corpus != nullptr, stylokit::ConfigError, "measure: {} needs a corpus", measure);
      const f::VectorizerOptions vo = pl::vectorizer_options(fc, to, t);
      f::Vectorized v = f::vectorize(corpus->loaded.corpus, vo);
      v.matrix.makeCompressed();
      r = pl::similarity_on_matrix(v.matrix, v.doc_ids, sc, pl::Json::object(), t);
    }
  }
  const bool closer = stylokit::similarity::larger_is_closer(r.measure);
  std::vector<std::string> ids = r.ids;
  std::vector<std::string> warnings = r.warnings;
  return py::make_tuple(ids, to_numpy(std::move(r.values)), closer, warnings);
}

// SciPy's linkage matrix: (n - 1) × 4 rows [left, right, height, size].
py::array_t<double> linkage(const py::array_t<double, py::array::c_style | py::array::forcecast>& d,
                            const std::string& method) {
  const auto m = stylokit::cluster::parse_method(method, "method");
  stylokit::cluster::CondensedDistances cd;
  if (d.ndim() == 2) {
    STYLOKIT_CHECK(d.shape(0) == d.shape(1), stylokit::DataError, "D: a distance matrix must be square, got {} x {}",
                   d.shape(0), d.shape(1));
    Eigen::MatrixXd dense(d.shape(0), d.shape(1));
    for (py::ssize_t i = 0; i < d.shape(0); ++i)
      for (py::ssize_t j = 0; j < d.shape(1); ++j) dense(i, j) = d.at(i, j);
    cd = stylokit::cluster::condensed_from_dense(dense, "D");
  } else {
    STYLOKIT_CHECK(d.ndim() == 1, stylokit::DataError, "D: a square matrix or a condensed vector, got {} dimensions",
                   d.ndim());
    const auto len = static_cast<size_t>(d.shape(0));
    size_t n = 2;
    while (n * (n - 1) / 2 < len) ++n;
    STYLOKIT_CHECK(n * (n - 1) / 2 == len, stylokit::DataError, "D: a condensed vector has n(n-1)/2 values, got {}",
                   len);
    cd = stylokit::cluster::CondensedDistances(n, std::vector<double>(d.data(), d.data() + len));
    stylokit::cluster::validate(cd, "D");
  }
  stylokit::cluster::Linkage z;
  {
    py::gil_scoped_release release;
    z = stylokit::cluster::linkage(std::move(cd), m);
  }
  py::array_t<double> out({static_cast<py::ssize_t>(z.merges.size()), py::ssize_t{4}});
  auto w = out.mutable_unchecked<2>();
  for (size_t i = 0; i < z.merges.size(); ++i) {
    const auto& mg = z.merges[i];
    w(i, 0) = static_cast<double>(mg.left);
    w(i, 1) = static_cast<double>(mg.right);
    w(i, 2) = mg.height;
    w(i, 3) = static_cast<double>(mg.size);
  }
  return out;
}

// Top-k cosine neighbours on the corpus's document-term matrix: (ids, index n × k, score n × k).
py::tuple top_k(const PyCorpus& corpus, size_t k, const py::dict& features, const py::dict& text, int threads) {
  const pl::FeaturesConfig fc = features_config(features);
  const auto to = text_options(text);
  const int t = threads_of(threads);
  stylokit::similarity::TopKResult r;
  std::vector<std::string> ids;
  {
    py::gil_scoped_release release;
    const f::VectorizerOptions vo = pl::vectorizer_options(fc, to, t);
    f::Vectorized v = f::vectorize(corpus.loaded.corpus, vo);
    v.matrix.makeCompressed();
    stylokit::similarity::TopKOptions o;
    o.k = k;
    o.threads = t;
    r = stylokit::similarity::top_k(v.matrix, o);
    ids = v.doc_ids;
  }
  std::vector<int64_t> index(r.neighbors.size());
  std::vector<double> score(r.neighbors.size());
  for (size_t i = 0; i < r.neighbors.size(); ++i) {
    index[i] = r.neighbors[i].index;
    score[i] = r.neighbors[i].score;
  }
  py::array_t<int64_t> ia = to_numpy(std::move(index));
  py::array_t<double> sa = to_numpy(std::move(score));
  const auto shape = std::vector<py::ssize_t>{static_cast<py::ssize_t>(r.rows), static_cast<py::ssize_t>(r.per_row)};
  return py::make_tuple(ids, ia.reshape(shape), sa.reshape(shape));
}

// The phrases CSV `stylokit phrases` writes (the Python side reads it into a table).
std::string phrases(const PyCorpus& corpus, const pl::PhrasesConfig& config, const py::dict& text, int threads) {
  const auto to = text_options(text);
  const int t = threads_of(threads);
  py::gil_scoped_release release;
  pl::validate(config);
  pl::TokenizedCorpus tokenized = pl::tokenize(corpus.loaded.corpus, to, t);
  const auto ranked = pl::find_phrases(tokenized, config, to, false);
  return stylokit::phrases::phrases_csv(tokenized.tokens, ranked);
}

// Runs an experiment file as `stylokit run` does: (run folder, summary lines, warnings).
py::tuple run(const std::filesystem::path& toml, const std::filesystem::path& out, int threads, bool force) {
  stylokit::experiment::RunOptions o;
  o.out = out;
  o.threads = threads_of(threads);
  o.force = force;
  stylokit::experiment::RunSummary r;
  {
    py::gil_scoped_release release;
    r = stylokit::experiment::run_experiment(toml, o);
  }
  return py::make_tuple(r.folder, r.lines, r.warnings);
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "stylokit's C++ core; use the stylokit package.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const stylokit::IoError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const stylokit::ConfigError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const stylokit::DataError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const stylokit::InternalError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });

  py::class_<pl::CorpusConfig>(m, "CorpusConfig")
      .def(py::init<>())
      .def_readwrite("path", &pl::CorpusConfig::path)
      .def_readwrite("format", &pl::CorpusConfig::format)
      .def_readwrite("metadata", &pl::CorpusConfig::metadata)
      .def_readwrite("clean", &pl::CorpusConfig::clean)
      .def_readwrite("on_bad_input", &pl::CorpusConfig::on_bad_input)
      .def_readwrite("extension", &pl::CorpusConfig::extension)
      .def_readwrite("id_column", &pl::CorpusConfig::id_column)
      .def_readwrite("text_column", &pl::CorpusConfig::text_column)
      .def_readwrite("encoding", &pl::CorpusConfig::encoding)
      .def_readwrite("markup", &pl::CorpusConfig::markup);

  py::class_<pl::PhrasesConfig>(m, "PhrasesConfig")
      .def(py::init<>())
      .def_readwrite("min_len", &pl::PhrasesConfig::min_len)
      .def_readwrite("max_len", &pl::PhrasesConfig::max_len)
      .def_readwrite("min_docs", &pl::PhrasesConfig::min_docs)
      .def_readwrite("min_count", &pl::PhrasesConfig::min_count)
      .def_readwrite("split_sentences", &pl::PhrasesConfig::split_sentences)
      .def_readwrite("skip_stop_only", &pl::PhrasesConfig::skip_stop_only)
      .def_readwrite("stop_words", &pl::PhrasesConfig::stop_words)
      .def_readwrite("sort", &pl::PhrasesConfig::sort)
      .def_readwrite("kwic_window", &pl::PhrasesConfig::kwic_window);

  py::class_<PyCorpus>(m, "CorpusHandle")
      .def_property_readonly("ids", [](const PyCorpus& c) { return c.loaded.corpus.ids(); })
      .def_property_readonly("texts",
                             [](const PyCorpus& c) {
                               std::vector<std::string> t;
                               for (const auto& d : c.loaded.corpus.documents) t.push_back(d.text());
                               return t;
                             })
      .def_property_readonly("metadata_columns", [](const PyCorpus& c) { return c.loaded.corpus.metadata_columns; })
      .def_property_readonly("metadata",
                             [](const PyCorpus& c) {
                               std::vector<std::map<std::string, std::string>> rows;
                               for (const auto& d : c.loaded.corpus.documents) rows.push_back(d.metadata);
                               return rows;
                             })
      .def_property_readonly("warnings", [](const PyCorpus& c) { return c.loaded.warnings; });

  py::class_<PyMfw>(m, "MfwHandle")
      .def_property_readonly("words", [](const PyMfw& t) { return t.result.table.words; })
      .def_property_readonly("doc_ids", [](const PyMfw& t) { return t.result.table.doc_ids; })
      .def_property_readonly("relative",
                             [](const PyMfw& t) { return to_numpy(Eigen::MatrixXd(t.result.table.relative)); })
      .def_property_readonly("zscores",
                             [](const PyMfw& t) { return to_numpy(Eigen::MatrixXd(t.result.table.zscores)); })
      .def_property_readonly("warnings", [](const PyMfw& t) { return t.result.warnings; });

  m.attr("DATA_FROM_MODULE") = STYLOKIT_DATA_FROM_MODULE;
  m.attr("SOURCE_DATA_DIR") = STYLOKIT_SOURCE_DATA_DIR;
  m.attr("MODULE_BUILD_DIR") = STYLOKIT_MODULE_BUILD_DIR;
  m.def("vectorize", &vectorize, py::arg("texts"), py::arg("features"), py::arg("text"), py::arg("vocabulary"),
        py::arg("stop_words"), py::arg("threads"));
  m.def("load_corpus", &load_corpus, py::arg("config"));
  m.def("corpus_from_texts", &corpus_from_texts, py::arg("ids"), py::arg("texts"));
  m.def("mfw_table", &mfw_table, py::arg("corpus").none(true), py::arg("mfw"), py::arg("features"), py::arg("text"),
        py::arg("threads"));
  m.def("similarity", &similarity, py::arg("corpus").none(true), py::arg("table").none(true), py::arg("measure"),
        py::arg("variant"), py::arg("mfw"), py::arg("mfw_given"), py::arg("features"), py::arg("text"),
        py::arg("threads"));
  m.def("linkage", &linkage, py::arg("D"), py::arg("method"));
  m.def("top_k", &top_k, py::arg("corpus"), py::arg("k"), py::arg("features"), py::arg("text"), py::arg("threads"));
  m.def("run", &run, py::arg("toml"), py::arg("out"), py::arg("threads"), py::arg("force"));
  m.def("phrases", &phrases, py::arg("corpus"), py::arg("config"), py::arg("text"), py::arg("threads"));
}
