/**
 * Crash safety: a real `next start` on its own temporary SQLite database takes drill reviews and
 * attempt answers from a signed-in student over HTTP, several at once, and is killed with SIGKILL
 * (the node process itself) at seeded random moments, then started again. Every write the server
 * acknowledged (a 2xx reply with the action's ok state) must be there after the restarts, and
 * the database must pass SQLite's integrity check. Set CRASH_SEED to replay another schedule.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import Papa from 'papaparse';
import { ALL_TOPICS } from '@/lib/drills/topics';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { createRng, type Rng } from '@/lib/sim/rng';
import { reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, describeReply, form, postAnswer, signUpOverHttp, type ActionReply } from './actions';
import { expect, newUser, test } from './fixtures';
import { freePort, freshDatabase, Server } from './server';

const SEED = Number(process.env.CRASH_SEED ?? 20261203);
const KILLS = 5;
/** No kill round starts after this long (a loaded machine does fewer, at least MIN_KILLS). */
const BUDGET_MS = 55_000;
const MIN_KILLS = 2;
/** Requests in flight at once. */
const WORKERS = 6;
const IDLE = { status: 'idle' };
const HOUR = 3_600_000;

interface CardInfo {
  id: string;
  generator: string;
  tier: number;
  reviewCount: number;
}

function reviewQuestion(card: CardInfo): Question {
  const g = getGenerator(card.generator);
  if (!g) throw new Error(`unknown generator ${card.generator}`);
  const tier = (g.tiers.includes(card.tier as Tier) ? card.tier : g.tiers[0]) as Tier;
  return buildQuestion({ generator: g.id, version: g.version, seed: reviewSeed(card.id, card.reviewCount), tier });
}

/** A response the grader accepts: right, or for a choice question any option. */
function someResponse(question: Question, rng: Rng): unknown {
  const r = question.response;
  return r.kind === 'choice' ? rng.pick(r.options).id : question.answer;
}

async function progress(request: APIRequestContext, origin: string) {
  const response = await request.get(`${origin}/api/export/progress.json`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { cards: CardInfo[]; reviews: { cardId: string; reviewIndex: number; undoneAt: string | null }[] };
}

async function answerRows(request: APIRequestContext, origin: string, classId: string, email: string) {
  const response = await request.get(`${origin}/api/teach/classes/${classId}/answers.csv`);
  expect(response.status()).toBe(200);
  const text = (await response.text()).replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data.filter((r) => r.email === email);
}

/** A network failure (the server died mid-request), as opposed to a reply. */
const isNetworkError = (error: unknown) => /ECONNRESET|ECONNREFUSED|socket hang up|EPIPE|other side closed|Request context disposed|closed/i.test(String(error));

test('SIGKILLs during concurrent drill reviews and attempt answers lose no acknowledged write', async ({ playwright }) => {
  test.setTimeout(90_000);
  const rng = createRng(SEED >>> 0);
  const started = Date.now();
  test.info().annotations.push({ type: 'crash seed', description: String(SEED) });

  const { dir, file, env } = freshDatabase('crash-');
  const port = await freePort();
  const server = new Server(port, env);
  const studentRequest = await playwright.request.newContext();
  const instructorRequest = await playwright.request.newContext();
  try {
    await server.start(studentRequest);
    const origin = server.origin;
    const student = new ActionCaller(studentRequest, origin);
    const instructor = new ActionCaller(instructorRequest, origin);
    const studentUser = newUser('STUDENT');
    await signUpOverHttp(student, studentUser);
    await signUpOverHttp(instructor, newUser('INSTRUCTOR'));

    // The instructor's class and a 40-question assignment; the student joins, starts it and drills every topic.
    expect(describeReply(await instructor.call('createClassAction', [IDLE, form({ name: 'Crash class' })], '/teach'))).toContain('"status":"ok"');
    const teachHtml = await (await instructorRequest.get(`${origin}/teach`)).text();
    const classId = /href="\/teach\/classes\/([^"]+)"/.exec(teachHtml)?.[1] as string;
    const code = /data-testid="join-code"[^>]*>([^<]+)</.exec(await (await instructorRequest.get(`${origin}/teach/classes/${classId}`)).text())?.[1] as string;
    const set = await instructor.call('saveSetAction', [IDLE, form({ name: 'Crash set', items: JSON.stringify([{ generator: 'lock-holder', tier: 1, count: 20 }, { generator: 'acquire-result', tier: 1, count: 20 }]) })], '/teach/sets');
    const setId = /^\/teach\/sets\/([^/?]+)/.exec(set.redirect ?? '')?.[1] as string;
    const opensAt = new Date(Date.now() - HOUR).toISOString().slice(0, 16);
    const dueAt = new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 16);
    const assignmentFields = { classId, setId, title: 'Crash homework', kind: 'assignment', opensAt, dueAt, attemptsAllowed: '1', seedPolicy: 'per-student', showAnswers: 'after-submit', latePolicy: 'closed', latePenalty: '0', timeLimitMinutes: '' };
    expect((await instructor.call('createAssignmentAction', [IDLE, form(assignmentFields)], `/teach/classes/${classId}`)).state?.status).toBe('ok');
    expect((await student.call('joinClass', [IDLE, form({ code })], '/classes')).state?.status).toBe('joined');
    const assignmentId = /href="\/assignments\/([^"/]+)"/.exec(await (await studentRequest.get(`${origin}/assignments`)).text())?.[1] as string;
    expect((await student.call('startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`)).redirect).toBe(`/assignments/${assignmentId}`);
    const attemptId = /attemptId\\?":\\?"([^"\\]+)/.exec(await (await studentRequest.get(`${origin}/assignments/${assignmentId}`)).text())?.[1] as string;
    expect(attemptId).toBeTruthy();
    // The attempt's questions, rebuilt from the refs the instructor's export lists.
    const attemptQuestions = (await answerRows(instructorRequest, origin, classId, studentUser.email))
      .sort((a, b) => Number(a.question) - Number(b.question))
      .map((r) =>
      buildQuestion({ generator: r.generator as string, version: Number(r.version), seed: Number(r.seed), tier: Number(r.tier) as Tier }),
    );
    expect(attemptQuestions.length).toBe(40);
    expect((await student.call('addTopics', [IDLE, form({ topic: [...ALL_TOPICS] })], '/drill')).state?.status).toBe('ok');

    const ackedReviews = new Set<string>();
    const ackedAnswers = new Map<number, string>();
    const unexpected: string[] = [];
    let positionsSent = 0;
    let inFlightAtKills = 0;

    let kills = 0;
    for (let round = 0; round <= KILLS; round++) {
      if (round > 0) await server.start(studentRequest);
      const last = round === KILLS || (kills >= MIN_KILLS && Date.now() - started > BUDGET_MS);
      // Each card is answered at most once a round, at the review the server has reached.
      const cards = (await progress(studentRequest, origin)).cards;
      const pending = rng.shuffle(cards);
      let alive = true;
      let inFlight = 0;
      // The kill comes at a random moment after the round's first acknowledged write (a fresh
      // server answers its first requests slowly, so a timer from the start could miss the writes).
      let firstAck: () => void = () => {};
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAck = resolve));
      const worker = async () => {
        while (alive) {
          const useAttempt = positionsSent < attemptQuestions.length && (pending.length === 0 || rng.bool(0.4));
          if (!useAttempt && pending.length === 0) return;
          let name: string;
          let args: unknown[];
          let acknowledge: (reply: ActionReply) => boolean;
          if (useAttempt) {
            const position = positionsSent++;
            const response = someResponse(attemptQuestions[position] as Question, rng);
            name = 'saveAttemptAnswer';
            args = [{ attemptId, position, response, durationMs: 1000 }];
            acknowledge = (reply) => {
              if (reply.state?.status !== 'saved') return false;
              ackedAnswers.set(position, JSON.stringify(response));
              return true;
            };
          } else {
            const card = pending.pop() as CardInfo;
            name = 'drill answer';
            args = [{ cardId: card.id, reviewIndex: card.reviewCount, response: someResponse(reviewQuestion(card), rng), durationMs: 3000 }];
            acknowledge = (reply) => {
              if (reply.state?.status !== 'graded' || reply.state.duplicate !== false) return false;
              ackedReviews.add(`${card.id}:${card.reviewCount}`);
              return true;
            };
          }
          inFlight += 1;
          try {
            const reply = name === 'drill answer' ? await postAnswer(student, args[0]) : await student.call(name, args, `/assignments/${assignmentId}`);
            if (reply.status >= 500 || !(reply.status < 300 && acknowledge(reply))) unexpected.push(`round ${round} ${name}: ${describeReply(reply)}`);
            else firstAck();
          } catch (error) {
            if (!isNetworkError(error)) throw error;
            return;
          } finally {
            inFlight -= 1;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      if (!last) {
        await Promise.race([acknowledgedOnce, new Promise((r) => setTimeout(r, 10_000))]);
        await new Promise((r) => setTimeout(r, rng.int(20, 700)));
        inFlightAtKills += inFlight;
        await server.kill();
        kills += 1;
      }
      alive = false;
      await Promise.all(workers);
      if (last) break;
    }

    // After the last restart: every acknowledged write is there.
    expect(unexpected, 'replies that were neither acknowledged writes nor broken connections').toEqual([]);
    expect(ackedReviews.size + ackedAnswers.size, 'acknowledged writes: each kill comes after one at least').toBeGreaterThanOrEqual(kills);
    test.info().annotations.push({ type: 'crash writes', description: `${ackedReviews.size} reviews and ${ackedAnswers.size} answers acknowledged, ${inFlightAtKills} requests in flight at the ${kills} kills, ${Date.now() - started} ms` });
    const stored = await progress(studentRequest, origin);
    const reviews = new Set(stored.reviews.filter((r) => r.undoneAt === null).map((r) => `${r.cardId}:${r.reviewIndex}`));
    expect([...ackedReviews].filter((k) => !reviews.has(k)), 'acknowledged reviews missing after the kills').toEqual([]);
    const rows = await answerRows(instructorRequest, origin, classId, studentUser.email);
    const lost = [...ackedAnswers].filter(([position, response]) => rows.find((r) => r.question === String(position + 1))?.submitted_answer !== response);
    expect(lost.map(([p]) => p), 'acknowledged attempt answers missing after the kills').toEqual([]);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n--- server log ---\n${server.tail()}`);
  } finally {
    await server.kill('SIGTERM');
    await Promise.all([studentRequest.dispose(), instructorRequest.dispose()]);
  }
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
