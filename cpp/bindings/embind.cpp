// SPDX-License-Identifier: MIT
// The JavaScript binding: the only file that includes <emscripten/bind.h>.
//
// It stays thin on purpose. Input checking that needs JavaScript types (label spaces,
// number[][] rows, option types) lives in web/src/model.js; every numeric rule lives in
// the C++ core. This layer only
//   * copies bulk data ONCE from a JS typed array into wasm memory, keeping its dtype
//     (Float32Array → logreg::Matrix of float, Float64Array → of double),
//   * returns results as fresh Float64Array copies (never live views of the heap, which
//     memory growth would detach),
//   * turns every C++ exception into a JS Error carrying e.what() (TOOLCHAIN.md §5), so a
//     bad argument never aborts the instance and the module stays usable.
// The class is registered as LogisticModelCore: the public LogisticModel is the JS wrapper
// that owns exactly one of these handles.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"
#include "logreg/model.hpp"
#include "logreg/options.hpp"

namespace {

using emscripten::val;

// Runs f and converts a C++ exception into a thrown JS Error with the same message.
// The Error is built inside the handler but thrown after it, once the C++ exception
// object has been released: nothing on the C++ side is left half-unwound.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  val error = val::undefined();
  try {
    return f();
  } catch (const std::exception& e) {
    error = val::global("Error").new_(val(e.what()));
  } catch (...) {
    error = val::global("Error").new_(val("logreg: unknown C++ exception"));
  }
  error.throw_();
}

// Copies a Float32Array or Float64Array of rows × cols values (row-major) into a new
// Matrix of the same dtype: one TypedArray.prototype.set into the wasm heap.
logreg::Matrix copy_matrix(const val& data, std::size_t rows, std::size_t cols) {
  logreg::DType dtype;
  if (data.instanceof(val::global("Float64Array")))
    dtype = logreg::DType::f64;
  else if (data.instanceof(val::global("Float32Array")))
    dtype = logreg::DType::f32;
  else
    throw std::invalid_argument("X.data must be a Float32Array or a Float64Array");
  const auto length = data["length"].as<std::size_t>();
  if (cols != 0 && rows > std::numeric_limits<std::size_t>::max() / cols)
    throw std::invalid_argument("X is too large for wasm32 memory");
  if (length != rows * cols)
    throw std::invalid_argument("X.data has " + std::to_string(length) + " values but rows × cols = " +
                                std::to_string(rows * cols));
  logreg::Matrix m(dtype, rows, cols);  // may grow memory: take the view only afterwards
  if (dtype == logreg::DType::f32)
    val(emscripten::typed_memory_view(m.size(), static_cast<const float*>(m.data()))).call<void>("set", data);
  else
    val(emscripten::typed_memory_view(m.size(), static_cast<const double*>(m.data()))).call<void>("set", data);
  return m;
}

// A fresh Float64Array holding a copy of n doubles.
val to_float64_array(const double* p, std::size_t n) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(n, p));
}
val to_float64_array(const std::vector<double>& v) { return to_float64_array(v.data(), v.size()); }

// The JS API exposes gradient descent with a fixed step (learningRate) and a fresh start on
// every fit; the other core options keep their C++ defaults until the JS API grows them.
logreg::Options core_options(logreg::Options options) {
  options.solver = logreg::Solver::gd;
  options.warm_start = false;
  return options;
}

class LogisticModelCore {
 public:
  explicit LogisticModelCore(const logreg::Options& options) : model_(core_options(options)) {}

  void set_options(const val& options) {
    guarded([&] { model_.set_options(core_options(options.as<logreg::Options>())); });
  }
  logreg::Options options() const { return model_.options(); }

  logreg::FitReport fit(const val& data, std::size_t rows, std::size_t cols, const val& y) {
    return guarded([&] {
      const logreg::Matrix X = copy_matrix(data, rows, cols);
      const std::vector<double> labels = emscripten::convertJSArrayToNumberVector<double>(y);
      return model_.fit(X.view(), labels);
    });
  }

  val decision_function(const val& data, std::size_t rows, std::size_t cols) const {
    return guarded([&] { return to_float64_array(model_.decision_function(copy_matrix(data, rows, cols).view())); });
  }

  val predict_proba(const val& data, std::size_t rows, std::size_t cols) const {
    return guarded([&] { return to_float64_array(model_.predict_proba(copy_matrix(data, rows, cols).view())); });
  }

  // 0/1 per row; the JS wrapper maps them to the user's labels.
  val predict(const val& data, std::size_t rows, std::size_t cols, double threshold) const {
    return guarded(
        [&] { return to_float64_array(model_.predict(copy_matrix(data, rows, cols).view(), threshold)); });
  }

  double loss(const val& data, std::size_t rows, std::size_t cols, const val& y) const {
    return guarded([&] {
      const logreg::Matrix X = copy_matrix(data, rows, cols);
      return model_.loss(X.view(), emscripten::convertJSArrayToNumberVector<double>(y));
    });
  }

  // d + 1 values: ∇w J, then ∂J/∂b.
  val gradient(const val& data, std::size_t rows, std::size_t cols, const val& y) const {
    return guarded([&] {
      const logreg::Matrix X = copy_matrix(data, rows, cols);
      return to_float64_array(model_.gradient(X.view(), emscripten::convertJSArrayToNumberVector<double>(y)));
    });
  }

  val coefficients() const {
    const logreg::Vector w = model_.coefficients();
    return to_float64_array(w.data(), w.size());
  }
  double intercept() const { return model_.intercept(); }
  bool fitted() const { return model_.fitted(); }
  std::size_t n_features() const { return model_.n_features(); }

  void set_parameters(const val& coefficients, double intercept) {
    guarded([&] {
      model_.set_parameters(emscripten::convertJSArrayToNumberVector<double>(coefficients), intercept);
    });
  }

 private:
  logreg::LogisticModel model_;
};

// Factory used as the JS constructor, so that invalid options become a JS Error too
// (a throwing new-expression frees its memory before the handler runs).
//
// Options arrive as a val and are converted (through the registered value_object) inside
// guarded(): a value_object *parameter* would be allocated by Embind's JS invoker and freed
// only after a normal return, so every rejected call leaked it (measured: 112 bytes per
// invalid constructor call). val::as<> frees its temporary in C++ before anything throws.
LogisticModelCore* make_core(const val& options) {
  return guarded([&] { return new LogisticModelCore(options.as<logreg::Options>()); });
}

bool simd_available() { return logreg::simd_available(); }

}  // namespace

EMSCRIPTEN_BINDINGS(logreg) {
  using namespace emscripten;

  value_object<logreg::Options>("Options")
      .field("learningRate", &logreg::Options::learning_rate)
      .field("maxIterations", &logreg::Options::max_iterations)
      .field("tolerance", &logreg::Options::tolerance)
      .field("fitIntercept", &logreg::Options::fit_intercept);

  value_object<logreg::FitReport>("FitReport")
      .field("iterations", &logreg::FitReport::iterations)
      .field("converged", &logreg::FitReport::converged)
      .field("loss", &logreg::FitReport::loss)
      .field("gradientNorm", &logreg::FitReport::gradient_norm);

  class_<LogisticModelCore>("LogisticModelCore")
      .constructor(&make_core, allow_raw_pointers())
      .function("setOptions", &LogisticModelCore::set_options)
      .function("options", &LogisticModelCore::options)
      .function("fit", &LogisticModelCore::fit)
      .function("decisionFunction", &LogisticModelCore::decision_function)
      .function("predictProba", &LogisticModelCore::predict_proba)
      .function("predict", &LogisticModelCore::predict)
      .function("loss", &LogisticModelCore::loss)
      .function("gradient", &LogisticModelCore::gradient)
      .function("coefficients", &LogisticModelCore::coefficients)
      .function("intercept", &LogisticModelCore::intercept)
      .function("fitted", &LogisticModelCore::fitted)
      .function("nFeatures", &LogisticModelCore::n_features)
      .function("setParameters", &LogisticModelCore::set_parameters);

  function("simdAvailable", &simd_available);
}
