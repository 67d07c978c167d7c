// SPDX-License-Identifier: MIT
// Limited-memory BFGS, and OWL-QN when the objective has an L1 part:
//   minimise F(θ) = f(θ) + λ₁ Σ_{j penalized} |θⱼ|   (f smooth, λ₁ ≥ 0),
//   stopping when ‖◇F(θ)‖∞ ≤ tolerance, ◇F the minimum-norm subgradient (the pseudo-gradient,
//   Objective::pseudo_gradient; ◇F = ∇f when λ₁ = 0).
//
// λ₁ = 0 — L-BFGS (Nocedal & Wright, Numerical Optimization, Alg. 7.4/7.5):
//   d = −H ∇f by the two-loop recursion over the last `history_size` pairs
//   sₖ = θₖ₊₁ − θₖ, yₖ = ∇f(θₖ₊₁) − ∇f(θₖ), with H₀ = γI, γ = sᵀy / yᵀy of the newest pair;
//   θ ← θ + α d, α satisfying the strong Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9; Alg. 3.5/3.6
//   with cubic interpolation, line_search.hpp). Trial α = 1, except on the first iteration
//   (and after a reset) where d = −∇f and α = min(1, 1/‖d‖₂).
// λ₁ > 0 — OWL-QN (Andrew & Gao, "Scalable training of L1-regularized log-linear models",
//   ICML 2007): the same two-loop applied to ◇F; then dⱼ = 0 wherever sign(dⱼ) ≠ sign(−◇Fⱼ);
//   the orthant ξⱼ = sign(θⱼ), or sign(−◇Fⱼ) where θⱼ = 0; trial points
//   θₜ = π(θ + t d; ξ), penalized coordinates that leave their orthant set to 0; t by
//   backtracking (halving) until F(θₜ) ≤ F(θ) + c₁ ◇F(θ)ᵀ(θₜ − θ). The pairs (s, y) use ∇f,
//   the smooth part only: the L1 term is linear inside an orthant.
// Safeguards: a pair with sᵀy ≤ 10⁻⁸ ‖s‖‖y‖ is not stored (it would make H indefinite or
// huge; the Wolfe conditions guarantee sᵀy > 0 but not more); a direction that is not a
// descent direction, or a failed line search, clears the memory and retries once along
// −◇F; when that fails too — F flat at machine precision, θ no longer moving — the solver
// stops, and `converged` reports the gradient test as it stands. Steps whose change of F is
// below its rounding noise are accepted on the derivative form of the sufficient-decrease
// test (line_search.hpp), so ‖◇F‖∞ keeps falling after F has stopped moving; after 5 steps
// in a row that moved θ by a few ulps only (the gradient's own rounding floor), or when
// neither F nor ‖◇F‖∞ has reached a new low for max(100, k) iterations, k the iteration of
// the last one (a gradient with an error floor above rounding), the solver stops as well.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "line_search.hpp"
#include "solver_impl.hpp"
#include "message.hpp"

namespace logreg {

namespace {

using detail::dot;
using detail::inf_norm;
using detail::tiny_step;

// The last `capacity` curvature pairs and the two-loop recursion. Storage: capacity + 1
// slots of s and y allocated once; a new pair is written into the spare slot and only
// then replaces the oldest, so a rejected pair destroys nothing.
class History {
 public:
  History(std::size_t capacity, std::size_t n)
      : capacity_(capacity),
        n_(n),
        s_((capacity + 1) * n),
        y_((capacity + 1) * n),
        rho_(capacity + 1),
        sy_(capacity + 1),
        yy_(capacity + 1),
        a_(capacity) {
    order_.reserve(capacity + 1);
  }

  bool empty() const { return order_.empty(); }
  void clear() {
    order_.clear();
    spare_ = 0;
  }

  /// s = θ⁺ − θ, y = g⁺ − g; stored unless sᵀy ≤ ε‖s‖‖y‖.
  void push(const Vector& theta_new, const Vector& theta, const Vector& g_new, const Vector& g) {
    double* s = s_.data() + spare_ * n_;
    double* y = y_.data() + spare_ * n_;
    for (std::size_t j = 0; j < n_; ++j) {
      s[j] = theta_new(j) - theta(j);
      y[j] = g_new(j) - g(j);
    }
    const double sy = dot(s, y, n_), ss = dot(s, s, n_), yy = dot(y, y, n_);
    if (!(sy > kCurvatureEps * std::sqrt(ss) * std::sqrt(yy))) return;
    rho_[spare_] = 1 / sy;
    sy_[spare_] = sy;
    yy_[spare_] = yy;
    order_.push_back(spare_);
    if (order_.size() > capacity_) {  // the oldest slot becomes the spare
      spare_ = order_.front();
      order_.erase(order_.begin());
    } else {
      spare_ = order_.size();  // still filling up since the last clear(): slots 0 … size−1 in use
    }
  }

  /// d = −H g (two-loop recursion; H₀ = γI, γ = sᵀy/yᵀy of the newest pair).
  void direction(const Vector& g, Vector& d) {
    const std::size_t k = order_.size();
    double* q = d.data();
    for (std::size_t j = 0; j < n_; ++j) q[j] = g(j);
    for (std::size_t i = k; i-- > 0;) {
      const std::size_t slot = order_[i];
      const double* s = s_.data() + slot * n_;
      const double* y = y_.data() + slot * n_;
      a_[i] = rho_[slot] * dot(s, q, n_);
      for (std::size_t j = 0; j < n_; ++j) q[j] -= a_[i] * y[j];
    }
    const double gamma = k > 0 ? sy_[order_.back()] / yy_[order_.back()] : 1.0;
    for (std::size_t j = 0; j < n_; ++j) q[j] *= gamma;
    for (std::size_t i = 0; i < k; ++i) {
      const std::size_t slot = order_[i];
      const double* s = s_.data() + slot * n_;
      const double* y = y_.data() + slot * n_;
      const double b = rho_[slot] * dot(y, q, n_);
      for (std::size_t j = 0; j < n_; ++j) q[j] += (a_[i] - b) * s[j];
    }
    for (std::size_t j = 0; j < n_; ++j) q[j] = -q[j];
  }

 private:
  static constexpr double kCurvatureEps = 1e-8;
  std::size_t capacity_, n_;
  std::vector<double> s_, y_, rho_, sy_, yy_, a_;
  std::vector<std::size_t> order_;  // slots in use, oldest first
  std::size_t spare_ = 0;
};

// φ(α) = f(θ + αd), φ'(α) = ∇f(θ + αd)ᵀd, for the Wolfe search (λ₁ = 0).
class WolfeLine final : public detail::LineFunction {
 public:
  WolfeLine(Objective& f, const Vector& theta, const Vector& d, Vector& trial, Vector& trial_grad)
      : f_(f), theta_(theta), d_(d), trial_(trial), trial_grad_(trial_grad) {}

  double evaluate(double alpha, double& slope) override {
    const std::size_t n = theta_.size();
    for (std::size_t j = 0; j < n; ++j) trial_(j) = theta_(j) + alpha * d_(j);
    last_alpha = alpha;
    const double value = f_.full_value_gradient(trial_, trial_grad_);
    slope = dot(trial_grad_.data(), d_.data(), n);
    return value;
  }

  double last_alpha = -1;

 private:
  Objective& f_;
  const Vector& theta_;
  const Vector& d_;
  Vector& trial_;
  Vector& trial_grad_;
};

// OWL-QN trial points θₜ = π(θ + t d; ξ) (λ₁ > 0).
class OrthantTrial final : public detail::TrialFunction {
 public:
  OrthantTrial(Objective& f, double lambda, const std::vector<char>& penalized,
               const std::vector<double>& orthant, const Vector& theta, const Vector& pg,
               const Vector& d, Vector& trial, Vector& trial_grad)
      : f_(f),
        lambda_(lambda),
        penalized_(penalized),
        orthant_(orthant),
        theta_(theta),
        pg_(pg),
        d_(d),
        trial_(trial),
        trial_grad_(trial_grad) {}

  detail::Trial evaluate(double t) override {
    const std::size_t n = theta_.size();
    detail::Trial r;
    bool moved = false;
    for (std::size_t j = 0; j < n; ++j) {
      double v = theta_(j) + t * d_(j);
      if (penalized_[j] && v * orthant_[j] <= 0) v = 0;  // left its orthant
      trial_(j) = v;
      moved = moved || v != theta_(j);
    }
    r.moved = moved;
    if (!moved) return r;
    r.value = f_.full_value_gradient(trial_, trial_grad_);
    // Inside the closed orthant F = f + λ₁ ξᵀθ is smooth; both ends of the segment lie in it.
    double predicted = 0, end_slope = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double step = trial_(j) - theta_(j);
      predicted += pg_(j) * step;
      end_slope += (trial_grad_(j) + (penalized_[j] ? lambda_ * orthant_[j] : 0.0)) * step;
    }
    r.predicted = predicted;
    r.end_slope = end_slope;
    return r;
  }

 private:
  Objective& f_;
  double lambda_;
  const std::vector<char>& penalized_;
  const std::vector<double>& orthant_;
  const Vector& theta_;
  const Vector& pg_;
  const Vector& d_;
  Vector& trial_;
  Vector& trial_grad_;
};

class Lbfgs final : public IterativeSolver {
 public:
  Lbfgs(Objective& f, const Vector& theta, const Options& o)
      : f_(f),
        lambda_(f.l1()),
        owl_(lambda_ > 0),
        history_(std::max<std::size_t>(o.history_size, 1), f.dim()) {
    const std::size_t n = f.dim();
    if (theta.size() != n) {
      detail::Message msg;
      msg << "lbfgs: theta has " << theta.size() << " entries, the objective has " << n;
      throw std::invalid_argument(msg.str());
    }
    // Every buffer is allocated here, once.
    const Vector::shape_type shape{n};
    theta_ = theta;
    grad_ = Vector(shape);
    pg_ = Vector(shape);
    d_ = Vector(shape);
    trial_ = Vector(shape);
    trial_grad_ = Vector(shape);
    penalized_.resize(n);
    orthant_.assign(n, 0.0);
    for (std::size_t j = 0; j < n; ++j) penalized_[j] = f.penalized(j) ? 1 : 0;
    loss_ = f.full_value_gradient(theta_, grad_);
    f.pseudo_gradient(theta_, grad_, pg_);
    gradient_norm_ = inf_norm(pg_);
    best_F_ = loss_;
    best_gnorm_ = gradient_norm_;
  }

  bool step() override {
    // Consecutive steps that moved θ by a few ulps only: the rounding floor of the gradient.
    // (Not "no new lowest F or ‖◇F‖∞ for a few steps": on ill-conditioned problems L-BFGS
    // makes real progress for hundreds of iterations with F below its resolution and ‖◇F‖∞
    // going up and down.) A backstop for gradients whose error is above rounding: no new
    // lowest F or ‖◇F‖∞ for as many iterations as it took to reach the last one (at least
    // kRecordWindow). Measured on κ = 10⁶ quadratics, the longest gap in a converging run was
    // 0.43 of that window.
    if (stalled_ >= kMaxStalled || iterations_ - last_record_ > std::max(kRecordWindow, last_record_))
      return false;
    const std::size_t n = theta_.size();
    for (;;) {
      // Search direction.
      history_.direction(pg_, d_);
      if (owl_)
        for (std::size_t j = 0; j < n; ++j)
          if (d_(j) * pg_(j) >= 0) d_(j) = 0;  // keep only components that descend along −◇F
      double slope0 = dot(pg_.data(), d_.data(), n);
      if (!(slope0 < 0) && !history_.empty()) {  // H has gone bad: steepest descent
        history_.clear();
        for (std::size_t j = 0; j < n; ++j) d_(j) = -pg_(j);
        slope0 = dot(pg_.data(), d_.data(), n);
      }
      if (!(slope0 < 0)) return false;
      const double alpha0 =
          history_.empty() ? std::min(1.0, 1.0 / std::sqrt(dot(d_.data(), d_.data(), n))) : 1.0;

      bool accepted = false;
      double F_new = loss_, step = 0;
      if (!owl_) {
        WolfeLine line(f_, theta_, d_, trial_, trial_grad_);
        detail::WolfeOptions wo;
        wo.noise = detail::noise_level(loss_);
        const detail::LineSearchResult ls = detail::strong_wolfe_search(line, loss_, slope0, alpha0, wo);
        if (ls.status != detail::LineSearchStatus::no_progress) {
          double slope;
          F_new = line.last_alpha == ls.alpha ? ls.value : line.evaluate(ls.alpha, slope);
          step = ls.alpha;
          for (std::size_t j = 0; j < n && !accepted; ++j) accepted = trial_(j) != theta_(j);
        }
      } else {
        for (std::size_t j = 0; j < n; ++j)
          orthant_[j] = theta_(j) > 0   ? 1.0
                        : theta_(j) < 0 ? -1.0
                        : pg_(j) < 0    ? 1.0
                        : pg_(j) > 0    ? -1.0
                                        : 0.0;
        OrthantTrial trials(f_, lambda_, penalized_, orthant_, theta_, pg_, d_, trial_, trial_grad_);
        detail::BacktrackOptions bo;
        bo.noise = detail::noise_level(loss_);
        const detail::BacktrackResult ls = detail::backtracking_search(trials, loss_, alpha0, bo);
        accepted = ls.accepted;
        F_new = ls.value;
        step = ls.t;
      }
      if (!accepted) {
        if (history_.empty()) return false;  // even steepest descent makes no progress: stop
        history_.clear();                    // retry once along −◇F
        continue;
      }

      history_.push(trial_, theta_, trial_grad_, grad_);
      stalled_ = tiny_step(theta_, trial_) ? stalled_ + 1 : 0;
      std::swap(theta_, trial_);
      std::swap(grad_, trial_grad_);
      loss_ = F_new;
      f_.pseudo_gradient(theta_, grad_, pg_);
      gradient_norm_ = inf_norm(pg_);
      step_size_ = step;
      ++iterations_;
      if (loss_ < best_F_ || gradient_norm_ < best_gnorm_) {
        best_F_ = std::min(best_F_, loss_);
        best_gnorm_ = std::min(best_gnorm_, gradient_norm_);
        last_record_ = iterations_;
      }
      return true;
    }
  }

 private:
  static constexpr std::size_t kMaxStalled = 5, kRecordWindow = 100;

  Objective& f_;
  double lambda_;
  bool owl_;
  History history_;
  Vector pg_, d_, trial_, trial_grad_;
  std::vector<char> penalized_;
  std::vector<double> orthant_;
  std::size_t stalled_ = 0, last_record_ = 0;
  double best_F_ = 0, best_gnorm_ = 0;
};

}  // namespace

std::unique_ptr<IterativeSolver> detail::make_lbfgs(Objective& f, const Vector& theta, const Options& o) {
  return std::make_unique<Lbfgs>(f, theta, o);
}

}  // namespace logreg
