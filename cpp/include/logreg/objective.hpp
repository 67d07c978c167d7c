// SPDX-License-Identifier: MIT
// Objectives: what a solver minimises, apart from how it minimises it.
//
// Every objective has the form  F(θ) = f(θ) + λ₁ Σ_{j penalized} |θⱼ|,  where the smooth part
//   f(θ) = (1/n) Σᵢ sᵢ ℓ(θ; xᵢ, yᵢ) + (λ₂/2) Σ_{j penalized} θⱼ²
// is the mean (optionally weighted) loss plus an L2 penalty. Intercepts are never penalized.
// Solvers see only this interface (liblinear's fun/grad/Hv split), so they are swappable and
// testable alone.
#pragma once

#include <cstddef>
#include <vector>
#include <xtensor/xtensor.hpp>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"

namespace logreg {

using Vector = xt::xtensor<double, 1>;
using DenseMatrix = xt::xtensor<double, 2>;

/// @brief Penalty strengths: (λ₂/2)‖w‖² + λ₁‖w‖₁ on the weights w, never on intercepts.
struct Penalty {
  double l2 = 0;
  double l1 = 0;
};

/// @brief A function F(θ) = f(θ) + λ₁‖θ_penalized‖₁ with f smooth.
class Objective {
 public:
  virtual ~Objective() = default;
  /// @brief Length of θ.
  virtual std::size_t dim() const = 0;
  /// @brief Number of data rows n.
  virtual std::size_t rows() const = 0;
  /// @brief Returns f(θ) (smooth part, L2 included) and writes ∇f(θ) into grad (resized).
  virtual double value_gradient(const Vector& theta, Vector& grad) = 0;
  /// @brief The same on a subset of rows (an SGD minibatch): the data term is the mean over
  /// those rows, (1/|B|) Σ_{i∈B} sᵢ ℓᵢ, plus the full L2 term.
  virtual double batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                      std::size_t count, Vector& grad) = 0;
  /// @brief Writes ∇²f(θ) (dim × dim, dense, L2 included) into H (resized).
  virtual void hessian(const Vector& theta, DenseMatrix& H) = 0;
  /// @brief Whether θⱼ is penalized (false for intercepts).
  virtual bool penalized(std::size_t j) const = 0;
  /// @brief λ₁, the strength of the non-smooth part (0: F = f).
  virtual double l1() const { return 0; }
  /// @brief An upper bound L on the Lipschitz constant of ∇f: a fixed step 1/L converges.
  virtual double lipschitz_bound() = 0;
  /// @brief A bound c on the loss's second derivative in z (1/4 for σ, 1/2 for softmax), so
  /// that ∇²f ≼ c (1/n) [X 1]ᵀ diag(s) [X 1] ⊗ I + λ₂ I.
  virtual double curvature_bound() const = 0;

  /// @brief F(θ) = f(θ) + λ₁ Σ_{penalized j} |θⱼ| (one evaluation of f; grad gets ∇f).
  double full_value_gradient(const Vector& theta, Vector& grad);
  /// @brief The minimum-norm subgradient of F (OWL-QN's pseudo-gradient) from ∇f; equals ∇f
  /// when λ₁ = 0. Its ∞-norm is the convergence measure of every solver.
  void pseudo_gradient(const Vector& theta, const Vector& grad, Vector& out) const;
};

namespace detail {
/// @brief A minibatch: copies of selected rows of X (same dtype), y and the weights.
struct RowBatch {
  Matrix X;
  std::vector<double> y, s;
  /// Gathers `rows`; returns the weights pointer to use (nullptr when there are none).
  const double* gather(const MatrixView& X, const double* y, const double* sample_weight,
                       const std::size_t* rows, std::size_t count);
};
/// @brief λ_max([X 1]ᵀ diag(s) [X 1]) (the 1 column only with an intercept) by power iteration,
/// the Gram matrix computed with `kernel`.
double gram_lambda_max(const MatrixView& X, const double* sample_weight, bool fit_intercept,
                       Kernel kernel = default_kernel());
/// @brief λ_max of a symmetric m × m matrix with row stride `stride`, by power iteration,
/// inflated by 1e-6 relative (the Rayleigh quotient approaches it from below).
double lambda_max(const std::vector<double>& G, std::size_t m, std::size_t stride);
}  // namespace detail

/// @brief Binary cross-entropy of MATH.md,
///   f(w, b) = (1/n) Σᵢ sᵢ [log(1 + e^(zᵢ)) − yᵢ zᵢ] + (λ₂/2)‖w‖²,  zᵢ = wᵀxᵢ + b,
///   ∇w f = (1/n) Xᵀ(s ⊙ (σ(Xw + b) − y)) + λ₂w,  ∂f/∂b = (1/n) Σᵢ sᵢ(σ(zᵢ) − yᵢ),
///   ∇²f = (1/n) [X 1]ᵀ diag(sᵢ σ(zᵢ)(1 − σ(zᵢ))) [X 1] + λ₂ I_w.
/// θ = (w₁ … w_d, b) with an intercept, (w₁ … w_d) without. One fused pass over X per
/// evaluation (kernels.hpp). Holds views: X, y and the weights must outlive it.
class LogLoss final : public Objective {
 public:
  LogLoss(const MatrixView& X, const double* y, bool fit_intercept, Kernel kernel = default_kernel(),
          const double* sample_weight = nullptr, Penalty penalty = {});
  std::size_t dim() const override { return X_.cols + (fit_intercept_ ? 1 : 0); }
  std::size_t rows() const override { return X_.rows; }
  double value_gradient(const Vector& theta, Vector& grad) override;
  double batch_value_gradient(const Vector& theta, const std::size_t* rows, std::size_t count,
                              Vector& grad) override;
  void hessian(const Vector& theta, DenseMatrix& H) override;
  bool penalized(std::size_t j) const override { return j < X_.cols; }
  double l1() const override { return penalty_.l1; }
  double lipschitz_bound() override;
  double curvature_bound() const override { return 0.25; }

  /// @brief Whether the next full evaluations (value_gradient) keep the scores z = Xw + b they
  /// compute anyway, with the θ they belong to (loss_gradient's z: kernel arithmetic). Writing
  /// them costs ~3–8 % of a pass, so a caller turns this on only for the θ it will look at.
  void keep_scores(bool on) {
    keep_ = on;
    if (on) kept_scores_.resize(X_.rows);
  }
  /// @brief The kept scores, valid for kept_theta() (empty before the first evaluation).
  const std::vector<double>& kept_scores() const { return kept_scores_; }
  const std::vector<double>& kept_theta() const { return kept_theta_; }

 private:
  double finish(const Vector& theta, double sum, std::size_t n, Vector& grad) const;

  MatrixView X_;
  const double* y_;
  bool fit_intercept_;
  Kernel kernel_;
  const double* sample_weight_;
  Penalty penalty_;
  Vector scratch_;       // d + 1 sums from the kernel
  bool keep_ = false;
  std::vector<double> kept_scores_, kept_theta_;
  detail::RowBatch batch_;
  double lipschitz_ = -1;  // cached
};

/// @brief Squared error of σ(z), for comparison only (MATH.md: "Why not squared error"):
///   f(w, b) = (1/2n) Σᵢ sᵢ (σ(zᵢ) − yᵢ)² + (λ₂/2)‖w‖²,
///   ∇w f = (1/n) Σᵢ sᵢ (σ(zᵢ) − yᵢ) σ(zᵢ)(1 − σ(zᵢ)) xᵢ + λ₂w.
/// Not convex in θ, and its gradient vanishes where a prediction is confidently wrong: a
/// lesson uses it to show why logistic regression minimises the cross-entropy instead. No
/// Hessian (Newton is not offered for it). Same layout of θ as LogLoss.
class SquaredLoss final : public Objective {
 public:
  SquaredLoss(const MatrixView& X, const double* y, bool fit_intercept,
              const double* sample_weight = nullptr, Penalty penalty = {});
  std::size_t dim() const override { return X_.cols + (fit_intercept_ ? 1 : 0); }
  std::size_t rows() const override { return X_.rows; }
  double value_gradient(const Vector& theta, Vector& grad) override;
  double batch_value_gradient(const Vector& theta, const std::size_t* rows, std::size_t count,
                              Vector& grad) override;
  void hessian(const Vector& theta, DenseMatrix& H) override;  ///< throws: not offered
  bool penalized(std::size_t j) const override { return j < X_.cols; }
  double l1() const override { return penalty_.l1; }
  double lipschitz_bound() override;
  /// |d²/dz² ½(σ(z) − y)²| = |σ'² + (σ − y)σ''| ≤ 0.077 for y ∈ {0, 1}; 1/4 is a safe bound.
  double curvature_bound() const override { return 0.25; }

 private:
  double evaluate(const Vector& theta, const MatrixView& X, const double* y, const double* sw,
                  std::size_t n, Vector& grad);

  MatrixView X_;
  const double* y_;
  bool fit_intercept_;
  const double* sample_weight_;
  Penalty penalty_;
  Vector scratch_;
  detail::RowBatch batch_;
  double lipschitz_ = -1;
};

/// @brief Multinomial cross-entropy over k ≥ 2 classes (MATH.md, softmax regression):
///   f(W, b) = (1/n) Σᵢ sᵢ [log Σ_c e^(z_ic) − z_{i,yᵢ}] + (λ₂/2)‖W‖²,  z_ic = w_cᵀxᵢ + b_c,
///   ∇_{w_c} f = (1/n) Σᵢ sᵢ (P_ic − [yᵢ = c]) xᵢ + λ₂w_c,  ∂f/∂b_c = (1/n) Σᵢ sᵢ (P_ic − [yᵢ = c]).
/// With pin_reference, class 0's parameters are fixed at 0 and only K = k − 1 classes are free
/// (identifiable without a penalty, as statsmodels' MNLogit); otherwise all K = k are (as
/// scikit-learn, which needs a penalty for a unique optimum). θ = (w_q for each free class q,
/// row by row, then b_q for each free class when fitting intercepts). y holds class indices.
class SoftmaxLoss final : public Objective {
 public:
  SoftmaxLoss(const MatrixView& X, const double* y, std::size_t k, bool fit_intercept,
              bool pin_reference, const double* sample_weight = nullptr, Penalty penalty = {});
  std::size_t dim() const override { return free_ * (X_.cols + (fit_intercept_ ? 1 : 0)); }
  std::size_t rows() const override { return X_.rows; }
  double value_gradient(const Vector& theta, Vector& grad) override;
  double batch_value_gradient(const Vector& theta, const std::size_t* rows, std::size_t count,
                              Vector& grad) override;
  void hessian(const Vector& theta, DenseMatrix& H) override;
  bool penalized(std::size_t j) const override { return j < free_ * X_.cols; }
  double l1() const override { return penalty_.l1; }
  double lipschitz_bound() override;
  double curvature_bound() const override { return 0.5; }
  std::size_t classes() const { return k_; }
  /// @brief The full k × d weights and k intercepts θ stands for (class 0 zero when pinned).
  void unpack(const Vector& theta, std::vector<double>& W, std::vector<double>& b) const;

 private:
  double evaluate(const Vector& theta, const MatrixView& X, const double* y, const double* sw,
                  std::size_t n, Vector& grad);

  MatrixView X_;
  const double* y_;
  std::size_t k_, free_, offset_;
  bool fit_intercept_;
  const double* sample_weight_;
  Penalty penalty_;
  std::vector<double> W_, b_, full_grad_;
  detail::RowBatch batch_;
  double lipschitz_ = -1;
};

/// @brief An objective in standardized coordinates, without copying X: features are
/// x̃ⱼ = (xⱼ − μⱼ)/σⱼ (μ = 0 without an intercept: scaling only), and since
///   w̃ᵀx̃ + b̃ = Σⱼ (w̃ⱼ/σⱼ) xⱼ + (b̃ − Σⱼ w̃ⱼ μⱼ/σⱼ),
/// the inner objective (on raw X, unpenalized) is evaluated at θ = T θ̃ and the chain rule gives
/// ∇θ̃ = Tᵀ ∇θ, ∇²θ̃ = Tᵀ ∇²θ T. The penalty applies to the standardized weights w̃.
/// A constant column (σ = 0) standardizes to x̃ⱼ = 0: its weight has no effect and stays
/// exactly where it starts (its gradient is exactly 0), as with scikit-learn's scaler.
/// Layout of θ̃ and θ: K blocks of d weights, then K intercepts (with an intercept).
class Standardized final : public Objective {
 public:
  /// @param inner unpenalized objective on raw X; @param X the same data (for the Lipschitz
  /// bound); @param mean, scale μ and σ (σ ≥ 0; 0 marks a constant column); @param blocks K
  Standardized(Objective& inner, const MatrixView& X, const double* sample_weight,
               std::vector<double> mean, std::vector<double> scale, std::size_t blocks,
               bool fit_intercept, Penalty penalty);
  std::size_t dim() const override { return inner_.dim(); }
  std::size_t rows() const override { return inner_.rows(); }
  double value_gradient(const Vector& theta, Vector& grad) override;
  double batch_value_gradient(const Vector& theta, const std::size_t* rows, std::size_t count,
                              Vector& grad) override;
  void hessian(const Vector& theta, DenseMatrix& H) override;
  bool penalized(std::size_t j) const override { return j < blocks_ * d_; }
  double l1() const override { return penalty_.l1; }
  double lipschitz_bound() override;
  double curvature_bound() const override { return inner_.curvature_bound(); }

  /// @brief θ = T θ̃ (standardized → raw units).
  void to_raw(const Vector& standardized, Vector& raw) const;
  /// @brief θ̃ = T⁻¹ θ (raw → standardized units).
  void to_standardized(const Vector& raw, Vector& standardized) const;

 private:
  double finish(const Vector& theta, double value, Vector& grad);

  Objective& inner_;
  MatrixView X_;
  const double* sample_weight_;
  std::vector<double> mean_, scale_;
  std::size_t blocks_, d_;
  bool fit_intercept_;
  Penalty penalty_;
  Vector raw_, raw_grad_;
  double lipschitz_ = -1;
};

}  // namespace logreg
