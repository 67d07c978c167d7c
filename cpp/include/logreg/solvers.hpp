// SPDX-License-Identifier: MIT
// Optimizers. Each sees only an Objective.
#pragma once

#include <cstddef>

#include "logreg/objective.hpp"
#include "logreg/options.hpp"

namespace logreg {

/// @brief What a solver reports about its run.
struct SolverReport {
  std::size_t iterations = 0;  ///< updates applied to θ
  bool converged = false;      ///< ‖∇J‖∞ ≤ tolerance at the returned θ
  double loss = 0;             ///< J at the returned θ
  double gradient_norm = 0;    ///< ‖∇J‖∞ at the returned θ
};

/// @brief Gradient descent with a fixed step: θ ← θ − α∇J(θ) until ‖∇J(θ)‖∞ ≤ tolerance
/// or max_iterations updates. θ is updated in place.
SolverReport gradient_descent(Objective& objective, Vector& theta, const Options& options);

}  // namespace logreg
