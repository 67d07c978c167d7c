// SPDX-License-Identifier: MIT
// Unit tests of the demo's CSV reader (web/demo/csv.js): RFC 4180 quoting, delimiters, BOM,
// line ends, empty lines, header detection, error positions, and the writer's formula guard.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  CsvError, detectDelimiter, detectHeader, isNumeric, neutralizeCell, parseCsv, tokenize, toCsv,
} from '../../web/demo/csv.js';

const fields = (text, d = ',') => tokenize(text, d).records;

/** Asserts that `fn` throws a CsvError at line:column whose message matches `pattern`. */
function assertCsvError(fn, line, column, pattern) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof CsvError, `a CsvError, got ${error}`);
    assert.equal(error.line, line, `line of: ${error.message}`);
    assert.equal(error.column, column, `column of: ${error.message}`);
    assert.match(error.message, new RegExp(`^line ${line}, column ${column}: `));
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('tokenize', () => {
  test('plain fields, empty fields and a trailing delimiter', () => {
    assert.deepEqual(fields('a,b,c\n1,,3\n,,\n'), [['a', 'b', 'c'], ['1', '', '3'], ['', '', '']]);
    assert.deepEqual(fields('a,b,'), [['a', 'b', '']]);
  });

  test('quoted fields hold delimiters, doubled quotes and line breaks', () => {
    const text = 'name,note\n"Smith, J.","said ""hi""\nand left"\n"",x\n';
    assert.deepEqual(fields(text), [['name', 'note'], ['Smith, J.', 'said "hi"\nand left'], ['', 'x']]);
    assert.deepEqual(fields('"a\r\nb",c\r\n'), [['a\r\nb', 'c']]);
  });

  test('CRLF, LF and lone CR line ends, and a missing final line end', () => {
    assert.deepEqual(fields('a,b\r\n1,2\r\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(fields('a,b\r1,2\n3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  test('empty lines are skipped and records remember their start line', () => {
    const { records, lines } = tokenize('\n\na,b\r\n\r\n1,"x\ny"\n\n2,3\n\n');
    assert.deepEqual(records, [['a', 'b'], ['1', 'x\ny'], ['2', '3']]);
    assert.deepEqual(lines, [3, 5, 8]);
  });

  test('a byte-order mark is dropped', () => {
    assert.deepEqual(fields('\uFEFFa,b\n1,2'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(fields('\uFEFF"a",b'), [['a', 'b']]);
  });

  test('semicolon and tab delimiters', () => {
    assert.deepEqual(fields('a;b\n"1;5";2', ';'), [['a', 'b'], ['1;5', '2']]);
    assert.deepEqual(fields('a\tb\n1,5\t2', '\t'), [['a', 'b'], ['1,5', '2']]);
  });

  test('an unterminated quote is reported where it opened', () => {
    assertCsvError(() => tokenize('a,b\n1,"oops\n2,3\n'), 2, 3, /unterminated quoted field/);
  });

  test('text after a closing quote names its line and column, after quoted line breaks', () => {
    assertCsvError(() => tokenize('a,b\n"x\ny"z,1\n'), 3, 3, /after a closing quote/);
  });

  test('a quote inside an unquoted field', () => {
    assertCsvError(() => tokenize('a,b\r\n1,ab"c\r\n'), 2, 5, /quote inside an unquoted field/);
  });

  test('rejects an invalid delimiter', () => {
    assert.throws(() => tokenize('a', '"'), TypeError);
    assert.throws(() => tokenize('a', ',,'), TypeError);
  });
});

describe('detectDelimiter and detectHeader', () => {
  test('picks the delimiter giving a constant field count', () => {
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(detectDelimiter('a;b;c\n1,5;2,5;3\n'), ';');
    assert.equal(detectDelimiter('a\tb\n"x,y"\t2\n'), '\t');
    assert.equal(detectDelimiter('single\n1\n'), ',');
  });

  test('header when a text cell heads a numeric column, or all-text distinct names', () => {
    assert.equal(detectHeader([['x', 'y'], ['1', '2'], ['3', '4']]), true);
    assert.equal(detectHeader([['1', '2'], ['3', '4']]), false);
    assert.equal(detectHeader([['a', 'b'], ['c', 'd']]), true);
    assert.equal(detectHeader([['a', 'b'], ['a', 'd']]), false);
    assert.equal(detectHeader([['red', '1'], ['blue', '2']]), false);
  });

  test('isNumeric', () => {
    for (const s of ['1', '-2.5', ' 3e4 ', '+.5']) assert.equal(isNumeric(s), true, s);
    for (const s of ['', ' ', 'NaN', 'Infinity', 'abc', '0x10', '1,5']) assert.equal(isNumeric(s), false, s);
    // The allocation-free fast path for plain numbers gives the answers of the general rule
    // (a trimmed, finite Number(), not hex/octal/binary).
    const general = (f) => { const t = f.trim(); return t !== '' && Number.isFinite(Number(t)) && !/^0[xob]/i.test(t.replace(/^[+-]/, '')); };
    for (const s of ['1.', '.5', '-.5e-3', '+0', '-0', '007', '1e999', '-1e999', '1e-400', '1.5E+10', '.', '-', '+', 'e5', '1e', '1.2.3', '--1', '1 2', '0b1', '0o7', '\u00a01', '1\t']) {
      assert.equal(isNumeric(s), general(s), JSON.stringify(s));
    }
  });
});

describe('parseCsv', () => {
  test('header, rows, lines and the detected delimiter', () => {
    const parsed = parseCsv('\uFEFFx;y;label\r\n1,5;2;"a;b"\r\n\r\n3;4;c\r\n');
    assert.equal(parsed.delimiter, ';');
    assert.equal(parsed.hasHeader, true);
    assert.deepEqual(parsed.header, ['x', 'y', 'label']);
    assert.deepEqual(parsed.rows, [['1,5', '2', 'a;b'], ['3', '4', 'c']]);
    assert.deepEqual(parsed.lines, [2, 4]);
  });

  test('without a header the columns are named', () => {
    const parsed = parseCsv('1,2\n3,4\n');
    assert.equal(parsed.hasHeader, false);
    assert.deepEqual(parsed.header, ['column 1', 'column 2']);
    assert.equal(parsed.rows.length, 2);
    assert.equal(parseCsv('1,2\n3,4\n', { header: true }).rows.length, 1);
  });

  test('empty and repeated header names are made unique', () => {
    assert.deepEqual(parseCsv('a,,a,a\n1,2,3,4\n').header, ['a', 'column 2', 'a (2)', 'a (3)']);
  });

  test('a ragged record names its line', () => {
    assertCsvError(() => parseCsv('a,b\n1,2\n\n3\n'), 4, 1, /expected 2 fields.*found 1/);
  });

  test('an empty file', () => {
    assertCsvError(() => parseCsv('\uFEFF\r\n\n'), 1, 1, /no data/);
  });

  test('a generated 10 MB file parses quickly and exactly', (t) => {
    const cols = 10;
    const rowCount = 150_000;
    const parts = ['a,b,c,d,e,f,g,h,note,label\n'];
    for (let r = 0; r < rowCount; r++) {
      const values = [];
      for (let c = 0; c < cols - 2; c++) values.push(((r * 7919 + c * 104729) % 100000) / 1000);
      values.push(r % 10 === 0 ? '"quoted, with ""quotes"""' : 'plain');
      values.push(r % 2 ? 'yes' : 'no');
      parts.push(values.join(','), r % 3 ? '\n' : '\r\n');
    }
    const text = parts.join('');
    const started = performance.now();
    const parsed = parseCsv(text);
    const ms = performance.now() - started;
    t.diagnostic(`parsed ${(text.length / 1e6).toFixed(1)} MB (${rowCount} rows × ${cols}) in ${ms.toFixed(0)} ms`);
    assert.ok(text.length > 5e6);
    assert.equal(parsed.rows.length, rowCount);
    assert.equal(parsed.rows[10][8], 'quoted, with "quotes"');
    assert.equal(parsed.rows[rowCount - 1][9], 'yes');
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});

describe('toCsv', () => {
  test('quotes what needs quoting and round-trips through parseCsv', () => {
    const header = ['name', 'note', 'p'];
    const rows = [['Smith, J.', 'said "hi"\nand left', 0.25], ['x', '', -1.5]];
    const text = toCsv(header, rows);
    assert.equal(text.split('\r\n')[1], '"Smith, J.","said ""hi""\nand left",0.25');
    const back = parseCsv(text);
    assert.deepEqual(back.header, header);
    assert.deepEqual(back.rows, rows.map((r) => r.map(String)));
  });

  test('neutralizes spreadsheet formulas but not numbers', () => {
    assert.equal(neutralizeCell('=SUM(A1)'), "'=SUM(A1)");
    for (const s of ['+1+1', '-cmd', '@x']) assert.equal(neutralizeCell(s), `'${s}`);
    assert.equal(neutralizeCell('plain'), 'plain');
    const text = toCsv(['a', 'b'], [['=1+2', -3], ['@SUM(1)', '-2.5']]);
    assert.equal(text, "a,b\r\n'=1+2,-3\r\n'@SUM(1),-2.5\r\n");
  });
});

// The demo's data preparation (web/demo/prepare.js) is the CSV reader's one consumer; its pure
// functions are tested here too (this is the demo's only Node test file).
describe('prepareData (web/demo/prepare.js)', async () => {
  const { describeColumns, encodeRows, prepareData, shuffledIndices, syntheticCsv } = await import('../../web/demo/prepare.js');
  const text = 'x,colour,y\n1,red,a\n2,,b\n,blue,a\n4,green,b\n5,red,\n6,blue,b\n7,green,a\n8,red,b\nNA,blue,a\n10,green,b\n';
  const parsed = parseCsv(text);
  const features = [{ name: 'x', type: 'numeric' }, { name: 'colour', type: 'categorical', reference: 'green' }];

  test('describeColumns infers types and counts missing cells', () => {
    const columns = describeColumns(parsed.header, parsed.rows);
    assert.deepEqual(columns.map((c) => [c.name, c.type, c.missing, c.distinct]),
      [['x', 'numeric', 2, 8], ['colour', 'categorical', 1, 3], ['y', 'categorical', 1, 2]]);
    assert.deepEqual(columns[1].levels, ['blue', 'green', 'red']);
  });

  test('imputes from the training rows, one-hot encodes against the reference level, reports it', () => {
    const { encoder, train, test: testSet, report } = prepareData(parsed, { target: 'y', features, missing: 'impute', testFraction: 0.25, seed: 3 });
    assert.deepEqual(encoder.columns.map((c) => c.label), ['x', 'colour = blue', 'colour = red']);
    assert.equal(train.y.length + testSet.y.length, 9, 'the row without a target is left out');
    assert.deepEqual([...train.rows, ...testSet.rows].sort((a, b) => a - b), [0, 1, 2, 3, 5, 6, 7, 8, 9]);
    const xs = train.rows.map((r) => parsed.rows[r][0]).filter((v) => v !== '' && v !== 'NA').map(Number);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.equal(encoder.features[0].fill, mean);
    assert.match(report.join(' '), /1 row without a value of "y" left out/);
    assert.match(report.join(' '), /"x": 2 missing values replaced by the training mean/);
    assert.match(report.join(' '), /"colour": 1 missing value replaced by the most frequent level/);
    // Row 0 (x = 1, red): [1, 0, 1] wherever it landed.
    const set = train.rows.includes(0) ? train : testSet;
    const i = set.rows.indexOf(0);
    assert.deepEqual(Array.from(set.X.data.subarray(i * 3, i * 3 + 3)), [1, 0, 1]);
  });

  test('drop mode removes rows with a missing feature; the split is seeded', () => {
    const config = { target: 'y', features, missing: 'drop', testFraction: 0.25, seed: 9 };
    const a = prepareData(parsed, config);
    assert.equal(a.train.y.length + a.test.y.length, 6);
    assert.match(a.report.join(' '), /3 rows with a missing feature value dropped/);
    assert.deepEqual(prepareData(parsed, config).test.rows, a.test.rows);
    assert.deepEqual(shuffledIndices(10, 1), shuffledIndices(10, 1));
    assert.notDeepEqual(shuffledIndices(10, 1), shuffledIndices(10, 2));
  });

  test('errors name the line and column', () => {
    const bad = parseCsv('x,y\n1,a\n2,b\nabc,a\n4,b\n5,a\n');
    assert.throws(() => prepareData(bad, { target: 'y', features: [{ name: 'x', type: 'numeric' }], missing: 'impute', testFraction: 0.2, seed: 1 }),
      /line 4, column "x": "abc" is not a number/);
    const { encoder } = prepareData(parsed, { target: 'y', features, missing: 'impute', testFraction: 0.2, seed: 1 });
    const fresh = parseCsv('x,colour\n1,red\n2,purple\n');
    assert.throws(() => encodeRows(encoder, fresh.header, fresh.rows, [0, 1], fresh.lines), /line 3, column "colour": the value "purple" was not seen/);
  });

  test('the synthetic example is reproducible', () => {
    assert.equal(syntheticCsv(7, 300), syntheticCsv(7, 300));
    const synthetic = parseCsv(syntheticCsv(7, 300));
    assert.deepEqual(synthetic.header, ['x1', 'x2', 'class']);
    assert.equal(synthetic.rows.length, 300);
  });
});
