/**
 * Two app servers behind nginx sharing one PostgreSQL (scripts/multinode.mjs, the setup
 * `npm run multinode` brings up), on their own throwaway database: a session made through nginx
 * holds on each server, and the same drill answer sent to both servers at once counts once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, describeReply, form, postAnswer, signUpOverHttp } from './actions';
import { expect, newUser, test } from './fixtures';
import { freePort } from './server';

const IDLE = { status: 'idle' };

interface Progress {
  cards: { id: string; generator: string; tier: number; reviewCount: number }[];
  reviews: { cardId: string; reviewIndex: number; undoneAt: string | null }[];
}

async function progress(request: APIRequestContext, origin: string): Promise<Progress> {
  const response = await request.get(`${origin}/api/export/progress.json`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Progress;
}

/** Runs `npm run multinode`'s script on a free port until it prints where it serves. */
async function startMultinode(): Promise<{ url: string; servers: string[]; child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [path.join(process.cwd(), 'scripts', 'multinode.mjs')], {
    env: { ...process.env, MULTINODE_PORT: String(await freePort()), MULTINODE_SKIP_BUILD: '1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = () => output.slice(-6_000);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^MULTINODE (.+)$/m.exec(output);
      if (line) resolve({ ...(JSON.parse(line[1] as string) as { url: string; servers: string[] }), child, log });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`scripts/multinode.mjs exited (${code}):\n${log()}`)));
  });
}

/** SIGTERM, and wait until it has taken everything down. */
async function stopMultinode(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

test('two servers behind nginx share sessions, and one answer sent to both counts once', async ({ playwright }) => {
  test.setTimeout(180_000);
  const setup = await startMultinode();
  const request = await playwright.request.newContext();
  try {
    const [serverA, serverB] = setup.servers as [string, string];
    // nginx answers health from either server, which both report PostgreSQL with current migrations.
    for (const origin of [setup.url, serverA, serverB]) {
      const health = await (await request.get(`${origin}/api/health`)).json();
      expect(health.database).toMatchObject({ status: 'ok', provider: 'postgresql', migrationsCurrent: true });
    }

    // Signed up through nginx; the session cookie (host-only, any port) is honoured by both servers.
    const viaNginx = new ActionCaller(request, setup.url);
    await signUpOverHttp(viaNginx, newUser('STUDENT'));
    expect((await viaNginx.call('addTopics', [IDLE, form({ topic: ['lock'] })], '/drill')).state?.status).toBe('ok');
    for (const origin of [serverA, serverB]) {
      const home = await request.get(`${origin}/home`, { maxRedirects: 0 });
      expect(home.status(), `${origin}/home with the session made through nginx`).toBe(200);
    }

    const card = (await progress(request, setup.url)).cards.find((c) => c.reviewCount === 0);
    expect(card).toBeTruthy();
    const generator = getGenerator(card!.generator)!;
    const tier = (generator.tiers.includes(card!.tier as Tier) ? card!.tier : generator.tiers[0]) as Tier;
    const question = buildQuestion({ generator: generator.id, version: generator.version, seed: reviewSeed(card!.id, 0), tier });
    const answer = { cardId: card!.id, reviewIndex: 0, response: question.answer, durationMs: 3000 };

    // The same answer to both servers at once, three times over (a double submit across servers).
    const replies = await Promise.all(
      [serverA, serverB, serverA, serverB, serverA, serverB].map((origin) => postAnswer(new ActionCaller(request, origin), answer)),
    );
    for (const reply of replies) expect(reply.status, describeReply(reply)).toBeLessThan(500);
    const graded = replies.filter((r) => r.state?.status === 'graded');
    expect(graded.length, replies.map(describeReply).join('\n')).toBe(replies.length);
    expect(graded.filter((r) => r.state?.duplicate === false)).toHaveLength(1);

    const stored = await progress(request, serverB);
    expect(stored.reviews.filter((r) => r.cardId === card!.id && r.undoneAt === null)).toHaveLength(1);
    expect(stored.cards.find((c) => c.id === card!.id)?.reviewCount).toBe(1);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n--- multinode log ---\n${setup.log()}`);
  } finally {
    await request.dispose();
    await stopMultinode(setup.child);
  }
});
