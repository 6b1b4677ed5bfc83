import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { buildQuestion } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { AttemptPage } from './pages/attempt-page';
import { moveClock } from './pages/drill-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Parses one of the instructor's CSV exports (UTF-8 with a BOM, a header row). */
async function csvRows(page: Page, url: string): Promise<Record<string, string>[]> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const text = (await response.text()).replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
}

/** Opens the student's only assignment with this title and starts (or resumes) it. */
async function openAssignment(page: Page, title: string) {
  await page.goto('/assignments');
  await page.getByRole('link', { name: title }).click();
  await page.getByTestId('start-attempt').click();
  await expect(page.getByTestId('attempt-player')).toBeVisible();
}

/**
 * The questions of a student's open attempt, rebuilt by the engine from the seeds the
 * instructor's answers.csv lists as soon as the attempt has started (the student's page never
 * shows a seed: with it the practice page would give the answer away).
 */
async function questionsOf(instructor: Page, api: string, email: string, assignment: string) {
  const rows = (await csvRows(instructor, `${api}/answers.csv`))
    .filter((r) => r.email === email && r.assignment === assignment)
    .sort((a, b) => Number(a.question) - Number(b.question));
  return rows.map((r) => ({
    seed: r.seed as string,
    question: buildQuestion({ generator: r.generator as string, version: Number(r.version), seed: Number(r.seed), tier: Number(r.tier) as Tier }),
  }));
}

/** Answers each question right or wrong as planned (choice questions); returns the option ids given. */
async function answerAsPlanned(attempt: AttemptPage, questions: { question: Question }[], plan: readonly boolean[]) {
  const given: string[] = [];
  for (const [i, { question }] of questions.entries()) {
    if (question.response.kind !== 'choice') throw new Error(`expected a choice question, got ${question.response.kind}`);
    const option = plan[i] ? (question.answer as string) : (question.response.options.find((o) => o.id !== question.answer)?.id as string);
    await attempt.question(i).locator(`input[data-option="${option}"]`).check();
    await expect(attempt.saveStatus(i)).toHaveAttribute('data-status', 'saved');
    // Answers show after each question here: the verdict agrees with the engine.
    await expect(attempt.question(i).getByTestId('verdict')).toHaveAttribute('data-correct', String(plan[i]));
    given.push(option);
  }
  return given;
}

test('two students take an assignment with their own variants, one of them late; gradebook and CSVs agree', async ({ page, browser, signUp, baseURL }) => {
  test.setTimeout(240_000);
  await signUp(newUser('INSTRUCTOR'));
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Threads 201');
  await teach.createSet('Lock drills', [
    { generator: 'lock-holder', tier: 1, count: 2 },
    { generator: 'acquire-result', tier: 1, count: 1 },
  ]);
  const opened = new Date(Date.now() - HOUR);
  await teach.assign(klass.url, 'Problem set 1', {
    opensAt: opened,
    dueAt: new Date(Date.now() + 2 * HOUR),
    seedPolicy: 'per-student',
    showAnswers: 'after-question',
    latePolicy: 'penalty',
    latePenalty: 0.25,
  });

  const alice = newUser('STUDENT');
  const bob = newUser('STUDENT');
  const pages = { alice: await signedInPage(browser, alice), bob: await signedInPage(browser, bob) };
  for (const p of Object.values(pages)) await new StudentClassesPage(p).join(klass.code, 'You joined Threads 201');

  const api = new URL(klass.url).pathname.replace('/teach/classes/', '/api/teach/classes/');

  // Alice answers two of three right on time and hands in.
  await openAssignment(pages.alice, 'Problem set 1');
  const aliceQuestions = await questionsOf(page, api, alice.email, 'Problem set 1');
  expect(aliceQuestions).toHaveLength(3);
  const alicePlan = [true, false, true];
  const aliceGiven = await answerAsPlanned(new AttemptPage(pages.alice), aliceQuestions, alicePlan);
  await pages.alice.getByTestId('submit-attempt').click();
  await expect(pages.alice.getByTestId('attempt-score')).toHaveText('Score: 67%');
  await expect(pages.alice.getByTestId('assignment-status')).toHaveAttribute('data-status', 'submitted');
  await expectAccessible(pages.alice);
  // Her weak skill is not in her drills yet; she adds its topic from the result page.
  await expect(pages.alice.getByTestId('weak-lock-holder')).toHaveAttribute('data-in-drills', 'false');
  await pages.alice.getByTestId('add-weak-topics').click();
  await expect(pages.alice.getByTestId('weak-lock-holder')).toHaveAttribute('data-in-drills', 'true');
  await pages.alice.goto('/drill');
  await expect(pages.alice.getByTestId('deck-topic-lock')).toBeVisible();

  // Bob comes back three hours later, after the due time: late work is taken with the 25% penalty.
  await moveClock(pages.bob.context(), baseURL as string, 3 * HOUR);
  await openAssignment(pages.bob, 'Problem set 1');
  const bobQuestions = await questionsOf(page, api, bob.email, 'Problem set 1');
  const bobPlan = [true, true, false];
  const bobGiven = await answerAsPlanned(new AttemptPage(pages.bob), bobQuestions, bobPlan);
  await pages.bob.getByTestId('submit-attempt').click();
  await expect(pages.bob.getByTestId('attempt-score')).toHaveText('Score: 50%');
  await expect(pages.bob.getByText('Submitted late: the late penalty was applied.')).toBeVisible();
  await expect(pages.bob.getByTestId('assignment-status')).toHaveAttribute('data-status', 'late');

  // Each student got their own variants.
  aliceQuestions.forEach((q, i) => expect(q.seed).not.toBe(bobQuestions[i]?.seed));

  // The gradebook: each student's score and status.
  await page.goto(`${klass.url}/gradebook`);
  await expect(page.getByTestId(`cell-${alice.email}-Problem set 1`)).toHaveText('67% · submitted');
  await expect(page.getByTestId(`cell-${bob.email}-Problem set 1`)).toHaveText('50% · late');
  // Per-question statistics over both students: answered by 2, mean score 100%, 50%, 50%.
  const stats = page.getByTestId('stats-Problem set 1').locator('tbody tr');
  await expect(stats).toHaveCount(3);
  for (const [i, mean] of ['100%', '50%', '50%'].entries()) {
    await expect(stats.nth(i).locator('td').nth(1)).toHaveText('2');
    await expect(stats.nth(i).locator('td').nth(2)).toHaveText(mean);
  }
  await expectAccessible(page);

  const book = await csvRows(page, `${api}/gradebook.csv`);
  const bookRow = (email: string) => book.find((r) => r.email === email) as Record<string, string>;
  expect(bookRow(alice.email)['Problem set 1 score']).toBe('66.7');
  expect(bookRow(alice.email)['Problem set 1 status']).toBe('submitted');
  expect(bookRow(bob.email)['Problem set 1 score']).toBe('50');
  expect(bookRow(bob.email)['Problem set 1 status']).toBe('late');

  // Every answer row: the variant, what each student chose, the engine's answer, the score.
  const answers = await csvRows(page, `${api}/answers.csv`);
  for (const [email, questions, plan, given] of [
    [alice.email, aliceQuestions, alicePlan, aliceGiven],
    [bob.email, bobQuestions, bobPlan, bobGiven],
  ] as const) {
    const rows = answers.filter((r) => r.email === email).sort((a, b) => Number(a.question) - Number(b.question));
    expect(rows.map((r) => r.generator)).toEqual(['lock-holder', 'lock-holder', 'acquire-result']);
    rows.forEach((r, i) => {
      expect(r.seed).toBe(questions[i]!.seed);
      expect(JSON.parse(r.submitted_answer as string)).toBe(given[i]);
      expect(Number(r.score)).toBe(plan[i] ? 1 : 0);
      expect(r.true_answer).not.toBe('');
    });
  }

  // The student detail lists that student's seeds only.
  await page.getByRole('link', { name: alice.name, exact: true }).click();
  const detail = page.getByTestId('student-detail');
  for (const { seed } of aliceQuestions) await expect(detail).toContainText(seed);
  await expect(detail).not.toContainText(bobQuestions[0]!.seed);

  for (const p of Object.values(pages)) await p.context().close();
});

test("an instructor's timed exam submits itself when the time runs out, in the page and in the gradebook", async ({ page, browser, signUp, baseURL }) => {
  test.setTimeout(180_000);
  await signUp(newUser('INSTRUCTOR'));
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Exam class');
  await teach.createSet('Exam set', [{ generator: 'lock-holder', tier: 1, count: 2 }]);
  await teach.assign(klass.url, 'Midterm', { kind: 'exam', opensAt: new Date(Date.now() - MINUTE), dueAt: new Date(Date.now() + 2 * HOUR), timeLimitMinutes: 10 });

  const carol = newUser('STUDENT');
  const dave = newUser('STUDENT');
  const carolPage = await signedInPage(browser, carol);
  const davePage = await signedInPage(browser, dave);
  for (const p of [carolPage, davePage]) await new StudentClassesPage(p).join(klass.code, 'You joined Exam class');

  // Carol answers one question, then her time runs out while the page is open.
  await openAssignment(carolPage, 'Midterm');
  const carolExam = new AttemptPage(carolPage);
  await expect(carolPage.getByTestId('time-left')).toBeVisible();
  const api = new URL(klass.url).pathname.replace('/teach/classes/', '/api/teach/classes/');
  const [first] = await questionsOf(page, api, carol.email, 'Midterm');
  await carolExam.question(0).locator(`input[data-option="${first!.question.answer as string}"]`).check();
  await expect(carolExam.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  // No answers or explanations during an exam.
  await expect(carolPage.getByTestId('verdict')).toHaveCount(0);
  await moveClock(carolPage.context(), baseURL as string, 11 * MINUTE);
  await carolExam.tryFirstOption(1);
  await expect(carolPage.getByTestId('attempt-closed')).toContainText('Time is up');
  await carolPage.getByTestId('see-results').click();
  await expect(carolPage.getByTestId('timed-out')).toBeVisible();
  await expect(carolExam.question(1).getByTestId('verdict')).toContainText('Not answered');
  // One attempt only: no way to start again.
  await expect(carolPage.getByTestId('start-attempt')).toHaveCount(0);

  // Dave starts and closes the tab; he never comes back.
  await openAssignment(davePage, 'Midterm');
  await davePage.context().close();

  // Twenty minutes later the instructor's gradebook shows both exams handed in, none in progress.
  await moveClock(page.context(), baseURL as string, 20 * MINUTE);
  await page.goto(`${klass.url}/gradebook`);
  await expect(page.getByTestId(`cell-${dave.email}-Midterm`)).toHaveText('0% · submitted');
  await expect(page.getByTestId(`cell-${carol.email}-Midterm`)).toHaveText('50% · submitted');
  const answers = await csvRows(page, `${api}/answers.csv`);
  // Carol's refused late answer was not stored.
  const carolRows = answers.filter((r) => r.email === carol.email).sort((a, b) => Number(a.question) - Number(b.question));
  expect(carolRows.map((r) => r.submitted_answer === '')).toEqual([false, true]);
  await carolPage.context().close();
});
