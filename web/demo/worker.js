// SPDX-License-Identifier: MIT
// Module worker that trains the model, so the page stays responsive; the page cancels a run by
// terminating this worker and starting a new one.
//
// Protocol:
//   worker → page  { type: 'ready' }   once the package (and its wasm) has loaded
//   page → worker  { type: 'train', X: {data, rows, cols}, y, options }
//   worker → page  { type: 'progress', iterations, loss, gradientNorm }   after each chunk
//                  { type: 'done', model, report, history }   model = LogisticModel#toJSON()
//                  { type: 'error', message }
//
// Progress: the package's fit() runs to the end in one call, so the worker fits in chunks of
// iterations with warmStart (each chunk continues from the previous parameters) and posts the
// objective after each. For 'gd' and 'newton' this is exactly the uninterrupted run; 'lbfgs'
// restarts its curvature memory at each chunk boundary and 'sgd' its shuffles, which changes the
// path a little but not the optimum.
import { LogisticModel } from '../src/index.js';

/** Iterations in the first chunk: 1 for Newton (a handful of costly steps), else a few. */
function firstChunk({ solver, l1 }, cols) {
  if (solver === 'auto') solver = l1 > 0 || cols > 150 ? 'lbfgs' : 'newton';
  return solver === 'newton' ? 1 : 5;
}
/** Later chunks are sized from the measured time per iteration to take about 60 ms each, so
 *  progress arrives smoothly whatever the data size, without slowing training noticeably. */
const TARGET_CHUNK_MS = 60;
function train({ X, y, options }) {
  const maxIterations = options.maxIterations;
  const newtonLike = firstChunk(options, X.cols) === 1;
  let chunk = Math.min(firstChunk(options, X.cols), maxIterations);
  let model = new LogisticModel({ ...options, warmStart: true, maxIterations: chunk });
  // At the start (all parameters 0) every class has probability 1/k: the objective is log k.
  const history = [[0, Math.log(new Set(y).size)]];
  try {
    let done = 0;
    let report;
    let lastPost = 0;
    const started = performance.now();
    while (done < maxIterations) {
      const chunkStarted = performance.now();
      report = model.fit(X, y);
      const chunkMs = performance.now() - chunkStarted;
      done += report.iterations;
      history.push([done, report.loss]);
      const stop = report.converged || report.iterations === 0 ||
        report.warnings.some((w) => w.code === 'separation' || w.code === 'diverged');
      const now = performance.now();
      if (stop || now - lastPost > 30) {
        self.postMessage({ type: 'progress', iterations: done, maxIterations, loss: report.loss, gradientNorm: report.gradientNorm });
        lastPost = now;
      }
      if (stop) break;
      // Resize the next chunk (Newton stays at 1: one point per step is what the curve should show).
      const remaining = maxIterations - done;
      if (remaining <= 0) break;
      let next = newtonLike ? 1 : Math.max(1, Math.round(chunk * TARGET_CHUNK_MS / Math.max(chunkMs, 0.5)));
      next = Math.min(next, chunk * 4, remaining);
      if (next !== chunk) {
        // Options are fixed at construction: carry the parameters over into a new model.
        const json = model.toJSON();
        json.options = { ...json.options, maxIterations: next };
        const resized = LogisticModel.fromJSON(json);
        model.dispose();
        model = resized;
        chunk = next;
      }
    }
    // Per-chunk "not converged" messages count only the chunk: replace them by one for the run.
    const warnings = report.warnings.filter((w) => w.code !== 'not-converged');
    if (!report.converged && !warnings.some((w) => w.code === 'separation' || w.code === 'diverged')) {
      warnings.push({
        code: 'not-converged',
        message: `Training stopped after ${done} iterations before converging: the largest gradient component is ` +
          `${report.gradientNorm.toPrecision(3)}, above the tolerance ${options.tolerance}. Allow more iterations, ` +
          `turn on standardization, or (gradient descent) raise the learning rate.`,
      });
    }
    self.postMessage({
      type: 'done',
      model: model.toJSON(),
      history,
      report: { ...report, iterations: done, warnings, trainingMs: performance.now() - started },
    });
  } finally {
    model.dispose();
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'train') return;
  try {
    train(event.data);
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

self.postMessage({ type: 'ready' });
