// SPDX-License-Identifier: MIT
// Gradient descent with a fixed step α (the textbook update):
//   minimise f(θ) by θ ← θ − α ∇f(θ), stopping when ‖∇f(θ)‖∞ ≤ tolerance.
// For the log-loss, a constant α ≤ 1/L with L = ‖[X 1]‖₂² / (4n) converges (MATH.md), and any
// α < 2/L decreases f at every step (descent lemma). So a rise of f means α is too large: we
// stop there, return the best θ seen, and report divergence rather than run off to infinity.
// "Rise" means more than 1e-6 relative: the float32 SIMD kernel evaluates f to ~1e-7, and a
// real divergence grows geometrically, so it passes that bar within a few steps anyway.
#include <cmath>
#include <stdexcept>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

#include "logreg/solvers.hpp"

namespace logreg {

namespace {
constexpr double kRiseTolerance = 1e-6;
}  // namespace

SolverReport gradient_descent(Objective& objective, Vector& theta, const Options& options,
                              const IterationCallback& callback) {
  if (objective.l1() > 0)
    throw std::invalid_argument("solver 'gd' does not support an l1 penalty; use 'lbfgs'");
  SolverReport report;
  Vector grad(Vector::shape_type{objective.dim()});
  Vector best = theta;
  double best_loss = INFINITY, best_norm = INFINITY;
  const double alpha = options.learning_rate;
  for (std::size_t it = 0;; ++it) {
    const double loss = objective.value_gradient(theta, grad);
    const double norm = xt::amax(xt::abs(grad))();
    // A rise beyond evaluation noise, or a non-finite value: the step is too large.
    if (!std::isfinite(loss) || !std::isfinite(norm) ||
        (it > 0 && loss > best_loss + kRiseTolerance * std::fabs(best_loss))) {
      theta = best;
      report.loss = best_loss;
      report.gradient_norm = best_norm;
      report.iterations = it;
      report.diverged = true;
      return report;
    }
    if (loss <= best_loss) {
      best = theta;
      best_loss = loss;
      best_norm = norm;
    }
    report.loss = loss;
    report.gradient_norm = norm;
    report.iterations = it;
    if (it > 0 && callback &&
        !callback(IterationInfo{it, loss, norm, alpha, &theta})) {
      report.stopped = true;
      break;
    }
    if (norm <= options.tolerance) {
      report.converged = true;
      break;
    }
    if (it == options.max_iterations) break;
    xt::noalias(theta) -= alpha * grad;  // θ ← θ − α∇f(θ)
  }
  return report;
}

}  // namespace logreg
