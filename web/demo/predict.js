// SPDX-License-Identifier: MIT
// The predictions CSV: the user's rows with P(class) columns and the predicted label appended.
// Pure (no DOM): runs in the data worker (web/demo/data-worker.js), next to the parsed rows.
import { toCsv } from './csv.js';
import { encodeRows } from './prepare.js';

/**
 * @param model a LogisticModel
 * @param encoder the encoder saved with the model
 * @param parsed parseCsv(...) of the rows to predict
 * @param {number} threshold  for a binary model: P(second class) ≥ threshold predicts it
 * @param {((row: number) => string)|null} splitOf  adds a "split" column when given
 */
export function predictionsCsv(model, encoder, parsed, threshold, splitOf) {
  const { header, rows, lines } = parsed;
  const classes = Array.from(model.classes);
  const indices = rows.map((_, i) => i);
  const errors = [];
  let encoded;
  try {
    encoded = encodeRows(encoder, header, rows, indices, lines).X;
  } catch (e) {
    if (/no column/.test(e.message)) throw e;
    encoded = null;
  }
  const perRow = new Array(rows.length).fill(null);
  if (encoded) {
    const probabilities = model.predictProbaMatrix(encoded).data;
    for (let i = 0; i < rows.length; i++) perRow[i] = probabilities.subarray(i * classes.length, (i + 1) * classes.length);
  } else {
    // Some rows cannot be encoded (e.g. a level never seen in training): predict the others.
    for (let i = 0; i < rows.length; i++) {
      try {
        perRow[i] = model.predictProbaMatrix(encodeRows(encoder, header, rows, [i], lines).X).data;
      } catch (e) {
        errors.push(e.message);
      }
    }
  }
  const t = classes.length === 2 ? threshold : 0.5;
  const predicted = perRow.map((p) => {
    if (!p) return '';
    if (classes.length === 2) return String(p[1] >= t ? classes[1] : classes[0]);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return String(classes[best]);
  });
  const extra = [...classes.map((c) => `P(${c})`), 'predicted'];
  if (splitOf) extra.unshift('split');
  const out = rows.map((row, i) => [
    ...row, ...(splitOf ? [splitOf(i)] : []),
    ...(perRow[i] ? Array.from(perRow[i], (p) => p) : classes.map(() => '')), predicted[i],
  ]);
  return { text: toCsv([...header, ...extra], out, { delimiter: parsed.delimiter === '\t' ? '\t' : parsed.delimiter }), errors, rows: out.length };
}
