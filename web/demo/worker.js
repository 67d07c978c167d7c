// SPDX-License-Identifier: MIT
// Module worker that trains the model, so the page stays responsive; the page cancels a run by
// terminating this worker and starting a new one.
//
// Protocol:
//   worker → page  { type: 'ready' }   once the package (and its wasm) has loaded
//   page → worker  { type: 'train', X: {data, rows, cols}, y, options, featureNames, test? }
//                  or with yIndex (Int32Array) and classes instead of y: y[i] = classes[yIndex[i]];
//                  test = { X, yIndex } (same classes): the held-out rows, for the test loss curve
//   worker → page  { type: 'progress', iterations, maxIterations, loss, gradientNorm }
//                  { type: 'done', model, report, history, testHistory, testLoss, summary }
//                  model = LogisticModel#toJSON(); history = [[iteration, objective], …];
//                  testHistory = [[iteration, test log-loss], …] (thinned; null without a test set
//                  or when the run is too long to record); testLoss = the test log-loss at the end
//                  { type: 'error', message }
//
// Progress: fit() reports every iteration through onIteration; the worker posts the objective at
// most every 30 ms (and always the last one), so the page's loss curve follows the run exactly
// whatever the solver, without flooding the message channel.
//
// Test loss: the fit records the parameters of every iteration (the package's recordWeights
// option, θ in original units), and after the fit the worker evaluates the log-loss of the test
// rows at up to MAX_TEST_POINTS of them, evenly spaced, the last one always included. Exact
// (the same parameters the solver had) and cheap: at most MAX_TEST_POINTS passes over the test
// rows, which are a fraction of the training rows. Recording costs (k·(d + 1)) doubles per
// iteration, so it is done only when maxIterations × that fits in RECORD_BUDGET doubles; a
// longer run shows the final test loss alone.
import { LogisticModel } from '../src/index.js';

const POST_EVERY_MS = 30;
const MAX_TEST_POINTS = 200;
const RECORD_BUDGET = 4_000_000; // doubles (32 MB) of recorded parameters at most

/**
 * The unweighted, unpenalized log-loss of (X, y) at parameters θ = (W row by row, then b), W
 * being outputs × d (outputs = 1 for two classes, y ∈ {0, 1} the index of classes[1]; else k):
 *   two classes: J = (1/n) Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ],  zᵢ = wᵀxᵢ + b,
 *                with log(1 + e^z) = max(z, 0) + log1p(e^−|z|), which never overflows;
 *   k classes:   J = (1/n) Σᵢ [log Σₖ e^zᵢₖ − zᵢ,yᵢ],  zᵢₖ = wₖᵀxᵢ + bₖ,
 *                the log-sum-exp taken with the largest zᵢₖ subtracted.
 * The same quantity as LogisticModel#loss, in float64.
 */
function logLoss(theta, { data, rows, cols }, y, outputs) {
  const z = new Float64Array(outputs);
  const bias = outputs * cols;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let k = 0; k < outputs; k++) {
      let s = theta[bias + k];
      const w = k * cols;
      for (let j = 0; j < cols; j++) s += theta[w + j] * data[o + j];
      z[k] = s;
    }
    if (outputs === 1) {
      const zi = z[0];
      sum += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - y[i] * zi;
    } else {
      let max = -Infinity;
      for (let k = 0; k < outputs; k++) max = Math.max(max, z[k]);
      let e = 0;
      for (let k = 0; k < outputs; k++) e += Math.exp(z[k] - max);
      sum += max + Math.log(e) - z[y[i]];
    }
  }
  return sum / rows;
}

/** [[iteration, test log-loss], …] at up to MAX_TEST_POINTS recorded iterations, the last included. */
function testCurve(history, test, outputs) {
  const n = history.length;
  const points = Math.min(n, MAX_TEST_POINTS);
  const picked = new Set(); // entry round(p (n − 1) / (points − 1)) for p = 0 … points − 1
  for (let p = 0; p < points; p++) picked.add(Math.round((p * (n - 1)) / Math.max(1, points - 1)));
  return [...picked].sort((a, b) => a - b).map((t) => [history[t].iteration, logLoss(history[t].parameters, test.X, test.y, outputs)]);
}

function train({ X, y, options, featureNames, test }) {
  const maxIterations = options.maxIterations;
  const model = new LogisticModel(options);
  try {
    let lastPost = 0;
    const started = performance.now();
    const classCount = new Set(y).size;
    const parameters = (classCount === 2 ? 1 : classCount) * (X.cols + 1);
    const recordWeights = Boolean(test) && (maxIterations + 1) * parameters <= RECORD_BUDGET;
    const report = model.fit(X, y, {
      recordWeights,
      onIteration: ({ iteration, loss, gradientNorm }) => {
        const now = performance.now();
        if (now - lastPost > POST_EVERY_MS) {
          self.postMessage({ type: 'progress', iterations: iteration, maxIterations, loss, gradientNorm });
          lastPost = now;
        }
      },
    });
    const trainingMs = performance.now() - started;
    const records = model.history;
    const history = records.map((h) => [h.iteration, h.loss]);
    let testHistory = null;
    let testLoss = null;
    if (test) {
      // Test labels as indices into the model's classes (y = 1 for classes[1] with two classes).
      const index = new Map(Array.from(model.classes, (c, k) => [c, k]));
      const testSet = { X: test.X, y: Int32Array.from(test.y, (label) => index.get(label)) };
      const outputs = model.classes.length === 2 ? 1 : model.classes.length;
      testHistory = recordWeights ? testCurve(records, testSet, outputs) : null;
      testLoss = testHistory ? testHistory.at(-1)[1] : model.loss(test.X, test.y);
    }
    // The inference summary (statsmodels' numbers), on the training data; withheld with the
    // reason when meaningless (penalty, separation, collinear inputs, no convergence).
    let summary = null;
    try {
      summary = model.summary(X, y, { featureNames });
    } catch (error) {
      summary = { error: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage({ type: 'done', model: model.toJSON(), history, testHistory, testLoss, summary, report: { ...report, trainingMs } });
  } finally {
    model.dispose();
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'train') return;
  try {
    const { yIndex, classes, test } = event.data;
    // Labels may come as class indices (an Int32Array, cheap to post) with the class list.
    const labels = (indices) => Array.from(indices, (i) => classes[i]);
    const y = yIndex ? labels(yIndex) : event.data.y;
    const testSet = test?.X.rows > 0 ? { X: test.X, y: test.yIndex ? labels(test.yIndex) : test.y } : null;
    train({ ...event.data, y, test: testSet });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

self.postMessage({ type: 'ready' });
