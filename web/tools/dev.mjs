#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The one entry point behind `npm start`, `npm test`, `npm run build`, `npm run bench` and
// `npm run build:site`.
// Each command first installs what is missing (Debian packages with apt-get, npm packages with
// `npm ci`), then lets CMake rebuild what is stale, then does its job. Only Node built-ins are
// used here, because this runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// What the build needs from Debian, checked by a file each package installs.
const BUILD_PACKAGES = [
  ['/usr/bin/cmake', 'cmake'],
  ['/usr/bin/make', 'make'],
  ['/usr/bin/g++', 'g++'],
  ['/usr/bin/em++', 'emscripten'],
  ['/usr/include/xtensor/xtensor.hpp', 'xtensor-dev'],
  ['/usr/include/xtl/xtl_config.hpp', 'xtl-dev'],
  ['/usr/include/xsimd/xsimd.hpp', 'libxsimd-dev'],
  ['/usr/include/catch2/catch.hpp', 'catch2'],
];
// What the tests need besides: a browser for the end-to-end tests, wabt to inspect the wasm.
const TEST_PACKAGES = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/wasm-objdump', 'wabt'],
];

function log(msg) {
  console.log(`\n[logreg-wasm] ${msg}`);
}

function run(cmd, args, { env = {}, allowFail = false } = {}) {
  const res = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (res.error) throw new Error(`could not run ${cmd}: ${res.error.message}`);
  if (res.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.status}`);
  }
  return res.status;
}

function ensureDebianPackages(list) {
  const missing = [...new Set(list.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
}

function ensureNodeModules() {
  const lock = join(ROOT, 'package-lock.json');
  const stamp = join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm devDependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// Configure (cheap when nothing changed; it also re-applies the preset's cache variables)
// and build; CMake decides what is stale.
function cmakeBuild(preset, targets = []) {
  log(`building preset ${preset}${targets.length ? ` (${targets.join(', ')})` : ''}`);
  run('cmake', ['--preset', preset], { env: { NODE_PATH: '/usr/share/nodejs' } });
  const targetArgs = targets.length ? ['--target', ...targets] : [];
  run('cmake', ['--build', '--preset', preset, ...targetArgs]);
}

function findTests(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.test.js')) out.push(relative(ROOT, p));
    }
  };
  if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return out.sort();
}

const commands = {
  // Builds the native library and tests, and the wasm module, tests and benchmark.
  build() {
    ensureDebianPackages(BUILD_PACKAGES);
    cmakeBuild('native');
    cmakeBuild('wasm');
  },

  // Every test: Catch2 natively (SIMD and scalar-only builds) and as wasm under node,
  // then node --test on the package and in Chromium.
  test() {
    ensureDebianPackages([...BUILD_PACKAGES, ...TEST_PACKAGES]);
    ensureNodeModules();
    cmakeBuild('native');
    cmakeBuild('native-scalar');
    cmakeBuild('wasm');
    const failures = [];
    for (const preset of ['native', 'native-scalar', 'wasm']) {
      log(`C++ tests (Catch2 via ctest), preset ${preset}`);
      if (run('ctest', ['--preset', preset], { allowFail: true }) !== 0) failures.push(`ctest ${preset}`);
    }
    const files = [...findTests('tests/js'), ...findTests('tests/browser')];
    log(`JavaScript and browser tests (node --test): ${files.length} files`);
    if (run(process.execPath, ['--test', ...files], { allowFail: true }) !== 0) failures.push('node --test');
    if (failures.length) throw new Error(`failed: ${failures.join(', ')}`);
    log('all test suites passed');
  },

  // Builds the module and serves the repository on localhost; the demo is at /web/demo/.
  async serve() {
    ensureDebianPackages(BUILD_PACKAGES);
    cmakeBuild('wasm', ['logreg_module']);
    const { startServer } = await import('./static-server.mjs');
    const port = Number(process.env.PORT ?? 8080);
    const server = await startServer({ root: ROOT, port });
    log(`demo page: ${server.url}/web/demo/  (Ctrl+C to stop)`);
  },

  // Builds the wasm module, then the deployable static folder build/site/ (the demo page and
  // exactly the files it needs, same relative layout; publish it at any path).
  async site() {
    ensureDebianPackages(BUILD_PACKAGES);
    cmakeBuild('wasm', ['logreg_module']);
    const { buildSite } = await import('./site.mjs');
    const out = join(ROOT, 'build', 'site');
    const files = await buildSite({ root: ROOT, out });
    log(`static site: ${relative(ROOT, out)}/ (${files.length} files); the page is at web/demo/, index.html redirects there`);
  },

  // Benchmarks: the gradient pass natively and as wasm under node, then the package against
  // its peers (TF.js, ml-logistic-regression, scikit-learn; writes tests/bench/results.md).
  // `npm run bench -- --quick` passes --quick to the peers benchmark (fewer repetitions).
  bench() {
    ensureDebianPackages(BUILD_PACKAGES);
    ensureNodeModules();
    cmakeBuild('native', ['logreg_bench']);
    cmakeBuild('wasm', ['logreg_bench', 'logreg_module']);
    log('gradient pass, native (g++ -O3)');
    run(join(ROOT, 'build/native/logreg_bench'), []);
    log(`gradient pass, WebAssembly in Node ${process.version}`);
    run(process.execPath, [join(ROOT, 'build/wasm/logreg_bench.js')]);
    log('the package against its peers (tests/bench/peers.mjs → tests/bench/results.md)');
    run(process.execPath, [join(ROOT, 'tests/bench/peers.mjs'), ...process.argv.slice(3)]);
  },
};

const name = process.argv[2];
if (!commands[name]) {
  console.error(`usage: node web/tools/dev.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
try {
  await commands[name]();
} catch (err) {
  console.error(`\n[logreg-wasm] ${err.message}`);
  process.exit(1);
}
