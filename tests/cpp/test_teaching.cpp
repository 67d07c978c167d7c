// SPDX-License-Identifier: MIT
// The teaching API: step() reproduces fit, history and callbacks, the gradient check, the
// squared-error comparison, the loss surface and the suggested learning rate.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "logreg/math.hpp"
#include "logreg/model.hpp"

using namespace logreg;

namespace {
using Data = logreg_test::Data;
using logreg_test::iris;

Options make(Solver solver) {
  Options o;
  o.solver = solver;
  o.tolerance = 0;  // never stop early: compare fixed numbers of iterations
  o.learning_rate = 0.05;
  o.batch_size = 16;
  o.seed = 7;
  return o;
}
}  // namespace

TEST_CASE("k steps reproduce fit with maxIterations = k exactly, for every solver", "[teaching]") {
  const Data binary = iris("versicolor"), multi = iris();
  for (Solver solver : {Solver::gd, Solver::sgd, Solver::newton, Solver::lbfgs})
    for (const Data* data : {&binary, &multi})
      for (bool standardize : {false, true}) {
        Options o = make(solver);
        o.standardize = standardize;
        if (solver == Solver::sgd && !standardize) o.learning_rate = 0.002;  // raw iris: smaller steps
        o.l2 = data == &multi ? 0.01 : 0.0;
        const std::size_t k = solver == Solver::newton ? 4 : 9;
        o.max_iterations = k;
        LogisticModel fitted(o), stepped(o);
        fitted.fit(data->view(), data->y);
        std::size_t last = 0;
        for (std::size_t i = 0; i < k; ++i) last = stepped.step(data->view(), data->y).iteration;
        INFO("solver " << int(solver) << ", classes " << (data == &multi ? 3 : 2) << ", standardize " << standardize);
        CHECK(last == k);
        const Vector a = fitted.coefficients(), b = stepped.coefficients();
        REQUIRE(a.size() == b.size());
        for (std::size_t j = 0; j < a.size(); ++j) CHECK(a(j) == b(j));  // bit for bit
        for (std::size_t j = 0; j < fitted.intercepts().size(); ++j)
          CHECK(fitted.intercepts()(j) == stepped.intercepts()(j));
        REQUIRE(fitted.history().size() == stepped.history().size());
        for (std::size_t j = 0; j < fitted.history().size(); ++j)
          CHECK(fitted.history()[j].loss == stepped.history()[j].loss);
      }
}

TEST_CASE("after divergence, step() stays where fit would have stopped", "[teaching]") {
  const Data t = iris("versicolor");
  for (Solver solver : {Solver::gd, Solver::sgd}) {
    Options o = make(solver);
    o.learning_rate = 50;
    o.max_iterations = 30;
    LogisticModel fitted(o), stepped(o);
    const FitReport r = fitted.fit(t.view(), t.y);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "diverged");
    StepResult last;
    for (int i = 0; i < 30; ++i) last = stepped.step(t.view(), t.y);
    CHECK(last.diverged);
    CHECK_FALSE(last.moved);
    for (std::size_t j = 0; j < 4; ++j) CHECK(fitted.coefficients()(j) == stepped.coefficients()(j));
  }
}

TEST_CASE("a gradient-descent step is w ← w − α∇w J, reported with the numbers of the update", "[teaching]") {
  const Data t = iris("virginica");
  Options o = make(Solver::gd);
  o.learning_rate = 0.01;
  LogisticModel m(o);
  m.set_parameters({0.1, -0.2, 0.3, -0.1}, 0.5);
  const std::vector<double> g = m.gradient(t.view(), t.y);
  const double J = m.loss(t.view(), t.y);
  const StepResult r = m.step(t.view(), t.y);
  CHECK(r.moved);
  CHECK(r.iteration == 1);
  CHECK(r.loss_before == Approx(J).epsilon(1e-14));
  CHECK(r.loss_after == Approx(m.loss(t.view(), t.y)).epsilon(1e-14));
  CHECK(r.loss_after < r.loss_before);
  CHECK(r.step_size == 0.01);
  REQUIRE(r.gradient.size() == 5);
  const std::vector<double> w0 = {0.1, -0.2, 0.3, -0.1, 0.5};
  for (std::size_t j = 0; j < 5; ++j) {
    CHECK(r.gradient[j] == Approx(g[j]).epsilon(1e-13));
    CHECK(r.step[j] == Approx(-0.01 * g[j]).epsilon(1e-12));
    const double now = j < 4 ? m.coefficients()(j) : m.intercept();
    CHECK(now == Approx(w0[j] + r.step[j]).epsilon(1e-14));
  }
  // Other data starts a new session from the current parameters.
  Data other = t;
  other.X[0] += 1;
  const StepResult again = m.step(other.view(), other.y);
  CHECK(again.iteration == 1);
  CHECK(again.loss_before == Approx(m.history()[0].loss));
}

TEST_CASE("history: the starting point, then one record per iteration, and the callback can stop", "[teaching]") {
  const Data t = iris("versicolor");
  Options o;
  o.solver = Solver::newton;
  o.tolerance = 1e-12;
  o.record_weights = true;
  LogisticModel m(o);
  std::size_t calls = 0;
  const FitReport r = m.fit(t.view(), t.y, nullptr, [&](const IterationInfo& info) {
    ++calls;
    CHECK(info.iteration == calls);
    return true;
  });
  REQUIRE(m.history().size() == r.iterations + 1);
  CHECK(calls == r.iterations);
  CHECK(m.history().front().iteration == 0);
  CHECK(m.history().front().loss == Approx(std::log(2.0)).epsilon(1e-14));  // θ = 0
  CHECK(m.history().back().loss == r.loss);
  // The loss never rises beyond its rounding noise: at the optimum the line search accepts a
  // step on the derivative test when the change of f is below 1e3·ε·|f| (line_search.hpp),
  // and the SIMD kernel's sum may then round a few ulps up.
  for (std::size_t i = 1; i < m.history().size(); ++i)
    CHECK(m.history()[i].loss <= m.history()[i - 1].loss * (1 + 1e3 * 2.220446049250313e-16));
  REQUIRE(m.weight_history().size() == m.history().size());
  CHECK(m.weight_history().back()[0] == m.coefficients()(0));
  CHECK(m.weight_history().back()[4] == m.intercept());

  LogisticModel stopped(o);
  const FitReport rs = stopped.fit(t.view(), t.y, nullptr, [](const IterationInfo& info) { return info.iteration < 2; });
  CHECK(rs.iterations == 2);
  CHECK_FALSE(rs.converged);
  CHECK(stopped.history().size() == 3);
}

TEST_CASE("gradient check: finite differences confirm ∇J = (1/n)Xᵀ(ŷ − y)", "[teaching]") {
  const Data b = iris("virginica"), k3 = iris();
  LogisticModel m;
  m.set_parameters({0.4, -0.3, 0.2, -0.5}, 0.7);
  const GradientCheck c = m.gradient_check(b.view(), b.y);
  REQUIRE(c.analytic.size() == 5);
  CHECK(c.max_relative_error < 1e-7);
  for (std::size_t j = 0; j < 5; ++j) CHECK(c.numeric[j] == Approx(c.analytic[j]).epsilon(1e-6));
  LogisticModel multi;
  multi.set_parameters({0.1, 0.2, -0.3, 0.4, 0.0, -0.1, 0.2, 0.1, -0.2, 0.3, 0.1, -0.4}, {0.1, -0.2, 0.3}, 3);
  CHECK(multi.gradient_check(k3.view(), k3.y).max_relative_error < 1e-7);
  Options sq;
  sq.loss = Loss::squared;
  LogisticModel squared(sq);
  squared.set_parameters({0.4, -0.3, 0.2, -0.5}, 0.7);
  CHECK(squared.gradient_check(b.view(), b.y).max_relative_error < 1e-7);
}

TEST_CASE("squared error: the extra σ'(z) factor, and slower descent than the cross-entropy", "[teaching]") {
  const Data t = iris("versicolor");
  // The squared-error gradient is the cross-entropy's with each row scaled by σ'(zᵢ).
  Options sq;
  sq.loss = Loss::squared;
  LogisticModel squared(sq), cross;
  squared.set_parameters({0.2, -0.4, 0.3, -0.6}, 1.0);
  cross.set_parameters({0.2, -0.4, 0.3, -0.6}, 1.0);
  const auto z = cross.decision_function(t.view());
  double db = 0, J = 0;
  for (std::size_t i = 0; i < t.n; ++i) {
    const double p = sigmoid(z[i]);
    db += (p - t.y[i]) * p * (1 - p) / double(t.n);
    J += 0.5 * (p - t.y[i]) * (p - t.y[i]) / double(t.n);
  }
  CHECK(squared.gradient(t.view(), t.y)[4] == Approx(db).epsilon(1e-13));
  CHECK(squared.loss(t.view(), t.y) == Approx(J).epsilon(1e-13));
  // From a confidently wrong start, descent with the same safe step recovers much faster on
  // the cross-entropy: the squared error's gradient nearly vanishes there.
  auto iterations_to_recover = [&](Loss loss) {
    Options o;
    o.solver = Solver::gd;
    o.loss = loss;
    o.standardize = true;
    o.warm_start = true;
    o.max_iterations = 1;
    o.tolerance = 0;
    LogisticModel m(o);
    o.learning_rate = m.suggested_learning_rate(t.view());
    m.set_options(o);
    m.set_parameters({-3, 9, -6, 9}, -5);  // nearly every versicolor scored as not
    std::size_t it = 0;
    for (; it < 20000; ++it) {
      const auto p = m.predict(t.view());
      std::size_t correct = 0;
      for (std::size_t i = 0; i < t.n; ++i) correct += p[i] == t.y[i];
      if (correct >= 105) break;  // 70 % accuracy
      m.step(t.view(), t.y);
    }
    return it;
  };
  const std::size_t ce = iterations_to_recover(Loss::log), se = iterations_to_recover(Loss::squared);
  INFO("cross-entropy " << ce << " steps, squared error " << se);
  CHECK(ce < 20000);
  CHECK(se > 3 * ce);
  Options bad;
  bad.loss = Loss::squared;
  bad.solver = Solver::newton;
  LogisticModel nope(bad);
  CHECK_THROWS_WITH(nope.fit(t.view(), t.y), Catch::Contains("not convex"));
  Data three = iris();
  CHECK_THROWS_WITH(squared.fit(three.view(), three.y), Catch::Contains("two classes only"));
}

TEST_CASE("loss surface: J over a grid of two parameters, the others held", "[teaching]") {
  const Data t = iris("versicolor");
  LogisticModel m;
  m.set_parameters({0.1, -0.2, 0.3, -0.4}, 0.5);
  const auto v = m.loss_surface(t.view(), t.y, 1, -1.0, 1.0, 5, 4, 0.0, 1.0, 3);
  REQUIRE(v.size() == 15);
  LogisticModel probe;
  for (std::size_t a = 0; a < 5; ++a)
    for (std::size_t b = 0; b < 3; ++b) {
      probe.set_parameters({0.1, -1.0 + 0.5 * double(a), 0.3, -0.4}, 0.5 * double(b));
      CHECK(v[a * 3 + b] == Approx(probe.loss(t.view(), t.y)).epsilon(1e-14));
    }
  CHECK_THROWS_WITH(m.loss_surface(t.view(), t.y, 1, 0, 1, 5, 1, 0, 1, 5), Catch::Contains("must differ"));
  CHECK_THROWS_WITH(m.loss_surface(t.view(), t.y, 1, 0, 1, 5, 9, 0, 1, 5), Catch::Contains("below 5"));
  CHECK_THROWS_WITH(m.loss_surface(t.view(), t.y, 1, 1, 0, 5, 2, 0, 1, 5), Catch::Contains("low < high"));
}

TEST_CASE("suggested learning rate: 1/L from the power iteration, and that step converges", "[teaching]") {
  const Data t = iris("versicolor");
  Options o;
  o.solver = Solver::gd;
  o.max_iterations = 300000;
  o.tolerance = 1e-6;
  LogisticModel m(o);
  const double rate = m.suggested_learning_rate(t.view());
  // L = λ_max([X 1]ᵀ[X 1]) / (4n): compare with a direct power iteration here.
  std::vector<double> G(25, 0.0);
  for (std::size_t i = 0; i < t.n; ++i)
    for (std::size_t a = 0; a < 5; ++a)
      for (std::size_t b = 0; b < 5; ++b)
        G[a * 5 + b] += (a < 4 ? t.X[i * 4 + a] : 1.0) * (b < 4 ? t.X[i * 4 + b] : 1.0);
  std::vector<double> v(5, 1.0);
  double lambda = 0;
  for (int it = 0; it < 2000; ++it) {
    std::vector<double> u(5, 0.0);
    for (std::size_t a = 0; a < 5; ++a)
      for (std::size_t b = 0; b < 5; ++b) u[a] += G[a * 5 + b] * v[b];
    lambda = std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2] + u[3] * u[3] + u[4] * u[4]);
    for (std::size_t a = 0; a < 5; ++a) v[a] = u[a] / lambda;
  }
  CHECK(rate == Approx(4.0 * double(t.n) / lambda).epsilon(1e-5));
  o.learning_rate = rate;
  m.set_options(o);
  const FitReport r = m.fit(t.view(), t.y);
  CHECK(r.converged);
  CHECK(r.warnings.empty());
  o.standardize = true;
  m.set_options(o);
  CHECK(m.suggested_learning_rate(t.view()) > 10 * rate);  // standardizing tames L (21× on iris)
}
