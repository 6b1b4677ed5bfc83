/**
 * The drill round trip a user feels, over HTTP against the production build (`npm run bench --
 * http`; run `next build` first). Each scenario starts a server process (scripts/server.mjs) on loopback with a fresh,
 * migrated SQLite database, signs students up and in through the real sign-up action and
 * next-auth's credentials endpoint, gives each a deck, then drives what the browser does:
 * the answer (POST /api/drill/answer, JSON, as the drill player sends it), then — unless the answer brought the next
 * review with it — the next `/drill/review` as the router's refresh fetches it (RSC). It prints p50/p95/p99 of answer → next question, answers/s,
 * the server's CPU time per answer (from /proc/<pid>/stat), errors, and whether every
 * acknowledged answer is a ReviewLog row.
 *
 * Scenarios (BENCH_HTTP_SCENARIOS, comma-separated; default all):
 * - `one`: one student answering back to back;
 * - `think`: BENCH_HTTP_STUDENTS (50) students, each thinking BENCH_HTTP_THINK_MS (3000) ms;
 * - `saturate`: the same students with no think time;
 * - `exam`: BENCH_HTTP_EXAM_STUDENTS (300) students sign in and start the same class exam within
 *   BENCH_HTTP_EXAM_RAMP_S (60) s, then save an answer every ~BENCH_HTTP_EXAM_EVERY_MS (20000) ms.
 * Each runs for BENCH_HTTP_SECONDS (20); the exam for BENCH_HTTP_EXAM_SECONDS (300: the issue's 5 minutes) after its ramp.
 * BENCH_HTTP_NODE_OPTIONS is passed to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`);
 * BENCH_HTTP_PROCESSES=N serves through `npm start`'s cluster (scripts/serve.mjs) with N processes;
 * BENCH_HTTP_MULTINODE=M through `npm run multinode`'s setup: M app servers (of N processes each)
 * behind nginx, on a throwaway PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { ALL_TOPICS } from '@/lib/drills/topics';
import { buildQuestion } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { TEST_CLOCK_COOKIE } from '@/lib/test-clock';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-pg/client';
import { startMultinode } from '../scripts/multinode.mjs';
import { freePort, freshDatabase } from '../tests/e2e/server';
import { actionState } from './flight';
import type { Bench } from './run';

const root = path.resolve(__dirname, '..');
const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : fallback;
};
const config = {
  scenarios: (process.env.BENCH_HTTP_SCENARIOS ?? 'one,think,saturate,exam').split(',').map((s) => s.trim()),
  students: numberFrom('BENCH_HTTP_STUDENTS', 50),
  thinkMs: numberFrom('BENCH_HTTP_THINK_MS', 3000),
  seconds: numberFrom('BENCH_HTTP_SECONDS', 20),
  examStudents: numberFrom('BENCH_HTTP_EXAM_STUDENTS', 300),
  examRampS: numberFrom('BENCH_HTTP_EXAM_RAMP_S', 60),
  examEveryMs: numberFrom('BENCH_HTTP_EXAM_EVERY_MS', 20_000),
  examSeconds: numberFrom('BENCH_HTTP_EXAM_SECONDS', 300),
  processes: Math.max(1, Math.floor(numberFrom('BENCH_HTTP_PROCESSES', 1))),
  multinode: Math.floor(numberFrom('BENCH_HTTP_MULTINODE', 0)),
};
const DAY_MS = 86_400_000;
const PASSWORD = 'bench-password-0123';
const IDLE = { status: 'idle' };

// ---------------------------------------------------------------------------------------------
// The server

interface Server {
  origin: string;
  actions: Map<string, string>;
  /** What serves, for the report. */
  serving: string;
  /** CPU time (user + system) every server process used so far, in ms. */
  cpuMs(): number;
  /** Reviews recorded (not undone). */
  reviewLogRows(): Promise<number>;
  stop(): Promise<void>;
}

/** Action ids by export name, from the build's manifest. */
function actionIds(): Map<string, string> {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, { exportedName?: string }>>;
  return new Map(Object.entries(manifest.node ?? {}).map(([id, entry]) => [entry.exportedName ?? id, id]));
}

/** Servers started and not yet stopped: stopped on the way out too, so none outlives the bench. */
const running = new Set<Server>();

async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((s) => stopServer(s)));
}

/** An interrupted or crashed bench (Ctrl-C, `timeout`, an error) stops its servers before it exits. */
let stoppingOnExit = false;
function stopServersOnExit(): void {
  if (stoppingOnExit) return;
  stoppingOnExit = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping ${running.size} server(s)`);
      void stopAll().finally(() => process.exit(code));
    });
  }
  const crash = (error: unknown) => {
    console.error(error);
    void stopAll().finally(() => process.exit(1));
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
}

export async function startServer(): Promise<Server> {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npx next build` first');
  stopServersOnExit();
  const server = config.multinode > 0 ? await startMultinodeServers() : await startLocalServer();
  running.add(server);
  return server;
}

/**
 * `npm run multinode`'s setup (scripts/multinode.mjs) from the current build: a throwaway
 * PostgreSQL, BENCH_HTTP_MULTINODE app servers of BENCH_HTTP_PROCESSES processes each, nginx in
 * front; the bench talks to nginx only. nginx trusts X-Forwarded-For from loopback here, so each
 * bench student keeps its own client address through it.
 */
async function startMultinodeServers(): Promise<Server> {
  process.env.LOCKSTEP_TEST_CLOCK = '1';
  const setup = await startMultinode({ servers: config.multinode, processesPerServer: config.processes, quiet: true, skipBuild: true, trustLoopback: true });
  const db = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: setup.databaseUrl }) });
  return {
    origin: setup.url,
    actions: actionIds(),
    serving: `${config.multinode} app servers × ${config.processes} process(es) behind nginx, PostgreSQL`,
    cpuMs: () => setup.pids.reduce((sum, pid) => sum + serverCpuMs(pid), 0),
    reviewLogRows: async () => Number((await db.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT COUNT(*) AS n FROM "ReviewLog" WHERE "undoneAt" IS NULL'))[0]?.n ?? 0),
    stop: async () => {
      await db.$disconnect();
      await setup.stop();
    },
  };
}

async function startLocalServer(): Promise<Server> {
  const { dir, file: databaseFile, env: databaseEnv } = freshDatabase('bench-http-');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...databaseEnv,
    NODE_ENV: 'production',
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: `bench-${process.pid}-${Date.now()}-not-a-real-secret-0123456789`,
    // Students whose day's queue is done move their clock on (see nextShown).
    LOCKSTEP_TEST_CLOCK: '1',
  };
  const nodeOptions = (process.env.BENCH_HTTP_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  // One server process (scripts/server.mjs) by default; BENCH_HTTP_PROCESSES=N serves through
  // `npm start`'s cluster (scripts/serve.mjs) with N processes, and CPU time is summed over them.
  const script = config.processes > 1 ? 'serve.mjs' : 'server.mjs';
  const server = spawn(process.execPath, [...nodeOptions, path.join(root, 'scripts', script), '-H', '127.0.0.1', '-p', String(port), '--keepAliveTimeout', '65000'], {
    cwd: root,
    env: config.processes > 1 ? { ...env, WEB_CONCURRENCY: String(config.processes) } : env,
    stdio: ['ignore', 'ignore', process.env.BENCH_HTTP_SERVER_LOG ? 'inherit' : 'pipe'],
  });
  let errors = '';
  server.stderr?.on('data', (d) => (errors = (errors + d).slice(-4000)));
  for (let tries = 0; ; tries++) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${errors}`);
    try {
      if ((await fetch(`${origin}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 300) {
      await stopProcess(server, dir);
      throw new Error('the server did not answer within 30 s');
    }
    await sleep(100);
  }
  return {
    origin,
    actions: actionIds(),
    serving: config.processes > 1 ? `npm start's cluster of ${config.processes} processes, SQLite` : 'one server process, SQLite',
    cpuMs: () => serverCpuMs(server.pid!),
    reviewLogRows: async () => sqliteReviewLogRows(databaseFile),
    stop: () => stopProcess(server, dir),
  };
}

async function stopProcess(server: ChildProcess, dir: string): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  await Promise.race([exited, sleep(10_000)]);
  if (server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function stopServer(server: Server): Promise<void> {
  if (!running.delete(server)) return;
  await server.stop();
}

/** CPU time (user + system) of the server: its process, its waited-for children and its live ones (the cluster's), in ms. */
function serverCpuMs(pid: number): number {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // no children file: a single process
  }
  return cpuMs(pid) + children.reduce((sum, child) => sum + cpuMs(child), 0);
}

/** CPU time (user + system) the process and its waited-for children used so far, in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// A browser-like client: its own cookies and client address

let addressCounter = 0;
/** The students' connections, kept alive as a browser keeps them. */
const keepAlive = new http.Agent({ keepAlive: true });

/** A reply's body as the browser reads it (Content-Encoding undone). */
function decoded(bytes: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || bytes.length === 0) return bytes;
  if (encoding === 'gzip') return zlib.gunzipSync(bytes);
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes);
  if (encoding === 'deflate') return zlib.inflateSync(bytes);
  throw new Error(`reply in an encoding the bench cannot read: ${encoding}`);
}
/** The `_rsc` cache-busting value the server expects for the router headers the clients send. */
let rscBusting: string | undefined;

export class Client {
  private readonly cookies = new Map<string, string>();
  readonly address: string;

  constructor(readonly server: Server) {
    addressCounter += 1;
    this.address = `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Every cookie the client holds, as name and value (to hand a signed-in session to a browser). */
  allCookies(): [string, string][] {
    return [...this.cookies];
  }

  forgetCookies() {
    this.cookies.clear();
  }

  /**
   * One request over a kept-alive connection (node:http: fetch's own work per request, a few
   * tenths of a millisecond, ran on the same two cores as the server), the reply decompressed as
   * a browser would. Bodies other than a string are encoded as fetch would encode them.
   */
  async request(pathname: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.address);
    headers.set('accept-encoding', 'gzip, deflate, br');
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: Buffer | undefined;
    if (typeof init.body === 'string') body = Buffer.from(init.body);
    else if (init.body != null) {
      const encoded = new Request(this.server.origin, { method: 'POST', body: init.body });
      const type = encoded.headers.get('content-type');
      if (type && !headers.has('content-type')) headers.set('content-type', type);
      body = Buffer.from(await encoded.arrayBuffer());
    }
    if (body) headers.set('content-length', String(body.length));
    const reply = await new Promise<{ status: number; raw: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
      const request = http.request(new URL(pathname, this.server.origin), { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent: keepAlive }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, raw: response.headers, bytes: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
    for (const line of [reply.raw['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(pair!.slice(0, at));
      else this.cookies.set(pair!.slice(0, at), value);
    }
    const replyHeaders = new Headers();
    for (const [name, value] of Object.entries(reply.raw)) if (name !== 'set-cookie' && value !== undefined) replyHeaders.set(name, [value].flat().join(', '));
    return { status: reply.status, text: decoded(reply.bytes, reply.raw['content-encoding']).toString('utf8'), headers: replyHeaders };
  }

  /** A server action as React's client sends it: JSON arguments, or one FormData as multipart. */
  async action(name: string, at: string, args: readonly unknown[] | FormData[]): Promise<{ status: number; state: Record<string, unknown> | null; redirect: string | null }> {
    const id = this.server.actions.get(name);
    if (!id) throw new Error(`the build has no server action named ${name}`);
    const headers: Record<string, string> = { 'next-action': id, accept: 'text/x-component', origin: this.server.origin };
    let body: string | FormData;
    if (args[0] instanceof FormData) {
      body = new FormData();
      for (const [key, value] of args[0].entries()) body.append(`_1_${key}`, value);
      body.append('0', JSON.stringify(['$K1']));
    } else if (args.length === 2 && args[1] instanceof FormData) {
      body = new FormData();
      for (const [key, value] of args[1].entries()) body.append(`_1_${key}`, value);
      body.append('0', JSON.stringify([args[0], '$K1']));
    } else {
      headers['content-type'] = 'text/plain;charset=UTF-8';
      body = JSON.stringify(args);
    }
    const reply = await this.request(at, { method: 'POST', headers, body });
    return { status: reply.status, state: actionState(reply.text), redirect: reply.headers.get('x-action-redirect')?.replace(/;(push|replace)$/, '') ?? null };
  }

  /** A drill answer as the player sends it: JSON to POST /api/drill/answer; the reply's AnswerState. */
  async answer(input: { cardId: string; reviewIndex: number; response: unknown; durationMs: number }): Promise<{ status: number; state: Record<string, unknown> | null }> {
    const reply = await this.request('/api/drill/answer', { method: 'POST', headers: { 'content-type': 'application/json', origin: this.server.origin }, body: JSON.stringify(input) });
    let state: Record<string, unknown> | null = null;
    try {
      state = JSON.parse(reply.text) as Record<string, unknown>;
    } catch {
      // not the route's JSON: counted as an error by the caller
    }
    return { status: reply.status, state };
  }

  async signUp(email: string, role: 'STUDENT' | 'INSTRUCTOR'): Promise<void> {
    let reply = await this.action('signUp', '/sign-up', [fields({ name: email.split('@')[0]!, email, password: PASSWORD, role })]);
    // The password queue refuses when full ("busy"): retry as a person would.
    for (let tries = 0; reply.state?.status === 'busy' && tries < 120; tries++) {
      await sleep(500);
      reply = await this.action('signUp', '/sign-up', [fields({ name: email.split('@')[0]!, email, password: PASSWORD, role })]);
    }
    if (reply.state?.status !== 'ok') throw new Error(`sign-up of ${email} failed: HTTP ${reply.status} ${JSON.stringify(reply.state)}`);
  }

  /** next-auth's credentials sign-in, as the sign-in form does it. */
  /** Sign-ins refused as busy (the password queue was full) and tried again, over every client. */
  static busyRefusals = 0;

  async signIn(email: string): Promise<void> {
    for (let tries = 0; tries < 120; tries++) {
      const outcome = await this.signInOnce(email);
      if (outcome === 'ok') return;
      if (outcome === 'busy') Client.busyRefusals += 1;
      if (outcome !== 'busy') throw new Error(`sign-in of ${email} failed: ${outcome}`);
    }
    throw new Error(`sign-in of ${email} stayed busy`);
  }

  private async signInOnce(email: string): Promise<string> {
    const csrf = JSON.parse((await this.request('/api/auth/csrf')).text) as { csrfToken: string };
    const body = new URLSearchParams({ email, password: PASSWORD, csrfToken: csrf.csrfToken, json: 'true', callbackUrl: '/home' });
    const reply = await this.request('/api/auth/callback/credentials', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if ([...this.cookies.keys()].some((k) => k.endsWith('session-token'))) return 'ok';
    return reply.text.includes('error=busy') ? 'busy' : `HTTP ${reply.status} ${reply.text.slice(0, 200)}`;
  }

  /** A page as the client router fetches it on refresh or navigation (the RSC payload). */
  async rsc(pathname: string) {
    const headers = { rsc: '1', 'next-router-state-tree': ROUTER_TREE };
    // The router adds a `_rsc` parameter derived from those headers; learn it from the first reply.
    const reply = await this.request(rscBusting ? `${pathname}?_rsc=${rscBusting}` : pathname, { headers });
    const busting = reply.status === 307 ? /[?&]_rsc=([^&]+)/.exec(reply.headers.get('location') ?? '')?.[1] : undefined;
    if (!busting || busting === rscBusting) return reply;
    rscBusting = busting;
    return this.request(`${pathname}?_rsc=${busting}`, { headers });
  }
}

/** The router state `router.refresh()` sends from /drill/review: the whole tree, refetched from the root. */
const ROUTER_TREE = encodeURIComponent(
  JSON.stringify(['', { children: ['(study)', { children: ['drill', { children: ['review', { children: ['__PAGE__', {}] }] }] }] }, null, 'refetch']),
);

function fields(values: Record<string, string | readonly string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of typeof value === 'string' ? [value] : value) data.append(key, v);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Numbers

class Samples {
  readonly total: number[] = [];
  readonly submit: number[] = [];
  readonly page: number[] = [];
  errors = 0;
  acknowledged = 0;
  readonly errorKinds = new Map<string, number>();

  error(kind: string) {
    this.errors += 1;
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
  }
}

/** The p-th quantile of `values` (as `percentiles` prints it). */
function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * Issue 15's four goals, each with what this run measured (filled in by the scenarios that
 * measure it, printed at the end): server CPU per answer and answers/s at saturation, the p95 of
 * students thinking, the p95 of every request of the exam start, each with its errors.
 */
interface Goal {
  readonly label: string;
  readonly unit: string;
  readonly target: number;
  readonly atMost: boolean;
  measured?: { value: number; errors: number };
}
const GOALS = {
  cpu: { label: 'server CPU per answer + next question, saturation', unit: 'ms', target: 10, atMost: true } as Goal,
  rate: { label: 'answers/s, saturation', unit: '/s', target: 150, atMost: false } as Goal,
  think: { label: 'answer → next question p95, students thinking', unit: 'ms', target: 30, atMost: true } as Goal,
  exam: { label: 'every request p95, exam start', unit: 'ms', target: 100, atMost: true } as Goal,
};

function printGoals(): void {
  const measured = Object.values(GOALS).filter((g) => g.measured);
  if (measured.length === 0) return;
  const perNode = config.processes === 1 ? 'one server process' : `${config.processes} server processes`;
  const serving = config.multinode > 0 ? `${config.multinode} app servers of ${perNode} behind nginx` : perNode;
  console.log(`### against the goals (${serving}; ${config.students} students, think ${config.thinkMs} ms; exam ${config.examStudents} students)`);
  for (const g of measured) {
    const { value, errors } = g.measured as { value: number; errors: number };
    const met = errors === 0 && (g.atMost ? value <= g.target : value >= g.target);
    console.log(`${g.label.padEnd(52)} ${value.toFixed(1).padStart(7)} ${g.unit.padEnd(3)} goal ${g.atMost ? '≤' : '≥'} ${g.target} ${g.unit}, 0 errors: ${met ? 'met' : `NOT met${errors ? ` (${errors} errors)` : ''}`}`);
  }
  console.log('');
}

function percentiles(values: readonly number[]): string {
  if (values.length === 0) return 'no samples';
  const at = (p: number) => quantile(values, p).toFixed(1);
  return `p50 ${at(0.5)} ms · p95 ${at(0.95)} ms · p99 ${at(0.99)} ms · max ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;
}

function sqliteReviewLogRows(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog" WHERE "undoneAt" IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The drill scenarios

interface Shown {
  cardId: string;
  reviewIndex: number;
  answer: unknown;
}

interface ReviewRef {
  cardId: string;
  reviewIndex: number;
  generator: string;
  tier: number;
  seed: number;
  version: number;
}

function shownFrom(ref: ReviewRef): Shown {
  const question = buildQuestion({ generator: ref.generator, version: ref.version, seed: ref.seed, tier: ref.tier as Tier });
  return { cardId: ref.cardId, reviewIndex: ref.reviewIndex, answer: question.answer };
}

/** The review on a /drill/review payload and its right answer, or null when the day is done. */
function shownReview(payload: string): Shown | null | 'unreadable' {
  const match = /"cardId":"([^"]+)","reviewIndex":(\d+),"generator":"([^"]+)","tier":(\d+),"seed":(\d+),"version":(\d+)/.exec(payload);
  if (!match) return payload.includes('session-done') ? null : 'unreadable';
  const [, cardId, reviewIndex, generator, tier, seed, version] = match;
  return shownFrom({ cardId: cardId!, reviewIndex: Number(reviewIndex), generator: generator!, tier: Number(tier), seed: Number(seed), version: Number(version) });
}

export async function studentWithDeck(server: Server, n: number): Promise<Client> {
  const client = new Client(server);
  const email = `bench-${n}-${process.pid}@example.test`;
  await client.signUp(email, 'STUDENT');
  await client.signIn(email);
  const added = await client.action('addTopics', '/drill', [IDLE, fields({ topic: ALL_TOPICS })]);
  if (added.state?.status !== 'ok') throw new Error(`addTopics failed: HTTP ${added.status} ${JSON.stringify(added.state)}`);
  return client;
}

/** The next review to answer; when the day's queue is done, the student's clock moves a month on. */
async function nextShown(client: Client, samples: Samples): Promise<Shown | null> {
  for (let days = 0; days < 3; days++) {
    const page = await client.rsc('/drill/review');
    if (page.status !== 200) {
      samples.error(`review page HTTP ${page.status} ${page.headers.get("location") ?? ""}`);
      return null;
    }
    const shown = shownReview(page.text);
    if (shown === 'unreadable') {
      samples.error('review page without a review');
      return null;
    }
    if (shown) return shown;
    client.setCookie(TEST_CLOCK_COOKIE, String(Number(client.cookie(TEST_CLOCK_COOKIE) ?? 0) + 30 * DAY_MS));
  }
  return null;
}

/** Answers, then fetches the next review, until `until`; each answer → next question is a sample. */
async function drillLoop(client: Client, samples: Samples, until: number, thinkMs: number): Promise<void> {
  let shown = await nextShown(client, samples);
  while (shown && performance.now() < until) {
    if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
    if (performance.now() >= until) break;
    const started = performance.now();
    const reply = await client.answer({ cardId: shown.cardId, reviewIndex: shown.reviewIndex, response: shown.answer, durationMs: 4000 });
    const answered = performance.now();
    if (reply.status !== 200 || reply.state?.status !== 'graded') {
      samples.error(`answer HTTP ${reply.status} ${String(reply.state?.status)}`);
      shown = await nextShown(client, samples);
      continue;
    }
    if (reply.state.duplicate === false) samples.acknowledged += 1;
    // When the answer brings the next review, the player shows it without another request.
    const brought = reply.state.next as { status: string; item: ReviewRef } | undefined;
    if (brought?.status === 'review') {
      samples.submit.push(answered - started);
      samples.total.push(answered - started);
      shown = shownFrom(brought.item);
      continue;
    }
    const page = await client.rsc('/drill/review');
    const done = performance.now();
    const next = page.status === 200 ? shownReview(page.text) : 'unreadable';
    if (next === 'unreadable') {
      samples.error(`next page HTTP ${page.status}`);
      shown = await nextShown(client, samples);
      continue;
    }
    samples.submit.push(answered - started);
    samples.page.push(done - answered);
    samples.total.push(done - started);
    shown = next ?? (await nextShown(client, samples));
  }
}

/** Students with decks on a fresh server; signed up five at a time (each hashes a password), not measured. */
async function drillServer(students: number): Promise<{ server: Server; clients: Client[] }> {
  const server = await startServer();
  const clients: Client[] = [];
  for (let i = 0; i < students; i += 5) clients.push(...(await Promise.all(Array.from({ length: Math.min(5, students - i) }, (_, k) => studentWithDeck(server, i + k)))));
  // Warm the server up (first renders fill caches) with one round each.
  await Promise.all(clients.map((c) => drillLoop(c, new Samples(), performance.now() + 1, 0)));
  return { server, clients };
}

async function drillScenario(label: string, { server, clients }: { server: Server; clients: Client[] }, thinkMs: number, goal?: 'think' | 'saturate'): Promise<void> {
  const samples = new Samples();
  const before = await server.reviewLogRows();
  const cpuBefore = server.cpuMs();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + config.seconds * 1000;
  await Promise.all(clients.map((c) => drillLoop(c, samples, until, thinkMs)));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = server.cpuMs() - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const clientMs = (client.user + client.system) / 1000;
  const logged = (await server.reviewLogRows()) - before;
  const answers = samples.total.length;
  console.log(`### ${label}: ${clients.length} student(s), think ${thinkMs} ms, ${elapsed.toFixed(1)} s; ${server.serving}`);
  console.log(`answer → next question: ${percentiles(samples.total)}`);
  console.log(`  answer request:       ${percentiles(samples.submit)}`);
  console.log(`  next /drill/review:   ${percentiles(samples.page)} (the other answers brought the next review)`);
  console.log(`answers/s: ${(answers / elapsed).toFixed(1)}`);
  console.log(`server CPU per answer + next question: ${answers ? (cpu / answers).toFixed(1) : '-'} ms (${(cpu / 1000).toFixed(1)} s CPU in ${elapsed.toFixed(1)} s)`);
  // The benchmark's own students run on the same cores: what they take is not the server's to use.
  console.log(`this benchmark's CPU per answer (the students' side, same machine): ${answers ? (clientMs / answers).toFixed(1) : '-'} ms`);
  console.log(`errors: ${samples.errors}${samples.errors ? ` (${[...samples.errorKinds].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''}`);
  console.log(`acknowledged answers ${samples.acknowledged}, new ReviewLog rows ${logged}: ${samples.acknowledged === logged ? 'nothing lost' : 'MISMATCH'}\n`);
  const errors = samples.errors + (samples.acknowledged === logged ? 0 : 1);
  if (goal === 'think') GOALS.think.measured = { value: quantile(samples.total, 0.95), errors };
  if (goal === 'saturate' && answers > 0) {
    GOALS.cpu.measured = { value: cpu / answers, errors };
    GOALS.rate.measured = { value: answers / elapsed, errors };
  }
}

async function withServer<T extends { server: Server }>(setUp: Promise<T>, measure: (prepared: T) => Promise<void>): Promise<void> {
  const prepared = await setUp;
  try {
    await measure(prepared);
  } finally {
    await stopServer(prepared.server);
  }
}

// ---------------------------------------------------------------------------------------------
// The exam start

const EXAM_QUESTIONS = 10;
const HOUR_MS = 3_600_000;
const localTime = (at: Date) => at.toISOString().slice(0, 16);

/** Latencies by request kind: the exam goal holds for every request, not only the answers. */
class ByKind {
  readonly latencies = new Map<string, number[]>();
  readonly samples = new Samples();

  async time<T>(kind: string, request: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await request();
    const list = this.latencies.get(kind) ?? [];
    list.push(performance.now() - started);
    this.latencies.set(kind, list);
    return result;
  }
}

async function classExam(server: Server): Promise<{ assignmentId: string; joinCode: string }> {
  const instructor = new Client(server);
  const email = `bench-teacher-${process.pid}@example.test`;
  await instructor.signUp(email, 'INSTRUCTOR');
  await instructor.signIn(email);
  const created = await instructor.action('createClassAction', '/teach', [IDLE, fields({ name: 'Bench class' })]);
  if (created.state?.status !== 'ok') throw new Error(`createClassAction: ${JSON.stringify(created.state)}`);
  const classId = /href="\/teach\/classes\/([^"]+)"/.exec((await instructor.request('/teach')).text)?.[1];
  const joinCode = /data-testid="join-code"[^>]*>([^<]+)</.exec((await instructor.request(`/teach/classes/${classId}`)).text)?.[1];
  const set = await instructor.action('saveSetAction', '/teach/sets', [IDLE, fields({ name: 'Bench set', items: JSON.stringify([{ generator: 'lock-holder', tier: 1, count: EXAM_QUESTIONS }]) })]);
  const setId = /^\/teach\/sets\/([^/?]+)/.exec(set.redirect ?? '')?.[1];
  if (!classId || !joinCode || !setId) throw new Error(`class ${classId}, join code ${joinCode}, set ${setId}`);
  const at = new Date();
  const exam = await instructor.action('createAssignmentAction', `/teach/classes/${classId}`, [
    IDLE,
    fields({
      classId,
      setId,
      title: 'Bench exam',
      kind: 'exam',
      opensAt: localTime(new Date(at.getTime() - HOUR_MS)),
      dueAt: localTime(new Date(at.getTime() + 6 * HOUR_MS)),
      attemptsAllowed: '1',
      seedPolicy: 'per-student',
      showAnswers: 'after-submit',
      latePolicy: 'closed',
      latePenalty: '0',
      timeLimitMinutes: '',
      lockdown: '',
    }),
  ]);
  if (exam.state?.status !== 'ok') throw new Error(`createAssignmentAction: ${JSON.stringify(exam.state)}`);
  const student = await studentInClass(server, -1, joinCode, true);
  const assignmentId = /href="\/assignments\/([^"/]+)"/.exec((await student.request('/assignments')).text)?.[1];
  if (!assignmentId) throw new Error('the exam is not on the student\'s assignments page');
  return { assignmentId, joinCode };
}

async function studentInClass(server: Server, n: number, joinCode: string, staySignedIn = false): Promise<Client> {
  const client = new Client(server);
  const email = `bench-exam-${n}-${process.pid}@example.test`;
  await client.signUp(email, 'STUDENT');
  await client.signIn(email);
  const joined = await client.action('joinClass', '/classes', [IDLE, fields({ code: joinCode })]);
  if (joined.state?.status !== 'joined') throw new Error(`joinClass: ${JSON.stringify(joined.state)}`);
  if (!staySignedIn) client.forgetCookies();
  return client;
}

/** First option of each choice question, in page order (all of the bench exam's questions are choices). */
function firstOptions(payload: string): string[] {
  const text = payload.replace(/\\"/g, '"');
  return [...text.matchAll(/"kind":"choice","options":\[\{"id":"([^"]+)"/g)].map((m) => m[1]!);
}

/** One student: signs in, opens the exam, starts it, then saves an answer every ~everyMs. */
async function examStudent(client: Client, n: number, assignmentId: string, until: number, stats: ByKind): Promise<void> {
  const email = `bench-exam-${n}-${process.pid}@example.test`;
  const check = (ok: boolean, kind: string) => {
    if (!ok) stats.samples.error(kind);
    return ok;
  };
  await stats.time('sign-in', () => client.signIn(email)).catch((error: Error) => stats.samples.error(`sign-in: ${error.message.replace(email, '<email>').slice(0, 80)}`));
  const page = `/assignments/${assignmentId}`;
  const opened = await stats.time('exam page', () => client.request(page));
  if (!check(opened.status === 200, `exam page HTTP ${opened.status}`)) return;
  const started = await stats.time('start exam', () => client.action('startAssignmentAttempt', page, [IDLE, fields({ assignmentId })]));
  if (!check(started.redirect === page, `start ${started.status} ${JSON.stringify(started.state)}`)) return;
  const shown = await stats.time('exam page', () => client.request(page));
  const attemptId = /attemptId\\?":\\?"([^"\\]+)/.exec(shown.text)?.[1];
  const options = firstOptions(shown.text);
  if (!check(shown.status === 200 && !!attemptId && options.length > 0, 'attempt not shown')) return;
  for (let position = 0; ; position = (position + 1) % options.length) {
    await sleep(config.examEveryMs * (0.5 + Math.random()));
    if (performance.now() >= until) return;
    const saved = await stats.time('save answer', () => client.action('saveAttemptAnswer', page, [{ attemptId, position, response: options[position], durationMs: 15_000 }]));
    if (check(saved.status === 200 && saved.state?.status === 'saved', `save ${saved.status} ${String(saved.state?.status)}`)) stats.samples.acknowledged += 1;
  }
}

async function examScenario(): Promise<void> {
  const server = await startServer();
  try {
    const students = config.examStudents;
    const { assignmentId, joinCode } = await classExam(server);
    const clients: Client[] = [];
    for (let i = 0; i < students; i += 10) clients.push(...(await Promise.all(Array.from({ length: Math.min(10, students - i) }, (_, k) => studentInClass(server, i + k, joinCode)))));
    const stats = new ByKind();
    const busyBefore = Client.busyRefusals;
    const cpuBefore = server.cpuMs();
    const started = performance.now();
    const rampMs = config.examRampS * 1000;
    const until = started + rampMs + config.examSeconds * 1000;
    await Promise.all(
      clients.map(async (client, i) => {
        await sleep((rampMs * i) / students);
        await examStudent(client, i, assignmentId, until, stats);
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = server.cpuMs() - cpuBefore;
    const requests = [...stats.latencies.values()].reduce((sum, l) => sum + l.length, 0);
    console.log(`### exam start: ${students} students start within ${config.examRampS} s, then save an answer every ~${config.examEveryMs / 1000} s; ${elapsed.toFixed(1)} s; ${server.serving}`);
    for (const [kind, latencies] of stats.latencies) console.log(`${kind.padEnd(12)} ${percentiles(latencies)}`);
    console.log(`every request: ${percentiles([...stats.latencies.values()].flat())}`);
    GOALS.exam.measured = { value: quantile([...stats.latencies.values()].flat(), 0.95), errors: stats.samples.errors };
    console.log(`sign-ins refused as busy (password queue full) and tried again after the refusal's 1 s: ${Client.busyRefusals - busyBefore}`);
    // A sign-in hashes the password on purpose (Argon2id, ~17 ms of one core here): the floor of its latency, whatever else is fast.
    console.log(`every request but sign-in: ${percentiles([...stats.latencies].filter(([kind]) => kind !== 'sign-in').flatMap(([, l]) => l))}`);
    console.log(`saved answers: ${stats.samples.acknowledged} (${(stats.samples.acknowledged / elapsed).toFixed(1)}/s); server CPU ${(cpu / 1000).toFixed(1)} s, ${(cpu / requests).toFixed(1)} ms per request`);
    console.log(`errors: ${stats.samples.errors}${stats.samples.errors ? ` (${[...stats.samples.errorKinds].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''}\n`);
  } finally {
    await stopServer(server);
  }
}

export const bench: Bench = {
  name: 'http',
  description: 'answer → next question over HTTP against the production server (needs `next build`)',
  async run() {
    const has = (name: string) => config.scenarios.includes(name);
    if (has('one')) await withServer(drillServer(1), (drill) => drillScenario('one student', drill, 0));
    // The thinking students and saturation share one server and one set of students.
    if (has('think') || has('saturate')) {
      await withServer(drillServer(config.students), async (drill) => {
        if (has('think')) await drillScenario('students thinking', drill, config.thinkMs, 'think');
        if (has('saturate')) await drillScenario('saturation', drill, 0, 'saturate');
      });
    }
    if (config.scenarios.includes('exam')) await examScenario();
    printGoals();
  },
};
