// SPDX-License-Identifier: MIT
// Service worker of the demo page: once the page has been loaded, it works offline.
//
// Registered by app.js with a relative URL, so its scope is the page's folder wherever the site is
// published (a sub-path included); every URL here is relative to this file.
//
// What it does with a request (GET, same origin only; anything else, cross-origin requests
// above all, is left alone: no respondWith, never cached): cache first, for the page itself as
// for its modules, workers, styles, the wasm and the example data; a file that is not cached is
// fetched from the network (and then cached).
//
// Caches are "generations": a cache named `${VERSION}/${time}` holding every file below (all
// fetched by one install or one refresh) plus a marker entry written last, so that only a
// complete generation is ever used. Files are served from the oldest complete generation, so
// the page and every file it loads later (a worker restarted after Cancel, the package loaded
// by a worker) are always of one version.
// How updates are picked up (the same for `npm start` and for a deployment):
//   1. On each navigation this worker re-downloads the files in the background (fetch with
//      cache: 'no-cache': with a host's ETags that is cheap; offline it simply fails) and, if any
//      differs from the cached copy, stores them all as a new generation and tells the open
//      pages, which offer a reload.
//   2. The next navigation (that reload) deletes every generation but the newest, whose files
//      are served from then on. So an edit during development shows after two reloads, and the
//      page says so after the first.
//   3. Changing VERSION (when this file's scheme or file list changes) installs a new worker,
//      which precaches a fresh generation and deletes the caches of other versions.
// (Several tabs: a navigation in one tab promotes the newest generation for the others too.)
const VERSION = 'logreg-demo-v1';
const MARKER = './.complete'; // written last into a generation: it holds every file

/** The page's own files (relative to this file): the page, its modules and data, the package. */
const FILES = [
  './', './index.html', './style.css', './app.js', './charts.js', './csv.js', './prepare.js', './predict.js',
  './results.js', './worker.js', './data-worker.js',
  './data/iris.csv', './data/breast_cancer.csv', './data/PROVENANCE.md',
  '../src/index.js', '../src/model.js', '../src/metrics.js', '../src/values.js',
  '../../build/wasm/logreg.mjs', '../../build/wasm/logreg.wasm',
];

const url = (relative) => new URL(relative, self.location.href).href;

/** Complete generations of this VERSION, oldest first (by the time stamp in their names). */
async function generations() {
  const names = (await caches.keys()).filter((name) => name.startsWith(`${VERSION}/`));
  const complete = [];
  for (const name of names) {
    if (await (await caches.open(name)).match(url(MARKER))) complete.push(name);
  }
  return complete.sort((a, b) => Number(a.split('/')[1]) - Number(b.split('/')[1]));
}

/** Stores downloads (all complete first: a failed one leaves no half generation). */
async function storeGeneration(files) {
  const cache = await caches.open(`${VERSION}/${Date.now()}`);
  await Promise.all(files.map(({ href, body, headers }) => cache.put(href, new Response(body, { headers }))));
  await cache.put(url(MARKER), new Response('complete'));
}

/** One file, read to the end (bodies left unread would hold the host's connections). */
async function download(href) {
  const response = await fetch(href, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
  return { href, body: await response.arrayBuffer(), headers: response.headers };
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    await storeGeneration(await Promise.all(FILES.map((file) => download(url(file)))));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (!name.startsWith(`${VERSION}/`)) await caches.delete(name);
    }
    servingName = null;
    await self.clients.claim(); // the page that registered this worker works offline at once
  })());
});

// The generation being served, looked up once (and again after a promotion).
let servingName = null;
const serving = () => (servingName ??= generations().then((complete) => complete[0]));

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Re-downloads the files of the serving generation; a new generation if any of them changed. */
async function refresh() {
  const complete = await generations();
  if (complete.length !== 1) return; // none yet, or a newer one already waits for a navigation
  const cache = await caches.open(complete[0]);
  const hrefs = (await cache.keys()).map((request) => request.url).filter((href) => href !== url(MARKER));
  const fresh = await Promise.all(hrefs.map(download));
  let changed = false;
  for (const { href, body } of fresh) changed ||= !sameBytes(body, await (await cache.match(href)).arrayBuffer());
  if (!changed || (await generations()).length !== 1) return;
  await storeGeneration(fresh);
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'updated' });
}

/** Drops all generations but the newest: from now on, its files are served. */
async function promote() {
  const complete = await generations();
  if (complete.length < 2) return;
  for (const name of complete.slice(0, -1)) await caches.delete(name);
  servingName = null;
}

async function fromCache(request) {
  const name = await serving();
  return name ? (await caches.open(name)).match(request, { ignoreSearch: true }) : undefined;
}

async function navigate(event) {
  await promote();
  event.waitUntil(refresh().catch(() => {})); // offline, or a file gone: try at the next navigation
  return cacheFirst(event.request);
}

async function cacheFirst(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  const name = await serving();
  if (response.ok && name) await (await caches.open(name)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? navigate(event) : cacheFirst(request));
});
