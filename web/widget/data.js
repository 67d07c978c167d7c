// SPDX-License-Identifier: MIT
// Data for <logreg-playground>: the bundled examples, a same-origin CSV (`src`) or an uploaded
// file, parsed with the demo's CSV parser and reduced to what a lesson on binary logistic
// regression needs: numeric feature columns X and a boolean target y (the positive class
// against the rest). Every problem is reported with the line and column it comes from.
import { isNumeric, parseCsv } from '../demo/csv.js';
import { isMissing, sortLevels, syntheticCsv } from '../demo/prepare.js';

/** The bundled examples and the columns a lesson starts from. */
export const EXAMPLES = Object.freeze({
  synthetic: { label: 'Synthetic: two clouds (2 features)', target: 'class', features: ['x1', 'x2'], positive: 'B' },
  iris: { label: 'Iris (150 flowers)', file: 'iris.csv', target: 'species', features: ['petal_length', 'petal_width'], positive: 'virginica' },
  'breast-cancer': { label: 'Breast cancer (569 tumours)', file: 'breast_cancer.csv', target: 'diagnosis', features: ['mean radius', 'mean texture'], positive: 'malignant' },
});

/** The synthetic set: 200 rows of the demo's seeded two-cloud generator. */
const SYNTHETIC_ROWS = 200;

/**
 * The CSV text of a source: { example } or { src } (resolved against `base`; same origin only).
 * @throws Error naming the example or the URL and the HTTP status.
 */
export async function fetchSource({ example, src }, base) {
  if (src) {
    const url = new URL(src, base);
    if (url.origin !== globalThis.location.origin) {
      throw new Error(`src must be a URL on this page's own origin (${globalThis.location.origin}), got "${src}"`);
    }
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`could not load "${src}": HTTP ${response.status}`);
    if (new URL(response.url).origin !== globalThis.location.origin) throw new Error(`"${src}" redirected to another origin`);
    return response.text();
  }
  const name = example || 'synthetic';
  const spec = EXAMPLES[name];
  if (!spec) throw new Error(`example must be one of ${Object.keys(EXAMPLES).join(', ')}; got "${name}"`);
  if (!spec.file) return syntheticCsv(7, SYNTHETIC_ROWS);
  const response = await fetch(new URL(`../demo/data/${spec.file}`, import.meta.url));
  if (!response.ok) throw new Error(`could not load the ${name} example: HTTP ${response.status}`);
  return response.text();
}

/** Names of the columns whose present cells are all numbers. */
function numericColumns(header, rows) {
  return header.filter((_, c) => {
    let present = 0;
    for (const row of rows) {
      if (isMissing(row[c])) continue;
      if (!isNumeric(row[c])) return false;
      present++;
    }
    return present > 0;
  });
}

/**
 * Parses CSV text and picks the lesson's columns.
 * @param {string} text
 * @param {{target?: string, features?: string[], positive?: string, example?: string}} choice
 *   target: default the example's, else the last column; features: default the example's, else
 *   the first two numeric columns; positive: default the example's, else the last level.
 * @returns {{header: string[], numeric: string[], target: string, features: string[],
 *   levels: string[], positive: string, classNames: [string, string], X: {data, rows, cols},
 *   y: boolean[], dropped: number}}
 * @throws Error naming the line and column of an unusable cell, or the missing column.
 */
export function selectColumns(text, choice) {
  const parsed = parseCsv(text);
  const { header, rows, lines } = parsed;
  const spec = EXAMPLES[choice.example] ?? {};
  const numeric = numericColumns(header, rows);
  const target = choice.target || (header.includes(spec.target) ? spec.target : header.at(-1));
  if (!header.includes(target)) throw new Error(`target: the data has no column "${target}" (columns: ${header.join(', ')})`);
  let features = choice.features?.length ? choice.features
    : (spec.features?.every((f) => header.includes(f)) ? spec.features : numeric.filter((n) => n !== target).slice(0, 2));
  features = [...new Set(features)];
  if (features.length === 0) throw new Error('features: choose at least one numeric column');
  for (const f of features) {
    if (!header.includes(f)) throw new Error(`features: the data has no column "${f}" (columns: ${header.join(', ')})`);
    if (f === target) throw new Error(`features: "${f}" is the target; choose other columns`);
  }
  const t = header.indexOf(target);
  const at = features.map((f) => header.indexOf(f));
  const levels = sortLevels([...new Set(rows.filter((r) => !isMissing(r[t])).map((r) => r[t].trim()))]);
  if (levels.length < 2) throw new Error(`target: the column "${target}" needs at least two distinct values, found ${levels.length}`);
  const positive = choice.positive || (levels.includes(spec.positive) ? spec.positive : levels.at(-1));
  if (!levels.includes(positive)) throw new Error(`positive: "${positive}" is not a value of "${target}" (values: ${levels.slice(0, 10).join(', ')})`);
  const negative = levels.length === 2 ? levels.find((l) => l !== positive) : `not ${positive}`;

  const data = [];
  const y = [];
  let dropped = 0;
  rows.forEach((row, r) => {
    if (isMissing(row[t]) || at.some((c) => isMissing(row[c]))) { dropped++; return; }
    at.forEach((c, j) => {
      if (!isNumeric(row[c])) throw new Error(`line ${lines[r]}, column "${features[j]}": "${row[c].trim().slice(0, 40)}" is not a number`);
      data.push(Number(row[c]));
    });
    y.push(row[t].trim() === positive);
  });
  if (y.length < 2) throw new Error(`only ${y.length} complete rows: at least 2 are needed`);
  return {
    header, numeric, target, features, levels, positive, classNames: [negative, positive],
    X: { data: Float64Array.from(data), rows: y.length, cols: features.length }, y, dropped,
  };
}
