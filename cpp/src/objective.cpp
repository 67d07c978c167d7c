// SPDX-License-Identifier: MIT
#include <cmath>
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>
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
  // One pass: Σ sᵢ[log(1 + e^z) − yz], Xᵀ(s ⊙ (σ(z) − y)), Σ sᵢ(σ(z) − y) (and z if kept).
  const bool keep = keep_ && !kept_scores_.empty();
  const double sum = loss_gradient(kernel_, X_, y_, sample_weight_, theta.data(), b,
                                   scratch_.data(), keep ? kept_scores_.data() : nullptr);
  if (keep) kept_theta_.assign(theta.begin(), theta.end());
  return finish(theta, sum, X_.rows, grad);
}

double LogLoss::batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                     std::size_t count, Vector& grad) {
  const double* sw = batch_.gather(X_, y_, sample_weight_, rows, count);
  const double b = fit_intercept_ ? theta(X_.cols) : 0.0;
  const double sum =
      loss_gradient(kernel_, batch_.X.view(), batch_.y.data(), sw, theta.data(), b, scratch_.data());
  return finish(theta, sum, count, grad);
}

void LogLoss::hessian(const Vector& theta, DenseMatrix& H) {
  const std::size_t n = X_.rows, d = X_.cols, m = dim();
  const double b = fit_intercept_ ? theta(d) : 0.0;
  // [X 1]ᵀ diag(sᵢ σ(zᵢ)(1 − σ(zᵢ))) [X 1], one pass over X (kernels_gram.cpp).
  std::vector<double> G((d + 1) * (d + 1));
  logistic_gram(kernel_, X_, theta.data(), b, sample_weight_, G.data());
  H.resize({m, m});
  const double inv_n = 1.0 / double(n);
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < m; ++k) H(j, k) = G[j * (d + 1) + k] * inv_n;
  for (std::size_t j = 0; j < d; ++j) H(j, j) += penalty_.l2;
}

// L = λ_max((1/n)[X 1]ᵀ diag(s) [X 1]) / 4 + λ₂, since σ' ≤ 1/4 (MATH.md).
double LogLoss::lipschitz_bound() {
  if (lipschitz_ < 0)
    lipschitz_ = curvature_bound() * detail::gram_lambda_max(X_, sample_weight_, fit_intercept_, kernel_) /
                     double(X_.rows) +
                 penalty_.l2;
  return lipschitz_;
}

namespace detail {

const double* RowBatch::gather(const MatrixView& src, const double* labels,
                               const double* sample_weight, const std::size_t* rows,
                               std::size_t count) {
  const std::size_t d = src.cols;
  if (X.rows() != count || X.cols() != d || X.dtype() != src.dtype) X = Matrix(src.dtype, count, d);
  y.resize(count);
  s.resize(count);
  const std::size_t bytes = d * (src.dtype == DType::f32 ? sizeof(float) : sizeof(double));
  auto* dst = static_cast<unsigned char*>(X.data());
  const auto* from = static_cast<const unsigned char*>(src.data);
  for (std::size_t k = 0; k < count; ++k) {
    std::memcpy(dst + k * bytes, from + rows[k] * bytes, bytes);
    y[k] = labels[rows[k]];
    s[k] = sample_weight ? sample_weight[rows[k]] : 1.0;
  }
  return sample_weight ? s.data() : nullptr;
}

double lambda_max(const std::vector<double>& G, std::size_t m, std::size_t stride) {
  std::vector<double> v(m, 1.0 / std::sqrt(double(m))), u(m);
  double lambda = 0;
  for (int it = 0; it < 1000; ++it) {
    double norm = 0, rayleigh = 0;
    for (std::size_t j = 0; j < m; ++j) {
      double acc = 0;
      for (std::size_t k = 0; k < m; ++k) acc += G[j * stride + k] * v[k];
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
  return lambda * (1 + 1e-6);
}

double gram_lambda_max(const MatrixView& X, const double* sample_weight, bool fit_intercept,
                       Kernel kernel) {
  const std::size_t n = X.rows, d = X.cols;
  std::vector<double> c(n);
  for (std::size_t i = 0; i < n; ++i) c[i] = sample_weight ? sample_weight[i] : 1.0;
  std::vector<double> G((d + 1) * (d + 1));
  weighted_gram(kernel, X, c.data(), G.data());
  return lambda_max(G, fit_intercept ? d + 1 : d, d + 1);
}

}  // namespace detail

// ---- squared error (comparison only) --------------------------------------------------------

SquaredLoss::SquaredLoss(const MatrixView& X, const double* y, bool fit_intercept,
                         const double* sample_weight, Penalty penalty)
    : X_(X),
      y_(y),
      fit_intercept_(fit_intercept),
      sample_weight_(sample_weight),
      penalty_(penalty),
      scratch_(Vector::shape_type{X.cols + 1}) {}

double SquaredLoss::evaluate(const Vector& theta, const MatrixView& X, const double* y,
                             const double* sw, std::size_t n, Vector& grad) {
  const std::size_t d = X_.cols;
  const double b = fit_intercept_ ? theta(d) : 0.0;
  const double sum = squared_loss_gradient(X, y, sw, theta.data(), b, scratch_.data());
  const double inv_n = 1.0 / double(n);
  grad.resize({dim()});
  double value = sum * inv_n;
  for (std::size_t j = 0; j < d; ++j) {
    grad(j) = scratch_(j) * inv_n + penalty_.l2 * theta(j);
    value += 0.5 * penalty_.l2 * theta(j) * theta(j);
  }
  if (fit_intercept_) grad(d) = scratch_(d) * inv_n;
  return value;
}

double SquaredLoss::value_gradient(const Vector& theta, Vector& grad) {
  return evaluate(theta, X_, y_, sample_weight_, X_.rows, grad);
}

double SquaredLoss::batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                         std::size_t count, Vector& grad) {
  const double* sw = batch_.gather(X_, y_, sample_weight_, rows, count);
  return evaluate(theta, batch_.X.view(), batch_.y.data(), sw, count, grad);
}

void SquaredLoss::hessian(const Vector&, DenseMatrix&) {
  throw std::invalid_argument(
      "loss 'squared' is not convex, so Newton's method is not offered for it; use solver 'gd', "
      "'sgd' or 'lbfgs'");
}

double SquaredLoss::lipschitz_bound() {
  if (lipschitz_ < 0)
    lipschitz_ = curvature_bound() * detail::gram_lambda_max(X_, sample_weight_, fit_intercept_) /
                     double(X_.rows) +
                 penalty_.l2;
  return lipschitz_;
}

// ---- multinomial --------------------------------------------------------------------------

SoftmaxLoss::SoftmaxLoss(const MatrixView& X, const double* y, std::size_t k, bool fit_intercept,
                         bool pin_reference, const double* sample_weight, Penalty penalty)
    : X_(X),
      y_(y),
      k_(k),
      free_(pin_reference ? k - 1 : k),
      offset_(pin_reference ? 1 : 0),
      fit_intercept_(fit_intercept),
      sample_weight_(sample_weight),
      penalty_(penalty),
      W_(k * X.cols),
      b_(k),
      full_grad_(k * X.cols + k) {}

void SoftmaxLoss::unpack(const Vector& theta, std::vector<double>& W, std::vector<double>& b) const {
  const std::size_t d = X_.cols;
  W.assign(k_ * d, 0.0);
  b.assign(k_, 0.0);
  for (std::size_t q = 0; q < free_; ++q) {
    for (std::size_t j = 0; j < d; ++j) W[(q + offset_) * d + j] = theta(q * d + j);
    if (fit_intercept_) b[q + offset_] = theta(free_ * d + q);
  }
}

double SoftmaxLoss::evaluate(const Vector& theta, const MatrixView& X, const double* y,
                             const double* sw, std::size_t n, Vector& grad) {
  const std::size_t d = X_.cols;
  unpack(theta, W_, b_);
  const double sum = softmax_loss_gradient(X, y, k_, sw, W_.data(), b_.data(), full_grad_.data());
  const double inv_n = 1.0 / double(n);
  grad.resize({dim()});
  double value = sum * inv_n;
  for (std::size_t q = 0; q < free_; ++q) {
    const std::size_t c = q + offset_;
    for (std::size_t j = 0; j < d; ++j) {
      const double w = theta(q * d + j);
      grad(q * d + j) = full_grad_[c * d + j] * inv_n + penalty_.l2 * w;
      value += 0.5 * penalty_.l2 * w * w;
    }
    if (fit_intercept_) grad(free_ * d + q) = full_grad_[k_ * d + c] * inv_n;
  }
  return value;
}

double SoftmaxLoss::value_gradient(const Vector& theta, Vector& grad) {
  return evaluate(theta, X_, y_, sample_weight_, X_.rows, grad);
}

double SoftmaxLoss::batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                         std::size_t count, Vector& grad) {
  const double* sw = batch_.gather(X_, y_, sample_weight_, rows, count);
  return evaluate(theta, batch_.X.view(), batch_.y.data(), sw, count, grad);
}

// ∂²f/∂θ_(a,j)∂θ_(c,l) = (1/n) Σᵢ sᵢ P_ia (δ_ac − P_ic) x̃ᵢⱼ x̃ᵢₗ  (+ λ₂ on the W diagonal),
// x̃ᵢ = (xᵢ, 1) with an intercept. O(n K² (d + 1)²): meant for small problems (Newton).
// All K² blocks are summed (twice the minimum work) and the result made exactly symmetric.
void SoftmaxLoss::hessian(const Vector& theta, DenseMatrix& H) {
  const std::size_t n = X_.rows, d = X_.cols, m = dim(), e = d + (fit_intercept_ ? 1 : 0);
  unpack(theta, W_, b_);
  H = xt::zeros<double>({m, m});
  std::vector<double> z(k_), x(e);
  auto index = [&](std::size_t q, std::size_t j) { return j < d ? q * d + j : free_ * d + q; };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) x[j] = X_.at(i, j);
    if (fit_intercept_) x[d] = 1.0;
    softmax_scores(MatrixView(x.data(), 1, d), k_, W_.data(), b_.data(), z.data());
    const double zmax = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (double& v : z) sum += (v = std::exp(v - zmax));
    for (double& v : z) v /= sum;  // P_i·
    const double s = sample_weight_ ? sample_weight_[i] : 1.0;
    for (std::size_t a = 0; a < free_; ++a)
      for (std::size_t c = 0; c < free_; ++c) {
        const double pa = z[a + offset_], pc = z[c + offset_];
        const double coef = s * pa * ((a == c ? 1.0 : 0.0) - pc);
        for (std::size_t j = 0; j < e; ++j) {
          const double cj = coef * x[j];
          for (std::size_t l = 0; l < e; ++l) H(index(a, j), index(c, l)) += cj * x[l];
        }
      }
  }
  H *= 1.0 / double(n);
  for (std::size_t r = 0; r < m; ++r)  // exactly symmetric (the sums differ in the last bit)
    for (std::size_t t = 0; t < r; ++t) H(r, t) = H(t, r);
  for (std::size_t j = 0; j < free_ * d; ++j) H(j, j) += penalty_.l2;
}

// The softmax Hessian diag(P) − PPᵀ has eigenvalues ≤ 1/2, so
// L = λ_max((1/n)[X 1]ᵀ diag(s) [X 1]) / 2 + λ₂.
double SoftmaxLoss::lipschitz_bound() {
  if (lipschitz_ < 0)
    lipschitz_ = curvature_bound() * detail::gram_lambda_max(X_, sample_weight_, fit_intercept_) /
                     double(X_.rows) +
                 penalty_.l2;
  return lipschitz_;
}

// ---- standardization ----------------------------------------------------------------------

Standardized::Standardized(Objective& inner, const MatrixView& X, const double* sample_weight,
                           std::vector<double> mean, std::vector<double> scale, std::size_t blocks,
                           bool fit_intercept, Penalty penalty)
    : inner_(inner),
      X_(X),
      sample_weight_(sample_weight),
      mean_(std::move(mean)),
      scale_(std::move(scale)),
      blocks_(blocks),
      d_(X.cols),
      fit_intercept_(fit_intercept),
      penalty_(penalty) {
  if (!fit_intercept_) mean_.assign(d_, 0.0);  // without an intercept: scale only
}

// wⱼ = w̃ⱼ/σⱼ, b = b̃ − Σⱼ w̃ⱼ μⱼ/σⱼ, per block.
void Standardized::to_raw(const Vector& t, Vector& raw) const {
  raw.resize({t.size()});
  for (std::size_t q = 0; q < blocks_; ++q) {
    double shift = 0;
    for (std::size_t j = 0; j < d_; ++j) {
      const double w = scale_[j] > 0 ? t(q * d_ + j) / scale_[j] : 0.0;
      raw(q * d_ + j) = w;
      shift += w * mean_[j];
    }
    if (fit_intercept_) raw(blocks_ * d_ + q) = t(blocks_ * d_ + q) - shift;
  }
}

// w̃ⱼ = wⱼσⱼ, b̃ = b + Σⱼ wⱼμⱼ.
void Standardized::to_standardized(const Vector& raw, Vector& t) const {
  t.resize({raw.size()});
  for (std::size_t q = 0; q < blocks_; ++q) {
    double shift = 0;
    for (std::size_t j = 0; j < d_; ++j) {
      t(q * d_ + j) = raw(q * d_ + j) * scale_[j];
      shift += raw(q * d_ + j) * mean_[j];
    }
    if (fit_intercept_) t(blocks_ * d_ + q) = raw(blocks_ * d_ + q) + shift;
  }
}

// ∇θ̃ = Tᵀ∇θ: ∂/∂w̃ⱼ = (∂/∂wⱼ − μⱼ ∂/∂b)/σⱼ, ∂/∂b̃ = ∂/∂b; then the L2 term on w̃.
double Standardized::finish(const Vector& theta, double value, Vector& grad) {
  grad.resize({dim()});
  for (std::size_t q = 0; q < blocks_; ++q) {
    const double gb = fit_intercept_ ? raw_grad_(blocks_ * d_ + q) : 0.0;
    for (std::size_t j = 0; j < d_; ++j) {
      const std::size_t k = q * d_ + j;
      const double g = scale_[j] > 0 ? (raw_grad_(k) - mean_[j] * gb) / scale_[j] : 0.0;
      grad(k) = g + penalty_.l2 * theta(k);
      value += 0.5 * penalty_.l2 * theta(k) * theta(k);
    }
    if (fit_intercept_) grad(blocks_ * d_ + q) = gb;
  }
  return value;
}

double Standardized::value_gradient(const Vector& theta, Vector& grad) {
  to_raw(theta, raw_);
  return finish(theta, inner_.value_gradient(raw_, raw_grad_), grad);
}

double Standardized::batch_value_gradient(const Vector& theta, const std::size_t* rows,
                                          std::size_t count, Vector& grad) {
  to_raw(theta, raw_);
  return finish(theta, inner_.batch_value_gradient(raw_, rows, count, raw_grad_), grad);
}

// ∇²θ̃ = Tᵀ ∇²θ T with T the sparse map of to_raw (column k of T is to_raw of the k-th unit vector).
void Standardized::hessian(const Vector& theta, DenseMatrix& H) {
  to_raw(theta, raw_);
  DenseMatrix Hraw;
  inner_.hessian(raw_, Hraw);
  const std::size_t m = dim();
  DenseMatrix T = xt::zeros<double>({m, m});
  Vector unit = xt::zeros<double>({m}), col;
  for (std::size_t k = 0; k < m; ++k) {
    unit(k) = 1;
    to_raw(unit, col);
    for (std::size_t r = 0; r < m; ++r) T(r, k) = col(r);
    unit(k) = 0;
  }
  DenseMatrix HT = xt::zeros<double>({m, m});
  for (std::size_t r = 0; r < m; ++r)
    for (std::size_t c = 0; c < m; ++c) {
      double acc = 0;
      for (std::size_t l = 0; l < m; ++l) acc += Hraw(r, l) * T(l, c);
      HT(r, c) = acc;
    }
  H = xt::zeros<double>({m, m});
  for (std::size_t r = 0; r < m; ++r)
    for (std::size_t c = r; c < m; ++c) {
      double acc = 0;
      for (std::size_t l = 0; l < m; ++l) acc += T(l, r) * HT(l, c);
      H(r, c) = H(c, r) = acc;
    }
  for (std::size_t k = 0; k < blocks_ * d_; ++k) H(k, k) += penalty_.l2;
}

// L = c λ_max(G̃)/n + λ₂ with G̃ = T₁ᵀ G T₁ the Gram matrix of the standardized [X̃ 1]
// (T₁ the one-block map: x̃ⱼ = (xⱼ − μⱼ)/σⱼ).
double Standardized::lipschitz_bound() {
  if (lipschitz_ >= 0) return lipschitz_;
  const std::size_t n = X_.rows, e = d_ + 1;
  std::vector<double> c(n);
  for (std::size_t i = 0; i < n; ++i) c[i] = sample_weight_ ? sample_weight_[i] : 1.0;
  std::vector<double> G(e * e), Gs(e * e);
  weighted_gram(X_, c.data(), G.data());
  // Column j of [X̃ 1] = (column j − μⱼ·1)/σⱼ; the last column is 1.
  auto coef = [&](std::size_t row, std::size_t col) {  // T₁(row, col)
    if (col == d_) return row == d_ ? 1.0 : 0.0;
    if (scale_[col] == 0) return 0.0;
    if (row == col) return 1.0 / scale_[col];
    if (row == d_) return -mean_[col] / scale_[col];
    return 0.0;
  };
  for (std::size_t a = 0; a < e; ++a)
    for (std::size_t b = 0; b < e; ++b) {
      // Only rows a and d of T₁'s column a are non-zero, likewise for b.
      double sum = 0;
      const std::size_t ra[2] = {a, d_}, rb[2] = {b, d_};
      const std::size_t na = a == d_ ? 1 : 2, nb = b == d_ ? 1 : 2;
      for (std::size_t i = 0; i < na; ++i)
        for (std::size_t k = 0; k < nb; ++k)
          sum += coef(ra[i], a) * G[ra[i] * e + rb[k]] * coef(rb[k], b);
      Gs[a * e + b] = sum;
    }
  lipschitz_ = curvature_bound() * detail::lambda_max(Gs, fit_intercept_ ? e : d_, e) / double(n) +
               penalty_.l2;
  return lipschitz_;
}

}  // namespace logreg
