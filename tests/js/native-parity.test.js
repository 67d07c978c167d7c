// SPDX-License-Identifier: MIT
// The same C++ compiled twice: fits through the wasm package must equal the native build's
// (build/native/logreg_parity_dump, tests/cpp/parity_dump.cpp) to 1e-12 relative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { LogisticModel } from '../../web/src/node.js';

const dump = fileURLToPath(new URL('../../build/native/logreg_parity_dump', import.meta.url));
const csv = (name) => readFileSync(new URL(`../../web/demo/data/${name}`, import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((line) => line.split(','));
const iris = csv('iris.csv');
const bc = csv('breast_cancer.csv');
const data = (rows, d) => rows.map((r) => r.slice(0, d).map(Number));
const weights = (n) => Array.from({ length: n }, (_, i) => 1 + (i % 3));

// The cases of parity_dump.cpp, in the same words.
const cases = {
  newton_versicolor: () => [{ solver: 'newton' }, data(iris, 4), iris.map((r) => r[4] === 'versicolor')],
  newton_multinomial_l2: () => [{ solver: 'newton', l2: 0.01, tolerance: 1e-14 }, data(iris, 4), iris.map((r) => r[4])],
  auto_breast_cancer_l1: () => [{ l1: 0.01, standardize: true }, data(bc, 30), bc.map((r) => r[30] === 'malignant')],
  sgd_virginica: () => [{ solver: 'sgd', learningRate: 0.05, maxIterations: 30, standardize: true, seed: 11 },
    data(iris, 4), iris.map((r) => r[4] === 'virginica')],
  gd_weighted: () => [{ solver: 'gd', learningRate: 0.5, maxIterations: 500, standardize: true },
    data(iris, 4), iris.map((r) => r[4] === 'versicolor'), { sampleWeight: weights(150) }],
};

const skip = !existsSync(dump) && !process.env.CI && 'build/native/logreg_parity_dump is not built (npm test builds it)';

test('wasm fits equal the native build to 1e-12', { skip }, () => {
  const native = JSON.parse(execFileSync(dump, { encoding: 'utf8' }));
  assert.deepEqual(Object.keys(native).sort(), Object.keys(cases).sort());
  for (const [name, make] of Object.entries(cases)) {
    const [options, X, y, fitOptions] = make();
    const model = new LogisticModel({ tolerance: 1e-10, ...options });
    try {
      const report = model.fit(X, y, fitOptions);
      const ref = native[name];
      const got = [...model.coefficientMatrix.data, ...model.intercepts];
      const want = [...ref.coefficients, ...ref.intercepts];
      const scale = Math.max(...want.map(Math.abs));
      got.forEach((v, j) => {
        assert.ok(Math.abs(v - want[j]) <= 1e-12 * Math.max(Math.abs(want[j]), scale * 1e-3),
          `${name}[${j}]: wasm ${v}, native ${want[j]}`);
      });
      assert.ok(Math.abs(report.loss - ref.loss) <= 1e-12 * ref.loss, `${name}: loss ${report.loss} vs ${ref.loss}`);
    } finally {
      model.dispose();
    }
  }
});
