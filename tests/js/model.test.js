// SPDX-License-Identifier: MIT
// The public JavaScript API of logreg-wasm (web/src/node.js → model.js → the Embind core):
// values against an independent float64 implementation written here in plain JS, dtypes,
// label spaces, every documented error (and that the module keeps working after it),
// disposal, and JSON round trips.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { LogisticModel } from '../../web/src/node.js';

// ---- an independent reference: MATH.md in plain JS, float64 ------------------------------

const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
// log(1 + e^z) − y z, overflow-free.
const rowLoss = (z, y) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;

/** J(w, b) and ∇J = ((1/n) Xᵀ(σ(z) − y), (1/n) Σ(σ(z) − y)) for X: number[][], y ∈ {0, 1}. */
function referenceLossGradient(X, y, w, b) {
  const n = X.length;
  const d = w.length;
  let J = 0;
  const g = new Array(d + 1).fill(0);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += X[i][j] * w[j];
    J += rowLoss(z, y[i]);
    const r = sigmoid(z) - y[i];
    for (let j = 0; j < d; j++) g[j] += r * X[i][j];
    g[d] += r;
  }
  return { J: J / n, grad: g.map((v) => v / n) };
}

/** Gradient descent exactly as documented: θ ← θ − α∇J(θ) from 0 until ‖∇J‖∞ ≤ tol or maxIt updates. */
function referenceGD(X, y, { learningRate, maxIterations, tolerance, fitIntercept = true }) {
  const d = X[0].length;
  let w = new Array(d).fill(0);
  let b = 0;
  for (let it = 0; ; it++) {
    const { J, grad } = referenceLossGradient(X, y, w, b);
    if (!fitIntercept) grad[d] = 0;
    const norm = Math.max(...grad.map(Math.abs));
    if (norm <= tolerance) return { w, b, iterations: it, converged: true, loss: J, gradientNorm: norm };
    if (it === maxIterations) return { w, b, iterations: it, converged: false, loss: J, gradientNorm: norm };
    w = w.map((wj, j) => wj - learningRate * grad[j]);
    b -= learningRate * grad[d];
  }
}

const relErr = (got, want) => Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
function assertClose(got, want, tol, what) {
  const err = Math.abs(got - want) / Math.max(1, Math.abs(want));
  assert.ok(err <= tol, `${what}: got ${got}, want ${want} (error ${err} > ${tol})`);
}
function assertAllClose(got, want, tol, what) {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) assertClose(got[i], want[i], tol, `${what}[${i}]`);
}

// ---- data ---------------------------------------------------------------------------------

// Two overlapping classes: rows 9 and 10 sit on the other class's side, so no hyperplane
// separates them and J has a finite minimizer (gradient descent converges; the core would
// stop early on separable data).
const X = [
  [0.5, 1.0], [1.0, 0.5], [1.5, 2.0], [2.0, 1.0], [2.5, 2.5],
  [3.0, 1.5], [0.0, 0.5], [1.0, 2.5], [3.0, 2.5], [0.5, 0.5],
];
const y01 = [0, 0, 1, 0, 1, 1, 0, 1, 0, 1];
const yStr = y01.map((v) => (v ? 'spam' : 'ham'));
const flat64 = (rows) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const flat32 = (rows) => ({ data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const DEFAULTS = {
  solver: 'auto', learningRate: 0.1, maxIterations: 10000, tolerance: 1e-6, fitIntercept: true, l2: 0, l1: 0,
  standardize: false, classWeight: null, warmStart: false, batchSize: 32, seed: 0,
  learningRateSchedule: 'constant', decaySteps: 1000, historySize: 10, loss: 'log',
};
const GD = { solver: 'gd', learningRate: 0.5, maxIterations: 200, tolerance: 0 };

/** A valid fit whose result is known: used after every error to prove the module still works. */
const expected = referenceGD(X, y01, GD);
function assertStillWorks(model = new LogisticModel(GD)) {
  try {
    const report = model.fit(X, y01);
    assert.equal(report.iterations, expected.iterations);
    assertAllClose(model.coefficients, expected.w, 1e-12, 'coefficients after an error');
  } finally {
    model.dispose();
  }
}

/** Runs fn, which must throw an instance of Type whose message matches; then checks the module. */
function assertThrowsAndRecovers(fn, Type, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Type, `expected ${Type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
  assertStillWorks();
}

// ---- values -------------------------------------------------------------------------------

describe('values against a plain-JS float64 reference', () => {
  test('fit() reproduces gradient descent to 1e-12 (fixed 200 updates)', () => {
    const model = new LogisticModel(GD);
    try {
      const report = model.fit(X, y01);
      assert.deepEqual(Object.keys(report).sort(),
        ['constantColumns', 'converged', 'gradientNorm', 'iterations', 'loss', 'solver', 'warnings']);
      assert.equal(report.solver, 'gd');
      assert.deepEqual(report.warnings.map((w) => w.code), ['not-converged']);
      assert.equal(report.iterations, 200);
      assert.equal(report.converged, false);
      assertClose(report.loss, expected.loss, 1e-12, 'loss');
      assertClose(report.gradientNorm, expected.gradientNorm, 1e-12, 'gradientNorm');
      assertAllClose(model.coefficients, expected.w, 1e-12, 'w');
      assertClose(model.intercept, expected.b, 1e-12, 'b');
      assert.equal(model.nFeatures, 2);
      assert.equal(model.fitted, true);
      assert.deepEqual(model.classes, [0, 1]);
    } finally {
      model.dispose();
    }
  });

  test('fit() stops on the tolerance after the same number of updates as the reference', () => {
    const opts = { solver: 'gd', learningRate: 1, maxIterations: 100000, tolerance: 1e-7 };
    const want = referenceGD(X, y01, opts);
    assert.equal(want.converged, true);
    const model = new LogisticModel(opts);
    try {
      const report = model.fit(X, y01);
      assert.equal(report.converged, true);
      assert.equal(report.iterations, want.iterations);
      assert.ok(report.gradientNorm <= 1e-7);
      assertAllClose(model.coefficients, want.w, 1e-10, 'w');
      assertClose(model.intercept, want.b, 1e-10, 'b');
    } finally {
      model.dispose();
    }
  });

  test('fitIntercept: false keeps b = 0 and matches the reference', () => {
    const opts = { ...GD, fitIntercept: false };
    const want = referenceGD(X, y01, opts);
    const model = new LogisticModel(opts);
    try {
      model.fit(X, y01);
      assert.equal(model.intercept, 0);
      assertAllClose(model.coefficients, want.w, 1e-12, 'w');
    } finally {
      model.dispose();
    }
  });

  test('loss(), gradient(), decisionFunction(), predictProba() at parameters set with fromJSON', () => {
    const w = [0.7, -1.3];
    const b = 0.25;
    const model = LogisticModel.fromJSON({
      format: 'logreg-wasm/model', version: 1,
      options: { learningRate: 0.1, maxIterations: 1000, tolerance: 1e-6, fitIntercept: true },
      classes: ['ham', 'spam'], coefficients: w, intercept: b, nFeatures: 2,
    });
    try {
      const { J, grad } = referenceLossGradient(X, y01, w, b);
      assert.ok(relErr(model.loss(X, yStr), J) <= 1e-12, 'J');
      const g = model.gradient(X, yStr);
      assert.ok(g.weights instanceof Float64Array);
      assert.equal(g.weights.length, 2);
      assert.ok(relErr(g.weights[0], grad[0]) <= 1e-12, '∂J/∂w1');
      assert.ok(relErr(g.weights[1], grad[1]) <= 1e-12, '∂J/∂w2');
      assert.ok(relErr(g.intercept, grad[2]) <= 1e-12, '∂J/∂b');
      const z = X.map((r) => b + r[0] * w[0] + r[1] * w[1]);
      const zGot = model.decisionFunction(X);
      assert.ok(zGot instanceof Float64Array);
      assertAllClose(zGot, z, 1e-14, 'z');
      assertAllClose(model.predictProba(X), z.map(sigmoid), 1e-14, 'p');
      // The textbook form −(1/n) Σ [y log ŷ + (1 − y) log(1 − ŷ)] agrees at moderate z.
      const textbook = -y01.reduce((s, yi, i) => {
        const p = sigmoid(z[i]);
        return s + yi * Math.log(p) + (1 - yi) * Math.log(1 - p);
      }, 0) / y01.length;
      assert.ok(relErr(model.loss(X, yStr), textbook) <= 1e-12);
    } finally {
      model.dispose();
    }
  });

  test('results are fresh copies, not views of wasm memory', () => {
    const model = new LogisticModel(GD);
    try {
      model.fit(X, y01);
      const w = model.coefficients;
      w[0] = 123;
      assert.notEqual(model.coefficients[0], 123);
      assert.notEqual(model.coefficients, model.coefficients);
      const p = model.predictProba(X);
      assert.ok(!(p.buffer instanceof SharedArrayBuffer));
      assert.equal(p.byteOffset, 0);
      assert.equal(p.buffer.byteLength, X.length * 8, 'owns exactly its own buffer');
      // Grow the wasm memory (a large input); earlier results stay valid.
      const big = new Float64Array(4_000_000 * 2);
      model.decisionFunction({ data: big, rows: 4_000_000, cols: 2 });
      assert.equal(p.length, X.length);
      assert.ok(p.every((v) => v > 0 && v < 1));
    } finally {
      model.dispose();
    }
  });

  test('extreme data (|z| = 1000) gives finite loss, gradient and probabilities', () => {
    const model = LogisticModel.fromJSON({
      format: 'logreg-wasm/model', version: 1,
      options: { learningRate: 0.1, maxIterations: 1000, tolerance: 1e-6, fitIntercept: true },
      classes: [0, 1], coefficients: [1], intercept: 0, nFeatures: 1,
    });
    try {
      const Xe = [[1000], [-1000], [1000], [-1000]];
      const ye = [1, 0, 0, 1];
      // Rows 1, 2 are right with certainty (loss 0), rows 3, 4 wrong by z = ±1000 (loss 1000).
      assert.equal(model.loss(Xe, ye), 500);
      const g = model.gradient(Xe, ye);
      assert.equal(g.weights[0], 500);
      assert.equal(g.intercept, 0);
      assert.deepEqual(Array.from(model.predictProba(Xe)), [1, 0, 1, 0]);
      assert.deepEqual(model.predict(Xe), [1, 0, 1, 0]);
    } finally {
      model.dispose();
    }
    const fitter = new LogisticModel({ solver: 'gd', learningRate: 1e-3, maxIterations: 50 });
    try {
      const report = fitter.fit([[1000], [-1000], [900], [-800], [10], [-20]], [1, 0, 1, 0, 0, 1]);
      assert.ok(Number.isFinite(report.loss), `loss ${report.loss}`);
      assert.ok(Number.isFinite(report.gradientNorm));
      assert.ok(fitter.coefficients.every(Number.isFinite));
      assert.ok(fitter.predictProba([[1000], [-1000]]).every(Number.isFinite));
    } finally {
      fitter.dispose();
    }
  });
});

// ---- dtypes -------------------------------------------------------------------------------

describe('Float32Array and Float64Array inputs', () => {
  test('number[][] and Float64Array give the same fit', () => {
    const fit = (input) => {
      const model = new LogisticModel(GD);
      try {
        return { report: model.fit(input, y01), w: model.coefficients, b: model.intercept };
      } finally {
        model.dispose();
      }
    };
    const a = fit(X);
    const b = fit(flat64(X));
    assert.deepEqual(b, a);
  });

  test('Float32Array data reaches the core intact and fits like its float64 widening', () => {
    const Xd = X.map((r) => r.map((v) => v + 0.1)); // not representable in float32
    const rounded = Xd.map((r) => r.map(Math.fround));
    const model32 = new LogisticModel(GD);
    const model64 = new LogisticModel(GD);
    try {
      const r32 = model32.fit(flat32(Xd), y01);
      const r64 = model64.fit(rounded, y01);
      // The gradient pass may run in float32 arithmetic on float32 data (the SIMD kernel
      // does, by design, ~1e-6 relative; kernels_simd.cpp): agreement to 1e-5.
      assert.equal(r32.iterations, r64.iterations);
      assertClose(r32.loss, r64.loss, 1e-5, 'loss');
      assertAllClose(model32.coefficients, model64.coefficients, 1e-5, 'w');
      assertClose(model32.intercept, model64.intercept, 1e-5, 'b');
      // decisionFunction accumulates in double for both dtypes: with the same parameters, the
      // float32 values give exactly the float64 result of their widening.
      const json = model64.toJSON();
      const same = LogisticModel.fromJSON(json);
      try {
        assertAllClose(same.decisionFunction(flat32(Xd)), same.decisionFunction(rounded), 1e-15, 'z');
      } finally {
        same.dispose();
      }
    } finally {
      model32.dispose();
      model64.dispose();
    }
  });

  test('a subarray view is read from its own offset', () => {
    const backing = new Float64Array(4 + X.length * 2);
    backing.set(X.flat(), 4);
    const model = new LogisticModel(GD);
    try {
      model.fit({ data: backing.subarray(4), rows: X.length, cols: 2 }, y01);
      assertAllClose(model.coefficients, expected.w, 1e-12, 'w');
    } finally {
      model.dispose();
    }
  });
});

// ---- labels -------------------------------------------------------------------------------

describe('labels', () => {
  const cases = [
    ['strings', yStr, ['ham', 'spam']],
    ['booleans', y01.map(Boolean), [false, true]],
    ['numbers -1/+1', y01.map((v) => (v ? 1 : -1)), [-1, 1]],
    ['numbers 10/2 (sorted numerically, not as text)', y01.map((v) => (v ? 10 : 2)), [2, 10]],
    ['a Float64Array of 0/1', Float64Array.from(y01), [0, 1]],
    ['a Float64Array of -0/1 (-0 is the label 0)', Float64Array.from(y01, (v) => (v ? 1 : -0)), [0, 1]],
    ['a Float32Array of 0/1', Float32Array.from(y01), [0, 1]],
  ];
  for (const [name, labels, classes] of cases) {
    test(`${name} round-trip through predict()`, () => {
      const model = new LogisticModel(GD);
      try {
        model.fit(X, labels);
        assert.deepEqual(model.classes, classes);
        assert.ok(Object.isFrozen(model.classes));
        assertAllClose(model.coefficients, expected.w, 1e-12, 'same fit as 0/1');
        const predicted = model.predict(X);
        assert.ok(Array.isArray(predicted));
        const p = model.predictProba(X);
        predicted.forEach((label, i) => assert.equal(label, p[i] >= 0.5 ? classes[1] : classes[0]));
        assert.ok(predicted.every((label) => label === classes[0] || label === classes[1]));
        assertClose(model.loss(X, labels), expected.loss, 1e-12, 'loss in the label space');
      } finally {
        model.dispose();
      }
    });
  }

  test('a Float64Array of 0/1 with positiveClass 0 is encoded, not passed as is', () => {
    const model = new LogisticModel(GD);
    try {
      model.fit(X, Float64Array.from(y01), { positiveClass: 0 });
      assert.deepEqual(model.classes, [1, 0]);
      assertAllClose(model.coefficients, expected.w.map((w) => -w), 1e-12, 'the 0/1 fit, mirrored');
      assertClose(model.loss(X, Float64Array.from(y01)), expected.loss, 1e-12, 'loss');
    } finally {
      model.dispose();
    }
  });

  test('a Float64Array of labels is checked row by row', () => {
    const model = new LogisticModel(GD);
    try {
      const bad = Float64Array.from(y01);
      bad[5] = NaN;
      assert.throws(() => model.fit(X, bad), { message: 'fit: y[5] is NaN; labels must be finite numbers, booleans or strings' });
      model.fit(X, Float64Array.from(y01));
      bad[5] = 2;
      assert.throws(() => model.loss(X, bad), { message: "loss: y[5] is 2, which is not one of the model's classes (0, 1)" });
      bad[5] = 0.5;
      assert.throws(() => model.loss(X, bad), { message: "loss: y[5] is 0.5, which is not one of the model's classes (0, 1)" });
      assertClose(model.loss(X, Float64Array.from(y01)), expected.loss, 1e-12, 'still usable');
    } finally {
      model.dispose();
    }
  });

  test('strings sort by UTF-16 code units (uppercase before lowercase)', () => {
    const model = new LogisticModel(GD);
    try {
      model.fit(X, y01.map((v) => (v ? 'B' : 'a')));
      assert.deepEqual(model.classes, ['B', 'a']); // 'B' (66) < 'a' (97): 'a' is positive
    } finally {
      model.dispose();
    }
  });

  test('positiveClass chooses the positive label; P flips to 1 − P', () => {
    const a = new LogisticModel(GD);
    const b = new LogisticModel(GD);
    try {
      a.fit(X, yStr);
      b.fit(X, yStr, { positiveClass: 'ham' });
      assert.deepEqual(b.classes, ['spam', 'ham']);
      const pa = a.predictProba(X);
      const pb = b.predictProba(X);
      pa.forEach((p, i) => assertClose(pb[i], 1 - p, 1e-12, `P[${i}]`));
      assert.deepEqual(b.predict(X), a.predict(X)); // the same labels, from the other side
      // A refit without positiveClass keeps the orientation chosen before.
      b.fit(X, yStr);
      assert.deepEqual(b.classes, ['spam', 'ham']);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  test('predict() applies the threshold in the user label space', () => {
    const model = new LogisticModel(GD);
    try {
      model.fit(X, yStr);
      assert.ok(model.predict(X, 0).every((l) => l === 'spam'));
      const p = model.predictProba(X);
      const t = 0.7;
      assert.deepEqual(model.predict(X, t), Array.from(p, (v) => (v >= t ? 'spam' : 'ham')));
    } finally {
      model.dispose();
    }
  });
});

// ---- errors -------------------------------------------------------------------------------

describe('errors name the problem, and the module keeps working afterwards', () => {
  test('options', () => {
    assertThrowsAndRecovers(() => new LogisticModel({ learningrate: 0.1 }), TypeError,
      "unknown option 'learningrate'; valid options are solver, learningRate, maxIterations, tolerance, fitIntercept, l2, l1, standardize, classWeight, warmStart, batchSize, seed, learningRateSchedule, decaySteps, historySize, loss");
    assertThrowsAndRecovers(() => new LogisticModel({ learningRate: '0.1' }), TypeError,
      "option learningRate must be a number, got '0.1'");
    assertThrowsAndRecovers(() => new LogisticModel({ fitIntercept: 1 }), TypeError,
      'option fitIntercept must be a boolean, got 1');
    assertThrowsAndRecovers(() => new LogisticModel({ maxIterations: 10.5 }), TypeError,
      'option maxIterations must be an integer, got 10.5');
    assertThrowsAndRecovers(() => new LogisticModel('fast'), TypeError, "options must be an object, got 'fast'");
    // Ranges: checked by C++, reported with the JavaScript names.
    assertThrowsAndRecovers(() => new LogisticModel({ learningRate: 0 }), Error,
      'option learningRate must be a finite number > 0, got 0');
    assertThrowsAndRecovers(() => new LogisticModel({ learningRate: NaN }), Error,
      /^option learningRate must be a finite number > 0, got nan$/i);
    assertThrowsAndRecovers(() => new LogisticModel({ tolerance: -1 }), Error,
      'option tolerance must be a finite number >= 0, got -1');
    assertThrowsAndRecovers(() => new LogisticModel({ maxIterations: 0 }), Error,
      'option maxIterations must be an integer from 1 to 100000000, got 0');
    assertThrowsAndRecovers(() => new LogisticModel({ maxIterations: -5 }), RangeError,
      'option maxIterations must be an integer from 1 to 100000000, got -5');
    assertThrowsAndRecovers(() => new LogisticModel({ maxIterations: 2 ** 40 }), RangeError,
      /maxIterations must be an integer from 1 to 100000000, got 1099511627776/);
  });

  test('X as number[][]', () => {
    const model = new LogisticModel(GD);
    try {
      const bad = X.map((r) => [...r, 1]);
      bad[4][2] = 'abc';
      assertThrowsAndRecovers(() => model.fit(bad, y01), TypeError, "fit: X[4][2] is not a finite number: 'abc'");
      bad[4][2] = NaN;
      assertThrowsAndRecovers(() => model.fit(bad, y01), Error, 'fit: X[4][2] is not a finite number: NaN');
      bad[4][2] = Infinity;
      assertThrowsAndRecovers(() => model.fit(bad, y01), Error, 'fit: X[4][2] is not a finite number: Infinity');
      bad[4][2] = null;
      assertThrowsAndRecovers(() => model.fit(bad, y01), TypeError, 'fit: X[4][2] is not a finite number: null');
      const ragged = X.map((r) => [...r]);
      ragged[3] = [1];
      assertThrowsAndRecovers(() => model.fit(ragged, y01), Error,
        'fit: X[3] has 1 value but X[0] has 2; every row needs the same number of columns');
      assertThrowsAndRecovers(() => model.fit([[1, 2], 'ab'], [0, 1]), TypeError,
        "fit: X[1] must be an array of numbers, got 'ab'");
      assertThrowsAndRecovers(() => model.fit([], []), Error, 'fit: X is empty (0 rows, 0 columns)');
      assertThrowsAndRecovers(() => model.fit([[], []], [0, 1]), Error, 'fit: X is empty (2 rows, 0 columns)');
      assertThrowsAndRecovers(() => model.fit('X', y01), TypeError, /^fit: X must be an array of rows/);
      assertThrowsAndRecovers(() => model.fit(null, y01), TypeError, /got null$/);
      // The failed fits changed nothing: the model is still unfitted.
      assert.equal(model.fitted, false);
      assert.equal(model.classes, null);
    } finally {
      model.dispose();
    }
  });

  test('X as a typed matrix', () => {
    const model = new LogisticModel(GD);
    try {
      assertThrowsAndRecovers(() => model.fit({ data: new Float64Array(5), rows: 2, cols: 3 }, [0, 1]), Error,
        'fit: X.data has 5 values but X.rows × X.cols = 2 × 3 = 6');
      assertThrowsAndRecovers(() => model.fit({ data: new Int32Array(6), rows: 2, cols: 3 }, [0, 1]), TypeError,
        'fit: X.data must be a Float32Array or a Float64Array, got an Int32Array of length 6');
      assertThrowsAndRecovers(() => model.fit({ data: [1, 2, 3, 4], rows: 2, cols: 2 }, [0, 1]), TypeError,
        /X.data must be a Float32Array or a Float64Array, got an array of length 4/);
      assertThrowsAndRecovers(() => model.fit({ data: new Float64Array(6), rows: 2.5, cols: 3 }, [0, 1]), TypeError,
        'fit: X.rows must be a non-negative integer, got 2.5');
      const withNaN = flat64(X);
      withNaN.data[2 * 2 + 1] = NaN; // row 3, column 2 (1-based, as C++ reports)
      assertThrowsAndRecovers(() => model.fit(withNaN, y01), Error,
        /^fit: X has a non-finite value nan at row 3, column 2$/i);
      const f32 = flat32(X);
      f32.data[0] = -Infinity;
      assertThrowsAndRecovers(() => model.fit(f32, y01), Error, /^fit: X has a non-finite value -Infinity at row 1, column 1$/);
    } finally {
      model.dispose();
    }
  });

  test('y', () => {
    const model = new LogisticModel(GD);
    try {
      assertThrowsAndRecovers(() => model.fit([[1], [2], [3]], [0, 1]), Error, 'fit: X has 3 rows but y has 2 labels');
      assertThrowsAndRecovers(() => model.fit(X, y01.map((v, i) => (i === 3 ? 'one' : v))), TypeError,
        "fit: y mixes label types: y[0] is a number (0) but y[3] is a string ('one')");
      assertThrowsAndRecovers(() => model.fit(X, y01.map(() => 'ham')), Error,
        "fit: y contains only one class ('ham'); logistic regression needs two or more");
      assertThrowsAndRecovers(() => model.fit(X, y01.map((v, i) => (i < 3 ? 2 : v)), { positiveClass: 2 }), Error,
        'fit: positiveClass applies to two classes only; y has 3');
      assertThrowsAndRecovers(() => model.fit(X, y01, { sampleWeight: [1, 2] }), Error,
        'fit: X has 10 rows but sampleWeight has 2 values');
      assertThrowsAndRecovers(() => model.fit(X, y01, { sampleWeight: y01.map((v, i) => (i === 4 ? -2 : 1)) }), Error,
        'fit: sampleWeight must be finite and >= 0, got -2 at row 5');
      assertThrowsAndRecovers(() => model.fit(X, y01.map((v, i) => (i === 2 ? null : v))), TypeError,
        'fit: y[2] is null; labels must be finite numbers, booleans or strings');
      assertThrowsAndRecovers(() => model.fit(X, y01.map((v, i) => (i === 5 ? NaN : v))), TypeError,
        'fit: y[5] is NaN; labels must be finite numbers, booleans or strings');
      assertThrowsAndRecovers(() => model.fit(X, 'hamspamham'), TypeError, /^fit: y must be an array of labels/);
      assertThrowsAndRecovers(() => model.fit(X, yStr, { positiveClass: 'eggs' }), Error,
        "fit: positiveClass 'eggs' is not one of the labels in y ('ham', 'spam')");
      assertThrowsAndRecovers(() => model.fit(X, yStr, { positive: 'ham' }), TypeError,
        "fit: unknown fit option 'positive'; valid fit options are positiveClass, sampleWeight, onIteration, recordWeights");
      // Refitting on other labels.
      model.fit(X, yStr);
      assertThrowsAndRecovers(() => model.fit(X, y01), Error,
        "fit: y has classes (0, 1) but the model was fitted with classes ('ham', 'spam'); create a new LogisticModel to train on other labels");
      // loss/gradient take labels from the same space.
      assertThrowsAndRecovers(() => model.loss(X, y01), Error,
        "loss: y[0] is 0, which is not one of the model's classes ('ham', 'spam')");
      assertThrowsAndRecovers(() => model.gradient(X, yStr.slice(1)), Error, 'gradient: X has 10 rows but y has 9 labels');
      // The model itself is still intact.
      assert.deepEqual(model.classes, ['ham', 'spam']);
      assertAllClose(model.coefficients, expected.w, 1e-12, 'w');
    } finally {
      model.dispose();
    }
  });

  test('prediction', () => {
    const model = new LogisticModel(GD);
    try {
      assertThrowsAndRecovers(() => model.predict(X), Error, 'predict: the model is not fitted yet; call fit first');
      assertThrowsAndRecovers(() => model.predictProba(X), Error, 'predictProba: the model is not fitted yet; call fit first');
      assertThrowsAndRecovers(() => model.decisionFunction(X), Error, 'decisionFunction: the model is not fitted yet; call fit first');
      assertThrowsAndRecovers(() => model.loss(X, y01), Error, 'loss: the model is not fitted yet; call fit first');
      assertThrowsAndRecovers(() => model.gradient(X, y01), Error, 'gradient: the model is not fitted yet; call fit first');
      model.fit(X, y01);
      assertThrowsAndRecovers(() => model.predict(X, 1.5), Error, 'predict: threshold must be in [0, 1], got 1.5');
      assertThrowsAndRecovers(() => model.predict(X, '0.5'), TypeError, "predict: threshold must be a number, got '0.5'");
      assertThrowsAndRecovers(() => model.predict([[1, 2, 3]]), Error, 'predict: X has 3 columns but the model was fitted with 2');
      assertThrowsAndRecovers(() => model.predictProba({ data: new Float32Array(3), rows: 1, cols: 3 }), Error,
        'predictProba: X has 3 columns but the model was fitted with 2');
      assertThrowsAndRecovers(() => model.decisionFunction([[1, 'x']]), TypeError,
        "decisionFunction: X[0][1] is not a finite number: 'x'");
      assert.equal(model.predict(X).length, X.length);
    } finally {
      model.dispose();
    }
  });

  test('a C++ error is a real Error with a stack, and many of them leave the module healthy', () => {
    const model = new LogisticModel(GD);
    try {
      for (let i = 0; i < 500; i++) {
        assert.throws(() => model.fit({ data: new Float64Array([1, NaN]), rows: 2, cols: 1 }, [0, 1]),
          (e) => e instanceof Error && typeof e.stack === 'string' && /non-finite/.test(e.message));
        assert.throws(() => new LogisticModel({ learningRate: -1 }), /learningRate/);
      }
      assertStillWorks(model);
    } finally {
      model.dispose();
    }
  });
});

// ---- disposal -----------------------------------------------------------------------------

describe('disposal', () => {
  const DISPOSED = 'LogisticModel: this model has been disposed';

  test('dispose() is idempotent, and everything afterwards throws the disposed error', () => {
    const model = new LogisticModel(GD);
    model.fit(X, y01);
    model.dispose();
    model.dispose();
    model[Symbol.dispose]();
    const uses = {
      fit: () => model.fit(X, y01),
      predict: () => model.predict(X),
      predictProba: () => model.predictProba(X),
      decisionFunction: () => model.decisionFunction(X),
      loss: () => model.loss(X, y01),
      gradient: () => model.gradient(X, y01),
      coefficients: () => model.coefficients,
      intercept: () => model.intercept,
      classes: () => model.classes,
      nFeatures: () => model.nFeatures,
      fitted: () => model.fitted,
      options: () => model.options,
      toJSON: () => model.toJSON(),
      stringify: () => JSON.stringify(model),
    };
    for (const [name, use] of Object.entries(uses)) {
      assert.throws(use, (e) => e instanceof Error && e.message === DISPOSED, name);
    }
    // Even a call with bad arguments reports the disposal first.
    assert.throws(() => model.fit('nonsense'), { message: DISPOSED });
    assertStillWorks();
  });

  test('[Symbol.dispose] disposes', () => {
    const model = new LogisticModel();
    model[Symbol.dispose]();
    assert.throws(() => model.fitted, { message: DISPOSED });
    model.dispose();
  });

  test('models that were never disposed are collected without harm (FinalizationRegistry)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    (() => {
      for (let i = 0; i < 200; i++) new LogisticModel(GD).fit(X, y01);
    })();
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assertStillWorks();
  });
});

// ---- JSON ---------------------------------------------------------------------------------

describe('toJSON / fromJSON', () => {
  const base = () => {
    const model = new LogisticModel({ ...GD, learningRate: 0.25 });
    model.fit(X, yStr, { positiveClass: 'ham' });
    return model;
  };

  test('round trip: same options, classes, parameters and identical predictions', () => {
    const model = base();
    try {
      const json = model.toJSON();
      assert.deepEqual(Object.keys(json), ['format', 'version', 'options', 'classes', 'coefficients', 'intercepts', 'nFeatures']);
      assert.equal(json.format, 'logreg-wasm/model');
      assert.equal(json.version, 2);
      assert.deepEqual(json.options, { ...DEFAULTS, solver: 'gd', learningRate: 0.25, maxIterations: 200, tolerance: 0 });
      assert.equal(json.intercepts.length, 1);
      assert.deepEqual(json.classes, ['spam', 'ham']);
      assert.ok(Array.isArray(json.coefficients));
      assert.equal(json.nFeatures, 2);
      const copy = LogisticModel.fromJSON(JSON.parse(JSON.stringify(model)));
      try {
        assert.deepEqual(copy.options, model.options);
        assert.deepEqual(copy.classes, model.classes);
        assert.deepEqual(copy.coefficients, model.coefficients);
        assert.equal(copy.intercept, model.intercept);
        assert.equal(copy.fitted, true);
        assert.deepEqual(copy.predictProba(X), model.predictProba(X)); // bit for bit
        assert.deepEqual(copy.predict(X, 0.4), model.predict(X, 0.4));
        assert.equal(copy.loss(X, yStr), model.loss(X, yStr));
      } finally {
        copy.dispose();
      }
    } finally {
      model.dispose();
    }
  });

  test('version 1 files (binary, one intercept) still load', () => {
    const model = base();
    try {
      const v1 = {
        format: 'logreg-wasm/model', version: 1,
        options: { learningRate: 0.25, maxIterations: 200, tolerance: 0, fitIntercept: true },
        classes: [...model.classes], coefficients: Array.from(model.coefficients), intercept: model.intercept, nFeatures: 2,
      };
      const copy = LogisticModel.fromJSON(v1);
      try {
        assert.deepEqual(copy.predictProba(X), model.predictProba(X));
        assert.equal(copy.options.solver, 'auto');  // options of version 1 had no solver
      } finally {
        copy.dispose();
      }
    } finally {
      model.dispose();
    }
  });

  test('an unfitted model round-trips too', () => {
    const model = new LogisticModel({ tolerance: 1e-9 });
    try {
      const json = JSON.parse(JSON.stringify(model));
      assert.deepEqual(json, {
        format: 'logreg-wasm/model', version: 2,
        options: { ...DEFAULTS, tolerance: 1e-9 },
        classes: null, coefficients: [], intercepts: [], nFeatures: 0,
      });
      const copy = LogisticModel.fromJSON(json);
      assert.equal(copy.fitted, false);
      assert.equal(copy.options.tolerance, 1e-9);
      copy.dispose();
    } finally {
      model.dispose();
    }
  });

  test('options are a frozen copy with defaults filled in', () => {
    const opts = { learningRate: 0.3 };
    const model = new LogisticModel(opts);
    try {
      opts.learningRate = 99;
      assert.deepEqual(model.options, { ...DEFAULTS, learningRate: 0.3 });
      assert.ok(Object.isFrozen(model.options));
    } finally {
      model.dispose();
    }
  });

  test('tampered JSON is rejected with a message naming the field', () => {
    const model = base();
    const good = JSON.parse(JSON.stringify(model));
    model.dispose();
    const tamper = (patch) => ({ ...structuredClone(good), ...patch });
    const cases = [
      [tamper({ format: 'other' }), Error, "fromJSON: format must be 'logreg-wasm/model', got 'other'"],
      [tamper({ version: 3 }), Error, 'fromJSON: unsupported version 3; this build reads versions 1 and 2'],
      [tamper({ coefficients: [1] }), Error, 'fromJSON: coefficients has 1 value but 1 × nFeatures = 2'],
      [tamper({ coefficients: [1, '2'] }), Error, "fromJSON: coefficients[1] is not a finite number: '2'"],
      [tamper({ coefficients: [1, NaN] }), Error, 'fromJSON: coefficients[1] is not a finite number: NaN'],
      [tamper({ coefficients: { 0: 1, 1: 2 } }), Error, /coefficients must be an array of numbers/],
      [tamper({ intercepts: [Infinity] }), Error, 'fromJSON: intercept 0 is not a finite number: Infinity'],
      [tamper({ intercepts: [null] }), Error, 'fromJSON: intercept 0 is not a finite number: null'],
      [tamper({ intercepts: [0, 1] }), Error, 'fromJSON: 2 classes need 1 intercept, got 2'],
      [tamper({ intercept: 1 }), Error, /unknown field 'intercept'/],
      [tamper({ nFeatures: 2.5 }), Error, 'fromJSON: nFeatures must be a non-negative integer, got 2.5'],
      [tamper({ classes: ['a', 'b', 'c'] }), Error, 'fromJSON: 3 classes need 3 intercepts, got 1'],
      [tamper({ classes: ['a'] }), Error, /classes must be null or an array of at least two labels/],
      [tamper({ classes: ['a', 'a'] }), Error, "fromJSON: classes must be different labels, got ('a', 'a')"],
      [tamper({ classes: ['a', 1] }), Error, "fromJSON: classes mix label types: ('a', 1)"],
      [tamper({ classes: ['a', {}] }), Error, /classes\[1\] is an object/],
      [tamper({ classes: null }), Error, /classes null \(not fitted\) must have nFeatures 0/],
      [tamper({ options: { ...good.options, learningRate: 'fast' } }), TypeError,
        "fromJSON: option learningRate must be a number, got 'fast'"],
      [tamper({ options: { ...good.options, momentum: 0.9 } }), TypeError, /unknown option 'momentum'/],
      [tamper({ options: { ...good.options, learningRate: -1 } }), Error,
        'option learningRate must be a finite number > 0, got -1'],
      [tamper({ options: { ...good.options, fitIntercept: false } }), Error,
        /intercepts must be 0 when options.fitIntercept is false/],
      [tamper({ options: null }), Error, 'fromJSON: options must be an object, got null'],
      [tamper({ extra: true }), Error, /unknown field 'extra'/],
      [JSON.stringify(good), TypeError, /expected a model object \(JSON.parse the text first\)/],
      [null, TypeError, /got null/],
    ];
    const missing = structuredClone(good);
    delete missing.intercepts;
    cases.push([missing, Error, 'fromJSON: intercepts must be an array of numbers, got undefined']);
    for (const [obj, Type, message] of cases) {
      assert.throws(() => LogisticModel.fromJSON(obj), (e) => {
        assert.ok(e instanceof Type, `${message}: got ${e.constructor.name}: ${e.message}`);
        if (typeof message === 'string') assert.equal(e.message, message);
        else assert.match(e.message, message);
        return true;
      });
    }
    const ok = LogisticModel.fromJSON(good);
    ok.dispose();
    assertStillWorks();
  });
});
