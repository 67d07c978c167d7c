// SPDX-License-Identifier: MIT
// The fused gradient pass: one read of X per evaluation of the objective.
//
// For z_i = x_iᵀw + b and weights s_i (1 when `sample_weight` is null), one call computes
//   loss   = Σᵢ s_i [log(1 + e^(z_i)) − y_i z_i]          (sum, not mean)
//   grad_w = Σᵢ s_i (σ(z_i) − y_i) x_i                    (= Xᵀ r, r the weighted residual)
//   grad_b = Σᵢ s_i (σ(z_i) − y_i)
// and returns loss; grad has d + 1 entries (grad_w, then grad_b) and is overwritten.
// Callers divide by n (or Σ s_i) for the mean form J(w, b) of MATH.md.
//
// Two implementations with one contract: `scalar` is the plain row-by-row reference in
// double, always compiled; `simd` processes blocks of rows with 128-bit vectors (wasm
// simd128 or SSE2). Both accumulate the sums over rows in double.
#pragma once

#include <cstddef>

#include "logreg/matrix.hpp"

namespace logreg {

enum class Kernel { scalar, simd };

/// @brief The kernel used when the caller does not choose: simd when compiled in.
Kernel default_kernel();
/// @brief True when this build contains the SIMD kernel (LOGREG_SIMD).
bool simd_available();

/// @brief The fused loss + gradient pass described above.
/// @param X n × d features; @param y n labels in {0, 1} (any real works: the formula is used as is)
/// @param sample_weight n weights or nullptr; @param w d weights; @param b intercept
/// @param grad out, d + 1 doubles; @return the weighted loss sum
/// @param z out, optional (n doubles): the scores z_i the pass used, in its own arithmetic, so
/// that callers needing Xw + b of the same θ (the separation checks) need no second pass. They
/// are within (d + 2)·u·(Σ_j |x_ij w_j| + |b|) of decision_function's, u = score_roundoff()
/// (the scalar kernel's are decision_function_scalar's, bit for bit).
double loss_gradient(Kernel kernel, const MatrixView& X, const double* y,
                     const double* sample_weight, const double* w, double b, double* grad,
                     double* z = nullptr);

/// @brief u of loss_gradient's scores: 2⁻²⁴ when the SIMD kernel runs on float data (it sums
/// a row in float), else 2⁻⁵³ (double sums, only their order differs from decision_function).
double score_roundoff(Kernel kernel, DType dtype);

/// @brief z = Xw + b, n outputs (accumulated in double).
void decision_function(Kernel kernel, const MatrixView& X, const double* w, double b, double* z);

/// @brief The squared-error pass (for comparison with the cross-entropy; MATH.md):
///   loss = Σᵢ sᵢ ½(σ(zᵢ) − yᵢ)²,  grad_w = Σᵢ sᵢ (σ(zᵢ) − yᵢ) σ'(zᵢ) xᵢ,  grad_b = Σᵢ sᵢ (σ(zᵢ) − yᵢ) σ'(zᵢ)
/// with σ'(z) = σ(z)(1 − σ(z)), the factor that slows descent where predictions are
/// confidently wrong. grad has d + 1 entries; returns loss.
double squared_loss_gradient(const MatrixView& X, const double* y, const double* sample_weight,
                             const double* w, double b, double* grad);

/// @brief The multinomial (softmax) pass over k classes, W k × d row-major, b k entries:
///   z_ic = w_cᵀxᵢ + b_c,  P_ic = e^(z_ic) / Σ_c' e^(z_ic')   (max subtracted: log-sum-exp)
///   loss   = Σᵢ sᵢ [log Σ_c e^(z_ic) − z_{i,yᵢ}]
///   grad_W = Σᵢ sᵢ (P_ic − [yᵢ = c]) xᵢ (row c),  grad_b[c] = Σᵢ sᵢ (P_ic − [yᵢ = c])
/// y holds class indices 0 … k−1 (as doubles); grad has k·d + k entries (W, then b).
double softmax_loss_gradient(const MatrixView& X, const double* y, std::size_t k,
                             const double* sample_weight, const double* W, const double* b,
                             double* grad);

/// @brief Z = XWᵀ + b (n × k logits, row-major).
void softmax_scores(const MatrixView& X, std::size_t k, const double* W, const double* b, double* Z);

/// @brief G = Σᵢ cᵢ x̃ᵢ x̃ᵢᵀ with x̃ᵢ = (xᵢ, 1): the (d + 1) × (d + 1) weighted Gram matrix
/// [X 1]ᵀ diag(c) [X 1], full (both triangles, exactly symmetric), row-major, overwritten.
/// Accumulated in double (kernels_gram.cpp: scalar reference and blocked SIMD).
void weighted_gram(Kernel kernel, const MatrixView& X, const double* c, double* G);
/// @brief weighted_gram with the default kernel.
void weighted_gram(const MatrixView& X, const double* c, double* G);

/// @brief The same with cᵢ = sᵢ σ(zᵢ)(1 − σ(zᵢ)), zᵢ = xᵢᵀw + b (sᵢ = 1 when sample_weight is
/// null), in one pass over X: n times the log-loss Hessian, ∇²(Σᵢ sᵢ ℓᵢ) = [X 1]ᵀ diag(c) [X 1].
void logistic_gram(Kernel kernel, const MatrixView& X, const double* w, double b,
                   const double* sample_weight, double* G);

}  // namespace logreg
