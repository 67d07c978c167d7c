// SPDX-License-Identifier: MIT
// summarize() (logreg/inference.hpp) and the special functions behind it (cpp/src/special.hpp).
//
// Parity: tests/fixtures/inference_reference.hpp holds what statsmodels 0.13.5 reports (Logit,
// MNLogit, GLM Binomial with freq_weights) for the same data, made by
// make_inference_reference.py. Each case is fitted here with solver 'newton', tolerance 1e-12,
// and every number of the summary is compared: the issue asks for 1e-6 relative. The measured
// errors are printed per quantity (ctest -V) and bounded much tighter where statsmodels itself
// is exact; where it is not — its llnull comes from a Nelder–Mead + BFGS fit, ~1e-10 relative
// off the closed form Σ_c n_c log(n_c/n) — the derived numbers (llnull, LLR, pseudo-R², the LLR
// p-value) are also compared with the fixture's 50-digit "exact" values.
//
// Withholding: every reason, with its message. Special functions: against 50-digit mpmath
// values, p-values down to 1e-300.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../../cpp/src/special.hpp"
#include "../fixtures/inference_reference.hpp"
#include "datasets.hpp"
#include "logreg/inference.hpp"
#include "logreg/matrix.hpp"
#include "logreg/model.hpp"
#include "logreg/options.hpp"

namespace {

namespace fx = inference_fixtures;
namespace sp = logreg::special;
using logreg::LogisticModel;
using logreg::MatrixView;
using logreg::Options;
using logreg::Solver;
using logreg::Summary;

constexpr double kRequirement = 1e-6;  // the issue: parity with statsmodels to 1e-6 relative
// Regression guards, ~100× the measured errors (native and wasm alike): θ̂ itself differs from
// statsmodels' by up to 8e-12 (both stop at the gradient's rounding floor; the sensitivity
// of θ̂ to it is the conditioning of H), SE by 1.2e-11, and p-values amplify z's error by z²
// (2.7e-10). llf, AIC, BIC and the deviance are sums that agree to a few ulps.
constexpr double kParameters = 1e-9;
constexpr double kPValues = 3e-8;
constexpr double kSums = 1e-13;

/// @brief X (row-major), y and weights of a case, prepared as the script prepares them.
struct Data {
  std::size_t n = 0, d = 0;
  std::vector<double> X, y, w;
  MatrixView view() const { return MatrixView(X.data(), n, d); }
  const std::vector<double>* weights() const { return w.empty() ? nullptr : &w; }
};

Data prepare(const fx::Case& c) {
  const auto table = logreg_test::read_dataset(c.dataset);
  Data p;
  p.d = c.n_features;
  p.X = table.matrix(std::vector<std::string>(c.features, c.features + c.n_features));
  p.n = p.X.size() / p.d;
  REQUIRE(p.n == c.n_rows);
  if (c.standardize) {
    // numpy: (X − mean) / std, population std (ddof 0); two passes as in test_parity.cpp.
    for (std::size_t j = 0; j < p.d; ++j) {
      double sum = 0;
      for (std::size_t i = 0; i < p.n; ++i) sum += p.X[i * p.d + j];
      const double mean = sum / double(p.n);
      double ss = 0;
      for (std::size_t i = 0; i < p.n; ++i) ss += (p.X[i * p.d + j] - mean) * (p.X[i * p.d + j] - mean);
      const double sd = std::sqrt(ss / double(p.n));
      CHECK(std::fabs(mean - c.means[j]) <= 1e-14 * std::max(1.0, std::fabs(c.means[j])));
      CHECK(std::fabs(sd - c.stds[j]) <= 1e-14 * c.stds[j]);
      for (std::size_t i = 0; i < p.n; ++i) p.X[i * p.d + j] = (p.X[i * p.d + j] - mean) / sd;
    }
  }
  p.y.assign(c.labels, c.labels + c.n_rows);
  if (c.weights) p.w.assign(c.weights, c.weights + c.n_rows);
  return p;
}

Options newton(bool intercept = true) {
  Options o;
  o.solver = Solver::newton;
  o.tolerance = 1e-12;
  o.max_iterations = 200;
  o.fit_intercept = intercept;
  return o;
}

double rel(double got, double want) {
  if (want == 0) return std::fabs(got);
  return std::fabs(got - want) / std::fabs(want);
}

/// @brief The largest relative error per quantity over all cases (printed at the end).
struct Errors {
  std::map<std::string, double> worst;
  void add(const std::string& what, double e) {
    double& w = worst[what];
    w = std::max(w, e);
  }
  double vec(const std::string& what, const std::vector<double>& got, const double* want,
             std::size_t count) {
    REQUIRE(got.size() == count);
    double e = 0;
    for (std::size_t j = 0; j < count; ++j) e = std::max(e, rel(got[j], want[j]));
    add(what, e);
    return e;
  }
  double one(const std::string& what, double got, double want) {
    const double e = rel(got, want);
    add(what, e);
    return e;
  }
};

LogisticModel fit_case(const fx::Case& c, const Data& data, logreg::FitReport& report) {
  LogisticModel model(newton(c.fit_intercept));
  report = model.fit(data.view(), data.y, data.weights());
  REQUIRE(report.converged);
  REQUIRE(model.n_classes() == c.n_classes);
  return model;
}

/// @brief X for a collinear recipe: a feature name, "a+b" (sum, left to right), or a number.
Data collinear_data(const fx::Collinear& c) {
  const auto table = logreg_test::read_dataset("iris.csv");
  Data p;
  p.n = c.n_rows;
  p.d = c.n_columns;
  p.X.assign(p.n * p.d, 0.0);
  for (std::size_t j = 0; j < p.d; ++j) {
    const std::string recipe = c.columns[j];
    std::vector<double> col;
    char* end = nullptr;
    const double constant = std::strtod(recipe.c_str(), &end);
    if (end == recipe.c_str() + recipe.size()) {
      col.assign(p.n, constant);
    } else {
      std::size_t start = 0;
      for (;;) {
        const std::size_t plus = recipe.find('+', start);
        const auto part = table.matrix({recipe.substr(start, plus - start)});
        if (col.empty())
          col = part;
        else
          for (std::size_t i = 0; i < p.n; ++i) col[i] += part[i];
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    }
    for (std::size_t i = 0; i < p.n; ++i) p.X[i * p.d + j] = col[i];
  }
  p.y.assign(c.labels, c.labels + c.n_rows);
  return p;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

void require_withheld_numbers(const Summary& s) {
  CHECK(s.covariance.empty());
  for (std::size_t r = 0; r < s.coefficient.size(); ++r) {
    CHECK(std::isfinite(s.coefficient[r]));
    CHECK(std::isnan(s.std_error[r]));
    CHECK(std::isnan(s.p_value[r]));
    CHECK(std::isnan(s.ci_lower[r]));
  }
  CHECK(std::isnan(s.aic));
  CHECK(std::isnan(s.llr_p_value));
  CHECK(std::isfinite(s.log_likelihood));
  CHECK(std::isfinite(s.null_log_likelihood));
}

const Data& iris_versicolor() {
  static const Data data = [] {
    for (const auto& c : fx::cases)
      if (std::string(c.name) == "iris_versicolor") return prepare(c);
    throw std::runtime_error("no iris_versicolor case");
  }();
  return data;
}

/// @brief iris (4 raw features) with y = 1 for `species` (one-vs-rest), or the class index.
Data iris(const std::string& species, std::vector<std::string> features = {
                                          "sepal_length", "sepal_width", "petal_length", "petal_width"}) {
  const auto table = logreg_test::read_dataset("iris.csv");
  Data p;
  p.d = features.size();
  p.X = table.matrix(features);
  p.n = p.X.size() / p.d;
  if (species.empty()) {
    const std::size_t t = table.column("species");
    for (const auto& row : table.rows)
      p.y.push_back(row[t] == "setosa" ? 0.0 : row[t] == "versicolor" ? 1.0 : 2.0);
  } else {
    p.y = table.indicator("species", species);
  }
  return p;
}

}  // namespace

// ---- parity with statsmodels ------------------------------------------------------------------

TEST_CASE("summary matches statsmodels Logit, MNLogit and GLM freq_weights", "[inference][parity]") {
  Errors err, exact;
  for (const auto& c : fx::cases) {
    INFO("case " << c.name << " (" << c.reference << ")");
    const Data data = prepare(c);
    logreg::FitReport report;
    const LogisticModel model = fit_case(c, data, report);
    for (std::size_t li = 0; li < c.n_levels; ++li) {
      const fx::Level& lv = c.levels[li];
      const Summary s = logreg::summarize(model, data.view(), data.y, &report, lv.level, data.weights());
      INFO("level " << lv.level << ": " << s.withheld);
      REQUIRE(s.withheld.empty());
      REQUIRE(s.withheld_code.empty());
      const std::size_t p = c.n_parameters;
      REQUIRE(s.n_parameters == p);
      CHECK(s.model == (c.n_classes == 2 ? "logit" : "mnlogit"));
      CHECK(s.weighted == (c.weights != nullptr));
      CHECK(err.vec("coefficient", s.coefficient, c.coefficients, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("std_error", s.std_error, c.std_err, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("z", s.z, c.z, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("p_value", s.p_value, c.p_value, p) <= std::min(kRequirement, kPValues));
      CHECK(err.vec("odds_ratio", s.odds_ratio, c.odds_ratio, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("ci_lower", s.ci_lower, lv.ci_lower, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("ci_upper", s.ci_upper, lv.ci_upper, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("odds_ratio_lower", s.odds_ratio_lower, lv.odds_ratio_lower, p) <= std::min(kRequirement, kParameters));
      CHECK(err.vec("odds_ratio_upper", s.odds_ratio_upper, lv.odds_ratio_upper, p) <= std::min(kRequirement, kParameters));
      CHECK(err.one("log_likelihood", s.log_likelihood, c.log_likelihood) <= std::min(kRequirement, kSums));
      CHECK(err.one("null_log_likelihood", s.null_log_likelihood, c.null_log_likelihood) <= kRequirement);
      CHECK(err.one("deviance", s.deviance, c.deviance) <= std::min(kRequirement, kSums));
      CHECK(err.one("null_deviance", s.null_deviance, c.null_deviance) <= kRequirement);
      CHECK(err.one("aic", s.aic, c.aic) <= std::min(kRequirement, kSums));
      CHECK(err.one("bic", s.bic, c.bic) <= std::min(kRequirement, kSums));
      CHECK(err.one("pseudo_r2", s.pseudo_r2, c.pseudo_r2) <= kRequirement);
      CHECK(err.one("llr", s.llr, c.llr) <= kRequirement);
      CHECK(err.one("llr_p_value", s.llr_p_value, c.llr_p_value) <= kRequirement);
      CHECK(s.llr_df == c.llr_df);
      CHECK(s.n_obs == c.n_obs);
      CHECK(s.df_model == c.df_model);
      CHECK(s.df_resid == c.df_resid);
      CHECK(s.n_rows == c.n_rows);
      // Against the closed-form / 50-digit values (statsmodels' llnull is a numerical fit).
      CHECK(exact.one("null_log_likelihood", s.null_log_likelihood, c.null_log_likelihood_exact) <= 1e-14);
      CHECK(exact.one("pseudo_r2", s.pseudo_r2, c.pseudo_r2_exact) <= 1e-12);
      CHECK(exact.one("llr", s.llr, c.llr_exact) <= 1e-12);
      CHECK(exact.one("llr_p_value", s.llr_p_value, c.llr_p_value_exact) <= 1e-10);
      // Layout: equation-major, w then b, classes 1 … k−1.
      const std::size_t e = c.n_features + (c.fit_intercept ? 1 : 0);
      for (std::size_t r = 0; r < p; ++r) {
        CHECK(s.class_index[r] == int(r / e) + 1);
        CHECK(s.feature[r] == (r % e == c.n_features ? -1 : int(r % e)));
      }
      REQUIRE(s.covariance.size() == p * p);
      for (std::size_t r = 0; r < p; ++r) {
        CHECK(s.covariance[r * p + r] == Approx(s.std_error[r] * s.std_error[r]).epsilon(1e-15));
        for (std::size_t q = 0; q < r; ++q) CHECK(s.covariance[r * p + q] == s.covariance[q * p + r]);
      }
    }
  }
  for (const auto& [what, e] : err.worst)
    std::printf("inference parity vs statsmodels: %-20s max rel err %.2e\n", what.c_str(), e);
  for (const auto& [what, e] : exact.worst)
    std::printf("inference parity vs exact:       %-20s max rel err %.2e\n", what.c_str(), e);
}

TEST_CASE("summary: frequency weights equal replicated rows", "[inference]") {
  // A weight of m is m identical rows: the whole summary must agree (to rounding).
  for (const std::string species : {"versicolor", ""}) {
    INFO((species.empty() ? "multinomial" : "binary"));
    // (Multinomial: sepal length alone; with more iris features setosa is separable.)
    const Data base = species.empty() ? iris("", {"sepal_length"}) : iris(species);
    Data weighted = base, replicated;
    replicated.d = base.d;
    weighted.w.resize(base.n);
    for (std::size_t i = 0; i < base.n; ++i) {
      weighted.w[i] = double(1 + (i * 7) % 4);
      for (int r = 0; r < int(weighted.w[i]); ++r) {
        replicated.X.insert(replicated.X.end(), base.X.begin() + i * base.d,
                            base.X.begin() + (i + 1) * base.d);
        replicated.y.push_back(base.y[i]);
      }
    }
    replicated.n = replicated.y.size();
    LogisticModel a(newton()), b(newton());
    const auto ra = a.fit(weighted.view(), weighted.y, weighted.weights());
    const auto rb = b.fit(replicated.view(), replicated.y);
    const Summary sa = logreg::summarize(a, weighted.view(), weighted.y, &ra, 0.95, weighted.weights());
    const Summary sb = logreg::summarize(b, replicated.view(), replicated.y, &rb);
    INFO(sa.withheld << sb.withheld);
    REQUIRE(sa.withheld.empty());
    REQUIRE(sb.withheld.empty());
    CHECK(sa.n_obs == sb.n_obs);
    CHECK(sa.df_resid == sb.df_resid);
    CHECK(sa.n_rows == base.n);
    for (std::size_t r = 0; r < sa.coefficient.size(); ++r) {
      CHECK(rel(sa.coefficient[r], sb.coefficient[r]) <= 1e-9);
      CHECK(rel(sa.std_error[r], sb.std_error[r]) <= 1e-9);
      CHECK(rel(sa.p_value[r], sb.p_value[r]) <= 1e-8);
    }
    const std::vector<std::pair<double, double>> totals{
        {sa.log_likelihood, sb.log_likelihood}, {sa.null_log_likelihood, sb.null_log_likelihood},
        {sa.aic, sb.aic}, {sa.bic, sb.bic}, {sa.llr, sb.llr}, {sa.llr_p_value, sb.llr_p_value}};
    for (const auto& [x, y] : totals) CHECK(rel(x, y) <= 1e-9);
  }
}

TEST_CASE("summary: standardize and float32 X give the same inference", "[inference]") {
  const Data& data = iris_versicolor();
  LogisticModel plain(newton());
  const auto rp = plain.fit(data.view(), data.y);
  const Summary a = logreg::summarize(plain, data.view(), data.y, &rp);
  Options so = newton();
  so.standardize = true;
  LogisticModel scaled(so);
  const auto rs = scaled.fit(data.view(), data.y);
  const Summary b = logreg::summarize(scaled, data.view(), data.y, &rs);
  REQUIRE(a.withheld.empty());
  REQUIRE(b.withheld.empty());
  for (std::size_t r = 0; r < a.coefficient.size(); ++r) {
    CHECK(rel(b.coefficient[r], a.coefficient[r]) <= 1e-9);
    CHECK(rel(b.std_error[r], a.std_error[r]) <= 1e-9);
  }
  // float32 X: the summary of the rounded data, exactly as if it had been given as doubles.
  std::vector<float> X32(data.X.begin(), data.X.end());
  std::vector<double> X64(X32.begin(), X32.end());
  // The scalar kernel: the SIMD one computes in float on float data and cannot certify a
  // gradient of 1e-12 (the fit would then rightly be "not-converged").
  LogisticModel m32(newton());
  m32.set_kernel(logreg::Kernel::scalar);
  const auto r32 = m32.fit(MatrixView(X32.data(), data.n, data.d), data.y);
  const Summary c = logreg::summarize(m32, MatrixView(X32.data(), data.n, data.d), data.y, &r32);
  const Summary c64 = logreg::summarize(m32, MatrixView(X64.data(), data.n, data.d), data.y, &r32);
  REQUIRE(c.withheld.empty());
  for (std::size_t r = 0; r < c.coefficient.size(); ++r) CHECK(c.std_error[r] == c64.std_error[r]);
  CHECK(c.log_likelihood == c64.log_likelihood);
}

// ---- withholding --------------------------------------------------------------------------

TEST_CASE("summary withholds: penalized fit", "[inference][withheld]") {
  const Data& data = iris_versicolor();
  Options o = newton();
  o.l2 = 1e-3;
  LogisticModel model(o);
  const auto report = model.fit(data.view(), data.y);
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  CHECK(s.withheld_code == "penalized");
  CHECK(contains(s.withheld, "penalized (l2 = 0.001, l1 = 0)"));
  CHECK(contains(s.withheld, "Refit with l1 = l2 = 0"));
  require_withheld_numbers(s);
  CHECK(s.coefficient[0] == model.coefficients()(0));

  // A penalized multinomial model lists every class (0 … k−1), not contrasts.
  const Data three = iris("", {"sepal_length", "sepal_width"});
  LogisticModel mm(o);
  const auto rm = mm.fit(three.view(), three.y);
  const Summary sm = logreg::summarize(mm, three.view(), three.y, &rm);
  CHECK(sm.withheld_code == "penalized");
  CHECK(sm.n_equations == 3);
  CHECK(sm.class_index.front() == 0);
  CHECK(sm.coefficient.size() == 9);
}

TEST_CASE("summary withholds: class weights", "[inference][withheld]") {
  const Data& data = iris_versicolor();
  Options o = newton();
  o.class_weight_balanced = true;
  LogisticModel model(o);
  const auto report = model.fit(data.view(), data.y);
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  CHECK(s.withheld_code == "class-weights");
  CHECK(contains(s.withheld, "class weights"));
  require_withheld_numbers(s);
}

TEST_CASE("summary withholds: not converged", "[inference][withheld]") {
  const Data& data = iris_versicolor();
  Options o;
  o.solver = Solver::gd;
  o.learning_rate = 1e-3;
  o.max_iterations = 5;
  LogisticModel model(o);
  const auto report = model.fit(data.view(), data.y);
  REQUIRE_FALSE(report.converged);
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  CHECK(s.withheld_code == "not-converged");
  CHECK(contains(s.withheld, "did not converge"));
  CHECK(contains(s.withheld, "after 5 iterations"));
  require_withheld_numbers(s);
  // Without the report the same θ is caught by the Newton-step test.
  const Summary t = logreg::summarize(model, data.view(), data.y, nullptr);
  CHECK(t.withheld_code == "not-optimal");
  CHECK(contains(t.withheld, "standard errors (more than 0.01)"));
}

TEST_CASE("summary withholds: separation (iris setosa vs rest)", "[inference][withheld]") {
  const Data data = iris("setosa");
  LogisticModel model(newton());
  const auto report = model.fit(data.view(), data.y);
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  CHECK(s.withheld_code == "separation");
  CHECK(contains(s.withheld, "complete separation"));
  CHECK(contains(s.withheld, "maximum-likelihood estimate does not exist"));
  require_withheld_numbers(s);
  // Without the report: the fit stopped as soon as it saw the separating hyperplane, before
  // any probability saturated, so θ is caught as not being a maximum (Newton would move it
  // by many standard errors).
  const Summary t = logreg::summarize(model, data.view(), data.y, nullptr);
  CHECK(t.withheld_code == "not-optimal");
  // Pushed further along the separating direction, the probabilities saturate.
  LogisticModel far(newton());
  std::vector<double> w(4);
  for (std::size_t j = 0; j < 4; ++j) w[j] = 50 * model.coefficients()(j);
  far.set_parameters(w, 50 * model.intercept());
  const Summary u = logreg::summarize(far, data.view(), data.y, nullptr);
  CHECK(u.withheld_code == "quasi-separation");
  CHECK(contains(u.withheld, "within 1e-13 of the observed class"));
}

TEST_CASE("summary withholds: multinomial quasi-separation (iris sepal length and width)",
          "[inference][withheld]") {
  // Setosa is (quasi-)separable from the other two species by sepal length and width (the
  // fixture script's linear program says so; statsmodels' MNLogit overflows on it), so the
  // multinomial MLE does not exist; the model does not watch multinomial fits for it.
  const Data data = iris("", {"sepal_length", "sepal_width"});
  Options o = newton();
  LogisticModel model(o);
  const auto report = model.fit(data.view(), data.y);
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  INFO(s.withheld);
  CHECK(s.withheld_code == "quasi-separation");
  require_withheld_numbers(s);
}

TEST_CASE("summary withholds: collinear columns, named", "[inference][withheld]") {
  for (const auto& c : fx::collinear) {
    INFO("case " << c.name);
    const Data data = collinear_data(c);
    Options o = newton(c.fit_intercept);
    o.max_iterations = 50;
    LogisticModel model(o);
    const auto report = model.fit(data.view(), data.y);
    const Summary s = logreg::summarize(model, data.view(), data.y, &report);
    INFO(s.withheld);
    if (c.rank == c.n_design_columns) {  // full rank: not collinear
      CHECK(s.withheld_code != "collinear");
      CHECK(s.collinear_columns.empty());
      continue;
    }
    CHECK(s.withheld_code == "collinear");
    REQUIRE(s.collinear_columns.size() == c.n_involved);
    for (std::size_t a = 0; a < c.n_involved; ++a) {
      CHECK(s.collinear_columns[a] == int(c.involved_columns[a]));
      CHECK(contains(s.withheld, "column " + std::to_string(c.involved_columns[a])));
    }
    CHECK(s.collinear_intercept == c.involves_intercept);
    require_withheld_numbers(s);
    const std::string name = c.name;
    if (name == "duplicated_column") CHECK(contains(s.withheld, "(column 4 = column 1)"));
    if (name == "sum_of_columns") CHECK(contains(s.withheld, "(column 3 = column 1 + column 2)"));
    if (name == "constant_column")
      CHECK(contains(s.withheld, "column 2 is constant: column 2 = 2.5 × the intercept"));
    if (name == "zero_column") CHECK(contains(s.withheld, "column 2 is 0 in every row"));
  }
}

TEST_CASE("summary withholds: parameters that are not this data's MLE", "[inference][withheld]") {
  const Data& data = iris_versicolor();
  LogisticModel model(newton());
  const auto report = model.fit(data.view(), data.y);
  // Other labels than the fit's.
  const Data other = iris("virginica");
  const Summary s = logreg::summarize(model, data.view(), other.y, &report);
  CHECK(s.withheld_code == "not-optimal");
  CHECK(contains(s.withheld, "not the maximum-likelihood estimate for this X, y:"));
  // Weights the fit did not use.
  std::vector<double> w(data.n, 1.0);
  for (std::size_t i = 0; i < data.n; i += 2) w[i] = 3.0;
  const Summary t = logreg::summarize(model, data.view(), data.y, &report, 0.95, &w);
  CHECK(t.withheld_code == "not-optimal");
  CHECK(contains(t.withheld, "and sample weights"));
}

TEST_CASE("summary: input validation", "[inference]") {
  const Data& data = iris_versicolor();
  LogisticModel unfitted(newton());
  CHECK_THROWS_AS(logreg::summarize(unfitted, data.view(), data.y, nullptr), std::logic_error);
  LogisticModel model(newton());
  const auto report = model.fit(data.view(), data.y);
  for (double level : {0.0, 1.0, -0.5, std::numeric_limits<double>::quiet_NaN()})
    CHECK_THROWS_WITH(logreg::summarize(model, data.view(), data.y, &report, level),
                      Catch::Contains("level must be in (0, 1)"));
  CHECK_THROWS_WITH(logreg::summarize(model, MatrixView(data.X.data(), data.n, 2), data.y, &report),
                    Catch::Contains("X has 2 columns but the model was fitted with 4"));
  std::vector<double> bad = data.y;
  bad[7] = 2;
  CHECK_THROWS_WITH(logreg::summarize(model, data.view(), bad, &report),
                    Catch::Contains("got 2 at row 8"));
  std::vector<double> w(data.n, 1.0);
  w[3] = -1;
  CHECK_THROWS_WITH(logreg::summarize(model, data.view(), data.y, &report, 0.95, &w),
                    Catch::Contains("got -1 at row 4"));
  w.pop_back();
  CHECK_THROWS_WITH(logreg::summarize(model, data.view(), data.y, &report, 0.95, &w),
                    Catch::Contains("sampleWeight has 149 values"));
  std::vector<double> X = data.X;
  X[5] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(logreg::summarize(model, MatrixView(X.data(), data.n, data.d), data.y, &report),
                    Catch::Contains("row 2, column 2"));
  const Summary s = logreg::summarize(model, data.view(), data.y, &report);
  CHECK(s.critical_value == Approx(1.959963984540054).epsilon(1e-15));
}

// ---- special functions ------------------------------------------------------------------------

TEST_CASE("special functions match 50-digit mpmath, tails down to 1e-300", "[inference][special]") {
  auto sweep = [](const char* what, const fx::Point* pts, std::size_t count, double bound,
                  auto&& f) {
    double worst = 0, at = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const double got = f(pts[i]);
      const double e = rel(got, pts[i].value);
      INFO(what << " at " << pts[i].x << " (df " << pts[i].df << "): got " << got << ", want "
                << pts[i].value);
      CHECK(e <= bound);
      if (e > worst) {
        worst = e;
        at = pts[i].x;
      }
    }
    std::printf("special: %-20s %3zu points, max rel err %.2e (at %g)\n", what, count, worst, at);
  };
  sweep("erfc", fx::erfc_points, std::size(fx::erfc_points), 2e-15,
        [](const fx::Point& p) { return sp::erfc(p.x); });
  sweep("normal_two_sided_p", fx::two_sided_points, std::size(fx::two_sided_points), 2e-15,
        [](const fx::Point& p) { return sp::normal_two_sided_p(p.x); });
  sweep("normal_quantile", fx::quantile_points, std::size(fx::quantile_points), 1e-15,
        [](const fx::Point& p) { return sp::normal_quantile(p.x); });
  sweep("chi2_sf", fx::chi2_sf_points, std::size(fx::chi2_sf_points), 1e-14,
        [](const fx::Point& p) { return sp::chi2_sf(p.x, p.df); });

  // Below 1e-300 only the size is promised (gradual underflow, then 0).
  for (const auto& pt : fx::two_sided_underflow_points) {
    const double got = sp::normal_two_sided_p(pt.x);
    INFO("z = " << pt.x << ": " << got << " vs " << pt.value);
    CHECK(got >= 0);
    CHECK(got <= 1e-300);
    if (pt.value >= std::numeric_limits<double>::min()) CHECK(rel(got, pt.value) <= 1e-14);
  }
  // p = 1e-300 is reached, not rounded to 0: z = −Φ⁻¹(5e-301) round trip (mpmath: z =
  // 37.065787880772130393…).
  const double z300 = -sp::normal_quantile(0.5e-300);
  CHECK(rel(z300, 37.06578788077213) <= 1e-15);
  // z300 is rounded to a double (± ulp(37)/2 = 3.6e-15) and d log p / dz ≈ −z there, so
  // p(z300) can differ from 1e-300 by up to 37 × 3.6e-15 = 1.3e-13 relative.
  CHECK(rel(sp::normal_two_sided_p(z300), 1e-300) <= 2e-13);

  // Edges.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(std::isnan(sp::erfc(nan)));
  CHECK(sp::erfc(inf) == 0);
  CHECK(sp::erfc(-inf) == 2);
  CHECK(sp::normal_two_sided_p(0) == 1);
  CHECK(sp::normal_two_sided_p(inf) == 0);
  CHECK(sp::normal_two_sided_p(-2) == sp::normal_two_sided_p(2));
  CHECK(sp::normal_quantile(0) == -inf);
  CHECK(sp::normal_quantile(1) == inf);
  CHECK(sp::normal_quantile(0.5) == 0);
  CHECK(std::isnan(sp::normal_quantile(-0.1)));
  CHECK(std::isnan(sp::normal_quantile(1.1)));
  CHECK(std::isnan(sp::normal_quantile(nan)));
  CHECK(sp::normal_quantile(0.75) == -sp::normal_quantile(0.25));
  CHECK(sp::chi2_sf(0, 3) == 1);
  CHECK(sp::chi2_sf(-1, 3) == 1);
  CHECK(sp::chi2_sf(inf, 3) == 0);
  CHECK(std::isnan(sp::chi2_sf(1, 0)));
  CHECK(std::isnan(sp::chi2_sf(nan, 2)));
  CHECK(std::isnan(sp::gamma_q(-1, 2)));
  // χ² with 2 df is exponential: Q(1, x/2) = e^(−x/2), exactly known far out.
  for (double x : {1e-3, 1.0, 10.0, 100.0, 1000.0, 1380.0})
    CHECK(rel(sp::chi2_sf(x, 2), std::exp(-x / 2)) <= 2e-15);
  // χ² with 1 df is the two-sided normal tail: Q(½, z²/2) = erfc(|z|/√2).
  for (double z : {0.5, 2.0, 8.0, 20.0, 36.0})
    CHECK(rel(sp::chi2_sf(z * z, 1), sp::normal_two_sided_p(z)) <= 1e-14);
  CHECK(sp::normal_sf(-40) == 1);
  CHECK(rel(sp::normal_sf(30), 0.5 * sp::normal_two_sided_p(30)) == 0);
}
