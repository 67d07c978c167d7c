// SPDX-License-Identifier: MIT
// Issue 8: no leaks. The cycles run in a child process started with --expose-gc, which builds
// LogisticModel from the package's own files (build/wasm/logreg.mjs + web/src/model.js, as
// web/src/node.js does) so that it can read, without any test hook in the package:
//  * the wasm memory size (HEAP8.buffer.byteLength: it only grows, so it must stay flat);
//  * with the heap first filled up to 512 KiB of slack (_malloc'd blocks that are kept), any
//    leak of more than ~50 bytes per cycle over 9,000 cycles would make the memory grow;
//  * the number of live C++ LogisticModelCore objects (the class is handed a counting core
//    constructor; Embind's getInheritedInstanceCount does not track these) and Embind's
//    count_emval_handles;
//  * process.memoryUsage() (rss, arrayBuffers) as a coarse second indicator.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

const GLUE = new URL('../../build/wasm/logreg.mjs', import.meta.url).href;
const WASM = new URL('../../build/wasm/logreg.wasm', import.meta.url);
const MODEL = new URL('../../web/src/model.js', import.meta.url).href;

const PRELUDE = `
import { readFile } from 'node:fs/promises';
import createLogregModule from ${JSON.stringify(GLUE)};
import { defineLogisticModel } from ${JSON.stringify(MODEL)};
const wasm = await createLogregModule({ wasmBinary: await readFile(new URL(${JSON.stringify(WASM.href)})) });
// The package's class, around a core constructor that counts live C++ objects (created minus
// deleted, by dispose() or by the FinalizationRegistry). Test-side only: the package is unchanged.
let live = 0;
function CountingCore(options) {
  const core = new wasm.LogisticModelCore(options);
  live++;
  const del = core.delete;
  core.delete = function () { live--; return del.call(this); };
  return core;
}
const LogisticModel = defineLogisticModel({ ...wasm, LogisticModelCore: CountingCore });
const X = [[0.5, 1], [0.75, 0], [1, 2], [1.25, 1], [1.5, 0], [1.75, 3], [1.75, 1], [2, 2], [2.25, 0], [2.5, 1],
  [2.75, 2], [3, 0], [3.25, 1], [3.5, 3], [4, 1], [4.25, 0], [4.5, 2], [4.75, 1], [5, 3], [5.5, 0]];
const y = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
const XT = { data: Float32Array.from(X.flat()), rows: X.length, cols: 2 };
const memory = () => wasm.HEAP8.buffer.byteLength;
/**
 * Leaves the wasm heap nearly full, so that any leak shows as memory growth: allocates 64 KiB
 * blocks (kept for the rest of the run) until the memory grows once, then fills the region the
 * growth added up to \`slack\` bytes. Returns the blocks and the memory size afterwards.
 */
function fillHeap(slack = 512 << 10) {
  const blocks = [];
  const start = memory();
  while (memory() === start) blocks.push(wasm._malloc(65536));
  const grown = memory();
  for (let left = grown - start - 65536 - slack; left > 0; left -= 65536) blocks.push(wasm._malloc(65536));
  return { blocks, size: memory(), grewWhileFilling: memory() !== grown };
}
const snapshot = () => {
  global.gc();
  const m = process.memoryUsage();
  return { memory: memory(), emval: wasm.count_emval_handles(), live,
    rss: m.rss, arrayBuffers: m.arrayBuffers };
};
const macrotasks = async (n) => { for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0)); };
`;

/** Runs body (which must print one JSON line last) in a fresh node --expose-gc. */
function child(body, timeout = 60_000) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', PRELUDE + body],
    { encoding: 'utf8', timeout, maxBuffer: 1 << 20 });
  assert.equal(r.status, 0, `child failed (${r.signal ?? r.status}):\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

describe('memory', () => {
  test('10,000 create → fit → predict → dispose cycles leave the wasm heap flat', () => {
    const t0 = performance.now();
    const out = child(`
      const cycle = (i) => {
        const m = new LogisticModel(i % 2 ? { solver: 'lbfgs', standardize: true } : {});
        m.fit(i % 3 ? X : XT, y);
        m.predict(X); m.predictProba(XT); m.summary(X, y); m.loss(X, y); m.toJSON();
        m.dispose();
      };
      // A failing call also allocates and must free (C++ throws after copying X).
      const failing = () => {
        const m = new LogisticModel();
        try { m.fit({ data: Float64Array.from([...X.flat().slice(0, 39), NaN]), rows: 20, cols: 2 }, y); } catch {}
        m.dispose();
      };
      for (let i = 0; i < 1000; i++) { cycle(i); failing(); }
      const fill = fillHeap();
      const warm = snapshot();
      for (let i = 1000; i < 10000; i++) { cycle(i); failing(); }
      const after = snapshot();
      console.log(JSON.stringify({ warm, after, grewWhileFilling: fill.grewWhileFilling }));
    `);
    const { warm, after } = out;
    assert.equal(out.grewWhileFilling, false, 'the heap could not be filled as planned');
    assert.equal(after.memory, warm.memory, `wasm memory grew after warm-up: ${JSON.stringify(out)}`);
    assert.equal(after.emval, warm.emval, 'Embind value handles leaked');
    assert.equal(after.live, 0, 'a C++ object is still alive');
    assert.equal(warm.live, 0);
    assert.ok(after.arrayBuffers - warm.arrayBuffers < 4 << 20, `arrayBuffers grew: ${JSON.stringify(out)}`);
    assert.ok(after.rss - warm.rss < 64 << 20, `rss grew by ${(after.rss - warm.rss) >> 20} MB`);
    assert.ok(performance.now() - t0 < 20_000);
  });

  test('models dropped without dispose are reclaimed by the FinalizationRegistry; the heap stays bounded', () => {
    const out = child(`
      const rounds = [];
      let fill = null;
      for (let round = 0; round < 8; round++) {
        (() => {
          for (let i = 0; i < 1000; i++) {
            const m = new LogisticModel();
            m.fit(X, y); // about 1 KB of C++ state each, never disposed
          }
        })();
        for (let k = 0; k < 3; k++) { global.gc(); await macrotasks(5); }
        if (round === 1) fill = fillHeap(2 << 20); // undisposed models wait for gc: more slack
        rounds.push(snapshot());
      }
      // Objects still reachable are not collected: keep 100 alive across a gc and see them counted.
      const kept = Array.from({ length: 100 }, () => new LogisticModel());
      global.gc(); await macrotasks(5);
      const withKept = live;
      kept.forEach((m) => m.dispose());
      console.log(JSON.stringify({ rounds, withKept, final: live, grewWhileFilling: fill.grewWhileFilling }));
    `);
    const { rounds, withKept, final } = out;
    assert.equal(out.grewWhileFilling, false, 'the heap could not be filled as planned');
    const first = rounds[1];
    const last = rounds[rounds.length - 1];
    assert.equal(last.memory, first.memory, `wasm memory kept growing: ${JSON.stringify(out)}`);
    // 8 × 1,000 undisposed models were created; the registry has deleted (nearly) all of them.
    assert.ok(rounds.every((r) => r.live <= 500), `live C++ objects after gc: ${JSON.stringify(rounds.map((r) => r.live))}`);
    assert.ok(withKept >= 100, `${withKept} live objects while 100 were kept`);
    assert.equal(final, withKept - 100);
  });
});
