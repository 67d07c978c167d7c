// SPDX-License-Identifier: MIT
// LogisticModel::fit beyond plain gradient descent: solver choice, penalties, standardization,
// multinomial, weights, warm start, and the problems it must report rather than hide.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "logreg/model.hpp"

using namespace logreg;

namespace {
using Table = logreg_test::Data;
using logreg_test::breast_cancer;
using logreg_test::iris;

bool has_warning(const FitReport& r, const std::string& code) {
  for (const auto& w : r.warnings)
    if (w.code == code) return true;
  return false;
}

double max_rel(const Vector& a, const Vector& b) {
  double m = 0;
  for (std::size_t j = 0; j < a.size(); ++j)
    m = std::max(m, std::fabs(a(j) - b(j)) / std::max(1e-300, std::fabs(b(j))));
  return m;
}

Options tight(Solver solver) {
  Options o;
  o.solver = solver;
  o.tolerance = 1e-10;
  o.max_iterations = 100000;
  return o;
}
}  // namespace

TEST_CASE("auto's plan: the cheaper expected cost first, L-BFGS with a Newton budget", "[fit][auto]") {
  Options o;
  ProblemShape shape;
  shape.rows = 100000;
  shape.parameters = 33;
  // Well conditioned, 100,000 × 32: L-BFGS (~10 cheap iterations) beats Newton (~8 iterations,
  // each with a Hessian of ~n·m²/4), and may run for Newton's whole expected cost before switching.
  shape.kappa_bound = 1;
  AutoPlan plan = plan_auto(o, shape);
  CHECK(plan.first == Solver::lbfgs);
  CHECK(plan.newton_after > 20);
  CHECK(plan.newton_after < 100);
  // Columns on scales 0.1 … 10: κ ≥ 10⁴, L-BFGS would need hundreds of iterations.
  shape.kappa_bound = 1e4;
  plan = plan_auto(o, shape);
  CHECK(plan.first == Solver::newton);
  CHECK(plan.newton_after == 0);
  // A small problem is Newton's whatever the estimates (its whole run is ≤ 10⁷ multiply-adds).
  shape = ProblemShape{};
  shape.rows = 569;
  shape.parameters = 31;
  shape.kappa_bound = 1;
  CHECK(plan_auto(o, shape).first == Solver::newton);
  // L1 needs OWL-QN, and past kMaxNewtonParameters there is no Newton to switch to.
  o.l1 = 0.01;
  CHECK(plan_auto(o, shape).first == Solver::lbfgs);
  CHECK(plan_auto(o, shape).newton_after == 0);
  o.l1 = 0;
  shape.parameters = kMaxNewtonParameters + 1;
  shape.kappa_bound = 1e12;
  CHECK(plan_auto(o, shape).first == Solver::lbfgs);
  CHECK(plan_auto(o, shape).newton_after == 0);
  o.solver = Solver::gd;
  o.l1 = 0.01;
  CHECK_THROWS_WITH(LogisticModel(o), "option l1 needs solver 'lbfgs' or 'auto'");
}

TEST_CASE("moment_condition_bound: diagonal spread and offsets against the intercept", "[fit][auto]") {
  // Standardized columns: the bound is 1.
  CHECK(moment_condition_bound({0, 0, 0}, {1, 1, 1}, true) == Approx(1));
  // Scales 0.1 and 10: diagonal entries 0.01 and 100.
  CHECK(moment_condition_bound({0, 0}, {0.1, 10}, false) == Approx(1e4));
  // One column with mean 100, deviation 1, against the intercept: [[1, 100], [100, 10001]] has
  // condition ≈ 10002² (its exact value, computed from the eigenvalues).
  const double t = 0.5 * (1 + 10001.0), top = t + std::sqrt(t * t - 1);
  CHECK(moment_condition_bound({100}, {1}, true) == Approx(top * top));
  // Without an intercept the offset alone is not ill-conditioning.
  CHECK(moment_condition_bound({100}, {1}, false) == Approx(1));
  // Constant columns (σ = 0) are skipped.
  CHECK(moment_condition_bound({5, 0}, {0, 1}, true) == Approx(1));
}

namespace {
// n × d: AR(1) columns (correlation rho between neighbours), column j scaled by scale(j) and
// offset by offset(j); labels from a logistic model on the unit columns. Seeded.
template <class Scale, class Offset>
Table synthetic(std::size_t n, std::size_t d, double rho, Scale scale, Offset offset, unsigned seed) {
  std::mt19937 gen(seed);
  auto uniform = [&] { return (double(gen()) + 0.5) / 4294967296.0; };
  auto gauss = [&] { return std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
  Table t;
  t.n = n;
  t.d = d;
  t.X.resize(n * d);
  t.y.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double z = 0.25, prev = 0;
    for (std::size_t j = 0; j < d; ++j) {
      const double v = j == 0 ? gauss() : rho * prev + std::sqrt(1 - rho * rho) * gauss();
      prev = v;
      z += (j % 2 ? 0.7 : -0.5) * v / std::sqrt(double(d));
      t.X[i * d + j] = v * scale(j) + offset(j);
    }
    t.y[i] = uniform() < 1 / (1 + std::exp(-z)) ? 1.0 : 0.0;
  }
  return t;
}
}  // namespace

TEST_CASE("auto: L-BFGS on well-conditioned data, Newton on ill-conditioned, same optimum", "[fit][auto]") {
  Options o = tight(Solver::automatic);
  o.tolerance = 1e-8;
  const std::size_t n = 40000, d = 12;  // big enough for the cost model to matter
  // auto's report names `solver`, without a switch, and its optimum is Newton's (to `within`).
  Options on = o;  // the same options, with Newton
  on.solver = Solver::newton;
  auto check = [&](const Table& t, Solver solver, double within) {
    LogisticModel aut(o), newton(on);
    const FitReport r = aut.fit(t.view(), t.y);
    newton.fit(t.view(), t.y);
    CHECK(r.converged);
    CHECK(r.solver == solver);
    CHECK(r.lbfgs_iterations == 0);
    CHECK(max_rel(aut.coefficients(), newton.coefficients()) <= within);
  };
  SECTION("standardized-like columns: L-BFGS, no switch") {
    check(synthetic(n, d, 0.0, [](std::size_t) { return 1.0; }, [](std::size_t) { return 0.0; }, 7),
          Solver::lbfgs, 1e-6);
  }
  SECTION("columns on scales 0.01 … 100 with offsets: Newton from the start") {
    check(synthetic(n, d, 0.8, [](std::size_t j) { return std::pow(10.0, -2.0 + 4.0 * double(j) / 11); },
                    [](std::size_t j) { return 3.0 * double(j % 3); }, 8),
          Solver::newton, 0.0);
  }
}

TEST_CASE("auto: L-BFGS that is slow on hidden ill-conditioning switches to Newton", "[fit][auto]") {
  // Unit-scale, centred columns (the moment bound sees nothing) that are nearly collinear
  // (ρ = 0.999 between neighbours): κ ~ 10⁶, L-BFGS exhausts its budget and Newton finishes.
  const Table t = synthetic(30000, 12, 0.999, [](std::size_t) { return 1.0; }, [](std::size_t) { return 0.0; }, 9);
  Options o = tight(Solver::automatic);
  LogisticModel aut(o), newton(tight(Solver::newton)), lbfgs(tight(Solver::lbfgs));
  const FitReport r = aut.fit(t.view(), t.y);
  const FitReport rn = newton.fit(t.view(), t.y);
  const FitReport rl = lbfgs.fit(t.view(), t.y);
  INFO("auto " << r.iterations << " iterations (" << r.lbfgs_iterations << " L-BFGS), newton "
               << rn.iterations << ", lbfgs " << rl.iterations);
  CHECK(r.converged);
  CHECK(r.solver == Solver::newton);
  CHECK(r.lbfgs_iterations > 0);
  CHECK(r.iterations > r.lbfgs_iterations);
  CHECK(r.iterations < rl.iterations);  // fewer than L-BFGS alone
  CHECK(max_rel(aut.coefficients(), newton.coefficients()) < 1e-6);
  // The history runs on across the switch: one entry per iteration, the loss never rising.
  const auto& h = aut.history();
  REQUIRE(h.size() == r.iterations + 1);
  for (std::size_t k = 1; k < h.size(); ++k) CHECK(h[k].loss <= h[k - 1].loss * (1 + 1e-12));
  // step() reproduces fit across the switch.
  LogisticModel stepped(o);
  for (std::size_t k = 0; k < r.iterations; ++k) stepped.step(t.view(), t.y);
  CHECK(max_rel(stepped.coefficients(), aut.coefficients()) == 0);
}

TEST_CASE("newton, lbfgs and auto reach the same unpenalized optimum", "[fit]") {
  const Table t = iris("versicolor");
  LogisticModel newton(tight(Solver::newton)), lbfgs(tight(Solver::lbfgs)), aut(tight(Solver::automatic));
  const FitReport rn = newton.fit(t.view(), t.y);
  const FitReport rl = lbfgs.fit(t.view(), t.y);
  const FitReport ra = aut.fit(t.view(), t.y);
  CHECK(rn.converged);
  CHECK(rl.converged);
  CHECK(ra.solver == Solver::newton);
  CHECK(rn.iterations < 15);
  CHECK(rn.warnings.empty());
  CHECK(max_rel(lbfgs.coefficients(), newton.coefficients()) < 1e-6);
  CHECK(max_rel(aut.coefficients(), newton.coefficients()) == 0);
  CHECK(rl.loss == Approx(rn.loss).epsilon(1e-12));
}

TEST_CASE("standardize: the same optimum in both unit systems, without copying X", "[fit]") {
  const Table t = iris("versicolor");
  Options o = tight(Solver::newton);
  LogisticModel raw(o);
  raw.fit(t.view(), t.y);
  o.standardize = true;
  LogisticModel std_model(o);
  const FitReport r = std_model.fit(t.view(), t.y);
  CHECK(r.converged);
  // Unpenalized: standardizing is a reparametrization, the raw-unit answer is the same.
  CHECK(max_rel(std_model.coefficients(), raw.coefficients()) < 1e-8);
  CHECK(std_model.intercept() == Approx(raw.intercept()).epsilon(1e-8));
  // w̃ⱼ = wⱼσⱼ and b̃ = b + Σ wⱼμⱼ.
  const Vector mu = std_model.feature_mean(), sigma = std_model.feature_scale();
  double shift = 0;
  for (std::size_t j = 0; j < 4; ++j) {
    CHECK(std_model.standardized_coefficients()(j) ==
          Approx(std_model.coefficients()(j) * sigma(j)).epsilon(1e-12));
    shift += std_model.coefficients()(j) * mu(j);
  }
  CHECK(std_model.standardized_intercepts()(0) == Approx(std_model.intercept() + shift).epsilon(1e-12));
  // And equal to fitting explicitly z-scored data (population std).
  Table z = t;
  for (std::size_t i = 0; i < t.n; ++i)
    for (std::size_t j = 0; j < 4; ++j) z.X[i * 4 + j] = (t.X[i * 4 + j] - mu(j)) / sigma(j);
  o.standardize = false;
  o.l2 = 0.05;  // with a penalty too: it applies to the standardized weights
  LogisticModel explicit_z(o);
  explicit_z.fit(z.view(), z.y);
  o.standardize = true;
  LogisticModel implicit_z(o);
  implicit_z.fit(t.view(), t.y);
  CHECK(max_rel(implicit_z.standardized_coefficients(), explicit_z.coefficients()) < 1e-8);
  CHECK(implicit_z.standardized_intercepts()(0) == Approx(explicit_z.intercept()).epsilon(1e-8));
}

TEST_CASE("constant columns are reported and do not break any solver", "[fit]") {
  Table t = iris("versicolor");
  Table c;
  c.n = t.n;
  c.d = 5;
  c.y = t.y;
  for (std::size_t i = 0; i < t.n; ++i) {
    for (std::size_t j = 0; j < 4; ++j) c.X.push_back(t.X[i * 4 + j]);
    c.X.push_back(7.0);
  }
  for (Solver s : {Solver::newton, Solver::lbfgs}) {
    Options o = tight(s);
    o.standardize = true;
    LogisticModel m(o);
    const FitReport r = m.fit(c.view(), c.y);
    CHECK(r.converged);
    REQUIRE(r.constant_columns == std::vector<std::size_t>{4});
    CHECK(has_warning(r, "constant-columns"));
    CHECK(m.coefficients()(4) == 0.0);
    CHECK(std::isfinite(m.intercept()));
  }
}

TEST_CASE("complete separation is detected, named and stops the fit", "[fit][separation]") {
  SECTION("iris setosa vs rest") {
    const Table t = iris("setosa");
    for (Solver s : {Solver::newton, Solver::lbfgs, Solver::gd}) {
      Options o = tight(s);
      o.learning_rate = 0.01;
      LogisticModel m(o);
      const FitReport r = m.fit(t.view(), t.y);
      CHECK(has_warning(r, "separation"));
      CHECK_FALSE(r.converged);
      CHECK(r.iterations < 200);
      // The weights returned do separate the classes.
      const auto z = m.decision_function(t.view());
      for (std::size_t i = 0; i < t.n; ++i) CHECK((z[i] > 0) == (t.y[i] == 1.0));
    }
  }
  SECTION("breast cancer, all 30 features") {
    const Table t = breast_cancer();
    Options o = tight(Solver::automatic);
    o.standardize = true;
    LogisticModel m(o);
    const FitReport r = m.fit(t.view(), t.y);
    CHECK(has_warning(r, "separation"));
    CHECK_FALSE(r.converged);
    // An L2 penalty restores a finite optimum: no warning, converged.
    o.l2 = 1e-3;
    LogisticModel p(o);
    const FitReport rp = p.fit(t.view(), t.y);
    CHECK(rp.converged);
    CHECK(rp.warnings.empty());
  }
}

TEST_CASE("separation verdicts from scores with a rounding bound", "[fit][separation]") {
  using detail::count_extreme;
  using detail::separation_verdict;
  const std::vector<double> y{1, 0, 1, 0};
  // Exact scores (tau = 0): strict sides, a zero score is not separated.
  CHECK(separation_verdict({2, -3, 0.5, -1e-300}, y, 0) == 1);
  CHECK(separation_verdict({2, -3, 0.0, -1}, y, 0) == 0);
  CHECK(separation_verdict({2, 0.0, 0.5, -1}, y, 0) == 0);
  CHECK(separation_verdict({2, -0.0, 0.5, -1}, y, 0) == 0);
  // Scores within tau: surely wrong (m ≤ −tau) wins over unsure rows, whatever their order;
  // all clear of tau: separated; otherwise unknown (fit then computes decision_function's).
  CHECK(separation_verdict({2, -3, 0.5, -1}, y, 0.1) == 1);
  CHECK(separation_verdict({2, -3, 0.05, -1}, y, 0.1) == -1);
  CHECK(separation_verdict({2, 0.05, 0.5, -1}, y, 0.1) == -1);
  CHECK(separation_verdict({2, 0.05, -0.1, -1}, y, 0.1) == 0);
  CHECK(separation_verdict({-0.1, 0.05, 0.5, -1}, y, 0.1) == 0);
  CHECK(separation_verdict({2, -3, 0.5, 0.2}, y, 0.1) == 0);
  std::size_t count = 99;
  CHECK(count_extreme({31, -31, 29, 30}, y, 0, count));
  CHECK(count == 2);  // m = 31, 31, 29, −30
  CHECK(count_extreme({31, -31, 29, -30.5}, y, 0.1, count));
  CHECK(count == 3);
  CHECK_FALSE(count_extreme({31, -31, 30.05, -31}, y, 0.1, count));  // within tau of 30
  CHECK_FALSE(count_extreme({31, -29.95, 29, 30}, y, 0.1, count));
}

TEST_CASE("separation is found from the gradient pass's float scores", "[fit][separation]") {
  // Float data: the SIMD kernel's scores are float sums, so the checks go through their
  // rounding bound; the verdicts must be those of double scores (the f64 fit of the same data).
  for (const char* positive : {"setosa", "versicolor"}) {
    const Table t = iris(positive);
    const std::vector<float> x32(t.X.begin(), t.X.end());
    for (Solver s : {Solver::newton, Solver::lbfgs, Solver::automatic}) {
      Options o;
      o.solver = s;
      o.tolerance = 1e-4;  // float data's gradient is exact to ~1e-6 here
      const std::vector<double> x64(x32.begin(), x32.end());  // the same values
      LogisticModel m32(o), m64(o);
      const FitReport r32 = m32.fit(MatrixView(x32.data(), t.n, t.d), t.y);
      const FitReport r64 = m64.fit(MatrixView(x64.data(), t.n, t.d), t.y);
      INFO(positive << ", solver " << solver_name(s));
      CHECK(has_warning(r32, "separation") == (std::string(positive) == "setosa"));
      CHECK(has_warning(r64, "separation") == has_warning(r32, "separation"));
      CHECK(has_warning(r32, "quasi-separation") == has_warning(r64, "quasi-separation"));
      CHECK(r32.converged == r64.converged);
    }
  }
}

TEST_CASE("divergence under gd is reported with a learning rate that works", "[fit]") {
  const Table t = iris("versicolor");
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 10;
  o.standardize = true;
  LogisticModel m(o);
  const FitReport r = m.fit(t.view(), t.y);
  REQUIRE(has_warning(r, "diverged"));
  std::string msg;
  for (const auto& w : r.warnings)
    if (w.code == "diverged") msg = w.message;
  CHECK_THAT(msg, Catch::Contains("learningRate <= "));
  const double suggested = std::stod(msg.substr(msg.find("learningRate <= ") + 16));
  o.learning_rate = suggested;
  o.max_iterations = 20000;
  o.tolerance = 1e-6;
  LogisticModel fixed(o);
  const FitReport rf = fixed.fit(t.view(), t.y);
  CHECK(rf.converged);
  CHECK(rf.warnings.empty());
}

TEST_CASE("not converging is reported with advice", "[fit]") {
  const Table t = iris("versicolor");
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 1e-4;
  o.max_iterations = 10;
  LogisticModel m(o);
  const FitReport r = m.fit(t.view(), t.y);
  CHECK_FALSE(r.converged);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "not-converged");
  CHECK_THAT(r.warnings[0].message, Catch::Contains("did not converge in 10 iterations"));
}

TEST_CASE("multinomial: probabilities sum to 1, labels are the argmax, k = 3 on iris", "[fit][multinomial]") {
  const Table t = iris();
  Options o = tight(Solver::automatic);
  o.l2 = 1.0 / (1.0 * 150);  // scikit-learn's default C = 1
  LogisticModel m(o);
  const FitReport r = m.fit(t.view(), t.y);
  CHECK(r.converged);
  CHECK(m.n_classes() == 3);
  CHECK(m.n_outputs() == 3);
  const auto p = m.predict_proba(t.view());
  const auto labels = m.predict(t.view());
  REQUIRE(p.size() == 450);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < 150; ++i) {
    CHECK(p[3 * i] + p[3 * i + 1] + p[3 * i + 2] == Approx(1.0).epsilon(1e-14));
    const std::size_t best = std::max_element(&p[3 * i], &p[3 * i] + 3) - &p[3 * i];
    CHECK(labels[i] == double(best));
    correct += labels[i] == t.y[i];
  }
  CHECK(correct >= 144);  // scikit-learn's default model scores 0.973 on iris
  // All solvers that support it agree.
  for (Solver s : {Solver::newton, Solver::lbfgs}) {
    Options os = o;
    os.solver = s;
    LogisticModel other(os);
    CHECK(other.fit(t.view(), t.y).converged);
    CHECK(max_rel(other.coefficients(), m.coefficients()) < 1e-6);
  }
  CHECK_THROWS_WITH(m.predict(t.view(), 0.3), Catch::Contains("binary models only"));
}

TEST_CASE("multinomial without a penalty uses class 0 as the reference", "[fit][multinomial]") {
  Table t = iris();
  // Versicolor vs virginica overlap, setosa is separable from both: use the two overlapping
  // classes plus a noisy third class built from them, so the unpenalized optimum exists.
  Table u;
  u.d = 4;
  for (std::size_t i = 50; i < 150; ++i) {
    for (std::size_t j = 0; j < 4; ++j) u.X.push_back(t.X[i * 4 + j]);
    u.y.push_back(i % 3 == 0 ? 0.0 : (t.y[i] == 1 ? 1.0 : 2.0));
  }
  u.n = u.y.size();
  LogisticModel m(tight(Solver::newton));
  const FitReport r = m.fit(u.view(), u.y);
  CHECK(r.converged);
  for (std::size_t j = 0; j < 4; ++j) CHECK(m.coefficients()(j) == 0.0);  // class 0 row
  CHECK(m.intercepts()(0) == 0.0);
  LogisticModel l(tight(Solver::lbfgs));
  l.fit(u.view(), u.y);
  CHECK(max_rel(l.coefficients(), m.coefficients()) < 1e-5);
}

TEST_CASE("class weights: 'balanced' equals the same weights given per row", "[fit][weights]") {
  const Table t = iris("virginica");  // 50 positives, 100 negatives
  Options o = tight(Solver::newton);
  o.class_weight_balanced = true;
  LogisticModel balanced(o);
  balanced.fit(t.view(), t.y);
  std::vector<double> w(t.n);
  for (std::size_t i = 0; i < t.n; ++i) w[i] = t.y[i] == 1 ? 150.0 / (2 * 50) : 150.0 / (2 * 100);
  o.class_weight_balanced = false;
  LogisticModel per_row(o);
  per_row.fit(t.view(), t.y, &w);
  CHECK(max_rel(balanced.coefficients(), per_row.coefficients()) < 1e-10);
  o.class_weight = {0.75, 1.5};
  LogisticModel explicit_cw(o);
  explicit_cw.fit(t.view(), t.y);
  CHECK(max_rel(explicit_cw.coefficients(), per_row.coefficients()) < 1e-10);
  // Integer sample weights equal repeating rows.
  std::vector<double> twice(t.n, 1.0);
  twice[0] = 2;
  Table rep = t;
  rep.X.insert(rep.X.end(), t.X.begin(), t.X.begin() + 4);
  rep.y.push_back(t.y[0]);
  rep.n += 1;
  o.class_weight.clear();
  LogisticModel a(o), b(o);
  a.fit(t.view(), t.y, &twice);
  b.fit(rep.view(), rep.y);
  // Same optimum (the mean divides by n, which differs: only the data term's scale changes).
  CHECK(max_rel(a.coefficients(), b.coefficients()) < 1e-8);
}

TEST_CASE("bad weights are rejected with row and value", "[fit][weights][errors]") {
  const Table t = iris("virginica");
  LogisticModel m;
  std::vector<double> w(t.n, 1.0);
  w[3] = -1;
  CHECK_THROWS_WITH(m.fit(t.view(), t.y, &w), "fit: sampleWeight must be finite and >= 0, got -1 at row 4");
  w.resize(3);
  CHECK_THROWS_WITH(m.fit(t.view(), t.y, &w), "fit: X has 150 rows but sampleWeight has 3 values");
  w.assign(t.n, 0.0);
  CHECK_THROWS_WITH(m.fit(t.view(), t.y, &w), "fit: sampleWeight is zero for every row");
  Options o;
  o.class_weight = {1, 2, 3};
  LogisticModel c(o);
  CHECK_THROWS_WITH(c.fit(t.view(), t.y), "fit: classWeight has 3 entries but y has 2 classes");
  CHECK_FALSE(m.fitted());
}

TEST_CASE("warm start continues from the current parameters", "[fit]") {
  const Table t = iris("versicolor");
  Options o = tight(Solver::newton);
  LogisticModel m(o);
  m.fit(t.view(), t.y);
  o.warm_start = true;
  m.set_options(o);
  const FitReport again = m.fit(t.view(), t.y);
  CHECK(again.converged);
  CHECK(again.iterations <= 1);  // already at the optimum
  o.warm_start = false;
  m.set_options(o);
  CHECK(m.fit(t.view(), t.y).iterations > 3);  // from zero again
}

TEST_CASE("L1 gives exact zeros and matches the L1 optimality conditions", "[fit][l1]") {
  const Table t = breast_cancer();
  Options o = tight(Solver::automatic);
  o.standardize = true;
  o.l1 = 0.02;
  LogisticModel m(o);
  const FitReport r = m.fit(t.view(), t.y);
  CHECK(r.solver == Solver::lbfgs);
  CHECK(r.converged);
  std::size_t zeros = 0;
  const Vector w = m.standardized_coefficients();
  for (std::size_t j = 0; j < 30; ++j) zeros += w(j) == 0.0;
  CHECK(zeros >= 15);  // a sparse model
  CHECK(zeros < 30);
}

TEST_CASE("without a penalty, scaling every sample weight changes nothing, from 1e-6 to 1e300", "[fit][weights]") {
  const Table t = iris("versicolor");
  for (Solver s : {Solver::newton, Solver::lbfgs, Solver::gd}) {
    Options o = tight(s);
    o.tolerance = 1e-9;
    o.standardize = true;
    o.learning_rate = 1.0;
    LogisticModel plain(o);
    const FitReport rp = plain.fit(t.view(), t.y);
    REQUIRE(rp.converged);
    for (double c : {1e-6, 1e300}) {
      INFO("solver " << int(s) << ", weights " << c);
      std::vector<double> w(t.n, c);
      LogisticModel weighted(o);
      const FitReport r = weighted.fit(t.view(), t.y, &w);
      CHECK(r.converged);
      CHECK(r.warnings.empty());
      // Same optimum: the weights' scale multiplies F and its gradient, nothing else. (With a
      // penalty it would weigh the data against it, like scikit-learn's C in C Σ sᵢℓᵢ + ½‖w‖².)
      CHECK(r.loss == Approx(c * rp.loss).epsilon(1e-9));
      CHECK(max_rel(weighted.coefficients(), plain.coefficients()) < 1e-6);
    }
  }
}
