// SPDX-License-Identifier: MIT
#include "logreg/model.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>

#include "logreg/math.hpp"

namespace logreg {

namespace {

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

// Softmax of one row of k scores in place (max subtracted).
void softmax_row(double* z, std::size_t k) {
  const double m = *std::max_element(z, z + k);
  double sum = 0;
  for (std::size_t c = 0; c < k; ++c) sum += (z[c] = std::exp(z[c] - m));
  for (std::size_t c = 0; c < k; ++c) z[c] /= sum;
}

// Population mean and standard deviation of each column (as scikit-learn's StandardScaler),
// two-pass for accuracy. A constant column gets scale 1 and is listed.
void column_moments(const MatrixView& X, std::vector<double>& mean, std::vector<double>& scale,
                    std::vector<std::size_t>& constant) {
  const std::size_t n = X.rows, d = X.cols;
  mean.assign(d, 0.0);
  scale.assign(d, 0.0);
  constant.clear();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) mean[j] += X.at(i, j);
  for (double& m : mean) m /= double(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const double c = X.at(i, j) - mean[j];
      scale[j] += c * c;
    }
  for (std::size_t j = 0; j < d; ++j) {
    scale[j] = std::sqrt(scale[j] / double(n));
    // Constant up to rounding: relative to the column's magnitude.
    if (!(scale[j] > 1e-12 * std::max(1.0, std::fabs(mean[j])))) {
      constant.push_back(j);
      scale[j] = 1.0;
    }
  }
}

// Complete separation: a hyperplane with every row strictly on its own class's side, i.e.
// (2yᵢ − 1) zᵢ > 0 for all i. Then the log-likelihood has no maximum (scale w up forever).
bool separates(const std::vector<double>& z, const std::vector<double>& y) {
  for (std::size_t i = 0; i < y.size(); ++i)
    if ((y[i] == 1.0) ? !(z[i] > 0) : !(z[i] < 0)) return false;
  return true;
}

const char* solver_name(Solver s) {
  switch (s) {
    case Solver::automatic: return "auto";
    case Solver::gd: return "gd";
    case Solver::sgd: return "sgd";
    case Solver::newton: return "newton";
    case Solver::lbfgs: return "lbfgs";
  }
  return "?";
}

}  // namespace

void validate_data(const MatrixView& X, const char* method) {
  std::ostringstream msg;
  msg << method << ": ";
  if (X.rows == 0 || X.cols == 0) {
    msg << "X is empty (" << X.rows << " rows, " << X.cols << " columns)";
    throw std::invalid_argument(msg.str());
  }
  for (std::size_t i = 0; i < X.rows; ++i)
    for (std::size_t j = 0; j < X.cols; ++j) {
      const double v = X.at(i, j);
      if (!std::isfinite(v)) {
        msg << "X has a non-finite value " << v << " at row " << i + 1 << ", column " << j + 1;
        throw std::invalid_argument(msg.str());
      }
    }
}

Solver resolve_solver(const Options& options, std::size_t n_parameters) {
  if (options.solver != Solver::automatic) return options.solver;
  if (options.l1 > 0 || n_parameters > 200) return Solver::lbfgs;
  return Solver::newton;
}

LogisticModel::LogisticModel(const Options& options) { set_options(options); }

void LogisticModel::set_options(const Options& options) {
  validate(options);
  options_ = options;
}

void LogisticModel::require_fitted(const char* method) const {
  if (!fitted())
    throw std::logic_error(std::string(method) + ": the model is not fitted yet; call fit first");
}

void LogisticModel::check_features(const MatrixView& X, const char* method) const {
  if (X.cols != n_features_) {
    std::ostringstream msg;
    msg << method << ": X has " << X.cols << " columns but the model was fitted with "
        << n_features_;
    throw std::invalid_argument(msg.str());
  }
}

// Labels are class indices; returns k = max + 1 (at least 2).
std::size_t LogisticModel::check_labels(const MatrixView& X, const std::vector<double>& y,
                                        const char* method) const {
  std::ostringstream msg;
  msg << method << ": ";
  if (y.size() != X.rows) {
    msg << "X has " << X.rows << " rows but y has " << y.size() << " labels";
    throw std::invalid_argument(msg.str());
  }
  double top = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double v = y[i];
    if (!(v >= 0 && v == std::floor(v) && v < 1e6)) {
      msg << "y must hold class indices 0, 1, 2, …, got " << v << " at row " << i + 1;
      throw std::invalid_argument(msg.str());
    }
    top = std::max(top, v);
  }
  return std::max<std::size_t>(2, std::size_t(top) + 1);
}

FitReport LogisticModel::fit(const MatrixView& X, const std::vector<double>& y,
                             const std::vector<double>* sample_weight) {
  validate_data(X, "fit");
  const std::size_t n = X.rows, d = X.cols, k = check_labels(X, y, "fit");
  std::vector<std::size_t> counts(k, 0);
  for (double v : y) ++counts[std::size_t(v)];
  for (std::size_t c = 0; c < k; ++c)
    if (counts[c] == 0) {
      std::ostringstream msg;
      if (k == 2)
        msg << "fit: y contains only class " << (c == 0 ? 1 : 0)
            << "; logistic regression needs both classes";
      else
        msg << "fit: class " << c << " has no rows (labels must be 0 … " << k - 1 << ", each present)";
      throw std::invalid_argument(msg.str());
    }
  if (!options_.class_weight.empty() && options_.class_weight.size() != k) {
    std::ostringstream msg;
    msg << "fit: classWeight has " << options_.class_weight.size() << " entries but y has " << k
        << " classes";
    throw std::invalid_argument(msg.str());
  }

  // Row weights sᵢ = sample_weightᵢ × class_weight[yᵢ]; 'balanced' is n / (k · n_c) as in
  // scikit-learn (from the unweighted class counts).
  std::vector<double> weights;
  const bool weighted = sample_weight || options_.class_weight_balanced || !options_.class_weight.empty();
  if (sample_weight) {
    if (sample_weight->size() != n) {
      std::ostringstream msg;
      msg << "fit: X has " << n << " rows but sampleWeight has " << sample_weight->size() << " values";
      throw std::invalid_argument(msg.str());
    }
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double s = (*sample_weight)[i];
      if (!(std::isfinite(s) && s >= 0)) {
        std::ostringstream msg;
        msg << "fit: sampleWeight must be finite and >= 0, got " << s << " at row " << i + 1;
        throw std::invalid_argument(msg.str());
      }
      total += s;
    }
    if (!(total > 0)) throw std::invalid_argument("fit: sampleWeight is zero for every row");
  }
  if (weighted) {
    weights.assign(n, 1.0);
    std::vector<double> cw(k, 1.0);
    if (options_.class_weight_balanced)
      for (std::size_t c = 0; c < k; ++c) cw[c] = double(n) / (double(k) * double(counts[c]));
    else if (!options_.class_weight.empty())
      cw = options_.class_weight;
    for (std::size_t i = 0; i < n; ++i)
      weights[i] = (sample_weight ? (*sample_weight)[i] : 1.0) * cw[std::size_t(y[i])];
  }
  const double* s = weighted ? weights.data() : nullptr;

  FitReport report;
  std::vector<double> mean, scale;
  column_moments(X, mean, scale, report.constant_columns);

  // The objective: binary or multinomial loss on raw X, wrapped to standardized coordinates.
  const Penalty penalty{options_.l2, options_.l1};
  const bool penalized = penalty.l2 > 0 || penalty.l1 > 0;
  const bool standardize = options_.standardize;
  const Penalty inner_penalty = standardize ? Penalty{} : penalty;
  std::unique_ptr<Objective> loss;
  const std::size_t blocks = k == 2 ? 1 : (penalized ? k : k - 1);
  if (k == 2)
    loss = std::make_unique<LogLoss>(X, y.data(), options_.fit_intercept, kernel_, s, inner_penalty);
  else
    loss = std::make_unique<SoftmaxLoss>(X, y.data(), k, options_.fit_intercept, !penalized, s,
                                         inner_penalty);
  std::unique_ptr<Standardized> wrapped;
  if (standardize) {
    std::vector<double> solver_scale = scale;  // 0 marks the constant columns for the objective
    for (std::size_t j : report.constant_columns) solver_scale[j] = 0.0;
    wrapped = std::make_unique<Standardized>(*loss, X, s, mean, solver_scale, blocks,
                                             options_.fit_intercept, penalty);
  }
  Objective& objective = standardize ? static_cast<Objective&>(*wrapped) : *loss;
  const std::size_t m = objective.dim();

  // The parameters the solver works on, from the current ones with warm_start.
  const std::size_t out = k == 2 ? 1 : k, offset = out - blocks;
  Vector theta = xt::zeros<double>({m});
  if (options_.warm_start && fitted() && n_classes_ == k && n_features_ == d) {
    Vector raw = xt::zeros<double>({m});
    for (std::size_t q = 0; q < blocks; ++q) {
      for (std::size_t j = 0; j < d; ++j) raw(q * d + j) = coef_[(q + offset) * d + j];
      if (options_.fit_intercept) raw(blocks * d + q) = intercept_[q + offset];
    }
    if (standardize)
      wrapped->to_standardized(raw, theta);
    else
      theta = raw;
  }

  // Watch for complete separation (unpenalized binary fits) at iterations 1, 2, 4, 8, …:
  // once a separating hyperplane is found the optimum provably does not exist, so stop.
  std::vector<double> z(n);
  Vector raw_theta;
  auto raw_params = [&](const Vector& t) -> const Vector& {
    if (standardize) {
      wrapped->to_raw(t, raw_theta);
      return raw_theta;
    }
    return t;
  };
  auto scores = [&](const Vector& t) {
    const Vector& r = raw_params(t);
    logreg::decision_function(kernel_, X, r.data(), options_.fit_intercept ? r(d) : 0.0, z.data());
  };
  const bool watch_separation = k == 2 && !penalized;
  bool separated = false;
  IterationCallback callback;
  if (watch_separation)
    callback = [&](const IterationInfo& info) {
      if ((info.iteration & (info.iteration - 1)) != 0) return true;
      scores(*info.theta);
      separated = separates(z, y);
      return !separated;
    };

  report.solver = resolve_solver(options_, m);
  if (report.solver == Solver::newton && penalty.l1 > 0)
    throw std::invalid_argument("option l1 needs solver 'lbfgs' or 'auto' (got 'newton')");
  if ((report.solver == Solver::gd || report.solver == Solver::sgd) && penalty.l1 > 0)
    throw std::invalid_argument(std::string("option l1 needs solver 'lbfgs' or 'auto' (got '") +
                                solver_name(report.solver) + "')");
  SolverReport r;
  switch (report.solver) {
    case Solver::gd: r = gradient_descent(objective, theta, options_, callback); break;
    case Solver::sgd: r = sgd(objective, theta, options_, callback); break;
    case Solver::newton: r = newton(objective, theta, options_, callback); break;
    default: r = lbfgs(objective, theta, options_, callback); break;
  }
  report.iterations = r.iterations;
  report.converged = r.converged;
  report.loss = r.loss;
  report.gradient_norm = r.gradient_norm;
  if (watch_separation && !separated) {
    scores(theta);
    separated = separates(z, y);
  }

  // Store the parameters in both unit systems (class 0 rows zero when it is the reference).
  n_classes_ = k;
  n_features_ = d;
  auto unpack = [&](const Vector& t, std::vector<double>& W, std::vector<double>& b) {
    W.assign(out * d, 0.0);
    b.assign(out, 0.0);
    for (std::size_t q = 0; q < blocks; ++q) {
      for (std::size_t j = 0; j < d; ++j) W[(q + offset) * d + j] = t(q * d + j);
      if (options_.fit_intercept) b[q + offset] = t(blocks * d + q);
    }
  };
  unpack(theta, std_coef_, std_intercept_);
  unpack(raw_params(theta), coef_, intercept_);
  mean_ = standardize ? mean : std::vector<double>{};
  scale_ = standardize ? scale : std::vector<double>{};

  // Problems, reported in plain words.
  if (separated) {
    report.converged = false;
    report.warnings.push_back(
        {"separation",
         "complete separation: a hyperplane separates the two classes perfectly, so the "
         "unpenalized maximum-likelihood estimate does not exist (the weights grow without bound "
         "and the loss tends to 0). The returned weights separate the data but their size is "
         "arbitrary. Add an L2 penalty (e.g. l2: 1e-3), or remove the separating features."});
  } else if (watch_separation && report.converged) {
    std::size_t extreme = 0;
    scores(theta);
    for (std::size_t i = 0; i < n; ++i)
      if (std::fabs(z[i]) > 30 && ((z[i] > 0) == (y[i] == 1.0))) ++extreme;
    if (extreme > 0)
      report.warnings.push_back(
          {"quasi-separation",
           std::to_string(extreme) +
               " rows are fitted with probability within 1e-13 of their label: this usually "
               "means quasi-complete separation, where the unpenalized estimate does not exist "
               "and some weights are only limited by the tolerance. Consider an L2 penalty."});
  }
  if (r.diverged) {
    const double L = objective.lipschitz_bound();
    report.warnings.push_back(
        {"diverged", std::string("solver '") + solver_name(report.solver) +
                         "' diverged: the loss rose with learningRate " + fmt(options_.learning_rate) +
                         ", so training stopped and the best parameters seen were kept. Use "
                         "learningRate <= " + fmt(1 / L) + " (1/L, with L = ‖[X 1]‖²/(4n) the "
                         "Lipschitz bound of the gradient), or solver 'auto'."});
  } else if (!report.converged && !separated && !r.stopped) {
    report.warnings.push_back(
        {"not-converged", "did not converge in " + std::to_string(r.iterations) +
                              " iterations (gradient norm " + fmt(r.gradient_norm) +
                              " > tolerance " + fmt(options_.tolerance) +
                              "): raise maxIterations, set standardize: true, or use solver 'auto'."});
  }
  if (!report.constant_columns.empty()) {
    std::string cols;
    for (std::size_t j : report.constant_columns)
      cols += (cols.empty() ? "" : ", ") + std::to_string(j + 1);
    report.warnings.push_back(
        {"constant-columns",
         "column" + std::string(report.constant_columns.size() > 1 ? "s " : " ") + cols +
             (report.constant_columns.size() > 1 ? " are" : " is") +
             " constant: with an intercept such a coefficient is not identified (it stays at its "
             "start value). Consider dropping it."});
  }
  return report;
}

std::vector<double> LogisticModel::decision_function(const MatrixView& X) const {
  require_fitted("decisionFunction");
  validate_data(X, "decisionFunction");
  check_features(X, "decisionFunction");
  const std::size_t out = n_outputs();
  std::vector<double> z(X.rows * out);
  if (out == 1)
    logreg::decision_function(kernel_, X, coef_.data(), intercept_[0], z.data());
  else
    softmax_scores(X, out, coef_.data(), intercept_.data(), z.data());
  return z;
}

std::vector<double> LogisticModel::predict_proba(const MatrixView& X) const {
  require_fitted("predictProba");
  std::vector<double> p = decision_function(X);
  const std::size_t out = n_outputs();
  if (out == 1)
    for (double& v : p) v = sigmoid(v);
  else
    for (std::size_t i = 0; i < X.rows; ++i) softmax_row(p.data() + i * out, out);
  return p;
}

std::vector<double> LogisticModel::predict(const MatrixView& X, double threshold) const {
  if (!(threshold >= 0 && threshold <= 1)) {
    std::ostringstream msg;
    msg << "predict: threshold must be in [0, 1], got " << threshold;
    throw std::invalid_argument(msg.str());
  }
  require_fitted("predict");
  if (n_classes_ > 2 && threshold != 0.5)
    throw std::invalid_argument("predict: a threshold applies to binary models only");
  std::vector<double> p = predict_proba(X);
  const std::size_t out = n_outputs();
  if (out == 1) {
    for (double& v : p) v = v >= threshold ? 1.0 : 0.0;
    return p;
  }
  std::vector<double> labels(X.rows);
  for (std::size_t i = 0; i < X.rows; ++i) {
    const double* row = p.data() + i * out;
    labels[i] = double(std::max_element(row, row + out) - row);
  }
  return labels;
}

double LogisticModel::loss(const MatrixView& X, const std::vector<double>& y) const {
  require_fitted("loss");
  validate_data(X, "loss");
  check_features(X, "loss");
  if (check_labels(X, y, "loss") > n_classes_)
    throw std::invalid_argument("loss: y has a class index beyond the model's " +
                                std::to_string(n_classes_) + " classes");
  const std::size_t out = n_outputs();
  std::vector<double> grad(out * (X.cols + 1));
  const double sum = out == 1 ? loss_gradient(kernel_, X, y.data(), nullptr, coef_.data(),
                                              intercept_[0], grad.data())
                              : softmax_loss_gradient(X, y.data(), out, nullptr, coef_.data(),
                                                      intercept_.data(), grad.data());
  return sum / double(X.rows);
}

std::vector<double> LogisticModel::gradient(const MatrixView& X, const std::vector<double>& y) const {
  require_fitted("gradient");
  validate_data(X, "gradient");
  check_features(X, "gradient");
  if (check_labels(X, y, "gradient") > n_classes_)
    throw std::invalid_argument("gradient: y has a class index beyond the model's " +
                                std::to_string(n_classes_) + " classes");
  const std::size_t out = n_outputs();
  std::vector<double> grad(out * (X.cols + 1));
  if (out == 1)
    loss_gradient(kernel_, X, y.data(), nullptr, coef_.data(), intercept_[0], grad.data());
  else
    softmax_loss_gradient(X, y.data(), out, nullptr, coef_.data(), intercept_.data(), grad.data());
  for (double& g : grad) g /= double(X.rows);
  return grad;
}

void LogisticModel::set_parameters(const std::vector<double>& coefficients,
                                   const std::vector<double>& intercepts, std::size_t n_classes) {
  if (n_classes < 2) throw std::invalid_argument("setParameters: at least 2 classes are needed");
  const std::size_t out = n_classes == 2 ? 1 : n_classes;
  if (intercepts.size() != out || coefficients.empty() || coefficients.size() % out != 0) {
    std::ostringstream msg;
    msg << "setParameters: " << n_classes << " classes need " << out << " intercept(s) and "
        << out << " × d coefficients, got " << intercepts.size() << " and " << coefficients.size();
    throw std::invalid_argument(msg.str());
  }
  for (std::size_t j = 0; j < coefficients.size(); ++j)
    if (!std::isfinite(coefficients[j])) {
      std::ostringstream msg;
      msg << "setParameters: coefficient " << j + 1 << " is not finite (" << coefficients[j] << ")";
      throw std::invalid_argument(msg.str());
    }
  for (double b : intercepts)
    if (!std::isfinite(b)) throw std::invalid_argument("setParameters: intercept is not finite");
  n_classes_ = n_classes;
  n_features_ = coefficients.size() / out;
  coef_ = std_coef_ = coefficients;
  intercept_ = std_intercept_ = intercepts;
  mean_.clear();
  scale_.clear();
}

}  // namespace logreg
