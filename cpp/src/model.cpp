// SPDX-License-Identifier: MIT
#include "logreg/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <xtensor/xbuilder.hpp>

#include "logreg/math.hpp"
#include "message.hpp"

namespace logreg {

namespace {

using detail::fmt;
using detail::Message;

// Softmax of one row of k scores in place (max subtracted).
void softmax_row(double* z, std::size_t k) {
  const double m = *std::max_element(z, z + k);
  double sum = 0;
  for (std::size_t c = 0; c < k; ++c) sum += (z[c] = std::exp(z[c] - m));
  for (std::size_t c = 0; c < k; ++c) z[c] /= sum;
}

// Calls f with a typed pointer to X's n × d elements (const float* or const double*), so that
// loops over X run on contiguous row-major memory, which the compiler vectorizes, instead of
// branching on the element type per element as MatrixView::at does.
template <class F>
void with_elements(const MatrixView& X, F&& f) {
  if (X.dtype == DType::f32)
    f(X.f32());
  else
    f(X.f64());
}

// Throws, naming the first non-finite value among X's elements [begin, end) (row-major).
// The range is scanned without branches first (|v| ≤ DBL_MAX is false for ±∞ and NaN); only a
// range that fails is searched for its first bad element.
template <class T>
void check_finite(const MatrixView& X, const T* x, std::size_t begin, std::size_t end, const char* method) {
  unsigned bad = 0;
  for (std::size_t e = begin; e < end; ++e)
    bad |= unsigned(!(std::fabs(double(x[e])) <= std::numeric_limits<double>::max()));
  if (bad == 0) return;
  for (std::size_t e = begin; e < end; ++e)
    if (!std::isfinite(x[e])) {
      Message msg;
      msg << method << ": X has a non-finite value " << double(x[e]) << " at row " << e / X.cols + 1
          << ", column " << e % X.cols + 1;
      throw std::invalid_argument(msg.str());
    }
}

void check_not_empty(const MatrixView& X, const char* method) {
  if (X.rows == 0 || X.cols == 0) {
    Message msg;
    msg << method << ": X is empty (" << X.rows << " rows, " << X.cols << " columns)";
    throw std::invalid_argument(msg.str());
  }
}

// Two doubles as one vector (GCC/Clang vector extensions: wasm simd128 under -msimd128, SSE2
// on x86-64, plain scalar code elsewhere), for column_moments: compilers do not vectorize its
// running maxima by themselves. Loads and stores are unaligned; float data is widened exactly.
typedef double Pair __attribute__((vector_size(16)));
typedef std::int64_t PairBits __attribute__((vector_size(16)));
typedef float FloatPair __attribute__((vector_size(8)));
inline Pair load_pair(const double* p) {
  Pair v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline Pair load_pair(const float* p) {
  FloatPair v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, Pair);
}
inline void store_pair(double* p, Pair v) { std::memcpy(p, &v, sizeof v); }
inline Pair abs_pair(Pair v) { return Pair(PairBits(v) & ~PairBits(Pair{-0.0, -0.0})); }

// Column chunks of W columns (W a compile-time constant, so the compiler keeps a chunk's
// accumulators in vector registers across the rows): f(W, j) for j = 0, W, 2W, … while a whole
// chunk fits, then the same with W = 2, then 1, for the columns left (no 4: the size budget).
template <std::size_t W, class F>
void column_chunks(std::size_t d, std::size_t& j, F&& f) {
  for (; j + W <= d; j += W) f(std::integral_constant<std::size_t, W>{}, j);
  if constexpr (W > 2)
    column_chunks<2>(d, j, f);
  else if constexpr (W == 2)
    column_chunks<1>(d, j, f);
}

// Checks that X is finite (as validate_data) and computes the population mean and standard
// deviation of each column (as scikit-learn's StandardScaler) in ONE pass over X: for a large
// X each pass costs about the same whatever it computes (memory-bound), so the work is done in
// blocks of rows small enough to stay in cache while they are read twice — the block's column
// sums sᴮ (which also reveal a non-finite value), then its squared deviations from its own mean,
// M₂ᴮ = Σᵢ∈ᴮ (xᵢⱼ − sᴮ/nᴮ)² (two-pass within the block: no cancellation). Blocks merge by Chan,
// Golub and LeVeque's update, as stable as the two-pass formula over all rows:
//   M₂ ← M₂ + M₂ᴮ + δ²·nᴬnᴮ/(nᴬ + nᴮ),   δ = sᴮ/nᴮ − sᴬ/nᴬ   (ᴬ: the rows before the block).
// μⱼ = sⱼ/n, σⱼ = √(M₂ⱼ/n); sⱼ is the sum of the block sums, in float64. A constant column gets
// scale 1 and is listed. The same pass keeps max |xᵢⱼ| per column (peak) and per block: returns the first row of
// the first block holding a value above `limit` (n if none), for check_standardizable.
// Both reads of a block go through it by chunks of up to 8 columns whose sums (maxima,
// squares) stay in vector registers over the block's rows, rather than updating d sums in
// memory per element: this pass precedes every fit.
std::size_t column_moments(const MatrixView& X, const char* method, std::vector<double>& mean,
                           std::vector<double>& scale, std::vector<double>& peak,
                           std::vector<std::size_t>& constant, double limit) {
  const std::size_t n = X.rows, d = X.cols;
  const std::size_t block = std::max<std::size_t>(1, 2048 / d);  // ≤ 16 KB of float64 rows
  mean.assign(d, 0.0);
  scale.assign(d, 0.0);
  peak.assign(d, 0.0);
  constant.clear();
  std::vector<double> block_sum(d), block_m2(d), block_max(d);
  std::size_t first_large = n;
  double* const s = mean.data();  // Σ xᵢⱼ so far; divided by n at the end
  double* const m2 = scale.data();
  double* const sb = block_sum.data();
  double* const mb = block_m2.data();
  double* const top = block_max.data();
  with_elements(X, [&](const auto* x) {
    for (std::size_t start = 0; start < n; start += block) {
      const std::size_t rows = std::min(block, n - start);
      const auto* xb = x + start * d;
      std::size_t j = 0;
      column_chunks<8>(d, j, [&](auto width, std::size_t j0) {  // sᴮ and max |x| of the block
        constexpr std::size_t W = decltype(width)::value;
        const auto* xr = xb + j0;
        if constexpr (W == 1) {
          double sum = 0, big = 0;
          for (std::size_t i = 0; i < rows; ++i, xr += d) {
            const double v = double(*xr), a = std::fabs(v);
            sum += v;
            big = big < a ? a : big;  // a NaN leaves it: the sum reveals NaN
          }
          sb[j0] = sum;
          top[j0] = big;
        } else {
          Pair sum[W / 2] = {}, big[W / 2] = {};
          for (std::size_t i = 0; i < rows; ++i, xr += d)
            for (std::size_t c = 0; c < W / 2; ++c) {
              const Pair v = load_pair(xr + 2 * c), a = abs_pair(v);
              sum[c] += v;
              big[c] = big[c] < a ? a : big[c];
            }
          for (std::size_t c = 0; c < W / 2; ++c) {
            store_pair(sb + j0 + 2 * c, sum[c]);
            store_pair(top + j0 + 2 * c, big[c]);
          }
        }
      });
      for (j = 0; j < d; ++j) {
        if (top[j] > limit && first_large == n) first_large = start;
        peak[j] = std::max(peak[j], top[j]);
      }
      // A ±∞ or NaN in the block makes its column's sum ±∞ or NaN, so only then is the block
      // searched (a finite overflowing sum finds nothing and goes on).
      bool finite = true;
      for (j = 0; j < d; ++j) finite &= std::isfinite(sb[j]);
      if (!finite) check_finite(X, x, start * d, (start + rows) * d, method);
      const double nb = double(rows), na = double(start);
      j = 0;
      column_chunks<8>(d, j, [&](auto width, std::size_t j0) {  // M₂ᴮ: second read, from cache
        constexpr std::size_t W = decltype(width)::value;
        const auto* xr = xb + j0;
        if constexpr (W == 1) {
          const double mu = sb[j0] / nb;
          double sq = 0;
          for (std::size_t i = 0; i < rows; ++i, xr += d) {
            const double dev = double(*xr) - mu;
            sq += dev * dev;
          }
          mb[j0] = sq;
        } else {
          Pair mu[W / 2], sq[W / 2] = {};
          for (std::size_t c = 0; c < W / 2; ++c) mu[c] = load_pair(sb + j0 + 2 * c) / nb;
          for (std::size_t i = 0; i < rows; ++i, xr += d)
            for (std::size_t c = 0; c < W / 2; ++c) {
              const Pair dev = load_pair(xr + 2 * c) - mu[c];
              sq[c] += dev * dev;
            }
          for (std::size_t c = 0; c < W / 2; ++c) store_pair(mb + j0 + 2 * c, sq[c]);
        }
      });
      if (start == 0) {
        for (j = 0; j < d; ++j) m2[j] = mb[j];
      } else {
        const double f = na * nb / (na + nb);
        for (j = 0; j < d; ++j) {
          const double delta = sb[j] / nb - s[j] / na;
          m2[j] += mb[j] + delta * delta * f;
        }
      }
      for (j = 0; j < d; ++j) s[j] += sb[j];
    }
  });
  for (std::size_t j = 0; j < d; ++j) s[j] /= double(n);
  for (std::size_t j = 0; j < d; ++j) {
    scale[j] = std::sqrt(scale[j] / double(n));
    // Constant up to rounding: relative to the column's magnitude.
    if (!(scale[j] > 1e-12 * std::max(1.0, std::fabs(mean[j])))) {
      constant.push_back(j);
      scale[j] = 1.0;
    }
  }
  return first_large;
}

// Standardization works on raw X: the Gram matrix (the Lipschitz bound) and the Hessian hold
// Σᵢ sᵢ xᵢⱼ², with the weights sᵢ scaled to mean 1 (Σᵢ sᵢ = n), and their change of
// coordinates multiplies them further. They stay finite when n·max|xⱼ|² ≤ DBL_MAX·2⁻⁴⁰, i.e.
// |xᵢⱼ| ≤ √(DBL_MAX/n)·2⁻²⁰ (≈ 3e147 for 20 rows). Beyond, the fit would silently stop at w = 0.
double standardizable_limit(std::size_t rows) {
  return std::sqrt(std::numeric_limits<double>::max() / double(rows)) * 0x1p-20;
}

// Throws naming the first value at or after row `from` above standardizable_limit.
void check_standardizable(const MatrixView& X, const char* method, std::size_t from) {
  const double limit = standardizable_limit(X.rows);
  for (std::size_t i = from; i < X.rows; ++i)
    for (std::size_t j = 0; j < X.cols; ++j)
      if (std::fabs(X.at(i, j)) > limit) {
        detail::Message msg;
        msg << method << ": X has a value " << X.at(i, j) << " at row " << i + 1 << ", column " << j + 1
            << ", too large to standardize (|x| must stay below " << limit << " for " << X.rows
            << " rows: the sums of squares would overflow); divide the column by a power of ten before fitting";
        throw std::invalid_argument(msg.str());
      }
}

// Scores z = Xw + b in original units stay finite on the training data when the bound
// |zᵢ| ≤ Σ_q (|b_q| + Σⱼ |w_qj| max_i |xᵢⱼ|) is finite. Steps far too large (gd/sgd with a huge
// learningRate) can leave θ finite but so large that the scores overflow and ∞ − ∞ gives NaN
// probabilities; such a fit is refused, not stored.
double score_bound(const Vector& raw, const std::vector<double>& peak, std::size_t blocks, bool intercept) {
  const std::size_t d = peak.size();
  double bound = 0;
  for (std::size_t q = 0; q < blocks; ++q) {
    if (intercept) bound += std::fabs(raw(blocks * d + q));
    for (std::size_t j = 0; j < d; ++j) bound += std::fabs(raw(q * d + j)) * peak[j];
  }
  return bound;
}

}  // namespace

namespace detail {

// Complete separation: a hyperplane with every row strictly on its own class's side, i.e.
// mᵢ = (2yᵢ − 1) zᵢ > 0 for all i. Then the log-likelihood has no maximum (scale w up forever).
// From scores within tau of decision_function's: 1 separated, 0 not (some row surely on the
// wrong side: mᵢ ≤ −tau), −1 can't tell (no such row, but some |mᵢ| ≤ tau). tau = 0: exact.
int separation_verdict(const std::vector<double>& z, const std::vector<double>& y, double tau) {
  bool unsure = false;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double m = y[i] == 1.0 ? z[i] : -z[i];
    if (!(m > -tau)) return 0;
    if (!(m > tau)) unsure = true;
  }
  return unsure ? -1 : 1;
}

// Rows fitted with probability within ~1e-13 of their label: mᵢ > 30 (|zᵢ| > 30 on the right
// side). From scores within tau of decision_function's; false when some mᵢ is within tau of 30.
bool count_extreme(const std::vector<double>& z, const std::vector<double>& y, double tau,
                   std::size_t& count) {
  count = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double m = y[i] == 1.0 ? z[i] : -z[i];
    if (m > 30 + tau)
      ++count;
    else if (m > 30 - tau)
      return false;
  }
  return true;
}

}  // namespace detail

void validate_data(const MatrixView& X, const char* method) {
  check_not_empty(X, method);
  with_elements(X, [&](const auto* x) { check_finite(X, x, 0, X.rows * X.cols, method); });
}

// ---- 'auto' ---------------------------------------------------------------------------------
// The cost model (units: one multiply-add of the gradient pass per element of X, ≈ 1 ns in
// wasm; the constants are rough measurements of this code, see tests/bench/peers.mjs):
//   gradient pass          g = n·K·(e + 10)            e = m/K columns of [X 1], K blocks; the
//                                                      10 stands for the exp/log of each zᵢ
//   Newton iteration       N = g + H + m³/3            H = n·m²/4 (two classes: the SIMD Gram
//                                                      kernel, half of m² by symmetry, 2 lanes)
//                                                      or 2·n·m² (multinomial: all K² blocks,
//                                                      scalar); m³/3 the Cholesky factorisation
//   L-BFGS iteration       1.2·g                       (line searches mostly take the first step)
//   Newton's iterations    8                           (quadratic convergence: 5–10 typical)
//   L-BFGS's iterations    10 + 2√κ                    κ ≥ moment_condition_bound: first-order
//                                                      methods slow down like √κ
// auto starts with the solver of smaller expected cost, and with Newton whenever Newton's whole
// expected run is small (≤ 10⁷, ~10 ms): there per-iteration overheads the model leaves out
// (line searches, bookkeeping) dominate, and Newton reaches the tolerance in a few steps
// however the columns correlate. Started with L-BFGS, it switches to Newton (from the
// current point) once L-BFGS has spent what Newton's whole expected run costs, 8N / 1.2g
// iterations — the ski-rental rule: the total is then at most about twice
// the better choice in hindsight, whatever the real κ (correlated columns, invisible to
// moments, only show up as slow progress) — or when L-BFGS stops short of the tolerance.
double moment_condition_bound(const std::vector<double>& mean, const std::vector<double>& scale,
                              bool fit_intercept) {
  double hi = fit_intercept ? 1.0 : 0.0, lo = fit_intercept ? 1.0 : HUGE_VAL, pair = 1.0;
  for (std::size_t j = 0; j < mean.size(); ++j) {
    if (!(scale[j] > 0)) continue;
    const double mu = mean[j], var = scale[j] * scale[j], second = mu * mu + var;
    hi = std::max(hi, second);
    lo = std::min(lo, second);
    if (fit_intercept) {  // [[1, μ], [μ, μ² + σ²]]: λ₊ = t + √(t² − σ²), t = (1 + μ² + σ²)/2, λ₋ = σ²/λ₊
      const double t = 0.5 * (1.0 + second);
      const double top = t + std::sqrt(std::max(0.0, t * t - var));
      pair = std::max(pair, top * top / var);
    }
  }
  return lo > 0 && lo < HUGE_VAL ? std::max(hi / lo, pair) : pair;
}

AutoPlan plan_auto(const Options& options, const ProblemShape& shape) {
  constexpr double kSmallRun = 1e7;  // multiply-adds: Newton regardless below this
  AutoPlan plan;
  // L1 needs OWL-QN; the squared loss is not convex (no Newton); past the limit Newton is refused.
  if (options.l1 > 0 || options.loss == Loss::squared || shape.parameters > kMaxNewtonParameters)
    return plan;
  const double n = double(shape.rows), m = double(shape.parameters), K = double(shape.blocks);
  const double g = n * K * (m / K + 10);
  const double H = shape.blocks == 1 ? n * m * m / 4 : 2 * n * m * m;
  const double newton_run = 8 * (g + H + m * m * m / 3);
  const double lbfgs_iteration = 1.2 * g;
  const double lbfgs_run = (10 + 2 * std::sqrt(std::max(1.0, shape.kappa_bound))) * lbfgs_iteration;
  if (newton_run <= std::max(lbfgs_run, kSmallRun)) {
    plan.first = Solver::newton;
    return plan;
  }
  plan.newton_after = std::size_t(std::ceil(newton_run / lbfgs_iteration));
  return plan;
}

namespace {

// 'auto' started with L-BFGS: runs it for at most `budget` iterations, then — or as soon as
// L-BFGS stops without meeting the tolerance — continues with Newton from where it stands.
// The iteration count runs on across the switch.
class LbfgsThenNewton final : public IterativeSolver {
 public:
  LbfgsThenNewton(Objective& f, const Vector& theta, const Options& o, std::size_t budget)
      : f_(f), options_(o), budget_(budget), active_(make_solver(Solver::lbfgs, f, theta, o)) {
    sync();
  }

  bool step() override {
    if (!newton_ && active_->iterations() >= budget_) switch_to_newton();
    bool moved = active_->step();
    if (!moved && !newton_ && !(active_->gradient_norm() <= options_.tolerance)) {
      switch_to_newton();
      moved = active_->step();
    }
    sync();
    return moved;
  }

  Solver current() const { return newton_ ? Solver::newton : Solver::lbfgs; }
  std::size_t lbfgs_iterations() const { return newton_ ? before_ : 0; }

 private:
  void switch_to_newton() {
    before_ = active_->iterations();
    active_ = make_solver(Solver::newton, f_, active_->theta(), options_);
    newton_ = true;
  }
  void sync() {
    theta_ = active_->theta();
    grad_ = active_->gradient();
    loss_ = active_->loss();
    gradient_norm_ = active_->gradient_norm();
    step_size_ = active_->step_size();
    iterations_ = before_ + active_->iterations();
    diverged_ = active_->diverged();
  }

  Objective& f_;
  const Options options_;
  std::size_t budget_, before_ = 0;
  bool newton_ = false;
  std::unique_ptr<IterativeSolver> active_;
};

}  // namespace

// Everything one fit or step session minimises: the row weights, the moments, and the
// objective stack (loss on raw X, wrapped to standardized coordinates when asked). Holds
// views of X, y and the weights it was made from.
struct LogisticModel::Problem {
  std::size_t n = 0, d = 0, k = 0;
  std::size_t blocks = 0;  // parameter blocks the solver sees (k − 1 with a reference class)
  std::size_t out = 0;     // outputs of the model (1 for two classes)
  bool penalized = false, standardize = false;
  std::vector<double> weights;
  const double* s = nullptr;
  /// The mean row weight c: the solver minimises F/c (weights sᵢ/c, penalties λ/c), which has
  /// F's optimum but is scaled like an unweighted fit, so the tolerance means the same for
  /// weights 1e-6 or 1e300 and nothing overflows. Reported values are F's (× c).
  double weight_scale = 1.0;
  std::vector<double> mean, scale, peak;  // per column: μ, σ, max |x|
  std::vector<std::size_t> constant_columns;
  std::unique_ptr<Objective> loss;
  std::unique_ptr<Standardized> wrapped;
  Objective* objective = nullptr;
  Solver solver = Solver::gd;  // the first solver ('automatic' resolved by plan)
  AutoPlan plan;               // with 'automatic'

  /// θ in original units (the identity without standardization).
  const Vector& raw(const Vector& theta, Vector& scratch) const {
    if (!wrapped) return theta;
    wrapped->to_raw(theta, scratch);
    return scratch;
  }
};

// A step() session: its own copy of the data, the problem built on it, the live solver.
struct LogisticModel::Session {
  Matrix X;
  std::vector<double> y, weights;
  bool weighted = false;
  std::unique_ptr<Problem> problem;
  std::unique_ptr<IterativeSolver> solver;

  bool same_data(const MatrixView& other, const std::vector<double>& labels,
                 const std::vector<double>* sample_weight) const {
    if (other.rows != X.rows() || other.cols != X.cols() || other.dtype != X.dtype()) return false;
    const std::size_t bytes = X.size() * (X.dtype() == DType::f32 ? sizeof(float) : sizeof(double));
    if (std::memcmp(X.view().data, other.data, bytes) != 0) return false;
    if (labels != y || weighted != (sample_weight != nullptr)) return false;
    return !sample_weight || *sample_weight == weights;
  }
};

LogisticModel::LogisticModel(const Options& options) { set_options(options); }
LogisticModel::~LogisticModel() = default;
LogisticModel::LogisticModel(LogisticModel&&) noexcept = default;
LogisticModel& LogisticModel::operator=(LogisticModel&&) noexcept = default;

void LogisticModel::set_options(const Options& options) {
  validate(options);
  options_ = options;
  session_.reset();
}

void LogisticModel::require_fitted(const char* method) const {
  if (!fitted())
    throw std::logic_error(std::string(method) + ": the model is not fitted yet; call fit first");
}

void LogisticModel::check_features(const MatrixView& X, const char* method) const {
  if (X.cols != n_features_) {
    detail::Message msg;
    msg << method << ": X has " << X.cols << " columns but the model was fitted with "
        << n_features_;
    throw std::invalid_argument(msg.str());
  }
}

// Labels are class indices; returns k = max + 1 (at least 2).
std::size_t LogisticModel::check_labels(const MatrixView& X, const std::vector<double>& y,
                                        const char* method) const {
  detail::Message msg;
  msg << method << ": ";
  if (y.size() != X.rows) {
    msg << "X has " << X.rows << " rows but y has " << y.size() << " labels";
    throw std::invalid_argument(msg.str());
  }
  double top = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double v = y[i];
    if (!(v >= 0 && v == std::floor(v) && v < 1e6)) {
      msg << "y must hold class indices 0, 1, 2, …, got " << v << " at row " << i + 1;
      throw std::invalid_argument(msg.str());
    }
    top = std::max(top, v);
  }
  return std::max<std::size_t>(2, std::size_t(top) + 1);
}

std::unique_ptr<LogisticModel::Problem> LogisticModel::make_problem(
    const MatrixView& X, const std::vector<double>& y, const std::vector<double>* sample_weight,
    const char* method) const {
  // The finiteness check of validate_data, fused with the column moments' pass over X.
  check_not_empty(X, method);
  auto P = std::make_unique<Problem>();
  Problem& p = *P;
  const std::size_t first_large = column_moments(X, method, p.mean, p.scale, p.peak, p.constant_columns,
                                                 standardizable_limit(X.rows));
  if (options_.standardize && first_large < X.rows) check_standardizable(X, method, first_large);
  p.n = X.rows;
  p.d = X.cols;
  p.k = check_labels(X, y, method);
  const std::size_t n = p.n, k = p.k;
  std::vector<std::size_t> counts(k, 0);
  for (double v : y) ++counts[std::size_t(v)];
  for (std::size_t c = 0; c < k; ++c)
    if (counts[c] == 0) {
      detail::Message msg;
      if (k == 2)
        msg << method << ": y contains only class " << (c == 0 ? 1 : 0)
            << "; logistic regression needs both classes";
      else
        msg << method << ": class " << c << " has no rows (labels must be 0 … " << k - 1
            << ", each present)";
      throw std::invalid_argument(msg.str());
    }
  if (!options_.class_weight.empty() && options_.class_weight.size() != k) {
    detail::Message msg;
    msg << method << ": classWeight has " << options_.class_weight.size() << " entries but y has "
        << k << " classes";
    throw std::invalid_argument(msg.str());
  }
  if (options_.loss == Loss::squared && k > 2)
    throw std::invalid_argument(std::string(method) +
                                ": loss 'squared' is for two classes only (a comparison for lessons)");

  // Row weights sᵢ = sample_weightᵢ × class_weight[yᵢ]; 'balanced' is n / (k · n_c) as in
  // scikit-learn (from the unweighted class counts).
  const bool weighted = sample_weight || options_.class_weight_balanced || !options_.class_weight.empty();
  if (sample_weight) {
    if (sample_weight->size() != n) {
      detail::Message msg;
      msg << method << ": X has " << n << " rows but sampleWeight has " << sample_weight->size()
          << " values";
      throw std::invalid_argument(msg.str());
    }
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double w = (*sample_weight)[i];
      if (!(std::isfinite(w) && w >= 0)) {
        detail::Message msg;
        msg << method << ": sampleWeight must be finite and >= 0, got " << w << " at row " << i + 1;
        throw std::invalid_argument(msg.str());
      }
      total += w;
    }
    if (!(total > 0)) throw std::invalid_argument(std::string(method) + ": sampleWeight is zero for every row");
  }
  if (weighted) {
    std::vector<double> cw(k, 1.0);
    if (options_.class_weight_balanced)
      for (std::size_t c = 0; c < k; ++c) cw[c] = double(n) / (double(k) * double(counts[c]));
    else if (!options_.class_weight.empty())
      cw = options_.class_weight;
    p.weights.resize(n);
    std::vector<double> class_total(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double sw = sample_weight ? (*sample_weight)[i] : 1.0, c = cw[std::size_t(y[i])];
      p.weights[i] = sw * c;
      if (!std::isfinite(p.weights[i])) {
        Message msg;
        msg << method << ": the weight of row " << i + 1 << ", sampleWeight * classWeight = " << sw << " * " << c
            << ", overflows; divide the weights by a common factor";
        throw std::invalid_argument(msg.str());
      }
      class_total[std::size_t(y[i])] += p.weights[i];
    }
    for (std::size_t c = 0; c < k; ++c)
      if (!(class_total[c] > 0)) {
        Message msg;
        msg << method << ": every row of class " << c << " has weight 0, so the fit would see "
            << (k == 2 ? "only one class" : "a class without data") << "; give its rows positive weights";
        throw std::invalid_argument(msg.str());
      }
    // c = Σ sᵢ/n as m · min(1, Σ (sᵢ/m)/n), m = max sᵢ: no overflow even for weights near the
    // largest double. The solver sees sᵢ/c and λ/c, so c must not underflow either (found by
    // tests/fuzz/fuzz_fit.cpp: class weights of 5e-324 or of 1.8e308 gave a NaN loss, "converged").
    const double top = *std::max_element(p.weights.begin(), p.weights.end());
    double sum = 0;
    for (double w : p.weights) sum += w / top;
    const double mean = top * std::min(1.0, sum / double(n));
    if (!(mean >= std::numeric_limits<double>::min())) {
      Message msg;
      msg << method << ": the row weights (sampleWeight * classWeight) average " << mean
          << ", too small to compute with; multiply them by a common factor";
      throw std::invalid_argument(msg.str());
    }
    p.weight_scale = mean;
    for (double& w : p.weights) w /= p.weight_scale;
    p.s = p.weights.data();
  }

  const Penalty penalty{options_.l2 / p.weight_scale, options_.l1 / p.weight_scale};
  if (!(std::isfinite(penalty.l2) && std::isfinite(penalty.l1))) {
    Message msg;
    msg << method << ": the penalty divided by the mean row weight (l2 = " << options_.l2 << ", l1 = " << options_.l1
        << ", mean weight " << p.weight_scale << ") overflows; multiply the weights by a common factor";
    throw std::invalid_argument(msg.str());
  }
  p.penalized = penalty.l2 > 0 || penalty.l1 > 0;
  p.standardize = options_.standardize;
  // A constant column duplicates the intercept: its weight is not identified. The
  // Standardized wrapper freezes it at its start value (σ = 0 in the wrapper); without
  // standardize the wrapper is the identity (μ = 0, σ = 1) for every other column.
  const bool freeze = !p.standardize && options_.fit_intercept && !p.constant_columns.empty();
  const Penalty inner = p.standardize || freeze ? Penalty{} : penalty;
  p.blocks = k == 2 ? 1 : (p.penalized ? k : k - 1);
  p.out = k == 2 ? 1 : k;
  if (options_.loss == Loss::squared)
    p.loss = std::make_unique<SquaredLoss>(X, y.data(), options_.fit_intercept, p.s, inner);
  else if (k == 2)
    p.loss = std::make_unique<LogLoss>(X, y.data(), options_.fit_intercept, kernel_, p.s, inner);
  else
    p.loss = std::make_unique<SoftmaxLoss>(X, y.data(), k, options_.fit_intercept, !p.penalized,
                                           p.s, inner);
  p.objective = p.loss.get();
  if (p.standardize || freeze) {
    std::vector<double> solver_mean = p.standardize ? p.mean : std::vector<double>(p.d, 0.0);
    std::vector<double> solver_scale = p.standardize ? p.scale : std::vector<double>(p.d, 1.0);
    for (std::size_t j : p.constant_columns) solver_scale[j] = 0.0;  // 0 marks the constant columns
    p.wrapped = std::make_unique<Standardized>(*p.loss, X, p.s, std::move(solver_mean),
                                               std::move(solver_scale), p.blocks,
                                               options_.fit_intercept, penalty);
    p.objective = p.wrapped.get();
  }
  // Newton solves a dense system in the number of parameters: past kMaxNewtonParameters one
  // iteration costs hundreds of gradient passes (seconds to minutes with many classes) and
  // cannot be interrupted, so refuse instead of freezing the page.
  if (options_.solver == Solver::newton && p.objective->dim() > kMaxNewtonParameters) {
    Message msg;
    msg << method << ": solver 'newton' would build and solve a dense " << p.objective->dim()
        << " × " << p.objective->dim() << " system each iteration (over " << kMaxNewtonParameters
        << " parameters), too slow to stay responsive; use solver 'lbfgs' or 'auto'";
    throw std::invalid_argument(msg.str());
  }
  if (options_.solver == Solver::automatic) {
    ProblemShape shape;
    shape.rows = n;
    shape.parameters = p.objective->dim();
    shape.blocks = p.blocks;
    // The solver's coordinates: standardized columns have μ = 0 (with an intercept), σ = 1;
    // constant columns (frozen, their scale set to 1 above) are left out (σ = 0).
    std::vector<double> scale = p.scale;
    for (std::size_t j : p.constant_columns) scale[j] = 0.0;
    shape.kappa_bound = p.standardize ? 1.0 : moment_condition_bound(p.mean, scale, options_.fit_intercept);
    p.plan = plan_auto(options_, shape);
    p.solver = p.plan.first;
  } else {
    p.solver = options_.solver;
  }
  if (options_.loss == Loss::squared && p.solver == Solver::newton)
    throw std::invalid_argument(
        "loss 'squared' is not convex, so Newton's method is not offered for it; use solver 'gd', "
        "'sgd' or 'lbfgs'");
  if (penalty.l1 > 0 && p.solver != Solver::lbfgs)
    throw std::invalid_argument(std::string("option l1 needs solver 'lbfgs' or 'auto' (got '") +
                                solver_name(p.solver) + "')");
  return P;
}

// The problem's solver: its kind, or for 'auto' with a switch budget L-BFGS then Newton.
std::unique_ptr<IterativeSolver> LogisticModel::make_problem_solver(const Problem& p,
                                                                    const Vector& theta) const {
  if (p.plan.newton_after > 0)
    return std::make_unique<LbfgsThenNewton>(*p.objective, theta, options_, p.plan.newton_after);
  return make_solver(p.solver, *p.objective, theta, options_);
}

// θ for the solver: zero, or the current parameters (when they fit the problem's shape).
Vector LogisticModel::start_point(const Problem& p, bool from_current) const {
  const std::size_t m = p.objective->dim(), d = p.d, offset = p.out - p.blocks;
  Vector theta = xt::zeros<double>({m});
  if (!(from_current && fitted() && n_classes_ == p.k && n_features_ == d)) return theta;
  Vector raw = xt::zeros<double>({m});
  for (std::size_t q = 0; q < p.blocks; ++q) {
    for (std::size_t j = 0; j < d; ++j) raw(q * d + j) = coef_[(q + offset) * d + j];
    if (options_.fit_intercept) raw(p.blocks * d + q) = intercept_[q + offset];
  }
  if (p.wrapped)
    p.wrapped->to_standardized(raw, theta);
  else
    theta = raw;
  return theta;
}

// Stores θ in both unit systems (class 0's rows zero when it is the reference).
void LogisticModel::store(const Problem& p, const Vector& theta) {
  const std::size_t d = p.d, offset = p.out - p.blocks;
  auto unpack = [&](const Vector& t, std::vector<double>& W, std::vector<double>& b) {
    W.assign(p.out * d, 0.0);
    b.assign(p.out, 0.0);
    for (std::size_t q = 0; q < p.blocks; ++q) {
      for (std::size_t j = 0; j < d; ++j) W[(q + offset) * d + j] = t(q * d + j);
      if (options_.fit_intercept) b[q + offset] = t(p.blocks * d + q);
    }
  };
  Vector scratch;
  n_classes_ = p.k;
  n_features_ = d;
  unpack(theta, std_coef_, std_intercept_);
  unpack(p.raw(theta, scratch), coef_, intercept_);
  mean_ = p.standardize ? p.mean : std::vector<double>{};
  scale_ = p.standardize ? p.scale : std::vector<double>{};
}

void LogisticModel::record(const Problem& p, const Vector& theta, double loss, double gradient_norm,
                           double step_size, std::size_t iteration) {
  history_.push_back({iteration, loss * p.weight_scale, gradient_norm * p.weight_scale, step_size});  // F, not F/c
  if (!options_.record_weights) return;
  store(p, theta);
  std::vector<double> w = coef_;
  w.insert(w.end(), intercept_.begin(), intercept_.end());
  weight_history_.push_back(std::move(w));
}

FitReport LogisticModel::fit(const MatrixView& X, const std::vector<double>& y,
                             const std::vector<double>* sample_weight,
                             const IterationCallback& callback) {
  std::unique_ptr<Problem> P = make_problem(X, y, sample_weight, "fit");
  Problem& p = *P;
  Objective& objective = *p.objective;
  const std::size_t n = p.n, d = p.d;
  FitReport report;
  report.constant_columns = p.constant_columns;
  report.solver = p.solver;
  session_.reset();

  auto solver = make_problem_solver(p, start_point(p, options_.warm_start));
  history_.clear();
  weight_history_.clear();
  record(p, solver->theta(), solver->loss(), solver->gradient_norm(), 0, 0);

  // Watch for complete separation (unpenalized binary log-loss) at iterations 1, 2, 4, 8, …:
  // once a separating hyperplane is found the optimum provably does not exist, so stop.
  // The objective keeps the scores z = Xw + b of its last evaluation (the gradient pass
  // computes them anyway) when asked to: for the iterations checked, and once the gradient is
  // within 100× of the tolerance (the run's last θ, checked after it). The checks, and those
  // after the run (separation, then quasi-separation), read them and need no pass over X,
  // unless some row lies within the scores' rounding bound tau of the boundary (float data,
  // SIMD kernel, 32 columns: tau ≈ 4e-6·(Σⱼ max|xⱼ|·|wⱼ| + |b|)). Then, or for another θ,
  // decision_function fills z (exact: the reference the verdicts are defined on) for the θ in
  // `scored`.
  const bool watch_separation = p.k == 2 && !p.penalized && options_.loss == Loss::log;
  LogLoss* const log_loss = watch_separation ? dynamic_cast<LogLoss*>(p.loss.get()) : nullptr;
  if (log_loss) log_loss->keep_scores(true);  // iteration 1 is checked
  std::vector<double> z, scored;
  Vector scratch;
  auto scores = [&](const Vector& t) {
    if (scored.size() == t.size() && std::equal(t.begin(), t.end(), scored.begin())) return;
    const Vector& r = p.raw(t, scratch);
    z.resize(n);
    logreg::decision_function(kernel_, X, r.data(), options_.fit_intercept ? r(d) : 0.0, z.data());
    scored.assign(t.begin(), t.end());
  };
  // The objective's scores if they belong to θ, and their bound tau against decision_function:
  // kernel and reference each within (d + 2)·u·(Σⱼ|xᵢⱼwⱼ| + |b|) ≤ (d + 2)·u·score_bound.
  auto kept = [&](const Vector& t, double& tau) -> const std::vector<double>* {
    if (!log_loss) return nullptr;
    Vector raw_scratch;
    const Vector& r = p.raw(t, raw_scratch);
    const std::vector<double>& at = log_loss->kept_theta();
    if (at.size() != r.size() || !std::equal(at.begin(), at.end(), r.begin())) return nullptr;
    tau = 2 * double(d + 2) * score_roundoff(kernel_, X.dtype) *
          score_bound(r, p.peak, 1, options_.fit_intercept);
    return &log_loss->kept_scores();
  };
  auto separated_at = [&](const Vector& t) {
    double tau = 0;
    if (const std::vector<double>* zk = kept(t, tau)) {
      const int verdict = detail::separation_verdict(*zk, y, tau);
      if (verdict >= 0) return verdict == 1;
    }
    scores(t);
    return detail::separation_verdict(z, y, 0) == 1;
  };
  auto extreme_rows_at = [&](const Vector& t) {
    double tau = 0;
    std::size_t count = 0;
    if (const std::vector<double>* zk = kept(t, tau))
      if (detail::count_extreme(*zk, y, tau, count)) return count;
    scores(t);
    detail::count_extreme(z, y, 0, count);
    return count;
  };
  bool separated = false;
  const SolverReport r = run(*solver, options_, [&](const IterationInfo& info) {
    record(p, *info.theta, info.loss, info.gradient_norm, info.step_size, info.iteration);
    if (callback) {
      IterationInfo seen = info;  // in F's units, as the report
      seen.loss *= p.weight_scale;
      seen.gradient_norm *= p.weight_scale;
      if (!callback(seen)) return false;
    }
    if (watch_separation && (info.iteration & (info.iteration - 1)) == 0) {
      separated = separated_at(*info.theta);
      if (separated) return false;
    }
    if (log_loss) {  // keep the scores of the next θ if it is checked, or may be the last one
      const std::size_t next = info.iteration + 1;
      log_loss->keep_scores((next & (next - 1)) == 0 ||
                            info.gradient_norm <= 100 * options_.tolerance);
    }
    return true;
  });
  const Vector& theta = solver->theta();
  report.iterations = r.iterations;
  if (const auto* hybrid = dynamic_cast<const LbfgsThenNewton*>(solver.get())) {
    report.solver = hybrid->current();
    report.lbfgs_iterations = hybrid->lbfgs_iterations();
  }
  report.converged = r.converged;
  report.loss = r.loss * p.weight_scale;
  report.gradient_norm = r.gradient_norm * p.weight_scale;
  if (watch_separation && !separated) separated = separated_at(theta);
  {
    Vector scratch;
    if (!std::isfinite(score_bound(p.raw(theta, scratch), p.peak, p.blocks, options_.fit_intercept))) {
      history_.clear();
      weight_history_.clear();
      detail::Message msg;
      msg << "fit: solver '" << solver_name(report.solver) << "' took steps so large (learningRate "
          << options_.learning_rate << ") that the weights overflow the scores Xw + b; use a smaller "
          << "learningRate (at most 1/L = " << 1 / objective.lipschitz_bound() << ") or solver 'auto'";
      throw std::invalid_argument(msg.str());
    }
  }
  // The solver works in units of the mean row weight c; reported in the weights' own units
  // (F = c·f), a finite loss or gradient norm can overflow when c is near the largest double
  // (found by tests/fuzz/fuzz_fit.cpp: class weights {1.8e308, 6.2} and tolerance 4.1 "converged"
  // with an infinite gradient norm). Uniformly huge weights that converge stay accepted.
  if (std::isfinite(r.loss) && std::isfinite(r.gradient_norm) &&
      !(std::isfinite(report.loss) && std::isfinite(report.gradient_norm))) {
    history_.clear();
    weight_history_.clear();
    detail::Message msg;
    msg << "fit: the row weights (sampleWeight * classWeight) average " << p.weight_scale
        << ", and in their units the loss (" << r.loss << " * " << p.weight_scale
        << ") or the gradient norm (" << r.gradient_norm << " * " << p.weight_scale
        << ") overflows; divide the weights by a common factor";
    throw std::invalid_argument(msg.str());
  }
  store(p, theta);

  // Problems, reported in plain words.
  if (separated) {
    report.converged = false;
    report.warnings.push_back(
        {"separation",
         "complete separation: a hyperplane separates the two classes perfectly, so the "
         "unpenalized maximum-likelihood estimate does not exist (the weights grow without bound "
         "and the loss tends to 0). The returned weights separate the data but their size is "
         "arbitrary. Add an L2 penalty (e.g. l2: 1e-3), or remove the separating features."});
  } else if (watch_separation && report.converged) {
    const std::size_t extreme = extreme_rows_at(theta);
    if (extreme > 0)
      report.warnings.push_back(
          {"quasi-separation",
           std::to_string(extreme) +
               " rows are fitted with probability within 1e-13 of their label: this usually "
               "means quasi-complete separation, where the unpenalized estimate does not exist "
               "and some weights are only limited by the tolerance. Consider an L2 penalty."});
  }
  if (r.diverged) {
    const double L = objective.lipschitz_bound();
    report.warnings.push_back(
        {"diverged", std::string("solver '") + solver_name(report.solver) +
                         "' diverged: the loss rose with learningRate " + fmt(options_.learning_rate) +
                         ", so training stopped and the best parameters seen were kept. Use "
                         "learningRate <= " + fmt(1 / L) + " (1/L, with L = ‖[X 1]‖²/(4n) the "
                         "Lipschitz bound of the gradient), or solver 'auto'."});
  } else if (!report.converged && !separated && !r.stopped) {
    report.warnings.push_back(
        {"not-converged", "did not converge in " + std::to_string(r.iterations) +
                              " iterations (gradient norm " + fmt(report.gradient_norm) +
                              " > tolerance " + fmt(options_.tolerance * p.weight_scale) +
                              "): raise maxIterations, set standardize: true, or use solver 'auto'."});
  }
  if (!report.constant_columns.empty()) {
    std::string cols;
    for (std::size_t j : report.constant_columns)
      cols += (cols.empty() ? "" : ", ") + std::to_string(j + 1);
    const bool several = report.constant_columns.size() > 1;
    report.warnings.push_back(
        {"constant-columns",
         "column" + std::string(several ? "s " : " ") + cols + (several ? " are" : " is") +
             (options_.fit_intercept
                  ? " constant: the intercept already plays that role, so such a coefficient is "
                    "not identified; it is kept at its start value (0 unless warm-started) and "
                    "predictions do not depend on it. Consider dropping it."
                  : " constant: without an intercept it plays the intercept's role.")});
  }
  return report;
}

StepResult LogisticModel::step(const MatrixView& X, const std::vector<double>& y,
                               const std::vector<double>* sample_weight) {
  if (!session_ || !session_->same_data(X, y, sample_weight)) {
    // A new session on a private copy of the data, from the current parameters.
    auto s = std::make_unique<Session>();
    s->X = Matrix(X.dtype, X.rows, X.cols);
    std::memcpy(s->X.data(), X.data, X.rows * X.cols * (X.dtype == DType::f32 ? sizeof(float) : sizeof(double)));
    s->y = y;
    s->weighted = sample_weight != nullptr;
    if (sample_weight) s->weights = *sample_weight;
    s->problem = make_problem(s->X.view(), s->y, s->weighted ? &s->weights : nullptr, "step");
    s->solver = make_problem_solver(*s->problem, start_point(*s->problem, true));
    session_ = std::move(s);
    history_.clear();
    weight_history_.clear();
    record(*session_->problem, session_->solver->theta(), session_->solver->loss(),
           session_->solver->gradient_norm(), 0, 0);
  }
  Session& s = *session_;
  IterativeSolver& solver = *s.solver;
  StepResult result;
  const Vector before = solver.theta();
  const double c = s.problem->weight_scale;  // report F, not F/c
  result.loss_before = solver.loss() * c;
  for (double g : solver.gradient()) result.gradient.push_back(g * c);
  result.moved = solver.step();
  result.diverged = solver.diverged();
  result.iteration = solver.iterations();
  result.loss_after = solver.loss() * c;
  result.gradient_norm = solver.gradient_norm() * c;
  result.step_size = result.moved ? solver.step_size() : 0.0;
  result.converged = solver.gradient_norm() <= options_.tolerance;
  result.step.resize(before.size());
  for (std::size_t j = 0; j < before.size(); ++j) result.step[j] = solver.theta()(j) - before(j);
  store(*s.problem, solver.theta());
  if (result.moved)
    record(*s.problem, solver.theta(), result.loss_after, result.gradient_norm, result.step_size,
           result.iteration);
  return result;
}

std::vector<double> LogisticModel::parameters() const {
  std::vector<double> p = coef_;
  p.insert(p.end(), intercept_.begin(), intercept_.end());
  return p;
}

// J at the given original-unit parameters (weights row by row, then intercepts).
double LogisticModel::loss_at(const MatrixView& X, const std::vector<double>& y,
                              const std::vector<double>& params) const {
  const std::size_t out = n_outputs(), d = n_features_;
  std::vector<double> grad(out * (d + 1));
  const double* W = params.data();
  const double* b = params.data() + out * d;
  const double sum = out == 1 ? (options_.loss == Loss::squared
                                     ? squared_loss_gradient(X, y.data(), nullptr, W, b[0], grad.data())
                                     : loss_gradient(kernel_, X, y.data(), nullptr, W, b[0], grad.data()))
                              : softmax_loss_gradient(X, y.data(), out, nullptr, W, b, grad.data());
  return sum / double(X.rows);
}

GradientCheck LogisticModel::gradient_check(const MatrixView& X, const std::vector<double>& y) const {
  GradientCheck check;
  check.analytic = gradient(X, y);  // validates X, y and fitted
  std::vector<double> params = parameters();
  const double cbrt_eps = std::cbrt(std::numeric_limits<double>::epsilon());
  for (std::size_t j = 0; j < params.size(); ++j) {
    // (J(θ + h eⱼ) − J(θ − h eⱼ)) / 2h, error O(h²) + O(ε/h): h ~ ε^(1/3) balances them.
    const double theta = params[j], h = cbrt_eps * std::max(1.0, std::fabs(theta));
    params[j] = theta + h;
    const double up = loss_at(X, y, params);
    params[j] = theta - h;
    const double down = loss_at(X, y, params);
    params[j] = theta;
    const double numeric = (up - down) / (2 * h);
    const double a = check.analytic[j];
    const double rel = std::fabs(a - numeric) / std::max({std::fabs(a), std::fabs(numeric), 1e-8});
    check.numeric.push_back(numeric);
    check.relative_error.push_back(rel);
    check.max_relative_error = std::max(check.max_relative_error, rel);
  }
  return check;
}

std::vector<double> LogisticModel::loss_surface(const MatrixView& X, const std::vector<double>& y,
                                                std::size_t i, double lo_i, double hi_i,
                                                std::size_t steps_i, std::size_t j, double lo_j,
                                                double hi_j, std::size_t steps_j) const {
  require_fitted("lossSurface");
  validate_data(X, "lossSurface");
  check_features(X, "lossSurface");
  if (check_labels(X, y, "lossSurface") > n_classes_)
    throw std::invalid_argument("lossSurface: y has a class index beyond the model's classes");
  std::vector<double> params = parameters();
  const std::size_t m = params.size();
  if (i >= m || j >= m || i == j) {
    detail::Message msg;
    msg << "lossSurface: parameters i and j must differ and be below " << m << ", got " << i
        << " and " << j;
    throw std::invalid_argument(msg.str());
  }
  if (steps_i < 2 || steps_j < 2 || steps_i * steps_j > 1000000)
    throw std::invalid_argument("lossSurface: steps must be at least 2 each and at most 10^6 points in all");
  if (!(std::isfinite(lo_i) && std::isfinite(hi_i) && lo_i < hi_i && std::isfinite(lo_j) &&
        std::isfinite(hi_j) && lo_j < hi_j))
    throw std::invalid_argument("lossSurface: each range must be finite with low < high");
  std::vector<double> values(steps_i * steps_j);
  for (std::size_t a = 0; a < steps_i; ++a) {
    params[i] = lo_i + (hi_i - lo_i) * double(a) / double(steps_i - 1);
    for (std::size_t b = 0; b < steps_j; ++b) {
      params[j] = lo_j + (hi_j - lo_j) * double(b) / double(steps_j - 1);
      values[a * steps_j + b] = loss_at(X, y, params);
    }
  }
  return values;
}

double LogisticModel::suggested_learning_rate(const MatrixView& X, std::size_t n_classes) const {
  validate_data(X, "suggestLearningRate");
  // L depends on X, the options and the number of classes only: label rows 0, 1, 2, … in turn.
  const std::size_t k = std::max<std::size_t>(2, n_classes);
  std::vector<double> y(X.rows);
  for (std::size_t i = 0; i < X.rows; ++i) y[i] = double(i % k);
  if (X.rows < k) throw std::invalid_argument("suggestLearningRate: X needs at least one row per class");
  Options o = options_;
  o.class_weight.clear();
  o.class_weight_balanced = false;
  o.l1 = 0;
  o.solver = Solver::gd;
  LogisticModel probe(o);
  probe.set_kernel(kernel_);
  return 1.0 / probe.make_problem(X, y, nullptr, "suggestLearningRate")->objective->lipschitz_bound();
}

std::vector<double> LogisticModel::decision_function(const MatrixView& X, const char* method) const {
  require_fitted(method);
  validate_data(X, method);
  check_features(X, method);
  const std::size_t out = n_outputs();
  std::vector<double> z(X.rows * out);
  if (out == 1)
    logreg::decision_function(kernel_, X, coef_.data(), intercept_[0], z.data());
  else
    softmax_scores(X, out, coef_.data(), intercept_.data(), z.data());
  return z;
}

std::vector<double> LogisticModel::predict_proba(const MatrixView& X, const char* method) const {
  std::vector<double> p = decision_function(X, method);
  const std::size_t out = n_outputs();
  if (out == 1)
    for (double& v : p) v = sigmoid(v);
  else
    for (std::size_t i = 0; i < X.rows; ++i) softmax_row(p.data() + i * out, out);
  return p;
}

std::vector<double> LogisticModel::predict(const MatrixView& X, double threshold, const char* method) const {
  if (!(threshold >= 0 && threshold <= 1)) {
    detail::Message msg;
    msg << method << ": threshold must be in [0, 1], got " << threshold;
    throw std::invalid_argument(msg.str());
  }
  require_fitted(method);
  if (n_classes_ > 2 && threshold != 0.5)
    throw std::invalid_argument(std::string(method) + ": a threshold applies to binary models only");
  std::vector<double> p = predict_proba(X, method);
  const std::size_t out = n_outputs();
  if (out == 1) {
    for (double& v : p) v = v >= threshold ? 1.0 : 0.0;
    return p;
  }
  std::vector<double> labels(X.rows);
  for (std::size_t i = 0; i < X.rows; ++i) {
    const double* row = p.data() + i * out;
    labels[i] = double(std::max_element(row, row + out) - row);
  }
  return labels;
}

double LogisticModel::loss(const MatrixView& X, const std::vector<double>& y) const {
  require_fitted("loss");
  validate_data(X, "loss");
  check_features(X, "loss");
  if (check_labels(X, y, "loss") > n_classes_)
    throw std::invalid_argument("loss: y has a class index beyond the model's " +
                                std::to_string(n_classes_) + " classes");
  return loss_at(X, y, parameters());
}

std::vector<double> LogisticModel::gradient(const MatrixView& X, const std::vector<double>& y) const {
  require_fitted("gradient");
  validate_data(X, "gradient");
  check_features(X, "gradient");
  if (check_labels(X, y, "gradient") > n_classes_)
    throw std::invalid_argument("gradient: y has a class index beyond the model's " +
                                std::to_string(n_classes_) + " classes");
  const std::size_t out = n_outputs();
  std::vector<double> grad(out * (X.cols + 1));
  if (out > 1)
    softmax_loss_gradient(X, y.data(), out, nullptr, coef_.data(), intercept_.data(), grad.data());
  else if (options_.loss == Loss::squared)
    squared_loss_gradient(X, y.data(), nullptr, coef_.data(), intercept_[0], grad.data());
  else
    loss_gradient(kernel_, X, y.data(), nullptr, coef_.data(), intercept_[0], grad.data());
  for (double& g : grad) g /= double(X.rows);
  return grad;
}

void LogisticModel::set_parameters(const std::vector<double>& coefficients,
                                   const std::vector<double>& intercepts, std::size_t n_classes) {
  if (n_classes < 2) throw std::invalid_argument("setParameters: at least 2 classes are needed");
  const std::size_t out = n_classes == 2 ? 1 : n_classes;
  if (intercepts.size() != out || coefficients.empty() || coefficients.size() % out != 0) {
    detail::Message msg;
    msg << "setParameters: " << n_classes << " classes need " << out << " intercept(s) and "
        << out << " × d coefficients, got " << intercepts.size() << " and " << coefficients.size();
    throw std::invalid_argument(msg.str());
  }
  for (std::size_t j = 0; j < coefficients.size(); ++j)
    if (!std::isfinite(coefficients[j])) {
      detail::Message msg;
      msg << "setParameters: coefficient " << j + 1 << " is not finite (" << coefficients[j] << ")";
      throw std::invalid_argument(msg.str());
    }
  for (double b : intercepts)
    if (!std::isfinite(b)) throw std::invalid_argument("setParameters: intercept is not finite");
  session_.reset();
  n_classes_ = n_classes;
  n_features_ = coefficients.size() / out;
  coef_ = std_coef_ = coefficients;
  intercept_ = std_intercept_ = intercepts;
  mean_.clear();
  scale_.clear();
}

}  // namespace logreg
