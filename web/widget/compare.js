// SPDX-License-Identifier: MIT
// The comparisons a lesson can switch on with compare="loss solvers": the same gradient descent
// on the cross-entropy and on the squared error, and gradient descent against Newton and
// L-BFGS on the same data. Plain functions of the package's LogisticModel; drawing uses the
// demo's line chart.
import { drawLineChart } from '../demo/charts.js';

/** log(1 + e^(−z)) = −log σ(z), without overflow for any z. */
export const crossEntropyOfPositive = (z) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits a fresh model and returns its report and history (the model is disposed). */
function run(LogisticModel, X, y, options) {
  const model = new LogisticModel(options);
  try {
    const start = performance.now();
    const report = model.fit(X, y);
    const ms = performance.now() - start;
    return { options, report, ms, history: model.history };
  } finally {
    model.dispose();
  }
}

/**
 * Gradient descent with the same α from w = b = 0 on J_log and on J_sq = (1/2n)Σ(σ(z) − y)².
 * The squared error's gradient (1/n)Σ(σ − y)σ'(z)x carries σ'(z) = σ(1 − σ) ≤ 1/4, which vanishes
 * exactly where a prediction is confidently wrong, so it converges more slowly.
 */
export function compareLosses(LogisticModel, X, y, { learningRate, maxIterations, tolerance, standardize }) {
  return ['log', 'squared'].map((loss) =>
    run(LogisticModel, X, y, { solver: 'gd', loss, learningRate, maxIterations, tolerance, standardize }));
}

export function drawLossComparison(costCanvas, normCanvas, runs) {
  const zs = Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
  drawLineChart(costCanvas, [
    { points: zs.map((z) => [z, crossEntropyOfPositive(z)]), color: '#2f6fd6', label: '−log σ(z)  (cross-entropy)' },
    { points: zs.map((z) => [z, 0.5 * (1 - sigmoid(z)) ** 2]), color: '#d6452f', dash: [6, 4], label: '½(1 − σ(z))²  (squared)' },
  ], { xLabel: 'z = wᵀx + b of an example with y = 1', yLabel: 'cost', xRange: [-6, 6], legend: 'top' });
  const colors = { log: '#2f6fd6', squared: '#d6452f' };
  drawLineChart(normCanvas, runs.map((r) => ({
    points: r.history.filter((h) => h.gradientNorm > 0).map((h) => [h.iteration, Math.log10(h.gradientNorm)]),
    color: colors[r.options.loss], dash: r.options.loss === 'squared' ? [6, 4] : [],
    label: `${r.options.loss === 'log' ? 'cross-entropy' : 'squared error'}: ${r.report.converged ? `converged in ${r.report.iterations}` : `not converged in ${r.report.iterations}`}`,
  })), { xLabel: 'iteration', yLabel: 'log₁₀ ‖∇‖∞', legend: 'top' });
}

/** Gradient descent, Newton and L-BFGS from zero to the same tolerance (Newton needs the log-loss). */
export function raceSolvers(LogisticModel, X, y, { learningRate, maxIterations, tolerance, standardize, loss, l2 }) {
  const solvers = loss === 'squared' ? ['gd', 'lbfgs'] : ['gd', 'newton', 'lbfgs'];
  return solvers.map((solver) =>
    run(LogisticModel, X, y, { solver, learningRate, maxIterations, tolerance, standardize, loss, l2 }));
}

export const SOLVER_NAMES = { gd: 'gradient descent', newton: 'Newton', lbfgs: 'L-BFGS' };
const SOLVER_COLORS = { gd: '#2f6fd6', newton: '#2a9d5b', lbfgs: '#9b59b6' };

/**
 * Plots log₁₀(F − F*) per iteration, each run cut at `upTo` iterations (the race's clock).
 * F* is the lowest value any run reached, minus a hair so that the log stays finite.
 */
export function drawRace(canvas, runs, upTo) {
  const best = Math.min(...runs.flatMap((r) => r.history.map((h) => h.loss)));
  const floor = Math.max(Math.abs(best) * 1e-15, 1e-16);
  const longest = Math.max(...runs.map((r) => r.report.iterations), 1);
  drawLineChart(canvas, runs.map((r) => ({
    points: r.history.filter((h) => h.iteration <= upTo).map((h) => [h.iteration, Math.log10(h.loss - best + floor)]),
    color: SOLVER_COLORS[r.options.solver],
    label: SOLVER_NAMES[r.options.solver],
  })), { xLabel: 'iteration', yLabel: 'log₁₀ (F − F*)', xRange: [0, longest], legend: true });
}
