// SPDX-License-Identifier: MIT
// Builds the deployable static folder build/site/: exactly the files the demo page needs, in the
// same relative layout as in the repository, so every relative URL of the page (and of the
// package's `new URL('../../build/wasm/logreg.wasm', import.meta.url)`) resolves unchanged:
//
//   build/site/index.html              redirects (relative URL) to web/demo/
//   build/site/web/demo/**             the page, its modules, workers, styles and example data
//   build/site/web/widget/**           <logreg-playground>: the element, its stylesheet, the iframe
//                                      page, the guide for course authors and the sample lesson
//   build/site/web/src/*.js            the package's browser modules (not node.js, not .d.ts)
//   build/site/build/wasm/logreg.mjs   the Emscripten glue
//   build/site/build/wasm/logreg.wasm
//
// The folder can be published at any path (a sub-path of a host included): nothing in it uses
// an absolute URL. `node web/tools/dev.mjs site` builds the wasm module first, then calls this.
// Only Node built-ins are used.
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>logreg-wasm demo</title>
  <link rel="icon" href="data:,">
  <meta http-equiv="refresh" content="0; url=web/demo/">
</head>
<body>
  <p><a href="web/demo/">Open the logistic regression demo</a>.</p>
  <p>For course authors: <a href="web/widget/">the &lt;logreg-playground&gt; lesson widget</a> and
    <a href="web/widget/lesson.html">a sample lesson</a>.</p>
</body>
</html>
`;

/**
 * Copies the page's files into `out` (emptied first).
 * @param {{root?: string, out?: string}} [options]
 * @returns {Promise<string[]>} the copied files, relative to `out`, sorted
 */
export async function buildSite({ root = ROOT, out = join(root, 'build', 'site') } = {}) {
  const wasm = ['build/wasm/logreg.mjs', 'build/wasm/logreg.wasm'];
  const missing = wasm.filter((file) => !existsSync(join(root, file)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: build the wasm module first (npm run build)`);
  await rm(out, { recursive: true, force: true });
  const files = [];
  const copy = async (rel) => {
    await mkdir(join(out, rel, '..'), { recursive: true });
    await cp(join(root, rel), join(out, rel));
    files.push(rel);
  };
  const walk = async (dir) => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) await copy(rel);
    }
  };
  await walk('web/demo');
  await walk('web/widget');
  for (const entry of await readdir(join(root, 'web/src'), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.js') && entry.name !== 'node.js') await copy(`web/src/${entry.name}`);
  }
  for (const file of wasm) await copy(file);
  await writeFile(join(out, 'index.html'), INDEX_HTML);
  files.push('index.html');
  return files.sort();
}
