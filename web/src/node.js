// SPDX-License-Identifier: MIT
// Entry for Node (package.json "exports" → "node"). Top-level await: importing this module
// instantiates the wasm once.
//
// The glue is built for web and worker only (ENVIRONMENT=web,worker keeps Node-specific
// code such as __dirname and process handlers out of the ES module), and Node's fetch()
// cannot load file: URLs, so the bytes are read here and handed over as wasmBinary.
import { readFile } from 'node:fs/promises';

import createLogregModule from '../../build/wasm/logreg.mjs';
import { defineLogisticModel } from './model.js';

const wasm = await createLogregModule({
  wasmBinary: await readFile(new URL('../../build/wasm/logreg.wasm', import.meta.url)),
});

export const LogisticModel = defineLogisticModel(wasm);
export * from './metrics.js';
