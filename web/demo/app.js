// SPDX-License-Identifier: MIT
// Demo page: loads the bundled breast-cancer CSV, z-scores three features and trains a logistic
// regression on the main thread and in a module Worker, showing both results side by side.
// Every data-derived string goes into the page through textContent (never innerHTML), and there
// are no inline scripts or handlers, so the page works under a strict Content-Security-Policy.

const DATA_URL = new URL('./data/breast_cancer.csv', import.meta.url);
const FEATURES = ['mean radius', 'mean texture', 'mean smoothness'];
const TARGET = 'diagnosis';

const $ = (selector, root = document) => root.querySelector(selector);
const statusLine = $('#status');
const mainButton = $('#train-main');
const workerButton = $('#train-worker');
const mainPanel = $('#main-panel');
const workerPanel = $('#worker-panel');
const comparison = $('#comparison');

/** Set once the data and the package have loaded. */
let dataset = null;
let trainAndEvaluate = null;
let trainingOptions = null;
let mainResult = null;
let workerResult = null;

function setStatus(text, kind = 'info') {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

// ---------------------------------------------------------------------------------------------
// Data

/**
 * Parses the example CSV: a header row, then comma-separated values without quoting (the bundled
 * file has none). Errors name the line and the column.
 * @returns {{X: {data: Float64Array, rows: number, cols: number}, labels: string[]}}
 */
function parseCsv(text, featureNames, targetName) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) throw new Error('the CSV file has no data rows');
  const header = lines[0].split(',').map((name) => name.trim());
  const featureIndex = featureNames.map((name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the CSV file has no column "${name}"`);
    return index;
  });
  const targetIndex = header.indexOf(targetName);
  if (targetIndex < 0) throw new Error(`the CSV file has no column "${targetName}"`);

  const rows = lines.length - 1;
  const cols = featureNames.length;
  const data = new Float64Array(rows * cols);
  const labels = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const fields = lines[r + 1].split(',');
    if (fields.length !== header.length) {
      throw new Error(`line ${r + 2}: expected ${header.length} fields, found ${fields.length}`);
    }
    featureIndex.forEach((column, c) => {
      const value = Number(fields[column]);
      if (fields[column].trim() === '' || !Number.isFinite(value)) {
        throw new Error(`line ${r + 2}, column "${featureNames[c]}": not a number: "${fields[column]}"`);
      }
      data[r * cols + c] = value;
    });
    labels[r] = fields[targetIndex].trim();
  }
  return { X: { data, rows, cols }, labels };
}

/** z-scores each column in place: (x − mean) / σ, with the population σ (divide by n). */
function standardize({ data, rows, cols }) {
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += data[r * cols + c];
    const mean = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (data[r * cols + c] - mean) ** 2;
    const std = Math.sqrt(squares / rows);
    if (!(std > 0)) throw new Error(`column "${FEATURES[c]}" is constant and cannot be standardized`);
    for (let r = 0; r < rows; r++) data[r * cols + c] = (data[r * cols + c] - mean) / std;
  }
}

function describeDataset({ X, labels }) {
  const counts = new Map();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const classes = [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
  return `Breast Cancer Wisconsin (Diagnostic): ${X.rows} tumours (${classes}). ` +
    `Features: ${FEATURES.join(', ')}. Target: ${TARGET}.`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const formatNumber = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits).replace('-', '−') : String(x));

/** Writes a value into [data-field=name] of a panel; data-value keeps the exact number for tests. */
function setField(panel, name, text, exact = text) {
  const element = $(`[data-field="${name}"]`, panel);
  element.textContent = text;
  element.dataset.value = String(exact);
}

function renderResult(panel, result) {
  setField(panel, 'iterations', String(result.iterations));
  setField(panel, 'converged', result.converged ? 'yes' : 'no', result.converged);
  setField(panel, 'loss', result.loss.toPrecision(6), result.loss);
  setField(panel, 'accuracy', `${(result.accuracy * 100).toFixed(1)} %`, result.accuracy);
  setField(panel, 'time', `${result.trainingMs.toFixed(1)} ms`, result.trainingMs);
  setField(panel, 'positive-class', result.classes[1]);
  setField(panel, 'intercept', formatNumber(result.intercept, 4), result.intercept);

  const body = $('[data-field="coefficients"]', panel);
  body.replaceChildren(...FEATURES.map((feature, i) => {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = feature;
    const value = document.createElement('td');
    value.textContent = formatNumber(result.coefficients[i], 4);
    value.dataset.value = String(result.coefficients[i]);
    row.append(name, value);
    return row;
  }));
  panel.dataset.state = 'done';
  panel.dataset.hasResult = 'true';
}

/** Identical means bit-for-bit equal numbers (Object.is), not "close". */
function sameResults(a, b) {
  return a.iterations === b.iterations && a.converged === b.converged &&
    Object.is(a.loss, b.loss) && Object.is(a.intercept, b.intercept) &&
    Object.is(a.accuracy, b.accuracy) && a.classes.join() === b.classes.join() &&
    a.coefficients.length === b.coefficients.length &&
    a.coefficients.every((x, i) => Object.is(x, b.coefficients[i]));
}

function renderComparison() {
  if (!mainResult || !workerResult) return;
  const same = sameResults(mainResult, workerResult);
  comparison.hidden = false;
  comparison.dataset.identical = String(same);
  comparison.textContent = same
    ? '✓ The worker and the main thread produced identical results (bit for bit).'
    : '✗ The worker and the main thread produced different results.';
}

// ---------------------------------------------------------------------------------------------
// Training

function setBusy(busy) {
  mainButton.disabled = busy;
  workerButton.disabled = busy;
}

/** Lets the browser paint the status line before a long synchronous computation. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function trainOnMainThread() {
  setBusy(true);
  mainPanel.dataset.state = 'running';
  setStatus('Training on the main thread…');
  try {
    await nextFrame();
    mainResult = trainAndEvaluate(dataset.X, dataset.labels);
    renderResult(mainPanel, mainResult);
    renderComparison();
    setStatus(`Trained on the main thread in ${mainResult.trainingMs.toFixed(1)} ms.`, 'success');
  } catch (error) {
    mainPanel.dataset.state = 'error';
    setStatus(`Training failed: ${error.message}`, 'error');
    console.error(error);
  } finally {
    setBusy(false);
  }
}

let workerPromise = null;
let nextJobId = 1;
const pendingJobs = new Map();

/** Starts the module worker once and resolves when it reports that the package has loaded. */
function getWorker() {
  workerPromise ??= new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event) => {
      const message = event.data;
      if (message.type === 'ready') {
        resolve(worker);
        return;
      }
      const job = pendingJobs.get(message.id);
      if (!job) return;
      pendingJobs.delete(message.id);
      if (message.ok) job.resolve(message.result);
      else job.reject(new Error(message.error));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(event.message || 'the worker failed to load');
      for (const job of pendingJobs.values()) job.reject(error);
      pendingJobs.clear();
      workerPromise = null;
      worker.terminate();
      reject(error);
    });
  });
  return workerPromise;
}

async function trainInWorker() {
  setBusy(true);
  workerPanel.dataset.state = 'running';
  setStatus('Training in a Web Worker…');
  try {
    const worker = await getWorker();
    const id = nextJobId++;
    // The page keeps its own copy of the data: structured clone copies the typed array.
    workerResult = await new Promise((resolve, reject) => {
      pendingJobs.set(id, { resolve, reject });
      worker.postMessage({ id, X: dataset.X, labels: dataset.labels });
    });
    renderResult(workerPanel, workerResult);
    renderComparison();
    setStatus(`Trained in a Web Worker in ${workerResult.trainingMs.toFixed(1)} ms; the page stayed responsive.`, 'success');
  } catch (error) {
    workerPanel.dataset.state = 'error';
    setStatus(`Training in the worker failed: ${error.message}`, 'error');
    console.error(error);
  } finally {
    setBusy(false);
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up

async function loadData() {
  const response = await fetch(DATA_URL);
  if (!response.ok) throw new Error(`could not load ${DATA_URL.pathname} (HTTP ${response.status})`);
  const parsed = parseCsv(await response.text(), FEATURES, TARGET);
  standardize(parsed.X);
  return parsed;
}

async function loadPackage() {
  try {
    return await import('./train.js');
  } catch (error) {
    throw new Error(`could not load the logreg-wasm package (has it been built? try "npm run build"): ${error.message}`);
  }
}

async function start() {
  try {
    let training;
    [dataset, training] = await Promise.all([loadData(), loadPackage()]);
    ({ trainAndEvaluate, TRAINING_OPTIONS: trainingOptions } = training);
  } catch (error) {
    setStatus(`Error: ${error.message}`, 'error');
    console.error(error);
    return;
  }
  $('#dataset-summary').textContent = describeDataset(dataset);
  const { learningRate, maxIterations, tolerance } = trainingOptions;
  $('#settings').textContent = `Gradient descent: learning rate ${learningRate}, stops when the largest ` +
    `gradient component is at most ${tolerance} (or after ${maxIterations} iterations).`;
  mainButton.addEventListener('click', trainOnMainThread);
  workerButton.addEventListener('click', trainInWorker);
  setBusy(false);
  setStatus('Ready. Choose where to train.');
  document.body.dataset.ready = 'true';
}

start();
