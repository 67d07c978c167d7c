// SPDX-License-Identifier: MIT
// libFuzzer harness (issue 8): fit → predict through the C++ core API on random small
// problems — n ≤ 12 rows, d ≤ 4 columns, 2 to 4 classes, float32 or float64, row weights,
// NaN/±Inf/huge/tiny/-0 values, invalid labels — with random options (every solver, penalty,
// learning rate, schedule, …; at most 40 iterations so that one input runs in milliseconds).
//
// The oracle: every input is either rejected with a logreg exception (std::invalid_argument
// or std::logic_error, with a message naming the routine) or gives a consistent model:
//   * the coefficients and intercepts are finite (diverged fits keep their best point);
//   * a converged fit reports a finite loss and gradient norm;
//   * predict_proba on the training rows is in [0, 1], a k-class row sums to 1;
//   * predict agrees with predict_proba (p ≥ 0.5, or the most probable class);
//   * step() from the fitted model obeys the same rules.
// Anything else — another exception type, a sanitizer report, a hang — is a finding.
// Build: cmake --preset fuzz && cmake --build --preset fuzz (clang++ -fsanitize=fuzzer,address,undefined).
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include "logreg/model.hpp"

using namespace logreg;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_fit: invariant violated: %s\n", what.c_str());
  std::abort();
}

// A value of a "class" chosen by one byte: mostly ordinary numbers, sometimes the edge cases.
double value(FuzzedDataProvider& in) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (in.ConsumeIntegralInRange<int>(0, 15)) {
    case 0: return std::nan("");
    case 1: return kInf;
    case 2: return -kInf;
    case 3: return std::numeric_limits<double>::max();
    case 4: return std::numeric_limits<double>::denorm_min();
    case 5: return -0.0;
    case 6: return in.ConsumeBool() ? 1e160 : -1e150;
    case 7: return in.ConsumeFloatingPoint<double>();  // anything finite
    default: return in.ConsumeFloatingPointInRange<double>(-10.0, 10.0);
  }
}

Options options(FuzzedDataProvider& in) {
  Options o;
  o.solver = static_cast<Solver>(in.ConsumeIntegralInRange<int>(0, 4));
  o.max_iterations = in.ConsumeIntegralInRange<std::size_t>(0, 40);  // 0 must be rejected
  o.learning_rate = in.ConsumeBool() ? 0.1 : value(in);
  o.tolerance = in.ConsumeBool() ? 1e-6 : value(in);
  o.fit_intercept = in.ConsumeBool();
  o.loss = in.ConsumeIntegralInRange<int>(0, 7) == 0 ? Loss::squared : Loss::log;
  o.l2 = in.ConsumeBool() ? 0.0 : value(in);
  o.l1 = in.ConsumeIntegralInRange<int>(0, 3) == 0 ? value(in) : 0.0;
  o.standardize = in.ConsumeBool();
  o.warm_start = in.ConsumeBool();
  o.class_weight_balanced = in.ConsumeIntegralInRange<int>(0, 3) == 0;
  if (in.ConsumeIntegralInRange<int>(0, 3) == 0)
    for (int c = in.ConsumeIntegralInRange<int>(0, 5); c > 0; --c) o.class_weight.push_back(value(in));
  o.batch_size = in.ConsumeIntegralInRange<std::size_t>(0, 16);
  o.seed = in.ConsumeIntegral<std::uint64_t>();
  o.schedule = in.ConsumeBool() ? Schedule::inverse : Schedule::constant;
  o.decay_steps = in.ConsumeBool() ? 1000.0 : value(in);
  o.history_size = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  return o;
}

// The core throws exactly these two (a std::length_error, std::bad_alloc, … is a finding).
bool logreg_error(const std::exception& e) {
  return typeid(e) == typeid(std::invalid_argument) || typeid(e) == typeid(std::logic_error);
}

// Runs f; a logreg exception means "rejected" (false), any other exception is a finding.
template <class F>
bool accepted(const char* what, F&& f) {
  try {
    f();
    return true;
  } catch (const std::exception& e) {
    if (!logreg_error(e)) fail(std::string(what) + " threw a foreign exception: " + e.what());
    if (std::strlen(e.what()) == 0) fail(std::string(what) + " threw an empty message");
    return false;
  }
}

void check_model(const LogisticModel& m, const MatrixView& X, const char* when) {
  const std::string tag = std::string(when) + ": ";
  for (double v : m.coefficients())
    if (!std::isfinite(v)) fail(tag + "non-finite coefficient " + std::to_string(v));
  for (double v : m.intercepts())
    if (!std::isfinite(v)) fail(tag + "non-finite intercept " + std::to_string(v));
  const std::size_t k = m.n_classes(), out = m.n_outputs();
  const std::vector<double> p = m.predict_proba(X);
  const std::vector<double> label = m.predict(X);
  if (p.size() != X.rows * out || label.size() != X.rows) fail(tag + "wrong output sizes");
  for (std::size_t i = 0; i < X.rows; ++i) {
    const double* row = p.data() + i * out;
    double sum = 0;
    std::size_t best = 0;
    for (std::size_t c = 0; c < out; ++c) {
      if (!(row[c] >= 0 && row[c] <= 1)) fail(tag + "probability " + std::to_string(row[c]) + " outside [0, 1]");
      sum += row[c];
      if (row[c] > row[best]) best = c;
    }
    if (out > 1 && std::fabs(sum - 1) > 1e-9) fail(tag + "k-class probabilities sum to " + std::to_string(sum));
    if (out == 1) {
      if (label[i] != (row[0] >= 0.5 ? 1.0 : 0.0)) fail(tag + "predict disagrees with predict_proba (binary)");
    } else if (label[i] >= double(k) || row[std::size_t(label[i])] != row[best]) {
      fail(tag + "predict is not the most probable class");
    }
  }
}

// With FUZZ_FIT_VERBOSE set (replaying a finding: FUZZ_FIT_VERBOSE=1 fuzz_fit crash-…), the
// decoded problem, to turn it into a regression test.
void print_problem(const Options& o, std::size_t n, std::size_t d, bool f32, const MatrixView& X,
                   const std::vector<double>& y, const std::vector<double>* w) {
  std::fprintf(stderr,
               "solver %d loss %d maxIterations %zu learningRate %.17g tolerance %.17g fitIntercept %d "
               "l2 %.17g l1 %.17g standardize %d warmStart %d balanced %d classWeight[%zu] batchSize %zu "
               "seed %llu schedule %d decaySteps %.17g historySize %zu\n",
               int(o.solver), int(o.loss), o.max_iterations, o.learning_rate, o.tolerance, o.fit_intercept,
               o.l2, o.l1, o.standardize, o.warm_start, o.class_weight_balanced, o.class_weight.size(),
               o.batch_size, static_cast<unsigned long long>(o.seed), int(o.schedule), o.decay_steps,
               o.history_size);
  for (double c : o.class_weight) std::fprintf(stderr, "  classWeight %.17g\n", c);
  std::fprintf(stderr, "X %zu x %zu (%s):\n", n, d, f32 ? "float32" : "float64");
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) std::fprintf(stderr, " %.17g", X.at(i, j));
    std::fprintf(stderr, "  | y %.17g", y[i]);
    if (w && i < w->size()) std::fprintf(stderr, " w %.17g", (*w)[i]);
    std::fprintf(stderr, "\n");
  }
  if (w) std::fprintf(stderr, "weights: %zu values\n", w->size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  FuzzedDataProvider in(bytes, size);
  const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  const std::size_t d = in.ConsumeIntegralInRange<std::size_t>(0, 4);
  const int k = in.ConsumeIntegralInRange<int>(2, 4);
  const bool f32 = in.ConsumeBool();
  const bool weighted = in.ConsumeIntegralInRange<int>(0, 3) == 0;
  const Options o = options(in);

  std::vector<double> x64(n * d);
  // Mostly ordinary values: one "clean" flag per input keeps many inputs valid.
  const bool clean = in.ConsumeBool();
  for (double& v : x64) v = clean ? in.ConsumeFloatingPointInRange<double>(-5.0, 5.0) : value(in);
  std::vector<float> x32(x64.begin(), x64.end());
  std::vector<double> y(n), w;
  for (double& v : y)
    v = in.ConsumeIntegralInRange<int>(0, 15) == 0 ? value(in) : double(in.ConsumeIntegralInRange<int>(0, k - 1));
  if (weighted) {
    w.resize(in.ConsumeBool() ? n : in.ConsumeIntegralInRange<std::size_t>(0, n + 1));
    for (double& v : w) v = in.ConsumeBool() ? in.ConsumeFloatingPointInRange<double>(0.0, 3.0) : value(in);
  }
  const MatrixView X = f32 ? MatrixView(x32.data(), n, d) : MatrixView(x64.data(), n, d);

  if (std::getenv("FUZZ_FIT_VERBOSE")) print_problem(o, n, d, f32, X, y, weighted ? &w : nullptr);

  LogisticModel m;
  if (!accepted("set_options", [&] { m.set_options(o); })) return 0;
  // Before fit: every prediction is refused, nothing crashes.
  if (accepted("predict before fit", [&] { m.predict(X); })) fail("predict before fit did not throw");

  FitReport report;
  if (!accepted("fit", [&] { report = m.fit(X, y, weighted ? &w : nullptr); })) {
    if (m.fitted()) fail("a rejected fit left the model fitted");
    return 0;
  }
  if (!m.fitted() || m.n_features() != d) fail("fit returned but the model is not fitted for d columns");
  if (std::getenv("FUZZ_FIT_VERBOSE"))
    std::fprintf(stderr, "fit: %zu iterations, converged %d, loss %.17g, gradient norm %.17g, %zu warnings\n",
                 report.iterations, report.converged, report.loss, report.gradient_norm, report.warnings.size());
  if (report.converged && !(std::isfinite(report.loss) && std::isfinite(report.gradient_norm)))
    fail("converged with a non-finite loss or gradient norm");
  if (report.iterations > o.max_iterations) fail("more iterations than max_iterations");
  check_model(m, X, "after fit");

  // Two more solver iterations from here, then the same checks.
  for (int s = 0; s < 2; ++s)
    if (!accepted("step", [&] { m.step(X, y, weighted ? &w : nullptr); })) return 0;
  check_model(m, X, "after step");
  return 0;
}
