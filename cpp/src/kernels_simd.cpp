// SPDX-License-Identifier: MIT
// The SIMD fused gradient pass (compiled when LOGREG_SIMD=1): the contract of kernels.hpp,
//   loss = Σᵢ sᵢ ℓ(zᵢ, yᵢ),  grad_w = Σᵢ rᵢ xᵢ = Xᵀr,  grad_b = Σᵢ rᵢ,
//   zᵢ = xᵢᵀw + b,  rᵢ = sᵢ(σ(zᵢ) − yᵢ),
// computed with 128-bit vectors (wasm simd128 or SSE2, see simd_math.hpp).
//
// Design (blocked, measured on the Node 20 target; see tests/bench/bench_kernels.cpp):
// X is processed in blocks of B ≤ 64 rows (≤ 16 KiB, so a block stays in L1 between its two
// reads). For each block:
//   1. z = X_block w        column chunks of up to 8 vectors: the chunk of w stays in registers
//                           while each row's products are summed pairwise into one vector per
//                           row; groups of 4 rows are then reduced by a 4 × 4 transpose-and-add;
//   2. r, ℓ from z          one vectorized pass of e^(−|z|), σ and log1p over the block's z,
//                           four vectors (16 float / 8 double rows) at a time: the exponentials
//                           are computed across rows, the expensive part of a row-by-row kernel;
//   3. g += X_blockᵀ r      column chunks of up to 8 vectors accumulated in registers over the
//                           block's rows (one broadcast of r_i per row and chunk).
// All loads of one row use a single pointer with constant offsets, which V8 turns into
// addressing modes; phases 1 and 3 walk the block row by row in memory order.
// Loss and Σr go into double accumulators once per block. Phase 2 runs over the block's rows
// padded to a multiple of 16/8, the padding rows with z = −10³⁰ and y = 0 (and s = 0), whose
// r and ℓ are exactly 0. When d is not a multiple of the vector width L (4 floats, 2 doubles),
// the last d mod L columns are read by one more vector at column d − L, overlapping the last
// whole one, with the overlapping lanes masked off (TailColumns); only rows narrower than one
// vector (d < L) use scalar loops. So any n ≥ 0, d ≥ 1 and any pointer alignment work, and no
// load leaves X.
// Measured (Node 20, 2-core EPYC VM shared with other processes; profile of 10k × 32 f32):
// the three phases take ~38 / 37 / 25 % of the time, phase 1 as long with X already in L1 as
// without; phases 1 and 3 are bound by the FP add/multiply pipes (2 of each,
// and every element of X costs one multiply and one add in each phase: wasm has no FMA in
// Node 20 — relaxed-SIMD needs --experimental-wasm-relaxed-simd there, and clang 14 emits a
// pre-standard opcode V8 rejects). Tried and measured no faster: four rows × two accumulators
// with w reloaded (instead of w in registers), blocks of 32 or 128 rows, phase 2 on one or two
// vectors, touching the next block's cache lines during phase 2 (a wasm "prefetch": 15–25 %
// slower, the touching loads stall like demand loads), or row i + 8's lines during phase 1
// (20–40 % slower), phase 1 of the next block fused with phase 3 of this one, so that new
// lines stream in while cached rows are multiplied (~10 % slower: w and the accumulators no
// longer fit the 16 registers), and a separate instantiation for unweighted data (no
// multiplications by s: no measurable gain, +2 KiB gzip of wasm).
// Where the time goes at 100k × 32 f32 (perf with V8's --perf-prof, 2026-11): X (12.8 MB) is
// not kept by this VM's shared L3, and phase 1 spends about half the pass waiting on the first
// load of each new cache line; from L3 (16k rows) the same kernel runs ~1.5× faster, with
// phases 1 / 2 / 3 at ~30 / 35 / 25 % (phase 2's exp and log1p spill to the stack in V8).
// Precision:
//   - double data: double arithmetic throughout, exp/log1p within 1 ulp (simd_math.hpp). Only
//     the summation order differs from the scalar reference: agreement ~1e-15 relative on
//     well-scaled data (tests check 1e-13 for the loss and 1e-13·Σᵢ sᵢ|xᵢⱼ| for grad_j).
//   - float data: float arithmetic within a block (w rounded to float, z = Σⱼ xᵢⱼwⱼ + b in
//     float, σ/ℓ in float at ~1–2 ulp, and the partial sums of loss, Σr and Xᵀr over ≤ 64
//     rows), then each block's partial sums go into double accumulators, so the error does
//     not grow with n.
//     Error bound (float): each zᵢ = x_iᵀw carries |δzᵢ| ≤ γ_{d+1}·Σⱼ|xᵢⱼwⱼ| (γ_k = k·2⁻²⁴/(1 − k·2⁻²⁴),
//     w rounded to float included); then |δrᵢ| ≤ sᵢ(¼|δzᵢ| + 2⁻²²) (σ' ≤ ¼, σ within ~2 ulp);
//     a block's float sum over m ≤ 64 rows adds ≤ γ₆₄·Σᵢ|rᵢxᵢⱼ| ≤ 3.9e-6·Σᵢ sᵢ|xᵢⱼ| (|σ − y| ≤ 1
//     for y ∈ [0, 1]); the double sums over blocks add nothing visible. So
//       |δ grad_j| ≤ Σᵢ sᵢ|xᵢⱼ|·(3.9e-6 + 2.4e-7 + ¼ maxᵢ|δzᵢ|),
//     and likewise for the loss with |ℓ'| ≤ 1: both independent of n. Typical errors are ~√k
//     times smaller than these worst cases: ~1e-7 relative on the loss; the tests require
//     1e-5 (loss, relative; grad_j, relative to Σᵢ sᵢ|xᵢⱼ|), and dropping one row of the
//     data must break that tolerance (checked), so it stays meaningful.
//     e^(−|z|) underflows to 0 (float) for |z| > 103.9, where the reference keeps a double
//     ≲ 1e-45: an absolute difference below 1e-44 per row.
//   - both: r is formed from σ(−|z|), not from σ(z) rounded near 1 (see logistic_terms), so
//     where the reference's σ(z) − y rounds to 0 (z > 36.7 with y = 1) the kernel keeps
//     −e^(−z): a difference below 2^(−53) per row, in the kernel's favour.
// decision_function accumulates in double for both dtypes (it is not the hot path).
#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <vector>

#include "kernels_impl.hpp"
#include "simd_math.hpp"

namespace logreg::detail {
namespace {

using namespace logreg::simd;

template <class T>
struct VecOf;
template <>
struct VecOf<float> {
  using type = F32x4;
};
template <>
struct VecOf<double> {
  using type = F64x2;
};

constexpr std::size_t kMaxBlockRows = 64;   // also bounds the float partial sums
constexpr std::size_t kBlockBytes = 16384;  // a block of X stays in L1 from phase 1 to 3

/// Rows per block: as many as fit kBlockBytes, a multiple of 4 in [4, kMaxBlockRows].
std::size_t block_rows(std::size_t d, std::size_t elem_size) {
  const std::size_t fit = kBlockBytes / (d * elem_size);
  return std::min(kMaxBlockRows, std::max<std::size_t>(4, fit & ~std::size_t(3)));
}

/// out[0..3] = horizontal sums of a0..a3 (the four rows' dot products).
LOGREG_INLINE void store_row_sums(float* out, F32x4 a0, F32x4 a1, F32x4 a2, F32x4 a3) {
  store(out, hsum4(a0, a1, a2, a3));
}
LOGREG_INLINE void store_row_sums(double* out, F64x2 a0, F64x2 a1, F64x2 a2, F64x2 a3) {
  store(out, hsum2(a0, a1));
  store(out + 2, hsum2(a2, a3));
}

/// acc += v, lane-summed into doubles (acc's two lanes are summed at the end).
LOGREG_INLINE void accumulate(F64x2& acc, F64x2 v) { acc = acc + v; }
LOGREG_INLINE void accumulate(F64x2& acc, F32x4 v) { acc = acc + (widen_lo(v) + widen_hi(v)); }

/// out[0 .. lanes) = v's lanes as doubles (exact).
LOGREG_INLINE void store_widened(double* out, F64x2 v) { store(out, v); }
LOGREG_INLINE void store_widened(double* out, F32x4 v) {
  store(out, widen_lo(v));
  store(out + 2, widen_hi(v));
}

LOGREG_INLINE double lane_sum(F64x2 a) {
  alignas(16) double t[2];
  store(t, a);
  return t[0] + t[1];
}

/// p[0] + … + p[N − 1], summed pairwise (a tree of depth log₂N).
template <std::size_t N, class V>
LOGREG_INLINE V tree_sum(const V* p) {
  if constexpr (N == 1)
    return p[0];
  else
    return tree_sum<N / 2>(p) + tree_sum<N - N / 2>(p + N / 2);
}

/// Phase 1 on column chunks of C vectors: acc[i] (+)= Σ_{chunk} x_i ⊙ w (lane-wise partial sums
/// of row i's dot product; the chunk at column 0 stores, later ones add), for the m rows of a
/// block (stride d), in T arithmetic. The chunk of w stays in registers across the rows; each
/// row's C loads use one pointer with constant offsets.
template <class T, class V, std::size_t C>
LOGREG_INLINE std::size_t dot_chunks(const T* X, std::size_t m, std::size_t d, const T* w, V* acc,
                                     std::size_t j) {
  constexpr std::size_t L = V::lanes;
  for (; j + C * L <= d; j += C * L) {
    V wv[C];
    for (std::size_t c = 0; c < C; ++c) wv[c] = load(w + j + c * L);
    const T* x = X + j;
    if (j == 0) {  // the first chunk stores
      for (std::size_t i = 0; i < m; ++i, x += d) {
        V p[C];
        for (std::size_t c = 0; c < C; ++c) p[c] = load(x + c * L) * wv[c];
        acc[i] = tree_sum<C>(p);
      }
    } else {
      for (std::size_t i = 0; i < m; ++i, x += d) {
        V p[C];
        for (std::size_t c = 0; c < C; ++c) p[c] = load(x + c * L) * wv[c];
        acc[i] = acc[i] + tree_sum<C>(p);
      }
    }
  }
  return j;
}

/// The columns of a row as vectors: d / L whole vectors, then, when d is not a multiple of the
/// width L and d > L, one more vector loaded at column d − L that overlaps the last whole one;
/// its lanes that belong to the overlap are masked off (w has zeros there for phase 1, mask
/// all-zero bits for phase 3), so every column counts once and no load leaves the row. Rows
/// narrower than one vector (d < L) have no vectors: their columns go through scalar loops.
template <class T, class V>
struct TailColumns {
  alignas(16) T w[V::lanes];
  alignas(16) T mask[V::lanes];

  TailColumns(std::size_t d, const T* w_full) {
    constexpr std::size_t L = V::lanes;
    for (std::size_t k = 0; k < L; ++k) {
      const bool own = d > L && d % L && k >= L - d % L;  // lane k is column d − L + k
      w[k] = own ? w_full[d - L + k] : T(0);
      mask[k] = own ? all_ones<T>() : T(0);
    }
  }
};
/// True when a row has the overlapping tail vector.
template <class V>
LOGREG_INLINE bool has_tail(std::size_t d) {
  return d > V::lanes && d % V::lanes;
}

/// Phase 1: z_i = x_iᵀw for the m rows of a block, z padded with zeros to a multiple of 4.
/// acc holds ≥ m rounded up to 4 vectors.
template <class T, class V>
void dot_block(const T* X, std::size_t m, std::size_t d, const T* w, const V w_tail, V* acc,
               T* z) {
  constexpr std::size_t L = V::lanes;
  const std::size_t m4 = (m + 3) / 4 * 4;
  // Rows m..m4 − 1 pad the last group of 4; with no whole vector in a row, all are zero.
  for (std::size_t i = d < L ? 0 : m; i < m4; ++i) acc[i] = splat(T(0));
  std::size_t j = dot_chunks<T, V, 8>(X, m, d, w, acc, 0);
  j = dot_chunks<T, V, 4>(X, m, d, w, acc, j);
  j = dot_chunks<T, V, 1>(X, m, d, w, acc, j);
  if (has_tail<V>(d)) {
    const T* x = X + d - L;
    for (std::size_t i = 0; i < m; ++i, x += d) acc[i] = acc[i] + load(x) * w_tail;
  }
  for (std::size_t i = 0; i < m4; i += 4)
    store_row_sums(z + i, acc[i], acc[i + 1], acc[i + 2], acc[i + 3]);
  if (d < L)  // rows narrower than a vector
    for (j = 0; j < d; ++j)
      for (std::size_t i = 0; i < m; ++i) z[i] += X[i * d + j] * w[j];
}

/// Phase 3 on column chunks of C vectors: g[j..] += Σ_{i<m} r_i x_i[j..], accumulated in
/// registers across the block's rows (C independent chains); g is loaded and stored once.
template <class T, class V, std::size_t C>
LOGREG_INLINE std::size_t axpy_chunks(const T* X, std::size_t m, std::size_t d, const T* r, T* g,
                                      std::size_t j) {
  constexpr std::size_t L = V::lanes;
  for (; j + C * L <= d; j += C * L) {
    V a[C];
    for (std::size_t c = 0; c < C; ++c) a[c] = load(g + j + c * L);
    const T* x = X + j;
    for (std::size_t i = 0; i < m; ++i, x += d) {
      const V ri = splat(r[i]);
      for (std::size_t c = 0; c < C; ++c) a[c] = a[c] + ri * load(x + c * L);
    }
    for (std::size_t c = 0; c < C; ++c) store(g + j + c * L, a[c]);
  }
  return j;
}

/// Phase 3: g += X_blockᵀ r over the m rows of a block, in T arithmetic.
template <class T, class V>
void axpy_block(const T* X, std::size_t m, std::size_t d, const V tail_mask, const T* r, T* g) {
  constexpr std::size_t L = V::lanes;
  std::size_t j = axpy_chunks<T, V, 8>(X, m, d, r, g, 0);
  j = axpy_chunks<T, V, 4>(X, m, d, r, g, j);
  j = axpy_chunks<T, V, 1>(X, m, d, r, g, j);
  if (has_tail<V>(d)) {  // the overlapping vector: only its own lanes are added to g
    V a = splat(T(0));
    const T* x = X + d - L;
    for (std::size_t i = 0; i < m; ++i, x += d) a = a + splat(r[i]) * load(x);
    store(g + d - L, load(g + d - L) + bit_and(a, tail_mask));
  }
  if (d < L)  // rows narrower than a vector
    for (j = 0; j < d; ++j) {
      T s = g[j];
      for (std::size_t i = 0; i < m; ++i) s += r[i] * X[i * d + j];
      g[j] = s;
    }
}

template <class T>
double loss_gradient_blocked(const T* X, std::size_t n, std::size_t d, const double* y,
                             const double* sample_weight, const double* w, double b, double* grad,
                             double* z_out) {
  using V = typename VecOf<T>::type;
  using W = X2<X2<V>>;                 // phase 2 works on four vectors at once
  constexpr std::size_t G = W::lanes;  // phase 2's rows per step: 16 (float) or 8 (double)
  static_assert(G % 4 == 0 && kMaxBlockRows % G == 0, "row groups of 4 in phase 1");
  std::fill(grad, grad + d + 1, 0.0);
  if (n == 0) return 0.0;

  const std::size_t B = std::max(G, block_rows(d, sizeof(T)) / G * G);  // rows per block
  // Scratch: w in T and, for float data, the block's partial sums of Xᵀr.
  std::vector<T> scratch(2 * d, T(0));
  T* const wt = scratch.data();
  T* const gblock = wt + d;
  for (std::size_t j = 0; j < d; ++j) wt[j] = T(w[j]);
  const TailColumns<T, V> tail(d, wt);
  const V w_tail = load(tail.w), tail_mask = load(tail.mask);
  T* g;
  if constexpr (std::is_same_v<T, double>)
    g = grad;
  else
    g = gblock;

  V acc[kMaxBlockRows];             // phase 1's per-row partial sums
  alignas(16) T zb[kMaxBlockRows];  // the block's z (without b)
  alignas(16) T rb[kMaxBlockRows];  // the block's r
  double ypad[kMaxBlockRows], spad[kMaxBlockRows];
  const W bw = constant<W>(b), one = constant<W>(1.0);
  const T bt = T(b);
  F64x2 loss_acc = splat(0.0), r_acc = splat(0.0);

  for (std::size_t i0 = 0; i0 < n; i0 += B) {
    const std::size_t nb = std::min(B, n - i0);    // rows in this block
    const std::size_t nbp = (nb + G - 1) / G * G;  // … padded
    const T* const Xb = X + i0 * d;

    // 1. z_k = x_kᵀw.
    dot_block<T, V>(Xb, nb, d, wt, w_tail, acc, zb);

    // 2. r_k = s_k(σ(z_k) − y_k), loss += s_k ℓ(z_k, y_k). Padding rows (past nb) get
    //    z = −10³⁰, y = 0 (and s = 0): there e = 0, so r = 0 and ℓ = log1p(0) + 1·0 + 0·10³⁰ = 0
    //    exactly, without a mask.
    for (std::size_t k = nb; k < nbp; ++k) zb[k] = T(-1e30);
    const double* yb = y + i0;
    const double* sb = sample_weight ? sample_weight + i0 : nullptr;
    if (nb < nbp) {
      for (std::size_t k = 0; k < nbp; ++k) {
        ypad[k] = k < nb ? yb[k] : 0.0;
        spad[k] = k < nb && sb ? sb[k] : 0.0;
      }
      yb = ypad;
      if (sb) sb = spad;
    }
    W block_loss = constant<W>(0.0), block_r = block_loss;  // in T: ≤ 64 rows
    for (std::size_t k = 0; k < nbp; k += G) {
      const W z = load_vec<W>(zb + k) + bw;
      const W yv = load_from_double(yb + k, W{});
      const W sv = sb ? load_from_double(sb + k, W{}) : one;
      W r, l;
      logistic_terms(z, yv, r, l);
      r = sv * r;
      l = sv * l;
      store(rb + k, r);
      block_loss = block_loss + l;
      block_r = block_r + r;
    }
    accumulate(loss_acc, fold(block_loss));
    accumulate(r_acc, fold(block_r));
    if (z_out) {  // the scores as phase 2 formed them: z + b in T, widened exactly
      constexpr std::size_t L = V::lanes;
      const V bv = splat(bt);
      std::size_t k = 0;
      for (; k + L <= nb; k += L) store_widened(z_out + i0 + k, load(zb + k) + bv);
      for (; k < nb; ++k) z_out[i0 + k] = double(T(zb[k] + bt));
    }

    // 3. g += X_blockᵀ r over the block's rows.
    axpy_block<T, V>(Xb, nb, d, tail_mask, rb, g);

    if constexpr (std::is_same_v<T, float>) {  // block partial sums → double, reset
      std::size_t j = 0;
      for (; j + 4 <= d; j += 4) {
        const F32x4 p = load(gblock + j);
        store(grad + j, load(grad + j) + widen_lo(p));
        store(grad + j + 2, load(grad + j + 2) + widen_hi(p));
        store(gblock + j, splat(0.0f));
      }
      for (; j < d; ++j) {
        grad[j] += double(gblock[j]);
        gblock[j] = 0.0f;
      }
    }
  }
  grad[d] = lane_sum(r_acc);
  return lane_sum(loss_acc);
}

/// out[k] = x_kᵀw for four rows, in double (float data widened exactly).
LOGREG_INLINE void dot4_f64(const double* x0, const double* x1, const double* x2, const double* x3,
                            const double* w, std::size_t d, double* out) {
  F64x2 a0 = splat(0.0), a1 = a0, a2 = a0, a3 = a0;
  std::size_t j = 0;
  for (; j + 2 <= d; j += 2) {
    const F64x2 wj = load(w + j);
    a0 = a0 + load(x0 + j) * wj;
    a1 = a1 + load(x1 + j) * wj;
    a2 = a2 + load(x2 + j) * wj;
    a3 = a3 + load(x3 + j) * wj;
  }
  store_row_sums(out, a0, a1, a2, a3);
  for (; j < d; ++j) {
    out[0] += x0[j] * w[j];
    out[1] += x1[j] * w[j];
    out[2] += x2[j] * w[j];
    out[3] += x3[j] * w[j];
  }
}
LOGREG_INLINE void dot4_f64(const float* x0, const float* x1, const float* x2, const float* x3,
                            const double* w, std::size_t d, double* out) {
  F64x2 a0 = splat(0.0), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  std::size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    const F64x2 wl = load(w + j), wh = load(w + j + 2);
    const F32x4 v0 = load(x0 + j), v1 = load(x1 + j), v2 = load(x2 + j), v3 = load(x3 + j);
    a0 = a0 + widen_lo(v0) * wl;
    b0 = b0 + widen_hi(v0) * wh;
    a1 = a1 + widen_lo(v1) * wl;
    b1 = b1 + widen_hi(v1) * wh;
    a2 = a2 + widen_lo(v2) * wl;
    b2 = b2 + widen_hi(v2) * wh;
    a3 = a3 + widen_lo(v3) * wl;
    b3 = b3 + widen_hi(v3) * wh;
  }
  store(out, hsum2(a0 + b0, a1 + b1));
  store(out + 2, hsum2(a2 + b2, a3 + b3));
  for (; j < d; ++j) {
    out[0] += double(x0[j]) * w[j];
    out[1] += double(x1[j]) * w[j];
    out[2] += double(x2[j]) * w[j];
    out[3] += double(x3[j]) * w[j];
  }
}

template <class T>
void decision_function_blocked(const T* X, std::size_t n, std::size_t d, const double* w, double b,
                               double* z) {
  const std::vector<T> zero_row(d, T(0));
  const auto row = [&](std::size_t i) { return i < n ? X + i * d : zero_row.data(); };
  for (std::size_t i = 0; i < n; i += 4) {
    alignas(16) double out[4];
    dot4_f64(row(i), row(i + 1), row(i + 2), row(i + 3), w, d, out);
    for (std::size_t k = 0; k < 4 && i + k < n; ++k) z[i + k] = out[k] + b;
  }
}

}  // namespace

template <class T>
double loss_gradient_simd(const T* X, std::size_t n, std::size_t d, const double* y,
                          const double* sample_weight, const double* w, double b, double* grad,
                          double* z) {
  return loss_gradient_blocked(X, n, d, y, sample_weight, w, b, grad, z);
}

template <class T>
void decision_function_simd(const T* X, std::size_t n, std::size_t d, const double* w, double b,
                            double* z) {
  decision_function_blocked(X, n, d, w, b, z);
}

template double loss_gradient_simd<float>(const float*, std::size_t, std::size_t, const double*,
                                          const double*, const double*, double, double*, double*);
template double loss_gradient_simd<double>(const double*, std::size_t, std::size_t, const double*,
                                           const double*, const double*, double, double*, double*);
template void decision_function_simd<float>(const float*, std::size_t, std::size_t, const double*,
                                            double, double*);
template void decision_function_simd<double>(const double*, std::size_t, std::size_t, const double*,
                                             double, double*);

}  // namespace logreg::detail
