// SPDX-License-Identifier: MIT
// LogisticModel: validation messages, the objective's value and gradient, the GD update.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "logreg/math.hpp"
#include "logreg/model.hpp"

using namespace logreg;

namespace {
// A small problem, d = 2, made non-separable by two points that appear with both labels
// (so a finite optimum exists).
const std::vector<double> kX = {0.5, 1.0, -1.0, 2.0, 1.5, -0.5, -2.0, -1.0,
                                0.0, 0.5, 1.0, 1.0, 0.5, 1.0, -1.0, 2.0};
const std::vector<double> kY = {1, 0, 1, 0, 0, 1, 0, 1};
constexpr std::size_t kN = 8;
MatrixView view() { return MatrixView(kX.data(), kN, 2); }

// J and ∇J straight from the textbook formulas, for comparison.
double textbook_loss(const std::vector<double>& w, double b) {
  double J = 0;
  for (std::size_t i = 0; i < kN; ++i) {
    const double p = 1 / (1 + std::exp(-(w[0] * kX[2 * i] + w[1] * kX[2 * i + 1] + b)));
    J -= kY[i] * std::log(p) + (1 - kY[i]) * std::log(1 - p);
  }
  return J / kN;
}
std::vector<double> textbook_gradient(const std::vector<double>& w, double b) {
  std::vector<double> g(3, 0.0);
  for (std::size_t i = 0; i < kN; ++i) {
    const double r = 1 / (1 + std::exp(-(w[0] * kX[2 * i] + w[1] * kX[2 * i + 1] + b))) - kY[i];
    g[0] += r * kX[2 * i] / kN;
    g[1] += r * kX[2 * i + 1] / kN;
    g[2] += r / kN;
  }
  return g;
}
}  // namespace

TEST_CASE("loss and gradient equal the textbook formulas", "[model]") {
  LogisticModel m;
  const std::vector<double> w = {0.3, -0.7};
  m.set_parameters(w, 0.2);
  CHECK(m.loss(view(), kY) == Approx(textbook_loss(w, 0.2)).epsilon(1e-14));
  const auto g = m.gradient(view(), kY);
  const auto ref = textbook_gradient(w, 0.2);
  REQUIRE(g.size() == 3);
  for (int j = 0; j < 3; ++j) CHECK(g[j] == Approx(ref[j]).epsilon(1e-13));
}

TEST_CASE("fit performs exactly the textbook gradient-descent updates", "[model]") {
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 0.7;
  o.max_iterations = 3;
  o.tolerance = 0;
  LogisticModel m(o);
  const FitReport r = m.fit(view(), kY);
  CHECK(r.iterations == 3);
  CHECK_FALSE(r.converged);
  // Replay w ← w − α∇w, b ← b − α∂b by hand.
  std::vector<double> w = {0, 0};
  double b = 0;
  for (int k = 0; k < 3; ++k) {
    const auto g = textbook_gradient(w, b);
    w[0] -= 0.7 * g[0];
    w[1] -= 0.7 * g[1];
    b -= 0.7 * g[2];
  }
  CHECK(m.coefficients()(0) == Approx(w[0]).epsilon(1e-13));
  CHECK(m.coefficients()(1) == Approx(w[1]).epsilon(1e-13));
  CHECK(m.intercept() == Approx(b).epsilon(1e-13));
  CHECK(r.loss == Approx(textbook_loss(w, b)).epsilon(1e-13));
}

TEST_CASE("fit converges to a stationary point and reports it", "[model]") {
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 1.0;
  o.max_iterations = 100000;
  o.tolerance = 1e-10;
  LogisticModel m(o);
  const FitReport r = m.fit(view(), kY);
  CHECK(r.converged);
  CHECK(r.gradient_norm <= 1e-10);
  const auto g = m.gradient(view(), kY);  // score equations Xᵀ(y − ŷ) = 0, Σ(y − ŷ) = 0
  for (double v : g) CHECK(std::fabs(v) <= 1e-10);
  // Predictions are consistent: proba = σ(decision), labels at the threshold.
  const auto z = m.decision_function(view());
  const auto p = m.predict_proba(view());
  const auto yhat = m.predict(view(), 0.5);
  for (std::size_t i = 0; i < kN; ++i) {
    CHECK(p[i] == Approx(sigmoid(z[i])).epsilon(1e-15));
    CHECK(yhat[i] == (p[i] >= 0.5 ? 1.0 : 0.0));
  }
  CHECK(m.predict(view(), 0.0) == std::vector<double>(kN, 1.0));
}

TEST_CASE("without an intercept b stays 0", "[model]") {
  Options o;
  o.solver = Solver::gd;
  o.fit_intercept = false;
  o.learning_rate = 1.0;
  o.max_iterations = 100000;
  o.tolerance = 1e-10;
  LogisticModel m(o);
  CHECK(m.fit(view(), kY).converged);
  CHECK(m.intercept() == 0.0);
  const auto g = m.gradient(view(), kY);
  CHECK(std::fabs(g[0]) <= 1e-10);
  CHECK(std::fabs(g[1]) <= 1e-10);
}

TEST_CASE("float32 data gives the float64 answer to float precision", "[model]") {
  std::vector<float> xf(kX.begin(), kX.end());  // these values are exact in float
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 1.0;
  o.max_iterations = 100000;
  o.tolerance = 1e-9;
  LogisticModel a(o), b(o);
  a.fit(view(), kY);
  b.fit(MatrixView(xf.data(), kN, 2), kY);
  CHECK(b.coefficients()(0) == Approx(a.coefficients()(0)).epsilon(1e-5));
  CHECK(b.coefficients()(1) == Approx(a.coefficients()(1)).epsilon(1e-5));
  CHECK(b.intercept() == Approx(a.intercept()).epsilon(1e-5));
}

TEST_CASE("the stable forms survive logits of ±1000", "[model]") {
  LogisticModel m;
  m.set_parameters({1000, 0}, 0);
  // z = ±500 … ±2000; confidently wrong rows contribute |z| each, right ones ~0.
  const double J = m.loss(view(), kY);
  REQUIRE(std::isfinite(J));
  double expected = 0;
  for (std::size_t i = 0; i < kN; ++i) expected += log_loss(1000 * kX[2 * i], kY[i]);
  CHECK(J == Approx(expected / kN).epsilon(1e-15));
  for (double g : m.gradient(view(), kY)) CHECK(std::isfinite(g));
}

TEST_CASE("bad options are rejected with the option, the rule and the value", "[model][errors]") {
  Options o;
  o.learning_rate = -1;
  CHECK_THROWS_WITH(LogisticModel(o), "option learningRate must be a finite number > 0, got -1");
  o.learning_rate = std::nan("");
  CHECK_THROWS_AS(LogisticModel(o), std::invalid_argument);
  o = Options{};
  o.max_iterations = 0;
  CHECK_THROWS_WITH(LogisticModel(o), Catch::Contains("maxIterations"));
  o = Options{};
  o.tolerance = -1e-3;
  CHECK_THROWS_WITH(LogisticModel(o), Catch::Contains("tolerance"));
  LogisticModel m;
  CHECK_THROWS_AS(m.set_options(o), std::invalid_argument);
  CHECK(m.options().tolerance == Options{}.tolerance);  // unchanged after the failed call
}

TEST_CASE("bad data is rejected naming row, column and value, leaving the model unchanged", "[model][errors]") {
  LogisticModel m;
  m.set_parameters({0.5, -0.5}, 0.25);
  std::vector<double> x = kX;
  x[7] = std::nan("");  // row 4, column 2
  CHECK_THROWS_WITH(m.fit(MatrixView(x.data(), kN, 2), kY),
                    "fit: X has a non-finite value NaN at row 4, column 2");
  x[7] = INFINITY;
  CHECK_THROWS_WITH(m.fit(MatrixView(x.data(), kN, 2), kY), Catch::Contains("row 4, column 2"));
  CHECK_THROWS_WITH(m.fit(view(), {1, 0, 1}), "fit: X has 8 rows but y has 3 labels");
  CHECK_THROWS_WITH(m.fit(view(), {1, 0, 2.5, 0, 0, 1, 0, 1}),
                    "fit: y must hold class indices 0, 1, 2, …, got 2.5 at row 3");
  CHECK_THROWS_WITH(m.fit(view(), {1, 0, -1, 0, 0, 1, 0, 1}), Catch::Contains("got -1 at row 3"));
  CHECK_THROWS_WITH(m.fit(view(), {1, 0, 3, 0, 0, 1, 0, 1}), "fit: class 2 has no rows (labels must be 0 … 3, each present)");
  CHECK_THROWS_WITH(m.fit(view(), std::vector<double>(kN, 1.0)), Catch::Contains("only class 1"));
  CHECK_THROWS_WITH(m.fit(MatrixView(kX.data(), 0, 2), {}), Catch::Contains("X is empty"));
  CHECK_THROWS_WITH(m.predict_proba(MatrixView(kX.data(), 4, 3)),
                    "decisionFunction: X has 3 columns but the model was fitted with 2");
  CHECK_THROWS_WITH(m.predict(view(), 1.5), Catch::Contains("threshold must be in [0, 1]"));
  CHECK(m.coefficients()(0) == 0.5);  // nothing changed
  CHECK(m.intercept() == 0.25);
  CHECK_THROWS_WITH(m.set_parameters({1.0, NAN}, 0), Catch::Contains("coefficient 2"));
}

TEST_CASE("methods that need parameters refuse to run before fit", "[model][errors]") {
  LogisticModel m;
  CHECK_FALSE(m.fitted());
  CHECK_THROWS_AS(m.predict_proba(view()), std::logic_error);
  CHECK_THROWS_WITH(m.loss(view(), kY), "loss: the model is not fitted yet; call fit first");
  CHECK_THROWS_AS(m.gradient(view(), kY), std::logic_error);
}
