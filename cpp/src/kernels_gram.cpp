// SPDX-License-Identifier: MIT
// The weighted Gram matrix, the core of every Newton iteration (kernels.hpp):
//   G = [X 1]ᵀ diag(c) [X 1],  G_jk = Σᵢ cᵢ x̃ᵢⱼ x̃ᵢₖ,  x̃ᵢ = (xᵢ, 1),  m = d + 1,
// and its logistic form with cᵢ = sᵢ σ(zᵢ)(1 − σ(zᵢ)), zᵢ = xᵢᵀw + b (n times the log-loss
// Hessian), computed in the same single pass over X.
//
// Two implementations with one contract, both accumulating in double:
//   scalar — the reference: row by row, the upper triangle G_jk (k ≥ j) += (cᵢ x̃ᵢⱼ) x̃ᵢₖ.
//   simd   — blocked (LOGREG_SIMD builds): X is read once, in blocks of B = 64 rows. Each block
//            is transposed into a panel P (mp × B doubles, column j of the block as row j of
//            P, the 1 column as row d, a zero row when m is odd (mp = m rounded up to 2), zero
//            columns past the block's last row) and its weighted copy Q_j = c ∘ P_j. Then, over
//            tiles of 4 rows (j) × 2 columns (k) of G covering the upper triangle (2 × 2 on
//            the diagonal),
//              G_jk += Σᵢ Q_ji P_ki,
//            dot products along the block's rows with 2-double vectors: per 2 rows of X, 6
//            loads feed 8 multiply-adds into 8 vector accumulators held in registers; each
//            tile's accumulators are reduced (horizontal sums) once per block. The lower
//            triangle is mirrored at the end, so G is exactly symmetric.
//            Compute-bound: ~n·mp²/2 multiply-adds (vs n·m for a gradient pass).
// The logistic form computes zᵢ for a block (decision_function on the block's rows, while
// they are in cache) and cᵢ = sᵢ e/(1 + e)² with e = e^(−|zᵢ|) — the same as σ(z)(1 − σ(z)),
// without the cancellation of 1 − σ(z) for large z, and never overflowing.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "logreg/kernels.hpp"

#if LOGREG_SIMD
#include "simd_math.hpp"
#endif

namespace logreg {

namespace {

constexpr std::size_t kBlock = 64;  // rows per panel: P and Q stay in L1/L2 (2·34·64·8 = 34 KiB)

/// cᵢ = sᵢ σ(zᵢ)(1 − σ(zᵢ)) = sᵢ e/(1 + e)², e = e^(−|zᵢ|), in place over z.
void logistic_curvature(double* z, std::size_t count, const double* s) {
  for (std::size_t i = 0; i < count; ++i) {
    const double e = std::exp(-std::fabs(z[i]));
    const double u = 1.0 + e;
    z[i] = (s ? s[i] : 1.0) * (e / (u * u));
  }
}

// The reference: row by row, upper triangle, then mirrored.
template <class T>
void gram_scalar(const T* X, std::size_t n, std::size_t d, const double* c, double* G) {
  const std::size_t m = d + 1;
  std::fill(G, G + m * m, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const T* x = X + i * d;  // x̃ᵢ = (xᵢ, 1): the 1 is column d
    const double ci = c[i];
    for (std::size_t j = 0; j < d; ++j) {
      const double a = ci * double(x[j]);
      double* row = G + j * m;
      for (std::size_t k = j; k < d; ++k) row[k] += a * double(x[k]);
      row[d] += a;
    }
    G[d * m + d] += ci;
  }
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < j; ++k) G[j * m + k] = G[k * m + j];
}

#if LOGREG_SIMD
using simd::F64x2;

// The blocked kernel's state: the two panels and the padded accumulator (mp × mp).
class GramBlocks {
 public:
  explicit GramBlocks(std::size_t d)
      : d_(d), mp_((d + 2) & ~std::size_t(1)), P_(mp_ * kBlock), Q_(mp_ * kBlock), G_(mp_ * mp_) {}

  /// Adds rows [0, count) of the block X (row-major, d columns) with weights c.
  template <class T>
  void add(const T* X, std::size_t count, const double* c) {
    const std::size_t len = (count + 1) & ~std::size_t(1);  // whole vectors; the pad is zero
    pack(X, count, len, c);
    // Tiles covering k ≥ j: rows j0 … j0+3 (the last group may have 2 rows); the diagonal
    // 2 × 2 square of the group's first two rows, then columns from j0 + 2 on for all rows.
    for (std::size_t j0 = 0; j0 < mp_; j0 += 4) {
      tile<2>(j0, j0, len);
      if (j0 + 4 <= mp_)
        for (std::size_t k0 = j0 + 2; k0 < mp_; k0 += 2) tile<4>(j0, k0, len);
    }
  }

  /// G (m × m, row-major): the upper triangle accumulated, mirrored.
  void result(double* G) const {
    const std::size_t m = d_ + 1;
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t k = 0; k < m; ++k) G[j * m + k] = k >= j ? G_[j * mp_ + k] : G_[k * mp_ + j];
  }

 private:
  // P_ji = x̃ᵢⱼ, Q_ji = cᵢ x̃ᵢⱼ for i < count; zero for count ≤ i < len and for rows j > d.
  template <class T>
  void pack(const T* X, std::size_t count, std::size_t len, const double* c) {
    for (std::size_t i = 0; i < count; ++i) {
      const T* x = X + i * d_;
      const double ci = c[i];
      for (std::size_t j = 0; j < d_; ++j) {
        const double v = double(x[j]);
        P_[j * kBlock + i] = v;
        Q_[j * kBlock + i] = ci * v;
      }
      P_[d_ * kBlock + i] = 1.0;
      Q_[d_ * kBlock + i] = ci;
    }
    for (std::size_t j = 0; j < mp_; ++j) {
      const std::size_t from = j <= d_ ? count : 0;
      std::fill(&P_[j * kBlock + from], &P_[j * kBlock + len], 0.0);
      std::fill(&Q_[j * kBlock + from], &Q_[j * kBlock + len], 0.0);
    }
  }

  // G[j0 + r][k0 + s] += Σᵢ Q[j0 + r][i] P[k0 + s][i], r < R, s < 2: per 2 rows of X, R + 2
  // loads feed 2R multiply-adds into 2R accumulators (R = 4: 14 of the 16 vector registers).
  // Written out for R = 4 and R = 2 (an array of accumulators is not kept in registers).
  template <std::size_t R>
  void tile(std::size_t j0, std::size_t k0, std::size_t len) {
    static_assert(R == 2 || R == 4, "tiles of 2 or 4 rows");
    const double* q = &Q_[j0 * kBlock];
    const double* p = &P_[k0 * kBlock];
    const F64x2 zero = simd::splat(0.0);
    F64x2 a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero,
          a31 = zero;
    for (std::size_t i = 0; i < len; i += 2) {
      const F64x2 p0 = simd::load(p + i), p1 = simd::load(p + kBlock + i);
      const F64x2 q0 = simd::load(q + i), q1 = simd::load(q + kBlock + i);
      a00 = a00 + q0 * p0;
      a01 = a01 + q0 * p1;
      a10 = a10 + q1 * p0;
      a11 = a11 + q1 * p1;
      if constexpr (R == 4) {
        const F64x2 q2 = simd::load(q + 2 * kBlock + i), q3 = simd::load(q + 3 * kBlock + i);
        a20 = a20 + q2 * p0;
        a21 = a21 + q2 * p1;
        a30 = a30 + q3 * p0;
        a31 = a31 + q3 * p1;
      }
    }
    double* g = &G_[j0 * mp_ + k0];
    simd::store(g, simd::load(g) + simd::hsum2(a00, a01));
    simd::store(g + mp_, simd::load(g + mp_) + simd::hsum2(a10, a11));
    if constexpr (R == 4) {
      simd::store(g + 2 * mp_, simd::load(g + 2 * mp_) + simd::hsum2(a20, a21));
      simd::store(g + 3 * mp_, simd::load(g + 3 * mp_) + simd::hsum2(a30, a31));
    }
  }

  std::size_t d_, mp_;
  std::vector<double> P_, Q_, G_;
};

// One pass over X in blocks; `weights(i0, count, c)` writes the block's cᵢ.
template <class T, class Weights>
void gram_blocked(const T* X, std::size_t n, std::size_t d, Weights&& weights, double* G) {
  GramBlocks blocks(d);
  double c[kBlock];
  for (std::size_t i0 = 0; i0 < n; i0 += kBlock) {
    const std::size_t count = std::min(kBlock, n - i0);
    weights(i0, count, c);
    blocks.add(X + i0 * d, count, c);
  }
  blocks.result(G);
}
#endif

template <class T>
void weighted_gram_typed(Kernel kernel, const T* X, std::size_t n, std::size_t d, const double* c,
                         double* G) {
#if LOGREG_SIMD
  if (kernel == Kernel::simd) {
    gram_blocked(
        X, n, d,
        [c](std::size_t i0, std::size_t count, double* out) { std::copy(c + i0, c + i0 + count, out); },
        G);
    return;
  }
#else
  (void)kernel;
#endif
  gram_scalar(X, n, d, c, G);
}

template <class T>
void logistic_gram_typed(Kernel kernel, const T* X, std::size_t n, std::size_t d, const double* w,
                         double b, const double* s, double* G) {
#if LOGREG_SIMD
  if (kernel == Kernel::simd) {
    gram_blocked(
        X, n, d,
        [&](std::size_t i0, std::size_t count, double* out) {
          decision_function(Kernel::simd, MatrixView(X + i0 * d, count, d), w, b, out);
          logistic_curvature(out, count, s ? s + i0 : nullptr);
        },
        G);
    return;
  }
#endif
  std::vector<double> c(n);
  decision_function(kernel, MatrixView(X, n, d), w, b, c.data());
  logistic_curvature(c.data(), n, s);
  gram_scalar(X, n, d, c.data(), G);
}

}  // namespace

void weighted_gram(Kernel kernel, const MatrixView& X, const double* c, double* G) {
  if (X.dtype == DType::f32)
    weighted_gram_typed(kernel, X.f32(), X.rows, X.cols, c, G);
  else
    weighted_gram_typed(kernel, X.f64(), X.rows, X.cols, c, G);
}

void weighted_gram(const MatrixView& X, const double* c, double* G) {
  weighted_gram(default_kernel(), X, c, G);
}

void logistic_gram(Kernel kernel, const MatrixView& X, const double* w, double b,
                   const double* sample_weight, double* G) {
  if (X.dtype == DType::f32)
    logistic_gram_typed(kernel, X.f32(), X.rows, X.cols, w, b, sample_weight, G);
  else
    logistic_gram_typed(kernel, X.f64(), X.rows, X.cols, w, b, sample_weight, G);
}

}  // namespace logreg
