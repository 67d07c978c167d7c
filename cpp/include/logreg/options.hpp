// SPDX-License-Identifier: MIT
// Training options, validated before any computation.
#pragma once

#include <cstddef>

namespace logreg {

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
};

/// @brief Throws std::invalid_argument naming the first bad option and its value.
void validate(const Options& options);

}  // namespace logreg
