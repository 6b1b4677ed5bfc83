import { expect, expectAccessible, newUser, test } from './fixtures';
import { AttemptPage } from './pages/attempt-page';
import { moveClock } from './pages/drill-page';

test('a student takes a timed mock exam, runs out of time, and sees the breakdown', async ({ page, context, baseURL, signUp }) => {
  test.setTimeout(120_000);
  await signUp(newUser());
  const exam = new AttemptPage(page);
  await exam.gotoMockExams();
  await expectAccessible(page);
  await exam.startMock(['lock'], 3, 5);
  await expect(page.getByTestId('time-left')).toBeVisible();
  await expect(page.locator('[data-testid^="attempt-question-"]')).toHaveCount(3);
  // Nothing about the answers reaches the page before submission.
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await expectAccessible(page);

  await exam.answerFirstOption(0);
  await expect(exam.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('verdict')).toHaveCount(0);

  // Time runs out on the server: the next answer is refused and the exam is handed in.
  await moveClock(context, baseURL as string, 6 * 60 * 1000);
  await exam.tryFirstOption(1);
  await expect(page.getByTestId('attempt-closed')).toContainText('Time is up');
  await page.getByTestId('see-results').click();

  await expect(page.getByTestId('attempt-result')).toBeVisible();
  await expect(page.getByTestId('timed-out')).toBeVisible();
  await expect(page.getByTestId('breakdown')).toBeVisible();
  await expect(page.getByTestId('breakdown-topics')).toContainText('threading.Lock');
  await expect(page.getByTestId('weak-skills')).toBeVisible();
  await expect(page.getByTestId('to-drills')).toHaveAttribute('href', '/drill');
  // Only the first answer counted; the refused one was not stored.
  await expect(exam.question(1).getByTestId('verdict')).toContainText('Not answered');
  await expect(page.getByTestId('submit-attempt')).toHaveCount(0);
  await expectAccessible(page);

  await exam.gotoMockExams();
  await expect(page.getByTestId('mock-list')).toContainText('Score');
});

test('the exam bar stays in view with the time, answered count and navigator; blanks and flags are confirmed; a refused answer never looks saved', async ({ page, context, baseURL, signUp }) => {
  test.setTimeout(120_000);
  await signUp(newUser());
  const exam = new AttemptPage(page);
  await exam.gotoMockExams();
  await exam.startMock(['lock'], 3, 10);
  const bar = page.getByTestId('attempt-bar');
  await expect(page.getByTestId('answered-count')).toHaveText('0 of 3 answered');

  await exam.answerFirstOption(0);
  await expect(exam.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('answered-count')).toHaveText('1 of 3 answered');
  await expect(page.getByTestId('nav-0')).toHaveAttribute('data-answered', 'true');
  await exam.question(2).getByTestId('flag').click();
  await expect(page.getByTestId('nav-2')).toHaveAttribute('data-flagged', 'true');
  await expect(page.getByTestId('nav-2')).toHaveAccessibleName('Question 3: not answered, flagged');
  // Flags survive a reload (kept in this browser).
  await page.reload();
  await expect(page.getByTestId('nav-2')).toHaveAttribute('data-flagged', 'true');

  // At the bottom of the page the bar, with the time, is still in view; the navigator jumps.
  await page.getByTestId('submit-attempt').scrollIntoViewIfNeeded();
  await expect(bar).toBeInViewport();
  await expect(page.getByTestId('time-left')).toBeInViewport();
  await page.getByTestId('nav-0').click();
  await expect(page).toHaveURL(/#question-1$/);

  // Handing in with blanks and a flag asks first; keep working changes nothing.
  await page.getByTestId('submit-attempt').click();
  await expect(page.getByTestId('review-blanks')).toHaveText('2 questions are not answered (2, 3); unanswered questions score 0.');
  await expect(page.getByTestId('review-flagged')).toHaveText('Flagged for review: 3.');
  await page.getByTestId('keep-working').click();
  await expect(page.getByTestId('attempt-result')).toHaveCount(0);

  // Another tab hands the exam in; this tab's next answer is refused and does not look saved.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByTestId('submit-attempt').click();
  await other.getByTestId('confirm-hand-in').click();
  await expect(other.getByTestId('attempt-result')).toBeVisible();
  // After handing in, the page shows the score from the top.
  expect(await other.evaluate(() => window.scrollY)).toBe(0);
  await exam.tryFirstOption(1);
  await expect(exam.saveStatus(1)).toHaveText('Not saved: this attempt has already been handed in.');
  await expect(exam.question(1).locator('input[data-option]:checked')).toHaveCount(0);
  await expect(page.getByTestId('attempt-closed')).toBeInViewport();
  await other.close();

  // Time warnings: a second exam with 5 minutes and a few seconds left announces "5 minutes left".
  await exam.gotoMockExams();
  await exam.startMock(['lock'], 1, 10);
  await moveClock(context, baseURL as string, 10 * 60_000 - 5 * 60_000 - 3_000);
  await page.reload();
  await expect(page.getByTestId('time-warning')).toHaveText('5 minutes left.', { timeout: 15_000 });
});

