// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstring>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "logreg/math.hpp"
#include "logreg/objective.hpp"

namespace logreg {

double Objective::full_value_gradient(const Vector& theta, Vector& grad) {
  double f = value_gradient(theta, grad);
  const double lambda = l1();
  if (lambda > 0)
    for (std::size_t j = 0; j < dim(); ++j)
      if (penalized(j)) f += lambda * std::fabs(theta(j));
  return f;
}

// The minimum-norm element of ∂F: for θⱼ ≠ 0 the derivative ∂f/∂θⱼ + λ₁ sign(θⱼ); at θⱼ = 0
// the interval [∂f − λ₁, ∂f + λ₁] contains 0 (then 0) or its end nearest to 0.
void Objective::pseudo_gradient(const Vector& theta, const Vector& grad, Vector& out) const {
  out = grad;
  const double lambda = l1();
  if (lambda <= 0) return;
  for (std::size_t j = 0; j < dim(); ++j) {
    if (!penalized(j)) continue;
    const double g = grad(j);
    if (theta(j) > 0)
      out(j) = g + lambda;
    else if (theta(j) < 0)
      out(j) = g - lambda;
    else if (g + lambda < 0)
      out(j) = g + lambda;
    else if (g - lambda > 0)
      out(j) = g - lambda;
    else
      out(j) = 0;
  }
}

LogLoss::LogLoss(const MatrixView& X, const double* y, bool fit_intercept, Kernel kernel,
                 const double* sample_weight, Penalty penalty)
    : X_(X),
      y_(y),
      fit_intercept_(fit_intercept),
      kernel_(kernel),
      sample_weight_(sample_weight),
      penalty_(penalty),
      scratch_(Vector::shape_type{X.cols + 1}) {}

// From the kernel's sums to the mean-form value and gradient, plus (λ₂/2)‖w‖² and λ₂w.
double LogLoss::finish(const Vector& theta, double sum, std::size_t n, Vector& grad) const {
  const std::size_t d = X_.cols;
  const double inv_n = 1.0 / double(n);
  grad.resize({dim()});
  double value = sum * inv_n;
  for (std::size_t j = 0; j < d; ++j) {
    grad(j) = scratch_(j) * inv_n + penalty_.l2 * theta(j);  // (1/n) Xᵀ(ŷ − y) + λ₂w
    value += 0.5 * penalty_.l2 * theta(j) * theta(j);
  }
  if (fit_intercept_) grad(d) = scratch_(d) * inv_n;  // (1/n) Σ(ŷ − y)
  return value;
}

double LogLoss::value_gradient(const Vector& theta, Vector& grad) {
  const double b = fit_intercept_ ? theta(X_.cols) : 0.0;
  // One pass: Σ sᵢ[log(1 + e^z) − yz], Xᵀ(s ⊙ (σ(z) − y)), Σ sᵢ(σ(z) − y).
  const double sum =
      loss_gradient(kernel_, X_, y_, sample_weight_, theta.data(), b, scratch_.data());
  return finish(theta, sum, X_.rows, grad);
}

double LogLoss::batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                     std::size_t count, Vector& grad) {
  const std::size_t d = X_.cols;
  if (batch_X_.rows() != count || batch_X_.dtype() != X_.dtype) batch_X_ = Matrix(X_.dtype, count, d);
  batch_y_.resize(count);
  batch_s_.resize(count);
  const std::size_t bytes = d * (X_.dtype == DType::f32 ? sizeof(float) : sizeof(double));
  auto* dst = static_cast<unsigned char*>(batch_X_.data());
  const auto* src = static_cast<const unsigned char*>(X_.data);
  for (std::size_t k = 0; k < count; ++k) {
    std::memcpy(dst + k * bytes, src + rows[k] * bytes, bytes);
    batch_y_[k] = y_[rows[k]];
    batch_s_[k] = sample_weight_ ? sample_weight_[rows[k]] : 1.0;
  }
  const double b = fit_intercept_ ? theta(d) : 0.0;
  const double sum = loss_gradient(kernel_, batch_X_.view(), batch_y_.data(),
                                   sample_weight_ ? batch_s_.data() : nullptr, theta.data(), b,
                                   scratch_.data());
  return finish(theta, sum, count, grad);
}

void LogLoss::hessian(const Vector& theta, DenseMatrix& H) {
  const std::size_t n = X_.rows, d = X_.cols, m = dim();
  const double b = fit_intercept_ ? theta(d) : 0.0;
  std::vector<double> c(n);
  decision_function(kernel_, X_, theta.data(), b, c.data());
  for (std::size_t i = 0; i < n; ++i) {  // cᵢ = sᵢ σ(zᵢ)(1 − σ(zᵢ))
    const double p = sigmoid(c[i]);
    c[i] = (sample_weight_ ? sample_weight_[i] : 1.0) * p * (1 - p);
  }
  std::vector<double> G((d + 1) * (d + 1));
  weighted_gram(X_, c.data(), G.data());
  H.resize({m, m});
  const double inv_n = 1.0 / double(n);
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < m; ++k) H(j, k) = G[j * (d + 1) + k] * inv_n;
  for (std::size_t j = 0; j < d; ++j) H(j, j) += penalty_.l2;
}

// L = λ_max((1/n)[X 1]ᵀ diag(s) [X 1]) / 4 + λ₂, since σ' ≤ 1/4 (MATH.md). λ_max by power
// iteration on the (d + 1)² Gram matrix, then inflated slightly: the Rayleigh quotient
// approaches λ_max from below.
double LogLoss::lipschitz_bound() {
  if (lipschitz_ >= 0) return lipschitz_;
  const std::size_t n = X_.rows, d = X_.cols, m = fit_intercept_ ? d + 1 : d;
  std::vector<double> c(n);
  for (std::size_t i = 0; i < n; ++i) c[i] = sample_weight_ ? sample_weight_[i] : 1.0;
  std::vector<double> G((d + 1) * (d + 1));
  weighted_gram(X_, c.data(), G.data());
  std::vector<double> v(m, 1.0 / std::sqrt(double(m))), u(m);
  double lambda = 0;
  for (int it = 0; it < 1000; ++it) {
    double norm = 0, rayleigh = 0;
    for (std::size_t j = 0; j < m; ++j) {
      double acc = 0;
      for (std::size_t k = 0; k < m; ++k) acc += G[j * (d + 1) + k] * v[k];
      u[j] = acc;
      rayleigh += acc * v[j];
      norm += acc * acc;
    }
    norm = std::sqrt(norm);
    if (norm == 0) break;
    for (std::size_t j = 0; j < m; ++j) v[j] = u[j] / norm;
    const bool settled = std::fabs(rayleigh - lambda) <= 1e-12 * rayleigh;
    lambda = rayleigh;
    if (settled) break;
  }
  lipschitz_ = lambda * (1 + 1e-6) / (4.0 * double(n)) + penalty_.l2;
  return lipschitz_;
}

}  // namespace logreg
