// SPDX-License-Identifier: MIT
// A consumer of the metrics types (web/src/index.d.ts, "metrics" section), checked with
// `tsc --noEmit --strict` (never run). Lines marked @ts-expect-error must fail to type-check.
import {
  accuracy, averagePrecision, binaryMetricsAtThreshold, brierScore, calibrationCurve, confusionMatrix, f1, logLoss,
  precision, precisionRecallCurve, recall, rocAuc, rocCurve,
} from 'logreg-wasm';
import type {
  CalibrationCurve, ConfusionMatrix, PerLabelScores, PrecisionRecallCurve, RocCurve, ThresholdMetrics,
} from 'logreg-wasm';

const yTrue: string[] = ['ham', 'spam', 'spam', 'ham'];
const yPred: string[] = ['ham', 'spam', 'ham', 'ham'];
const p = new Float64Array([0.1, 0.8, 0.4, 0.3]);
const P = { data: new Float64Array([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.7, 0.3]), rows: 4, cols: 2 };
const w = [1, 2, 1, 0.5];

const acc: number = accuracy(yTrue, yPred, { sampleWeight: w });
const cm: ConfusionMatrix<string> = confusionMatrix(yTrue, yPred, { labels: ['spam', 'ham'] });
const cell: number | undefined = cm.matrix[0]?.[1];
const prec: number = precision(yTrue, yPred, { positiveLabel: 'spam', zeroDivision: 1 });
const rec: number = recall([0, 1, 2], new Int32Array([0, 2, 2]), { average: 'macro' });
const perLabel: PerLabelScores<string> = f1(yTrue, yPred, { average: null });
const perLabelValues: Float64Array = perLabel.values;
const atThreshold: ThresholdMetrics = binaryMetricsAtThreshold(yTrue, p, { threshold: 0.35, positiveLabel: 'spam' });
const specificity: number = atThreshold.specificity;
const ll1: number = logLoss(yTrue, p);
const ll2: number = logLoss(yTrue, P, { labels: ['ham', 'spam'], eps: 1e-15, sampleWeight: w });
const ll3: number = logLoss([0, 1, 2], [[0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]);
const brier: number = brierScore([false, true, true, false], p);
const roc: RocCurve = rocCurve(yTrue, p, { dropIntermediate: false, sampleWeight: w });
const fpr: Float64Array = roc.fpr;
const auc: number = rocAuc(yTrue, p, { positiveLabel: 'ham' });
const aucOvr: number = rocAuc([0, 1, 2], [[0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]], { multiClass: 'ovr', average: 'weighted' });
const pr: PrecisionRecallCurve = precisionRecallCurve(yTrue, p);
const ap: number = averagePrecision(yTrue, p, { sampleWeight: w });
const mixedLiterals: number = accuracy([0, 1], [0, 2]) + precision([0, 1, 1], [1, 1, 0], { positiveLabel: 1 });
const booleans: number = recall([true, false], [true, true], { positiveLabel: false });
const typedLabels: ConfusionMatrix<number> = confusionMatrix(new Uint8Array([0, 1]), [1, 1]);
const cal: CalibrationCurve = calibrationCurve(yTrue, p, { nBins: 5, strategy: 'quantile' });
const counts: Float64Array = cal.counts;

// @ts-expect-error yTrue and yPred must hold one label type
accuracy([0, 1], ['a', 'b']);
// @ts-expect-error positiveLabel has the labels' type
precision(yTrue, yPred, { positiveLabel: 1 });
// @ts-expect-error average null returns per-label scores, not a number
const notANumber: number = precision(yTrue, yPred, { average: null });
// @ts-expect-error unknown average
recall(yTrue, yPred, { average: 'samples' });
// @ts-expect-error zeroDivision is 0 or 1
f1(yTrue, yPred, { zeroDivision: 'warn' });
// @ts-expect-error 'ovo' is not implemented
rocAuc([0, 1, 2], [[0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]], { multiClass: 'ovo' });
// @ts-expect-error multiclass options need a probability matrix
rocAuc(yTrue, p, { average: 'macro' });
// @ts-expect-error curves take 1-D scores
rocCurve(yTrue, P);
// @ts-expect-error unknown strategy
calibrationCurve(yTrue, p, { strategy: 'kmeans' });

export { mixedLiterals, booleans, typedLabels };
export { acc, cell, prec, rec, perLabelValues, specificity, ll1, ll2, ll3, brier, fpr, auc, aucOvr, pr, ap, counts, notANumber };
