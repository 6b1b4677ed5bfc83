/**
 * Sign-in under attack, against a running server (`BENCH_URL=http://127.0.0.1:3000 npm run
 * bench -- sign-in-flood`; skipped without BENCH_URL). Each simulated client sends its own
 * X-Forwarded-For address, so run it against a server that reads client addresses from that
 * header (the default, lib/auth/client-address.ts).
 *
 * 1. A flood: 30 clients, each sending sign-ins for unknown emails back to back for
 *    FLOOD_SECONDS, while the account's owner signs in about once a second, from the address
 *    they signed in from before and from a new one. Prints the owner's sign-in times and what
 *    the flood got (checked, throttled, busy).
 * 2. A burst of 40 concurrent wrong passwords for the owner's email from one client: how many
 *    were checked (answered "incorrect") and how many refused; then whether the owner, at their
 *    usual address, still signs in.
 */
import type { Bench } from './run';

const FLOOD_CLIENTS = 30;
const FLOOD_SECONDS = 20;
const BURST = 40;

type Outcome = 'signed-in' | 'invalid' | 'throttled' | 'busy' | 'other';

let addressCounter = 0;
const newAddress = () => {
  addressCounter += 1;
  return `100.${64 + ((process.pid >> 8) & 63)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

/** One HTTP client: its own address and cookies. */
class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly address = newAddress(),
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.address);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  async csrf(): Promise<string> {
    return ((await (await this.request('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
  }

  async signIn(email: string, password: string, csrfToken: string): Promise<Outcome> {
    const body = new URLSearchParams({ email, password, csrfToken, json: 'true', callbackUrl: '/home' });
    const response = await this.request('/api/auth/callback/credentials', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (response.status >= 500) return 'other';
    const { url } = (await response.json()) as { url: string };
    const error = new URL(url).searchParams.get('error');
    if (!error) return 'signed-in';
    if (error === 'invalid-credentials' || error === 'CredentialsSignin') return 'invalid';
    if (error.startsWith('throttled')) return 'throttled';
    if (error === 'busy') return 'busy';
    return 'other';
  }
}

const tally = (outcomes: Outcome[]) => {
  const counts: Partial<Record<Outcome, number>> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
};

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
  return `n=${sorted.length} median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
}

async function timedSignIn(client: Client, email: string, password: string): Promise<{ ms: number; outcome: Outcome }> {
  const csrf = await client.csrf();
  const started = performance.now();
  const outcome = await client.signIn(email, password, csrf);
  return { ms: performance.now() - started, outcome };
}

async function run() {
  const base = process.env.BENCH_URL;
  const email = process.env.BENCH_EMAIL;
  const password = process.env.BENCH_PASSWORD;
  if (!base || !email || !password) {
    console.log('skipped: set BENCH_URL, BENCH_EMAIL and BENCH_PASSWORD (an existing account, e.g. a demo account)');
    return;
  }

  // The owner's usual address: signed in from it once before.
  const home = new Client(base);
  const first = await timedSignIn(home, email, password);
  console.log(`owner, quiet server: ${first.ms.toFixed(0)} ms (${first.outcome})`);
  const quiet: number[] = [];
  for (let i = 0; i < 5; i++) quiet.push((await timedSignIn(new Client(base, home.address), email, password)).ms);
  console.log(`owner, quiet server, 5 more: ${summary(quiet)}`);

  // 1. Flood.
  const floodOutcomes: Outcome[] = [];
  const stopAt = performance.now() + FLOOD_SECONDS * 1000;
  const floods = Array.from({ length: FLOOD_CLIENTS }, async (_, c) => {
    const client = new Client(base);
    const token = await client.csrf();
    let n = 0;
    while (performance.now() < stopAt) {
      floodOutcomes.push(await client.signIn(`nobody-${c}-${n++}-${Date.now()}@example.test`, 'a guessed password', token));
    }
  });
  const known: { ms: number; outcome: Outcome }[] = [];
  const fresh: { ms: number; outcome: Outcome }[] = [];
  const owner = (async () => {
    await new Promise((r) => setTimeout(r, 1000));
    while (performance.now() < stopAt - 1000) {
      known.push(await timedSignIn(new Client(base, home.address), email, password));
      fresh.push(await timedSignIn(new Client(base), email, password));
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const health: number[] = [];
  const probe = (async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      await fetch(new URL('/api/health', base));
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await Promise.all([...floods, owner, probe]);
  console.log(`GET /api/health during the flood: ${summary(health)}`);
  console.log(`flood: ${FLOOD_CLIENTS} clients × ${FLOOD_SECONDS} s of unknown-email sign-ins: ${JSON.stringify(tally(floodOutcomes))}`);
  console.log(`owner during the flood, from their usual address: ${summary(known.map((k) => k.ms))}, outcomes ${JSON.stringify(tally(known.map((k) => k.outcome)))}`);
  console.log(`owner during the flood, from a new address:      ${summary(fresh.map((k) => k.ms))}, outcomes ${JSON.stringify(tally(fresh.map((k) => k.outcome)))}`);

  // 2. Burst (after the flood, so that the owner's timings above are not affected by it).
  const attacker = new Client(base);
  const csrf = await attacker.csrf();
  const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => attacker.signIn(email, `wrong password ${i}`, csrf)));
  console.log(`burst of ${BURST} concurrent wrong passwords, one client, one email: ${JSON.stringify(tally(burst))}`);
  const after = await timedSignIn(new Client(base, home.address), email, password);
  console.log(`owner right after the burst, from their usual address: ${after.ms.toFixed(0)} ms (${after.outcome})`);
}

export const bench: Bench = {
  name: 'sign-in-flood',
  description: 'sign-in throttle under a concurrent burst, and the owner’s sign-in time during a flood (needs BENCH_URL)',
  run,
};
