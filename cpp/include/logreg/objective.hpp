// SPDX-License-Identifier: MIT
// Objectives: what a solver minimises, apart from how it minimises it.
#pragma once

#include <cstddef>
#include <xtensor/xtensor.hpp>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"

namespace logreg {

using Vector = xt::xtensor<double, 1>;

/// @brief A smooth function J(θ) of a parameter vector, with its gradient.
class Objective {
 public:
  virtual ~Objective() = default;
  /// @brief Length of θ.
  virtual std::size_t dim() const = 0;
  /// @brief Returns J(θ) and writes ∇J(θ) into grad (resized to dim()).
  virtual double value_gradient(const Vector& theta, Vector& grad) = 0;
};

/// @brief Mean binary cross-entropy of MATH.md,
///   J(w, b) = (1/n) Σᵢ [log(1 + e^(zᵢ)) − yᵢ zᵢ],  zᵢ = wᵀxᵢ + b,
///   ∇w J = (1/n) Xᵀ(σ(Xw + b) − y),  ∂J/∂b = (1/n) Σᵢ (σ(zᵢ) − yᵢ).
/// θ = (w₁ … w_d, b) with an intercept, (w₁ … w_d) without. One fused pass over X
/// (kernels.hpp) per evaluation. Holds views: X and y must outlive it.
class LogLoss final : public Objective {
 public:
  LogLoss(const MatrixView& X, const double* y, bool fit_intercept, Kernel kernel = default_kernel());
  std::size_t dim() const override { return X_.cols + (fit_intercept_ ? 1 : 0); }
  double value_gradient(const Vector& theta, Vector& grad) override;

 private:
  MatrixView X_;
  const double* y_;
  bool fit_intercept_;
  Kernel kernel_;
  Vector scratch_;  // d + 1 sums from the kernel
};

}  // namespace logreg
