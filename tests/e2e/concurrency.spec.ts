/**
 * Races a student can start with two tabs, a double click or a script: the same write sent
 * N times at once over HTTP. Each must take effect once — one membership, one attempt, one
 * hand-in, one recorded review — every reply must be a clear answer (never ≥ 500), and the
 * instructor's exports must show exactly one of each.
 *
 * These check the outcome, not one interleaving: a server process runs each of these actions'
 * reads and writes without another request's in between (better-sqlite3 is synchronous and
 * nothing between them waits for I/O), so startAttempt's "raced" branch is not reached over
 * HTTP — breaking it went unnoticed here, even with two server processes on one database.
 * What these do catch is any future await between a check and its write (the N copies then
 * interleave) and any write that is not idempotent.
 */
import type { APIRequest, APIRequestContext } from '@playwright/test';
import Papa from 'papaparse';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, ANSWER_ROUTE, describeReply, form, raceAnswer, raceCall, signUpOverHttp, type ActionReply } from './actions';
import { expect, newUser, test, type TestUser } from './fixtures';

/** How many copies of each request race: more than a browser would ever send at once. */
const N = 12;
const HOUR = 3_600_000;
const IDLE = { status: 'idle' };
const local = (d: Date) => d.toISOString().slice(0, 16);

interface Actor {
  user: TestUser;
  caller: ActionCaller;
  request: APIRequestContext;
}

async function actor(playwright: { request: APIRequest }, baseURL: string, role: TestUser['role']): Promise<Actor> {
  const request = await playwright.request.newContext({ baseURL });
  const caller = new ActionCaller(request, baseURL);
  const user = newUser(role);
  await signUpOverHttp(caller, user);
  return { user, caller, request };
}

async function html(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

/** An instructor's class with one assignment (two lock-holder questions), made with the teach actions. */
async function classWithAssignment(instructor: Actor, attemptsAllowed: number) {
  const name = `Race class ${instructor.user.email}`;
  const created = await instructor.caller.call('createClassAction', [IDLE, form({ name })], '/teach');
  expect(created.state?.status, describeReply(created)).toBe('ok');
  const classId = /href="\/teach\/classes\/([^"]+)"/.exec(await html(instructor.request, '/teach'))?.[1] as string;
  const classPath = `/teach/classes/${classId}`;
  const code = /data-testid="join-code"[^>]*>([^<]+)</.exec(await html(instructor.request, classPath))?.[1] as string;
  const set = await instructor.caller.call('saveSetAction', [IDLE, form({ name: 'Race set', items: JSON.stringify([{ generator: 'lock-holder', tier: 1, count: 2 }]) })], '/teach/sets');
  const setId = /^\/teach\/sets\/([^/?]+)/.exec(set.redirect ?? '')?.[1];
  expect(setId, describeReply(set)).toBeTruthy();
  const assignment = await instructor.caller.call(
    'createAssignmentAction',
    [
      IDLE,
      form({
        classId,
        setId: setId as string,
        title: 'Race homework',
        kind: 'assignment',
        opensAt: local(new Date(Date.now() - HOUR)),
        dueAt: local(new Date(Date.now() + 48 * HOUR)),
        attemptsAllowed: String(attemptsAllowed),
        seedPolicy: 'per-attempt',
        showAnswers: 'after-submit',
        latePolicy: 'closed',
        latePenalty: '0',
        timeLimitMinutes: '',
      }),
    ],
    classPath,
  );
  expect(assignment.state?.status, describeReply(assignment)).toBe('ok');
  return { classId, classPath, code };
}

/** The instructor's answers.csv rows of one student. */
async function answerRowsOf(instructor: Actor, classId: string, email: string) {
  const text = (await html(instructor.request, `/api/teach/classes/${classId}/answers.csv`)).replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data.filter((r) => r.email === email);
}

/** Sends the same call N times at once (last-byte sync); fails on any reply ≥ 500. */
async function race(caller: ActionCaller, name: string, args: readonly unknown[], at: string): Promise<ActionReply[]> {
  const replies = await raceCall(caller, name, args, at, N);
  const broken = replies.filter((r) => r.status >= 500).map(describeReply);
  expect(broken, `${name} × ${N}`).toEqual([]);
  return replies;
}

const count = <T>(items: readonly T[], pick: (t: T) => unknown, value: unknown) => items.filter((t) => pick(t) === value).length;

test('concurrent joins, starts and hand-ins of one student each take effect once', async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  const instructor = await actor(playwright, origin, 'INSTRUCTOR');
  const student = await actor(playwright, origin, 'STUDENT');
  const klass = await classWithAssignment(instructor, 2);

  // N joins with the same code: one membership.
  const joins = await race(student.caller, 'joinClass', [IDLE, form({ code: klass.code })], '/classes');
  expect(joins.map((r) => r.state?.status).sort(), joins.map(describeReply).join('\n')).toEqual(['joined', ...Array<string>(N - 1).fill('already')].sort());
  const roster = /data-testid="roster"[\s\S]*?<\/ul>/.exec(await html(instructor.request, klass.classPath))?.[0] ?? '';
  expect(roster.split(`data-testid="manage-${student.user.email}"`).length - 1, 'the student appears once in the roster').toBe(1);

  // N starts of the same assignment: one attempt, which every reply leads to.
  const assignmentId = /href="\/assignments\/([^"/]+)"/.exec(await html(student.request, '/assignments'))?.[1] as string;
  const starts = await race(student.caller, 'startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`);
  expect(starts.map((r) => r.redirect), starts.map(describeReply).join('\n')).toEqual(Array(N).fill(`/assignments/${assignmentId}`));
  let rows = await answerRowsOf(instructor, klass.classId, student.user.email);
  expect(rows.map((r) => r.attempt)).toEqual(['1', '1']);

  // N hand-ins of that attempt: one submission, the others see it as already handed in.
  const attemptId = /attemptId\\?":\\?"([^"\\]+)/.exec(await html(student.request, `/assignments/${assignmentId}`))?.[1] as string;
  expect(attemptId).toBeTruthy();
  const submits = await race(student.caller, 'submitAttemptAction', [{ attemptId }], `/assignments/${assignmentId}`);
  expect(count(submits, (r) => r.state?.status, 'submitted'), submits.map(describeReply).join('\n')).toBe(N);
  expect(count(submits, (r) => r.state?.already, false), 'hand-ins that were not "already"').toBe(1);
  expect(new Set(submits.map((r) => r.state?.score)).size, 'every reply reports the same score').toBe(1);

  // A second attempt is allowed: N starts again make exactly one attempt number 2, not N.
  const again = await race(student.caller, 'startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`);
  expect(again.map((r) => r.redirect), again.map(describeReply).join('\n')).toEqual(Array(N).fill(`/assignments/${assignmentId}`));
  rows = await answerRowsOf(instructor, klass.classId, student.user.email);
  expect(rows.map((r) => r.attempt).sort()).toEqual(['1', '1', '2', '2']);
  // And a third start is refused: both allowed attempts are used (the second is still open, so it resumes).
  const resumed = await student.caller.call('startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`);
  expect(resumed.redirect).toBe(`/assignments/${assignmentId}`);
  expect((await answerRowsOf(instructor, klass.classId, student.user.email)).length).toBe(4);

  await Promise.all([instructor.request.dispose(), student.request.dispose()]);
});

test('concurrent answers to the same drill review are recorded once', async ({ playwright, baseURL }) => {
  test.setTimeout(60_000);
  const student = await actor(playwright, baseURL as string, 'STUDENT');
  expect((await student.caller.call('addTopics', [IDLE, form({ topic: ['cow'] })], '/drill')).state?.status).toBe('ok');
  const exported = async () => (await student.request.get('/api/export/progress.json')).json() as Promise<{ cards: { id: string; generator: string; tier: number; reviewCount: number }[]; reviews: { cardId: string; reviewIndex: number }[] }>;
  const card = (await exported()).cards[0]!;
  const g = getGenerator(card.generator)!;
  const question = buildQuestion({ generator: g.id, version: g.version, seed: reviewSeed(card.id, 0), tier: (g.tiers.includes(card.tier as Tier) ? card.tier : g.tiers[0]) as Tier });

  const replies = await raceAnswer(student.caller, { cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 5000 }, N);
  expect(replies.filter((r) => r.status >= 500).map(describeReply), `${ANSWER_ROUTE} × ${N}`).toEqual([]);
  expect(count(replies, (r) => r.state?.status, 'graded'), replies.map(describeReply).join('\n')).toBe(N);
  expect(count(replies, (r) => r.state?.duplicate, false), 'answers recorded as new').toBe(1);
  expect(new Set(replies.map((r) => r.state?.logId)).size, 'every reply names the same review log').toBe(1);
  const after = await exported();
  expect(after.reviews.filter((r) => r.cardId === card.id).map((r) => r.reviewIndex)).toEqual([0]);
  expect(after.cards.find((c) => c.id === card.id)?.reviewCount).toBe(1);
  await student.request.dispose();
});

