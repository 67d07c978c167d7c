// SPDX-License-Identifier: MIT
// Entry for browsers, module workers and bundlers (package.json "exports" → "default").
// Top-level await: importing this module instantiates the wasm once; LogisticModel is then
// ready to use synchronously.
//
// The .wasm is located next to the glue with `new URL(literal, import.meta.url)`: browsers
// and workers resolve it against this file's URL (no configuration, never a CDN), and Vite
// recognises exactly this form, emitting the .wasm as an asset and rewriting the URL.
import createLogregModule from '../../build/wasm/logreg.mjs';
import { defineLogisticModel } from './model.js';
// Imported by model.js and metrics.js; named here too so that a browser requests it together
// with them instead of after them (one round trip less before the .wasm request, which can
// only start when this module runs).
import './values.js';

const wasm = await createLogregModule({
  locateFile: (path) =>
    path.endsWith('.wasm') ? new URL('../../build/wasm/logreg.wasm', import.meta.url).href : path,
});

export const LogisticModel = defineLogisticModel(wasm);
export * from './metrics.js';
