// SPDX-License-Identifier: MIT
// Gradient descent with a fixed step α (the textbook update):
//   minimise J(θ) by θ ← θ − α ∇J(θ), stopping when ‖∇J(θ)‖∞ ≤ tolerance.
// For the log-loss, a constant α ≤ 1/L with L = ‖[X 1]‖₂² / (4n) converges (MATH.md).
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

#include "logreg/solvers.hpp"

namespace logreg {

SolverReport gradient_descent(Objective& objective, Vector& theta, const Options& options) {
  SolverReport report;
  Vector grad(Vector::shape_type{objective.dim()});
  const double alpha = options.learning_rate;
  for (std::size_t it = 0;; ++it) {
    report.loss = objective.value_gradient(theta, grad);
    report.gradient_norm = xt::amax(xt::abs(grad))();
    report.iterations = it;
    if (report.gradient_norm <= options.tolerance) {
      report.converged = true;
      break;
    }
    if (it == options.max_iterations) break;
    xt::noalias(theta) -= alpha * grad;  // θ ← θ − α∇J(θ)
  }
  return report;
}

}  // namespace logreg
