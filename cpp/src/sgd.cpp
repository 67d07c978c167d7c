// SPDX-License-Identifier: MIT
// Minibatch stochastic gradient descent:
//   minimise f(θ) = (1/n) Σᵢ sᵢ ℓᵢ(θ) + (λ₂/2)‖w‖² with steps on minibatch estimates,
//   g_B = (1/|B|) Σ_{i∈B} sᵢ ∇ℓᵢ(θ) + λ₂w,   θ ← θ − αₜ g_B,
// where each epoch visits every row once in a seeded random order and αₜ = α (constant) or
// α / (1 + t/τ) (inverse decay, t = updates so far), the Robbins–Monro form of MATH.md.
// One iteration is one epoch. After each, the full gradient decides convergence
// (‖∇f‖∞ ≤ tolerance) and the full loss watches for divergence (non-finite, or a rise of more
// than 10 % over the best epoch): then we stop and return the best θ seen.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

#include "random.hpp"
#include "solver_impl.hpp"

namespace logreg {
namespace {

class StochasticGradientDescent final : public IterativeSolver {
 public:
  StochasticGradientDescent(Objective& f, const Vector& theta, const Options& o)
      : f_(f), options_(o), batch_(std::min(o.batch_size, f.rows())), rng_(o.seed), order_(f.rows()) {
    if (f.l1() > 0) throw std::invalid_argument("solver 'sgd' does not support an l1 penalty; use 'lbfgs'");
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    theta_ = theta;
    evaluate();
    best_ = theta_;
    best_grad_ = grad_;
    best_loss_ = loss_;
  }

  bool step() override {
    if (diverged_) return false;  // finished: θ is the best point, as run() left it
    const std::size_t n = order_.size();
    rng_.shuffle(order_.data(), n);
    Vector g;
    for (std::size_t start = 0; start < n; start += batch_) {
      const std::size_t count = std::min(batch_, n - start);
      f_.batch_value_gradient(theta_, order_.data() + start, count, g);
      step_size_ = options_.schedule == Schedule::inverse
                       ? options_.learning_rate / (1.0 + double(updates_) / options_.decay_steps)
                       : options_.learning_rate;
      xt::noalias(theta_) -= step_size_ * g;  // θ ← θ − αₜ g_B
      ++updates_;
    }
    ++iterations_;
    evaluate();
    if (!std::isfinite(loss_) || !std::isfinite(gradient_norm_) ||
        loss_ > best_loss_ + 0.1 * std::fabs(best_loss_)) {
      theta_ = best_;
      grad_ = best_grad_;
      loss_ = best_loss_;
      gradient_norm_ = xt::amax(xt::abs(grad_))();
      diverged_ = true;
      return false;
    }
    if (loss_ <= best_loss_) {
      best_ = theta_;
      best_grad_ = grad_;
      best_loss_ = loss_;
    }
    return true;
  }

 private:
  void evaluate() {
    loss_ = f_.value_gradient(theta_, grad_);
    gradient_norm_ = xt::amax(xt::abs(grad_))();
  }

  Objective& f_;
  Options options_;
  std::size_t batch_;
  detail::SplitMix64 rng_;
  std::vector<std::size_t> order_;
  std::size_t updates_ = 0;
  Vector best_, best_grad_;
  double best_loss_ = INFINITY;
};

}  // namespace

std::unique_ptr<IterativeSolver> detail::make_sgd(Objective& f, const Vector& theta, const Options& o) {
  return std::make_unique<StochasticGradientDescent>(f, theta, o);
}

}  // namespace logreg
