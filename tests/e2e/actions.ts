/**
 * Server actions called over plain HTTP, as a crafted request would call them: the action id
 * in the `Next-Action` header and the arguments encoded the way React's client encodes them
 * (`encodeReply`): a JSON array sent as text/plain, or — when an argument is a FormData — a
 * multipart body whose field `0` holds the array with `"$K1"` in the FormData's place and whose
 * fields `_1_<name>` hold the FormData's entries.
 *
 * The ids and export names come from the build's manifest, so the tests see every action the
 * build exposes, including ones added after the tests were written.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';

export interface BuiltAction {
  id: string;
  /** The export name (`submitRating`). */
  name: string;
  /** The source module (`app/(study)/drill/actions.ts`). */
  module: string;
  /** The URL paths of the pages whose bundles hold the action, static paths first. */
  paths: string[];
}

interface ManifestEntry {
  exportedName?: string;
  filename?: string;
  workers: Record<string, unknown>;
}

/** A page bundle (`app/(study)/drill/review/page`) as its URL path (`/drill/review`); null for non-pages. */
export function pagePath(worker: string): string | null {
  if (!worker.startsWith('app/') || !worker.endsWith('/page')) return null;
  const segments = worker
    .slice('app/'.length, -'/page'.length)
    .split('/')
    .filter((s) => s !== '' && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  if (segments[0] === '_not-found') return null;
  return `/${segments.join('/')}`;
}

/** Every server action of the production build in `.next` (run `next build` first). */
export function builtActions(root = process.cwd()): BuiltAction[] {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, ManifestEntry>>;
  const actions: BuiltAction[] = [];
  for (const runtime of ['node', 'edge']) {
    for (const [id, entry] of Object.entries(manifest[runtime] ?? {})) {
      const paths = [...new Set(Object.keys(entry.workers).map(pagePath).filter((p): p is string => p !== null))];
      paths.sort((a, b) => Number(a.includes('[')) - Number(b.includes('[')) || a.length - b.length);
      actions.push({ id, name: entry.exportedName ?? id, module: entry.filename ?? '?', paths });
    }
  }
  return actions;
}

/** A FormData argument (a form action's `formData`); a field given an array repeats. */
export class FormArg {
  constructor(readonly fields: Record<string, string | readonly string[] | File>) {}
}
export const form = (fields: FormArg['fields']) => new FormArg(fields);

/** React escapes strings that start with `$` (its reference marker) by doubling the `$`. */
function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)]));
  return value;
}

/** The request body React's client would send for these arguments. */
export function encodeArgs(args: readonly unknown[]): { contentType?: string; data?: string; multipart?: FormData } {
  const formAt = args.findIndex((a) => a instanceof FormArg);
  if (formAt === -1) return { contentType: 'text/plain;charset=UTF-8', data: JSON.stringify(escapeStrings(args)) };
  if (args.filter((a) => a instanceof FormArg).length > 1) throw new Error('encodeArgs handles one FormData argument');
  const body = new FormData();
  for (const [name, value] of Object.entries((args[formAt] as FormArg).fields)) {
    for (const v of typeof value === 'string' || value instanceof File ? [value] : value) body.append(`_1_${name}`, v);
  }
  body.append('0', JSON.stringify(args.map((a, i) => (i === formAt ? '$K1' : escapeStrings(a)))));
  return { multipart: body };
}

export interface ActionReply {
  status: number;
  /** The action's return value (its typed state), when the reply carries one. */
  state: Record<string, unknown> | null;
  /** Where a `redirect()` in the action sends the browser (x-action-redirect). */
  redirect: string | null;
  /** The Location of a 3xx reply (e.g. the proxy's sign-in redirect). */
  location: string | null;
  text: string;
}

/** The action's return value from a reply in React's flight format: row 0 names the row holding it. */
export function replyState(text: string): Record<string, unknown> | null {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && /^[0-9a-f]+$/.test(line.slice(0, colon)) && !rows.has(line.slice(0, colon))) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  try {
    const root = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null;
    const ref = typeof root?.a === 'string' && root.a.startsWith('$@') ? root.a.slice(2) : null;
    const value = ref !== null ? (JSON.parse(rows.get(ref) ?? 'null') as unknown) : null;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Calls server actions by export name with one identity's cookies (an APIRequestContext or a page's `request`). */
export class ActionCaller {
  private readonly byName: Map<string, BuiltAction>;

  constructor(
    readonly request: APIRequestContext,
    readonly origin: string,
    actions: readonly BuiltAction[] = builtActions(),
  ) {
    this.byName = new Map(actions.map((a) => [a.name, a]));
  }

  action(name: string): BuiltAction {
    const found = this.byName.get(name);
    if (!found) throw new Error(`the build has no server action named ${name}`);
    return found;
  }

  /**
   * Posts the action to `at` (default: the first page whose bundle holds it, a dynamic segment
   * filled with `_`) with the headers a browser sends (`headers` replaces some, e.g. the
   * Origin of a cross-site call), and never follows redirects.
   */
  async call(name: string, args: readonly unknown[], at?: string, headers: Record<string, string> = {}): Promise<ActionReply> {
    const action = this.action(name);
    const target = at ?? (action.paths[0] ?? '/').replace(/\[[^\]]+\]/g, '_');
    const { contentType, data, multipart } = encodeArgs(args);
    // A fresh connection per call: a reused keep-alive socket that the server closes as it idles
    // out answers the next request with ECONNRESET (a race in the client, not the server).
    const sent: Record<string, string> = { 'Next-Action': action.id, Accept: 'text/x-component', Origin: this.origin, Connection: 'close', ...headers };
    if (contentType) sent['Content-Type'] = contentType;
    const response = await this.request.post(new URL(target, this.origin).toString(), { headers: sent, maxRedirects: 0, timeout: 30_000, ...(data !== undefined ? { data } : { multipart }) });
    const text = await response.text();
    const header = response.headers();
    return {
      status: response.status(),
      state: replyState(text),
      redirect: header['x-action-redirect']?.replace(/;(push|replace)$/, '') ?? null,
      location: header.location ?? null,
      text,
    };
  }
}

/** The JSON a reply carries as its state (the answer route's AnswerState or refusal), else null. */
function jsonState(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The path of the drill answer route (app/api/drill/answer/route.ts): a drill answer is JSON posted there, not an action. */
export const ANSWER_ROUTE = '/api/drill/answer';

/**
 * A drill answer as the player sends it: JSON to ANSWER_ROUTE, with the caller's Origin (`headers`
 * replaces some, e.g. a cross-site Origin or another content type). The reply in the shape of an
 * action's, its state the route's JSON.
 */
export async function postAnswer(caller: ActionCaller, input: unknown, headers: Record<string, string> = {}): Promise<ActionReply> {
  const response = await caller.request.post(new URL(ANSWER_ROUTE, caller.origin).toString(), {
    headers: { 'Content-Type': 'application/json', Origin: caller.origin, Connection: 'close', ...headers },
    // a Buffer goes as it is (Playwright would JSON-encode a string sent as application/json)
    data: Buffer.from(typeof input === 'string' ? input : JSON.stringify(input)),
    maxRedirects: 0,
    timeout: 30_000,
  });
  const text = await response.text();
  return { status: response.status(), state: jsonState(text), redirect: null, location: response.headers().location ?? null, text };
}

/** A short, single-line description of a reply for failure messages. */
export function describeReply(reply: ActionReply): string {
  const what = reply.state ? JSON.stringify(reply.state) : reply.redirect ? `redirect → ${reply.redirect}` : reply.location ? `location → ${reply.location}` : reply.text.slice(0, 120);
  return `HTTP ${reply.status} ${what.slice(0, 200).replace(/\s+/g, ' ')}`;
}

export interface HttpUser {
  name: string;
  email: string;
  password: string;
  role: 'STUDENT' | 'INSTRUCTOR';
}

/**
 * Signs a user up with the sign-up action and in with next-auth's credentials endpoint, all over
 * HTTP: the caller's request context then carries the session cookie (no browser needed).
 */
export async function signUpOverHttp(caller: ActionCaller, user: HttpUser): Promise<void> {
  const signedUp = await caller.call('signUp', [form({ name: user.name, email: user.email, password: user.password, role: user.role })], '/sign-up');
  if (signedUp.state?.status !== 'ok') throw new Error(`sign-up of ${user.email} failed: ${describeReply(signedUp)}`);
  const csrf = (await (await caller.request.get(new URL('/api/auth/csrf', caller.origin).toString())).json()) as { csrfToken: string };
  const signedIn = await caller.request.post(new URL('/api/auth/callback/credentials', caller.origin).toString(), {
    form: { email: user.email, password: user.password, csrfToken: csrf.csrfToken, json: 'true' },
    maxRedirects: 0,
  });
  const cookies = (await caller.request.storageState()).cookies;
  if (!cookies.some((c) => c.name.endsWith('session-token'))) throw new Error(`sign-in of ${user.email} failed: HTTP ${signedIn.status()}`);
}

/** The Cookie header a request context would send (its cookies for this origin's host). */
export async function cookieHeader(request: APIRequestContext, origin: string): Promise<string> {
  const host = new URL(origin).hostname;
  return (await request.storageState()).cookies
    .filter((c) => c.domain.replace(/^\./, '') === host)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

/** Status, headers and body of a raw HTTP/1.1 response (chunked transfer coding undone). */
function parseRawResponse(raw: Buffer): { status: number; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(head[0]?.split(' ')[1] ?? 0);
  const headers = Object.fromEntries(head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  let body = raw.subarray(end + 4);
  if (headers['transfer-encoding']?.includes('chunked')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString('utf8') };
}

/**
 * Sends the same action call `n` times at once, as truly concurrent as HTTP allows (see raceRaw).
 */
export async function raceCall(caller: ActionCaller, name: string, args: readonly unknown[], at: string, n: number): Promise<ActionReply[]> {
  const action = caller.action(name);
  const { contentType, data, multipart } = encodeArgs(args);
  let body: Buffer;
  let type: string;
  if (multipart) {
    const encoded = new Response(multipart);
    body = Buffer.from(await encoded.arrayBuffer());
    type = encoded.headers.get('content-type') as string;
  } else {
    body = Buffer.from(data as string);
    type = contentType as string;
  }
  const replies = await raceRaw(caller, new URL(at, caller.origin), [`Next-Action: ${action.id}`, 'Accept: text/x-component', `Content-Type: ${type}`], body, n);
  return replies.map(({ status, headers, body: text }) => ({ status, state: replyState(text), redirect: headers['x-action-redirect']?.replace(/;(push|replace)$/, '') ?? null, location: headers.location ?? null, text }));
}

/** The same drill answer posted to ANSWER_ROUTE `n` times at once (see raceRaw). */
export async function raceAnswer(caller: ActionCaller, input: unknown, n: number): Promise<ActionReply[]> {
  const replies = await raceRaw(caller, new URL(ANSWER_ROUTE, caller.origin), ['Content-Type: application/json'], Buffer.from(JSON.stringify(input)), n);
  return replies.map(({ status, headers, body: text }) => ({ status, state: jsonState(text), redirect: null, location: headers.location ?? null, text }));
}

/**
 * Sends the same POST `n` times at once, as truly concurrent as HTTP allows: each request goes
 * out on its own connection except for its last byte, and the last bytes are written together
 * once every connection has the rest (the "last-byte sync" of race testing), so the server
 * parses all of them in the same moment instead of one by one as they trickle in.
 */
async function raceRaw(caller: ActionCaller, url: URL, headerLines: readonly string[], body: Buffer, n: number): Promise<{ status: number; headers: Record<string, string>; body: string }[]> {
  const head = [
    `POST ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    ...headerLines,
    `Origin: ${caller.origin}`,
    `Cookie: ${await cookieHeader(caller.request, caller.origin)}`,
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  const request = Buffer.concat([Buffer.from(head, 'latin1'), body]);
  const sockets = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<{ socket: net.Socket; reply: Promise<Buffer> }>((resolve, reject) => {
          const socket = net.connect(Number(url.port), url.hostname, () => {
            socket.write(request.subarray(0, request.length - 1), () => resolve({ socket, reply }));
          });
          const chunks: Buffer[] = [];
          const reply = new Promise<Buffer>((done, fail) => {
            socket.on('data', (c: Buffer) => chunks.push(c));
            socket.on('end', () => done(Buffer.concat(chunks)));
            socket.on('error', fail);
          });
          socket.once('error', reject);
          socket.setTimeout(30_000, () => socket.destroy(new Error('no reply in 30 s')));
        }),
    ),
  );
  for (const { socket } of sockets) socket.write(request.subarray(request.length - 1));
  return Promise.all(sockets.map(async ({ reply }) => parseRawResponse(await reply)));
}
