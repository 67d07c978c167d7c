#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The one entry point behind `npm start`, `npm test`, `npm run build`, `npm run bench`,
// `npm run build:site` and `npm run fuzz`.
// Each command first installs what is missing (Debian packages with apt-get, npm packages with
// `npm ci`), then lets CMake rebuild what is stale, then does its job. Only Node built-ins are
// used here, because this runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
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
// The libFuzzer harness of the C++ core (preset fuzz) needs Debian's clang and its runtimes.
const FUZZ_PACKAGES = [
  ['/usr/bin/clang++', 'clang'],
  ['/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a', 'libclang-rt-14-dev'],
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

/**
 * Builds and runs both fuzzers for `seconds` each: the libFuzzer harness of fit/predict
 * (tests/fuzz/fuzz_fit.cpp, ASan + UBSan; new inputs go to build/fuzz/corpus-fit, the seeds are
 * tests/fuzz/corpus/fit) and the seeded mutation fuzzer of the page's CSV reader
 * (tests/fuzz/csv.fuzz.mjs, which says why it is not libFuzzer). Findings land in
 * build/fuzz/crashes/. Returns the names of the fuzzers that found something.
 */
function fuzz(seconds) {
  cmakeBuild('fuzz', ['fuzz_fit']);
  const crashes = join(ROOT, 'build/fuzz/crashes');
  const corpus = join(ROOT, 'build/fuzz/corpus-fit');
  mkdirSync(crashes, { recursive: true });
  mkdirSync(corpus, { recursive: true });
  const failures = [];
  log(`libFuzzer: fit/predict of the C++ core, ${seconds} s`);
  const fit = run(join(ROOT, 'build/fuzz/fuzz_fit'), [
    `-max_total_time=${seconds}`, '-timeout=10', '-rss_limit_mb=2048', '-print_final_stats=1',
    `-artifact_prefix=${crashes}/`, corpus, join(ROOT, 'tests/fuzz/corpus/fit'),
  ], { allowFail: true });
  if (fit !== 0) failures.push('fuzz_fit');
  log(`CSV reader of the demo page (seeded mutation fuzzer, not libFuzzer), ${seconds} s`);
  const csv = run(process.execPath, [join(ROOT, 'tests/fuzz/csv.fuzz.mjs'), '--seconds', String(seconds), '--crashes', crashes],
    { allowFail: true });
  if (csv !== 0) failures.push('csv.fuzz');
  return failures;
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
  // Also: the Catch2 suite under AddressSanitizer + UndefinedBehaviorSanitizer (preset
  // native-sanitize, the test program only), and both fuzzers for 20 s each.
  test() {
    ensureDebianPackages([...BUILD_PACKAGES, ...TEST_PACKAGES, ...FUZZ_PACKAGES]);
    ensureNodeModules();
    cmakeBuild('native');
    cmakeBuild('native-scalar');
    cmakeBuild('native-sanitize', ['logreg_tests']);
    cmakeBuild('wasm');
    const failures = [];
    for (const preset of ['native', 'native-scalar', 'native-sanitize', 'wasm']) {
      log(`C++ tests (Catch2 via ctest), preset ${preset}`);
      if (run('ctest', ['--preset', preset], { allowFail: true }) !== 0) failures.push(`ctest ${preset}`);
    }
    failures.push(...fuzz(20));
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

  // Long fuzzing runs: `npm run fuzz -- --seconds 600` (default 300 s per fuzzer).
  fuzz() {
    ensureDebianPackages([...BUILD_PACKAGES, ...FUZZ_PACKAGES]);
    const i = process.argv.indexOf('--seconds');
    const seconds = i >= 0 ? Number(process.argv[i + 1]) : 300;
    if (!(Number.isInteger(seconds) && seconds > 0)) throw new Error(`--seconds must be a positive integer, got ${process.argv[i + 1]}`);
    const failures = fuzz(seconds);
    if (failures.length) throw new Error(`findings (see build/fuzz/crashes/): ${failures.join(', ')}`);
    log('no findings');
  },

  // Benchmarks: the gradient pass natively and as wasm under node, then the package against
  // its peers (TF.js, ml-logistic-regression, scikit-learn; writes tests/bench/results.md), then
  // the demo's CSV parser against PapaParse and a C++/fast_float wasm tokenizer on 100 MB.
  // `npm run bench -- --quick` passes --quick to the peers benchmark (fewer repetitions) and
  // makes the CSV file 20 MB with one repetition.
  bench() {
    ensureDebianPackages([...BUILD_PACKAGES, ['/usr/include/fast_float/fast_float.h', 'libfast-float-dev']]);
    ensureNodeModules();
    cmakeBuild('native', ['logreg_bench', 'logreg_bench_march_native']);
    cmakeBuild('wasm', ['logreg_bench', 'logreg_module']);
    log('gradient pass, native (g++ -O3)');
    run(join(ROOT, 'build/native/logreg_bench'), []);
    log('gradient pass, native with -march=native (calibration: this design on this CPU at best)');
    run(join(ROOT, 'build/native/logreg_bench_march_native'), []);
    log(`gradient pass, WebAssembly in Node ${process.version}`);
    run(process.execPath, [join(ROOT, 'build/wasm/logreg_bench.js')]);
    log('the package against its peers (tests/bench/peers.mjs → tests/bench/results.md)');
    run(process.execPath, [join(ROOT, 'tests/bench/peers.mjs'), ...process.argv.slice(3)]);
    log('CSV parsers on a generated file: the demo\'s csv.js, PapaParse, C++ with fast_float as wasm (tests/bench/csv-parsers.mjs)');
    const quick = process.argv.includes('--quick');
    run(process.execPath, [join(ROOT, 'tests/bench/csv-parsers.mjs'), ...(quick ? ['--mb', '20', '--repeat', '1'] : [])]);
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
