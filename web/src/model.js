// SPDX-License-Identifier: MIT
// The public LogisticModel class, shared by the browser entry (index.js) and the Node entry
// (node.js). Each entry instantiates the wasm module once and calls defineLogisticModel.
//
// Division of labour with the C++ core (cpp/bindings/embind.cpp):
//  * here: everything that depends on JavaScript types — option names and types, the two
//    input shapes of X, label values and their mapping to class indices 0 … k−1, JSON (de)serialization;
//  * in C++: every numeric rule (option ranges, finiteness of typed-array data, shapes
//    against the fitted model, thresholds) and all of the arithmetic.
// The wrapper owns exactly one Embind handle (LogisticModelCore). dispose() deletes it and is
// idempotent; a FinalizationRegistry deletes handles of models that were never disposed, but
// only as a safety net: garbage collection may run late or never.

import { compareLabels, describe, isArrayLike, isNumberArray, isObject, labelType, listLabels, plural } from './values.js';

const DISPOSED_MESSAGE = 'LogisticModel: this model has been disposed';
const FORMAT = 'logreg-wasm/model';
const VERSION = 2;

/** Public option names with their defaults. */
const DEFAULT_OPTIONS = Object.freeze({
  solver: 'auto',
  learningRate: 0.1,
  maxIterations: 10000,
  tolerance: 1e-6,
  fitIntercept: true,
  l2: 0,
  l1: 0,
  standardize: false,
  classWeight: null,
  warmStart: false,
  batchSize: 32,
  seed: 0,
  learningRateSchedule: 'constant',
  decaySteps: 1000,
  historySize: 10,
  loss: 'log',
});
const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS);
const SOLVERS = ['auto', 'gd', 'sgd', 'newton', 'lbfgs'];
const SCHEDULES = ['constant', 'inverse'];
const LOSSES = ['log', 'squared'];
const BOOLEAN_OPTIONS = ['fitIntercept', 'standardize', 'warmStart'];
const INTEGER_OPTIONS = ['maxIterations', 'batchSize', 'historySize', 'seed'];
const FIT_OPTION_NAMES = ['positiveClass', 'sampleWeight', 'onIteration', 'recordWeights'];
const JSON_KEYS_V1 = ['format', 'version', 'options', 'classes', 'coefficients', 'intercept', 'nFeatures'];
const JSON_KEYS = ['format', 'version', 'options', 'classes', 'coefficients', 'intercepts', 'nFeatures'];

// Largest maxIterations the wasm32 size_t can carry; the real range check is C++'s.
const MAX_UINT32 = 0xffffffff;

// ---- small helpers ------------------------------------------------------------------------

// ---- options -----------------------------------------------------------------------------

/**
 * Fills in defaults and checks names and types; the ranges are checked by C++, whose
 * messages ("option learningRate must be …") these match. Returns a frozen plain object.
 * @param {string} prefix prepended to messages ('' for the constructor, 'fromJSON: ')
 */
function normalizeOptions(options, prefix) {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (!isObject(options)) {
    throw new TypeError(`${prefix}options must be an object, got ${describe(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      throw new TypeError(
        `${prefix}unknown option '${name}'; valid options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const out = { ...DEFAULT_OPTIONS };
  for (const name of OPTION_NAMES) {
    const value = options[name];
    if (value === undefined) continue;
    if (name === 'solver' || name === 'learningRateSchedule' || name === 'loss') {
      const allowed = name === 'solver' ? SOLVERS : name === 'loss' ? LOSSES : SCHEDULES;
      if (!allowed.includes(value)) {
        throw new TypeError(
          `${prefix}option ${name} must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${describe(value)}`);
      }
    } else if (name === 'classWeight') {
      if (value !== null && value !== 'balanced') {
        if (!isObject(value)) {
          throw new TypeError(
            `${prefix}option classWeight must be null, 'balanced' or an object { label: weight }, got ${describe(value)}`);
        }
        for (const [label, w] of Object.entries(value)) {
          if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) {
            throw new RangeError(`${prefix}option classWeight['${label}'] must be a finite number > 0, got ${describe(w)}`);
          }
        }
        out[name] = Object.freeze({ ...value });
        continue;
      }
    } else if (BOOLEAN_OPTIONS.includes(name)) {
      if (typeof value !== 'boolean') {
        throw new TypeError(`${prefix}option ${name} must be a boolean, got ${describe(value)}`);
      }
    } else if (typeof value !== 'number') {
      throw new TypeError(`${prefix}option ${name} must be a number, got ${describe(value)}`);
    } else if (INTEGER_OPTIONS.includes(name)) {
      if (!Number.isInteger(value)) {
        throw new TypeError(`${prefix}option ${name} must be an integer, got ${describe(value)}`);
      }
      // Outside 0 … 2³² − 1 (2⁵³ − 1 for seed) the value cannot reach C++ intact (wasm32
      // size_t); C++ checks the real ranges with the same wording.
      const max = name === 'seed' ? Number.MAX_SAFE_INTEGER : MAX_UINT32;
      if (value < 0 || value > max) {
        const rule = name === 'maxIterations' ? 'an integer from 1 to 100000000'
          : name === 'historySize' ? 'an integer from 1 to 1000'
            : name === 'seed' ? `an integer from 0 to ${Number.MAX_SAFE_INTEGER}` : 'an integer >= 1';
        throw new RangeError(`${prefix}option ${name} must be ${rule}, got ${describe(value)}`);
      }
    }
    out[name] = value;
  }
  return Object.freeze(out);
}

/** The options object the C++ binding reads (every field present). */
function coreOptions(options) {
  return { ...options, classWeight: undefined, classWeightBalanced: options.classWeight === 'balanced' };
}

function normalizeFitOptions(fitOptions, names = FIT_OPTION_NAMES, method = 'fit') {
  if (fitOptions === undefined) return {};
  if (!isObject(fitOptions)) {
    throw new TypeError(`${method}: the third argument must be an object like { ${names.join(', ')} }, got ${describe(fitOptions)}`);
  }
  for (const name of Object.keys(fitOptions)) {
    if (!names.includes(name)) {
      throw new TypeError(`${method}: unknown ${method} option '${name}'; valid ${method} options are ${names.join(', ')}`);
    }
  }
  if (fitOptions.onIteration !== undefined && typeof fitOptions.onIteration !== 'function') {
    throw new TypeError(`${method}: onIteration must be a function, got ${describe(fitOptions.onIteration)}`);
  }
  if (fitOptions.recordWeights !== undefined && typeof fitOptions.recordWeights !== 'boolean') {
    throw new TypeError(`${method}: recordWeights must be a boolean, got ${describe(fitOptions.recordWeights)}`);
  }
  return fitOptions;
}

// ---- X -----------------------------------------------------------------------------------

/**
 * X as the core wants it: { data: Float32Array | Float64Array, rows, cols }, row-major.
 * number[][] is copied into a Float64Array, validating every cell (the message names the
 * row and column, 0-based as in X[i][j]). A typed matrix is passed through untouched: the
 * binding copies it once into wasm memory, keeping its dtype, and C++ checks finiteness.
 */
function toMatrix(X, method) {
  if (Array.isArray(X)) {
    const rows = X.length;
    if (rows === 0) throw new Error(`${method}: X is empty (0 rows, 0 columns)`);
    const width = (i) => {
      const row = X[i];
      if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) {
        throw new TypeError(`${method}: X[${i}] must be an array of numbers, got ${describe(row)}`);
      }
      return row.length;
    };
    const cols = width(0);
    if (cols === 0) throw new Error(`${method}: X is empty (${rows} rows, 0 columns)`);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const len = width(i);
      if (len !== cols) {
        throw new Error(
          `${method}: X[${i}] has ${plural(len, 'value')} but X[0] has ${cols}; every row needs the same number of columns`);
      }
      const row = X[i];
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          const Kind = typeof v === 'number' ? Error : TypeError;
          throw new Kind(`${method}: X[${i}][${j}] is not a finite number: ${describe(v)}`);
        }
        data[i * cols + j] = v;
      }
    }
    return { data, rows, cols };
  }
  if (isObject(X) && 'data' in X) {
    const { data, rows, cols } = X;
    if (!(data instanceof Float64Array || data instanceof Float32Array)) {
      throw new TypeError(`${method}: X.data must be a Float32Array or a Float64Array, got ${describe(data)}`);
    }
    for (const [name, v] of [['rows', rows], ['cols', cols]]) {
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new TypeError(`${method}: X.${name} must be a non-negative integer, got ${describe(v)}`);
      }
    }
    if (data.length !== rows * cols) {
      throw new Error(
        `${method}: X.data has ${data.length} values but X.rows × X.cols = ${rows} × ${cols} = ${rows * cols}`);
    }
    if (rows === 0 || cols === 0) throw new Error(`${method}: X is empty (${rows} rows, ${cols} columns)`);
    return { data, rows, cols };
  }
  throw new TypeError(
    `${method}: X must be an array of rows (number[][]) or { data: Float32Array | Float64Array, rows, cols }, got ${describe(X)}`);
}

// ---- labels ------------------------------------------------------------------------------

/** Checks y's shape and label types against X's rows. */
function checkLabelArray(y, rows, method) {
  if (!isArrayLike(y)) {
    throw new TypeError(
      `${method}: y must be an array of labels (numbers, booleans or strings), got ${describe(y)}`);
  }
  if (y.length !== rows) {
    throw new Error(`${method}: X has ${plural(rows, 'row')} but y has ${plural(y.length, 'label')}`);
  }
}

/** The distinct labels of y, sorted, after checking that they are of one valid type.
 *  (A Set keys by SameValueZero: -0 and 0 are one label, stored as 0.) */
function distinctLabels(y) {
  const seen = new Set();
  const badLabel = (i) =>
    new TypeError(`fit: y[${i}] is ${describe(y[i])}; labels must be finite numbers, booleans or strings`);
  if (isNumberArray(y)) {
    // One type by construction: only finiteness to check, in a loop without calls. Most rows
    // repeat one of the first two labels a, b, which skip the Set (NaN until seen: it equals
    // nothing, and keeps the comparisons number-only).
    let a = NaN;
    let b = NaN;
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (v === a || v === b) continue;
      if (!Number.isFinite(v)) throw badLabel(i);
      seen.add(v);
      if (Number.isNaN(a)) a = v;
      else if (Number.isNaN(b)) b = v;
    }
    return [...seen].sort(compareLabels);
  }
  let type = null;
  let first = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = labelType(v);
    if (t === null) throw badLabel(i);
    if (type === null) {
      type = t;
      first = i;
    } else if (t !== type) {
      throw new TypeError(
        `fit: y mixes label types: y[${first}] is a ${type} (${describe(y[first])}) but y[${i}] is a ${t} (${describe(v)})`);
    }
    seen.add(v);
  }
  return [...seen].sort(compareLabels);
}

/** y mapped to class indices (the position of each label in classes); others are an error. */
function encodeLabels(y, classes, method) {
  // Already encoded: a Float64Array of 0/1 labels with classes [0, 1] is passed as is (the
  // binding copies it into the wasm heap and never writes to it).
  if (y instanceof Float64Array && classes.length === 2 && classes[0] === 0 && classes[1] === 1) {
    let i = 0;
    while (i < y.length && (y[i] === 0 || y[i] === 1)) i++;
    if (i === y.length) return y;
  }
  const out = new Float64Array(y.length);
  // Two classes (the common case) are compared directly (=== also equates -0 with 0), more
  // classes looked up in a Map (keyed by SameValueZero: -0 finds 0).
  const index = new Map(classes.map((c, i) => [c, i]));
  const two = classes.length === 2;
  const [a, b] = classes;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const k = two ? (v === a ? 0 : v === b ? 1 : undefined) : index.get(v);
    if (k === undefined) {
      throw new Error(
        `${method}: y[${i}] is ${describe(y[i])}, which is not one of the model's classes ${listLabels(classes)}`);
    }
    out[i] = k;
  }
  return out;
}

const sameClassSet = (a, b) => a.length === b.length && [...a].sort(compareLabels).every((c, i) => c === b[i]);

/** The sample weights as a Float64Array of n finite numbers ≥ 0 (C++ checks the values). */
function toSampleWeight(w, rows) {
  if (w === undefined || w === null) return null;
  if (!isArrayLike(w)) throw new TypeError(`fit: sampleWeight must be an array of numbers, got ${describe(w)}`);
  if (w.length !== rows) throw new Error(`fit: X has ${plural(rows, 'row')} but sampleWeight has ${plural(w.length, 'value')}`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    if (typeof w[i] !== 'number') throw new TypeError(`fit: sampleWeight[${i}] must be a number, got ${describe(w[i])}`);
    out[i] = w[i];
  }
  return out;
}

/** Per-class weights in class order from the classWeight option (null or 'balanced': none). */
function toClassWeight(option, classes) {
  if (option === null || option === 'balanced') return null;
  const byName = new Map(classes.map((c) => [String(c), c]));
  for (const key of Object.keys(option)) {
    if (!byName.has(key)) {
      throw new Error(`fit: classWeight names '${key}', which is not one of the labels in y ${listLabels(classes)}`);
    }
  }
  // Own properties only: a label such as 'toString' or '__proto__' must not find Object.prototype's.
  return Float64Array.from(classes, (c) => (Object.hasOwn(option, String(c)) ? option[String(c)] : 1));
}

/** A row-major result as the { data, rows, cols } shape X is given in. */
const matrix = (data, rows, cols) => ({ data, rows, cols });

// ---- JSON --------------------------------------------------------------------------------

/**
 * Checks a saved model. Version 2 stores `intercepts` (one per output: 1 for two classes, k
 * for k ≥ 3) and the coefficients row-major; version 1 (binary only) stored `intercept`.
 */
function validateModelJSON(obj) {
  const fail = (message) => { throw new Error(`fromJSON: ${message}`); };
  if (!isObject(obj)) {
    throw new TypeError(`fromJSON: expected a model object (JSON.parse the text first), got ${describe(obj)}`);
  }
  if (obj.version !== 1 && obj.version !== VERSION) {
    fail(`unsupported version ${describe(obj.version)}; this build reads versions 1 and ${VERSION}`);
  }
  const keys = obj.version === 1 ? JSON_KEYS_V1 : JSON_KEYS;
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) fail(`unknown field '${key}'; a version ${obj.version} model has ${keys.join(', ')}`);
  }
  if (obj.format !== FORMAT) fail(`format must be '${FORMAT}', got ${describe(obj.format)}`);
  if (!isObject(obj.options)) fail(`options must be an object, got ${describe(obj.options)}`);
  const options = normalizeOptions(obj.options, 'fromJSON: ');

  const { classes, coefficients, nFeatures } = obj;
  const intercepts = obj.version === 1 ? [obj.intercept] : obj.intercepts;
  if (!Number.isSafeInteger(nFeatures) || nFeatures < 0) {
    fail(`nFeatures must be a non-negative integer, got ${describe(nFeatures)}`);
  }
  if (!Array.isArray(intercepts)) fail(`intercepts must be an array of numbers, got ${describe(intercepts)}`);
  intercepts.forEach((b, i) => {
    if (typeof b !== 'number' || !Number.isFinite(b)) fail(`intercept ${i} is not a finite number: ${describe(b)}`);
    if (!options.fitIntercept && b !== 0) fail(`intercepts must be 0 when options.fitIntercept is false, got ${describe(b)}`);
  });
  if (!Array.isArray(coefficients)) fail(`coefficients must be an array of numbers, got ${describe(coefficients)}`);
  coefficients.forEach((c, j) => {
    if (typeof c !== 'number' || !Number.isFinite(c)) fail(`coefficients[${j}] is not a finite number: ${describe(c)}`);
  });
  if (classes === null) {
    // An unfitted model: options only.
    if (nFeatures !== 0 || coefficients.length !== 0 || intercepts.some((b) => b !== 0) || intercepts.length > 1) {
      fail('a model with classes null (not fitted) must have nFeatures 0, no coefficients and no intercepts');
    }
    return { options, classes: null, coefficients, intercepts };
  }
  if (!Array.isArray(classes) || classes.length < 2) {
    fail(`classes must be null or an array of at least two labels, got ${describe(classes)}`);
  }
  classes.forEach((c, i) => {
    if (labelType(c) === null) fail(`classes[${i}] is ${describe(c)}; labels must be finite numbers, booleans or strings`);
    if (typeof c !== typeof classes[0]) fail(`classes mix label types: ${listLabels(classes)}`);
  });
  if (new Set(classes).size !== classes.length) fail(`classes must be different labels, got ${listLabels(classes)}`);
  if (nFeatures === 0) fail('a fitted model (classes set) needs nFeatures >= 1');
  const outputs = classes.length === 2 ? 1 : classes.length;
  if (intercepts.length !== outputs) {
    fail(`${classes.length} classes need ${plural(outputs, 'intercept')}, got ${intercepts.length}`);
  }
  if (coefficients.length !== outputs * nFeatures) {
    fail(`coefficients has ${plural(coefficients.length, 'value')} but ${outputs} × nFeatures = ${outputs * nFeatures}`);
  }
  return { options, classes: Object.freeze([...classes]), coefficients, intercepts };
}

// ---- the class ---------------------------------------------------------------------------

/**
 * Builds the LogisticModel class around one instantiated wasm module.
 * @param {object} wasm the resolved module of createLogregModule()
 */
export function defineLogisticModel(wasm) {
  const { LogisticModelCore } = wasm;

  // Safety net only: deletes the C++ object of a wrapper that was collected undisposed.
  const registry = new FinalizationRegistry((core) => {
    if (!core.isDeleted()) core.delete();
  });

  class LogisticModel {
    /** @type {object | null} the one Embind handle */
    #core;
    #options;
    /** @type {readonly [any, any] | null} classes[1] is the positive class */
    #classes = null;

    constructor(options) {
      this.#options = normalizeOptions(options, '');
      this.#core = new LogisticModelCore(coreOptions(this.#options)); // C++ checks the ranges (may throw)
      registry.register(this, this.#core, this);
    }

    /** The handle, or the disposed error. Every public member goes through here. */
    #handle() {
      if (this.#core === null) throw new Error(DISPOSED_MESSAGE);
      return this.#core;
    }

    /** X converted, and its width checked against the fitted model (C++ checks it too, but
     *  under the name of the core routine it runs, e.g. decisionFunction inside predict). */
    #matrix(core, X, method) {
      const m = toMatrix(X, method);
      const d = core.nFeatures();
      if (core.fitted() && m.cols !== d) {
        throw new Error(`${method}: X has ${plural(m.cols, 'column')} but the model was fitted with ${d}`);
      }
      return m;
    }

    #requireClasses(method) {
      if (this.#classes === null) throw new Error(`${method}: the model is not fitted yet; call fit first`);
      return this.#classes;
    }

    /** The class order for labels y (fixed by the first fit; positiveClass for two classes). */
    #resolveClasses(y, positiveClass, method) {
      const found = distinctLabels(y);
      if (found.length === 1) {
        throw new Error(
          `${method}: y contains only one class (${describe(found[0])}); logistic regression needs two or more`);
      }
      let classes = found;
      if (this.#classes !== null) {
        if (!sameClassSet(this.#classes, found)) {
          throw new Error(
            `${method}: y has classes ${listLabels(found)} but the model was fitted with classes ${listLabels(this.#classes)}; ` +
            'create a new LogisticModel to train on other labels');
        }
        classes = this.#classes; // keep the orientation chosen earlier
      }
      if (positiveClass !== undefined) {
        if (found.length !== 2) {
          throw new Error(`${method}: positiveClass applies to two classes only; y has ${found.length}`);
        }
        if (positiveClass !== found[0] && positiveClass !== found[1]) {
          throw new Error(
            `${method}: positiveClass ${describe(positiveClass)} is not one of the labels in y ${listLabels(found)}`);
        }
        classes = positiveClass === found[1] ? [found[0], found[1]] : [found[1], found[0]];
      }
      return classes;
    }

    fit(X, y, fitOptions) {
      const core = this.#handle();
      const { positiveClass, sampleWeight, onIteration, recordWeights = false } = normalizeFitOptions(fitOptions);
      const { data, rows, cols } = toMatrix(X, 'fit');
      checkLabelArray(y, rows, 'fit');
      const classes = this.#resolveClasses(y, positiveClass, 'fit');
      const weights = toSampleWeight(sampleWeight, rows);
      const classWeight = toClassWeight(this.#options.classWeight, classes);
      // The user's callback runs inside the wasm call: an exception must not cross the wasm
      // frames, so it is caught here, stops the fit, and is rethrown once the fit returned.
      let callbackError = null;
      const observe = onIteration && ((event) => {
        try {
          return onIteration(event) !== false;
        } catch (e) {
          callbackError = e;
          return false;
        }
      });
      const report = core.fit(data, rows, cols, encodeLabels(y, classes, 'fit'), weights, classWeight,
        observe ?? null, recordWeights);
      this.#classes = Object.freeze([...classes]);
      if (callbackError !== null) throw callbackError;
      return report;
    }

    /**
     * Exactly one iteration of the solver on (X, y): the first call, or a call with other data,
     * starts from the current parameters (zero before any fit); k calls from an unfitted model
     * give exactly fit() with maxIterations = k.
     */
    step(X, y, stepOptions) {
      const core = this.#handle();
      const { positiveClass, sampleWeight } = normalizeFitOptions(stepOptions, ['positiveClass', 'sampleWeight'], 'step');
      const { data, rows, cols } = toMatrix(X, 'step');
      checkLabelArray(y, rows, 'step');
      const classes = this.#resolveClasses(y, positiveClass, 'step');
      const weights = toSampleWeight(sampleWeight, rows);
      const classWeight = toClassWeight(this.#options.classWeight, classes);
      const r = core.step(data, rows, cols, encodeLabels(y, classes, 'step'), weights, classWeight);
      this.#classes = Object.freeze([...classes]);
      const shape = (v) => (classes.length === 2
        ? { weights: v.slice(0, cols), intercept: this.#options.fitIntercept ? v[cols] : 0 }
        : v);
      return { ...r, gradient: shape(r.gradient), step: shape(r.step) };
    }

    /**
     * The last fit's (or step session's) iterations, starting point first: arrays of
     * iteration, loss, gradientNorm and stepSize (and with recordWeights, the parameters).
     */
    get history() {
      const h = this.#handle().history();
      const n = h.iteration.length;
      const out = [];
      const width = n ? h.weights.length / n : 0;
      for (let t = 0; t < n; t++) {
        const record = { iteration: h.iteration[t], loss: h.loss[t], gradientNorm: h.gradientNorm[t], stepSize: h.stepSize[t] };
        if (width) record.parameters = h.weights.slice(t * width, (t + 1) * width);
        out.push(record);
      }
      return out;
    }

    /** ∂J/∂θ by central differences against the analytic gradient (θ: weights, then intercepts). */
    gradientCheck(X, y) {
      const core = this.#handle();
      const classes = this.#requireClasses('gradientCheck');
      const { data, rows, cols } = this.#matrix(core, X, 'gradientCheck');
      checkLabelArray(y, rows, 'gradientCheck');
      return core.gradientCheck(data, rows, cols, encodeLabels(y, classes, 'gradientCheck'));
    }

    /**
     * J over a grid of two parameters with the others held: `i`, `j` index θ (weights row by
     * row, then intercepts; 'intercept' names the binary intercept), `ranges` [[lo, hi], [lo, hi]],
     * `steps` [rows, cols] (or one number for both, default 25). Returns the grid values
     * (rows along parameter i) with the coordinates.
     */
    lossSurface(X, y, grid) {
      const core = this.#handle();
      if (!isObject(grid)) throw new TypeError(`lossSurface: the third argument must be an object like { i, j, ranges, steps }, got ${describe(grid)}`);
      const { i, j, ranges, steps = 25 } = grid;
      const classes = this.#requireClasses('lossSurface');
      const { data, rows, cols } = this.#matrix(core, X, 'lossSurface');
      checkLabelArray(y, rows, 'lossSurface');
      const index = (v, name) => {
        if (v === 'intercept' && classes.length === 2) return cols;
        if (!Number.isInteger(v) || v < 0) throw new TypeError(`lossSurface: ${name} must be a parameter index (an integer >= 0) or 'intercept', got ${describe(v)}`);
        return v;
      };
      const a = index(i, 'i');
      const b = index(j, 'j');
      const [si, sj] = typeof steps === 'number' ? [steps, steps] : steps;
      if (!Array.isArray(ranges) || ranges.length !== 2 || !ranges.every((r) => Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number'))) {
        throw new TypeError(`lossSurface: ranges must be [[low, high], [low, high]], got ${describe(ranges)}`);
      }
      for (const [name, v] of [['steps', si], ['steps', sj]]) {
        if (!Number.isInteger(v) || v < 2) throw new RangeError(`lossSurface: ${name} must be integers >= 2, got ${describe(v)}`);
      }
      const values = core.lossSurface(data, rows, cols, encodeLabels(y, classes, 'lossSurface'),
        a, ranges[0][0], ranges[0][1], si, b, ranges[1][0], ranges[1][1], sj);
      const axis = ([lo, hi], n) => Float64Array.from({ length: n }, (_, t) => lo + ((hi - lo) * t) / (n - 1));
      return { values: matrix(values, si, sj), xs: axis(ranges[0], si), ys: axis(ranges[1], sj) };
    }

    /**
     * 1/L, a learning rate with which 'gd' always converges on X under the current options
     * (L = ‖[X 1]‖₂²/(4n) + l2 for two classes, by power iteration; /(2n) for k ≥ 3).
     * @param y optional labels: their number of classes (default: the fitted model's, or 2)
     */
    suggestLearningRate(X, y) {
      const core = this.#handle();
      const { data, rows, cols } = toMatrix(X, 'suggestLearningRate');
      let k = this.#classes?.length ?? 2;
      if (y !== undefined) {
        checkLabelArray(y, rows, 'suggestLearningRate');
        k = Math.max(2, distinctLabels(y).length);
      }
      return core.suggestedLearningRate(data, rows, cols, k);
    }

    /**
     * The statsmodels-style inference summary of the last fit, on the data it was fitted on.
     * Withheld (with the reason) when meaningless: penalized, class-weighted, collinear,
     * separated, not converged.
     * @param options `{ level = 0.95, featureNames }`
     */
    summary(X, y, options = {}) {
      const core = this.#handle();
      if (!isObject(options)) throw new TypeError(`summary: the third argument must be an object like { level, featureNames }, got ${describe(options)}`);
      const { level = 0.95, featureNames } = options;
      const classes = this.#requireClasses('summary');
      const { data, rows, cols } = this.#matrix(core, X, 'summary');
      checkLabelArray(y, rows, 'summary');
      if (typeof level !== 'number') throw new TypeError(`summary: level must be a number in (0, 1), got ${describe(level)}`);
      const names = featureNames ?? Array.from({ length: cols }, (_, c) => `x${c + 1}`);
      if (!Array.isArray(names) || names.length !== cols || names.some((v) => typeof v !== 'string')) {
        throw new TypeError(`summary: featureNames must be ${cols} strings, got ${describe(featureNames)}`);
      }
      const s = core.summary(data, rows, cols, encodeLabels(y, classes, 'summary'), level);
      const withheld = s.withheldCode !== '';
      const num = (v) => (withheld || Number.isNaN(v) ? null : v);
      const coefficients = Array.from(s.coefficient, (estimate, r) => ({
        name: s.feature[r] < 0 ? 'intercept' : names[s.feature[r]],
        ...(classes.length > 2 ? { class: classes[s.classIndex[r]], reference: classes[0] } : {}),
        estimate,
        stdError: num(s.stdError[r]),
        z: num(s.z[r]),
        pValue: num(s.pValue[r]),
        ciLower: num(s.ciLower[r]),
        ciUpper: num(s.ciUpper[r]),
        oddsRatio: Math.exp(estimate),
        oddsRatioLower: num(s.oddsRatioLower[r]),
        oddsRatioUpper: num(s.oddsRatioUpper[r]),
      }));
      return {
        model: s.model,
        withheld: withheld
          ? { code: s.withheldCode, message: s.withheld, collinearColumns: s.collinearColumns, collinearIntercept: s.collinearIntercept }
          : null,
        level: s.level,
        coefficients,
        covariance: withheld ? null : matrix(s.covariance, s.coefficient.length, s.coefficient.length),
        logLikelihood: s.logLikelihood,
        nullLogLikelihood: s.nullLogLikelihood,
        deviance: s.deviance,
        nullDeviance: s.nullDeviance,
        aic: num(s.aic),
        bic: num(s.bic),
        pseudoR2: num(s.pseudoR2),
        llr: num(s.llr),
        llrDf: s.llrDf,
        llrPValue: num(s.llrPValue),
        nObs: s.nObs,
        nRows: s.nRows,
        dfModel: s.dfModel,
        dfResid: s.dfResid,
      };
    }

    /** The number of outputs (1 for two classes, k for k ≥ 3) of the fitted model. */
    #outputs() {
      const k = this.#classes?.length ?? 2;
      return k === 2 ? 1 : k;
    }

    /** Members with a binary shape refuse k-class models, naming the member that works. */
    #requireBinary(member, general) {
      const k = this.#classes?.length ?? 2;
      if (k > 2) throw new Error(`${member}: this model has ${k} classes; use ${general}`);
    }

    /** Two classes: P(y = classes[1]) for each row. */
    predictProba(X) {
      const core = this.#handle();
      this.#requireBinary('predictProba', 'predictProbaMatrix');
      const { data, rows, cols } = this.#matrix(core, X, 'predictProba');
      return core.predictProba(data, rows, cols, 'predictProba');
    }

    /** Any number of classes: n × k, row i holding P(y = classes[c] | xᵢ). */
    predictProbaMatrix(X) {
      const core = this.#handle();
      this.#requireClasses('predictProbaMatrix');
      const { data, rows, cols } = this.#matrix(core, X, 'predictProbaMatrix');
      const p = core.predictProba(data, rows, cols, 'predictProbaMatrix');
      if (this.#outputs() > 1) return matrix(p, rows, this.#classes.length);
      const both = new Float64Array(2 * rows);
      for (let i = 0; i < rows; i++) {
        both[2 * i] = 1 - p[i];
        both[2 * i + 1] = p[i];
      }
      return matrix(both, rows, 2);
    }

    predict(X, threshold = 0.5) {
      const core = this.#handle();
      if (typeof threshold !== 'number') {
        throw new TypeError(`predict: threshold must be a number, got ${describe(threshold)}`);
      }
      const { data, rows, cols } = this.#matrix(core, X, 'predict');
      const index = core.predict(data, rows, cols, threshold, 'predict'); // C++ checks the range and fitted
      const classes = this.#requireClasses('predict');
      return Array.from(index, (k) => classes[k]);
    }

    /** Two classes: z = Xw + b for each row. */
    decisionFunction(X) {
      const core = this.#handle();
      this.#requireBinary('decisionFunction', 'decisionFunctionMatrix');
      const { data, rows, cols } = this.#matrix(core, X, 'decisionFunction');
      return core.decisionFunction(data, rows, cols, 'decisionFunction');
    }

    /** Any number of classes: n × outputs scores (one column for two classes). */
    decisionFunctionMatrix(X) {
      const core = this.#handle();
      this.#requireClasses('decisionFunctionMatrix');
      const { data, rows, cols } = this.#matrix(core, X, 'decisionFunctionMatrix');
      const z = core.decisionFunction(data, rows, cols, 'decisionFunctionMatrix');
      return matrix(z, rows, this.#outputs());
    }

    loss(X, y) {
      const core = this.#handle();
      const classes = this.#requireClasses('loss');
      const { data, rows, cols } = this.#matrix(core, X, 'loss');
      checkLabelArray(y, rows, 'loss');
      return core.loss(data, rows, cols, encodeLabels(y, classes, 'loss'));
    }

    /** Two classes: { weights: ∇w J, intercept: ∂J/∂b }. */
    gradient(X, y) {
      this.#handle();
      this.#requireBinary('gradient', 'gradientMatrix');
      const { weights, intercepts } = this.gradientMatrix(X, y, 'gradient');
      return { weights: weights.data, intercept: intercepts[0] };
    }

    /** Any number of classes: { weights: outputs × d, intercepts: outputs }. */
    gradientMatrix(X, y, method = 'gradientMatrix') {
      const core = this.#handle();
      const classes = this.#requireClasses(method);
      const { data, rows, cols } = this.#matrix(core, X, method);
      checkLabelArray(y, rows, method);
      const g = core.gradient(data, rows, cols, encodeLabels(y, classes, method));
      const outputs = this.#outputs();
      return { weights: matrix(g.slice(0, outputs * cols), outputs, cols), intercepts: g.slice(outputs * cols) };
    }

    /** Two classes: w in the units of X. */
    get coefficients() {
      const core = this.#handle();
      this.#requireBinary('coefficients', 'coefficientMatrix');
      return core.coefficients();
    }

    /** Any number of classes: outputs × d weights in the units of X. */
    get coefficientMatrix() {
      const core = this.#handle();
      return matrix(core.coefficients(), this.#outputs(), core.nFeatures());
    }

    get intercept() {
      const core = this.#handle();
      this.#requireBinary('intercept', 'intercepts');
      const b = core.intercepts();
      return b.length ? b[0] : 0;
    }

    get intercepts() {
      return this.#handle().intercepts();
    }

    /** With standardize: outputs × d weights in standardized units (the penalty applies to these). */
    get standardizedCoefficients() {
      const core = this.#handle();
      if (!core.featureMean().length) return null;
      return matrix(core.standardizedCoefficients(), this.#outputs(), core.nFeatures());
    }

    get standardizedIntercepts() {
      const core = this.#handle();
      return core.featureMean().length ? core.standardizedIntercepts() : null;
    }

    /** With standardize: the feature means and (population) standard deviations used. */
    get featureMean() {
      const m = this.#handle().featureMean();
      return m.length ? m : null;
    }

    get featureScale() {
      const s = this.#handle().featureScale();
      return s.length ? s : null;
    }

    get classes() {
      this.#handle();
      return this.#classes;
    }

    get nFeatures() {
      return this.#handle().nFeatures();
    }

    get fitted() {
      return this.#handle().fitted();
    }

    get options() {
      this.#handle();
      return this.#options;
    }

    toJSON() {
      const core = this.#handle();
      return {
        format: FORMAT,
        version: VERSION,
        options: { ...this.#options },
        classes: this.#classes === null ? null : [...this.#classes],
        coefficients: Array.from(core.coefficients()),
        intercepts: Array.from(core.intercepts()),
        nFeatures: core.nFeatures(),
      };
    }

    static fromJSON(obj) {
      const { options, classes, coefficients, intercepts } = validateModelJSON(obj);
      const model = new LogisticModel(options);
      if (classes !== null) {
        try {
          model.#core.setParameters(Float64Array.from(coefficients), Float64Array.from(intercepts), classes.length);
        } catch (e) {
          model.dispose();
          throw e;
        }
        model.#classes = classes;
      }
      return model;
    }

    dispose() {
      const core = this.#core;
      if (core === null) return;
      this.#core = null;
      registry.unregister(this);
      core.delete();
    }

    get [Symbol.toStringTag]() {
      return 'LogisticModel';
    }
  }

  // `using model = new LogisticModel()` (explicit resource management) where the engine has it.
  if (typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(LogisticModel.prototype, Symbol.dispose, {
      value: function dispose() { this.dispose(); },
      writable: true,
      configurable: true,
    });
  }

  return LogisticModel;
}
