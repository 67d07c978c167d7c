// SPDX-License-Identifier: MIT
// Statistical inference for a fitted model: what statsmodels' Logit / MNLogit summary gives.
//
// At the unpenalized maximum-likelihood estimate θ̂ (MATH.md, "Second order"), the covariance
// of θ̂ is the inverse observed information
//   Cov(θ̂) = ([X 1]ᵀ S [X 1])⁻¹ = (n H)⁻¹,   S = diag(sᵢ ŷᵢ(1 − ŷᵢ)),
// H the mean-form Hessian of the objective (for k classes the block form of SoftmaxLoss, with
// class 0 the reference). Standard errors are the square roots of its diagonal; z = θ̂ⱼ/SEⱼ;
// p = P(|Z| ≥ |z|) = erfc(|z|/√2); Wald intervals θ̂ⱼ ± z₁₋α/₂ SEⱼ; odds ratios e^θ̂ⱼ with
// interval e^(θ̂ⱼ ± z₁₋α/₂ SEⱼ).
//
// Model-level numbers (llf = Σᵢ sᵢ log P(yᵢ | xᵢ); p = number of free parameters; n = Σᵢ sᵢ):
//   deviance −2 llf; AIC −2 llf + 2p; BIC −2 llf + p log n; McFadden's pseudo-R² 1 − llf/llnull;
//   likelihood-ratio χ² 2(llf − llnull) on df_model = p − (k − 1) degrees of freedom, with
//   p-value Q(df/2, χ²/2); df_resid = n − p.
//   llnull is the intercept-only model's log-likelihood, Σ_c n_c log(n_c / n) (n_c the weighted
//   class counts; binary: n[p̄ log p̄ + (1 − p̄) log(1 − p̄)]). statsmodels 0.13.5 uses that
//   same null model also when the model has no intercept (DiscreteResults.llnull and GLM fit
//   exog = ones), and so do we: the LR test then compares non-nested models and χ² can be
//   negative (its p-value is then 1). R's glm uses the all-zero model instead; we match
//   statsmodels, as the parity tests check.
//
// Sample weights are frequency weights, as statsmodels' GLM(…, freq_weights=s): a row with
// weight 3 counts as three identical rows. n = Σ sᵢ (for BIC and df_resid), llf and the
// information are weighted sums. Integer weights give exactly the summary of the replicated
// data (tested). Class weights (Options::class_weight, class_weight_balanced) reweight the
// likelihood itself; the inverse information is then not the estimator's covariance (a
// sandwich would be), so such summaries are withheld.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "logreg/matrix.hpp"
#include "logreg/model.hpp"

namespace logreg {

/// @brief The result of summarize(): plain numbers and vectors (easy to hand to JavaScript).
///
/// Parameter rows are equation-major: for each equation, the d feature weights then the
/// intercept (when fitted), θ = (w, b) as in MATH.md. Binary models have one equation (class 1
/// vs class 0). Unpenalized multinomial models have k − 1 equations, class c vs the reference
/// class 0 (statsmodels' MNLogit parametrization): θ_c − θ_0, which equals θ_c for a fit (its
/// class 0 is pinned at 0). A penalized multinomial model lists all k classes' own parameters
/// (withheld: they are not identified without the penalty).
///
/// When the numbers would be meaningless the summary withholds them: `withheld` says why in
/// plain words, `withheld_code` names the reason, and std_error, z, p_value, the intervals,
/// the odds-ratio intervals, covariance, aic, bic, pseudo_r2, llr and llr_p_value are NaN (or
/// empty); coefficient, odds_ratio, log_likelihood, null_log_likelihood, deviance,
/// null_deviance, n_obs, df_model and df_resid are still reported. Codes, in the order they
/// are checked (the first that applies is reported):
///   "penalized"            l1 or l2 > 0;
///   "class-weights"        class_weight or class_weight_balanced is set;
///   "collinear"            the columns of [X 1] (weighted rows) are linearly dependent:
///                          collinear_columns / collinear_intercept name them;
///   "separation",
///   "quasi-separation"     the FitReport warned so, or (either model) some rows are fitted
///                          with probability within 1e-13 of their observed class;
///   "not-converged"        the FitReport says the solver did not converge;
///   "singular-information" the information matrix is numerically singular although the
///                          columns are independent (probabilities saturated at 0 or 1);
///   "not-optimal"          θ is not the maximum-likelihood estimate for this X, y and weights:
///                          one Newton step would move some parameter by more than 0.01 of its
///                          standard error (wrong data passed, or a loose tolerance).
struct Summary {
  // ---- what was summarized
  std::string model;             ///< "logit" (binary) or "mnlogit" (k ≥ 3 classes)
  std::size_t n_classes = 0;     ///< k
  std::size_t n_features = 0;    ///< d
  bool fit_intercept = true;
  std::size_t n_equations = 0;   ///< 1, k − 1 (or k when penalized multinomial)
  std::size_t n_parameters = 0;  ///< p = (k − 1)(d + intercept): the model's free parameters
  bool weighted = false;         ///< sample weights were given
  double level = 0.95;           ///< confidence level of the intervals
  double critical_value = 0;     ///< z₁₋α/₂, α = 1 − level (1.959963984540054 at 0.95)

  // ---- one entry per parameter row (equation-major, see above)
  std::vector<int> class_index;  ///< the class of the row's equation (vs class 0)
  std::vector<int> feature;      ///< 0-based column of X, or −1 for the intercept
  std::vector<double> coefficient;
  std::vector<double> std_error;
  std::vector<double> z;
  std::vector<double> p_value;   ///< two-sided, erfc(|z|/√2); full precision down to 1e-300
  std::vector<double> ci_lower;  ///< θ − z₁₋α/₂ SE
  std::vector<double> ci_upper;  ///< θ + z₁₋α/₂ SE
  std::vector<double> odds_ratio;        ///< e^θ
  std::vector<double> odds_ratio_lower;  ///< e^(θ − z₁₋α/₂ SE)
  std::vector<double> odds_ratio_upper;  ///< e^(θ + z₁₋α/₂ SE)
  /// The inverse observed information, rows × rows row-major in the same order (empty when
  /// withheld).
  std::vector<double> covariance;

  // ---- the fit as a whole
  double log_likelihood = 0;       ///< llf = Σᵢ sᵢ log P(yᵢ | xᵢ)
  double null_log_likelihood = 0;  ///< llnull, the intercept-only model (see the file comment)
  double deviance = 0;             ///< −2 llf
  double null_deviance = 0;        ///< −2 llnull
  double aic = 0;                  ///< −2 llf + 2p
  double bic = 0;                  ///< −2 llf + p log n
  double pseudo_r2 = 0;            ///< McFadden: 1 − llf/llnull
  double llr = 0;                  ///< likelihood-ratio χ² = 2(llf − llnull)
  double llr_df = 0;               ///< its degrees of freedom, = df_model
  double llr_p_value = 0;          ///< P(χ²_df ≥ llr)
  double n_obs = 0;                ///< n = Σᵢ sᵢ (the number of rows without weights)
  std::size_t n_rows = 0;          ///< rows of X
  double df_model = 0;             ///< p − (k − 1): parameters beyond the null model's
  double df_resid = 0;             ///< n − p

  // ---- withholding
  std::string withheld;       ///< empty, or why the inference numbers are withheld
  std::string withheld_code;  ///< empty, or one of the codes listed above
  /// "collinear": the 1-based columns of X involved in a linear dependency (sorted), and
  /// whether the intercept is involved (e.g. a constant column).
  std::vector<int> collinear_columns;
  bool collinear_intercept = false;
};

/// @brief The statsmodels-style summary of a fitted model on its training data.
/// @param model a fitted model (std::logic_error otherwise)
/// @param X, y the data it was fitted on: X n × d, y class indices 0 … k−1
/// @param report the FitReport of that fit, or nullptr (its convergence and separation
///   warnings are then unknown; the checks on θ itself still run)
/// @param level confidence level of the intervals, in (0, 1)
/// @param sample_weight the sample weights passed to fit (frequency weights), or nullptr
/// @throws std::invalid_argument on bad data, level or weights (the message names the row,
///   column and value), std::logic_error before fit.
Summary summarize(const LogisticModel& model, const MatrixView& X, const std::vector<double>& y,
                  const FitReport* report, double level = 0.95,
                  const std::vector<double>* sample_weight = nullptr);

}  // namespace logreg
