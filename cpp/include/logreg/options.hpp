// SPDX-License-Identifier: MIT
// Training options, validated before any computation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace logreg {

/// @brief The optimizer. Every solver stops when ‖∇F‖∞ ≤ tolerance (for an L1 penalty the
/// minimum-norm subgradient), so their answers are comparable.
enum class Solver {
  /// Chosen by a cost model (plan_auto, model.hpp; costs in multiply-adds over X, n rows,
  /// m parameters, K = 1 block for two classes): a gradient pass g ≈ n·K·(m/K + 10); a Newton
  /// iteration g + H + m³/3 with the Hessian H ≈ n·m²/4 (two classes) or 2·n·m² (multinomial);
  /// Newton needs ~8 iterations, L-BFGS ~10 + 2√κ at 1.2 g each, κ a lower bound on the
  /// condition of [X 1]ᵀ[X 1] from the column means and deviations (1 with standardize).
  /// The cheaper expected run starts (Newton also whenever its run is ≤ 10⁷, ~10 ms, where
  /// per-iteration overheads dominate). L-BFGS switches to Newton from where it stands once it
  /// has spent Newton's whole expected cost (or stops short of the tolerance): at most about
  /// twice the better choice, also when κ is hidden in correlated columns. 'lbfgs' only (no
  /// switch) with l1 > 0, loss 'squared', or more than kMaxNewtonParameters (500) parameters.
  /// FitReport::solver names the solver that finished, lbfgs_iterations the switch.
  automatic,
  gd,         ///< gradient descent with the fixed step learning_rate
  sgd,        ///< minibatch stochastic gradient descent
  newton,     ///< Newton / IRLS with a backtracking line search (≤ 500 parameters)
  lbfgs,      ///< limited-memory BFGS (OWL-QN with an L1 penalty), Wolfe line search
};

/// @brief The loss minimised: the cross-entropy (the model), or the squared error of σ(z)
/// (binary only, for comparison in lessons: not convex, not for use).
enum class Loss { log, squared };

/// @brief SGD learning-rate schedules.
enum class Schedule { constant, inverse };

/// @brief Options of LogisticModel. Error messages use the JavaScript names
/// (learningRate, …) because that is the name every user of the package sees.
struct Options {
  /// Step size α of gradient descent: w ← w − α∇w J. Finite, > 0.
  double learning_rate = 0.1;
  /// Upper bound on the number of updates. ≥ 1 and ≤ 100,000,000.
  std::size_t max_iterations = 10000;
  /// Stop when ‖(∇w J, ∂J/∂b)‖∞ ≤ tolerance. Finite, ≥ 0. With row weights the solvers work
  /// on F / c, c the mean weight (same optimum; scaling every weight changes nothing), so the
  /// test is ‖∇F‖∞ ≤ tolerance · c and learning_rate is a step on F / c.
  double tolerance = 1e-6;
  /// Fit the intercept b; when false b stays 0.
  bool fit_intercept = true;
  /// The loss minimised.
  Loss loss = Loss::log;
  /// Keep a copy of the weights (original units) of every iteration in the history.
  bool record_weights = false;
  /// The optimizer.
  Solver solver = Solver::automatic;
  /// Penalties on the weights (never the intercepts), mean form of MATH.md:
  /// F = J + (l2/2)‖w‖² + l1‖w‖₁. scikit-learn's C maps to l2 = 1/(C·n); its elastic net
  /// (C, l1_ratio ρ) to l2 = (1 − ρ)/(C·n), l1 = ρ/(C·n). Finite, ≥ 0.
  double l2 = 0;
  double l1 = 0;
  /// Fit on z-scored features (population std, like scikit-learn's StandardScaler) without
  /// copying X; the penalty applies to the standardized weights. Without an intercept,
  /// features are scaled but not centred.
  bool standardize = false;
  /// Start from the current parameters (when they fit the data's shape) instead of zero.
  bool warm_start = false;
  /// Per-class weights multiplying each row's weight (empty: all 1), or 'balanced':
  /// n / (k · n_c) as scikit-learn defines it.
  std::vector<double> class_weight;
  bool class_weight_balanced = false;
  /// SGD: rows per minibatch. ≥ 1 (capped at n).
  std::size_t batch_size = 32;
  /// SGD: seed of the row shuffles.
  std::uint64_t seed = 0;
  /// SGD: learning-rate schedule; τ of the inverse decay α / (1 + t/τ).
  Schedule schedule = Schedule::constant;
  double decay_steps = 1000;
  /// L-BFGS: the number of (s, y) pairs kept. 1 to 1000.
  std::size_t history_size = 10;
};

/// @brief Throws std::invalid_argument naming the first bad option and its value.
void validate(const Options& options);

/// @brief The solver's name as the JS API spells it: "auto", "gd", "sgd", "newton", "lbfgs".
const char* solver_name(Solver solver);

/// @brief The solver called `name` (a name of solver_name); throws std::invalid_argument
/// listing the valid names otherwise.
Solver solver_from_name(const std::string& name);

}  // namespace logreg
