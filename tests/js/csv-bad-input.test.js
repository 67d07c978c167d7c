// SPDX-License-Identifier: MIT
// Issue 8: the demo's CSV reader (web/demo/csv.js) and column typing (web/demo/prepare.js) on
// hostile or broken files. Errors must be CsvErrors naming the 1-based line and column; nothing
// may hang or crash. Complements tests/js/csv.test.js (RFC 4180 basics) without repeating it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { CsvError, detectHeader, isNumeric, parseCsv, tokenize } from '../../web/demo/csv.js';
import { describeColumns, prepareData } from '../../web/demo/prepare.js';

/** Asserts a CsvError with exactly this message (which starts "line L, column C: "). */
function assertCsvError(fn, line, column, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CsvError, `a CsvError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.name, 'CsvError');
    assert.equal(e.line, line, e.message);
    assert.equal(e.column, column, e.message);
    assert.equal(e.message, `line ${line}, column ${column}: ${message}`);
    return true;
  });
}

/** The character at a 1-based line and column of text (lines end at CRLF, LF or CR). */
function charAt(text, line, column) {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const lf = text.indexOf('\n', start);
    const cr = text.indexOf('\r', start);
    const next = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    start = text[next] === '\r' && text[next + 1] === '\n' ? next + 2 : next + 1;
  }
  return text[start + column - 1];
}

/** Deterministic bytes (LCG) so failures reproduce. */
function randomBytes(n, seed) {
  let s = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const UNTERMINATED = 'unterminated quoted field (the quote opened here is never closed)';
const QUOTE_INSIDE = 'a quote inside an unquoted field (quote the whole field and double the inner quote: "a ""b"" c")';
const afterQuote = (ch, d = ',') => `unexpected character ${JSON.stringify(ch)} after a closing quote (expected the delimiter ${JSON.stringify(d)} or a line end)`;

describe('CSV: empty and tiny files', () => {
  const EMPTY = [
    ['empty string', ''],
    ['only line ends', '\n\r\n\r'],
    ['only a BOM', '\uFEFF'],
    ['a BOM and CRLFs', '\uFEFF\r\n\r\n'],
  ];
  for (const [name, text] of EMPTY) {
    test(`${name}: "the file holds no data" at 1:1`, () => {
      assertCsvError(() => parseCsv(text), 1, 1, 'the file holds no data');
    });
  }

  test('a header only: the header and no rows; prepareData then says how many rows are needed', () => {
    const p = parseCsv('a,b,c\n');
    assert.deepEqual(p.header, ['a', 'b', 'c']);
    assert.deepEqual(p.rows, []);
    assert.equal(p.hasHeader, true);
    assert.throws(() => prepareData(p, { target: 'c', features: [{ name: 'a', type: 'numeric' }], missing: 'drop', testFraction: 0, seed: 1 }),
      { message: 'only 0 usable rows remain; at least 4 are needed' });
  });

  test('a single all-text record is read as a header', () => {
    assert.deepEqual(parseCsv('x,y').header, ['x', 'y']);
  });

  test('a single numeric record is data, not a header (numbers are never names, as detectHeader documents)', () => {
    const p = parseCsv('1,2,3');
    assert.equal(p.hasHeader, false);
    assert.deepEqual(p.header, ['column 1', 'column 2', 'column 3']);
    assert.deepEqual(p.rows, [['1', '2', '3']]);
  });

  test('detectHeader([]) is false and a one-text-record file is a header', () => {
    assert.equal(detectHeader([]), false);
    assert.equal(detectHeader([['name', 'age']]), true);
  });
});

describe('CSV: malformed records name line and column', () => {
  const CASES = [
    ['a short record', 'a,b\n1,2\n3\n', 3, 1, 'expected 2 fields (as in the first record), found 1'],
    ['a long record', 'a,b\n1,2\n3,4,5\n', 3, 1, 'expected 2 fields (as in the first record), found 3'],
    ['a long record after CR line ends', 'a,b\r1,2\r\r3,4,5\r', 4, 1, 'expected 2 fields (as in the first record), found 3'],
    ['a ragged record after a quoted newline', 'a,b\n"x\ny",2\n3\n', 4, 1, 'expected 2 fields (as in the first record), found 1'],
    ['an unterminated quote in the middle', 'a,b\n1,"2\n3,4\n', 2, 3, UNTERMINATED],
    ['an unterminated quote at the very end', 'a,b\n1,2\n"x', 3, 1, UNTERMINATED],
    ['an unterminated quote after a BOM', '\uFEFF"a,b\n', 1, 2, UNTERMINATED],
    ['a lone quote as the whole file', '"', 1, 1, UNTERMINATED],
    ['text after a closing quote, after a quoted CRLF', 'a,b\r\n"x\r\ny",2\r\n3,"4"5\r\n', 4, 6, afterQuote('5')],
    ['text after a closing quote, after a quoted lone CR', 'a,b\r"x\ry",2\r3,"4"5\r', 4, 6, afterQuote('5')],
    ['a quote inside an unquoted field', 'a,b\n1,x"y\n', 2, 4, QUOTE_INSIDE],
  ];
  test('text after a closing quote in a ";" file names ";" as the expected delimiter', () => {
    assertCsvError(() => parseCsv('a;b;c\n1;2;3\n"1"x;2;3\n'), 3, 4, afterQuote('x', ';'));
  });
  test('with the delimiter given, text after a closing quote names it', () => {
    assertCsvError(() => parseCsv('a;b\n"1"x;2\n', { delimiter: ';' }), 2, 4, afterQuote('x', ';'));
  });
  for (const [name, text, line, column, message] of CASES) {
    test(name, () => {
      assertCsvError(() => parseCsv(text), line, column, message);
    });
  }
  test('tokenize rejects non-strings and invalid delimiters', () => {
    assert.throws(() => tokenize(null), { name: 'TypeError', message: 'tokenize: text must be a string' });
    assert.throws(() => tokenize(new Uint8Array(3)), { name: 'TypeError', message: 'tokenize: text must be a string' });
    assert.throws(() => parseCsv('a,b\n1,2', { delimiter: ',,' }), { name: 'TypeError', message: 'tokenize: invalid delimiter ",,"' });
    assert.throws(() => parseCsv('a\n1', { delimiter: '\r' }), { name: 'TypeError', message: 'tokenize: invalid delimiter "\\r"' });
  });
});

describe('CSV: encodings, line ends and delimiters', () => {
  test('quoted newlines (LF, CRLF, CR) stay in the field and later lines stay numbered', () => {
    const p = parseCsv('a,b\n"x\ny",1\r\n"p\r\nq",2\r"r\rs",3\n4,5\n');
    assert.deepEqual(p.rows.map((r) => r[0]), ['x\ny', 'p\r\nq', 'r\rs', '4']);
    assert.deepEqual(p.lines, [2, 4, 6, 8]);
  });

  test('a BOM before a quoted header name', () => {
    const p = parseCsv('\uFEFF"a",b\n1,2\n');
    assert.deepEqual(p.header, ['a', 'b']);
  });

  test('a BOM in the middle of the file is data, not dropped', () => {
    assert.deepEqual(parseCsv('a,b\n\uFEFF1,2\n').rows, [['\uFEFF1', '2']]);
  });

  test('mixed CRLF, LF and CR give the same rows', () => {
    const rows = [['1', '2'], ['3', '4'], ['5', '6']];
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n5,6', 'a,b\r1,2\n3,4\r\n5,6\r', 'a,b\n1,2\r3,4\n5,6\n']) {
      assert.deepEqual(parseCsv(text).rows, rows, JSON.stringify(text));
    }
  });

  test('";" with decimal commas: detected as ";", and the decimal-comma column is typed categorical (not a number)', () => {
    const p = parseCsv('x;c\n1,5;a\n2,5;b\n3,5;a\n4,5;b\n5;a\n');
    assert.equal(p.delimiter, ';');
    assert.deepEqual(p.rows[0], ['1,5', 'a']);
    const [x] = describeColumns(p.header, p.rows);
    assert.equal(x.type, 'categorical');
    assert.throws(() => prepareData(p, { target: 'c', features: [{ name: 'x', type: 'numeric' }], missing: 'drop', testFraction: 0, seed: 1 }),
      { message: 'line 2, column "x": "1,5" is not a number (treat the column as categorical, or ignore it)' });
  });

  test('tab delimiter with commas inside fields', () => {
    const p = parseCsv('name\tvalue\nSmith, J\t3\nDoe, A\t4\n');
    assert.equal(p.delimiter, '\t');
    assert.deepEqual(p.rows, [['Smith, J', '3'], ['Doe, A', '4']]);
  });

  test('duplicate, empty and blank column names are made unique', () => {
    assert.deepEqual(parseCsv('a, a ,a (2),,x\n1,2,3,4,5\n').header, ['a', 'a (2)', 'a (2) (2)', 'column 4', 'x']);
  });

  test('an all-empty first record is data, the columns are named', () => {
    const p = parseCsv(',\n1,2\n');
    assert.equal(p.hasHeader, false);
    assert.deepEqual(p.header, ['column 1', 'column 2']);
    assert.deepEqual(p.rows, [['', ''], ['1', '2']]);
  });

  test('NUL and control characters are ordinary field content', () => {
    assert.deepEqual(parseCsv('a,b\n1,\u0000\u0007\n').rows, [['1', '\u0000\u0007']]);
  });

  test('non-UTF-8 bytes decoded leniently become U+FFFD and parse', () => {
    const text = new TextDecoder('utf-8').decode(Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a, 0xc3, 0x28, 0x2c, 0x32, 0x0a]));
    const p = parseCsv(text);
    assert.deepEqual(p.rows, [['\uFFFD\uFFFD', '1'], ['\uFFFD(', '2']]);
  });
});

describe('CSV: number literals and how prepare.js types their columns', () => {
  const LITERALS = [
    ['NaN', false], ['nan', false], ['Inf', false], ['Infinity', false], ['-Infinity', false],
    ['1e400', false], ['-1e400', false], ['1e-400', true], ['-0', true], ['+5', true], ['.5', true], ['5.', true],
    ['1,000', false], ['1.000,5', false], ['1 000', false], ['1_000', false], ['0x10', false], ['0b1', false], ['\u0661\u0662', false],
  ];
  for (const [s, numeric] of LITERALS) {
    test(`isNumeric(${JSON.stringify(s)}) is ${numeric}`, () => assert.equal(isNumeric(s), numeric));
  }

  test('NaN cells are missing; Infinity/1e400/thousands separators make a column categorical; -0 stays numeric', () => {
    const p = parseCsv('a,b,c,d,t\n1,1,"1,000",-0,x\nNaN,1e400,"2,000",1,y\n3,2,"3,000",2,x\nnan,Infinity,"4,000",3,y\n');
    const cols = describeColumns(p.header, p.rows);
    assert.deepEqual(cols.map((c) => [c.name, c.type, c.missing]), [
      ['a', 'numeric', 2], ['b', 'categorical', 0], ['c', 'categorical', 0], ['d', 'numeric', 0], ['t', 'categorical', 0],
    ]);
  });

  test('forcing an overflowing column numeric names the line and column of 1e400', () => {
    const p = parseCsv('x,c\n1,a\n2,b\n1e400,a\n4,b\n5,a\n');
    assert.throws(() => prepareData(p, { target: 'c', features: [{ name: 'x', type: 'numeric' }], missing: 'drop', testFraction: 0, seed: 1 }),
      { message: 'line 4, column "x": "1e400" is not a number (treat the column as categorical, or ignore it)' });
  });
});

describe('CSV: size and garbage', () => {
  test('a 1 MB field (quoted, unquoted, and with 2^18 escaped quotes) parses in well under a second', () => {
    const t0 = performance.now();
    const mb = 1 << 20;
    assert.equal(parseCsv(`a,b\n"${'x'.repeat(mb)}",1\n`).rows[0][0].length, mb);
    assert.equal(parseCsv(`a,b\n${'x'.repeat(mb)},1\n`).rows[0][0].length, mb);
    assert.equal(parseCsv(`a,b\n"${'x""'.repeat(1 << 18)}",1\n`).rows[0][0], 'x"'.repeat(1 << 18));
    assert.ok(performance.now() - t0 < 3000, `${performance.now() - t0} ms`);
  });

  test('an unterminated quote before 1 MB of text is reported where it opened, quickly', () => {
    const t0 = performance.now();
    assertCsvError(() => parseCsv(`a,b\n1,"${'x\n'.repeat(1 << 19)}`), 2, 3, UNTERMINATED);
    assert.ok(performance.now() - t0 < 3000);
  });

  test('100,000 columns: parsed and typed in seconds', () => {
    const t0 = performance.now();
    const n = 100_000;
    const line = (f) => Array.from({ length: n }, (_, i) => f(i)).join(',');
    const p = parseCsv(`${line((i) => `c${i}`)}\n${line((i) => i)}\n${line((i) => i + 1)}\n`);
    assert.equal(p.header.length, n);
    assert.equal(p.hasHeader, true);
    assert.equal(p.header[n - 1], `c${n - 1}`);
    const cols = describeColumns(p.header, p.rows);
    assert.ok(cols.every((c) => c.type === 'numeric'));
    assert.ok(performance.now() - t0 < 5000, `${performance.now() - t0} ms`);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`random bytes decoded as latin1 (seed ${seed}): parses or throws a CsvError pointing at the offending character`, () => {
      const bytes = randomBytes(50_000, seed);
      for (const text of [new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-8').decode(bytes),
        new TextDecoder('latin1').decode(bytes.map((b) => (b === 34 ? 65 : b)))]) {
        const t0 = performance.now();
        try {
          const p = parseCsv(text);
          assert.ok(Array.isArray(p.rows));
        } catch (e) {
          assert.ok(e instanceof CsvError, `${e?.constructor?.name}: ${e?.message}`);
          assert.match(e.message, /^line \d+, column \d+: /);
          const ch = charAt(text, e.line, e.column);
          if (/quote inside/.test(e.message) || /unterminated/.test(e.message)) assert.equal(ch, '"', e.message);
          else if (/after a closing quote/.test(e.message)) assert.equal(JSON.stringify(ch), e.message.match(/character (".*?"|"\\"") after/)[1]);
          else assert.match(e.message, /expected \d+ fields/);
        }
        assert.ok(performance.now() - t0 < 1000);
      }
    });
  }
});
