// SPDX-License-Identifier: MIT
// A tiny MathML builder for the formula panel of <logreg-playground>.
//
// Why MathML built with createElementNS rather than KaTeX: browsers render it natively (Chromium
// ≥ 109, Firefox, Safari), so there is no dependency, no font files and nothing to bundle; it
// never goes through innerHTML (KaTeX's output is an HTML string), sets no style attributes (so
// it works under `style-src 'self'`), and screen readers read it as mathematics. The panel only
// needs fractions, sums, sub/superscripts and numbers, which MathML Core covers.

const NS = 'http://www.w3.org/1998/Math/MathML';

/** A MathML element with children (strings become text nodes, null/false are skipped). */
export function el(tag, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export const mi = (name) => el('mi', name);
export const mo = (op) => el('mo', op);
export const row = (...children) => el('mrow', ...children);
export const sub = (base, index) => el('msub', typeof base === 'string' ? mi(base) : base, typeof index === 'string' ? el('mn', index) : index);
export const sup = (base, exponent) => el('msup', typeof base === 'string' ? mi(base) : base, typeof exponent === 'string' ? mi(exponent) : exponent);
const token = (x) => (typeof x !== 'string' ? x : /^[0-9.]+$/.test(x) ? el('mn', x) : mi(x));
export const frac = (a, b) => el('mfrac', token(a), token(b));
export const paren = (...children) => row(mo('('), ...children, mo(')'));
/** Σ with a lower index, e.g. Σᵢ. */
export const sum = (index) => el('munder', mo('∑'), mi(index));
/** ∇ with a subscript, e.g. ∇w. */
export const nabla = (index) => sub(mo('∇'), mi(index));

/** Shows x with 4 significant digits and a true minus sign; the exact value is kept in data-value. */
export function num(x) {
  const node = el('mn', formatNumber(x));
  node.dataset.value = String(x);
  return node;
}

export function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) {
    const [mantissa, exponent] = x.toExponential(2).split('e');
    return `${mantissa}×10${toSuperscript(String(Number(exponent)))}`.replaceAll('-', '−');
  }
  return String(Number(x.toPrecision(4))).replaceAll('-', '−');
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const toSuperscript = (s) => [...s].map((c) => SUPERSCRIPT[c] ?? c).join('');

/** A vector of numbers as (v₁, v₂, …); `name` tags the element for tests and styling. */
export function vector(values, name) {
  const items = [];
  Array.from(values).forEach((v, i) => {
    if (i) items.push(mo(','));
    items.push(num(v));
  });
  const node = paren(...items);
  if (name) node.dataset.name = name;
  return node;
}

/** A scalar tagged with a name. */
export function scalar(value, name) {
  const node = num(value);
  if (name) node.dataset.name = name;
  return node;
}

/** Horizontal space between the parts of a formula. */
export function mspace() {
  const node = el('mspace');
  node.setAttribute('width', '0.8em');
  return node;
}

/** An inline <math> element with display-size fractions and sums (left-aligned by the page). */
export function math(...children) {
  const node = el('math', row(...children));
  node.setAttribute('displaystyle', 'true');
  return node;
}
