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
  /** Newton for up to 200 parameters without an L1 penalty, else L-BFGS. The default. */
  | 'auto'
  /** Gradient descent with the fixed step `learningRate` (the textbook update). */
  | 'gd'
  /** Minibatch stochastic gradient descent (`batchSize`, `seed`, `learningRateSchedule`). */
  | 'sgd'
  /** Newton / IRLS with a backtracking line search: a handful of iterations, any scaling. */
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
  /** Upper bound on iterations (epochs for 'sgd'): an integer from 1 to 100,000,000. Default 1000. */
  maxIterations?: number;
  /** Stop when ‖∇F‖∞ ≤ tolerance (with l1, the minimum-norm subgradient). Finite, ≥ 0. Default 1e-6. */
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

  /** Same as {@link dispose}; lets `using model = new LogisticModel()` free it at scope end. */
  [Symbol.dispose](): void;
}
