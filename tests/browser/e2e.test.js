// SPDX-License-Identifier: MIT
// End-to-end test of the demo page in a real browser: Debian's Chromium driven by playwright-core
// (no browser download), the page served by web/tools/static-server.mjs with the repository root
// as web root, exactly as `npm start` serves it.
//
// Checks: the page trains on the main thread and in a module Worker with identical results; no
// console errors, page errors or failed requests; every request goes to the server's own origin;
// no inline scripts or inline event handlers; and the page still works when served with a strict
// Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'). Saves
// tests/browser/screenshots/demo.png.
//
// Skipped (with a message) only when /usr/bin/chromium is missing and CI is not set; in CI a
// missing browser is a failure.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../web/tools/static-server.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('./screenshots/demo.png', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const FEATURES = ['mean radius', 'mean texture', 'mean smoothness'];
const PACKAGE_FILES = ['web/src/index.js', 'build/wasm/logreg.mjs', 'build/wasm/logreg.wasm'];
// What a deployment could send. 'wasm-unsafe-eval' only allows compiling WebAssembly; the glue is
// linked with -sDYNAMIC_EXECUTION=0, so it needs no eval/new Function.
const STRICT_CSP = [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const skip = !existsSync(CHROMIUM) && !process.env.CI
  ? `${CHROMIUM} not found (apt-get install chromium); skipping the browser test. Set CI=1 to make this a failure.`
  : false;

/** Reads one result panel of the page into plain values (exact numbers come from data-value). */
function readPanel(page, selector) {
  return page.$eval(selector, (panel) => {
    const field = (name) => panel.querySelector(`[data-field="${name}"]`);
    return {
      iterations: field('iterations').dataset.value,
      converged: field('converged').dataset.value,
      loss: field('loss').dataset.value,
      accuracy: field('accuracy').dataset.value,
      intercept: field('intercept').dataset.value,
      interceptText: field('intercept').textContent,
      positiveClass: field('positive-class').textContent,
      rows: [...panel.querySelectorAll('tbody[data-field="coefficients"] tr')].map((tr) => ({
        feature: tr.querySelector('th').textContent,
        text: tr.querySelector('td').textContent,
        value: tr.querySelector('td').dataset.value,
      })),
    };
  });
}

/** Waits until `selector` has data-state "done" (or "error"), and fails with the status line if not done. */
async function waitForPanel(page, selector, timeout) {
  await page.waitForFunction(
    (s) => ['done', 'error'].includes(document.querySelector(s).dataset.state),
    selector,
    { timeout },
  );
  const state = await page.$eval(selector, (panel) => panel.dataset.state);
  assert.equal(state, 'done', `${selector} failed: ${await page.textContent('#status')}`);
}

/** The page displays "−1.2345" (U+2212); parse it back. */
const parseDisplayed = (text) => Number(text.replace('\u2212', '-'));

function assertSensibleResult(result, label) {
  assert.equal(result.converged, 'true', `${label}: converged`);
  const iterations = Number(result.iterations);
  assert.ok(Number.isInteger(iterations) && iterations > 0 && iterations < 5000, `${label}: iterations ${iterations}`);
  const loss = Number(result.loss);
  assert.ok(Number.isFinite(loss) && loss > 0 && loss < Math.LN2, `${label}: loss ${loss}`);
  const accuracy = Number(result.accuracy);
  assert.ok(accuracy >= 0.85 && accuracy <= 1, `${label}: training accuracy ${accuracy} < 0.85`);
  assert.equal(result.positiveClass, 'malignant', `${label}: classes sorted, classes[1] positive`);
  assert.ok(Number.isFinite(Number(result.intercept)), `${label}: intercept ${result.intercept}`);
  assert.ok(Number.isFinite(parseDisplayed(result.interceptText)), `${label}: intercept text ${result.interceptText}`);
  assert.equal(result.rows.length, 3, `${label}: coefficient rows`);
  assert.deepEqual(result.rows.map((r) => r.feature), FEATURES, `${label}: feature names`);
  for (const row of result.rows) {
    assert.ok(Number.isFinite(Number(row.value)) && Number(row.value) !== 0, `${label}: ${row.feature} = ${row.value}`);
    assert.ok(Number.isFinite(parseDisplayed(row.text)), `${label}: ${row.feature} shown as ${row.text}`);
  }
}

/**
 * Opens the demo in a new page of `context` and records everything that could go wrong.
 * @returns the page and the lists the assertions read at the end
 */
async function openDemo(context, serverUrl) {
  const log = { requests: [], consoleErrors: [], pageErrors: [], failed: [], workers: [] };
  const page = await context.newPage();
  // page.on('request') also reports the requests of the page's dedicated workers.
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('requestfailed', (request) => log.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
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

  await page.goto(new URL('web/demo/', serverUrl).href);
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' || document.querySelector('#status').dataset.kind === 'error',
    null,
    { timeout: 20_000 },
  );
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', `page did not load: ${await page.textContent('#status')}`);
  return { page, log };
}

/** Clicks both buttons and returns both panels' results (asserting both finished). */
async function trainBothWays(page) {
  await page.click('#train-main');
  await waitForPanel(page, '#main-panel', 30_000);
  const mainResult = await readPanel(page, '#main-panel');
  await page.click('#train-worker');
  await waitForPanel(page, '#worker-panel', 30_000);
  const workerResult = await readPanel(page, '#worker-panel');
  return { mainResult, workerResult };
}

function assertCleanRun(log, origin) {
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.ok(log.requests.length > 0);
  const foreign = log.requests.filter((url) => !url.startsWith(`${origin}/`));
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
  assert.ok(log.workers.some((url) => url === `${origin}/web/demo/worker.js`), `a module worker ran (${log.workers.join(', ')})`);
  // The page and its worker each load the package, so the check above covered the worker too.
  const wasmLoads = log.requests.filter((url) => new URL(url).pathname.endsWith('.wasm'));
  assert.ok(wasmLoads.length >= 2, `the page and the worker each fetched the .wasm (seen: ${wasmLoads.join(', ')})`);
}

describe('demo page in Chromium', { skip, timeout: 120_000 }, () => {
  let context;
  let profile;
  const servers = [];

  before(async () => {
    for (const file of PACKAGE_FILES) {
      assert.ok(existsSync(join(REPO_ROOT, file)), `${file} is missing: build the package first (npm run build)`);
    }
    profile = await mkdtemp(join(tmpdir(), 'logreg-e2e-'));
    // Imported here so that a machine without the browser reports the skip, not an import error.
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1000, height: 800 },
      colorScheme: 'light',
    });
  });

  after(async () => {
    await context?.close();
    await Promise.all(servers.map((server) => server.close()));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('trains on the main thread and in a Worker, with identical results', async (t) => {
    const timings = [];
    let last = performance.now();
    const step = (name) => {
      const now = performance.now();
      timings.push(`${name} ${(now - last).toFixed(0)} ms`);
      last = now;
    };

    const served = [];
    const server = await startServer({ root: REPO_ROOT, port: 0, onRequest: (entry) => served.push(entry) });
    servers.push(server);
    const origin = new URL(server.url).origin;

    const { page, log } = await openDemo(context, server.url);
    step('load page + data + wasm');

    // The page must stay strict-CSP-ready: no inline scripts, no inline event handlers.
    const inline = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([src])').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
    }));
    assert.deepEqual(inline, { scripts: 0, handlers: [] });
    assert.match(await page.textContent('footer'), /Breast Cancer Wisconsin/);
    assert.match(await page.textContent('#dataset-summary'), /569/);

    await page.click('#train-main');
    await waitForPanel(page, '#main-panel', 30_000);
    step('train (main thread)');
    const mainResult = await readPanel(page, '#main-panel');
    assertSensibleResult(mainResult, 'main thread');

    await page.click('#train-worker');
    await waitForPanel(page, '#worker-panel', 30_000);
    step('train (worker, incl. its start-up)');
    const workerResult = await readPanel(page, '#worker-panel');
    assertSensibleResult(workerResult, 'worker');

    // Same code, same data, same wasm: results must be bit-for-bit identical.
    const { interceptText: _a, ...mainExact } = mainResult;
    const { interceptText: _b, ...workerExact } = workerResult;
    assert.deepEqual(workerExact, mainExact);
    assert.equal(await page.getAttribute('#comparison', 'data-identical'), 'true');

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    step('screenshot');

    assertCleanRun(log, origin);
    // The server saw the package itself, and the worker loaded its own copy of the module.
    const servedPaths = served.map((entry) => entry.url);
    for (const path of ['/web/demo/data/breast_cancer.csv', '/web/src/index.js', '/build/wasm/logreg.wasm', '/web/demo/worker.js']) {
      assert.ok(servedPaths.includes(path), `server never saw ${path}: ${servedPaths.join(' ')}`);
    }

    t.diagnostic(`steps: ${timings.join(', ')}`);
    t.diagnostic(`requests: ${log.requests.length}, all to ${origin}; screenshot: ${SCREENSHOT}`);
    t.diagnostic(`result: iterations=${mainResult.iterations} loss=${mainResult.loss} accuracy=${mainResult.accuracy} ` +
      `coefficients=${mainResult.rows.map((r) => r.value).join(',')} intercept=${mainResult.intercept}`);
    await page.close();
  });

  test('works unchanged under a strict Content-Security-Policy', async () => {
    const server = await startServer({ root: REPO_ROOT, port: 0, headers: { 'Content-Security-Policy': STRICT_CSP } });
    servers.push(server);
    const { page, log } = await openDemo(context, server.url);
    const { mainResult, workerResult } = await trainBothWays(page);
    assertSensibleResult(mainResult, 'main thread (CSP)');
    assertSensibleResult(workerResult, 'worker (CSP)');
    assert.equal(await page.getAttribute('#comparison', 'data-identical'), 'true');
    assertCleanRun(log, new URL(server.url).origin); // a CSP violation is reported as a console error
    await page.close();
  });
});
