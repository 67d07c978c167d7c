// SPDX-License-Identifier: MIT
// Runs the README's usage example exactly as written and checks that what it prints is what
// the README's comments say it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/<!-- readme-example[^>]*-->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has its runnable examples', () => {
  assert.ok(blocks.length >= 4, `found ${blocks.length} marked blocks`);
});

blocks.forEach((code, index) => test(`README example ${index + 1} runs and prints what its comments claim`, () => {
  assert.match(code, /from 'logreg-wasm'/);
  // Inside the package folder, 'logreg-wasm' resolves to this package (self-reference via "exports").
  mkdirSync(`${root}build`, { recursive: true });
  const file = `${root}build/readme-example-${index + 1}.mjs`;
  writeFileSync(file, code);
  const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n');
  // Each console.log line ends with `// what it prints`; in a loop, the runs are separated by ' | '.
  const claimed = code
    .split('\n')
    .filter((line) => line.includes('console.log('))
    .flatMap((line) => line.slice(line.lastIndexOf('// ') + 3).trim().split(' | '));
  assert.equal(printed.length, claimed.length);
  assert.deepEqual(printed, claimed);
}));
