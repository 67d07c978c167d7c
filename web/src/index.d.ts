// SPDX-License-Identifier: MIT
// Hand-written types of logreg-wasm (Emscripten 3.1.6 has no --emit-tsd). Checked with
// `tsc --noEmit --strict` against tests/js/types/consumer.ts.

/** A class label: the values of y are all numbers, all booleans or all strings. */
export type Label = number | boolean | string;

/**
 * A feature matrix X with n rows (samples) and d columns (features):
 * - `number[][]` (any array of equally long arrays of finite numbers): copied into a
 *   Float64Array;
 * - `{ data, rows, cols }`: `data` holds `rows × cols` values in row-major order
 *   (row i is `data.subarray(i * cols, (i + 1) * cols)`). A Float32Array stays float32
 *   inside the wasm module (half the memory; every sum is still accumulated in double).
 *   It is copied once into wasm memory per call.
 */
export type Matrix =
  | ReadonlyArray<ArrayLike<number>>
  | { readonly data: Float32Array | Float64Array; readonly rows: number; readonly cols: number };

/** The optimizer. Every solver stops when ‖∇F‖∞ ≤ tolerance, so their answers agree. */
export type Solver =
  /**
   * The default: the solver of smaller expected cost, by a cost model (C++ options.hpp). A
   * gradient pass costs ~n·m (n rows, m parameters); a Newton iteration adds the Hessian,
   * ~n·m²/4 (two classes; 2·n·m² with k classes), and needs ~8 iterations; L-BFGS needs
   * ~10 + 2√κ, κ a lower bound on the conditioning read off the column means and spreads
   * (1 with `standardize`). So: Newton on badly scaled or offset columns and on small
   * problems, L-BFGS on well-scaled ones with many rows. Started with L-BFGS, it switches to
   * Newton (`report.solver` then says 'newton') once L-BFGS has spent what Newton's whole run
   * would cost, so hidden ill-conditioning (correlated columns) costs at most about twice the
   * better choice. L-BFGS alone with `l1`, loss 'squared', or more than 500 parameters.
   */
  | 'auto'
  /** Gradient descent with the fixed step `learningRate` (the textbook update). */
  | 'gd'
  /** Minibatch stochastic gradient descent (`batchSize`, `seed`, `learningRateSchedule`). */
  | 'sgd'
  /** Newton / IRLS with a backtracking line search: a handful of iterations, any scaling.
   *  Up to 500 parameters (beyond, one iteration would freeze the page: use 'lbfgs'). */
  | 'newton'
  /** L-BFGS with a Wolfe line search (OWL-QN with an L1 penalty). */
  | 'lbfgs';

/**
 * Training options. Every field is optional; the defaults are shown.
 *
 * The objective minimised (intercepts never penalized, sᵢ the row weights):
 *
 *   F(w, b) = (1/n) Σᵢ sᵢ ℓᵢ + (l2/2)‖w‖² + l1‖w‖₁,
 *
 * ℓᵢ = log(1 + e^zᵢ) − yᵢzᵢ (binary, zᵢ = wᵀxᵢ + b) or log Σ_c e^z_ic − z_{i,yᵢ} (k classes).
 * scikit-learn's `C` (objective C Σ sᵢℓᵢ + ½‖w‖²) is `l2 = 1 / (C·n)`; its elastic net
 * (`C`, `l1_ratio` ρ) is `l2 = (1 − ρ)/(C·n)`, `l1 = ρ/(C·n)`.
 */
export interface Options {
  /** The optimizer. Default 'auto'. */
  solver?: Solver;
  /** Step size α of 'gd' and 'sgd', θ ← θ − α∇F(θ). Finite, > 0. Default 0.1.
   *  For 'gd' a constant α ≤ 1/L with L = ‖[X 1]‖₂² / (4n) always converges. */
  learningRate?: number;
  /** Upper bound on iterations (epochs for 'sgd'): an integer from 1 to 100,000,000. Default 10000. */
  maxIterations?: number;
  /** Stop when ‖∇F‖∞ ≤ tolerance (with l1, the minimum-norm subgradient; with sample or class
   *  weights, ≤ tolerance × the mean weight, so scaling all weights changes nothing). Finite, ≥ 0.
   *  Default 1e-6. */
  tolerance?: number;
  /** Fit intercepts; when false they stay 0. Default true. */
  fitIntercept?: boolean;
  /** L2 penalty strength λ₂ ≥ 0 on the weights. Default 0. */
  l2?: number;
  /** L1 penalty strength λ₁ ≥ 0 on the weights (needs 'auto' or 'lbfgs'). Default 0. */
  l1?: number;
  /** Fit on z-scored features (population std, as scikit-learn's StandardScaler) without
   *  copying X; the penalty applies to the standardized weights, and the model reports
   *  weights in both units. Constant columns are reported and keep weight 0. Default false. */
  standardize?: boolean;
  /** Per-class weights `{ [label]: weight }` multiplying each row's weight, or 'balanced':
   *  n / (k · n_c) as scikit-learn defines it. Default null (all 1). */
  classWeight?: null | 'balanced' | Readonly<Record<string, number>>;
  /** Start from the current parameters instead of zero. Default false. */
  warmStart?: boolean;
  /** 'sgd': rows per minibatch, ≥ 1. Default 32. */
  batchSize?: number;
  /** 'sgd': seed of the row shuffles (results are reproducible bit for bit). Default 0. */
  seed?: number;
  /** 'sgd': α constant, or α / (1 + t/decaySteps) after t updates. Default 'constant'. */
  learningRateSchedule?: 'constant' | 'inverse';
  /** 'sgd': τ of the inverse schedule. Default 1000. */
  decaySteps?: number;
  /** 'lbfgs': curvature pairs kept, 1 to 1000. Default 10. */
  historySize?: number;
  /** The loss: 'log' (cross-entropy: the model) or 'squared', (1/2n)Σ(σ(zᵢ) − yᵢ)², whose
   *  gradient carries the extra factor σ'(z) — for lessons comparing the two, not for use
   *  (two classes; not convex, so not with 'newton'). Default 'log'. */
  loss?: 'log' | 'squared';
}

/** Options after defaults were applied (what {@link LogisticModel.options} returns). */
export type ResolvedOptions = Readonly<Required<Options>>;

/** Per-call options of {@link LogisticModel.fit}. */
export interface FitOptions<L extends Label = Label> {
  /**
   * Two classes only: the label to treat as the positive class y = 1 (then `classes[1]`).
   * By default the larger of the two labels is positive (numbers ascending, false < true,
   * strings by UTF-16 code units), as in scikit-learn; a model that was already fitted keeps
   * the orientation it had.
   */
  positiveClass?: L;
  /** n non-negative finite weights sᵢ, one per row (multiplied by the class weights). */
  sampleWeight?: ArrayLike<number>;
  /** Called after every iteration; returning `false` stops the fit. If it throws, the fit
   *  stops and the exception is rethrown by `fit`. */
  onIteration?: (event: IterationEvent) => boolean | void;
  /** Keep the parameters of every iteration in {@link LogisticModel.history}. Default false. */
  recordWeights?: boolean;
}

/** What `onIteration` receives. */
export interface IterationEvent {
  iteration: number;
  /** F after the iteration. */
  loss: number;
  gradientNorm: number;
  /** α, or the line search's step length. */
  stepSize: number;
}

/** One entry of {@link LogisticModel.history} (iteration 0 is the starting point). */
export interface HistoryRecord extends IterationEvent {
  /** With `recordWeights`: θ in original units, the weights row by row then the intercepts. */
  parameters?: Float64Array;
}

/** What {@link LogisticModel.step} did. Vectors are in the solver's coordinates
 *  (standardized units with `standardize`). */
export interface StepResult {
  /** Iterations of this training session so far. */
  iteration: number;
  /** False when no progress was possible (at the rounding floor, or diverged). */
  moved: boolean;
  converged: boolean;
  diverged: boolean;
  lossBefore: number;
  lossAfter: number;
  gradientNorm: number;
  stepSize: number;
  /** ∇F before the step: { weights, intercept } for two classes, else θ's layout flat. */
  gradient: Gradient | Float64Array;
  /** θ after − θ before, shaped like `gradient`. */
  step: Gradient | Float64Array;
}

/** {@link LogisticModel.gradientCheck}: θ's layout (weights row by row, then intercepts). */
export interface GradientCheck {
  analytic: Float64Array;
  /** (J(θ + h eⱼ) − J(θ − h eⱼ)) / 2h with h = ε^(1/3)·max(1, |θⱼ|). */
  numeric: Float64Array;
  relativeError: Float64Array;
  maxRelativeError: number;
}

/** One row of {@link Summary.coefficients}. */
export interface SummaryRow<L extends Label = Label> {
  /** The feature name, or 'intercept'. */
  name: string;
  /** k ≥ 3 classes: the class of this equation, against the reference class. */
  class?: L;
  reference?: L;
  estimate: number;
  /** The following are null when the summary is withheld. */
  stdError: number | null;
  z: number | null;
  /** Two-sided, accurate down to 1e-300. */
  pValue: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  oddsRatio: number;
  oddsRatioLower: number | null;
  oddsRatioUpper: number | null;
}

/** {@link LogisticModel.summary}: what statsmodels' Logit/MNLogit summary gives. */
export interface Summary<L extends Label = Label> {
  model: 'logit' | 'mnlogit';
  /** Why the inference numbers are withheld, or null. Codes: 'penalized', 'class-weights',
   *  'collinear' (with the columns, 1-based), 'separation', 'quasi-separation',
   *  'not-converged', 'singular-information', 'not-optimal'. */
  withheld: null | { code: string; message: string; collinearColumns: number[]; collinearIntercept: boolean };
  level: number;
  coefficients: SummaryRow<L>[];
  /** The inverse observed information, rows in the order of `coefficients`. */
  covariance: DenseMatrix | null;
  logLikelihood: number;
  nullLogLikelihood: number;
  deviance: number;
  nullDeviance: number;
  aic: number | null;
  bic: number | null;
  /** McFadden: 1 − llf/llnull. */
  pseudoR2: number | null;
  /** Likelihood-ratio χ² = 2(llf − llnull), its df and p-value. */
  llr: number | null;
  llrDf: number;
  llrPValue: number | null;
  /** Σ sample weights (the rows without them). */
  nObs: number;
  nRows: number;
  dfModel: number;
  dfResid: number;
}

/** A problem found while fitting, in plain words with advice. */
export interface FitWarning {
  /** 'not-converged' | 'diverged' | 'separation' | 'quasi-separation' | 'constant-columns' */
  code: string;
  message: string;
}

/** What {@link LogisticModel.fit} reports. */
export interface FitReport {
  /** Solver iterations (epochs for 'sgd'). */
  iterations: number;
  /** True when ‖∇F‖∞ ≤ tolerance at the returned parameters. */
  converged: boolean;
  /** F, the minimised objective (weights and penalties included), at the returned parameters. */
  loss: number;
  /** ‖∇F‖∞ at the returned parameters. */
  gradientNorm: number;
  /** The solver that ran ('auto' resolved). */
  solver: Exclude<Solver, 'auto'>;
  /** Problems found: separation (no finite optimum without a penalty), divergence (with a
   *  learning rate that works), non-convergence, constant columns. Empty when all is well. */
  warnings: FitWarning[];
  /** 0-based indices of constant feature columns. */
  constantColumns: number[];
}

/** A row-major matrix result: element (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** The gradient of J at the current parameters. Two classes: */
export interface Gradient {
  /** ∇w J = (1/n) Xᵀ(σ(Xw + b) − y), one value per feature. */
  weights: Float64Array;
  /** ∂J/∂b = (1/n) Σᵢ (σ(zᵢ) − yᵢ) (reported even when fitIntercept is false). */
  intercept: number;
}

/** The gradient of J for any number of classes: one row per output; for k ≥ 3 row c is
 *  ∇_{w_c} J = (1/n) Σᵢ (P_ic − [yᵢ = c]) xᵢ. */
export interface MultinomialGradient {
  weights: DenseMatrix;
  intercepts: Float64Array;
}

/** The plain, JSON-safe form of a model ({@link LogisticModel.toJSON}). */
export interface ModelJSON<L extends Label = Label> {
  format: 'logreg-wasm/model';
  /** 2; version 1 files (binary, with `intercept`) are still read. */
  version: 2;
  options: Required<Options>;
  /** The labels in class order, or null for a model that was never fitted. */
  classes: L[] | null;
  /** The weights row-major: nFeatures values for two classes, k × nFeatures for k ≥ 3. */
  coefficients: number[];
  /** One intercept for two classes, k for k ≥ 3 (empty when not fitted). */
  intercepts: number[];
  nFeatures: number;
}

/**
 * Logistic regression: binary, ŷ = σ(Xw + b), or multinomial for k ≥ 3 classes,
 * P(y = c | x) = softmax(Wx + b)_c. Trained by minimising the objective F of {@link Options}
 * (the mean cross-entropy J(w, b) = (1/n) Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ] without weights or
 * penalties). Without a penalty a k-class model uses classes[0] as the reference (its
 * weights are 0), as statsmodels does; with one all k are free, as in scikit-learn.
 *
 * Each instance owns memory inside the WebAssembly module: call {@link dispose} (or use
 * `using`) when done. A FinalizationRegistry frees forgotten models eventually, but garbage
 * collection may run late or never, so do not rely on it.
 *
 * Errors: invalid arguments throw `TypeError` (wrong type, unknown option name, mixed label
 * types) or `Error`/`RangeError` (wrong shape or value); messages name the method, the row,
 * column and value, e.g. `fit: X[4][2] is not a finite number: 'abc'`. A failed call
 * changes nothing, and the model and the module stay usable.
 *
 * @typeParam L - the label type of y (inferred nowhere: write `new LogisticModel<string>()`
 * to have `predict` return `string[]`).
 *
 * @example
 * ```ts
 * import { LogisticModel } from 'logreg-wasm';
 *
 * const X = [[0.5, 1], [1, 0.5], [1.5, 2], [2, 1], [2.5, 2.5], [3, 1.5], [3, 2.5], [0.5, 0.5]];
 * const y = ['ham', 'ham', 'spam', 'ham', 'spam', 'spam', 'ham', 'spam'];
 * const model = new LogisticModel({ tolerance: 1e-8 });   // solver 'auto': Newton here
 * try {
 *   const report = model.fit(X, y);        // { iterations, converged: true, loss, …, warnings: [] }
 *   model.predict([[0, 0], [4, 4]]);        // ['ham', 'spam']
 *   model.predictProba([[4, 4]]);           // Float64Array [P(y = 'spam')]
 * } finally {
 *   model.dispose();                        // frees the wasm memory; a second call does nothing
 * }
 *
 * // With explicit resource management (TypeScript 5.2+, engines with Symbol.dispose):
 * {
 *   using scoped = new LogisticModel();
 *   scoped.fit(X, y);
 * } // scoped[Symbol.dispose]() has run here
 * ```
 */
export class LogisticModel<L extends Label = Label> {
  /**
   * @param options - training options; omitted fields take their defaults.
   * @throws TypeError if `options` has an unknown name (the message lists the valid ones)
   *   or a value of the wrong type (e.g. `learningRate: '0.1'`).
   * @throws Error if a value is out of range (e.g. `learningRate: 0`).
   */
  constructor(options?: Options);

  /**
   * Trains the model from zero (or from the current parameters with `warmStart`).
   * The first fit fixes `classes`; later fits must use the same labels.
   * @param X - n × d features.
   * @param y - n labels with two or more distinct values, all numbers, all booleans or all
   *   strings. Two labels fit the binary model, k ≥ 3 the multinomial one.
   * @param fitOptions - `{ sampleWeight, positiveClass }`.
   * @returns how the run ended. Not converging, divergence and separation are reported in
   *   `warnings`, not thrown.
   * @throws TypeError if X or y has the wrong type, y mixes label types, or a cell of X is
   *   not a number.
   * @throws Error if X is empty or ragged, has a non-finite value, X and y differ in length,
   *   y has one class, `positiveClass` is not in y, a weight is negative or not finite, or
   *   the labels differ from those the model was fitted with.
   * @throws Error `LogisticModel: this model has been disposed` after {@link dispose}.
   */
  fit(X: Matrix, y: ArrayLike<L>, fitOptions?: FitOptions<L>): FitReport;

  /**
   * P(y = classes[1] | x) = σ(wᵀx + b) for each row, in a new Float64Array (two classes).
   * @throws Error for a k-class model (use {@link predictProbaMatrix}), if the model is not
   *   fitted, or X is invalid or has the wrong number of columns.
   */
  predictProba(X: Matrix): Float64Array;

  /**
   * Any number of classes: the n × k probabilities, row i holding P(y = classes[c] | xᵢ)
   * (softmax of the scores; for two classes the columns are 1 − p and p).
   * @throws Error if the model is not fitted, X is invalid or has the wrong number of columns.
   */
  predictProbaMatrix(X: Matrix): DenseMatrix;

  /**
   * The predicted label of each row: two classes, `classes[1]` where P(y = classes[1]) ≥
   * threshold, else `classes[0]`; k ≥ 3, the most probable class.
   * @param threshold - in [0, 1]; default 0.5 (the only value allowed for k ≥ 3).
   * @throws TypeError if threshold is not a number.
   * @throws Error if threshold is outside [0, 1], the model is not fitted, or X is invalid.
   */
  predict(X: Matrix, threshold?: number): L[];

  /**
   * z = Xw + b for each row (the log-odds of classes[1]), in a new Float64Array (two classes).
   * @throws Error for a k-class model (use {@link decisionFunctionMatrix}), if the model is
   *   not fitted, or X is invalid or has the wrong number of columns.
   */
  decisionFunction(X: Matrix): Float64Array;

  /** Any number of classes: the scores, n × 1 for two classes, n × k (Wx + b) for k ≥ 3. */
  decisionFunctionMatrix(X: Matrix): DenseMatrix;

  /**
   * J(w, b) = −(1/n) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)] at the current parameters, with
   * yᵢ = 1 for classes[1] (k classes: −(1/n) Σᵢ log P(yᵢ | xᵢ)); no weights, no penalty.
   * Evaluated in an overflow-free form: finite even for |z| = 1000.
   * @param y - labels from the model's classes.
   * @throws Error if the model is not fitted, X is invalid, or a label is not one of `classes`.
   */
  loss(X: Matrix, y: ArrayLike<L>): number;

  /**
   * ∇J at the current parameters (of {@link loss}'s J): ∇w J = (1/n) Xᵀ(ŷ − y) and
   * ∂J/∂b = (1/n) Σᵢ (ŷᵢ − yᵢ) (two classes).
   * @throws Error for a k-class model (use {@link gradientMatrix}), if the model is not
   *   fitted, X is invalid, or a label is not one of `classes`.
   */
  gradient(X: Matrix, y: ArrayLike<L>): Gradient;

  /** Any number of classes: ∇J as outputs × d weight gradients and the intercept gradients. */
  gradientMatrix(X: Matrix, y: ArrayLike<L>): MultinomialGradient;

  /** w in the units of X: a new Float64Array of nFeatures values (empty before fit).
   *  @throws Error for a k-class model (use `coefficientMatrix`) or after dispose. */
  readonly coefficients: Float64Array;
  /** Any number of classes: the outputs × nFeatures weights (1 row for two classes, k for k ≥ 3). */
  readonly coefficientMatrix: DenseMatrix;
  /** b (0 before fit). @throws Error for a k-class model (use `intercepts`) or after dispose. */
  readonly intercept: number;
  /** All intercepts: 1 for two classes, k for k ≥ 3. @throws Error after dispose. */
  readonly intercepts: Float64Array;
  /** With `standardize`: the outputs × nFeatures weights in standardized units (where the
   *  penalty applies); null otherwise. @throws Error after dispose. */
  readonly standardizedCoefficients: DenseMatrix | null;
  /** With `standardize`: the intercepts in standardized units; null otherwise. */
  readonly standardizedIntercepts: Float64Array | null;
  /** With `standardize`: the feature means and population standard deviations used. */
  readonly featureMean: Float64Array | null;
  readonly featureScale: Float64Array | null;
  /** The labels in class order (two classes: `[negative, positive]`), or null before fit.
   *  @throws Error after dispose. */
  readonly classes: readonly L[] | null;
  /** d, the number of features (0 before fit). @throws Error after dispose. */
  readonly nFeatures: number;
  /** True once fitted (or loaded with {@link LogisticModel.fromJSON}). @throws Error after dispose. */
  readonly fitted: boolean;
  /** The options in force, defaults filled in (frozen). @throws Error after dispose. */
  readonly options: ResolvedOptions;

  /**
   * A plain object for `JSON.stringify` (called by it automatically). Numbers round-trip
   * exactly, so a model restored with {@link LogisticModel.fromJSON} predicts identically.
   * @throws Error after {@link dispose}.
   */
  toJSON(): ModelJSON<L>;

  /**
   * Recreates a model from {@link toJSON}'s output (parse the text with JSON.parse first).
   * Everything is checked: format, version, option names/types/ranges, that there are
   * outputs × nFeatures finite coefficients and one finite intercept per output (0 without
   * fitIntercept), and distinct labels of one type (or null for an unfitted model).
   * @throws TypeError if `obj` is not an object or an option has the wrong type.
   * @throws Error naming the first field that is wrong.
   */
  static fromJSON<L extends Label = Label>(obj: unknown): LogisticModel<L>;

  /**
   * Frees the model's wasm memory. Idempotent: later calls do nothing. Afterwards every other
   * method and property throws `Error('LogisticModel: this model has been disposed')`.
   */
  dispose(): void;

  /**
   * Exactly one iteration of the chosen solver on (X, y). The first call — or a call with
   * other data, or after fit/fromJSON — starts a session from the current parameters (zero
   * before any fit); k calls from an unfitted model give exactly `fit` with maxIterations = k.
   * @throws as {@link fit}.
   */
  step(X: Matrix, y: ArrayLike<L>, options?: Pick<FitOptions<L>, 'sampleWeight' | 'positiveClass'>): StepResult;

  /** The last fit's (or step session's) iterations, the starting point first. */
  readonly history: HistoryRecord[];

  /** Central finite differences of J against its analytic gradient, per parameter.
   *  @throws Error if the model is not fitted or the data is invalid. */
  gradientCheck(X: Matrix, y: ArrayLike<L>): GradientCheck;

  /**
   * J over a grid of two parameters, the others held at their current values (for contour
   * plots with the descent path on top).
   * @param grid - `i`, `j`: indices into θ (weights row by row, then intercepts) or
   *   'intercept' (two classes); `ranges`: [[lo, hi], [lo, hi]]; `steps`: per axis (default 25).
   * @returns `values` (rows along i) and the axes `xs` (parameter i) and `ys` (parameter j).
   */
  lossSurface(X: Matrix, y: ArrayLike<L>, grid: {
    i: number | 'intercept'; j: number | 'intercept';
    ranges: [[number, number], [number, number]]; steps?: number | [number, number];
  }): { values: DenseMatrix; xs: Float64Array; ys: Float64Array };

  /** 1/L: a learning rate with which 'gd' always converges on X under the current options,
   *  L = ‖[X 1]‖₂²/(4n) + l2 by power iteration (/(2n) for k ≥ 3 classes, from y if given). */
  suggestLearningRate(X: Matrix, y?: ArrayLike<L>): number;

  /**
   * The inference summary of the last fit, computed on the data it was fitted on: standard
   * errors from the inverse observed information ([X 1]ᵀ S [X 1])⁻¹, z, p-values, Wald
   * intervals, odds ratios, log-likelihoods, deviance, AIC, BIC, McFadden R², the LR test.
   * Withheld, with the reason, when meaningless (penalized, not converged, separated,
   * collinear columns — named).
   * @param options - `level` of the intervals (default 0.95); `featureNames` (default x1, x2, …).
   */
  summary(X: Matrix, y: ArrayLike<L>, options?: { level?: number; featureNames?: string[] }): Summary<L>;

  /** Same as {@link dispose}; lets `using model = new LogisticModel()` free it at scope end. */
  [Symbol.dispose](): void;
}

// ---- metrics (web/src/metrics.js) -----------------------------------------------------------
//
// Classification metrics in plain JavaScript: no wasm and no model needed (they are also
// exported by the package entry). Each equals scikit-learn 1.2.1 to rounding (the tests
// compare with values it computed, to 1e-12).
//
// Conventions of every function:
// - labels (yTrue, yPred, `labels`, `positiveLabel`) are all numbers, all booleans or all
//   strings, sorted as the model sorts them: numbers ascending, false < true, strings by
//   UTF-16 code units;
// - binary metrics score `positiveLabel` against the rest; by default it is the larger of the
//   two labels present (what a LogisticModel fitted without positiveClass calls classes[1]);
// - 1-D probabilities are P(y = positiveLabel) (model.predictProba); matrices are n × k, as
//   number[][] or `{ data, rows, cols }` row-major (model.predictProbaMatrix), column c being
//   P(y = labels[c]);
// - `sampleWeight`: one finite weight ≥ 0 per row, not all 0;
// - results are plain numbers, fresh Float64Arrays and plain objects.
//
// Errors (named after the function, the argument, the index and the value, e.g.
// `rocCurve: scores[3] is not a finite number: NaN`): TypeError for a wrong type, a mix of
// label types, an unknown option or option value; RangeError for a probability outside [0, 1]
// or another number out of range; Error for different lengths, empty input, a non-finite
// score, a label that is not allowed, or one class where two are needed.

/** Per-row weights accepted by the metrics (all of them but calibrationCurve). */
export interface SampleWeightOption {
  /** n finite weights ≥ 0, not all 0; a row of weight 0 counts for nothing (and adds no
   *  threshold to a curve). Default: all 1. */
  sampleWeight?: ArrayLike<number>;
}

/** Options of the metrics that score one label against the rest. */
export interface BinaryMetricOptions<L extends Label = Label> extends SampleWeightOption {
  /** The positive label. Default: the larger of the two labels in yTrue (required when
   *  yTrue holds one label; with more than two, scores this label against all others). */
  positiveLabel?: L;
}

/**
 * The fraction of rows predicted right, Σ wᵢ [ŷᵢ = yᵢ] / Σ wᵢ (accuracy_score).
 * @throws Error if yTrue is empty or yTrue, yPred and sampleWeight differ in length.
 * @throws TypeError if a label is not a finite number, boolean or string, or the labels mix types.
 */
export function accuracy<L extends Label>(yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options?: SampleWeightOption): number;

/** {@link confusionMatrix}'s result: `matrix[i][j]` counts (or sums the weights of) the rows
 *  with true label `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrix<L extends Label = Label> {
  labels: L[];
  matrix: number[][];
}

/**
 * The confusion matrix (confusion_matrix): rows true labels, columns predicted ones.
 * @param options.labels - the labels and their order; rows whose true or predicted label is
 *   not among them are left out. Default: every label in yTrue or yPred, sorted.
 * @throws Error if `labels` repeats a label or none of them occurs in yTrue, or as {@link accuracy}.
 */
export function confusionMatrix<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options?: SampleWeightOption & { labels?: ArrayLike<L> }): ConfusionMatrix<L>;

/** How {@link precision}, {@link recall} and {@link f1} combine the labels:
 *  'binary' the positive label only; 'macro' the mean over the labels in yTrue or yPred;
 *  'weighted' the mean weighted by each label's support (rows with that true label);
 *  'micro' the ratio of the counts summed over the labels (= accuracy for single-label data). */
export type Average = 'binary' | 'macro' | 'weighted' | 'micro';

/** Options of {@link precision}, {@link recall} and {@link f1}. */
export interface PrecisionRecallOptions<L extends Label = Label> extends BinaryMetricOptions<L> {
  /** Default 'binary' (yTrue and yPred then hold at most two labels); null: per label.
   *  `positiveLabel` applies to 'binary' only. */
  average?: Average | null;
  /** The value of a 0/0 ratio (no predicted rows for precision, no true rows for recall).
   *  F1 is 0 when precision + recall = 0. Default 0 (scikit-learn's 'warn', without the warning). */
  zeroDivision?: 0 | 1;
}

/** Per-label results (`average: null`), in the sorted order of the labels in yTrue or yPred. */
export interface PerLabelScores<L extends Label = Label> {
  labels: L[];
  values: Float64Array;
  /** Rows (sums of weights) with each true label. */
  support: Float64Array;
}

/**
 * Precision tp / (tp + fp) (precision_score).
 * @throws TypeError for an unknown `average`, a `zeroDivision` other than 0 or 1, or a
 *   `positiveLabel` with an average other than 'binary' or of another type than the labels.
 * @throws Error for 'binary' with more than two labels, or a single label and no
 *   positiveLabel, or as {@link accuracy}.
 */
export function precision<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options: PrecisionRecallOptions<L> & { average: null }): PerLabelScores<L>;
export function precision<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options?: PrecisionRecallOptions<L> & { average?: Average }): number;

/** Recall tp / (tp + fn) (recall_score). @throws as {@link precision}. */
export function recall<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options: PrecisionRecallOptions<L> & { average: null }): PerLabelScores<L>;
export function recall<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options?: PrecisionRecallOptions<L> & { average?: Average }): number;

/** F1 = 2PR / (P + R), the harmonic mean of precision and recall (f1_score). @throws as {@link precision}. */
export function f1<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options: PrecisionRecallOptions<L> & { average: null }): PerLabelScores<L>;
export function f1<L extends Label>(
  yTrue: ArrayLike<L>, yPred: ArrayLike<L>, options?: PrecisionRecallOptions<L> & { average?: Average }): number;

/** {@link binaryMetricsAtThreshold}'s result; counts are sums of weights with sampleWeight. */
export interface ThresholdMetrics {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** (tp + tn) / n */
  accuracy: number;
  /** tp / (tp + fp) */
  precision: number;
  /** tp / (tp + fn), the true positive rate */
  recall: number;
  f1: number;
  /** tn / (tn + fp), the true negative rate */
  specificity: number;
}

/**
 * The confusion counts and metrics of the rule "positive where p ≥ threshold" (the rule of
 * LogisticModel.predict): the numbers behind a threshold slider.
 * @param probabilities - P(y = positiveLabel) per row, in [0, 1].
 * @param options.threshold - in [0, 1]; default 0.5.
 * @param options.zeroDivision - the value of a 0/0 ratio; default 0.
 * @throws RangeError if a probability or the threshold is outside [0, 1].
 * @throws Error for one label in yTrue without positiveLabel, or as {@link accuracy}.
 */
export function binaryMetricsAtThreshold<L extends Label>(
  yTrue: ArrayLike<L>, probabilities: ArrayLike<number>,
  options?: BinaryMetricOptions<L> & { threshold?: number; zeroDivision?: 0 | 1 }): ThresholdMetrics;

/**
 * The mean cross-entropy −(1/Σw) Σᵢ wᵢ log P(yᵢ) in nats (log_loss), each probability clipped
 * to [eps, 1 − eps] first.
 * @param probabilities - 1-D: P(y = labels[1]), labels being the two sorted labels of yTrue
 *   (the larger label, as scikit-learn's 1-D convention; model.predictProba). Or an n × k
 *   matrix, column c holding P(y = labels[c]); each clipped row is divided by its sum, as
 *   scikit-learn does.
 * @param options.labels - every class, in column order (default: the sorted labels of yTrue).
 *   Needed when yTrue lacks a class.
 * @param options.eps - in [0, 0.5); default 2⁻⁵² ≈ 2.2e-16, scikit-learn 1.2's eps='auto'
 *   (earlier versions used 1e-15): a wrong 0 or 1 costs −log(2⁻⁵²) ≈ 36.04. With 0 it costs
 *   Infinity. Float32Array probabilities are widened to double first.
 * @throws RangeError if a probability is outside [0, 1] or eps outside [0, 0.5).
 * @throws Error if yTrue holds one label and `labels` is not given, a label of yTrue is not
 *   in `labels`, or the number of columns differs from the number of labels.
 */
export function logLoss<L extends Label>(
  yTrue: ArrayLike<L>, probabilities: ArrayLike<number> | Matrix,
  options?: SampleWeightOption & { labels?: ArrayLike<L>; eps?: number }): number;

/**
 * The Brier score Σ wᵢ (yᵢ − pᵢ)² / Σ wᵢ, yᵢ = 1 for positiveLabel (brier_score_loss).
 * @throws RangeError if a probability is outside [0, 1].
 * @throws Error for one label in yTrue without positiveLabel, or as {@link accuracy}.
 */
export function brierScore<L extends Label>(
  yTrue: ArrayLike<L>, probabilities: ArrayLike<number>, options?: BinaryMetricOptions<L>): number;

/** A ROC curve: element i is the point of the rule "positive where score ≥ thresholds[i]". */
export interface RocCurve {
  /** False positive rates fp / N, increasing from 0 to 1. */
  fpr: Float64Array;
  /** True positive rates tp / P, increasing from 0 to 1. */
  tpr: Float64Array;
  /** Decreasing; thresholds[0] = max(score) + 1 (nothing positive, the point (0, 0)). */
  thresholds: Float64Array;
}

/**
 * The ROC curve of binary scores (roc_curve), one point per distinct score (tied rows form
 * one point).
 * @param scores - any finite numbers, higher meaning more likely positive (probabilities,
 *   model.decisionFunction).
 * @param options.dropIntermediate - drop points on straight segments of the curve, which
 *   change neither its plot nor its area. Default true.
 * @throws Error if a score is not finite, or yTrue lacks the positive or the negative class
 *   (among the rows of weight > 0).
 */
export function rocCurve<L extends Label>(
  yTrue: ArrayLike<L>, scores: ArrayLike<number>,
  options?: BinaryMetricOptions<L> & { dropIntermediate?: boolean }): RocCurve;

/** Options of {@link rocAuc} with an n × k probability matrix. */
export interface MulticlassAucOptions<L extends Label = Label> extends SampleWeightOption {
  /** One-vs-rest: the AUC of labels[c] against the rest on column c. The only one. */
  multiClass?: 'ovr';
  /** 'macro' (default) the mean of the k AUCs; 'weighted' weighted by support; 'micro' one
   *  AUC over all n·k (row, column) pairs. */
  average?: 'macro' | 'weighted' | 'micro';
  /** Every class, in column order. Default: the sorted labels of yTrue. */
  labels?: ArrayLike<L>;
}

/**
 * The area under the ROC curve by the trapezoidal rule (roc_auc_score): the probability that a
 * random positive scores above a random negative, ties counting one half.
 * @throws as {@link rocCurve}.
 */
export function rocAuc<L extends Label>(
  yTrue: ArrayLike<L>, scores: ArrayLike<number>, options?: BinaryMetricOptions<L>): number;
/**
 * One-vs-rest AUC of an n × k probability matrix `scores` (roc_auc_score, multi_class='ovr'),
 * column c holding P(y = labels[c]). Two columns give the binary AUC of column 1.
 * @throws Error if a row does not sum to 1 (within 1e-8 + 1e-5), the number of columns differs
 *   from the number of labels, or a class has no rows of weight > 0.
 */
export function rocAuc<L extends Label>(
  yTrue: ArrayLike<L>, scores: Matrix, options?: MulticlassAucOptions<L>): number;

/** A precision-recall curve: element i for "positive where score ≥ thresholds[i]", plus a
 *  last point (precision 1, recall 0) without a threshold. */
export interface PrecisionRecallCurve {
  precision: Float64Array;
  /** Decreasing to 0. */
  recall: Float64Array;
  /** Increasing: the distinct scores (one fewer than precision and recall). */
  thresholds: Float64Array;
}

/**
 * The precision-recall curve of binary scores (precision_recall_curve).
 * @throws Error if a score is not finite or yTrue has no positive rows (of weight > 0).
 */
export function precisionRecallCurve<L extends Label>(
  yTrue: ArrayLike<L>, scores: ArrayLike<number>, options?: BinaryMetricOptions<L>): PrecisionRecallCurve;

/**
 * Average precision AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds (average_precision_score):
 * each precision weighted by the recall gained, a step function, not the interpolated area.
 * @throws as {@link precisionRecallCurve}.
 */
export function averagePrecision<L extends Label>(
  yTrue: ArrayLike<L>, scores: ArrayLike<number>, options?: BinaryMetricOptions<L>): number;

/** {@link calibrationCurve}'s result, one element per non-empty bin. */
export interface CalibrationCurve {
  /** The fraction of positive rows in the bin. */
  probTrue: Float64Array;
  /** The mean predicted probability in the bin. */
  probPred: Float64Array;
  /** The number of rows in the bin. */
  counts: Float64Array;
}

/**
 * The reliability diagram (calibration.calibration_curve; empty bins are left out). A
 * probability on a bin edge belongs to the lower bin.
 * @param options.nBins - an integer ≥ 1; default 10 (scikit-learn's default is 5).
 * @param options.strategy - 'uniform' (default): edges i/nBins; 'quantile': the i/nBins
 *   quantiles of the probabilities, so that the bins hold about equally many rows.
 * @throws RangeError if a probability is outside [0, 1] or nBins < 1.
 * @throws TypeError for an unknown strategy or a non-integer nBins.
 */
export function calibrationCurve<L extends Label>(
  yTrue: ArrayLike<L>, probabilities: ArrayLike<number>,
  options?: { positiveLabel?: L; nBins?: number; strategy?: 'uniform' | 'quantile' }): CalibrationCurve;
