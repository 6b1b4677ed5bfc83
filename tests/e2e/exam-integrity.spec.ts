/**
 * Exam integrity, tried as a student who wants the answers would: everything the browser
 * receives while a class exam runs (HTML, RSC payloads, action replies) is searched for the
 * questions' refs, and the practice page, the practice grader and drill reviews are tried with
 * the exam's real refs (read from the instructor's CSV, which the student never sees).
 */
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { buildQuestion } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { expect, newUser, signedInPage, test } from './fixtures';
import { AttemptPage, recordResponses } from './pages/attempt-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Grades a practice answer through the real checkAnswer action as `page`'s user, for this ref. */
async function checkAnswerAs(page: Page, action: { url: string; headers: Record<string, string>; body: string }, ref: { generator: string; version: number; seed: number; tier: number }) {
  const args = JSON.parse(action.body) as [Record<string, unknown>];
  const body = JSON.stringify([{ ...args[0], ...ref }]);
  const response = await page.request.post(action.url, { headers: action.headers, data: body, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

test('while a class exam runs nothing the student receives gives an answer away; exam mode locks practice and drills; released questions link to practice', async ({ page, browser, signUp, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL as string;
  await signUp(newUser('INSTRUCTOR'));
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Integrity class');
  await teach.createSet('Integrity set', [
    { generator: 'lock-holder', tier: 1, count: 2 },
    { generator: 'acquire-result', tier: 1, count: 1 },
  ]);
  await teach.assign(klass.url, 'Final', { kind: 'exam', opensAt: new Date(Date.now() - MINUTE), dueAt: new Date(Date.now() + 2 * HOUR), timeLimitMinutes: 30 });
  // Exam mode is on by default, and the instructor's list says so.
  await expect(page.getByTestId('assignment-list')).toContainText('30 min limit');
  await expect(page.getByTestId('exam-mode')).toHaveCount(1);

  // The practice grader's real request, captured from an anonymous visitor's practice page.
  const visitor = await signedInPage(browser, null);
  await visitor.goto('/practice/lock-holder?tier=1&seed=1');
  const [request] = await Promise.all([
    visitor.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined),
    (async () => {
      await visitor.locator('input[data-option]').first().check();
      await visitor.getByTestId('check').click();
    })(),
  ]);
  const headers = Object.fromEntries(['next-action', 'content-type', 'accept', 'next-router-state-tree'].filter((h) => request.headers()[h]).map((h) => [h, request.headers()[h] as string]));
  const grader = { url: request.url(), headers, body: request.postData() ?? '' };

  const student = newUser('STUDENT');
  const studentPage = await signedInPage(browser, student);
  await new StudentClassesPage(studentPage).join(klass.code, 'You joined Integrity class');
  const seen = await recordResponses(studentPage, origin);
  await studentPage.goto('/assignments');
  await studentPage.getByRole('link', { name: 'Final' }).click();
  await studentPage.getByTestId('start-attempt').click();
  await expect(studentPage.getByTestId('attempt-player')).toBeVisible();
  const exam = new AttemptPage(studentPage);
  await exam.answerFirstOption(0);
  await expect(exam.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  await studentPage.reload();
  await expect(studentPage.getByTestId('attempt-player')).toBeVisible();

  // The exam's refs, as the instructor's export lists them.
  const api = new URL(klass.url).pathname.replace('/teach/classes/', '/api/teach/classes/');
  const csv = await page.request.get(`${api}/answers.csv`);
  const rows = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\ufeff/, '').trim(), { header: true }).data.filter((r) => r.email === student.email);
  expect(rows).toHaveLength(3);
  const refs = rows.map((r) => ({ generator: r.generator as string, version: Number(r.version), seed: Number(r.seed), tier: Number(r.tier) as Tier }));
  // Seeds are drawn from 2^53 with the server's secret: none fits the 32-bit practice space.
  for (const ref of refs) expect(ref.seed).toBeGreaterThan(2 ** 32);

  expect(seen.bodies.length).toBeGreaterThan(3);
  const received = seen.bodies.join('\n');
  // Pages, RSC payloads and action replies, not only the first HTML.
  expect(received).toContain('attempt-question-0');
  for (const ref of refs) {
    expect(received, 'a seed of the running exam reached the browser').not.toContain(String(ref.seed));
    expect(received, 'a generator id of the running exam reached the browser').not.toContain(ref.generator);
  }
  // No question object carries a ref ({generator, version, seed, tier}) either.
  const ref = /\\?"ref\\?":\s*\{/.exec(received);
  expect(ref && received.slice(Math.max(0, ref.index - 120), ref.index + 80)).toBeNull();

  // Exam mode: practice (even with the exam's own ref), the grader and drill reviews refuse.
  for (const ref of refs) {
    await studentPage.goto(`/practice/${ref.generator}?tier=${ref.tier}&seed=${ref.seed}&v=${ref.version}`);
    await expect(studentPage.getByTestId('lockdown')).toContainText('You are in a timed exam until');
    await expect(studentPage.getByTestId('question-ref')).toHaveCount(0);
    const graded = await checkAnswerAs(studentPage, grader, ref);
    expect(graded.status).toBe(200);
    expect(graded.text).toContain('"locked"');
    expect(graded.text).not.toContain('"answer"');
  }
  await studentPage.goto('/practice');
  await expect(studentPage.getByTestId('lockdown')).toBeVisible();
  await studentPage.goto('/drill/review');
  await expect(studentPage.getByTestId('lockdown')).toBeVisible();
  // The drill answer route refuses too, before it looks at the card.
  const drilled = await studentPage.request.post('/api/drill/answer', { headers: { 'Content-Type': 'application/json', Origin: new URL(studentPage.url()).origin }, data: Buffer.from(JSON.stringify({ cardId: 'any-card', reviewIndex: 0, response: 'x', durationMs: 1000 })) });
  expect(drilled.status()).toBe(200);
  const drilledText = await drilled.text();
  expect(drilledText).toContain('"locked"');
  // the notice the route's handler translates outside Next's request scope, in the student's language
  expect((JSON.parse(drilledText) as { message?: string }).message).toMatch(/^You are in a timed exam until .+\. Practice and drill reviews open again/);
  expect(drilledText).not.toContain('"answer"');
  await studentPage.getByTestId('lockdown-back').click();
  await expect(studentPage.getByTestId('attempt-player')).toBeVisible();

  // Handed in, the answers are released: each question links to its practice page, which
  // now opens (the lockdown has ended) on the very same question.
  await studentPage.getByTestId('submit-attempt').click();
  await studentPage.getByTestId('confirm-hand-in').click();
  await expect(studentPage.getByTestId('attempt-result')).toBeVisible();
  const links = studentPage.getByTestId('practice-link');
  await expect(links).toHaveCount(3);
  const first = buildQuestion(refs[0]!);
  await links.first().click();
  await expect(studentPage.getByTestId('question-ref')).toContainText(`seed ${refs[0]!.seed}`);
  await expect(studentPage.getByRole('heading', { level: 1 })).toHaveText(first.title.en);
  expect((await checkAnswerAs(studentPage, grader, refs[0]!)).text).toContain('"graded"');
  await Promise.all([visitor.context().close(), studentPage.context().close()]);
});

test('a mock exam in exam mode locks practice until it is handed in; one without exam mode does not', async ({ page, signUp }) => {
  test.setTimeout(120_000);
  await signUp(newUser());
  const exam = new AttemptPage(page);
  await exam.gotoMockExams();
  await exam.startMock(['lock'], 2, 10);
  await page.goto('/practice/lock-holder?tier=1&seed=5');
  await expect(page.getByTestId('question-ref')).toBeVisible();

  await exam.gotoMockExams();
  await exam.startMock(['lock'], 2, 10, { lockdown: true });
  const examUrl = page.url();
  await page.goto('/practice/lock-holder?tier=1&seed=5');
  await expect(page.getByTestId('lockdown')).toContainText('You are in a timed exam until');
  await page.goto(examUrl);
  await page.getByTestId('submit-attempt').click();
  await page.getByTestId('confirm-hand-in').click();
  await expect(page.getByTestId('attempt-result')).toBeVisible();
  await page.goto('/practice/lock-holder?tier=1&seed=5');
  await expect(page.getByTestId('question-ref')).toBeVisible();
});
