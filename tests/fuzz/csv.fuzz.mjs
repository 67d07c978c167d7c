#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A seeded mutation fuzzer for the demo page's CSV reader (web/demo/csv.js, parseCsv) — issue 8.
//
// NOT libFuzzer: the reader is JavaScript, and the libFuzzer binding for Node (@jazzer.js)
// cannot run here — its 4.x prebuilt addon needs glibc ≥ 2.38 (Debian 12 has 2.36) and 2.x
// downloads its addon from github.com at install time. So this fuzzer has no coverage
// feedback; it makes up for it with a corpus of seeds (tests/fuzz/corpus/csv/), mutations
// aimed at what a CSV reader gets wrong (quotes, delimiters, line ends, BOMs, surrogates),
// inputs that passed being kept as new seeds, and strong oracles on every input:
//   1. parseCsv either returns or throws a CsvError whose line/column are 1-based integers
//      inside the text and point at the character the message talks about (the opening or
//      stray quote, the character after a closing quote, column 1 for a ragged record);
//      any other exception is a finding;
//   2. a success is well-formed: every row has header.length string fields, header names are
//      unique and non-empty, row lines are increasing;
//   3. round trip: the rows (and header) written back with RFC 4180 quoting and re-parsed with
//      the same delimiter and header setting are identical;
//   4. differential: for each delimiter, tokenize's records equal those of an independent
//      character-by-character reader of the same grammar (below), and both reject the same texts;
//   5. bounded time: the parse runs in a worker; a parse that takes longer than --timeout
//      seconds (default 10; inputs are ≤ 16 Ki characters) is reported as a hang, with its input.
// A finding is written to --crashes (default build/fuzz/crashes/) and the exit code is 1.
//
// Usage: node tests/fuzz/csv.fuzz.mjs [--seconds 20] [--seed 1] [--timeout 10] [--crashes dir]
//        node tests/fuzz/csv.fuzz.mjs --replay file…   (re-runs the oracles on saved inputs:
//        a .json file holds one JSON string, as findings are saved; any other file is the text)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { CsvError, DELIMITERS, parseCsv, tokenize } from '../../web/demo/csv.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = join(ROOT, 'tests/fuzz/corpus/csv');
const MAX_LENGTH = 1 << 14; // short inputs: more of them per second; length is not what breaks a reader

// ---- the oracles ----------------------------------------------------------------------------

/** The text of each line (lines end at CRLF, LF or a lone CR, as the reader counts them). */
function splitLines(text) {
  return text.split(/\r\n|\n|\r/);
}

/** RFC 4180 writing, plus the reader's two extensions: an empty lone field is written "" (an
 *  empty line is skipped) and a field starting with a BOM is quoted (a leading BOM is dropped). */
function writeCsv(records, delimiter) {
  const field = (s, lone) => (s.includes(delimiter) || /["\r\n]/.test(s) || s.startsWith('\uFEFF') || (lone && s === '')
    ? `"${s.replaceAll('"', '""')}"` : s);
  return records.map((r) => r.map((s) => field(s, r.length === 1)).join(delimiter)).join('\r\n');
}

class Finding extends Error {}

function expect(condition, message) {
  if (!condition) throw new Finding(message);
}

function checkError(e, text) {
  expect(e instanceof CsvError, `threw ${e?.constructor?.name ?? typeof e}: ${e?.message ?? e}`);
  const { line, column } = e;
  expect(Number.isInteger(line) && line >= 1 && Number.isInteger(column) && column >= 1,
    `CsvError position ${line}:${column} is not 1-based integers`);
  expect(e.message.startsWith(`line ${line}, column ${column}: `), `CsvError message without its position: ${e.message}`);
  const lines = splitLines(text);
  expect(line <= lines.length, `CsvError line ${line} beyond the ${lines.length} lines`);
  const at = lines[line - 1][column - 1];
  const what = e.message.slice(`line ${line}, column ${column}: `.length);
  if (what.startsWith('unterminated quoted field') || what.startsWith('a quote inside')) {
    expect(at === '"', `'${what}' at ${line}:${column}, where the text holds ${JSON.stringify(at)}`);
  } else if (what.startsWith('unexpected character')) {
    expect(what.startsWith(`unexpected character ${JSON.stringify(at)} after a closing quote`),
      `'${what}' at ${line}:${column}, where the text holds ${JSON.stringify(at)}`);
  } else if (what.startsWith('expected ') || what === 'the file holds no data') {
    expect(column === 1, `'${what}' at column ${column}`);
  } else {
    expect(false, `unknown CsvError: ${e.message}`);
  }
}

function checkParsed(p, options) {
  const width = p.header.length;
  expect(width >= 1, 'an empty header');
  expect(new Set(p.header).size === width && p.header.every((h) => typeof h === 'string' && h !== ''),
    `header names not unique and non-empty: ${JSON.stringify(p.header)}`);
  expect(p.rows.length === p.lines.length, 'rows and lines differ in length');
  p.rows.forEach((r, i) => {
    expect(r.length === width && r.every((s) => typeof s === 'string'), `row ${i} has ${r.length} fields, not ${width}`);
    expect(Number.isInteger(p.lines[i]) && p.lines[i] >= 1 && (i === 0 || p.lines[i] > p.lines[i - 1]),
      `line numbers not increasing at row ${i}`);
  });
  // Round trip, with the delimiter and header decision of the first parse.
  const records = p.hasHeader ? [p.header, ...p.rows] : p.rows;
  if (records.length === 0) return;
  const again = parseCsv(writeCsv(records, p.delimiter), { delimiter: p.delimiter, header: p.hasHeader });
  expect(JSON.stringify(again.rows) === JSON.stringify(p.rows), `round trip changed the rows (${JSON.stringify(options)})`);
  if (p.hasHeader) expect(JSON.stringify(again.header) === JSON.stringify(p.header), 'round trip changed the header');
}

/** The reference reader: the grammar of csv.js's header comment as a plain state machine, one
 *  character at a time. Records of strings, or null where csv.js must throw a CsvError. */
function referenceRecords(text, d) {
  const records = [];
  let record = null;
  let field = '';
  let state = 'line'; // line (between records) | field (start) | plain | quoted | closed
  const endRecord = (i) => {
    record.push(field);
    records.push(record);
    state = 'line';
    return text[i] === '\r' && text[i + 1] === '\n' ? i + 1 : i;
  };
  for (let i = text[0] === '\uFEFF' ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'line') {
      if (c === '\n' || c === '\r') continue;
      record = [];
      state = 'field';
    }
    if (state === 'field') {
      field = '';
      state = c === '"' ? 'quoted' : 'plain';
      if (c === '"') continue;
    }
    if (state === 'plain') {
      if (c === d) { record.push(field); state = 'field'; } else if (c === '\n' || c === '\r') i = endRecord(i);
      else if (c === '"') return null;
      else field += c;
    } else if (state === 'quoted') {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else state = 'closed';
    } else if (c === d) { // closed
      record.push(field);
      state = 'field';
    } else if (c === '\n' || c === '\r') i = endRecord(i);
    else return null;
  }
  if (state === 'quoted') return null;
  if (state !== 'line') { if (state === 'field') field = ''; endRecord(text.length); }
  return records;
}

function checkTokens(text) {
  for (const d of DELIMITERS) {
    const expected = referenceRecords(text, d);
    let records = null;
    try {
      records = tokenize(text, d).records;
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
    }
    expect(JSON.stringify(records) === JSON.stringify(expected),
      `tokenize(${JSON.stringify(d)}) gives ${JSON.stringify(records)?.slice(0, 200)}, the reference reader ${JSON.stringify(expected)?.slice(0, 200)}`);
  }
}

const OPTION_SETS = [{}, { delimiter: ',' }, { delimiter: ';', header: true }, { delimiter: '\t', header: false }];

/** Runs every oracle on text; returns null or the finding's message. */
export function check(text) {
  try {
    checkTokens(text);
  } catch (f) {
    return f instanceof Finding ? f.message : `tokenize threw ${f?.name}: ${f?.message}`;
  }
  for (const options of OPTION_SETS) {
    let p;
    try {
      p = parseCsv(text, options);
    } catch (e) {
      try {
        checkError(e, text);
      } catch (f) {
        return `${f.message} (options ${JSON.stringify(options)})`;
      }
      continue;
    }
    try {
      checkParsed(p, options);
    } catch (f) {
      return f instanceof Finding ? f.message : `round trip threw ${f?.name}: ${f?.message}`;
    }
  }
  return null;
}

// ---- the mutator (seeded, reproducible) -----------------------------------------------------

function rng(seed) {
  let s = (seed >>> 0) || 1;
  return (n) => { // uniform integer in [0, n)
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s % n;
  };
}

const TOKENS = ['"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '\uFEFF', ' ', '"a,b"', '"x\ny"', 'NaN', '1e400',
  '-0', '1,5', '\u0000', '\uD800', '\uDC00', '😀', 'é', '\u2028', '=1+2', 'a""b', '\\', ',,', '""""'];

function mutate(text, pool, r) {
  const at = () => r(text.length + 1);
  switch (r(9)) {
    case 0: { const i = at(); return text.slice(0, i) + TOKENS[r(TOKENS.length)] + text.slice(i); }
    case 1: { const i = at(); return text.slice(0, i) + text.slice(i + 1 + r(8)); } // delete
    case 2: { const i = at(); return text.slice(0, i) + TOKENS[r(TOKENS.length)] + text.slice(i + 1); } // replace
    case 3: { const i = at(); const j = i + r(32); return text.slice(0, j) + text.slice(i, j) + text.slice(j); } // duplicate
    case 4: { const other = pool[r(pool.length)]; const i = at(); return text.slice(0, i) + other.slice(r(other.length + 1)); } // splice
    case 5: return text.slice(0, at()); // truncate
    case 6: { const i = at(); return text.slice(0, i) + String.fromCharCode(r(0x10000)) + text.slice(i); } // any UTF-16 unit
    case 7: { // repeat a line many times (long files, many records)
      const lines = text.split('\n');
      const k = r(lines.length);
      lines.splice(k, 0, ...Array(1 + r(200)).fill(lines[k]));
      return lines.join('\n');
    }
    default: { const i = at(); return text.slice(0, i) + 'x'.repeat(r(2000)) + text.slice(i); } // a long field
  }
}

// ---- the worker: fuzz until told, report progress, save nothing itself ------------------------

function fuzzLoop({ seeds, seed, seconds, shared }) {
  const r = rng(seed);
  const pool = [...seeds];
  const current = new Int32Array(shared); // [length, …UTF-16 units] of the input being parsed
  const deadline = Date.now() + seconds * 1000;
  let runs = 0;
  const started = Date.now();
  while (Date.now() < deadline) {
    let text = pool[r(pool.length)];
    for (let k = 1 + r(6); k > 0; k--) text = mutate(text, pool, r);
    if (text.length > MAX_LENGTH) text = text.slice(0, MAX_LENGTH);
    current[0] = text.length;
    for (let i = 0; i < text.length; i++) current[i + 1] = text.charCodeAt(i);
    Atomics.add(current, MAX_LENGTH + 1, 1); // heartbeat
    const finding = check(text);
    runs++;
    if (finding) return { runs, finding, text };
    if (pool.length < 2000 && r(16) === 0) pool.push(text); // keep some inputs as new seeds
  }
  return { runs, ms: Date.now() - started, pool: pool.length };
}

if (!isMainThread) {
  parentPort.postMessage(fuzzLoop(workerData));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}

async function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const crashes = arg('crashes', join(ROOT, 'build/fuzz/crashes'));
  if (argv.includes('--replay')) {
    let bad = 0;
    for (const file of argv.slice(argv.indexOf('--replay') + 1)) {
      const raw = readFileSync(file, 'utf8');
      const finding = check(file.endsWith('.json') ? JSON.parse(raw) : raw);
      console.log(`${file}: ${finding ?? 'ok'}`);
      if (finding) bad++;
    }
    process.exit(bad ? 1 : 0);
  }
  const seconds = Number(arg('seconds', 20));
  const seed = Number(arg('seed', Date.now() % 1e9));
  const timeout = Number(arg('timeout', 10));
  const seeds = readdirSync(SEEDS).sort().map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  console.log(`csv.fuzz: ${seeds.length} seeds from ${SEEDS}, seed ${seed}, ${seconds} s (not libFuzzer: a seeded mutation fuzzer, see the header)`);
  for (const text of seeds) {
    const finding = check(text);
    if (finding) fail({ finding, text }, crashes);
  }
  const shared = new SharedArrayBuffer(4 * (MAX_LENGTH + 2));
  const current = new Int32Array(shared);
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { seeds, seed, seconds, shared } });
  const result = await new Promise((resolve, reject) => {
    let beat = -1;
    let still = 0;
    const watch = setInterval(() => { // a parse that does not return is a hang
      const now = Atomics.load(current, MAX_LENGTH + 1);
      still = now === beat ? still + 1 : 0;
      beat = now;
      if (still >= timeout) {
        clearInterval(watch);
        let text = '';
        for (let i = 1; i <= current[0]; i += 4096) text += String.fromCharCode(...current.subarray(i, Math.min(i + 4096, 1 + current[0])));
        worker.terminate();
        resolve({ finding: `no result after ${timeout} s (a hang)`, text });
      }
    }, 1000);
    worker.on('message', (m) => { clearInterval(watch); resolve(m); });
    worker.on('error', (e) => { clearInterval(watch); reject(e); });
  });
  if (result.finding) fail(result, crashes);
  console.log(`csv.fuzz: ${result.runs} inputs in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.runs / (result.ms / 1000))}/s), ` +
    `${result.pool} in the pool, no finding`);
  await worker.terminate();
}

function fail({ finding, text }, crashes) {
  mkdirSync(crashes, { recursive: true });
  // JSON keeps lone surrogates, which a UTF-8 file would replace.
  const file = join(crashes, `csv-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(text));
  console.error(`csv.fuzz: FINDING: ${finding}\n  input (${text.length} chars) saved to ${file}\n  ${JSON.stringify(text.slice(0, 500))}`);
  process.exit(1);
}
