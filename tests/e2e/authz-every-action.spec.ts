/**
 * The authorization matrix over every server action the build exposes, at the HTTP level.
 * authz-actions.spec.ts replays what a browser really sent; this spec calls each action the way
 * a crafted request can: by the id in the build's manifest, with arguments encoded as React
 * encodes them, carrying other users' object ids. The table below has one entry per export
 * name; an action the build has and the table lacks fails the test, so a new action cannot ship
 * without its rows.
 *
 * Phase 1: everyone who must be refused calls (anonymous, the other student, the instructor,
 * the other instructor, the student), with the victims' ids. Each refusal is a clear answer
 * (the action's own status word, or the sign-in redirect for the signed-out), never ≥ 500, and
 * the victims' views (their pages, progress export and the class's CSVs) are exactly as before.
 * Phase 2: the rightful user's call works, in an order where each one's effect can be seen.
 */
import type { Page } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { practiceSeed, reviewSeed } from '@/lib/srs/seed';
import { ActionCaller, ANSWER_ROUTE, builtActions, describeReply, form, postAnswer, type ActionReply } from './actions';
import { expect, signedInCast, test, type TestUser } from './fixtures';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

type Who = 'anonymous' | 'student' | 'otherStudent' | 'instructor' | 'otherInstructor';

/** The objects everyone's calls name: the instructor's (K, T, AS) and the other instructor's (K2, T2, AS2), the student's (card, log, attempt). */
interface World {
  users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  classId: string;
  classPath: string;
  joinCode: string;
  setId: string;
  assignmentId: string;
  otherClassId: string;
  otherSetId: string;
  otherAssignmentId: string;
  studentId: string;
  otherStudentId: string;
  cardId: string;
  logId: string;
  attemptId: string;
  /** Option ids of the attempt's first question: the one saved, another one. */
  savedOption: string;
  otherOption: string;
  /** The student's own progress export (card and review ids included). */
  studentExport: string;
}

/** Each call must be answered below 500; `refused` lists the action's status words for a refusal. */
type Outcome = { refused: readonly string[] } | { ok: (reply: ActionReply, w: World) => boolean };

interface Probe {
  label: string;
  args: (w: World) => unknown[];
  at?: (w: World) => string;
  by: Partial<Record<Who, Outcome>>;
}

interface Rightful {
  who: Who;
  args: (w: World, pages: Record<Who, Page>) => unknown[] | Promise<unknown[]>;
  at?: (w: World) => string;
  /** True when the reply is what the rightful call should get; `check` then looks at its effect. */
  ok: (reply: ActionReply, w: World) => boolean;
  check?: (w: World, pages: Record<Who, Page>) => Promise<void>;
}

const IDLE = { status: 'idle' };
const HOUR = 3_600_000;
const local = (d: Date) => d.toISOString().slice(0, 16);
const state = (reply: ActionReply) => reply.state?.status;
const is = (...words: string[]) => (reply: ActionReply) => words.includes(state(reply) as string);
const redirectsTo = (pattern: RegExp) => (reply: ActionReply) => pattern.test(reply.redirect ?? '');
const refused = (...words: string[]): Outcome => ({ refused: words });
const ok = (test: (reply: ActionReply, w: World) => boolean): Outcome => ({ ok: test });
/** The teach actions answer anyone but an instructor "forbidden"; an instructor who does not own the objects "invalid". */
const TEACH_REFUSALS = { anonymous: refused('forbidden'), student: refused('forbidden'), otherStudent: refused('forbidden'), otherInstructor: refused('invalid') };
/** The student's own objects: the signed-out are "unauthorized", everyone else finds nothing. */
const STUDENT_OWNED = { anonymous: refused('unauthorized'), otherStudent: refused('not-found'), instructor: refused('not-found'), otherInstructor: refused('not-found') };
/**
 * Actions on the caller's own data only: anyone signed in may call them for themselves. The
 * callers are everyone but the two whose views are compared (the student and the instructor).
 */
const SELF_ONLY = (accepted: Outcome) => ({ anonymous: refused('unauthorized', 'invalid'), otherStudent: accepted, otherInstructor: accepted });

const assignmentFields = (w: World, classId: string, setId: string, title: string) =>
  form({
    classId,
    setId,
    title,
    kind: 'assignment',
    opensAt: local(new Date(Date.now() - HOUR)),
    dueAt: local(new Date(Date.now() + 72 * HOUR)),
    attemptsAllowed: '1',
    seedPolicy: 'per-student',
    showAnswers: 'after-submit',
    latePolicy: 'closed',
    latePenalty: '0',
    timeLimitMinutes: '',
  });
const NEW_DUE = '2031-01-02T03:04';
/** A student's own due time, after NEW_DUE (an extension gives more time than the class has). */
const EXTENDED_DUE = '2032-02-03T04:05';
const reschedule = (classId: string, assignmentId: string) => form({ classId, assignmentId, opensAt: local(new Date(Date.now() - HOUR)), dueAt: NEW_DUE });
const setItems = JSON.stringify([{ generator: 'acquire-result', tier: 2, count: 3 }]);

/** The right answer to the card's review `index`, worked out by the engine as the server does. */
function reviewQuestion(card: { id: string; generator: string; tier: number }, index: number, seedOf = reviewSeed): Question {
  const g = getGenerator(card.generator);
  if (!g) throw new Error(`unknown generator ${card.generator}`);
  const tier = (g.tiers.includes(card.tier as Tier) ? card.tier : g.tiers[0]) as Tier;
  return buildQuestion({ generator: g.id, version: g.version, seed: seedOf(card.id, index), tier });
}

interface ProgressFile {
  settings: { newPerDay: number } | null;
  deckTopics: { topic: string }[];
  cards: { id: string; generator: string; tier: number; reviewCount: number }[];
  reviews: { id: string; cardId: string; reviewIndex: number; rating: number; undoneAt: string | null }[];
}
async function progressOf(page: Page): Promise<ProgressFile & { exportedAt?: string }> {
  const response = await page.request.get('/api/export/progress.json');
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * One entry per server action (by export name), and per JSON route that writes (by its path,
 * with `post` sending the call): the refused calls of phase 1 and the rightful call of phase 2.
 * Entries run in this order in both phases.
 */
const TABLE: Record<string, { probes: Probe[]; rightful: Rightful; post?: (caller: ActionCaller, args: unknown[]) => Promise<ActionReply> }> = {
  setLocale: {
    probes: [{ label: 'sets only the caller’s language', args: () => [IDLE, form({ locale: 'ko' })], by: { anonymous: ok(is('ok')), otherStudent: ok(is('ok')), otherInstructor: ok(is('ok')) } }],
    rightful: {
      who: 'student',
      args: () => [IDLE, form({ locale: 'en' })],
      ok: is('ok'),
    },
  },
  setTheme: {
    probes: [{ label: 'sets only the caller’s theme', args: () => [IDLE, form({ theme: 'dark' })], by: { anonymous: ok(is('ok')), otherStudent: ok(is('ok')), otherInstructor: ok(is('ok')) } }],
    rightful: { who: 'student', args: () => [IDLE, form({ theme: 'light' })], ok: is('ok') },
  },
  signUp: {
    probes: [
      {
        label: 'an account over the student’s email, as an instructor',
        args: (w) => [form({ name: 'Taken over', email: w.users.student.email.toUpperCase(), password: 'attacker password 123', role: 'INSTRUCTOR' })],
        at: () => '/sign-up',
        by: { anonymous: refused('invalid'), otherStudent: refused('invalid'), instructor: refused('invalid'), otherInstructor: refused('invalid') },
      },
    ],
    rightful: {
      who: 'anonymous',
      args: (w) => [form({ name: 'Fresh', email: `fresh-${w.users.student.email}`, password: 'a fresh password 123', role: 'STUDENT' })],
      at: () => '/sign-up',
      ok: is('ok'),
    },
  },
  checkAnswer: {
    probes: [
      {
        label: 'practice is open to everyone',
        args: () => [{ generator: 'lock-holder', version: getGenerator('lock-holder')?.version ?? 1, seed: 7, tier: 1, response: buildQuestion({ generator: 'lock-holder', version: getGenerator('lock-holder')?.version ?? 1, seed: 7, tier: 1 }).answer }],
        at: () => '/practice/lock-holder',
        by: { otherStudent: ok(is('graded')), instructor: ok(is('graded')), otherInstructor: ok(is('graded')) },
      },
    ],
    rightful: {
      who: 'anonymous',
      args: () => [{ generator: 'lock-holder', version: getGenerator('lock-holder')?.version ?? 1, seed: 7, tier: 1, response: buildQuestion({ generator: 'lock-holder', version: getGenerator('lock-holder')?.version ?? 1, seed: 7, tier: 1 }).answer }],
      at: () => '/practice/lock-holder',
      ok: (reply) => state(reply) === 'graded' && reply.state?.correct === true,
    },
  },
  saveSettings: {
    probes: [{ label: 'the caller’s own settings', args: () => [IDLE, form({ desiredRetention: '0.8', newPerDay: '3', reviewsPerDay: '40', timeZone: 'Asia/Seoul', examDate: '' })], by: SELF_ONLY(ok(is('ok'))) }],
    rightful: {
      who: 'student',
      args: () => [IDLE, form({ desiredRetention: '0.85', newPerDay: '7', reviewsPerDay: '70', timeZone: 'UTC', examDate: '' })],
      ok: is('ok'),
      check: async (_w, pages) => expect((await progressOf(pages.student)).settings?.newPerDay).toBe(7),
    },
  },
  startOptimize: {
    probes: [{ label: 'fits only the caller’s own reviews (too few here)', args: () => [], by: SELF_ONLY(ok(is('too-few'))) }],
    rightful: { who: 'student', args: () => [], ok: is('too-few') },
  },
  optimizeProgress: {
    probes: [{ label: 'the caller’s own optimization', args: () => [], by: SELF_ONLY(ok(is('idle'))) }],
    rightful: { who: 'student', args: () => [], ok: is('idle') },
  },
  resetFsrsWeights: {
    probes: [{ label: 'resets only the caller’s weights', args: () => [], by: SELF_ONLY(ok(is('ok'))) }],
    rightful: { who: 'student', args: () => [], ok: is('ok') },
  },
  addTopics: {
    probes: [{ label: 'the caller’s own deck', args: () => [IDLE, form({ topic: ['cow', 'pool'] })], by: SELF_ONLY(ok(is('ok'))) }],
    rightful: {
      who: 'student',
      args: () => [IDLE, form({ topic: ['cow'] })],
      ok: is('ok'),
      check: async (_w, pages) => expect((await progressOf(pages.student)).deckTopics.map((d) => d.topic)).toContain('cow'),
    },
  },
  removeTopic: {
    probes: [{ label: 'the caller’s own deck', args: () => [IDLE, form({ topic: 'lock' })], by: SELF_ONLY(ok(is('ok'))) }],
    rightful: {
      who: 'student',
      args: () => [IDLE, form({ topic: 'cow' })],
      ok: is('ok'),
      check: async (_w, pages) => expect((await progressOf(pages.student)).deckTopics.map((d) => d.topic)).toEqual(['lock']),
    },
  },
  submitRating: {
    probes: [{ label: 'the student’s review log', args: (w) => [{ logId: w.logId, rating: 2 }], by: { anonymous: refused('unauthorized'), otherStudent: refused('refused'), instructor: refused('refused'), otherInstructor: refused('refused') } }],
    rightful: {
      who: 'student',
      args: (w) => [{ logId: w.logId, rating: 2 }],
      ok: is('ok'),
      check: async (w, pages) => expect((await progressOf(pages.student)).reviews.find((r) => r.id === w.logId)?.rating).toBe(2),
    },
  },
  [ANSWER_ROUTE]: {
    post: (caller, args) => postAnswer(caller, args[0]),
    probes: [{ label: 'the student’s card, its next review', args: (w) => [{ cardId: w.cardId, reviewIndex: 1, response: null, durationMs: 3000 }], by: STUDENT_OWNED }],
    rightful: {
      who: 'student',
      args: async (w, pages) => {
        const card = (await progressOf(pages.student)).cards.find((c) => c.id === w.cardId);
        if (!card) throw new Error('the student’s card is missing from the export');
        return [{ cardId: w.cardId, reviewIndex: 1, response: reviewQuestion(card, 1).answer, durationMs: 3000 }];
      },
      ok: (reply) => state(reply) === 'graded' && reply.state?.duplicate === false && reply.state?.correct === true,
    },
  },
  submitPractice: {
    probes: [{ label: 'the student’s card, its first practice question', args: (w) => [{ cardId: w.cardId, practiceIndex: 0, response: null, durationMs: 3000 }], by: STUDENT_OWNED }],
    rightful: {
      who: 'student',
      args: async (w, pages) => {
        const card = (await progressOf(pages.student)).cards.find((c) => c.id === w.cardId);
        if (!card) throw new Error('the student’s card is missing from the export');
        return [{ cardId: w.cardId, practiceIndex: 0, response: reviewQuestion(card, 0, practiceSeed).answer, durationMs: 3000 }];
      },
      ok: (reply) => state(reply) === 'graded' && reply.state?.duplicate === false && reply.state?.correct === true,
    },
  },
  undoLast: {
    probes: [{ label: 'undoes only the caller’s reviews', args: () => [], by: { anonymous: refused('unauthorized'), otherStudent: refused('nothing'), instructor: refused('nothing'), otherInstructor: refused('nothing') } }],
    rightful: {
      who: 'student',
      args: () => [],
      ok: (reply, w) => state(reply) === 'ok' && reply.state?.cardId === w.cardId,
      check: async (w, pages) => {
        const progress = await progressOf(pages.student);
        expect(progress.cards.find((c) => c.id === w.cardId)?.reviewCount).toBe(1);
        expect(progress.reviews.filter((r) => r.undoneAt !== null).map((r) => r.reviewIndex)).toEqual([1]);
      },
    },
  },
  changeSkillState: {
    probes: [{ label: 'suspends only the caller’s own cards', args: (w) => [IDLE, form({ cardId: w.cardId, change: 'suspend' })], by: STUDENT_OWNED }],
    rightful: {
      who: 'student',
      args: (w) => [IDLE, form({ cardId: w.cardId, change: 'unsuspend' })],
      ok: is('ok'),
    },
  },
  importProgressFile: {
    probes: [
      {
        label: 'the student’s export (their card and review ids) imported by someone else',
        args: (w) => [form({ file: new File([w.studentExport], 'progress.json', { type: 'application/json' }), confirm: 'on' })],
        by: { anonymous: refused('invalid'), otherStudent: ok(is('ok')), otherInstructor: ok(is('ok')) },
      },
    ],
    rightful: {
      who: 'student',
      args: (w) => [form({ file: new File([w.studentExport], 'progress.json', { type: 'application/json' }), confirm: 'on' })],
      ok: (reply) => state(reply) === 'ok' && reply.state?.reviews === 1,
    },
  },
  saveAttemptAnswer: {
    probes: [
      { label: 'another answer into the student’s attempt', args: (w) => [{ attemptId: w.attemptId, position: 0, response: w.otherOption, durationMs: 1000 }], by: STUDENT_OWNED },
    ],
    rightful: {
      who: 'student',
      args: (w) => [{ attemptId: w.attemptId, position: 0, response: w.otherOption, durationMs: 1000 }],
      ok: is('saved'),
    },
  },
  startAssignmentAttempt: {
    probes: [
      { label: 'the instructor’s assignment (not in its class)', args: (w) => [IDLE, form({ assignmentId: w.assignmentId })], by: STUDENT_OWNED },
      { label: 'the other instructor’s assignment (not in its class)', args: (w) => [IDLE, form({ assignmentId: w.otherAssignmentId })], by: { student: refused('not-found'), instructor: refused('not-found') } },
    ],
    rightful: { who: 'student', args: (w) => [IDLE, form({ assignmentId: w.assignmentId })], ok: (reply, w) => reply.redirect === `/assignments/${w.assignmentId}` },
  },
  submitAttemptAction: {
    probes: [{ label: 'hands in the student’s attempt', args: (w) => [{ attemptId: w.attemptId }], by: STUDENT_OWNED }],
    rightful: {
      who: 'student',
      args: (w) => [{ attemptId: w.attemptId }],
      ok: (reply) => state(reply) === 'submitted' && reply.state?.already === false,
      check: async (w, pages) => {
        await pages.student.goto(`/assignments/${w.assignmentId}`);
        await expect(pages.student.getByTestId('assignment-status')).toHaveAttribute('data-status', 'submitted');
      },
    },
  },
  createClassAction: {
    probes: [{ label: 'a class', args: () => [IDLE, form({ name: 'Intruder class' })], by: { ...TEACH_REFUSALS, otherInstructor: ok(is('ok')) } }],
    rightful: {
      who: 'instructor',
      args: () => [IDLE, form({ name: 'Second class' })],
      ok: is('ok'),
      check: async (_w, pages) => {
        await pages.instructor.goto('/teach');
        await expect(pages.instructor.getByTestId('class-list')).toContainText('Second class');
        await expect(pages.instructor.getByTestId('class-list')).not.toContainText('Intruder class');
      },
    },
  },
  createAssignmentAction: {
    probes: [
      { label: 'into the instructor’s class, from their set', args: (w) => [IDLE, assignmentFields(w, w.classId, w.setId, 'Crafted')], at: (w) => w.classPath, by: TEACH_REFUSALS },
      { label: 'into the other instructor’s own class, from the instructor’s set', args: (w) => [IDLE, assignmentFields(w, w.otherClassId, w.setId, 'Borrowed set')], at: (w) => w.classPath, by: { otherInstructor: refused('invalid') } },
      { label: 'into the instructor’s class, from the other instructor’s set', args: (w) => [IDLE, assignmentFields(w, w.classId, w.otherSetId, 'Pushed set')], at: (w) => w.classPath, by: { otherInstructor: refused('invalid') } },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, assignmentFields(w, w.classId, w.setId, 'Rightful second')],
      at: (w) => w.classPath,
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        await expect(pages.instructor.getByTestId('assignment-list').locator('li')).toHaveCount(2);
      },
    },
  },
  rescheduleAssignmentAction: {
    probes: [
      { label: 'the instructor’s assignment', args: (w) => [IDLE, reschedule(w.classId, w.assignmentId)], by: TEACH_REFUSALS },
      { label: 'the instructor’s assignment under the other instructor’s class', args: (w) => [IDLE, reschedule(w.otherClassId, w.assignmentId)], by: { otherInstructor: refused('invalid') } },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, reschedule(w.classId, w.assignmentId)],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        // Sent without a zone, the times are UTC; the list shows them in the viewer's zone.
        await expect(pages.instructor.getByTestId('assignment-list').locator(`time[datetime="${NEW_DUE}:00.000Z"]`)).toHaveCount(1);
      },
    },
  },
  setTimeMultiplierAction: {
    probes: [
      { label: 'extra time for the instructor’s student', args: (w) => [IDLE, form({ classId: w.classId, userId: w.studentId, multiplier: '2' })], by: TEACH_REFUSALS },
      { label: 'extra time for the student under the other instructor’s class', args: (w) => [IDLE, form({ classId: w.otherClassId, userId: w.studentId, multiplier: '2' })], by: { otherInstructor: refused('invalid') } },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, userId: w.studentId, multiplier: '1.5' })],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(`${w.classPath}/gradebook`);
        await expect(pages.instructor.getByTestId(`accommodation-${w.users.student.email}`)).toContainText('1.5');
      },
    },
  },
  setExtensionAction: {
    probes: [
      { label: 'an extension for the instructor’s student', args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId, userId: w.studentId, dueAt: EXTENDED_DUE })], by: TEACH_REFUSALS },
      {
        label: 'an extension of the instructor’s assignment under the other instructor’s class',
        args: (w) => [IDLE, form({ classId: w.otherClassId, assignmentId: w.assignmentId, userId: w.studentId, dueAt: EXTENDED_DUE })],
        by: { otherInstructor: refused('invalid') },
      },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId, userId: w.studentId, dueAt: EXTENDED_DUE })],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(`${w.classPath}/gradebook`);
        await expect(pages.instructor.getByTestId('gradebook').getByTestId('extension-mark')).toContainText(EXTENDED_DUE);
      },
    },
  },
  overrideScoreAction: {
    probes: [
      { label: 'a score in the student’s attempt', args: (w) => [IDLE, form({ classId: w.classId, attemptId: w.attemptId, position: '0', percent: '100', reason: 'crafted request' })], by: TEACH_REFUSALS },
      {
        label: 'a score in the student’s attempt under the other instructor’s class',
        args: (w) => [IDLE, form({ classId: w.otherClassId, attemptId: w.attemptId, position: '0', percent: '100', reason: 'crafted request' })],
        by: { otherInstructor: refused('invalid') },
      },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, attemptId: w.attemptId, position: '0', percent: '50', reason: 'Partial credit on review' })],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(`${w.classPath}/students/${w.studentId}`);
        await expect(pages.instructor.getByTestId('override-trail')).toContainText('Partial credit on review');
      },
    },
  },
  regradeAssignmentAction: {
    probes: [
      { label: 'the instructor’s assignment', args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId })], by: TEACH_REFUSALS },
      { label: 'the instructor’s assignment under the other instructor’s class', args: (w) => [IDLE, form({ classId: w.otherClassId, assignmentId: w.assignmentId })], by: { otherInstructor: refused('invalid') } },
    ],
    rightful: { who: 'instructor', args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId })], ok: is('regraded') },
  },
  startPreviewAction: {
    probes: [
      { label: 'a preview of the instructor’s assignment', args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId, restart: '1' })], by: TEACH_REFUSALS },
      {
        label: 'a preview of the instructor’s assignment under the other instructor’s class',
        args: (w) => [IDLE, form({ classId: w.otherClassId, assignmentId: w.assignmentId, restart: '0' })],
        by: { otherInstructor: refused('invalid') },
      },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, assignmentId: w.assignmentId, restart: '0' })],
      ok: (reply, w) => reply.redirect === `/teach/classes/${w.classId}/preview/${w.assignmentId}`,
      check: async (w, pages) => {
        await pages.instructor.goto(`${w.classPath}/preview/${w.assignmentId}`);
        await expect(pages.instructor.getByTestId('preview-badge')).toBeVisible();
        await expect(pages.instructor.getByTestId('navigator')).toBeVisible();
      },
    },
  },
  importRosterAction: {
    probes: [
      { label: 'an email onto the instructor’s roster', args: (w) => [IDLE, form({ classId: w.classId, emails: 'crafted@example.test', file: '' })], by: TEACH_REFUSALS },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, emails: 'invited-later@example.test', file: '' })],
      ok: is('imported'),
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        await expect(pages.instructor.getByTestId('pending-invitations')).toContainText('invited-later@example.test');
      },
    },
  },
  saveSetAction: {
    probes: [
      { label: 'the instructor’s set', args: (w) => [IDLE, form({ setId: w.setId, name: 'Renamed by someone', items: setItems })], by: TEACH_REFUSALS },
      { label: 'a new set (the caller’s own)', args: () => [IDLE, form({ name: 'Own set', items: setItems })], by: { student: refused('forbidden'), otherStudent: refused('forbidden'), otherInstructor: ok(redirectsTo(/^\/teach\/sets\/[^/?]+\?saved=1$/)) } },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ setId: w.setId, name: 'Renamed rightly', items: setItems })],
      ok: (reply, w) => reply.redirect === `/teach/sets/${w.setId}?saved=1`,
      check: async (w, pages) => {
        await pages.instructor.goto(`/teach/sets/${w.setId}`);
        await expect(pages.instructor.getByTestId('set-title')).toHaveText('Renamed rightly');
      },
    },
  },
  joinClass: {
    probes: [
      { label: 'a code nobody was given', args: () => [IDLE, form({ code: 'ZZZZ-ZZZZ' })], by: { anonymous: refused('unauthorized'), otherStudent: refused('unknown-code'), student: refused('unknown-code') } },
      { label: 'the class code, signed out', args: (w) => [IDLE, form({ code: w.joinCode })], by: { anonymous: refused('unauthorized') } },
    ],
    rightful: {
      who: 'otherStudent',
      args: (w) => [IDLE, form({ code: w.joinCode })],
      ok: (reply) => state(reply) === 'joined',
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        await expect(pages.instructor.getByTestId('roster')).toContainText(w.users.otherStudent.email);
      },
    },
  },
  regenerateCodeAction: {
    probes: [
      { label: 'the instructor’s class code', args: (w) => [IDLE, form({ classId: w.classId })], by: TEACH_REFUSALS },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId })],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        await expect(pages.instructor.getByTestId('join-code')).not.toHaveText(w.joinCode);
        // The old code no longer admits anyone.
        const late = new ActionCaller(pages.student.request, new URL(pages.instructor.url()).origin);
        expect(state(await late.call('joinClass', [IDLE, form({ code: w.joinCode })], '/classes'))).toBe('unknown-code');
      },
    },
  },
  removeStudentAction: {
    probes: [
      { label: 'the student from the instructor’s class', args: (w) => [IDLE, form({ classId: w.classId, userId: w.studentId })], by: TEACH_REFUSALS },
      { label: 'the student from the other instructor’s class (not in it)', args: (w) => [IDLE, form({ classId: w.otherClassId, userId: w.studentId })], by: { otherInstructor: refused('invalid') } },
    ],
    rightful: {
      who: 'instructor',
      args: (w) => [IDLE, form({ classId: w.classId, userId: w.otherStudentId })],
      ok: is('ok'),
      check: async (w, pages) => {
        await pages.instructor.goto(w.classPath);
        await expect(pages.instructor.getByTestId('roster')).not.toContainText(w.users.otherStudent.email);
        await expect(pages.instructor.getByTestId('roster')).toContainText(w.users.student.email);
      },
    },
  },
  startMock: {
    probes: [{ label: 'the caller’s own mock exam', args: () => [IDLE, form({ topic: ['lock'], count: '2', minutes: '5' })], by: SELF_ONLY(ok(redirectsTo(/^\/exams\/[^/]+$/))) }],
    rightful: { who: 'student', args: () => [IDLE, form({ topic: ['lock'], count: '2', minutes: '5' })], ok: redirectsTo(/^\/exams\/[^/]+$/) },
  },
};

/** A refusal: the listed status word, or for the signed-out the proxy's redirect to sign-in. */
function judge(reply: ActionReply, who: Who, outcome: Outcome, w: World): boolean {
  if (reply.status >= 500) return false;
  if ('ok' in outcome) return reply.status === 200 && outcome.ok(reply, w);
  if (who === 'anonymous' && reply.status >= 300 && reply.status < 400 && /\/sign-in\b/.test(reply.location ?? '')) return true;
  // a JSON route answers the signed-out with 401 and its status word
  const statusOk = reply.status === 200 || (reply.status === 401 && state(reply) === 'unauthorized');
  return statusOk && outcome.refused.includes(state(reply) as string);
}

test('every server action of the build: crafted calls with other users’ ids are refused and change nothing; rightful calls work', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const actions = builtActions();
  const names = actions.map((a) => a.name);
  expect(names.filter((n) => !(n in TABLE)), 'server actions in the build with no entry in TABLE: add their rows').toEqual([]);
  expect(Object.keys(TABLE).filter((n) => !names.includes(n) && !TABLE[n]?.post), 'TABLE entries for actions the build no longer has').toEqual([]);

  const origin = baseURL as string;
  const { users, pages } = await signedInCast(browser, { student: 'STUDENT', otherStudent: 'STUDENT', instructor: 'INSTRUCTOR', otherInstructor: 'INSTRUCTOR' });
  const callers = Object.fromEntries(Object.entries(pages).map(([who, page]) => [who, new ActionCaller(page.request, origin, actions)])) as Record<Who, ActionCaller>;

  // The instructors' classes, sets and assignments, made in the UI; each student joins one class.
  const teachSetup = async (who: 'instructor' | 'otherInstructor') => {
    const teach = new TeachPages(pages[who]);
    const klass = await teach.createClass(`${who} class`);
    await teach.createSet(`${who} set`, [{ generator: 'lock-holder', tier: 1, count: 2 }]);
    const setId = new URL(pages[who].url()).pathname.split('/').pop() as string;
    await teach.assign(klass.url, `${who} homework`);
    return { classUrl: klass.url, code: klass.code, setId };
  };
  const [mine, theirs] = await Promise.all([teachSetup('instructor'), teachSetup('otherInstructor')]);
  await Promise.all([new StudentClassesPage(pages.student).join(mine.code, 'You joined'), new StudentClassesPage(pages.otherStudent).join(theirs.code, 'You joined')]);
  const assignmentOf = async (page: Page) => {
    await page.goto('/assignments');
    return ((await page.locator('a[href^="/assignments/"]').first().getAttribute('href')) as string).split('/').pop() as string;
  };
  const memberId = async (page: Page, classUrl: string, email: string) => {
    await page.goto(classUrl);
    return (await page.getByTestId('roster').locator('li', { hasText: email }).locator('input[name="userId"]').getAttribute('value')) as string;
  };

  // The student's drill card, answered right once through the answer route (the log whose rating is at stake).
  expect(state(await callers.student.call('addTopics', [IDLE, form({ topic: ['lock'] })]))).toBe('ok');
  const fresh = await progressOf(pages.student);
  const card = fresh.cards[0]!;
  const answered = await postAnswer(callers.student, { cardId: card.id, reviewIndex: 0, response: reviewQuestion(card, 0).answer, durationMs: 4000 });
  expect(answered.state, describeReply(answered)).toMatchObject({ status: 'graded', correct: true });

  // The student's attempt at the instructor's assignment, with one answer saved.
  const assignmentId = await assignmentOf(pages.student);
  const started = await callers.student.call('startAssignmentAttempt', [IDLE, form({ assignmentId })], `/assignments/${assignmentId}`);
  expect(started.redirect, describeReply(started)).toBe(`/assignments/${assignmentId}`);
  await pages.student.goto(`/assignments/${assignmentId}`);
  await expect(pages.student.getByTestId('attempt-player')).toBeVisible();
  const options = await pages.student.getByTestId('attempt-question-0').locator('input[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option') as string));
  const attemptId = /attemptId\\?":\\?"([^"\\]+)/.exec(await pages.student.content())?.[1] ?? /attemptId\\?":\\?"([^"\\]+)/.exec(await (await pages.student.request.get(`/assignments/${assignmentId}`)).text())?.[1];
  expect(attemptId, 'the attempt id the student’s page posts answers with').toBeTruthy();
  const saved = await callers.student.call('saveAttemptAnswer', [{ attemptId, position: 0, response: options[0], durationMs: 2000 }], `/assignments/${assignmentId}`);
  expect(state(saved), describeReply(saved)).toBe('saved');

  const w: World = {
    users,
    classId: new URL(mine.classUrl).pathname.split('/').pop() as string,
    classPath: new URL(mine.classUrl).pathname,
    joinCode: mine.code,
    setId: mine.setId,
    assignmentId,
    otherClassId: new URL(theirs.classUrl).pathname.split('/').pop() as string,
    otherSetId: theirs.setId,
    otherAssignmentId: await assignmentOf(pages.otherStudent),
    studentId: await memberId(pages.instructor, mine.classUrl, users.student.email),
    otherStudentId: await memberId(pages.otherInstructor, theirs.classUrl, users.otherStudent.email),
    cardId: card.id,
    logId: answered.state?.logId as string,
    attemptId: attemptId as string,
    savedOption: options[0] as string,
    otherOption: options[1] as string,
    studentExport: await (await pages.student.request.get('/api/export/progress.json')).text(),
  };

  /** What the victims (the student and the instructor) see of everything at stake. */
  const views = async () => {
    const out: Record<string, string> = {};
    const { exportedAt: _, ...progress } = await progressOf(pages.student);
    out['student progress.json'] = JSON.stringify(progress);
    const look = async (who: 'student' | 'instructor', paths: readonly string[]) => {
      for (const path of paths) {
        await pages[who].goto(path, { waitUntil: 'domcontentloaded' });
        out[`${who} ${path}`] = await pages[who].locator('main').innerText();
      }
    };
    // The two victims' pages load side by side (each in its own browser context).
    await Promise.all([look('student', ['/home', '/classes', '/assignments', '/exams']), look('instructor', ['/teach', '/teach/sets', w.classPath, `/teach/sets/${w.setId}`])]);
    out['set editor'] = JSON.stringify(await pages.instructor.getByTestId('set-editor').locator('input, select').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)));
    const api = w.classPath.replace('/teach/', '/api/teach/');
    for (const csv of ['gradebook.csv', 'answers.csv', 'canvas.csv', 'moodle.csv']) out[csv] = await (await pages.instructor.request.get(`${api}/${csv}`)).text();
    return out;
  };
  const before = await views();

  // Phase 1: the calls that must be refused (or that touch only the caller's own data).
  const failures: string[] = [];
  let calls = 0;
  for (const [name, entry] of Object.entries(TABLE)) {
    for (const probe of entry.probes) {
      for (const [who, outcome] of Object.entries(probe.by) as [Who, Outcome][]) {
        const reply = entry.post ? await entry.post(callers[who], probe.args(w)) : await callers[who].call(name, probe.args(w), probe.at?.(w));
        calls += 1;
        if (!judge(reply, who, outcome, w)) failures.push(`${who} → ${name} (${probe.label}): ${describeReply(reply)}; expected ${'ok' in outcome ? 'success' : outcome.refused.join(' or ')}`);
      }
    }
  }
  // The signed-out may post any action at a public page (no proxy there): Next.js forwards it to
  // a page that holds the action, where the proxy stops it. Nothing may run.
  for (const [name, entry] of Object.entries(TABLE)) {
    const probe = entry.probes[0];
    const anonymousMayCall = entry.rightful.who === 'anonymous' || (probe?.by.anonymous !== undefined && 'ok' in probe.by.anonymous);
    if (!probe || anonymousMayCall || entry.post) continue;
    const reply = await callers.anonymous.call(name, probe.args(w), '/');
    calls += 1;
    const ran = reply.state !== null && !['unauthorized', 'invalid', 'forbidden'].includes(state(reply) as string);
    if (reply.status >= 500 || ran) failures.push(`anonymous → ${name} posted at /: ${describeReply(reply)}; expected no effect`);
  }
  expect(failures, `${calls} crafted calls`).toEqual([]);
  const after = await views();
  for (const key of Object.keys(before)) expect(after[key], `${key} changed by calls that were refused`).toBe(before[key]);

  // Phase 2: the rightful calls, each with its effect.
  for (const [name, entry] of Object.entries(TABLE)) {
    const { who, args, at, ok: works, check } = entry.rightful;
    const reply = entry.post ? await entry.post(callers[who], await args(w, pages)) : await callers[who].call(name, await args(w, pages), at?.(w));
    expect(works(reply, w) && reply.status < 500, `${who} → ${name}: ${describeReply(reply)}`).toBe(true);
    await check?.(w, pages);
  }

  for (const page of Object.values(pages)) await page.context().close();
});

/**
 * A page on another site can make a signed-in browser post to any action (the cookies go
 * along): Next.js refuses calls whose Origin is not this host. Every action of the build, posted
 * from another origin (and from the opaque origin "null" of a sandboxed frame), must be refused
 * with a clear 4xx — never a server error — and a refused write must change nothing.
 */
test('cross-site calls of every server action are refused with a 4xx and change nothing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  const { pages } = await signedInCast(browser, { student: 'STUDENT', instructor: 'INSTRUCTOR' });
  const failures: string[] = [];
  for (const foreign of ['http://evil.example', 'null']) {
    for (const action of builtActions()) {
      // The teach actions with an instructor's cookies, the others with a student's.
      const caller = new ActionCaller((action.module.includes('(teach)') ? pages.instructor : pages.student).request, origin);
      // Both encodings a cross-site form or fetch can send.
      for (const args of [[], [IDLE, form({ name: 'Cross-site class', topic: 'cow' })]]) {
        const reply = await caller.call(action.name, args, undefined, { Origin: foreign });
        if (reply.status < 400 || reply.status >= 500) failures.push(`Origin ${foreign} → ${action.name} (${args.length} args): ${describeReply(reply)}`);
      }
    }
  }
  // The drill answer route (not an action): the same refusal for another site's Origin.
  expect(state(await new ActionCaller(pages.student.request, origin).call('addTopics', [IDLE, form({ topic: ['lock'] })]))).toBe('ok');
  const card = (await progressOf(pages.student)).cards[0]!;
  for (const foreign of ['http://evil.example', 'null']) {
    const reply = await postAnswer(new ActionCaller(pages.student.request, origin), { cardId: card.id, reviewIndex: 0, response: reviewQuestion(card, 0).answer, durationMs: 1000 }, { Origin: foreign });
    if (reply.status !== 403) failures.push(`Origin ${foreign} → ${ANSWER_ROUTE}: ${describeReply(reply)}`);
  }
  expect(failures).toEqual([]);
  expect((await progressOf(pages.student)).reviews).toEqual([]);
  await new ActionCaller(pages.student.request, origin).call('removeTopic', [IDLE, form({ topic: ['lock'] })]);
  // The two writes above that would have changed something did not.
  expect((await progressOf(pages.student)).deckTopics).toEqual([]);
  await pages.instructor.goto('/teach');
  // The instructor has no class at all: the page says so, and no "Cross-site class" appears.
  await expect(pages.instructor.getByText('Cross-site class')).toHaveCount(0);
  await expect(pages.instructor.getByTestId('class-list')).toHaveCount(0);
  for (const page of Object.values(pages)) await page.context().close();
});
