// SPDX-License-Identifier: MIT
#include "logreg/objective.hpp"

namespace logreg {

LogLoss::LogLoss(const MatrixView& X, const double* y, bool fit_intercept, Kernel kernel)
    : X_(X), y_(y), fit_intercept_(fit_intercept), kernel_(kernel), scratch_(Vector::shape_type{X.cols + 1}) {}

double LogLoss::value_gradient(const Vector& theta, Vector& grad) {
  const std::size_t d = X_.cols;
  const double b = fit_intercept_ ? theta(d) : 0.0;
  // One pass: the kernel returns Σ[log(1 + e^z) − yz] and the sums Xᵀ(σ(z) − y), Σ(σ(z) − y).
  const double sum = loss_gradient(kernel_, X_, y_, nullptr, theta.data(), b, scratch_.data());
  const double inv_n = 1.0 / double(X_.rows);
  grad.resize({dim()});
  for (std::size_t j = 0; j < dim(); ++j) grad(j) = scratch_(j) * inv_n;  // (1/n) Xᵀ(ŷ − y), (1/n)Σ(ŷ − y)
  return sum * inv_n;
}

}  // namespace logreg
