// SPDX-License-Identifier: MIT
// Parity with the reference implementations (statsmodels, scikit-learn, numpy): the fixtures
// in tests/fixtures were produced by make_reference.py from the bundled datasets, and these
// tests prepare the same X and y from the same CSV files and compare.
//
//  * loss()/gradient() at fixed, non-optimal (w, b) equal numpy's float64 textbook values to
//    1e-12 relative (measured: a few 1e-16; numpy itself agrees with 50-digit mpmath to 1e-15);
//  * gradient descent from zero, with α = 1/L, L = ‖[X 1]‖₂²/(4n), reaches statsmodels'
//    unpenalized optimum: every coefficient and the intercept to 1e-6 relative, J to 1e-9.
//
// float32 X (X rounded to float, the data a Float32Array caller passes): rounding X moves
// the optimum itself (iris: by 2e-6 relative, more than the 1e-6 we test), so float32 runs
// are compared with statsmodels' fit *of the rounded X* (fit_float32 in the fixtures). The
// scalar kernel widens each float exactly and computes in double, so the float64 tolerances
// apply unchanged. The SIMD kernel computes in float arithmetic on float data (see
// kernels_simd.cpp), so for that one combination the tolerances are error bounds derived
// below (float_kernel_bounds, and the kernel's own rounding error at the optimum), not 1e-12.
//
// Each check runs with the scalar kernel and, when compiled in, the SIMD kernel.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "../fixtures/reference_fixtures.hpp"
#include "datasets.hpp"
#include "logreg/kernels.hpp"
#include "logreg/math.hpp"
#include "logreg/matrix.hpp"
#include "logreg/model.hpp"
#include "logreg/options.hpp"

namespace {

namespace fx = logreg_fixtures;
using logreg::DType;
using logreg::Kernel;
using logreg::MatrixView;

const fx::Case& find_case(const std::string& name) {
  for (const auto& c : fx::cases)
    if (name == c.name) return c;
  throw std::runtime_error("no fixture case " + name);
}

/// @brief X and y built as make_reference.py builds them.
struct Prepared {
  std::size_t n = 0, d = 0;
  std::vector<double> X;   // row-major n × d, float64
  std::vector<float> X32;  // the same, rounded to float (static_cast: round to nearest)
  std::vector<double> y;
  std::vector<double> means, stds;

  MatrixView view(DType dtype) const {
    return dtype == DType::f32 ? MatrixView(X32.data(), n, d) : MatrixView(X.data(), n, d);
  }
};

Prepared prepare(const fx::Case& c) {
  const auto table = logreg_test::read_dataset(c.dataset);
  Prepared p;
  p.d = c.n_features;
  p.X = table.matrix(std::vector<std::string>(c.features, c.features + c.n_features));
  p.y = table.indicator(c.target, c.positive);
  p.n = p.y.size();
  if (c.standardize) {
    // numpy: means = X.mean(0); stds = X.std(0, ddof=0) = sqrt(mean((X − means)²));
    // X = (X − means) / stds. Same operations in the same order (summation order differs:
    // numpy sums pairwise, so the means agree to rounding, ~1e-16 relative).
    p.means.assign(p.d, 0.0);
    p.stds.assign(p.d, 0.0);
    for (std::size_t j = 0; j < p.d; ++j) {
      double s = 0;
      for (std::size_t i = 0; i < p.n; ++i) s += p.X[i * p.d + j];
      const double mean = s / double(p.n);
      double ss = 0;
      for (std::size_t i = 0; i < p.n; ++i) {
        const double t = p.X[i * p.d + j] - mean;
        ss += t * t;
      }
      p.means[j] = mean;
      p.stds[j] = std::sqrt(ss / double(p.n));
      for (std::size_t i = 0; i < p.n; ++i)
        p.X[i * p.d + j] = (p.X[i * p.d + j] - mean) / p.stds[j];
    }
  }
  p.X32.assign(p.X.begin(), p.X.end());
  return p;
}

double rel_err(double got, double want) { return std::fabs(got - want) / std::fabs(want); }

/// @brief L = ‖[X 1]‖₂²/(4n) = λmax(AᵀA)/(4n), A = [X 1], by power iteration on the
/// (d+1) × (d+1) Gram matrix. The Rayleigh quotient approaches λmax from below, so our α = 1/L
/// may exceed the exact 1/L by the (tiny) residual error; harmless, as gradient descent on a
/// function with L-Lipschitz gradient converges for any α < 2/L.
double lipschitz_bound(const Prepared& p, DType dtype) {
  const std::size_t m = p.d + 1;
  std::vector<double> G(m * m, 0.0);
  const MatrixView X = p.view(dtype);
  for (std::size_t i = 0; i < p.n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t k = 0; k < m; ++k)
        G[j * m + k] += (j < p.d ? X.at(i, j) : 1.0) * (k < p.d ? X.at(i, k) : 1.0);
  std::vector<double> v(m, 1.0), Gv(m);
  double lambda = 0;
  for (int it = 0; it < 100000; ++it) {
    double norm = 0, rq = 0;
    for (std::size_t j = 0; j < m; ++j) {
      Gv[j] = 0;
      for (std::size_t k = 0; k < m; ++k) Gv[j] += G[j * m + k] * v[k];
      rq += v[j] * Gv[j];
      norm += Gv[j] * Gv[j];
    }
    norm = std::sqrt(norm);
    for (std::size_t j = 0; j < m; ++j) v[j] = Gv[j] / norm;  // ‖v‖ = 1 after the first step
    if (it > 0 && std::fabs(rq - lambda) <= 1e-16 * rq) {
      lambda = rq;
      break;
    }
    lambda = rq;
  }
  return lambda / (4.0 * double(p.n));
}

std::vector<Kernel> kernels() {
  std::vector<Kernel> k{Kernel::scalar};
  if (logreg::simd_available()) k.push_back(Kernel::simd);
  return k;
}

const char* kernel_name(Kernel k) { return k == Kernel::scalar ? "scalar" : "simd"; }
const char* dtype_name(DType t) { return t == DType::f32 ? "float32" : "float64"; }

/// @brief First-order worst-case error bounds (mean form, absolute) of J, ∂J/∂wⱼ and ∂J/∂b
/// as the SIMD kernel computes them on float data at (w, b). From kernels_simd.cpp's design:
/// w rounded to float, zᵢ = Σⱼ xᵢⱼwⱼ + b accumulated in float, σ and ℓ in float (≤ 2 ulp),
/// rᵢxᵢⱼ multiplied in float and summed in float over blocks of ≤ 64 rows, then in double;
/// Σℓ and Σr in double. With u = 2⁻²⁴, the unit roundoff of float:
///   Δzᵢ ≤ (d + 2)·u·(Σⱼ|xᵢⱼwⱼ| + |b|)                (rounding w, then d + 1 operations)
///   Δσᵢ ≤ Δzᵢ/4 + 2u                                  (σ' ≤ 1/4; 2 ulp of a value ≤ 1)
///   Δℓᵢ ≤ |rᵢ|·Δzᵢ + 3u·ℓᵢ                           (∂ℓ/∂z = σ − y = r; 2 ulp + one add)
///   Δ∂J/∂wⱼ ≤ (1/n)Σᵢ |xᵢⱼ|·Δσᵢ + 66u·(1/n)Σᵢ|rᵢxᵢⱼ|   (the product, ≤ 64-term float sums)
///   Δ∂J/∂b ≤ (1/n)Σᵢ Δσᵢ + u·(1/n)Σᵢ|rᵢ|
/// These assume every rounding goes the same way; the tests allow twice them.
struct FloatBounds {
  double loss = 0;
  std::vector<double> grad;  // d weights, then the intercept
};

FloatBounds float_kernel_bounds(const Prepared& p, const double* w, double b) {
  constexpr double u = 0x1p-24;
  const std::size_t d = p.d;
  FloatBounds fb;
  fb.grad.assign(d + 1, 0.0);
  for (std::size_t i = 0; i < p.n; ++i) {
    const float* x = &p.X32[i * d];
    double z = b, mag = std::fabs(b);
    for (std::size_t j = 0; j < d; ++j) {
      z += double(x[j]) * w[j];
      mag += std::fabs(double(x[j]) * w[j]);
    }
    const double dz = double(d + 2) * u * mag;
    const double r = logreg::sigmoid(z) - p.y[i];
    const double ds = dz / 4 + 2 * u;
    fb.loss += std::fabs(r) * dz + 3 * u * logreg::log_loss(z, p.y[i]);
    for (std::size_t j = 0; j < d; ++j)
      fb.grad[j] += std::fabs(double(x[j])) * ds + 66 * u * std::fabs(r * double(x[j]));
    fb.grad[d] += ds + u * std::fabs(r);
  }
  fb.loss /= double(p.n);
  for (double& g : fb.grad) g /= double(p.n);
  return fb;
}

/// Fit from zero by gradient descent and compare with statsmodels (see the file comment).
void check_fit(const char* case_name, DType dtype, Kernel kernel) {
  const fx::Case& c = find_case(case_name);
  const fx::Fit& ref = dtype == DType::f32 ? c.fit_float32 : c.fit;
  const Prepared p = prepare(c);
  const std::size_t d = p.d;
  const MatrixView X = p.view(dtype);
  const double mu = ref.hessian_min_eigenvalue;
  INFO(case_name << ", " << dtype_name(dtype) << " X, " << kernel_name(kernel) << " kernel");

  const double L = lipschitz_bound(p, dtype);
  REQUIRE(rel_err(L, ref.lipschitz_bound) <= 1e-12);  // the script's numpy.linalg.norm(A, 2)

  // Stopping tolerance from the reference's own conditioning. Near the optimum
  // ‖θ − θ*‖₂ ≤ ‖∇J(θ)‖₂/μ with μ = λmin(H(θ*)), and ‖∇J‖₂ ≤ √(d+1)‖∇J‖∞, so
  // ‖∇J‖∞ ≤ tol puts every component within 1e-6·min|θ*ⱼ| when
  // tol = 1e-6·min|θ*ⱼ|·μ/√(d+1); we take a fifth of that.
  double min_abs = std::fabs(ref.intercept);
  for (std::size_t j = 0; j < d; ++j) min_abs = std::min(min_abs, std::fabs(ref.coefficients[j]));
  double tol = 0.2 * 1e-6 * min_abs * mu / std::sqrt(double(d + 1));
  const std::vector<double> theta_star = [&] {
    std::vector<double> t(ref.coefficients, ref.coefficients + d);
    t.push_back(ref.intercept);
    return t;
  }();
  // Allowed error per parameter (absolute) and of J.
  std::vector<double> allowed(d + 1);
  for (std::size_t j = 0; j <= d; ++j) allowed[j] = 1e-6 * std::fabs(theta_star[j]);
  double loss_allowed = 1e-9 * ref.loss;

  const bool float_kernel = dtype == DType::f32 && kernel == Kernel::simd;
  double e_inf = 0;
  if (float_kernel) {
    // Float arithmetic: the kernel's gradient is ∇J + e, e a rounding error that stays of
    // the same size near θ*. At θ* the true ∇J is ≤ 1e-16 (fixture), so the kernel's
    // gradient there *is* e. GD can only drive ∇J + e below tol, so tol must exceed ‖e‖∞
    // (we take 4‖e‖∞); where it stops, ‖∇J‖∞ ≤ tol + ‖e‖∞ (we allow 2‖e‖∞ for e's change
    // between θ* and there), hence |θⱼ − θ*ⱼ| ≤ √(d+1)(tol + 2‖e‖∞)/μ, and
    // J(θ) − J* ≤ (d+1)(tol + 2‖e‖∞)²/(2μ), plus the kernel's error in J itself.
    logreg::LogisticModel at_optimum;
    at_optimum.set_kernel(kernel);
    at_optimum.set_parameters(std::vector<double>(ref.coefficients, ref.coefficients + d),
                              ref.intercept);
    for (double e : at_optimum.gradient(X, p.y)) e_inf = std::max(e_inf, std::fabs(e));
    tol = std::max(tol, 4 * e_inf);
    const double g_bound = tol + 2 * e_inf;
    for (std::size_t j = 0; j <= d; ++j)
      allowed[j] = std::max(allowed[j], std::sqrt(double(d + 1)) * g_bound / mu);
    const FloatBounds fb = float_kernel_bounds(p, ref.coefficients, ref.intercept);
    loss_allowed = 2 * fb.loss + double(d + 1) * g_bound * g_bound / (2 * mu);
  }

  logreg::Options options;
  options.learning_rate = 1.0 / L;
  options.max_iterations = 10000000;  // never reached: convergence is REQUIREd below
  options.tolerance = tol;
  options.fit_intercept = true;
  options.solver = logreg::Solver::gd;
  logreg::LogisticModel model(options);
  model.set_kernel(kernel);

  const auto t0 = std::chrono::steady_clock::now();
  const logreg::FitReport report = model.fit(X, p.y);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO("alpha = 1/L = " << options.learning_rate << ", tolerance " << tol << " (kernel gradient "
                        << "error at the optimum " << e_inf << "): " << report.iterations
                        << " iterations in " << seconds << " s, final |grad|inf "
                        << report.gradient_norm);
  REQUIRE(report.converged);

  double max_rel = 0, max_ratio = 0;
  for (std::size_t j = 0; j <= d; ++j) {
    const double got = j < d ? model.coefficients()[j] : model.intercept();
    max_rel = std::max(max_rel, rel_err(got, theta_star[j]));
    max_ratio = std::max(max_ratio, std::fabs(got - theta_star[j]) / allowed[j]);
  }
  const double J_method = model.loss(X, p.y);
  INFO("max relative error of (w, b): " << max_rel << " (" << max_ratio << " of the allowance); "
                                        << "of J: " << rel_err(report.loss, ref.loss)
                                        << " (report), " << rel_err(J_method, ref.loss)
                                        << " (loss()), allowed " << loss_allowed / ref.loss);
  for (std::size_t j = 0; j < d; ++j) {
    INFO("coefficient " << j << " (" << c.features[j] << ")");
    CHECK(std::fabs(model.coefficients()[j] - theta_star[j]) <= allowed[j]);
  }
  CHECK(std::fabs(model.intercept() - ref.intercept) <= allowed[d]);
  CHECK(std::fabs(report.loss - ref.loss) <= loss_allowed);
  CHECK(std::fabs(J_method - ref.loss) <= loss_allowed);
  CHECK(report.gradient_norm <= tol);
}

}  // namespace

TEST_CASE("parity: the datasets are prepared exactly like make_reference.py", "[parity]") {
  for (const auto& c : fx::cases) {
    INFO(c.name);
    const Prepared p = prepare(c);
    REQUIRE(p.n == c.n_rows);
    REQUIRE(p.d == c.n_features);
    std::size_t positives = 0;
    for (double v : p.y) positives += v == 1.0;
    REQUIRE(positives == c.n_positive);
    if (c.standardize) {
      for (std::size_t j = 0; j < p.d; ++j) {
        INFO("column " << c.features[j]);
        CHECK(rel_err(p.means[j], c.means[j]) <= 1e-14);
        CHECK(rel_err(p.stds[j], c.stds[j]) <= 1e-14);
      }
    }
  }
}

TEST_CASE("parity: loss() and gradient() at fixed parameters equal numpy's to 1e-12", "[parity]") {
  // float64 X (both kernels) and float32 X with the scalar kernel: 1e-12 relative. float32 X
  // with the SIMD kernel computes in float: within twice float_kernel_bounds.
  double worst = 0, worst_float_ratio = 0, worst_float_rel = 0;
  for (const auto& c : fx::cases) {
    const Prepared p = prepare(c);
    for (DType dtype : {DType::f64, DType::f32}) {
      const fx::Evaluation* points = dtype == DType::f32 ? c.points_float32 : c.points;
      for (Kernel kernel : kernels()) {
        const bool float_kernel = dtype == DType::f32 && kernel == Kernel::simd;
        for (std::size_t k = 0; k < c.n_points; ++k) {
          const fx::Evaluation& e = points[k];
          INFO(c.name << ", " << dtype_name(dtype) << " X, " << kernel_name(kernel)
                      << " kernel, point " << k);
          logreg::LogisticModel model;
          model.set_kernel(kernel);
          model.set_parameters(std::vector<double>(e.coefficients, e.coefficients + p.d),
                               e.intercept);
          const double J = model.loss(p.view(dtype), p.y);
          const std::vector<double> g = model.gradient(p.view(dtype), p.y);
          REQUIRE(g.size() == p.d + 1);
          std::vector<double> got{J}, want{e.loss};
          for (std::size_t j = 0; j < p.d; ++j) {
            got.push_back(g[j]);
            want.push_back(e.gradient_weights[j]);
          }
          got.push_back(g[p.d]);
          want.push_back(e.gradient_intercept);
          std::vector<double> bound(got.size());
          if (float_kernel) {
            const FloatBounds fb = float_kernel_bounds(p, e.coefficients, e.intercept);
            bound[0] = 2 * fb.loss;
            for (std::size_t j = 0; j <= p.d; ++j) bound[j + 1] = 2 * fb.grad[j];
          } else {
            for (std::size_t m = 0; m < got.size(); ++m) bound[m] = 1e-12 * std::fabs(want[m]);
          }
          for (std::size_t m = 0; m < got.size(); ++m) {
            INFO((m == 0                ? std::string("J")
                  : m == got.size() - 1 ? std::string("dJ/db")
                                        : "dJ/dw" + std::to_string(m - 1))
                 << ": got " << got[m] << ", numpy " << want[m]);
            CHECK(std::fabs(got[m] - want[m]) <= bound[m]);
            if (float_kernel) {
              worst_float_ratio =
                  std::max(worst_float_ratio, std::fabs(got[m] - want[m]) / bound[m]);
              worst_float_rel = std::max(worst_float_rel, rel_err(got[m], want[m]));
            } else {
              worst = std::max(worst, rel_err(got[m], want[m]));
            }
          }
        }
      }
    }
  }
  INFO("max relative error (exact kernels): " << worst << "; float32 SIMD: " << worst_float_rel
                                              << ", at most " << worst_float_ratio
                                              << " of its bound");
  CHECK(worst <= 1e-12);
}

// One test case per (dataset, dtype, kernel): ctest runs each in its own process. Raw iris is
// badly conditioned for gradient descent (L/λmin ≈ 15 000): ~295 000 steps from zero, about
// 2 s native and 3 s in wasm with the scalar kernel, hence the [slow] tag (exclude those with
// the test spec "~[slow]" during development; CI runs everything). Without LOGREG_SIMD the
// simd cases only say so.
#define LOGREG_PARITY_FIT(CASE, DTYPE, KERNEL, TAGS)                                   \
  TEST_CASE("parity: gradient descent reaches statsmodels' optimum: " CASE ", " #DTYPE \
            ", " #KERNEL,                                                              \
            "[parity][fit]" TAGS) {                                                    \
    if (Kernel::KERNEL == Kernel::simd && !logreg::simd_available()) {                 \
      WARN("SIMD kernel not compiled in (LOGREG_SIMD=OFF): nothing to compare");       \
      return;                                                                          \
    }                                                                                  \
    check_fit(CASE, DType::DTYPE, Kernel::KERNEL);                                     \
  }

LOGREG_PARITY_FIT("breast_cancer_3", f64, scalar, "")
LOGREG_PARITY_FIT("breast_cancer_3", f64, simd, "")
LOGREG_PARITY_FIT("breast_cancer_3", f32, scalar, "")
LOGREG_PARITY_FIT("breast_cancer_3", f32, simd, "")
LOGREG_PARITY_FIT("iris_versicolor", f64, scalar, "[slow]")
LOGREG_PARITY_FIT("iris_versicolor", f64, simd, "[slow]")
LOGREG_PARITY_FIT("iris_versicolor", f32, scalar, "[slow]")
LOGREG_PARITY_FIT("iris_versicolor", f32, simd, "[slow]")

TEST_CASE("parity fixtures: the separability facts hold for their hyperplanes", "[parity]") {
  // Data for later issues (separation detection); here only checked to be true as stated.
  for (const auto& s : fx::separability) {
    if (!s.separable) continue;
    INFO(s.name);
    const auto table = logreg_test::read_dataset(s.dataset);
    const auto X = table.matrix(std::vector<std::string>(s.features, s.features + s.n_features));
    const auto y = table.indicator(s.target, s.positive);
    double margin = INFINITY;
    for (std::size_t i = 0; i < y.size(); ++i) {
      double z = s.separating_intercept;
      for (std::size_t j = 0; j < s.n_features; ++j)
        z += s.separating_coefficients[j] * X[i * s.n_features + j];
      margin = std::min(margin, (2 * y[i] - 1) * z);
    }
    CHECK(margin > 0.5);
    CHECK(margin == Approx(s.min_margin).epsilon(1e-9));
  }
}
