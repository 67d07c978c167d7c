// SPDX-License-Identifier: MIT
// The logistic regression model: validate, fit, predict — binary and multinomial.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
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
  Solver solver = Solver::gd;  ///< the solver that ran ('automatic' resolved: the last one)
  /// With 'automatic': the L-BFGS iterations run before switching to Newton (0: no switch;
  /// `iterations` counts both).
  std::size_t lbfgs_iterations = 0;
  std::vector<Warning> warnings;
  std::vector<std::size_t> constant_columns;  ///< 0-based indices of constant features
};

/// @brief One iteration of a fit, as the history keeps it.
struct IterationRecord {
  std::size_t iteration = 0;  ///< 0 for the starting point
  double loss = 0;            ///< F after the iteration
  double gradient_norm = 0;   ///< ‖∇F‖∞ after it
  double step_size = 0;       ///< α, or the line search's t (0 at the start)
};

/// @brief What one step() did. Vectors are in the solver's coordinates (standardized units
/// with standardize), laid out as θ: the outputs' weights row by row, then the intercepts.
struct StepResult {
  std::size_t iteration = 0;     ///< iterations of this training session so far
  bool moved = false;            ///< false: no progress was possible (or diverged: θ reset)
  bool converged = false;        ///< ‖∇F‖∞ ≤ tolerance after the step
  bool diverged = false;
  double loss_before = 0, loss_after = 0, gradient_norm = 0, step_size = 0;
  std::vector<double> gradient;  ///< ∇F at θ before the step
  std::vector<double> step;      ///< θ after − θ before
};

/// @brief Central finite differences of J against its analytic gradient (original units).
struct GradientCheck {
  std::vector<double> analytic, numeric, relative_error;
  double max_relative_error = 0;
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
  ~LogisticModel();
  LogisticModel(LogisticModel&&) noexcept;
  LogisticModel& operator=(LogisticModel&&) noexcept;

  const Options& options() const { return options_; }
  void set_options(const Options& options);
  /// @brief The gradient kernel (tests and benchmarks compare them).
  void set_kernel(Kernel kernel) { kernel_ = kernel; }

  /// @brief Minimises F = mean weighted loss + penalty. sample_weight: n non-negative finite
  /// weights or null. Starts from zero, or from the current parameters with warm_start.
  /// `callback`, if set, sees every iteration (θ in solver units) and can stop the fit.
  FitReport fit(const MatrixView& X, const std::vector<double>& y,
                const std::vector<double>* sample_weight = nullptr,
                const IterationCallback& callback = {});

  /// @brief Exactly one iteration of the chosen solver ('automatic' resolved as fit would).
  /// The first call (or a call with other data, or after fit/set_options/set_parameters)
  /// starts a training session from the current parameters (zero before any fit), holding a
  /// copy of the data; later calls with the same data continue it, so k steps from an
  /// unfitted model give exactly the parameters of fit with max_iterations = k.
  StepResult step(const MatrixView& X, const std::vector<double>& y,
                  const std::vector<double>* sample_weight = nullptr);

  /// @brief The last fit's (or step session's) iterations, the starting point first.
  const std::vector<IterationRecord>& history() const { return history_; }
  /// @brief With record_weights: n_outputs() × d weights and the intercepts of each history
  /// entry, flattened (original units).
  const std::vector<std::vector<double>>& weight_history() const { return weight_history_; }

  /// @brief ∂J/∂θⱼ by central differences, h = ε^(1/3)·max(1, |θⱼ|), against gradient().
  GradientCheck gradient_check(const MatrixView& X, const std::vector<double>& y) const;
  /// @brief J over a grid of two parameters (indices into θ = (weights row by row, then the
  /// intercepts), original units) with the others held at their current values: steps_i ×
  /// steps_j values row-major, parameter i along rows from lo_i to hi_i.
  std::vector<double> loss_surface(const MatrixView& X, const std::vector<double>& y,
                                   std::size_t i, double lo_i, double hi_i, std::size_t steps_i,
                                   std::size_t j, double lo_j, double hi_j, std::size_t steps_j) const;
  /// @brief 1/L for gradient descent on this data with these options, L the Lipschitz bound
  /// of ∇F (MATH.md: L = ‖[X 1]‖₂²/(4n) + λ₂ for the binary log-loss, by power iteration;
  /// /(2n) for k ≥ 3 classes). A fixed step of this size always converges.
  double suggested_learning_rate(const MatrixView& X, std::size_t n_classes = 2) const;

  /// @brief Scores, n × n_outputs() row-major: z = Xw + b (binary), Z = XWᵀ + b (k classes).
  /// `method` (here and below) is the name error messages start with: the caller's name.
  std::vector<double> decision_function(const MatrixView& X, const char* method = "decisionFunction") const;
  /// @brief Binary: P(y = 1), n values. k classes: P(y = c), n × k row-major.
  std::vector<double> predict_proba(const MatrixView& X, const char* method = "predictProba") const;
  /// @brief Class indices: binary 1 where P(y = 1) ≥ threshold (in [0, 1]); k classes the
  /// most probable class (threshold must be 0.5, the default).
  std::vector<double> predict(const MatrixView& X, double threshold = 0.5, const char* method = "predict") const;
  /// @brief The textbook cost J = −(1/n) Σ log P(yᵢ | xᵢ) at the current parameters
  /// (no weights, no penalty); with loss = squared, (1/2n) Σ (σ(zᵢ) − yᵢ)².
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
  struct Problem;
  struct Session;
  std::unique_ptr<Problem> make_problem(const MatrixView& X, const std::vector<double>& y,
                                        const std::vector<double>* sample_weight,
                                        const char* method) const;
  Vector start_point(const Problem& problem, bool from_current) const;
  std::unique_ptr<IterativeSolver> make_problem_solver(const Problem& problem, const Vector& theta) const;
  void store(const Problem& problem, const Vector& theta);
  void record(const Problem& problem, const Vector& theta, double loss, double gradient_norm,
              double step_size, std::size_t iteration);
  std::vector<double> parameters() const;  // θ in original units: weights, then intercepts
  double loss_at(const MatrixView& X, const std::vector<double>& y,
                 const std::vector<double>& params) const;
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
  std::vector<IterationRecord> history_;
  std::vector<std::vector<double>> weight_history_;
  std::unique_ptr<Session> session_;
};

/// @brief Throws std::invalid_argument unless X is non-empty and finite. Messages name row
/// and column (1-based) and the value.
void validate_data(const MatrixView& X, const char* method);

/// @brief What the solver 'automatic' runs for a problem (the rule: Solver::automatic in
/// options.hpp): the solver it starts with and, when that is L-BFGS, after how many L-BFGS
/// iterations it switches to Newton from where it is (0: never).
struct AutoPlan {
  Solver first = Solver::lbfgs;
  std::size_t newton_after = 0;
};

/// @brief A problem as 'auto' sees it.
struct ProblemShape {
  std::size_t rows = 0;        ///< n
  std::size_t parameters = 0;  ///< m, the length of θ
  std::size_t blocks = 1;      ///< 1 for two classes; the free classes of the multinomial loss
  double kappa_bound = 1;      ///< a lower bound on the condition of [X 1]ᵀ[X 1] (moment_condition_bound)
};

/// @brief The plan of 'auto' (options.solver is not consulted; options.l1 and options.loss are).
AutoPlan plan_auto(const Options& options, const ProblemShape& shape);

/// @brief A lower bound on the condition number of the second-moment matrix (1/n)[X 1]ᵀ[X 1]
/// ([X] alone without an intercept) from the column means μⱼ and population deviations σⱼ
/// only: the ratio of its largest to smallest diagonal entry μⱼ² + σⱼ² (and 1), and with an
/// intercept, for each column, the condition of the 2 × 2 block [[1, μⱼ], [μⱼ, μⱼ² + σⱼ²]]
/// (eigenvalues of a principal submatrix interlace). Columns with σⱼ = 0 are skipped.
double moment_condition_bound(const std::vector<double>& mean, const std::vector<double>& scale,
                              bool fit_intercept);

/// @brief Newton refuses problems with more parameters than this (its dense m × m system costs
/// m³/3 per iteration and its Hessian ~n·m²/2, ~m/2 gradient passes; one iteration cannot be
/// interrupted): 'lbfgs' then.
constexpr std::size_t kMaxNewtonParameters = 500;

namespace detail {
/// @brief fit's separation check on scores z within tau of decision_function's (labels y in
/// {0, 1}): 1 when every mᵢ = (2yᵢ − 1)zᵢ > 0 surely (complete separation), 0 when some row is
/// surely on the wrong side (mᵢ ≤ 0), −1 when neither can be told at that tau (exact with 0).
int separation_verdict(const std::vector<double>& z, const std::vector<double>& y, double tau);
/// @brief count = the rows with mᵢ > 30 (fitted within ~1e-13 of their label, the quasi-
/// separation warning); false, when some mᵢ is within tau of 30, says the count is unknown.
bool count_extreme(const std::vector<double>& z, const std::vector<double>& y, double tau,
                   std::size_t& count);
}  // namespace detail

}  // namespace logreg
