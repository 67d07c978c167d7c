// SPDX-License-Identifier: MIT
// The one training routine of the demo, shared by the page (app.js) and the worker (worker.js),
// so that "main thread" and "worker" run exactly the same code on exactly the same numbers.
// Imports the package as a user of it would, without a bundler.
import { LogisticModel } from '../src/index.js';

/**
 * Gradient-descent settings used by both buttons. With α = 1 on these three z-scored features,
 * ‖∇J‖∞ reaches 1e-8 after about 2,700 updates (it is still ≈ 3e-7 after 2,000), hence the
 * 5,000 cap: the run stops on the tolerance, not on the cap.
 */
export const TRAINING_OPTIONS = Object.freeze({ solver: 'gd', learningRate: 1, maxIterations: 5000, tolerance: 1e-8 });

/**
 * Fits a model, measures its training accuracy and returns plain, structured-clonable values
 * (so the worker can post them back unchanged). The model is always disposed.
 * @param {{data: Float64Array, rows: number, cols: number}} X  row-major features
 * @param {string[]} labels  one label per row
 */
export function trainAndEvaluate(X, labels) {
  const model = new LogisticModel(TRAINING_OPTIONS);
  try {
    const started = performance.now();
    const report = model.fit(X, labels);
    const trainingMs = performance.now() - started;

    const predicted = model.predict(X);
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;

    return {
      iterations: report.iterations,
      converged: report.converged,
      loss: report.loss,
      gradientNorm: report.gradientNorm,
      accuracy: correct / labels.length,
      coefficients: Array.from(model.coefficients),
      intercept: model.intercept,
      classes: Array.from(model.classes),
      trainingMs,
    };
  } finally {
    model.dispose();
  }
}
