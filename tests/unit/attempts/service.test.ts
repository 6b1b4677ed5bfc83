import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../../helpers/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Prisma singleton reads DATABASE_URL when first imported: point it at a fresh,
// migrated database before loading any lib/db module.
const database = createTestDatabase('attempts');
const url = database.url;
process.env.DATABASE_URL = url;
// Attempt seeds are keyed with a secret derived from this.
process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-0123456789-0123456789-abcdef';

type Modules = {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/attempts/service');
  drills: typeof import('@/lib/drills/service');
  registry: typeof import('@/lib/questions/registry');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = {
    db: await import('@/lib/db/client'),
    service: await import('@/lib/attempts/service'),
    drills: await import('@/lib/drills/service'),
    registry: await import('@/lib/questions/registry'),
  };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  database.cleanup();
});

const HOUR = 3_600_000;
const t0 = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

let counter = 0;
async function user(role: 'STUDENT' | 'INSTRUCTOR' = 'STUDENT') {
  counter += 1;
  return m.db.prisma.user.create({ data: { email: `u${counter}@example.test`, name: `U${counter}`, passwordHash: 'x', role } });
}

function lockGenerators() {
  return m.registry.listGenerators().filter((g) => g.topic === 'lock');
}

/** An instructor's class with the given students, a 3-question set and one assignment. */
async function setUp(
  students: number,
  assignment: Partial<{ kind: string; seedPolicy: string; latePolicy: string; latePenalty: number; attemptsAllowed: number; timeLimitMinutes: number; opensAt: Date; dueAt: Date; showAnswers: string; lockdown: boolean }> = {},
) {
  const teacher = await user('INSTRUCTOR');
  const cls = await m.db.prisma.class.create({ data: { instructorId: teacher.id, name: 'OS 101', joinCode: `J${counter}x${Math.random().toString(36).slice(2, 8)}` } });
  const members = [];
  for (let i = 0; i < students; i++) {
    const s = await user();
    await m.db.prisma.classMember.create({ data: { classId: cls.id, userId: s.id } });
    members.push(s);
  }
  const [g1, g2] = lockGenerators();
  const set = await m.db.prisma.questionSet.create({
    data: {
      instructorId: teacher.id,
      name: 'Locks',
      items: { create: [{ position: 0, generator: g1!.id, tier: 1, count: 2 }, { position: 1, generator: (g2 ?? g1)!.id, tier: 1, count: 1 }] },
    },
  });
  const a = await m.db.prisma.assignment.create({
    data: { classId: cls.id, setId: set.id, title: 'HW 1', opensAt: at(-HOUR), dueAt: at(24 * HOUR), ...assignment },
  });
  return { teacher, cls, members, assignment: a };
}

const attemptRow = (id: string) => m.db.prisma.attempt.findUniqueOrThrow({ where: { id }, include: { questions: { orderBy: { position: 'asc' } } } });

function questionOf(q: { generator: string; version: number; seed: bigint; tier: number }) {
  return m.registry.buildQuestion({ generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as 1 });
}

function wrongResponse(question: ReturnType<typeof questionOf>): unknown {
  const r = question.response;
  if (r.kind === 'choice') return r.options.find((o) => o.id !== question.answer)!.id;
  throw new Error(`test expects choice questions, got ${r.kind}`);
}

async function started(userId: string, assignmentId: string, now = t0) {
  const s = await m.service.startAttempt(userId, assignmentId, now);
  if (s.status !== 'started') throw new Error(`expected a start, got ${s.status}`);
  return s.attemptId;
}

describe('attempts against SQLite', () => {
  it('requires membership of the class (a stranger gets not-found)', async () => {
    const { assignment } = await setUp(1);
    const stranger = await user();
    expect(await m.service.startAttempt(stranger.id, assignment.id, t0)).toEqual({ status: 'not-found' });
    expect(await m.service.getAssignmentForStudent(stranger.id, assignment.id, t0)).toBeNull();
    expect(await m.db.prisma.attempt.count({ where: { userId: stranger.id } })).toBe(0);
  });

  it('fixes the questions at start in set order, with seeds per policy', async () => {
    const seedsOf = async (id: string) => (await attemptRow(id)).questions.map((q) => q.seed);
    const perStudent = await setUp(2, { seedPolicy: 'per-student' });
    const a1 = await started(perStudent.members[0]!.id, perStudent.assignment.id);
    const a2 = await started(perStudent.members[1]!.id, perStudent.assignment.id);
    const row = await attemptRow(a1);
    const [g1, g2] = lockGenerators();
    expect(row.questions.map((q) => q.generator)).toEqual([g1!.id, g1!.id, (g2 ?? g1)!.id]);
    expect(row.questions[0]!.seed).not.toBe(row.questions[1]!.seed);
    expect(await seedsOf(a1)).not.toEqual(await seedsOf(a2));

    const shared = await setUp(2, { seedPolicy: 'shared' });
    const s1 = await started(shared.members[0]!.id, shared.assignment.id);
    const s2 = await started(shared.members[1]!.id, shared.assignment.id);
    expect(await seedsOf(s1)).toEqual(await seedsOf(s2));

    const perAttempt = await setUp(1, { seedPolicy: 'per-attempt', attemptsAllowed: 2 });
    const student = perAttempt.members[0]!;
    const p1 = await started(student.id, perAttempt.assignment.id);
    await m.service.submitAttempt(student.id, p1, t0);
    const p2 = await started(student.id, perAttempt.assignment.id);
    expect(p2).not.toBe(p1);
    expect(await seedsOf(p1)).not.toEqual(await seedsOf(p2));
  });

  it('resumes the open attempt and stops at the attempts limit', async () => {
    const { members, assignment } = await setUp(1, { attemptsAllowed: 1 });
    const s = members[0]!;
    const first = await started(s.id, assignment.id);
    expect(await m.service.startAttempt(s.id, assignment.id, t0)).toEqual({ status: 'started', attemptId: first, resumed: true });
    await m.service.submitAttempt(s.id, first, t0);
    expect(await m.service.startAttempt(s.id, assignment.id, t0)).toEqual({ status: 'no-attempts-left' });
    expect(await m.db.prisma.attempt.count({ where: { userId: s.id } })).toBe(1);
  });

  it('refuses to start before opening, and after the due time with the closed policy', async () => {
    const { members, assignment } = await setUp(1, { latePolicy: 'closed', opensAt: at(HOUR), dueAt: at(2 * HOUR) });
    const s = members[0]!;
    expect(await m.service.startAttempt(s.id, assignment.id, t0)).toEqual({ status: 'not-open' });
    expect(await m.service.startAttempt(s.id, assignment.id, at(3 * HOUR))).toEqual({ status: 'closed' });
    const list = await m.service.listAssignmentsForStudent(s.id, at(3 * HOUR));
    expect(list.find((x) => x.id === assignment.id)?.status).toBe('closed');
  });

  it('refuses an answer after the deadline and hands the attempt in', async () => {
    const { members, assignment } = await setUp(1, { kind: 'exam', timeLimitMinutes: 30 });
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    expect(row.deadline).toEqual(at(30 * 60_000));
    const q0 = questionOf(row.questions[0]!);
    const saved = await m.service.saveAnswer(s.id, id, 0, q0.answer, 2_000, at(60_000));
    expect(saved).toEqual({ status: 'saved', feedback: null }); // exams reveal nothing before submission
    const q1 = questionOf(row.questions[1]!);
    expect(await m.service.saveAnswer(s.id, id, 1, q1.answer, 2_000, at(31 * 60_000))).toEqual({ status: 'closed' });
    const after = await attemptRow(id);
    expect(after.submittedAt).toEqual(row.deadline);
    expect(after.questions[1]!.response).toBeNull();
    expect(after.score).toBeCloseTo(1 / 3);
    expect(after.late).toBe(false);
    // An exam allows exactly one attempt.
    expect(await m.service.startAttempt(s.id, assignment.id, at(32 * 60_000))).toEqual({ status: 'no-attempts-left' });
  });

  it('refuses an invalid response and changes nothing', async () => {
    const { members, assignment } = await setUp(1);
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    expect(await m.service.saveAnswer(s.id, id, 0, { not: 'an answer' }, 1_000, t0)).toEqual({ status: 'invalid' });
    expect(await m.service.saveAnswer(s.id, id, 99, 'x', 1_000, t0)).toEqual({ status: 'invalid' });
    expect((await attemptRow(id)).questions.every((q) => q.response === null)).toBe(true);
  });

  it('applies the late penalty to work handed in after the due time', async () => {
    const { members, assignment } = await setUp(1, { latePolicy: 'penalty', latePenalty: 0.25, dueAt: at(HOUR) });
    const s = members[0]!;
    const id = await started(s.id, assignment.id, at(2 * HOUR));
    const row = await attemptRow(id);
    expect(row.deadline).toBeNull();
    for (const q of row.questions) {
      const saved = await m.service.saveAnswer(s.id, id, q.position, questionOf(q).answer, 1_000, at(2 * HOUR));
      expect(saved.status).toBe('saved');
    }
    const result = await m.service.submitAttempt(s.id, id, at(2 * HOUR));
    expect(result).toEqual({ status: 'submitted', score: 0.75, late: true, already: false });
    const list = await m.service.listAssignmentsForStudent(s.id, at(2 * HOUR));
    expect(list.find((x) => x.id === assignment.id)?.status).toBe('late');
  });

  it('a double submit changes nothing the second time', async () => {
    const { members, assignment } = await setUp(1);
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    await m.service.saveAnswer(s.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0);
    const [a, b] = await Promise.all([m.service.submitAttempt(s.id, id, at(1_000)), m.service.submitAttempt(s.id, id, at(2_000))]);
    expect([a, b].filter((r) => r.status === 'submitted' && !r.already)).toHaveLength(1);
    const first = await attemptRow(id);
    const again = await m.service.submitAttempt(s.id, id, at(HOUR));
    expect(again).toMatchObject({ status: 'submitted', already: true });
    const second = await attemptRow(id);
    expect(second.submittedAt).toEqual(first.submittedAt);
    expect(second.score).toBe(first.score);
    expect(second.score).toBeCloseTo(1 / 3);
    // Answers after submission are refused.
    expect(await m.service.saveAnswer(s.id, id, 1, questionOf(row.questions[1]!).answer, 1_000, at(HOUR))).toEqual({ status: 'submitted' });
  });

  it("refuses another student's attempt and leaves it unchanged", async () => {
    const { members, assignment } = await setUp(2);
    const [owner, other] = members as [(typeof members)[0], (typeof members)[0]];
    const id = await started(owner.id, assignment.id);
    const row = await attemptRow(id);
    expect(await m.service.saveAnswer(other.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0)).toEqual({ status: 'not-found' });
    expect(await m.service.submitAttempt(other.id, id, t0)).toEqual({ status: 'not-found' });
    expect(await m.service.getAttemptView(other.id, id, t0, 'en')).toBeNull();
    const after = await attemptRow(id);
    expect(after.submittedAt).toBeNull();
    expect(after.questions.every((q) => q.response === null)).toBe(true);
  });

  it('shows answers per showAnswers and never before submission for exams', async () => {
    const afterQuestion = await setUp(1, { showAnswers: 'after-question' });
    const s = afterQuestion.members[0]!;
    const id = await started(s.id, afterQuestion.assignment.id);
    const row = await attemptRow(id);
    const saved = await m.service.saveAnswer(s.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0);
    expect(saved.status === 'saved' && saved.feedback?.correct).toBe(true);
    const view = await m.service.getAttemptView(s.id, id, t0, 'en');
    expect(view?.questions[0]!.feedback).not.toBeNull();
    expect(view?.questions[1]!.feedback).toBeNull();
    expect(JSON.stringify(view?.questions[1]!.question)).not.toContain('"answer"');

    const afterDue = await setUp(1, { showAnswers: 'after-due', dueAt: at(HOUR) });
    const d = afterDue.members[0]!;
    const did = await started(d.id, afterDue.assignment.id);
    await m.service.submitAttempt(d.id, did, t0);
    expect((await m.service.getAttemptView(d.id, did, t0, 'en'))?.revealed).toBe(false);
    expect((await m.service.getAttemptView(d.id, did, at(2 * HOUR), 'en'))?.revealed).toBe(true);
  });

  it('where answers show after each question, the first answer is final: seeing the true answer cannot buy a second try', async () => {
    const { members, assignment } = await setUp(1, { showAnswers: 'after-question' });
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const q = questionOf((await attemptRow(id)).questions[0]!);
    const first = await m.service.saveAnswer(s.id, id, 0, wrongResponse(q), 1_000, t0);
    expect(first.status === 'saved' && first.feedback?.correct).toBe(false);
    expect(await m.service.saveAnswer(s.id, id, 0, q.answer, 1_000, at(1_000))).toEqual({ status: 'final' });
    // Two answers racing for an unanswered question: one is stored, the other is refused.
    const q1 = questionOf((await attemptRow(id)).questions[1]!);
    const raced = await Promise.all([m.service.saveAnswer(s.id, id, 1, wrongResponse(q1), 1_000, t0), m.service.saveAnswer(s.id, id, 1, q1.answer, 1_000, t0)]);
    expect(raced.map((r) => r.status).sort()).toEqual(['final', 'saved']);
    const rows = (await attemptRow(id)).questions;
    expect(rows[0]!.correct).toBe(false);
    const submitted = await m.service.submitAttempt(s.id, id, at(2_000));
    expect(submitted.status === 'submitted' && submitted.score).toBeLessThan(1);
    // Where answers show only after hand-in, the latest answer still counts.
    const other = await setUp(1, { showAnswers: 'after-submit' });
    const o = other.members[0]!;
    const oid = await started(o.id, other.assignment.id);
    const oq = questionOf((await attemptRow(oid)).questions[0]!);
    await m.service.saveAnswer(o.id, oid, 0, wrongResponse(oq), 1_000, t0);
    expect((await m.service.saveAnswer(o.id, oid, 0, oq.answer, 1_000, at(1_000))).status).toBe('saved');
    expect((await attemptRow(oid)).questions[0]!.correct).toBe(true);
  });

  it('a mock exam brings the cards of wrongly answered skills forward', async () => {
    const s = await user();
    const far = at(30 * 24 * HOUR);
    await m.drills.addTopicsToDeck(s.id, ['lock'], t0);
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: { due: far, tier: 2 } });
    const started = await m.service.startMockExam(s.id, { topics: ['lock', 'event'], count: 4, minutes: 10 }, t0);
    if (started.status !== 'started') throw new Error('mock exam did not start');
    const row = await attemptRow(started.attemptId);
    expect(row.deadline).toEqual(at(10 * 60_000));
    expect(row.questions).toHaveLength(4);
    const topicOf = (g: string) => m.registry.getGenerator(g)!.topic;
    expect(row.questions.map((q) => topicOf(q.generator))).toEqual(['lock', 'event', 'lock', 'event']);
    // Tiers follow the student's cards (lock: tier 2), else tier 1.
    for (const q of row.questions) {
      const g = m.registry.getGenerator(q.generator)!;
      if (topicOf(q.generator) === 'lock' && g.tiers.includes(2)) expect(q.tier).toBe(2);
      if (topicOf(q.generator) === 'event') expect(q.tier).toBe(1);
    }
    const lockQ = row.questions[0]!;
    const saved = await m.service.saveAnswer(s.id, started.attemptId, 0, wrongResponse(questionOf(lockQ)), 1_000, at(60_000));
    expect(saved).toEqual({ status: 'saved', feedback: null });
    const submitted = await m.service.submitAttempt(s.id, started.attemptId, at(2 * 60_000));
    expect(submitted).toMatchObject({ status: 'submitted', score: 0, already: false });
    // Wrong (position 0) and unanswered (the rest) skills are weak: the lock ones come due now.
    const weak = new Set(row.questions.map((q) => q.generator));
    const cards = await m.db.prisma.card.findMany({ where: { userId: s.id } });
    expect(cards.some((c) => !weak.has(c.generator))).toBe(true);
    for (const c of cards) expect(c.due).toEqual(weak.has(c.generator) ? at(2 * 60_000) : far);
    const view = await m.service.getAttemptView(s.id, started.attemptId, at(3 * 60_000), 'en');
    expect(view?.breakdown?.byTopic.map((t) => t.topic).sort()).toEqual(['event', 'lock']);
    expect(view?.breakdown?.weakSkills.map((w) => w.generator)).toContain(lockQ.generator);
    // Lock skills are drilled (in the deck); event skills are not, and the page offers to add them.
    for (const w of view!.breakdown!.weakSkills) expect(w.inDrills).toBe(w.topic === 'lock');
    expect(view?.questions[0]!.feedback?.correct).toBe(false);
  });

  it('an assignment feeds the weak skills to the drills once its answers are revealed, and only once', async () => {
    const far = at(30 * 24 * HOUR);
    const dueAt = at(2 * HOUR);
    const { members, assignment } = await setUp(1, { showAnswers: 'after-due', dueAt });
    const s = members[0]!;
    await m.drills.addTopicsToDeck(s.id, ['lock'], t0);
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: { due: far } });
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    // Question 0 wrong, 1 right, 2 unanswered.
    await m.service.saveAnswer(s.id, id, 0, wrongResponse(questionOf(row.questions[0]!)), 1_000, at(60_000));
    await m.service.saveAnswer(s.id, id, 1, questionOf(row.questions[1]!).answer, 1_000, at(60_000));
    await m.service.submitAttempt(s.id, id, at(HOUR));
    const dues = async () => new Map((await m.db.prisma.card.findMany({ where: { userId: s.id } })).map((c) => [c.generator, c.due]));

    // Before the due time nothing moves: the drill queue must not give the results away.
    await m.service.settleExpired(s.id, at(HOUR + 1));
    const view = await m.service.getAttemptView(s.id, id, at(HOUR + 2), 'en');
    expect(view?.breakdown).toBeNull();
    expect([...(await dues()).values()].every((d) => d.getTime() === far.getTime())).toBe(true);
    expect((await attemptRow(id)).drillsFedAt).toBeNull();

    // After the due time the first page that settles attempts feeds them.
    const after = at(3 * HOUR);
    await m.service.settleExpired(s.id, after);
    const weak = new Set([row.questions[0]!.generator, row.questions[2]!.generator]);
    for (const [generator, due] of await dues()) expect(due).toEqual(weak.has(generator) ? after : far);
    expect((await attemptRow(id)).drillsFedAt).toEqual(after);

    // Reviewed since (due moved on), the cards are not pulled forward again by later visits.
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: { due: far } });
    await m.service.settleExpired(s.id, at(4 * HOUR));
    await m.service.getAttemptView(s.id, id, at(4 * HOUR), 'en');
    expect([...(await dues()).values()].every((d) => d.getTime() === far.getTime())).toBe(true);
  });

  it('an after-submit assignment feeds the drills at submission; concurrent feeds count once', async () => {
    const { members, assignment } = await setUp(1, { showAnswers: 'after-submit' });
    const s = members[0]!;
    await m.drills.addTopicsToDeck(s.id, ['lock'], t0);
    const far = at(30 * 24 * HOUR);
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: { due: far } });
    const id = await started(s.id, assignment.id);
    const submittedAt = at(HOUR);
    await Promise.all([m.service.submitAttempt(s.id, id, submittedAt), m.service.settleExpired(s.id, submittedAt), m.service.getAttemptView(s.id, id, submittedAt, 'en')]);
    expect((await attemptRow(id)).drillsFedAt).toEqual(submittedAt);
    const generators = new Set((await attemptRow(id)).questions.map((q) => q.generator));
    for (const c of await m.db.prisma.card.findMany({ where: { userId: s.id } })) expect(c.due).toEqual(generators.has(c.generator) ? submittedAt : far);
    // Another student opening this attempt by id gets nothing and feeds nothing.
    const stranger = await user();
    await m.drills.addTopicsToDeck(stranger.id, ['lock'], t0);
    await m.db.prisma.card.updateMany({ where: { userId: stranger.id }, data: { due: far } });
    expect(await m.service.getAttemptView(stranger.id, id, at(2 * HOUR), 'en')).toBeNull();
    expect(await m.db.prisma.card.count({ where: { userId: stranger.id, due: { not: far } } })).toBe(0);
  });

  it('page reads settle by themselves: an expired mock exam is handed in and its weak skills come due, with no settleExpired call', async () => {
    const s = await user();
    const far = at(30 * 24 * HOUR);
    await m.drills.addTopicsToDeck(s.id, ['lock'], t0);
    // Seen cards (not new ones, which the queue offers anyway), next due in a month.
    const seen = { due: far, state: 2, reps: 3, stability: 30, lastReview: t0, reviewCount: 3 };
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: seen });
    const mock = await m.service.startMockExam(s.id, { topics: ['lock'], count: 2, minutes: 10 }, t0);
    if (mock.status !== 'started') throw new Error('mock exam did not start');
    const weak = [...new Set((await attemptRow(mock.attemptId)).questions.map((q) => q.generator))].sort();
    const later = at(HOUR);

    // The exams page's one read: the attempt shows as handed in at its deadline.
    const [listed] = await m.service.listMockExams(s.id, later);
    expect(listed).toMatchObject({ id: mock.attemptId, submittedAt: at(10 * 60_000), score: 0 });

    // The drill page's one read, for an attempt handed in but not yet fed: the unanswered
    // (weak) skills come due now and make up today's queue.
    await m.db.prisma.attempt.update({ where: { id: mock.attemptId }, data: { drillsFedAt: null } });
    await m.db.prisma.card.updateMany({ where: { userId: s.id }, data: seen });
    const { queue } = await m.drills.drillOverview(s.id, later);
    expect(queue.cards.map((c) => c.generator).sort()).toEqual(weak);
    expect((await attemptRow(mock.attemptId)).drillsFedAt).toEqual(later);
  });

  it("the gradebook's timer hands in a class's expired attempts at their deadline, for its own instructor only", async () => {
    const { teacher, cls, members, assignment } = await setUp(2, { kind: 'exam', timeLimitMinutes: 10, dueAt: at(HOUR) });
    const a = members[0]!;
    const b = members[1]!;
    const idA = await started(a.id, assignment.id);
    const idB = await started(b.id, assignment.id, at(55 * 60_000));
    const rowA = await attemptRow(idA);
    await m.service.saveAnswer(a.id, idA, 0, questionOf(rowA.questions[0]!).answer, 1_000, at(60_000));
    const later = at(20 * 60_000);
    const other = await user('INSTRUCTOR');
    expect(await m.service.settleExpiredInClass(other.id, cls.id, later)).toBe(0);
    expect((await attemptRow(idA)).submittedAt).toBeNull();
    // Only A's attempt has run out (B started at 0:55 and the exam closes at 1:00).
    expect(await m.service.settleExpiredInClass(teacher.id, cls.id, later)).toBe(1);
    const handedIn = await attemptRow(idA);
    expect(handedIn.submittedAt).toEqual(at(10 * 60_000));
    expect(handedIn.score).toBeCloseTo(1 / 3);
    expect(handedIn.late).toBe(false);
    expect((await attemptRow(idB)).submittedAt).toBeNull();
    expect((await attemptRow(idB)).deadline).toEqual(at(HOUR));
  });

  it('rescheduling moves running attempts to the new due time, hands in expired ones first, and is the class owner\'s alone', async () => {
    const { teacher, cls, members, assignment } = await setUp(3, { dueAt: at(2 * HOUR) });
    const [running, done, expired] = [members[0]!, members[1]!, members[2]!];
    const runningId = await started(running.id, assignment.id);
    const doneId = await started(done.id, assignment.id);
    await m.service.submitAttempt(done.id, doneId, at(HOUR));
    const expiredId = await started(expired.id, assignment.id);
    const now = at(3 * HOUR); // past the old due time: all open attempts have run out
    const times = { opensAt: at(-HOUR), dueAt: at(24 * HOUR) };

    // Not the owner, or not this class: nothing changes.
    const other = await user('INSTRUCTOR');
    expect(await m.service.rescheduleForClass(other.id, cls.id, assignment.id, times, now)).toEqual({ status: 'not-found' });
    const otherClass = await m.db.prisma.class.create({ data: { instructorId: teacher.id, name: 'Other', joinCode: `O${counter}x${Date.now()}` } });
    expect(await m.service.rescheduleForClass(teacher.id, otherClass.id, assignment.id, times, now)).toEqual({ status: 'not-found' });
    expect((await m.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).dueAt).toEqual(at(2 * HOUR));

    // Reopen one attempt by extending before anyone looked: the instructor's settle runs first,
    // so attempts whose time ran out under the old times are handed in at the old deadline.
    await m.db.prisma.attempt.update({ where: { id: runningId }, data: { startedAt: at(2.5 * HOUR), deadline: at(4 * HOUR) } });
    expect(await m.service.rescheduleForClass(teacher.id, cls.id, assignment.id, times, now)).toEqual({ status: 'rescheduled', moved: 1 });
    expect((await m.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).dueAt).toEqual(times.dueAt);
    expect((await attemptRow(runningId)).deadline).toEqual(times.dueAt);
    expect((await attemptRow(runningId)).submittedAt).toBeNull();
    expect((await attemptRow(expiredId)).submittedAt).toEqual(at(2 * HOUR));
    expect((await attemptRow(doneId)).submittedAt).toEqual(at(HOUR));
    expect((await attemptRow(doneId)).deadline).toEqual(at(2 * HOUR));
  });

  it('a rescheduled timed exam keeps each running attempt within its time limit', async () => {
    const { teacher, cls, members, assignment } = await setUp(1, { kind: 'exam', timeLimitMinutes: 30, dueAt: at(HOUR) });
    const s = members[0]!;
    const id = await started(s.id, assignment.id, at(45 * 60_000));
    expect((await attemptRow(id)).deadline).toEqual(at(HOUR));
    await m.service.rescheduleForClass(teacher.id, cls.id, assignment.id, { opensAt: at(-HOUR), dueAt: at(5 * HOUR) }, at(50 * 60_000));
    expect((await attemptRow(id)).deadline).toEqual(at(75 * 60_000));
  });

  it('rejects a mock exam outside the limits', async () => {
    const s = await user();
    expect(await m.service.startMockExam(s.id, { topics: ['lock'], count: 41, minutes: 10 }, t0)).toEqual({ status: 'invalid' });
    expect(await m.service.startMockExam(s.id, { topics: [], count: 3, minutes: 10 }, t0)).toEqual({ status: 'invalid' });
    expect(await m.service.startMockExam(s.id, { topics: ['lock'], count: 3, minutes: 181 }, t0)).toEqual({ status: 'invalid' });
  });

  it('while an attempt runs its view carries no ref (generator, version, seed, tier); after release it does', async () => {
    for (const kind of ['assignment', 'exam'] as const) {
      const { members, assignment } = await setUp(1, { kind, showAnswers: 'after-question', ...(kind === 'exam' ? { timeLimitMinutes: 30 } : {}) });
      const s = members[0]!;
      const id = await started(s.id, assignment.id);
      const row = await attemptRow(id);
      // after-question reveals an answered question's feedback, still not its ref.
      await m.service.saveAnswer(s.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0);
      const running = JSON.stringify(await m.service.getAttemptView(s.id, id, t0, 'en'));
      for (const q of row.questions) {
        expect(running).not.toContain(String(q.seed));
        expect(running).not.toContain(`"${q.generator}"`);
      }
      expect(running).not.toMatch(/"(seed|generator|version|tier)"/);
      expect(running.match(/"ref":[^,]*/g)).toEqual(row.questions.map(() => '"ref":null'));
      await m.service.submitAttempt(s.id, id, t0);
      const released = await m.service.getAttemptView(s.id, id, t0, 'en');
      expect(released?.questions.map((q) => q.ref)).toEqual(row.questions.map((q) => ({ generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier })));
    }
  });

  it('attempt seeds are secret-keyed: wide (above 2^32), and different under another server secret', async () => {
    const { keyedSeed } = await import('@/lib/attempts/seeds');
    const { MAX_SEED } = await import('@/lib/sim/rng');
    const label = 'assignment:a1:u1:0';
    const one = keyedSeed(Buffer.from('secret one'), label);
    expect(one).toBe(keyedSeed(Buffer.from('secret one'), label));
    expect(one).not.toBe(keyedSeed(Buffer.from('secret two'), label));
    const seeds = Array.from({ length: 200 }, (_, i) => keyedSeed(Buffer.from('k'), `x:${i}`));
    expect(seeds.every((x) => Number.isSafeInteger(x) && x >= 0 && x <= MAX_SEED)).toBe(true);
    // Drawn from 2^53: practically all exceed the 32-bit space a brute force could search.
    expect(seeds.filter((x) => x > 2 ** 48).length).toBeGreaterThan(190);

    const { members, assignment } = await setUp(1);
    const row = await attemptRow(await started(members[0]!.id, assignment.id));
    expect(row.questions.every((q) => q.seed > 2n ** 32n)).toBe(true);
    // A stored ref with such a seed stays answerable.
    expect(questionOf(row.questions[0]!).ref.seed).toBe(Number(row.questions[0]!.seed));
  });

  it("a student removed from the class can no longer answer that class's open attempt", async () => {
    const { members, assignment, cls } = await setUp(1);
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    await m.db.prisma.classMember.delete({ where: { classId_userId: { classId: cls.id, userId: s.id } } });
    expect(await m.service.saveAnswer(s.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0)).toEqual({ status: 'removed' });
    expect((await attemptRow(id)).questions[0]!.response).toBeNull();
  });

  it('removing a student hands in their open attempt there; rejoining with the code does not reopen it', async () => {
    const { teacher, members, assignment, cls } = await setUp(1);
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    await m.service.saveAnswer(s.id, id, 0, questionOf(row.questions[0]!).answer, 1_000, t0);
    const stranger = await user('INSTRUCTOR');
    expect(await m.service.removeStudentFromClass(stranger.id, cls.id, s.id, at(60_000))).toBe(false);
    expect((await attemptRow(id)).submittedAt).toBeNull();
    expect(await m.service.removeStudentFromClass(teacher.id, cls.id, s.id, at(60_000))).toBe(true);
    const handedIn = await attemptRow(id);
    expect(handedIn.submittedAt).toEqual(at(60_000));
    expect(handedIn.score).toBeCloseTo(1 / 3);
    await m.db.prisma.classMember.create({ data: { classId: cls.id, userId: s.id } });
    expect(await m.service.saveAnswer(s.id, id, 1, questionOf(row.questions[1]!).answer, 1_000, at(2 * 60_000))).toEqual({ status: 'submitted' });
    expect((await attemptRow(id)).questions[1]!.response).toBeNull();
  });

  it('stores the normalised response and refuses oversized ones', async () => {
    const { members, assignment } = await setUp(1);
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    const row = await attemptRow(id);
    const answer = questionOf(row.questions[0]!).answer as string;
    expect(await m.service.saveAnswer(s.id, id, 0, Array.from({ length: 100_000 }, () => answer), 1_000, t0)).toEqual({ status: 'invalid' });
    expect((await attemptRow(id)).questions[0]!.response).toBeNull();
    expect((await m.service.saveAnswer(s.id, id, 0, answer, 1_000, t0)).status).toBe('saved');
    expect((await attemptRow(id)).questions[0]!.response).toBe(JSON.stringify(answer));
  });

  it('exam mode: a running locked exam or locked mock exam locks the student until it ends', async () => {
    const exam = await setUp(1, { kind: 'exam', timeLimitMinutes: 30 });
    const s = exam.members[0]!;
    expect(await m.service.examLockdown(s.id, t0)).toBeNull();
    const id = await started(s.id, exam.assignment.id);
    expect(await m.service.examLockdown(s.id, t0)).toEqual({ until: at(30 * 60_000), href: `/assignments/${exam.assignment.id}` });
    // Past the deadline nothing locks, even before the timer has handed the attempt in.
    expect(await m.service.examLockdown(s.id, at(31 * 60_000))).toBeNull();
    await m.service.submitAttempt(s.id, id, at(60_000));
    expect(await m.service.examLockdown(s.id, at(2 * 60_000))).toBeNull();

    const open = await setUp(1, { kind: 'exam', timeLimitMinutes: 30, lockdown: false });
    await started(open.members[0]!.id, open.assignment.id);
    expect(await m.service.examLockdown(open.members[0]!.id, t0)).toBeNull();

    const homework = await setUp(1, { timeLimitMinutes: 30 });
    await started(homework.members[0]!.id, homework.assignment.id);
    expect(await m.service.examLockdown(homework.members[0]!.id, t0)).toBeNull();

    const learner = await user();
    const free = await m.service.startMockExam(learner.id, { topics: ['lock'], count: 2, minutes: 10 }, t0);
    expect(free.status).toBe('started');
    expect(await m.service.examLockdown(learner.id, t0)).toBeNull();
    const locked = await m.service.startMockExam(learner.id, { topics: ['lock'], count: 2, minutes: 20, lockdown: true }, t0);
    if (locked.status !== 'started') throw new Error('mock exam did not start');
    expect(await m.service.examLockdown(learner.id, t0)).toEqual({ until: at(20 * 60_000), href: `/exams/${locked.attemptId}` });
  });

  it('exam mode: of two locking attempts the one that ends last counts; leaving the class ends a class exam\'s lock', async () => {
    const exam = await setUp(1, { kind: 'exam', timeLimitMinutes: 45 });
    const s = exam.members[0]!;
    await started(s.id, exam.assignment.id);
    const mock = await m.service.startMockExam(s.id, { topics: ['lock'], count: 2, minutes: 20, lockdown: true }, t0);
    if (mock.status !== 'started') throw new Error('mock exam did not start');
    expect(await m.service.examLockdown(s.id, t0)).toEqual({ until: at(45 * 60_000), href: `/assignments/${exam.assignment.id}` });
    await m.db.prisma.classMember.delete({ where: { classId_userId: { classId: exam.assignment.classId, userId: s.id } } });
    expect(await m.service.examLockdown(s.id, t0)).toEqual({ until: at(20 * 60_000), href: `/exams/${mock.attemptId}` });
    // the mock handed in, nothing locks: the class exam's attempt still runs, but its student left the class
    await m.service.submitAttempt(s.id, mock.attemptId, at(60_000));
    expect(await m.service.examLockdown(s.id, at(2 * 60_000))).toBeNull();
  });
});
