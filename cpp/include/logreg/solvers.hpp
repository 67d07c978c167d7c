// SPDX-License-Identifier: MIT
// Optimizers. Each sees only an Objective.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "logreg/objective.hpp"
#include "logreg/options.hpp"

namespace logreg {

/// @brief What a solver reports about its run.
struct SolverReport {
  std::size_t iterations = 0;  ///< updates applied to θ
  bool converged = false;      ///< ‖∇J‖∞ ≤ tolerance at the returned θ
  double loss = 0;             ///< J at the returned θ
  double gradient_norm = 0;    ///< ‖∇J‖∞ at the returned θ
  bool diverged = false;       ///< gd/sgd: the loss rose or became non-finite; θ is the best seen
  bool stopped = false;        ///< the iteration callback asked to stop
};

/// @brief What a solver tells its observer after each iteration.
struct IterationInfo {
  std::size_t iteration = 0;   ///< 1 for the first update
  double loss = 0;             ///< F(θ) after the update
  double gradient_norm = 0;    ///< ‖∇F(θ)‖∞ after the update
  double step_size = 0;        ///< the step length taken (α, or the line search's t)
  const Vector* theta = nullptr;
};
/// @brief Called after every iteration; returning false stops the solver (converged = false).
using IterationCallback = std::function<bool(const IterationInfo&)>;

/// @brief A solver that advances one iteration at a time, so that a caller can observe, pause
/// and resume it (the teaching API's step()); run() drives one to the end, and the functions
/// below are run() over each kind. A solver owns its copy of θ and everything it remembers
/// between iterations (L-BFGS's curvature pairs, SGD's generator), so k calls of step()
/// produce exactly the iterates of a run() stopped after k iterations.
class IterativeSolver {
 public:
  virtual ~IterativeSolver() = default;
  /// @brief One update of θ. Returns false when none was possible — stalled at the rounding
  /// floor, line search failed, or (gd/sgd) the loss rose, in which case θ is reset to the
  /// best point seen and diverged() is true.
  virtual bool step() = 0;

  const Vector& theta() const { return theta_; }
  /// @brief ∇f (smooth part, L2 included) at θ.
  const Vector& gradient() const { return grad_; }
  /// @brief F(θ), the full objective.
  double loss() const { return loss_; }
  /// @brief ‖∇F(θ)‖∞ (the L1 pseudo-gradient's with λ₁ > 0): the convergence measure.
  double gradient_norm() const { return gradient_norm_; }
  std::size_t iterations() const { return iterations_; }
  /// @brief The length of the last step (α, or the line search's t).
  double step_size() const { return step_size_; }
  bool diverged() const { return diverged_; }

 protected:
  Vector theta_, grad_;
  double loss_ = 0, gradient_norm_ = 0, step_size_ = 0;
  std::size_t iterations_ = 0;
  bool diverged_ = false;
};

/// @brief A solver of the given kind (not Solver::automatic) starting at theta. The objective
/// must outlive it. Throws std::invalid_argument when the kind cannot handle the objective
/// (an L1 penalty with gd, sgd or newton).
std::unique_ptr<IterativeSolver> make_solver(Solver kind, Objective& objective, const Vector& theta,
                                             const Options& options);

/// @brief Steps until ‖∇F‖∞ ≤ tolerance, max_iterations iterations in all, no further progress
/// is possible, or the callback returns false.
SolverReport run(IterativeSolver& solver, const Options& options,
                 const IterationCallback& callback = {});

/// @brief Gradient descent with a fixed step: θ ← θ − α∇J(θ) until ‖∇J(θ)‖∞ ≤ tolerance
/// or max_iterations updates. θ is updated in place. If J rises or becomes non-finite the
/// step is too large: it stops, restores the best θ and sets diverged. Requires l1() == 0.
SolverReport gradient_descent(Objective& objective, Vector& theta, const Options& options,
                              const IterationCallback& callback = {});

/// @brief Minibatch stochastic gradient descent: each epoch visits the rows in a fresh seeded
/// random order in batches B of batch_size, θ ← θ − αₜ ∇f_B(θ) with αₜ = α (constant) or
/// α / (1 + t/τ) (inverse decay, t the update count, τ = decay_steps). One iteration is one
/// epoch; after each, the full ∇F decides convergence. Bit-for-bit reproducible for a seed.
SolverReport sgd(Objective& objective, Vector& theta, const Options& options,
                 const IterationCallback& callback = {});

/// @brief Newton's method: θ ← θ − t H⁻¹∇f with H = ∇²f by Cholesky, t from a backtracking
/// (Armijo) line search so F never increases. Requires l1() == 0.
SolverReport newton(Objective& objective, Vector& theta, const Options& options,
                    const IterationCallback& callback = {});

/// @brief L-BFGS with a line search satisfying the strong Wolfe conditions; with λ₁ > 0, OWL-QN
/// (orthant-wise, pseudo-gradient, projected line search).
SolverReport lbfgs(Objective& objective, Vector& theta, const Options& options,
                   const IterationCallback& callback = {});

}  // namespace logreg
