// SPDX-License-Identifier: MIT
// Classification metrics in plain JavaScript: no wasm, no model needed. Every value equals
// scikit-learn 1.2.1 (sklearn.metrics, sklearn.calibration.calibration_curve) to rounding:
// the arithmetic is done in the same order where the order decides a result (the sort of
// tied scores, the second differences that drop ROC points, the bin edges). The tests compare
// with values written by tests/fixtures/make_metrics_reference.py.
//
// Conventions shared by every function:
//  * labels are finite numbers, booleans or strings, one type per call, sorted as the model
//    sorts them: numbers ascending, false < true, strings by UTF-16 code units;
//  * binary metrics score `positiveLabel` against the rest. By default it is the larger of
//    the two labels present (classes[1] of a model fitted without positiveClass, and
//    scikit-learn's choice for {0, 1}, {−1, 1} and {false, true});
//  * probabilities and scores are P(y = positiveLabel) or any real score where noted;
//    matrices are n × k, as number[][] or { data, rows, cols } row-major (the shape of
//    LogisticModel.predictProbaMatrix), column c belonging to labels[c];
//  * sampleWeight: n finite weights ≥ 0, not all 0;
//  * curves and per-class scores come back as fresh Float64Arrays.
// Where this module is stricter than scikit-learn (negative weights, labels outside `labels`,
// a single class where a curve needs two) it throws instead of warning or returning NaN.

import { compareLabels, describe, isArrayLike, isObject, labelType, listLabels, plural } from './values.js';

// ---- small helpers ----------------------------------------------------------------------

const quoted = (names) => names.map((v) => (v === null ? 'null' : `'${v}'`)).join(', ');

function tabulate(Type, n, f) {
  const out = new Type(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

function sortedDistinct(...arrays) {
  const seen = new Set();
  for (const a of arrays) for (const v of a) seen.add(v);
  return [...seen].sort(compareLabels);
}

// ---- validation --------------------------------------------------------------------------

/** The options object with its names checked (undefined → {}). */
function readOptions(options, names, method) {
  if (options === undefined) return {};
  if (!isObject(options)) throw new TypeError(`${method}: options must be an object, got ${describe(options)}`);
  for (const name of Object.keys(options)) {
    if (!names.includes(name)) {
      throw new TypeError(`${method}: unknown option '${name}'; valid options are ${names.join(', ')}`);
    }
  }
  return options;
}

function oneOf(value, allowed, name, method) {
  if (!allowed.includes(value)) {
    throw new TypeError(`${method}: ${name} must be one of ${quoted(allowed)}, got ${describe(value)}`);
  }
  return value;
}

/**
 * The labels of y as a plain array (−0 read as 0), after checking that y is a non-empty
 * array of valid labels of one type; with `expected` = [type, name], of the type of `name`.
 */
function readLabels(y, name, method, expected = null) {
  if (!isArrayLike(y)) {
    throw new TypeError(`${method}: ${name} must be an array of labels (numbers, booleans or strings), got ${describe(y)}`);
  }
  if (y.length === 0) throw new Error(`${method}: ${name} is empty`);
  const out = new Array(y.length);
  let type = expected?.[0] ?? null;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = labelType(v);
    if (t === null) {
      throw new TypeError(`${method}: ${name}[${i}] is ${describe(v)}; labels must be finite numbers, booleans or strings`);
    }
    if (type === null) type = t;
    if (t !== type) {
      const other = expected ? `${expected[1]} holds ${type}s` : `${name}[0] is a ${type} (${describe(y[0])})`;
      throw new TypeError(`${method}: ${name}[${i}] is a ${t} (${describe(v)}) but ${other}; labels must be of one type`);
    }
    out[i] = Object.is(v, -0) ? 0 : v;
  }
  return { labels: out, type };
}

const sameLength = (n, m, a, b, noun, method, nouns = undefined) => {
  if (n !== m) throw new Error(`${method}: ${a} has ${plural(n, 'label')} but ${b} has ${plural(m, noun, nouns)}`);
};

/** y_true and y_pred of one type and length. */
function readPair(yTrue, yPred, method) {
  const t = readLabels(yTrue, 'yTrue', method);
  if (!isArrayLike(yPred)) {
    throw new TypeError(`${method}: yPred must be an array of labels (numbers, booleans or strings), got ${describe(yPred)}`);
  }
  sameLength(t.labels.length, yPred.length, 'yTrue', 'yPred', 'label', method);
  const p = readLabels(yPred, 'yPred', method, [t.type, 'yTrue']);
  return { yt: t.labels, yp: p.labels, type: t.type };
}

/** n numbers as a Float64Array: finite, and in [0, 1] for probabilities. */
function readNumbers(x, name, n, method, probability) {
  const what = probability ? 'probabilities' : 'scores';
  if (!isArrayLike(x)) {
    throw new TypeError(`${method}: ${name} must be an array of ${what} (numbers), got ${describe(x)}`);
  }
  sameLength(n, x.length, 'yTrue', name, probability ? 'probability' : 'score', method, probability ? 'probabilities' : 'scores');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = checkNumber(x[i], `${name}[${i}]`, method, probability);
  return out;
}

function checkNumber(v, where, method, probability) {
  if (typeof v !== 'number') throw new TypeError(`${method}: ${where} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new Error(`${method}: ${where} is not a finite number: ${describe(v)}`);
  if (probability && !(v >= 0 && v <= 1)) {
    throw new RangeError(`${method}: ${where} is ${describe(v)}; probabilities must be in [0, 1]`);
  }
  return v;
}

/** An n × k probability matrix (number[][] or { data, rows, cols }) as row-major float64. */
function readMatrix(P, name, n, method) {
  let data;
  let cols;
  if (isObject(P) && 'data' in P) {
    const { rows } = P;
    cols = P.cols;
    if (!(P.data instanceof Float64Array || P.data instanceof Float32Array)) {
      throw new TypeError(`${method}: ${name}.data must be a Float32Array or a Float64Array, got ${describe(P.data)}`);
    }
    for (const [key, v] of [['rows', rows], ['cols', cols]]) {
      if (!Number.isSafeInteger(v) || v < 0) throw new TypeError(`${method}: ${name}.${key} must be a non-negative integer, got ${describe(v)}`);
    }
    if (P.data.length !== rows * cols) {
      throw new Error(`${method}: ${name}.data has ${P.data.length} values but ${name}.rows × ${name}.cols = ${rows} × ${cols} = ${rows * cols}`);
    }
    if (rows !== n) throw new Error(`${method}: yTrue has ${plural(n, 'label')} but ${name} has ${plural(rows, 'row')}`);
    data = new Float64Array(P.data);
    for (let i = 0; i < data.length; i++) checkNumber(data[i], `${name}[${Math.floor(i / cols)}][${i % cols}]`, method, true);
  } else if (Array.isArray(P)) {
    if (P.length !== n) throw new Error(`${method}: yTrue has ${plural(n, 'label')} but ${name} has ${plural(P.length, 'row')}`);
    cols = isArrayLike(P[0]) ? P[0].length : 0;
    data = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) {
      const row = P[i];
      if (!isArrayLike(row)) throw new TypeError(`${method}: ${name}[${i}] must be an array of probabilities, got ${describe(row)}`);
      if (row.length !== cols) throw new Error(`${method}: ${name}[${i}] has ${plural(row.length, 'value')} but ${name}[0] has ${cols}`);
      for (let j = 0; j < cols; j++) data[i * cols + j] = checkNumber(row[j], `${name}[${i}][${j}]`, method, true);
    }
  } else {
    throw new TypeError(`${method}: ${name} must be an n × k matrix (number[][] or { data, rows, cols }), got ${describe(P)}`);
  }
  if (cols < 2) throw new Error(`${method}: ${name} has ${plural(cols, 'column')}; a probability matrix needs one per class (at least 2)`);
  return { data, cols };
}

/** True for number[][] and { data, rows, cols }: the matrix forms of the probabilities. */
const isMatrix = (P) => (isObject(P) && 'data' in P) || (Array.isArray(P) && P.length > 0 && isArrayLike(P[0]));

/** The sample weights as a Float64Array (null when absent): finite, ≥ 0, summing to > 0. */
function readWeights(w, n, method) {
  if (w === undefined || w === null) return null;
  if (!isArrayLike(w)) throw new TypeError(`${method}: sampleWeight must be an array of numbers, got ${describe(w)}`);
  sameLength(n, w.length, 'yTrue', 'sampleWeight', 'value', method);
  const out = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = checkNumber(w[i], `sampleWeight[${i}]`, method, false);
    if (v < 0) throw new RangeError(`${method}: sampleWeight[${i}] is ${describe(v)}; weights must be >= 0`);
    out[i] = v;
    total += v;
  }
  if (!(total > 0)) throw new Error(`${method}: sampleWeight sums to 0; at least one weight must be > 0`);
  return out;
}

/**
 * The positive label of a binary metric: the given one (of the labels' type; one of the
 * present labels when there are two or more), else the larger of exactly two present labels.
 */
function positiveOf(present, type, positiveLabel, method, where = 'yTrue') {
  if (positiveLabel === undefined) {
    if (present.length === 2) return present[1];
    if (present.length === 1) {
      throw new Error(`${method}: ${where} contains only one label (${describe(present[0])}); pass positiveLabel to say which label is positive`);
    }
    throw new Error(`${method}: ${where} has ${present.length} labels ${listLabels(present)}; this metric is binary: pass positiveLabel to score one label against the rest`);
  }
  if (labelType(positiveLabel) !== type) {
    throw new TypeError(`${method}: positiveLabel must be a ${type} like the labels in ${where}, got ${describe(positiveLabel)}`);
  }
  const pos = Object.is(positiveLabel, -0) ? 0 : positiveLabel;
  if (present.length >= 2 && !present.includes(pos)) {
    throw new Error(`${method}: positiveLabel ${describe(pos)} is not one of the labels in ${where} ${listLabels(present)}`);
  }
  return pos;
}

/** yTrue as 0/1 (1 for the positive label) with the scores or probabilities beside it. */
function readBinary(yTrue, scores, options, method, probability, needsTwo = false) {
  const { labels, type } = readLabels(yTrue, 'yTrue', method);
  const present = sortedDistinct(labels);
  if (needsTwo && present.length === 1) {
    throw new Error(`${method}: yTrue contains only one label (${describe(present[0])}); the ROC curve needs a positive and a negative class`);
  }
  const n = labels.length;
  const name = probability ? 'probabilities' : 'scores';
  if (isMatrix(scores)) {
    throw new TypeError(`${method}: ${name} must be a 1-D array (P(y = positiveLabel) or a score per row), got a matrix`);
  }
  const x = readNumbers(scores, name, n, method, probability);
  const weights = readWeights(options.sampleWeight, n, method);
  const positive = positiveOf(present, type, options.positiveLabel, method);
  const isPos = tabulate(Uint8Array, n, (i) => (labels[i] === positive ? 1 : 0));
  return { isPos, x, weights, positive, n };
}

/** Σ wᵢ vᵢ / Σ wᵢ, or the plain mean, summed in index order. */
function average(values, weights) {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    num += values[i] * w;
    den += w;
  }
  return num / den;
}

// ---- label metrics -----------------------------------------------------------------------

/**
 * The (weighted) fraction of rows where yPred equals yTrue: Σ wᵢ [ŷᵢ = yᵢ] / Σ wᵢ.
 * (accuracy_score)
 */
export function accuracy(yTrue, yPred, options) {
  const method = 'accuracy';
  const o = readOptions(options, ['sampleWeight'], method);
  const { yt, yp } = readPair(yTrue, yPred, method);
  const weights = readWeights(o.sampleWeight, yt.length, method);
  return average(tabulate(Uint8Array, yt.length, (i) => (yt[i] === yp[i] ? 1 : 0)), weights);
}

/**
 * matrix[i][j] = Σ w over rows with true label labels[i] and predicted label labels[j].
 * labels default to every label in yTrue or yPred, sorted; given labels fix the order and
 * rows whose true or predicted label is not among them are left out (confusion_matrix).
 */
export function confusionMatrix(yTrue, yPred, options) {
  const method = 'confusionMatrix';
  const o = readOptions(options, ['labels', 'sampleWeight'], method);
  const { yt, yp, type } = readPair(yTrue, yPred, method);
  const weights = readWeights(o.sampleWeight, yt.length, method);
  let labels;
  if (o.labels === undefined) {
    labels = sortedDistinct(yt, yp);
  } else {
    labels = readLabels(o.labels, 'labels', method, [type, 'yTrue']).labels;
    if (new Set(labels).size !== labels.length) throw new Error(`${method}: labels must be different labels, got ${listLabels(labels)}`);
    if (!yt.some((v) => labels.includes(v))) {
      throw new Error(`${method}: none of labels ${listLabels(labels)} occurs in yTrue`);
    }
  }
  const index = new Map(labels.map((v, i) => [v, i]));
  const matrix = labels.map(() => new Array(labels.length).fill(0));
  for (let i = 0; i < yt.length; i++) {
    const r = index.get(yt[i]);
    const c = index.get(yp[i]);
    if (r !== undefined && c !== undefined) matrix[r][c] += weights ? weights[i] : 1;
  }
  return { labels, matrix };
}

const AVERAGES = ['binary', 'macro', 'weighted', 'micro', null];

/**
 * Precision tp/(tp + fp), recall tp/(tp + fn) and F1 = 2PR/(P + R) per label, as
 * precision_recall_fscore_support computes them: a 0/0 ratio is `zeroDivision`, and F1 is 0
 * when P + R = 0. Averages: 'binary' (positiveLabel only), 'macro' (mean over the labels
 * present in yTrue or yPred), 'weighted' (weighted by support, Σ w over each label's true
 * rows), 'micro' (the ratios of the summed counts), null (per label).
 */
function precisionRecallF1(yTrue, yPred, options, method, metric) {
  const o = readOptions(options, ['positiveLabel', 'average', 'zeroDivision', 'sampleWeight'], method);
  const avg = oneOf(o.average === undefined ? 'binary' : o.average, AVERAGES, 'average', method);
  const zd = o.zeroDivision === undefined ? 0 : o.zeroDivision;
  if (zd !== 0 && zd !== 1) throw new TypeError(`${method}: zeroDivision must be 0 or 1, got ${describe(zd)}`);
  const { yt, yp, type } = readPair(yTrue, yPred, method);
  const weights = readWeights(o.sampleWeight, yt.length, method);
  let labels = sortedDistinct(yt, yp);
  if (avg === 'binary') {
    if (labels.length > 2) {
      throw new Error(`${method}: yTrue and yPred hold ${labels.length} labels ${listLabels(labels)}; average 'binary' needs two: ` +
        "pass average 'macro', 'weighted', 'micro' or null");
    }
    labels = [positiveOf(labels, type, o.positiveLabel, method, 'yTrue and yPred')];
  } else if (o.positiveLabel !== undefined) {
    throw new TypeError(`${method}: positiveLabel applies to average 'binary' only, got average ${describe(avg)}`);
  }
  const k = labels.length;
  const index = new Map(labels.map((v, i) => [v, i]));
  const tp = new Float64Array(k);
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  for (let i = 0; i < yt.length; i++) {
    const w = weights ? weights[i] : 1;
    const t = index.get(yt[i]);
    const p = index.get(yp[i]);
    if (t !== undefined) actual[t] += w;
    if (p !== undefined) predicted[p] += w;
    if (t !== undefined && t === p) tp[t] += w;
  }
  const ratio = (num, den) => (den === 0 ? zd : num / den);
  const scores = (tpSum, predSum, trueSum) => {
    const P = ratio(tpSum, predSum);
    const R = ratio(tpSum, trueSum);
    const F = P + R === 0 ? 0 : (2 * P * R) / (P + R);
    return metric === 'precision' ? P : metric === 'recall' ? R : F;
  };
  if (avg === 'micro') {
    const sum = (a) => a.reduce((s, v) => s + v, 0);
    return scores(sum(tp), sum(predicted), sum(actual));
  }
  const values = tabulate(Float64Array, k, (c) => scores(tp[c], predicted[c], actual[c]));
  if (avg === null) return { labels, values, support: actual };
  return average(values, avg === 'weighted' ? actual : null);
}

/** tp / (tp + fp): of the rows predicted as a label, the fraction that have it. */
export const precision = (yTrue, yPred, options) => precisionRecallF1(yTrue, yPred, options, 'precision', 'precision');
/** tp / (tp + fn): of the rows that have a label, the fraction predicted as it. */
export const recall = (yTrue, yPred, options) => precisionRecallF1(yTrue, yPred, options, 'recall', 'recall');
/** The harmonic mean of precision and recall, 2PR / (P + R). */
export const f1 = (yTrue, yPred, options) => precisionRecallF1(yTrue, yPred, options, 'f1', 'f1');

// ---- probability metrics -----------------------------------------------------------------

/**
 * The confusion counts of the rule "positive where p ≥ threshold" (LogisticModel.predict's
 * rule) and the metrics derived from them; specificity = tn / (tn + fp). With sampleWeight
 * the counts are sums of weights.
 */
export function binaryMetricsAtThreshold(yTrue, probabilities, options) {
  const method = 'binaryMetricsAtThreshold';
  const o = readOptions(options, ['threshold', 'positiveLabel', 'sampleWeight', 'zeroDivision'], method);
  const threshold = o.threshold === undefined ? 0.5 : o.threshold;
  if (typeof threshold !== 'number') throw new TypeError(`${method}: threshold must be a number, got ${describe(threshold)}`);
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`${method}: threshold must be in [0, 1], got ${describe(threshold)}`);
  const zd = o.zeroDivision === undefined ? 0 : o.zeroDivision;
  if (zd !== 0 && zd !== 1) throw new TypeError(`${method}: zeroDivision must be 0 or 1, got ${describe(zd)}`);
  const { isPos, x, weights, n } = readBinary(yTrue, probabilities, o, method, true);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (x[i] >= threshold) {
      if (isPos[i]) tp += w;
      else fp += w;
    } else if (isPos[i]) fn += w;
    else tn += w;
  }
  const ratio = (num, den) => (den === 0 ? zd : num / den);
  const P = ratio(tp, tp + fp);
  const R = ratio(tp, tp + fn);
  return {
    threshold, tp, fp, tn, fn,
    accuracy: (tp + tn) / (tp + fp + tn + fn),
    precision: P,
    recall: R,
    f1: P + R === 0 ? 0 : (2 * P * R) / (P + R),
    specificity: ratio(tn, tn + fp),
  };
}

/**
 * The mean cross-entropy −(1/Σw) Σᵢ wᵢ log P(yᵢ) (log_loss, natural log), with each
 * probability clipped to [eps, 1 − eps] first. scikit-learn 1.2's default eps is 'auto',
 * the float64 machine epsilon 2⁻⁵² (1.1 and earlier used 1e-15).
 *  * 1-D probabilities: P(y = labels[1]), labels being the two sorted labels of yTrue unless
 *    given; the other class's term is log(1 − p), taken as log1p(−p), which stays accurate
 *    for small p (the same value as scikit-learn's where 1 − p is exact, p ≥ ½).
 *  * an n × k matrix: column c is P(y = labels[c]); like scikit-learn, each clipped row is
 *    divided by its sum before the log.
 */
export function logLoss(yTrue, probabilities, options) {
  const method = 'logLoss';
  const o = readOptions(options, ['labels', 'eps', 'sampleWeight'], method);
  const eps = o.eps === undefined ? Number.EPSILON : o.eps;
  if (typeof eps !== 'number') throw new TypeError(`${method}: eps must be a number, got ${describe(eps)}`);
  if (!(eps >= 0 && eps < 0.5)) throw new RangeError(`${method}: eps must be in [0, 0.5), got ${describe(eps)}`);
  const { labels: yt, type } = readLabels(yTrue, 'yTrue', method);
  const n = yt.length;
  let labels;
  if (o.labels === undefined) {
    labels = sortedDistinct(yt);
    if (labels.length === 1) {
      throw new Error(`${method}: yTrue contains only one label (${describe(labels[0])}); pass labels (every class, in column order)`);
    }
  } else {
    labels = readLabels(o.labels, 'labels', method, [type, 'yTrue']).labels;
    if (new Set(labels).size !== labels.length) throw new Error(`${method}: labels must be different labels, got ${listLabels(labels)}`);
    if (labels.length < 2) throw new Error(`${method}: labels needs at least two labels, got ${listLabels(labels)}`);
    const i = yt.findIndex((v) => !labels.includes(v));
    if (i >= 0) throw new Error(`${method}: yTrue[${i}] is ${describe(yt[i])}, which is not one of labels ${listLabels(labels)}`);
  }
  const index = new Map(labels.map((v, i) => [v, i]));
  const weights = readWeights(o.sampleWeight, n, method);
  const clip = (p) => Math.min(Math.max(p, eps), 1 - eps);
  const loss = new Float64Array(n);
  if (isMatrix(probabilities)) {
    const { data, cols } = readMatrix(probabilities, 'probabilities', n, method);
    if (cols !== labels.length) {
      throw new Error(`${method}: probabilities has ${plural(cols, 'column')} but there are ${plural(labels.length, 'label')} ${listLabels(labels)}` +
        (o.labels === undefined ? ' in yTrue; pass labels (every class, in column order)' : ''));
    }
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += clip(data[i * cols + c]);
      loss[i] = -Math.log(clip(data[i * cols + index.get(yt[i])]) / sum);
    }
  } else {
    if (labels.length !== 2) {
      throw new Error(`${method}: 1-D probabilities need two labels but there are ${labels.length} ${listLabels(labels)}; pass an n × ${labels.length} matrix`);
    }
    const p = readNumbers(probabilities, 'probabilities', n, method, true);
    for (let i = 0; i < n; i++) {
      const q = clip(p[i]);
      loss[i] = index.get(yt[i]) === 1 ? -Math.log(q) : -Math.log1p(-q);
    }
  }
  return average(loss, weights);
}

/** The mean squared error of the probabilities, Σ wᵢ (yᵢ − pᵢ)² / Σ wᵢ with yᵢ ∈ {0, 1} (brier_score_loss). */
export function brierScore(yTrue, probabilities, options) {
  const o = readOptions(options, ['positiveLabel', 'sampleWeight'], 'brierScore');
  const { isPos, x, weights } = readBinary(yTrue, probabilities, o, 'brierScore', true);
  return average(x.map((p, i) => (isPos[i] - p) ** 2), weights);
}

// ---- curves ------------------------------------------------------------------------------

/**
 * scikit-learn's _binary_clf_curve: for each distinct score s, from the highest, the
 * (weighted) numbers of positives tps and negatives fps with score ≥ s. Rows of weight 0 are
 * dropped first. Rows are visited by descending score, tied rows by descending index (NumPy's
 * stable argsort, reversed), so the running sums add in scikit-learn's order.
 */
function binaryCurve(isPos, scores, weights) {
  let m = 0;
  for (let i = 0; i < scores.length; i++) if (!weights || weights[i] !== 0) m++;
  const order = new Uint32Array(m); // a typed array sorts about twice as fast as an Array
  for (let i = 0, j = 0; i < scores.length; i++) if (!weights || weights[i] !== 0) order[j++] = i;
  order.sort((a, b) => scores[b] - scores[a] || b - a);
  const tps = [];
  const fps = [];
  const thresholds = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (weights) {
      if (isPos[i]) tp += weights[i];
      else fp += weights[i];
    } else {
      tp += isPos[i];
      fp = k + 1 - tp;
    }
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(scores[i]);
    }
  }
  return { tps, fps, thresholds };
}

function requireBothClasses(tps, fps, method) {
  const positive = tps[tps.length - 1];
  const negative = fps[fps.length - 1];
  if (!(positive > 0) || !(negative > 0)) {
    throw new Error(`${method}: yTrue has no ${positive > 0 ? 'negative' : 'positive'} rows` +
      ' (with weight > 0); the curve needs both classes');
  }
}

/**
 * The ROC curve: fpr = fps / N and tpr = tps / P at each distinct score, thresholds
 * decreasing, preceded by the point (0, 0) at threshold max(score) + 1 (roc_curve).
 * dropIntermediate removes the points where both the fps and tps sequences are locally
 * linear (a zero second difference), which lie on a straight segment of the curve.
 */
function roc(isPos, scores, weights, dropIntermediate, method) {
  let { tps, fps, thresholds } = binaryCurve(isPos, scores, weights);
  requireBothClasses(tps, fps, method);
  if (dropIntermediate && fps.length > 2) {
    const d2 = (a, i) => (a[i + 1] - a[i]) - (a[i] - a[i - 1]); // np.diff(a, 2)[i − 1]
    const keep = fps.map((_, i) => i === 0 || i === fps.length - 1 || d2(fps, i) !== 0 || d2(tps, i) !== 0);
    [tps, fps, thresholds] = [tps, fps, thresholds].map((a) => a.filter((_, i) => keep[i]));
  }
  const P = tps[tps.length - 1];
  const N = fps[fps.length - 1];
  return {
    fpr: tabulate(Float64Array, fps.length + 1, (i) => (i === 0 ? 0 : fps[i - 1] / N)),
    tpr: tabulate(Float64Array, tps.length + 1, (i) => (i === 0 ? 0 : tps[i - 1] / P)),
    thresholds: tabulate(Float64Array, thresholds.length + 1, (i) => (i === 0 ? thresholds[0] + 1 : thresholds[i - 1])),
  };
}

/** The ROC curve of binary scores (any real numbers; higher means more likely positive). */
export function rocCurve(yTrue, scores, options) {
  const method = 'rocCurve';
  const o = readOptions(options, ['positiveLabel', 'sampleWeight', 'dropIntermediate'], method);
  const drop = o.dropIntermediate === undefined ? true : o.dropIntermediate;
  if (typeof drop !== 'boolean') throw new TypeError(`${method}: dropIntermediate must be a boolean, got ${describe(drop)}`);
  const { isPos, x, weights } = readBinary(yTrue, scores, o, method, false, true);
  return roc(isPos, x, weights, drop, method);
}

/**
 * AUC: the trapezoidal area under the ROC curve, Σ (fprᵢ₊₁ − fprᵢ)(tprᵢ₊₁ + tprᵢ)/2
 * (auc(fpr, tpr)). Without ties the curve is a step curve and each trapezoid a rectangle;
 * tied scores form one point, the segment to it is diagonal, and a tied (positive, negative)
 * pair counts one half: AUC = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻).
 */
function trapezoid(fpr, tpr) {
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

/**
 * Area under the ROC curve (roc_auc_score). Binary: 1-D scores for positiveLabel. An n × k
 * probability matrix: one-vs-rest, AUC_c of labels[c] against the rest on column c, averaged
 * with 'macro' (mean), 'weighted' (by Σ w of each label's rows) or 'micro' (one AUC over all
 * n·k (row, column) pairs); two columns give the binary AUC of column 1.
 */
export function rocAuc(yTrue, scores, options) {
  const method = 'rocAuc';
  const o = readOptions(options, ['positiveLabel', 'sampleWeight', 'multiClass', 'average', 'labels'], method);
  if (!isMatrix(scores)) {
    for (const name of ['multiClass', 'average', 'labels']) {
      if (o[name] !== undefined) throw new TypeError(`${method}: ${name} applies to an n × k probability matrix, not to 1-D scores`);
    }
    const { isPos, x, weights } = readBinary(yTrue, scores, o, method, false, true);
    const { fpr, tpr } = roc(isPos, x, weights, true, method);
    return trapezoid(fpr, tpr);
  }
  oneOf(o.multiClass === undefined ? 'ovr' : o.multiClass, ['ovr'], 'multiClass', method);
  const avg = oneOf(o.average === undefined ? 'macro' : o.average, ['macro', 'weighted', 'micro'], 'average', method);
  if (o.positiveLabel !== undefined) {
    throw new TypeError(`${method}: positiveLabel applies to 1-D scores; the columns of a matrix follow labels`);
  }
  const { labels: yt, type } = readLabels(yTrue, 'yTrue', method);
  const n = yt.length;
  let labels = sortedDistinct(yt);
  if (o.labels !== undefined) {
    labels = readLabels(o.labels, 'labels', method, [type, 'yTrue']).labels;
    if (new Set(labels).size !== labels.length) throw new Error(`${method}: labels must be different labels, got ${listLabels(labels)}`);
    const i = yt.findIndex((v) => !labels.includes(v));
    if (i >= 0) throw new Error(`${method}: yTrue[${i}] is ${describe(yt[i])}, which is not one of labels ${listLabels(labels)}`);
  }
  const { data, cols: k } = readMatrix(scores, 'scores', n, method);
  if (k !== labels.length) {
    throw new Error(`${method}: scores has ${plural(k, 'column')} but there are ${plural(labels.length, 'label')} ${listLabels(labels)}` +
      (o.labels === undefined ? ' in yTrue; pass labels (every class, in column order)' : ''));
  }
  const weights = readWeights(o.sampleWeight, n, method);
  // scikit-learn's check that the rows are probabilities: np.allclose(1, Σ_c P_ic).
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += data[i * k + c];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new Error(`${method}: scores[${i}] sums to ${s}, not 1; one-vs-rest AUC needs the class probabilities of each row`);
    }
  }
  const column = (c) => tabulate(Float64Array, n, (i) => data[i * k + c]);
  const indicator = (c) => tabulate(Uint8Array, n, (i) => (yt[i] === labels[c] ? 1 : 0));
  const aucOf = (isPos, x, w) => {
    const { fpr, tpr } = roc(isPos, x, w, true, method);
    return trapezoid(fpr, tpr);
  };
  if (k === 2) return aucOf(indicator(1), column(1), weights);
  if (avg === 'micro') {
    // Every (row, column) pair as one binary sample, row-major, as np.ravel and np.repeat give.
    const isPos = tabulate(Uint8Array, n * k, (j) => (yt[Math.floor(j / k)] === labels[j % k] ? 1 : 0));
    const w = weights && tabulate(Float64Array, n * k, (j) => weights[Math.floor(j / k)]);
    return aucOf(isPos, data, w);
  }
  const auc = new Float64Array(k);
  const support = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const isPos = indicator(c);
    auc[c] = aucOf(isPos, column(c), weights);
    for (let i = 0; i < n; i++) support[c] += isPos[i] * (weights ? weights[i] : 1);
  }
  return average(auc, avg === 'weighted' ? support : null);
}

/**
 * Precision tps/(tps + fps) and recall tps/P at each distinct score, in increasing threshold
 * order, followed by the point precision 1, recall 0 that has no threshold
 * (precision_recall_curve; 1.2 keeps every threshold, also those past full recall).
 */
function prCurve(isPos, scores, weights, method) {
  const { tps, fps, thresholds } = binaryCurve(isPos, scores, weights);
  const P = tps[tps.length - 1];
  if (!(P > 0)) throw new Error(`${method}: yTrue has no positive rows (with weight > 0); recall is undefined`);
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) {
    const i = m - 1 - j;
    const predicted = tps[i] + fps[i];
    precision[j] = predicted === 0 ? 0 : tps[i] / predicted;
    recall[j] = tps[i] / P;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: tabulate(Float64Array, m, (j) => thresholds[m - 1 - j]) };
}

/** The precision-recall curve of binary scores. */
export function precisionRecallCurve(yTrue, scores, options) {
  const method = 'precisionRecallCurve';
  const o = readOptions(options, ['positiveLabel', 'sampleWeight'], method);
  const { isPos, x, weights } = readBinary(yTrue, scores, o, method, false);
  return prCurve(isPos, x, weights, method);
}

/**
 * Average precision, AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds from the highest: each
 * precision weighted by the recall gained at its threshold; a step function, not the
 * trapezoidal (interpolated) area (average_precision_score).
 */
export function averagePrecision(yTrue, scores, options) {
  const method = 'averagePrecision';
  const o = readOptions(options, ['positiveLabel', 'sampleWeight'], method);
  const { isPos, x, weights } = readBinary(yTrue, scores, o, method, false);
  const { precision, recall } = prCurve(isPos, x, weights, method);
  let sum = 0; // −Σ diff(recall) · precision[:-1], recall decreasing along the arrays
  for (let j = 0; j + 1 < recall.length; j++) sum += (recall[j + 1] - recall[j]) * precision[j];
  return -sum;
}

/**
 * The reliability diagram (calibration_curve): the probabilities are put in nBins bins
 * (a probability on an edge goes to the lower bin); per non-empty bin, probTrue is the
 * fraction of positive rows, probPred the mean probability and counts the number of rows.
 * 'uniform' bins have edges i/nBins (computed as NumPy's linspace does, i · (1/nBins));
 * 'quantile' edges are the i/nBins quantiles of the probabilities (NumPy's percentile,
 * linear interpolation), so the bins hold about equally many rows.
 */
export function calibrationCurve(yTrue, probabilities, options) {
  const method = 'calibrationCurve';
  const o = readOptions(options, ['nBins', 'strategy', 'positiveLabel'], method);
  const nBins = o.nBins === undefined ? 10 : o.nBins;
  if (typeof nBins !== 'number' || !Number.isInteger(nBins)) throw new TypeError(`${method}: nBins must be an integer, got ${describe(nBins)}`);
  if (nBins < 1) throw new RangeError(`${method}: nBins must be an integer >= 1, got ${describe(nBins)}`);
  const strategy = oneOf(o.strategy === undefined ? 'uniform' : o.strategy, ['uniform', 'quantile'], 'strategy', method);
  const { isPos, x: p, n } = readBinary(yTrue, probabilities, o, method, true);

  const step = 1 / nBins;
  const fraction = (i) => (i === nBins ? 1 : i * step); // np.linspace(0, 1, nBins + 1)
  const edges = new Float64Array(nBins + 1);
  if (strategy === 'uniform') {
    for (let i = 0; i <= nBins; i++) edges[i] = fraction(i);
  } else {
    // np.percentile(p, 100 · q): virtual index (n − 1)·q between sorted values a ≤ b,
    // interpolated as NumPy's _lerp does (from b when the fraction t ≥ ½).
    const sorted = new Float64Array(p).sort();
    for (let i = 0; i <= nBins; i++) {
      const q = (fraction(i) * 100) / 100;
      const v = (n - 1) * q;
      const lo = v >= n - 1 ? n - 1 : Math.floor(v);
      const hi = v >= n - 1 ? n - 1 : lo + 1;
      const t = v - lo;
      const a = sorted[lo];
      const d = sorted[hi] - a;
      edges[i] = t >= 0.5 ? sorted[hi] - d * (1 - t) : a + d * t;
    }
  }
  const sums = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    // The bin is np.searchsorted(edges[1:-1], p): the number of inner edges < p.
    let b = 0;
    let hi = nBins - 1;
    while (b < hi) {
      const mid = (b + hi) >> 1;
      if (edges[mid + 1] < p[i]) b = mid + 1;
      else hi = mid;
    }
    sums[b] += p[i];
    positives[b] += isPos[i];
    totals[b] += 1;
  }
  const bins = [...totals.keys()].filter((b) => totals[b] !== 0);
  return {
    probTrue: tabulate(Float64Array, bins.length, (j) => positives[bins[j]] / totals[bins[j]]),
    probPred: tabulate(Float64Array, bins.length, (j) => sums[bins[j]] / totals[bins[j]]),
    counts: tabulate(Float64Array, bins.length, (j) => totals[bins[j]]),
  };
}
