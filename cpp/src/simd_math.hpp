// SPDX-License-Identifier: MIT
// Internal to the SIMD kernel (kernels_simd.cpp) and its tests: a thin 128-bit vector layer
// and the vectorized elementary functions the fused gradient pass needs.
//
// One source, two instruction sets:
//   - WebAssembly simd128 (em++ -msimd128): <wasm_simd128.h> intrinsics;
//   - x86-64 SSE2 (the baseline of every x86-64 CPU, so no -m flag is needed): <emmintrin.h>.
// Two vector types, F32x4 (4 floats) and F64x2 (2 doubles), with the same operations, so the
// kernel and the math below are written once and instantiated for float and double data.
//
// Elementary functions (only the ranges the logistic loss needs):
//   exp_nonpositive(x) = eˣ for x ≤ 0     (e^(−|z|) ∈ [0, 1] is the only exponential used)
//   log1p_unit(e)      = log(1 + e) for e ∈ [0, 1]
// The double versions follow fdlibm (Sun's freely distributable libm: e_exp.c, s_log1p.c):
// < 1 ulp, subnormal results included. The float versions are shorter (the kernel's f32 path
// is the speed-critical one): Chebyshev-fitted polynomials; measured against the exact values
// on dense grids, exp ≤ 1.3 ulp and log1p ≤ 2 ulp of float (tests/cpp/test_kernels.cpp).
#pragma once

#include <cstdint>
#include <type_traits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define LOGREG_SIMD_WASM 1
#elif defined(__SSE2__)
#include <emmintrin.h>
#define LOGREG_SIMD_SSE2 1
#else
#error \
    "LOGREG_SIMD needs WebAssembly simd128 (-msimd128) or x86-64 SSE2; configure with -DLOGREG_SIMD=OFF"
#endif

#define LOGREG_INLINE inline __attribute__((always_inline))

namespace logreg::simd {

// ----------------------------------------------------------------------------------------------
// The vector layer. Loads and stores are unaligned; comparisons return all-ones lanes (masks)
// stored in the same vector type; select(m, a, b) = m ? a : b lane by lane.
// ----------------------------------------------------------------------------------------------
#if LOGREG_SIMD_WASM
using f32x4_t = v128_t;
using f64x2_t = v128_t;
#else
using f32x4_t = __m128;
using f64x2_t = __m128d;
#endif

struct F32x4 {
  using scalar = float;
  static constexpr int lanes = 4;
  f32x4_t v;
};
struct F64x2 {
  using scalar = double;
  static constexpr int lanes = 2;
  f64x2_t v;
};

#if LOGREG_SIMD_WASM
LOGREG_INLINE F32x4 splat(float a) { return {wasm_f32x4_splat(a)}; }
LOGREG_INLINE F64x2 splat(double a) { return {wasm_f64x2_splat(a)}; }
LOGREG_INLINE F32x4 load(const float* p) { return {wasm_v128_load(p)}; }
LOGREG_INLINE F64x2 load(const double* p) { return {wasm_v128_load(p)}; }
LOGREG_INLINE void store(float* p, F32x4 a) { wasm_v128_store(p, a.v); }
LOGREG_INLINE void store(double* p, F64x2 a) { wasm_v128_store(p, a.v); }

LOGREG_INLINE F32x4 operator+(F32x4 a, F32x4 b) { return {wasm_f32x4_add(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator-(F32x4 a, F32x4 b) { return {wasm_f32x4_sub(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator*(F32x4 a, F32x4 b) { return {wasm_f32x4_mul(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator/(F32x4 a, F32x4 b) { return {wasm_f32x4_div(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator+(F64x2 a, F64x2 b) { return {wasm_f64x2_add(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator-(F64x2 a, F64x2 b) { return {wasm_f64x2_sub(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator*(F64x2 a, F64x2 b) { return {wasm_f64x2_mul(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator/(F64x2 a, F64x2 b) { return {wasm_f64x2_div(a.v, b.v)}; }

// pmax(a, b) = a < b ? b : a: one x86 instruction (f32x4.max would add NaN/±0 fix-ups).
LOGREG_INLINE F32x4 max(F32x4 a, F32x4 b) { return {wasm_f32x4_pmax(a.v, b.v)}; }
LOGREG_INLINE F64x2 max(F64x2 a, F64x2 b) { return {wasm_f64x2_pmax(a.v, b.v)}; }
/// −|a|: the sign bit set (one OR; abs-then-negate costs V8 four instructions).
LOGREG_INLINE F32x4 neg_abs(F32x4 a) { return {wasm_v128_or(a.v, wasm_f32x4_splat(-0.0f))}; }
LOGREG_INLINE F64x2 neg_abs(F64x2 a) { return {wasm_v128_or(a.v, wasm_f64x2_splat(-0.0))}; }
LOGREG_INLINE F32x4 cmp_gt(F32x4 a, F32x4 b) { return {wasm_f32x4_gt(a.v, b.v)}; }
LOGREG_INLINE F64x2 cmp_gt(F64x2 a, F64x2 b) { return {wasm_f64x2_gt(a.v, b.v)}; }
LOGREG_INLINE F32x4 cmp_ge(F32x4 a, F32x4 b) { return {wasm_f32x4_ge(a.v, b.v)}; }
LOGREG_INLINE F64x2 cmp_ge(F64x2 a, F64x2 b) { return {wasm_f64x2_ge(a.v, b.v)}; }
LOGREG_INLINE F32x4 select(F32x4 m, F32x4 a, F32x4 b) {
  return {wasm_v128_bitselect(a.v, b.v, m.v)};
}
LOGREG_INLINE F32x4 bit_and(F32x4 a, F32x4 m) { return {wasm_v128_and(a.v, m.v)}; }
LOGREG_INLINE F64x2 bit_and(F64x2 a, F64x2 m) { return {wasm_v128_and(a.v, m.v)}; }
LOGREG_INLINE F64x2 select(F64x2 m, F64x2 a, F64x2 b) {
  return {wasm_v128_bitselect(a.v, b.v, m.v)};
}

/// Lanes 0–1 and 2–3 of a widened to double (exact).
LOGREG_INLINE F64x2 widen_lo(F32x4 a) { return {wasm_f64x2_promote_low_f32x4(a.v)}; }
LOGREG_INLINE F64x2 widen_hi(F32x4 a) {
  return {wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(a.v, a.v, 2, 3, 2, 3))};
}
/// [a0, a1, b0, b1] rounded to float.
LOGREG_INLINE F32x4 narrow(F64x2 a, F64x2 b) {
  return {wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(a.v), wasm_f32x4_demote_f64x2_zero(b.v),
                             0, 1, 4, 5)};
}

/// [Σa, Σb, Σc, Σd]: the four horizontal sums, by a 4 × 4 transpose-and-add.
LOGREG_INLINE F32x4 hsum4(F32x4 a, F32x4 b, F32x4 c, F32x4 d) {
  const v128_t ab = wasm_f32x4_add(wasm_i32x4_shuffle(a.v, b.v, 0, 4, 1, 5),   // [a0 b0 a1 b1]
                                   wasm_i32x4_shuffle(a.v, b.v, 2, 6, 3, 7));  // [a2 b2 a3 b3]
  const v128_t cd = wasm_f32x4_add(wasm_i32x4_shuffle(c.v, d.v, 0, 4, 1, 5),
                                   wasm_i32x4_shuffle(c.v, d.v, 2, 6, 3, 7));
  return {wasm_f32x4_add(wasm_i32x4_shuffle(ab, cd, 0, 1, 4, 5),    // [a02 b02 c02 d02]
                         wasm_i32x4_shuffle(ab, cd, 2, 3, 6, 7))};  // [a13 b13 c13 d13]
}
/// [Σa, Σb].
LOGREG_INLINE F64x2 hsum2(F64x2 a, F64x2 b) {
  return {wasm_f64x2_add(wasm_i64x2_shuffle(a.v, b.v, 0, 2), wasm_i64x2_shuffle(a.v, b.v, 1, 3))};
}

/// 2^(k + bias) where t = 1.5·2²³ + k holds the integer k in its low mantissa bits (as left by
/// magic-number rounding). The exponent field is (bits(t) + 127 + bias) << 23: the magic's own
/// bits are shifted out. Needs 0 < k + 127 + bias < 255.
LOGREG_INLINE F32x4 pow2_from_magic(F32x4 t, int bias) {
  return {wasm_i32x4_shl(wasm_i32x4_add(t.v, wasm_i32x4_splat(127 + bias)), 23)};
}
/// The same for doubles, t = 1.5·2⁵² + k; needs 0 < k + 1023 + bias < 2047.
LOGREG_INLINE F64x2 pow2_from_magic(F64x2 t, int bias) {
  return {wasm_i64x2_shl(wasm_i64x2_add(t.v, wasm_i64x2_splat(1023 + bias)), 52)};
}

#else  // SSE2

LOGREG_INLINE F32x4 splat(float a) { return {_mm_set1_ps(a)}; }
LOGREG_INLINE F64x2 splat(double a) { return {_mm_set1_pd(a)}; }
LOGREG_INLINE F32x4 load(const float* p) { return {_mm_loadu_ps(p)}; }
LOGREG_INLINE F64x2 load(const double* p) { return {_mm_loadu_pd(p)}; }
LOGREG_INLINE void store(float* p, F32x4 a) { _mm_storeu_ps(p, a.v); }
LOGREG_INLINE void store(double* p, F64x2 a) { _mm_storeu_pd(p, a.v); }

LOGREG_INLINE F32x4 operator+(F32x4 a, F32x4 b) { return {_mm_add_ps(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator-(F32x4 a, F32x4 b) { return {_mm_sub_ps(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator*(F32x4 a, F32x4 b) { return {_mm_mul_ps(a.v, b.v)}; }
LOGREG_INLINE F32x4 operator/(F32x4 a, F32x4 b) { return {_mm_div_ps(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator+(F64x2 a, F64x2 b) { return {_mm_add_pd(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator-(F64x2 a, F64x2 b) { return {_mm_sub_pd(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator*(F64x2 a, F64x2 b) { return {_mm_mul_pd(a.v, b.v)}; }
LOGREG_INLINE F64x2 operator/(F64x2 a, F64x2 b) { return {_mm_div_pd(a.v, b.v)}; }

// maxps(a, b) = a > b ? a : b (b when either is NaN).
LOGREG_INLINE F32x4 max(F32x4 a, F32x4 b) { return {_mm_max_ps(a.v, b.v)}; }
LOGREG_INLINE F64x2 max(F64x2 a, F64x2 b) { return {_mm_max_pd(a.v, b.v)}; }
LOGREG_INLINE F32x4 neg_abs(F32x4 a) { return {_mm_or_ps(_mm_set1_ps(-0.0f), a.v)}; }
LOGREG_INLINE F64x2 neg_abs(F64x2 a) { return {_mm_or_pd(_mm_set1_pd(-0.0), a.v)}; }
LOGREG_INLINE F32x4 cmp_gt(F32x4 a, F32x4 b) { return {_mm_cmpgt_ps(a.v, b.v)}; }
LOGREG_INLINE F64x2 cmp_gt(F64x2 a, F64x2 b) { return {_mm_cmpgt_pd(a.v, b.v)}; }
LOGREG_INLINE F32x4 cmp_ge(F32x4 a, F32x4 b) { return {_mm_cmpge_ps(a.v, b.v)}; }
LOGREG_INLINE F64x2 cmp_ge(F64x2 a, F64x2 b) { return {_mm_cmpge_pd(a.v, b.v)}; }
LOGREG_INLINE F32x4 select(F32x4 m, F32x4 a, F32x4 b) {
  return {_mm_or_ps(_mm_and_ps(m.v, a.v), _mm_andnot_ps(m.v, b.v))};
}
LOGREG_INLINE F32x4 bit_and(F32x4 a, F32x4 m) { return {_mm_and_ps(a.v, m.v)}; }
LOGREG_INLINE F64x2 bit_and(F64x2 a, F64x2 m) { return {_mm_and_pd(a.v, m.v)}; }
LOGREG_INLINE F64x2 select(F64x2 m, F64x2 a, F64x2 b) {
  return {_mm_or_pd(_mm_and_pd(m.v, a.v), _mm_andnot_pd(m.v, b.v))};
}

LOGREG_INLINE F64x2 widen_lo(F32x4 a) { return {_mm_cvtps_pd(a.v)}; }
LOGREG_INLINE F64x2 widen_hi(F32x4 a) { return {_mm_cvtps_pd(_mm_movehl_ps(a.v, a.v))}; }
LOGREG_INLINE F32x4 narrow(F64x2 a, F64x2 b) {
  return {_mm_movelh_ps(_mm_cvtpd_ps(a.v), _mm_cvtpd_ps(b.v))};
}

LOGREG_INLINE F32x4 hsum4(F32x4 a, F32x4 b, F32x4 c, F32x4 d) {
  const __m128 ab = _mm_add_ps(_mm_unpacklo_ps(a.v, b.v), _mm_unpackhi_ps(a.v, b.v));
  const __m128 cd = _mm_add_ps(_mm_unpacklo_ps(c.v, d.v), _mm_unpackhi_ps(c.v, d.v));
  return {_mm_add_ps(_mm_movelh_ps(ab, cd), _mm_movehl_ps(cd, ab))};
}
LOGREG_INLINE F64x2 hsum2(F64x2 a, F64x2 b) {
  return {_mm_add_pd(_mm_unpacklo_pd(a.v, b.v), _mm_unpackhi_pd(a.v, b.v))};
}

LOGREG_INLINE F32x4 pow2_from_magic(F32x4 t, int bias) {
  return {_mm_castsi128_ps(
      _mm_slli_epi32(_mm_add_epi32(_mm_castps_si128(t.v), _mm_set1_epi32(127 + bias)), 23))};
}
LOGREG_INLINE F64x2 pow2_from_magic(F64x2 t, int bias) {
  return {_mm_castsi128_pd(_mm_slli_epi64(
      _mm_add_epi64(_mm_castpd_si128(t.v), _mm_set1_epi64x(std::int64_t(1023 + bias))), 52))};
}
#endif

LOGREG_INLINE F32x4 operator-(F32x4 a) { return splat(0.0f) - a; }
LOGREG_INLINE F64x2 operator-(F64x2 a) { return splat(0.0) - a; }

/// Loads V::lanes doubles as a vector of V's scalar (rounded to float for F32x4).
LOGREG_INLINE F64x2 load_from_double(const double* p, F64x2) { return load(p); }
LOGREG_INLINE F32x4 load_from_double(const double* p, F32x4) {
  return narrow(load(p), load(p + 2));
}

// ----------------------------------------------------------------------------------------------
// X2<V>: two vectors processed in lockstep (and X2<X2<V>>: four). The per-row math below is
// a long chain of dependent operations (~40 deep, with divisions); written on X2, each step
// issues independent instructions for several vectors, which keeps more of them in flight
// than the out-of-order window finds in one chain. The kernel uses four vectors (16 float or
// 8 double rows per step): measured 5–15% faster than two under V8, and more than one.
// ----------------------------------------------------------------------------------------------
template <class V>
struct X2 {
  using scalar = typename V::scalar;
  static constexpr int lanes = 2 * V::lanes;
  V a, b;
};

template <class V>
LOGREG_INLINE X2<V> operator+(X2<V> x, X2<V> y) {
  return {x.a + y.a, x.b + y.b};
}
template <class V>
LOGREG_INLINE X2<V> operator-(X2<V> x, X2<V> y) {
  return {x.a - y.a, x.b - y.b};
}
template <class V>
LOGREG_INLINE X2<V> operator*(X2<V> x, X2<V> y) {
  return {x.a * y.a, x.b * y.b};
}
template <class V>
LOGREG_INLINE X2<V> operator/(X2<V> x, X2<V> y) {
  return {x.a / y.a, x.b / y.b};
}
template <class V>
LOGREG_INLINE X2<V> operator-(X2<V> x) {
  return {-x.a, -x.b};
}
template <class V>
LOGREG_INLINE X2<V> max(X2<V> x, X2<V> y) {
  return {max(x.a, y.a), max(x.b, y.b)};
}
template <class V>
LOGREG_INLINE X2<V> neg_abs(X2<V> x) {
  return {neg_abs(x.a), neg_abs(x.b)};
}
template <class V>
LOGREG_INLINE X2<V> cmp_gt(X2<V> x, X2<V> y) {
  return {cmp_gt(x.a, y.a), cmp_gt(x.b, y.b)};
}
template <class V>
LOGREG_INLINE X2<V> cmp_ge(X2<V> x, X2<V> y) {
  return {cmp_ge(x.a, y.a), cmp_ge(x.b, y.b)};
}
template <class V>
LOGREG_INLINE X2<V> select(X2<V> m, X2<V> x, X2<V> y) {
  return {select(m.a, x.a, y.a), select(m.b, x.b, y.b)};
}
template <class V>
LOGREG_INLINE X2<V> bit_and(X2<V> x, X2<V> m) {
  return {bit_and(x.a, m.a), bit_and(x.b, m.b)};
}
template <class V>
LOGREG_INLINE X2<V> pow2_from_magic(X2<V> t, int bias) {
  return {pow2_from_magic(t.a, bias), pow2_from_magic(t.b, bias)};
}
template <class V>
LOGREG_INLINE X2<V> load_from_double(const double* p, X2<V>) {
  return {load_from_double(p, V{}), load_from_double(p + V::lanes, V{})};
}
template <class V>
struct Loader {
  static LOGREG_INLINE V get(const typename V::scalar* p) { return load(p); }
};
template <class V>
struct Loader<X2<V>> {
  static LOGREG_INLINE X2<V> get(const typename V::scalar* p) {
    return {Loader<V>::get(p), Loader<V>::get(p + V::lanes)};
  }
};
/// Loads V::lanes scalars into V (any nesting of X2).
template <class V>
LOGREG_INLINE V load_vec(const typename V::scalar* p) {
  return Loader<V>::get(p);
}
template <class V>
LOGREG_INLINE void store(typename V::scalar* p, X2<V> x) {
  store(p, x.a);
  store(p + V::lanes, x.b);
}

/// The lane-wise sum of the parts of an X2 (any nesting), as one vector.
LOGREG_INLINE F32x4 fold(F32x4 v) { return v; }
LOGREG_INLINE F64x2 fold(F64x2 v) { return v; }
template <class V>
LOGREG_INLINE auto fold(X2<V> x) {
  return fold(x.a + x.b);
}

/// A constant in every lane of V (F32x4, F64x2 or X2 of them).
template <class V>
struct Constant {
  static LOGREG_INLINE V make(double c) { return splat(typename V::scalar(c)); }
};
template <class V>
struct Constant<X2<V>> {
  static LOGREG_INLINE X2<V> make(double c) {
    const V v = Constant<V>::make(c);
    return {v, v};
  }
};
template <class V>
LOGREG_INLINE V constant(double c) {
  return Constant<V>::make(c);
}

template <class V>
constexpr bool is_f64 = std::is_same_v<typename V::scalar, double>;

/// A float or double with every bit set (a lane mask that keeps everything under bit_and).
template <class T>
inline T all_ones() {
  T t;
  __builtin_memset(&t, 0xff, sizeof t);
  return t;
}

// ----------------------------------------------------------------------------------------------
// eˣ for x ≤ 0.
//
// double (fdlibm e_exp.c, < 1 ulp):
//   Reduction: x = k·ln2 + r, k = round(x/ln2) by adding 1.5·2⁵², |r| ≤ ln2/2, with ln2 split
//   into hi + lo so that hi = x − k·ln2_hi is exact (ln2_hi has 32 significant bits).
//   On |r| ≤ ln2/2, R(r²) = 2 + P1·r² + … + P5·r¹⁰ is a Remez fit of r·(eʳ + 1)/(eʳ − 1);
//   with c = r − (R − 2) = r − r²(P1 + r²(P2 + … + r²P5)) this gives
//   eʳ = 1 + r + r·c/(2 − c), evaluated as 1 − ((lo − r·c/(2 − c)) − hi) (r = hi − lo).
//
// float (~1 ulp): the same reduction with ln2 = C1 + C2 (C1 = 0.693359375 has 9 bits, so k·C1
//   is exact) and eʳ ≈ 1 + r + r²·Q(r), Q of degree 4 (a Chebyshev fit of (eʳ − 1 − r)/r² on
//   |r| ≤ ln2/2: relative error 1e-8 before rounding), evaluated in Estrin form.
//
// Scaling eˣ = 2ᵏ·eʳ is done as (eʳ·2^(k+c))·2^(−c) (c = 60 resp. 30): the first product is
// exact and normal for every k the clamp allows, the second rounds once, so subnormal results
// (x < −708.4 resp. −87.3) are correctly rounded too and very negative x give 0 like std::exp.
// ----------------------------------------------------------------------------------------------
template <class V>
LOGREG_INLINE V exp_nonpositive(V x) {
  const auto C = [](double c) { return constant<V>(c); };
  if constexpr (is_f64<V>) {
    const V magic = C(0x1.8p52);  // adding it rounds to an integer (|·| < 2⁵¹)
    x = max(x, C(-746.0));        // e^(−746) < 2^(−1075): rounds to 0; keeps k ≥ −1077
    const V t = x * C(1.44269504088896338700e+00) + magic;  // 1.5·2⁵² + round(x/ln2)
    const V k = t - magic;
    const V hi = x - k * C(6.93147180369123816490e-01);  // exact
    const V lo = k * C(1.90821492927058770002e-10);
    const V r = hi - lo;
    const V rr = r * r;
    const V c = r - rr * (C(1.66666666666666019037e-01) +
                          rr * (C(-2.77777777770155933842e-03) +
                                rr * (C(6.61375632143793436117e-05) +
                                      rr * (C(-1.65339022054652515390e-06) +
                                            rr * C(4.13813679705723846039e-08)))));
    const V er = C(1.0) - ((lo - (r * c) / (C(2.0) - c)) - hi);  // eʳ ∈ [0.70, 1.42]
    return (er * pow2_from_magic(t, 60)) * C(0x1p-60);
  } else {
    const V magic = C(0x1.8p23);
    x = max(x, C(-104.0));  // e^(−104) < 2^(−150): rounds to 0; keeps k ≥ −150
    const V t = x * C(1.44269504088896341) + magic;
    const V k = t - magic;
    const V r = (x - k * C(0.693359375)) - k * C(-2.12194440e-4);
    const V r2 = r * r;
    const V q = (C(0.5) + C(0.1666657702559799) * r) +
                r2 * ((C(0.041666554662050534) + C(0.008363173074513711) * r) +
                      r2 * C(0.001392617611993558));
    const V er = (C(1.0) + r) + r2 * q;
    return (er * pow2_from_magic(t, 30)) * C(0x1p-30);
  }
}

// ----------------------------------------------------------------------------------------------
// log(1 + e) for e ∈ [0, 1]. `u` must be fl(1 + e) and `inv_u` ≈ 1/u (the kernel already has
// both from σ; the float version does not need them).
//
// double (fdlibm s_log1p.c, < 1 ulp). Write 1 + e = 2ᵏ(1 + f):
//   k = 0, f = e               when e < √2 − 1  (1 + e < √2: no rounding of 1 + e at all);
//   k = 1, f = u/2 − 1 (exact) otherwise, and c = (e − (u − 1))/u corrects for the rounding
//          of u = fl(1 + e) (Fast2Sum error term, exact since 1 ≥ e).
// Then log(1 + f) = 2·atanh(s), s = f/(2 + f), |s| ≤ 0.1716, evaluated as
//   f − (hfsq − s·(hfsq + R(s²))),  hfsq = f²/2,  R a degree-7 Remez polynomial in s²,
// and log(1 + e) = k·ln2_hi − ((hfsq − (s·(hfsq + R) + (k·ln2_lo + c))) − f).
//
// float (~1 ulp): no reduction needed at this precision. log(1 + e) = 2·atanh(s) with
//   s = e/(2 + e) ∈ [0, 1/3]: 2s + s·t·P(t), t = s² ≤ 1/9, P a degree-3 Chebyshev fit of
//   (2·atanh(s) − 2s)/(s·t) (relative error of the result 2e-8 before rounding).
//
// Tiny e (e^(−40), subnormals) come out as e itself in both.
// ----------------------------------------------------------------------------------------------
template <class V>
LOGREG_INLINE V log1p_unit(V e, [[maybe_unused]] V u, [[maybe_unused]] V inv_u) {
  const auto C = [](double c) { return constant<V>(c); };
  if constexpr (is_f64<V>) {
    const V one = C(1.0), half = C(0.5), zero = C(0.0);
    const V big = cmp_ge(e, C(0.41421356237309503));  // 1 + e ≥ √2
    const V f = select(big, half * u - one, e);
    const V corr = select(big, (e - (u - one)) * inv_u, zero);
    const V k = select(big, one, zero);
    const V hfsq = half * f * f;
    const V s = f / (C(2.0) + f);
    const V z = s * s;
    const V R = z * (C(6.666666666666735130e-01) +
                     z * (C(3.999999999940941908e-01) +
                          z * (C(2.857142874366239149e-01) +
                               z * (C(2.222219843214978396e-01) +
                                    z * (C(1.818357216161805012e-01) +
                                         z * (C(1.531383769920937332e-01) +
                                              z * C(1.479819860511658591e-01)))))));
    return k * C(6.93147180369123816490e-01) -
           ((hfsq - (s * (hfsq + R) + (k * C(1.90821492927058770002e-10) + corr))) - f);
  } else {
    const V s = e / (C(2.0) + e);
    const V t = s * s;
    const V P = (C(0.6666664033669923) + C(0.40007560644911205) * t) +
                (t * t) * (C(0.2823661980531048) + C(0.2685149802283715) * t);
    return (s + s) + (s * t) * P;
  }
}

/// log(1 + e) for e ∈ [0, 1] (standalone form, for tests).
template <class V>
LOGREG_INLINE V log1p_unit(V e) {
  const V u = constant<V>(1.0) + e;
  return log1p_unit(e, u, constant<V>(1.0) / u);
}

// ----------------------------------------------------------------------------------------------
// The per-row terms of the fused pass, for one vector of rows (see logreg::sigmoid and
// logreg::log_loss in math.hpp for the scalar forms these mirror):
//   e = e^(−|z|) ∈ (0, 1]                       (never overflows)
//   σ(−|z|) = e/(1 + e),  the smaller of σ(z) and 1 − σ(z) = σ(−z)
//   σ(z) − y = (1 − y) − σ(−|z|) for z ≥ 0,  σ(−|z|) − y for z < 0
//   ℓ(z, y) = log(1 + e^z) − y·z = log1p(e) + (1 − y)·max(z, 0) + y·max(−z, 0)
// (the caller multiplies both by the row weight s). The residual is formed from the small
// tail σ(−|z|) rather than from σ(z) rounded near 1, so a confidently right row (z = 20, y = 1)
// gives r = −e^(−20)·(1 + …), not 0: this matters in float, where σ(z) rounds to 1 from
// z ≈ 16.6 (in double from z ≈ 36.7, where the scalar reference, computing σ(z) − y, returns
// 0; the difference is below 2^(−53)·s). ℓ is a sum of non-negative terms for y ∈ [0, 1]: no
// cancellation (max(z, 0) − y·z would cancel for y near 1 and large z: a soft label
// y = 0.999999, z = 10⁴ gives ℓ ≈ 0.01 with a 5 % float error), and for y ∈ {0, 1} the linear
// part is exactly the reference's.
// ----------------------------------------------------------------------------------------------
template <class V>
LOGREG_INLINE void logistic_terms(V z, V y, V& r, V& loss) {
  const V one = constant<V>(1.0), zero = constant<V>(0.0);
  const V e = exp_nonpositive(neg_abs(z));
  const V u = one + e;
  const V inv_u = one / u;
  const V tail = e * inv_u;  // σ(−|z|)
  const V one_minus_y = one - y;
  r = select(cmp_ge(z, zero), one_minus_y - tail, tail - y);
  loss = log1p_unit(e, u, inv_u) + (one_minus_y * max(z, zero) + y * max(-z, zero));
}

}  // namespace logreg::simd
