// SPDX-License-Identifier: MIT
// Newton and L-BFGS / OWL-QN (cpp/src/newton.cpp, lbfgs.cpp) and their line searches
// (cpp/src/line_search.hpp, internal): first alone, on objectives defined here whose
// minimisers are known in closed form (quadratics, Rosenbrock, an orthogonal-design lasso),
// then on the real LogLoss (plain, L2, sample weights, L1, collinear columns) against each
// other, against gradient descent run long and against proximal gradient.
//
// Every run is also checked for what the solvers promise to every caller: one callback per
// update with the values of that update, F non-increasing in floating point, the report
// describing the returned θ, and (L-BFGS) the strong Wolfe conditions at each accepted step.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../../cpp/src/line_search.hpp"
#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"
#include "logreg/objective.hpp"
#include "logreg/options.hpp"
#include "logreg/solvers.hpp"

using namespace logreg;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kC1 = 1e-4, kC2 = 0.9;  // the constants the solvers document

// ---- data that is the same on every platform ------------------------------------------------
// mt19937_64's sequence is fixed by the standard; the distributions are not (libstdc++ and
// libc++ differ), so the conversions are written out.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return double(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double normal() {                                                 // Box–Muller
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * kPi * u2);
  }

 private:
  std::mt19937_64 engine_;
};

Vector zeros(std::size_t n) { return Vector(Vector::shape_type{n}, 0.0); }

double inf_norm(const Vector& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

double max_abs_diff(const Vector& a, const Vector& b) {
  REQUIRE(a.size() == b.size());
  double m = 0;
  for (std::size_t j = 0; j < a.size(); ++j) m = std::max(m, std::fabs(a(j) - b(j)));
  return m;
}

double dot(const Vector& a, const Vector& b) {
  double s = 0;
  for (std::size_t j = 0; j < a.size(); ++j) s += a(j) * b(j);
  return s;
}

// An m × m orthogonal matrix: modified Gram–Schmidt, applied twice, to a Gaussian matrix.
DenseMatrix random_orthogonal(std::size_t m, Rng& rng) {
  DenseMatrix Q(DenseMatrix::shape_type{m, m});
  for (auto& q : Q) q = rng.normal();
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k = 0; k < m; ++k) {
      for (std::size_t j = 0; j < k; ++j) {
        double p = 0;
        for (std::size_t i = 0; i < m; ++i) p += Q(i, j) * Q(i, k);
        for (std::size_t i = 0; i < m; ++i) Q(i, k) -= p * Q(i, j);
      }
      double norm = 0;
      for (std::size_t i = 0; i < m; ++i) norm += Q(i, k) * Q(i, k);
      norm = std::sqrt(norm);
      for (std::size_t i = 0; i < m; ++i) Q(i, k) /= norm;
    }
  return Q;
}

// ---- objectives with known minimisers -------------------------------------------------------
// Boilerplate of the Objective interface for functions without data rows. No `override` in
// this class on purpose: the interface is still growing in other files, and an extra member
// here must not break the build.
class TestObjective : public Objective {
 public:
  std::size_t rows() const { return 1; }
  double batch_value_gradient(const Vector& theta, const std::size_t*, std::size_t, Vector& grad) {
    return value_gradient(theta, grad);
  }
  bool penalized(std::size_t) const { return true; }
  double lipschitz_bound() { return lipschitz; }
  double curvature_bound() const { return 1; }

  double lipschitz = 1;
  std::size_t evaluations = 0;
};

// f(θ) = ½ θᵀAθ − bᵀθ with A = Q diag(eigenvalues) Qᵀ and b = A x*: the minimiser is x*
// (the unique one when every eigenvalue is > 0), the Hessian A.
class Quadratic final : public TestObjective {
 public:
  Quadratic(const std::vector<double>& eigenvalues, const Vector& solution, Rng& rng)
      : A_(DenseMatrix::shape_type{eigenvalues.size(), eigenvalues.size()}),
        b_(zeros(eigenvalues.size())) {
    const std::size_t m = eigenvalues.size();
    const DenseMatrix Q = random_orthogonal(m, rng);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < m; ++j) {
        double a = 0;
        for (std::size_t k = 0; k < m; ++k) a += Q(i, k) * eigenvalues[k] * Q(j, k);
        A_(i, j) = a;
      }
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < m; ++j) b_(i) += A_(i, j) * solution(j);
    lipschitz = *std::max_element(eigenvalues.begin(), eigenvalues.end());
  }
  std::size_t dim() const override { return b_.size(); }
  double value_gradient(const Vector& theta, Vector& grad) override {
    ++evaluations;
    const std::size_t m = dim();
    grad.resize({m});
    double f = 0;
    for (std::size_t i = 0; i < m; ++i) {
      double ai = 0;  // (Aθ)ᵢ
      for (std::size_t j = 0; j < m; ++j) ai += A_(i, j) * theta(j);
      grad(i) = ai - b_(i);
      f += theta(i) * (0.5 * ai - b_(i));
    }
    return f;
  }
  void hessian(const Vector&, DenseMatrix& H) override { H = A_; }

 private:
  DenseMatrix A_;
  Vector b_;
};

// Rosenbrock's f(x, y) = (1 − x)² + 100 (y − x²)²: non-convex, minimiser (1, 1).
class Rosenbrock final : public TestObjective {
 public:
  std::size_t dim() const override { return 2; }
  double value_gradient(const Vector& t, Vector& grad) override {
    grad.resize({2});
    const double x = t(0), y = t(1), r = y - x * x;
    grad(0) = -2 * (1 - x) - 400 * x * r;
    grad(1) = 200 * r;
    return (1 - x) * (1 - x) + 100 * r * r;
  }
  void hessian(const Vector& t, DenseMatrix& H) override {
    const double x = t(0), y = t(1);
    H.resize({2, 2});
    H(0, 0) = 2 - 400 * (y - x * x) + 800 * x * x;
    H(0, 1) = H(1, 0) = -400 * x;
    H(1, 1) = 200;
  }
};

// F(θ) = ½‖Aθ − b‖² + λ Σ_{j < m−1} |θⱼ| (the last coordinate unpenalized, like an intercept)
// with orthogonal columns: A = Q diag(s), b = Q diag(1/s) c, so AᵀA = diag(s²), Aᵀb = c and
// F separates by coordinate. Minimiser: θⱼ = soft(cⱼ, λ)/sⱼ² = sign(cⱼ) max(|cⱼ| − λ, 0)/sⱼ²,
// and c/s² for the unpenalized one.
class OrthogonalLasso final : public TestObjective {
 public:
  OrthogonalLasso(const std::vector<double>& s, const std::vector<double>& c, double lambda,
                  Rng& rng)
      : m_(s.size()),
        A_(DenseMatrix::shape_type{s.size(), s.size()}),
        b_(zeros(s.size())),
        solution_(zeros(s.size())),
        lambda_(lambda) {
    const DenseMatrix Q = random_orthogonal(m_, rng);
    for (std::size_t i = 0; i < m_; ++i)
      for (std::size_t j = 0; j < m_; ++j) {
        A_(i, j) = Q(i, j) * s[j];
        b_(i) += Q(i, j) * c[j] / s[j];
      }
    for (std::size_t j = 0; j < m_; ++j) {
      const double shrunk =
          penalized(j) ? std::copysign(std::max(std::fabs(c[j]) - lambda, 0.0), c[j]) : c[j];
      solution_(j) = shrunk / (s[j] * s[j]);
    }
  }
  std::size_t dim() const override { return m_; }
  bool penalized(std::size_t j) const override { return j + 1 < m_; }
  double l1() const override { return lambda_; }
  double value_gradient(const Vector& theta, Vector& grad) override {
    grad.resize({m_});
    std::vector<double> r(m_);
    double f = 0;
    for (std::size_t i = 0; i < m_; ++i) {
      double ri = -b_(i);
      for (std::size_t j = 0; j < m_; ++j) ri += A_(i, j) * theta(j);
      r[i] = ri;
      f += 0.5 * ri * ri;
    }
    for (std::size_t j = 0; j < m_; ++j) {
      double g = 0;
      for (std::size_t i = 0; i < m_; ++i) g += A_(i, j) * r[i];
      grad(j) = g;
    }
    return f;
  }
  void hessian(const Vector&, DenseMatrix& H) override {
    H.resize({m_, m_});
    for (std::size_t j = 0; j < m_; ++j)
      for (std::size_t k = 0; k < m_; ++k) {
        double h = 0;
        for (std::size_t i = 0; i < m_; ++i) h += A_(i, j) * A_(i, k);
        H(j, k) = h;
      }
  }
  const Vector& solution() const { return solution_; }

 private:
  std::size_t m_;
  DenseMatrix A_;
  Vector b_, solution_;
  double lambda_;
};

// A quadratic whose gradient carries a deterministic pseudo-random error of absolute size
// `level` (a hash of θ's bits): an objective whose gradient floor is far above rounding, so
// a tolerance of 0 can only be met by the solvers' own stall detection.
class NoisyGradient final : public TestObjective {
 public:
  NoisyGradient(Quadratic& q, double level) : q_(q), level_(level) {}
  std::size_t dim() const override { return q_.dim(); }
  double value_gradient(const Vector& theta, Vector& grad) override {
    const double f = q_.value_gradient(theta, grad);
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the bytes of θ, then a mixer
    for (double x : theta) {
      std::uint64_t bits;
      std::memcpy(&bits, &x, sizeof bits);
      h = (h ^ bits) * 1099511628211ull;
    }
    for (auto& g : grad) {
      h ^= h >> 33;
      h *= 0xff51afd7ed558ccdull;
      h ^= h >> 33;
      g += level_ * (double(h >> 11) * 0x1.0p-53 - 0.5);
    }
    return f;
  }
  void hessian(const Vector& theta, DenseMatrix& H) override { q_.hessian(theta, H); }

 private:
  Quadratic& q_;
  double level_;
};

// ---- logistic data ----------------------------------------------------------------------------
// n rows of d standard-normal features; labels drawn from the logistic model with weights
// `w` and intercept 0.3 (noisy, so not separable), or thresholded (separable); weights in
// [0.5, 2).
struct LogisticData {
  std::size_t n, d;
  std::vector<double> X, y, weights;
  LogisticData(std::size_t rows, std::size_t cols, std::uint64_t seed, const std::vector<double>& w,
               bool separable = false)
      : n(rows), d(cols), X(rows * cols), y(rows), weights(rows) {
    Rng rng(seed);
    for (std::size_t i = 0; i < n; ++i) {
      double z = 0.3;
      for (std::size_t j = 0; j < d; ++j) {
        X[i * d + j] = rng.normal();
        z += w[j] * X[i * d + j];
      }
      const double u = rng.uniform();
      y[i] = separable ? (z > 0 ? 1.0 : 0.0) : (u < 1 / (1 + std::exp(-z)) ? 1.0 : 0.0);
      weights[i] = 0.5 + 1.5 * rng.uniform();
    }
  }
  MatrixView view() const { return MatrixView(X.data(), n, d); }
};

Options solver_options(double tolerance, std::size_t max_iterations = 500,
                       std::size_t history = 10) {
  Options o;
  o.tolerance = tolerance;
  o.max_iterations = max_iterations;
  o.history_size = history;
  return o;
}

// Every IterationInfo, with a copy of θ (the pointer is only valid during the call).
struct Recorder {
  std::vector<IterationInfo> infos;
  std::vector<Vector> thetas;
  IterationCallback callback() {
    return [this](const IterationInfo& info) {
      infos.push_back(info);
      thetas.push_back(*info.theta);
      return true;
    };
  }
};

// The contract of every run: one callback per update, numbered 1 … k; each reports F and
// ‖◇F‖∞ of its own θ exactly; the last θ is the returned one; the report describes the
// returned θ; converged ⇔ ‖◇F‖∞ ≤ tolerance. And every step decreases F: Armijo,
// F(θₖ₊₁) ≤ F(θₖ) + c₁ ◇F(θₖ)ᵀ(θₖ₊₁ − θₖ), wherever that predicted change is above F's
// rounding noise (line_search.hpp); below it the computed F may not rise by more than
// the noise.
void check_run(Objective& f, const Vector& theta0, const Vector& theta, const SolverReport& r,
               const Options& o, const Recorder& rec) {
  REQUIRE(rec.infos.size() == r.iterations);
  Vector g, pg;
  Vector previous = theta0;
  double F0 = f.full_value_gradient(previous, g);
  Vector pg0;
  f.pseudo_gradient(previous, g, pg0);
  for (std::size_t k = 0; k < rec.infos.size(); ++k) {
    const IterationInfo& info = rec.infos[k];
    INFO("iteration " << k + 1);
    CHECK(info.iteration == k + 1);
    CHECK(info.step_size > 0);
    const double F = f.full_value_gradient(rec.thetas[k], g);
    f.pseudo_gradient(rec.thetas[k], g, pg);
    CHECK(F == info.loss);
    CHECK(inf_norm(pg) == info.gradient_norm);
    const Vector s = rec.thetas[k] - previous;
    const double predicted = dot(pg0, s), noise = detail::noise_level(F0);
    CHECK(predicted < 0);
    if (f.l1() > 0) {
      // OWL-QN moves every coordinate against its pseudo-gradient, or not at all.
      std::size_t uphill = 0;
      for (std::size_t j = 0; j < s.size(); ++j)
        uphill += s(j) * pg0(j) > 0 || (pg0(j) == 0 && s(j) != 0);
      CHECK(uphill == 0);
    }
    if (std::fabs(predicted) > 2 * noise)
      CHECK(F <= F0 + kC1 * predicted);
    else
      CHECK(F <= F0 + noise);
    previous = rec.thetas[k];
    F0 = F;
    pg0 = pg;
  }
  const double F = f.full_value_gradient(theta, g);
  f.pseudo_gradient(theta, g, pg);
  CHECK(F == r.loss);
  CHECK(inf_norm(pg) == r.gradient_norm);
  CHECK(r.converged == (r.gradient_norm <= o.tolerance));
  if (r.iterations > 0) CHECK(max_abs_diff(rec.thetas.back(), theta) == 0);
}

// The strong Wolfe curvature condition |∇fₖ₊₁ᵀs| ≤ c₂ |∇fₖᵀs| at each accepted L-BFGS step
// s = θₖ₊₁ − θₖ (scale-free: α cancels; the sufficient decrease is checked by check_run);
// where the step is below F's noise, also the derivative form of sufficient decrease,
// φ'(1) ≤ (1 − 2c₁)|φ'(0)|. Returns the number of steps below the noise.
std::size_t check_wolfe(Objective& f, const Vector& theta0, const Recorder& rec) {
  Vector g0, g1;
  Vector previous = theta0;
  double F0 = f.full_value_gradient(previous, g0);
  std::size_t below_noise = 0;
  for (std::size_t k = 0; k < rec.thetas.size(); ++k) {
    INFO("step " << k + 1);
    const Vector& next = rec.thetas[k];
    const double F1 = f.full_value_gradient(next, g1);
    const Vector s = next - previous;
    const double slope0 = dot(g0, s), slope1 = dot(g1, s);
    CHECK(slope0 < 0);
    CHECK(std::fabs(slope1) <= kC2 * std::fabs(slope0));
    if (std::fabs(slope0) <= detail::noise_level(F0)) {
      CHECK(slope1 <= (1 - 2 * kC1) * std::fabs(slope0));
      ++below_noise;
    }
    previous = next;
    g0 = g1;
    F0 = F1;
  }
  return below_noise;
}

// ---- one-dimensional functions for the line searches ---------------------------------------
class Line final : public detail::LineFunction {
 public:
  explicit Line(std::function<double(double, double&)> f) : f_(std::move(f)) {}
  double evaluate(double alpha, double& slope) override {
    ++calls;
    return f_(alpha, slope);
  }
  std::size_t calls = 0;

 private:
  std::function<double(double, double&)> f_;
};

}  // namespace

// ============================================================================================
// Line searches
// ============================================================================================

TEST_CASE("strong Wolfe search: Moré–Thuente test functions from any first step",
          "[newton_lbfgs][solvers][line_search]") {
  // Moré & Thuente (1994), functions 1–3: a smooth minimum at √2; a quintic with a tiny
  // initial slope and its minimum at 1.6 − β; a wiggly one (39 oscillations) near α = 1.
  const double b2 = 0.004, b3 = 0.01, l3 = 39;
  std::vector<std::function<double(double, double&)>> functions = {
      [](double a, double& d) {
        d = (a * a - 2) / ((a * a + 2) * (a * a + 2));
        return -a / (a * a + 2);
      },
      [=](double a, double& d) {
        const double x = a + b2;
        d = 5 * std::pow(x, 4) - 8 * std::pow(x, 3);
        return std::pow(x, 5) - 2 * std::pow(x, 4);
      },
      [=](double a, double& d) {
        double p, dp;
        if (a <= 1 - b3) {
          p = 1 - a;
          dp = -1;
        } else if (a >= 1 + b3) {
          p = a - 1;
          dp = 1;
        } else {
          p = (a - 1) * (a - 1) / (2 * b3) + b3 / 2;
          dp = (a - 1) / b3;
        }
        const double k = l3 * kPi / 2;
        d = dp + (1 - b3) * std::cos(k * a);
        return p + 2 * (1 - b3) / (l3 * kPi) * std::sin(k * a);
      }};
  for (std::size_t which = 0; which < functions.size(); ++which)
    for (double alpha1 : {1e-3, 1e-1, 1.0, 10.0, 1e3}) {
      INFO("function " << which + 1 << ", first step " << alpha1);
      Line phi(functions[which]);
      double slope0;
      const double value0 = functions[which](0, slope0);
      REQUIRE(slope0 < 0);
      const auto r = detail::strong_wolfe_search(phi, value0, slope0, alpha1);
      REQUIRE(r.status == detail::LineSearchStatus::strong_wolfe);
      CHECK(r.evaluations == phi.calls);
      CHECK(r.evaluations <= 20);
      double slope;
      const double value = functions[which](r.alpha, slope);
      CHECK(value == r.value);
      CHECK(slope == r.slope);
      CHECK(value <= value0 + kC1 * r.alpha * slope0);
      CHECK(std::fabs(slope) <= kC2 * std::fabs(slope0));
    }
}

TEST_CASE("strong Wolfe search: cubic interpolation, extrapolation, non-finite trials",
          "[newton_lbfgs][solvers][line_search]") {
  // φ(α) = (α − 3)²: from α₁ = 10 (too far) the zoom's cubic through (0, 10) is exact.
  Line quadratic([](double a, double& d) {
    d = 2 * (a - 3);
    return (a - 3) * (a - 3);
  });
  auto r = detail::strong_wolfe_search(quadratic, 9, -6, 10);
  CHECK(r.status == detail::LineSearchStatus::strong_wolfe);
  CHECK(r.evaluations == 2);
  CHECK(r.alpha == Approx(3).epsilon(1e-14));

  // From α₁ = 10⁻³ (too short: φ' still −5.99) it extrapolates by at most 4× the last
  // increment per trial, then brackets.
  quadratic.calls = 0;
  r = detail::strong_wolfe_search(quadratic, 9, -6, 1e-3);
  CHECK(r.status == detail::LineSearchStatus::strong_wolfe);
  CHECK(r.evaluations <= 10);
  CHECK(std::fabs(2 * (r.alpha - 3)) <= kC2 * 6);

  // Overflow beyond α = 2: the trial is rejected like any other and the bracket shrinks.
  Line overflowing([](double a, double& d) {
    if (a > 2) {
      d = std::numeric_limits<double>::quiet_NaN();
      return std::numeric_limits<double>::infinity();
    }
    d = 2 * (a - 0.5);
    return (a - 0.5) * (a - 0.5);
  });
  r = detail::strong_wolfe_search(overflowing, 0.25, -1, 100);
  CHECK(r.status == detail::LineSearchStatus::strong_wolfe);
  CHECK(std::isfinite(r.value));
  CHECK(std::fabs(2 * (r.alpha - 0.5)) <= kC2 * 1);
}

TEST_CASE("line searches: below F's rounding noise the derivative decides",
          "[newton_lbfgs][solvers][line_search]") {
  // φ(α) = 1 + 10⁻²⁰ (α − 1)² evaluates to exactly 1 everywhere, but φ' is exact: the
  // search must still find α = 1 (the secant of φ' from 0 and 10 is exact).
  Line flat([](double a, double& d) {
    d = 2e-20 * (a - 1);
    return 1 + 1e-20 * (a - 1) * (a - 1);
  });
  detail::WolfeOptions wo;
  wo.noise = detail::noise_level(1.0);
  const auto r = detail::strong_wolfe_search(flat, 1.0, -2e-20, 10, wo);
  CHECK(r.status == detail::LineSearchStatus::strong_wolfe);
  CHECK(r.below_noise);
  CHECK(r.alpha == Approx(1).epsilon(1e-12));
  CHECK(r.value <= 1.0);
}

TEST_CASE("line searches: no step decreases F → they give up without looping",
          "[newton_lbfgs][solvers][line_search]") {
  // A slope claiming descent while the values rise (a wrong derivative, or a direction that
  // is not a descent direction in floating point).
  Line rising([](double a, double& d) {
    d = -1;
    return 1 + a;
  });
  const auto r = detail::strong_wolfe_search(rising, 1, -1, 1);
  CHECK(r.status == detail::LineSearchStatus::no_progress);
  CHECK(r.alpha == 0);
  CHECK(r.evaluations <= detail::WolfeOptions{}.max_evaluations);

  struct Stuck final : detail::TrialFunction {
    std::size_t calls = 0;
    bool move = true;
    detail::Trial evaluate(double t) override {
      ++calls;
      detail::Trial tr;
      tr.moved = move;
      // F(θ) = 1 to the last bit, and a derivative that contradicts the predicted descent
      // (it is rising at the end of every segment): the gradient is rounding noise.
      tr.value = 1;
      tr.predicted = -1e-18 * t;
      tr.end_slope = 2e-18 * t;
      return tr;
    }
  };
  detail::BacktrackOptions bo;
  bo.noise = detail::noise_level(1.0);
  Stuck noisy;
  auto b = detail::backtracking_search(noisy, 1.0, 1.0, bo);
  CHECK_FALSE(b.accepted);
  CHECK(b.trials == bo.max_noise_trials);
  CHECK(noisy.calls == bo.max_noise_trials);
  Stuck still;
  still.move = false;  // θ + t p == θ
  b = detail::backtracking_search(still, 1.0, 1.0, bo);
  CHECK_FALSE(b.accepted);
  CHECK(still.calls == 1);
}

// ============================================================================================
// Newton and L-BFGS on objectives with known minimisers
// ============================================================================================

TEST_CASE("strictly convex quadratic: Newton in 1 iteration, L-BFGS in at most 3·dim",
          "[newton_lbfgs][solvers]") {
  Rng rng(11);
  const std::size_t m = 10;
  std::vector<double> eigenvalues(m);
  for (std::size_t k = 0; k < m; ++k)
    eigenvalues[k] = 1 + 9.0 * double(k) / double(m - 1);  // κ = 10
  Vector solution = zeros(m);
  for (auto& x : solution) x = rng.normal();
  Quadratic f(eigenvalues, solution, rng);
  const Options o = solver_options(1e-10);
  const Vector theta0 = zeros(m);

  SECTION("newton") {
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = newton(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    CHECK(r.iterations == 1);
    CHECK(rec.infos.at(0).step_size == 1);  // the full Newton step
    CHECK(max_abs_diff(theta, solution) <= 1e-13 * inf_norm(solution));
  }
  SECTION("lbfgs") {
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = lbfgs(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    // Not ≤ dim + few: that finite termination needs exact line searches (L-BFGS then
    // equals CG on a quadratic). With c₂ = 0.9 the unit step is accepted as soon as it
    // satisfies the Wolfe conditions (one evaluation per iteration, the point of c₂ = 0.9),
    // and this problem takes 25 iterations (14 with c₂ = 0.1, 11 with c₂ = 0.01). Steepest
    // descent with exact steps would need ~120 (rate (κ − 1)/(κ + 1) = 9/11).
    CHECK(r.iterations <= 3 * m);
    // ‖θ − x*‖₂ ≤ ‖∇f‖₂ / λ_min(A), λ_min = 1
    CHECK(max_abs_diff(theta, solution) <= std::sqrt(double(m)) * r.gradient_norm);
    check_wolfe(f, theta0, rec);
  }
}

TEST_CASE("ill-conditioned quadratic (κ = 10⁶)", "[newton_lbfgs][solvers]") {
  // Eigenvalues spread evenly on a log scale from 1 down to 10⁻⁶: the hardest spectrum for
  // Krylov-like methods. Tolerance 10⁻¹² on the gradient means an error of up to 10⁻⁶ in the
  // flattest direction, where F changes by 10⁻¹⁸: most of the run happens below F's
  // resolution, on the derivative form of the sufficient-decrease test.
  Rng rng(12);
  const std::size_t m = 10;
  std::vector<double> eigenvalues(m);
  for (std::size_t k = 0; k < m; ++k)
    eigenvalues[k] = std::pow(10.0, -6.0 * double(k) / double(m - 1));
  Vector solution = zeros(m);
  for (auto& x : solution) x = rng.normal();
  Quadratic f(eigenvalues, solution, rng);
  const Vector theta0 = zeros(m);

  SECTION("newton") {
    const Options o = solver_options(1e-12);
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = newton(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    CHECK(r.iterations == 1);
    CHECK(max_abs_diff(theta, solution) <= 1e-9);  // κ ε ‖x*‖ ≈ 10⁻¹⁰
  }
  // History 10 = dim: 383 iterations; history 3 (the ring buffer evicting): 4643.
  for (std::size_t history : {10, 3}) {
    SECTION("lbfgs, history " + std::to_string(history)) {
      const Options o = solver_options(1e-12, 10000, history);
      Vector theta = theta0;
      Recorder rec;
      const SolverReport r = lbfgs(f, theta, o, rec.callback());
      check_run(f, theta0, theta, r, o, rec);
      CHECK(r.converged);
      CHECK(r.iterations <= (history == 10 ? 600 : 7000));
      // ‖θ − x*‖₂ ≤ ‖∇f‖₂ / λ_min(A), λ_min = 10⁻⁶
      CHECK(max_abs_diff(theta, solution) <= std::sqrt(double(m)) * r.gradient_norm * 1e6);
      CHECK(check_wolfe(f, theta0, rec) > 0);  // the sub-noise path was exercised
    }
  }
}

TEST_CASE("Rosenbrock from (−1.2, 1): L-BFGS with Wolfe steps, Newton through indefinite Hessians",
          "[newton_lbfgs][solvers]") {
  Rosenbrock f;
  Vector theta0 = zeros(2);
  theta0(0) = -1.2;
  theta0(1) = 1;
  const Options o = solver_options(1e-10, 200);
  Vector one = zeros(2);
  one(0) = one(1) = 1;

  SECTION("lbfgs") {
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = lbfgs(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    CHECK(r.iterations <= 60);
    CHECK(max_abs_diff(theta, one) <= 1e-9);  // λ_min(∇²f(1, 1)) ≈ 0.4
    check_wolfe(f, theta0, rec);
  }
  SECTION("newton") {
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = newton(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    CHECK(r.iterations <= 40);
    CHECK(max_abs_diff(theta, one) <= 1e-9);
  }
  SECTION("max_iterations is respected") {
    Vector theta = theta0;
    const SolverReport r = lbfgs(f, theta, solver_options(1e-10, 5));
    CHECK(r.iterations == 5);
    CHECK_FALSE(r.converged);
    CHECK_FALSE(r.stopped);
  }
}

TEST_CASE("Newton: a singular Hessian gets a ridge, and the null space is left alone",
          "[newton_lbfgs][solvers]") {
  // Eigenvalues 0, 0, 1 … 4: b = A x* lies in range(A), the minimisers are x* + null(A), and
  // from θ = 0 the ridge (A + μI)⁻¹ gives the one in range(A), P x* (P the projector).
  Rng rng(13);
  const std::vector<double> eigenvalues = {0, 0, 1, 2, 3, 4};
  const std::size_t m = eigenvalues.size();
  Rng q_rng(14);
  const DenseMatrix Q = random_orthogonal(m, q_rng);
  Vector solution = zeros(m);
  for (auto& x : solution) x = rng.normal();
  Rng same(14);  // Quadratic draws the same Q from the same seed
  Quadratic f(eigenvalues, solution, same);
  Vector projected = zeros(m);  // P x* = Σ_{k: λₖ > 0} qₖ qₖᵀ x*
  for (std::size_t k = 2; k < m; ++k) {
    double c = 0;
    for (std::size_t i = 0; i < m; ++i) c += Q(i, k) * solution(i);
    for (std::size_t i = 0; i < m; ++i) projected(i) += c * Q(i, k);
  }
  const Options o = solver_options(1e-12);
  const Vector theta0 = zeros(m);
  Vector theta = theta0;
  Recorder rec;
  const SolverReport r = newton(f, theta, o, rec.callback());
  check_run(f, theta0, theta, r, o, rec);
  CHECK(r.converged);
  CHECK(r.iterations <= 3);
  CHECK(max_abs_diff(theta, projected) <= 1e-8);
}

TEST_CASE("OWL-QN on an orthogonal-design lasso: exact zeros and soft-thresholded values",
          "[newton_lbfgs][solvers][l1]") {
  Rng rng(15);
  const double lambda = 0.5;
  // |cⱼ| ≤ λ on the penalized coordinates 1, 2, 4, 5, 7 → θⱼ = 0; the last coordinate is
  // unpenalized, so its small c still gives a non-zero θ.
  const std::vector<double> c = {2.0, -0.3, 0.45, -1.7, 0.1, 0.0, 3.0, -0.49, 0.8, -2.5, 1.2, 0.3};
  const std::size_t m = c.size();
  std::vector<double> s(m);
  for (std::size_t j = 0; j < m; ++j) s[j] = 0.5 + 1.5 * double(j) / double(m - 1);  // κ(AᵀA) = 16
  OrthogonalLasso f(s, c, lambda, rng);
  const Options o = solver_options(1e-10);
  for (int start = 0; start < 2; ++start) {
    // From 0, and from a point where every coordinate must cross or reach zero.
    Vector theta0 = zeros(m);
    if (start == 1)
      for (std::size_t j = 0; j < m; ++j) theta0(j) = (j % 2 ? 1.0 : -1.0) * (1 + 0.1 * double(j));
    INFO("start " << start);
    Vector theta = theta0;
    Recorder rec;
    const SolverReport r = lbfgs(f, theta, o, rec.callback());
    check_run(f, theta0, theta, r, o, rec);
    CHECK(r.converged);
    CHECK(r.iterations <= 40);
    for (std::size_t j = 0; j < m; ++j) {
      INFO("coordinate " << j);
      if (f.solution()(j) == 0) {
        CHECK(theta(j) == 0.0);  // exactly
      } else {
        CHECK(theta(j) != 0.0);
        CHECK(std::fabs(theta(j) - f.solution()(j)) <= 1e-8);
      }
    }
  }
}

// ============================================================================================
// The log-loss
// ============================================================================================

namespace {
const std::vector<double> kTrueWeights = {1.0, -2.0, 0.5, 0.0};

Vector gd_reference(Objective& f, double tolerance) {
  Options o = solver_options(tolerance, 200000);
  o.learning_rate = 1 / f.lipschitz_bound();
  Vector theta = zeros(f.dim());
  const SolverReport r = gradient_descent(f, theta, o);
  REQUIRE(r.converged);
  return theta;
}
}  // namespace

TEST_CASE("log-loss: Newton, L-BFGS and long gradient descent agree",
          "[newton_lbfgs][solvers][logloss]") {
  const LogisticData data(300, 4, 21, kTrueWeights);
  struct Config {
    const char* name;
    Penalty penalty;
    bool weighted;
  };
  const Config configs[] = {
      {"plain", {}, false}, {"l2 = 0.05", {0.05, 0}, false}, {"sample weights", {}, true}};
  for (const Config& config : configs) {
    SECTION(config.name) {
      LogLoss f(data.view(), data.y.data(), true, Kernel::scalar,
                config.weighted ? data.weights.data() : nullptr, config.penalty);
      const Options o = solver_options(1e-12);
      const Vector theta0 = zeros(f.dim());

      Vector tn = theta0;
      Recorder rn;
      const SolverReport newton_report = newton(f, tn, o, rn.callback());
      check_run(f, theta0, tn, newton_report, o, rn);
      CHECK(newton_report.converged);
      CHECK(newton_report.iterations <= 10);

      Vector tl = theta0;
      Recorder rl;
      const SolverReport lbfgs_report = lbfgs(f, tl, o, rl.callback());
      check_run(f, theta0, tl, lbfgs_report, o, rl);
      CHECK(lbfgs_report.converged);
      CHECK(lbfgs_report.iterations <= 40);
      check_wolfe(f, theta0, rl);

      const double scale = inf_norm(tn);
      CHECK(max_abs_diff(tn, tl) <= 1e-8 * scale);
      CHECK(newton_report.loss == Approx(lbfgs_report.loss).epsilon(1e-14));
      CHECK(max_abs_diff(tn, gd_reference(f, 1e-11)) <= 1e-8 * scale);
    }
  }
}

TEST_CASE("log-loss: duplicated column (singular Hessian) — Newton splits the weight evenly",
          "[newton_lbfgs][solvers][logloss]") {
  const LogisticData data(300, 3, 22, {1.0, -2.0, 0.5});
  std::vector<double> X4(data.n * 4);
  for (std::size_t i = 0; i < data.n; ++i) {
    for (std::size_t j = 0; j < 3; ++j) X4[i * 4 + j] = data.X[i * 3 + j];
    X4[i * 4 + 3] = data.X[i * 3 + 0];
  }
  LogLoss f3(data.view(), data.y.data(), true, Kernel::scalar);
  LogLoss f4(MatrixView(X4.data(), data.n, 4), data.y.data(), true, Kernel::scalar);
  const Options o = solver_options(1e-10);
  Vector t3 = zeros(4), t4 = zeros(5);
  const SolverReport r3 = newton(f3, t3, o);
  const SolverReport r4 = newton(f4, t4, o);
  REQUIRE(r3.converged);
  CHECK(r4.converged);
  CHECK(r4.iterations <= 12);
  CHECK(r4.loss == Approx(r3.loss).epsilon(1e-13));
  CHECK(t4(0) + t4(3) == Approx(t3(0)).epsilon(1e-8));
  CHECK(t4(0) ==
        Approx(t4(3)).epsilon(1e-8));  // symmetric from θ = 0: no blow-up along the null space
  CHECK(t4(1) == Approx(t3(1)).epsilon(1e-8));
  CHECK(t4(2) == Approx(t3(2)).epsilon(1e-8));
  CHECK(t4(4) == Approx(t3(3)).epsilon(1e-8));
}

TEST_CASE("log-loss with L1: OWL-QN matches proximal gradient, zeros included",
          "[newton_lbfgs][solvers][logloss][l1]") {
  const LogisticData data(300, 6, 23, {1.0, -2.0, 0.5, 0.0, 0.0, 0.05});
  const double lambda = 0.03;
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar, nullptr, Penalty{0, lambda});
  const Options o = solver_options(1e-10);
  const Vector theta0 = zeros(f.dim());
  Vector theta = theta0;
  Recorder rec;
  const SolverReport r = lbfgs(f, theta, o, rec.callback());
  check_run(f, theta0, theta, r, o, rec);
  CHECK(r.converged);
  CHECK(r.iterations <= 60);

  // Proximal gradient (ISTA) with step 1/L: θ ← soft(θ − ∇f/L, λ/L) on the weights.
  const double step = 1 / f.lipschitz_bound();
  Vector ref = theta0, g, pg;
  for (int it = 0; it < 100000; ++it) {
    f.value_gradient(ref, g);
    f.pseudo_gradient(ref, g, pg);
    if (inf_norm(pg) <= 1e-12) break;
    for (std::size_t j = 0; j < f.dim(); ++j) {
      const double v = ref(j) - step * g(j);
      ref(j) = f.penalized(j) ? std::copysign(std::max(std::fabs(v) - step * lambda, 0.0), v) : v;
    }
  }
  f.value_gradient(ref, g);
  f.pseudo_gradient(ref, g, pg);
  REQUIRE(inf_norm(pg) <= 1e-12);
  std::size_t zeros_found = 0;
  for (std::size_t j = 0; j < f.dim(); ++j) {
    INFO("coordinate " << j);
    CHECK((theta(j) == 0) == (ref(j) == 0));
    CHECK(std::fabs(theta(j) - ref(j)) <= 1e-8);
    zeros_found += theta(j) == 0;
  }
  CHECK(zeros_found >= 2);  // the two features without signal
}

TEST_CASE("IterationCallback: once per iteration, values of that iteration, can stop the solver",
          "[newton_lbfgs][solvers][logloss]") {
  const LogisticData data(300, 4, 24, kTrueWeights);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar, data.weights.data(),
            Penalty{0.01, 0});
  const Options o = solver_options(1e-12);
  using Solve = SolverReport (*)(Objective&, Vector&, const Options&, const IterationCallback&);
  for (Solve solve : {Solve(&newton), Solve(&lbfgs)}) {
    INFO((solve == Solve(&newton) ? "newton" : "lbfgs"));
    Vector full = zeros(f.dim());
    Recorder all;
    const SolverReport complete = solve(f, full, o, all.callback());
    REQUIRE(complete.iterations >= 3);
    check_run(f, zeros(f.dim()), full, complete, o, all);

    Vector theta = zeros(f.dim());
    Recorder rec;
    std::size_t calls = 0;
    const SolverReport r = solve(f, theta, o, [&](const IterationInfo& info) {
      rec.infos.push_back(info);
      rec.thetas.push_back(*info.theta);
      return ++calls < 2;
    });
    CHECK(calls == 2);
    CHECK(r.iterations == 2);
    CHECK(r.stopped);
    CHECK_FALSE(r.converged);
    CHECK(r.loss == rec.infos.back().loss);
    CHECK(r.gradient_norm == rec.infos.back().gradient_norm);
    CHECK(max_abs_diff(theta, rec.thetas.back()) == 0);
    // The same first two iterations as the uninterrupted run: deterministic.
    CHECK(max_abs_diff(theta, all.thetas.at(1)) == 0);
  }
}

TEST_CASE("log-loss at machine precision: tolerance 0 stops cleanly, 1e-13 is reached",
          "[newton_lbfgs][solvers][logloss]") {
  const LogisticData data(300, 4, 25, kTrueWeights);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar);
  using Solve = SolverReport (*)(Objective&, Vector&, const Options&, const IterationCallback&);
  for (Solve solve : {Solve(&newton), Solve(&lbfgs)}) {
    INFO((solve == Solve(&newton) ? "newton" : "lbfgs"));
    Vector theta = zeros(f.dim());
    Options o = solver_options(1e-13);
    SolverReport r = solve(f, theta, o, {});
    CHECK(r.converged);

    // Tolerance 0 cannot be met: the solver must notice that F and θ stop changing.
    o = solver_options(0, 1000);
    theta = zeros(f.dim());
    Recorder rec;
    r = solve(f, theta, o, rec.callback());
    check_run(f, zeros(f.dim()), theta, r, o, rec);
    CHECK(r.iterations < 100);
    CHECK(r.gradient_norm <= 1e-15);  // the rounding floor of ∇f here is ~10⁻¹⁷
    CHECK_FALSE(r.stopped);
  }
}

TEST_CASE("a gradient with an error floor above rounding: tolerance 0 still ends",
          "[newton_lbfgs][solvers]") {
  Rng rng(16);
  const std::size_t m = 10;
  std::vector<double> eigenvalues(m);
  for (std::size_t k = 0; k < m; ++k) eigenvalues[k] = 1 + 9.0 * double(k) / double(m - 1);
  Vector solution = zeros(m);
  for (auto& x : solution) x = rng.normal();
  Quadratic q(eigenvalues, solution, rng);
  NoisyGradient f(q, 1e-9);
  // Newton: two steps in a row without a new lowest f or ‖∇f‖∞. L-BFGS: no new low for
  // max(100, k) iterations (its steps, ~10⁻⁹, are far above the few-ulp stall test).
  Vector theta = zeros(m);
  SolverReport r = newton(f, theta, solver_options(0, 100000));
  CHECK(r.iterations <= 10);
  CHECK(r.gradient_norm <= 1e-8);
  CHECK(max_abs_diff(theta, solution) <= 1e-8);
  theta = zeros(m);
  r = lbfgs(f, theta, solver_options(0, 100000));
  CHECK(r.iterations <= 1000);
  CHECK(r.gradient_norm <= 1e-8);
  CHECK(max_abs_diff(theta, solution) <= 1e-8);
}

TEST_CASE("separable data: no minimiser — the solvers stop without overflow",
          "[newton_lbfgs][solvers][logloss]") {
  const LogisticData data(100, 2, 26, {1.0, -1.0}, true);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar);
  using Solve = SolverReport (*)(Objective&, Vector&, const Options&, const IterationCallback&);
  for (Solve solve : {Solve(&newton), Solve(&lbfgs)}) {
    INFO((solve == Solve(&newton) ? "newton" : "lbfgs"));
    const Options o = solver_options(1e-10, 1000);
    Vector theta = zeros(f.dim());
    Recorder rec;
    const SolverReport r = solve(f, theta, o, rec.callback());
    check_run(f, zeros(f.dim()), theta, r, o, rec);
    CHECK(r.iterations < o.max_iterations);
    CHECK(std::isfinite(r.loss));
    CHECK(r.loss < 1e-6);  // ‖w‖ grew: J → 0
    for (double x : theta) CHECK(std::isfinite(x));
  }
}

TEST_CASE("solvers validate their input", "[newton_lbfgs][solvers]") {
  const LogisticData data(50, 2, 27, {1.0, -1.0});
  LogLoss l1(data.view(), data.y.data(), true, Kernel::scalar, nullptr, Penalty{0, 0.1});
  Vector theta = zeros(3);
  REQUIRE_THROWS_AS(newton(l1, theta, solver_options(1e-8)), std::invalid_argument);
  REQUIRE_THROWS_WITH(newton(l1, theta, solver_options(1e-8)), Catch::Contains("'lbfgs'"));
  LogLoss plain(data.view(), data.y.data(), true, Kernel::scalar);
  Vector wrong = zeros(2);
  REQUIRE_THROWS_AS(newton(plain, wrong, solver_options(1e-8)), std::invalid_argument);
  REQUIRE_THROWS_AS(lbfgs(plain, wrong, solver_options(1e-8)), std::invalid_argument);
}
