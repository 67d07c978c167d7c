// SPDX-License-Identifier: MIT
#include "special.hpp"

#include <cmath>
#include <limits>

namespace logreg::special {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTwoOverSqrtPi = 1.12837916709551257390;    // 2/√π
constexpr double kInvSqrt2Hi = 0.70710678118654757;          // 1/√2 rounded to double
constexpr double kInvSqrt2Lo = -4.8336466567264567e-17;      // 1/√2 − kInvSqrt2Hi
constexpr double kInvSqrt2Pi = 0.39894228040143267794;       // 1/√(2π)
constexpr double kEps = 1e-17;                                // series / fraction stopping test
constexpr double kTiny = 1e-300;                              // Lentz's guard against 0

// erfc(x) with x = xh + xl, |xl| ≤ ulp(xh) (a double-double argument), xh ≥ −0.75.
//
// |xh| < 0.75: 1 − erf(x), erf by its Maclaurin series
//   erf(x) = (2/√π) Σₙ (−1)ⁿ x^(2n+1) / (n! (2n + 1)),
// terms fall at least like 0.56ⁿ/n!; erfc ≥ 0.28 here, so 1 − erf costs ≤ 2 ulps. xl enters
// to first order: erfc(xh + xl) = erfc(xh) − xl·(2/√π)e^(−xh²).
//
// xh ≥ 0.75: Laplace's continued fraction in its even contraction (A&S 7.1.14),
//   erfc(x) = (2/√π) x e^(−x²) / K,  K = 2x² + 1 − 1·2/(2x² + 5 − 3·4/(2x² + 9 − …)). K varies
// slowly (relative sensitivity to x below 1), so it is evaluated at xh; e^(−x²) is not:
// x² = sh + sl exactly to double-double (fma), and e^(−x²) = e^(−sh)·(1 − sl). Rounding x² to
// a double would cost up to x²·1.1e-16 relative (7e-14 at x = 26).
double erfc_dd(double xh, double xl) {
  if (std::fabs(xh) < 0.75) {
    const double x2 = xh * xh;
    double term = xh, sum = xh;
    for (int n = 1; n < 60; ++n) {
      term *= -x2 / n;
      const double add = term / (2 * n + 1);
      sum += add;
      if (std::fabs(add) <= kEps * std::fabs(sum)) break;
    }
    return (1.0 - kTwoOverSqrtPi * sum) - xl * kTwoOverSqrtPi * std::exp(-x2);
  }
  if (xh > 40) return 0.0;  // e^(−x²) < 1e-695: below the smallest denormal
  // K evaluated backwards from a fixed depth N (bottom-up: each rounding is damped by the
  // levels above it). Forward (Lentz) evaluation accumulates ~N roundings in its running
  // product, up to 2e-14 near x = 1; backwards it is ≤ 2.2e-16 for x ≥ 0.75 (measured against
  // mpmath). N = 20 + 200/x² is ≥ 2× the depth the fraction needs to converge to 1e-17
  // (≈ 140 terms at x = 0.75, 28 at 2, 3 at 26).
  const double two_x2 = 2 * xh * xh;
  const int depth = 20 + int(200 / (xh * xh));
  double f = two_x2 + 4.0 * depth + 1;
  for (int k = depth - 1; k >= 0; --k) {
    const double a = -double(2 * k + 1) * double(2 * k + 2);
    f = (two_x2 + 4.0 * k + 1) + a / f;
  }
  const double sh = xh * xh;
  const double sl = std::fma(xh, xh, -sh) + 2 * xh * xl;
  const double e = std::exp(-sh);
  return kTwoOverSqrtPi * (xh + xl) * (e - e * sl) / f;
}

// Knuth's two-sum: s + err = a + b exactly.
void two_sum(double a, double b, double& s, double& err) {
  s = a + b;
  const double bb = s - a;
  err = (a - (s - bb)) + (b - bb);
}

// A double-double hi + lo; add() keeps the sum's rounding error in lo.
struct DD {
  double hi = 0, lo = 0;
  void add(double v) {
    double s, e;
    two_sum(hi, v, s, e);
    hi = s;
    lo += e;
  }
  void add(const DD& v) {
    add(v.hi);
    lo += v.lo;
  }
};

// c·log(x) as a double-double, x > 0 finite, c ≥ 0. With x = m·2^k, m ∈ [√½, √2):
// log x = k·ln2_hi + (log m + k·ln2_lo), where k·ln2_hi is exact (ln2_hi has 21 trailing zero
// bits) and |log m| ≤ 0.35, so the only rounding that matters, log m's, is ≤ 0.35·ε/2
// absolute, whatever the size of x: c·log x is then good to ~c·2e-17 absolute instead of
// c·|log x|·ε/2 (≈ 2e-14 for c = 50, x = 100) with a plain c*std::log(x).
DD scaled_log(double c, double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // fdlibm's ln2_hi
  constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 − ln2_hi
  constexpr double kSqrtHalf = 0.70710678118654752440;
  int k = 0;
  double m = std::frexp(x, &k);  // m ∈ [½, 1)
  if (m < kSqrtHalf) {
    m *= 2;
    --k;
  }
  const double l1 = k * kLn2Hi;
  const double l2 = std::log(m) + k * kLn2Lo;
  DD r;
  r.hi = c * l1;
  r.lo = std::fma(c, l1, -r.hi);
  r.add(c * l2);
  return r;
}

// log Γ(a) for a > 0 as a double-double. a ≥ 10: Stirling's series
//   log Γ(a) = (a − ½) log a − a + ½ log(2π) + Σₖ B₂ₖ / (2k(2k − 1) a^(2k−1)),
// seven terms (the first omitted one is < 3e-17 at a = 10), with (a − ½) log a from
// scaled_log; the absolute error stays ~1e-16·(1 + a·1e-1) instead of |log Γ(a)|·ε (1.6e-14
// at a = 50). a < 10: the C library's lgamma (|log Γ| < 12.9 there, so ≤ ~2e-15 absolute).
DD log_gamma(double a) {
  DD r;
  if (a < 10) {
    r.hi = std::lgamma(a);
    return r;
  }
  constexpr double kHalfLog2PiHi = 0.9189385332046728;
  constexpr double kHalfLog2PiLo = -3.8782941580672414e-17;
  r = scaled_log(a - 0.5, a);  // a − ½ is exact for a ≥ 1
  r.add(-a);
  r.add(kHalfLog2PiHi);
  const double ia = 1 / a, ia2 = ia * ia;
  const double series =
      ia * (1.0 / 12 +
            ia2 * (-1.0 / 360 +
                   ia2 * (1.0 / 1260 +
                          ia2 * (-1.0 / 1680 +
                                 ia2 * (1.0 / 1188 + ia2 * (-691.0 / 360360 + ia2 * (1.0 / 156)))))));
  r.lo += kHalfLog2PiLo + series;
  return r;
}

// e^(e.hi + e.lo) (the pair renormalized first, so e.lo ≤ ulp(e.hi)/2).
double exp_dd(const DD& e) {
  double h, l;
  two_sum(e.hi, e.lo, h, l);
  const double v = std::exp(h);
  return v + v * std::expm1(l);
}

// The lower tail Φ(x) = P(Z ≤ x).
double normal_cdf(double x) { return normal_sf(-x); }

}  // namespace

double erfc(double x) {
  if (std::isnan(x)) return x;
  if (-x >= 0.75) return 2.0 - erfc_dd(-x, 0.0);
  return erfc_dd(x, 0.0);
}

double normal_two_sided_p(double z) {
  if (std::isnan(z)) return z;
  const double a = std::fabs(z);
  if (a > 60) return 0.0;  // erfc(42) ≈ 1e-768
  // x = a/√2 as xh + xl: the product a·(hi + lo) with its rounding error recovered by fma.
  const double xh = a * kInvSqrt2Hi;
  const double xl = std::fma(a, kInvSqrt2Hi, -xh) + a * kInvSqrt2Lo;
  return erfc_dd(xh, xl);
}

double normal_sf(double z) {
  if (std::isnan(z)) return z;
  const double half = 0.5 * normal_two_sided_p(z);
  return z >= 0 ? half : 1.0 - half;
}

double normal_quantile(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return kNaN;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  if (p > 0.5) return -normal_quantile(1.0 - p);  // 1 − p exact for p ≥ ½ (Sterbenz)

  // Acklam's rational approximation of Φ⁻¹ (relative error < 1.15e-9), lower half.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00, 2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // Halley's method on Φ(x) − p = 0 (cubic convergence: 1e-9 → 1e-27 → exact). The residual
  // uses the accurate tail Φ(x) = ½ erfc(−x/√2); φ only scales the step.
  for (int it = 0; it < 2; ++it) {
    const double phi = kInvSqrt2Pi * std::exp(-0.5 * x * x);
    if (!(phi > 0) || !std::isfinite(phi)) break;  // p denormal: keep the approximation
    const double u = (normal_cdf(x) - p) / phi;
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

double gamma_q(double a, double x) {
  if (std::isnan(a) || std::isnan(x) || !(a > 0)) return kNaN;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  // log of the common factor e^(−x) x^a / Γ(a): E = −x + a·log x − log Γ(a), double-double.
  // Its absolute error is the result's relative error; x is exact, so only the roundings of
  // log m and log Γ(a) remain (see scaled_log, log_gamma).
  DD E = scaled_log(a, x);
  E.add(-x);
  DD lg = log_gamma(a);
  lg.hi = -lg.hi;
  lg.lo = -lg.lo;
  E.add(lg);

  if (x < a + 1) {
    // P(a, x) = e^(−x) x^a / Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n)); the factor 1/a turns
    // Γ(a) into Γ(a + 1). Q = 1 − P (≥ 0.08 here, so at most a few ulps are lost).
    double ap = a, del = 1 / a, sum = del;
    for (int n = 1; n < 100000; ++n) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (std::fabs(del) <= kEps * std::fabs(sum)) break;
    }
    return 1.0 - sum * exp_dd(E);
  }
  // Q(a, x) = e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(…)))
  // (Numerical Recipes' gcf), modified Lentz.
  double b = x + 1 - a, C = 1 / kTiny, D = 1 / b, h = D;
  for (int i = 1; i < 100000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    D = an * D + b;
    if (std::fabs(D) < kTiny) D = kTiny;
    C = b + an / C;
    if (std::fabs(C) < kTiny) C = kTiny;
    D = 1 / D;
    const double delta = D * C;
    h *= delta;
    if (std::fabs(delta - 1) <= 1e-16) break;
  }
  return h * exp_dd(E);
}

double chi2_sf(double x, double df) {
  if (std::isnan(x) || std::isnan(df) || !(df > 0)) return kNaN;
  if (x <= 0) return 1.0;
  return gamma_q(0.5 * df, 0.5 * x);
}

}  // namespace logreg::special
