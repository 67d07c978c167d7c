// SPDX-License-Identifier: MIT
// A small RFC 4180 CSV reader for the demo page (no dependencies, runs in the page or a worker).
//
// What it accepts, beyond the RFC:
//   - delimiters ',' ';' or tab, detected from the first lines (or given);
//   - a UTF-8 byte-order mark at the start (dropped);
//   - CRLF, LF or a lone CR as line ends (mixed too);
//   - empty lines anywhere (skipped; a line holding only "" is a record with one empty field);
//   - a header row, detected (or forced on/off).
// Quoted fields may hold delimiters, line breaks and doubled quotes ("" → ").
// What it rejects, with a CsvError naming the 1-based line and column (characters from the
// start of that line) where the problem is: an unterminated quoted field (reported where the
// quote opened), a quote inside an unquoted field, text after a closing quote, and a record
// with a different number of fields than the first one.

/** A parse error; `line` and `column` are 1-based and point into the original text. */
export class CsvError extends Error {
  constructor(message, line, column) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'CsvError';
    this.line = line;
    this.column = column;
  }
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
export const DELIMITERS = Object.freeze([',', ';', '\t']);

/**
 * Splits `text` into records of string fields. Empty lines are skipped.
 * @param {string} text
 * @param {string} delimiter  one character
 * @param {{limit?: number, onProgress?: (done: number, total: number) => void,
 *   onRecord?: (record: string[], line: number) => void}} [options]  stop after this many records
 *   (used to sniff the delimiter); onProgress(characters read, text length) is called about every
 *   2^20 characters (the page's parsing worker reports it); onRecord sees each record as it is
 *   read (so a caller keeps the records before a CsvError)
 * @returns {{records: string[][], lines: number[]}} `lines[i]` is the line where record i starts
 */
export function tokenize(text, delimiter = ',', { limit = Infinity, onProgress = null, onRecord = null } = {}) {
  if (typeof text !== 'string') throw new TypeError('tokenize: text must be a string');
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new TypeError(`tokenize: invalid delimiter ${JSON.stringify(delimiter)}`);
  }
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0; // index of the first character of the current line
  const records = [];
  const lines = [];
  const PROGRESS_EVERY = 1 << 20;
  let nextProgress = onProgress ? PROGRESS_EVERY : Infinity;
  // Where the next delimiter, LF, CR and quote are (at or after i), found with indexOf (fast
  // native scans) and looked up again only once passed: an unquoted field then ends at the
  // nearest of the first three without a loop over its characters.
  const NONE = n; // "not found": the end of the text
  const find = (ch, from) => {
    const at = text.indexOf(ch, from);
    return at < 0 ? NONE : at;
  };
  let nextDelim = -1;
  let nextLf = -1;
  let nextCr = -1;
  let nextQuote = -1;
  let width = 0; // fields of the previous record: the next one is allocated at that size

  while (i < n && records.length < limit) {
    if (i >= nextProgress) {
      onProgress(i, n);
      nextProgress = i + PROGRESS_EVERY;
    }
    // Skip empty lines between records.
    const c0 = text.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    const record = new Array(width);
    let field = 0;
    const recordLine = line;
    for (;;) {
      // One field starts at i.
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        let value = '';
        let chunkStart = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError('unterminated quoted field (the quote opened here is never closed)', openLine, openColumn);
          // Count the line breaks inside the quoted part so later positions stay right.
          for (let k = i; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) {
              line++;
              lineStart = k + 1;
            }
          }
          if (text.charCodeAt(q + 1) === QUOTE) { // "" is an escaped quote
            value += text.slice(chunkStart, q + 1);
            i = chunkStart = q + 2;
            continue;
          }
          value += text.slice(chunkStart, q);
          i = q + 1;
          break;
        }
        record[field++] = value;
        const c = i < n ? text.charCodeAt(i) : LF;
        if (c === delim) { i++; continue; }
        if (c === LF || c === CR) break;
        throw new CsvError(`unexpected character ${JSON.stringify(text[i])} after a closing quote (expected the delimiter ${JSON.stringify(delimiter)} or a line end)`, line, i - lineStart + 1);
      }
      // An unquoted field runs to the next delimiter or line end; a quote before that is an error.
      if (nextDelim < i) nextDelim = find(delimiter, i);
      if (nextLf < i) nextLf = find('\n', i);
      if (nextCr < i) nextCr = find('\r', i);
      if (nextQuote < i) nextQuote = find('"', i);
      const end = Math.min(nextDelim, nextLf, nextCr);
      if (nextQuote < end) throw new CsvError('a quote inside an unquoted field (quote the whole field and double the inner quote: "a ""b"" c")', line, nextQuote - lineStart + 1);
      record[field++] = text.slice(i, end);
      i = end;
      if (end === nextDelim && end < n) { i++; continue; }
      break;
    }
    record.length = field;
    width = field;
    // i is at a line end or at the end of the text.
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      lineStart = i;
    }
    records.push(record);
    lines.push(recordLine);
    onRecord?.(record, recordLine);
  }
  return { records, lines };
}

/**
 * Picks the delimiter whose first records (up to 50) have a constant field count above one,
 * preferring the most fields; ',' if none does. A malformed record ends the sample of that
 * delimiter (the records before it still count), so that a bad quote early in a ';' file is
 * reported by the ';' reader, with its line and column, rather than misread with ','.
 */
export function detectDelimiter(text) {
  let best = ',';
  let bestFields = 1;
  for (const d of DELIMITERS) {
    const records = [];
    try {
      tokenize(text, d, { limit: 50, onRecord: (record) => records.push(record) });
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
    }
    if (records.length === 0) continue;
    const fields = records[0].length;
    if (fields > bestFields && records.every((r) => r.length === fields)) {
      best = d;
      bestFields = fields;
    }
  }
  return best;
}

// A plain decimal number without surrounding spaces: the common case, checked without allocating.
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True for a field that reads as a finite number ("1", "-2.5e3", " 4 "); "" and "NaN" are not. */
export function isNumeric(field) {
  if (PLAIN_NUMBER.test(field)) return Number.isFinite(Number(field)); // "1e999" is not finite
  const s = field.trim();
  return s !== '' && Number.isFinite(Number(s)) && !/^0[xob]/i.test(s.replace(/^[+-]/, ''));
}

/**
 * Decides whether the first record is a header: yes if some column is non-numeric in the first
 * record but numeric in most later ones, or if every first-record field is non-empty, distinct,
 * non-numeric and never repeated in its column below (e.g. an all-text file with a header).
 * A lone record follows the second rule: "a,b" is a header, "1,2,3" is data.
 */
export function detectHeader(records) {
  if (records.length === 0) return false;
  const first = records[0];
  const sample = records.slice(1, 101);
  for (let c = 0; c < first.length; c++) {
    if (isNumeric(first[c]) || first[c].trim() === '') continue;
    const numeric = sample.filter((r) => isNumeric(r[c] ?? '')).length;
    if (numeric > 0 && numeric >= 0.8 * sample.filter((r) => (r[c] ?? '').trim() !== '').length) return true;
  }
  const names = first.map((f) => f.trim());
  if (names.some((f) => f === '' || isNumeric(f))) return false;
  if (new Set(names).size !== names.length) return false;
  return names.every((name, c) => sample.every((r) => (r[c] ?? '').trim() !== name));
}

/**
 * Parses a CSV file into a header and rows of equal length.
 * @param {string} text
 * @param {{delimiter?: 'auto'|','|';'|'\t', header?: 'auto'|boolean, onProgress?: Function}} [options]
 *   onProgress as for tokenize
 * @returns {{header: string[], rows: string[][], lines: number[], delimiter: string, hasHeader: boolean}}
 *   `lines[i]` is the source line of rows[i]; generated names are "column 1", "column 2", …
 * @throws CsvError for malformed text, a ragged record, or a file without records.
 */
export function parseCsv(text, { delimiter = 'auto', header = 'auto', onProgress = null } = {}) {
  const d = delimiter === 'auto' ? detectDelimiter(text) : delimiter;
  const { records, lines } = tokenize(text, d, { onProgress });
  if (records.length === 0) throw new CsvError('the file holds no data', 1, 1);
  const width = records[0].length;
  for (let r = 1; r < records.length; r++) {
    if (records[r].length !== width) {
      throw new CsvError(`expected ${width} fields (as in the first record), found ${records[r].length}`, lines[r], 1);
    }
  }
  const hasHeader = header === 'auto' ? detectHeader(records) : Boolean(header);
  let names = hasHeader ? records[0].map((s) => s.trim()) : records[0].map((_, c) => `column ${c + 1}`);
  // Empty or repeated names would make the column pickers ambiguous: make them unique.
  const seen = new Map();
  names = names.map((name, c) => {
    let unique = name === '' ? `column ${c + 1}` : name;
    if (seen.has(unique)) {
      let k = 2;
      while (seen.has(`${unique} (${k})`)) k++;
      unique = `${unique} (${k})`;
    }
    seen.set(unique, true);
    return unique;
  });
  return {
    header: names,
    rows: hasHeader ? records.slice(1) : records,
    lines: hasHeader ? lines.slice(1) : lines,
    delimiter: d,
    hasHeader,
  };
}

/** Neutralises spreadsheet formulas: a cell starting with = + - @ (or tab/CR) gets a leading '. */
export function neutralizeCell(value) {
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Quotes a field when it holds the delimiter, a quote or a line break (RFC 4180). */
export function quoteField(value, delimiter = ',') {
  const s = String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes rows as CSV with CRLF line ends (RFC 4180). With `neutralize`, text cells are
 * protected against spreadsheet injection; finite numbers (e.g. -1.5) pass unchanged.
 */
export function toCsv(header, rows, { delimiter = ',', neutralize = true } = {}) {
  const cell = (v) => {
    const s = typeof v === 'number' ? String(v) : String(v ?? '');
    const safe = neutralize && !(typeof v === 'number' || isNumeric(s)) ? neutralizeCell(s) : s;
    return quoteField(safe, delimiter);
  };
  return [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}
