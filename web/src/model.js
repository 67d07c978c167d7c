// SPDX-License-Identifier: MIT
// The public LogisticModel class, shared by the browser entry (index.js) and the Node entry
// (node.js). Each entry instantiates the wasm module once and calls defineLogisticModel.
//
// Division of labour with the C++ core (cpp/bindings/embind.cpp):
//  * here: everything that depends on JavaScript types — option names and types, the two
//    input shapes of X, label values and their mapping to {0, 1}, JSON (de)serialization;
//  * in C++: every numeric rule (option ranges, finiteness of typed-array data, shapes
//    against the fitted model, thresholds) and all of the arithmetic.
// The wrapper owns exactly one Embind handle (LogisticModelCore). dispose() deletes it and is
// idempotent; a FinalizationRegistry deletes handles of models that were never disposed, but
// only as a safety net: garbage collection may run late or never.

const DISPOSED_MESSAGE = 'LogisticModel: this model has been disposed';
const FORMAT = 'logreg-wasm/model';
const VERSION = 1;

/** Public option names with their defaults (the C++ Options defaults, in camelCase). */
const DEFAULT_OPTIONS = Object.freeze({
  learningRate: 0.1,
  maxIterations: 1000,
  tolerance: 1e-6,
  fitIntercept: true,
});
const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS);
const FIT_OPTION_NAMES = ['positiveClass'];
const JSON_KEYS = ['format', 'version', 'options', 'classes', 'coefficients', 'intercept', 'nFeatures'];

// Largest maxIterations the wasm32 size_t can carry; the real range check is C++'s.
const MAX_UINT32 = 0xffffffff;

// ---- small helpers ------------------------------------------------------------------------

/** A short, unambiguous rendering of a user value for error messages. */
function describe(value) {
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const name = value?.constructor?.name;
  const a = (word) => `${/^[AEIO]/i.test(word) ? 'an' : 'a'} ${word}`;
  if (ArrayBuffer.isView(value)) return `${a(name ?? 'typed array')} of length ${value.length ?? value.byteLength}`;
  return name && name !== 'Object' ? a(name) : 'an object';
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listLabels = (labels) => `(${labels.map(describe).join(', ')})`;

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function isArrayLike(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof DataView) &&
    typeof value.length === 'number' &&
    Number.isSafeInteger(value.length) &&
    value.length >= 0
  );
}

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
    if (name === 'fitIntercept') {
      if (typeof value !== 'boolean') {
        throw new TypeError(`${prefix}option fitIntercept must be a boolean, got ${describe(value)}`);
      }
    } else if (typeof value !== 'number') {
      throw new TypeError(`${prefix}option ${name} must be a number, got ${describe(value)}`);
    } else if (name === 'maxIterations') {
      if (!Number.isInteger(value)) {
        throw new TypeError(`${prefix}option maxIterations must be an integer, got ${describe(value)}`);
      }
      // Below 0 or beyond 2³² − 1 the value cannot reach C++ intact (wasm32 size_t); C++
      // rejects everything outside 1 … 100000000 with this same wording.
      if (value < 0 || value > MAX_UINT32) {
        throw new RangeError(
          `option maxIterations must be an integer from 1 to 100000000, got ${describe(value)}`);
      }
    }
    out[name] = value;
  }
  return Object.freeze(out);
}

function normalizeFitOptions(fitOptions) {
  if (fitOptions === undefined) return {};
  if (!isObject(fitOptions)) {
    throw new TypeError(`fit: the third argument must be an object like { positiveClass }, got ${describe(fitOptions)}`);
  }
  for (const name of Object.keys(fitOptions)) {
    if (!FIT_OPTION_NAMES.includes(name)) {
      throw new TypeError(`fit: unknown fit option '${name}'; valid fit options are ${FIT_OPTION_NAMES.join(', ')}`);
    }
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

function labelType(value) {
  const t = typeof value;
  if (t === 'number') return Number.isFinite(value) ? 'number' : null;
  return t === 'boolean' || t === 'string' ? t : null;
}

/** Numbers ascending, false < true, strings by UTF-16 code unit (like Python's/NumPy's sort). */
function compareLabels(a, b) {
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

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

/** The distinct labels of y, sorted, after checking that they are of one valid type. */
function distinctLabels(y) {
  const seen = new Set();
  let type = null;
  let first = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = labelType(v);
    if (t === null) {
      throw new TypeError(
        `fit: y[${i}] is ${describe(v)}; labels must be finite numbers, booleans or strings`);
    }
    if (type === null) {
      type = t;
      first = i;
    } else if (t !== type) {
      throw new TypeError(
        `fit: y mixes label types: y[${first}] is a ${type} (${describe(y[first])}) but y[${i}] is a ${t} (${describe(v)})`);
    }
    seen.add(Object.is(v, -0) ? 0 : v);
  }
  return [...seen].sort(compareLabels);
}

/** y mapped to 1 for classes[1] and 0 for classes[0]; anything else is an error. */
function encodeLabels(y, classes, method) {
  const out = new Float64Array(y.length);
  const [negative, positive] = classes;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === positive) out[i] = 1;
    else if (v !== negative) {
      throw new Error(
        `${method}: y[${i}] is ${describe(v)}, which is not one of the model's classes ${listLabels(classes)}`);
    }
  }
  return out;
}

const sameClassSet = (a, b) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);

// ---- JSON --------------------------------------------------------------------------------

function validateModelJSON(obj) {
  const fail = (message) => { throw new Error(`fromJSON: ${message}`); };
  if (!isObject(obj)) {
    throw new TypeError(`fromJSON: expected a model object (JSON.parse the text first), got ${describe(obj)}`);
  }
  for (const key of Object.keys(obj)) {
    if (!JSON_KEYS.includes(key)) fail(`unknown field '${key}'; a model has ${JSON_KEYS.join(', ')}`);
  }
  if (obj.format !== FORMAT) fail(`format must be '${FORMAT}', got ${describe(obj.format)}`);
  if (obj.version !== VERSION) fail(`unsupported version ${describe(obj.version)}; this build reads version ${VERSION}`);
  if (!isObject(obj.options)) fail(`options must be an object, got ${describe(obj.options)}`);
  const options = normalizeOptions(obj.options, 'fromJSON: ');

  const { classes, coefficients, intercept, nFeatures } = obj;
  if (!Number.isSafeInteger(nFeatures) || nFeatures < 0) {
    fail(`nFeatures must be a non-negative integer, got ${describe(nFeatures)}`);
  }
  if (!Array.isArray(coefficients)) fail(`coefficients must be an array of numbers, got ${describe(coefficients)}`);
  if (coefficients.length !== nFeatures) {
    fail(`coefficients has ${plural(coefficients.length, 'value')} but nFeatures is ${nFeatures}`);
  }
  coefficients.forEach((c, j) => {
    if (typeof c !== 'number' || !Number.isFinite(c)) fail(`coefficients[${j}] is not a finite number: ${describe(c)}`);
  });
  if (typeof intercept !== 'number' || !Number.isFinite(intercept)) {
    fail(`intercept is not a finite number: ${describe(intercept)}`);
  }
  if (!options.fitIntercept && intercept !== 0) {
    fail(`intercept must be 0 when options.fitIntercept is false, got ${describe(intercept)}`);
  }
  if (classes === null) {
    // An unfitted model: options only.
    if (nFeatures !== 0 || intercept !== 0) fail('a model with classes null (not fitted) must have nFeatures 0, no coefficients and intercept 0');
    return { options, classes: null, coefficients, intercept };
  }
  if (!Array.isArray(classes) || classes.length !== 2) {
    fail(`classes must be null or an array of two labels, got ${describe(classes)}`);
  }
  classes.forEach((c, i) => {
    if (labelType(c) === null) fail(`classes[${i}] is ${describe(c)}; labels must be finite numbers, booleans or strings`);
  });
  if (typeof classes[0] !== typeof classes[1]) {
    fail(`classes mix label types: ${listLabels(classes)}`);
  }
  if (classes[0] === classes[1]) fail(`classes must be two different labels, got ${listLabels(classes)}`);
  if (nFeatures === 0) fail('a fitted model (classes set) needs nFeatures >= 1');
  return { options, classes: Object.freeze([classes[0], classes[1]]), coefficients, intercept };
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
      this.#core = new LogisticModelCore(this.#options); // C++ checks the ranges (may throw)
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

    fit(X, y, fitOptions) {
      const core = this.#handle();
      const { positiveClass } = normalizeFitOptions(fitOptions);
      const { data, rows, cols } = toMatrix(X, 'fit');
      checkLabelArray(y, rows, 'fit');
      const found = distinctLabels(y);
      if (found.length === 1) {
        throw new Error(
          `fit: y contains only one class (${describe(found[0])}); logistic regression needs two`);
      }
      if (found.length > 2) {
        const shown = found.slice(0, 10).map(describe).join(', ') + (found.length > 10 ? ', …' : '');
        throw new Error(
          `fit: y has ${found.length} classes (${shown}); only binary classification (two classes) is supported for now`);
      }
      let classes = found;
      if (this.#classes !== null) {
        if (!sameClassSet(this.#classes, found)) {
          throw new Error(
            `fit: y has classes ${listLabels(found)} but the model was fitted with classes ${listLabels(this.#classes)}; ` +
            'create a new LogisticModel to train on other labels');
        }
        classes = this.#classes; // keep the orientation chosen earlier
      }
      if (positiveClass !== undefined) {
        if (positiveClass !== found[0] && positiveClass !== found[1]) {
          throw new Error(
            `fit: positiveClass ${describe(positiveClass)} is not one of the labels in y ${listLabels(found)}`);
        }
        classes = positiveClass === found[1] ? [found[0], found[1]] : [found[1], found[0]];
      }
      const report = core.fit(data, rows, cols, encodeLabels(y, classes, 'fit'));
      this.#classes = Object.freeze([classes[0], classes[1]]);
      return {
        iterations: report.iterations,
        converged: report.converged,
        loss: report.loss,
        gradientNorm: report.gradientNorm,
      };
    }

    predictProba(X) {
      const core = this.#handle();
      const { data, rows, cols } = this.#matrix(core, X, 'predictProba');
      return core.predictProba(data, rows, cols);
    }

    predict(X, threshold = 0.5) {
      const core = this.#handle();
      if (typeof threshold !== 'number') {
        throw new TypeError(`predict: threshold must be a number, got ${describe(threshold)}`);
      }
      const { data, rows, cols } = this.#matrix(core, X, 'predict');
      const bits = core.predict(data, rows, cols, threshold); // C++ checks the range and fitted
      const [negative, positive] = this.#requireClasses('predict');
      return Array.from(bits, (b) => (b === 1 ? positive : negative));
    }

    decisionFunction(X) {
      const core = this.#handle();
      const { data, rows, cols } = this.#matrix(core, X, 'decisionFunction');
      return core.decisionFunction(data, rows, cols);
    }

    loss(X, y) {
      const core = this.#handle();
      const classes = this.#requireClasses('loss');
      const { data, rows, cols } = this.#matrix(core, X, 'loss');
      checkLabelArray(y, rows, 'loss');
      return core.loss(data, rows, cols, encodeLabels(y, classes, 'loss'));
    }

    gradient(X, y) {
      const core = this.#handle();
      const classes = this.#requireClasses('gradient');
      const { data, rows, cols } = this.#matrix(core, X, 'gradient');
      checkLabelArray(y, rows, 'gradient');
      const g = core.gradient(data, rows, cols, encodeLabels(y, classes, 'gradient'));
      return { weights: g.slice(0, cols), intercept: g[cols] };
    }

    get coefficients() {
      return this.#handle().coefficients();
    }

    get intercept() {
      return this.#handle().intercept();
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
        classes: this.#classes === null ? null : [this.#classes[0], this.#classes[1]],
        coefficients: Array.from(core.coefficients()),
        intercept: core.intercept(),
        nFeatures: core.nFeatures(),
      };
    }

    static fromJSON(obj) {
      const { options, classes, coefficients, intercept } = validateModelJSON(obj);
      const model = new LogisticModel(options);
      if (classes !== null) {
        try {
          model.#core.setParameters(Float64Array.from(coefficients), intercept);
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
