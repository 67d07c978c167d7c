// SPDX-License-Identifier: MIT
// Module worker that trains the model, so the page stays responsive; the page cancels a run by
// terminating this worker and starting a new one.
//
// Protocol:
//   worker → page  { type: 'ready' }   once the package (and its wasm) has loaded
//   page → worker  { type: 'train', X: {data, rows, cols}, y, options, featureNames }
//                  or with yIndex (Int32Array) and classes instead of y: y[i] = classes[yIndex[i]]
//   worker → page  { type: 'progress', iterations, maxIterations, loss, gradientNorm }
//                  { type: 'done', model, report, history, summary }   model = LogisticModel#toJSON()
//                  { type: 'error', message }
//
// Progress: fit() reports every iteration through onIteration; the worker posts the objective at
// most every 30 ms (and always the last one), so the page's loss curve follows the run exactly
// whatever the solver, without flooding the message channel.
import { LogisticModel } from '../src/index.js';

const POST_EVERY_MS = 30;

function train({ X, y, options, featureNames }) {
  const maxIterations = options.maxIterations;
  const model = new LogisticModel(options);
  try {
    let lastPost = 0;
    const started = performance.now();
    const report = model.fit(X, y, {
      onIteration: ({ iteration, loss, gradientNorm }) => {
        const now = performance.now();
        if (now - lastPost > POST_EVERY_MS) {
          self.postMessage({ type: 'progress', iterations: iteration, maxIterations, loss, gradientNorm });
          lastPost = now;
        }
      },
    });
    const trainingMs = performance.now() - started;
    const history = model.history.map((h) => [h.iteration, h.loss]);
    // The inference summary (statsmodels' numbers), on the training data; withheld with the
    // reason when meaningless (penalty, separation, collinear inputs, no convergence).
    let summary = null;
    try {
      summary = model.summary(X, y, { featureNames });
    } catch (error) {
      summary = { error: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage({ type: 'done', model: model.toJSON(), history, summary, report: { ...report, trainingMs } });
  } finally {
    model.dispose();
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'train') return;
  try {
    const { yIndex, classes } = event.data;
    // Labels may come as class indices (an Int32Array, cheap to post) with the class list.
    const y = yIndex ? Array.from(yIndex, (i) => classes[i]) : event.data.y;
    train({ ...event.data, y });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

self.postMessage({ type: 'ready' });
