// SPDX-License-Identifier: MIT
// Module worker: trains with the same package and the same routine as the page.
// Protocol (see app.js):
//   worker → page  { type: 'ready' }                        once the package has loaded
//   page → worker  { id, X: {data, rows, cols}, labels }
//   worker → page  { id, ok: true, result } | { id, ok: false, error }
// "ready" is posted only after the static imports (and the wasm instantiation they await) have
// finished, so the page never posts a job that could arrive before the listener exists.
import { trainAndEvaluate } from './train.js';

self.addEventListener('message', (event) => {
  const { id, X, labels } = event.data;
  try {
    self.postMessage({ id, ok: true, result: trainAndEvaluate(X, labels) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

self.postMessage({ type: 'ready' });
