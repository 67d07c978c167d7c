// SPDX-License-Identifier: MIT
// Newton's method (IRLS for the log-loss):
//   minimise f(θ), f smooth with Hessian ∇²f (the Objective's L2-penalised loss; λ₁ must be 0),
//   by θ ← θ + t p,  (∇²f(θ) + μI) p = −∇f(θ),
// stopping when ‖∇f(θ)‖∞ ≤ tolerance.
//
// * p by a dense Cholesky factorisation (cholesky.hpp). μ = 0 whenever ∇²f is numerically
//   positive definite (no pivot below 10⁻¹⁰ of its diagonal entry). Otherwise — collinear or
//   all-zero columns make ∇²f singular, separation drives σ(1 − σ) → 0 on the rows that
//   decide a direction, a non-convex f can make ∇²f indefinite — a Levenberg ridge
//   μ = √ε max diag(∇²f), multiplied by 10 until the factorisation succeeds. p stays a
//   descent direction (∇fᵀp = −∇fᵀ(∇²f + μI)⁻¹∇f < 0) of bounded length; along an exact null
//   space (a duplicated column) f is flat and p moves only by rounding, amplified by 1/μ
//   (μ is not smaller than √ε for that reason), and in the other directions the iteration
//   still contracts by μ/(λ + μ) per step. Near a well-posed optimum μ = 0 again, so the
//   quadratic convergence is kept.
// * t by backtracking from t = 1 (halving, Armijo: f(θ + t p) ≤ f(θ) + c₁ t ∇fᵀp with
//   c₁ = 10⁻⁴, line_search.hpp), so f decreases. Where that decrease is below the rounding
//   noise of f (only very near the optimum) the derivative form of the Armijo test decides
//   instead, so the gradient can still be driven down to its own rounding floor.
// * Stops, besides the tolerance and max_iterations, when no acceptable step exists (θ + t p
//   == θ, or f flat at machine precision along p), or after 2 steps in a row that move θ by
//   a few ulps only or lower neither f nor ‖∇f‖∞ (a tolerance below the gradient's rounding
//   floor). `converged` then says whether the gradient test holds; it is not assumed.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "cholesky.hpp"
#include "line_search.hpp"
#include "solver_impl.hpp"
#include "message.hpp"

namespace logreg {

namespace {

using detail::dot;
using detail::inf_norm;
using detail::tiny_step;

// Trial points θ + t p for the backtracking search; keeps ∇f at the last one.
class NewtonTrial final : public detail::TrialFunction {
 public:
  NewtonTrial(Objective& f, const Vector& theta, const Vector& grad, const Vector& p, Vector& trial,
              Vector& trial_grad)
      : f_(f), theta_(theta), grad_(grad), p_(p), trial_(trial), trial_grad_(trial_grad) {}

  detail::Trial evaluate(double t) override {
    detail::Trial r;
    bool moved = false;
    for (std::size_t j = 0; j < theta_.size(); ++j) {
      trial_(j) = theta_(j) + t * p_(j);
      moved = moved || trial_(j) != theta_(j);
    }
    r.moved = moved;
    if (!moved) return r;
    r.value = f_.full_value_gradient(trial_, trial_grad_);
    double predicted = 0, end_slope = 0;
    for (std::size_t j = 0; j < theta_.size(); ++j) {
      const double step = trial_(j) - theta_(j);
      predicted += grad_(j) * step;
      end_slope += trial_grad_(j) * step;
    }
    r.predicted = predicted;
    r.end_slope = end_slope;
    return r;
  }

 private:
  Objective& f_;
  const Vector& theta_;
  const Vector& grad_;
  const Vector& p_;
  Vector& trial_;
  Vector& trial_grad_;
};

class Newton final : public IterativeSolver {
 public:
  Newton(Objective& f, const Vector& theta, const Options&) : f_(f) {
    if (f.l1() != 0) {
      detail::Message msg;
      msg << "newton: an L1 penalty (l1 = " << f.l1()
          << ") makes the objective non-differentiable; use the 'lbfgs' solver (OWL-QN)";
      throw std::invalid_argument(msg.str());
    }
    const std::size_t m = f.dim();
    if (theta.size() != m) {
      detail::Message msg;
      msg << "newton: theta has " << theta.size() << " entries, the objective has " << m;
      throw std::invalid_argument(msg.str());
    }
    // Every buffer is allocated here, once.
    const Vector::shape_type shape{m};
    theta_ = theta;
    grad_ = Vector(shape);
    trial_ = Vector(shape);
    trial_grad_ = Vector(shape);
    p_ = Vector(shape);
    H_ = DenseMatrix(DenseMatrix::shape_type{m, m});
    L_ = DenseMatrix(DenseMatrix::shape_type{m, m});
    loss_ = f.full_value_gradient(theta_, grad_);
    gradient_norm_ = inf_norm(grad_);
    best_F_ = loss_;
    best_gnorm_ = gradient_norm_;
  }

  bool step() override {
    // Stall detection for a tolerance below the gradient's rounding floor: consecutive steps
    // that move θ by a few ulps only, or that lower neither the best f nor the best ‖∇f‖∞
    // (Newton lowers one of them at every step until the floor).
    if (stalled_ >= kMaxStalled) return false;
    const std::size_t m = theta_.size();

    // Newton direction (∇²f + μI) p = −∇f, μ = 0 unless the factorisation fails.
    f_.hessian(theta_, H_);
    double max_diag = 0;
    for (std::size_t j = 0; j < m; ++j) max_diag = std::max(max_diag, std::fabs(H_(j, j)));
    double mu = 0;
    bool factored = detail::cholesky_factor(H_, 0, kRelPivot, L_);
    for (int attempt = 0; !factored && attempt < kMaxRidgeAttempts; ++attempt) {
      mu = mu == 0 ? (max_diag > 0 ? kRidge * max_diag : 1.0) : 10 * mu;
      factored = detail::cholesky_factor(H_, mu, kRelPivot, L_);
    }
    if (!factored) return false;  // H not finite
    for (std::size_t j = 0; j < m; ++j) p_(j) = -grad_(j);
    detail::cholesky_solve(L_, p_);
    if (!(dot(grad_, p_) < 0)) return false;  // only with a gradient at the level of rounding

    NewtonTrial trials(f_, theta_, grad_, p_, trial_, trial_grad_);
    detail::BacktrackOptions bo;
    bo.noise = detail::noise_level(loss_);
    const detail::BacktrackResult ls = detail::backtracking_search(trials, loss_, 1.0, bo);
    if (!ls.accepted) return false;  // flat at machine precision: report by the gradient test

    // The accepted trial was the last one evaluated: take it (O(1) swaps).
    const bool tiny = tiny_step(theta_, trial_);
    std::swap(theta_, trial_);
    std::swap(grad_, trial_grad_);
    loss_ = ls.value;
    gradient_norm_ = inf_norm(grad_);
    step_size_ = ls.t;
    ++iterations_;
    const bool record = loss_ < best_F_ || gradient_norm_ < best_gnorm_;
    best_F_ = std::min(best_F_, loss_);
    best_gnorm_ = std::min(best_gnorm_, gradient_norm_);
    stalled_ = tiny || !record ? stalled_ + 1 : 0;
    return true;
  }

 private:
  static constexpr double kRelPivot = 1e-10;               // see cholesky.hpp
  static constexpr double kRidge = 1.4901161193847656e-8;  // √ε: the first ridge, relative
  static constexpr std::size_t kMaxStalled = 2;
  static constexpr int kMaxRidgeAttempts = 40;

  Objective& f_;
  Vector trial_, trial_grad_, p_;
  DenseMatrix H_, L_;
  double best_F_ = 0, best_gnorm_ = 0;
  std::size_t stalled_ = 0;
};

}  // namespace

std::unique_ptr<IterativeSolver> detail::make_newton(Objective& f, const Vector& theta, const Options& o) {
  return std::make_unique<Newton>(f, theta, o);
}

}  // namespace logreg
