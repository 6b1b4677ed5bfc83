/**
 * POST /api/drill/answer, the drill player's answer request: a route handler outside proxy.ts's
 * matcher, so it checks the caller, the content type and the size itself and sets the security
 * headers itself. Every refusal is a clear 4xx that records nothing; a valid answer is graded
 * once, a repeat of it is the same review.
 */
import type { APIResponse } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, ANSWER_ROUTE, describeReply, form, postAnswer, signUpOverHttp } from './actions';
import { expect, newUser, test } from './fixtures';
import { freePort, freshDatabase, Server } from './server';

function expectHeaders(response: { headers: Record<string, string> }, where: string) {
  expect(response.headers['content-security-policy'] ?? '', where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'.*frame-ancestors 'none'/);
  expect(response.headers['x-content-type-options'], where).toBe('nosniff');
  expect(response.headers['x-frame-options'], where).toBe('DENY');
}

const headersOf = (response: APIResponse) => ({ headers: response.headers() });

/** Whether Next's request pipeline made the reply (its Vary names the router's headers) rather than the server process's own handler. */
const throughNext = (response: APIResponse) => /\brsc\b/i.test(response.headers()['vary'] ?? '');

/**
 * The answer endpoint's rules, checked on the server at `origin`; `next` says which handler must
 * have served the POSTs (the server process's own, or Next's route with LOCKSTEP_ANSWER_THROUGH_NEXT=1).
 */
async function checkAnswerEndpoint(playwright: Parameters<Parameters<typeof test>[2]>[0]['playwright'], origin: string, next: boolean) {
  const request = await playwright.request.newContext({ baseURL: origin });
  const caller = new ActionCaller(request, origin);

  // Signed out: 401 with the status word (a well-formed request; the request checks come first).
  const anonymous = await postAnswer(caller, { cardId: 'x', reviewIndex: 0, response: 'a', durationMs: 1 });
  expect(anonymous.status, describeReply(anonymous)).toBe(401);
  expect(anonymous.state).toEqual({ status: 'unauthorized' });
  expectHeaders(headersOf(await request.post(ANSWER_ROUTE, { headers: { 'Content-Type': 'application/json', Origin: origin }, data: '{}' })), 'signed out');

  await signUpOverHttp(caller, newUser('STUDENT'));
  expect((await caller.call('addTopics', [{ status: 'idle' }, form({ topic: ['lock'] })], '/drill')).state?.status).toBe('ok');
  const progress = async () => (await (await request.get('/api/export/progress.json')).json()) as { cards: { id: string; generator: string; tier: number }[]; reviews: { cardId: string; reviewIndex: number }[] };
  const card = (await progress()).cards[0]!;
  const g = getGenerator(card.generator)!;
  const question = buildQuestion({ generator: g.id, version: g.version, seed: reviewSeed(card.id, 0), tier: (g.tiers.includes(card.tier as Tier) ? card.tier : g.tiers[0]) as Tier });
  const answer = { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 2500 };

  const refusals: [string, Promise<Awaited<ReturnType<typeof postAnswer>>>, number][] = [
    ['text/plain', postAnswer(caller, answer, { 'Content-Type': 'text/plain;charset=UTF-8' }), 415],
    ['a form', postAnswer(caller, 'cardId=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415],
    ['not JSON', postAnswer(caller, '{"cardId": ', {}), 400],
    ['70 kB', postAnswer(caller, { ...answer, response: 'x'.repeat(70_000) }), 413],
    ['another site', postAnswer(caller, answer, { Origin: 'http://evil.example' }), 403],
  ];
  for (const [what, sent, status] of refusals) {
    const reply = await sent;
    expect(reply.status, `${what}: ${describeReply(reply)}`).toBe(status);
    expect(reply.state?.status, what).toBe('refused');
    expect(String(reply.state?.message ?? ''), what).toMatch(/^[A-Z][a-z]+.*: /);
  }
  // A well-formed request with a bad answer shape is the app's own "invalid", not an error.
  const invalid = await postAnswer(caller, { cardId: card.id, reviewIndex: -1, response: null, durationMs: 'soon' });
  expect([invalid.status, invalid.state]).toEqual([200, { status: 'invalid', reason: 'request' }]);
  for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
    const response = await request.fetch(ANSWER_ROUTE, { method, headers: { Origin: origin } });
    expect(response.status(), method).toBe(405);
    expectHeaders(headersOf(response), method);
  }
  // A method the app does not answer at all: the server refuses it with a message (scripts/server.mjs).
  const odd = await request.fetch(ANSWER_ROUTE, { method: 'PROPFIND' });
  expect(odd.status()).toBe(405);
  expect(await odd.text()).toMatch(/^Method not allowed: /);
  expect(odd.headers()['x-content-type-options']).toBe('nosniff');
  expect((await progress()).reviews).toEqual([]);

  // The answer: graded and recorded; the same answer again is the same review, not a second one.
  const first = await postAnswer(caller, answer);
  expect(first.status, describeReply(first)).toBe(200);
  expect(first.state).toMatchObject({ status: 'graded', correct: true, duplicate: false });
  expect(['review', 'done']).toContain((first.state?.next as { status: string }).status);
  // Without an Origin header (not a browser: scripts, the benchmark) the request is taken, as
  // Next takes server actions; a browser always sends Origin with a POST.
  const noOrigin = await request.post(ANSWER_ROUTE, { headers: { 'Content-Type': 'application/json' }, data: Buffer.from(JSON.stringify(answer)) });
  expect(await noOrigin.json()).toMatchObject({ status: 'graded', duplicate: true, logId: first.state?.logId });
  expect((await progress()).reviews.map((r) => [r.cardId, r.reviewIndex])).toEqual([[card.id, 0]]);
  const response = await request.post(ANSWER_ROUTE, { headers: { 'Content-Type': 'application/json', Origin: origin, 'Accept-Encoding': 'gzip' }, data: JSON.stringify(answer) });
  expectHeaders(headersOf(response), 'a graded answer');
  expect(response.headers()['cache-control']).toContain('no-store');
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  expect(response.headers()['content-encoding'], 'a reply of several kB is compressed').toBe('gzip');
  expect(await response.json()).toMatchObject({ status: 'graded', duplicate: true, logId: first.state?.logId });
  expect(throughNext(response), next ? 'served by Next' : "served by the server process's own handler").toBe(next);
  await request.dispose();
}

test('the answer endpoint (the server process\'s own handler): signed out 401, wrong type 415, not JSON 400, too large 413, other methods 405, each with the security headers and nothing recorded; a valid answer counts once', async ({ playwright, baseURL }) => {
  await checkAnswerEndpoint(playwright, baseURL as string, false);
});

test('the answer endpoint through Next\'s route (LOCKSTEP_ANSWER_THROUGH_NEXT=1) keeps the same rules', async ({ playwright, request }) => {
  test.setTimeout(120_000);
  const { env } = freshDatabase('lockstep-answer-next-');
  const server = new Server(await freePort(), { ...env, LOCKSTEP_ANSWER_THROUGH_NEXT: '1' });
  await server.start(request);
  try {
    await checkAnswerEndpoint(playwright, server.origin, true);
  } finally {
    await server.kill('SIGTERM');
  }
});
