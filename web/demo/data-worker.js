// SPDX-License-Identifier: MIT
// Module worker that reads, parses and holds the user's data, so that a large file (up to the
// page's limit, 300 MB) never blocks the page: the page only receives what it shows (header,
// first rows, column descriptions) and, for training, the encoded matrices (transferred).
//
// Protocol (every request carries an id, echoed in its answers):
//   page → worker  { type: 'parse', id, name, file?: File, text?: string }
//   worker → page  { type: 'progress', id, phase: 'reading'|'parsing'|'describing', done, total }
//                  { type: 'parsed', id, header, rowCount, delimiter, hasHeader, preview, columns, ms }
//   page → worker  { type: 'prepare', id, config }   prepareData(config) on the data held here
//   worker → page  { type: 'prepared', id, prepared: {encoder, report, train: {X, yIndex, classes}, test: {X, yIndex}} }
//                  (transferred copies, yIndex into train.classes; the worker keeps the prepared data)
//   page → worker  { type: 'predict', id, model, encoder, threshold, file?: File }
//                  the predictions CSV of `file`, or of the data held here when no file is given
//                  (then with a "split" column: train, test or not used)
//   worker → page  { type: 'predicted', id, text, errors, rows }
//   page → worker  { type: 'results', id, model, threshold }   model = toJSON() of the model trained
//                  on the last prepared data → { type: 'results', rows, confusion, roc, stats, sample }
//   page → worker  { type: 'metrics', id, threshold } → { type: 'metrics', rows, confusion }
//   worker → page  { type: 'error', id, message, line?, column? }   for any failed request
import { CsvError, parseCsv } from './csv.js';
import { describeColumns, prepareData } from './prepare.js';
import { predictionsCsv } from './predict.js';
import { columnStats, metricRows, rocSeries, samplePoints, scoreSets } from './results.js';

let source = null; // parseCsv(...) of the last file read successfully
let prepared = null; // prepareData(...) of the last training run (a copy: the page gets the original)
let scored = null; // scoreSets(...) of the last trained model, for metrics at another threshold
let packagePromise = null;
const loadPackage = () => (packagePromise ??= import('../src/index.js'));

function parse(text, id, total) {
  const progress = (done, length) => self.postMessage({ type: 'progress', id, phase: 'parsing', done: total * (done / length), total });
  const parsed = parseCsv(text, { onProgress: progress });
  if (parsed.header.length < 2) throw new CsvError('the file has a single column; it needs a target and at least one feature', 1, 1);
  return parsed;
}

async function readText({ id, file, text }) {
  if (typeof text === 'string') return { text, total: text.length };
  self.postMessage({ type: 'progress', id, phase: 'reading', done: 0, total: file.size });
  return { text: await file.text(), total: file.size };
}

const handlers = {
  async parse(message) {
    const { id } = message;
    const started = performance.now();
    const { text, total } = await readText(message);
    const parsed = parse(text, id, total);
    self.postMessage({ type: 'progress', id, phase: 'describing', done: total, total });
    const columns = describeColumns(parsed.header, parsed.rows);
    source = parsed;
    prepared = null;
    scored = null;
    const { header, rows, delimiter, hasHeader } = parsed;
    return { type: 'parsed', header, rowCount: rows.length, delimiter, hasHeader, preview: rows.slice(0, 6), columns, ms: performance.now() - started };
  },

  prepare({ config }) {
    if (!source) throw new Error('no data loaded');
    prepared = prepareData(source, config);
    scored = null;
    // The page needs the encoder and, for the training worker, the training matrix (a copy,
    // transferred) and the labels as class indices: posting 150,000 strings would cost the page
    // a long task to copy.
    // The test rows go too (their labels are among the training classes), for the test loss curve.
    const classes = [...new Set(prepared.train.y)];
    const index = new Map(classes.map((c, i) => [c, i]));
    const copy = (set) => ({ X: { ...set.X, data: set.X.data.slice() }, yIndex: Int32Array.from(set.y, (label) => index.get(label)) });
    const train = { ...copy(prepared.train), classes };
    const test = copy(prepared.test);
    const answer = { encoder: prepared.encoder, report: prepared.report, train, test };
    return [{ type: 'prepared', prepared: answer }, [train.X.data.buffer, train.yIndex.buffer, test.X.data.buffer, test.yIndex.buffer]];
  },

  // Everything the Results card shows, for the model trained on the last prepared data.
  async results({ model: json, threshold }) {
    if (!prepared) throw new Error('no prepared data');
    const m = await loadPackage();
    const model = m.LogisticModel.fromJSON(json);
    try {
      scored = scoreSets(model, prepared);
    } finally {
      model.dispose();
    }
    const stats = columnStats(prepared.train.X);
    const sample = samplePoints(prepared.train.X, prepared.train.y, scored.classes);
    return [{ type: 'results', ...metricRows(m, scored, threshold), roc: rocSeries(m, scored), stats, sample }, [sample.data.buffer]];
  },

  async metrics({ threshold }) {
    if (!scored) throw new Error('no trained model');
    return { type: 'metrics', ...metricRows(await loadPackage(), scored, threshold) };
  },

  async predict({ id, model: json, encoder, threshold, file }) {
    const { LogisticModel } = await loadPackage();
    let parsed = source;
    if (file) {
      const { text, total } = await readText({ id, file });
      parsed = parse(text, id, total);
    }
    if (!parsed) throw new Error('no data loaded');
    let splitOf = null;
    if (!file && prepared) { // the data the model was trained on: say which rows were used how
      const of = new Map();
      for (const r of prepared.train.rows) of.set(r, 'train');
      for (const r of prepared.test.rows) of.set(r, 'test');
      splitOf = (i) => of.get(i) ?? 'not used';
    }
    const model = LogisticModel.fromJSON(json);
    try {
      return { type: 'predicted', ...predictionsCsv(model, encoder, parsed, threshold, splitOf) };
    } finally {
      model.dispose();
    }
  },
};

self.addEventListener('message', async (event) => {
  const message = event.data;
  const handler = handlers[message?.type];
  if (!handler) return;
  try {
    const answer = await handler(message);
    const [reply, transfer] = Array.isArray(answer) ? answer : [answer, []];
    self.postMessage({ ...reply, id: message.id }, transfer);
  } catch (error) {
    self.postMessage({
      type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error),
      line: error?.line ?? null, column: error?.column ?? null,
    });
  }
});
