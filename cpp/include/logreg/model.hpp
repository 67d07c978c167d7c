// SPDX-License-Identifier: MIT
// The logistic regression model: validate, fit, predict — binary and multinomial.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"
#include "logreg/objective.hpp"
#include "logreg/options.hpp"
#include "logreg/solvers.hpp"

namespace logreg {

/// @brief A problem found while fitting, with plain advice. Codes: "not-converged", "diverged",
/// "separation", "quasi-separation", "constant-columns".
struct Warning {
  std::string code;
  std::string message;
};

/// @brief What fit reports.
struct FitReport {
  std::size_t iterations = 0;  ///< solver iterations (epochs for sgd)
  bool converged = false;      ///< ‖∇F‖∞ ≤ tolerance at the returned parameters
  double loss = 0;             ///< the minimised objective F (penalty and weights included)
  double gradient_norm = 0;    ///< ‖∇F‖∞ (the L1 pseudo-gradient with an l1 penalty)
  Solver solver = Solver::gd;  ///< the solver that ran ('automatic' resolved)
  std::vector<Warning> warnings;
  std::vector<std::size_t> constant_columns;  ///< 0-based indices of constant features
};

/// @brief ŷ = σ(Xw + b) for two classes, softmax(XWᵀ + b) for k ≥ 3.
///
/// Labels are class indices 0 … k−1 (the JavaScript layer maps the user's labels to them);
/// k = 2 fits the binary model (one weight vector), k ≥ 3 the multinomial one (k weight
/// vectors; without a penalty class 0 is the reference, its parameters fixed at 0).
/// Every method validates its input first and throws std::invalid_argument (bad data or
/// options, the message names the row, column and value) or std::logic_error (called before
/// fit); nothing is modified when it throws.
class LogisticModel {
 public:
  explicit LogisticModel(const Options& options = Options{});

  const Options& options() const { return options_; }
  void set_options(const Options& options);
  /// @brief The gradient kernel (tests and benchmarks compare them).
  void set_kernel(Kernel kernel) { kernel_ = kernel; }

  /// @brief Minimises F = mean weighted loss + penalty. sample_weight: n non-negative finite
  /// weights or null. Starts from zero, or from the current parameters with warm_start.
  FitReport fit(const MatrixView& X, const std::vector<double>& y,
                const std::vector<double>* sample_weight = nullptr);

  /// @brief Scores, n × n_outputs() row-major: z = Xw + b (binary), Z = XWᵀ + b (k classes).
  std::vector<double> decision_function(const MatrixView& X) const;
  /// @brief Binary: P(y = 1), n values. k classes: P(y = c), n × k row-major.
  std::vector<double> predict_proba(const MatrixView& X) const;
  /// @brief Class indices: binary 1 where P(y = 1) ≥ threshold (in [0, 1]); k classes the
  /// most probable class (threshold must be 0.5, the default).
  std::vector<double> predict(const MatrixView& X, double threshold = 0.5) const;
  /// @brief The textbook cost J = −(1/n) Σ log P(yᵢ | xᵢ) at the current parameters
  /// (no weights, no penalty).
  double loss(const MatrixView& X, const std::vector<double>& y) const;
  /// @brief ∇J in original units: the n_outputs() × d weight gradients, then n_outputs()
  /// intercept gradients (binary: ∇w J then ∂J/∂b).
  std::vector<double> gradient(const MatrixView& X, const std::vector<double>& y) const;

  bool fitted() const { return n_classes_ != 0; }
  std::size_t n_features() const { return n_features_; }
  std::size_t n_classes() const { return n_classes_; }
  /// @brief 1 for a binary model, k for a multinomial one.
  std::size_t n_outputs() const { return n_classes_ == 2 ? 1 : n_classes_; }
  /// @brief Weights in original units, n_outputs() × d row-major (a copy).
  Vector coefficients() const { return as_vector(coef_); }
  /// @brief Intercepts in original units, n_outputs() values (a copy).
  Vector intercepts() const { return as_vector(intercept_); }
  /// @brief The binary model's intercept b (0 before fit).
  double intercept() const { return intercept_.empty() ? 0.0 : intercept_[0]; }
  /// @brief With standardize: the weights and intercepts the solver found, in standardized
  /// units (the penalty applies to these); otherwise equal to coefficients()/intercepts().
  Vector standardized_coefficients() const { return as_vector(std_coef_); }
  Vector standardized_intercepts() const { return as_vector(std_intercept_); }
  /// @brief The feature means and scales used by standardize (empty without it).
  Vector feature_mean() const { return as_vector(mean_); }
  Vector feature_scale() const { return as_vector(scale_); }

  /// @brief Sets the parameters (model loading): n_outputs(k) × d weights, n_outputs(k)
  /// intercepts, k ≥ 2 classes. Marks the model fitted.
  void set_parameters(const std::vector<double>& coefficients,
                      const std::vector<double>& intercepts, std::size_t n_classes);
  /// @brief Binary shorthand of set_parameters.
  void set_parameters(const std::vector<double>& coefficients, double intercept) {
    set_parameters(coefficients, std::vector<double>{intercept}, 2);
  }

 private:
  static Vector as_vector(const std::vector<double>& v) {
    Vector out(Vector::shape_type{v.size()});
    std::copy(v.begin(), v.end(), out.begin());
    return out;
  }
  void require_fitted(const char* method) const;
  void check_features(const MatrixView& X, const char* method) const;
  std::size_t check_labels(const MatrixView& X, const std::vector<double>& y, const char* method) const;

  Options options_;
  Kernel kernel_ = default_kernel();
  std::size_t n_classes_ = 0, n_features_ = 0;
  std::vector<double> coef_, intercept_, std_coef_, std_intercept_, mean_, scale_;
};

/// @brief Throws std::invalid_argument unless X is non-empty and finite. Messages name row
/// and column (1-based) and the value.
void validate_data(const MatrixView& X, const char* method);

/// @brief The solver 'automatic' stands for, for this problem: 'lbfgs' with an L1 penalty or
/// more than 200 parameters (Newton's Hessian would cost O(n·dim²) per step), else 'newton'
/// (insensitive to conditioning, a handful of iterations).
Solver resolve_solver(const Options& options, std::size_t n_parameters);

}  // namespace logreg
