// SPDX-License-Identifier: MIT
// The download budget of the package: the .wasm plus its JavaScript glue must stay within
// 120 KiB after gzip (level 9, what a static server with precompression would send), and the
// .wasm must really contain the SIMD gradient kernel (wasm SIMD opcodes all start with 0xfd).
// Reads the build output the package ships (build/wasm/logreg.{wasm,mjs}).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WASM = new URL('../../build/wasm/logreg.wasm', import.meta.url);
const GLUE = new URL('../../build/wasm/logreg.mjs', import.meta.url);
const BUDGET = 120 * 1024; // bytes, gzip of wasm + gzip of glue

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

test('wasm + glue fit the 120 KiB gzip budget', () => {
  const wasm = readFileSync(WASM);
  const glue = readFileSync(GLUE);
  const wasmGz = gzipSize(wasm);
  const glueGz = gzipSize(glue);
  const total = wasmGz + glueGz;
  assert.ok(
    total <= BUDGET,
    `gzip size ${kib(total)} (wasm ${kib(wasmGz)} of ${kib(wasm.length)}, glue ${kib(glueGz)} ` +
      `of ${kib(glue.length)}) exceeds the budget of ${kib(BUDGET)} by ${kib(total - BUDGET)}`,
  );
});

// ---- SIMD check ------------------------------------------------------------------------------
// With wabt installed (npm test installs it) the disassembly is authoritative: count the
// f64x2/f32x4/v128 instructions. Without it, decode the code section's framing (function bodies
// after their local declarations) and look for the 0xfd prefix followed by the LEB opcode of
// f32x4/f64x2 add, sub or mul: a byte-level scan, so at least three distinct opcodes must show up.

function readU32(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos.i++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
  }
}

function codeBodies(buf) {
  assert.equal(buf.readUInt32LE(0), 0x6d736100, 'not a wasm binary');
  const pos = { i: 8 };
  while (pos.i < buf.length) {
    const id = buf[pos.i++];
    const size = readU32(buf, pos);
    const end = pos.i + size;
    if (id === 10) {
      const bodies = [];
      const count = readU32(buf, pos);
      for (let f = 0; f < count; f++) {
        const bodySize = readU32(buf, pos);
        const bodyEnd = pos.i + bodySize;
        const groups = readU32(buf, pos);
        for (let g = 0; g < groups; g++) {
          readU32(buf, pos); // how many locals
          pos.i++; // of which value type
        }
        bodies.push(buf.subarray(pos.i, bodyEnd));
        pos.i = bodyEnd;
      }
      return bodies;
    }
    pos.i = end;
  }
  return [];
}

// SIMD opcodes ≥ 0x80 take two LEB bytes: 0xe4 → e4 01.
const SIMD_ARITH = new Map([
  [0xe4, 'f32x4.add'],
  [0xe5, 'f32x4.sub'],
  [0xe6, 'f32x4.mul'],
  [0xf0, 'f64x2.add'],
  [0xf1, 'f64x2.sub'],
  [0xf2, 'f64x2.mul'],
]);

function simdByScan(wasm) {
  const seen = {};
  for (const body of codeBodies(wasm)) {
    for (let i = 0; i + 2 < body.length; i++) {
      if (body[i] !== 0xfd || body[i + 2] !== 0x01) continue;
      const name = SIMD_ARITH.get(body[i + 1]);
      if (name) seen[name] = (seen[name] ?? 0) + 1;
    }
  }
  return seen;
}

function simdByObjdump() {
  const res = spawnSync('wasm-objdump', ['-d', fileURLToPath(WASM)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (res.error || res.status !== 0) return null;
  const seen = {};
  for (const m of res.stdout.matchAll(/\b((?:f64x2|f32x4)\.[a-z_]+)/g)) seen[m[1]] = (seen[m[1]] ?? 0) + 1;
  return seen;
}

test('the wasm contains SIMD code (0xfd-prefixed f64x2/f32x4 instructions)', () => {
  const wasm = readFileSync(WASM);
  assert.ok(WebAssembly.validate(wasm), 'the .wasm does not validate');
  const objdump = simdByObjdump();
  const seen = objdump ?? simdByScan(wasm);
  const arith = Object.keys(seen).filter((k) => /\.(add|sub|mul)$/.test(k));
  assert.ok(
    arith.length >= 3,
    `expected f64x2/f32x4 arithmetic in the code section (${objdump ? 'wasm-objdump -d' : 'byte scan'}), ` +
      `found ${JSON.stringify(seen)}`,
  );
});

test('the code-section scan agrees with the disassembler', (t) => {
  const objdump = simdByObjdump();
  if (!objdump) return t.skip('wasm-objdump (wabt) not installed');
  const scan = simdByScan(readFileSync(WASM));
  for (const name of SIMD_ARITH.values()) {
    assert.equal(Boolean(scan[name]), Boolean(objdump[name]), `${name}: scan ${scan[name]}, objdump ${objdump[name]}`);
  }
});
