// SPDX-License-Identifier: MIT
// Minibatch stochastic gradient descent:
//   minimise f(θ) = (1/n) Σᵢ sᵢ ℓᵢ(θ) + (λ₂/2)‖w‖² with steps on minibatch estimates,
//   g_B = (1/|B|) Σ_{i∈B} sᵢ ∇ℓᵢ(θ) + λ₂w,   θ ← θ − αₜ g_B,
// where each epoch visits every row once in a seeded random order and αₜ = α (constant) or
// α / (1 + t/τ) (inverse decay, t = updates so far), the Robbins–Monro form of MATH.md.
// After each epoch the full gradient decides convergence (‖∇f‖∞ ≤ tolerance) and the full loss
// watches for divergence (non-finite, or a rise of more than 10 % over the best epoch): then we
// stop and return the best θ seen.
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

#include "logreg/solvers.hpp"
#include "random.hpp"

namespace logreg {

SolverReport sgd(Objective& objective, Vector& theta, const Options& options,
                 const IterationCallback& callback) {
  if (objective.l1() > 0)
    throw std::invalid_argument("solver 'sgd' does not support an l1 penalty; use 'lbfgs'");
  const std::size_t n = objective.rows();
  const std::size_t batch = std::min(options.batch_size, n);
  detail::SplitMix64 rng(options.seed);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});

  SolverReport report;
  Vector grad(Vector::shape_type{objective.dim()});
  report.loss = objective.value_gradient(theta, grad);
  report.gradient_norm = xt::amax(xt::abs(grad))();
  if (report.gradient_norm <= options.tolerance) {
    report.converged = true;
    return report;
  }
  Vector best = theta;
  double best_loss = report.loss, best_norm = report.gradient_norm;
  std::size_t t = 0;  // updates so far
  double alpha = options.learning_rate;
  for (std::size_t epoch = 1; epoch <= options.max_iterations; ++epoch) {
    rng.shuffle(order.data(), n);
    for (std::size_t start = 0; start < n; start += batch) {
      const std::size_t count = std::min(batch, n - start);
      objective.batch_value_gradient(theta, order.data() + start, count, grad);
      alpha = options.schedule == Schedule::inverse
                  ? options.learning_rate / (1.0 + double(t) / options.decay_steps)
                  : options.learning_rate;
      xt::noalias(theta) -= alpha * grad;  // θ ← θ − αₜ g_B
      ++t;
    }
    const double loss = objective.value_gradient(theta, grad);
    const double norm = xt::amax(xt::abs(grad))();
    report.iterations = epoch;
    if (!std::isfinite(loss) || !std::isfinite(norm) ||
        loss > best_loss + 0.1 * std::fabs(best_loss)) {
      theta = best;
      report.loss = best_loss;
      report.gradient_norm = best_norm;
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
    if (callback && !callback(IterationInfo{epoch, loss, norm, alpha, &theta})) {
      report.stopped = true;
      break;
    }
    if (norm <= options.tolerance) {
      report.converged = true;
      break;
    }
  }
  return report;
}

}  // namespace logreg
