// SPDX-License-Identifier: MIT
// Issue 8: a table-driven corpus of bad inputs to the public API. Every case asserts the exact
// error class and message (or a precise pattern), and then that the wasm module still works:
// a fresh model fits the README's exam data to statsmodels' estimates. Cases that cover
// behaviour which is wrong today assert the right behaviour and are marked `todo` (reported in
// issue 8), so the suite stays green while the defect stays visible.
// Complements tests/js/model.test.js (which covers the basic error cases) without repeating it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { LogisticModel } from '../../web/src/node.js';

const HOURS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5];
const Y = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
const X = HOURS.map((h) => [h]);
const X2 = HOURS.map((h, i) => [h, (i * 7) % 5]); // two columns, not separable
// statsmodels' Logit on (X, Y): slope 1.5046, intercept −4.0777.
const SLOPE = 1.5046454;
const INTERCEPT = -4.0777134;
const OPTION_LIST = 'solver, learningRate, maxIterations, tolerance, fitIntercept, l2, l1, standardize, classWeight, '
  + 'warmStart, batchSize, seed, learningRateSchedule, decaySteps, historySize, loss';
const DISPOSED = 'LogisticModel: this model has been disposed';

const f64 = (rows) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const f32 = (rows) => ({ data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
/** y with position i replaced by v. */
const yWith = (i, v) => Y.map((old, k) => (k === i ? v : old));
const fitted = (options, X_ = X, y_ = Y) => {
  const m = new LogisticModel(options);
  m.fit(X_, y_);
  return m;
};

/** The module is healthy: a new model fits the exam data to the reference estimates. */
function assertHealthy() {
  const m = new LogisticModel({ tolerance: 1e-10 });
  try {
    const report = m.fit(X, Y);
    assert.equal(report.converged, true);
    assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-6, `slope ${m.coefficients[0]}`);
    assert.ok(Math.abs(m.intercept - INTERCEPT) < 1e-6, `intercept ${m.intercept}`);
  } finally {
    m.dispose();
  }
}

/** Creates what a case needs and disposes every model it made, whatever happens. */
function withModels(fn) {
  const made = [];
  const track = (m) => { made.push(m); return m; };
  try {
    return fn(track);
  } finally {
    for (const m of made) m.dispose();
  }
}

function assertError(run, Type, message) {
  assert.throws(run, (e) => {
    assert.equal(e?.constructor, Type, `expected ${Type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

// ---- the corpus: [name, (track) => call that must throw, ErrorClass, message | RegExp, todo?] --

const THROWS = [
  // X shapes
  ['typed X: rows is a string', () => new LogisticModel().fit({ data: new Float64Array(4), rows: '2', cols: 2 }, [0, 1]),
    TypeError, "fit: X.rows must be a non-negative integer, got '2'"],
  ['typed X: cols negative', () => new LogisticModel().fit({ data: new Float64Array(4), rows: 2, cols: -2 }, [0, 1]),
    TypeError, 'fit: X.cols must be a non-negative integer, got -2'],
  ['typed X: cols Infinity', () => new LogisticModel().fit({ data: new Float64Array(4), rows: 2, cols: Infinity }, [0, 1]),
    TypeError, 'fit: X.cols must be a non-negative integer, got Infinity'],
  ['typed X: data longer than rows × cols', () => new LogisticModel().fit({ data: new Float32Array(7), rows: 2, cols: 3 }, [0, 1]),
    Error, 'fit: X.data has 7 values but X.rows × X.cols = 2 × 3 = 6'],
  ['typed X: 0 rows', () => new LogisticModel().fit({ data: new Float64Array(0), rows: 0, cols: 2 }, []),
    Error, 'fit: X is empty (0 rows, 2 columns)'],
  ['typed X: Float64Array directly (no {data, rows, cols})', () => new LogisticModel().fit(new Float64Array(4), [0, 1]),
    TypeError, /^fit: X must be an array of rows \(number\[\]\[\]\) or \{ data: Float32Array \| Float64Array, rows, cols \}, got a Float64Array of length 4$/],
  // non-finite X
  ['number[][] X: NaN', () => new LogisticModel().fit(X2.map((r, i) => (i === 2 ? [r[0], NaN] : r)), Y),
    Error, 'fit: X[2][1] is not a finite number: NaN'],
  ['number[][] X: -Infinity', () => new LogisticModel().fit(X2.map((r, i) => (i === 0 ? [-Infinity, r[1]] : r)), Y),
    Error, 'fit: X[0][0] is not a finite number: -Infinity'],
  ['number[][] X: a bigint', () => new LogisticModel().fit(X2.map((r, i) => (i === 1 ? [1n, r[1]] : r)), Y),
    TypeError, 'fit: X[1][0] is not a finite number: 1n'],
  ['Float64Array X: NaN (1-based row, column from C++)', () => { const m = f64(X2); m.data[2 * 7 + 1] = NaN; new LogisticModel().fit(m, Y); },
    Error, /^fit: X has a non-finite value NaN at row 8, column 2$/i],
  ['Float64Array X: +Infinity', () => { const m = f64(X2); m.data[39] = Infinity; new LogisticModel().fit(m, Y); },
    Error, /^fit: X has a non-finite value Infinity at row 20, column 2$/i],
  ['Float32Array X: NaN', () => { const m = f32(X2); m.data[8] = NaN; new LogisticModel().fit(m, Y); },
    Error, /^fit: X has a non-finite value NaN at row 5, column 1$/i],
  ['Float32Array X: a value beyond float32 range becomes Infinity', () => new LogisticModel().fit({ data: Float32Array.from(HOURS, (h) => h * 1e38), rows: 20, cols: 1 }, Y),
    Error, /^fit: X has a non-finite value Infinity at row 14, column 1$/i],
  ['predictProba on Float32Array with -Infinity names predictProba', () => withModels((t) => { const m = t(fitted()); const q = f32([[1], [2]]); q.data[1] = -Infinity; m.predictProba(q); }),
    Error, /^predictProba: X has a non-finite value -Infinity at row 2, column 1$/i],
  ['predict on Float64Array with NaN names predict', () => withModels((t) => { const m = t(fitted()); const q = f64([[1], [2]]); q.data[0] = NaN; m.predict(q); }),
    Error, /^predict: X has a non-finite value NaN at row 1, column 1$/i],
  ['decisionFunction on Float64Array with NaN', () => withModels((t) => { const m = t(fitted()); const q = f64([[1], [2]]); q.data[0] = NaN; m.decisionFunction(q); }),
    Error, /^decisionFunction: X has a non-finite value NaN at row 1, column 1$/i],
  // y
  ['y: Infinity label', () => new LogisticModel().fit(X, yWith(1, Infinity)),
    TypeError, 'fit: y[1] is Infinity; labels must be finite numbers, booleans or strings'],
  ['y: undefined label', () => new LogisticModel().fit(X, yWith(3, undefined)),
    TypeError, 'fit: y[3] is undefined; labels must be finite numbers, booleans or strings'],
  ['y: object label', () => new LogisticModel().fit(X, yWith(1, {})),
    TypeError, 'fit: y[1] is an object; labels must be finite numbers, booleans or strings'],
  ['y: symbol label', () => new LogisticModel().fit(X, yWith(1, Symbol('a'))),
    TypeError, 'fit: y[1] is Symbol(a); labels must be finite numbers, booleans or strings'],
  ['y: bigint label', () => new LogisticModel().fit(X, yWith(1, 1n)),
    TypeError, 'fit: y[1] is 1n; labels must be finite numbers, booleans or strings'],
  // typed arrays of labels take a fast path in fit: the same messages
  ['y: NaN in a Float64Array', () => new LogisticModel().fit(X, Float64Array.from(yWith(2, NaN))),
    TypeError, 'fit: y[2] is NaN; labels must be finite numbers, booleans or strings'],
  ['y: a BigInt64Array', () => new LogisticModel().fit(X, BigInt64Array.from(yWith(0, 0), BigInt)),
    TypeError, 'fit: y[0] is 0n; labels must be finite numbers, booleans or strings'],
  ['y: a label outside the classes, in a Float32Array', () => fitted().loss(X, Float32Array.from(yWith(1, 2))),
    Error, "loss: y[1] is 2, which is not one of the model's classes (0, 1)"],
  ['y: array label', () => new LogisticModel().fit(X, yWith(1, [1])),
    TypeError, 'fit: y[1] is an array of length 1; labels must be finite numbers, booleans or strings'],
  ['y: function label', () => new LogisticModel().fit(X, yWith(1, () => 1)),
    TypeError, 'fit: y[1] is a function; labels must be finite numbers, booleans or strings'],
  ['y: sparse array (holes)', () => new LogisticModel().fit(X, new Array(20)),
    TypeError, 'fit: y[0] is undefined; labels must be finite numbers, booleans or strings'],
  ['y: numbers mixed with booleans', () => new LogisticModel().fit(X, yWith(1, true)),
    TypeError, 'fit: y mixes label types: y[0] is a number (0) but y[1] is a boolean (true)'],
  ['y: booleans mixed with strings', () => new LogisticModel().fit(X, Y.map((v, i) => (i === 19 ? 'true' : Boolean(v)))),
    TypeError, "fit: y mixes label types: y[0] is a boolean (false) but y[19] is a string ('true')"],
  ['y: one class only (booleans)', () => new LogisticModel().fit(X, Y.map(() => true)),
    Error, 'fit: y contains only one class (true); logistic regression needs two or more'],
  ['y: one class only (0 and -0 are the same label)', () => new LogisticModel().fit(X, Y.map((v) => (v ? 0 : -0))),
    Error, 'fit: y contains only one class (0); logistic regression needs two or more'],
  ['y: length mismatch (Float64Array labels)', () => new LogisticModel().fit(X, new Float64Array(19)),
    Error, 'fit: X has 20 rows but y has 19 labels'],
  // sampleWeight
  ['sampleWeight: NaN', () => new LogisticModel().fit(X, Y, { sampleWeight: Y.map((v, i) => (i === 2 ? NaN : 1)) }),
    Error, /^fit: sampleWeight must be finite and >= 0, got NaN at row 3$/i],
  ['sampleWeight: Infinity', () => new LogisticModel().fit(X, Y, { sampleWeight: Y.map((v, i) => (i === 2 ? Infinity : 1)) }),
    Error, /^fit: sampleWeight must be finite and >= 0, got Infinity at row 3$/i],
  ['sampleWeight: a string', () => new LogisticModel().fit(X, Y, { sampleWeight: Y.map((v, i) => (i === 2 ? '1' : 1)) }),
    TypeError, "fit: sampleWeight[2] must be a number, got '1'"],
  ['sampleWeight: not an array', () => new LogisticModel().fit(X, Y, { sampleWeight: 3 }),
    TypeError, 'fit: sampleWeight must be an array of numbers, got 3'],
  ['sampleWeight: all zero', () => new LogisticModel().fit(X, Y, { sampleWeight: Y.map(() => 0) }),
    Error, 'fit: sampleWeight is zero for every row'],
  ['step: negative sampleWeight', () => new LogisticModel().step(X, Y, { sampleWeight: Y.map(() => -1) }),
    Error, 'step: sampleWeight must be finite and >= 0, got -1 at row 1'],
  // options: ranges and types
  ['learningRate negative', () => new LogisticModel({ learningRate: -0.5 }), Error, 'option learningRate must be a finite number > 0, got -0.5'],
  ['learningRate Infinity', () => new LogisticModel({ learningRate: Infinity }), Error, /^option learningRate must be a finite number > 0, got Infinity$/i],
  ['maxIterations 1.5', () => new LogisticModel({ maxIterations: 1.5 }), TypeError, 'option maxIterations must be an integer, got 1.5'],
  ['maxIterations 2**32', () => new LogisticModel({ maxIterations: 2 ** 32 }), RangeError, 'option maxIterations must be an integer from 1 to 100000000, got 4294967296'],
  ['maxIterations a string', () => new LogisticModel({ maxIterations: '100' }), TypeError, "option maxIterations must be a number, got '100'"],
  ['tolerance NaN', () => new LogisticModel({ tolerance: NaN }), Error, /^option tolerance must be a finite number >= 0, got NaN$/i],
  ['tolerance Infinity', () => new LogisticModel({ tolerance: Infinity }), Error, /^option tolerance must be a finite number >= 0, got Infinity$/i],
  ['tolerance null', () => new LogisticModel({ tolerance: null }), TypeError, 'option tolerance must be a number, got null'],
  ['l2 negative', () => new LogisticModel({ l2: -1 }), Error, 'option l2 must be a finite number >= 0, got -1'],
  ['l2 NaN', () => new LogisticModel({ l2: NaN }), Error, /^option l2 must be a finite number >= 0, got NaN$/i],
  ['l1 Infinity', () => new LogisticModel({ l1: Infinity }), Error, /^option l1 must be a finite number >= 0, got Infinity$/i],
  ['l1 boolean', () => new LogisticModel({ l1: true }), TypeError, 'option l1 must be a number, got true'],
  ['batchSize 0', () => new LogisticModel({ batchSize: 0 }), Error, 'option batchSize must be an integer >= 1, got 0'],
  ['batchSize a string', () => new LogisticModel({ batchSize: '32' }), TypeError, "option batchSize must be a number, got '32'"],
  ['historySize 0', () => new LogisticModel({ historySize: 0 }), Error, 'option historySize must be an integer from 1 to 1000, got 0'],
  ['historySize 2000', () => new LogisticModel({ historySize: 2000 }), Error, 'option historySize must be an integer from 1 to 1000, got 2000'],
  ['historySize 2.5', () => new LogisticModel({ historySize: 2.5 }), TypeError, 'option historySize must be an integer, got 2.5'],
  ['seed -1', () => new LogisticModel({ seed: -1 }), RangeError, 'option seed must be an integer from 0 to 9007199254740991, got -1'],
  ['seed 2**53', () => new LogisticModel({ seed: 2 ** 53 }), RangeError, 'option seed must be an integer from 0 to 9007199254740991, got 9007199254740992'],
  ['seed bigint', () => new LogisticModel({ seed: 1n }), TypeError, 'option seed must be a number, got 1n'],
  ['decaySteps 0', () => new LogisticModel({ decaySteps: 0 }), Error, 'option decaySteps must be a finite number > 0, got 0'],
  ['decaySteps NaN', () => new LogisticModel({ decaySteps: NaN }), Error, /^option decaySteps must be a finite number > 0, got NaN$/i],
  ['solver unknown', () => new LogisticModel({ solver: 'adam' }), TypeError, "option solver must be one of 'auto', 'gd', 'sgd', 'newton', 'lbfgs', got 'adam'"],
  ['solver a number', () => new LogisticModel({ solver: 1 }), TypeError, "option solver must be one of 'auto', 'gd', 'sgd', 'newton', 'lbfgs', got 1"],
  ['solver wrong case', () => new LogisticModel({ solver: 'Newton' }), TypeError, "option solver must be one of 'auto', 'gd', 'sgd', 'newton', 'lbfgs', got 'Newton'"],
  ['learningRateSchedule unknown', () => new LogisticModel({ learningRateSchedule: 'cosine' }), TypeError, "option learningRateSchedule must be one of 'constant', 'inverse', got 'cosine'"],
  ['loss unknown', () => new LogisticModel({ loss: 'hinge' }), TypeError, "option loss must be one of 'log', 'squared', got 'hinge'"],
  ['standardize a string', () => new LogisticModel({ standardize: 'yes' }), TypeError, "option standardize must be a boolean, got 'yes'"],
  ['warmStart 0', () => new LogisticModel({ warmStart: 0 }), TypeError, 'option warmStart must be a boolean, got 0'],
  ['fitIntercept null', () => new LogisticModel({ fitIntercept: null }), TypeError, 'option fitIntercept must be a boolean, got null'],
  ['unknown option lists the valid ones', () => new LogisticModel({ lambda: 1 }), TypeError, `unknown option 'lambda'; valid options are ${OPTION_LIST}`],
  ['options: __proto__ key from JSON.parse', () => new LogisticModel(JSON.parse('{"__proto__": {"solver": "gd"}}')),
    TypeError, `unknown option '__proto__'; valid options are ${OPTION_LIST}`],
  ['options: an array', () => new LogisticModel([]), TypeError, 'options must be an object, got an array of length 0'],
  ['options: null', () => new LogisticModel(null), TypeError, 'options must be an object, got null'],
  // classWeight
  ['classWeight: unknown string', () => new LogisticModel({ classWeight: 'auto' }),
    TypeError, "option classWeight must be null, 'balanced' or an object { label: weight }, got 'auto'"],
  ['classWeight: an array', () => new LogisticModel({ classWeight: [1, 2] }),
    TypeError, "option classWeight must be null, 'balanced' or an object { label: weight }, got an array of length 2"],
  ['classWeight: negative weight', () => new LogisticModel({ classWeight: { 0: -1 } }), RangeError, "option classWeight['0'] must be a finite number > 0, got -1"],
  ['classWeight: zero weight', () => new LogisticModel({ classWeight: { 0: 0 } }), RangeError, "option classWeight['0'] must be a finite number > 0, got 0"],
  // found by tests/fuzz/fuzz_fit.cpp: the mean weight underflowed to 0 → NaN loss, "converged"; 1.8e308 is fine now
  ['classWeight: 5e-324 for every class (the mean row weight underflows)', () => new LogisticModel({ classWeight: { 0: 5e-324, 1: 5e-324 } }).fit(X, Y),
    Error, 'fit: the row weights (sampleWeight * classWeight) average 4.94066e-324, too small to compute with; multiply them by a common factor'],
  ['classWeight × sampleWeight overflows', () => new LogisticModel({ classWeight: { 0: 1e200, 1: 1 } }).fit(X, Y, { sampleWeight: Y.map(() => 1e200) }),
    Error, 'fit: the weight of row 1, sampleWeight * classWeight = 1e+200 * 1e+200, overflows; divide the weights by a common factor'],
  ['classWeight: NaN weight', () => new LogisticModel({ classWeight: { 1: NaN } }), RangeError, "option classWeight['1'] must be a finite number > 0, got NaN"],
  ['classWeight: string weight', () => new LogisticModel({ classWeight: { 1: '2' } }), RangeError, "option classWeight['1'] must be a finite number > 0, got '2'"],
  ['classWeight: label not in y', () => new LogisticModel({ classWeight: { 7: 2 } }).fit(X, Y),
    Error, "fit: classWeight names '7', which is not one of the labels in y (0, 1)"],
  ['classWeight: key "1.0" does not name label 1', () => new LogisticModel({ classWeight: { '1.0': 2 } }).fit(X, Y),
    Error, "fit: classWeight names '1.0', which is not one of the labels in y (0, 1)"],
  ['classWeight: __proto__ key from JSON.parse', () => new LogisticModel({ classWeight: JSON.parse('{"__proto__": {"x": 1}, "0": 2}') }),
    RangeError, "option classWeight['__proto__'] must be a finite number > 0, got an object"],
  // fit / step options
  ['fit options null', () => new LogisticModel().fit(X, Y, null),
    TypeError, 'fit: the third argument must be an object like { positiveClass, sampleWeight, onIteration, recordWeights }, got null'],
  ['onIteration not a function', () => new LogisticModel().fit(X, Y, { onIteration: 1 }), TypeError, 'fit: onIteration must be a function, got 1'],
  ['recordWeights not a boolean', () => new LogisticModel().fit(X, Y, { recordWeights: 'yes' }), TypeError, "fit: recordWeights must be a boolean, got 'yes'"],
  ['onIteration throwing: the user error comes back unchanged', () => new LogisticModel().fit(X, Y, { onIteration: () => { throw new RangeError('boom'); } }),
    RangeError, 'boom'],
  ['positiveClass of another type', () => new LogisticModel().fit(X, Y, { positiveClass: '1' }), Error, "fit: positiveClass '1' is not one of the labels in y (0, 1)"],
  ['step: unknown option', () => new LogisticModel().step(X, Y, { onIteration() {} }),
    TypeError, "step: unknown step option 'onIteration'; valid step options are positiveClass, sampleWeight"],
  ['step: NaN in X', () => new LogisticModel().step(X.map((r, i) => (i ? r : [NaN])), Y), Error, 'step: X[0][0] is not a finite number: NaN'],
  ['step: one class', () => new LogisticModel().step(X, Y.map(() => 1)), Error, 'step: y contains only one class (1); logistic regression needs two or more'],
  // threshold
  ['predict threshold NaN', () => withModels((t) => t(fitted()).predict(X, NaN)), Error, /^predict: threshold must be in \[0, 1\], got NaN$/i],
  ['predict threshold -0.1', () => withModels((t) => t(fitted()).predict(X, -0.1)), Error, 'predict: threshold must be in [0, 1], got -0.1'],
  ['predict threshold Infinity', () => withModels((t) => t(fitted()).predict(X, Infinity)), Error, /^predict: threshold must be in \[0, 1\], got Infinity$/i],
  ['predict threshold null', () => withModels((t) => t(fitted()).predict(X, null)), TypeError, 'predict: threshold must be a number, got null'],
  // X with another width than the fit
  ['loss: 3 columns on a 1-column model', () => withModels((t) => t(fitted()).loss([[1, 2, 3]], [0])), Error, 'loss: X has 3 columns but the model was fitted with 1'],
  ['gradient: typed X with 2 columns', () => withModels((t) => t(fitted()).gradient(f32([[1, 2]]), [0])), Error, 'gradient: X has 2 columns but the model was fitted with 1'],
  ['decisionFunctionMatrix: 2 columns', () => withModels((t) => t(fitted()).decisionFunctionMatrix([[1, 2]])), Error, 'decisionFunctionMatrix: X has 2 columns but the model was fitted with 1'],
  ['predictProbaMatrix: 2 columns', () => withModels((t) => t(fitted()).predictProbaMatrix([[1, 2]])), Error, 'predictProbaMatrix: X has 2 columns but the model was fitted with 1'],
  ['summary: 2 columns', () => withModels((t) => t(fitted()).summary(X2, Y)), Error, 'summary: X has 2 columns but the model was fitted with 1'],
  ['gradientCheck: 2 columns', () => withModels((t) => t(fitted()).gradientCheck(X2, Y)), Error, 'gradientCheck: X has 2 columns but the model was fitted with 1'],
  ['predict: empty X', () => withModels((t) => t(fitted()).predict([])), Error, 'predict: X is empty (0 rows, 0 columns)'],
  // before fit
  ['predictProbaMatrix before fit', () => new LogisticModel().predictProbaMatrix(X), Error, 'predictProbaMatrix: the model is not fitted yet; call fit first'],
  ['decisionFunctionMatrix before fit', () => new LogisticModel().decisionFunctionMatrix(X), Error, 'decisionFunctionMatrix: the model is not fitted yet; call fit first'],
  ['gradientMatrix before fit', () => new LogisticModel().gradientMatrix(X, Y), Error, 'gradientMatrix: the model is not fitted yet; call fit first'],
  ['summary before fit', () => new LogisticModel().summary(X, Y), Error, 'summary: the model is not fitted yet; call fit first'],
  ['lossSurface before fit', () => new LogisticModel().lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1], [0, 1]] }), Error, 'lossSurface: the model is not fitted yet; call fit first'],
  ['gradientCheck before fit', () => new LogisticModel().gradientCheck(X, Y), Error, 'gradientCheck: the model is not fitted yet; call fit first'],
  // summary / lossSurface / gradientCheck / suggestLearningRate arguments
  ['summary: level 1.5', () => withModels((t) => t(fitted()).summary(X, Y, { level: 1.5 })), Error, 'summary: level must be in (0, 1), got 1.5'],
  ['summary: level NaN', () => withModels((t) => t(fitted()).summary(X, Y, { level: NaN })), Error, /^summary: level must be in \(0, 1\), got NaN$/i],
  ['summary: level a string', () => withModels((t) => t(fitted()).summary(X, Y, { level: '0.9' })), TypeError, "summary: level must be a number in (0, 1), got '0.9'"],
  ['summary: featureNames too short', () => withModels((t) => t(fitted(undefined, X2)).summary(X2, Y, { featureNames: ['a'] })),
    TypeError, 'summary: featureNames must be 2 strings, got an array of length 1'],
  ['summary: y with a label the model never saw', () => withModels((t) => t(fitted()).summary(X, yWith(0, 2))), Error, "summary: y[0] is 2, which is not one of the model's classes (0, 1)"],
  ['lossSurface: index out of range', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 5, j: 'intercept', ranges: [[0, 1], [0, 1]] })),
    Error, 'lossSurface: parameters i and j must differ and be below 2, got 5 and 1'],
  ['lossSurface: i === j', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 0, ranges: [[0, 1], [0, 1]], steps: 3 })),
    Error, 'lossSurface: parameters i and j must differ and be below 2, got 0 and 0'],
  ['lossSurface: negative index', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: -1, j: 'intercept', ranges: [[0, 1], [0, 1]] })),
    TypeError, "lossSurface: i must be a parameter index (an integer >= 0) or 'intercept', got -1"],
  ['lossSurface: no options', () => withModels((t) => t(fitted()).lossSurface(X, Y)),
    TypeError, 'lossSurface: the third argument must be an object like { i, j, ranges, steps }, got undefined'],
  ['lossSurface: one range', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1]] })),
    TypeError, 'lossSurface: ranges must be [[low, high], [low, high]], got an array of length 1'],
  ['lossSurface: NaN in a range', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, NaN], [0, 1]] })),
    Error, 'lossSurface: each range must be finite with low < high'],
  ['lossSurface: Infinity in a range', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1], [-Infinity, 1]] })),
    Error, 'lossSurface: each range must be finite with low < high'],
  ['lossSurface: reversed range', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[1, 0], [0, 1]] })),
    Error, 'lossSurface: each range must be finite with low < high'],
  ['lossSurface: steps 1', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1], [0, 1]], steps: 1 })),
    RangeError, 'lossSurface: steps must be integers >= 2, got 1'],
  ['lossSurface: 10^12 grid points', () => withModels((t) => t(fitted()).lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1], [0, 1]], steps: 1e6 })),
    Error, 'lossSurface: steps must be at least 2 each and at most 10^6 points in all'],
  ['gradientCheck: y too short', () => withModels((t) => t(fitted()).gradientCheck(X, [0, 1])), Error, 'gradientCheck: X has 20 rows but y has 2 labels'],
  ['gradientCheck: NaN label', () => withModels((t) => t(fitted()).gradientCheck(X, yWith(0, NaN))), Error, "gradientCheck: y[0] is NaN, which is not one of the model's classes (0, 1)"],
  ['suggestLearningRate: NaN in X', () => new LogisticModel().suggestLearningRate([[NaN]]), Error, 'suggestLearningRate: X[0][0] is not a finite number: NaN'],
  ['suggestLearningRate: y too short', () => new LogisticModel().suggestLearningRate(X, [1]), Error, 'suggestLearningRate: X has 20 rows but y has 1 label'],
  // fromJSON beyond model.test.js
  ['fromJSON: huge nFeatures', () => { const j = withModels((t) => t(fitted()).toJSON()); j.nFeatures = 2 ** 40; LogisticModel.fromJSON(j); },
    Error, 'fromJSON: coefficients has 1 value but 1 × nFeatures = 1099511627776'],
  ['fromJSON: negative nFeatures', () => { const j = withModels((t) => t(fitted()).toJSON()); j.nFeatures = -1; LogisticModel.fromJSON(j); },
    Error, 'fromJSON: nFeatures must be a non-negative integer, got -1'],
  ['fromJSON: coefficients as a string', () => { const j = withModels((t) => t(fitted()).toJSON()); j.coefficients = '1.5'; LogisticModel.fromJSON(j); },
    Error, "fromJSON: coefficients must be an array of numbers, got '1.5'"],
  ['fromJSON: version as a string', () => { const j = withModels((t) => t(fitted()).toJSON()); j.version = '2'; LogisticModel.fromJSON(j); },
    Error, "fromJSON: unsupported version '2'; this build reads versions 1 and 2"],
  ['fromJSON: version 1 file with three classes', () => {
    const j = withModels((t) => t(fitted()).toJSON());
    j.version = 1; delete j.intercepts; j.intercept = 0; j.classes = ['a', 'b', 'c'];
    LogisticModel.fromJSON(j);
  }, Error, 'fromJSON: 3 classes need 3 intercepts, got 1'],
  ['fromJSON: classes as an array-like object', () => { const j = withModels((t) => t(fitted()).toJSON()); j.classes = { 0: 0, 1: 1, length: 2 }; LogisticModel.fromJSON(j); },
    Error, 'fromJSON: classes must be null or an array of at least two labels, got an object'],
  ['fromJSON: an array', () => LogisticModel.fromJSON([]), TypeError, 'fromJSON: expected a model object (JSON.parse the text first), got an array of length 0'],
  ['fromJSON: unfitted model with coefficients', () => { const j = withModels((t) => t(new LogisticModel()).toJSON()); j.coefficients = [1]; LogisticModel.fromJSON(j); },
    Error, 'fromJSON: a model with classes null (not fitted) must have nFeatures 0, no coefficients and no intercepts'],
  ['fromJSON: top-level "__proto__" (prototype pollution attempt)', () => {
    const text = JSON.stringify(withModels((t) => t(fitted()).toJSON())).replace('{', '{"__proto__":{"polluted":1},');
    LogisticModel.fromJSON(JSON.parse(text));
  }, Error, "fromJSON: unknown field '__proto__'; a version 2 model has format, version, options, classes, coefficients, intercepts, nFeatures"],
  ['fromJSON: options."__proto__"', () => {
    const text = JSON.stringify(withModels((t) => t(fitted()).toJSON())).replace('"options":{', '"options":{"__proto__":{"polluted":1},');
    LogisticModel.fromJSON(JSON.parse(text));
  }, TypeError, `fromJSON: unknown option '__proto__'; valid options are ${OPTION_LIST}`],
  ['fromJSON: options.constructor.prototype', () => {
    const j = withModels((t) => t(fitted()).toJSON());
    j.options = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}');
    LogisticModel.fromJSON(j);
  }, TypeError, `fromJSON: unknown option 'constructor'; valid options are ${OPTION_LIST}`],
  ['fromJSON: options.classWeight."__proto__"', () => {
    const j = withModels((t) => t(fitted()).toJSON());
    j.options = { ...j.options, classWeight: JSON.parse('{"__proto__": {"polluted": 1}}') };
    LogisticModel.fromJSON(j);
  }, RangeError, "fromJSON: option classWeight['__proto__'] must be a finite number > 0, got an object"],
];

// Members after dispose that model.test.js does not already cover.
const AFTER_DISPOSE = {
  step: (m) => m.step(X, Y),
  history: (m) => m.history,
  gradientCheck: (m) => m.gradientCheck(X, Y),
  lossSurface: (m) => m.lossSurface(X, Y, { i: 0, j: 'intercept', ranges: [[0, 1], [0, 1]] }),
  suggestLearningRate: (m) => m.suggestLearningRate(X),
  summary: (m) => m.summary(X, Y),
  predictProbaMatrix: (m) => m.predictProbaMatrix(X),
  decisionFunctionMatrix: (m) => m.decisionFunctionMatrix(X),
  gradientMatrix: (m) => m.gradientMatrix(X, Y),
  coefficientMatrix: (m) => m.coefficientMatrix,
  intercepts: (m) => m.intercepts,
  standardizedCoefficients: (m) => m.standardizedCoefficients,
  standardizedIntercepts: (m) => m.standardizedIntercepts,
  featureMean: (m) => m.featureMean,
  featureScale: (m) => m.featureScale,
  'fit with bad arguments': (m) => m.fit(null, null, 'x'),
};

describe('bad input: each call throws the exact error and the module keeps working', () => {
  for (const [name, run, Type, message, todo] of THROWS) {
    test(name, todo ? { todo } : {}, () => {
      assertError(run, Type, message);
      assertHealthy();
    });
  }
  for (const [name, use] of Object.entries(AFTER_DISPOSE)) {
    test(`after dispose: ${name}`, () => {
      const m = new LogisticModel({ standardize: true });
      m.fit(X, Y);
      m.dispose();
      assertError(() => use(m), Error, DISPOSED);
      assertHealthy();
    });
  }
});

describe('bad input that must work (no throw, no crash, a sensible model)', () => {
  test('a class with one row (three classes) fits', () => withModels((t) => {
    const m = t(new LogisticModel());
    const r = m.fit(X, yWith(19, 2));
    assert.deepEqual(m.classes, [0, 1, 2]);
    assert.equal(m.predict([[5.5]]).length, 1);
    for (const v of m.coefficientMatrix.data) assert.ok(Number.isFinite(v));
    assert.ok(Number.isFinite(r.loss));
    assertHealthy();
  }));

  test('a binary class with one row: separation warning or a finite fit', () => withModels((t) => {
    const m = t(new LogisticModel());
    const r = m.fit(X, Y.map((v, i) => (i === 19 ? 1 : 0)));
    assert.ok(Number.isFinite(m.coefficients[0]) && Number.isFinite(m.intercept));
    assert.deepEqual(r.warnings.map((w) => w.code), ['separation']); // x = 5.5 alone is above all the rest
    assertHealthy();
  }));

  test('n < d fits without crashing and reports separation (no finite MLE exists)', () => withModels((t) => {
    const m = t(new LogisticModel());
    const r = m.fit([[1, 2, 3, 4], [2, 3, 1, 0], [0, 1, 1, 1]], [0, 1, 0]);
    assert.equal(r.converged, false);
    assert.deepEqual(r.warnings.map((w) => w.code), ['separation']);
    for (const v of m.coefficients) assert.ok(Number.isFinite(v));
    const p = new LogisticModel({ l2: 0.1 });
    t(p);
    assert.equal(p.fit([[1, 2, 3, 4], [2, 3, 1, 0], [0, 1, 1, 1]], [0, 1, 1]).converged, true);
    assertHealthy();
  }));

  test('a constant column: constant-columns warning; predictions are the 1-column fit', () => withModels((t) => {
    const m = t(new LogisticModel({ standardize: true }));
    const r = m.fit(X.map((row) => [...row, 5]), Y);
    assert.deepEqual(r.constantColumns, [1]);
    assert.deepEqual(r.warnings.map((w) => w.code), ['constant-columns']);
    assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-6);
    assert.equal(m.coefficients[1], 0);
  }));

  test('a constant column with newton (no standardize): the coefficient "stays at its start value", as the warning says',
    () => withModels((t) => {
      const m = t(new LogisticModel());
      const r = m.fit(X.map((row) => [...row, 5]), Y);
      assert.deepEqual(r.constantColumns, [1]);
      assert.equal(m.coefficients[1], 0);
      assert.ok(Math.abs(m.intercept - INTERCEPT) < 1e-6);
    }));

  test('a constant column without an intercept is the intercept: the warning must not call it unidentified',
    () => withModels((t) => {
      const m = t(new LogisticModel({ fitIntercept: false }));
      const r = m.fit(X.map((row) => [...row, 5]), Y);
      assert.ok(Math.abs(m.coefficients[1] * 5 - INTERCEPT) < 1e-6); // right today
      for (const w of r.warnings) assert.doesNotMatch(w.message, /with an intercept/);
    }));

  test('duplicate columns: the weight is split, predictions equal the 1-column fit, summary names the collinearity', () => withModels((t) => {
    const m = t(new LogisticModel());
    const XX = X.map((row) => [row[0], row[0]]);
    m.fit(XX, Y);
    assert.ok(Math.abs(m.coefficients[0] + m.coefficients[1] - SLOPE) < 1e-6);
    const s = m.summary(XX, Y);
    assert.equal(s.withheld.code, 'collinear');
    assert.deepEqual(s.withheld.collinearColumns, [1, 2]);
  }));

  test('separable data: separation warning and finite weights for every solver', () => withModels((t) => {
    for (const solver of ['auto', 'newton', 'lbfgs', 'gd', 'sgd']) {
      const m = t(new LogisticModel({ solver }));
      const r = m.fit([[1], [2], [3], [4]], [0, 0, 1, 1]);
      assert.ok(r.warnings.some((w) => w.code === 'separation'), `${solver}: ${JSON.stringify(r.warnings)}`);
      assert.ok(Number.isFinite(m.coefficients[0]) && Number.isFinite(m.intercept), solver);
      assert.deepEqual(m.predict([[1], [4]]), [0, 1], solver);
    }
    assertHealthy();
  }));

  test('labels "__proto__" and "constructor" work and pollute nothing', () => withModels((t) => {
    const m = t(new LogisticModel());
    m.fit(X, Y.map((v) => (v ? '__proto__' : 'constructor')));
    assert.deepEqual(m.classes, ['__proto__', 'constructor']);
    assert.deepEqual(m.predict([[0.5], [5.5]]), ['constructor', '__proto__']);
    assert.equal(({}).polluted, undefined);
    const back = t(LogisticModel.fromJSON(JSON.parse(JSON.stringify(m))));
    assert.deepEqual(back.classes, ['__proto__', 'constructor']);
    assert.equal(Object.prototype.polluted, undefined);
  }));

  test('no fromJSON case above polluted Object.prototype', () => {
    assert.equal(({}).polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });

  test('classWeight with a label named like an Object.prototype member ("toString") uses weight 1 for it',
    () => withModels((t) => {
      const m = t(new LogisticModel({ classWeight: { 1: 2 } }));
      m.fit(X, Y.map((v) => (v ? 'toString' : '1')));
      assert.deepEqual(m.classes, ['1', 'toString']);
    }));

  test('classWeight with a "__proto__" label and no weight for it uses weight 1',
    () => withModels((t) => {
      const m = t(new LogisticModel({ classWeight: { constructor: 2 } }));
      m.fit(X, Y.map((v) => (v ? '__proto__' : 'constructor')));
      assert.deepEqual(m.classes, ['__proto__', 'constructor']);
    }));

  test('maxIterations 2**40 is a RangeError naming the value exactly', () => {
    assertError(() => new LogisticModel({ maxIterations: 2 ** 40 }), RangeError,
      'option maxIterations must be an integer from 1 to 100000000, got 1099511627776');
  });

  test('out-of-range integers checked by C++ are reported with their exact value',
    () => {
      assertError(() => new LogisticModel({ maxIterations: 100000001 }), Error,
        'option maxIterations must be an integer from 1 to 100000000, got 100000001');
      assertError(() => new LogisticModel({ maxIterations: 2 ** 32 - 1 }), Error,
        'option maxIterations must be an integer from 1 to 100000000, got 4294967295');
    });

  test('non-finite values are spelled the same way whichever side (JS or C++) checks them',
    () => {
      assertError(() => new LogisticModel({ learningRate: NaN }), Error, 'option learningRate must be a finite number > 0, got NaN');
      assertError(() => new LogisticModel().fit({ data: new Float64Array([1, NaN]), rows: 2, cols: 1 }, [0, 1]), Error,
        'fit: X has a non-finite value NaN at row 2, column 1');
    });

  test('summary(X, y, null) and lossSurface(X, y, null) name the bad argument',
    () => withModels((t) => {
      const m = t(fitted());
      assertError(() => m.summary(X, Y, null), TypeError, /^summary: /);
      assertError(() => m.lossSurface(X, Y, null), TypeError, /^lossSurface: /);
    }));

  test('uniformly small sample weights (1e-6) give the same model as weights 1',
    () => withModels((t) => {
      const m = t(new LogisticModel());
      const r = m.fit(X, Y, { sampleWeight: Y.map(() => 1e-6) });
      assert.ok(r.iterations > 0 || r.warnings.length > 0, JSON.stringify(r));
      assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-4, `slope ${m.coefficients[0]}`);
    }));

  test('uniformly huge sample weights (1e300) give the same model as weights 1 and converge',
    () => withModels((t) => {
      for (const s of [1e300, 1e308]) {
        const m = t(new LogisticModel());
        const r = m.fit(X, Y, { sampleWeight: Y.map(() => s) });
        assert.equal(r.converged, true, `${s}: ${JSON.stringify(r.warnings)}`);
        assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-4, `${s}: slope ${m.coefficients[0]}`);
      }
    }));

  test('sampleWeight that zeroes a whole class is rejected or warned about (only one class is left)',
    () => withModels((t) => {
      const m = t(new LogisticModel());
      let r;
      try {
        r = m.fit(X, Y, { sampleWeight: Y.map((v) => (v ? 1 : 0)) });
      } catch (e) {
        assert.match(e.message, /class/);
        return;
      }
      assert.ok(r.warnings.length > 0, 'a warning');
    }));

  // Was a silently wrong model: X × 1e160 with standardize gave converged: true after 0
  // iterations, w = 0, no warning (the sums of squares overflow). Now a clear error.
  test('standardize: true with X × 1e160 is refused naming row, column, value and the limit', () => withModels((t) => {
    const m = t(new LogisticModel({ standardize: true }));
    assertError(() => m.fit(X.map((row) => [row[0] * 1e160]), Y), Error,
      /^fit: X has a value 5e\+159 at row 1, column 1, too large to standardize \(\|x\| must stay below 2\.859\d*e\+147 for 20 rows: the sums of squares would overflow\); divide the column by a power of ten before fitting$/);
    assert.equal(m.fitted, false);
    assertHealthy();
  }));

  test('standardize: true with large-scale X (1e100) fits like the unscaled data', () => withModels((t) => {
    const m = t(new LogisticModel({ standardize: true, tolerance: 1e-10 }));
    const r = m.fit(X.map((row) => [row[0] * 1e100]), Y);
    assert.equal(r.converged, true, JSON.stringify(r));
    assert.ok(r.iterations > 0, JSON.stringify(r));
    assert.ok(Math.abs(m.coefficients[0] * 1e100 - SLOPE) < 1e-6, `${m.coefficients[0]}`);
    assert.ok(Math.abs(m.intercept - INTERCEPT) < 1e-6, `${m.intercept}`);
  }));

  test('classWeight of the largest double for every class (the weights\' sum overflows) fits like no weights', () => withModels((t) => {
    const m = t(new LogisticModel({ classWeight: { 0: Number.MAX_VALUE, 1: Number.MAX_VALUE }, tolerance: 1e-10 }));
    assert.equal(m.fit(X, Y).converged, true);
    assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-6, `${m.coefficients[0]}`);
    assert.ok(Math.abs(m.intercept - INTERCEPT) < 1e-6, `${m.intercept}`);
  }));

  test('large-scale X (1e160) without standardize: not-converged with advice, never a silent zero model', () => withModels((t) => {
    const m = t(new LogisticModel());
    const r = m.fit(X.map((row) => [row[0] * 1e160]), Y);
    assert.equal(r.converged, false);
    assert.deepEqual(r.warnings.map((w) => w.code), ['not-converged']);
  }));

  test('huge learning rates: diverged warning, best parameters kept, finite', () => withModels((t) => {
    for (const solver of ['gd', 'sgd']) {
      const m = t(new LogisticModel({ solver, learningRate: 1e300 }));
      const r = m.fit(X, Y);
      assert.deepEqual(r.warnings.map((w) => w.code), ['diverged'], solver);
      assert.match(r.warnings[0].message, /Use learningRate <= 0\.37/);
      assert.ok(Number.isFinite(m.coefficients[0]));
    }
    assertHealthy();
  }));

  test('huge but valid options (maxIterations 1e8 stopped by onIteration, batchSize 2**32-1, historySize 1000, l1/l2 1e308)', () => withModels((t) => {
    const gd = t(new LogisticModel({ solver: 'gd', maxIterations: 100000000, tolerance: 0 }));
    const r = gd.fit(X, Y, { onIteration: (e) => e.iteration < 100 });
    assert.equal(r.iterations, 100);
    t(new LogisticModel({ solver: 'sgd', batchSize: 2 ** 32 - 1, maxIterations: 5 })).fit(X, Y);
    const lb = t(new LogisticModel({ solver: 'lbfgs', historySize: 1000 }));
    assert.equal(lb.fit(X, Y).converged, true);
    const l1 = t(new LogisticModel({ l1: 1e308 }));
    l1.fit(X, Y);
    assert.equal(l1.coefficients[0], 0);
    const l2 = t(new LogisticModel({ l2: 1e308 }));
    l2.fit(X, Y);
    assert.ok(Math.abs(l2.coefficients[0]) < 1e-300);
    assertHealthy();
  }));

  test('fromJSON with 1e6 features and with coefficients 1e308 loads; predictions stay finite', () => withModels((t) => {
    const j = t(fitted()).toJSON();
    const big = t(LogisticModel.fromJSON({ ...j, nFeatures: 1e6, coefficients: new Array(1e6).fill(0) }));
    assert.equal(big.nFeatures, 1e6);
    const extreme = t(LogisticModel.fromJSON({ ...j, coefficients: [1e308], intercepts: [-1e308] }));
    for (const p of extreme.predictProba([[0], [1], [2]])) assert.ok(p >= 0 && p <= 1);
    assertHealthy();
  }));

  test('a problem too large for the Newton system is refused with a message naming the cause',
    () => withModels((t) => {
      const k = 12000;
      const m = t(new LogisticModel({ solver: 'newton', maxIterations: 1 }));
      assertError(() => m.fit(Array.from({ length: k }, (_, i) => [i % 10]), Array.from({ length: k }, (_, i) => i)),
        Error, /^fit: .*(newton|parameters|memory)/i);
      assertHealthy();
    }));

  test('C++ messages reach JS as UTF-8 (the × in the refusal is not read as Latin-1)',
    () => withModels((t) => {
      const m = t(new LogisticModel({ solver: 'newton', maxIterations: 1 }));
      const k = 300;
      assertError(() => m.fit(Array.from({ length: k }, (_, i) => [i % 10]), Array.from({ length: k }, (_, i) => i)),
        Error, "fit: solver 'newton' would build and solve a dense 598 × 598 system each iteration (over 500 " +
        "parameters), too slow to stay responsive; use solver 'lbfgs' or 'auto'");
      assertHealthy();
    }));

  test("solver 'newton' on a problem with hundreds of parameters refuses or stays interactive",
    () => withModels((t) => {
      const k = 300;
      const m = t(new LogisticModel({ solver: 'newton', maxIterations: 1 }));
      const t0 = performance.now();
      try {
        m.fit(Array.from({ length: k }, (_, i) => [i % 10]), Array.from({ length: k }, (_, i) => i));
      } catch (e) {
        assert.match(e.message, /newton/);
        return;
      }
      assert.ok(performance.now() - t0 < 250, `one Newton iteration took ${Math.round(performance.now() - t0)} ms`);
    }));

  test('threshold 0 and 1 are valid', () => withModels((t) => {
    const m = t(fitted());
    assert.deepEqual(m.predict([[0.5], [5.5]], 0), [1, 1]);
    assert.deepEqual(m.predict([[0.5], [5.5]], 1), [0, 0]);
  }));

  test('-0 labels are the label 0', () => withModels((t) => {
    const m = t(new LogisticModel());
    m.fit(X, Y.map((v) => (v ? 1 : -0)));
    assert.ok(Object.is(m.classes[0], 0));
    assert.ok(Math.abs(m.coefficients[0] - SLOPE) < 1e-5);
  }));
});
