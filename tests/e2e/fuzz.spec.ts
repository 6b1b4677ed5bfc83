/**
 * Seeded HTTP fuzz of every server action the build exposes and of every route family.
 *
 * The action ids come from the build's manifest (.next/server/server-reference-manifest.json),
 * so a new action is fuzzed without touching this file. Each family gets FUZZ_RUNS inputs
 * (1,000 by default; more with `FUZZ_RUNS=20000`), each sent anonymously or as a signed-in
 * student: random argument lists in both of React's encodings, oversized strings, bad UTF-8,
 * wrong types, malformed %-escapes, odd methods and content types.
 *
 * Every response must be below 500 and say what went wrong (an action's typed state, a
 * redirect, or a short plain message without a stack trace), and a refused call must write
 * nothing: the fuzz runs its own `next start` on its own database, and SQLite's data_version
 * (which moves on any commit by another connection) must not move across a refused call.
 *
 * The seed is printed; `FUZZ_SEED=<seed>` replays a run exactly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createRng, hashSeed, MAX_SEED, type Rng } from '@/lib/sim/rng';
import { listGenerators } from '@/lib/questions/registry';
import { expect, test } from './fixtures';
import { actionRequest, randomJson, randomQuery, randomRouteBody, randomRouterHeaders, randomSegment, randomString, type FuzzRequest } from './fuzz/inputs';
import { builtActions } from './fuzz/manifest';

const RUNS = Number(process.env.FUZZ_RUNS || 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * MAX_SEED);
const ROOT = path.resolve(__dirname, '../..');

/** Action states that mean "refused, nothing done". */
const REFUSED_STATES = new Set(['idle', 'invalid', 'unauthorized', 'forbidden', 'not-found', 'unknown-code', 'refused', 'nothing', 'not-open', 'closed', 'no-attempts-left', 'empty', 'locked', 'busy', 'error']);

interface Server {
  base: string;
  db: Database.Database;
  /** The end of the server's stderr (its error logs), attached to a failing test. */
  readonly stderr: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Its own `next start` (scripts/e2e-server.mjs) on a fresh database in a temp dir this test owns. */
async function startServer(): Promise<Server> {
  const tmp = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), 'fuzz-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/e2e-server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), E2E_TMP: tmp, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`fuzz server exited: ${stderr}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 240) throw new Error(`fuzz server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const dir = fs.readdirSync(tmp).find((d) => d.startsWith('e2e-')) as string;
  const db = new Database(path.join(tmp, dir, 'e2e.db'), { readonly: true, fileMustExist: true });
  return {
    base,
    db,
    get stderr() {
      return stderr;
    },
    async stop() {
      db.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Signs a new student up and in over HTTP; returns the session cookie header. */
async function signedInStudent(base: string, signUpId: string): Promise<string> {
  const email = `fuzz-${Date.now().toString(36)}@example.test`;
  const password = 'correct horse fuzzing staple';
  const form = new FormData();
  for (const [k, v] of Object.entries({ name: 'Fuzz Student', email, password, role: 'STUDENT' })) form.append(`_1_${k}`, v);
  form.append('0', '["$K1"]');
  const signUp = await fetch(`${base}/sign-up`, { method: 'POST', headers: { 'next-action': signUpId, accept: 'text/x-component' }, body: form });
  expect(await signUp.text()).toContain('"status":"ok"');
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = (pair as string).indexOf('=');
      jar.set((pair as string).slice(0, at), (pair as string).slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  keep(signIn);
  expect(cookie()).toContain('session-token');
  return cookie();
}

interface Outcome {
  status: number;
  body: string;
  location: string | null;
}

async function send(base: string, request: FuzzRequest, cookie: string | null): Promise<Outcome> {
  const headers = { ...request.headers, ...(cookie ? { cookie } : {}) };
  let response = await fetch(base + request.path, { method: request.method, headers, body: request.body as BodyInit | undefined, redirect: 'manual' });
  // An RSC request without the router's `_rsc` parameter is sent to the address that has it
  // (derived from the router headers); the client router asks there directly, and so does this.
  const rscAddress = response.status === 307 ? response.headers.get('location') : null;
  if (rscAddress && /[?&]_rsc=/.test(rscAddress) && request.method === 'GET') {
    await response.arrayBuffer();
    response = await fetch(new URL(rscAddress, base + request.path), { method: 'GET', headers, redirect: 'manual' });
  }
  const body = request.method === 'HEAD' ? '' : await response.text();
  return { status: response.status, body, location: response.headers.get('location') };
}

/** The typed state an action answered with (the RSC line `1:{…}`), if any. */
function actionState(body: string): string | null {
  const line = body.split('\n').find((l) => l.startsWith('1:{'));
  if (!line) return null;
  try {
    const value = JSON.parse(line.slice(2)) as { status?: unknown };
    return typeof value.status === 'string' ? value.status : null;
  } catch {
    return null;
  }
}

const PROTOCOL_STATUSES = new Set([405, 413, 414, 431]);

/**
 * 5xx found in code other engineers own (the next-auth route and lib/auth): printed and
 * annotated on every run, failed only with FUZZ_STRICT=1 until the owners fix them. Delete an
 * entry when its fix lands.
 */
const OWNED_ELSEWHERE: { family: string; note: string }[] = [];
const STRICT = process.env.FUZZ_STRICT === '1';

/** Why a response is not acceptable, or null. */
function problem(o: Outcome, isAction: boolean, method: string): string | null {
  if (o.status >= 500) return `HTTP ${o.status}`;
  if (o.status >= 300 && o.status < 400) return o.location ? null : `HTTP ${o.status} without a location`;
  if (/\n\s+at .+:\d+:\d+/.test(o.body)) return `HTTP ${o.status} with a stack trace`;
  // Protocol-level refusals (a method the route does not have, a header block too large) carry no body.
  if (o.status >= 400) return o.body.trim() || PROTOCOL_STATUSES.has(o.status) || method === 'HEAD' || method === 'OPTIONS' ? null : `HTTP ${o.status} with an empty body`;
  if (isAction && thrown(o.body)) return 'the action threw (error row in the reply)';
  return null;
}

/**
 * Whether a reply has an error row other than Next's own control flow: after an action ran, the
 * page it was posted to re-renders, and a page that does not exist (an id-like filler) answers
 * with a not-found row, a guarded one with a redirect row; neither is the action throwing.
 */
function thrown(body: string): boolean {
  return [...body.matchAll(/:E(\{.*)$/gm)].some(([, row]) => !/^\{"digest":"(NEXT_HTTP_ERROR_FALLBACK;\d+|NEXT_REDIRECT;[^"]*)"\}/.test(row!));
}

/** The part of a reply that says what went wrong: the error row if there is one, else the start. */
function excerpt(body: string): string {
  const at = body.indexOf(':E{');
  return at < 0 ? body.slice(0, 200) : body.slice(Math.max(0, body.lastIndexOf('\n', at) + 1), at + 300);
}

/** Whether a call was refused (so it must have written nothing). */
function refused(o: Outcome, isAction: boolean): boolean {
  if (o.status >= 300) return true;
  if (!isAction) return false;
  const state = actionState(o.body);
  return state === null ? o.body.length < 2 || !o.body.includes('1:') : REFUSED_STATES.has(state);
}

interface Family {
  name: string;
  isAction: boolean;
  request(rng: Rng): FuzzRequest;
}

function actionFamilies(): { families: Family[]; signUpId: string } {
  const actions = builtActions();
  const families = actions.map((a): Family => ({ name: `action ${a.name}`, isAction: true, request: (rng) => actionRequest(rng, a.id, rng.pick(a.paths)) }));
  return { families, signUpId: actions.find((a) => a.name === 'signUp')?.id ?? '' };
}

const GENERATORS = listGenerators().map((g) => g.id);
const ID_LIKE = ['c00000000000000000000000', 'cm0000000000000000000000'];

function get(path: string, rng: Rng): FuzzRequest {
  const method = rng.bool(0.85) ? 'GET' : rng.pick(['HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const { headers, body } = method === 'GET' || method === 'HEAD' ? { headers: {}, body: undefined } : randomRouteBody(rng);
  return { method, path, headers, body, summary: `${method} ${path.slice(0, 160)}` };
}

const DYNAMIC_PAGES: ((rng: Rng) => string)[] = [
  (rng) => `/practice/${randomSegment(rng, GENERATORS)}`,
  (rng) => `/${rng.pick(['assignments', 'exams'])}/${randomSegment(rng, ID_LIKE)}`,
  (rng) => `/teach/${rng.pick(['classes', 'sets'])}/${randomSegment(rng, ID_LIKE)}${rng.bool(0.3) ? '/gradebook' : ''}`,
];

/** Route families: pages by kind, then each API route (the next-auth route as one). */
const ROUTE_FAMILIES: Family[] = [
  { name: 'route pages with a dynamic segment', isAction: false, request: (rng) => get(`${rng.pick(DYNAMIC_PAGES)(rng)}${randomQuery(rng)}`, rng) },
  {
    name: 'route pages with a query',
    isAction: false,
    request: (rng) => {
      const page = rng.pick(['/', '/practice', '/home', '/drill', '/stats', '/sign-in', '/sign-up']);
      const callback = ['%2Fhome', '%2F%09%2Fevil.example', 'http%3A%2F%2Fevil.example', '0'];
      return get(`${page}${page.startsWith('/sign') && rng.bool(0.6) ? `?callbackUrl=${randomSegment(rng, callback)}` : randomQuery(rng)}`, rng);
    },
  },
  {
    name: 'route pages as the client router fetches them',
    isAction: false,
    request: (rng) => {
      const path = `${rng.pick(['/', '/practice', '/practice/lock-holder', '/home', '/drill', '/drill/review', '/stats', '/sign-in'])}${rng.bool(0.3) ? randomQuery(rng) : ''}`;
      const headers = randomRouterHeaders(rng);
      return { method: 'GET', path, headers, summary: `GET ${path.slice(0, 100)} rsc=${headers.rsc} tree=${headers['next-router-state-tree']!.slice(0, 60)}` };
    },
  },
  { name: 'route /api/teach/classes/[id]/*.csv', isAction: false, request: (rng) => get(`/api/teach/classes/${randomSegment(rng, ID_LIKE)}/${rng.pick(['gradebook.csv', 'answers.csv'])}${randomQuery(rng)}`, rng) },
  { name: 'route /api/export/*', isAction: false, request: (rng) => get(`/api/export/${rng.pick(['reviews.csv', 'progress.json', randomSegment(rng, [])])}${randomQuery(rng)}`, rng) },
  { name: 'route /api/health', isAction: false, request: (rng) => get(`/api/health${randomQuery(rng)}`, rng) },
  {
    name: 'route /api/auth/*',
    isAction: false,
    request: (rng) => {
      const path = `/api/auth/${rng.pick(['session', 'csrf', 'providers', 'signout', 'callback/credentials', 'signin', 'error', randomSegment(rng, ['callback', 'signin/credentials'])])}${randomQuery(rng)}`;
      const method = rng.pick(['GET', 'POST']);
      const { headers, body } = method === 'POST' ? randomRouteBody(rng) : { headers: {}, body: undefined };
      return { method, path, headers, body, summary: `${method} ${path.slice(0, 160)}` };
    },
  },
  {
    name: 'route /api/drill/answer',
    isAction: false,
    request: (rng) => {
      const path = `/api/drill/answer${rng.bool(0.1) ? randomQuery(rng) : ''}`;
      const method = rng.bool(0.8) ? 'POST' : rng.pick(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']);
      if (method !== 'POST') return { method, path, headers: {}, body: undefined, summary: `${method} ${path}` };
      if (rng.bool(0.3)) {
        const { headers, body } = randomRouteBody(rng);
        return { method, path, headers, body, summary: `POST ${path} (a random body)` };
      }
      const shaped = { cardId: rng.bool(0.7) ? randomString(rng) : randomJson(rng), reviewIndex: rng.bool(0.7) ? rng.int(-2, 50) : randomJson(rng), response: randomJson(rng), durationMs: rng.bool(0.7) ? rng.int(-5, 100_000) : randomJson(rng) };
      const body = rng.bool(0.8) ? JSON.stringify(shaped) : JSON.stringify(randomJson(rng)).slice(0, rng.int(0, 200));
      const type = rng.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/json-patch+json']);
      return { method, path, headers: { 'content-type': type }, body, summary: `POST ${path} ${type} ${body.slice(0, 100)}` };
    },
  },
  {
    name: 'route form POSTs without an action id',
    isAction: false,
    request: (rng) => {
      const path = rng.pick(['/', '/classes', '/drill', '/settings', '/stats', '/teach', '/sign-up', '/practice/lock-holder']);
      const { headers, body } = randomRouteBody(rng);
      return { method: 'POST', path, headers, body, summary: `POST ${path}` };
    },
  },
];

let server: Server;
let studentCookie: string;
const { families: ACTION_FAMILIES, signUpId } = actionFamilies();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer();
  studentCookie = await signedInStudent(server.base, signUpId);
});

test.afterAll(async () => {
  await server?.stop();
});

/** Families fuzzed at once: the server is one event loop, and overlapping calls keep it busy while the client encodes. */
const LANES = Number(process.env.FUZZ_LANES || 4);

interface Call {
  label: string;
  start: number;
  end: number;
  refused: boolean;
  /** The database's data_version moved while the call ran. */
  wrote: boolean;
}

/**
 * Fuzzes `families`, LANES at a time. Each family draws from its own generator seeded by
 * (seed, family name), so a family's inputs do not depend on scheduling. A refused call that
 * saw the database change is a failure unless a call that was not refused overlapped it.
 */
async function fuzz(families: Family[], seed: number) {
  const failures: string[] = [];
  const version = server.db.prepare('PRAGMA data_version').pluck();
  const counts: string[] = [];
  const calls: Call[] = [];
  const reported: string[] = [];
  let clock = 0;
  const only = process.env.FUZZ_ONLY;
  const queue = families.filter((f) => !only || f.name.includes(only));
  const lane = async () => {
    for (let family = queue.shift(); family; family = queue.shift()) {
      const rng = createRng(hashSeed(`${seed}:${family.name}`));
      const familyStarted = performance.now();
      let fivexx = 0;
      for (let i = 0; i < RUNS; i++) {
        const request = family.request(rng);
        const asStudent = rng.bool();
        const label = `${family.name} #${i} (${asStudent ? 'student' : 'anonymous'}) ${request.summary}`;
        const before = version.get();
        const start = clock++;
        let outcome: Outcome;
        try {
          outcome = await send(server.base, request, asStudent ? studentCookie : null);
        } catch (error) {
          // Node's HTTP parser drops a connection whose request line and headers exceed 16 KB.
          if (request.path.length > 8_000) outcome = { status: 431, body: '', location: null };
          else {
            failures.push(`${label}: request failed: ${String(error)}`);
            continue;
          }
        }
        const wrong = problem(outcome, family.isAction, request.method);
        if (outcome.status >= 500) fivexx += 1;
        const elsewhere = outcome.status >= 500 && !STRICT ? OWNED_ELSEWHERE.find((o) => o.family === family.name) : undefined;
        if (elsewhere) reported.push(`${label}: HTTP ${outcome.status} ${outcome.body.slice(0, 120).replace(/\s+/g, ' ')}`);
        else if (wrong) failures.push(`${label} → ${request.method} ${request.path.slice(0, 200)}: ${wrong} ${excerpt(outcome.body).replace(/\s+/g, ' ')}`);
        calls.push({ label: `${label} → HTTP ${outcome.status} ${actionState(outcome.body) ?? ''}`, start, end: clock++, refused: refused(outcome, family.isAction), wrote: version.get() !== before });
      }
      counts.push(`${family.name}: ${RUNS} inputs, ${fivexx} responses ≥ 500 (${((performance.now() - familyStarted) / 1000).toFixed(1)} s)`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: LANES }, lane));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const accepted = calls.filter((c) => !c.refused);
  for (const c of calls) {
    if (c.refused && c.wrote && !accepted.some((d) => d.start < c.end && d.end > c.start)) failures.push(`${c.label}: refused, but the database changed`);
  }
  console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} replays it): ${calls.length} calls in ${seconds} s, ${accepted.length} accepted\n  ${counts.join('\n  ')}`);
  if (reported.length) {
    const notes = OWNED_ELSEWHERE.map((o) => o.note).join('; ');
    console.log(`${reported.length} responses ≥ 500 in code owned elsewhere (${notes}), e.g.:\n  ${reported.slice(0, 10).join('\n  ')}`);
    test.info().annotations.push({ type: 'fuzz: 5xx owned elsewhere', description: `${reported.length}: ${notes}` });
  }
  if (failures.length) {
    console.log(`${failures.length} failures:\n  ${failures.join('\n  ')}`);
    await test.info().attach('server stderr', { body: server.stderr, contentType: 'text/plain' });
  }
  return failures;
}

test(`fuzz: every server action in the build's manifest and every route family, ${RUNS} random inputs each (seed printed)`, async () => {
  test.setTimeout(Math.max(480_000, RUNS * (ACTION_FAMILIES.length + ROUTE_FAMILIES.length) * 25));
  test.info().annotations.push({ type: 'fuzz seed', description: String(SEED) });
  expect(ACTION_FAMILIES.length).toBeGreaterThan(15);
  await test.step('server actions', async () => {
    const failures = await fuzz(ACTION_FAMILIES, SEED);
    expect.soft(failures.slice(0, 30), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  });
  await test.step('route families', async () => {
    const failures = await fuzz(ROUTE_FAMILIES, SEED);
    expect.soft(failures.slice(0, 30), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  });
});
