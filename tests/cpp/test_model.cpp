// SPDX-License-Identifier: MIT
// LogisticModel: validation messages, the objective's value and gradient, the GD update.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
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
                    "predictProba: X has 3 columns but the model was fitted with 2");
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

// Regression (issue 8): with |x| ≈ 1e160 the sums of squares behind standardization overflow,
// and the fit used to stop at w = 0 reporting convergence after 0 iterations.
TEST_CASE("standardize refuses values whose squares overflow, naming row, column and value", "[model][errors]") {
  Options o;
  o.standardize = true;
  LogisticModel m(o);
  std::vector<double> x = kX;
  for (double& v : x) v *= 1e160;
  CHECK_THROWS_WITH(m.fit(MatrixView(x.data(), kN, 2), kY),
                    Catch::StartsWith("fit: X has a value 5e+159 at row 1, column 1, too large to standardize"));
  CHECK_FALSE(m.fitted());
  // 1e100 is far inside the limit: the fit is the unscaled fit with w scaled by 1e-100.
  for (double& v : x) v *= 1e-60;
  LogisticModel scaled(o), plain(o);
  CHECK(scaled.fit(MatrixView(x.data(), kN, 2), kY).converged);
  CHECK(plain.fit(view(), kY).converged);
  CHECK(scaled.coefficients()(0) * 1e100 == Approx(plain.coefficients()(0)).epsilon(1e-6));
  CHECK(scaled.intercept() == Approx(plain.intercept()).epsilon(1e-6));
}

// Regression (issue 8, found by tests/fuzz/fuzz_fit.cpp): class weights of 5e-324 (or 1.8e308)
// made the mean row weight underflow to 0 (overflow to ∞), and the fit "converged" after 0
// iterations with a NaN loss.
TEST_CASE("row weights whose product overflows or whose mean underflows are refused", "[model][errors]") {
  Options o;
  o.class_weight = {5e-324, 5e-324};
  LogisticModel tiny(o);
  CHECK_THROWS_WITH(tiny.fit(view(), kY), "fit: the row weights (sampleWeight * classWeight) average 4.94066e-324, too small "
                                          "to compute with; multiply them by a common factor");
  CHECK_FALSE(tiny.fitted());
  o.class_weight = {1e200, 1.0};
  LogisticModel huge(o);
  const std::vector<double> w(kN, 1e200);
  CHECK_THROWS_WITH(huge.fit(view(), kY, &w), "fit: the weight of row 2, sampleWeight * classWeight = 1e+200 * "
                                              "1e+200, overflows; divide the weights by a common factor");
  // The penalty is divided by the mean weight: l2 = 1e300 over weights of 1e-10 overflows.
  o.class_weight = {1e-10, 1e-10};
  o.l2 = 1e300;
  LogisticModel penalized(o);
  CHECK_THROWS_WITH(penalized.fit(view(), kY), "fit: the penalty divided by the mean row weight (l2 = 1e+300, l1 = 0, "
                                               "mean weight 1e-10) overflows; multiply the weights by a common factor");
  // Weights averaging near the largest double with a loose tolerance: the fit stops early and
  // its gradient norm, in the weights' units, overflows (found by tests/fuzz/fuzz_fit.cpp:
  // "converged" with an infinite gradient norm). Refused, naming the cause; nothing is stored.
  {
    Options loose;
    loose.class_weight = {1.7976931348623157e308, 6.2352930745657389};
    loose.tolerance = 4.1148889064788836;
    const std::vector<float> x = {-3.9191179275512695f, -2.351226806640625f, -4.9977402687072754f};
    const std::vector<double> y = {0, 0, 1};
    LogisticModel overflowing(loose);
    CHECK_THROWS_WITH(overflowing.fit(MatrixView(x.data(), 3, 1), y),
                      Catch::StartsWith("fit: the row weights (sampleWeight * classWeight) average ") &&
                          Catch::EndsWith("overflows; divide the weights by a common factor"));
    CHECK_FALSE(overflowing.fitted());
  }
  // Equal weights of 1e-300 or of the largest double (whose sum overflows) are the unweighted fit.
  LogisticModel plain;
  plain.fit(view(), kY);
  o.l2 = 0;
  for (double c : {1e-300, 1.7976931348623157e308}) {
    o.class_weight = {c, c};
    LogisticModel same(o);
    CHECK(same.fit(view(), kY).converged);
    CHECK(same.coefficients()(0) == Approx(plain.coefficients()(0)).epsilon(1e-9));
    CHECK(same.intercept() == Approx(plain.intercept()).epsilon(1e-9));
  }
}

// fit checks finiteness inside the blocked one-pass column moments (blocks of 2048/d rows):
// the first bad value is still the one named, wherever the block boundaries fall, and the
// moments stay accurate for columns far from 0 (Chan's merge of the blocks' deviations).
TEST_CASE("fit names the first non-finite value past the first blocks, and standardizes offset columns accurately",
          "[model][errors]") {
  constexpr std::size_t n = 3000, d = 3;  // 682 rows per block: 5 blocks, the last one short
  std::vector<double> x(n * d), y(n);
  std::uint32_t state = 7;
  auto uniform = [&] { return ((state = state * 1664525u + 1013904223u) >> 8) / 16777216.0; };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) x[i * d + j] = 2 * uniform() - 1;
    y[i] = uniform() < 1 / (1 + std::exp(-(2 * x[i * d] - x[i * d + 1]))) ? 1.0 : 0.0;
  }
  Options o;
  o.standardize = true;
  std::vector<double> bad = x;
  bad[2000 * d + 2] = std::nan("");
  bad[2500 * d + 0] = -HUGE_VAL;
  LogisticModel m(o);
  CHECK_THROWS_WITH(m.fit(MatrixView(bad.data(), n, d), y), "fit: X has a non-finite value NaN at row 2001, column 3");
  bad[2000 * d + 2] = 0.5;
  CHECK_THROWS_WITH(m.fit(MatrixView(bad.data(), n, d), y), "fit: X has a non-finite value -Infinity at row 2501, column 1");
  CHECK_FALSE(m.fitted());

  // Shifting a column by 1e6 only moves the intercept: the standardized problem is the same,
  // so the weights and the scores agree to the tolerance (the intercept absorbs 1e6·w₂; the
  // gradient on raw X carries rounding of order 1e6·ε, ~1e-7 here, so no tighter tolerance).
  std::vector<double> shifted = x;
  for (std::size_t i = 0; i < n; ++i) shifted[i * d + 1] += 1e6;
  LogisticModel plain(o), offset(o);
  REQUIRE(plain.fit(MatrixView(x.data(), n, d), y).converged);
  REQUIRE(offset.fit(MatrixView(shifted.data(), n, d), y).converged);
  for (std::size_t j = 0; j < d; ++j)
    CHECK(offset.coefficients()(j) == Approx(plain.coefficients()(j)).epsilon(1e-5));
  const std::vector<double> z = plain.decision_function(MatrixView(x.data(), n, d));
  const std::vector<double> zs = offset.decision_function(MatrixView(shifted.data(), n, d));
  for (std::size_t i = 0; i < n; i += 97) CHECK(zs[i] == Approx(z[i]).margin(1e-4));
}

// Found by fuzz_fit (tests/fuzz/corpus/fit/sgd-steps-overflow-scores): sgd with learningRate
// 1.8e308 left θ finite but so large that Xw overflowed to ∞ − ∞, and predict_proba gave NaN.
TEST_CASE("a fit whose steps overflow the scores is refused and leaves the model unfitted", "[model][errors]") {
  const std::vector<float> X = {5.0f, -1.9362798929214478f, -3.0778048038482666f, -1.2774269580841064f,
                                 -3.04443359375f, -0.53109204769134521f, -4.2156863212585449f, -4.2156863212585449f};
  Options o;
  o.solver = Solver::sgd;
  o.seed = 17813374332900119443ull;
  o.class_weight_balanced = true;
  o.warm_start = true;
  o.learning_rate = 1.7976931348623157e308;
  o.max_iterations = 24;
  o.batch_size = 2;
  o.fit_intercept = false;
  o.standardize = true;
  LogisticModel m(o);
  // Whether these steps overflow depends on the kernel's rounding (they do with the native
  // SIMD kernel): either the fit is refused, naming the cause, or its probabilities are sound.
  try {
    m.fit(MatrixView(X.data(), 2, 4), {0, 1});
    for (double p : m.predict_proba(MatrixView(X.data(), 2, 4))) CHECK((p >= 0 && p <= 1));
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("fit: solver 'sgd' took steps so large") &&
                             Catch::Contains("overflow the scores Xw + b"));
    CHECK_FALSE(m.fitted());
  }
  o.learning_rate = 0.5;
  LogisticModel ok(o);
  ok.fit(MatrixView(X.data(), 2, 4), {0, 1});
  for (double p : ok.predict_proba(MatrixView(X.data(), 2, 4))) CHECK((p >= 0 && p <= 1));
}
