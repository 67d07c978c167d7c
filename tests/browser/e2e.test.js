// SPDX-License-Identifier: MIT
// End-to-end tests of the demo page in a real browser: Debian's Chromium driven by playwright-core
// (no browser download), the page served by web/tools/static-server.mjs with the repository root
// as web root, exactly as `npm start` serves it.
//
// Every test checks that there were no console errors, page errors or failed requests and that
// every request went to the server's own origin. Covered: uploading breast_cancer.csv through the
// file input and training (test accuracy ≥ 0.94, coefficient table filled, downloads of the
// predictions CSV and of the model, which is loaded back to predict a file); the iris example
// (3 classes); a malformed CSV (error with line and column, page still usable); cancelling a long
// gradient-descent run; a 200,000 × 20 file parsed (in the data worker, with progress) and trained
// with no main-thread task over 100 ms (PerformanceObserver 'longtask'); a column name holding
// HTML rendered as text; the static folder of web/tools/site.mjs served under a sub-path; the
// page under a strict Content-Security-Policy; and offline use through the service worker (the
// site under a sub-path and the CSP: cached once loaded, updates picked up, trains offline).
// Screenshots go to tests/browser/screenshots/ (gitignored).
//
// Skipped (with a message) only when /usr/bin/chromium is missing and CI is not set.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../web/tools/static-server.mjs';
import { buildSite } from '../../web/tools/site.mjs';
import { parseCsv } from '../../web/demo/csv.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const BREAST_CANCER = fileURLToPath(new URL('../../web/demo/data/breast_cancer.csv', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PACKAGE_FILES = ['web/src/index.js', 'build/wasm/logreg.mjs', 'build/wasm/logreg.wasm'];
// What a deployment could send. 'wasm-unsafe-eval' only allows compiling WebAssembly; the glue is
// linked with -sDYNAMIC_EXECUTION=0, so it needs no eval/new Function. blob: is for downloads.
const STRICT_CSP = [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const skip = !existsSync(CHROMIUM) && !process.env.CI
  ? `${CHROMIUM} not found (apt-get install chromium); skipping the browser test. Set CI=1 to make this a failure.`
  : false;

/** Opens the demo in a new page and records everything that could go wrong. */
async function openDemo(context, serverUrl, viewport, initScript) {
  const log = { requests: [], consoleErrors: [], pageErrors: [], failed: [], workers: [] };
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  if (viewport) await page.setViewportSize(viewport);
  // page.on('request') also reports the requests of the page's dedicated workers.
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('requestfailed', (request) => {
    // A download is handed to the browser and reported as "aborted" here: not a failure.
    if (!request.url().startsWith('blob:')) log.failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) log.failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  const onConsole = (where) => (message) => {
    if (message.type() === 'error') log.consoleErrors.push(`${where}: ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  page.on('worker', (worker) => {
    log.workers.push(worker.url());
    worker.on('console', onConsole('worker'));
  });
  page.on('dialog', (dialog) => {
    log.pageErrors.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  await page.goto(new URL('web/demo/', serverUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || !document.querySelector('#data-error').hidden,
    null, { timeout: 20_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', `page did not load: ${await page.textContent('#data-error')}`);
  return { page, log };
}

function assertCleanRun(log, origin) {
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.ok(log.requests.length > 0);
  const foreign = log.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:'));
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
  assert.ok(log.workers.some((url) => url === `${origin}/web/demo/worker.js`), `a module worker ran (${log.workers.join(', ')})`);
}

/** Clicks Train and waits for the results (or fails with the status line). */
async function trainAndWait(page, timeout = 20_000) {
  await page.click('#train-button');
  await page.waitForFunction(() => document.querySelector('#results').dataset.state === 'done' ||
    document.querySelector('#train-status').dataset.kind === 'error', null, { timeout });
  assert.equal(await page.getAttribute('#results', 'data-state'), 'done', `training failed: ${await page.textContent('#train-status')}`);
}

const metric = (page, name, split) =>
  page.$eval(`#metrics tr[data-metric="${name}"] td[data-split="${split}"]`, (td) => Number(td.dataset.value));

/**
 * The final test loss the page shows (the loss chart's caption) equals model.loss on the test
 * rows, computed here in Node from the downloaded model and the predictions file (whose "split"
 * column says which rows were held out): the page's per-iteration test curve ends exactly there.
 */
async function assertTestLoss(page) {
  const shown = Number(await page.getAttribute('#loss-caption', 'data-test-loss'));
  assert.match(await page.textContent('#loss-caption'), /log-loss of the test rows by iteration; at the end [\d.]+ and [\d.]+\./);
  const [modelFile] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
  const [predictionsFile] = await Promise.all([page.waitForEvent('download'), page.click('#download-predictions')]);
  const saved = JSON.parse(await readFile(await modelFile.path(), 'utf8'));
  const { header, rows } = parseCsv(await readFile(await predictionsFile.path(), 'utf8'));
  const test = rows.filter((r) => r[header.indexOf('split')] === 'test');
  const inputs = saved.encoder.columns.map((c) => header.indexOf(c.label));
  assert.ok(test.length > 0 && inputs.every((i) => i >= 0), `test rows ${test.length}, inputs ${inputs}`);
  const { LogisticModel } = await import('../../web/src/node.js');
  const model = LogisticModel.fromJSON(saved.model);
  try {
    const X = { data: Float64Array.from(test.flatMap((r) => inputs.map((i) => Number(r[i])))), rows: test.length, cols: inputs.length };
    const expected = model.loss(X, test.map((r) => r[header.indexOf(saved.encoder.target)]));
    assert.ok(Math.abs(shown - expected) <= 1e-9 * expected, `test loss shown ${shown}, model.loss ${expected}`);
    return { shown, rows: test.length };
  } finally {
    model.dispose();
  }
}

async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

/** A CSV of n rows × d numeric features with a binary label (for the cancel test). */
function largeCsv(n, d) {
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = [[...Array.from({ length: d }, (_, j) => `f${j}`), 'label'].join(',')];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: d }, () => (random() * 4 - 2).toFixed(3));
    lines.push(`${x.join(',')},${Number(x[0]) + Number(x[1]) + random() > 0.5 ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}

describe('demo page in Chromium', { skip, timeout: 120_000 }, () => {
  let context;
  let profile;
  let server;
  let origin;

  before(async () => {
    for (const file of PACKAGE_FILES) {
      assert.ok(existsSync(join(REPO_ROOT, file)), `${file} is missing: build the package first (npm run build)`);
    }
    profile = await mkdtemp(join(tmpdir(), 'logreg-e2e-'));
    server = await startServer({ root: REPO_ROOT, port: 0 });
    origin = new URL(server.url).origin;
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true,
      viewport: { width: 1100, height: 900 }, colorScheme: 'light',
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('breast cancer upload: trains, shows metrics, coefficients and the test loss, downloads predictions and the model', async (t) => {
    const { page, log } = await openDemo(context, server.url);
    const inline = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([src])').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
    }));
    assert.deepEqual(inline, { scripts: 0, handlers: [] });

    await page.setInputFiles('#file', BREAST_CANCER);
    await page.waitForSelector('#prepare:not([hidden])');
    assert.match(await page.textContent('#data-summary'), /569 rows × 31 columns/);
    await page.selectOption('#target', 'diagnosis');
    assert.match(await page.textContent('#target-info'), /2 classes/);
    const started = performance.now();
    await trainAndWait(page);
    t.diagnostic(`breast cancer: trained and rendered in ${(performance.now() - started).toFixed(0)} ms`);

    const testAccuracy = await metric(page, 'accuracy', 'test');
    assert.ok(testAccuracy >= 0.94, `test accuracy ${testAccuracy}`);
    assert.match(await page.textContent('#metrics tr[data-metric="accuracy"] td[data-split="test"]'), /^0\.9\d\d$/);
    const auc = await metric(page, 'auc', 'test');
    assert.ok(auc > 0.95, `test AUC ${auc}`);
    const coefficients = await page.$$eval('#coefficients tbody tr', (rows) => rows.map((tr) => ({
      name: tr.querySelector('th').textContent, value: Number(tr.querySelector('td').dataset.value),
    })));
    assert.equal(coefficients.length, 31);
    assert.equal(coefficients[0].name, 'mean radius');
    assert.ok(coefficients.every((c) => Number.isFinite(c.value)), JSON.stringify(coefficients));
    assert.equal(await page.locator('#confusion tbody tr').count(), 2);
    // With the default L2 penalty the summary is withheld, and the page says why.
    assert.equal(await page.isVisible('#inference-table'), false);
    assert.match(await page.textContent('#inference .reason'), /withheld.*penal/i);
    t.diagnostic(`test accuracy ${testAccuracy}, AUC ${auc}; status: ${await page.textContent('#train-status')}`);
    const testLoss = await assertTestLoss(page);
    t.diagnostic(`final test log-loss ${testLoss.shown} on ${testLoss.rows} rows = model.loss on them`);

    // The threshold slider changes the metrics.
    await page.fill('#threshold', '0.9');
    await page.dispatchEvent('#threshold', 'input');
    assert.equal(await page.textContent('#threshold-value'), '0.90');
    assert.ok(await metric(page, 'recall', 'test') <= await metric(page, 'precision', 'test') + 1);
    await page.fill('#threshold', '0.5');
    await page.dispatchEvent('#threshold', 'input');
    await screenshot(page, 'demo.png');

    // Predictions CSV: the user's 569 rows with probabilities and labels appended.
    const [predictions] = await Promise.all([page.waitForEvent('download'), page.click('#download-predictions')]);
    assert.equal(predictions.suggestedFilename(), 'breast_cancer-predictions.csv');
    const parsed = parseCsv(await readFile(await predictions.path(), 'utf8'));
    assert.equal(parsed.rows.length, 569);
    assert.deepEqual(parsed.header.slice(-4), ['split', 'P(benign)', 'P(malignant)', 'predicted']);
    assert.ok(parsed.rows.every((r) => ['benign', 'malignant'].includes(r.at(-1))));

    // The model JSON, loaded back, predicts a file.
    const [modelDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
    const modelPath = await modelDownload.path();
    assert.equal(JSON.parse(await readFile(modelPath, 'utf8')).format, 'logreg-wasm-demo/model');
    await page.setInputFiles('#model-file', { name: 'model.json', mimeType: 'application/json', buffer: await readFile(modelPath) });
    await page.waitForFunction(() => /Loaded model\.json/.test(document.querySelector('#out-status').textContent));
    const [again] = await Promise.all([page.waitForEvent('download'), page.setInputFiles('#predict-file', BREAST_CANCER)]);
    const reparsed = parseCsv(await readFile(await again.path(), 'utf8'));
    assert.equal(reparsed.rows.length, 569);
    assert.deepEqual(reparsed.rows.map((r) => r.at(-1)), parsed.rows.map((r) => r.at(-1)));
    assert.match(await page.textContent('#out-status'), /Predicted 569 of 569 rows/);

    assertCleanRun(log, origin);
    await page.close();
  });

  test('the iris example trains a 3-class model (loss curve on train and test); a phone-sized screen', async () => {
    const { page, log } = await openDemo(context, server.url, { width: 390, height: 844 });
    await page.click('button[data-example="iris"]');
    await page.waitForSelector('#prepare:not([hidden])');
    assert.match(await page.textContent('#provenance'), /Fisher/);
    assert.equal(await page.inputValue('#target'), 'species');
    assert.match(await page.textContent('#target-info'), /3 classes: multinomial/);
    await trainAndWait(page);
    const head = await page.$$eval('#coefficients thead th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(head, ['Input', '“setosa”', '“versicolor”', '“virginica”']);
    assert.equal(await page.locator('#confusion tbody tr').count(), 3);
    assert.ok(await metric(page, 'accuracy', 'test') >= 0.85);
    await assertTestLoss(page); // the softmax loss
    // Nothing wider than the screen but the scrollable tables.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await screenshot(page, 'iris-phone.png');
    assertCleanRun(log, origin);
    await page.close();
  });

  test('a malformed CSV shows the line and column, and the page stays usable', async () => {
    const { page, log } = await openDemo(context, server.url);
    const bad = 'a,b,label\n1,2,x\n3,"4,y\n5,6,z\n';
    await page.setInputFiles('#file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.waitForSelector('#data-error:not([hidden])');
    const message = await page.textContent('#data-error');
    assert.match(message, /bad\.csv: line 3, column 3: unterminated quoted field/);
    assert.equal(await page.isHidden('#prepare'), true);
    await screenshot(page, 'error.png');
    // Pasted text (semicolons, CRLF, a BOM) and a dropped file are read the same way.
    await page.click('details.paste summary');
    await page.fill('#paste-text', '\uFEFFu;v;w\r\n1,5;2;p\r\n3;4;q\r\n5;6;p\r\n');
    await page.click('#paste-use');
    await page.waitForSelector('#data-error', { state: 'hidden' });
    assert.match(await page.textContent('#data-summary'), /pasted text: 3 rows × 3 columns \(semicolon-separated, with a header row\)/);
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['p\tq\tr\n1\t2\tyes\n3\t4\tno\n'], 'dropped.tsv', { type: 'text/tab-separated-values' }));
      document.querySelector('#drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => /dropped\.tsv: 2 rows × 3 columns \(tab-separated/.test(document.querySelector('#data-summary').textContent));
    // A file above the page's limit (300 MB) is refused at once, before anything is read. (A
    // stand-in object: the page reads only the name and size before refusing.)
    await page.evaluate(() => {
      const drop = new Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { files: [{ name: 'huge.csv', size: 412e6 }] } });
      document.querySelector('#drop-zone').dispatchEvent(drop);
    });
    assert.equal(await page.textContent('#data-error'), 'huge.csv is 412 MB; this page reads files up to 300 MB.');
    assert.match(await page.textContent('#size-limit'), /up to 300 MB/);
    await page.click('button[data-example="synthetic"]');
    await page.waitForSelector('#data-error', { state: 'hidden' });
    await page.selectOption('#penalty', 'none'); // unpenalized: the inference summary is shown
    await trainAndWait(page);
    assert.ok(await metric(page, 'accuracy', 'test') > 0.75);
    assert.equal(await page.isVisible('#boundary-chart'), true);
    // The inference summary: one row per coefficient with finite standard errors and p-values.
    assert.equal(await page.isVisible('#inference-table'), true);
    const inference = await page.$$eval('#inference-table tbody tr', (rows) => rows.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
    assert.equal(inference.length, 3); // two features and the intercept
    for (const row of inference) {
      assert.ok(Number.isFinite(Number(row[2])) && Number(row[2]) > 0, `standard error ${row[2]}`);
      assert.ok(Number(row[4]) >= 0 && Number(row[4]) <= 1, `p-value ${row[4]}`);
    }
    assert.match(await page.textContent('#inference-fit'), /likelihood-ratio χ²/);
    await screenshot(page, 'synthetic.png');
    assertCleanRun(log, origin);
    await page.close();
  });

  test('Cancel stops a long gradient-descent run and the page stays usable', async (t) => {
    const { page, log } = await openDemo(context, server.url);
    await page.setInputFiles('#file', { name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(largeCsv(20_000, 20)) });
    await page.waitForSelector('#prepare:not([hidden])');
    await page.selectOption('#solver', 'gd');
    await page.fill('#max-iterations', '10000000');
    await page.fill('#tolerance', '0');
    await page.click('#train-button');
    await page.waitForFunction(() => /iteration \d/.test(document.querySelector('#train-status').textContent), null, { timeout: 15_000 });
    // The page answers while the worker trains.
    const t0 = performance.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    t.diagnostic(`page answered in ${(performance.now() - t0).toFixed(0)} ms during training`);
    await page.click('#cancel-button');
    assert.match(await page.textContent('#train-status'), /Cancelled after [\d,]+ iterations/);
    assert.equal(await page.isEnabled('#train-button'), true);
    assert.equal(await page.isDisabled('#cancel-button'), true);
    // A new run in the recreated worker finishes.
    await page.selectOption('#solver', 'auto');
    await page.fill('#max-iterations', '100');
    await page.fill('#tolerance', '1e-6');
    await trainAndWait(page);
    assertCleanRun(log, origin);
    await page.close();
  });

  test('a 200,000 × 20 file is parsed and trained without blocking the page (no main-thread task over 100 ms)', async (t) => {
    // Long tasks (PerformanceObserver 'longtask') and, as a cross-check that does not depend on
    // that API, the largest gap between two requestAnimationFrame callbacks.
    const csv = Buffer.from(largeCsv(200_000, 20));
    const bigPath = join(profile, 'big.csv');
    await writeFile(bigPath, csv);
    const { page, log } = await openDemo(context, server.url, null, () => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask' });
      window.__maxGap = 0;
      let last = performance.now();
      const frame = (now) => {
        window.__maxGap = Math.max(window.__maxGap, now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    await page.evaluate(() => { window.__longTasks.length = 0; window.__maxGap = 0; window.__since = performance.now(); });
    const started = performance.now();
    // From a file on disk: given a buffer, playwright builds the File in the page's main thread
    // (seconds for 27 MB), which would be counted here although the page has no part in it.
    await page.setInputFiles('#file', bigPath);
    // Progress from the data worker, in the Data card.
    await page.waitForFunction(() => /^Parsing big\.csv… [\d.]+ MB of 27 MB$/.test(document.querySelector('#data-status span').textContent),
      null, { timeout: 20_000, polling: 'raf' });
    await page.waitForSelector('#prepare:not([hidden])', { timeout: 20_000 });
    assert.equal(await page.isHidden('#data-status'), true);
    const parsedMs = performance.now() - started;
    assert.match(await page.textContent('#data-summary'), /big\.csv: 200000 rows × 21 columns/);
    await page.selectOption('#solver', 'gd');
    await page.fill('#max-iterations', '30');
    await trainAndWait(page, 30_000);
    assert.equal(await metric(page, 'rows', 'train'), 150_000); // the default 25 % test split
    const { tasks, maxGap, parseMs } = await page.evaluate(() => ({
      tasks: window.__longTasks.filter((task) => task.start >= window.__since), maxGap: window.__maxGap, parseMs: Number(document.body.dataset.parseMs),
    }));
    const longest = Math.max(0, ...tasks.map((task) => task.duration));
    t.diagnostic(`${(csv.length / 1e6).toFixed(1)} MB: parsed in the worker in ${parseMs} ms (shown after ${parsedMs.toFixed(0)} ms, ` +
      `upload included); parse + train + results ${(performance.now() - started).toFixed(0)} ms; ` +
      `longest main-thread task ${longest.toFixed(0)} ms (${tasks.length} over 50 ms); largest rAF gap ${maxGap.toFixed(0)} ms`);
    assert.ok(longest <= 100, `main-thread tasks over 100 ms: ${JSON.stringify(tasks)}`);
    assertCleanRun(log, origin);
    await page.close();
  });

  test('a column named with HTML is shown as text, never parsed', async () => {
    const { page, log } = await openDemo(context, server.url);
    const name = '<img src=x onerror=alert(1)>';
    const csv = `"${name}",x2,"<b>label</b>"\n1,2,=cmd\n2,1,<i>y</i>\n3,4,=cmd\n4,3,<i>y</i>\n5,5,=cmd\n6,7,<i>y</i>\n7,6,=cmd\n8,9,<i>y</i>\n`;
    await page.setInputFiles('#file', { name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('#prepare:not([hidden])');
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('b, i').count(), 0);
    assert.equal(await page.textContent('#preview thead th'), name);
    assert.equal(await page.textContent('#columns tbody th'), name);
    await page.selectOption('#penalty', 'l2');
    await trainAndWait(page);
    assert.equal(await page.textContent('#coefficients tbody th'), name);
    assert.equal(await page.locator('img, b, i').count(), 0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-predictions')]);
    const text = await readFile(await download.path(), 'utf8');
    const parsed = parseCsv(text);
    assert.equal(parsed.rows.length, 8);
    assert.equal(parsed.rows[0][2], "'=cmd", 'formula cells are neutralized');
    assert.ok(parsed.header.includes("P('=cmd)") || parsed.header.includes('P(=cmd)'));
    assertCleanRun(log, origin);
    await page.close();
  });

  test('the static folder (web/tools/site.mjs) works published under a sub-path', async (t) => {
    // The same function as `node web/tools/dev.mjs site`, into a temporary folder (build/site
    // itself is left alone, so that concurrent runs do not race on it).
    const out = join(profile, 'site');
    const files = await buildSite({ root: REPO_ROOT, out });
    assert.ok(files.includes('index.html') && files.includes('web/demo/index.html') && files.includes('build/wasm/logreg.wasm'));
    // Not the package's Node entry or type declarations (the lesson widget ships its own .d.ts for embedders).
    assert.ok(!files.some((f) => f.startsWith('tests/') || (f.startsWith('web/src/') && f.endsWith('.d.ts')) || f === 'web/src/node.js' || f.startsWith('src/')), files.join(', '));
    const base = '/some/path/';
    const served = [];
    const siteServer = await startServer({ root: out, port: 0, base, onRequest: (entry) => served.push(entry) });
    try {
      const siteOrigin = new URL(siteServer.url).origin;
      const { page, log } = await openDemo(context, siteServer.url);
      await page.click('button[data-example="synthetic"]');
      await page.waitForSelector('#prepare:not([hidden])');
      await trainAndWait(page);
      assert.ok(await metric(page, 'accuracy', 'test') > 0.75);
      // The root index.html leads to the page with a relative URL.
      await page.goto(siteServer.url);
      await page.waitForURL(`${siteOrigin}${base}web/demo/`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
      // assertCleanRun takes "origin" as the prefix every request must start with.
      assertCleanRun(log, `${siteOrigin}${base.slice(0, -1)}`);
      const outside = served.filter((entry) => !entry.url.startsWith(base) || entry.status >= 400);
      assert.deepEqual(outside, [], 'requests outside the base path, or failed');
      t.diagnostic(`${files.length} files in the site; ${served.length} requests, all under ${base}`);
      await page.close();
    } finally {
      await siteServer.close();
    }
  });

  test('works offline once loaded (service worker), published under a sub-path with the strict CSP; picks up updates', async (t) => {
    const out = join(profile, 'offline-site');
    const files = await buildSite({ root: REPO_ROOT, out });
    const base = '/offline/path/';
    const siteServer = await startServer({ root: out, port: 0, base, headers: { 'Content-Security-Policy': STRICT_CSP } });
    let serverUp = true;
    try {
      const prefix = `${new URL(siteServer.url).origin}${base}`;
      const { page, log } = await openDemo(context, siteServer.url);
      const controlled = () => page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
        return { scope: registration.scope, script: navigator.serviceWorker.controller.scriptURL };
      });
      assert.deepEqual(await controlled(), { scope: `${prefix}web/demo/`, script: `${prefix}web/demo/sw.js` });
      // Every file of the site is cached (sw.js's list is complete), and nothing from elsewhere.
      const cachedUrls = () => page.evaluate(async () => {
        const urls = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        return urls;
      });
      const cached = await cachedUrls();
      // (web/widget/ is the lesson widget's own pages, another app outside the worker's scope.)
      const needed = files.filter((f) => f !== 'index.html' && f !== 'web/demo/sw.js' && !f.startsWith('web/widget/')).map((f) => prefix + f);
      assert.deepEqual(needed.filter((u) => !cached.includes(u)), [], 'site files missing from the cache');
      assert.ok(cached.every((u) => u.startsWith(prefix)), cached.join(', '));

      // An update on the host: the reload after it offers to reload, the next reload has it.
      const css = join(out, 'web/demo/style.css');
      await writeFile(css, `${await readFile(css, 'utf8')}\n/* updated ${Date.now()} */\n`);
      const served = () => page.evaluate(() => fetch('./style.css').then((r) => r.text()));
      await page.reload();
      await page.waitForSelector('#update-note:not([hidden])', { timeout: 20_000 });
      assert.doesNotMatch(await served(), /updated/, 'the page being shown keeps the files it started with');
      await page.click('#reload-button');
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
      assert.match(await served(), /\/\* updated \d+ \*\//);
      assert.equal(await page.isHidden('#update-note'), true);

      // Offline, and the host gone: a reload still shows the page, and the iris example trains.
      await context.setOffline(true);
      await siteServer.close();
      serverUp = false;
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
      await page.click('button[data-example="iris"]');
      await page.waitForSelector('#prepare:not([hidden])');
      await trainAndWait(page);
      assert.ok(await metric(page, 'accuracy', 'test') >= 0.85);
      t.diagnostic(`${cached.length} files cached; trained offline: ${await page.textContent('#train-status')}`);
      assertCleanRun(log, prefix.slice(0, -1));
      await page.close();
    } finally {
      await context.setOffline(false);
      if (serverUp) await siteServer.close();
    }
  });

  test('works unchanged under a strict Content-Security-Policy', async () => {
    const cspServer = await startServer({ root: REPO_ROOT, port: 0, headers: { 'Content-Security-Policy': STRICT_CSP } });
    try {
      const { page, log } = await openDemo(context, cspServer.url);
      await page.click('button[data-example="breast_cancer"]');
      await page.waitForSelector('#prepare:not([hidden])');
      await trainAndWait(page);
      assert.ok(await metric(page, 'accuracy', 'test') >= 0.94);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
      assert.ok(await download.path());
      assertCleanRun(log, new URL(cspServer.url).origin); // a CSP violation is reported as a console error
      await page.close();
    } finally {
      await cspServer.close();
    }
  });
});
