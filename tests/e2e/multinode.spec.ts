/**
 * Two app servers behind nginx sharing one PostgreSQL (scripts/multinode.mjs, the setup
 * `npm run multinode` brings up), on their own throwaway database: a session made through nginx
 * holds on each server, and the same drill answer sent to both servers at once counts once.
 */
import type { APIRequestContext } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { reviewSeed } from '@/lib/srs/seed';
import { startMultinode } from '../../scripts/multinode.mjs';
import { ActionCaller, describeReply, form, signUpOverHttp } from './actions';
import { expect, newUser, test } from './fixtures';

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

test('two servers behind nginx share sessions, and one answer sent to both counts once', async ({ playwright }) => {
  test.setTimeout(180_000);
  const setup = await startMultinode({ servers: 2, skipBuild: true, quiet: true });
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
      [serverA, serverB, serverA, serverB, serverA, serverB].map((origin) => new ActionCaller(request, origin).call('submitAnswer', [answer], '/drill/review')),
    );
    for (const reply of replies) expect(reply.status, describeReply(reply)).toBeLessThan(500);
    const graded = replies.filter((r) => r.state?.status === 'graded');
    expect(graded.length, replies.map(describeReply).join('\n')).toBe(replies.length);
    expect(graded.filter((r) => r.state?.duplicate === false)).toHaveLength(1);

    const stored = await progress(request, serverB);
    expect(stored.reviews.filter((r) => r.cardId === card!.id && r.undoneAt === null)).toHaveLength(1);
    expect(stored.cards.find((c) => c.id === card!.id)?.reviewCount).toBe(1);
  } finally {
    await request.dispose();
    await setup.stop();
  }
});
