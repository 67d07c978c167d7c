// SPDX-License-Identifier: MIT
// The hand-written declarations (web/src/index.d.ts) type-check under --strict, and a consumer
// that imports 'logreg-wasm' by name (through package.json's exports map) compiles, while the
// wrong calls marked @ts-expect-error in tests/js/types/consumer.ts are rejected.
// TypeScript 7 is the native tsc: it has no JS API, and with a tsconfig.json present a bare
// `tsc file.ts` fails (TS5112), so the project is checked with -p (TOOLCHAIN.md §6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url));

test('tsc --noEmit --strict accepts index.d.ts and the consumer, rejecting the wrong calls', () => {
  assert.ok(existsSync(tsc), `${tsc} is missing: run npm install (typescript is a devDependency)`);
  const run = spawnSync(tsc, ['--noEmit', '-p', 'tests/js/types'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});

test('tsc resolves the package name to web/src/index.d.ts', () => {
  const run = spawnSync(tsc, ['--noEmit', '-p', 'tests/js/types', '--listFiles'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /web\/src\/index\.d\.ts/);
});
