// SPDX-License-Identifier: MIT
// Tests for web/tools/static-server.mjs: MIME types, 404s, redirects, and above all that no
// request can read a file outside the served root.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { contentType, parseArgs, startServer } from '../../web/tools/static-server.mjs';

const SERVER_SCRIPT = fileURLToPath(new URL('../../web/tools/static-server.mjs', import.meta.url));
const SECRET = 'TOP-SECRET-outside-the-root';

/**
 * Sends a request with the path exactly as given (node:http does not normalise "..", unlike
 * fetch/URL), so traversal attempts reach the server verbatim.
 */
function rawRequest(baseUrl, path, method = 'GET') {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let dir; // <tmp>/        holds secret.txt (must never be served)
let root; // <tmp>/root/  the served folder
let server;
const seen = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'static-server-test-'));
  root = join(dir, 'root');
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await mkdir(join(root, 'no-index'));
  await mkdir(join(root, '.git'));
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(root, 'index.html'), '<!doctype html><title>root</title>');
  await writeFile(join(root, 'app.js'), 'export const a = 1;\n');
  await writeFile(join(root, 'glue.mjs'), 'export default 1;\n');
  await writeFile(join(root, 'mod.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  await writeFile(join(root, 'data.csv'), 'a,b\n1,2\n');
  await writeFile(join(root, 'style.css'), 'body{}');
  await writeFile(join(root, 'blob.bin'), 'xx');
  await writeFile(join(root, 'UPPER.JS'), '1');
  await writeFile(join(root, 'with space.txt'), 'spaced');
  await writeFile(join(root, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
  await writeFile(join(root, 'sub', 'deeper', 'x.txt'), 'deep');
  await writeFile(join(root, '.env'), 'HIDDEN=1');
  await writeFile(join(root, '.git', 'config'), '[core]');
  // Symlinks that lead out of the root must not be followed; one that stays inside is fine.
  await symlink(dir, join(root, 'escape-dir'));
  await symlink(join(dir, 'secret.txt'), join(root, 'escape-file.txt'));
  await symlink(join(root, 'app.js'), join(root, 'inside-link.js'));
  server = await startServer({ root, port: 0, onRequest: (entry) => seen.push(entry) });
});

after(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  test('binds 127.0.0.1 on a free port by default', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.port > 0);
  });

  test('serves files with the right content types', async () => {
    const expected = {
      '/index.html': 'text/html; charset=utf-8',
      '/app.js': 'text/javascript; charset=utf-8',
      '/glue.mjs': 'text/javascript; charset=utf-8',
      '/mod.wasm': 'application/wasm',
      '/data.csv': 'text/csv; charset=utf-8',
      '/style.css': 'text/css; charset=utf-8',
      '/blob.bin': 'application/octet-stream',
      '/UPPER.JS': 'text/javascript; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await fetch(new URL(path, server.url));
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      await res.arrayBuffer();
    }
    const wasm = new Uint8Array(await (await fetch(new URL('/mod.wasm', server.url))).arrayBuffer());
    assert.deepEqual([...wasm.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
    assert.equal(await (await fetch(new URL('/data.csv', server.url))).text(), 'a,b\n1,2\n');
  });

  test('WebAssembly.instantiateStreaming accepts the served .wasm', async () => {
    const { instance } = await WebAssembly.instantiateStreaming(fetch(new URL('/mod.wasm', server.url)));
    assert.ok(instance instanceof WebAssembly.Instance);
  });

  test('ignores the query string and decodes percent-escapes', async () => {
    const res = await fetch(new URL('/app.js?v=123', server.url));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'export const a = 1;\n');
    const spaced = await fetch(new URL('/with%20space.txt', server.url));
    assert.equal(await spaced.text(), 'spaced');
  });

  test('serves index.html for a folder and redirects a folder without its slash', async () => {
    const res = await rawRequest(server.url, '/sub/');
    assert.equal(res.status, 200);
    assert.match(res.body.toString(), /<title>sub<\/title>/);
    const rootIndex = await rawRequest(server.url, '/');
    assert.match(rootIndex.body.toString(), /<title>root<\/title>/);
    const redirect = await rawRequest(server.url, '/sub');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/sub/');
  });

  test('a redirect never points to another host', async () => {
    for (const path of ['//sub', '///sub', '/\\sub']) {
      const res = await rawRequest(server.url, path);
      if (res.status === 301) assert.match(res.headers.location, /^\/[^/\\]/, path);
    }
  });

  test('404 for missing files and folders without index.html (no listings)', async () => {
    for (const path of ['/missing.js', '/sub/missing/', '/no-index/', '/sub/deeper/']) {
      const res = await rawRequest(server.url, path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.body.toString(), /x\.txt/);
    }
  });

  test('no directory traversal outside the root', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/sub/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/sub/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/.%2e/secret.txt',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      `/${join(dir, 'secret.txt')}`,
      '/escape-dir/secret.txt', // symlink to the parent folder
      '/escape-file.txt', // symlink to the secret file itself
    ];
    for (const path of attempts) {
      const res = await rawRequest(server.url, path);
      assert.ok([400, 404].includes(res.status), `${path} -> ${res.status}`);
      assert.doesNotMatch(res.body.toString(), new RegExp(SECRET), path);
    }
    // fetch() normalises "..", so through it these land inside the root (and are 404s there).
    const viaFetch = await fetch(new URL('/../secret.txt', server.url));
    assert.equal(viaFetch.status, 404);
  });

  test('symlinks that stay inside the root are served', async () => {
    const res = await rawRequest(server.url, '/inside-link.js');
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'export const a = 1;\n');
  });

  test('dot-files and dot-folders are not served', async () => {
    for (const path of ['/.env', '/.git/config', '/%2egit/config', '/sub/../.env']) {
      const res = await rawRequest(server.url, path);
      assert.equal(res.status, 404, path);
    }
  });

  test('400 for malformed escapes and NUL bytes', async () => {
    assert.equal((await rawRequest(server.url, '/%E0%A4%A')).status, 400);
    assert.equal((await rawRequest(server.url, '/app.js%00.png')).status, 400);
  });

  test('HEAD gives headers without a body; other methods get 405', async () => {
    const head = await rawRequest(server.url, '/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String('export const a = 1;\n'.length));
    assert.equal(head.body.length, 0);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await rawRequest(server.url, '/app.js', method);
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.allow, 'GET, HEAD');
    }
  });

  test('onRequest sees every finished request', async () => {
    const before = seen.length;
    await rawRequest(server.url, '/data.csv');
    await rawRequest(server.url, '/nope');
    assert.deepEqual(seen.slice(before), [
      { method: 'GET', url: '/data.csv', status: 200 },
      { method: 'GET', url: '/nope', status: 404 },
    ]);
  });

  test('extra headers are added to file responses', async () => {
    const other = await startServer({ root, headers: { 'Content-Security-Policy': "default-src 'self'" } });
    try {
      const res = await fetch(new URL('/index.html', other.url));
      assert.equal(res.headers.get('content-security-policy'), "default-src 'self'");
      await res.text();
    } finally {
      await other.close();
    }
  });

  test('close() stops the server even with a keep-alive connection open', async () => {
    const other = await startServer({ root });
    const res = await fetch(new URL('/app.js', other.url)); // fetch keeps the socket alive
    await res.text();
    await other.close();
    await assert.rejects(fetch(new URL('/app.js', other.url)));
  });

  test('an optional base path serves the root under that prefix only', async () => {
    const mounted = await startServer({ root, port: 0, base: '/some/path/' });
    try {
      assert.match(mounted.url, /^http:\/\/127\.0\.0\.1:\d+\/some\/path\/$/);
      const index = await rawRequest(mounted.url, '/some/path/');
      assert.equal(index.status, 200);
      assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
      for (const [path, location] of [['/some/path', '/some/path/'], ['/some/path/sub', '/some/path/sub/']]) {
        const moved = await rawRequest(mounted.url, path);
        assert.equal(moved.status, 301, path);
        assert.equal(moved.headers.location, location, path);
      }
      for (const path of ['/', '/index.html', '/some/', '/some/pathX/index.html', '/other/path/index.html', '/some/path/../../secret.txt', '/some/path/%2e%2e/%2e%2e/secret.txt']) {
        const res = await rawRequest(mounted.url, path);
        assert.ok([400, 404].includes(res.status), `${path}: ${res.status}`);
        assert.ok(!res.body.toString().includes(SECRET), path);
      }
    } finally {
      await mounted.close();
    }
    for (const bad of ['some/path/', '/some/path', '/../', '/a//b/', '/.git/', 5]) {
      await assert.rejects(startServer({ root, port: 0, base: bad }), TypeError, String(bad));
    }
  });

  test('rejects a missing or non-folder root', async () => {
    await assert.rejects(startServer({}), /root/);
    await assert.rejects(startServer({ root: join(root, 'app.js') }), /not a folder/);
    await assert.rejects(startServer({ root: join(dir, 'does-not-exist') }), /ENOENT/);
  });
});

describe('helpers', () => {
  test('contentType', () => {
    assert.equal(contentType('a/b/c.mjs'), 'text/javascript; charset=utf-8');
    assert.equal(contentType('x.WASM'), 'application/wasm');
    assert.equal(contentType('noext'), 'application/octet-stream');
  });

  test('parseArgs', () => {
    assert.deepEqual(parseArgs([]), { root: '.', port: 8080, host: '127.0.0.1' });
    assert.deepEqual(parseArgs(['--root', 'web', '--port', '0']), { root: 'web', port: 0, host: '127.0.0.1' });
    assert.deepEqual(parseArgs(['--port=9000', '--host=::1']), { root: '.', port: 9000, host: '::1' });
    assert.deepEqual(parseArgs(['-h']), { help: true });
    assert.throws(() => parseArgs(['--port', 'abc']), /invalid --port/);
    assert.throws(() => parseArgs(['--port', '70000']), /invalid --port/);
    assert.throws(() => parseArgs(['--root']), /missing value/);
    assert.throws(() => parseArgs(['--verbose']), /unknown argument/);
  });
});

describe('CLI', () => {
  test('prints the URL and serves until SIGTERM', async () => {
    const child = spawn(process.execPath, [SERVER_SCRIPT, '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out}`)), 10_000);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code}); stdout: ${out}`)));
      });
      const res = await fetch(new URL('/app.js', url));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
      await res.text();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  test('exits with status 2 on a bad argument', async () => {
    const child = spawn(process.execPath, [SERVER_SCRIPT, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /unknown argument: --bogus/);
  });
});
