// SPDX-License-Identifier: MIT
// The JavaScript binding: the only file that includes <emscripten/bind.h>.
//
// It stays thin on purpose. Input checking that needs JavaScript types (label spaces,
// number[][] rows, option types) lives in web/src/model.js; every numeric rule lives in
// the C++ core. This layer only
//   * copies bulk data ONCE from a JS typed array into wasm memory, keeping its dtype
//     (Float32Array → a heap buffer of float, Float64Array → of double),
//   * returns results as fresh Float64Array copies (never live views of the heap, which
//     memory growth would detach),
//   * turns every C++ exception into a JS Error carrying e.what() (TOOLCHAIN.md §5), so a
//     bad argument never aborts the instance and the module stays usable.
// The class is registered as LogisticModelCore: the public LogisticModel is the JS wrapper
// that owns exactly one of these handles.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "logreg/inference.hpp"
#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"
#include "logreg/model.hpp"
#include "logreg/options.hpp"

namespace {

using emscripten::val;

// A JS Error whose message is `message` decoded as UTF-8. (val(const char*) would read the
// bytes as Latin-1, turning "×" into "Ã\u0097", and intern every distinct message for good;
// a std::string crosses through Embind's UTF-8 string binding.)
val js_error(std::string message) { return val::global("Error").new_(val(std::move(message))); }

// Runs f and converts a C++ exception into a thrown JS Error with the same message.
// The Error is built inside the handler but thrown after it, once the C++ exception
// object has been released: nothing on the C++ side is left half-unwound.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  constexpr const char* kOutOfMemory =
      "logreg: out of memory: the data or the model is too large for this WebAssembly instance";
  val error = val::undefined();
  try {
    return f();
  } catch (const std::bad_alloc&) {
    error = js_error(kOutOfMemory);
  } catch (const std::length_error&) {
    error = js_error(kOutOfMemory);
  } catch (const std::exception& e) {
    error = js_error(e.what());
  } catch (...) {
    error = js_error("logreg: unknown C++ exception");
  }
  error.throw_();
}

// X in the wasm heap, in the caller's dtype. The buffer is left uninitialised (new T[n], not
// a zero-filled vector): the copy writes every element, and zero-filling first would touch
// the whole allocation once more (~5 ms for 100,000 × 32 doubles).
class HeapMatrix {
 public:
  HeapMatrix(logreg::DType dtype, std::size_t rows, std::size_t cols) : dtype_(dtype), rows_(rows), cols_(cols) {
    if (dtype == logreg::DType::f32)
      f32_.reset(new float[rows * cols]);
    else
      f64_.reset(new double[rows * cols]);
  }
  std::size_t size() const { return rows_ * cols_; }
  logreg::MatrixView view() const {
    return dtype_ == logreg::DType::f32 ? logreg::MatrixView(f32_.get(), rows_, cols_)
                                        : logreg::MatrixView(f64_.get(), rows_, cols_);
  }
  /// A Float32Array or Float64Array view of the buffer (valid until memory grows again).
  val js_view() const {
    return dtype_ == logreg::DType::f32 ? val(emscripten::typed_memory_view(size(), f32_.get()))
                                        : val(emscripten::typed_memory_view(size(), f64_.get()));
  }

 private:
  logreg::DType dtype_;
  std::size_t rows_, cols_;
  std::unique_ptr<float[]> f32_;
  std::unique_ptr<double[]> f64_;
};

// Copies a Float32Array or Float64Array of rows × cols values (row-major) into the wasm heap,
// keeping its dtype: one allocation, then one TypedArray.prototype.set (a memcpy).
HeapMatrix copy_matrix(const val& data, std::size_t rows, std::size_t cols) {
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
  HeapMatrix m(dtype, rows, cols);  // may grow memory: take the view only afterwards
  m.js_view().call<void>("set", data);
  return m;
}

// A fresh Float64Array holding a copy of n doubles.
val to_float64_array(const double* p, std::size_t n) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(n, p));
}
val to_float64_array(const std::vector<double>& v) { return to_float64_array(v.data(), v.size()); }

// Options arrive as the plain object the JS wrapper builds (every field present, names and
// types already checked there); the ranges are checked by logreg::validate. Read field by
// field with val, so nothing Embind allocates can leak when validation throws.
logreg::Options options_from(const val& o) {
  logreg::Options r;
  r.learning_rate = o["learningRate"].as<double>();
  r.max_iterations = o["maxIterations"].as<std::size_t>();
  r.tolerance = o["tolerance"].as<double>();
  r.fit_intercept = o["fitIntercept"].as<bool>();
  r.solver = logreg::solver_from_name(o["solver"].as<std::string>());
  r.l2 = o["l2"].as<double>();
  r.l1 = o["l1"].as<double>();
  r.standardize = o["standardize"].as<bool>();
  r.warm_start = o["warmStart"].as<bool>();
  r.class_weight_balanced = o["classWeightBalanced"].as<bool>();
  r.batch_size = o["batchSize"].as<std::size_t>();
  r.seed = static_cast<std::uint64_t>(o["seed"].as<double>());  // a safe integer, checked in JS
  r.schedule = o["learningRateSchedule"].as<std::string>() == "inverse" ? logreg::Schedule::inverse
                                                                         : logreg::Schedule::constant;
  r.decay_steps = o["decaySteps"].as<double>();
  r.history_size = o["historySize"].as<std::size_t>();
  r.loss = o["loss"].as<std::string>() == "squared" ? logreg::Loss::squared : logreg::Loss::log;
  return r;
}

// An optional Float64Array (null/undefined → empty).
std::vector<double> optional_vector(const val& v) {
  if (v.isNull() || v.isUndefined()) return {};
  return emscripten::convertJSArrayToNumberVector<double>(v);
}

val report_to_js(const logreg::FitReport& r) {
  val out = val::object();
  out.set("iterations", double(r.iterations));
  out.set("converged", r.converged);
  out.set("loss", r.loss);
  out.set("gradientNorm", r.gradient_norm);
  out.set("solver", std::string(logreg::solver_name(r.solver)));
  val warnings = val::array();
  for (const auto& w : r.warnings) {
    val item = val::object();
    item.set("code", w.code);
    item.set("message", w.message);
    warnings.call<void>("push", item);
  }
  out.set("warnings", warnings);
  val constant = val::array();
  for (std::size_t j : r.constant_columns) constant.call<void>("push", double(j));
  out.set("constantColumns", constant);
  return out;
}

val vector_to_js(const logreg::Vector& v) { return to_float64_array(v.data(), v.size()); }

template <class T>
val numbers_to_js(const std::vector<T>& v) {
  val out = val::array();
  for (const T& x : v) out.call<void>("push", double(x));
  return out;
}

val summary_to_js(const logreg::Summary& s) {
  val out = val::object();
  out.set("model", s.model);
  out.set("nClasses", double(s.n_classes));
  out.set("nFeatures", double(s.n_features));
  out.set("fitIntercept", s.fit_intercept);
  out.set("nParameters", double(s.n_parameters));
  out.set("weighted", s.weighted);
  out.set("level", s.level);
  out.set("criticalValue", s.critical_value);
  out.set("classIndex", numbers_to_js(s.class_index));
  out.set("feature", numbers_to_js(s.feature));
  out.set("coefficient", to_float64_array(s.coefficient));
  out.set("stdError", to_float64_array(s.std_error));
  out.set("z", to_float64_array(s.z));
  out.set("pValue", to_float64_array(s.p_value));
  out.set("ciLower", to_float64_array(s.ci_lower));
  out.set("ciUpper", to_float64_array(s.ci_upper));
  out.set("oddsRatio", to_float64_array(s.odds_ratio));
  out.set("oddsRatioLower", to_float64_array(s.odds_ratio_lower));
  out.set("oddsRatioUpper", to_float64_array(s.odds_ratio_upper));
  out.set("covariance", to_float64_array(s.covariance));
  out.set("logLikelihood", s.log_likelihood);
  out.set("nullLogLikelihood", s.null_log_likelihood);
  out.set("deviance", s.deviance);
  out.set("nullDeviance", s.null_deviance);
  out.set("aic", s.aic);
  out.set("bic", s.bic);
  out.set("pseudoR2", s.pseudo_r2);
  out.set("llr", s.llr);
  out.set("llrDf", s.llr_df);
  out.set("llrPValue", s.llr_p_value);
  out.set("nObs", s.n_obs);
  out.set("nRows", double(s.n_rows));
  out.set("dfModel", s.df_model);
  out.set("dfResid", s.df_resid);
  out.set("withheld", s.withheld);
  out.set("withheldCode", s.withheld_code);
  out.set("collinearColumns", numbers_to_js(s.collinear_columns));
  out.set("collinearIntercept", s.collinear_intercept);
  return out;
}

class LogisticModelCore {
 public:
  explicit LogisticModelCore(const logreg::Options& options) : model_(options) {}

  // y holds class indices 0 … k−1; sample_weight and class_weight are Float64Arrays or null;
  // on_iteration a JS function (or null) called with { iteration, loss, gradientNorm,
  // stepSize } after every iteration, stopping the fit when it returns false. The JS wrapper
  // guarantees it never throws (no JS exception crosses the wasm frames).
  val fit(const val& data, std::size_t rows, std::size_t cols, const val& y, const val& sample_weight,
          const val& class_weight, const val& on_iteration, bool record_weights) {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      const std::vector<double> labels = emscripten::convertJSArrayToNumberVector<double>(y);
      const std::vector<double> weights = optional_vector(sample_weight);
      set_fit_options(class_weight, record_weights);
      logreg::IterationCallback callback;
      if (!on_iteration.isNull() && !on_iteration.isUndefined())
        callback = [&](const logreg::IterationInfo& info) {
          val event = val::object();
          event.set("iteration", double(info.iteration));
          event.set("loss", info.loss);
          event.set("gradientNorm", info.gradient_norm);
          event.set("stepSize", info.step_size);
          return on_iteration(event).as<bool>();
        };
      last_weights_ = weights;
      last_report_ = model_.fit(X.view(), labels, weights.empty() ? nullptr : &weights, callback);
      has_report_ = true;
      return report_to_js(last_report_);
    });
  }

  val step(const val& data, std::size_t rows, std::size_t cols, const val& y, const val& sample_weight,
           const val& class_weight) {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      const std::vector<double> labels = emscripten::convertJSArrayToNumberVector<double>(y);
      const std::vector<double> weights = optional_vector(sample_weight);
      set_fit_options(class_weight, false);
      const logreg::StepResult r = model_.step(X.view(), labels, weights.empty() ? nullptr : &weights);
      has_report_ = false;  // a summary needs a finished fit
      val out = val::object();
      out.set("iteration", double(r.iteration));
      out.set("moved", r.moved);
      out.set("converged", r.converged);
      out.set("diverged", r.diverged);
      out.set("lossBefore", r.loss_before);
      out.set("lossAfter", r.loss_after);
      out.set("gradientNorm", r.gradient_norm);
      out.set("stepSize", r.step_size);
      out.set("gradient", to_float64_array(r.gradient));
      out.set("step", to_float64_array(r.step));
      return out;
    });
  }

  // Columns of the history: iteration, loss, gradientNorm, stepSize (and the flattened
  // weights of every entry when they were recorded).
  val history() const {
    const auto& h = model_.history();
    std::vector<double> it, loss, norm, step;
    for (const auto& r : h) {
      it.push_back(double(r.iteration));
      loss.push_back(r.loss);
      norm.push_back(r.gradient_norm);
      step.push_back(r.step_size);
    }
    val out = val::object();
    out.set("iteration", to_float64_array(it));
    out.set("loss", to_float64_array(loss));
    out.set("gradientNorm", to_float64_array(norm));
    out.set("stepSize", to_float64_array(step));
    std::vector<double> flat;
    for (const auto& w : model_.weight_history()) flat.insert(flat.end(), w.begin(), w.end());
    out.set("weights", to_float64_array(flat));
    return out;
  }

  val gradient_check(const val& data, std::size_t rows, std::size_t cols, const val& y) const {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      const logreg::GradientCheck c =
          model_.gradient_check(X.view(), emscripten::convertJSArrayToNumberVector<double>(y));
      val out = val::object();
      out.set("analytic", to_float64_array(c.analytic));
      out.set("numeric", to_float64_array(c.numeric));
      out.set("relativeError", to_float64_array(c.relative_error));
      out.set("maxRelativeError", c.max_relative_error);
      return out;
    });
  }

  val loss_surface(const val& data, std::size_t rows, std::size_t cols, const val& y, std::size_t i,
                   double lo_i, double hi_i, std::size_t steps_i, std::size_t j, double lo_j, double hi_j,
                   std::size_t steps_j) const {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      return to_float64_array(model_.loss_surface(X.view(), emscripten::convertJSArrayToNumberVector<double>(y),
                                                  i, lo_i, hi_i, steps_i, j, lo_j, hi_j, steps_j));
    });
  }

  double suggested_learning_rate(const val& data, std::size_t rows, std::size_t cols,
                                 std::size_t n_classes) const {
    return guarded([&] { return model_.suggested_learning_rate(copy_matrix(data, rows, cols).view(), n_classes); });
  }

  // The summary of the last fit on the data it was fitted on (the JS wrapper passes them).
  val summary(const val& data, std::size_t rows, std::size_t cols, const val& y, double level) const {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      const std::vector<double> labels = emscripten::convertJSArrayToNumberVector<double>(y);
      return summary_to_js(logreg::summarize(model_, X.view(), labels, has_report_ ? &last_report_ : nullptr,
                                             level, last_weights_.empty() ? nullptr : &last_weights_));
    });
  }

  // Row-major n × nOutputs() scores / probabilities; class indices for predict. `method` is
  // the JS member called, named by the error messages.
  val decision_function(const val& data, std::size_t rows, std::size_t cols, const std::string& method) const {
    return guarded([&] {
      return to_float64_array(model_.decision_function(copy_matrix(data, rows, cols).view(), method.c_str()));
    });
  }
  val predict_proba(const val& data, std::size_t rows, std::size_t cols, const std::string& method) const {
    return guarded([&] {
      return to_float64_array(model_.predict_proba(copy_matrix(data, rows, cols).view(), method.c_str()));
    });
  }
  val predict(const val& data, std::size_t rows, std::size_t cols, double threshold, const std::string& method) const {
    return guarded([&] {
      return to_float64_array(model_.predict(copy_matrix(data, rows, cols).view(), threshold, method.c_str()));
    });
  }

  double loss(const val& data, std::size_t rows, std::size_t cols, const val& y) const {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      return model_.loss(X.view(), emscripten::convertJSArrayToNumberVector<double>(y));
    });
  }

  // nOutputs() × d weight gradients, then nOutputs() intercept gradients.
  val gradient(const val& data, std::size_t rows, std::size_t cols, const val& y) const {
    return guarded([&] {
      const HeapMatrix X = copy_matrix(data, rows, cols);
      return to_float64_array(model_.gradient(X.view(), emscripten::convertJSArrayToNumberVector<double>(y)));
    });
  }

  val coefficients() const { return vector_to_js(model_.coefficients()); }
  val intercepts() const { return vector_to_js(model_.intercepts()); }
  val standardized_coefficients() const { return vector_to_js(model_.standardized_coefficients()); }
  val standardized_intercepts() const { return vector_to_js(model_.standardized_intercepts()); }
  val feature_mean() const { return vector_to_js(model_.feature_mean()); }
  val feature_scale() const { return vector_to_js(model_.feature_scale()); }
  bool fitted() const { return model_.fitted(); }
  std::size_t n_features() const { return model_.n_features(); }
  std::size_t n_classes() const { return model_.n_classes(); }

  void set_parameters(const val& coefficients, const val& intercepts, std::size_t n_classes) {
    guarded([&] {
      model_.set_parameters(emscripten::convertJSArrayToNumberVector<double>(coefficients),
                            emscripten::convertJSArrayToNumberVector<double>(intercepts), n_classes);
    });
  }

 private:
  // Per-call settings that live in the core's options. Only a real change is applied: setting
  // options ends a step() session.
  void set_fit_options(const val& class_weight, bool record_weights) {
    logreg::Options options = model_.options();
    std::vector<double> weights = optional_vector(class_weight);
    if (options.class_weight == weights && options.record_weights == record_weights) return;
    options.class_weight = std::move(weights);
    options.record_weights = record_weights;
    model_.set_options(options);
  }

  logreg::LogisticModel model_;
  logreg::FitReport last_report_;
  bool has_report_ = false;
  std::vector<double> last_weights_;
};

// Factory used as the JS constructor, so that invalid options become a JS Error too
// (a throwing new-expression frees its memory before the handler runs).
LogisticModelCore* make_core(const val& options) {
  return guarded([&] { return new LogisticModelCore(options_from(options)); });
}

bool simd_available() { return logreg::simd_available(); }

}  // namespace

EMSCRIPTEN_BINDINGS(logreg) {
  using namespace emscripten;

  class_<LogisticModelCore>("LogisticModelCore")
      .constructor(&make_core, allow_raw_pointers())
      .function("fit", &LogisticModelCore::fit)
      .function("decisionFunction", &LogisticModelCore::decision_function)
      .function("predictProba", &LogisticModelCore::predict_proba)
      .function("predict", &LogisticModelCore::predict)
      .function("loss", &LogisticModelCore::loss)
      .function("gradient", &LogisticModelCore::gradient)
      .function("coefficients", &LogisticModelCore::coefficients)
      .function("intercepts", &LogisticModelCore::intercepts)
      .function("standardizedCoefficients", &LogisticModelCore::standardized_coefficients)
      .function("standardizedIntercepts", &LogisticModelCore::standardized_intercepts)
      .function("featureMean", &LogisticModelCore::feature_mean)
      .function("featureScale", &LogisticModelCore::feature_scale)
      .function("fitted", &LogisticModelCore::fitted)
      .function("nFeatures", &LogisticModelCore::n_features)
      .function("nClasses", &LogisticModelCore::n_classes)
      .function("setParameters", &LogisticModelCore::set_parameters)
      .function("step", &LogisticModelCore::step)
      .function("history", &LogisticModelCore::history)
      .function("gradientCheck", &LogisticModelCore::gradient_check)
      .function("lossSurface", &LogisticModelCore::loss_surface)
      .function("suggestedLearningRate", &LogisticModelCore::suggested_learning_rate)
      .function("summary", &LogisticModelCore::summary);

  function("simdAvailable", &simd_available);
}
