// SPDX-License-Identifier: MIT
// The SIMD gradient kernel against the scalar reference (kernels.hpp), and the vectorized
// exp/log1p helpers it is built on against std::exp/std::log1p.
//
// Tolerances (see the precision notes in cpp/src/kernels_simd.cpp):
//   double data: loss 1e-13 relative; grad_j within 1e-13·Σᵢ sᵢ|xᵢⱼ| (the size of the terms
//                of grad_j = Σᵢ rᵢxᵢⱼ, |rᵢ| ≤ sᵢ: a relative bound that cancellation in the sum
//                cannot defeat);
//   float data:  the same with 1e-5 (float arithmetic inside each block of ≤ 64 rows).
// Every comparison is also checked to be sensitive: leaving one row out of the reference must
// exceed the tolerance, so a kernel that skips tail rows fails.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"

#if LOGREG_SIMD
#include "../../cpp/src/simd_math.hpp"
#endif

namespace {

using logreg::DType;
using logreg::Kernel;
using logreg::MatrixView;

// Random numbers identical on every platform: std::mt19937 is fully specified by the standard,
// the std:: distributions are not (normal_distribution differs between libstdc++ and libc++),
// so the transforms are ours and use exact arithmetic only.
class Rng {
 public:
  explicit Rng(std::uint32_t seed) : gen_(seed) {}
  /// Uniform on [0, 1) with 53 random bits (genrand_res53).
  double uniform() {
    const std::uint32_t a = gen_() >> 5, b = gen_() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Approximately standard normal: Irwin–Hall, the sum of 12 uniforms minus 6.
  double normal() {
    double s = 0;
    for (int k = 0; k < 12; ++k) s += uniform();
    return s - 6.0;
  }

 private:
  std::mt19937 gen_;
};

/// A data set held in both dtypes. Buffers start one element past their allocation, so the
/// kernel sees pointers that are not 16-byte aligned (except when offset = 0).
struct Problem {
  std::size_t n = 0, d = 0, offset = 1;
  std::vector<double> x64, y, s, w;
  std::vector<float> x32;
  double b = 0;

  const double* X64() const { return x64.data() + offset; }
  const float* X32() const { return x32.data() + offset; }
  const double* Y() const { return y.data() + offset; }
  const double* S() const { return s.data() + offset; }
  MatrixView view(DType dt) const {
    return dt == DType::f32 ? MatrixView(X32(), n, d) : MatrixView(X64(), n, d);
  }
};

/// X ~ N(0, 1), w ~ N(0, w_scale²/d) (so zᵢ has standard deviation ≈ w_scale), y ∈ {0, 1}
/// uniformly, sample weights uniform on [0, 2]. The float matrix is the double one rounded.
Problem make_problem(std::size_t n, std::size_t d, std::uint32_t seed, double w_scale = 1.0,
                     std::size_t offset = 1) {
  Rng rng(seed);
  Problem p;
  p.n = n;
  p.d = d;
  p.offset = offset;
  p.x64.assign(n * d + offset, 0.0);
  p.x32.assign(n * d + offset, 0.0f);
  p.y.assign(n + offset, 0.0);
  p.s.assign(n + offset, 0.0);
  for (std::size_t k = 0; k < n * d; ++k) {
    p.x64[offset + k] = rng.normal();
    p.x32[offset + k] = float(p.x64[offset + k]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    p.y[offset + i] = rng.uniform() < 0.5 ? 0.0 : 1.0;
    p.s[offset + i] = rng.uniform(0.0, 2.0);
  }
  p.w.resize(d);
  for (auto& wj : p.w) wj = rng.normal() * w_scale / std::sqrt(double(d));
  p.b = 0.25 * w_scale;
  return p;
}

/// How far `got` is from `ref`, in units of the tolerance's scale: the loss relative to |loss|,
/// grad_j relative to Σᵢ sᵢ|xᵢⱼ| (Σᵢ sᵢ for the intercept). The result is the maximum.
/// Per-row absolute slack on the loss: in float, e^(−|z|) underflows to 0 for |z| > 103.9, where
/// the double reference still holds up to ~1e-45 per row (and double subnormals may differ in
/// their last bit).
double loss_slack(DType dt, std::size_t rows) {
  return double(rows) * (dt == DType::f32 ? 1e-44 : 1e-320);
}

double kernel_error(const Problem& p, DType dt, const double* sw, std::size_t rows, double loss_ref,
                    const std::vector<double>& grad_ref, double loss,
                    const std::vector<double>& grad) {
  const MatrixView X = p.view(dt);
  const double loss_diff = std::max(0.0, std::fabs(loss - loss_ref) - loss_slack(dt, rows));
  double err = loss_diff == 0 ? 0.0 : loss_diff / std::fabs(loss_ref);
  for (std::size_t j = 0; j <= p.d; ++j) {
    double scale = 0;
    for (std::size_t i = 0; i < rows; ++i)
      scale += (sw ? sw[i] : 1.0) * (j < p.d ? std::fabs(X.at(i, j)) : 1.0);
    const double diff = std::fabs(grad[j] - grad_ref[j]);
    if (diff != 0) err = std::max(err, scale > 0 ? diff / scale : HUGE_VAL);
  }
  return std::isnan(err) ? HUGE_VAL : err;
}

/// Largest errors seen, for the report test.
double g_max_err[2][2] = {{0, 0}, {0, 0}};  // [dtype f32/f64][unweighted/weighted]

/// One shape, one dtype, with or without weights: simd vs scalar, plus the sensitivity check.
void compare_kernels(const Problem& p, DType dt, bool weighted, double tol,
                     bool check_sensitivity = true) {
  const double* sw = weighted ? p.S() : nullptr;
  const MatrixView X = p.view(dt);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> g_ref(p.d + 1, nan), g_simd(p.d + 1, nan);
  const double l_ref =
      logreg::loss_gradient(Kernel::scalar, X, p.Y(), sw, p.w.data(), p.b, g_ref.data());
  const double l_simd =
      logreg::loss_gradient(Kernel::simd, X, p.Y(), sw, p.w.data(), p.b, g_simd.data());

  INFO("n = " << p.n << ", d = " << p.d << ", " << (dt == DType::f32 ? "f32" : "f64")
              << (weighted ? ", weighted" : ", unweighted") << "; loss scalar " << l_ref
              << ", simd " << l_simd);
  REQUIRE(std::isfinite(l_simd));
  for (double g : g_simd) REQUIRE(std::isfinite(g));  // every entry written, none NaN
  const double err = kernel_error(p, dt, sw, p.n, l_ref, g_ref, l_simd, g_simd);
  CHECK(err <= tol);
  double& worst = g_max_err[dt == DType::f64][weighted];
  worst = std::max(worst, err);

  if (check_sensitivity && p.n >= 1) {
    // A kernel that dropped the last row would be caught: the reference without it is
    // further from the full reference than the tolerance.
    const MatrixView Xm(dt == DType::f32 ? MatrixView(p.X32(), p.n - 1, p.d)
                                         : MatrixView(p.X64(), p.n - 1, p.d));
    std::vector<double> g_short(p.d + 1);
    const double l_short =
        logreg::loss_gradient(Kernel::scalar, Xm, p.Y(), sw, p.w.data(), p.b, g_short.data());
    CHECK(kernel_error(p, dt, sw, p.n, l_ref, g_ref, l_short, g_short) > tol);
  }
}

constexpr double kTolF64 = 1e-13;
constexpr double kTolF32 = 1e-5;

}  // namespace

TEST_CASE("simd loss_gradient matches the scalar reference on awkward shapes", "[kernels]") {
  if (!logreg::simd_available()) {
    WARN("LOGREG_SIMD is off: nothing to compare");
    return;
  }
  const std::size_t ns[] = {0, 1, 2, 3, 7, 15, 16, 17, 63, 64, 65, 1000};
  const std::size_t ds[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33};
  std::uint32_t seed = 1;
  for (std::size_t n : ns)
    for (std::size_t d : ds) {
      const Problem p = make_problem(n, d, seed++);
      for (bool weighted : {false, true}) {
        compare_kernels(p, DType::f64, weighted, kTolF64);
        compare_kernels(p, DType::f32, weighted, kTolF32);
      }
    }
}

TEST_CASE("simd loss_gradient: 16-byte aligned buffers, wide rows, more blocks", "[kernels]") {
  if (!logreg::simd_available()) return;
  // offset 0: aligned; d = 300 f64 makes blocks of 4 rows (16 KiB / 2400 B rounded down);
  // n = 4099 spans 64 full blocks of 64 rows and a 3-row tail.
  struct Shape {
    std::size_t n, d, offset;
  };
  for (const Shape& sh : {Shape{1000, 32, 0}, Shape{33, 300, 0}, Shape{33, 301, 1},
                          Shape{4099, 6, 1}, Shape{129, 1, 0}}) {
    const Problem p = make_problem(sh.n, sh.d, 7000 + std::uint32_t(sh.d), 1.0, sh.offset);
    for (bool weighted : {false, true}) {
      compare_kernels(p, DType::f64, weighted, kTolF64);
      compare_kernels(p, DType::f32, weighted, kTolF32);
    }
  }
}

TEST_CASE("simd loss_gradient reads nothing outside X (NaN around it changes nothing)",
          "[kernels]") {
  if (!logreg::simd_available()) return;
  // The kernel reads the last d mod L columns of a row with a vector that overlaps the
  // previous whole one (never past the row end), and pads blocks without reading more rows:
  // NaN just before X's first and after its last element must not reach the result.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::uint32_t seed = 9000;
  for (std::size_t n : {1, 5, 17, 65})
    for (std::size_t d : {1, 2, 3, 4, 5, 6, 7, 9, 31, 33}) {
      Problem p = make_problem(n, d, seed++, 1.0, 8);
      for (std::size_t k = 0; k < 8; ++k) {
        p.x64[k] = nan;
        p.x32[k] = float(nan);
        p.x64.push_back(nan);
        p.x32.push_back(float(nan));
      }
      for (bool weighted : {false, true}) {
        compare_kernels(p, DType::f64, weighted, kTolF64);
        compare_kernels(p, DType::f32, weighted, kTolF32);
      }
    }
}

TEST_CASE("simd loss_gradient stays finite and exact with extreme logits", "[kernels]") {
  if (!logreg::simd_available()) return;
  // One row per logit: d = 1, w = 1, b = 0, so z = x exactly (all values are floats too).
  // Covers e^(−|z|) from 1 down to subnormal (|z| = 745 in double, 88…104 in float) and 0.
  const double zs[] = {-1000, -745, -709, -104, -100, -88, -40, -20, -1,  -1e-8, 0,
                       1e-8,  1,    20,   40,   88,   100, 104, 709, 745, 1000};
  const double w = 1.0;
  for (DType dt : {DType::f64, DType::f32}) {
    const double rel = dt == DType::f64 ? kTolF64 : kTolF32;
    // Absolute slack on the loss only where the true value is below the dtype's subnormal
    // range; on r = σ(z) − y, the reference's own rounding of σ(z) near 1 (2^(−53)): the
    // kernel forms r from σ(−|z|) and keeps e^(−z) there (see simd_math.hpp).
    const double margin = loss_slack(dt, 1);
    const double r_margin = 0x1p-53;
    for (double z : zs)
      for (double y : {0.0, 1.0}) {
        const float xf = float(z);
        const MatrixView X = dt == DType::f32 ? MatrixView(&xf, 1, 1) : MatrixView(&z, 1, 1);
        double g_ref[2], g_simd[2];
        const double l_ref = logreg::loss_gradient(Kernel::scalar, X, &y, nullptr, &w, 0.0, g_ref);
        const double l_simd = logreg::loss_gradient(Kernel::simd, X, &y, nullptr, &w, 0.0, g_simd);
        INFO((dt == DType::f32 ? "f32" : "f64")
             << ": z = " << z << ", y = " << y << "; loss " << l_ref << " vs " << l_simd << ", r "
             << g_ref[1] << " vs " << g_simd[1]);
        REQUIRE(std::isfinite(l_simd));
        REQUIRE(std::isfinite(g_simd[0]));
        REQUIRE(std::isfinite(g_simd[1]));
        CHECK(std::fabs(l_simd - l_ref) <= rel * std::fabs(l_ref) + margin);
        CHECK(std::fabs(g_simd[1] - g_ref[1]) <= rel * std::fabs(g_ref[1]) + r_margin);
        CHECK(std::fabs(g_simd[0] - g_ref[0]) <=
              rel * std::fabs(g_ref[0]) + r_margin * std::fabs(z));
        // σ(z) − y keeps its tiny values: −e^(−z) for y = 1, z ≤ 80 (normal floats and doubles).
        if (y == 1 && z > 0 && z <= 80)
          CHECK(g_simd[1] == Approx(-std::exp(-z) / (1 + std::exp(-z))).epsilon(rel));
      }
  }
  // The tiny values survive: −log σ(40) = e^(−40) ≈ 4.25e-18, not 0.
  const double z40 = 40, y1 = 1;
  double g[2];
  CHECK(logreg::loss_gradient(Kernel::simd, MatrixView(&z40, 1, 1), &y1, nullptr, &w, 0.0, g) ==
        Approx(std::exp(-40.0)).epsilon(1e-15));
  const float z40f = 40;
  CHECK(logreg::loss_gradient(Kernel::simd, MatrixView(&z40f, 1, 1), &y1, nullptr, &w, 0.0, g) ==
        Approx(std::exp(-40.0)).epsilon(1e-6));
}

TEST_CASE("simd loss_gradient with logits of size ~1000 on random data", "[kernels]") {
  if (!logreg::simd_available()) return;
  // w scaled so that |z| reaches ~1000: most rows saturate (σ = 0 or 1, loss 0 or |z|).
  std::uint32_t seed = 500;
  for (std::size_t n : {1, 7, 65, 1000})
    for (std::size_t d : {1, 3, 8, 33}) {
      const Problem p = make_problem(n, d, seed++, 300.0);
      for (bool weighted : {false, true}) {
        // Saturated rows have r = 0 and loss ≈ 0: dropping one is not detectable here.
        compare_kernels(p, DType::f64, weighted, kTolF64, false);
        compare_kernels(p, DType::f32, weighted, kTolF32, false);
      }
    }
}

TEST_CASE("simd decision_function matches the scalar reference", "[kernels]") {
  if (!logreg::simd_available()) return;
  const std::size_t ns[] = {0, 1, 2, 3, 5, 16, 17, 1000};
  const std::size_t ds[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33};
  std::uint32_t seed = 9000;
  for (std::size_t n : ns)
    for (std::size_t d : ds) {
      const Problem p = make_problem(n, d, seed++);
      for (DType dt : {DType::f64, DType::f32}) {
        const MatrixView X = p.view(dt);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        // One extra slot each: nothing may be written past z[n − 1].
        std::vector<double> z_ref(n + 1, nan), z_simd(n + 1, nan);
        logreg::decision_function(Kernel::scalar, X, p.w.data(), p.b, z_ref.data());
        logreg::decision_function(Kernel::simd, X, p.w.data(), p.b, z_simd.data());
        INFO("n = " << n << ", d = " << d << (dt == DType::f32 ? ", f32" : ", f64"));
        for (std::size_t i = 0; i < n; ++i) {
          // Both accumulate in double: only the summation order differs.
          double scale = std::fabs(p.b);
          for (std::size_t j = 0; j < d; ++j) scale += std::fabs(X.at(i, j) * p.w[j]);
          INFO("row " << i << ": " << z_ref[i] << " vs " << z_simd[i]);
          CHECK(std::fabs(z_simd[i] - z_ref[i]) <= 1e-14 * scale);
        }
        CHECK(std::isnan(z_simd[n]));
      }
    }
}

TEST_CASE("loss_gradient's scores: the pass's own z, within score_roundoff's bound", "[kernels]") {
  // The scores are what the separation checks read instead of a decision_function pass. The
  // scalar kernel's are decision_function_scalar's bit for bit; the SIMD kernel's within
  // (d + 2)·u·(Σⱼ|xᵢⱼwⱼ| + |b|) of decision_function's (both kernels', both dtypes), with u =
  // 2⁻²⁴ for float data and 2⁻⁵³ for double. Passing them changes neither loss nor gradient.
  const std::size_t ns[] = {1, 3, 16, 17, 65, 1000};
  const std::size_t ds[] = {1, 3, 4, 5, 9, 32, 33};
  std::uint32_t seed = 12000;
  for (std::size_t n : ns)
    for (std::size_t d : ds) {
      const Problem p = make_problem(n, d, seed++, 3.0);
      for (DType dt : {DType::f64, DType::f32})
        for (Kernel kernel : {Kernel::scalar, Kernel::simd}) {
          const MatrixView X = p.view(dt);
          const double nan = std::numeric_limits<double>::quiet_NaN();
          std::vector<double> z(n + 1, nan), z_ref(n), g(d + 1), g_plain(d + 1);
          const double loss =
              logreg::loss_gradient(kernel, X, p.Y(), p.S(), p.w.data(), p.b, g.data(), z.data());
          const double loss_plain =
              logreg::loss_gradient(kernel, X, p.Y(), p.S(), p.w.data(), p.b, g_plain.data());
          INFO("n = " << n << ", d = " << d << (dt == DType::f32 ? ", f32" : ", f64")
                      << (kernel == Kernel::simd ? ", simd" : ", scalar"));
          CHECK(loss == loss_plain);
          CHECK(g == g_plain);
          CHECK(std::isnan(z[n]));  // nothing written past z[n − 1]
          const double u = logreg::score_roundoff(kernel, dt);
          CHECK(u == (kernel == Kernel::simd && dt == DType::f32 && logreg::simd_available()
                          ? 0x1p-24
                          : 0x1p-53));
          for (Kernel reference : {Kernel::scalar, Kernel::simd}) {
            logreg::decision_function(reference, X, p.w.data(), p.b, z_ref.data());
            for (std::size_t i = 0; i < n; ++i) {
              double scale = std::fabs(p.b);
              for (std::size_t j = 0; j < d; ++j) scale += std::fabs(X.at(i, j) * p.w[j]);
              INFO("row " << i << ": " << z[i] << " vs " << z_ref[i]);
              if (kernel == Kernel::scalar && reference == Kernel::scalar)
                CHECK(z[i] == z_ref[i]);
              else
                CHECK(std::fabs(z[i] - z_ref[i]) <= 2 * double(d + 2) * u * scale);
            }
          }
          if (kernel == Kernel::simd && dt == DType::f32 && logreg::simd_available() && d >= 4) {
            // The float scores really are float sums (the bound is not vacuous): some row
            // differs from the double reference.
            bool differs = false;
            for (std::size_t i = 0; i < n; ++i) differs = differs || z[i] != z_ref[i];
            CHECK((differs || n < 16));
          }
        }
    }
}

#if LOGREG_SIMD
namespace {

namespace simd = logreg::simd;

/// Error of `got` against `ref` in units in the last place of `ref`'s type; below the smallest
/// normal the unit is the smallest subnormal.
template <class T>
double ulp_error(double got, double ref) {
  const int min_exp = std::numeric_limits<T>::min_exponent - 1;  // −1022 / −126
  const int e = ref == 0 ? min_exp : std::max(std::ilogb(ref), min_exp);
  return std::fabs(got - ref) / std::ldexp(1.0, e - (std::numeric_limits<T>::digits - 1));
}

/// Applies a vector function to xs, V::lanes at a time (last vector padded with pad).
template <class V, class F>
std::vector<typename V::scalar> map_vec(const std::vector<typename V::scalar>& xs, F f,
                                        typename V::scalar pad) {
  using T = typename V::scalar;
  constexpr std::size_t L = V::lanes;
  std::vector<T> in(xs), out((xs.size() + L - 1) / L * L);
  in.resize(out.size(), pad);
  for (std::size_t i = 0; i < in.size(); i += L)
    simd::store(out.data() + i, f(simd::load(in.data() + i)));
  out.resize(xs.size());
  return out;
}

/// The exp grid: [lo, 0] in steps of h, plus the special points.
template <class T>
std::vector<T> exp_grid(double lo, double h, std::initializer_list<double> extra) {
  std::vector<T> xs;
  for (double x = lo; x <= 0; x += h) xs.push_back(T(x));
  for (double x : extra) xs.push_back(T(x));
  return xs;
}

/// The log1p grid: [0, 1] in steps of h, tiny values, both sides of √2 − 1, 1.
template <class T>
std::vector<T> log1p_grid(double h) {
  std::vector<T> xs;
  for (double x = 0; x <= 1; x += h) xs.push_back(T(x));
  const T edge = T(0.41421356237309503);
  for (T x :
       {std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::min(),
        std::numeric_limits<T>::epsilon(), T(1e-20), T(1e-8), T(0.25), std::nextafter(edge, T(0)),
        edge, std::nextafter(edge, T(1)), T(0.5), T(0.75), std::nextafter(T(1), T(0)), T(1)})
    xs.push_back(x);
  for (double x = 1e-30; x < 1; x *= 1.37) xs.push_back(T(x));
  return xs;
}

}  // namespace

TEST_CASE("vector exp(x ≤ 0) against std::exp", "[kernels][simd-math]") {
  const double inf = std::numeric_limits<double>::infinity();
  {  // double: −750 … 0 every 1e-3, the subnormal range, the underflow edge, −∞
    const auto xs = exp_grid<double>(
        -750, 1e-3,
        {0.0, -0.0, -1e-300, -1e-17, -708.39, -708.4, -745.13, -745.14, -745.2, -746, -1000, -inf});
    const auto ys = map_vec<simd::F64x2>(
        xs, [](simd::F64x2 v) { return simd::exp_nonpositive(v); }, 0.0);
    double worst = 0, worst_x = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double e = ulp_error<double>(ys[i], std::exp(xs[i]));
      if (e > worst) worst = e, worst_x = xs[i];
    }
    INFO("f64 exp: worst " << worst << " ulp at x = " << worst_x << " over " << xs.size()
                           << " points");
    CHECK(worst <= 2.0);  // measured: 1 (a subnormal result); the libm reference is itself ≤ 1 ulp
    CHECK(map_vec<simd::F64x2>(
              std::vector<double>{0.0, -1000.0},
              [](simd::F64x2 v) { return simd::exp_nonpositive(v); },
              0.0) == std::vector<double>{1.0, 0.0});
  }
  {  // float: −110 … 0 every 1e-4 (float subnormals below −87.3, zero below −103.97)
    const auto xs = exp_grid<float>(
        -110, 1e-4,
        {0.0, -0.0, -1e-30, -87.33, -87.34, -103.27, -103.28, -103.97, -103.98, -104, -1000, -inf});
    const auto ys = map_vec<simd::F32x4>(
        xs, [](simd::F32x4 v) { return simd::exp_nonpositive(v); }, 0.0f);
    double worst = 0, worst_x = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double e = ulp_error<float>(ys[i], std::exp(double(xs[i])));
      if (e > worst) worst = e, worst_x = xs[i];
    }
    INFO("f32 exp: worst " << worst << " ulp at x = " << worst_x << " over " << xs.size()
                           << " points");
    CHECK(worst <= 2.0);  // measured: 1.29 (against the double-precision value)
  }
}

TEST_CASE("vector log1p(0 ≤ e ≤ 1) against std::log1p", "[kernels][simd-math]") {
  {
    const auto xs = log1p_grid<double>(1e-6);
    const auto ys = map_vec<simd::F64x2>(
        xs, [](simd::F64x2 v) { return simd::log1p_unit(v); }, 0.0);
    double worst = 0, worst_x = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double e = ulp_error<double>(ys[i], std::log1p(xs[i]));
      if (e > worst) worst = e, worst_x = xs[i];
    }
    INFO("f64 log1p: worst " << worst << " ulp at e = " << worst_x << " over " << xs.size()
                             << " points");
    CHECK(worst <= 2.0);  // measured: 1
  }
  {
    const auto xs = log1p_grid<float>(1e-6);
    const auto ys = map_vec<simd::F32x4>(
        xs, [](simd::F32x4 v) { return simd::log1p_unit(v); }, 0.0f);
    double worst = 0, worst_x = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double e = ulp_error<float>(ys[i], std::log1p(double(xs[i])));
      if (e > worst) worst = e, worst_x = xs[i];
    }
    INFO("f32 log1p: worst " << worst << " ulp at e = " << worst_x << " over " << xs.size()
                             << " points");
    CHECK(worst <= 3.0);  // measured: 1.96 (s = e/(2 + e) carries two roundings)
  }
}
#endif

// Hidden (run with "[.report]"): prints the largest kernel errors seen by the tests above.
TEST_CASE("report: largest simd-vs-scalar errors", "[.report]") {
  std::printf("max error / tolerance scale: f32 %.3g (weighted %.3g), f64 %.3g (weighted %.3g)\n",
              g_max_err[0][0], g_max_err[0][1], g_max_err[1][0], g_max_err[1][1]);
}
