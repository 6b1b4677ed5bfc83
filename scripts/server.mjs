#!/usr/bin/env node
// One server process: Next's production request handler (what `next start` serves), behind the
// checks that must see a request before Next does (lib/http/router-state.mjs), and the drill
// answer's own handler (answerHandlerFor). `npm start`
// runs one per core (scripts/serve.mjs); tests and benchmarks run it directly, so its pid is
// the process that serves and writes.
//
//   node scripts/server.mjs -H 127.0.0.1 -p 3000 [--keepAliveTimeout 65000]
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { dropMalformedRouterState } from '../lib/http/router-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The static security headers (lib/http/security-headers.ts's STATIC_SECURITY_HEADERS, from the same file). */
const STATIC_SECURITY_HEADERS = createRequire(import.meta.url)('../lib/http/static-security-headers.json');

/** The methods the app answers. Next answers any other (WebDAV's PROPFIND, TRACE, …) with an empty 400. */
export const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A 405 with a message and the static security headers, for a method not in METHODS. */
export function refuseMethod(res) {
  res.writeHead(405, {
    Allow: [...METHODS].join(', '),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    ...STATIC_SECURITY_HEADERS,
  });
  res.end('Method not allowed: this server answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.');
}

/**
 * NEXTAUTH_URL with its scheme in lower case. next-auth names its cookies from it in two ways:
 * signing in parses the URL (`HTTPS://…` becomes https, so the session cookie is
 * `__Secure-next-auth.session-token`), while reading a session compares the raw text with
 * "https://" (so `HTTPS://…` looks for `next-auth.session-token`): with an upper-case scheme no
 * one could stay signed in. The scheme is case-insensitive, so the server spells it the one way.
 */
export function canonicalAuthUrl(value) {
  return value?.replace(/^https?:\/\//i, (scheme) => scheme.toLowerCase());
}

/** The drill answer's path: scripts/server.mjs answers POST there itself when the app has handed it the handler. */
export const ANSWER_PATH = '/api/drill/answer';

/**
 * The handler the app hands over at start-up (instrumentation.ts: app/api/drill/answer/node-handler.ts)
 * when this request is a drill answer it takes: POST to ANSWER_PATH, with or without a query.
 * LOCKSTEP_ANSWER_THROUGH_NEXT=1 leaves every answer to Next's route (the same endpoint; a test
 * compares the two).
 */
export function answerHandlerFor(req, handlers = globalThis, env = process.env) {
  if (req.method !== 'POST' || typeof handlers.lockstepAnswerHandler !== 'function' || env.LOCKSTEP_ANSWER_THROUGH_NEXT === '1') return null;
  const url = String(req.url ?? '');
  const end = url.indexOf('?');
  return (end < 0 ? url : url.slice(0, end)) === ANSWER_PATH ? handlers.lockstepAnswerHandler : null;
}

/** How long a starting server waits for the app's answer handler before it listens without it. */
const HANDLER_WAIT_MS = 5000;

/** `-H host -p port --keepAliveTimeout ms`, as `next start` takes them; PORT and 0.0.0.0 otherwise. */
export function serverOptions(argv, env = process.env) {
  const options = { hostname: '0.0.0.0', port: Number(env.PORT) || 3000, keepAliveTimeout: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '-H' || flag === '--hostname') options.hostname = value;
    else if (flag === '-p' || flag === '--port') options.port = Number(value);
    else if (flag === '--keepAliveTimeout') options.keepAliveTimeout = Number(value);
    else throw new Error(`unknown option ${flag} (takes -H, -p, --keepAliveTimeout)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`not a port: ${options.port}`);
  if (options.keepAliveTimeout !== undefined && !(options.keepAliveTimeout >= 0)) throw new Error('--keepAliveTimeout takes milliseconds');
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { hostname, port, keepAliveTimeout } = serverOptions(process.argv.slice(2));
  process.env.NODE_ENV = 'production';
  if (process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = canonicalAuthUrl(process.env.NEXTAUTH_URL);
  process.title = 'lockstep-server';
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The app hands its answer handler over as it starts (instrumentation.ts); answers arriving
  // before it do go through Next, but a server that starts serving with it is one benchmarks
  // and tests can count on.
  for (const deadline = Date.now() + HANDLER_WAIT_MS; !globalThis.lockstepAnswerHandler && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!globalThis.lockstepAnswerHandler) console.warn(`no drill answer handler after ${HANDLER_WAIT_MS} ms: answers go through Next's route`);
  const server = http.createServer((req, res) => {
    if (!METHODS.has(req.method ?? '')) return refuseMethod(res);
    if (dropMalformedRouterState(req.headers)) console.warn(`ignored a malformed Next-Router-State-Tree header on ${req.method} ${String(req.url).slice(0, 100)}`);
    const failed = (error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal server error');
    };
    // A drill answer, the hottest request, skips Next's pipeline.
    const answer = answerHandlerFor(req);
    if (answer) answer(req, res).catch(failed);
    else handle(req, res).catch(failed);
  });
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  server.listen(port, hostname, () => console.log(`  ready on http://${hostname}:${port} (pid ${process.pid})`));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      server.close();
      server.closeIdleConnections();
      app.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      setTimeout(() => process.exit(1), 10_000).unref();
    });
  }
}
