// SPDX-License-Identifier: MIT
// The issue-3 surface of the JS API: solvers, penalties, standardization, k classes, weights,
// warnings, and their errors. Values are checked against independent computations or against
// the same fit done another way; the scikit-learn parity lives in parity-solvers.test.js.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { LogisticModel } from '../../web/src/node.js';

const iris = readFileSync(new URL('../../web/demo/data/iris.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((line) => line.split(','));
const X = iris.map((r) => r.slice(0, 4).map(Number));
const species = iris.map((r) => r[4]);
const maxRel = (a, b) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-300)));

describe('k classes', () => {
  test('iris: 3 classes in sorted order, probabilities sum to 1, labels are the argmax', () => {
    const model = new LogisticModel({ l2: 1 / 150, tolerance: 1e-10 });
    try {
      const report = model.fit(X, species);
      assert.equal(report.converged, true);
      assert.equal(report.solver, 'newton');
      assert.deepEqual(model.classes, ['setosa', 'versicolor', 'virginica']);
      const P = model.predictProbaMatrix(X);
      assert.equal(P.rows, 150);
      assert.equal(P.cols, 3);
      const labels = model.predict(X);
      let correct = 0;
      for (let i = 0; i < 150; i++) {
        const row = P.data.subarray(3 * i, 3 * i + 3);
        assert.ok(Math.abs(row[0] + row[1] + row[2] - 1) < 1e-14);
        assert.equal(labels[i], model.classes[row.indexOf(Math.max(...row))]);
        correct += labels[i] === species[i];
      }
      assert.ok(correct >= 144, `accuracy ${correct}/150`);
      const W = model.coefficientMatrix;
      assert.deepEqual([W.rows, W.cols], [3, 4]);
      assert.equal(model.intercepts.length, 3);
      // The scores are Wx + b, and softmax of them is P.
      const Z = model.decisionFunctionMatrix([X[0]]);
      for (let c = 0; c < 3; c++) {
        let z = model.intercepts[c];
        for (let j = 0; j < 4; j++) z += W.data[c * 4 + j] * X[0][j];
        assert.ok(Math.abs(z - Z.data[c]) < 1e-12);
      }
      // J from the probabilities equals loss().
      let J = 0;
      for (let i = 0; i < 150; i++) J -= Math.log(P.data[3 * i + model.classes.indexOf(species[i])]);
      assert.ok(Math.abs(J / 150 - model.loss(X, species)) < 1e-13);
      const g = model.gradientMatrix(X, species);
      assert.deepEqual([g.weights.rows, g.weights.cols, g.intercepts.length], [3, 4, 3]);
    } finally {
      model.dispose();
    }
  });

  test('binary-shaped members name the member to use instead', () => {
    const model = new LogisticModel({ l2: 0.01 });
    try {
      model.fit(X, species);
      for (const [call, message] of [
        [() => model.predictProba(X), 'predictProba: this model has 3 classes; use predictProbaMatrix'],
        [() => model.decisionFunction(X), 'decisionFunction: this model has 3 classes; use decisionFunctionMatrix'],
        [() => model.gradient(X, species), 'gradient: this model has 3 classes; use gradientMatrix'],
        [() => model.coefficients, 'coefficients: this model has 3 classes; use coefficientMatrix'],
        [() => model.intercept, 'intercept: this model has 3 classes; use intercepts'],
        [() => model.predict(X, 0.3), 'predict: a threshold applies to binary models only'],
      ]) assert.throws(call, { message });
      assert.equal(model.predict(X).length, 150); // and it still works
    } finally {
      model.dispose();
    }
  });

  test('a k-class model round-trips through JSON with identical probabilities', () => {
    const model = new LogisticModel({ l2: 0.01, standardize: true });
    try {
      model.fit(X, species);
      const json = JSON.parse(JSON.stringify(model));
      assert.equal(json.intercepts.length, 3);
      assert.equal(json.coefficients.length, 12);
      const copy = LogisticModel.fromJSON(json);
      try {
        assert.deepEqual(copy.predictProbaMatrix(X), model.predictProbaMatrix(X));
        assert.deepEqual(copy.classes, model.classes);
      } finally {
        copy.dispose();
      }
    } finally {
      model.dispose();
    }
  });

  test('for two classes the matrix members agree with the binary ones', () => {
    const y = species.map((s) => s === 'virginica');
    const model = new LogisticModel();
    try {
      model.fit(X, y);
      const p = model.predictProba(X);
      const P = model.predictProbaMatrix(X);
      assert.deepEqual([P.rows, P.cols], [150, 2]);
      for (let i = 0; i < 150; i++) {
        assert.equal(P.data[2 * i + 1], p[i]);
        assert.equal(P.data[2 * i], 1 - p[i]);
      }
      assert.deepEqual(model.coefficientMatrix.data, model.coefficients);
      assert.deepEqual(model.decisionFunctionMatrix(X).data, model.decisionFunction(X));
      assert.deepEqual(model.gradientMatrix(X, y).weights.data, model.gradient(X, y).weights);
    } finally {
      model.dispose();
    }
  });
});

describe('solvers, penalties and standardization', () => {
  test('newton, lbfgs and auto agree, and long gradient descent reaches the same optimum', () => {
    const y = species.map((s) => s === 'versicolor');
    const fits = {};
    for (const solver of ['newton', 'lbfgs', 'auto']) {
      const m = new LogisticModel({ solver, l2: 1e-3, standardize: true, tolerance: 1e-10 });
      const r = m.fit(X, y);
      assert.equal(r.converged, true, solver);
      fits[solver] = { w: m.coefficients, b: m.intercept, loss: r.loss };
      m.dispose();
    }
    assert.ok(maxRel(fits.lbfgs.w, fits.newton.w) < 1e-6);
    assert.deepEqual(fits.auto.w, fits.newton.w);
    const gd = new LogisticModel({ solver: 'gd', learningRate: 2, maxIterations: 100000, l2: 1e-3, standardize: true, tolerance: 1e-12 });
    const r = gd.fit(X, y);
    assert.equal(r.converged, true);
    assert.ok(maxRel(gd.coefficients, fits.newton.w) < 1e-6);
    gd.dispose();
  });

  test('standardize reports both unit systems consistently', () => {
    const y = species.map((s) => s === 'versicolor');
    const m = new LogisticModel({ standardize: true, l2: 0.01 });
    try {
      m.fit(X, y);
      const mu = m.featureMean;
      const sd = m.featureScale;
      // Population moments of each column.
      for (let j = 0; j < 4; j++) {
        const col = X.map((r) => r[j]);
        const mean = col.reduce((a, v) => a + v, 0) / 150;
        const sdPop = Math.sqrt(col.reduce((a, v) => a + (v - mean) ** 2, 0) / 150);
        assert.ok(Math.abs(mu[j] - mean) < 1e-12);
        assert.ok(Math.abs(sd[j] - sdPop) < 1e-12);
        assert.ok(Math.abs(m.standardizedCoefficients.data[j] - m.coefficients[j] * sdPop) < 1e-10);
      }
      const plain = new LogisticModel();
      plain.fit(X, y);
      assert.equal(plain.standardizedCoefficients, null);
      assert.equal(plain.featureMean, null);
      plain.dispose();
    } finally {
      m.dispose();
    }
  });

  test('l1 gives exact zeros; the report names the solver', () => {
    const y = species.map((s) => s === 'virginica');
    const m = new LogisticModel({ l1: 0.05, standardize: true, tolerance: 1e-8 });
    try {
      const r = m.fit(X, y);
      assert.equal(r.solver, 'lbfgs');
      assert.ok(Array.from(m.coefficients).some((w) => w === 0));
      assert.ok(Array.from(m.coefficients).some((w) => w !== 0));
    } finally {
      m.dispose();
    }
  });
});

describe('weights', () => {
  test("classWeight by label equals per-row sample weights; 'balanced' is n/(k·n_c)", () => {
    const y = species.map((s) => (s === 'setosa' ? 'other' : s === 'virginica' ? 'virginica' : 'other'));
    const fit = (options, fitOptions) => {
      const m = new LogisticModel({ tolerance: 1e-11, ...options });
      m.fit(X, y, fitOptions);
      const w = m.coefficients;
      m.dispose();
      return w;
    };
    const byLabel = fit({ classWeight: { virginica: 3, other: 0.5 } });
    const byRow = fit({}, { sampleWeight: y.map((v) => (v === 'virginica' ? 3 : 0.5)) });
    assert.ok(maxRel(byLabel, byRow) < 1e-10);
    const balanced = fit({ classWeight: 'balanced' });
    const manual = fit({}, { sampleWeight: y.map((v) => (v === 'virginica' ? 150 / (2 * 50) : 150 / (2 * 100))) });
    assert.ok(maxRel(balanced, manual) < 1e-10);
    assert.throws(() => fit({ classWeight: { setosa: 2 } }),
      { message: "fit: classWeight names 'setosa', which is not one of the labels in y ('other', 'virginica')" });
  });
});

describe('warnings', () => {
  test('separation (setosa vs rest) is reported, and an L2 penalty removes it', () => {
    const y = species.map((s) => s === 'setosa');
    const m = new LogisticModel();
    try {
      const r = m.fit(X, y);
      assert.equal(r.converged, false);
      assert.deepEqual(r.warnings.map((w) => w.code), ['separation']);
      assert.match(r.warnings[0].message, /complete separation/);
      const p = new LogisticModel({ l2: 0.01 });
      const rp = p.fit(X, y);
      assert.equal(rp.converged, true);
      assert.deepEqual(rp.warnings, []);
      p.dispose();
    } finally {
      m.dispose();
    }
  });

  test('divergence under gd suggests a learning rate, and that rate converges', () => {
    const y = species.map((s) => s === 'versicolor');
    const m = new LogisticModel({ solver: 'gd', learningRate: 5, standardize: true });
    const r = m.fit(X, y);
    m.dispose();
    const w = r.warnings.find((x) => x.code === 'diverged');
    assert.ok(w, JSON.stringify(r.warnings));
    const rate = Number(w.message.match(/learningRate <= ([0-9.e-]+)/)[1]);
    const fixed = new LogisticModel({ solver: 'gd', learningRate: rate, standardize: true, maxIterations: 20000 });
    assert.equal(fixed.fit(X, y).converged, true);
    fixed.dispose();
  });

  test('constant columns are listed', () => {
    const m = new LogisticModel({ standardize: true });
    const r = m.fit(X.map((row) => [...row, 1]), species.map((s) => s === 'virginica'));
    m.dispose();
    assert.deepEqual(r.constantColumns, [4]);
    assert.ok(r.warnings.some((w) => w.code === 'constant-columns'));
  });
});

describe('option validation', () => {
  for (const [options, Type, message] of [
    [{ solver: 'adam' }, TypeError, "option solver must be one of 'auto', 'gd', 'sgd', 'newton', 'lbfgs', got 'adam'"],
    [{ l2: -1 }, Error, 'option l2 must be a finite number >= 0, got -1'],
    [{ l1: 0.1, solver: 'newton' }, Error, "option l1 needs solver 'lbfgs' or 'auto'"],
    [{ classWeight: 'equal' }, TypeError, "option classWeight must be null, 'balanced' or an object { label: weight }, got 'equal'"],
    [{ classWeight: { a: -1 } }, RangeError, "option classWeight['a'] must be a finite number > 0, got -1"],
    [{ batchSize: 0 }, Error, 'option batchSize must be an integer >= 1, got 0'],
    [{ seed: -1 }, RangeError, 'option seed must be an integer from 0 to 9007199254740991, got -1'],
    [{ learningRateSchedule: 'cosine' }, TypeError, "option learningRateSchedule must be one of 'constant', 'inverse', got 'cosine'"],
    [{ historySize: 0 }, Error, 'option historySize must be an integer from 1 to 1000, got 0'],
    [{ standardize: 'yes' }, TypeError, "option standardize must be a boolean, got 'yes'"],
  ]) {
    test(JSON.stringify(options), () => {
      assert.throws(() => new LogisticModel(options), (e) => e instanceof Type && e.message === message);
    });
  }
});
