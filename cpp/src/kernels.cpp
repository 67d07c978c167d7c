// SPDX-License-Identifier: MIT
// The scalar reference kernel, and the dispatch between it and the SIMD one.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels_impl.hpp"
#include "logreg/kernels.hpp"
#include "logreg/math.hpp"

namespace logreg {
namespace detail {

// Row by row, all in double: zᵢ = xᵢᵀw + b, rᵢ = sᵢ(σ(zᵢ) − yᵢ), loss += sᵢ(softplus(zᵢ) − yᵢzᵢ),
// grad_w += rᵢ xᵢ, grad_b += rᵢ. The definition the SIMD kernel is tested against.
template <class T>
double loss_gradient_scalar(const T* X, std::size_t n, std::size_t d, const double* y,
                            const double* sample_weight, const double* w, double b, double* grad,
                            double* z_out) {
  std::fill(grad, grad + d + 1, 0.0);
  double loss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T* x = X + i * d;
    double z = b;
    for (std::size_t j = 0; j < d; ++j) z += double(x[j]) * w[j];
    if (z_out) z_out[i] = z;
    const double s = sample_weight ? sample_weight[i] : 1.0;
    // One exponential serves both: t = e^(−|z|), σ(z) = 1/(1 + t) or t/(1 + t) by the sign of z,
    // log(1 + e^z) − yz = log1p(t) + (1 − y)max(z, 0) + y·max(−z, 0) (math.hpp's forms).
    const double t = std::exp(-std::fabs(z));
    const double p = z >= 0 ? 1.0 / (1.0 + t) : t / (1.0 + t);
    const double l = std::log1p(t);
    const double r = s * (p - y[i]);
    loss += s * (z > 0 ? l + (1 - y[i]) * z : l - y[i] * z);
    for (std::size_t j = 0; j < d; ++j) grad[j] += r * double(x[j]);
    grad[d] += r;
  }
  return loss;
}

template <class T>
void decision_function_scalar(const T* X, std::size_t n, std::size_t d, const double* w, double b,
                              double* z) {
  for (std::size_t i = 0; i < n; ++i) {
    const T* x = X + i * d;
    double acc = b;
    for (std::size_t j = 0; j < d; ++j) acc += double(x[j]) * w[j];
    z[i] = acc;
  }
}

template double loss_gradient_scalar<float>(const float*, std::size_t, std::size_t, const double*,
                                            const double*, const double*, double, double*,
                                            double*);
template double loss_gradient_scalar<double>(const double*, std::size_t, std::size_t,
                                             const double*, const double*, const double*, double,
                                             double*, double*);
template void decision_function_scalar<float>(const float*, std::size_t, std::size_t, const double*,
                                              double, double*);
template void decision_function_scalar<double>(const double*, std::size_t, std::size_t,
                                               const double*, double, double*);
}  // namespace detail

bool simd_available() {
#if LOGREG_SIMD
  return true;
#else
  return false;
#endif
}

Kernel default_kernel() { return simd_available() ? Kernel::simd : Kernel::scalar; }

double loss_gradient(Kernel kernel, const MatrixView& X, const double* y,
                     const double* sample_weight, const double* w, double b, double* grad,
                     double* z) {
  const std::size_t n = X.rows, d = X.cols;
#if LOGREG_SIMD
  if (kernel == Kernel::simd)
    return X.dtype == DType::f32
               ? detail::loss_gradient_simd(X.f32(), n, d, y, sample_weight, w, b, grad, z)
               : detail::loss_gradient_simd(X.f64(), n, d, y, sample_weight, w, b, grad, z);
#else
  (void)kernel;
#endif
  return X.dtype == DType::f32
             ? detail::loss_gradient_scalar(X.f32(), n, d, y, sample_weight, w, b, grad, z)
             : detail::loss_gradient_scalar(X.f64(), n, d, y, sample_weight, w, b, grad, z);
}

double score_roundoff(Kernel kernel, DType dtype) {
  return kernel == Kernel::simd && dtype == DType::f32 && simd_available() ? 0x1p-24 : 0x1p-53;
}

namespace {
// z = Wx + b for one row, all k classes; x widened to double.
template <class T>
void row_scores(const T* x, std::size_t d, std::size_t k, const double* W, const double* b,
                double* z) {
  for (std::size_t c = 0; c < k; ++c) {
    const double* w = W + c * d;
    double acc = b[c];
    for (std::size_t j = 0; j < d; ++j) acc += double(x[j]) * w[j];
    z[c] = acc;
  }
}

template <class T>
double softmax_pass(const T* X, std::size_t n, std::size_t d, const double* y, std::size_t k,
                    const double* sw, const double* W, const double* b, double* grad) {
  std::fill(grad, grad + k * d + k, 0.0);
  std::vector<double> z(k);
  double loss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T* x = X + i * d;
    row_scores(x, d, k, W, b, z.data());
    // log Σ e^z = m + log Σ e^(z − m), m = max z: no overflow, and the largest term is 1.
    const double m = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (std::size_t c = 0; c < k; ++c) sum += std::exp(z[c] - m);
    const double lse = m + std::log(sum);
    const std::size_t yi = std::size_t(y[i]);
    const double s = sw ? sw[i] : 1.0;
    loss += s * (lse - z[yi]);
    for (std::size_t c = 0; c < k; ++c) {
      const double r = s * (std::exp(z[c] - lse) - (c == yi ? 1.0 : 0.0));  // sᵢ(P_ic − [yᵢ = c])
      double* g = grad + c * d;
      for (std::size_t j = 0; j < d; ++j) g[j] += r * double(x[j]);
      grad[k * d + c] += r;
    }
  }
  return loss;
}
}  // namespace

namespace {
template <class T>
double squared_pass(const T* X, std::size_t n, std::size_t d, const double* y, const double* sw,
                    const double* w, double b, double* grad) {
  std::fill(grad, grad + d + 1, 0.0);
  double loss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T* x = X + i * d;
    double z = b;
    for (std::size_t j = 0; j < d; ++j) z += double(x[j]) * w[j];
    const double s = sw ? sw[i] : 1.0;
    const double p = sigmoid(z), e = p - y[i];
    loss += s * 0.5 * e * e;
    const double r = s * e * p * (1 - p);  // sᵢ (σ − y) σ'(z)
    for (std::size_t j = 0; j < d; ++j) grad[j] += r * double(x[j]);
    grad[d] += r;
  }
  return loss;
}
}  // namespace

double squared_loss_gradient(const MatrixView& X, const double* y, const double* sample_weight,
                             const double* w, double b, double* grad) {
  return X.dtype == DType::f32
             ? squared_pass(X.f32(), X.rows, X.cols, y, sample_weight, w, b, grad)
             : squared_pass(X.f64(), X.rows, X.cols, y, sample_weight, w, b, grad);
}

double softmax_loss_gradient(const MatrixView& X, const double* y, std::size_t k,
                             const double* sample_weight, const double* W, const double* b,
                             double* grad) {
  return X.dtype == DType::f32
             ? softmax_pass(X.f32(), X.rows, X.cols, y, k, sample_weight, W, b, grad)
             : softmax_pass(X.f64(), X.rows, X.cols, y, k, sample_weight, W, b, grad);
}

void softmax_scores(const MatrixView& X, std::size_t k, const double* W, const double* b, double* Z) {
  for (std::size_t i = 0; i < X.rows; ++i) {
    if (X.dtype == DType::f32)
      row_scores(X.f32() + i * X.cols, X.cols, k, W, b, Z + i * k);
    else
      row_scores(X.f64() + i * X.cols, X.cols, k, W, b, Z + i * k);
  }
}

void decision_function(Kernel kernel, const MatrixView& X, const double* w, double b, double* z) {
  const std::size_t n = X.rows, d = X.cols;
#if LOGREG_SIMD
  if (kernel == Kernel::simd) {
    if (X.dtype == DType::f32)
      detail::decision_function_simd(X.f32(), n, d, w, b, z);
    else
      detail::decision_function_simd(X.f64(), n, d, w, b, z);
    return;
  }
#else
  (void)kernel;
#endif
  if (X.dtype == DType::f32)
    detail::decision_function_scalar(X.f32(), n, d, w, b, z);
  else
    detail::decision_function_scalar(X.f64(), n, d, w, b, z);
}

}  // namespace logreg
