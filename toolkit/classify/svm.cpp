#include "toolkit/classify/svm.h"

#include <libsvm/svm.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"

namespace stylokit::classify {
namespace {

// libsvm prints its progress ("*", "optimization finished, #iter = ...") to stdout through one
// global function pointer. Set once, before any training; a magic static makes the write
// happen exactly once even when the first calls race.
void silence_libsvm() {
  static const bool silenced = [] {
    svm_set_print_string_function([](const char*) {});
    return true;
  }();
  (void)silenced;
}

struct ModelDeleter {
  void operator()(svm_model* m) const { svm_free_and_destroy_model(&m); }
};

void check_input(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                 const Eigen::MatrixXd& test) {
  STYLOKIT_CHECK(classes >= 0, DataError, "svm: {} classes", classes);
  STYLOKIT_CHECK(static_cast<size_t>(train.rows()) == train_class.size(), DataError,
                 "svm: {} training rows but {} class labels", train.rows(), train_class.size());
  STYLOKIT_CHECK(test.cols() == train.cols(), DataError, "svm: the test table has {} columns, the training table {}",
                 test.cols(), train.cols());
  for (size_t i = 0; i < train_class.size(); ++i)
    STYLOKIT_CHECK(train_class[i] >= 0 && train_class[i] < classes, DataError,
                   "svm: training row {} has class {}, outside 0..{}", i, train_class[i], classes - 1);
  STYLOKIT_CHECK(train.allFinite(), DataError, "svm: the training table has a value that is not a finite number");
  STYLOKIT_CHECK(test.allFinite(), DataError, "svm: the test table has a value that is not a finite number");
}

// R's scale(): the centre is colMeans (a long double sum divided by n), the scale
// sqrt(sum(centred^2) / (n - 1)) with R's long double sum (R src/main/summary.c rsum,
// src/library/base/R/scale.R). The same arithmetic as e1071 keeps the inputs to libsvm equal
// to stylo's to the last bit, and so its decision values.
void column_moments(const Eigen::MatrixXd& x, Eigen::Index j, double* centre, double* sd) {
  const Eigen::Index n = x.rows();
  long double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i) sum += x(i, j);
  *centre = static_cast<double>(sum / n);
  long double sq = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double c = x(i, j) - *centre;
    sq += static_cast<long double>(c) * c;
  }
  *sd = std::sqrt(static_cast<double>(sq) / static_cast<double>(std::max<Eigen::Index>(1, n - 1)));
}

// One row in libsvm's sparse form: 1-based column indices, zeros left out as e1071's
// sparsify() (src/Rsvm.c) does, then the -1 terminator.
void append_row(const Eigen::MatrixXd& x, Eigen::Index i, const std::vector<Eigen::Index>& cols,
                const std::vector<double>& centre, const std::vector<double>& scale, std::vector<svm_node>* nodes) {
  for (size_t k = 0; k < cols.size(); ++k) {
    const double v = (x(i, cols[k]) - centre[k]) / scale[k];
    if (v != 0) nodes->push_back({static_cast<int>(k) + 1, v});
  }
  nodes->push_back({-1, 0.0});
}

// The column of the machine (a, b), a < b, among the C (C - 1) / 2 in the order (0,1),
// (0,2), ..., (0,C-1), (1,2), ...
Eigen::Index pair_column(int a, int b, int classes) {
  return a * (2 * classes - a - 1) / 2 + (b - a - 1);
}

// libsvm's linear kernel (Kernel::dot in its svm.cpp): the products of the entries both rows
// hold, summed in index order in double, so that our kernel values are libsvm's to the bit.
double libsvm_dot(const svm_node* px, const svm_node* py) {
  double sum = 0;
  while (px->index != -1 && py->index != -1) {
    if (px->index == py->index) {
      sum += px->value * py->value;
      ++px;
      ++py;
    } else if (px->index > py->index) {
      ++py;
    } else {
      ++px;
    }
  }
  return sum;
}

// One trained pair: its support vectors (training rows), their coefficients (alpha * y) and
// the offset rho, in libsvm's order.
struct Machine {
  std::vector<size_t> rows;
  std::vector<double> coef;
  double rho = 0;
};

}  // namespace

Eigen::MatrixXd svm_linear_decision_values(const Eigen::MatrixXd& train, const std::vector<int>& train_class,
                                           int classes, const Eigen::MatrixXd& test, const SvmOptions& options) {
  STYLOKIT_CHECK(options.cost > 0, ConfigError, "cost: must be > 0, got {}", options.cost);
  STYLOKIT_CHECK(options.tolerance > 0, ConfigError, "tolerance: must be > 0, got {}", options.tolerance);
  check_input(train, train_class, classes, test);

  std::vector<int> members(static_cast<size_t>(classes), 0);
  for (int c : train_class) ++members[static_cast<size_t>(c)];
  int present = 0;
  for (int m : members) present += m > 0;
  STYLOKIT_CHECK(present >= 2, DataError, "svm: one class only in the training rows; a classifier needs two");

  // Columns kept, with their centre and scale (0 and 1 without scaling).
  std::vector<Eigen::Index> cols;
  std::vector<double> centre, scale;
  for (Eigen::Index j = 0; j < train.cols(); ++j) {
    double mean = 0, sd = 0;
    column_moments(train, j, &mean, &sd);
    if (!(sd > 0)) continue;
    cols.push_back(j);
    centre.push_back(options.scale ? mean : 0.0);
    scale.push_back(options.scale ? sd : 1.0);
  }
  STYLOKIT_CHECK(!cols.empty(), DataError, "svm: every column has zero variance in the training rows");

  const auto n = static_cast<size_t>(train.rows());
  std::vector<std::vector<svm_node>> train_nodes(n);
  for (size_t i = 0; i < n; ++i) append_row(train, static_cast<Eigen::Index>(i), cols, centre, scale, &train_nodes[i]);

  // libsvm's one-vs-one, one pair at a time so that the pairs train in parallel, with the
  // result of its own multi-class svm_train (svm.cpp): classes ordered by first appearance in
  // the rows (as e1071 hands them over), and for the pair (i, j) of that order the rows of i
  // then the rows of j, each in row order, i labelled +1. That is exactly the sub-problem
  // svm_train builds, so the solver takes the same path and gives the same machine.
  std::vector<int> order;  // present classes by first appearance
  std::vector<std::vector<size_t>> rows_of(static_cast<size_t>(classes));
  for (size_t i = 0; i < n; ++i) {
    auto& rows = rows_of[static_cast<size_t>(train_class[i])];
    if (rows.empty()) order.push_back(train_class[i]);
    rows.push_back(i);
  }
  std::vector<std::pair<int, int>> pairs;  // (i, j) in libsvm's order, i first
  for (size_t i = 0; i < order.size(); ++i)
    for (size_t j = i + 1; j < order.size(); ++j) pairs.emplace_back(order[i], order[j]);

  // e1071 svm.default's defaults for the arguments stylo does not pass.
  svm_parameter param{};
  param.svm_type = C_SVC;
  param.kernel_type = LINEAR;
  param.degree = 3;
  param.gamma = 1.0 / static_cast<double>(cols.size());
  param.coef0 = 0;
  param.cache_size = 40;
  param.eps = options.tolerance;
  param.C = options.cost;
  param.nr_weight = 0;
  param.weight_label = nullptr;
  param.weight = nullptr;
  param.nu = 0.5;
  param.p = 0.1;
  param.shrinking = 1;
  param.probability = 0;

  silence_libsvm();
  std::vector<Machine> machines(pairs.size());
  parallel_for(pairs.size(), options.threads, [&](size_t p) {
    const auto [first, second] = pairs[p];
    std::vector<size_t> rows = rows_of[static_cast<size_t>(first)];
    const auto& more = rows_of[static_cast<size_t>(second)];
    rows.insert(rows.end(), more.begin(), more.end());
    std::vector<svm_node*> x(rows.size());
    std::vector<double> y(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      x[r] = train_nodes[rows[r]].data();
      y[r] = train_class[rows[r]];
    }
    svm_problem problem{};
    problem.l = static_cast<int>(rows.size());
    problem.y = y.data();
    problem.x = x.data();
    if (const char* err = svm_check_parameter(&problem, &param))
      throw InternalError(fmt::format("svm: libsvm rejects its parameters: {}", err));
    const std::unique_ptr<svm_model, ModelDeleter> model(svm_train(&problem, &param));
    STYLOKIT_ASSERT(model != nullptr && model->nr_class == 2);
    int labels[2];
    svm_get_labels(model.get(), labels);
    STYLOKIT_ASSERT(labels[0] == first && labels[1] == second);
    // The machine as svm_predict_values evaluates it: sum over the support vectors in the
    // model's order of coef * K(x, sv), minus rho.
    std::vector<int> sv(static_cast<size_t>(model->l));
    svm_get_sv_indices(model.get(), sv.data());  // 1-based positions in `rows`
    Machine& m = machines[p];
    for (int k = 0; k < model->l; ++k) {
      m.rows.push_back(rows[static_cast<size_t>(sv[static_cast<size_t>(k)] - 1)]);
      m.coef.push_back(model->sv_coef[0][k]);
    }
    m.rho = model->rho[0];
  });

  // Each test row's kernel values with the training rows are computed once and shared by
  // every machine that has the row as a support vector, as libsvm's multi-class prediction
  // shares them.
  std::vector<char> is_sv(n, 0);
  for (const Machine& m : machines)
    for (size_t r : m.rows) is_sv[r] = 1;
  Eigen::MatrixXd out =
      Eigen::MatrixXd::Constant(test.rows(), classes * (classes - 1) / 2, std::numeric_limits<double>::quiet_NaN());
  const size_t workers = worker_count(static_cast<size_t>(test.rows()), options.threads);
  std::vector<std::vector<double>> kernel(workers, std::vector<double>(n));
  std::vector<std::vector<svm_node>> row(workers);
  parallel_for_workers(static_cast<size_t>(test.rows()), options.threads, [&](size_t t, size_t w) {
    row[w].clear();
    append_row(test, static_cast<Eigen::Index>(t), cols, centre, scale, &row[w]);
    for (size_t r = 0; r < n; ++r)
      if (is_sv[r]) kernel[w][r] = libsvm_dot(row[w].data(), train_nodes[r].data());
    for (size_t p = 0; p < pairs.size(); ++p) {
      const Machine& m = machines[p];
      double sum = 0;
      for (size_t k = 0; k < m.rows.size(); ++k) sum += m.coef[k] * kernel[w][m.rows[k]];
      sum -= m.rho;
      // Positive favours the pair's first class (libsvm votes for it when sum > 0; e1071
      // names the column "first/second"). Stored under (a, b), a < b, signed for a.
      const auto [first, second] = pairs[p];
      out(static_cast<Eigen::Index>(t), pair_column(std::min(first, second), std::max(first, second), classes)) =
          first < second ? sum : -sum;
    }
  });
  return out;
}

ClassScores svm_linear(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                       const Eigen::MatrixXd& test, const SvmOptions& options) {
  const Eigen::MatrixXd dec = svm_linear_decision_values(train, train_class, classes, test, options);
  std::vector<bool> present(static_cast<size_t>(classes), false);
  for (int c : train_class) present[static_cast<size_t>(c)] = true;
  const auto others = static_cast<long double>(std::count(present.begin(), present.end(), true) - 1);

  ClassScores out;
  out.scores.setConstant(test.rows(), classes, -std::numeric_limits<double>::infinity());
  out.predicted.resize(static_cast<size_t>(test.rows()));
  for (Eigen::Index t = 0; t < test.rows(); ++t) {
    // stylo's raw_scores: per class, the mean of its machines' values with the sign that
    // favours it (the decision-value matrix and its negation, averaged by column name with
    // R's rowMeans, a long double sum).
    for (int a = 0; a < classes; ++a) {
      if (!present[static_cast<size_t>(a)]) continue;
      long double sum = 0;
      for (int b = 0; b < classes; ++b) {
        if (b == a || !present[static_cast<size_t>(b)]) continue;
        sum += a < b ? dec(t, pair_column(a, b, classes)) : -dec(t, pair_column(b, a, classes));
      }
      out.scores(t, a) = static_cast<double>(sum / others);
    }
    out.predicted[static_cast<size_t>(t)] = rank_classes(out.scores.row(t)).front();
  }
  return out;
}

}  // namespace stylokit::classify
