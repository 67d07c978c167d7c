// SPDX-License-Identifier: MIT
// Special functions for statistical inference (internal; not installed): the normal tail and
// quantile, and the regularized upper incomplete gamma function for χ² tails.
//
// Accuracy target: full double precision, relative, wherever the result is ≥ 1e-300 (so
// p-values are not rounded to 0 early). Measured against 50-digit mpmath values at the
// fixture's points (tests/fixtures/inference_reference.*, tests/cpp/test_inference.cpp),
// native (glibc) and wasm (musl) alike:
//   erfc                ≤ 7.6e-16 relative    normal_two_sided_p  ≤ 7.0e-16 (z up to 37.07)
//   normal_quantile     ≤ 2.2e-16             chi2_sf / gamma_q   ≤ 4.8e-15 (df ≤ 200)
// Only exp, expm1, log and (for a < 10) lgamma come from the C library; erfc does not.
#pragma once

namespace logreg::special {

/// @brief The complementary error function erfc(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt.
/// Series of erf for |x| < 0.75; above, Laplace's continued fraction (even contraction,
/// evaluated bottom-up from a fixed depth), with e^(−x²) evaluated from an exact split of x²
/// so the tail keeps full relative precision down to the underflow threshold (x ≈ 26.5 gives
/// 1e-308; results below 2.2e-308 are denormal, then 0 for x ≳ 27.3). erfc(−x) = 2 − erfc(x)
/// for x ≤ −0.75. NaN in, NaN out.
double erfc(double x);

/// @brief The two-sided standard-normal p-value P(|Z| ≥ |z|) = erfc(|z|/√2).
/// |z|/√2 is carried as a double-double (the rounding of a plain division would cost up to
/// z²·1.1e-16 relative in the tail: 1.5e-13 at z = 37). Full relative precision for every
/// p ≥ 1e-300 (|z| ≤ 37.0); p underflows gradually beyond and is 0 for |z| ≳ 38.6.
double normal_two_sided_p(double z);

/// @brief The upper tail Q(z) = P(Z ≥ z) = ½ erfc(z/√2), accurate in both tails.
double normal_sf(double z);

/// @brief The standard-normal quantile Φ⁻¹(p) for p in [0, 1] (−∞ at 0, +∞ at 1, NaN
/// outside). Acklam's rational approximation (relative error < 1.2e-9) refined by two Halley
/// steps on the lower tail Φ(x) = ½ erfc(−x/√2) computed as above, so Φ⁻¹(p) is accurate to
/// a few ulps for every normal p ≥ 2.2e-308, including p = 1e-300 (x ≈ −37.0). For p > ½ it
/// returns −Φ⁻¹(1 − p) (1 − p is exact there).
double normal_quantile(double p);

/// @brief The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), a > 0.
/// Numerical Recipes' split: x < a + 1 the series for P = 1 − Q, else the continued fraction
/// for Q (modified Lentz). The common factor e^(−x) x^a / Γ(a) is formed in log space with the
/// exponent −x + a·log x − log Γ(a) carried as a double-double (log x split as k·ln 2 + log m
/// with |log m| ≤ 0.35, log Γ by Stirling's series for a ≥ 10), so Q keeps its relative
/// accuracy in the far tail (down to 1e-300, x ≈ 690 for small a) instead of losing
/// |exponent|·1.1e-16 (7e-14 at 1e-300). Q(a, x ≤ 0) = 1; Q(a, ∞) = 0; NaN for a ≤ 0 or NaN
/// input.
double gamma_q(double a, double x);

/// @brief The χ² upper tail P(χ²_df ≥ x) = Q(df/2, x/2). 1 for x ≤ 0; NaN for df ≤ 0.
double chi2_sf(double x, double df);

}  // namespace logreg::special
