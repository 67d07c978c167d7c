#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Which CSV parser should the demo page use? Measured on a generated 100 MB file (seeded: the same
// bytes every run), with the job the page's data worker does: bytes of a file → header, inferred
// column types (numeric when every present cell is a number) and the values of every column
// (numbers or strings). Candidates, each in a fresh Node process (a fresh heap, as a fresh worker):
//
//   ours      web/demo/csv.js parseCsv + web/demo/prepare.js describeColumns, then Number() per cell
//   papaparse Papa.parse (npm papaparse, strings) + the same type inference and conversion
//   papa-dyn  Papa.parse with dynamicTyping (numbers converted while parsing)
//   wasm      tests/bench/csv/csv_wasm.cpp: a C++ tokenizer with fast_float, built here with em++
//             into a temporary folder (skipped, with the reason, without em++ or libfast-float-dev)
//
// Then, on small files: RFC 4180 cases (the records each parser returns) and malformed files (what
// each says about them: the page promises the line and column). Prints Markdown tables; times are
// the best of --repeat runs, in CPU time per phase (steadier than the wall clock on a busy
// machine; the wall time of the run is shown too). Compare the ratios, not the milliseconds.
//
// Usage: node tests/bench/csv-parsers.mjs [--mb 100] [--repeat 3] [--seed 1]
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCsv, tokenize } from '../../web/demo/csv.js';
import { describeColumns, isMissing, mulberry32 } from '../../web/demo/prepare.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WASM_SOURCE = join(ROOT, 'tests/bench/csv/csv_wasm.cpp');
const FAST_FLOAT = '/usr/include/fast_float/fast_float.h';
const PARSERS = ['ours', 'papaparse', 'papa-dyn', 'wasm'];

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

// -------------------------------------------------------------------------------------------
// The test file: an id, 16 numeric columns (fixed and exponent notation, 0.5 % empty), a count,
// a category (5 words), a note (4 % quoted: doubled quotes, a comma, a line break) and a label.

async function generate(path, bytes, seed) {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  let chunk = ['id', ...Array.from({ length: 16 }, (_, j) => `x${j + 1}`), 'count', 'category', 'note', 'label'].join(',') + '\r\n';
  let written = 0;
  let rows = 0;
  while (written + chunk.length < bytes) {
    const cells = [String(rows + 1)];
    for (let j = 0; j < 16; j++) {
      const empty = random() < 0.005;
      const v = (random() - 0.5) * 10 ** (j % 4);
      cells.push(empty ? '' : j % 5 === 4 ? v.toExponential(4) : v.toFixed(2 + (j % 4)));
    }
    cells.push(String(Math.floor(random() * 1000)), words[Math.floor(random() * words.length)]);
    const r = random();
    cells.push(r < 0.03 ? '"said ""hi"", then left"' : r < 0.04 ? '"two\nlines"' : `note ${Math.floor(random() * 50)}`);
    cells.push(random() < 0.5 ? 'yes' : 'no');
    chunk += cells.join(',') + '\r\n';
    rows++;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      written += chunk.length;
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((resolve) => out.end(resolve));
  return rows;
}

// -------------------------------------------------------------------------------------------
// The wasm prototype: built with em++ (plain C exports, no JS glue), instantiated here.

function buildWasm(dir) {
  if (!existsSync(FAST_FLOAT)) return { skip: `${FAST_FLOAT} missing (apt-get install libfast-float-dev)` };
  const include = join(dir, 'include');
  execFileSync('mkdir', ['-p', include]);
  execFileSync('ln', ['-sfn', '/usr/include/fast_float', join(include, 'fast_float')]); // not all of /usr/include (TOOLCHAIN.md §2)
  const out = join(dir, 'csv.wasm');
  const run = spawnSync('em++', ['-std=c++17', '-O3', '-fno-exceptions', `-I${include}`, WASM_SOURCE, '-o', out,
    '--no-entry', '-sSTANDALONE_WASM=1', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=4GB'],
  { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' }, encoding: 'utf8' });
  if (run.error || run.status !== 0) return { skip: `em++ failed: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}` };
  return { path: out };
}

async function loadWasm(path) {
  // The C library's imports (WASI calls it never makes here) fail loudly if ever called;
  // memory growth needs no notification.
  const module = await WebAssembly.compile(readFileSync(path));
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    imports[from][name] = name === 'emscripten_notify_memory_growth' ? () => {} : () => { throw new Error(`csv.wasm called ${name}`); };
  }
  const instance = await WebAssembly.instantiate(module, imports);
  instance.exports._initialize();
  return instance.exports;
}

const WASM_ERRORS = {
  1: 'unterminated quoted field', 2: 'unexpected character after a closing quote',
  3: 'a quote inside an unquoted field', 4: 'wrong number of fields',
};

/**
 * Runs the wasm tokenizer on bytes: { rows, cols, values (row-major, NaN = not a number),
 * cell(k) → the string of cell k, lines } or throws an error naming line and column (the column
 * counted in UTF-16 code units from the line start, as web/demo/csv.js does).
 */
function wasmParse(w, bytes, delimiter = ',') {
  const p = w.csv_alloc(bytes.length);
  new Uint8Array(w.memory.buffer, p, bytes.length).set(bytes);
  try {
    const code = w.csv_parse(p, bytes.length, delimiter.charCodeAt(0));
    if (code) {
      const line = w.csv_error_line();
      const prefix = new TextDecoder().decode(bytes.subarray(w.csv_error_line_start(), w.csv_error_offset()));
      const column = code === 4 ? 1 : prefix.length + 1;
      const detail = code === 4 ? `${WASM_ERRORS[code]} (${w.csv_error_fields()})` : WASM_ERRORS[code];
      throw Object.assign(new Error(`line ${line}, column ${column}: ${detail}`), { line, column });
    }
    const rows = w.csv_rows();
    const cols = w.csv_cols();
    const values = new Float64Array(w.memory.buffer, w.csv_values(), rows * cols).slice();
    const spans = new Uint32Array(w.memory.buffer, w.csv_spans(), 2 * rows * cols).slice();
    const lines = new Uint32Array(w.memory.buffer, w.csv_lines(), rows).slice();
    const offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // Byte offsets (less the BOM, which the decoder drops) are string indices when the text is
    // ASCII (as long as the bytes); otherwise each cell is decoded on its own.
    const text = new TextDecoder().decode(bytes);
    const ascii = text.length === bytes.length - offset;
    const decoder = new TextDecoder();
    const cell = (k) => {
      const start = spans[2 * k];
      const end = spans[2 * k + 1] & 0x7fffffff;
      const s = ascii ? text.slice(start - offset, end - offset) : decoder.decode(bytes.subarray(start, end));
      return spans[2 * k + 1] & 0x80000000 ? s.replaceAll('""', '"') : s;
    };
    return { rows, cols, values, cell, lines };
  } finally {
    w.csv_free(p);
  }
}

// -------------------------------------------------------------------------------------------
// One timed run (in a child process): phases in ms, and a checksum of what came out.

/** The columns the page needs, from string rows: numeric → Float64Array, else the strings. */
function toColumns(header, rows, described) {
  return described.map((c) => (c.type === 'numeric'
    ? Float64Array.from(rows, (r) => (isMissing(r[c.index]) ? NaN : Number(r[c.index])))
    : rows.map((r) => r[c.index])));
}

function checksum(columns) {
  let sum = 0;
  let strings = 0;
  for (const column of columns) {
    if (column instanceof Float64Array) for (const v of column) sum += Number.isNaN(v) ? 0 : v;
    else for (const s of column) strings += s.length;
  }
  return `${sum.toPrecision(12)}/${strings}`;
}

// Phases are timed in CPU time of the process (user + system, garbage-collector threads
// included): on a shared machine it varies far less than the wall clock, which is reported too.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function timedRun(parser, file, wasmPath) {
  const phases = {};
  let t = cpuMs();
  const lap = (name) => {
    const now = cpuMs();
    phases[name] = (phases[name] ?? 0) + now - t;
    t = now;
  };
  const bytes = readFileSync(file);
  const wallStart = performance.now();
  t = cpuMs();
  let columns;
  let rowCount;
  if (parser === 'wasm') {
    const w = await loadWasm(wasmPath);
    lap('decode');
    const parsed = wasmParse(w, bytes);
    lap('tokenize');
    // Types: a column is numeric when every cell is a number or missing (the text of NaN cells
    // decides which); the values are already there.
    const { rows, cols, values, cell } = parsed;
    const numeric = new Array(cols).fill(true);
    for (let r = 1; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (numeric[c] && Number.isNaN(values[r * cols + c]) && !isMissing(cell(r * cols + c))) numeric[c] = false;
      }
    }
    lap('types');
    columns = [];
    for (let c = 0; c < cols; c++) {
      if (numeric[c]) columns.push(Float64Array.from({ length: rows - 1 }, (_, r) => values[(r + 1) * cols + c]));
      else columns.push(Array.from({ length: rows - 1 }, (_, r) => cell((r + 1) * cols + c)));
    }
    rowCount = rows - 1;
    lap('columns');
  } else {
    const text = new TextDecoder().decode(bytes);
    lap('decode');
    let header;
    let rows;
    let described;
    if (parser === 'ours') {
      ({ header, rows } = parseCsv(text));
      lap('tokenize');
      described = describeColumns(header, rows);
      lap('types');
      columns = toColumns(header, rows, described);
    } else {
      const Papa = createRequire(import.meta.url)('papaparse');
      const { data } = Papa.parse(text, { skipEmptyLines: true, dynamicTyping: parser === 'papa-dyn' });
      [header, ...rows] = data;
      lap('tokenize');
      if (parser === 'papa-dyn') { // numbers are numbers already; a column is numeric if all are
        const numeric = header.map((_, c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === ''));
        lap('types');
        columns = header.map((_, c) => (numeric[c]
          ? Float64Array.from(rows, (r) => (typeof r[c] === 'number' ? r[c] : NaN))
          : rows.map((r) => String(r[c]))));
      } else {
        described = describeColumns(header, rows);
        lap('types');
        columns = toColumns(header, rows, described);
      }
    }
    rowCount = rows.length;
    lap('columns');
  }
  return { phases, wall: performance.now() - wallStart, rows: rowCount, checksum: checksum(columns), heapMB: process.memoryUsage().rss / 1e6 };
}

// -------------------------------------------------------------------------------------------
// RFC 4180 cases and malformed files, on every parser.

const RFC_CASES = [
  ['CRLF records', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
  ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
  ['quoted delimiter', 'a,"b,c"\n', [['a', 'b,c']]],
  ['quoted line breaks (LF and CRLF)', '"x\ny",1\n"p\r\nq",2\n', [['x\ny', '1'], ['p\r\nq', '2']]],
  ['doubled quotes', '"say ""hi""",2\n', [['say "hi"', '2']]],
  ['empty fields', ',,\n1,,3\n', [['', '', ''], ['1', '', '3']]],
  ['a quoted empty field', '"",x\n', [['', 'x']]],
  ['spaces kept', ' a , b \n', [[' a ', ' b ']]],
  ['lone CR line ends', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
  ['byte-order mark dropped', '\uFEFFa,b\n1,2\n', [['a', 'b'], ['1', '2']]],
  ['empty lines skipped', 'a,b\n\n1,2\n\r\n', [['a', 'b'], ['1', '2']]],
];

// [name, text, line, column] of the first problem.
const BAD_CASES = [
  ['unterminated quote', 'a,b\n1,"2\n3,4\n', 2, 3],
  ['quote inside an unquoted field', 'a,b\n1,x"y\n', 2, 4],
  ['text after a closing quote', 'a,b\n"1"x,2\n', 2, 4],
  ['a short record', 'a,b\n1,2\n3\n', 3, 1],
  ['an error after a quoted line break', 'a,b\n"x\ny",2\n3,"4"5\n', 4, 6],
];

function recordsOf(parser, text, w) {
  if (parser === 'ours') return tokenize(text, ',').records;
  if (parser === 'wasm') {
    const { rows, cols, cell } = wasmParse(w, new TextEncoder().encode(text));
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r * cols + c)));
  }
  const Papa = createRequire(import.meta.url)('papaparse');
  const result = Papa.parse(text, { delimiter: ',', skipEmptyLines: true });
  if (result.errors.length) throw new Error(result.errors.map((e) => `${e.code} (record ${e.row}, character ${e.index})`).join('; '));
  return result.data;
}

/** What a parser says about a malformed file: its message, and whether it names line and column. */
function problemOf(parser, text, w) {
  try {
    if (parser === 'ours') {
      parseCsv(text, { delimiter: ',' });
    } else if (parser === 'wasm') {
      wasmParse(w, new TextEncoder().encode(text));
    } else {
      const Papa = createRequire(import.meta.url)('papaparse');
      const result = Papa.parse(text, { delimiter: ',', skipEmptyLines: true });
      const width = result.data[0]?.length;
      const ragged = result.data.findIndex((r) => r.length !== width);
      if (result.errors.length) return { message: result.errors.map((e) => `${e.code}: ${e.message} (row ${e.row}, index ${e.index})`).join('; ') };
      if (ragged > 0) return { message: `(no error; record ${ragged} has ${result.data[ragged].length} fields, found by the caller)` };
      return { message: `(no error: ${JSON.stringify(result.data)})` };
    }
    return { message: '(no error)' };
  } catch (error) {
    return { message: error.message, line: error.line, column: error.column };
  }
}

// -------------------------------------------------------------------------------------------

async function main() {
  const mb = Number(option('mb', 100));
  const repeat = Number(option('repeat', 3));
  const seed = Number(option('seed', 1));
  const dir = await mkdtemp(join(tmpdir(), 'logreg-csv-bench-'));
  try {
    const file = join(dir, 'data.csv');
    let started = performance.now();
    const rows = await generate(file, mb * 1e6, seed);
    const size = statSync(file).size;
    console.log(`Generated ${(size / 1e6).toFixed(1)} MB, ${rows} rows × 21 columns (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    started = performance.now();
    const wasm = buildWasm(dir);
    console.log(wasm.skip ? `wasm prototype skipped: ${wasm.skip}` : `Built ${WASM_SOURCE.slice(ROOT.length)} with em++ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const parsers = PARSERS.filter((p) => p !== 'wasm' || wasm.path);

    // Timed runs, interleaved (a busy machine slows them alike), best of `repeat`.
    const best = {};
    for (let r = 0; r < repeat; r++) {
      for (const parser of parsers) {
        const child = spawnSync(process.execPath, ['--max-old-space-size=8192', SELF, '--child', parser, file, wasm.path ?? ''], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`${parser} failed: ${child.stderr}`);
        const result = JSON.parse(child.stdout);
        result.total = Object.values(result.phases).reduce((a, b) => a + b, 0);
        if (!best[parser] || result.total < best[parser].total) best[parser] = result;
      }
    }
    const checksums = new Set(parsers.map((p) => `${best[p].rows}:${best[p].checksum}`));
    const w = wasm.path ? await loadWasm(wasm.path) : null;
    const rfc = Object.fromEntries(parsers.map((p) => [p.replace('papa-dyn', 'papaparse'), 0]));
    const rfcFailures = [];
    for (const parser of Object.keys(rfc)) {
      for (const [name, text, expected] of RFC_CASES) {
        let got;
        try { got = recordsOf(parser, text, w); } catch (e) { got = `error ${e.message}`; }
        if (JSON.stringify(got) === JSON.stringify(expected)) rfc[parser]++;
        else rfcFailures.push(`${parser}, ${name}: ${JSON.stringify(got)}`);
      }
    }
    const located = Object.fromEntries(Object.keys(rfc).map((p) => [p, BAD_CASES.filter(([, text, line, column]) => {
      const problem = problemOf(p, text, w);
      return problem.line === line && problem.column === column;
    }).length]));
    const sizes = {
      ours: statSync(join(ROOT, 'web/demo/csv.js')).size,
      papaparse: statSync(join(ROOT, 'node_modules/papaparse/papaparse.min.js')).size,
      wasm: wasm.path ? statSync(wasm.path).size : NaN,
    };

    const ms = (v) => (v === undefined ? '—' : `${Math.round(v).toLocaleString('en')}`);
    console.log(`\n### ${(size / 1e6).toFixed(0)} MB CSV → typed columns (best of ${repeat}; CPU ms per phase, wall ms of that run; Node ${process.version})\n`);
    console.log('| parser | decode | tokenize | types | columns | total CPU | wall | vs ours (CPU) | RFC 4180 cases | errors with line + column | code size |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const p of parsers) {
      const { phases, total, wall } = best[p];
      const family = p.replace('papa-dyn', 'papaparse');
      console.log(`| ${p} | ${ms(phases.decode)} | ${ms(phases.tokenize)} | ${ms(phases.types)} | ${ms(phases.columns)} | ${ms(total)} | ${ms(wall)} | ` +
        `${(total / best.ours.total).toFixed(2)}× | ${rfc[family]}/${RFC_CASES.length} | ${located[family]}/${BAD_CASES.length} | ${(sizes[family] / 1024).toFixed(0)} KB |`);
    }
    console.log(`\nSame rows and values from every parser: ${checksums.size === 1 ? 'yes' : `NO (${[...checksums].join(' | ')})`}. ` +
      `decode = UTF-8 bytes to a string (wasm: instantiation); tokenize = records; types = numeric or not per column; ` +
      `columns = Float64Array per numeric column, strings otherwise. Peak RSS: ${parsers.map((p) => `${p} ${Math.round(best[p].heapMB)} MB`).join(', ')}.`);
    if (rfcFailures.length) console.log(`\nRFC 4180 cases failed:\n${rfcFailures.map((f) => `- ${f}`).join('\n')}`);
    console.log('\n### Malformed files: what each parser says\n');
    console.log(`| file | expected | ${Object.keys(rfc).join(' | ')} |`);
    console.log(`|---|---|${Object.keys(rfc).map(() => '---').join('|')}|`);
    for (const [name, text, line, column] of BAD_CASES) {
      const cells = Object.keys(rfc).map((p) => problemOf(p, text, w).message.replaceAll('|', '\\|').replaceAll('\n', '\\n'));
      console.log(`| ${name} | line ${line}, column ${column} | ${cells.join(' | ')} |`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , parser, file, wasmPath] = process.argv;
  console.log(JSON.stringify(await timedRun(parser, file, wasmPath)));
} else {
  await main();
}
