// SPDX-License-Identifier: MIT
// Training options, validated before any computation.
#pragma once

#include <cstddef>
#include <cstdint>

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

/// @brief SGD learning-rate schedules.
enum class Schedule { constant, inverse };

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

}  // namespace logreg
