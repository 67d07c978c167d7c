// SPDX-License-Identifier: MIT
// The binary logistic regression model: validate, fit, predict.
#pragma once

#include <cstddef>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"
#include "logreg/objective.hpp"
#include "logreg/options.hpp"
#include "logreg/solvers.hpp"

namespace logreg {

using FitReport = SolverReport;

/// @brief ŷ = σ(Xw + b) with labels y ∈ {0, 1}.
///
/// Every method validates its input first and throws std::invalid_argument (bad data or
/// options, the message names the row, column and value) or std::logic_error (called
/// before fit); nothing is modified when it throws.
class LogisticModel {
 public:
  explicit LogisticModel(const Options& options = Options{});

  const Options& options() const { return options_; }
  void set_options(const Options& options);
  /// @brief The gradient kernel (tests and benchmarks compare them).
  void set_kernel(Kernel kernel) { kernel_ = kernel; }

  /// @brief Minimises J(w, b) from the current parameters (zeros before the first fit).
  FitReport fit(const MatrixView& X, const std::vector<double>& y);

  std::vector<double> decision_function(const MatrixView& X) const;  ///< z = Xw + b
  std::vector<double> predict_proba(const MatrixView& X) const;      ///< σ(z)
  /// @brief 1 where σ(z) ≥ threshold, else 0. threshold in [0, 1].
  std::vector<double> predict(const MatrixView& X, double threshold = 0.5) const;
  /// @brief J(w, b) on (X, y) at the current parameters.
  double loss(const MatrixView& X, const std::vector<double>& y) const;
  /// @brief (∇w J, ∂J/∂b) on (X, y) at the current parameters: d + 1 values.
  std::vector<double> gradient(const MatrixView& X, const std::vector<double>& y) const;

  bool fitted() const { return fitted_; }
  std::size_t n_features() const { return coef_.size(); }
  const Vector& coefficients() const { return coef_; }
  double intercept() const { return intercept_; }
  /// @brief Sets w and b (model loading); marks the model fitted.
  void set_parameters(const std::vector<double>& coefficients, double intercept);

 private:
  void require_fitted(const char* method) const;
  void check_features(const MatrixView& X, const char* method) const;

  Options options_;
  Kernel kernel_ = default_kernel();
  Vector coef_;
  double intercept_ = 0;
  bool fitted_ = false;
};

/// @brief Throws std::invalid_argument unless X is non-empty, finite, and (when y is given)
/// y has X.rows labels, each 0 or 1. Messages name row and column (1-based) and the value.
void validate_data(const MatrixView& X, const std::vector<double>* y, const char* method);

}  // namespace logreg
