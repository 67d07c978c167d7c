// SPDX-License-Identifier: MIT
// Turns parsed CSV rows into a design matrix for the model: column types, missing values
// (drop or impute), one-hot encoding with a reference level, a seeded train/test split.
// Pure functions, no DOM and no wasm: used by the page, and the encoder they return is saved
// with the model so that a new file can be encoded the same way later.
import { isNumeric } from './csv.js';

/** Cells read as missing: empty, NA, N/A, NaN, null, ? (any case, surrounding spaces ignored). */
export function isMissing(cell) {
  // Fast path (most cells): one not starting with n, N or ? and without white space at either
  // end (codes 33–126 are never white space) is none of the tokens.
  const n = cell.length;
  if (n === 0) return true;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(n - 1);
  if (first > 32 && first < 127 && first !== 110 && first !== 78 && first !== 63 && last > 32 && last < 127) return false;
  const s = cell.trim().toLowerCase();
  return s === '' || s === 'na' || s === 'n/a' || s === 'nan' || s === 'null' || s === '?';
}

/**
 * Describes each column: inferred type (numeric when every present cell is a number), missing
 * count, and the distinct levels (sorted, up to 50 kept) of a text column.
 */
export function describeColumns(header, rows) {
  // One pass over the rows (row by row: a column-by-column walk over 10^6 row arrays is twice
  // as slow).
  const width = header.length;
  const missing = new Array(width).fill(0);
  const numeric = new Array(width).fill(true);
  const levels = header.map(() => new Map());
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (isMissing(cell)) { missing[c]++; continue; }
      if (numeric[c] && !isNumeric(cell)) numeric[c] = false;
      const counts = levels[c];
      if (counts.size <= 1000) {
        const key = cell.trim();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return header.map((name, c) => ({
    name, index: c, type: numeric[c] && levels[c].size > 0 ? 'numeric' : 'categorical', missing: missing[c],
    distinct: levels[c].size, levels: sortLevels([...levels[c].keys()]),
  }));
}

/** Numbers ascending when every level is numeric, else by UTF-16 code units (as the model sorts). */
export function sortLevels(levels) {
  if (levels.length > 0 && levels.every(isNumeric)) return [...levels].sort((a, b) => Number(a) - Number(b));
  return [...levels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same split everywhere. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of 0..n−1 with mulberry32(seed). */
export function shuffledIndices(n, seed) {
  const random = mulberry32(seed);
  const index = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index;
}

/**
 * Builds the training and test matrices.
 * @param {{header: string[], rows: string[][], lines: number[]}} parsed
 * @param {object} config
 * @param {string} config.target  the target column's name
 * @param {{name: string, type: 'numeric'|'categorical', reference?: string}[]} config.features
 * @param {'drop'|'impute'} config.missing  rows with a missing feature: dropped, or filled with
 *   the training mean (numeric) / most frequent level (categorical)
 * @param {number} config.testFraction  in [0, 0.9]
 * @param {number} config.seed
 * @returns {{encoder, train: {X, y, rows}, test: {X, y, rows}, report: string[]}}
 *   X is {data, rows, cols}; `rows` are indices into parsed.rows (for the predictions file).
 * @throws Error naming the line and column of a cell that cannot be used.
 */
export function prepareData(parsed, config) {
  const { header, rows, lines } = parsed;
  const targetIndex = header.indexOf(config.target);
  if (targetIndex < 0) throw new Error('choose a target column');
  if (config.features.length === 0) throw new Error('choose at least one feature column');
  const features = config.features.map((f) => ({ ...f, index: header.indexOf(f.name) }));
  const report = [];

  // 1. Rows without a target cannot be used; with 'drop', neither can rows missing a feature.
  let kept = [];
  let noTarget = 0;
  let dropped = 0;
  for (let r = 0; r < rows.length; r++) {
    if (isMissing(rows[r][targetIndex])) { noTarget++; continue; }
    if (config.missing === 'drop' && features.some((f) => isMissing(rows[r][f.index]))) { dropped++; continue; }
    kept.push(r);
  }
  if (noTarget) report.push(`${noTarget} row${noTarget === 1 ? '' : 's'} without a value of "${config.target}" left out.`);
  if (dropped) report.push(`${dropped} row${dropped === 1 ? '' : 's'} with a missing feature value dropped.`);
  if (kept.length < 4) throw new Error(`only ${kept.length} usable rows remain; at least 4 are needed`);

  // Numeric cells must be numbers: report the first bad one by line and column.
  for (const f of features) {
    if (f.type !== 'numeric') continue;
    for (const r of kept) {
      const cell = rows[r][f.index];
      if (!isMissing(cell) && !isNumeric(cell)) {
        throw new Error(`line ${lines[r]}, column "${f.name}": "${cell}" is not a number (treat the column as categorical, or ignore it)`);
      }
    }
  }

  // 2. Seeded split.
  const order = shuffledIndices(kept.length, config.seed);
  const nTest = Math.min(kept.length - 2, Math.round(kept.length * config.testFraction));
  const testRows = order.slice(0, nTest).map((i) => kept[i]).sort((a, b) => a - b);
  const trainRows = order.slice(nTest).map((i) => kept[i]).sort((a, b) => a - b);

  // 3. Fill values and levels, learnt from the training rows only (no leakage into the test).
  const encoder = { target: config.target, features: [] };
  for (const f of features) {
    const present = trainRows.map((r) => rows[r][f.index]).filter((cell) => !isMissing(cell));
    const missingCount = kept.filter((r) => isMissing(rows[r][f.index])).length;
    if (f.type === 'numeric') {
      const values = present.map(Number);
      const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
      encoder.features.push({ name: f.name, type: 'numeric', fill: mean, mean });
      if (missingCount) report.push(`"${f.name}": ${missingCount} missing value${missingCount === 1 ? '' : 's'} replaced by the training mean ${formatShort(mean)}.`);
    } else {
      const counts = new Map();
      for (const r of kept) {
        const cell = rows[r][f.index];
        if (!isMissing(cell)) counts.set(cell.trim(), (counts.get(cell.trim()) ?? 0) + 0);
      }
      for (const cell of present) counts.set(cell.trim(), counts.get(cell.trim()) + 1);
      const levels = sortLevels([...counts.keys()]);
      if (levels.length > 100) throw new Error(`column "${f.name}" has ${levels.length} distinct values: too many for one-hot encoding (ignore it)`);
      let mode = levels[0];
      for (const level of levels) if (counts.get(level) > counts.get(mode)) mode = level;
      const reference = levels.includes(f.reference) ? f.reference : levels[0];
      encoder.features.push({ name: f.name, type: 'categorical', levels, reference, fill: mode });
      if (missingCount) report.push(`"${f.name}": ${missingCount} missing value${missingCount === 1 ? '' : 's'} replaced by the most frequent level "${mode}".`);
    }
  }
  encoder.columns = encodedColumns(encoder);

  const train = { ...encodeRows(encoder, header, rows, trainRows, lines), y: trainRows.map((r) => rows[r][targetIndex].trim()), rows: trainRows };
  const test = { ...encodeRows(encoder, header, rows, testRows, lines), y: testRows.map((r) => rows[r][targetIndex].trim()), rows: testRows };
  const classes = sortLevels([...new Set(train.y)]);
  if (classes.length < 2) throw new Error(`the target "${config.target}" has a single value in the training rows ("${classes[0]}"); it needs two or more`);
  if (classes.length > 20) throw new Error(`the target "${config.target}" has ${classes.length} distinct values; choose a column with a few classes`);
  // Labels that are all numeric train as numbers (so the model sorts 2 < 10).
  if (classes.every(isNumeric)) {
    encoder.numericLabels = true;
    train.y = train.y.map(Number);
    test.y = test.y.map(Number);
  }
  const unseen = [...new Set(test.y)].filter((label) => !train.y.includes(label));
  if (unseen.length) {
    report.push(`Test rows with a class never seen in training were left out: ${unseen.join(', ')}.`);
    const keep = test.y.map((label) => !unseen.includes(label));
    filterSet(test, keep);
  }
  report.push(`${train.y.length} training rows, ${test.y.length} test rows (seed ${config.seed}); ${encoder.columns.length} model input${encoder.columns.length === 1 ? '' : 's'}.`);
  return { encoder, train, test, report };
}

function filterSet(set, keep) {
  const cols = set.X.cols;
  const data = [];
  set.X.data.forEach((v, i) => { if (keep[Math.floor(i / cols)]) data.push(v); });
  set.rows = set.rows.filter((_, i) => keep[i]);
  set.y = set.y.filter((_, i) => keep[i]);
  set.X = { data: Float64Array.from(data), rows: set.rows.length, cols };
}

const formatShort = (x) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(5))));

/** The model's input columns: a numeric feature as is, a categorical one as "name = level" dummies. */
export function encodedColumns(encoder) {
  const columns = [];
  for (const f of encoder.features) {
    if (f.type === 'numeric') columns.push({ feature: f.name, label: f.name });
    else for (const level of f.levels) if (level !== f.reference) columns.push({ feature: f.name, level, label: `${f.name} = ${level}` });
  }
  return columns;
}

/**
 * Encodes rows with a saved encoder (fill values, levels, reference).
 * @throws Error naming the line and column of a non-number, or of a level the model never saw.
 */
export function encodeRows(encoder, header, rows, indices, lines) {
  const cols = encoder.columns.length;
  const data = new Float64Array(indices.length * cols);
  const at = encoder.features.map((f) => {
    const index = header.indexOf(f.name);
    if (index < 0) throw new Error(`the file has no column "${f.name}", which the model needs`);
    return index;
  });
  indices.forEach((r, i) => {
    let k = i * cols;
    encoder.features.forEach((f, j) => {
      let cell = rows[r][at[j]].trim();
      if (isMissing(cell)) cell = String(f.fill);
      if (f.type === 'numeric') {
        if (!isNumeric(cell)) throw new Error(`line ${lines[r]}, column "${f.name}": "${cell}" is not a number`);
        data[k++] = Number(cell);
      } else {
        if (!f.levels.includes(cell)) throw new Error(`line ${lines[r]}, column "${f.name}": the value "${cell}" was not seen in training (known: ${f.levels.slice(0, 8).join(', ')}${f.levels.length > 8 ? ', …' : ''})`);
        for (const level of f.levels) if (level !== f.reference) data[k++] = cell === level ? 1 : 0;
      }
    });
  });
  return { X: { data, rows: indices.length, cols } };
}

/** The synthetic 2-feature example: two Gaussian clouds, seeded, easy to see on the boundary plot. */
export function syntheticCsv(seed = 7, n = 300) {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = ['x1,x2,class'];
  for (let i = 0; i < n; i++) {
    const positive = i % 2 === 1;
    const x1 = (positive ? 1.2 : -1.0) + 1.0 * gauss();
    const x2 = (positive ? 0.8 : -0.6) + 0.9 * gauss() + 0.3 * x1;
    lines.push(`${x1.toFixed(3)},${x2.toFixed(3)},${positive ? 'B' : 'A'}`);
  }
  return lines.join('\n') + '\n';
}
