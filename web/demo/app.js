// SPDX-License-Identifier: MIT
// The demo page: data in (file, drop, paste, examples) → prepare (roles, types, missing values,
// one-hot encoding, split) → train in a module Worker (progress, loss curve, cancel) → results
// (metrics with a threshold, confusion matrix, ROC, decision boundary, coefficients, warnings)
// → out (model JSON, predictions CSV, predict a new file with a saved model).
//
// Two module workers keep the page responsive with large files (up to 300 MB): data-worker.js
// reads, parses and holds the rows, encodes them for training, and computes the metrics and
// predictions files; worker.js trains (and is terminated to cancel). The page only renders.
//
// Rules kept throughout: every string that comes from the user's file reaches the page through
// textContent or option.text (never innerHTML); no inline scripts or handlers (a strict CSP
// works); all URLs are relative to this module; nothing is fetched except the page's own files.
import { drawBoundary, drawLineChart, CLASS_COLORS } from './charts.js';
import { syntheticCsv } from './prepare.js';

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
};

const EXAMPLES = {
  synthetic: {
    name: 'two-clouds.csv', target: 'class',
    provenance: 'Synthetic: 300 points from two overlapping Gaussian clouds (classes A and B), generated on this page with a seeded random number generator, so the decision boundary is easy to see.',
  },
  iris: {
    name: 'iris.csv', url: './data/iris.csv', target: 'species',
    provenance: 'Iris: 150 flowers of three species measured by Edgar Anderson and used by R. A. Fisher (1936). UCI Machine Learning Repository, CC BY 4.0, as shipped in scikit-learn.',
  },
  breast_cancer: {
    name: 'breast_cancer.csv', url: './data/breast_cancer.csv', target: 'diagnosis',
    provenance: 'Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 measurements from digitised images. W. Wolberg, W. Street and O. Mangasarian, UCI Machine Learning Repository, CC BY 4.0, as shipped in scikit-learn.',
  },
};

/** Files above this size are refused at once (the page says so next to the file button). */
const MAX_FILE_BYTES = 300e6;

const state = {
  source: null,       // { name, header, rowCount, delimiter }: the rows themselves stay in the data worker
  columns: null,      // describeColumns(...) plus the user's choices: role, type, reference
  prepared: null,     // { encoder, report } of the last training run (the data stay in the data worker)
  result: null,       // { model, report, history, encoder, classes, metrics, roc, stats, sample }: metrics etc. from the data worker
  loaded: null,       // { model, json, encoder } from "Load model JSON"
  LogisticModel: null,
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const format = (x, digits = 3) => {
  if (typeof x !== 'number') return String(x);
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : '—';
  const a = Math.abs(x);
  const s = a !== 0 && (a >= 1e5 || a < 1e-3) ? x.toExponential(digits - 1) : x.toFixed(digits);
  return s.replace('-', '−');
};

function showError(node, message) {
  node.textContent = message;
  node.hidden = !message;
}

function setStatus(node, message, kind = 'info') {
  node.textContent = message;
  node.dataset.kind = kind;
}

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const baseName = (name) => name.replace(/\.[^.]+$/, '') || 'data';

// ---------------------------------------------------------------------------------------------
// 1. Data in
//
// Reading, parsing and describing the file happen in a module worker (data-worker.js), which
// keeps the rows; the page gets the header, the first rows and the column descriptions.

let dataWorker = null;
let dataRequestId = 0;
const dataRequests = new Map(); // id → { resolve, reject, onProgress }

function startDataWorker() {
  dataWorker = new Worker(new URL('./data-worker.js', import.meta.url), { type: 'module' });
  dataWorker.addEventListener('message', (event) => {
    const message = event.data;
    const request = dataRequests.get(message?.id);
    if (!request) return;
    if (message.type === 'progress') {
      request.onProgress?.(message);
      return;
    }
    dataRequests.delete(message.id);
    if (message.type === 'error') {
      const error = new Error(message.message);
      error.line = message.line;
      error.column = message.column;
      request.reject(error);
    } else {
      request.resolve(message);
    }
  });
  dataWorker.addEventListener('error', (event) => {
    event.preventDefault();
    const error = new Error(event.message || 'the data worker failed');
    for (const request of dataRequests.values()) request.reject(error);
    dataRequests.clear();
  });
}

/** Sends a request to the data worker; resolves with its answer, rejects with its error. */
function dataCall(message, onProgress = null) {
  const id = ++dataRequestId;
  return new Promise((resolve, reject) => {
    dataRequests.set(id, { resolve, reject, onProgress });
    dataWorker.postMessage({ ...message, id });
  });
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;

function showDataProgress(text, fraction) {
  const box = $('#data-status');
  box.hidden = text === null;
  if (text === null) return;
  $('span', box).textContent = text;
  $('#data-progress').value = fraction;
}

let loadId = 0;

/**
 * Reads a File or a text in the data worker and shows the result.
 * @param {{file?: File, text?: string}} input
 */
async function loadSource(input, name, { target, provenance } = {}) {
  const error = $('#data-error');
  const id = ++loadId;
  showDataProgress(`Reading ${name}…`, 0);
  let parsed;
  try {
    parsed = await dataCall({ type: 'parse', name, ...input }, ({ phase, done, total }) => {
      if (id !== loadId) return;
      const what = phase === 'reading' ? 'Reading' : phase === 'parsing' ? 'Parsing' : 'Describing the columns of';
      showDataProgress(`${what} ${name}… ${phase === 'reading' ? '' : `${megabytes(done)} of ${megabytes(total)}`}`.trimEnd(), phase === 'reading' ? 0 : done / total);
    });
  } catch (e) {
    if (id !== loadId) return false;
    showDataProgress(null);
    showError(error, `Could not read ${name}: ${e.message}`);
    error.dataset.line = e.line ?? '';
    error.dataset.column = e.column ?? '';
    return false;
  }
  if (id !== loadId) return false; // a newer file was chosen meanwhile
  showDataProgress(null);
  showError(error, '');
  cancelTraining(false);
  const { header, rowCount, delimiter, hasHeader, preview, columns } = parsed;
  state.source = { name, header, rowCount, delimiter, parseMs: parsed.ms };
  document.body.dataset.parseMs = String(Math.round(parsed.ms));
  state.result = null;
  const delimiterName = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[delimiter];
  $('#data-summary').textContent = `${name}: ${rowCount} rows × ${header.length} columns ` +
    `(${delimiterName}-separated, ${hasHeader ? 'with a header row' : 'no header row: columns numbered'}).`;
  const provenanceNode = $('#provenance');
  provenanceNode.textContent = provenance ?? '';
  provenanceNode.hidden = !provenance;

  state.columns = columns.map((c) => ({
    ...c, role: 'feature', inferred: c.type, reference: c.levels[0],
  }));
  // A text column with many distinct values (names, ids) is no good as a feature by default.
  for (const c of state.columns) if (c.type === 'categorical' && c.distinct > 20) c.role = 'ignore';
  const chosen = target && header.includes(target) ? target : defaultTarget(state.columns);
  renderPreview(header, preview, rowCount);
  renderTargetSelect(chosen);
  setTarget(chosen);
  $('#prepare').hidden = false;
  $('#train').hidden = false;
  $('#results').hidden = true;
  $('#results').dataset.state = 'empty';
  setStatus($('#train-status'), 'Ready to train.');
  $('#prepare-report').textContent = '';
  $('#progress').value = 0;
  drawLoss([]);
  captionLoss([], null, false);
  updateOutButtons();
  return true;
}

/** The last column with 2–20 distinct values, else the last column. */
function defaultTarget(columns) {
  for (let c = columns.length - 1; c >= 0; c--) if (columns[c].distinct >= 2 && columns[c].distinct <= 20) return columns[c].name;
  return columns[columns.length - 1].name;
}

/** Refuses a file above the limit at once; returns the message, or null when it is fine. */
function tooLarge(file) {
  return file.size > MAX_FILE_BYTES
    ? `${file.name} is ${megabytes(file.size)}; this page reads files up to ${megabytes(MAX_FILE_BYTES)}.`
    : null;
}

function loadFile(file) {
  if (!file) return;
  const refused = tooLarge(file);
  if (refused) {
    loadId++; // forget a file still being read
    showDataProgress(null);
    showError($('#data-error'), refused);
    return;
  }
  loadSource({ file }, file.name);
}

async function loadExample(key) {
  const example = EXAMPLES[key];
  try {
    let text;
    if (example.url) {
      const response = await fetch(new URL(example.url, import.meta.url));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } else {
      text = syntheticCsv(7, 300);
    }
    await loadSource({ text }, example.name, example);
  } catch (e) {
    showError($('#data-error'), `Could not load the example ${example.name}: ${e.message}`);
  }
}

function setUpDataInputs() {
  $('#file').addEventListener('change', (event) => {
    loadFile(event.target.files[0]);
    event.target.value = ''; // choosing the same file again fires change again
  });
  const zone = $('#drop-zone');
  // Dropping anywhere must not navigate away from the page.
  for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
  zone.addEventListener('dragover', () => zone.classList.add('dragging'));
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('dragging');
    loadFile(event.dataTransfer?.files?.[0]);
  });
  document.addEventListener('paste', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    const text = event.clipboardData?.getData('text/plain');
    if (text) {
      event.preventDefault();
      loadSource({ text }, 'pasted text');
    }
  });
  $('#paste-use').addEventListener('click', () => {
    const text = $('#paste-text').value;
    if (text.trim()) loadSource({ text }, 'pasted text');
    else showError($('#data-error'), 'Paste some CSV text into the box first.');
  });
  for (const button of document.querySelectorAll('[data-example]')) {
    button.addEventListener('click', () => loadExample(button.dataset.example));
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Prepare

function renderPreview(header, rows, rowCount) {
  const table = $('#preview');
  $('thead', table).replaceChildren(el('tr', {}, ...header.map((name) => el('th', { scope: 'col', textContent: name }))));
  $('tbody', table).replaceChildren(...rows.slice(0, 6).map((row) => el('tr', {}, ...row.map((cell) => el('td', { textContent: cell })))));
  $('caption', table).textContent = `First ${Math.min(6, rowCount)} of ${rowCount} rows`;
}

function renderTargetSelect(chosen) {
  const select = $('#target');
  select.replaceChildren(...state.columns.map((c) => new Option(c.name, c.name, false, c.name === chosen)));
}

function setTarget(name) {
  for (const c of state.columns) {
    if (c.name === name) c.role = 'target';
    else if (c.role === 'target') c.role = c.type === 'categorical' && c.distinct > 20 ? 'ignore' : 'feature';
  }
  const target = state.columns.find((c) => c.role === 'target');
  const k = target.distinct;
  $('#target-info').textContent = k === 2 ? `2 classes (${target.levels.join(', ')}): binary model`
    : k > 2 && k <= 20 ? `${k} classes: multinomial model` : `${k} distinct values: choose a column with 2–20 classes`;
  renderColumns();
}

function renderColumns() {
  const body = $('#columns tbody');
  body.replaceChildren(...state.columns.map((c, i) => {
    const id = `col-${i}`;
    const name = el('th', { scope: 'row' }, el('span', { textContent: c.name, id: `${id}-name` }));
    let role;
    if (c.role === 'target') {
      role = el('td', { textContent: 'target' });
    } else {
      const select = el('select', { id: `${id}-role` });
      select.setAttribute('aria-labelledby', `${id}-name`);
      select.append(new Option('feature', 'feature', false, c.role === 'feature'), new Option('ignore', 'ignore', false, c.role === 'ignore'));
      select.addEventListener('change', () => { c.role = select.value; renderColumns(); });
      role = el('td', {}, select);
    }
    const typeSelect = el('select', { id: `${id}-type`, disabled: c.role !== 'feature' });
    typeSelect.setAttribute('aria-label', `type of ${c.name}`);
    const numericOption = new Option('numeric', 'numeric', false, c.type === 'numeric');
    numericOption.disabled = c.inferred !== 'numeric';
    typeSelect.append(numericOption, new Option('categorical', 'categorical', false, c.type === 'categorical'));
    typeSelect.addEventListener('change', () => { c.type = typeSelect.value; renderColumns(); });
    let reference;
    if (c.role === 'feature' && c.type === 'categorical') {
      const select = el('select', { id: `${id}-ref` });
      select.setAttribute('aria-label', `reference level of ${c.name}`);
      select.append(...c.levels.slice(0, 100).map((level) => new Option(level, level, false, level === c.reference)));
      select.addEventListener('change', () => { c.reference = select.value; });
      reference = el('td', {}, select);
    } else {
      reference = el('td', { textContent: '—', className: 'muted' });
    }
    const missing = el('td', { textContent: c.missing ? String(c.missing) : '0', className: c.missing ? 'warn' : 'muted' });
    const row = el('tr', { dataset: { role: c.role } }, name, role, el('td', {}, typeSelect), reference, missing);
    return row;
  }));
}

function setUpPrepare() {
  $('#target').addEventListener('change', (event) => setTarget(event.target.value));
  $('#solver').addEventListener('change', updateSolverFields);
  $('#penalty').addEventListener('change', updateSolverFields);
  updateSolverFields();
}

function updateSolverFields() {
  const solver = $('#solver').value;
  $('#learning-rate').disabled = !(solver === 'gd' || solver === 'sgd');
  $('#strength').disabled = $('#penalty').value === 'none';
  // L1 needs L-BFGS (OWL-QN): say so instead of failing.
  const l1 = $('#penalty').value === 'l1';
  for (const option of $('#solver').options) option.disabled = l1 && !['auto', 'lbfgs'].includes(option.value);
  if (l1 && !['auto', 'lbfgs'].includes(solver)) $('#solver').value = 'auto';
}

/** Reads and checks the training options; throws an Error naming the field. */
function readOptions() {
  const number = (id, label, check) => {
    const value = Number($(id).value);
    if ($(id).value.trim() === '' || !Number.isFinite(value) || !check(value)) throw new Error(`${label}: "${$(id).value}" is not allowed`);
    return value;
  };
  const solver = $('#solver').value;
  const penalty = $('#penalty').value;
  const strength = penalty === 'none' ? 0 : number('#strength', 'Penalty strength', (v) => v >= 0);
  return {
    solver,
    learningRate: number('#learning-rate', 'Learning rate', (v) => v > 0),
    maxIterations: number('#max-iterations', 'Max iterations', (v) => Number.isInteger(v) && v >= 1 && v <= 1e8),
    tolerance: number('#tolerance', 'Tolerance', (v) => v >= 0),
    l2: penalty === 'l2' ? strength : 0,
    l1: penalty === 'l1' ? strength : 0,
    standardize: $('#standardize').checked,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Train (module worker)

let worker = null;
let workerReady = null;
let running = null; // { history, maxIterations }

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  workerReady = new Promise((resolve, reject) => {
    worker.addEventListener('message', function onReady(event) {
      if (event.data?.type === 'ready') {
        worker.removeEventListener('message', onReady);
        resolve();
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the training worker failed to start'));
    });
  });
  workerReady.catch(() => {}); // reported when a training run awaits it
  worker.addEventListener('message', onWorkerMessage);
}

function onWorkerMessage(event) {
  const message = event.data;
  if (!running || message.type === 'ready') return;
  if (message.type === 'progress') {
    running.history.push([message.iterations, message.loss]);
    $('#progress').value = message.iterations / message.maxIterations;
    setStatus($('#train-status'), `Training… iteration ${message.iterations.toLocaleString('en')} of ` +
      `${message.maxIterations.toLocaleString('en')}, objective ${format(message.loss, 5)}.`);
    scheduleLossDraw();
  } else if (message.type === 'done') {
    const prepared = running.prepared;
    running = null;
    setBusy(false);
    $('#progress').value = 1;
    finishTraining(prepared, message).catch((e) => {
      setStatus($('#train-status'), `Training finished, but showing the results failed: ${e.message}`, 'error');
      console.error(e);
    });
  } else if (message.type === 'error') {
    running = null;
    setBusy(false);
    setStatus($('#train-status'), `Training failed: ${message.message}`, 'error');
    if ($('#results').dataset.state === 'stale') $('#results').hidden = true;
  }
}

let lossFrame = 0;
function scheduleLossDraw() {
  if (lossFrame) return;
  lossFrame = requestAnimationFrame(() => {
    lossFrame = 0;
    drawLoss(running?.history ?? state.result?.history ?? []);
  });
}

/** The loss chart: the training objective, and the test log-loss once a run with test rows is done. */
function drawLoss(history, testHistory = null) {
  const series = [{ points: history, color: CLASS_COLORS[0], label: 'training objective' }];
  if (testHistory?.length) series.push({ points: testHistory, color: CLASS_COLORS[1], label: 'test log-loss', dash: [6, 3] });
  const all = series.flatMap((s) => s.points);
  const log = all.length > 1 && all.every(([, loss]) => loss > 0);
  drawLineChart($('#loss-chart'), series, {
    xLabel: 'iteration', yLabel: log ? 'loss (log scale)' : 'loss', logY: log,
    xRange: [0, Math.max(1, ...history.map((p) => p[0]))], legend: series.length > 1 && 'top',
  });
}

/** The caption under the loss chart, with the final values (full precision in data-*). */
function captionLoss(history, testLoss, testCurve, penalized = true) {
  const caption = $('#loss-caption');
  const final = history.at(-1)?.[1];
  const hasTest = testLoss !== null && testLoss !== undefined;
  caption.dataset.objective = final === undefined ? '' : String(final);
  caption.dataset.testLoss = hasTest ? String(testLoss) : '';
  const train = penalized ? 'Training objective (log-loss plus penalty: what the solver minimizes)' : 'Training log-loss (what the solver minimizes)';
  if (final === undefined) caption.textContent = `${train} by iteration.`;
  else if (!hasTest) caption.textContent = `${train} by iteration; at the end ${format(final, 5)}. No test rows, so no test loss.`;
  else {
    caption.textContent = `${train} and the log-loss of the test rows by iteration; at the end ${format(final, 5)} and ${format(testLoss, 5)}.` +
      (testCurve ? '' : ' The test loss is shown for the end only: this run was too long to record every iteration.');
  }
}

function setBusy(busy) {
  $('#train-button').disabled = busy;
  $('#cancel-button').disabled = !busy;
  $('#train').dataset.state = busy ? 'running' : 'idle';
}

async function train() {
  const status = $('#train-status');
  let options;
  let config;
  try {
    options = readOptions();
    const features = state.columns.filter((c) => c.role === 'feature').map((c) => ({ name: c.name, type: c.type, reference: c.reference }));
    config = {
      target: $('#target').value, features, missing: $('#missing').value,
      testFraction: Number($('#test-fraction').value), seed: Math.trunc(Number($('#seed').value)) || 0,
    };
  } catch (e) {
    setStatus(status, e.message, 'error');
    return;
  }
  // Encoding happens in the data worker, next to the rows; the matrices are transferred here.
  const run = { history: [], prepared: null };
  running = run;
  if ($('#results').dataset.state === 'done') $('#results').dataset.state = 'stale';
  setBusy(true);
  $('#progress').value = 0;
  setStatus(status, 'Preparing the data…');
  let prepared;
  try {
    ({ prepared } = await dataCall({ type: 'prepare', config }));
  } catch (e) {
    if (running !== run) return;
    running = null;
    setBusy(false);
    if ($('#results').dataset.state === 'stale') $('#results').dataset.state = 'done';
    setStatus(status, e.message, 'error');
    return;
  }
  if (running !== run) return; // cancelled, or a new file, meanwhile
  $('#prepare-report').textContent = prepared.report.join(' ');
  run.prepared = prepared;
  run.history.push([0, Math.log(prepared.train.classes.length)]);
  drawLoss(run.history);
  captionLoss([], null, false);
  setStatus(status, 'Starting the training worker…');
  try {
    await workerReady;
  } catch (e) {
    running = null;
    setBusy(false);
    setStatus(status, `Could not start the training worker: ${e.message}`, 'error');
    startWorker();
    return;
  }
  if (running !== run) return; // cancelled while waiting
  setStatus(status, 'Training…');
  const { X, yIndex, classes } = prepared.train;
  const { test } = prepared;
  worker.postMessage({
    type: 'train', X, yIndex, classes, options, test,
    featureNames: prepared.encoder.columns.map((c) => c.label),
  }, [X.data.buffer, yIndex.buffer, test.X.data.buffer, test.yIndex.buffer]);
}

/** Stops a run by terminating the worker (a synchronous fit cannot be interrupted otherwise). */
function cancelTraining(report = true) {
  if (!running) return;
  const done = running.history.at(-1)?.[0] ?? 0;
  worker.terminate();
  running = null;
  startWorker();
  setBusy(false);
  $('#progress').value = 0;
  if ($('#results').dataset.state === 'stale') $('#results').dataset.state = 'done';
  if (report) setStatus($('#train-status'), `Cancelled after ${done.toLocaleString('en')} iterations. Nothing was kept.`, 'warning');
}

// ---------------------------------------------------------------------------------------------
// 4. Results

let resultsId = 0;

async function finishTraining(prepared, { model: json, report, history, testHistory, testLoss, summary }) {
  // Scores, metrics, ROC curves and column statistics are computed in the data worker, which
  // holds the prepared rows: on 200,000 rows they take about a second.
  const id = ++resultsId;
  setStatus($('#train-status'), 'Trained; computing the metrics…');
  const source = state.source;
  let analysis;
  try {
    analysis = await dataCall({ type: 'results', model: json, threshold: threshold() });
  } catch (e) {
    if (state.source !== source) return; // another file was read meanwhile: its data replaced these
    throw e;
  }
  if (id !== resultsId || running || state.source !== source) return; // superseded
  state.result?.model.dispose();
  const model = state.LogisticModel.fromJSON(json);
  const classes = Array.from(model.classes);
  const binary = classes.length === 2;
  state.prepared = prepared;
  state.result = {
    model, json, report, history, testHistory, summary, encoder: prepared.encoder, classes, binary,
    metrics: { rows: analysis.rows, confusion: analysis.confusion }, roc: analysis.roc, stats: analysis.stats, sample: analysis.sample,
  };
  const converged = report.converged ? `converged in ${report.iterations} iteration${report.iterations === 1 ? '' : 's'}` : `stopped after ${report.iterations} iteration${report.iterations === 1 ? '' : 's'}`;
  setStatus($('#train-status'), `Done: ${report.solver} ${converged} (${format(report.trainingMs, 0)} ms), ` +
    `objective ${format(report.loss, 5)}.`, report.warnings.length ? 'warning' : 'success');
  drawLoss(history, testHistory);
  captionLoss(history, testLoss, Boolean(testHistory), model.options.l1 > 0 || model.options.l2 > 0);
  renderWarnings(report);
  $('#results').hidden = false;
  $('#threshold-row').hidden = !binary;
  $('#positive-label').textContent = String(classes[1]);
  renderMetrics();
  renderCoefficients();
  renderSummary();
  updateOutButtons();
  // The charts in tasks of their own, so that no task of the page runs long (each < 50 ms).
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  await nextTask();
  if (id !== resultsId || running) return;
  renderRoc();
  await nextTask();
  if (id !== resultsId || running) return;
  renderAxisSelects();
  renderBoundary();
  $('#results').dataset.state = 'done';
}

function renderWarnings(report) {
  const list = $('#warnings');
  const items = report.warnings.map((w) => el('li', { className: 'warning', dataset: { code: w.code } },
    el('strong', { textContent: WARNING_TITLES[w.code] ?? 'Warning.' }), ' ', el('span', { className: 'detail', textContent: w.message })));
  if (items.length === 0) items.push(el('li', { className: 'ok', textContent: 'No problems found: the optimizer converged, the data are not separable and no column is constant.' }));
  list.replaceChildren(...items);
}

const WARNING_TITLES = {
  separation: 'The classes can be separated perfectly, so without a penalty the coefficients would grow without limit. Add an L2 penalty (λ > 0) for finite, usable coefficients.',
  'quasi-separation': 'Some rows are separated perfectly (quasi-separation): some coefficients are unstable. An L2 penalty helps.',
  diverged: 'Gradient descent diverged: the learning rate is too large.',
  'not-converged': 'Training did not converge.',
  'constant-columns': 'Some inputs are constant and carry no information.',
};

function threshold() {
  return Number($('#threshold').value);
}

let metricsId = 0;

/** Metrics at the threshold: recomputed by the data worker, shown when they arrive. */
async function updateMetrics() {
  $('#threshold-value').textContent = threshold().toFixed(2);
  const id = ++metricsId;
  try {
    const metrics = await dataCall({ type: 'metrics', threshold: threshold() });
    if (id !== metricsId || !state.result) return;
    state.result.metrics = metrics;
    renderMetrics();
  } catch (e) {
    console.warn(`metrics not updated: ${e.message}`);
  }
}

function renderMetrics() {
  const { rows, confusion } = state.result.metrics;
  $('#threshold-value').textContent = threshold().toFixed(2);
  renderConfusion(confusion.labels, confusion.matrix);
  $('#metrics tbody').replaceChildren(...rows.map(([key, label, a, b]) => el('tr', { dataset: { metric: key } },
    el('th', { scope: 'row', textContent: label }),
    el('td', { textContent: key === 'rows' ? String(a) : format(a), dataset: { split: 'train', value: String(a) } }),
    el('td', { textContent: key === 'rows' ? String(b) : format(b), dataset: { split: 'test', value: String(b) } }))));
}

function renderConfusion(labels, matrix) {
  const table = $('#confusion');
  if (!matrix) {
    $('thead', table).replaceChildren();
    $('tbody', table).replaceChildren(el('tr', {}, el('td', { textContent: 'No test rows.' })));
    return;
  }
  const total = matrix.flat().reduce((s, v) => s + v, 0) || 1;
  $('thead', table).replaceChildren(el('tr', {}, el('td', { textContent: 'true ↓ / predicted →', className: 'corner' }),
    ...labels.map((l) => el('th', { scope: 'col', textContent: String(l) }))));
  $('tbody', table).replaceChildren(...matrix.map((row, i) => el('tr', {}, el('th', { scope: 'row', textContent: String(labels[i]) }),
    ...row.map((v, j) => {
      const cell = el('td', { textContent: String(v), className: i === j ? 'diag' : v ? 'off' : '' });
      cell.style.setProperty('--share', (v / total).toFixed(3));
      return cell;
    }))));
}

function renderRoc() {
  const { series, caption } = state.result.roc;
  const color = (s) => (s.kind === 'train' ? '#1a9c8f' : s.kind === 'test' ? CLASS_COLORS[1] : CLASS_COLORS[s.k % CLASS_COLORS.length]);
  $('#roc-caption').textContent = caption;
  drawLineChart($('#roc-chart'), series.map((s) => ({ points: s.points, color: color(s), label: s.label, ...(s.kind === 'train' ? { dash: [6, 3] } : {}) })),
    { xLabel: 'false positive rate', yLabel: 'true positive rate', xRange: [-0.02, 1.02], yRange: [-0.02, 1.02], diagonal: true, legend: true });
}

function numericInputs() {
  return state.result.encoder.columns.map((c, i) => ({ ...c, i })).filter((c) => c.level === undefined);
}

function renderAxisSelects() {
  const inputs = numericInputs();
  const [x, y] = [$('#axis-x'), $('#axis-y')];
  const make = (select, chosen) => select.replaceChildren(...inputs.map((c) => new Option(c.label, String(c.i), false, c.i === chosen)));
  // Default: the two inputs with the largest standardized effect, so the picture says something.
  const { model, binary } = state.result;
  const w = model.coefficientMatrix;
  const sd = state.result.stats.std;
  const effect = (i) => {
    let s = 0;
    for (let r = 0; r < w.rows; r++) s = Math.max(s, Math.abs(w.data[r * w.cols + i]) * sd[i]);
    return s;
  };
  const ranked = [...inputs].sort((a, b) => effect(b.i) - effect(a.i));
  make(x, ranked[0]?.i);
  make(y, ranked[1]?.i ?? ranked[0]?.i);
  void binary;
}

function renderBoundary() {
  const canvas = $('#boundary-chart');
  const note = $('#boundary-note');
  const inputs = numericInputs();
  const figure = canvas.closest('figure');
  if (inputs.length < 2) {
    figure.hidden = true;
    return;
  }
  figure.hidden = false;
  const ix = Number($('#axis-x').value);
  const iy = Number($('#axis-y').value);
  const { model, classes, stats, sample } = state.result;
  const cols = sample.cols;
  // Other inputs held at their training mean (numeric) or at the reference level (dummies = 0).
  const base = new Float64Array(cols);
  const dummy = state.result.encoder.columns.map((c) => c.level !== undefined);
  for (let c = 0; c < cols; c++) if (!dummy[c]) base[c] = stats.mean[c];
  const range = (c) => {
    const lo = stats.min[c], hi = stats.max[c];
    const pad = (hi - lo) * 0.06 || 1;
    return [lo - pad, hi + pad];
  };
  const xRange = range(ix);
  const yRange = range(iy);
  const nx = 90, ny = 90;
  const grid = new Float64Array(nx * ny * cols);
  for (let gy = 0; gy < ny; gy++) {
    for (let gx = 0; gx < nx; gx++) {
      const o = (gy * nx + gx) * cols;
      grid.set(base, o);
      grid[o + ix] = xRange[0] + ((gx + 0.5) / nx) * (xRange[1] - xRange[0]);
      grid[o + iy] = yRange[0] + ((gy + 0.5) / ny) * (yRange[1] - yRange[0]);
    }
  }
  const P = model.predictProbaMatrix({ data: grid, rows: nx * ny, cols });
  const points = [];
  for (let r = 0; r < sample.rows; r++) points.push({ x: sample.data[r * cols + ix], y: sample.data[r * cols + iy], cls: sample.cls[r] });
  const labels = state.result.encoder.columns;
  drawBoundary(canvas, { nx, ny, k: classes.length, probabilities: P.data, xRange, yRange }, points, { xLabel: labels[ix].label, yLabel: labels[iy].label });
  const others = cols > 2 ? ' Other inputs are held at their training mean (categorical ones at their reference level).' : '';
  note.textContent = `Decision boundary: the shading is the predicted probability${classes.length === 2 ? ` of “${classes[1]}” (white = 0.5)` : ' of the most likely class'}; dots are training rows (${classes.map((c, k) => `${['blue', 'red', 'green', 'purple', 'orange', 'teal', 'grey', 'pink'][k % 8]}: ${c}`).join(', ')}).${others}`;
}

/** e^w overflows to ∞ or underflows to 0 for |w| > ~709: say "> 1e300" / "< 1e−300" instead. */
const oddsText = (v) => (v === Infinity ? '> 1e300' : v === 0 ? '< 1e−300' : format(v, 3));

function renderCoefficients() {
  const { model, classes, binary, encoder } = state.result;
  const table = $('#coefficients');
  const w = model.coefficientMatrix;
  const b = model.intercepts;
  // Effect of one (population) standard deviation of each input, to compare inputs with each other.
  const sd = state.result.stats.std;
  const ws = model.options.standardize ? { data: Array.from(sd, (s, i) => w.data[i] * s) } : null;
  const head = binary
    ? [`Coefficient (log-odds of “${classes[1]}”)`, 'Odds ratio (×)', ...(ws ? ['Per standard deviation'] : [])]
    : classes.map((c) => `“${c}”`);
  $('thead', table).replaceChildren(el('tr', {}, el('th', { scope: 'col', textContent: 'Input' }), ...head.map((h) => el('th', { scope: 'col', textContent: h }))));
  const row = (label, values) => el('tr', {}, el('th', { scope: 'row', textContent: label }),
    ...values.map((v, j) => el('td', { textContent: binary && j === 1 ? oddsText(v) : format(v, 4), dataset: { value: String(v) } })));
  const rows = encoder.columns.map((c, i) => {
    const label = c.level === undefined ? c.label : `${c.label} (vs ${encoder.features.find((f) => f.name === c.feature).reference})`;
    return binary ? row(label, [w.data[i], Math.exp(w.data[i]), ...(ws ? [ws.data[i]] : [])]) : row(label, classes.map((_, k) => w.data[k * w.cols + i]));
  });
  rows.push(binary ? row('(intercept)', [b[0], Math.exp(b[0]), ...(ws ? [NaN] : [])]) : row('(intercept)', Array.from(b)));
  $('tbody', table).replaceChildren(...rows);
  $('caption', table).textContent = 'Coefficients, in the units of the file';
  $('#coef-note').textContent = binary
    ? `A one-unit increase of an input multiplies the odds of “${classes[1]}” by its odds ratio.${ws ? ' “Per standard deviation” is the change in log-odds for one standard deviation of the input: it compares inputs with each other.' : ''}`
    : model.options.l1 === 0 && model.options.l2 === 0
      ? `One column per class: the log-odds of that class against the reference class “${classes[0]}” (whose coefficients are 0).`
      : 'One column per class: its linear score; the probabilities are the softmax of the scores, so the difference of two columns is the log-odds between those classes.';
}

/** The inference summary (standard errors, p-values, intervals), or why it is withheld. */
function renderSummary() {
  const { summary, classes } = state.result;
  const box = $('#inference');
  const table = $('#inference-table');
  const fit = $('#inference-fit');
  if (!summary || summary.error || summary.withheld) {
    table.hidden = true;
    fit.textContent = '';
    box.querySelector('.reason').textContent = summary?.error
      ? `Inference is unavailable: ${summary.error}`
      : `Standard errors and p-values are withheld: ${(summary?.withheld?.message ?? 'no summary').replace(/^Inference withheld:\s*/i, '')}`;
    return;
  }
  box.querySelector('.reason').textContent =
    `Wald statistics from the inverse observed information, ${Math.round(summary.level * 100)} % intervals (as statsmodels reports them).`;
  const multi = classes.length > 2;
  const head = [...(multi ? ['Class'] : []), 'Input', 'Estimate', 'Std. error', 'z', 'p-value', 'CI low', 'CI high', 'Odds ratio'];
  $('thead', table).replaceChildren(el('tr', {}, ...head.map((h) => el('th', { scope: 'col', textContent: h }))));
  const pText = (p) => (p < 1e-4 ? p.toExponential(2) : p.toFixed(4));
  $('tbody', table).replaceChildren(...summary.coefficients.map((c) => el('tr', {},
    ...(multi ? [el('td', { textContent: `${String(c.class)} vs ${String(c.reference)}` })] : []),
    el('th', { scope: 'row', textContent: c.name === 'intercept' ? '(intercept)' : c.name }),
    ...[c.estimate, c.stdError, c.z].map((v) => el('td', { textContent: format(v, 4) })),
    el('td', { textContent: pText(c.pValue), dataset: { value: String(c.pValue) } }),
    ...[c.ciLower, c.ciUpper].map((v) => el('td', { textContent: format(v, 4) })),
    el('td', { textContent: oddsText(c.oddsRatio) }))));
  table.hidden = false;
  fit.textContent = `Log-likelihood ${format(summary.logLikelihood, 3)} (null ${format(summary.nullLogLikelihood, 3)}), ` +
    `McFadden R² ${format(summary.pseudoR2, 3)}, likelihood-ratio χ² ${format(summary.llr, 3)} on ${summary.llrDf} df ` +
    `(p ${pText(summary.llrPValue)}), AIC ${format(summary.aic, 2)}, BIC ${format(summary.bic, 2)}, n = ${summary.nObs}.`;
}

function setUpResults() {
  $('#threshold').addEventListener('input', () => { if (state.result?.binary) updateMetrics(); });
  $('#axis-x').addEventListener('change', renderBoundary);
  $('#axis-y').addEventListener('change', renderBoundary);
  let timer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) drawLoss(running.history);
      else drawLoss(state.result?.history ?? [], state.result?.testHistory);
      if (state.result) { renderRoc(); renderBoundary(); }
    }, 150);
  });
}

// ---------------------------------------------------------------------------------------------
// 5. Out

function updateOutButtons() {
  $('#download-model').disabled = !state.result;
  $('#download-predictions').disabled = !state.result;
}

function setUpOut() {
  const status = $('#out-status');
  $('#download-model').addEventListener('click', () => {
    const { json, encoder } = state.result;
    const file = { format: 'logreg-wasm-demo/model', version: 1, trainedOn: state.source.name, savedAt: new Date().toISOString(), encoder, model: json };
    download(`${baseName(state.source.name)}-model.json`, JSON.stringify(file, null, 2), 'application/json');
    setStatus(status, 'Model saved. Load it below to predict on new data.', 'success');
  });
  $('#download-predictions').addEventListener('click', async () => {
    const { json, encoder } = state.result;
    const name = state.source.name;
    setStatus(status, 'Predicting…');
    try {
      // In the data worker, which holds the rows.
      const { text, errors, rows } = await dataCall({ type: 'predict', model: json, encoder, threshold: threshold() });
      download(`${baseName(name)}-predictions.csv`, text, 'text/csv');
      setStatus(status, `Predictions for ${rows} rows saved.${errors.length ? ` ${errors.length} rows could not be predicted, e.g. ${errors[0]}` : ''}`, errors.length ? 'warning' : 'success');
    } catch (e) {
      setStatus(status, `Could not make the predictions: ${e.message}`, 'error');
    }
  });
  $('#model-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    try {
      let saved;
      try {
        saved = JSON.parse(await file.text());
      } catch (e) {
        throw new Error(`not JSON: ${e.message}`);
      }
      if (saved?.format !== 'logreg-wasm-demo/model' || !saved.encoder || !saved.model) {
        throw new Error('not a model saved by this page (expected "format": "logreg-wasm-demo/model")');
      }
      const model = state.LogisticModel.fromJSON(saved.model);
      if (model.nFeatures !== saved.encoder.columns.length) {
        model.dispose();
        throw new Error(`the encoder describes ${saved.encoder.columns.length} inputs but the model has ${model.nFeatures}`);
      }
      state.loaded?.model.dispose();
      state.loaded = { model, json: saved.model, encoder: saved.encoder, name: file.name };
      setStatus(status, `Loaded ${file.name}: predicts “${saved.encoder.target}” (${Array.from(model.classes).join(', ')}) ` +
        `from ${saved.encoder.features.map((f) => f.name).join(', ')}. Now choose a CSV file to predict.`, 'success');
    } catch (e) {
      setStatus(status, `Could not load ${file.name}: ${e.message}`, 'error');
    }
  });
  $('#predict-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    const use = state.loaded ?? (state.result && { json: state.result.json, encoder: state.result.encoder });
    if (!use) {
      setStatus(status, 'Train a model or load a saved one first.', 'error');
      return;
    }
    const refused = tooLarge(file);
    if (refused) {
      setStatus(status, refused, 'error');
      return;
    }
    setStatus(status, `Predicting ${file.name}…`);
    try {
      // Read, parsed and predicted in the data worker.
      const { text, errors, rows } = await dataCall({ type: 'predict', file, model: use.json, encoder: use.encoder, threshold: threshold() });
      download(`${baseName(file.name)}-predictions.csv`, text, 'text/csv');
      setStatus(status, `Predicted ${rows - errors.length} of ${rows} rows of ${file.name}.` +
        `${errors.length ? ` ${errors.length} could not be predicted, e.g. ${errors[0]}` : ''}`, errors.length ? 'warning' : 'success');
    } catch (e) {
      setStatus(status, `Could not predict ${file.name}: ${e.message}`, 'error');
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Offline (sw.js: the page's files cached once loaded; see there how updates are picked up)

function registerServiceWorker() {
  // Only in a secure context (https, or http on localhost / 127.0.0.1); elsewhere the page
  // simply needs the network.
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'updated') $('#update-note').hidden = false;
  });
  $('#reload-button').addEventListener('click', () => location.reload());
  navigator.serviceWorker.register(new URL('./sw.js', import.meta.url)).catch((e) => {
    console.warn(`offline use is unavailable: ${e.message}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Start-up

async function start() {
  setUpDataInputs();
  setUpPrepare();
  setUpResults();
  setUpOut();
  $('#train-button').addEventListener('click', train);
  $('#cancel-button').addEventListener('click', () => cancelTraining(true));
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && running) cancelTraining(true); });
  startWorker();
  startDataWorker();
  registerServiceWorker();
  try {
    const pkg = await import('../src/index.js');
    state.LogisticModel = pkg.LogisticModel;
  } catch (e) {
    showError($('#data-error'), `Could not load the logreg-wasm package (has it been built? try "npm run build"): ${e.message}`);
    console.error(e);
    return;
  }
  document.body.dataset.ready = 'true';
}

start();
