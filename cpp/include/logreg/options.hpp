// SPDX-License-Identifier: MIT
// Training options, validated before any computation.
#pragma once

#include <cstddef>

namespace logreg {

/// @brief The optimizer. Every solver stops when ‖∇F‖∞ ≤ tolerance (for an L1 penalty the
/// minimum-norm subgradient), so their answers are comparable.
enum class Solver {
  automatic,  ///< chosen by the problem's size, penalty and conditioning
  gd,         ///< gradient descent with the fixed step learning_rate
  sgd,        ///< minibatch stochastic gradient descent
  newton,     ///< Newton / IRLS with a backtracking line search
  lbfgs,      ///< limited-memory BFGS (OWL-QN with an L1 penalty), Wolfe line search
};

/// @brief Options of LogisticModel. Error messages use the JavaScript names
/// (learningRate, …) because that is the name every user of the package sees.
struct Options {
  /// Step size α of gradient descent: w ← w − α∇w J. Finite, > 0.
  double learning_rate = 0.1;
  /// Upper bound on the number of updates. ≥ 1 and ≤ 100,000,000.
  std::size_t max_iterations = 1000;
  /// Stop when ‖(∇w J, ∂J/∂b)‖∞ ≤ tolerance. Finite, ≥ 0.
  double tolerance = 1e-6;
  /// Fit the intercept b; when false b stays 0.
  bool fit_intercept = true;
  /// The optimizer.
  Solver solver = Solver::gd;
  /// L-BFGS: the number of (s, y) pairs kept. 1 to 1000.
  std::size_t history_size = 10;
};

/// @brief Throws std::invalid_argument naming the first bad option and its value.
void validate(const Options& options);

}  // namespace logreg
