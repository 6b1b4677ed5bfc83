/**
 * Races a student can start with two tabs, a double click or a script: the same write sent
 * N times at once over HTTP. Each must take effect once — one membership, one attempt, one
 * hand-in, one recorded review — every reply must be a clear answer (never ≥ 500), and the
 * instructor's exports must show exactly one of each.
 */
import fs from 'node:fs';
import type { APIRequest, APIRequestContext } from '@playwright/test';
import Papa from 'papaparse';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, describeReply, form, raceCall, signUpOverHttp, type ActionReply } from './actions';
import { expect, newUser, test, type TestUser } from './fixtures';
import { freePort, freshDatabase, Server } from './server';

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
  expect(roster.split(student.user.email).length - 1, 'the student appears once in the roster').toBe(1);

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

  const replies = await race(student.caller, 'submitAnswer', [{ cardId: card.id, reviewIndex: 0, response: question.answer, durationMs: 5000 }], '/drill/review');
  expect(count(replies, (r) => r.state?.status, 'graded'), replies.map(describeReply).join('\n')).toBe(N);
  expect(count(replies, (r) => r.state?.duplicate, false), 'answers recorded as new').toBe(1);
  expect(new Set(replies.map((r) => r.state?.logId)).size, 'every reply names the same review log').toBe(1);
  const after = await exported();
  expect(after.reviews.filter((r) => r.cardId === card.id).map((r) => r.reviewIndex)).toEqual([0]);
  expect(after.cards.find((c) => c.id === card.id)?.reviewCount).toBe(1);
  await student.request.dispose();
});

/**
 * One server process runs a request's reads and writes without another request's in between
 * (SQLite calls are synchronous), so the race that startAttempt handles — two starts that both
 * saw no attempt — only happens between processes: two `next start` on one database file, as
 * when a restart overlaps the old server or two instances share the file. N starts split
 * across both must still make one attempt, and the hand-ins count once.
 */
test('two server processes on one database: concurrent starts make one attempt, concurrent hand-ins count once', async ({ playwright }) => {
  test.setTimeout(120_000);
  const { dir, env } = freshDatabase('race-');
  const servers = [new Server(await freePort(), env), new Server(await freePort(), env)] as const;
  const request = await playwright.request.newContext();
  const instructorRequest = await playwright.request.newContext();
  try {
    await Promise.all(servers.map((s) => s.start(request)));
    const [a, b] = servers;
    // Session cookies belong to the host, not the port: one sign-in serves both processes.
    const instructor: Actor = { user: newUser('INSTRUCTOR'), caller: new ActionCaller(instructorRequest, a.origin), request: instructorRequest };
    await signUpOverHttp(instructor.caller, instructor.user);
    const student: Actor = { user: newUser('STUDENT'), caller: new ActionCaller(request, a.origin), request };
    await signUpOverHttp(student.caller, student.user);
    const viaB = new ActionCaller(request, b.origin);
    const onA = { ...instructor, request: await playwright.request.newContext({ baseURL: a.origin, storageState: await instructorRequest.storageState() }) };
    const klass = await classWithAssignment(onA, 1);
    const studentOnA = await playwright.request.newContext({ baseURL: a.origin, storageState: await request.storageState() });
    expect((await student.caller.call('joinClass', [IDLE, form({ code: klass.code })], '/classes')).state?.status).toBe('joined');
    const assignmentId = /href="\/assignments\/([^"/]+)"/.exec(await html(studentOnA, '/assignments'))?.[1] as string;

    const split = async (name: string, args: readonly unknown[], at: string) => {
      const replies = (await Promise.all([raceCall(student.caller, name, args, at, N / 2), raceCall(viaB, name, args, at, N / 2)])).flat();
      expect(replies.filter((r) => r.status >= 500).map(describeReply), `${name} × ${N} over two processes`).toEqual([]);
      return replies;
    };
    const starts = await split('startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`);
    expect(starts.map((r) => r.redirect ?? describeReply(r))).toEqual(Array(N).fill(`/assignments/${assignmentId}`));
    expect((await answerRowsOf(onA, klass.classId, student.user.email)).map((r) => r.attempt)).toEqual(['1', '1']);

    const attemptId = /attemptId\\?":\\?"([^"\\]+)/.exec(await html(studentOnA, `/assignments/${assignmentId}`))?.[1] as string;
    const submits = await split('submitAttemptAction', [{ attemptId }], `/assignments/${assignmentId}`);
    expect(count(submits, (r) => r.state?.status, 'submitted'), submits.map(describeReply).join('\n')).toBe(N);
    expect(count(submits, (r) => r.state?.already, false), 'hand-ins that were not "already"').toBe(1);
    await Promise.all([onA.request.dispose(), studentOnA.dispose()]);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n--- server A ---\n${servers[0].tail()}\n--- server B ---\n${servers[1].tail()}`);
  } finally {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await Promise.all([request.dispose(), instructorRequest.dispose()]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
