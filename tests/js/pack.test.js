// SPDX-License-Identifier: MIT
// Test what users get: `npm pack` the package, install the tarball into an empty project
// (offline: the package has no dependencies) and use it there by name, from ESM and from
// CommonJS. Also pins the tarball's contents, so build leftovers, tests or sources never ship.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

/** The files the tarball must contain: the entries, the types, the built module; README/LICENSE if present. */
const REQUIRED = [
  'package.json',
  'web/src/index.js',
  'web/src/node.js',
  'web/src/model.js',
  'web/src/metrics.js',
  'web/src/values.js',
  'web/src/index.d.ts',
  'build/wasm/logreg.mjs',
  'build/wasm/logreg.wasm',
  // <logreg-playground> ("logreg-wasm/playground"), the demo modules it imports, and the
  // example data it fetches (../demo/data/*.csv).
  'web/widget/playground.js',
  'web/widget/playground.d.ts',
  'web/widget/playground.css',
  'web/widget/math.js',
  'web/widget/data.js',
  'web/widget/surface.js',
  'web/widget/compare.js',
  'web/widget/embed.html',
  'web/widget/embed.js',
  'web/widget/page.css',
  'web/widget/events.schema.json',
  'web/demo/csv.js',
  'web/demo/prepare.js',
  'web/demo/charts.js',
  'web/demo/data/iris.csv',
  'web/demo/data/breast_cancer.csv',
  'web/demo/data/PROVENANCE.md',
];
const OPTIONAL = ['README.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt'];

let dir;
let packed;
let project;

before(async () => {
  assert.ok(existsSync(join(root, 'build/wasm/logreg.wasm')),
    'build/wasm/logreg.wasm is missing: cmake --preset wasm && cmake --build --preset wasm --target logreg_module');
  dir = await mkdtemp(join(tmpdir(), 'logreg-pack-'));
  // --ignore-scripts: pack exactly the build that the other tests ran against.
  const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  [packed] = JSON.parse(out);
  project = join(dir, 'consumer');
  await mkdir(project);
  await writeFile(join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, packed.filename)], project);
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the tarball holds exactly the entries, types and built module', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is missing from the tarball`);
  const unexpected = files.filter((f) => !REQUIRED.includes(f) && !OPTIONAL.includes(f));
  assert.deepEqual(unexpected, [], 'unexpected files in the tarball');
});

test('the exports map points at packed files', async () => {
  const pkg = JSON.parse(await readFile(join(project, 'node_modules/logreg-wasm/package.json'), 'utf8'));
  const targets = [pkg.types, ...Object.values(pkg.exports['.'])];
  for (const t of targets) {
    assert.ok(existsSync(join(project, 'node_modules/logreg-wasm', t)), `${t} (exports/types) is not installed`);
  }
  assert.equal(Object.keys(pkg.exports['.'])[0], 'types', '"types" must come first in the exports conditions');
});

test('logreg-wasm/playground: every module and file the element loads is installed', async () => {
  const base = join(project, 'node_modules/logreg-wasm');
  const pkg = JSON.parse(await readFile(join(base, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.exports['./playground'], { types: './web/widget/playground.d.ts', default: './web/widget/playground.js' });
  assert.ok(existsSync(join(base, pkg.exports['./playground'].types)));
  JSON.parse(await readFile(join(base, pkg.exports['./playground/events.schema.json']), 'utf8'));
  // Follow the static imports and the new URL('…', import.meta.url) references from the entry
  // (and from the iframe page's script): a file missing from "files" would 404 for users.
  const seen = new Set();
  const visit = async (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    assert.ok(existsSync(join(base, rel)), `${rel} is referenced but not installed`);
    if (!rel.endsWith('.js') && !rel.endsWith('.mjs')) return;
    const text = await readFile(join(base, rel), 'utf8');
    const refs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g), ...text.matchAll(/(?:^|\n)\s*import\s+'(\.{1,2}\/[^']+)'/g),
      ...text.matchAll(/new URL\('(\.{1,2}\/[^']+)', import\.meta\.url\)/g)].map((m) => m[1]);
    for (const ref of refs) await visit(new URL(ref, `file:///${rel}`).pathname.slice(1));
  };
  await visit(pkg.exports['./playground'].default.slice(2));
  await visit('web/widget/embed.js');
  for (const needed of ['web/widget/playground.css', 'web/src/index.js', 'build/wasm/logreg.wasm', 'web/demo/csv.js', 'web/demo/charts.js']) {
    assert.ok(seen.has(needed), `${needed} was not reached from the entry (${[...seen].join(', ')})`);
  }
});

test('an empty project imports the installed package by name, fits and predicts (ESM)', async () => {
  const script = `
    import { LogisticModel } from 'logreg-wasm';
    const X = [[0.5, 1], [1, 0.5], [1.5, 2], [2, 1], [2.5, 2.5], [3, 1.5], [0, 0.5], [1, 2.5], [3, 2.5], [0.5, 0.5]];
    const y = ['ham', 'ham', 'spam', 'ham', 'spam', 'spam', 'ham', 'spam', 'ham', 'spam'];
    const model = new LogisticModel({ learningRate: 1, maxIterations: 100000, tolerance: 1e-9 });
    try {
      const report = model.fit(X, y);
      const json = JSON.parse(JSON.stringify(model));
      const copy = LogisticModel.fromJSON(json);
      const same = copy.predictProba(X).every((p, i) => p === model.predictProba(X)[i]);
      copy.dispose();
      console.log(JSON.stringify({
        converged: report.converged, classes: model.classes,
        predicted: model.predict([[0, 0], [4, 4]]), coefficients: Array.from(model.coefficients), same,
      }));
    } finally {
      model.dispose();
    }`;
  await writeFile(join(project, 'use.mjs'), script);
  const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8', timeout: 30_000 }));
  assert.equal(out.converged, true);
  assert.deepEqual(out.classes, ['ham', 'spam']);
  assert.deepEqual(out.predicted, ['ham', 'spam']);
  assert.equal(out.coefficients.length, 2);
  assert.ok(out.coefficients.every(Number.isFinite), `w = ${out.coefficients}`);
  assert.equal(out.same, true);
});

test('CommonJS code can load it with import()', async () => {
  const script = `
    import('logreg-wasm').then(({ LogisticModel }) => {
      const m = new LogisticModel();
      m.fit({ data: new Float32Array([0, 1, 2, 3, 1.5, 0.5]), rows: 6, cols: 1 }, [false, false, true, true, true, false]);
      console.log(JSON.stringify(m.predict([[0], [3]])));
      m.dispose();
    });`;
  await writeFile(join(project, 'use.cjs'), script);
  const out = execFileSync(process.execPath, ['use.cjs'], { cwd: project, encoding: 'utf8', timeout: 30_000 });
  assert.deepEqual(JSON.parse(out), [false, true]);
});
