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

/** Training options. Every field is optional; the defaults are shown. */
export interface Options {
  /** Step size α of gradient descent, θ ← θ − α∇J(θ). Finite, > 0. Default 0.1.
   *  A constant α ≤ 1/L with L = ‖[X 1]‖₂² / (4n) always converges. */
  learningRate?: number;
  /** Upper bound on the number of gradient-descent updates: an integer from 1 to 100,000,000.
   *  Default 1000. */
  maxIterations?: number;
  /** Stop when ‖(∇w J, ∂J/∂b)‖∞ ≤ tolerance. Finite, ≥ 0. Default 1e-6. */
  tolerance?: number;
  /** Fit the intercept b; when false b stays 0. Default true. */
  fitIntercept?: boolean;
}

/** Options after defaults were applied (what {@link LogisticModel.options} returns). */
export type ResolvedOptions = Readonly<Required<Options>>;

/** Per-call options of {@link LogisticModel.fit}. */
export interface FitOptions<L extends Label = Label> {
  /**
   * The label to treat as the positive class y = 1 (then `classes[1]`). By default the
   * larger of the two labels is positive (numbers ascending, false < true, strings by
   * UTF-16 code units), as in scikit-learn; a model that was already fitted keeps the
   * orientation it had.
   */
  positiveClass?: L;
}

/** What {@link LogisticModel.fit} reports. */
export interface FitReport {
  /** Gradient-descent updates applied. */
  iterations: number;
  /** True when ‖∇J‖∞ ≤ tolerance at the returned parameters. */
  converged: boolean;
  /** J(w, b), the mean cross-entropy, at the returned parameters. */
  loss: number;
  /** ‖(∇w J, ∂J/∂b)‖∞ at the returned parameters. */
  gradientNorm: number;
}

/** The gradient of J at the current parameters. */
export interface Gradient {
  /** ∇w J = (1/n) Xᵀ(σ(Xw + b) − y), one value per feature. */
  weights: Float64Array;
  /** ∂J/∂b = (1/n) Σᵢ (σ(zᵢ) − yᵢ) (reported even when fitIntercept is false). */
  intercept: number;
}

/** The plain, JSON-safe form of a model ({@link LogisticModel.toJSON}). */
export interface ModelJSON<L extends Label = Label> {
  format: 'logreg-wasm/model';
  version: 1;
  options: Required<Options>;
  /** `[negative, positive]`, or null for a model that was never fitted. */
  classes: [L, L] | null;
  /** w, nFeatures values (empty when not fitted). */
  coefficients: number[];
  /** b (0 when not fitted or when fitIntercept is false). */
  intercept: number;
  nFeatures: number;
}

/**
 * Binary logistic regression, ŷ = σ(Xw + b), trained by gradient descent on the mean
 * cross-entropy J(w, b) = (1/n) Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ], zᵢ = wᵀxᵢ + b.
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
 * const model = new LogisticModel({ learningRate: 1, maxIterations: 10000, tolerance: 1e-8 });
 * try {
 *   const report = model.fit(X, y);        // { iterations, converged: true, loss, gradientNorm }
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
   * Trains the model by gradient descent from w = 0, b = 0 (every call starts afresh).
   * The first fit fixes `classes`; later fits must use the same two labels.
   * @param X - n × d features.
   * @param y - n labels, exactly two distinct values, all numbers, all booleans or all strings.
   * @param fitOptions - `{ positiveClass }` to choose which label is y = 1.
   * @returns how the run ended. Not converging is reported, not thrown.
   * @throws TypeError if X or y has the wrong type, y mixes label types, or a cell of X is
   *   not a number.
   * @throws Error if X is empty or ragged, has a non-finite value, X and y differ in length,
   *   y has one class or more than two (binary only for now), `positiveClass` is not in y,
   *   or the labels differ from those the model was fitted with.
   * @throws Error `LogisticModel: this model has been disposed` after {@link dispose}.
   */
  fit(X: Matrix, y: ArrayLike<L>, fitOptions?: FitOptions<L>): FitReport;

  /**
   * P(y = classes[1] | x) = σ(wᵀx + b) for each row, in a new Float64Array.
   * @throws Error if the model is not fitted, X is invalid or has the wrong number of columns.
   */
  predictProba(X: Matrix): Float64Array;

  /**
   * The predicted label of each row: `classes[1]` where P(y = classes[1]) ≥ threshold, else
   * `classes[0]`.
   * @param threshold - in [0, 1]; default 0.5.
   * @throws TypeError if threshold is not a number.
   * @throws Error if threshold is outside [0, 1], the model is not fitted, or X is invalid.
   */
  predict(X: Matrix, threshold?: number): L[];

  /**
   * z = Xw + b for each row (the log-odds of classes[1]), in a new Float64Array.
   * @throws Error if the model is not fitted, X is invalid or has the wrong number of columns.
   */
  decisionFunction(X: Matrix): Float64Array;

  /**
   * J(w, b) = −(1/n) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)] at the current parameters, with
   * yᵢ = 1 for classes[1]. Evaluated in an overflow-free form: finite even for |z| = 1000.
   * @param y - labels from the model's two classes.
   * @throws Error if the model is not fitted, X is invalid, or a label is not one of `classes`.
   */
  loss(X: Matrix, y: ArrayLike<L>): number;

  /**
   * ∇J at the current parameters: ∇w J = (1/n) Xᵀ(ŷ − y) and ∂J/∂b = (1/n) Σᵢ (ŷᵢ − yᵢ).
   * @throws Error if the model is not fitted, X is invalid, or a label is not one of `classes`.
   */
  gradient(X: Matrix, y: ArrayLike<L>): Gradient;

  /** w: a new Float64Array of nFeatures values (empty before fit). @throws Error after dispose. */
  readonly coefficients: Float64Array;
  /** b (0 before fit). @throws Error after dispose. */
  readonly intercept: number;
  /** `[negative, positive]` labels, or null before fit. @throws Error after dispose. */
  readonly classes: readonly [L, L] | null;
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
   * nFeatures finite coefficients, a finite intercept (0 without fitIntercept), and two
   * distinct labels of one type (or null for an unfitted model).
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
