// SPDX-License-Identifier: MIT
// Parity of the package's penalized, multinomial and weighted fits with scikit-learn 1.2.1 /
// statsmodels 0.13.5, through the public API only: a subset of tests/cpp/test_parity_solvers.cpp
// against the same committed fixtures (tests/fixtures/reference_solvers.json, made by
// make_reference_solvers.py, each optimum certified there in numpy to ‖◇F‖∞ ≤ 1e-10).
//
// Same rules as the C++ test (its header comment has the derivations):
//  * per parameter allowedⱼ = rtol·|θ*ⱼ| + rtol·10⁻²·max|w*| (rtol 1e-6, or 1e-4 with L1, and
//    then an identical zero pattern); standardize cases compare standardizedCoefficients /
//    standardizedIntercepts with these allowances and the raw-unit ones with the allowances
//    carried through w = w̃/σ, b = b̃ − Σ w̃μ/σ; |F − F*| ≤ 1e-9;
//  * tolerance = ½ min allowedⱼ/sensitivityⱼ (the reference's own conditioning), capped at
//    1e-10, the same for every solver; 'auto' gets only that.
// The C++ tests cannot hand their numbers to JS, so JS-vs-native is checked by both meeting
// the fixture at the same tolerance, and by the package agreeing with itself where two fits
// must coincide: 'auto' runs the solver its report names (Newton or L-BFGS by its cost model
// for these smooth problems, L-BFGS/OWL-QN with an L1 penalty) with the same options, so a
// fit with that solver must agree to 1e-12 relative (they are in fact bit-identical).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { LogisticModel } from '../../web/src/node.js';

const fixtures = JSON.parse(
  await readFile(new URL('../fixtures/reference_solvers.json', import.meta.url), 'utf8'));
const DATA = new URL('../../web/demo/data/', import.meta.url);
const LOSS_TOLERANCE = 1e-9;
const MAX_TOLERANCE = 1e-10;
const MAX_ITERATIONS = 100000;

/** The bundled CSVs: a header row, plain comma-separated cells (no quoting). */
async function readCsv(file) {
  const text = await readFile(new URL(file, DATA), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { header, rows };
}

/**
 * X, labels and sample weights as make_reference_solvers.py builds them: the named columns of
 * the listed rows (Number() is the correctly rounded double, as Python's float()), z-scored
 * with the fixture's own means and stds when it has them (two correctly rounded operations per
 * element, so X is bit-identical to the script's). Labels as a user passes them: the class
 * names for breast cancer ('benign' < 'malignant', so malignant is classes[1]) and for iris
 * with three classes; booleans (species === positive) for iris one-vs-rest.
 */
async function prepare(c) {
  const { header, rows: all } = await readCsv(c.dataset);
  const rows = c.rows ? c.rows.map((i) => all[i]) : all;
  const idx = c.features.map((f) => header.indexOf(f));
  assert.ok(idx.every((j) => j >= 0), `${c.dataset}: missing feature columns`);
  const t = header.indexOf(c.target);
  const n = rows.length;
  const d = idx.length;
  assert.equal(n, c.n);
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => idx.forEach((j, k) => {
    const v = Number(r[j]);
    data[i * d + k] = c.means ? (v - c.means[k]) / c.stds[k] : v;
  }));
  let labels;
  let classes;
  if (c.classes) {
    labels = rows.map((r) => r[t]);
    classes = c.classes;
  } else if (c.dataset === 'breast_cancer.csv') {
    labels = rows.map((r) => r[t]);
    classes = ['benign', 'malignant'];
    assert.equal(classes[1], c.positive);
  } else {
    labels = rows.map((r) => r[t] === c.positive);
    classes = [false, true];
  }
  return { X: { data, rows: n, cols: d }, labels, classes, n, d };
}

/** Constructor options of a case (the lead's JS names for the C++ Options). */
function optionsFor(c, solver, tolerance, classes) {
  const o = { solver, tolerance, l2: c.l2, l1: c.l1 };
  if (solver !== 'auto') o.maxIterations = MAX_ITERATIONS; // 'auto' gets only the tolerance
  if (c.standardize) o.standardize = true;
  if (c.classWeightBalanced) o.classWeight = 'balanced';
  else if (c.classWeight) o.classWeight = Object.fromEntries(classes.map((l, q) => [String(l), c.classWeight[q]]));
  return o;
}

const rtolOf = (c) => (c.l1 > 0 ? 1e-4 : 1e-6);

/** Reference θ in the solver's unknowns (standardized with standardize) and allowances. */
function solverTarget(c) {
  const coef = c.standardize ? c.standardizedCoefficients : c.coefficients;
  const icpt = c.standardize ? c.standardizedIntercepts : c.intercepts;
  const want = [...coef, ...icpt];
  const wmax = Math.max(...coef.map(Math.abs));
  const rtol = rtolOf(c);
  return { want, allowed: want.map((v) => rtol * Math.abs(v) + rtol * 1e-2 * wmax), sensitivity: c.sensitivity };
}

function derivedTolerance(target) {
  let tol = MAX_TOLERANCE;
  target.want.forEach((_, j) => {
    if (target.sensitivity[j] > 0) tol = Math.min(tol, (0.5 * target.allowed[j]) / target.sensitivity[j]);
  });
  return tol;
}

/** Checks got against target; returns the largest |Δ|/allowed and the largest relative error. */
function compare(label, got, target, nWeights, zeroPattern) {
  assert.equal(got.length, target.want.length, `${label}: parameter count`);
  let worst = 0;
  let maxRel = 0;
  got.forEach((g, j) => {
    const diff = Math.abs(g - target.want[j]);
    assert.ok(diff <= target.allowed[j],
      `${label}: parameter ${j} is ${g}, reference ${target.want[j]}, allowed ±${target.allowed[j]}`);
    if (zeroPattern && j < nWeights) {
      assert.equal(g === 0, target.want[j] === 0, `${label}: parameter ${j} zero pattern (${g} vs ${target.want[j]})`);
    }
    worst = Math.max(worst, diff / target.allowed[j]);
    if (target.want[j] !== 0) maxRel = Math.max(maxRel, diff / Math.abs(target.want[j]));
  });
  return { worst, maxRel };
}

/** The fitted parameters (weights row by row, then intercepts) in raw units. */
function rawParameters(model, k) {
  if (k === 2) return [...model.coefficients, model.intercept];
  const W = model.coefficientMatrix;
  assert.equal(W.rows, k);
  assert.equal(model.intercepts.length, k);
  return [...W.data, ...model.intercepts];
}

/** Fits one case with one solver and checks it against the fixture; returns θ and numbers. */
function fitAndCheck(c, p, solver) {
  const target = solverTarget(c);
  const tolerance = derivedTolerance(target);
  const label = `${c.name}, ${solver}`;
  const model = new LogisticModel(optionsFor(c, solver, tolerance, p.classes));
  try {
    const t0 = performance.now();
    const report = model.fit(p.X, p.labels, c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined);
    const ms = performance.now() - t0;
    assert.ok(report.converged, `${label}: not converged (${report.iterations} iterations, ‖∇F‖∞ ${report.gradientNorm})`);
    assert.deepEqual(report.warnings, [], `${label}: warnings`);
    if (solver !== 'auto') assert.equal(report.solver, solver);
    else assert.ok(c.l1 > 0 ? report.solver === 'lbfgs' : ['newton', 'lbfgs'].includes(report.solver), report.solver);
    assert.deepEqual([...model.classes], p.classes);
    const w = c.nOutputs * c.features.length;
    const l1 = c.l1 > 0;
    const raw = rawParameters(model, c.nClasses);
    let result;
    if (c.standardize) {
      const S = model.standardizedCoefficients;
      assert.equal(S.rows, c.nOutputs);
      result = compare(`${label} (standardized)`, [...S.data, ...model.standardizedIntercepts], target, w, l1);
      const mu = model.featureMean;
      const sigma = model.featureScale;
      const d = c.features.length;
      const allowed = new Array(w + c.nOutputs).fill(0);
      for (let q = 0; q < c.nOutputs; q++) {
        let b = target.allowed[w + q];
        for (let j = 0; j < d; j++) {
          const a = target.allowed[q * d + j];
          allowed[q * d + j] = a / sigma[j];
          b += (a * Math.abs(mu[j])) / sigma[j];
        }
        allowed[w + q] = b;
      }
      compare(`${label} (raw units)`, raw, { want: [...c.coefficients, ...c.intercepts], allowed }, w, l1);
    } else {
      result = compare(label, raw, target, w, l1);
    }
    const lossError = Math.abs(report.loss - c.loss);
    assert.ok(lossError <= LOSS_TOLERANCE, `${label}: F = ${report.loss}, reference ${c.loss}`);
    console.log(
      `parity-solvers (js): ${c.name.padEnd(30)} ${solver.padEnd(6)} tol ${tolerance.toExponential(1)} ` +
      `${String(report.iterations).padStart(5)} it ${ms.toFixed(1).padStart(7)} ms  ` +
      `err/allowed ${result.worst.toFixed(3)}  max rel ${result.maxRel.toExponential(1)}  |dF| ${lossError.toExponential(1)}`);
    const probabilities = c.nClasses > 2 ? model.predictProbaMatrix(p.X) : null;
    return { theta: raw, probabilities, solver: report.solver };
  } finally {
    model.dispose();
  }
}

const JS_CASES = fixtures.cases.filter((c) => c.js);

test('the JS subset covers every kind of case', () => {
  const names = JS_CASES.map((c) => c.name);
  for (const kind of ['unpenalized', '_l2_', '_l1_', '_enet_', 'iris3_', 'standardize', 'balanced', 'weighted']) {
    assert.ok(names.some((n) => n.includes(kind)), `no JS case of kind ${kind}`);
  }
});

for (const c of JS_CASES) {
  test(`parity solvers (js): ${c.name}`, async () => {
    const p = await prepare(c);
    const smooth = c.l1 === 0;
    // 'auto', then the solver it ran, then (smooth) the other of Newton and L-BFGS as well.
    const b = fitAndCheck(c, p, 'auto');
    const primary = b.solver;
    const a = fitAndCheck(c, p, primary);
    a.theta.forEach((v, j) => {
      const scale = Math.max(Math.abs(v), 1e-300);
      assert.ok(Math.abs(b.theta[j] - v) <= 1e-12 * scale,
        `${c.name}: 'auto' and '${primary}' differ at parameter ${j}: ${b.theta[j]} vs ${v}`);
    });
    if (smooth) fitAndCheck(c, p, primary === 'newton' ? 'lbfgs' : 'newton');
    if (a.probabilities) {
      // k classes: predictProbaMatrix is softmax(X Wᵀ + b) of the fitted parameters; check it
      // against the fixture's parameters (a first-order consequence of the allowances).
      const { data, rows, cols } = a.probabilities;
      assert.equal(rows, c.n);
      assert.equal(cols, c.nClasses);
      const d = c.features.length;
      const k = c.nClasses;
      const [Wr, br] = [c.coefficients, c.intercepts];  // raw units, as X is given
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        const z = Array.from({ length: k }, (_, q) => {
          let s = br[q];
          for (let j = 0; j < d; j++) s += Wr[q * d + j] * p.X.data[i * d + j];
          return s;
        });
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const sum = e.reduce((x, y) => x + y, 0);
        for (let q = 0; q < k; q++) worst = Math.max(worst, Math.abs(data[i * k + q] - e[q] / sum));
      }
      assert.ok(worst <= 1e-5, `${c.name}: predictProbaMatrix differs from the fixture's softmax by ${worst}`);
    }
  });
}
