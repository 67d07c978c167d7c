// SPDX-License-Identifier: MIT
// Browser tests of <logreg-playground> (web/widget/): Debian's Chromium through playwright-core,
// the pages served by web/tools/static-server.mjs from the repository root, as in e2e.test.js.
//
// Covered: the sample lesson (six widgets, one fetch of the wasm module, the exercise solved
// through the UI), step mode's formula values against model.step() computed in the same page
// (gradient descent, and Newton on standardized data), locked controls, every event's payload
// validated against web/widget/events.schema.json, the iframe page (URL parameters, messages to
// the parent, commands from it), bad attributes and library errors, the authors' guide, the
// deployable folder under a sub-path, keyboard use, phone width, and the strict
// Content-Security-Policy. Every page is checked for console errors, page errors, failed
// requests and requests leaving the origin. Screenshots go to tests/browser/screenshots/
// (gitignored).
//
// Skipped (with a message) only when /usr/bin/chromium is missing and CI is not set.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../web/tools/static-server.mjs';
import { buildSite } from '../../web/tools/site.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(new URL('../../web/widget/events.schema.json', import.meta.url), 'utf8'));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// The e2e test's policy, with framing allowed between pages of the same origin (the iframe page).
const STRICT_CSP = [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'",
  "frame-src 'self'", "frame-ancestors 'self'",
].join('; ');

const skip = !existsSync(CHROMIUM) && !process.env.CI
  ? `${CHROMIUM} not found (apt-get install chromium); skipping the browser test. Set CI=1 to make this a failure.`
  : false;

// ---- a JSON Schema validator for the subset events.schema.json uses --------------------------

/** Returns the list of problems of `value` against `schema` (empty when valid). */
function validate(value, schema, path = '$', root = SCHEMA) {
  if (schema.$ref) return validate(value, resolve(schema.$ref, root), path, root);
  const problems = [];
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type === 'integer' ? !Number.isInteger(value) : schema.type && schema.type !== type) {
    return [`${path}: expected ${schema.type}, got ${JSON.stringify(value)}`];
  }
  if (schema.const !== undefined && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${path}: ${value} is not finite (JSON has no such number)`);
    if (schema.minimum !== undefined && !(value >= schema.minimum)) problems.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)) problems.push(`${path}: ${value} ≤ ${schema.exclusiveMinimum}`);
  }
  if (type === 'array') {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => problems.push(...validate(v, schema.items, `${path}[${i}]`, root)));
  }
  if (type === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${path}: missing "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      if (schema.properties?.[key]) problems.push(...validate(v, schema.properties[key], `${path}.${key}`, root));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected "${key}"`);
    }
  }
  for (const part of schema.allOf ?? []) {
    if (part.if && validate(value, part.if, path, root).length === 0) problems.push(...validate(value, part.then, path, root));
  }
  return problems;
}

function resolve(ref, root) {
  assert.ok(ref.startsWith('#/'), ref);
  return ref.slice(2).split('/').reduce((node, key) => node[key], root);
}

/** Asserts that a CustomEvent detail of `type` matches the schema. */
function assertEvent(type, detail) {
  assert.ok(SCHEMA.$defs[type], `the schema documents the "${type}" event`);
  assert.deepEqual(validate(detail, SCHEMA.$defs[type], `${type}.detail`), [], `${type}: ${JSON.stringify(detail)}`);
}

// ---- pages --------------------------------------------------------------------------------

async function openPage(browser, url, { viewport = { width: 1100, height: 900 }, initScript } = {}) {
  const context = await browser.newContext({ viewport, colorScheme: 'light' }); // empty cache: count fetches
  const page = await context.newPage();
  const log = { requests: [], consoleErrors: [], pageErrors: [], failed: [] };
  if (initScript) await page.addInitScript(initScript);
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('requestfailed', (request) => log.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => { if (response.status() >= 400) log.failed.push(`${response.url()}: HTTP ${response.status()}`); });
  page.on('console', (message) => { if (message.type() === 'error') log.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  await page.goto(url);
  return { context, page, log };
}

/** Waits until every widget of the page (or frame) has its data, model and stylesheet. */
async function widgetsReady(target, timeout = 20_000) {
  await target.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('logreg-playground')];
    return customElements.get('logreg-playground') && widgets.length > 0 && widgets.every((w) => w.shadowRoot?.querySelector('.frame') &&
      (w.ready || w.shadowRoot.querySelector('.error:not([hidden])')) && !w.shadowRoot.querySelector('.frame').hidden);
  }, null, { timeout });
  const errors = await target.$$eval('logreg-playground', (ws) => ws.map((w) => w.shadowRoot.querySelector('.error').textContent).filter(Boolean));
  assert.deepEqual(errors, [], 'widget errors');
}

function assertClean(log, origin) {
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.ok(log.requests.length > 0);
  const foreign = log.requests.filter((url) => !url.startsWith(`${origin}/`));
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
}

/**
 * Opens `url` in a fresh context, waits for its widgets, runs `body`, then checks the run was clean
 * (no console or page errors, no failed or foreign requests).
 */
async function withPage(browser, url, options, body) {
  const { context, page, log } = await openPage(browser, url, options);
  try {
    await widgetsReady(page);
    await body({ page, log });
    assertClean(log, new URL(url).origin);
  } finally {
    await context.close();
  }
}

async function screenshot(target, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

/** In the page: the exact values (data-value) of the formula panel of `selector`. */
function readFormulas(page, selector) {
  return page.$eval(selector, (w) => {
    const out = {};
    for (const node of w.shadowRoot.querySelectorAll('.formulas [data-name]')) {
      out[node.dataset.name] = node.localName === 'mn' ? node.dataset.value : [...node.querySelectorAll('mn')].map((m) => m.dataset.value);
    }
    return out;
  });
}

describe('<logreg-playground> in Chromium', { skip, timeout: 180_000 }, () => {
  let browser;
  let server;
  let cspServer;

  before(async () => {
    for (const file of ['build/wasm/logreg.mjs', 'build/wasm/logreg.wasm']) {
      assert.ok(existsSync(join(REPO_ROOT, file)), `${file} is missing: build the package first (npm run build)`);
    }
    server = await startServer({ root: REPO_ROOT, port: 0 });
    cspServer = await startServer({ root: REPO_ROOT, port: 0, headers: { 'Content-Security-Policy': STRICT_CSP } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await cspServer?.close();
  });

  test('the sample lesson: six widgets share one wasm module; the exercise is solved through the UI', async () => {
    await withPage(browser, new URL('web/widget/lesson.html', server.url).href, {}, async ({ page, log }) => {
      assert.equal(await page.locator('logreg-playground').count(), 6);
      const fetched = (suffix) => log.requests.filter((u) => u.endsWith(suffix)).length;
      assert.equal(fetched('/build/wasm/logreg.wasm'), 1, 'the wasm module is fetched once');
      assert.equal(fetched('/build/wasm/logreg.mjs'), 1);
      assert.equal(fetched('/web/src/index.js'), 1);
      assert.equal(fetched('/web/widget/playground.css'), 1);

      // The exercise: J < 0.17 within 50 steps. With the page's α = 0.1 it fails...
      const descent = page.locator('#descent');
      const exercise = page.locator('.exercise');
      await descent.getByRole('button', { name: 'Take 10 steps' }).click();
      for (let k = 0; k < 4; k++) await descent.getByRole('button', { name: 'Take 10 steps' }).click();
      assert.equal(await exercise.getAttribute('data-state'), 'failed');
      // ...with α = 3 (typed into the unlocked field) it takes 4 steps.
      await descent.locator('input[data-control="learning-rate"]').fill('3');
      await descent.locator('input[data-control="learning-rate"]').press('Enter');
      await page.waitForFunction(() => document.querySelector('#descent').trainingOptions.learningRate === 3);
      assert.equal(await descent.getAttribute('learning-rate'), '3');
      await descent.getByRole('button', { name: 'Take 10 steps' }).click();
      assert.equal(await exercise.getAttribute('data-state'), 'done');
      assert.match(await exercise.locator('.result').textContent(), /^Done: J = 0\.1\d+ after \d+ steps\.$/);

      // The divergence section: one step, refused, explained, with the safe rate.
      await page.locator('#too-large').getByRole('button', { name: 'Take 1 step' }).click();
      const note = page.locator('#too-large').locator('.note');
      await note.waitFor();
      assert.match(await note.textContent(), /α = 30 is too large.*α ≤ 1\/L = 1\.003/s);
      const formulas = await readFormulas(page, '#too-large');
      assert.ok(Number(formulas['loss-rejected']) > Number(formulas['loss-before']), JSON.stringify(formulas));
      assert.equal(formulas['loss-after'], formulas['loss-before']);

      // The one-step section: the gradient check agrees with the analytic gradient.
      const oneStep = page.locator('#one-step');
      await oneStep.getByRole('button', { name: 'Take 1 step' }).click();
      await oneStep.getByRole('button', { name: /finite differences/ }).click();
      assert.ok(Number(await oneStep.locator('.verdict').getAttribute('data-max-relative-error')) < 1e-6);
      assert.equal(await oneStep.locator('.gradcheck-result tbody tr').count(), 3);

      // Train the last widget: metrics and coefficients appear.
      await page.locator('#trained').getByRole('button', { name: 'Train the model' }).click();
      assert.ok(Number(await page.locator('#trained').locator('tr[data-row="accuracy"] td').getAttribute('data-value')) > 0.85);
      await page.waitForTimeout(3500); // let the solver race finish its animation
      await screenshot(page, 'widget-lesson.png');
      for (const id of ['costs', 'one-step', 'descent', 'too-large', 'race', 'trained']) {
        await page.locator(`#${id}`).screenshot({ path: join(SCREENSHOTS, `widget-lesson-${id}.png`) });
      }
    });
  });

  test('step mode: every number of the formula panel is what model.step() returns, computed in the same page', async () => {
    await withPage(browser, new URL('web/widget/lesson.html', server.url).href, {}, async ({ page }) => {
      const compare = async (selector, steps) => {
        const mismatches = [];
        for (let k = 1; k <= steps; k++) {
          await page.locator(selector).getByRole('button', { name: 'Take 1 step' }).click();
          const shown = await readFormulas(page, selector);
          const expected = await page.evaluate(async ({ selector, k }) => {
            const { LogisticModel } = await import(new URL('../src/index.js', location.href).href);
            const w = document.querySelector(selector);
            const { X, y } = w.data;
            // A reference model with the widget's options, stepped k times from zero.
            const model = new LogisticModel(w.trainingOptions);
            const coords = () => (!model.fitted ? { weights: new Array(X.cols).fill(0), intercept: 0 }
              : w.trainingOptions.standardize
                ? { weights: Array.from(model.standardizedCoefficients.data), intercept: model.standardizedIntercepts[0] }
                : { weights: Array.from(model.coefficients), intercept: model.intercept });
            let before;
            let r;
            for (let i = 0; i < k; i++) {
              before = coords();
              r = model.step(X, y);
            }
            const after = coords();
            model.dispose();
            const s = (v) => String(v);
            const v = (a) => Array.from(a, String);
            return {
              'loss-before': s(r.lossBefore), 'loss-after': s(r.lossAfter), 'grad-w': v(r.gradient.weights), 'grad-b': s(r.gradient.intercept),
              alpha: s(r.stepSize), 'w-before': v(before.weights), 'b-before': s(before.intercept), 'w-after': v(after.weights),
              'b-after': s(after.intercept), ...(w.trainingOptions.solver === 'gd' ? {} : { 'step-w': v(r.step.weights), 'step-b': s(r.step.intercept) }),
            };
          }, { selector, k });
          for (const [name, value] of Object.entries(expected)) {
            if (JSON.stringify(shown[name]) !== JSON.stringify(value)) mismatches.push(`step ${k}, ${name}: shown ${JSON.stringify(shown[name])}, step() ${JSON.stringify(value)}`);
          }
          assert.equal(shown.n, '200');
        }
        assert.deepEqual(mismatches, []);
      };
      // Gradient descent (the lesson's widget), then Newton on standardized data (added here).
      await compare('#descent', 4);
      await page.evaluate(() => {
        const w = document.createElement('logreg-playground');
        w.id = 'newton';
        for (const [k, v] of Object.entries({ mode: 'step', solver: 'newton', standardize: '', penalty: '0.01', panels: 'formulas' })) w.setAttribute(k, v);
        document.querySelector('main').append(w);
      });
      await widgetsReady(page);
      await compare('#newton', 3);
      // The step events carry the same numbers.
      const event = await page.evaluate(() => new Promise((resolve) => {
        const w = document.querySelector('#newton');
        w.addEventListener('step', (e) => resolve(e.detail), { once: true });
        w.step(1);
      }));
      assertEvent('step', event);
      const shown = await readFormulas(page, '#newton');
      assert.equal(String(event.loss), shown['loss-after']);
      assert.deepEqual(event.gradient.weights.map(String), shown['grad-w']);
      assert.deepEqual(event.update.weights.map(String), shown['step-w']);
      await page.locator('#newton').screenshot({ path: join(SCREENSHOTS, 'widget-newton-standardized.png') });
    });
  });

  test('locked controls cannot be changed; unlocked ones can, from the keyboard too', async () => {
    await withPage(browser, new URL('web/widget/lesson.html', server.url).href, {}, async ({ page }) => {
      const w = page.locator('#descent');
      for (const name of ['dataset', 'target', 'solver', 'loss', 'iterations', 'penalty', 'standardize']) {
        assert.equal(await w.locator(`[data-control="${name}"]`).isDisabled(), true, `${name} is disabled`);
      }
      assert.equal(await w.locator('fieldset[data-control="features"]').evaluate((f) => f.disabled), true);
      for (const box of await w.locator('fieldset[data-control="features"] input').all()) assert.equal(await box.isDisabled(), true);
      assert.equal(await w.locator('label.locked').count(), 7);
      // Even if the disabled state is bypassed (devtools), a change is refused and undone.
      const after = await page.evaluate(() => {
        const el = document.querySelector('#descent');
        const select = el.shadowRoot.querySelector('[data-control="solver"]');
        select.disabled = false;
        select.value = 'newton';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        const box = el.shadowRoot.querySelector('[data-control="features"] input');
        box.disabled = false;
        box.checked = false;
        box.dispatchEvent(new Event('change', { bubbles: true }));
        // (the feature boxes are rebuilt from the configuration: read the new ones)
        const checked = [...el.shadowRoot.querySelectorAll('[data-control="features"] input')].map((b) => b.checked && b.disabled);
        return { select: select.value, disabled: select.disabled, solver: el.getAttribute('solver'), features: el.getAttribute('features'), checked };
      });
      assert.deepEqual(after, { select: 'gd', disabled: true, solver: null, features: null, checked: [true, true] });
      await page.waitForTimeout(50);
      assert.equal(await page.evaluate(() => document.querySelector('#descent').trainingOptions.solver), 'gd');

      // locked="all": no control of the one-step widget is enabled.
      const one = page.locator('#too-large');
      assert.equal(await page.$eval('#too-large', (el) => [...el.shadowRoot.querySelectorAll('[data-control]')].every((c) => c.disabled)), true);
      // The unlocked learning rate, from the keyboard: Tab into it, type, Enter.
      const rate = w.locator('input[data-control="learning-rate"]');
      await rate.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.5');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#descent').trainingOptions.learningRate === 0.5);
      // Step and Play from the keyboard.
      await w.getByRole('button', { name: 'Take 1 step' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.equal(await w.locator('.counter').textContent(), 'iteration 11');
      const play = w.locator('button.play');
      await play.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => Number(document.querySelector('#descent').shadowRoot.querySelector('.counter').textContent.match(/\d+/)[0]) > 20);
      assert.equal(await play.textContent(), 'Pause');
      await page.keyboard.press('Space');
      assert.equal(await play.textContent(), 'Play');
      const stopped = await w.locator('.counter').textContent();
      await page.waitForTimeout(200);
      assert.equal(await w.locator('.counter').textContent(), stopped, 'paused');
      assert.ok(await one.isVisible());
      await w.screenshot({ path: join(SCREENSHOTS, 'widget-locked.png') });
    });
  });

  test('events arrive with the payloads events.schema.json documents', async () => {
    await withPage(browser, new URL('web/widget/index.html', server.url).href, {}, async ({ page }) => {
      const run = (attributes, action) => page.evaluate(async ({ attributes, action }) => {
        const w = document.createElement('logreg-playground');
        for (const [k, v] of Object.entries(attributes)) w.setAttribute(k, v);
        const events = [];
        for (const type of ['ready', 'step', 'converged', 'diverged', 'fitted', 'error']) w.addEventListener(type, (e) => events.push({ type, detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
        const ready = new Promise((resolve) => { w.addEventListener('ready', resolve, { once: true }); w.addEventListener('error', resolve, { once: true }); });
        document.querySelector('main').append(w);
        await ready;
        if (action === 'steps') w.step(1000);
        if (action === 'train') w.train();
        w.remove();
        return events;
      }, { attributes, action });

      const newton = await run({ mode: 'step', solver: 'newton', example: 'iris', positive: 'versicolor' }, 'steps');
      const types = newton.map((e) => e.type);
      assert.equal(types[0], 'ready');
      assert.equal(types.at(-1), 'converged');
      assert.ok(types.filter((t) => t === 'step').length >= 3 && types.filter((t) => t === 'step').length < 20, types.join(' '));
      const steps = newton.filter((e) => e.type === 'step');
      steps.forEach((e, i) => assert.equal(e.detail.iteration, i + 1));
      assert.equal(steps.at(-1).detail.converged, true);
      assert.equal(newton.at(-1).detail.loss, steps.at(-1).detail.loss);
      assert.deepEqual(newton[0].detail.classes, ['not versicolor', 'versicolor']);
      assert.deepEqual(newton[0].detail.features, ['petal_length', 'petal_width']);
      assert.equal(newton[0].detail.rows, 150);

      const diverging = await run({ mode: 'step', 'learning-rate': '30' }, 'steps');
      assert.deepEqual(diverging.map((e) => e.type), ['ready', 'step', 'diverged']);
      const d = diverging[2].detail;
      assert.equal(d.learningRate, 30);
      assert.ok(Math.abs(d.suggestedLearningRate - 1.003) < 1e-3, String(d.suggestedLearningRate));
      assert.match(d.message, /too large/);
      assert.equal(diverging[1].detail.moved, false);

      const trained = await run({ example: 'breast-cancer', solver: 'lbfgs', features: 'mean radius, mean texture, mean smoothness' }, 'train');
      assert.deepEqual(trained.map((e) => e.type), ['ready', 'converged', 'fitted']);
      const f = trained[2].detail;
      assert.equal(f.converged, true);
      assert.equal(f.weights.length, 3);
      assert.ok(f.metrics.accuracy > 0.85 && f.metrics.auc > 0.9 && f.metrics.logLoss < 0.35, JSON.stringify(f.metrics));

      const bad = await run({ solver: 'adam' }, 'none');
      assert.deepEqual(bad.map((e) => e.type), ['error']);
      assert.equal(bad[0].detail.message, 'solver must be one of gd, newton, lbfgs, sgd, auto, got "adam"');
      const offOrigin = await run({ src: 'https://example.org/data.csv' }, 'none');
      assert.match(offOrigin[0].detail.message, /^src must be a URL on this page's own origin/);
      const badColumn = await run({ example: 'iris', features: 'petal_length, colour' }, 'none');
      assert.match(badColumn[0].detail.message, /^features: the data has no column "colour"/);

      // A library error during a step (Newton refuses the non-convex squared error) is shown, not thrown.
      const refused = await run({ mode: 'step', solver: 'newton', loss: 'squared' }, 'steps');
      assert.deepEqual(refused.map((e) => e.type), ['ready', 'error']);
      assert.match(refused[1].detail.message, /not convex/);

      for (const e of [...newton, ...diverging, ...trained, ...bad, ...offOrigin, ...badColumn, ...refused]) {
        assertEvent(e.type, e.detail);
        assert.equal(e.bubbles && e.composed, true);
      }
    });
  });

  test('the iframe page honours its URL parameters and talks to its parent by postMessage, under the strict CSP', async () => {
    const origin = new URL(cspServer.url).origin;
    const frameUrl = 'embed.html?example=iris&positive=virginica&features=petal_width&mode=step&panels=settings,formulas,surface' +
      '&locked=solver,learning-rate&learning-rate=0.5&id=q1&heading=Question%201';
    const parentUrl = `${origin}/web/widget/__test-parent.html`;
    // The parent: a page of the same origin holding the iframe (served by the test).
    const { context, page, log } = await openPage(browser, 'about:blank', {
      initScript: () => {
        if (window !== window.top) return;
        window.received = [];
        window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
      },
    });
    try {
      await page.route(parentUrl, (route) => route.fulfill({
        status: 200, contentType: 'text/html', headers: { 'Content-Security-Policy': STRICT_CSP },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>parent</title></head><body>
          <iframe id="f" title="widget" src="${frameUrl.replaceAll('&', '&amp;')}" width="1000" height="900"></iframe>
          <iframe id="g" title="bad" src="embed.html?colour=red&amp;id=q2" width="600" height="300"></iframe></body></html>`,
      }));
      await page.goto(parentUrl);
      const frame = page.frame({ url: /embed\.html\?example=iris/ });
      await widgetsReady(frame);
      await page.waitForFunction(() => window.received.some((m) => m.data.type === 'ready'));
      // The URL parameters became attributes.
      const w = frame.locator('logreg-playground');
      assert.deepEqual(await frame.$eval('logreg-playground', (el) => ({ ...el.trainingOptions })).then((o) => [o.solver, o.learningRate]), ['gd', 0.5]);
      assert.deepEqual(await frame.$eval('logreg-playground', (el) => [...el.shadowRoot.querySelectorAll('.panel:not([hidden])')].map((p) => p.dataset.panel)),
        ['settings', 'formulas', 'surface']);
      assert.equal(await w.locator('h2').textContent(), 'Question 1');
      assert.equal(await w.locator('[data-control="solver"]').isDisabled(), true);
      assert.equal(await w.locator('[data-control="learning-rate"]').isDisabled(), true);
      assert.equal(await w.locator('[data-control="loss"]').isDisabled(), false);
      // The parent steps the frame; every message follows the schema's envelope.
      await page.evaluate(() => document.querySelector('#f').contentWindow.postMessage({ target: 'logreg-playground', command: 'step', count: 3 }, location.origin));
      await page.waitForFunction(() => window.received.filter((m) => m.data.type === 'step').length === 3);
      await w.getByRole('button', { name: 'Take 1 step' }).click();
      await page.waitForFunction(() => window.received.filter((m) => m.data.type === 'step').length === 4);
      const received = await page.evaluate(() => window.received);
      const fromQ1 = received.filter((m) => m.data.id === 'q1');
      for (const m of fromQ1) {
        assert.equal(m.origin, origin);
        assert.deepEqual(validate(m.data, SCHEMA), [], JSON.stringify(m.data));
      }
      const ready = fromQ1.find((m) => m.data.type === 'ready').data.detail;
      assert.deepEqual([ready.features, ready.classes, ready.learningRate, ready.rows], [['petal_width'], ['not virginica', 'virginica'], 0.5, 150]);
      assert.deepEqual(fromQ1.filter((m) => m.data.type === 'step').map((m) => m.data.detail.iteration), [1, 2, 3, 4]);
      const shown = await readFormulas(frame, 'logreg-playground');
      assert.equal(shown['loss-after'], String(fromQ1.at(-1).data.detail.loss));
      // An unknown parameter is reported in the frame, naming it.
      const bad = page.frame({ url: /colour=red/ });
      assert.match(await bad.locator('.embed-error').textContent(), /unknown parameter "colour"/);
      await screenshot(page, 'widget-iframe.png');
      assertClean(log, origin);
    } finally {
      await context.close();
    }
  });

  test('strict CSP: the lesson and the authors\' guide work, styled, with no violation; phone width has no overflow', async () => {
    for (const [path, shot] of [['web/widget/lesson.html', 'widget-lesson-phone.png'], ['web/widget/index.html', 'widget-guide-phone.png']]) {
      await withPage(browser, new URL(path, cspServer.url).href, { viewport: { width: 390, height: 844 } }, async ({ page }) => {
        // The shadow stylesheet applied (a CSP block would leave the buttons unstyled).
        const radius = await page.$eval('logreg-playground', (el) => getComputedStyle(el.shadowRoot.querySelector('button')).borderTopLeftRadius);
        assert.equal(radius, '6px');
        for (const el of await page.$$('logreg-playground')) {
          const step = await el.$('button[aria-label="Take 10 steps"]');
          if (await step.isVisible() && await step.isEnabled()) await step.click();
        }
        const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, widgets: [...document.querySelectorAll('logreg-playground')].map((w) => w.getBoundingClientRect().right) }));
        assert.ok(widths.page <= 390, `page width ${widths.page}`);
        assert.ok(widths.widgets.every((r) => r <= 390), JSON.stringify(widths.widgets));
        await screenshot(page, shot);
      });
    }
  });

  test('the deployable folder (web/tools/site.mjs) serves the guide and the lesson under a sub-path', async () => {
    const out = await mkdtemp(join(tmpdir(), 'logreg-widget-site-'));
    const base = '/courses/ml/';
    const site = await startServer({ root: out, port: 0, base, headers: { 'Content-Security-Policy': STRICT_CSP } });
    try {
      const files = await buildSite({ root: REPO_ROOT, out });
      for (const f of ['web/widget/index.html', 'web/widget/lesson.html', 'web/widget/embed.html', 'web/widget/playground.js', 'web/widget/playground.css', 'web/widget/events.schema.json']) {
        assert.ok(files.includes(f), `${f} is not in the site`);
      }
      const prefix = `${new URL(site.url).origin}${base}`;
      for (const page of ['web/widget/lesson.html', 'web/widget/index.html']) {
        await withPage(browser, prefix + page, {}, async ({ page: p, log }) => {
          const outside = log.requests.filter((url) => !url.startsWith(prefix));
          assert.deepEqual(outside, [], `requests outside ${base}`);
          assert.ok(await p.locator('logreg-playground').count() >= 6);
        });
      }
    } finally {
      await site.close();
      await rm(out, { recursive: true, force: true });
    }
  });

  test('the authors\' guide: every example loads (src file, upload, comparisons); the event log fills', async () => {
    await withPage(browser, new URL('web/widget/index.html', server.url).href, {}, async ({ page }) => {
      const srcWidget = page.locator('logreg-playground[src]');
      assert.match(await srcWidget.locator('.status').textContent(), /the lesson’s file: 569 rows, 2 features; “malignant”/);
      // Upload a file into the upload panel: hostile text in a column name stays text.
      const upload = page.locator('logreg-playground[panels*="upload"]');
      await upload.locator('input[type="file"]').setInputFiles({
        name: 'mine.csv', mimeType: 'text/csv',
        buffer: Buffer.from('hours,<img src=x onerror=alert(1)>,passed\n0.5,1,0\n1,2,0\n1.5,1,0\n2,3,1\n2.5,2,0\n3,4,1\n3.5,3,1\n4,5,1\n'),
      });
      await page.waitForFunction(() => document.querySelector('logreg-playground[panels*="upload"]').data?.featureNames.includes('<img src=x onerror=alert(1)>'));
      assert.match(await upload.locator('.status').textContent(), /“mine\.csv”: 8 rows, 2 features; “1” \(y = 1\) against “0”/);
      assert.equal(await page.$eval('logreg-playground[panels*="upload"]', (el) => el.shadowRoot.querySelectorAll('img').length), 0);
      await upload.getByRole('button', { name: 'Take 10 steps' }).click();
      // The event log shows the events of its widget.
      await page.locator('#events-demo').getByRole('button', { name: 'Take 10 steps' }).click();
      const logText = await page.locator('[data-log-for="events-demo"]').textContent();
      assert.match(logText, /^ready \{"rows":200,/m);
      assert.equal((logText.match(/^step /gm) ?? []).length, 10);
      // The iframe example: its messages reach the page's log; the buttons command it.
      const frameLog = page.locator('[data-frame-log]');
      await page.waitForFunction(() => /^frame-demo ready /m.test(document.querySelector('[data-frame-log]').textContent));
      await page.getByRole('button', { name: 'Send “step 5” to the frame' }).click();
      await page.waitForFunction(() => (document.querySelector('[data-frame-log]').textContent.match(/^frame-demo step /gm) ?? []).length === 5);
      assert.match(await frameLog.textContent(), /^frame-demo step \{"iteration":5,/m);
      await screenshot(page, 'widget-guide.png');
    });
  });
});
