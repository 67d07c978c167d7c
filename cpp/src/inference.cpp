// SPDX-License-Identifier: MIT
// summarize(): the statsmodels-style summary (see inference.hpp for the formulas).
//
// Steps: validate; evaluate the unpenalized, weighted objective (LogLoss / SoftmaxLoss on raw
// X, scalar kernel: everything in double) at θ̂ for llf and the gradient; decide whether to
// withhold; if not, the observed information I = n·∇²f, its inverse by a Cholesky
// factorisation of the unit-diagonal scaling D⁻¹ I D⁻¹ (D² = diag I: the scaling removes the
// columns' units, so the pivot test and the accuracy depend on the correlation structure
// only), and the derived numbers.
//
// Collinearity is a property of the design, not of θ̂, so it is decided on the weighted Gram
// matrix G = [X 1]ᵀ diag(s) [X 1] (the information with S replaced by the weights): columns are
// taken in the order intercept, x₁, …, x_d, and column j is dependent when the part of it not
// explained by the columns accepted before it, in the G metric, is below 1e-5 of its length
// (squared: 1e-10, the Newton solver's pivot threshold). The explanation (the least-squares
// coefficients on the accepted columns) names the columns for the user; the intercept comes
// first so that a constant column is reported as a multiple of the intercept.
#include "logreg/inference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>

#include "cholesky.hpp"
#include "logreg/kernels.hpp"
#include "logreg/math.hpp"
#include "logreg/objective.hpp"
#include "special.hpp"
#include "message.hpp"

namespace logreg {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDependent = 1e-10;   // squared sine of a column's angle to the earlier ones
constexpr double kInvolved = 1e-6;     // a coefficient counts in a dependency above this share
constexpr double kMaxStepInSE = 0.01;  // Newton step / SE above which θ is not the MLE
constexpr double kSaturated = 1e-13;   // 1 − P(yᵢ | xᵢ) below this: a separated row

using detail::fmt;

/// A column found to be a linear combination of earlier ones (indices into the matrix).
struct Dependency {
  std::size_t column = 0;
  bool zero = false;              // the column is 0 on every weighted row
  std::vector<std::size_t> on;    // the earlier columns involved
  std::vector<double> coef;       // column = Σ coef[a] · on[a] (in the matrix's own units)
};

/// Left-looking Cholesky of D⁻¹GD⁻¹ (D² = diag G) over the columns in `order`, skipping and
/// recording the dependent ones (see the file comment). When there are none, *factor (if
/// given) receives L with L Lᵀ = the scaled G in `order`, and *scale the D entries.
std::vector<Dependency> dependencies(const DenseMatrix& G, const std::vector<std::size_t>& order,
                                     DenseMatrix* factor = nullptr,
                                     std::vector<double>* scale_out = nullptr) {
  const std::size_t m = order.size();
  std::vector<double> scale(m);
  for (std::size_t t = 0; t < m; ++t) scale[t] = std::sqrt(std::max(0.0, G(order[t], order[t])));
  DenseMatrix L = xt::zeros<double>({m, m});
  std::vector<std::size_t> accepted;  // positions t
  std::vector<Dependency> deps;
  std::vector<double> u, c;
  for (std::size_t t = 0; t < m; ++t) {
    const std::size_t j = order[t];
    if (!(scale[t] > 0)) {
      Dependency dep;
      dep.column = j;
      dep.zero = true;
      deps.push_back(dep);
      continue;
    }
    const std::size_t na = accepted.size();
    u.assign(na, 0.0);
    double explained = 0;
    for (std::size_t a = 0; a < na; ++a) {  // L u = g, g = the scaled column's entries
      const std::size_t ta = accepted[a];
      double s = G(order[ta], j) / (scale[ta] * scale[t]);
      for (std::size_t b = 0; b < a; ++b) s -= L(a, b) * u[b];
      u[a] = s / L(a, a);
      explained += u[a] * u[a];
    }
    const double r = 1.0 - explained;  // squared sine of the angle to the accepted columns
    if (r > kDependent) {
      for (std::size_t b = 0; b < na; ++b) L(na, b) = u[b];
      L(na, na) = std::sqrt(r);
      accepted.push_back(t);
      continue;
    }
    // Lᵀ c = u: the least-squares coefficients of the scaled column on the accepted ones.
    c.assign(na, 0.0);
    double biggest = 0;
    for (std::size_t a = na; a-- > 0;) {
      double s = u[a];
      for (std::size_t b = a + 1; b < na; ++b) s -= L(b, a) * c[b];
      c[a] = s / L(a, a);
      biggest = std::max(biggest, std::fabs(c[a]));
    }
    Dependency dep;
    dep.column = j;
    for (std::size_t a = 0; a < na; ++a)
      if (std::fabs(c[a]) > kInvolved * biggest) {
        const std::size_t ta = accepted[a];
        dep.on.push_back(order[ta]);
        dep.coef.push_back(c[a] * scale[t] / scale[ta]);  // back to the columns' own units
      }
    deps.push_back(dep);
  }
  if (deps.empty()) {
    if (factor) *factor = L;
    if (scale_out) *scale_out = scale;
  }
  return deps;
}

/// "1.5 × column 2", "column 2", "− column 2" for a term of a dependency.
std::string term(double coef, const std::string& name, bool first) {
  std::string out;
  const double a = std::fabs(coef);
  if (!first) out += coef < 0 ? " − " : " + ";
  else if (coef < 0) out += "−";
  if (std::fabs(a - 1) > 1e-9) out += fmt(a) + " × ";
  return out + name;
}

/// The validated row weights (frequency weights), or an empty vector for none.
std::vector<double> check_weights(const std::vector<double>* sample_weight, std::size_t n) {
  if (!sample_weight) return {};
  if (sample_weight->size() != n) {
    detail::Message msg;
    msg << "summary: X has " << n << " rows but sampleWeight has " << sample_weight->size()
        << " values";
    throw std::invalid_argument(msg.str());
  }
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = (*sample_weight)[i];
    if (!(std::isfinite(s) && s >= 0)) {
      detail::Message msg;
      msg << "summary: sampleWeight must be finite and >= 0, got " << s << " at row " << i + 1;
      throw std::invalid_argument(msg.str());
    }
    total += s;
  }
  if (!(total > 0)) throw std::invalid_argument("summary: sampleWeight is zero for every row");
  return *sample_weight;
}

}  // namespace

Summary summarize(const LogisticModel& model, const MatrixView& X, const std::vector<double>& y,
                  const FitReport* report, double level, const std::vector<double>* sample_weight) {
  // ---- validation (nothing is computed on bad input)
  if (!model.fitted())
    throw std::logic_error("summary: the model is not fitted yet; call fit first");
  if (!(level > 0 && level < 1)) {
    detail::Message msg;
    msg << "summary: level must be in (0, 1), got " << level;
    throw std::invalid_argument(msg.str());
  }
  validate_data(X, "summary");
  const std::size_t n = X.rows, d = X.cols, k = model.n_classes();
  if (d != model.n_features()) {
    detail::Message msg;
    msg << "summary: X has " << d << " columns but the model was fitted with " << model.n_features();
    throw std::invalid_argument(msg.str());
  }
  if (y.size() != n) {
    detail::Message msg;
    msg << "summary: X has " << n << " rows but y has " << y.size() << " labels";
    throw std::invalid_argument(msg.str());
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!(y[i] >= 0 && y[i] == std::floor(y[i]) && y[i] < double(k))) {
      detail::Message msg;
      msg << "summary: y must hold class indices 0 … " << k - 1 << " (the model has " << k
          << " classes), got " << y[i] << " at row " << i + 1;
      throw std::invalid_argument(msg.str());
    }
  const std::vector<double> weights = check_weights(sample_weight, n);
  const double* s = weights.empty() ? nullptr : weights.data();

  const Options& opt = model.options();
  const bool intercept = opt.fit_intercept;
  const bool binary = k == 2;
  const bool penalized = opt.l1 > 0 || opt.l2 > 0;
  const std::size_t e = d + (intercept ? 1 : 0);  // parameters per equation
  const std::size_t K = binary ? 1 : k - 1;       // identified equations
  const std::size_t rows_eq = binary ? 1 : (penalized ? k : k - 1);
  const std::size_t first_class = binary ? 1 : (penalized ? 0 : 1);

  Summary out;
  out.model = binary ? "logit" : "mnlogit";
  out.n_classes = k;
  out.n_features = d;
  out.fit_intercept = intercept;
  out.n_equations = rows_eq;
  out.n_parameters = K * e;
  out.weighted = s != nullptr;
  out.level = level;
  // z₁₋α/₂ from the lower tail: α/2 is exact, 1 − α/2 would be rounded.
  out.critical_value = -special::normal_quantile(0.5 * (1.0 - level));
  out.n_rows = n;

  // ---- θ in the summary's order, and in the objective's (K blocks of d weights, then K
  // intercepts); for multinomial models the contrasts θ_c − θ_0 (pinned: θ_0 = 0).
  const Vector W = model.coefficients(), B = model.intercepts();
  const std::size_t m = rows_eq * e;
  std::vector<double> theta(m);
  std::vector<std::size_t> perm(m);  // summary row → objective index
  for (std::size_t q = 0; q < rows_eq; ++q) {
    const std::size_t cls = binary ? 0 : q + first_class;  // row of W
    for (std::size_t j = 0; j < e; ++j) {
      const bool is_b = j == d;
      double v = is_b ? B(cls) : W(cls * d + j);
      if (!binary && !penalized) v -= is_b ? B(0) : W(j);
      theta[q * e + j] = v;
      perm[q * e + j] = is_b ? rows_eq * d + q : q * d + j;
      out.class_index.push_back(int(q + first_class));
      out.feature.push_back(is_b ? -1 : int(j));
    }
  }
  Vector theta_obj(Vector::shape_type{m});
  for (std::size_t r = 0; r < m; ++r) theta_obj(perm[r]) = theta[r];
  out.coefficient = theta;
  for (double t : theta) out.odds_ratio.push_back(std::exp(t));

  // ---- the weighted, unpenalized log-likelihood and its gradient at θ
  std::unique_ptr<Objective> f;
  if (binary)
    f = std::make_unique<LogLoss>(X, y.data(), intercept, Kernel::scalar, s);
  else
    f = std::make_unique<SoftmaxLoss>(X, y.data(), k, intercept, !penalized, s);
  Vector grad;
  const double mean_loss = f->value_gradient(theta_obj, grad);  // (1/n) Σ sᵢ ℓᵢ
  const double llf = -mean_loss * double(n);
  std::vector<double> class_total(k, 0.0);
  for (std::size_t i = 0; i < n; ++i) class_total[std::size_t(y[i])] += s ? s[i] : 1.0;
  double total = 0;
  for (double c : class_total) total += c;
  double llnull = 0;
  for (double c : class_total)
    if (c > 0) llnull += c * std::log(c / total);

  const double p = double(out.n_parameters);
  out.log_likelihood = llf;
  out.null_log_likelihood = llnull;
  out.deviance = -2 * llf;
  out.null_deviance = -2 * llnull;
  out.n_obs = total;
  out.df_model = p - double(K);
  out.df_resid = total - p;
  out.llr_df = out.df_model;

  auto withhold = [&](const std::string& code, const std::string& why) {
    out.withheld_code = code;
    out.withheld = "Inference withheld: " + why;
    const std::size_t rows = out.coefficient.size();
    for (auto* v : {&out.std_error, &out.z, &out.p_value, &out.ci_lower, &out.ci_upper,
                    &out.odds_ratio_lower, &out.odds_ratio_upper})
      v->assign(rows, kNaN);
    out.covariance.clear();
    out.aic = out.bic = out.pseudo_r2 = out.llr = out.llr_p_value = kNaN;
    return out;
  };

  // ---- reasons to withhold, in order
  if (penalized)
    return withhold("penalized",
                    "the fit is penalized (l2 = " + fmt(opt.l2) + ", l1 = " + fmt(opt.l1) +
                        "). A penalty shrinks the coefficients towards 0 and the inverse "
                        "information is not their covariance, so standard errors, z, p-values, "
                        "intervals and the likelihood-ratio test would be wrong. Refit with "
                        "l1 = l2 = 0 for inference.");
  bool class_weighted = opt.class_weight_balanced;
  for (double c : opt.class_weight) class_weighted = class_weighted || c != 1.0;
  if (class_weighted)
    return withhold("class-weights",
                    "the fit used class weights, which reweight the likelihood itself: the "
                    "inverse information is then not the estimator's covariance. Sample "
                    "weights (as frequency weights) are supported; class weights are not.");

  {  // collinear columns: the weighted Gram matrix [X 1]ᵀ diag(s) [X 1], intercept first
    std::vector<double> c(n, 1.0);
    if (s) std::copy(s, s + n, c.begin());
    std::vector<double> g((d + 1) * (d + 1));
    weighted_gram(X, c.data(), g.data());
    DenseMatrix G(DenseMatrix::shape_type{d + 1, d + 1});
    std::copy(g.begin(), g.end(), G.begin());
    std::vector<std::size_t> order;
    if (intercept) order.push_back(d);
    for (std::size_t j = 0; j < d; ++j) order.push_back(j);
    const auto deps = dependencies(G, order);
    if (!deps.empty()) {
      auto name = [&](std::size_t j) {
        return j == d ? std::string("the intercept") : "column " + std::to_string(j + 1);
      };
      std::vector<int> cols;
      std::string what;
      for (const auto& dep : deps) {
        if (!what.empty()) what += "; ";
        cols.push_back(int(dep.column) + 1);
        if (dep.zero) {
          what += name(dep.column) + " is 0 in every row";
          continue;
        }
        const bool constant = dep.on.size() == 1 && dep.on[0] == d;
        what += name(dep.column) + (constant ? " is constant: " : " = ");
        if (constant) what += name(dep.column) + " = ";
        for (std::size_t a = 0; a < dep.on.size(); ++a) {
          what += term(dep.coef[a], name(dep.on[a]), a == 0);
          if (dep.on[a] == d)
            out.collinear_intercept = true;
          else
            cols.push_back(int(dep.on[a]) + 1);
        }
      }
      std::sort(cols.begin(), cols.end());
      cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
      out.collinear_columns = cols;
      auto list = [](const std::vector<int>& v) {
        std::string t;
        for (std::size_t a = 0; a < v.size(); ++a)
          t += (a == 0 ? "" : a + 1 == v.size() ? " and " : ", ") + std::to_string(v[a]);
        return t;
      };
      std::vector<int> redundant;  // one column per dependency: the later one
      for (const auto& dep : deps) redundant.push_back(int(dep.column) + 1);
      const std::string listed = list(cols);
      return withhold(
          "collinear",
          "the columns are linearly dependent (" + what + "), so the information matrix " +
              (intercept ? "[X 1]ᵀS[X 1]" : "XᵀSX") + " is singular and the coefficients of column" +
              (cols.size() > 1 ? "s " : " ") + listed +
              (out.collinear_intercept ? " and the intercept" : "") +
              " are not identified: they have no standard errors. Drop column" +
              (redundant.size() > 1 ? "s " : " ") + list(redundant) +
              (out.collinear_intercept ? " (a constant column duplicates the intercept)" : "") +
              " and refit.");
    }
  }

  if (report)
    for (const auto& w : report->warnings)
      if (w.code == "separation" || w.code == "quasi-separation")
        return withhold(
            w.code,
            std::string(w.code == "separation" ? "the fit found complete separation"
                                               : "the fit found quasi-complete separation") +
                ": the unpenalized maximum-likelihood estimate does not exist (some "
                "coefficients are only limited by the solver's tolerance), so standard errors, "
                "z, p-values and intervals would be meaningless. Remove the separating "
                "features, or fit with an L2 penalty (without inference).");

  {  // rows fitted with probability within 1e-13 of their class: separation, seen in θ
    std::size_t saturated = 0;
    const std::size_t out_k = model.n_outputs();
    std::vector<double> Z(n * out_k);
    if (binary)
      decision_function(Kernel::scalar, X, W.data(), B(0), Z.data());
    else
      softmax_scores(X, out_k, W.data(), B.data(), Z.data());
    for (std::size_t i = 0; i < n; ++i) {
      if (s && !(s[i] > 0)) continue;
      const std::size_t yi = std::size_t(y[i]);
      double miss;  // 1 − P(yᵢ | xᵢ), without cancellation
      if (binary) {
        miss = sigmoid(yi == 1 ? -Z[i] : Z[i]);
      } else {
        const double* z = Z.data() + i * out_k;
        const double top = *std::max_element(z, z + out_k);
        double num = 0, den = 0;
        for (std::size_t c = 0; c < out_k; ++c) {
          const double v = std::exp(z[c] - top);
          den += v;
          if (c != yi) num += v;
        }
        miss = num / den;
      }
      if (miss < kSaturated) ++saturated;
    }
    if (saturated > 0)
      return withhold(
          "quasi-separation",
          std::to_string(saturated) + (saturated == 1 ? " row is" : " rows are") +
              " fitted with probability within 1e-13 of the observed class. This usually "
              "means (quasi-complete) separation: the unpenalized maximum-likelihood estimate "
              "does not exist and some coefficients are only limited by the solver's "
              "tolerance, so standard errors, z, p-values and intervals would be meaningless. "
              "Remove the separating features, or fit with an L2 penalty (without inference).");
  }

  if (report && !report->converged)
    return withhold("not-converged",
                    "the fit did not converge (gradient norm " + fmt(report->gradient_norm) +
                        " > tolerance " + fmt(opt.tolerance) + " after " +
                        std::to_string(report->iterations) +
                        " iterations): the coefficients are not the maximum-likelihood "
                        "estimate, so the standard errors and tests would describe another "
                        "point. Refit with solver 'newton' or more maxIterations.");

  // ---- the observed information I = n ∇²f in the summary's order, and its inverse
  DenseMatrix H;
  f->hessian(theta_obj, H);
  DenseMatrix I(DenseMatrix::shape_type{m, m});
  for (std::size_t r = 0; r < m; ++r)
    for (std::size_t c = 0; c < m; ++c) I(r, c) = H(perm[r], perm[c]) * double(n);
  std::vector<std::size_t> order(m);
  for (std::size_t r = 0; r < m; ++r) order[r] = r;
  DenseMatrix L;
  std::vector<double> scale;
  const auto singular = dependencies(I, order, &L, &scale);
  auto param_name = [&](std::size_t r) {
    std::string name = out.feature[r] < 0 ? "the intercept"
                                          : "the coefficient of column " + std::to_string(out.feature[r] + 1);
    if (!binary) name += " (class " + std::to_string(out.class_index[r]) + ")";
    return name;
  };
  if (!singular.empty()) {
    std::string names;
    for (const auto& dep : singular) names += (names.empty() ? "" : ", ") + param_name(dep.column);
    return withhold("singular-information",
                    "the information matrix is numerically singular at the fitted "
                    "parameters (in the direction of " + names + ") although the columns are "
                    "linearly independent: the fitted probabilities are 0 or 1 on the rows "
                    "that determine it (quasi-complete separation), so the standard errors "
                    "would be infinite. Remove the separating features, or fit with an L2 "
                    "penalty (without inference).");
  }
  // Cov = D⁻¹ (L Lᵀ)⁻¹ D⁻¹, column by column.
  std::vector<double> cov(m * m);
  Vector col(Vector::shape_type{m});
  for (std::size_t c = 0; c < m; ++c) {
    std::fill(col.begin(), col.end(), 0.0);
    col(c) = 1.0;
    detail::cholesky_solve(L, col);
    for (std::size_t r = 0; r < m; ++r) cov[r * m + c] = col(r) / (scale[r] * scale[c]);
  }
  for (std::size_t r = 0; r < m; ++r)  // exactly symmetric
    for (std::size_t c = 0; c < r; ++c) cov[r * m + c] = cov[c * m + r] = 0.5 * (cov[r * m + c] + cov[c * m + r]);

  // ---- is θ the maximum of this likelihood? One Newton step δ = I⁻¹ (n ∇f), in SE units.
  std::vector<double> se(m);
  for (std::size_t r = 0; r < m; ++r) se[r] = std::sqrt(cov[r * m + r]);
  double worst = 0;
  std::size_t worst_row = 0;
  for (std::size_t r = 0; r < m; ++r) {
    double step = 0;
    for (std::size_t c = 0; c < m; ++c) step += cov[r * m + c] * grad(perm[c]) * double(n);
    const double ratio = std::fabs(step) / se[r];
    if (!(ratio <= worst)) {
      worst = ratio;
      worst_row = r;
    }
  }
  if (!(worst <= kMaxStepInSE))
    return withhold("not-optimal",
                    "the parameters are not the maximum-likelihood estimate for this X, y" +
                        std::string(s ? " and sample weights" : "") +
                        ": one Newton step would move " + param_name(worst_row) + " by " +
                        fmt(worst) + " standard errors (more than 0.01). Summarize with the "
                        "data (and sample weights) the model was fitted on, or refit with a "
                        "smaller tolerance.");

  // ---- the table
  const double zc = out.critical_value;
  out.covariance = cov;
  for (std::size_t r = 0; r < m; ++r) {
    const double t = theta[r], sr = se[r];
    const double zr = t / sr;
    out.std_error.push_back(sr);
    out.z.push_back(zr);
    out.p_value.push_back(special::normal_two_sided_p(zr));
    out.ci_lower.push_back(t - zc * sr);
    out.ci_upper.push_back(t + zc * sr);
    out.odds_ratio_lower.push_back(std::exp(t - zc * sr));
    out.odds_ratio_upper.push_back(std::exp(t + zc * sr));
  }
  out.aic = -2 * llf + 2 * p;
  out.bic = -2 * llf + p * std::log(total);
  out.pseudo_r2 = 1 - llf / llnull;
  out.llr = 2 * (llf - llnull);
  out.llr_p_value = out.llr_df > 0 ? special::chi2_sf(out.llr, out.llr_df) : kNaN;
  return out;
}

}  // namespace logreg
