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

#include "solver_impl.hpp"

namespace logreg {
namespace {

constexpr double kRiseTolerance = 1e-6;

class GradientDescent final : public IterativeSolver {
 public:
  GradientDescent(Objective& f, const Vector& theta, const Options& o) : f_(f), alpha_(o.learning_rate) {
    if (f.l1() > 0) throw std::invalid_argument("solver 'gd' does not support an l1 penalty; use 'lbfgs'");
    theta_ = theta;
    evaluate();
    keep_best();
  }

  bool step() override {
    if (diverged_) return false;  // finished: θ is the best point, as run() left it
    xt::noalias(theta_) -= alpha_ * grad_;  // θ ← θ − α∇f(θ)
    step_size_ = alpha_;
    ++iterations_;
    evaluate();
    // A rise beyond evaluation noise, or a non-finite value: the step is too large.
    if (!std::isfinite(loss_) || !std::isfinite(gradient_norm_) ||
        loss_ > best_loss_ + kRiseTolerance * std::fabs(best_loss_)) {
      theta_ = best_;
      loss_ = best_loss_;
      grad_ = best_grad_;
      gradient_norm_ = xt::amax(xt::abs(grad_))();
      diverged_ = true;
      return false;
    }
    if (loss_ <= best_loss_) keep_best();
    return true;
  }

 private:
  void evaluate() {
    loss_ = f_.value_gradient(theta_, grad_);
    gradient_norm_ = xt::amax(xt::abs(grad_))();
  }
  void keep_best() {
    best_ = theta_;
    best_grad_ = grad_;
    best_loss_ = loss_;
  }

  Objective& f_;
  double alpha_;
  Vector best_, best_grad_;
  double best_loss_ = INFINITY;
};

}  // namespace

std::unique_ptr<IterativeSolver> detail::make_gradient_descent(Objective& f, const Vector& theta,
                                                               const Options& o) {
  return std::make_unique<GradientDescent>(f, theta, o);
}

}  // namespace logreg
