// SPDX-License-Identifier: MIT
// A consumer of the public types, checked with `tsc --noEmit --strict` (never run). It imports
// the package by name, so the "types" condition of package.json's exports map is exercised.
// Lines marked @ts-expect-error must fail to type-check: tsc reports an unused directive
// if a wrong call were accepted.
import { LogisticModel } from 'logreg-wasm';
import type {
  DenseMatrix, FitReport, FitWarning, Gradient, GradientCheck, HistoryRecord, Label, Matrix, ModelJSON, Options,
  ResolvedOptions, StepResult, Summary,
} from 'logreg-wasm';

const X: number[][] = [[0, 1], [1, 0], [2, 2], [3, 1]];
const y = ['no', 'no', 'yes', 'yes'];
const typed: Matrix = { data: new Float32Array(8), rows: 4, cols: 2 };

const options: Options = { learningRate: 0.5, maxIterations: 5000, tolerance: 1e-8, fitIntercept: true };
const model = new LogisticModel<string>(options);
try {
  const report: FitReport = model.fit(X, y, { positiveClass: 'yes' });
  const iterations: number = report.iterations;
  const converged: boolean = report.converged;
  const labels: string[] = model.predict(X, 0.3);
  const p: Float64Array = model.predictProba(typed);
  const z: Float64Array = model.decisionFunction({ data: new Float64Array(8), rows: 4, cols: 2 });
  const J: number = model.loss(X, y);
  const g: Gradient = model.gradient([new Float64Array([1, 2])], ['yes']);
  const gw: Float64Array = g.weights;
  const w: Float64Array = model.coefficients;
  const b: number = model.intercept;
  const classes: readonly string[] | null = model.classes;
  const d: number = model.nFeatures;
  const fitted: boolean = model.fitted;
  const resolved: ResolvedOptions = model.options;
  const warnings: FitWarning[] = report.warnings;
  const solverUsed: 'gd' | 'sgd' | 'newton' | 'lbfgs' = report.solver;
  const pm: DenseMatrix = model.predictProbaMatrix(X);
  const W: DenseMatrix = model.coefficientMatrix;
  const bs: Float64Array = model.intercepts;
  const weighted = new LogisticModel<string>({ solver: 'lbfgs', l2: 1e-3, l1: 1e-4, standardize: true, classWeight: 'balanced' });
  weighted.fit(X, y, { sampleWeight: [1, 2, 1, 1] });
  weighted.dispose();
  const stepped: StepResult = model.step(X, y);
  const history: HistoryRecord[] = model.history;
  const check: GradientCheck = model.gradientCheck(X, y);
  const surface = model.lossSurface(X, y, { i: 0, j: 'intercept', ranges: [[-1, 1], [-2, 2]], steps: [5, 7] });
  const rate: number = model.suggestLearningRate(X);
  const summary: Summary<string> = model.summary(X, y, { level: 0.9, featureNames: ['a', 'b'] });
  const p0: number | null = summary.coefficients[0]?.pValue ?? null;
  model.fit(X, y, { onIteration: (e) => e.iteration < 10, recordWeights: true });
  console.log(warnings, solverUsed, pm.data[0], W.rows, bs, stepped.lossAfter, history.length, check.maxRelativeError,
    surface.values.rows, rate, p0);
  const lr: number = resolved.learningRate;
  const json: ModelJSON<string> = model.toJSON();
  const text: string = JSON.stringify(model);
  const copy = LogisticModel.fromJSON<string>(JSON.parse(text));
  copy.dispose();
  console.log(iterations, converged, labels, p, z, J, gw, g.intercept, w, b, classes, d, fitted, lr, json);

  // @ts-expect-error: learningRate is a number, not a string
  new LogisticModel({ learningRate: '0.1' });
  // @ts-expect-error: unknown option name
  new LogisticModel({ learningrate: 0.1 });
  // @ts-expect-error: not a solver
  new LogisticModel({ solver: 'adam' });
  // @ts-expect-error: not a loss
  new LogisticModel({ loss: 'hinge' });
  // @ts-expect-error: X must be rows of numbers or a typed matrix
  model.predict([['a', 'b']]);
  // @ts-expect-error: X.data must be a Float32Array or Float64Array
  model.predictProba({ data: new Int32Array(4), rows: 2, cols: 2 });
  // @ts-expect-error: labels of a LogisticModel<string> are strings
  model.fit(X, [0, 0, 1, 1]);
  // @ts-expect-error: coefficients is read-only
  model.coefficients = new Float64Array(2);
  // @ts-expect-error: the resolved options are read-only
  model.options.learningRate = 1;
  // @ts-expect-error: classes may be null before fit
  const first: string = model.classes[0];
  void first;
} finally {
  model.dispose();
  model.dispose(); // idempotent
}

// Untyped labels: any of number | boolean | string.
{
  using m = new LogisticModel();
  m.fit({ data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 }, [false, false, true, true]);
  const predicted: Label[] = m.predict([[1.5]]);
  console.log(predicted);
}
