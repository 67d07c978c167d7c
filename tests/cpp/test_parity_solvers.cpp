// SPDX-License-Identifier: MIT
// Parity of the penalized, multinomial and weighted fits with scikit-learn 1.2.1 and
// statsmodels 0.13.5: the optima in tests/fixtures/reference_solvers.hpp were made by
// make_reference_solvers.py (each one certified there, in numpy, as an optimum of *our*
// objective to ‖◇F‖∞ ≤ 1e-10, most to ~1e-16), and these tests fit the same data with every
// applicable solver and both gradient kernels and compare.
//
// Objective (mean form, MATH.md): F = (1/n) Σᵢ sᵢℓᵢ + (l2/2)‖W‖² + l1‖W‖₁, sᵢ = sample
// weight × class weight, intercepts never penalized.
//
// What "equal" means, per parameter θⱼ of the reference θ*:
//   allowedⱼ = rtol·|θ*ⱼ| + atol,  atol = rtol·10⁻²·max|w*|  (the largest weight's allowance
//   / 100), rtol = 1e-6, or 1e-4 with an L1 penalty. The absolute part only matters for
//   weights below 1 % of the largest one (a pure relative test of a weight that is ~0 would
//   ask for digits the problem does not determine): a mixed absolute/relative check.
//   L1 / elastic net: additionally the zero pattern must be identical (exact zeros).
//   Standardize cases compare standardized_coefficients()/standardized_intercepts() — the
//   solver's own unknowns, scikit-learn's coef_ of the StandardScaler pipeline — with these
//   allowances, and the raw-unit coefficients with the allowances carried through
//   w = w̃/σ, b = b̃ − Σⱼ w̃ⱼμⱼ/σⱼ (allowedⱼ/σⱼ; allowed_b + Σⱼ allowedⱼ|μⱼ|/σⱼ).
//   F: |F − F*| ≤ 1e-9 (absolute; F* is 0.03 … 0.5 here).
// The stopping tolerance is derived from the reference's conditioning, not tuned per solver:
// near θ*, θ − θ* ≈ H⁺∇F, so |θⱼ − θ*ⱼ| ≤ sensitivityⱼ·‖∇F‖∞ with sensitivityⱼ = Σₗ|H⁺ⱼₗ|
// (recorded by the script, H the Hessian of the smooth part on the free parameters). The
// tolerance is half the smallest allowedⱼ/sensitivityⱼ, capped at 1e-10, and the same for
// every solver: 'auto' gets that tolerance and nothing else (default max_iterations).
// Every derived tolerance is ≥ 1.3e-12, far above the gradient's rounding floor (≤ 1e-14,
// gradient_floor in the fixture), so every solver can certify it.
//
// Also here: gradient descent with α = 1/L and SGD with inverse decay on one L2 case, SGD's
// bit-for-bit reproducibility for a seed, and one SGD fit pinned to exact hex-float constants
// that the native and the wasm builds must both reproduce.
//
// Each fit prints one line (case, solver, kernel, iterations, seconds, the largest error as a
// fraction of its allowance, the largest relative error, |ΔF|) so that runs can be compared;
// ctest shows it with -V or on failure.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../fixtures/reference_solvers.hpp"
#include "datasets.hpp"
#include "logreg/kernels.hpp"
#include "logreg/model.hpp"
#include "logreg/objective.hpp"
#include "logreg/options.hpp"

namespace {

namespace sfx = logreg_solver_fixtures;
using logreg::Kernel;
using logreg::MatrixView;
using logreg::Options;
using logreg::Solver;
using logreg::solver_name;

constexpr double kLossTolerance = 1e-9;      // |F − F*|, absolute
constexpr double kMaxTolerance = 1e-10;      // cap of the derived stopping tolerance
constexpr std::size_t kMaxIterations = 100000;

const sfx::Case& find_case(const std::string& name) {
  for (const auto& c : sfx::cases)
    if (name == c.name) return c;
  throw std::runtime_error("no solver fixture case " + name);
}

/// @brief X, y and the sample weights built exactly as make_reference_solvers.py builds them.
struct Problem {
  std::size_t n = 0, d = 0, k = 2;
  std::vector<double> X;              // row-major n × d
  std::vector<double> y;              // class indices
  std::vector<double> sample_weight;  // empty: none
  std::vector<double> means, stds;    // computed here (z-scored cases), to compare with numpy's
  MatrixView view() const { return MatrixView(X.data(), n, d); }
  const std::vector<double>* weights() const {
    return sample_weight.empty() ? nullptr : &sample_weight;
  }
};

Problem prepare(const sfx::Case& c) {
  const auto table = logreg_test::read_dataset(c.dataset);
  const auto all = table.matrix(std::vector<std::string>(c.features, c.features + c.n_features));
  const std::size_t target = table.column(c.target);
  std::vector<std::size_t> rows(c.rows ? c.n_rows : table.rows.size());
  if (c.rows)
    std::copy(c.rows, c.rows + c.n_rows, rows.begin());
  else
    std::iota(rows.begin(), rows.end(), std::size_t{0});
  Problem p;
  p.n = rows.size();
  p.d = c.n_features;
  p.k = c.n_classes;
  for (std::size_t i : rows) {
    p.X.insert(p.X.end(), all.begin() + long(i * p.d), all.begin() + long((i + 1) * p.d));
    const std::string& label = table.rows[i][target];
    if (c.positive) {
      p.y.push_back(label == c.positive ? 1.0 : 0.0);
    } else {
      const auto* end = c.classes + c.n_classes;
      const auto* at = std::find_if(c.classes, end, [&](const char* s) { return label == s; });
      if (at == end) throw std::runtime_error(std::string(c.name) + ": unknown label " + label);
      p.y.push_back(double(at - c.classes));
    }
  }
  if (c.means) {
    // numpy: means = X.mean(0), stds = X.std(0, ddof=0) (kept to compare), and then
    // X = (X − means)/stds with the script's own means and stds: two correctly rounded
    // operations per element, so X is bit-identical to the script's.
    p.means.assign(p.d, 0.0);
    p.stds.assign(p.d, 0.0);
    for (std::size_t j = 0; j < p.d; ++j) {
      double s = 0, ss = 0;
      for (std::size_t i = 0; i < p.n; ++i) s += p.X[i * p.d + j];
      p.means[j] = s / double(p.n);
      for (std::size_t i = 0; i < p.n; ++i) ss += (p.X[i * p.d + j] - p.means[j]) * (p.X[i * p.d + j] - p.means[j]);
      p.stds[j] = std::sqrt(ss / double(p.n));
    }
    for (std::size_t i = 0; i < p.n; ++i)
      for (std::size_t j = 0; j < p.d; ++j) p.X[i * p.d + j] = (p.X[i * p.d + j] - c.means[j]) / c.stds[j];
  }
  if (c.sample_weight) p.sample_weight.assign(c.sample_weight, c.sample_weight + c.n_rows);
  return p;
}

/// @brief sᵢ = sample_weightᵢ × class_weight[yᵢ] ('balanced': n/(k·n_c), unweighted counts).
std::vector<double> row_weights(const sfx::Case& c, const Problem& p) {
  std::vector<double> counts(p.k, 0.0), cw(p.k, 1.0), s(p.n);
  for (double v : p.y) counts[std::size_t(v)] += 1;
  for (std::size_t q = 0; q < p.k; ++q)
    cw[q] = c.class_weight_balanced ? double(p.n) / (double(p.k) * counts[q])
            : c.class_weight       ? c.class_weight[q]
                                   : 1.0;
  for (std::size_t i = 0; i < p.n; ++i)
    s[i] = (p.sample_weight.empty() ? 1.0 : p.sample_weight[i]) * cw[std::size_t(p.y[i])];
  return s;
}

Options options_for(const sfx::Case& c, Solver solver, double tolerance) {
  Options o;
  o.solver = solver;
  o.tolerance = tolerance;
  // 'auto' runs with the default iteration cap: the tolerance is the only setting it gets.
  if (solver != Solver::automatic) o.max_iterations = kMaxIterations;
  o.l2 = c.l2;
  o.l1 = c.l1;
  o.standardize = c.standardize;
  o.class_weight_balanced = c.class_weight_balanced;
  if (c.class_weight) o.class_weight.assign(c.class_weight, c.class_weight + c.n_classes);
  return o;
}

/// @brief The reference in the solver's own unknowns (θ layout: n_outputs × d weights, then
/// n_outputs intercepts) with per-parameter allowances; the raw-unit one for standardize.
struct Target {
  std::vector<double> want, allowed, sensitivity;
};

double rtol_of(const sfx::Case& c) { return c.l1 > 0 ? 1e-4 : 1e-6; }

Target solver_target(const sfx::Case& c) {
  const std::size_t w = c.n_outputs * c.n_features, m = w + c.n_outputs;
  const double* coef = c.standardize ? c.standardized_coefficients : c.coefficients;
  const double* icpt = c.standardize ? c.standardized_intercepts : c.intercepts;
  Target t;
  t.want.assign(coef, coef + w);
  t.want.insert(t.want.end(), icpt, icpt + c.n_outputs);
  double wmax = 0;
  for (std::size_t j = 0; j < w; ++j) wmax = std::max(wmax, std::fabs(coef[j]));
  const double rtol = rtol_of(c), atol = rtol * 1e-2 * wmax;
  for (double v : t.want) t.allowed.push_back(rtol * std::fabs(v) + atol);
  t.sensitivity.assign(c.sensitivity, c.sensitivity + m);
  return t;
}

/// ½ min allowedⱼ/sensitivityⱼ over the free parameters, capped at kMaxTolerance.
double derived_tolerance(const Target& t) {
  double tol = kMaxTolerance;
  for (std::size_t j = 0; j < t.want.size(); ++j)
    if (t.sensitivity[j] > 0) tol = std::min(tol, 0.5 * t.allowed[j] / t.sensitivity[j]);
  return tol;
}

std::vector<double> concat(const logreg::Vector& a, const logreg::Vector& b) {
  std::vector<double> v(a.begin(), a.end());
  v.insert(v.end(), b.begin(), b.end());
  return v;
}

std::vector<Kernel> kernels() {
  std::vector<Kernel> k{Kernel::scalar};
  if (logreg::simd_available()) k.push_back(Kernel::simd);
  return k;
}

const char* kernel_name(Kernel k) { return k == Kernel::scalar ? "scalar" : "simd"; }

/// @brief Compares `got` with the target: every |Δⱼ| ≤ allowedⱼ, and (L1) the same exact
/// zeros. Returns the largest |Δⱼ|/allowedⱼ; `max_rel` gets the largest relative error.
double compare(const char* what, const std::vector<double>& got, const Target& t,
               std::size_t n_weights, bool zero_pattern, double& max_rel) {
  REQUIRE(got.size() == t.want.size());
  double worst = 0;
  for (std::size_t j = 0; j < got.size(); ++j) {
    const double diff = std::fabs(got[j] - t.want[j]);
    INFO(what << " parameter " << j << ": got " << got[j] << ", reference " << t.want[j]
              << ", allowed ±" << t.allowed[j]);
    CHECK(diff <= t.allowed[j]);
    if (zero_pattern && j < n_weights) CHECK((got[j] == 0) == (t.want[j] == 0));
    worst = std::max(worst, diff / t.allowed[j]);
    if (t.want[j] != 0) max_rel = std::max(max_rel, diff / std::fabs(t.want[j]));
  }
  return worst;
}

struct Measured {
  double seconds = 0, worst = 0, max_rel = 0, loss_error = 0;
  std::size_t iterations = 0;
};

/// Fits `p` with `options` and `kernel` and checks the result against the fixture.
Measured check_fit(const sfx::Case& c, const Problem& p, const Options& options, Kernel kernel,
                   const char* label) {
  const Target t = solver_target(c);
  logreg::LogisticModel model(options);
  model.set_kernel(kernel);
  const auto t0 = std::chrono::steady_clock::now();
  const logreg::FitReport report = model.fit(p.view(), p.y, p.weights());
  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.iterations = report.iterations;
  INFO(c.name << ", " << label << ", " << kernel_name(kernel) << " kernel, tolerance "
              << options.tolerance << ": " << report.iterations << " iterations, |grad|inf "
              << report.gradient_norm << ", solver " << solver_name(report.solver));
  for (const auto& w : report.warnings) UNSCOPED_INFO("warning " << w.code << ": " << w.message);
  CHECK(report.converged);
  CHECK(report.warnings.empty());
  if (options.solver == Solver::automatic) {  // the plan of 'auto' (plan_auto): OWL-QN for L1
    CHECK((report.solver == Solver::lbfgs || report.solver == Solver::newton));
    if (c.l1 > 0) CHECK(report.solver == Solver::lbfgs);
  }
  REQUIRE(model.n_classes() == c.n_classes);
  const std::size_t w = c.n_outputs * c.n_features;
  const bool l1 = c.l1 > 0;
  if (c.standardize) {
    m.worst = compare("standardized",
                      concat(model.standardized_coefficients(), model.standardized_intercepts()),
                      t, w, l1, m.max_rel);
    // Raw units: the standardized allowances carried through w = w̃/σ, b = b̃ − Σ w̃μ/σ.
    const logreg::Vector mu = model.feature_mean(), sigma = model.feature_scale();
    Target raw;
    raw.want.assign(c.coefficients, c.coefficients + w);
    raw.want.insert(raw.want.end(), c.intercepts, c.intercepts + c.n_outputs);
    raw.allowed.assign(w + c.n_outputs, 0.0);
    for (std::size_t q = 0; q < c.n_outputs; ++q) {
      double b_allowed = t.allowed[w + q];
      for (std::size_t j = 0; j < c.n_features; ++j) {
        const double a = t.allowed[q * c.n_features + j];
        raw.allowed[q * c.n_features + j] = a / sigma(j);
        b_allowed += a * std::fabs(mu(j)) / sigma(j);
      }
      raw.allowed[w + q] = b_allowed;
    }
    double raw_rel = 0;
    m.worst = std::max(m.worst, compare("raw", concat(model.coefficients(), model.intercepts()),
                                        raw, w, l1, raw_rel));
  } else {
    m.worst = compare("raw", concat(model.coefficients(), model.intercepts()), t, w, l1, m.max_rel);
  }
  m.loss_error = std::fabs(report.loss - c.loss);
  INFO("F = " << report.loss << ", reference " << c.loss);
  CHECK(m.loss_error <= kLossTolerance);
  std::printf("parity-solvers: %-30s %-7s %-6s tol %.1e  %6zu it  %8.4f s  err/allowed %.3f  "
              "max rel %.1e  |dF| %.1e\n",
              c.name, label, kernel_name(kernel), options.tolerance, m.iterations, m.seconds,
              m.worst, m.max_rel, m.loss_error);
  return m;
}

void check_case(const char* name, Solver solver) {
  const sfx::Case& c = find_case(name);
  const Problem p = prepare(c);
  const double tol = derived_tolerance(solver_target(c));
  for (Kernel kernel : kernels()) check_fit(c, p, options_for(c, solver, tol), kernel, solver_name(solver));
}

/// L = λmax((1/n)[X 1]ᵀ[X 1])/4 + l2 of the case's LogLoss (kernel-independent).
double lipschitz(const sfx::Case& c, const Problem& p) {
  logreg::LogLoss loss(p.view(), p.y.data(), true, Kernel::scalar, nullptr, {c.l2, 0.0});
  return loss.lipschitz_bound();
}

Options sgd_options(const sfx::Case& c, double L, std::size_t epochs, std::uint64_t seed) {
  Options o = options_for(c, Solver::sgd, 0.0);  // tolerance 0: exactly `epochs` epochs
  o.learning_rate = 1.0 / L;
  o.batch_size = 32;
  o.seed = seed;
  o.schedule = logreg::Schedule::inverse;
  o.decay_steps = 500;
  o.max_iterations = epochs;
  return o;
}

}  // namespace

TEST_CASE("parity solvers: data prepared as the script prepared it", "[parity][solvers]") {
  for (const auto& c : sfx::cases) {
    INFO(c.name);
    const Problem p = prepare(c);
    REQUIRE(p.n == c.n_rows);
    REQUIRE(p.X.size() == p.n * p.d);
    std::vector<std::size_t> counts(c.n_classes, 0);
    for (double v : p.y) ++counts[std::size_t(v)];
    for (std::size_t q = 0; q < c.n_classes; ++q) CHECK(counts[q] > 0);
    if (c.means)
      for (std::size_t j = 0; j < p.d; ++j) {
        INFO("column " << c.features[j]);
        CHECK(std::fabs(p.means[j] - c.means[j]) <= 1e-14 * std::fabs(c.means[j]));
        CHECK(std::fabs(p.stds[j] - c.stds[j]) <= 1e-14 * c.stds[j]);
      }
  }
}

TEST_CASE("parity solvers: each reference is an optimum of our objective on our data",
          "[parity][solvers]") {
  // Our objective classes at the fixture's θ*: F equal to the script's to 1e-14 relative and
  // ‖◇F‖∞ at rounding level. This pins down everything the fits below depend on besides the
  // solvers: the data, the labels, the weights, the penalty mapping and the parametrization.
  for (const auto& c : sfx::cases) {
    INFO(c.name);
    const Problem p = prepare(c);
    const std::vector<double> s = row_weights(c, p);
    const logreg::Penalty penalty{c.l2, c.l1};
    const bool binary = c.n_classes == 2;
    const logreg::Penalty inner = c.standardize ? logreg::Penalty{} : penalty;
    std::unique_ptr<logreg::Objective> loss;
    if (binary)
      loss = std::make_unique<logreg::LogLoss>(p.view(), p.y.data(), true, Kernel::scalar, s.data(), inner);
    else
      loss = std::make_unique<logreg::SoftmaxLoss>(p.view(), p.y.data(), c.n_classes, true, false,
                                                   s.data(), inner);
    std::unique_ptr<logreg::Standardized> wrapped;
    if (c.standardize) {
      // Population mean and std of each column, as the model computes them.
      std::vector<double> mu(p.d, 0.0), sd(p.d, 0.0);
      for (std::size_t j = 0; j < p.d; ++j) {
        for (std::size_t i = 0; i < p.n; ++i) mu[j] += p.X[i * p.d + j];
        mu[j] /= double(p.n);
        for (std::size_t i = 0; i < p.n; ++i) sd[j] += (p.X[i * p.d + j] - mu[j]) * (p.X[i * p.d + j] - mu[j]);
        sd[j] = std::sqrt(sd[j] / double(p.n));
      }
      wrapped = std::make_unique<logreg::Standardized>(*loss, p.view(), s.data(), mu, sd, c.n_outputs,
                                                       true, penalty);
    }
    logreg::Objective& f = c.standardize ? static_cast<logreg::Objective&>(*wrapped) : *loss;
    const Target t = solver_target(c);
    logreg::Vector theta(logreg::Vector::shape_type{t.want.size()});
    std::copy(t.want.begin(), t.want.end(), theta.begin());
    REQUIRE(f.dim() == t.want.size());
    logreg::Vector grad, pg;
    const double F = f.full_value_gradient(theta, grad);
    f.pseudo_gradient(theta, grad, pg);
    double gnorm = 0;
    for (double g : pg) gnorm = std::max(gnorm, std::fabs(g));
    INFO("F = " << F << " (script " << c.loss << "), |pseudo-gradient|inf = " << gnorm
                << " (script " << c.gradient_norm << ")");
    CHECK(std::fabs(F - c.loss) <= 1e-14 * c.loss);
    CHECK(gnorm <= 1e-13);
    std::size_t zeros = 0;
    for (std::size_t j = 0; j < c.n_outputs * c.n_features; ++j) zeros += t.want[j] == 0;
    CHECK(zeros == c.n_zero);
  }
}

// One test case per (fixture case, solver), both kernels inside; ctest runs each in its own
// process. L1 / elastic net cases have no Newton (it needs a smooth objective; the model
// refuses) — 'auto' picks L-BFGS/OWL-QN for them.
#define LOGREG_SOLVER_PARITY(CASE, SOLVER)                                             \
  TEST_CASE("parity solvers: " CASE ", " #SOLVER, "[parity][solvers]") {               \
    check_case(CASE, Solver::SOLVER);                                                  \
  }
#define LOGREG_SOLVER_PARITY_SMOOTH(CASE) \
  LOGREG_SOLVER_PARITY(CASE, newton)      \
  LOGREG_SOLVER_PARITY(CASE, lbfgs)       \
  LOGREG_SOLVER_PARITY(CASE, automatic)
#define LOGREG_SOLVER_PARITY_L1(CASE) \
  LOGREG_SOLVER_PARITY(CASE, lbfgs)   \
  LOGREG_SOLVER_PARITY(CASE, automatic)

// 1. unpenalized binary (statsmodels; the fixtures of reference.json)
LOGREG_SOLVER_PARITY_SMOOTH("bc3_unpenalized")
LOGREG_SOLVER_PARITY_SMOOTH("iris_versicolor_unpenalized")
// 2. L2, binary: z-scored 30 features at three strengths, raw data, and standardize: true
LOGREG_SOLVER_PARITY_SMOOTH("bc30z_l2_C0.01")
LOGREG_SOLVER_PARITY_SMOOTH("bc30z_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("bc30z_l2_C100")
LOGREG_SOLVER_PARITY_SMOOTH("iris_versicolor_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("iris_versicolor_l2_C100")
// Raw breast cancer (areas ~1e3 next to fractal dimensions ~1e-3; λmin of H ≈ 2e-5): Newton
// is unaffected, L-BFGS needs ~10 000 iterations (≈1 s native for both kernels), hence [slow].
LOGREG_SOLVER_PARITY("bc30raw_l2_C1", newton)
LOGREG_SOLVER_PARITY("bc30raw_l2_C1", automatic)
TEST_CASE("parity solvers: bc30raw_l2_C1, lbfgs", "[parity][solvers][slow]") {
  check_case("bc30raw_l2_C1", Solver::lbfgs);
}
LOGREG_SOLVER_PARITY_SMOOTH("bc30_standardize_l2_C1")
// 3. L1 and elastic net
LOGREG_SOLVER_PARITY_L1("bc30z_l1_C1")
LOGREG_SOLVER_PARITY_L1("bc30z_l1_C0.1")
LOGREG_SOLVER_PARITY_L1("bc30z_enet_C1_r0.5")
// 4. multinomial
LOGREG_SOLVER_PARITY_SMOOTH("iris3_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("iris3_l2_C10")
LOGREG_SOLVER_PARITY_SMOOTH("iris3_standardize_l2_C1")
// 5. class and sample weights
LOGREG_SOLVER_PARITY_SMOOTH("iris_virginica_balanced_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("bc30z_balanced_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("bc30z_weighted_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("iris3_subset_balanced_l2_C1")
LOGREG_SOLVER_PARITY_SMOOTH("iris3_weighted_l2_C1")

TEST_CASE("parity solvers: gradient descent with alpha = 1/L reaches the L2 optimum",
          "[parity][solvers][gd]") {
  // bc30z_l2_C0.01: L/λmin ≈ 42, so α = 1/L converges in a few hundred steps; the same
  // tolerance and allowances as the other solvers.
  const sfx::Case& c = find_case("bc30z_l2_C0.01");
  const Problem p = prepare(c);
  const double L = lipschitz(c, p);
  Options o = options_for(c, Solver::gd, derived_tolerance(solver_target(c)));
  o.learning_rate = 1.0 / L;
  for (Kernel kernel : kernels()) check_fit(c, p, o, kernel, "gd");
}

TEST_CASE("parity solvers: SGD with inverse decay approaches the L2 optimum",
          "[parity][solvers][sgd]") {
  // Looser tolerance, from the theory of the noise floor. Near θ*, SGD with step α on
  // minibatch gradients g_B = ∇F + ξ (E ξ = 0, Cov ξ = Σ_B) is, for a quadratic model,
  // stationary with E[F − F*] = α·tr(Σ_B)/4 + O(α²) (the Lyapunov equation HS + SH = αΣ_B;
  // E[F − F*] = ½tr(HS)). With the inverse decay αₜ = α₀/(1 + t/τ) the iterate follows this
  // floor quasi-statically as long as α₀τμ ≫ 1 (relaxation 1/(αₜμ) much shorter than the
  // decay time t + τ): here α₀ = 1/L, τ = 500 updates, μ = λmin(H) gives α₀τμ ≈ 12. We
  // compute tr(Σ_B) at θ* from the per-row gradients gᵢ = sᵢrᵢ(xᵢ, 1) (batches of b = 32 drawn
  // without replacement: Σ_B = (n − b)/(b(n − 1))·Cov(gᵢ)), and require after T updates
  //   F − F* ≤ 10·α_T·tr(Σ_B)/4   and   ‖θ − θ*‖₂ ≤ √(2·10·α_T·tr(Σ_B)/(4μ)),
  // the second from F − F* ≥ (μ/2)‖θ − θ*‖² near θ*. The factor 10 covers one run's
  // fluctuation (a sum of ~31 squared Gaussian components). Epoch-wise reshuffling, which the
  // solver does, is known to be no noisier than independent sampling, so the bound holds
  // a fortiori; the measured values are printed. A run 8× longer must be closer.
  const sfx::Case& c = find_case("bc30z_l2_C0.01");
  const Problem p = prepare(c);
  const double L = lipschitz(c, p), mu = c.hessian_min_eigenvalue;
  const std::size_t n = p.n, d = p.d, b = 32;
  // tr Cov(gᵢ) at θ* (no weights in this case).
  std::vector<double> g(n * (d + 1)), mean(d + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double z = c.intercepts[0];
    for (std::size_t j = 0; j < d; ++j) z += p.X[i * d + j] * c.coefficients[j];
    const double r = 1 / (1 + std::exp(-z)) - p.y[i];
    for (std::size_t j = 0; j <= d; ++j) {
      g[i * (d + 1) + j] = r * (j < d ? p.X[i * d + j] : 1.0);
      mean[j] += g[i * (d + 1) + j] / double(n);
    }
  }
  double trace = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= d; ++j) trace += std::pow(g[i * (d + 1) + j] - mean[j], 2) / double(n);
  const double trace_batch = trace * double(n - b) / (double(b) * double(n - 1));
  const std::size_t per_epoch = (n + b - 1) / b;

  auto run = [&](std::size_t epochs, Kernel kernel) {
    const Options o = sgd_options(c, L, epochs, 7);
    logreg::LogisticModel model(o);
    model.set_kernel(kernel);
    const auto t0 = std::chrono::steady_clock::now();
    const logreg::FitReport r = model.fit(p.view(), p.y);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::vector<double> theta = concat(model.coefficients(), model.intercepts());
    double dist2 = 0, worst_rel = 0;
    for (std::size_t j = 0; j <= d; ++j) {
      const double want = j < d ? c.coefficients[j] : c.intercepts[0];
      dist2 += (theta[j] - want) * (theta[j] - want);
      worst_rel = std::max(worst_rel, std::fabs(theta[j] - want) / std::fabs(want));
    }
    const double T = double(epochs * per_epoch - 1);  // the last update's t
    const double alpha_T = o.learning_rate / (1 + T / o.decay_steps);
    const double gap_bound = 10 * alpha_T * trace_batch / 4;
    INFO(epochs << " epochs, " << kernel_name(kernel) << " kernel: F − F* = " << r.loss - c.loss
                << " (bound " << gap_bound << "), ‖θ − θ*‖₂ = " << std::sqrt(dist2) << " (bound "
                << std::sqrt(2 * gap_bound / mu) << ")");
    CHECK(!r.warnings.empty());  // 'not-converged': tolerance 0 runs every epoch
    CHECK(r.iterations == epochs);
    CHECK(r.loss - c.loss >= -kLossTolerance);
    CHECK(r.loss - c.loss <= gap_bound);
    CHECK(std::sqrt(dist2) <= std::sqrt(2 * gap_bound / mu));
    std::printf("parity-solvers: SGD %4zu epochs %-6s  %8.4f s  F-F* %.2e (bound %.2e)  "
                "|theta-theta*|2 %.2e (bound %.2e)  max rel %.1e\n",
                epochs, kernel_name(kernel), seconds, r.loss - c.loss, gap_bound, std::sqrt(dist2),
                std::sqrt(2 * gap_bound / mu), worst_rel);
    return std::make_pair(r.loss - c.loss, std::sqrt(dist2));
  };
  for (Kernel kernel : kernels()) {
    const auto short_run = run(50, kernel);
    const auto long_run = run(400, kernel);
    // The noise floor shrinks with α_T: by at least α_T(400)/α_T(50) ≈ 1/5.5 (iid theory;
    // reshuffling does better, ∝ α_T², measured ≈ 1/19).
    const double alpha_ratio = (1 + double(50 * per_epoch - 1) / 500) / (1 + double(400 * per_epoch - 1) / 500);
    CHECK(long_run.first <= alpha_ratio * short_run.first);
    CHECK(long_run.second < short_run.second);
  }
}

TEST_CASE("parity solvers: SGD is bit-for-bit reproducible for a seed", "[parity][solvers][sgd]") {
  const sfx::Case& c = find_case("bc30z_l2_C0.01");
  const Problem p = prepare(c);
  const double L = lipschitz(c, p);
  for (Kernel kernel : kernels()) {
    INFO(kernel_name(kernel) << " kernel");
    auto fit = [&](std::uint64_t seed) {
      logreg::LogisticModel model(sgd_options(c, L, 20, seed));
      model.set_kernel(kernel);
      model.fit(p.view(), p.y);
      return concat(model.coefficients(), model.intercepts());
    };
    const auto a = fit(7), a2 = fit(7), other = fit(8);
    CHECK(a == a2);      // every bit
    CHECK(a != other);   // a different shuffle
    std::size_t differ = 0;
    for (std::size_t j = 0; j < a.size(); ++j) differ += a[j] != other[j];
    CHECK(differ == a.size());
  }
}

TEST_CASE("parity solvers: one seeded SGD fit is identical natively and in wasm",
          "[parity][solvers][sgd][bitwise]") {
  // SIMD kernel, float64 data, seed 7, 20 epochs of bc30z_l2_C0.01 (see sgd_options). The
  // constants were printed by the native (g++, x86-64 SSE2) build; the wasm build (simd128)
  // must give the same bits: the kernel's exp/log1p are our own polynomials (simd_math.hpp),
  // no FMA contraction on either side, the shuffle is our SplitMix64, so every operation is
  // an IEEE-754 double operation in the same order. A deliberate change of the arithmetic
  // (kernel, SGD update, shuffle) changes these bits: on a mismatch the test prints the
  // build's values with %a, to be reviewed and pasted here from the *native* build.
  if (!logreg::simd_available()) {
    WARN("SIMD kernel not compiled in (LOGREG_SIMD=OFF): the pinned constants are for it");
    return;
  }
  const sfx::Case& c = find_case("bc30z_l2_C0.01");
  const Problem p = prepare(c);
  logreg::LogisticModel model(sgd_options(c, lipschitz(c, p), 20, 7));
  model.set_kernel(Kernel::simd);
  model.fit(p.view(), p.y);
  const std::vector<double> got = concat(model.coefficients(), model.intercepts());
  static const double expected[] = {
      // 30 weights, then the intercept (native build, printed with %a)
      0x1.d5cce4f11f6b7p-3, 0x1.890216f51942dp-3, 0x1.d1b7907f06131p-3,
      0x1.b3d7a01f0e01dp-3, 0x1.9db7f90692086p-4, 0x1.a54d312806a96p-4,
      0x1.737f437e2d74fp-3, 0x1.e263da3da4d3fp-3, 0x1.216d3b9bd644p-4,
      -0x1.70f43e54f152bp-4, 0x1.5be979c305f68p-3, -0x1.f38d48dc5383p-7,
      0x1.2bd9a58b18f7ep-3, 0x1.329ac0e10a00cp-3, 0x1.eec5a3353e70dp-9,
      -0x1.757e30ddbd62cp-6, -0x1.20f84d06ff723p-6, 0x1.2e1d2aa9e0e62p-4,
      -0x1.7749b16e513adp-5, -0x1.5397d077b63ep-4, 0x1.0b8de5b0019e8p-2,
      0x1.e7c4b6e550f3ep-3, 0x1.026785aa00a0ep-2, 0x1.d75e99fb73d8cp-3,
      0x1.8ad5d9c9ab85fp-3, 0x1.3183ecce079e4p-3, 0x1.90349e173de9bp-3,
      0x1.120abe9d36ed2p-2, 0x1.6bf222d60f38ep-3, 0x1.54976fdc13876p-4,
      -0x1.3e44bed62389fp-1,
  };
  const std::size_t pinned = sizeof(expected) / sizeof(expected[0]);
  std::size_t mismatches = got.size() == pinned ? 0 : got.size();
  for (std::size_t j = 0; j < std::min(got.size(), pinned); ++j) {
    if (got[j] == expected[j]) continue;
    ++mismatches;
    std::int64_t a, b;
    std::memcpy(&a, &got[j], 8);
    std::memcpy(&b, &expected[j], 8);
    std::printf("parity-solvers: SGD bits: parameter %zu got %a, pinned %a (%lld ulp)\n", j,
                got[j], expected[j], static_cast<long long>(a - b));
  }
  if (mismatches) {
    std::printf("parity-solvers: this build's values:\n");
    for (double v : got) std::printf("    %a,\n", v);
  }
  CHECK(got.size() == pinned);
  CHECK(mismatches == 0);
}
