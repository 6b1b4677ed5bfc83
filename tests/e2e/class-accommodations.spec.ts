/**
 * Accommodations and grading control, as an instructor runs a course: one student has extra
 * time, one an extension; both take a timed class exam; the instructor overrides a score with a
 * reason and regrades; every number on the gradebook and the student page is checked against
 * what the students saw. English and Korean; axe on the new page.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { SiteHeader } from './pages/auth-pages';
import { AttemptPage } from './pages/attempt-page';
import { StudentGradingPage, gradebookCell } from './pages/grading-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

const HOUR = 3_600_000;
const utcLocal = (d: Date) => d.toISOString().slice(0, 16);
/** The total of question scores in percent, blanks counting 0 (the hand-in rule). */
const mean = (xs: (number | null)[]) => Math.round(xs.reduce((a: number, b) => a + (b ?? 0), 0) / xs.length);

async function open(page: Page, title: string) {
  await page.goto('/assignments');
  await page.getByRole('link', { name: title }).click();
}

/**
 * Starts the assignment (unless its attempt is open on the page), answers the first option of the
 * given questions of `count`, hands in (confirming blanks); returns the score shown.
 */
async function takeAndHandIn(page: Page, answer: number[], count: number): Promise<number> {
  if (!(await page.getByTestId('attempt-player').isVisible())) await page.getByTestId('start-attempt').click();
  const attempt = new AttemptPage(page);
  await expect(page.getByTestId('attempt-player')).toBeVisible();
  for (const i of answer) {
    await attempt.answerFirstOption(i);
    await expect(attempt.saveStatus(i)).toHaveAttribute('data-status', 'saved');
  }
  await page.getByTestId('submit-attempt').click();
  if (answer.length < count) {
    await expect(page.getByTestId('review-blanks')).toBeVisible();
    await page.getByTestId('confirm-hand-in').click();
  }
  const score = page.getByTestId('attempt-score');
  await expect(score).toBeVisible();
  return Number(/(\d+)%/.exec((await score.textContent()) ?? '')?.[1]);
}

test('extra time and an extension in a timed class exam; override, regrade, gradebook numbers; Korean and English', async ({ browser }) => {
  test.setTimeout(240_000);
  const teacher = newUser('INSTRUCTOR');
  const [ana, ben] = [newUser(), newUser()];
  const page = await signedInPage(browser, teacher);
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Systems 201');
  await teach.createSet('Locks', [{ generator: 'acquire-result', tier: 2, count: 2 }]);
  const now = Date.now();
  await teach.assign(klass.url, 'Midterm', { kind: 'exam', opensAt: new Date(now - HOUR), dueAt: new Date(now + 2 * HOUR), timeLimitMinutes: 10, lockdown: false });
  await teach.assign(klass.url, 'Homework 1', { opensAt: new Date(now - 2 * HOUR), dueAt: new Date(now - HOUR) });

  const anaPage = await signedInPage(browser, ana);
  const benPage = await signedInPage(browser, ben);
  await new StudentClassesPage(anaPage).join(klass.code, 'Systems 201');
  await new StudentClassesPage(benPage).join(klass.code, 'Systems 201');

  // Ana gets 1.5× time (from the roster), Ben an extension of the closed homework (from the gradebook).
  const grading = new StudentGradingPage(page);
  await page.goto(klass.url);
  await page.getByTestId(`manage-${ana.email}`).click();
  await grading.setMultiplier('1.5');
  const extendedTo = utcLocal(new Date(now + 24 * HOUR));
  await grading.openFromGradebook(klass.url, ben.email);
  await grading.setExtension('Homework 1', extendedTo);
  await expect(page.getByTestId('extension-Homework 1').locator('input[type=datetime-local]')).toHaveValue(extendedTo);
  // An "extension" before the class's due time is refused with a message.
  await grading.page.getByTestId('extension-Midterm').locator('input[type=datetime-local]').fill(utcLocal(new Date(now + HOUR)));
  await grading.page.getByTestId('extension-Midterm').getByRole('button').click();
  await expect(page.getByTestId('extension-Midterm').getByTestId('extension-invalid')).toContainText('after the class');

  // The exam: Ana's clock starts at 15 minutes, Ben's at 10.
  await open(anaPage, 'Midterm');
  await anaPage.getByTestId('start-attempt').click();
  await expect(anaPage.getByTestId('attempt-player')).toBeVisible();
  await expect(anaPage.getByTestId('time-left').getByRole('timer')).toHaveText(/^(15:00|14:\d\d)$/);
  await open(benPage, 'Midterm');
  await benPage.getByTestId('start-attempt').click();
  await expect(benPage.getByTestId('attempt-player')).toBeVisible();
  await expect(benPage.getByTestId('time-left').getByRole('timer')).toHaveText(/^(10:00|09:\d\d)$/);
  const anaExam = await takeAndHandIn(anaPage, [0, 1], 2);
  // Ben hands in with a blank after confirming.
  const benExam = await takeAndHandIn(benPage, [0], 2);

  // The homework: closed for Ana, open for Ben until his own due time, and not late.
  await open(anaPage, 'Homework 1');
  await expect(anaPage.getByTestId('start-attempt')).toHaveCount(0);
  // Past her due time Ana may practise each question as a fresh variant (no seed in the link);
  // Ben, whose own due time is still ahead, gets no such links yet.
  const practice = anaPage.getByTestId('fresh-practice').getByRole('link');
  await expect(practice).toHaveCount(2);
  expect(await practice.first().getAttribute('href')).toMatch(/^\/practice\/acquire-result\?tier=2$/);
  await practice.first().click();
  await expect(anaPage).toHaveURL(/\/practice\/acquire-result\?tier=2&seed=\d+/);
  await open(benPage, 'Homework 1');
  const benHomework = await takeAndHandIn(benPage, [0, 1], 2);
  await open(benPage, 'Homework 1');
  await expect(benPage.getByTestId('fresh-practice')).toHaveCount(0);

  // Gradebook: marks, statuses and numbers as the students saw them.
  await page.goto(`${klass.url}/gradebook`);
  await expect(page.getByTestId(`accommodation-${ana.email}`)).toContainText('1.5× time');
  await expect(page.getByTestId(`cell-${ben.email}-Homework 1`).getByTestId('extension-mark')).toContainText(`due ${extendedTo} UTC`);
  expect(await gradebookCell(page, ana.email, 'Midterm')).toMatchObject({ percent: anaExam });
  expect((await gradebookCell(page, ana.email, 'Midterm')).text).toContain('submitted');
  expect(await gradebookCell(page, ben.email, 'Midterm')).toMatchObject({ percent: benExam });
  const benHw = await gradebookCell(page, ben.email, 'Homework 1');
  expect(benHw).toMatchObject({ percent: benHomework });
  expect(benHw.text).toContain('submitted');
  expect(benHw.text).not.toContain('late');
  expect((await gradebookCell(page, ana.email, 'Homework 1')).text).toContain('not started');

  // Ben's page: question scores add up to the total; his blank scores 0.
  await grading.openFromGradebook(klass.url, ben.email);
  const benScores = await grading.questionScores('Midterm', 1, 2);
  expect(benScores[1]).toBeNull();
  expect(benScores[0]).not.toBeNull();
  expect(mean(benScores)).toBe(benExam);
  expect(await grading.total('Midterm')).toBe(benExam);
  expect(mean(await grading.questionScores('Homework 1', 1, 2))).toBe(benHomework);

  // Override his answered question to 50% with a reason; the trail and the totals follow.
  await expect(page.getByTestId('override-trail')).toHaveCount(0);
  await grading.override('Midterm', 1, 1, 50, 'Right lock, wrong order: half credit');
  await page.reload();
  await expect(page.getByTestId('override-trail')).toContainText(`${benScores[0]}% → 50%`);
  await expect(page.getByTestId('override-trail')).toContainText('Right lock, wrong order: half credit');
  await expect(page.getByTestId('override-trail')).toContainText(teacher.name);
  const overridden = mean([50, 0]);
  expect(await grading.total('Midterm')).toBe(overridden);
  await expect(page.getByTestId('question-Midterm-1-1')).toContainText('overridden');

  // A regrade finds the answers as graded, and keeps (and reports) the override.
  const report = await grading.regrade('Midterm');
  await expect(report).toContainText('Regraded 3 answers: 1 change.');
  await expect(report).toContainText(`${ben.name} · Question 1: 50% → ${benScores[0]}% (override kept)`);
  await page.reload();
  expect(await grading.total('Midterm')).toBe(overridden);

  await page.goto(`${klass.url}/gradebook`);
  expect(await gradebookCell(page, ben.email, 'Midterm')).toMatchObject({ percent: overridden });
  expect(await gradebookCell(page, ana.email, 'Midterm')).toMatchObject({ percent: anaExam });
  await benPage.goto('/assignments');
  await expect(benPage.getByTestId('assignment-list')).toContainText(`${overridden}%`);

  // Roster import: an unknown email is invited and joins on sign-up; an instructor and a line
  // without an email are refused, each with its own message.
  const carol = newUser();
  await page.goto(klass.url);
  await page.getByTestId('roster-import-toggle').click();
  await page.locator('#roster-emails').fill(`${carol.email}\n${ana.email}\n${teacher.email}\nnot an email`);
  await page.getByTestId('roster-import').getByRole('button', { name: 'Import' }).click();
  const results = page.getByTestId('roster-results').locator('li');
  await expect(results).toHaveText([
    `Line 1 (${carol.email}): invited: joins on sign-up.`,
    `Line 2 (${ana.email}): already in the class.`,
    `Line 3 (${teacher.email}): refused: this is an instructor account.`,
    'Line 4 (not an email): refused: no single email address on this line.',
  ]);
  await page.reload();
  await expect(page.getByTestId('pending-invitations')).toHaveText(carol.email);
  await expectAccessible(page);
  const carolPage = await signedInPage(browser, carol);
  await carolPage.goto('/assignments');
  await expect(carolPage.getByRole('link', { name: 'Midterm' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('roster')).toContainText(carol.email);
  await expect(page.getByTestId('pending-invitations')).toHaveCount(0);

  // The new page in English and in Korean, axe clean in both.
  await grading.openFromGradebook(klass.url, ana.email);
  await expect(page.locator('#multiplier')).toHaveValue('1.5');
  await expectAccessible(page);
  await new SiteHeader(page).switchLanguage('ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${ana.name}: 편의 제공과 채점`);
  await expect(page.getByRole('heading', { name: '추가 시간' })).toBeVisible();
  await expectAccessible(page);
  await grading.openFromGradebook(klass.url, ben.email);
  await expect(page.getByRole('heading', { name: '점수 조정 기록' })).toBeVisible();
  await expect(page.getByTestId('override-trail')).toContainText('Right lock, wrong order: half credit');
  await expectAccessible(page);
});
