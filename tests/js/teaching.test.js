// SPDX-License-Identifier: MIT
// The teaching API through the package: step() against fit(), history and onIteration,
// gradientCheck, lossSurface, suggestLearningRate, loss: 'squared', and summary() against
// statsmodels (tests/fixtures/inference_reference.json).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { LogisticModel } from '../../web/src/node.js';

const csv = (name) => readFileSync(new URL(`../../web/demo/data/${name}`, import.meta.url), 'utf8')
  .trim().split('\n').map((line) => line.split(','));
const iris = csv('iris.csv').slice(1);
const X = iris.map((r) => r.slice(0, 4).map(Number));
const versicolor = iris.map((r) => r[4] === 'versicolor');
const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('step()', () => {
  for (const solver of ['gd', 'newton', 'lbfgs', 'sgd']) {
    test(`${solver}: k steps equal fit with maxIterations = k, bit for bit`, () => {
      const options = { solver, maxIterations: 6, tolerance: 0, learningRate: 0.5, standardize: true, seed: 3 };
      const fitted = new LogisticModel(options);
      const stepped = new LogisticModel(options);
      try {
        fitted.fit(X, versicolor);
        let last;
        for (let k = 0; k < 6; k++) last = stepped.step(X, versicolor);
        assert.equal(last.iteration, 6);
        assert.deepEqual(stepped.coefficients, fitted.coefficients);
        assert.equal(stepped.intercept, fitted.intercept);
        assert.deepEqual(stepped.history.map((h) => h.loss), fitted.history.map((h) => h.loss));
      } finally {
        fitted.dispose();
        stepped.dispose();
      }
    });
  }

  test('a gd step reports J before and after, ∇w, ∂b and the update w ← w − α∇w', () => {
    const m = new LogisticModel({ solver: 'gd', learningRate: 0.01 });
    try {
      const s = m.step(X, versicolor);
      assert.equal(s.iteration, 1);
      assert.ok(Math.abs(s.lossBefore - Math.log(2)) < 1e-15); // θ = 0
      assert.equal(s.lossAfter, m.loss(X, versicolor));
      s.gradient.weights.forEach((g, j) => assert.ok(Math.abs(s.step.weights[j] + 0.01 * g) < 1e-15));
      assert.ok(Math.abs(s.step.intercept + 0.01 * s.gradient.intercept) < 1e-15);
      // ∂b = mean(ŷ − y) at θ = 0: ŷ = 1/2 for every row.
      const mean = versicolor.reduce((a, v) => a + (0.5 - Number(v)), 0) / X.length;
      assert.ok(Math.abs(s.gradient.intercept - mean) < 1e-15);
      assert.deepEqual(m.coefficients, s.step.weights); // from zero, w = the step
    } finally {
      m.dispose();
    }
  });
});

describe('history and onIteration', () => {
  test('history holds the start and every iteration; onIteration sees each and can stop', () => {
    const m = new LogisticModel({ solver: 'newton', tolerance: 1e-12 });
    try {
      const seen = [];
      const report = m.fit(X, versicolor, { onIteration: (e) => { seen.push(e); }, recordWeights: true });
      assert.equal(report.converged, true);
      const h = m.history;
      assert.equal(h.length, report.iterations + 1);
      assert.equal(h[0].iteration, 0);
      assert.deepEqual(seen.map((e) => e.loss), h.slice(1).map((r) => r.loss));
      assert.equal(h.at(-1).parameters.length, 5);
      assert.deepEqual(h.at(-1).parameters.slice(0, 4), m.coefficients);
      const stopped = m.fit(X, versicolor, { onIteration: (e) => e.iteration < 2 });
      assert.equal(stopped.iterations, 2);
      assert.equal(stopped.converged, false);
    } finally {
      m.dispose();
    }
  });

  test('an exception in onIteration stops the fit and reaches the caller; the model stays usable', () => {
    const m = new LogisticModel({ solver: 'gd' });
    try {
      assert.throws(() => m.fit(X, versicolor, { onIteration: () => { throw new RangeError('stop here'); } }),
        { name: 'RangeError', message: 'stop here' });
      assert.equal(m.fit(X, versicolor, { onIteration: () => true }).solver, 'gd');
      assert.throws(() => m.fit(X, versicolor, { onIteration: 5 }), { message: 'fit: onIteration must be a function, got 5' });
    } finally {
      m.dispose();
    }
  });
});

describe('gradient check, squared error, loss surface, learning rate', () => {
  test('gradientCheck confirms the analytic gradient for both losses', () => {
    for (const loss of ['log', 'squared']) {
      const m = LogisticModel.fromJSON({
        format: 'logreg-wasm/model', version: 2, options: { loss }, classes: [false, true],
        coefficients: [0.3, -0.5, 0.2, -0.4], intercepts: [0.7], nFeatures: 4,
      });
      const c = m.gradientCheck(X, versicolor);
      assert.ok(c.maxRelativeError < 1e-7, `${loss}: ${c.maxRelativeError}`);
      assert.deepEqual(Array.from(c.analytic), [...m.gradient(X, versicolor).weights, m.gradient(X, versicolor).intercept]);
      m.dispose();
    }
  });

  test("loss: 'squared' is (1/2n)Σ(σ(z) − y)², and newton refuses it", () => {
    const m = LogisticModel.fromJSON({
      format: 'logreg-wasm/model', version: 2, options: { loss: 'squared' }, classes: [false, true],
      coefficients: [0.3, -0.5, 0.2, -0.4], intercepts: [0.7], nFeatures: 4,
    });
    let E = 0;
    X.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(0.3 * x[0] - 0.5 * x[1] + 0.2 * x[2] - 0.4 * x[3] + 0.7)));
      E += 0.5 * (p - Number(versicolor[i])) ** 2;
    });
    assert.ok(rel(m.loss(X, versicolor), E / X.length) < 1e-13);
    m.dispose();
    const n = new LogisticModel({ loss: 'squared', solver: 'newton' });
    assert.throws(() => n.fit(X, versicolor), /not convex/);
    n.dispose();
  });

  test('lossSurface: J on a grid, the current parameters inside it', () => {
    const m = new LogisticModel({ standardize: true });
    try {
      m.fit(X, versicolor);
      const w = m.coefficients;
      const s = m.lossSurface(X, versicolor, { i: 0, j: 'intercept', ranges: [[w[0] - 1, w[0] + 1], [m.intercept - 1, m.intercept + 1]], steps: 5 });
      assert.deepEqual([s.values.rows, s.values.cols, s.xs.length, s.ys.length], [5, 5, 5, 5]);
      assert.ok(Math.abs(s.values.data[2 * 5 + 2] - m.loss(X, versicolor)) < 1e-12); // the centre is θ̂
      assert.ok(Math.min(...s.values.data) >= s.values.data[12] - 1e-12);              // the optimum
      assert.throws(() => m.lossSurface(X, versicolor, { i: 0, j: 0, ranges: [[0, 1], [0, 1]] }), /must differ/);
    } finally {
      m.dispose();
    }
  });

  test('suggestLearningRate: gd with it converges; with standardize it is far larger', () => {
    const m = new LogisticModel({ solver: 'gd', maxIterations: 300000 });
    const rate = m.suggestLearningRate(X);
    m.dispose();
    const g = new LogisticModel({ solver: 'gd', learningRate: rate, maxIterations: 300000 });
    const r = g.fit(X, versicolor);
    g.dispose();
    assert.equal(r.converged, true);
    assert.deepEqual(r.warnings, []);
    const s = new LogisticModel({ standardize: true });
    assert.ok(s.suggestLearningRate(X) > 10 * rate); // 21× on iris
    s.dispose();
  });
});

describe('summary() against statsmodels', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/inference_reference.json', import.meta.url), 'utf8'));
  const bc = fixture.cases.find((c) => c.name === 'breast_cancer_3');
  const table = csv('breast_cancer.csv');
  const header = table[0];
  // Column names of breast_cancer.csv have no commas, so a plain split is enough here.
  const cols = bc.features.map((f) => header.indexOf(f));
  const rows = table.slice(1);
  const Xbc = rows.map((r) => cols.map((c, j) => (Number(r[c]) - bc.means[j]) / bc.stds[j]));
  const ybc = rows.map((r) => r[header.indexOf('diagnosis')]);

  test('breast cancer (3 z-scored features): every number to 1e-6 relative', () => {
    const m = new LogisticModel({ solver: 'newton', tolerance: 1e-12 });
    try {
      m.fit(Xbc, ybc);
      const s = m.summary(Xbc, ybc, { featureNames: bc.features });
      const ref = bc.summary;
      assert.equal(s.withheld, null);
      assert.deepEqual(s.coefficients.map((c) => c.name), [...bc.features, 'intercept']);
      const level = ref.levels.find((l) => l.level === 0.95);
      s.coefficients.forEach((c, r) => {
        for (const [got, want] of [[c.estimate, ref.coefficients[r]], [c.stdError, ref.stdErr[r]], [c.z, ref.z[r]],
          [c.pValue, ref.pValue[r]], [c.ciLower, level.ciLower[r]], [c.ciUpper, level.ciUpper[r]],
          [c.oddsRatio, ref.oddsRatio[r]], [c.oddsRatioLower, level.oddsRatioLower[r]], [c.oddsRatioUpper, level.oddsRatioUpper[r]]]) {
          assert.ok(rel(got, want) < 1e-6, `${c.name}: ${got} vs ${want}`);
        }
      });
      for (const key of ['logLikelihood', 'nullLogLikelihood', 'deviance', 'aic', 'bic', 'pseudoR2', 'llr', 'llrPValue', 'nObs', 'dfModel', 'dfResid', 'llrDf']) {
        assert.ok(rel(s[key], ref[key]) < 1e-6, `${key}: ${s[key]} vs ${ref[key]}`);
      }
      assert.ok(s.llrPValue < 1e-120 && s.llrPValue > 0); // not rounded to 0
    } finally {
      m.dispose();
    }
  });

  test('withheld, with the reason: penalized, separated, collinear', () => {
    const penalized = new LogisticModel({ l2: 0.01 });
    penalized.fit(Xbc, ybc);
    const sp = penalized.summary(Xbc, ybc);
    penalized.dispose();
    assert.equal(sp.withheld.code, 'penalized');
    assert.equal(sp.coefficients[0].stdError, null);

    const setosa = iris.map((r) => r[4] === 'setosa');
    const separated = new LogisticModel();
    separated.fit(X, setosa);
    assert.equal(separated.summary(X, setosa).withheld.code, 'separation');
    separated.dispose();

    const Xdup = X.map((x) => [x[0], x[1], x[2], x[0]]);
    const collinear = new LogisticModel();
    collinear.fit(Xdup, versicolor);
    const sc = collinear.summary(Xdup, versicolor);
    collinear.dispose();
    assert.equal(sc.withheld.code, 'collinear');
    assert.deepEqual(sc.withheld.collinearColumns, [1, 4]);
    assert.match(sc.withheld.message, /column 4/);
  });
});
