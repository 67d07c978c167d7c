// SPDX-License-Identifier: MIT
// What the Results card shows, computed from a trained model and the prepared data: scores,
// metrics at a threshold, ROC curves (thinned for drawing), per-input statistics and a sample
// of training points. Pure (no DOM): runs in the data worker, so that 200,000 rows never block
// the page; only small answers travel back.
//
// `m` is the package module (../src/index.js): its metric functions.

const MAX_CURVE_POINTS = 2000;
const MAX_PLOT_POINTS = 1500;

/** Probabilities (and labels) of a trained model on the training and test sets. */
export function scoreSets(model, prepared) {
  const classes = Array.from(model.classes);
  const binary = classes.length === 2;
  const scores = (X) => {
    if (X.rows === 0) return { proba: new Float64Array(0), matrix: { data: new Float64Array(0), rows: 0, cols: classes.length }, predicted: [] };
    const matrix = model.predictProbaMatrix(X);
    return { matrix, proba: binary ? model.predictProba(X) : null, predicted: model.predict(X) };
  };
  return { classes, binary, trainSet: prepared.train, testSet: prepared.test, train: scores(prepared.train.X), test: scores(prepared.test.X) };
}

const safe = (f) => { try { return f(); } catch { return NaN; } };

/** Rows [key, label, train value, test value] of the metrics table and the test confusion matrix. */
export function metricRows(m, scored, t) {
  const { binary, classes, train, test, trainSet, testSet } = scored;
  const rows = [];
  let confusion;
  if (binary) {
    const at = (set, s) => safe(() => m.binaryMetricsAtThreshold(set.y, s.proba, { threshold: t, positiveLabel: classes[1] }));
    const a = at(trainSet, train);
    const b = at(testSet, test);
    for (const [key, label] of [['accuracy', 'Accuracy'], ['precision', 'Precision'], ['recall', 'Recall (sensitivity)'], ['specificity', 'Specificity'], ['f1', 'F1']]) {
      rows.push([key, label, a?.[key] ?? NaN, b?.[key] ?? NaN]);
    }
    rows.push(['auc', 'ROC AUC', safe(() => m.rocAuc(trainSet.y, train.proba, { positiveLabel: classes[1] })), safe(() => m.rocAuc(testSet.y, test.proba, { positiveLabel: classes[1] }))]);
    confusion = { labels: [classes[0], classes[1]], matrix: b && Number.isFinite(b.tp) ? [[b.tn, b.fp], [b.fn, b.tp]] : null };
  } else {
    const avg = (f, set, s) => safe(() => f(set.y, s.predicted, { average: 'macro' }));
    rows.push(['accuracy', 'Accuracy', safe(() => m.accuracy(trainSet.y, train.predicted)), safe(() => m.accuracy(testSet.y, test.predicted))]);
    rows.push(['precision', 'Precision (macro)', avg(m.precision, trainSet, train), avg(m.precision, testSet, test)]);
    rows.push(['recall', 'Recall (macro)', avg(m.recall, trainSet, train), avg(m.recall, testSet, test)]);
    rows.push(['f1', 'F1 (macro)', avg(m.f1, trainSet, train), avg(m.f1, testSet, test)]);
    rows.push(['auc', 'ROC AUC (one-vs-rest)', safe(() => m.rocAuc(trainSet.y, train.matrix, { labels: classes })), safe(() => m.rocAuc(testSet.y, test.matrix, { labels: classes }))]);
    const cm = safe(() => m.confusionMatrix(testSet.y, test.predicted, { labels: classes }));
    confusion = { labels: classes, matrix: cm?.matrix ?? null };
  }
  rows.push(['logloss', 'Log loss', safe(() => m.logLoss(trainSet.y, train.matrix, { labels: classes })), safe(() => m.logLoss(testSet.y, test.matrix, { labels: classes }))]);
  rows.push(['rows', 'Rows', trainSet.y.length, testSet.y.length]);
  return { rows, confusion };
}

/** Keeps at most MAX_CURVE_POINTS points of a curve, always the first and the last. */
function thin(points) {
  if (points.length <= MAX_CURVE_POINTS) return points;
  const step = (points.length - 1) / (MAX_CURVE_POINTS - 1);
  return Array.from({ length: MAX_CURVE_POINTS }, (_, i) => points[Math.round(i * step)]);
}

/** ROC series ({points, label, kind, k}) and the caption; colours are chosen by the page. */
export function rocSeries(m, scored) {
  const { binary, classes, train, test, trainSet, testSet } = scored;
  const series = [];
  const curve = (y, s, positiveLabel) => {
    const { fpr, tpr } = m.rocCurve(y, s, { positiveLabel });
    return thin(Array.from(fpr, (x, i) => [x, tpr[i]]));
  };
  try {
    if (binary) {
      const auc = (y, p) => m.rocAuc(y, p, { positiveLabel: classes[1] }).toFixed(3);
      series.push({ kind: 'train', points: curve(trainSet.y, train.proba, classes[1]), label: `train, AUC ${auc(trainSet.y, train.proba)}` });
      if (testSet.y.length) series.push({ kind: 'test', points: curve(testSet.y, test.proba, classes[1]), label: `test, AUC ${auc(testSet.y, test.proba)}` });
      return { series, caption: `ROC curve of “${classes[1]}” against “${classes[0]}”` };
    }
    const set = testSet.y.length ? testSet : trainSet;
    const s = testSet.y.length ? test : train;
    classes.forEach((c, k) => {
      const column = Float64Array.from({ length: s.matrix.rows }, (_, i) => s.matrix.data[i * classes.length + k]);
      const auc = m.rocAuc(set.y, column, { positiveLabel: c }).toFixed(3);
      series.push({ kind: 'class', k, points: curve(set.y, column, c), label: `${String(c).slice(0, 14)}, AUC ${auc}` });
    });
    return { series, caption: `ROC curves, each class against the rest (${testSet.y.length ? 'test' : 'train'} set)` };
  } catch (e) {
    return { series: [], caption: `ROC curve not available: ${e.message}` };
  }
}

/** Per-column mean, population standard deviation, minimum and maximum of a matrix. */
export function columnStats({ data, rows, cols }) {
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      mean[c] += v;
      if (v < min[c]) min[c] = v;
      if (v > max[c]) max[c] = v;
    }
  }
  for (let c = 0; c < cols; c++) mean[c] /= rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) std[c] += (data[r * cols + c] - mean[c]) ** 2;
  for (let c = 0; c < cols; c++) std[c] = Math.sqrt(std[c] / rows);
  return { mean, std, min, max };
}

/** Every k-th training row (at most MAX_PLOT_POINTS) for the boundary plot: its inputs and class index. */
export function samplePoints(X, y, classes) {
  const { data, rows, cols } = X;
  const step = Math.max(1, Math.ceil(rows / MAX_PLOT_POINTS));
  const n = Math.ceil(rows / step);
  const sample = { data: new Float64Array(n * cols), rows: n, cols, cls: new Int32Array(n) };
  for (let r = 0, i = 0; r < rows; r += step, i++) {
    sample.data.set(data.subarray(r * cols, (r + 1) * cols), i * cols);
    sample.cls[i] = classes.indexOf(y[r]);
  }
  return sample;
}
