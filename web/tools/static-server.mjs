#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A tiny dependency-free static file server for the demo page and the browser tests.
//
// Why not `python3 -m http.server` or `npx http-server`: the tests must start and stop a server
// in-process on a free port, and `.wasm` must be served as application/wasm for
// WebAssembly.instantiateStreaming. This is development tooling, not a production server:
// GET/HEAD only, no caching, no directory listings, no range requests.
//
// Safety rules (each covered by tests/js/static-server.test.js):
//   - binds 127.0.0.1 unless told otherwise;
//   - a request can never reach a file outside `root`: the decoded path is resolved against root,
//     and the real path (symlinks followed) must still lie inside root's real path;
//   - path segments starting with "." (e.g. /.git/config) are not served;
//   - malformed percent-encoding and NUL bytes are rejected with 400.
//
// Library:  const { url, close } = await startServer({ root, port: 0 });
//           startServer({ root, base: '/some/path/' }) serves root under that prefix only
//           (anything else is 404), as on a host that publishes the folder at a sub-path.
// CLI:      node web/tools/static-server.mjs --root . --port 8080 [--host 127.0.0.1]
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Content types by lower-case file extension; anything else is application/octet-stream. */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
});

/** @param {string} filePath */
export function contentType(filePath) {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `child` is `parent` itself or lies inside it (both absolute, normalised). */
function isInside(parent, child) {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * Maps a request path ("/web/demo/") to an absolute file path inside realRoot, or returns an
 * HTTP status for why it cannot. Directories map to their index.html; a directory requested
 * without its trailing slash is redirected so that relative URLs in the page resolve correctly.
 * @returns {Promise<{file: string, size: number} | {status: number, location?: string}>}
 */
async function resolveRequest(realRoot, rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { status: 400 };
  // Refuse dot-segments outright ("..", ".git", ".env"): nothing the demo needs starts with a dot.
  // WHATWG URL parsing already removes ".." from well-formed URLs, so this mostly catches raw
  // request targets such as "/%2e%2e/etc/passwd" or "/..%2fpackage.json".
  const segments = decoded.split(/[\\/]/);
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 };

  let target = resolve(realRoot, '.' + decoded);
  if (!isInside(realRoot, target)) return { status: 404 };

  let info;
  try {
    target = await realpath(target); // follow symlinks, then check containment again
    if (!isInside(realRoot, target)) return { status: 404 };
    info = await stat(target);
    if (info.isDirectory()) {
      // Collapse leading slashes: "//host" in Location would be a protocol-relative URL
      // (an open redirect to another site).
      if (!rawPath.endsWith('/')) return { status: 301, location: rawPath.replace(/^[\/\\]+/, '/') + '/' };
      target = resolve(target, 'index.html');
      info = await stat(target);
    }
  } catch {
    return { status: 404 };
  }
  if (!info.isFile()) return { status: 404 };
  return { file: target, size: info.size };
}

function sendStatus(res, status, extraHeaders = {}) {
  const body = `${status} ${STATUS_TEXT[status] ?? ''}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

const STATUS_TEXT = {
  301: 'Moved Permanently',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

/**
 * Starts a static file server.
 * @param {object} options
 * @param {string} options.root      folder to serve (required)
 * @param {number} [options.port=0]  0 picks a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {Record<string,string>} [options.headers]  extra headers on every file response (e.g. a CSP)
 * @param {string} [options.base='/']  URL path prefix under which root is served, "/a/b/" (starts
 *        and ends with "/", plain segments only); requests outside it get 404, "/a/b" a redirect
 * @param {(entry: {method: string, url: string, status: number}) => void} [options.onRequest]
 *        called once per finished request (tests use it to see every request that reached the server)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', headers = {}, onRequest, base = '/' } = {}) {
  if (typeof root !== 'string' || root === '') throw new TypeError('startServer: `root` (a folder path) is required');
  if (typeof base !== 'string' || !/^\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*$/.test(base)) {
    throw new TypeError(`startServer: \`base\` must look like "/" or "/some/path/", got ${JSON.stringify(base)}`);
  }
  const realRoot = await realpath(resolve(root));
  if (!(await stat(realRoot)).isDirectory()) throw new Error(`startServer: root is not a folder: ${realRoot}`);

  const server = createServer(async (req, res) => {
    if (onRequest) res.on('finish', () => onRequest({ method: req.method, url: req.url, status: res.statusCode }));
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendStatus(res, 405, { Allow: 'GET, HEAD' });
        return;
      }
      // Only the path matters; the query string and fragment are ignored.
      let rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
      if (base !== '/') {
        if (rawPath === base.slice(0, -1)) {
          sendStatus(res, 301, { Location: base });
          return;
        }
        if (!rawPath.startsWith(base)) {
          sendStatus(res, 404);
          return;
        }
        rawPath = rawPath.slice(base.length - 1); // keeps the leading "/"
      }
      const found = await resolveRequest(realRoot, rawPath);
      if (!('file' in found)) {
        sendStatus(res, found.status, found.location ? { Location: base.slice(0, -1) + found.location } : {});
        return;
      }
      res.writeHead(200, {
        'Content-Type': contentType(found.file),
        'Content-Length': found.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(found.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      if (!res.headersSent) sendStatus(res, 500);
      else res.destroy();
    }
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });

  const address = server.address();
  const hostForUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}${base}`,
    port: address.port,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: node web/tools/static-server.mjs [--root DIR] [--port N] [--host ADDR]
  --root DIR   folder to serve (default: the current folder)
  --port N     port to listen on (default: 8080; 0 picks a free one)
  --host ADDR  address to bind (default: 127.0.0.1)`;

/** Parses `--name value` and `--name=value` pairs. */
export function parseArgs(argv) {
  const options = { root: '.', port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const match = /^--(root|port|host)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument: ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`missing value for --${match[1]}`);
    if (match[1] === 'port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${value}`);
      options.port = port;
    } else {
      options[match[1]] = value;
    }
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`static-server: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { url, close } = await startServer(options);
  console.log(`Serving ${resolve(options.root)} at ${url}`);
  if (resolve(options.root) === resolve(fileURLToPath(new URL('../..', import.meta.url)))) {
    console.log(`Demo: ${url}web/demo/`);
  }
  const stop = () => close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(await realpath(process.argv[1]).catch(() => process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error) => {
    console.error(`static-server: ${error.message}`);
    process.exit(1);
  });
}
