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
  await exam.answerFirstOption(1);
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
