// SPDX-License-Identifier: MIT
// The classification metrics (web/src/metrics.js, plain JS, no wasm): every value against
// scikit-learn 1.2.1 (tests/fixtures/metrics_reference.json, written by
// make_metrics_reference.py), the same values from typed arrays and flat matrices, small
// cases worked by hand, and every documented error message.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as metrics from '../../web/src/metrics.js';

const {
  accuracy, confusionMatrix, precision, recall, f1, binaryMetricsAtThreshold, logLoss, brierScore,
  rocCurve, rocAuc, precisionRecallCurve, averagePrecision, calibrationCurve,
} = metrics;

const reference = JSON.parse(readFileSync(new URL('../fixtures/metrics_reference.json', import.meta.url), 'utf8'));

// Counts are compared exactly when unweighted (then they are integers); so are the lengths of
// every array and all labels. Everything else to 1e-12, relative above 1.
const COUNT_KEYS = new Set(['tp', 'fp', 'tn', 'fn', 'counts', 'matrix', 'support']);
const TOL = 1e-12;

/**
 * got equals want: numbers to TOL relative above 1 (exactly with `exact`), arrays with equal
 * lengths, objects key by key (labels exactly; counts exactly with `countsExact`). Messages
 * are built only on failure: the reference suite compares some 40 000 numbers.
 */
function assertMatches(got, want, what, exact = false, countsExact = false) {
  if (typeof want === 'number') {
    const err = Math.abs(got - want) / Math.max(1, Math.abs(want));
    if (typeof got !== 'number' || (exact ? got !== want : !(err <= TOL))) {
      assert.fail(`${what}: got ${got}, want ${exact ? 'exactly ' : ''}${want} (error ${err})`);
    }
  } else if (Array.isArray(want)) {
    if (!(Array.isArray(got) || ArrayBuffer.isView(got))) assert.fail(`${what}: got ${got}, want an array`);
    if (got.length !== want.length) assert.fail(`${what}: length ${got.length}, want ${want.length}`);
    for (let i = 0; i < want.length; i++) {
      const w = want[i];
      const g = got[i];
      // Numbers inline (the common case); anything else, or a mismatch, through the general path.
      if (typeof w !== 'number' || typeof g !== 'number' || (exact ? g !== w : !(Math.abs(g - w) <= TOL * Math.max(1, Math.abs(w))))) {
        assertMatches(g, w, `${what}[${i}]`, exact, countsExact);
      }
    }
  } else if (want !== null && typeof want === 'object') {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${what}: keys`);
    for (const key of Object.keys(want)) {
      if (key === 'labels') assert.deepEqual(got.labels, want.labels, `${what}.labels`);
      else assertMatches(got[key], want[key], `${what}.${key}`, exact || (countsExact && COUNT_KEYS.has(key)), countsExact);
    }
  } else {
    assert.equal(got, want, what);
  }
}

const flat = (rows) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const isNumbers = (a) => Array.isArray(a) && typeof a[0] === 'number';

describe('equal to scikit-learn 1.2.1 (metrics_reference.json)', () => {
  test('the fixtures were made with scikit-learn 1.2.1', () => {
    assert.equal(reference.generator.sklearn, '1.2.1');
    assert.ok(reference.cases.length >= 6);
  });

  for (const c of reference.cases) {
    const byFn = new Map();
    for (const check of c.checks) byFn.set(check.fn, [...(byFn.get(check.fn) ?? []), check]);
    for (const [fn, checks] of byFn) {
      test(`${c.name}: ${fn} (${checks.length})`, () => {
        for (const check of checks) {
          const options = { ...check.options };
          if (check.weighted) options.sampleWeight = c.data.sampleWeight;
          const args = check.args.map((name) => c.data[name]);
          const what = `${c.name}: ${fn}(${check.args.join(', ')}, ${JSON.stringify(check.options)})` +
            (check.weighted ? ' weighted' : '');
          const got = metrics[fn](...args, options);
          // Unweighted counts are integers and must match exactly; weighted ones are sums.
          assertMatches(got, check.expected, what, false, !check.weighted);

          // The same call with typed arrays (numbers → Float64Array, matrices → { data, rows, cols })
          // gives identical results (checked on a few calls per function: the conversions are shared).
          if (checks.indexOf(check) >= 3) continue;
          const typedArgs = args.map((a) => (isNumbers(a) ? Float64Array.from(a) : Array.isArray(a?.[0]) ? flat(a) : a));
          const typedOptions = { ...options };
          if (options.sampleWeight) typedOptions.sampleWeight = Float64Array.from(options.sampleWeight);
          assert.deepEqual(metrics[fn](...typedArgs, typedOptions), got, `${what} with typed arrays`);
        }
      });
    }
  }
});

describe('small cases worked by hand', () => {
  // scikit-learn's own docstring examples.
  test('rocCurve: the first threshold is max(score) + 1; ties form one point', () => {
    const roc = rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8]);
    assert.deepEqual([...roc.fpr], [0, 0, 0.5, 0.5, 1]);
    assert.deepEqual([...roc.tpr], [0, 0.5, 0.5, 1, 1]);
    assert.deepEqual([...roc.thresholds], [1.8, 0.8, 0.4, 0.35, 0.1]);
    assert.equal(rocAuc([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8]), 0.75);
    // A positive and a negative tied: half a pair. P(s⁺ > s⁻) + ½P(s⁺ = s⁻) = (3 + ½)/4.
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.8]), 0.875);
    const tied = rocCurve([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.8], { dropIntermediate: false });
    assert.deepEqual([...tied.thresholds], [1.8, 0.8, 0.5, 0.1]);
  });

  test('dropIntermediate removes collinear points only', () => {
    const y = [0, 1, 1, 1, 0, 0];
    const s = [0.1, 0.9, 0.8, 0.7, 0.3, 0.2];
    assert.deepEqual([...rocCurve(y, s, { dropIntermediate: false }).thresholds], [1.9, 0.9, 0.8, 0.7, 0.3, 0.2, 0.1]);
    assert.deepEqual([...rocCurve(y, s).thresholds], [1.9, 0.9, 0.7, 0.1]);
  });

  test('precisionRecallCurve and averagePrecision: AP = Σ (Rₙ − Rₙ₋₁) Pₙ', () => {
    const pr = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    assert.deepEqual([...pr.precision], [0.5, 2 / 3, 0.5, 1, 1]);
    assert.deepEqual([...pr.recall], [1, 1, 0.5, 0.5, 0]);
    assert.deepEqual([...pr.thresholds], [0.1, 0.35, 0.4, 0.8]);
    // 0.5 · 1 (at 0.8) + 0.5 · 2/3 (at 0.35); not the trapezoidal area.
    assert.equal(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.5 + 0.5 * (2 / 3));
  });

  test('labels sort like the model: numbers ascending, false < true, strings by code unit', () => {
    assert.deepEqual(confusionMatrix([10, 9, 10], [9, 9, 10]), { labels: [9, 10], matrix: [[1, 0], [1, 1]] });
    assert.deepEqual(confusionMatrix(['b', 'B', 'a'], ['b', 'b', 'a']).labels, ['B', 'a', 'b']);
    assert.deepEqual(confusionMatrix([true, false], [true, true]), { labels: [false, true], matrix: [[0, 1], [0, 1]] });
    assert.deepEqual(confusionMatrix([0, 1, 2], [0, 2, 2], { labels: [2, 0] }), { labels: [2, 0], matrix: [[1, 0], [0, 1]] });
    assert.deepEqual(confusionMatrix([-0, 1], [0, 1]).labels, [0, 1]);
  });

  test('the positive label is the larger one unless given; probabilities are P(y = positiveLabel)', () => {
    assert.equal(precision(['no', 'yes', 'yes'], ['yes', 'yes', 'no']), 0.5); // positive 'yes'
    assert.equal(precision(['no', 'yes', 'yes'], ['yes', 'yes', 'no'], { positiveLabel: 'no' }), 0);
    assert.equal(brierScore([false, true], [0.25, 0.5]), (0.0625 + 0.25) / 2);
    assert.equal(brierScore([false, true], [0.75, 0.5], { positiveLabel: false }), (0.0625 + 0.25) / 2);
    // With positiveLabel, a label is scored against all others.
    assert.equal(rocAuc(['a', 'b', 'c'], [0.9, 0.1, 0.2], { positiveLabel: 'a' }), 1);
  });

  test('precision, recall, f1: averages, per-class results and zeroDivision', () => {
    const yT = [0, 0, 1, 1, 2, 2];
    const yP = [0, 1, 1, 1, 0, 0];
    // class 0: tp 1, predicted 3, true 2; class 1: 2, 3, 2; class 2: 0, 0, 2.
    assert.deepEqual(precision(yT, yP, { average: null }),
      { labels: [0, 1, 2], values: Float64Array.from([1 / 3, 2 / 3, 0]), support: Float64Array.from([2, 2, 2]) });
    assert.deepEqual(precision(yT, yP, { average: null, zeroDivision: 1 }).values, Float64Array.from([1 / 3, 2 / 3, 1]));
    assert.equal(recall(yT, yP, { average: 'macro' }), (0.5 + 1 + 0) / 3);
    assert.equal(precision(yT, yP, { average: 'micro' }), 3 / 6);
    // Weights 0 on the two rows of class 2: F1 = 2/3, 0.8, 0 with supports 2, 2, 0.
    assertMatches(f1(yT, yP, { average: 'weighted', sampleWeight: [1, 1, 1, 1, 0, 0] }), (2 / 3 + 0.8) / 2, 'weighted f1');
    assert.equal(precision([0, 1], [0, 0]), 0);
    assert.equal(precision([0, 1], [0, 0], { zeroDivision: 1 }), 1);
  });

  test('binaryMetricsAtThreshold: positive where p >= threshold', () => {
    const m = binaryMetricsAtThreshold([0, 0, 1, 1, 1], [0.2, 0.6, 0.6, 0.9, 0.1], { threshold: 0.6 });
    assertMatches(m, {
      threshold: 0.6, tp: 2, fp: 1, tn: 1, fn: 1,
      accuracy: 3 / 5, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, specificity: 1 / 2,
    }, 'binaryMetricsAtThreshold', false, true);
    assert.equal(binaryMetricsAtThreshold([0, 1], [0.2, 0.4]).precision, 0); // nothing predicted positive
    assert.equal(binaryMetricsAtThreshold([0, 1], [0.2, 0.4], { zeroDivision: 1 }).precision, 1);
  });

  test('logLoss: clipped at eps = 2⁻⁵² (scikit-learn 1.2 eps="auto"); matrices as { data, rows, cols }', () => {
    // A wrong 0/1 costs −log(2⁻⁵²) = 36.04 (−log(1e-15) = 34.54 with scikit-learn ≤ 1.1's eps).
    assertMatches(logLoss([0, 1], [0, 1]), Number.EPSILON, 'right 0 and 1');
    assertMatches(logLoss([0, 1], [1, 1]), (52 * Math.LN2 + Number.EPSILON) / 2, 'a wrong 1');
    assertMatches(logLoss([0, 1], [1, 1], { eps: 1e-15 }), (-Math.log(1 - (1 - 1e-15)) + 1e-15) / 2, 'a wrong 1, eps 1e-15');
    const P = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]];
    const want = -(Math.log(0.7) + Math.log(0.8)) / 2;
    assertMatches(logLoss(['a', 'c'], P, { labels: ['a', 'b', 'c'] }), want, 'number[][]');
    assert.equal(logLoss(['a', 'c'], flat(P), { labels: ['a', 'b', 'c'] }), logLoss(['a', 'c'], P, { labels: ['a', 'b', 'c'] }));
    // Float32 data are widened to double (each row still divided by its sum, as scikit-learn does).
    assertMatches(logLoss(['a', 'c'], { data: Float32Array.from(P.flat()), rows: 2, cols: 3 }, { labels: ['a', 'b', 'c'] }),
      -(Math.log(Math.fround(0.7) / sumF32(P[0])) + Math.log(Math.fround(0.8) / sumF32(P[1]))) / 2, 'Float32Array');
    // labels give the column order (not necessarily sorted): a binary model with positiveClass.
    assertMatches(logLoss(['spam', 'ham'], [[0.9, 0.1], [0.2, 0.8]], { labels: ['spam', 'ham'] }), -(Math.log(0.9) + Math.log(0.8)) / 2, 'labels order');
    // Weighted mean.
    assert.equal(logLoss([0, 1], [0.5, 0.5], { sampleWeight: [3, 1] }), Math.LN2);
  });

  test('rocAuc with a probability matrix: one-vs-rest, two columns = binary AUC of column 1', () => {
    const y = [0, 1, 2, 0, 1, 2];
    const P = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]];
    const per = [0, 1, 2].map((c) => rocAuc(y, P.map((r) => r[c]), { positiveLabel: c }));
    assert.equal(rocAuc(y, P), (per[0] + per[1] + per[2]) / 3);
    assert.equal(rocAuc(y, P, { average: 'weighted' }), (per[0] * 2 + per[1] * 2 + per[2] * 2) / 6);
    const y2 = ['a', 'b', 'a', 'b'];
    const P2 = [[0.9, 0.1], [0.4, 0.6], [0.3, 0.7], [0.2, 0.8]];
    assert.equal(rocAuc(y2, P2), rocAuc(y2, P2.map((r) => r[1])));
  });

  test('calibrationCurve drops empty bins; an edge value goes to the lower bin', () => {
    const c = calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.2, 0.2, 0.95, 1], { nBins: 5 });
    // Bins (0, 0.2], (0.2, 0.4], …: 0.1 and both 0.2 in bin 0; 0.95 and 1 in bin 4.
    assert.deepEqual(c, {
      probTrue: Float64Array.from([1 / 3, 1]),
      probPred: Float64Array.from([(0.1 + 0.2 + 0.2) / 3, (0.95 + 1) / 2]),
      counts: Float64Array.from([3, 2]),
    });
    const q = calibrationCurve([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], { nBins: 2, strategy: 'quantile' });
    assert.deepEqual([...q.counts], [2, 2]);
  });

  test('results are fresh arrays', () => {
    const a = rocCurve([0, 1], [0.2, 0.8]);
    const b = rocCurve([0, 1], [0.2, 0.8]);
    assert.notEqual(a.fpr, b.fpr);
    assert.ok(a.fpr instanceof Float64Array && a.thresholds instanceof Float64Array);
  });
});

function sumF32(row) {
  return row.reduce((s, v) => s + Math.fround(v), 0);
}

/** fn must throw an instance of Type with exactly this message (or one matching the regex). */
function assertThrows(fn, Type, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Type, `expected ${Type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.constructor, Type, `expected exactly ${Type.name}, got ${e.constructor.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('errors name the argument, the index and the value', () => {
  test('lengths and empty input', () => {
    assertThrows(() => accuracy([0, 1], [0]), Error, 'accuracy: yTrue has 2 labels but yPred has 1 label');
    assertThrows(() => accuracy([], []), Error, 'accuracy: yTrue is empty');
    assertThrows(() => rocCurve([0, 1, 1], [0.1, 0.2]), Error, 'rocCurve: yTrue has 3 labels but scores has 2 scores');
    assertThrows(() => brierScore([0, 1], [0.1, 0.2, 0.3]), Error, 'brierScore: yTrue has 2 labels but probabilities has 3 probabilities');
    assertThrows(() => accuracy([0, 1], [0, 1], { sampleWeight: [1] }), Error, 'accuracy: yTrue has 2 labels but sampleWeight has 1 value');
    assertThrows(() => logLoss([0, 1, 2], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]]), Error, 'logLoss: yTrue has 3 labels but probabilities has 2 rows');
    assertThrows(() => logLoss([0, 1], [[0.5, 0.5], [0.2]]), Error, 'logLoss: probabilities[1] has 1 value but probabilities[0] has 2');
    assertThrows(() => logLoss([0, 1], { data: new Float64Array(3), rows: 2, cols: 2 }), Error,
      'logLoss: probabilities.data has 3 values but probabilities.rows × probabilities.cols = 2 × 2 = 4');
  });

  test('types', () => {
    assertThrows(() => accuracy('ab', 'ab'), TypeError, "accuracy: yTrue must be an array of labels (numbers, booleans or strings), got 'ab'");
    assertThrows(() => accuracy([0, null], [0, 1]), TypeError, 'accuracy: yTrue[1] is null; labels must be finite numbers, booleans or strings');
    assertThrows(() => accuracy([0, NaN], [0, 1]), TypeError, 'accuracy: yTrue[1] is NaN; labels must be finite numbers, booleans or strings');
    assertThrows(() => accuracy([0, 'a'], [0, 1]), TypeError, "accuracy: yTrue[1] is a string ('a') but yTrue[0] is a number (0); labels must be of one type");
    assertThrows(() => accuracy([0, 1], [0, '1']), TypeError, "accuracy: yPred[1] is a string ('1') but yTrue holds numbers; labels must be of one type");
    assertThrows(() => rocCurve([0, 1], [0.1, '0.2']), TypeError, "rocCurve: scores[1] must be a number, got '0.2'");
    assertThrows(() => rocCurve([0, 1], null), TypeError, 'rocCurve: scores must be an array of scores (numbers), got null');
    assertThrows(() => rocCurve([0, 1], [[0.1], [0.2]]), TypeError,
      'rocCurve: scores must be a 1-D array (P(y = positiveLabel) or a score per row), got a matrix');
    assertThrows(() => logLoss([0, 1], { data: [0.5, 0.5, 0.5, 0.5], rows: 2, cols: 2 }), TypeError,
      'logLoss: probabilities.data must be a Float32Array or a Float64Array, got an array of length 4');
    assertThrows(() => precision([0, 1], [0, 1], { positiveLabel: '1' }), TypeError,
      "precision: positiveLabel must be a number like the labels in yTrue and yPred, got '1'");
  });

  test('options', () => {
    assertThrows(() => accuracy([0], [0], { weights: [1] }), TypeError, "accuracy: unknown option 'weights'; valid options are sampleWeight");
    assertThrows(() => accuracy([0], [0], 'x'), TypeError, "accuracy: options must be an object, got 'x'");
    assertThrows(() => precision([0, 1], [0, 1], { average: 'samples' }), TypeError,
      "precision: average must be one of 'binary', 'macro', 'weighted', 'micro', null, got 'samples'");
    assertThrows(() => f1([0, 1], [0, 1], { zeroDivision: 'warn' }), TypeError, "f1: zeroDivision must be 0 or 1, got 'warn'");
    assertThrows(() => recall([0, 1], [0, 1], { average: 'macro', positiveLabel: 1 }), TypeError,
      "recall: positiveLabel applies to average 'binary' only, got average 'macro'");
    assertThrows(() => rocAuc([0, 1, 2], [[0.5, 0.25, 0.25], [0, 1, 0], [0, 0, 1]], { average: 'samples' }), TypeError,
      "rocAuc: average must be one of 'macro', 'weighted', 'micro', got 'samples'");
    assertThrows(() => rocAuc([0, 1, 2], [[0.5, 0.25, 0.25], [0, 1, 0], [0, 0, 1]], { multiClass: 'ovo' }), TypeError,
      "rocAuc: multiClass must be one of 'ovr', got 'ovo'");
    assertThrows(() => rocAuc([0, 1], [0.1, 0.2], { average: 'macro' }), TypeError,
      'rocAuc: average applies to an n × k probability matrix, not to 1-D scores');
    assertThrows(() => calibrationCurve([0, 1], [0.1, 0.2], { strategy: 'kmeans' }), TypeError,
      "calibrationCurve: strategy must be one of 'uniform', 'quantile', got 'kmeans'");
    assertThrows(() => calibrationCurve([0, 1], [0.1, 0.2], { nBins: 2.5 }), TypeError, 'calibrationCurve: nBins must be an integer, got 2.5');
    assertThrows(() => calibrationCurve([0, 1], [0.1, 0.2], { nBins: 0 }), RangeError, 'calibrationCurve: nBins must be an integer >= 1, got 0');
    assertThrows(() => binaryMetricsAtThreshold([0, 1], [0.1, 0.2], { threshold: 1.5 }), RangeError,
      'binaryMetricsAtThreshold: threshold must be in [0, 1], got 1.5');
    assertThrows(() => rocCurve([0, 1], [0.1, 0.2], { dropIntermediate: 1 }), TypeError, 'rocCurve: dropIntermediate must be a boolean, got 1');
    assertThrows(() => logLoss([0, 1], [0.1, 0.2], { eps: 0.5 }), RangeError, 'logLoss: eps must be in [0, 0.5), got 0.5');
  });

  test('values: non-finite scores, probabilities outside [0, 1], weights', () => {
    assertThrows(() => rocAuc([0, 1], [0.1, Infinity]), Error, 'rocAuc: scores[1] is not a finite number: Infinity');
    assertThrows(() => averagePrecision([0, 1], [NaN, 0.1]), Error, 'averagePrecision: scores[0] is not a finite number: NaN');
    assertThrows(() => brierScore([0, 1], [0.5, 1.5]), RangeError, 'brierScore: probabilities[1] is 1.5; probabilities must be in [0, 1]');
    assertThrows(() => binaryMetricsAtThreshold([0, 1], [-0.1, 0.5]), RangeError,
      'binaryMetricsAtThreshold: probabilities[0] is -0.1; probabilities must be in [0, 1]');
    assertThrows(() => logLoss([0, 1], [[0.5, 0.5], [0.2, 1.2]]), RangeError, 'logLoss: probabilities[1][1] is 1.2; probabilities must be in [0, 1]');
    assertThrows(() => logLoss([0, 1], { data: Float64Array.from([0.5, 0.5, NaN, 1]), rows: 2, cols: 2 }), Error,
      'logLoss: probabilities[1][0] is not a finite number: NaN');
    assertThrows(() => accuracy([0, 1], [0, 1], { sampleWeight: [1, -1] }), RangeError, 'accuracy: sampleWeight[1] is -1; weights must be >= 0');
    assertThrows(() => accuracy([0, 1], [0, 1], { sampleWeight: [0, 0] }), Error, 'accuracy: sampleWeight sums to 0; at least one weight must be > 0');
    assertThrows(() => rocAuc([0, 1, 2], [[0.5, 0.25, 0.2], [0, 1, 0], [0, 0, 1]]), Error,
      'rocAuc: scores[0] sums to 0.95, not 1; one-vs-rest AUC needs the class probabilities of each row');
  });

  test('classes: one where two are needed, too many, unknown', () => {
    assertThrows(() => rocCurve([1, 1, 1], [0.1, 0.2, 0.3]), Error,
      'rocCurve: yTrue contains only one label (1); the ROC curve needs a positive and a negative class');
    assertThrows(() => rocAuc(['a', 'a'], [0.1, 0.2], { positiveLabel: 'a' }), Error,
      "rocAuc: yTrue contains only one label ('a'); the ROC curve needs a positive and a negative class");
    assertThrows(() => rocAuc([0, 1], [0.1, 0.2], { sampleWeight: [1, 0] }), Error,
      'rocAuc: yTrue has no positive rows (with weight > 0); the curve needs both classes');
    assertThrows(() => precisionRecallCurve([0, 0], [0.1, 0.2], { positiveLabel: 1 }), Error,
      'precisionRecallCurve: yTrue has no positive rows (with weight > 0); recall is undefined');
    assertThrows(() => brierScore([1, 1], [0.1, 0.2]), Error,
      'brierScore: yTrue contains only one label (1); pass positiveLabel to say which label is positive');
    assertThrows(() => calibrationCurve([0, 1, 2], [0.1, 0.2, 0.3]), Error,
      'calibrationCurve: yTrue has 3 labels (0, 1, 2); this metric is binary: pass positiveLabel to score one label against the rest');
    assertThrows(() => brierScore([0, 1], [0.1, 0.2], { positiveLabel: 2 }), Error,
      'brierScore: positiveLabel 2 is not one of the labels in yTrue (0, 1)');
    assertThrows(() => precision([0, 1, 2], [0, 1, 1]), Error,
      "precision: yTrue and yPred hold 3 labels (0, 1, 2); average 'binary' needs two: pass average 'macro', 'weighted', 'micro' or null");
    assertThrows(() => logLoss([1, 1], [0.9, 0.8]), Error, 'logLoss: yTrue contains only one label (1); pass labels (every class, in column order)');
    assertThrows(() => logLoss([0, 1, 2], [0.9, 0.8, 0.1]), Error,
      'logLoss: 1-D probabilities need two labels but there are 3 (0, 1, 2); pass an n × 3 matrix');
    assertThrows(() => logLoss([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), Error,
      'logLoss: probabilities has 2 columns but there are 3 labels (0, 1, 2) in yTrue; pass labels (every class, in column order)');
    assertThrows(() => logLoss([0, 3], [0.5, 0.5], { labels: [0, 1] }), Error, 'logLoss: yTrue[1] is 3, which is not one of labels (0, 1)');
    assertThrows(() => confusionMatrix([0, 1], [0, 1], { labels: [2, 3] }), Error, 'confusionMatrix: none of labels (2, 3) occurs in yTrue');
    assertThrows(() => confusionMatrix([0, 1], [0, 1], { labels: [1, 1] }), Error, 'confusionMatrix: labels must be different labels, got (1, 1)');
    assertThrows(() => rocAuc([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), Error,
      'rocAuc: scores has 2 columns but there are 3 labels (0, 1, 2) in yTrue; pass labels (every class, in column order)');
  });
});

test('the package entries re-export every metric', async () => {
  const names = Object.keys(metrics).sort();
  assert.deepEqual(names, ['accuracy', 'averagePrecision', 'binaryMetricsAtThreshold', 'brierScore', 'calibrationCurve',
    'confusionMatrix', 'f1', 'logLoss', 'precision', 'precisionRecallCurve', 'recall', 'rocAuc', 'rocCurve']);
  // Importing an entry instantiates the wasm module, which this file otherwise never needs:
  // check the source text instead (tests/js/pack.test.js imports the entries themselves).
  for (const entry of ['index.js', 'node.js']) {
    const text = readFileSync(new URL(`../../web/src/${entry}`, import.meta.url), 'utf8');
    assert.match(text, /^export \* from '\.\/metrics\.js';$/m, `web/src/${entry} re-exports metrics.js`);
  }
});
