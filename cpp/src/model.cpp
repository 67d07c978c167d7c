// SPDX-License-Identifier: MIT
#include <cmath>
#include <sstream>
#include <stdexcept>

#include <xtensor/xadapt.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "logreg/math.hpp"
#include "logreg/model.hpp"

namespace logreg {

void validate_data(const MatrixView& X, const std::vector<double>* y, const char* method) {
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
  if (!y) return;
  if (y->size() != X.rows) {
    msg << "X has " << X.rows << " rows but y has " << y->size() << " labels";
    throw std::invalid_argument(msg.str());
  }
  for (std::size_t i = 0; i < y->size(); ++i) {
    const double v = (*y)[i];
    if (v != 0.0 && v != 1.0) {
      msg << "y must be 0 or 1, got " << v << " at row " << i + 1;
      throw std::invalid_argument(msg.str());
    }
  }
}

LogisticModel::LogisticModel(const Options& options) { set_options(options); }

void LogisticModel::set_options(const Options& options) {
  validate(options);
  options_ = options;
}

void LogisticModel::require_fitted(const char* method) const {
  if (!fitted_)
    throw std::logic_error(std::string(method) + ": the model is not fitted yet; call fit first");
}

void LogisticModel::check_features(const MatrixView& X, const char* method) const {
  if (X.cols != coef_.size()) {
    std::ostringstream msg;
    msg << method << ": X has " << X.cols << " columns but the model was fitted with "
        << coef_.size();
    throw std::invalid_argument(msg.str());
  }
}

FitReport LogisticModel::fit(const MatrixView& X, const std::vector<double>& y) {
  validate_data(X, &y, "fit");
  std::size_t positives = 0;
  for (double v : y) positives += v == 1.0;
  if (positives == 0 || positives == y.size()) {
    throw std::invalid_argument(std::string("fit: y contains only class ") +
                                (positives ? "1" : "0") +
                                "; logistic regression needs both classes");
  }
  const std::size_t d = X.cols;
  // Start from the current parameters when they fit this data (warm start), else from zero.
  Vector theta = xt::zeros<double>({d + 1});
  if (fitted_ && coef_.size() == d) {
    for (std::size_t j = 0; j < d; ++j) theta(j) = coef_(j);
    theta(d) = options_.fit_intercept ? intercept_ : 0.0;
  }
  if (!options_.fit_intercept) theta = xt::view(theta, xt::range(0, d));
  LogLoss objective(X, y.data(), options_.fit_intercept, kernel_);
  FitReport report = gradient_descent(objective, theta, options_);
  coef_ = xt::view(theta, xt::range(0, d));
  intercept_ = options_.fit_intercept ? theta(d) : 0.0;
  fitted_ = true;
  return report;
}

std::vector<double> LogisticModel::decision_function(const MatrixView& X) const {
  require_fitted("decisionFunction");
  validate_data(X, nullptr, "decisionFunction");
  check_features(X, "decisionFunction");
  std::vector<double> z(X.rows);
  logreg::decision_function(kernel_, X, coef_.data(), intercept_, z.data());
  return z;
}

std::vector<double> LogisticModel::predict_proba(const MatrixView& X) const {
  std::vector<double> p = decision_function(X);
  for (double& v : p) v = sigmoid(v);
  return p;
}

std::vector<double> LogisticModel::predict(const MatrixView& X, double threshold) const {
  if (!(threshold >= 0 && threshold <= 1)) {
    std::ostringstream msg;
    msg << "predict: threshold must be in [0, 1], got " << threshold;
    throw std::invalid_argument(msg.str());
  }
  std::vector<double> p = predict_proba(X);
  for (double& v : p) v = v >= threshold ? 1.0 : 0.0;
  return p;
}

double LogisticModel::loss(const MatrixView& X, const std::vector<double>& y) const {
  require_fitted("loss");
  validate_data(X, &y, "loss");
  check_features(X, "loss");
  std::vector<double> grad(X.cols + 1);
  return loss_gradient(kernel_, X, y.data(), nullptr, coef_.data(), intercept_, grad.data()) /
         double(X.rows);
}

std::vector<double> LogisticModel::gradient(const MatrixView& X,
                                            const std::vector<double>& y) const {
  require_fitted("gradient");
  validate_data(X, &y, "gradient");
  check_features(X, "gradient");
  std::vector<double> grad(X.cols + 1);
  loss_gradient(kernel_, X, y.data(), nullptr, coef_.data(), intercept_, grad.data());
  for (double& g : grad) g /= double(X.rows);
  return grad;
}

void LogisticModel::set_parameters(const std::vector<double>& coefficients, double intercept) {
  if (coefficients.empty()) throw std::invalid_argument("setParameters: no coefficients");
  for (std::size_t j = 0; j < coefficients.size(); ++j)
    if (!std::isfinite(coefficients[j])) {
      std::ostringstream msg;
      msg << "setParameters: coefficient " << j + 1 << " is not finite (" << coefficients[j] << ")";
      throw std::invalid_argument(msg.str());
    }
  if (!std::isfinite(intercept)) throw std::invalid_argument("setParameters: intercept is not finite");
  coef_ = xt::adapt(coefficients, {coefficients.size()});
  intercept_ = intercept;
  fitted_ = true;
}

}  // namespace logreg
