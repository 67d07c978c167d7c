// SPDX-License-Identifier: MIT
// Line searches shared by the Newton and L-BFGS/OWL-QN solvers (internal; not installed).
// They see only a one-dimensional function of the step, so they are tested alone
// (tests/cpp/test_solvers.cpp) on functions with known answers.
//
// Floating point. Near a minimiser, F(θ + αd) − F(θ) ≈ α φ'(0) / 2 is smaller than the
// rounding noise of F itself (a few ε|F|), so comparing computed values of F says nothing;
// yet the gradient, which is accurate there, can still be reduced by orders of magnitude
// (a gradient of 10⁻⁹ on a curvature of 1 is a change of F of 10⁻¹⁸). Both searches
// therefore switch, for steps whose predicted change |α φ'(0)| is below `noise`, from the
// value test of Armijo to its derivative form (Hager & Zhang's "approximate Wolfe"
// condition, exact for quadratics):
//   F(θ + αd) ≤ F(θ) + c₁ α φ'(0)   →   φ'(α) ≤ (1 − 2c₁)|φ'(0)|  and  F(θ + αd) ≤ F(θ) + noise.
// The computed F may then rise, by less than its own rounding noise. Requiring it not to
// rise at all would make every later trial compete with the luckiest rounding seen so far
// and stall the iteration well above the tolerance; the true F still decreases (the
// derivative test). Outside that regime Armijo holds, and the computed F decreases.
#pragma once

#include <cstddef>

namespace logreg::detail {

/// @brief φ(α) = F(θ + αd) on a fixed search direction d (L-BFGS's Wolfe search).
class LineFunction {
 public:
  virtual ~LineFunction() = default;
  /// @brief Returns φ(α) and writes φ'(α) = ∇F(θ + αd)ᵀd into slope. May be non-finite.
  virtual double evaluate(double alpha, double& slope) = 0;
};

/// @brief Constants of the strong Wolfe search.
struct WolfeOptions {
  double c1 = 1e-4;                  ///< sufficient decrease: φ(α) ≤ φ(0) + c₁ α φ'(0)
  double c2 = 0.9;                   ///< curvature: |φ'(α)| ≤ c₂ |φ'(0)|
  double alpha_max = 1e10;           ///< no step beyond this
  std::size_t max_evaluations = 40;  ///< of φ, over bracketing and zoom together
  double noise = 0;                  ///< absolute rounding noise of φ (see the file comment)
};

enum class LineSearchStatus {
  strong_wolfe,         ///< both strong Wolfe conditions hold at the returned α
  sufficient_decrease,  ///< budget or interval exhausted: the returned α > 0 only decreases φ
  no_progress,          ///< no α > 0 with a sufficient decrease was found (α = 0 returned)
};

/// @brief A step and what is known at it.
struct LineSearchResult {
  double alpha = 0;
  double value = 0;  ///< φ(α)
  double slope = 0;  ///< φ'(α)
  std::size_t evaluations = 0;
  LineSearchStatus status = LineSearchStatus::no_progress;
  bool below_noise = false;  ///< accepted on the derivative test: F could not see the step
};

/// @brief Nocedal & Wright, Numerical Optimization (2nd ed.), Algorithm 3.5 (bracketing) and
/// 3.6 (zoom), with cubic interpolation (their eq. 3.59) for the trial steps.
/// @param phi the function; @param value0 φ(0); @param slope0 φ'(0), must be < 0
/// @param alpha1 first trial step, > 0
/// The returned α is not necessarily the last one evaluated (only for strong_wolfe it is).
LineSearchResult strong_wolfe_search(LineFunction& phi, double value0, double slope0, double alpha1,
                                     const WolfeOptions& options = {});

/// @brief One trial of a backtracking search, evaluated by the solver at its own trial point
/// θₜ (θ + t p for Newton; the orthant projection of θ + t d for OWL-QN).
struct Trial {
  double value = 0;  ///< F(θₜ)
  double predicted = 0;  ///< the first-order change gᵀ(θₜ − θ) (< 0; g the (pseudo-)gradient at θ)
  double end_slope = 0;  ///< the derivative at θₜ along the segment, ∇F(θₜ)ᵀ(θₜ − θ)
  bool moved = true;     ///< θₜ ≠ θ in floating point
};

/// @brief θ ↦ the trial at step t.
class TrialFunction {
 public:
  virtual ~TrialFunction() = default;
  virtual Trial evaluate(double t) = 0;
};

/// @brief Constants of the backtracking (Armijo) search.
struct BacktrackOptions {
  double c1 = 1e-4;                  ///< F(θₜ) ≤ F(θ) + c₁ gᵀ(θₜ − θ)
  double shrink = 0.5;               ///< t ← shrink · t after a rejected trial
  std::size_t max_trials = 50;       ///< then give up
  std::size_t max_noise_trials = 8;  ///< trials allowed below the noise level of F
  double noise = 0;                  ///< absolute rounding noise of F
};

struct BacktrackResult {
  double t = 0;  ///< the accepted step (the last one evaluated), or 0
  double value = 0;
  std::size_t trials = 0;
  bool accepted = false;     ///< false: no acceptable step (flat at machine precision, or θ stuck)
  bool below_noise = false;  ///< accepted on the derivative test: F could not see the step
};

/// @brief Tries t = t0, shrink·t0, … until the sufficient-decrease test (or, below the noise
/// level, its derivative form) holds; fails when θₜ no longer moves or the budget runs out
/// (at most max_noise_trials of it below the noise: there each trial is a coin toss).
BacktrackResult backtracking_search(TrialFunction& trial, double value0, double t0,
                                    const BacktrackOptions& options = {});

/// @brief The noise level used by both solvers: κ ε |F| with κ = 1000 (summing n terms of
/// F costs a few ε|F|; the margin only makes the switch to the derivative test earlier,
/// where both tests agree anyway).
double noise_level(double value);

}  // namespace logreg::detail
