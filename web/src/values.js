// SPDX-License-Identifier: MIT
// Helpers shared by model.js and metrics.js: how user values are described in error messages,
// and how labels are typed and ordered (so both modules read and sort labels alike).

/** A short, unambiguous rendering of a user value for error messages. */
export function describe(value) {
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const name = value?.constructor?.name;
  const a = (word) => `${/^[AEIO]/i.test(word) ? 'an' : 'a'} ${word}`;
  if (ArrayBuffer.isView(value)) return `${a(name ?? 'typed array')} of length ${value.length ?? value.byteLength}`;
  return name && name !== 'Object' ? a(name) : 'an object';
}

export const plural = (n, word, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
export const listLabels = (labels) => `(${labels.map(describe).join(', ')})`;

/** A plain object (not an array, typed array or null). */
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);

export const isArrayLike = (v) =>
  v !== null && typeof v === 'object' && !(v instanceof DataView) &&
  typeof v.length === 'number' && Number.isSafeInteger(v.length) && v.length >= 0;

/** A typed array whose elements are numbers (every kind but BigInt64Array/BigUint64Array). */
export const isNumberArray = (v) =>
  ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);

/** 'number' (finite), 'boolean' or 'string'; null for anything that cannot be a label. */
export function labelType(value) {
  const t = typeof value;
  if (t === 'number') return Number.isFinite(value) ? 'number' : null;
  return t === 'boolean' || t === 'string' ? t : null;
}

/** Numbers ascending, false < true, strings by UTF-16 code unit (like NumPy's sort). */
export function compareLabels(a, b) {
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
